import type { ComboboxData } from '@mantine/core';
import {
  CERTIFICATIONS,
  COUNTRIES,
  type Facet,
  type FacetValue,
  facetValues,
  INDUSTRIES,
  LANGUAGES,
  ORG_ROLES,
  PRACTICES,
  SIZE_BANDS,
  TECHNOLOGIES,
  TECHNOLOGY_GROUPS,
} from '../../../../common/taxonomy/index.ts';

const options = (values: readonly FacetValue[]) => values.map((v) => ({ value: v.key, label: v.label }));

/** Technologies grouped the way buyers look for them, groups by name. */
const TECHNOLOGY_OPTIONS: ComboboxData = TECHNOLOGY_GROUPS.map((group) => ({
  group: group.label,
  items: options(TECHNOLOGIES.filter((t) => t.group === group.key)),
}));

/** Select and MultiSelect options of each facet (technologies grouped). */
export const FACET_OPTIONS: Record<Facet, ComboboxData> = {
  country: options(COUNTRIES),
  region: options(facetValues('region')),
  language: options(LANGUAGES),
  industry: options(INDUSTRIES),
  technology: TECHNOLOGY_OPTIONS,
  practice: options(PRACTICES),
  role: options(ORG_ROLES),
  size: options(SIZE_BANDS),
  certification: options(CERTIFICATIONS),
};
