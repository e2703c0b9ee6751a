import { type SQL, sql } from 'drizzle-orm';
import type { Facet } from '../../../common/taxonomy/index.ts';
import { textArray } from '../../db/arrays.ts';
import { type Db, rowsOf } from '../../db/client.ts';

/** A compiled directory query: text, facet filters, and the set of organizations it may return. */
export interface SearchPlan {
  /** Folded query words with their tsquery forms (typed words as prefixes, or with typo corrections). */
  text?: { folded: string; exact: string; fuzzy: string; corrected: boolean };
  /** Per facet, the `facet:key` values of which any must match. */
  filters: ReadonlyMap<Facet, readonly string[]>;
  /** Restricts the candidates (for example to an ecosystem's members); replaces the "listed" rule. */
  within?: SQL;
  /** The caller's organization, which always sees its own profile even when unlisted. */
  viewerOrgId: string;
}

/** Keyset position after the last hit of a page. */
export type SearchCursor = [score: number, name: string, id: string];

/** `facet:key` filters as a condition on directory entry `p`: any key within a facet, every facet. */
export function facetCondition(filters: ReadonlyMap<Facet, readonly string[]>, skip?: Facet): SQL {
  const conds = [...filters]
    .filter(([facet, keys]) => facet !== skip && keys.length > 0)
    .map(([, keys]) => sql`p.facet_keys && ${textArray(keys)}`);
  return conds.length ? sql.join(conds, sql` AND `) : sql`true`;
}

function whereOf(plan: SearchPlan, skip?: Facet): SQL {
  const conds: SQL[] = [plan.within ?? sql`(p.listed OR p.organization_id = ${plan.viewerOrgId})`];
  if (plan.text) conds.push(sql`p.search_vector @@ to_tsquery('simple', ${plan.text.fuzzy})`);
  for (const [facet, keys] of plan.filters)
    if (facet !== skip) conds.push(sql`p.facet_keys && ${textArray(keys)}`);
  return sql.join(conds, sql` AND `);
}

/** The query words that some dictionary word starts with (typed correctly, or still being typed). */
export async function selectKnownPrefixes(db: Db, words: readonly string[]) {
  if (words.length === 0) return new Set<string>();
  const probes = words.map(
    (w) =>
      sql`SELECT ${w}::text AS word WHERE EXISTS (SELECT 1 FROM directory_term WHERE term LIKE ${`${w}%`})`,
  );
  const result = await db.execute(sql.join(probes, sql` UNION ALL `));
  return new Set(rowsOf<{ word: string }>(result).map((r) => r.word));
}

/** Dictionary words within trigram distance of each query word, closest first. */
export async function selectNearTerms(db: Db, words: readonly string[]) {
  if (words.length === 0) return new Map<string, string[]>();
  const result = await db.execute(sql`
    SELECT w.word, d.term FROM unnest(${textArray(words)}) AS w(word)
    CROSS JOIN LATERAL (
      SELECT term FROM directory_term
       WHERE term % w.word AND term <> w.word
       ORDER BY similarity(term, w.word) DESC, term LIMIT 4
    ) d`);
  const near = new Map<string, string[]>();
  for (const row of rowsOf<{ word: string; term: string }>(result)) {
    near.set(row.word, [...(near.get(row.word) ?? []), row.term]);
  }
  return near;
}

/**
 * Relevance tiers, best first. Words as typed: the exact name, a name starting with the query, the
 * words in the name, the words anywhere. When a word had to be corrected, nothing matches it as
 * typed (only unknown words are corrected), so then: corrected words in the name, anywhere. Within
 * a tier, hits are in name order.
 */
function tiersOf(text: NonNullable<SearchPlan['text']>): Tier[] {
  if (text.corrected)
    return [
      { score: 3, cond: sql`p.name_vector @@ to_tsquery('simple', ${text.fuzzy})`, sparse: true },
      { score: 1, cond: sql`true`, sparse: false },
    ];
  const prefix = `${text.folded.replace(/[\\%_]/g, '\\$&')}%`;
  return [
    { score: 6, cond: sql`p.search_name = ${text.folded}`, sparse: true },
    { score: 5, cond: sql`p.search_name LIKE ${prefix}`, sparse: true },
    { score: 4, cond: sql`p.name_vector @@ to_tsquery('simple', ${text.exact})`, sparse: true },
    { score: 2, cond: sql`true`, sparse: false },
  ];
}

/** One relevance tier; `sparse` tiers are fetched whole and sorted, the last one read in name order. */
interface Tier {
  score: number;
  cond: SQL;
  sparse: boolean;
}

/** A tier with up to this many hits is fetched whole and sorted instead of read in name order. */
const SPARSE_TIER_LIMIT = 2_000;

const afterName = (after: SearchCursor) =>
  sql`(p.search_name, p.organization_id) > (${after[1]}, ${after[2]})`;

/**
 * One page of hits: tiers in order, names in order within a tier. `broad` (many matches): each tier
 * is read in name order from an index and stops at the page size. Otherwise the few matches are
 * all scored and sorted, which the planner does best from the GIN indexes.
 */
