// Refresh runs (insights_run): the single-writer claim, heartbeats, the end of a run, the history.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { graphCommunity, insightsRun } from '../../db/schema/index.ts';

/** A stored refresh run. */
export type RunRow = typeof insightsRun.$inferSelect;
/** What started a run. */
export type RunTrigger = 'nightly' | 'manual' | 'seed';

/** A running row whose heartbeat is older than this is a crashed run (its process died). */
export const STALE_AFTER_MS = 10 * 60_000;
/** How many finished (done) runs keep their communities; older runs keep only their history row. */
export const KEPT_DONE_RUNS = 3;

/** Marks running rows without a heartbeat since `STALE_AFTER_MS` failed, so a new run can claim. */
export async function failStaleRuns(db: Db, now = new Date()) {
  return db
    .update(insightsRun)
    .set({
      status: 'failed',
      failure: 'The run stopped sending heartbeats (its process ended)',
      finishedAt: now,
    })
    .where(
      and(
        eq(insightsRun.status, 'running'),
        lt(insightsRun.heartbeatAt, new Date(now.getTime() - STALE_AFTER_MS)),
      ),
    )
    .returning({ id: insightsRun.id });
}

/**
 * Inserts a running row; undefined when another run holds the claim. The partial unique index
 * insights_run_single_writer_uq decides: of two simultaneous claims one inserts, the other waits
 * for it to commit and then inserts nothing.
 */
export async function insertRunningRun(
  db: Db,
  row: { id: string; trigger: RunTrigger; requestedByUserId: string | null },
): Promise<RunRow | undefined> {
  const [created] = await db
    .insert(insightsRun)
    .values({ ...row, status: 'running' })
    .onConflictDoNothing()
    .returning();
  return created;
}

/** The running run, if any. */
export async function selectRunningRun(db: Db) {
  const [row] = await db.select().from(insightsRun).where(eq(insightsRun.status, 'running'));
  return row;
}

/** A run by id. */
export async function selectRun(db: Db, id: string) {
  const [row] = await db.select().from(insightsRun).where(eq(insightsRun.id, id));
  return row;
}

/** Refreshes a running run's heartbeat; false when the run is no longer running (declared stale). */
export async function touchRun(db: Db, id: string, now = new Date()) {
  const rows = await db
    .update(insightsRun)
    .set({ heartbeatAt: now })
    .where(and(eq(insightsRun.id, id), eq(insightsRun.status, 'running')))
    .returning({ id: insightsRun.id });
  return rows.length > 0;
}

/** Ends a running run as done or failed; false when it was no longer running. */
export async function finishRun(
  db: Db,
  id: string,
  end: { status: 'done' | 'failed'; stats?: unknown; failure?: string },
  now = new Date(),
) {
  const rows = await db
    .update(insightsRun)
    .set({
      status: end.status,
      stats: end.stats ?? null,
      failure: end.failure ?? null,
      finishedAt: now,
      heartbeatAt: now,
    })
    .where(and(eq(insightsRun.id, id), eq(insightsRun.status, 'running')))
    .returning({ id: insightsRun.id });
  return rows.length > 0;
}

/** Runs, newest first, from after `cursor` (a run id; ids are time-ordered). */
export async function selectRuns(db: Db, limit: number, cursor?: string) {
  return db
    .select()
    .from(insightsRun)
    .where(cursor ? lt(insightsRun.id, cursor) : undefined)
    .orderBy(desc(insightsRun.id))
    .limit(limit + 1);
}

/** The latest done run, whose communities the API shows. */
export async function selectLatestDoneRun(db: Db) {
  const [row] = await db
    .select()
    .from(insightsRun)
    .where(eq(insightsRun.status, 'done'))
    .orderBy(desc(insightsRun.finishedAt), desc(insightsRun.id))
    .limit(1);
  return row;
}

/**
 * Deletes the communities (members cascade) of every run except the last `KEPT_DONE_RUNS` done
 * runs, and of failed runs (a failed run may have written some before it failed).
 */
export async function pruneCommunities(db: Db) {
  await db.execute(sql`
    DELETE FROM ${graphCommunity} c
     WHERE c.run_id NOT IN (
       SELECT id FROM insights_run WHERE status = 'done'
        ORDER BY finished_at DESC, id DESC LIMIT ${KEPT_DONE_RUNS})
       AND c.run_id NOT IN (SELECT id FROM insights_run WHERE status = 'running')`);
}
