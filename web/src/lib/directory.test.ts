import { describe, expect, test } from 'vitest';
import { FACETS, TECHNOLOGIES, TECHNOLOGY_GROUPS } from '../../../common/taxonomy/index.ts';
import { ApiError } from './api.ts';
import {
  countChosen,
  countLabel,
  FACET_NAMES,
  foldedValues,
  groupBy,
  lastActive,
  matchValues,
  roughly,
  selectionOf,
  toggleKey,
  validateFacetSearch,
  withChosen,
  withFacet,
  withoutFacets,
} from './directory.ts';
import { builderValues, filterOf, membershipAction, sameFilter, topValues, trendRows } from './ecosystems.ts';
import { formErrors } from './errors.ts';
import { type ProfileFormValues, profileChanges, profileFormValues } from './profile-form.ts';
import type { OrganizationProfile } from './types.ts';

const value = (key: string, count: number, label = key.toUpperCase()) => ({ key, label, count });

describe('directory search params', () => {
  test('the facets are the taxonomy’s, in its order', () => {
    expect([...FACET_NAMES]).toEqual([...FACETS]);
  });

  test('words and comma-separated facet keys survive a round trip through the URL', () => {
    const search = validateFacetSearch({ q: '  fabrikam ', country: 'DE,AT', role: 'systems-integrator' });
    expect(search).toEqual({ q: 'fabrikam', country: 'DE,AT', role: 'systems-integrator' });
    expect(selectionOf(search)).toEqual({ country: ['DE', 'AT'], role: ['systems-integrator'] });
  });

  test('numbers the router parsed as JSON are keys and words again', () => {
    expect(validateFacetSearch({ region: 150, q: 2024 })).toEqual({ q: '2024', region: '150' });
    expect(validateFacetSearch({ country: ['SE', 'NO'] })).toEqual({ country: 'SE,NO' });
  });

  test('malformed params are dropped, duplicates and blanks too', () => {
    expect(
      validateFacetSearch({
        q: '   ',
        country: 'DE,,DE, ',
        region: { nested: true },
        role: 'x'.repeat(65),
        unknown: 'kept out',
      }),
    ).toEqual({ country: 'DE' });
    expect(validateFacetSearch({ q: 'a'.repeat(300) }).q).toHaveLength(200);
  });

  test('choosing and clearing filters keeps the words and other params', () => {
    const search = { q: 'msp', country: 'DE', status: 'active' as const };
    expect(withFacet(search, 'role', ['msp', 'reseller'])).toEqual({ ...search, role: 'msp,reseller' });
    expect(withFacet(search, 'country', [])).toEqual({ q: 'msp', status: 'active' });
    expect(withoutFacets({ ...search, role: 'msp' })).toEqual({ q: 'msp', status: 'active' });
  });

  test('a checkbox toggles its key', () => {
    expect(toggleKey(['DE'], 'AT')).toEqual(['DE', 'AT']);
    expect(toggleKey(['DE', 'AT'], 'DE')).toEqual(['AT']);
    expect(countChosen({ country: ['DE', 'AT'], role: ['msp'] })).toBe(3);
  });
});

describe('facet values in the sidebar', () => {
  const values = [value('a', 1), value('b', 9), value('c', 5), value('d', 5), value('e', 2)];

  test('folded, a facet shows its largest counts, ties by label', () => {
    expect(foldedValues(values, [], 3).map((v) => v.key)).toEqual(['b', 'c', 'd']);
  });

  test('a chosen value always shows, even a rare one', () => {
    expect(foldedValues(values, ['a'], 3).map((v) => v.key)).toEqual(['b', 'c', 'd', 'a']);
  });

  test('a chosen value the result lacks is added with no count, labelled from the taxonomy', () => {
    const all = withChosen([value('DE', 3)], ['DE', 'FR'], (key) => (key === 'FR' ? 'France' : undefined));
    expect(all).toEqual([value('DE', 3), { key: 'FR', label: 'France', count: 0 }]);
  });

  test('the filter box ignores case and accents', () => {
    const countries = [value('CI', 1, "Côte d'Ivoire"), value('CO', 1, 'Colombia')];
    expect(matchValues(countries, 'COTE').map((v) => v.key)).toEqual(['CI']);
    expect(matchValues(countries, ' ')).toHaveLength(2);
  });
});

describe('result text', () => {
  test('counts read as a person would say them', () => {
    expect(countLabel(1234, 'organization')).toBe('1,234 organizations');
    expect(countLabel(1, 'organization')).toBe('1 organization');
    expect(countLabel(0, 'member')).toBe('0 members');
    expect(countLabel(45_678, 'organization', undefined, true)).toBe('About 46,000 organizations');
    expect(roughly(987)).toBe(990);
    expect(roughly(42)).toBe(42);
  });

  test('last activity is relative, or says there was none', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(lastActive('2026-03-07T12:00:00Z', now)).toBe('Active 3 days ago');
    expect(lastActive(null, now)).toBe('No activity yet');
  });

  test('technologies group in the order of the groups, empty groups left out', () => {
    const groupOf = new Map(TECHNOLOGIES.map((t) => [t.key, t.group]));
    const grouped = groupBy(['fortinet', 'azure', 'aws'], TECHNOLOGY_GROUPS, (k) => groupOf.get(k));
    expect(grouped.map((g) => [g.group.key, g.items])).toEqual([
      ['cloud-platforms', ['azure', 'aws']],
      ['security', ['fortinet']],
    ]);
  });
});

