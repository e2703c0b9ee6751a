/**
 * Normalization of imported accounts (pure): the registrable domain a company is matched by, its
 * folded name key, and its country as an ISO 3166-1 alpha-2 code. The domain and name rules are
 * the deal conflict engine's (deals.match.ts), so an imported account and a registered deal for the
 * same customer get the same keys.
 */
import { domainToASCII } from 'node:url';
import isoCodes from 'i18n-iso-countries/codes.json' with { type: 'json' };
import isoNames from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { COUNTRIES } from '../../../common/taxonomy/index.ts';
import { companyNameKey, customerDomain } from '../deals/index.ts';

/** What {@link normalizeAccount} reads: the mapped cells of one row. */
export interface AccountInput {
  name: string;
  website?: string | null;
  domain?: string | null;
  email?: string | null;
  country?: string | null;
}

/** An account's normalized values. */
export interface NormalizedAccount {
  name: string;
  website: string | null;
  /** Registrable domain in ASCII (IDNs as punycode): acme.co.uk, xn--bcher-kva.de. */
  domain: string | null;
  /** The domain without its public suffix (acme for acme.co.uk), as the deal conflict engine keys customers. */
  domainKey: string | null;
  nameKey: string;
  country: string | null;
}

const ASCII = /^[\x20-\x7e]*$/;

const blank = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/**
 * The company domain behind a website, domain or e-mail address ("https://www.acme.co.uk/x" →
 * acme.co.uk), in ASCII so "bücher.de" and "xn--bcher-kva.de" are one domain; null for free-mail
 * providers, IP addresses and anything that is not a public domain.
 */
export function registrableDomain(input: string | null | undefined): { domain: string; key: string } | null {
  const value = blank(input);
  if (!value) return null;
  // "Acme <sales@acme.com>" and "mailto:" links: the address is what counts.
  const address = value.includes('<')
    ? (value.match(/<([^<>\s]+@[^<>\s]+)>/)?.[1] ?? value)
    : value.replace(/^mailto:/i, '');
  const found = customerDomain(address);
  if (!found) return null;
  if (ASCII.test(found.domain)) return found;
  const domain = domainToASCII(found.domain);
  if (!domain) return null;
  // The key is the domain minus its public suffix; converting the label alone keeps it consistent.
  const key = domainToASCII(found.key) || found.key;
  return { domain, key };
}

// Country names as written in CRMs, folded like name keys; a name two codes share ("Congo") is dropped.
const foldCountry = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');

const ALPHA2 = new Set(COUNTRIES.map((c) => c.key));
const ALPHA3 = new Map<string, string>();
for (const [alpha2, alpha3] of isoCodes as readonly (readonly string[])[])
  if (alpha2 && alpha3 && ALPHA2.has(alpha2)) ALPHA3.set(alpha3, alpha2);

// Common names CRMs hold that the ISO list does not (English only; other languages are rare in exports).
const EXTRA_NAMES: Record<string, string> = {
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  britain: 'GB',
  holland: 'NL',
  'czech republic': 'CZ',
  'south korea': 'KR',
  korea: 'KR',
  'north korea': 'KP',
  'ivory coast': 'CI',
  vietnam: 'VN',
  'viet nam': 'VN',
  laos: 'LA',
  'united states of america': 'US',
  america: 'US',
  'u s a': 'US',
  'u s': 'US',
  'u k': 'GB',
  'hong kong sar': 'HK',
  macau: 'MO',
  bosnia: 'BA',
  'bosnia herzegovina': 'BA',
  'republic of ireland': 'IE',
  'slovak republic': 'SK',
  burma: 'MM',
  swaziland: 'SZ',
  'cape verde': 'CV',
  'east timor': 'TL',
  'vatican city': 'VA',
  'st kitts and nevis': 'KN',
  'st lucia': 'LC',
  'st vincent and the grenadines': 'VC',
};

const BY_NAME = (() => {
  const names = new Map<string, string | null>();
  const add = (name: string, code: string) => {
    const key = foldCountry(name);
    if (!key) return;
    const seen = names.get(key);
    names.set(key, seen === undefined || seen === code ? code : null);
  };
  for (const [code, value] of Object.entries(
    isoNames.countries as Record<string, string | readonly string[]>,
  ))
    if (ALPHA2.has(code)) for (const name of [value].flat()) add(name, code);
  for (const c of COUNTRIES) add(c.label, c.key);
  for (const [name, code] of Object.entries(EXTRA_NAMES)) names.set(foldCountry(name), code);
  return names;
})();

/** ISO 3166-1 alpha-2 from an alpha-2 or alpha-3 code or an English name ("SE", "SWE", "Sweden", "sweden "); null when unknown. */
export function countryCode(input: string | null | undefined): string | null {
  if (!input) return null;
  // A file holds few distinct country spellings: remember them (bounded, so a junk column cannot grow it).
  const known = seenCountries.get(input);
  if (known !== undefined) return known;
  const code = lookUpCountry(input);
  if (seenCountries.size < 10_000) seenCountries.set(input, code);
  return code;
}

const seenCountries = new Map<string, string | null>();

function lookUpCountry(input: string): string | null {
  const value = blank(input);
  if (!value) return null;
  const upper = value.toUpperCase();
  if (upper.length === 2 && ALPHA2.has(upper)) return upper;
  if (upper === 'UK') return 'GB';
  if (upper.length === 3 && ALPHA3.has(upper)) return ALPHA3.get(upper)!;
  return BY_NAME.get(foldCountry(value)) ?? null;
}

/**
 * One account's normalized values. The domain comes from the domain column, else the website,
 * else the e-mail address (the first that names a company: a gmail.com address gives none).
 */
export function normalizeAccount(input: AccountInput): NormalizedAccount {
  const name = input.name.trim();
  const found =
    registrableDomain(input.domain) ?? registrableDomain(input.website) ?? registrableDomain(input.email);
  return {
    name,
    website: blank(input.website),
    domain: found?.domain ?? null,
    domainKey: found?.key ?? null,
    nameKey: companyNameKey(name),
    country: countryCode(input.country),
  };
}
