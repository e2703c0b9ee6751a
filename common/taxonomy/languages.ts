/** Languages (ISO 639-1), from the `iso-639-1` package (MIT): two-letter code and English name. */
import ISO6391 from 'iso-639-1';
import { byLabel, type FacetValue } from './types.ts';

/** Every ISO 639-1 language, keyed by its two-letter code, sorted by English name. */
export const LANGUAGES: readonly FacetValue[] = ISO6391.getLanguages(ISO6391.getAllCodes())
  .map(({ code, name }) => ({ key: code, label: name }))
  .sort(byLabel);
