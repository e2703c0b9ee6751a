import nodemailer from 'nodemailer';
import { getAppContext } from '../../context.ts';
import { findUnsentMail, recordAttempt } from './mail.repo.ts';

let transport: nodemailer.Transporter | undefined;

/** Sends one outbox mail through SMTP; a failure is recorded and rethrown so the queue retries. */
export async function handleSendMail({ mailId }: { mailId: string }): Promise<void> {
  const { db, env } = getAppContext();
  if (!env.SMTP_URL) return;
  const mail = await findUnsentMail(db, mailId);
  if (!mail) return;
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({
      from: env.MAIL_FROM,
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.textBody,
    });
    await recordAttempt(db, mailId, null);
  } catch (err) {
    await recordAttempt(db, mailId, err instanceof Error ? err.message : String(err));
    throw err;
  }
}
