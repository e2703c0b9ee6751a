/** One value of a directory facet: a stable key (what URLs and the database store) and a display label. */
export interface FacetValue {
  readonly key: string;
  readonly label: string;
}

/** Orders facet values by label, the way every list except size bands is shown. */
export function byLabel(a: FacetValue, b: FacetValue): number {
  return a.label.localeCompare(b.label, 'en');
}
