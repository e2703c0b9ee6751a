import { describe, expect, it } from 'vitest';
import {
  COUNTRIES,
  countriesOfRegion,
  FACET_LABELS,
  FACETS,
  facetLabel,
  facetValues,
  INDUSTRIES,
  isFacetValue,
  NAICS_EDITION,
  ORG_ROLES,
  REGIONS,
  regionsOfCountry,
  SIZE_BANDS,
  TECHNOLOGIES,
  TECHNOLOGY_GROUPS,
} from './index.ts';

describe('geography', () => {
  it('lists every ISO 3166-1 country by English name', () => {
    expect(COUNTRIES.length).toBeGreaterThanOrEqual(240);
    expect(facetLabel('country', 'SE')).toBe('Sweden');
    expect(facetLabel('country', 'DE')).toBe('Germany');
    expect(isFacetValue('country', 'XK')).toBe(false); // user-assigned, not ISO 3166-1
    const labels = COUNTRIES.map((c) => c.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('places Sweden in Northern Europe within Europe', () => {
    expect(regionsOfCountry('SE')).toEqual(['150', '154']);
    expect(facetLabel('region', '150')).toBe('Europe');
    expect(facetLabel('region', '154')).toBe('Northern Europe');
    expect(REGIONS.find((r) => r.key === '154')).toMatchObject({ kind: 'sub-region', parent: '150' });
  });

  it('places Brazil in Latin America and the Caribbean, in South America', () => {
    expect(regionsOfCountry('BR')).toEqual(['019', '419']);
    expect(facetLabel('region', '419')).toBe('Latin America and the Caribbean');
    expect(COUNTRIES.find((c) => c.key === 'BR')?.intermediateRegion).toBe('005');
  });

  it('finds the Nordic countries in Northern Europe, and Europe contains them', () => {
    const northern = countriesOfRegion('154');
    expect(northern).toEqual(expect.arrayContaining(['SE', 'NO', 'DK', 'FI', 'IS']));
    expect(northern).not.toContain('DE');
    expect(countriesOfRegion('150')).toEqual(expect.arrayContaining(northern));
    expect(countriesOfRegion('150')).toContain('DE');
  });

  it('places every country in a region and a sub-region of that region, except Antarctica', () => {
    const parents = new Map(REGIONS.map((r) => [r.key, r.parent]));
    const unplaced = COUNTRIES.filter((c) => !c.region || parents.get(c.subRegion) !== c.region);
    expect(unplaced.map((c) => c.key)).toEqual(['AQ']);
    expect(regionsOfCountry('AQ')).toEqual([]);
    expect(regionsOfCountry('TW')).toEqual(['142', '030']); // absent from M49, placed by hand
  });

  it('knows nothing of unknown countries and regions', () => {
    expect(regionsOfCountry('ZZ')).toEqual([]);
    expect(countriesOfRegion('999')).toEqual([]);
  });
});

describe('standards', () => {
  it('names languages by ISO 639-1 code', () => {
    expect(facetLabel('language', 'sv')).toBe('Swedish');
    expect(facetLabel('language', 'en')).toBe('English');
    expect(facetValues('language').length).toBeGreaterThanOrEqual(180);
  });

  it('lists the 20 NAICS sectors, ranges included', () => {
    expect(NAICS_EDITION).toMatch(/^20\d\d$/);
    expect(INDUSTRIES).toHaveLength(20);
    expect(facetLabel('industry', '54')).toBe('Professional, Scientific, and Technical Services');
    expect(facetLabel('industry', '51')).toBe('Information');
    expect(facetLabel('industry', '31-33')).toBe('Manufacturing');
    expect(facetLabel('industry', '44-45')).toBe('Retail Trade');
    expect(facetLabel('industry', '48-49')).toBe('Transportation and Warehousing');
  });
});

describe('curated facets', () => {
  it('labels the organization roles', () => {
    expect(facetLabel('role', 'referral-partner')).toBe('Agent / referral partner');
    expect(facetLabel('role', 'msp')).toBe('Managed service provider');
    expect(ORG_ROLES).toHaveLength(13);
  });

  it('orders size bands from small to large', () => {
    expect(SIZE_BANDS.map((s) => s.key)).toEqual([
      '1-10',
      '11-50',
      '51-200',
      '201-500',
      '501-1000',
      '1001-5000',
      '5001+',
    ]);
    expect(facetLabel('size', '1-10')).toBe('1–10 employees');
  });

  it('puts every technology in a known group', () => {
    const groups = new Set(TECHNOLOGY_GROUPS.map((g) => g.key));
    expect(TECHNOLOGIES.filter((t) => !groups.has(t.group))).toEqual([]);
    expect(TECHNOLOGIES.find((t) => t.key === 'azure')?.group).toBe('cloud-platforms');
  });
});

describe('every facet', () => {
  it.each(FACETS)('%s has a label and unique, well-formed keys', (facet) => {
    expect(FACET_LABELS[facet]).toBeTruthy();
    const values = facetValues(facet);
    expect(values.length).toBeGreaterThan(0);
    const keys = values.map((v) => v.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const { key, label } of values) {
      expect(key).toMatch(/^[A-Za-z0-9+-]+$/);
      expect(label.trim()).toBe(label);
      expect(label).not.toBe('');
      expect(isFacetValue(facet, key)).toBe(true);
    }
  });

  it.each(FACETS.filter((f) => f !== 'size'))('%s is sorted by label', (facet) => {
    const labels = facetValues(facet).map((v) => v.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('rejects unknown keys and keys of another facet', () => {
    expect(isFacetValue('country', 'se')).toBe(false);
    expect(isFacetValue('language', 'SV')).toBe(false);
    expect(isFacetValue('technology', 'not-a-technology')).toBe(false);
    expect(isFacetValue('role', 'sv')).toBe(false);
    expect(isFacetValue('region', 'SE')).toBe(false);
    expect(isFacetValue('industry', '31')).toBe(false);
    expect(facetLabel('practice', '')).toBeUndefined();
  });
});
