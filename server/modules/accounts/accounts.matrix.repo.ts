// Sharing, the overlap matrix, its lists and the network view. A partner's set, populations,
// sharing and accounts are read here only after the service has checked the partnership and the
// partner's sharing: the functions that take a bare set id trust their caller for that.
import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { textArray } from '../../db/arrays.ts';
import { type Db, rowsOf } from '../../db/client.ts';
import { accountSet, accountSharing, crmAccount, population } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';

import {
  selectOfflineSets,
  selectOwnSetsOf,
  selectPopulation,
  selectPopulations,
  selectPopulationsOf,
  selectSet,
} from './accounts.sets.repo.ts';

export {
  selectOfflineSets,
  selectOwnSetsOf,
  selectPopulation,
  selectPopulations,
  selectPopulationsOf,
  selectSet,
};

/** An account set row. */
export type SetRow = typeof accountSet.$inferSelect;
/** A population row. */
export type PopulationRow = typeof population.$inferSelect;
/** One population's stored sharing toward a partner. */
export interface SharingRow {
  populationId: string;
  level: string;
  fields: string[];
}

/**
 * What `ownerId` shares with `partnerId`, per population of the owner's own set (a row for a
 * population of another set — an offline list — never counts). Read on every request: a change or
 * a revocation shows on the next one.
 */
export async function selectSharing(db: Db, ownerId: string, partnerId: string): Promise<SharingRow[]> {
  return db
    .select({
      populationId: accountSharing.populationId,
      level: accountSharing.level,
      fields: accountSharing.fields,
    })
    .from(accountSharing)
    .innerJoin(population, eq(population.id, accountSharing.populationId))
    .innerJoin(accountSet, eq(accountSet.id, population.setId))
    .where(
      and(
        eq(accountSharing.organizationId, ownerId),
        eq(accountSharing.partnerId, partnerId),
        eq(accountSet.organizationId, ownerId),
        eq(accountSet.subjectId, ownerId),
      ),
    );
}

/** What the scoped organization shares with each of `partnerIds` (for the partners overview). */
export async function selectMySharingWith(db: Db, scope: TenantScope, partnerIds: readonly string[]) {
  if (partnerIds.length === 0) return [];
  return db
    .select({
      partnerId: accountSharing.partnerId,
      populationId: accountSharing.populationId,
      level: accountSharing.level,
    })
    .from(accountSharing)
    .where(inTenant(accountSharing, scope, inArray(accountSharing.partnerId, [...partnerIds])));
}

/** What each of `ownerIds` shares with the scoped organization, on populations of their own sets. */
export async function selectSharingWithMe(db: Db, scope: TenantScope, ownerIds: readonly string[]) {
  if (ownerIds.length === 0) return [];
  return db
    .select({
      ownerId: accountSharing.organizationId,
      populationId: accountSharing.populationId,
      level: accountSharing.level,
    })
    .from(accountSharing)
    .innerJoin(population, eq(population.id, accountSharing.populationId))
    .innerJoin(accountSet, eq(accountSet.id, population.setId))
    .where(
      and(
        eq(accountSharing.partnerId, scope.orgId),
        inArray(accountSharing.organizationId, [...ownerIds]),
        eq(accountSet.subjectId, accountSharing.organizationId),
        eq(accountSet.organizationId, accountSharing.organizationId),
      ),
    );
}

// Advisory lock class of sharing grids (the first key of pg_advisory_xact_lock's two).
const SHARING_LOCK = 7_366_430;

/**
 * Replaces what the scoped organization shares with a partner (rows at hidden are not stored): an
 * upsert of the kept rows and a delete of the rest, so two simultaneous replacements never collide
 * (the later one wins row by row).
 */
export async function replaceSharing(
  db: Db,
  scope: TenantScope,
  partnerId: string,
  rows: readonly SharingRow[],
  userId: string,
) {
  // One replacement of a grid at a time: concurrent delete-then-upserts would deadlock.
  await db.execute(
    sql`select pg_advisory_xact_lock(${SHARING_LOCK}::int, hashtext(${`${scope.orgId}:${partnerId}`}))`,
  );
  const stored = rows.filter((r) => r.level !== 'hidden');
  const kept = stored.map((r) => r.populationId);
  await db
    .delete(accountSharing)
    .where(
      inTenant(
        accountSharing,
        scope,
        eq(accountSharing.partnerId, partnerId),
        kept.length ? notInArray(accountSharing.populationId, kept) : undefined,
      ),
    );
  if (stored.length)
    await db
      .insert(accountSharing)
      .values(
        stored.map((r) => ({
          organizationId: scope.orgId,
          partnerId,
          populationId: r.populationId,
          level: r.level,
          fields: r.fields,
          updatedByUserId: userId,
        })),
      )
      .onConflictDoUpdate({
        target: [accountSharing.organizationId, accountSharing.partnerId, accountSharing.populationId],
        set: {
          level: sql`excluded.level`,
          fields: sql`excluded.fields`,
          updatedByUserId: sql`excluded.updated_by_user_id`,
          updatedAt: sql`now()`,
        },
      });
}

