import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { ledgerEntry, ledgerLine } from '../../db/schema/index.ts';

/** A ledger entry's kind: what earned money (commission, mdf, p2p_fee), undid it, or paid it. */
export type EntryKind = 'commission' | 'mdf' | 'p2p_fee' | 'reversal' | 'payout' | 'settlement';
/** A stored ledger entry. */
export type EntryRow = typeof ledgerEntry.$inferSelect;
/** An entry to post; its id, lines and creation time are made here. */
export type NewEntry = Omit<typeof ledgerEntry.$inferInsert, 'id' | 'createdAt'>;
/** A double-entry line as posted. */
export type LineRow = typeof ledgerLine.$inferSelect;

/** Kinds that add to (or, reversed, take from) what a beneficiary has earned. */
export const EARNING_KINDS: readonly EntryKind[] = ['commission', 'mdf', 'p2p_fee', 'reversal'];
/** Kinds that pay out what was earned. */
export const PAYMENT_KINDS: readonly EntryKind[] = ['payout', 'settlement'];

/**
 * The double-entry lines of an entry in the payer's books. Earning: expense up, payable (a
 * liability, credit negative) up. Payment: payable down, cash out. A reversal is the negation of
 * the entry it reverses, which its negative amount already is.
 */
export function linesFor(entry: Pick<EntryRow, 'kind' | 'amountMinor' | 'currency'>) {
  const x = entry.amountMinor;
  const pair = PAYMENT_KINDS.includes(entry.kind as EntryKind)
    ? ([
        ['payable', x],
        ['cash', -x],
      ] as const)
    : ([
        ['expense', x],
        ['payable', -x],
      ] as const);
  return pair.map(([account, amountMinor]) => ({ account, amountMinor, currency: entry.currency }));
}

/**
 * Posts entries with their lines. An entry whose source, rule and seq already posted is skipped
 * (the unique index decides, so concurrent posters cannot both land): the result holds only what
 * this call posted. Run it inside the transaction of the event that caused it, so the event and its
 * postings land together.
 */
export async function postEntries(db: Db, entries: NewEntry[]): Promise<EntryRow[]> {
  if (entries.length === 0) return [];
  // Entry and lines in one transaction (a savepoint inside the caller's): the balance check is
  // deferred to commit, so outside a transaction it would run before the lines exist.
  return db.transaction(async (db) => {
    const posted = await db
      .insert(ledgerEntry)
      .values(entries.map((e) => ({ ...e, id: newId() })))
      .onConflictDoNothing()
      .returning();
    if (posted.length === 0) return [];
    await db.insert(ledgerLine).values(
      posted.flatMap((e) =>
        linesFor(e as EntryRow).map((l) => ({
          ...l,
          id: newId(),
          entryId: e.id,
          organizationId: e.organizationId,
        })),
      ),
    );
    return posted;
  });
}

/**
 * Reversing entries for the given entries (a clawback or a correction): each the negation of its
 * original, available when the original is (so an unpaid commission and its reversal net out in
 * the same payout, and a paid one is deducted from the next). Already reversed entries are
 * skipped; reversals themselves are never reversed.
 */
export async function reverseEntries(
  db: Db,
  originals: EntryRow[],
  reason: string,
  createdByUserId: string | null,
  now = new Date(),
): Promise<EntryRow[]> {
  return postEntries(
    db,
    originals
      .filter((e) => e.kind !== 'reversal' && !PAYMENT_KINDS.includes(e.kind as EntryKind))
      .map((e) => ({
        organizationId: e.organizationId,
        beneficiaryId: e.beneficiaryId,
        kind: 'reversal',
        currency: e.currency,
        amountMinor: -e.amountMinor,
        sourceType: 'reversal',
        sourceId: e.id,
        reversesEntryId: e.id,
        programId: e.programId,
        dealId: e.dealId,
        description: `Reversal: ${reason}`,
        earnedAt: now,
        availableAt: e.availableAt,
        createdByUserId,
      })),
  );
}

/** The lines of the given entries. */
export async function selectLines(db: Db, entryIds: string[]): Promise<LineRow[]> {
  if (entryIds.length === 0) return [];
  return db.select().from(ledgerLine).where(inArray(ledgerLine.entryId, entryIds));
}
