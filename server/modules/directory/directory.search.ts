import type { SQL } from 'drizzle-orm';
import { FACETS, type Facet, facetLabel } from '../../../common/taxonomy/index.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../http/pagination.ts';
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

const isSearchCursor = (v: unknown[]): v is repo.SearchCursor =>
  v.length === 3 && Number.isFinite(v[0]) && typeof v[1] === 'string' && typeof v[2] === 'string';

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
  const after = query.cursor ? decodeCursor(query.cursor, isSearchCursor) : undefined;
  const plan = await planSearch(db, query, viewerOrgId, within);
  const matches = await repo.countUpTo(db, plan, EXACT_COUNT_LIMIT);
  const broad = matches > EXACT_COUNT_LIMIT;
  const [rows, counts] = await Promise.all([
    repo.selectHits(db, plan, query.limit, broad, after),
    countMatches(db, plan, matches),
  ]);
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
 * Total and facet counts. Each part (all filters; each filtered facet without its own filter) is
 * counted exactly when it has up to EXACT_COUNT_LIMIT matches, else scaled up from a sample.
 */
async function countMatches(db: Db, plan: repo.SearchPlan, matches: number) {
  const entries = await repo.estimateEntries(db);
  const percent = Math.min(100, (100 * SAMPLE_ROWS) / Math.max(1, entries));
  const sampleIf = (count: number) => (count > EXACT_COUNT_LIMIT && percent < 100 ? percent : undefined);
  const facets = [...plan.filters.keys()];
  const ownMatches = await Promise.all(facets.map((f) => repo.countUpTo(db, plan, EXACT_COUNT_LIMIT, f)));
  const mainSample = sampleIf(matches);
  const [main, ...own] = await Promise.all([
    repo.selectFacetCounts(db, plan, mainSample),
    ...facets.map((f, i) => repo.selectOwnFacetCounts(db, plan, f, sampleIf(ownMatches[i]!))),
  ]);
  const scale = (sample: number | undefined, n: number) =>
    sample ? Math.max(1, Math.round((n * 100) / sample)) : Number(n);
  let total = 0;
  const perKey = new Map<string, number>();
  for (const { k, n } of main!) {
    if (k === '') total = mainSample ? Math.max(EXACT_COUNT_LIMIT + 1, scale(mainSample, n)) : Number(n);
    else perKey.set(k, scale(mainSample, n));
  }
  own.forEach((rows, i) => {
    for (const { k, n } of rows) perKey.set(k, scale(sampleIf(ownMatches[i]!), n));
  });
  const approximate = mainSample !== undefined || ownMatches.some((n) => sampleIf(n) !== undefined);
  return { total, perKey, approximate };
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
