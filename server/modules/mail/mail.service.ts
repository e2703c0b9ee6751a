import type { AppContext } from '../../context.ts';
import { toPage } from '../../http/pagination.ts';
import { sendMailJob } from './mail.jobs.ts';
import { insertMails, listMail } from './mail.repo.ts';

/** A mail to queue. */
export interface MailInput {
  to: string;
  subject: string;
  text: string;
  kind: 'magic_link' | 'invitation' | 'notification';
}

/**
 * Puts mails in the outbox (one insert). With SMTP configured a job delivers each; without, they
 * stay in the outbox (the dev mailbox) and are written to the log so a local user can follow links.
 */
export async function queueMails(
  ctx: Pick<AppContext, 'db' | 'env' | 'jobs' | 'log'>,
  inputs: readonly MailInput[],
) {
  const mails = await insertMails(
    ctx.db,
    inputs.map((input) => ({
      toAddress: input.to.toLowerCase(),
      subject: input.subject,
      textBody: input.text,
      kind: input.kind,
    })),
  );
  for (const mail of mails) {
    if (ctx.env.SMTP_URL) await ctx.jobs.send(sendMailJob, { mailId: mail.id });
    else
      ctx.log.info(
        { to: mail.toAddress, subject: mail.subject },
        `mail queued (dev mailbox):\n${mail.textBody}`,
      );
  }
  return mails;
}

/** Puts one mail in the outbox (see {@link queueMails}). */
export async function queueMail(ctx: Pick<AppContext, 'db' | 'env' | 'jobs' | 'log'>, input: MailInput) {
  const [mail] = await queueMails(ctx, [input]);
  return mail!;
}

/** Lists the outbox for the dev mailbox page. */
export async function listOutbox(
  ctx: Pick<AppContext, 'db'>,
  opts: { limit: number; cursor?: string; to?: string },
) {
  const rows = await listMail(ctx.db, { limit: opts.limit + 1, before: opts.cursor, to: opts.to });
  return toPage(rows, opts.limit);
}
