import { newId } from '../../db/ids.ts';
import type { TestMember } from '../../test/factories.ts';
import type { TestApp } from '../../test/harness.ts';
import { type EntryRow, postEntries, reverseEntries } from '../ledger/index.ts';

const DAY_MS = 86_400_000;

/** The UTC date `n` days ago, as a period bound. */
export const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);

/**
 * Posts one entry the vendor owes the partner straight to the ledger: available `availableDaysAgo`
 * days ago (negative: still pending for that many days).
 */
export async function earn(
  h: TestApp,
  vendor: TestMember,
  partner: TestMember,
  amountMinor: number,
  options: {
    currency?: string;
    availableDaysAgo?: number;
    kind?: 'commission' | 'mdf' | 'p2p_fee';
    description?: string;
  } = {},
): Promise<EntryRow> {
  const now = Date.now();
  // The ledger checks balance at commit (a deferred trigger): entry and lines need one transaction.
  const [entry] = await h.ctx.db.transaction((tx) =>
    postEntries(tx, [
      {
        organizationId: vendor.orgId,
        beneficiaryId: partner.orgId,
        kind: options.kind ?? 'commission',
        currency: options.currency ?? 'EUR',
        amountMinor,
        sourceType: 'test',
        sourceId: newId(),
        description: options.description ?? 'Commission on a won deal',
        earnedAt: new Date(now - 40 * DAY_MS),
        availableAt: new Date(now - (options.availableDaysAgo ?? 1) * DAY_MS),
      },
    ]),
  );
  return entry!;
}

/** Reverses entries (a clawback) in one transaction. */
export const reverse = (h: TestApp, entries: EntryRow[], reason = 'Deal refunded') =>
  h.ctx.db.transaction((tx) => reverseEntries(tx, entries, reason, null));
