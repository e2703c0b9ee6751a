// Dating the demo's program and money history. The services act "now" (a few take a `now` and are
// given the story's date); whatever else a step writes — created_at, decided_at, done_at… of the
// program and payout rows, the partnership an enrollment touched, and the notices sent — is moved
// back to the step's date afterwards, the way demo-deals.ts dates deals. Ledger entries are
// append-only (triggers refuse every UPDATE), so they are never moved: their created_at keeps the
// time the demo was loaded, and a payout marked paid in the story carries the load time as its
// payment entry's date, like the audit log and the activity stream.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

const DAY = 86_400_000;

// The timestamp columns the program and money services write "now", per table.
const COLUMNS: Record<string, readonly string[]> = {
  program: ['created_at', 'updated_at'],
  program_tier: ['created_at'],
  commission_rule: ['created_at'],
  program_application: ['created_at', 'decided_at'],
  enrollment: ['joined_at', 'evaluated_at', 'below_since'],
  tier_change: ['created_at'],
  onboarding_task: ['created_at', 'done_at'],
  certification: ['created_at'],
  mdf_request: ['created_at', 'decided_at', 'claimed_at', 'claim_decided_at'],
  money_settings: ['updated_at'],
  fx_rate: ['created_at'],
  referral_fee_term: ['updated_at'],
  payout: ['created_at'],
  payout_statement: ['created_at', 'decided_at'],
  partnership: ['created_at', 'decided_at', 'status_changed_at'],
  partnership_event: ['created_at'],
};

/**
 * Runs `step` and moves every timestamp it wrote (every value from the moment it started on) back
 * to `at`. Notices older than three days have been read, an hour after they came.
 */
export async function dated<T>(db: Db, now: Date, at: Date, step: () => Promise<T>): Promise<T> {
  const since = new Date();
  const result = await step();
  await backdate(db, now, since, at);
  return result;
}

/** Moves every timestamp written from `since` on back to `at` (see `dated`). */
export async function backdate(db: Db, now: Date, since: Date, at: Date): Promise<void> {
  const delta = since.getTime() - at.getTime();
  if (delta <= 0) return;
  const from = sql`${since.toISOString()}::timestamptz`;
  const back = (column: string) => sql.raw(`${column} - interval '${delta} milliseconds'`);
  const updates = Object.entries(COLUMNS).map(
    ([table, columns], i) =>
      sql`${sql.raw(`u${i}`)} as (update ${sql.raw(table)} set ${sql.join(
        columns.map(
          (c) =>
            sql`${sql.raw(c)} = case when ${sql.raw(c)} >= ${from} then ${back(c)} else ${sql.raw(c)} end`,
        ),
        sql`, `,
      )} where ${sql.join(
        columns.map((c) => sql`${sql.raw(c)} >= ${from}`),
        sql` or `,
      )} returning 1)`,
  );
  const readBefore = new Date(now.getTime() - 3 * DAY).toISOString();
  // One statement: a data-modifying CTE per table.
  await db.execute(sql`
    with ${sql.join(updates, sql`, `)}
    update notification
       set created_at = ${back('created_at')},
           read_at = case when ${back('created_at')} < ${readBefore}::timestamptz
                          then ${back('created_at')} + interval '1 hour' end
     where created_at >= ${from}`);
}
