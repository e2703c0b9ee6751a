import type { Db } from '../../db/client.ts';
import * as repo from './accounts.overlap.repo.ts';

/** Above this many keys an incremental refresh costs more than rebuilding the set. */
export const FULL_REFRESH_KEYS = 50_000;
// Keys per statement: bounds the JSON parameter and each statement's work.
const KEY_BATCH = 20_000;

/**
 * Locks a set and every set paired with it (in id order, no deadlock between lockers). A pair
 * created meanwhile is locked after the others: ensurePair computed it in full under both locks.
 */
async function lockSetAndPairs(db: Db, setId: string) {
  const paired = await repo.selectPairedSets(db, setId);
  await repo.lockSets(db, [setId, ...paired]);
  const now = await repo.selectPairedSets(db, setId);
  const added = now.filter((id) => !paired.includes(id));
  if (added.length) await repo.lockSets(db, added);
  return now;
}

/**
 * Brings a set's population keys up to date for the given match keys (old keys of changed or
 * removed accounts and new keys of inserted or changed ones) and applies the difference to the
 * overlap of every pair the set is in, both directions. 'all' rebuilds the set's keys and
 * recomputes its pairs in full (more than FULL_REFRESH_KEYS keys too); `keysChanged` is then the
 * number of (population, key) rows rebuilt. Runs in the caller's transaction if any (the locks are
 * held to its end).
 */
export async function refreshKeys(
  db: Db,
  setId: string,
  keys: readonly string[] | 'all',
): Promise<{ keysChanged: number }> {
  return db.transaction(async (tx) => {
    const paired = await lockSetAndPairs(tx, setId);
    if (keys === 'all' || keys.length > FULL_REFRESH_KEYS) {
      const rows = await repo.rebuildSetKeys(tx, setId);
      for (const other of paired) await repo.computePair(tx, setId, other);
      return { keysChanged: rows };
    }
    const unique = [...new Set(keys)];
    let keysChanged = 0;
    for (let i = 0; i < unique.length; i += KEY_BATCH)
      keysChanged += await repo.applyKeyChanges(tx, setId, unique.slice(i, i + KEY_BATCH));
    return { keysChanged };
  });
}
