import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { population } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';
import {
  type FilterCondition,
  type PopulationFilter,
  parseField,
  STANDARD_POPULATIONS,
} from './accounts.populations.rules.ts';
import type { PopulationRow } from './accounts.populations.ts';

import {
  selectPopulation,
  selectPopulations,
  selectSet,
  selectSetById,
  selectSetsOf,
} from './accounts.sets.repo.ts';

export { selectPopulation, selectPopulations, selectSet, selectSetById, selectSetsOf };

/** Inserts the standard populations a set lacks; returns every population of the set, by bit. */
export async function insertStandardPopulations(
  db: Db,
  setId: string,
  orgId: string,
): Promise<PopulationRow[]> {
  await db
    .insert(population)
    .values(
      STANDARD_POPULATIONS.map((p) => ({ id: newId(), organizationId: orgId, setId, ...p, filter: null })),
    )
    .onConflictDoNothing();
  return selectPopulations(db, setId);
}

/** The populations of a set with how many accounts each holds and how many distinct match keys. */
export async function selectPopulationCounts(db: Db, setId: string) {
  // Matched accounts are summed from population_key (no scan of the accounts); only the few
  // accounts without a match key are counted from crm_account, through its (set, match_key) index.
  const result = await db.execute(sql`
    select p.id, p.bit,
           coalesce(k.accounts, 0)::int + coalesce(u.accounts, 0)::int as accounts,
           coalesce(k.keys, 0)::int as keys
      from population p
      left join (select bit, sum(accounts) as accounts, count(*) as keys
                   from population_key where set_id = ${setId} group by bit) k on k.bit = p.bit
      left join lateral (select count(*) as accounts from crm_account a
                          where a.set_id = ${setId} and a.match_key is null
                            and (a.pop_bits >> p.bit) & 1 = 1) u on true
     where p.set_id = ${setId}`);
  return rowsOf<{ id: string; bit: number; accounts: number; keys: number }>(result);
}

/** Inserts a custom population at the lowest free bit from `firstBit`; undefined when none is free. */
export async function insertCustomPopulation(
  db: Db,
  scope: TenantScope,
  row: { setId: string; name: string; filter: PopulationFilter; firstBit: number; lastBit: number },
) {
  const result = await db.execute(sql`
    insert into population (id, organization_id, set_id, kind, name, bit, filter)
    select ${newId()}, ${scope.orgId}, ${row.setId}, 'custom', ${row.name}, b, ${JSON.stringify(row.filter)}::jsonb
      from generate_series(${row.firstBit}::int, ${row.lastBit}::int) b
     where not exists (select 1 from population p where p.set_id = ${row.setId} and p.bit = b)
     order by b limit 1
    returning id`);
  const [created] = rowsOf<{ id: string }>(result);
  return created ? selectPopulation(db, scope, created.id) : undefined;
}

/** Renames a population and/or replaces its filter. */
export async function updatePopulation(
  db: Db,
  scope: TenantScope,
  id: string,
  patch: { name?: string; filter?: PopulationFilter },
) {
  const [row] = await db
    .update(population)
    .set(patch)
    .where(inTenant(population, scope, eq(population.id, id)))
    .returning();
  return row;
}

/** Deletes a population (its sharing rows cascade). */
export async function deletePopulation(db: Db, scope: TenantScope, id: string) {
  await db.delete(population).where(inTenant(population, scope, eq(population.id, id)));
}

/** Whether another population of the set has this name (case-insensitive). */
export async function nameTaken(db: Db, setId: string, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: population.id })
    .from(population)
    .where(
      and(
        eq(population.setId, setId),
        sql`lower(${population.name}) = lower(${name})`,
        exceptId ? sql`${population.id} <> ${exceptId}` : undefined,
      ),
    );
  return Boolean(row);
}

const fieldSql = (field: string): SQL => {
  const parsed = parseField(field);
  if (!parsed) throw new Error(`unknown filter field ${field}`);
  if ('extra' in parsed) return sql`a.fields ->> ${parsed.extra}`;
  return sql.raw(`a.${parsed.standard}`);
};

// Same folding as filterText in JS: spaces trimmed, ASCII lower case (the C collation's lower()).
const folded = (value: SQL) => sql`lower(btrim(coalesce(${value}, ''), ' ') collate "C")`;

function conditionSql(c: FilterCondition): SQL {
  const text = folded(fieldSql(c.field));
  const values = Array.isArray(c.value) ? c.value : [c.value ?? ''];
  const first = folded(sql`${values[0] ?? ''}::text`);
  switch (c.op) {
    case 'equals':
      return sql`${text} = ${first}`;
    case 'not_equals':
      return sql`${text} <> ${first}`;
    case 'contains':
      return sql`strpos(${text}, ${first}) > 0`;
    case 'in':
      return values.length
        ? sql`${text} in (${sql.join(
            values.map((v) => folded(sql`${v}::text`)),
            sql`, `,
          )})`
        : sql`false`;
    case 'is_empty':
      return sql`${text} = ''`;
    case 'is_not_empty':
      return sql`${text} <> ''`;
  }
}

/** The SQL condition of a filter over `crm_account a` (the SQL side of matchesFilter). */
export function filterSql(filter: PopulationFilter): SQL {
  if (filter.all.length === 0) return sql`true`;
  return sql.join(
    filter.all.map((c) => sql`(${conditionSql(c)})`),
    sql` and `,
  );
}

/**
 * Sets or clears one population bit on every account of a set from a filter (null: clear it),
 * touching only accounts whose bit changes; returns the distinct match keys of those accounts.
 */
export async function applyPopulationBit(
  db: Db,
  setId: string,
  bit: number,
  filter: PopulationFilter | null,
): Promise<string[]> {
  const cond = filter ? sql`coalesce((${filterSql(filter)}), false)` : sql`false`;
  const result = await db.execute(sql`
    with changed as (
      update crm_account a
         set pop_bits = case when ${cond} then a.pop_bits | (1 << ${bit}::int) else a.pop_bits & ~(1 << ${bit}::int) end
       where a.set_id = ${setId}
         and ((a.pop_bits >> ${bit}::int) & 1 = 1) <> ${cond}
      returning a.match_key)
    select distinct match_key as "matchKey" from changed where match_key is not null`);
  return rowsOf<{ matchKey: string }>(result).map((r) => r.matchKey);
}

/** The extra field names seen in the tenant's accounts (for the filter editor), alphabetically. */
export async function selectFieldNames(db: Db, scope: TenantScope, limit = 500) {
  const result = await db.execute(sql`
    select distinct k as name
      from crm_account a, jsonb_object_keys(a.fields) k
     where a.organization_id = ${scope.orgId}
     order by k limit ${limit}`);
  return rowsOf<{ name: string }>(result).map((r) => r.name);
}
