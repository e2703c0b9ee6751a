import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { accountSet } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';
import { ensurePopulations } from './accounts.populations.ts';

/** An account set row. */
export type SetRow = typeof accountSet.$inferSelect;

/**
 * The tenant's set of accounts for a subject (its own by default, or an offline partner's list it
 * manages), created on first use with the standard populations. Safe against concurrent callers.
 */
export async function getOrCreateSet(
  db: Db,
  scope: TenantScope,
  subjectId: string = scope.orgId,
): Promise<SetRow> {
  await db
    .insert(accountSet)
    .values({ id: newId(), organizationId: scope.orgId, subjectId })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(accountSet)
    .where(inTenant(accountSet, scope, eq(accountSet.subjectId, subjectId)));
  await ensurePopulations(db, row!.id, scope.orgId);
  return row!;
}