/** The live partnerships of the scoped organization (proposed, active, paused), with the other side. */
export async function selectLivePartners(db: Db, scope: TenantScope) {
  const result = await db.execute(sql`
    select case when p.organization_id = ${scope.orgId} then p.partner_id else p.organization_id end as "partnerId",
           p.status
      from partnership p
     where (p.organization_id = ${scope.orgId} or p.partner_id = ${scope.orgId})
       and p.status in ('proposed','active','paused')`);
  return rowsOf<{ partnerId: string; status: string }>(result);
}

/** Which of the sets hold at least one account. */
export async function selectSetsWithAccounts(db: Db, setIds: readonly string[]): Promise<Set<string>> {
  if (setIds.length === 0) return new Set();
  const result = await db.execute(sql`
    select s.id from unnest(${textArray(setIds)}) as s(id)
     where exists (select 1 from crm_account a where a.set_id = s.id)`);
  return new Set(rowsOf<{ id: string }>(result).map((r) => r.id));
}

/** The overlap counts between two sets (a lookup in the maintained `overlap` table). */
export async function selectOverlaps(db: Db, setA: string, setB: string) {
  const result = await db.execute(sql`
    select bit_a as "bitA", bit_b as "bitB", keys from overlap where set_a = ${setA} and set_b = ${setB}`);
  return rowsOf<{ bitA: number; bitB: number; keys: number }>(result);
}

/** The overlap counts of one population of `setA` with every population of each of `setsB`. */
export async function selectOverlapsOfPopulation(
  db: Db,
  setA: string,
  bitA: number,
  setsB: readonly string[],
) {
  if (setsB.length === 0) return [];
  const result = await db.execute(sql`
    select set_b as "setB", bit_b as "bitB", keys from overlap
     where set_a = ${setA} and bit_a = ${bitA} and set_b = any(${textArray(setsB)})`);
  return rowsOf<{ setB: string; bitB: number; keys: number }>(result);
}

/**
 * A page of the match keys population `bitA` of `setA` shares with population `bitB` of `setB`, in
 * key order, after `afterKey`: a walk of the first population's keys probing the second's
 * primary key, so a page costs about limit ÷ overlap share probes.
 */
export async function selectCellKeys(
  db: Db,
  cell: { setA: string; bitA: number; setB: string; bitB: number },
  afterKey: string | null,
  limit: number,
) {
  const result = await db.execute(sql`
    select a.match_key as "matchKey" from population_key a
     where a.set_id = ${cell.setA} and a.bit = ${cell.bitA}
       ${afterKey === null ? sql`` : sql`and a.match_key > ${afterKey}`}
       and exists (select 1 from population_key b
                    where b.set_id = ${cell.setB} and b.bit = ${cell.bitB} and b.match_key = a.match_key)
     order by a.match_key
     limit ${limit}`);
  return rowsOf<{ matchKey: string }>(result).map((r) => r.matchKey);
}

/** The accounts of a set's population carrying any of the match keys, by key then id. */
export async function selectAccountsByKeys(db: Db, setId: string, bit: number, keys: readonly string[]) {
  if (keys.length === 0) return [];
  return db
    .select({
      id: crmAccount.id,
      externalId: crmAccount.externalId,
      name: crmAccount.name,
      domain: crmAccount.domain,
      website: crmAccount.website,
      country: crmAccount.country,
      status: crmAccount.status,
      stage: crmAccount.stage,
      fields: crmAccount.fields,
      matchKey: crmAccount.matchKey,
    })
    .from(crmAccount)
    .where(
      and(
        eq(crmAccount.setId, setId),
        inArray(crmAccount.matchKey, [...keys]),
        sql`${crmAccount.popBits} & ${1 << bit} <> 0`,
      ),
    )
    .orderBy(asc(crmAccount.matchKey), asc(crmAccount.id));
}

/** The match key of one of the scoped organization's accounts in a set (a list cursor). */
export async function selectMatchKeyOf(db: Db, scope: TenantScope, setId: string, accountId: string) {
  const [row] = await db
    .select({ matchKey: crmAccount.matchKey })
    .from(crmAccount)
    .where(inTenant(crmAccount, scope, eq(crmAccount.setId, setId), eq(crmAccount.id, accountId)));
  return row?.matchKey ?? undefined;
}

/** Field names found on a sample of a set's accounts (what full sharing can offer). */
export async function selectFieldNames(db: Db, scope: TenantScope, setId: string) {
  const result = await db.execute(sql`
    select distinct k from (select fields from crm_account
                             where organization_id = ${scope.orgId} and set_id = ${setId} limit 1000) a,
           jsonb_object_keys(a.fields) as k
     order by k limit 200`);
  return rowsOf<{ k: string }>(result).map((r) => r.k);
}

/** Whether the scoped organization and another had a partnership that ended. */
export async function hadPartnership(db: Db, scope: TenantScope, otherId: string) {
  const result = await db.execute(sql`
    select 1 from partnership p
     where ((p.organization_id = ${scope.orgId} and p.partner_id = ${otherId})
        or (p.partner_id = ${scope.orgId} and p.organization_id = ${otherId}))
       and p.status = 'ended'
     limit 1`);
  return rowsOf(result).length > 0;
}
