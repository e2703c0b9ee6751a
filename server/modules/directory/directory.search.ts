import type { SQL } from 'drizzle-orm';
import { FACETS, type Facet, facetLabel } from '../../../common/taxonomy/index.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../errors.ts';
import * as repo from './directory.search.repo.ts';
import { searchWords } from './directory.text.ts';

/** A directory query after validation. */
export interface DirectoryQuery extends Partial<Record<Facet, string[]>> {
  q?: string;
  limit: number;
  cursor?: string;
}

const MAX_WORDS = 8;
// Up to this many matches, counts are exact; beyond, they are estimated from a sample of about
// SAMPLE_ROWS entries, so a broad query costs about the same at 50,000 organizations as at 500,000.
const EXACT_COUNT_LIMIT = 2_000;
const SAMPLE_ROWS = 10_000;
// Shorter words match as prefixes only; correcting them would match almost anything.
const MIN_FUZZY_LENGTH = 4;

const encodeCursor = (c: repo.SearchCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(cursor: string): repo.SearchCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      Number.isFinite(value[0]) &&
      typeof value[1] === 'string' &&
      typeof value[2] === 'string'
    )
      return value as repo.SearchCursor;
  } catch {}
  throw invalidInput('The cursor is not one this endpoint returned', 'cursor');
}

/** Facet filters (`{ country: ['SE'] }`) as `facet:key` lists per facet. */
export function keyedFilters(filters: Partial<Record<Facet, readonly string[]>>) {
  const keyed = new Map<Facet, string[]>();
  for (const facet of FACETS) {
    const keys = filters[facet];
    if (keys?.length)
      keyed.set(
        facet,
        keys.map((k) => `${facet}:${k}`),
      );
  }
  return keyed;
}

/** A condition on directory entry `p` (alias required), true when it matches every facet of the filter. */
export const matchesFilter = (filters: Partial<Record<Facet, readonly string[]>>) =>
  repo.facetCondition(keyedFilters(filters));

/** Turns the query into a search plan: words folded, typo corrections looked up, facet filters keyed. */
async function planSearch(
  db: Db,
  query: DirectoryQuery,
  viewerOrgId: string,
  within?: SQL,
): Promise<repo.SearchPlan> {
  const filters = new Map<Facet, string[]>();
  for (const facet of FACETS) {
    const keys = query[facet];
    if (keys?.length)
      filters.set(
        facet,
        keys.map((k) => `${facet}:${k}`),
      );
  }
  const plan: repo.SearchPlan = { filters, within, viewerOrgId };
  if (!query.q) return plan;
  const words = [...new Set(searchWords(query.q))].slice(0, MAX_WORDS);
  if (words.length === 0) throw invalidInput('Search for words made of letters or digits', 'q');
  // Only words no dictionary word starts with are corrected: a correct word is not made noisier.
  const known = await repo.selectKnownPrefixes(db, words);
  const near = await repo.selectNearTerms(
    db,
    words.filter((w) => w.length >= MIN_FUZZY_LENGTH && !known.has(w)),
  );
  plan.text = {
    folded: searchWords(query.q).join(' '),
    exact: words.map((w) => `${w}:*`).join(' & '),
    fuzzy: words.map((w) => `(${[`${w}:*`, ...(near.get(w) ?? [])].join(' | ')})`).join(' & '),
    corrected: near.size > 0,
  };
  return plan;
}

/**
 * Finds organizations: full-text and typo-tolerant over names, descriptions, services and
 * technologies, filtered by facets, ranked, with facet counts of the whole result. `within`
 * narrows the candidates (an ecosystem's members) and then unlisted members count too.
 */
export async function searchDirectory(db: Db, viewerOrgId: string, query: DirectoryQuery, within?: SQL) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const plan = await planSearch(db, query, viewerOrgId, within);
  const { rows, counts } = await findAndCount(db, plan, query.limit, after);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({
      id: r.organization_id,
      name: r.name,
      slug: r.slug,
      domain: r.domain,
      description: r.description,
      logoUrl: r.logo_url,
      hqCountry: r.hq_country,
      roles: r.roles,
      technologies: r.technologies,
      sizeBand: r.size_band,
      lastActiveAt: r.last_active_at ? new Date(r.last_active_at) : null,
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([Number(last.score), last.search_name, last.organization_id])
        : null,
    total: counts.total,
    approximate: counts.approximate,
    facets: facetCounts(counts.perKey, query),
  };
}

/**
 * One page of hits with the total and facet counts. Each count (all filters; each filtered facet
 * without its own filter) is first taken exactly over at most EXACT_COUNT_LIMIT matches; a part
 * with more is then estimated from a sample (or, on a small table, counted in full). Whether the
 * main part is broad also decides how hits are read (see selectHits).
 */
async function findAndCount(db: Db, plan: repo.SearchPlan, limit: number, after?: repo.SearchCursor) {
  const facets = [...plan.filters.keys()];
  const cap = EXACT_COUNT_LIMIT;
  const [entries, ...capped] = await Promise.all([
    repo.estimateEntries(db),
    repo.selectFacetCounts(db, plan, { cap }),
    ...facets.map((skip) => repo.selectFacetCounts(db, plan, { cap, skip })),
  ]);
  const percent = (100 * SAMPLE_ROWS) / Math.max(1, entries);
  const skips = [undefined, ...facets];
  const widen = (part: { matches: number }, i: number) =>
    part.matches <= cap
      ? undefined
      : repo.selectFacetCounts(db, plan, {
          skip: skips[i],
          samplePercent: percent < 100 ? percent : undefined,
        });
  const [rows, ...widened] = await Promise.all([
    repo.selectHits(db, plan, limit, capped[0]!.matches > cap, after),
    ...capped.map(widen),
  ]);
  let approximate = false;
  let total = 0;
  const perKey = new Map<string, number>();
  capped.forEach((part, i) => {
    const wide = widened[i];
    const sampled = wide !== undefined && percent < 100;
    approximate ||= sampled;
    const scale = (n: number) => (sampled ? Math.max(1, Math.round((n * 100) / percent)) : n);
    const counts = wide ?? part;
    for (const [key, n] of counts.perKey) perKey.set(key, scale(n));
    // The first part's matches are the total; an estimate never goes below what the cap saw.
    if (i === 0) total = sampled ? Math.max(cap + 1, scale(counts.matches)) : counts.matches;
  });
  return { rows, counts: { total, perKey, approximate } };
}

function facetCounts(perKey: ReadonlyMap<string, number>, query: DirectoryQuery) {
  const out = Object.fromEntries(
    FACETS.map((f) => [f, [] as { key: string; label: string; count: number }[]]),
  );
  for (const [facetKey, count] of perKey) {
    const at = facetKey.indexOf(':');
    const facet = facetKey.slice(0, at) as Facet;
    const key = facetKey.slice(at + 1);
    const label = facetLabel(facet, key);
    if (label && out[facet]) out[facet].push({ key, label, count });
  }
  // Chosen values stay visible (with 0) so they can be unchecked.
  for (const facet of FACETS)
    for (const key of query[facet] ?? [])
      if (!perKey.has(`${facet}:${key}`))
        out[facet]!.push({ key, label: facetLabel(facet, key) ?? key, count: 0 });
  for (const list of Object.values(out))
    list.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return out as Record<Facet, { key: string; label: string; count: number }[]>;
}