describe('ecosystem membership', () => {
  test('the action follows the status first, then the join policy', () => {
    expect(membershipAction('none', 'open')).toBe('join');
    expect(membershipAction('none', 'approval')).toBe('request');
    expect(membershipAction('none', 'invite')).toBe('invite-only');
    expect(membershipAction('invited', 'invite')).toBe('respond');
    expect(membershipAction('requested', 'approval')).toBe('withdraw');
    expect(membershipAction('member', 'open')).toBe('leave');
    expect(membershipAction('matched', 'invite')).toBe('matched');
    expect(membershipAction('owner', 'open')).toBe('owner');
  });

  test('an empty filter builder means explicit membership only', () => {
    expect(filterOf({})).toBeNull();
    expect(filterOf(builderValues(null))).toBeNull();
    expect(filterOf({ ...builderValues(null), region: ['154'], role: ['msp'] })).toEqual({
      region: ['154'],
      role: ['msp'],
    });
  });

  test('a loaded filter fills the builder and compares regardless of order', () => {
    const values = builderValues({ country: ['SE', 'NO'] });
    expect(values.country).toEqual(['SE', 'NO']);
    expect(values.role).toEqual([]);
    expect(sameFilter({ country: ['SE', 'NO'] }, { country: ['NO', 'SE'] })).toBe(true);
    expect(sameFilter({ country: ['SE'] }, null)).toBe(false);
    expect(sameFilter(null, {})).toBe(true);
  });

  test('composition charts show the most common values that anyone has', () => {
    const values = [value('a', 0), value('b', 3), value('c', 7), value('d', 3)];
    expect(topValues(values, 2).map((v) => v.key)).toEqual(['c', 'b']);
    expect(topValues(undefined)).toEqual([]);
  });

  test('trend points become weekly chart rows', () => {
    expect(trendRows([{ at: '2026-03-02T00:00:00.000Z', active: 4, members: 9 }])).toEqual([
      { week: 'Mar 2', active: 4, members: 9 },
    ]);
  });
});

const profile: OrganizationProfile = {
  id: 'o1',
  name: 'Fabrikam Integrators',
  slug: 'fabrikam-integrators',
  domain: 'fabrikam.example',
  description: 'Systems integrator',
  logoUrl: null,
  hqCountry: 'DE',
  countries: ['DE', 'AT'],
  languages: ['de'],
  sizeBand: null,
  foundedYear: null,
  roles: ['systems-integrator'],
  industries: [],
  technologies: ['azure'],
  practices: [],
  certifications: [],
  services: ['Migration'],
  listed: true,
  source: 'self',
  claimable: false,
  lastActiveAt: null,
  updatedAt: '2026-03-01T00:00:00.000Z',
  canEdit: true,
};

describe('profile form', () => {
  const initial = profileFormValues(profile);
  const edit = (changes: Partial<ProfileFormValues>) => profileChanges(initial, { ...initial, ...changes });

  test('an untouched form sends nothing', () => {
    expect(edit({})).toEqual({});
    expect(edit({ name: ' Fabrikam Integrators ', services: ['Migration', ' '] })).toEqual({});
  });

  test('only changed fields are sent, blanks as null', () => {
    expect(edit({ countries: ['DE', 'AT', 'CH'], domain: '  ', foundedYear: 1998 })).toEqual({
      countries: ['DE', 'AT', 'CH'],
      domain: null,
      foundedYear: 1998,
    });
    expect(edit({ logoUrl: 'https://fabrikam.example/logo.png', listed: false, hqCountry: null })).toEqual({
      logoUrl: 'https://fabrikam.example/logo.png',
      listed: false,
      hqCountry: null,
    });
  });

  test('a cleared year is null, services are trimmed', () => {
    const withYear = { ...initial, foundedYear: 2001 };
    expect(profileChanges(withYear, { ...withYear, foundedYear: '' })).toEqual({ foundedYear: null });
    expect(edit({ services: [' Migration ', 'Copilot readiness'] })).toEqual({
      services: ['Migration', 'Copilot readiness'],
    });
  });
});

describe('API errors on list and record fields', () => {
  const invalid = new ApiError(400, {
    error: {
      code: 'invalid_input',
      message: 'Invalid input',
      details: {
        issues: [
          { path: 'body.countries.1', message: 'Unknown country "XX"' },
          { path: 'body.countries.3', message: 'Unknown country "YY"' },
          { path: 'body.filter.region.0', message: 'Unknown region "999"' },
          { path: 'body.domain', message: 'Not a valid public web domain' },
        ],
      },
    },
  });

  test('an item’s error lands on its list, the first one wins', () => {
    expect(formErrors(invalid)).toEqual({
      countries: 'Unknown country "XX"',
      filter: 'Unknown region "999"',
      domain: 'Not a valid public web domain',
    });
  });

  test('a record field keeps one more level', () => {
    expect(formErrors(invalid, ['filter'])['filter.region']).toBe('Unknown region "999"');
  });

  test('anything else has no field errors', () => {
    expect(formErrors(new Error('boom'))).toEqual({});
  });
});
