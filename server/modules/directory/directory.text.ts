import { parse } from 'tldts';
import { type Facet, facetLabel, regionsOfCountry } from '../../../common/taxonomy/index.ts';

/** Lowercase, accent-free text: the one normalization profiles and queries share ("Société" → "societe"). */
export const foldText = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** The words of a text after folding: letters and digits only, so no query syntax survives. */
export const searchWords = (text: string): string[] => foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The registrable domain of a web address ("https://www.shop.contoso.co.uk/x" → "contoso.co.uk"),
 * or null when it has no public suffix, is an IP address, or is not a host name at all.
 */
export function normalizeDomain(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  if (!trimmed || trimmed.length > 253 || /\s/.test(trimmed)) return null;
  const info = parse(trimmed, { allowPrivateDomains: false });
  if (info.isIp || !info.isIcann || !info.domain || !info.hostname) return null;
  if (!/^[a-z0-9.-]+$/.test(info.hostname)) return null;
  return info.domain;
}

/** The facet-carrying fields of a profile. */
export interface ProfileFacets {
  hqCountry: string | null;
  countries: readonly string[];
  languages: readonly string[];
  sizeBand: string | null;
  roles: readonly string[];
  industries: readonly string[];
  technologies: readonly string[];
  practices: readonly string[];
  certifications: readonly string[];
}

/** The searchable text of a profile besides its name. */
export interface ProfileText {
  description: string;
  services: readonly string[];
}

/** Every facet value of a profile as `facet:key`; regions come from the countries served and the HQ. */
export function facetKeysOf(p: ProfileFacets): string[] {
  const countries = new Set<string>(p.countries);
  if (p.hqCountry) countries.add(p.hqCountry);
  const regions = new Set([...countries].flatMap(regionsOfCountry));
  const keys: string[] = [];
  const add = (facet: Facet, values: Iterable<string>) => {
    for (const v of values) keys.push(`${facet}:${v}`);
  };
  add('country', countries);
  add('region', regions);
  add('language', p.languages);
  add('industry', p.industries);
  add('technology', p.technologies);
  add('practice', p.practices);
  add('role', p.roles);
  add('certification', p.certifications);
  if (p.sizeBand) add('size', [p.sizeBand]);
  return keys;
}

const labels = (facet: Facet, keys: readonly string[]) =>
  keys.map((k) => facetLabel(facet, k) ?? '').join(' ');

/** The folded name and body text stored for full-text search (body: description, services, facet labels). */
export function searchTextOf(name: string, p: ProfileFacets & ProfileText) {
  const body = [
    p.description,
    p.services.join(' '),
    labels('technology', p.technologies),
    labels('practice', p.practices),
    labels('role', p.roles),
    labels('industry', p.industries),
    p.hqCountry ? (facetLabel('country', p.hqCountry) ?? '') : '',
  ].join(' ');
  return { searchName: searchWords(name).join(' '), searchBody: searchWords(body).join(' ') };
}
