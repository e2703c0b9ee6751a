import type { Facet } from '../../../common/taxonomy/index.ts';
import { formatRelative } from './format.ts';
import type { FacetCount } from './types.ts';

/**
 * The directory's facets in the order filters are shown: the taxonomy's FACETS (a test checks they
 * agree), repeated here so the router can read search params without loading the whole taxonomy.
 */
export const FACET_NAMES = [
  'country',
  'region',
  'language',
  'industry',
  'technology',
  'practice',
  'role',
  'size',
  'certification',
] as const satisfies readonly Facet[];

/** The chosen keys of each facet; a facet without any is absent. */
export type FacetSelection = Partial<Record<Facet, string[]>>;

/** Search params of a directory-like list: words, and the chosen keys of each facet comma-separated. */
export type FacetSearch = { q?: string } & Partial<Record<Facet, string>>;

/** The longest search the API accepts. */
export const MAX_QUERY_LENGTH = 200;

// The router parses search values as JSON where they are, so `?region=150` arrives as a number.
function keysIn(value: unknown): string[] {
  const parts = Array.isArray(value)
    ? value
    : typeof value === 'string' || typeof value === 'number'
      ? String(value).split(',')
      : [];
  const keys = parts.map((part) => String(part).trim()).filter((key) => key && key.length <= 64);
  return [...new Set(keys)].slice(0, 50);
}

/** Reads words and facet filters from a URL's search params, dropping anything malformed. */
export function validateFacetSearch(search: Record<string, unknown>): FacetSearch {
  const out: FacetSearch = {};
  const q =
    typeof search.q === 'string' || typeof search.q === 'number'
      ? String(search.q).trim().slice(0, MAX_QUERY_LENGTH)
      : '';
  if (q) out.q = q;
  for (const facet of FACET_NAMES) {
    const keys = keysIn(search[facet]);
    if (keys.length) out[facet] = keys.join(',');
  }
  return out;
}

/** The chosen keys of each facet in search params. */
export function selectionOf(search: FacetSearch): FacetSelection {
  const selection: FacetSelection = {};
  for (const facet of FACET_NAMES) {
    const keys = keysIn(search[facet]);
    if (keys.length) selection[facet] = keys;
  }
  return selection;
}

/** Search params with a facet's chosen keys replaced (the facet dropped when none are left). */
export function withFacet<S extends FacetSearch>(search: S, facet: Facet, keys: readonly string[]): S {
  const next: S = { ...search };
  if (keys.length) next[facet] = [...new Set(keys)].join(',') as S[Facet];
  else delete next[facet];
  return next;
}

/** Search params without any facet filter; words and other params stay. */
export function withoutFacets<S extends FacetSearch>(search: S): S {
  const next: S = { ...search };
  for (const facet of FACET_NAMES) delete next[facet];
  return next;
}

/** The keys with `key` added, or removed when it was there. */
export function toggleKey(keys: readonly string[], key: string): string[] {
  return keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key];
}

/** How many values are chosen across all facets. */
export function countChosen(selection: FacetSelection): number {
  return Object.values(selection).reduce((sum, keys) => sum + (keys?.length ?? 0), 0);
}

/** Facet values by count, most first, then by label. */
export function byCount(a: FacetCount, b: FacetCount): number {
  return b.count - a.count || a.label.localeCompare(b.label, 'en');
}

/**
 * A facet's values with every chosen one included: the API lists a chosen value even when nothing
 * has it, but a failed search has no counts at all, and chosen values must stay removable.
 */
export function withChosen(
  values: readonly FacetCount[],
  chosen: readonly string[],
  labelOf: (key: string) => string | undefined,
): FacetCount[] {
  const known = new Set(values.map((v) => v.key));
  const missing = chosen
    .filter((key) => !known.has(key))
    .map((key) => ({ key, label: labelOf(key) ?? key, count: 0 }));
  return [...values, ...missing];
}

/** What a folded facet shows: the `limit` largest counts plus every chosen value, by count. */
export function foldedValues(
  values: readonly FacetCount[],
  chosen: readonly string[],
  limit = 8,
): FacetCount[] {
  const sorted = [...values].sort(byCount);
  const top = new Set(sorted.slice(0, limit).map((v) => v.key));
  return sorted.filter((v) => top.has(v.key) || chosen.includes(v.key));
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The values whose label contains the text, ignoring case and accents ("cote" finds "Côte d'Ivoire"). */
export function matchValues<T extends { label: string }>(values: readonly T[], text: string): T[] {
  const wanted = fold(text.trim());
  return wanted ? values.filter((v) => fold(v.label).includes(wanted)) : [...values];
}

const numbers = new Intl.NumberFormat('en');

/** "1,234 organizations", "1 organization". */
export function countLabel(
  count: number,
  singular: string,
  plural = `${singular}s`,
  approximate = false,
): string {
  const noun = count === 1 ? singular : plural;
  return approximate ? `About ${numbers.format(roughly(count))} ${noun}` : `${numbers.format(count)} ${noun}`;
}

/** An estimated count rounded to two significant digits (12,345 → 12,000), never to zero. */
export function roughly(count: number): number {
  if (count < 100) return count;
  const step = 10 ** (Math.floor(Math.log10(count)) - 1);
  return Math.round(count / step) * step;
}

/** "Active 3 days ago", or that nothing has happened yet. */
export function lastActive(iso: string | null | undefined, now = Date.now()): string {
  return iso ? `Active ${formatRelative(iso, now)}` : 'No activity yet';
}

/** A web address for a bare domain ("fabrikam.example" → "https://fabrikam.example"). */
export const domainUrl = (domain: string) => `https://${domain}`;

/** Items grouped in the order of `groups`, each group's items in their given order; empty groups left out. */
export function groupBy<T, G extends { key: string }>(
  items: readonly T[],
  groups: readonly G[],
  groupOf: (item: T) => string | undefined,
): { group: G; items: T[] }[] {
  return groups
    .map((group) => ({ group, items: items.filter((item) => groupOf(item) === group.key) }))
    .filter((entry) => entry.items.length > 0);
}
