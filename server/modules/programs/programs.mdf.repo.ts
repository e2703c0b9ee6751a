import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { mdfRequest } from '../../db/schema/index.ts';
import type { TenantScope } from '../../db/tenant.ts';
import { involving, type SideFilter } from './programs.enrollments.repo.ts';

/** A stored MDF request. */
export type MdfRow = typeof mdfRequest.$inferSelect;

/** States whose amount is drawn from the year's budget (approved, and claimed or paid since). */
export const BUDGET_STATUSES = ['approved', 'claimed', 'claim_approved'] as const;

/** Inserts a request. */
export async function insertMdf(db: Db, row: typeof mdfRequest.$inferInsert) {
  const [created] = await db.insert(mdfRequest).values(row).returning();
  return created!;
}

/** One request the scoped organization is a side of. */
export async function selectMdf(db: Db, scope: TenantScope, id: string, forUpdate = false) {
  const query = db
    .select()
    .from(mdfRequest)
    .where(and(eq(mdfRequest.id, id), involving(mdfRequest, scope)));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row;
}

/** A page of requests of the scoped organization, newest first. */
export async function selectMdfs(
  db: Db,
  scope: TenantScope,
  opts: { side?: SideFilter; status?: string; enrollmentId?: string; limit: number; before?: string },
) {
  return db
    .select()
    .from(mdfRequest)
    .where(
      and(
        involving(mdfRequest, scope, opts.side),
        opts.status ? eq(mdfRequest.status, opts.status) : undefined,
        opts.enrollmentId ? eq(mdfRequest.enrollmentId, opts.enrollmentId) : undefined,
        opts.before ? lt(mdfRequest.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(mdfRequest.id))
    .limit(opts.limit);
}

/** Updates a request the caller has locked. */
export async function updateMdf(db: Db, id: string, patch: Partial<typeof mdfRequest.$inferInsert>) {
  const [row] = await db.update(mdfRequest).set(patch).where(eq(mdfRequest.id, id)).returning();
  return row!;
}

/** What an enrollment's approved (and later) requests of a budget year add up to, minor units. */
export async function sumBudgetUsed(db: Db, enrollmentId: string, year: number) {
  const [row] = await db
    .select({ used: sql<string>`coalesce(sum(${mdfRequest.amountMinor}), 0)::text` })
    .from(mdfRequest)
    .where(
      and(
        eq(mdfRequest.enrollmentId, enrollmentId),
        eq(mdfRequest.budgetYear, year),
        inArray(mdfRequest.status, [...BUDGET_STATUSES]),
      ),
    );
  return Number(row?.used ?? 0);
}
