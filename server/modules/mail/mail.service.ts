import type { AppContext } from '../../context.ts';
import { toPage } from '../../http/pagination.ts';
import { sendMailJob } from './mail.jobs.ts';
import { insertMail, listMail } from './mail.repo.ts';

/** A mail to queue. */
export interface MailInput {
  to: string;
  subject: string;
  text: string;
  kind: 'magic_link' | 'invitation' | 'notification';
}

/**
 * Puts a mail in the outbox. With SMTP configured a job delivers it; without, it stays in the
 * outbox (the dev mailbox) and is written to the log so a local user can follow the link.
 */
export async function queueMail(ctx: Pick<AppContext, 'db' | 'env' | 'jobs' | 'log'>, input: MailInput) {
  const mail = await insertMail(ctx.db, {
    toAddress: input.to.toLowerCase(),
    subject: input.subject,
    textBody: input.text,
    kind: input.kind,
  });
  if (ctx.env.SMTP_URL) await ctx.jobs.send(sendMailJob, { mailId: mail.id });
  else
    ctx.log.info(
      { to: mail.toAddress, subject: mail.subject },
      `mail queued (dev mailbox):\n${mail.textBody}`,
    );
  return mail;
}

/** Lists the outbox for the dev mailbox page. */
export async function listOutbox(
  ctx: Pick<AppContext, 'db'>,
  opts: { limit: number; cursor?: string; to?: string },
) {
  const rows = await listMail(ctx.db, { limit: opts.limit + 1, before: opts.cursor, to: opts.to });
  return toPage(rows, opts.limit);
}
