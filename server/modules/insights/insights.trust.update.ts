import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import * as repo from './insights.trust.repo.ts';

/**
 * Recomputes every pair with a deal: one set-based statement gathers, scores (the
 * model in SQL) and upserts both sides of every pair with its raw inputs, then rows of pairs that
 * no longer exist are removed. Incremental updates running meanwhile write newer rows, which the
 * final delete keeps.
 */
export async function recomputeAllTrust(db: Db): Promise<{ pairs: number }> {
  const [{ now }] = rowsOf<{ now: string }>(await db.execute(sql`select now()::text as now`)) as [
    { now: string },
  ];
  const rows = await repo.upsertAllTrust(db);
  await repo.deleteTrustRowsBefore(db, now);
  return { pairs: rows / 2 };
}

/**
 * Rewrites both trust rows of one pair (after a deal event between them): one statement. A pair
 * without a deal keeps no rows (its score is its tenure's, computed when read).
 */
export async function updatePairTrust(db: Db, a: string, b: string): Promise<void> {
  if (a === b) return;
  const [lo, hi] = a < b ? [a, b] : [b, a];
  await repo.upsertPairTrust(db, lo, hi);
}

/**
 * Updates the trust of every pair a deal joins: creator and counterparty, and each co-seller with
 * the deal's owner.
 */
export async function updateDealTrust(db: Db, dealId: string): Promise<void> {
  const pairs = rowsOf<{ a: string; b: string }>(
    await db.execute(sql`
      select d.organization_id as a, d.counterparty_id as b from deal d
       where d.id = ${dealId} and d.counterparty_id is not null
      union
      select dp.organization_id, d.organization_id from deal_party dp join deal d on d.id = dp.deal_id
       where dp.deal_id = ${dealId} and dp.side = 'co_seller'`),
  );
  for (const p of pairs) await updatePairTrust(db, p.a, p.b);
}

/**
 * The incremental hook after a deal event has committed: updates the trust of the deals' pairs. A
 * failure is logged and swallowed, never failing the move that caused it; the nightly full
 * recompute repairs the pair.
 */
export async function refreshTrustAfterDeals(
  ctx: { db: Db; log: { warn: (obj: object, msg: string) => void } },
  dealIds: readonly string[],
): Promise<void> {
  for (const dealId of dealIds)
    try {
      await updateDealTrust(ctx.db, dealId);
    } catch (err) {
      ctx.log.warn(
        { err, dealId },
        'trust update after a deal event failed; the nightly recompute repairs it',
      );
    }
}
