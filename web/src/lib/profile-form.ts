import type { OrganizationProfile, ProfilePatch } from './types.ts';

/** The profile form's values: text inputs hold '' where the API has null. */
export interface ProfileFormValues {
  name: string;
  domain: string;
  description: string;
  logoUrl: string;
  hqCountry: string | null;
  countries: string[];
  languages: string[];
  sizeBand: string | null;
  foundedYear: number | string;
  roles: string[];
  industries: string[];
  technologies: string[];
  practices: string[];
  certifications: string[];
  services: string[];
  listed: boolean;
}

const LISTS = [
  'countries',
  'languages',
  'roles',
  'industries',
  'technologies',
  'practices',
  'certifications',
  'services',
] as const;

/** A profile as form values. */
export function profileFormValues(p: OrganizationProfile): ProfileFormValues {
  return {
    name: p.name,
    domain: p.domain ?? '',
    description: p.description,
    logoUrl: p.logoUrl ?? '',
    hqCountry: p.hqCountry,
    countries: [...p.countries],
    languages: [...p.languages],
    sizeBand: p.sizeBand,
    foundedYear: p.foundedYear ?? '',
    roles: [...p.roles],
    industries: [...p.industries],
    technologies: [...p.technologies],
    practices: [...p.practices],
    certifications: [...p.certifications],
    services: [...p.services],
    listed: p.listed,
  };
}

const orNull = (text: string) => text.trim() || null;
const year = (value: number | string) => (value === '' ? null : Number(value));
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/** Only what changed between the loaded profile and the form, in the API's shape (blank → null). */
export function profileChanges(initial: ProfileFormValues, values: ProfileFormValues): ProfilePatch {
  const patch: ProfilePatch = {};
  if (values.name.trim() !== initial.name.trim()) patch.name = values.name.trim();
  if (orNull(values.domain) !== orNull(initial.domain)) patch.domain = orNull(values.domain);
  if (values.description.trim() !== initial.description.trim()) patch.description = values.description.trim();
  if (orNull(values.logoUrl) !== orNull(initial.logoUrl)) patch.logoUrl = orNull(values.logoUrl);
  if (values.hqCountry !== initial.hqCountry) patch.hqCountry = values.hqCountry;
  if (values.sizeBand !== initial.sizeBand) patch.sizeBand = values.sizeBand;
  if (year(values.foundedYear) !== year(initial.foundedYear)) patch.foundedYear = year(values.foundedYear);
  if (values.listed !== initial.listed) patch.listed = values.listed;
  for (const list of LISTS) {
    const next = list === 'services' ? values.services.map((s) => s.trim()).filter(Boolean) : values[list];
    if (!sameList(next, initial[list])) patch[list] = next;
  }
  return patch;
}
