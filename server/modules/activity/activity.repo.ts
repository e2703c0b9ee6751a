import { desc, lt, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { activity } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';

/** A stored activity. */
export type ActivityRow = typeof activity.$inferSelect;

/** Appends activities (many at once for imports). */
export async function insertActivities(db: Db, rows: (typeof activity.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(activity).values(rows);
}

/** The scoped organization's activity, newest first. */
export async function selectActivities(db: Db, scope: TenantScope, limit: number, beforeId?: string) {
  return db
    .select()
    .from(activity)
    .where(inTenant(activity, scope, beforeId ? lt(activity.id, beforeId) : undefined))
    .orderBy(desc(activity.id))
    .limit(limit + 1);
}

/**
 * For each point in time, how many of the organizations in `members` had activity in the window
 * ending there (`[at - window, at]`, the same rule as "active now").
 */
export async function countActiveAt(db: Db, members: SQL, points: readonly Date[], windowDays: number) {
  if (points.length === 0) return [];
  const result = await db.execute(sql`
    SELECT t.at, count(DISTINCT a.organization_id)::int AS active
      FROM unnest(ARRAY[${sql.join(
        points.map((p) => sql`${p.toISOString()}`),
        sql`, `,
      )}]::timestamptz[]) AS t(at)
      LEFT JOIN activity a
        ON a.occurred_at >= t.at - make_interval(days => ${windowDays}) AND a.occurred_at <= t.at
       AND a.organization_id IN (${members})
     GROUP BY t.at ORDER BY t.at`);
  return rowsOf<{ at: string | Date; active: number }>(result).map((r) => ({
    at: new Date(r.at),
    active: Number(r.active),
  }));
}
