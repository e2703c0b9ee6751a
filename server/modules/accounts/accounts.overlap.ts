import { getAppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import type { JobDefinition } from '../../jobs/queue.ts';
import { refreshKeys } from './accounts.keys.ts';
import * as repo from './accounts.overlap.repo.ts';

/**
 * Starts maintaining the overlap of two sets: computes it in full (one join, both directions)
 * unless the pair is maintained already. Idempotent and safe to race: under both sets' locks the
 * pair is checked again, so exactly one caller computes it.
 */
export async function ensurePair(db: Db, setA: string, setB: string): Promise<void> {
  if (setA === setB || (await repo.pairExists(db, setA, setB))) return;
  await db.transaction(async (tx) => {
    await repo.lockSets(tx, [setA, setB]);
    if (await repo.pairExists(tx, setA, setB)) return;
    await repo.computePair(tx, setA, setB);
  });
}

/** What a full recompute did. */
export interface RecomputeResult {
  sets: number;
  pairs: number;
  ms: number;
}

/**
 * Full repair: rebuilds every set's population keys (each set with its pairs, in its own
 * transaction), or only `setIds` and their pairs.
 */
export async function recomputeAll(db: Db, setIds?: readonly string[]): Promise<RecomputeResult> {
  const started = performance.now();
  const ids = setIds ?? (await repo.selectAllSetIds(db));
  // Keys first for every set, then pairs once each: a pair joins two rebuilt sets.
  for (const id of ids)
    await db.transaction(async (tx) => {
      await repo.lockSets(tx, [id]);
      await repo.rebuildSetKeys(tx, id);
    });
  const pairs = setIds ? await pairsOf(db, ids) : await repo.selectAllPairs(db);
  for (const p of pairs)
    await db.transaction(async (tx) => {
      await repo.lockSets(tx, [p.setA, p.setB]);
      await repo.computePair(tx, p.setA, p.setB);
    });
  return { sets: ids.length, pairs: pairs.length, ms: Math.round(performance.now() - started) };
}

async function pairsOf(db: Db, ids: readonly string[]) {
  const seen = new Map<string, { setA: string; setB: string }>();
  for (const id of ids)
    for (const other of await repo.selectPairedSets(db, id)) {
      const [setA, setB] = id < other ? [id, other] : [other, id];
      seen.set(`${setA} ${setB}`, { setA, setB });
    }
  return [...seen.values()];
}

/** Recompute as a job: one set (its keys and pairs) or, without a payload, everything. */
export const overlapRecomputeJob: JobDefinition<{ setId?: string }> = {
  name: 'accounts-overlap-recompute',
  retryLimit: 2,
  handler: async () => async (payload) => {
    const { db } = getAppContext();
    if (payload?.setId) await refreshKeys(db, payload.setId, 'all');
    else await recomputeAll(db);
  },
};
