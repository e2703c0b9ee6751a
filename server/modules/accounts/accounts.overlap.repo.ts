import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';

// Advisory lock namespace of account sets (the second key is hashtext(set id)).
const SET_LOCK = 61_406;
// Advisory lock serializing name canonicalization (one clustering decision at a time).
const CANON_LOCK = 61_407;

/** A list of strings as one bound parameter (never hits the bind-parameter limit), as a one-column relation `t(v)`. */
export const textList = (values: readonly string[]): SQL =>
  sql`(select value as v from json_array_elements_text(${JSON.stringify(values)}::json)) t`;

/**
 * Takes the transaction-scoped locks of sets, in id order (so two lockers never deadlock): the
 * population keys of a locked set and the overlaps of its pairs change only under its lock.
 */
export async function lockSets(db: Db, setIds: readonly string[]) {
  for (const id of [...new Set(setIds)].sort())
    await db.execute(sql`select pg_advisory_xact_lock(${SET_LOCK}::int, hashtext(${id}))`);
}

/** Serializes name canonicalization until the transaction ends. */
export async function lockCanon(db: Db) {
  await db.execute(sql`select pg_advisory_xact_lock(${CANON_LOCK}::int, 0)`);
}

/** The sets whose overlap with this set is maintained. */
export async function selectPairedSets(db: Db, setId: string): Promise<string[]> {
  const result = await db.execute(sql`select set_b as "setB" from overlap_pair where set_a = ${setId}`);
  return rowsOf<{ setB: string }>(result).map((r) => r.setB);
}

/** Every pair whose overlap is maintained, once per unordered pair. */
export async function selectAllPairs(db: Db) {
  const result = await db.execute(
    sql`select set_a as "setA", set_b as "setB" from overlap_pair where set_a < set_b order by 1, 2`,
  );
  return rowsOf<{ setA: string; setB: string }>(result);
}

