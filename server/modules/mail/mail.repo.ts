import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { mailOutbox } from '../../db/schema/index.ts';

/** A row of the outbox. */
export type OutboxMail = typeof mailOutbox.$inferSelect;

/** Appends mails to the outbox in one statement. */
export async function insertMails(
  db: Db,
  mails: readonly { toAddress: string; subject: string; textBody: string; kind: string }[],
): Promise<OutboxMail[]> {
  if (mails.length === 0) return [];
  return db
    .insert(mailOutbox)
    .values(mails.map((m) => ({ id: newId(), ...m })))
    .returning();
}

/** Newest mails first, optionally for one address; `before` is the cursor (an id). */
export async function listMail(db: Db, opts: { limit: number; before?: string; to?: string }) {
  const conds = [];
  if (opts.before) conds.push(lt(mailOutbox.id, opts.before));
  if (opts.to) conds.push(eq(mailOutbox.toAddress, opts.to.toLowerCase()));
  return db
    .select()
    .from(mailOutbox)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(mailOutbox.id))
    .limit(opts.limit);
}

/** One unsent mail by id. */
export async function findUnsentMail(db: Db, id: string): Promise<OutboxMail | undefined> {
  const [row] = await db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.id, id), isNull(mailOutbox.sentAt)));
  return row;
}

/** Records one delivery attempt. */
export async function recordAttempt(db: Db, id: string, error: string | null): Promise<void> {
  await db
    .update(mailOutbox)
    .set({
      attempts: sql`${mailOutbox.attempts} + 1`,
      lastError: error,
      sentAt: error ? null : new Date(),
    })
    .where(eq(mailOutbox.id, id));
}