export async function selectHits(
  db: Db,
  plan: SearchPlan,
  limit: number,
  broad: boolean,
  after?: SearchCursor,
) {
  const where = whereOf(plan);
  const n = limit + 1;
  const columns = sql`p.organization_id, p.search_name, p.last_active_at`;
  let ranked: SQL;
  if (!plan.text) {
    ranked = sql`SELECT ${columns}, 0 AS score FROM directory_entry p
      WHERE ${where} ${after ? sql`AND ${afterName(after)}` : sql``}
      ORDER BY p.search_name, p.organization_id LIMIT ${n}`;
  } else if (!broad) {
    const tiers = tiersOf(plan.text);
    const score = sql`CASE ${sql.join(
      tiers.map((t) => sql`WHEN ${t.cond} THEN ${sql.raw(String(t.score))}`),
      sql` `,
    )} END`;
    const keyset = after
      ? sql`WHERE t.score < ${after[0]} OR (t.score = ${after[0]} AND (t.search_name, t.organization_id) > (${after[1]}, ${after[2]}))`
      : sql``;
    ranked = sql`SELECT * FROM (SELECT ${columns}, ${score} AS score FROM directory_entry p WHERE ${where}) t ${keyset}
      ORDER BY t.score DESC, t.search_name, t.organization_id LIMIT ${n}`;
  } else {
    const tiers = tiersOf(plan.text);
    // The last tier ("anywhere but the name") is usually most of a broad result, read in name
    // order; but when the words are mostly in names it is sparse, and walking the name index for
    // it would visit every entry. A capped count decides.
    const rest = tiers.at(-1)!;
    const above = sql.join(
      tiers.filter((t) => t !== rest).map((t) => t.cond),
      sql` OR `,
    );
    rest.sparse =
      (await countUpTo(db, plan, SPARSE_TIER_LIMIT, undefined, sql`NOT (${above})`)) <= SPARSE_TIER_LIMIT;
    const parts = tiers
      .filter((t) => !after || t.score <= after[0])
      .map((tier) => {
        const higher = tiers.filter((t) => t.score > tier.score).map((t) => t.cond);
        const notHigher = higher.length ? sql`AND NOT (${sql.join(higher, sql` OR `)})` : sql``;
        const keyset = after && tier.score === after[0] ? sql`AND ${afterName(after)}` : sql``;
        // A sparse tier is found through its own index and sorted; ordering by an expression keeps
        // the planner from walking the whole name index in search of its few rows.
        const order = tier.sparse
          ? sql`p.search_name || '', p.organization_id`
          : sql`p.search_name, p.organization_id`;
        return sql`(SELECT ${columns}, ${sql.raw(String(tier.score))} AS score FROM directory_entry p
          WHERE ${where} AND ${tier.cond} ${notHigher} ${keyset}
          ORDER BY ${order} LIMIT ${n})`;
      });
    ranked = sql`SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) t
      ORDER BY t.score DESC, t.search_name, t.organization_id LIMIT ${n}`;
  }
  const result = await db.execute(sql`
    SELECT h.organization_id, h.search_name, h.score, h.last_active_at,
           o.name, o.slug, pr.domain, pr.description, pr.logo_url, pr.hq_country, pr.roles, pr.technologies, pr.size_band
      FROM (${ranked}) h
      JOIN organization o ON o.id = h.organization_id
      JOIN organization_profile pr ON pr.organization_id = h.organization_id
     ORDER BY h.score DESC, h.search_name, h.organization_id`);
  return rowsOf<HitRow>(result);
}

/** A row of {@link selectHits}. */
export interface HitRow {
  organization_id: string;
  search_name: string;
  score: number;
  name: string;
  slug: string;
  domain: string | null;
  description: string;
  logo_url: string | null;
  hq_country: string | null;
  roles: string[];
  technologies: string[];
  size_band: string | null;
  last_active_at: string | Date | null;
}

/** How many entries match (without one facet's filter), counting no further than `cap + 1`. */
export async function countUpTo(db: Db, plan: SearchPlan, cap: number, skip?: Facet, and?: SQL) {
  const result = await db.execute(
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM directory_entry p
      WHERE ${whereOf(plan, skip)} ${and ? sql`AND ${and}` : sql``} LIMIT ${cap + 1}) s`,
  );
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

/** The planner's estimate of the number of directory entries. */
export async function estimateEntries(db: Db) {
  const result = await db.execute(
    sql`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'directory_entry'`,
  );
  return Math.max(0, Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0));
}

const entries = (samplePercent?: number) =>
  samplePercent
    ? sql`directory_entry p TABLESAMPLE SYSTEM (${sql.raw(samplePercent.toFixed(4))}) REPEATABLE (7)`
    : sql`directory_entry p`;

/**
 * Counts per `facet:key` of the matches, for every facet that is not filtered, and the number of
 * matches (key ''). With `samplePercent` only that share of the table's pages is read (the same
 * pages every time) and the caller scales the counts up.
 */
export async function selectFacetCounts(db: Db, plan: SearchPlan, samplePercent?: number) {
  const filtered = [...plan.filters.keys()];
  const from = entries(samplePercent);
  // One scan for both: the matches are found once and counted twice.
  const result = await db.execute(sql`
    WITH m AS MATERIALIZED (SELECT p.facet_keys FROM ${from} WHERE ${whereOf(plan)})
    SELECT k, count(*)::int AS n FROM m, unnest(m.facet_keys) k
     ${filtered.length ? sql`WHERE split_part(k, ':', 1) <> ALL(${textArray(filtered)})` : sql``}
     GROUP BY k
    UNION ALL SELECT '' AS k, count(*)::int AS n FROM m`);
  return rowsOf<{ k: string; n: number }>(result);
}

/**
 * Counts per value of a filtered facet, without that facet's own filter: how many more a wider
 * choice would find.
 */
export async function selectOwnFacetCounts(db: Db, plan: SearchPlan, facet: Facet, samplePercent?: number) {
  const result = await db.execute(sql`
    SELECT k, count(*)::int AS n FROM ${entries(samplePercent)}, unnest(p.facet_keys) k
     WHERE ${whereOf(plan, facet)} AND k LIKE ${`${facet}:%`} GROUP BY k`);
  return rowsOf<{ k: string; n: number }>(result);
}