/** Every set id. */
export async function selectAllSetIds(db: Db): Promise<string[]> {
  const result = await db.execute(sql`select id from account_set order by id`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

// The (bit, key) account counts of a set, from its accounts and its populations' bits.
const freshCounts = (setId: string, keys: SQL | null) => sql`
  select p.bit, a.match_key, count(*)::int as n
    from crm_account a
    join population p on p.set_id = a.set_id and (a.pop_bits >> p.bit) & 1 = 1
   where a.set_id = ${setId} and a.match_key is not null
     ${keys ? sql`and a.match_key = any(${keys})` : sql``}
   group by p.bit, a.match_key`;

/**
 * Recomputes the population keys of a set for some match keys and applies the change to the
 * overlaps of its pairs, in one statement: per (bit, key) the new account count is diffed against
 * population_key (insert, update, delete); every (bit, key) that appears or disappears adds or
 * removes one shared key in each overlap cell it meets on a paired set's keys, both directions.
 * Returns how many (bit, key) rows changed. The caller holds the locks of the set and its pairs.
 */
export async function applyKeyChanges(db: Db, setId: string, keys: readonly string[]): Promise<number> {
  // One array, computed once, compared by index lookups: a list joined as a relation got a nested
  // loop over it when the set's statistics were stale (a list imported moments ago), which grew
  // with the square of the keys.
  const list = sql`array(select v from ${textList(keys)})`;
  const result = await db.execute(sql`
    with fresh as (${freshCounts(setId, list)}),
    old as (
      select pk.bit, pk.match_key, pk.accounts from population_key pk
       where pk.set_id = ${setId} and pk.match_key = any(${list})),
    diff as (
      select coalesce(f.bit, o.bit) as bit, coalesce(f.match_key, o.match_key) as match_key,
             f.n, o.accounts
        from fresh f full join old o on o.bit = f.bit and o.match_key = f.match_key
       where f.n is distinct from o.accounts),
    removed as (
      delete from population_key pk using diff d
       where d.n is null and pk.set_id = ${setId} and pk.bit = d.bit and pk.match_key = d.match_key),
    written as (
      insert into population_key (set_id, bit, match_key, accounts)
      select ${setId}, bit, match_key, n from diff where n is not null
      on conflict (set_id, bit, match_key) do update set accounts = excluded.accounts),
    presence as (
      select bit, match_key, case when n is null then -1 else 1 end as delta
        from diff where n is null or accounts is null),
    deltas as (
      select op.set_b, pr.bit as bit_a, pb.bit as bit_b, sum(pr.delta)::int as d
        from presence pr
        join overlap_pair op on op.set_a = ${setId}
        join population_key pb on pb.set_id = op.set_b and pb.match_key = pr.match_key
       group by op.set_b, pr.bit, pb.bit
      having sum(pr.delta) <> 0),
    applied as (
      insert into overlap (set_a, bit_a, set_b, bit_b, keys)
      select ${setId}, bit_a, set_b, bit_b, d from deltas
      union all
      select set_b, bit_b, ${setId}, bit_a, d from deltas
      on conflict (set_a, bit_a, set_b, bit_b)
        do update set keys = overlap.keys + excluded.keys, updated_at = now())
    select count(*)::int as changed from diff`);
  const changed = rowsOf<{ changed: number }>(result)[0]?.changed ?? 0;
  if (changed > 0) await deleteEmptyOverlaps(db, setId);
  return changed;
}

/** Drops overlap cells of a set that fell to zero shared keys (a missing cell reads as zero). */
export async function deleteEmptyOverlaps(db: Db, setId: string) {
  await db.execute(sql`delete from overlap where (set_a = ${setId} or set_b = ${setId}) and keys <= 0`);
}

/** Rebuilds a set's population keys from its accounts; returns how many (bit, key) rows it has. */
export async function rebuildSetKeys(db: Db, setId: string): Promise<number> {
  await db.execute(sql`delete from population_key where set_id = ${setId}`);
  const result = await db.execute(sql`
    with written as (
      insert into population_key (set_id, bit, match_key, accounts)
      select ${setId}, bit, match_key, n from (${freshCounts(setId, null)}) f
      returning 1)
    select count(*)::int as n from written`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

/**
 * Computes the overlap of two sets in full with one join of their population keys and stores it
 * in both directions, replacing what was stored.
 */
export async function computePair(db: Db, setA: string, setB: string) {
  await db.execute(sql`
    delete from overlap where (set_a = ${setA} and set_b = ${setB}) or (set_a = ${setB} and set_b = ${setA})`);
  await db.execute(sql`
    with c as (
      select a.bit as bit_a, b.bit as bit_b, count(*)::int as keys
        from population_key a
        join population_key b on b.set_id = ${setB} and b.match_key = a.match_key
       where a.set_id = ${setA}
       group by a.bit, b.bit)
    insert into overlap (set_a, bit_a, set_b, bit_b, keys)
    select ${setA}, bit_a, ${setB}, bit_b, keys from c
    union all
    select ${setB}, bit_b, ${setA}, bit_a, keys from c`);
  await db.execute(sql`
    insert into overlap_pair (set_a, set_b) values (${setA}, ${setB}), (${setB}, ${setA})
    on conflict (set_a, set_b) do update set computed_at = now()`);
}

/** Whether the pair's overlap is maintained already. */
export async function pairExists(db: Db, setA: string, setB: string) {
  const result = await db.execute(
    sql`select 1 from overlap_pair where set_a = ${setA} and set_b = ${setB} limit 1`,
  );
  return rowsOf(result).length > 0;
}

// --- Name canonicalization -------------------------------------------------------------------

/** The (country bucket, name key) pairs of a set's name-only accounts that have no canonical yet. */
export async function selectNewNameKeys(db: Db, setId: string, limit?: number) {
  const result = await db.execute(sql`
    select distinct coalesce(a.country, '-') as country, a.name_key as "nameKey"
      from crm_account a
     where a.set_id = ${setId} and a.match_key is null and a.domain is null and a.name_key <> ''
       and not exists (select 1 from account_name_canon c
                        where c.country = coalesce(a.country, '-') and c.name_key = a.name_key)
     order by 1, 2 ${limit ? sql`limit ${limit}` : sql``}`);
  return rowsOf<{ country: string; nameKey: string }>(result);
}

/** Of the given (country bucket, name key) pairs, those without a canonical yet, distinct and ordered as {@link selectNewNameKeys}. */
export async function selectNewNameKeysOf(db: Db, pairs: readonly { country: string; nameKey: string }[]) {
  if (pairs.length === 0) return [];
  const result = await db.execute(sql`
    select distinct k.country, k.name_key as "nameKey"
      from json_to_recordset(${JSON.stringify(pairs.map((p) => ({ country: p.country, name_key: p.nameKey })))}::json)
           as k(country text, name_key text)
     where not exists (select 1 from account_name_canon c
                        where c.country = k.country and c.name_key = k.name_key)
     order by 1, 2`);
  return rowsOf<{ country: string; nameKey: string }>(result);
}

/** The canonical of each given (country bucket, name key) pair that has one. */
export async function selectCanonicals(db: Db, pairs: readonly { country: string; nameKey: string }[]) {
  if (pairs.length === 0) return [];
  const result = await db.execute(sql`
    select c.country, c.name_key as "nameKey", c.canonical
      from json_to_recordset(${JSON.stringify(pairs.map((p) => ({ country: p.country, name_key: p.nameKey })))}::json)
           as k(country text, name_key text)
      join account_name_canon c on c.country = k.country and c.name_key = k.name_key`);
  return rowsOf<{ country: string; nameKey: string; canonical: string }>(result);
}

/**
 * Canonical entries that may name the same company as each probe: same country bucket and a name
 * key starting with the probe's prefix (`lo` ≤ name_key < `hi`), at most `perProbe` each — range
 * scans of the primary key, so a probe costs the same at a thousand names or ten million.
 */
export async function selectCanonCandidates(
  db: Db,
  probes: readonly { country: string; nameKey: string; lo: string; hi: string }[],
  perProbe = 60,
) {
  if (probes.length === 0) return [];
  const result = await db.execute(sql`
    select n.country, n.name_key as "nameKey", c.name_key as "candidate", c.canonical
      from json_to_recordset(${JSON.stringify(probes.map((k) => ({ country: k.country, name_key: k.nameKey, lo: k.lo, hi: k.hi })))}::json)
           as n(country text, name_key text, lo text, hi text)
      cross join lateral (
        select c.name_key, c.canonical from account_name_canon c
         where c.country = n.country and c.name_key >= n.lo and c.name_key < n.hi
         order by c.name_key
         limit ${perProbe}) c`);
  return rowsOf<{ country: string; nameKey: string; candidate: string; canonical: string }>(result);
}

/** Stores canonical entries (an entry stored meanwhile wins). */
export async function insertCanon(
  db: Db,
  rows: readonly { country: string; nameKey: string; canonical: string }[],
) {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into account_name_canon (country, name_key, canonical)
    select country, name_key, canonical
      from json_to_recordset(${JSON.stringify(rows.map((r) => ({ country: r.country, name_key: r.nameKey, canonical: r.canonical })))}::json)
           as r(country text, name_key text, canonical text)
    on conflict (country, name_key) do nothing`);
}

/** Points name keys of this run at the canonical they adopted. */
export async function updateCanonicals(
  db: Db,
  rows: readonly { country: string; nameKey: string; canonical: string }[],
) {
  if (rows.length === 0) return;
  await db.execute(sql`
    update account_name_canon c set canonical = r.canonical
      from json_to_recordset(${JSON.stringify(rows.map((r) => ({ country: r.country, name_key: r.nameKey, canonical: r.canonical })))}::json)
           as r(country text, name_key text, canonical text)
     where c.country = r.country and c.name_key = r.name_key`);
}

/** Gives the set's name-only accounts without a match key their `n:<country>:<canonical>` key; returns how many. */
export async function applyNameMatchKeys(db: Db, setId: string): Promise<number> {
  const result = await db.execute(sql`
    with updated as (
      update crm_account a
         set match_key = 'n:' || coalesce(a.country, '-') || ':' || c.canonical
        from account_name_canon c
       where a.set_id = ${setId} and a.match_key is null and a.domain is null and a.name_key <> ''
         and c.country = coalesce(a.country, '-') and c.name_key = a.name_key
      returning 1)
    select count(*)::int as n from updated`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}
