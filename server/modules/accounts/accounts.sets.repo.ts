import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accountSet, population } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';

/** The tenant's set of a subject (its own accounts by default, or an offline partner's list), if it exists. */
export async function selectSet(db: Db, scope: TenantScope, subjectId: string = scope.orgId) {
  const [row] = await db
    .select()
    .from(accountSet)
    .where(inTenant(accountSet, scope, eq(accountSet.subjectId, subjectId)));
  return row;
}

/** One of the tenant's sets by id. */
export async function selectSetById(db: Db, scope: TenantScope, id: string) {
  const [row] = await db
    .select()
    .from(accountSet)
    .where(inTenant(accountSet, scope, eq(accountSet.id, id)));
  return row;
}

/** Every set the tenant manages. */
export async function selectSetsOf(db: Db, scope: TenantScope) {
  return db.select().from(accountSet).where(inTenant(accountSet, scope));
}

/** The lists the scoped organization uploaded for other organizations (offline partners). */
export async function selectOfflineSets(db: Db, scope: TenantScope) {
  return db
    .select()
    .from(accountSet)
    .where(inTenant(accountSet, scope, ne(accountSet.subjectId, scope.orgId)));
}

/** Partners' own sets (the caller checked the partnerships). */
export async function selectOwnSetsOf(db: Db, orgIds: readonly string[]) {
  if (orgIds.length === 0) return [];
  return db
    .select()
    .from(accountSet)
    .where(
      and(
        inArray(accountSet.organizationId, [...orgIds]),
        eq(accountSet.subjectId, accountSet.organizationId),
      ),
    );
}

/** Every population of a set, by bit. */
export async function selectPopulations(db: Db, setId: string) {
  return db.select().from(population).where(eq(population.setId, setId)).orderBy(asc(population.bit));
}

/** The populations of several sets, by set and bit. */
export async function selectPopulationsOf(db: Db, setIds: readonly string[]) {
  if (setIds.length === 0) return [];
  return db
    .select()
    .from(population)
    .where(inArray(population.setId, [...setIds]))
    .orderBy(asc(population.setId), asc(population.bit));
}

/** One of the tenant's populations. */
export async function selectPopulation(db: Db, scope: TenantScope, id: string) {
  const [row] = await db
    .select()
    .from(population)
    .where(inTenant(population, scope, eq(population.id, id)));
  return row;
}
