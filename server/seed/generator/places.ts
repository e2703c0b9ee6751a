/**
 * Where generated organizations are: head-office countries weighted like the IT channel, the
 * neighbours a company expands into first, the main languages and web domains of each country,
 * and a few real cities for names and descriptions.
 */
import { COUNTRIES, countriesOfRegion, facetLabel } from '../../../common/taxonomy/index.ts';
import { normalizeDomain } from '../../modules/directory/index.ts';
import { type Rng, Weighted } from './random.ts';

// Rough share of IT-channel companies by head office (percent); every other country gets LONG_TAIL.
const HQ_WEIGHTS: Record<string, number> = {
  US: 30,
  GB: 7,
  DE: 6.5,
  FR: 4,
  NL: 3,
  SE: 2.2,
  NO: 1.3,
  DK: 1.3,
  FI: 1.1,
  IS: 0.1,
  CA: 3.5,
  AU: 3,
  NZ: 0.6,
  IN: 4,
  BR: 2.2,
  ES: 2.3,
  IT: 2.2,
  JP: 1.8,
  SG: 1.3,
  IE: 1,
  BE: 1,
  CH: 1.3,
  AT: 0.9,
  PL: 1.3,
  PT: 0.7,
  CZ: 0.5,
  MX: 1.3,
  AR: 0.5,
  CL: 0.5,
  CO: 0.5,
  PE: 0.2,
  ZA: 0.9,
  AE: 0.9,
  SA: 0.4,
  IL: 0.7,
  TR: 0.5,
  HK: 0.5,
  KR: 0.6,
  MY: 0.4,
  PH: 0.4,
  ID: 0.4,
  TH: 0.3,
  VN: 0.3,
  CN: 0.5,
  TW: 0.3,
  EE: 0.2,
  LT: 0.2,
  LV: 0.15,
  RO: 0.4,
  HU: 0.3,
  GR: 0.3,
  UA: 0.3,
  NG: 0.3,
  KE: 0.3,
  EG: 0.3,
  MA: 0.2,
  LU: 0.2,
};
const LONG_TAIL = 0.015;

/** A country's weight as a head office (also used to prefer big markets when picking neighbours). */
export const hqWeight = (country: string) => HQ_WEIGHTS[country] ?? LONG_TAIL;

const HQ = new Weighted(
  COUNTRIES.filter((c) => c.region !== '').map((c) => [c.key, hqWeight(c.key)] as const),
);

/** A head-office country, weighted like the channel. */
export const drawHq = (rng: Rng): string => HQ.draw(rng);

/** Countries that serve each other first, before the rest of their M49 sub-region. */
const CLUSTERS: Record<string, readonly string[]> = {
  nordics: ['SE', 'NO', 'DK', 'FI', 'IS'],
  dach: ['DE', 'AT', 'CH'],
  benelux: ['NL', 'BE', 'LU'],
  uki: ['GB', 'IE'],
  iberia: ['ES', 'PT'],
  northAmerica: ['US', 'CA'],
  anz: ['AU', 'NZ'],
  baltics: ['EE', 'LV', 'LT'],
  cee: ['PL', 'CZ', 'SK', 'HU', 'RO'],
  southernCone: ['AR', 'CL', 'UY', 'PY'],
  gulf: ['AE', 'SA', 'QA', 'KW', 'BH', 'OM'],
  asean: ['SG', 'MY', 'ID', 'TH', 'PH', 'VN'],
};
const clusterOf = new Map<string, string>();
for (const [name, members] of Object.entries(CLUSTERS)) for (const c of members) clusterOf.set(c, name);

/** The Nordic countries (the generator's favourite correlation: security and modern-work MSPs). */
export const NORDICS: readonly string[] = CLUSTERS.nordics!;
/** German-speaking Europe. */
export const DACH: readonly string[] = CLUSTERS.dach!;

const country = new Map(COUNTRIES.map((c) => [c.key, c]));

/** The countries a company's neighbours are: its cluster first, then sub-region, then region. */
export function neighbours(hq: string): { cluster: string[]; subRegion: string[]; region: string[] } {
  const c = country.get(hq);
  const name = clusterOf.get(hq);
  const cluster = name ? CLUSTERS[name]!.filter((k) => k !== hq) : [];
  const near = new Set([hq, ...cluster]);
  const subRegion = c ? countriesOfRegion(c.subRegion).filter((k) => !near.has(k)) : [];
  for (const k of subRegion) near.add(k);
  const region = c ? countriesOfRegion(c.region).filter((k) => !near.has(k)) : [];
  return { cluster, subRegion, region };
}

const neighbourCache = new Map<string, ReturnType<typeof neighbours>>();
/** {@link neighbours}, memoized (called once per generated organization). */
export function neighboursOf(hq: string) {
  let found = neighbourCache.get(hq);
  if (!found) {
    found = neighbours(hq);
    neighbourCache.set(hq, found);
  }
  return found;
}

/** Every country with a weight, for global companies. */
export const WORLD: readonly (readonly [string, number])[] = HQ.items.map((k) => [k, hqWeight(k)] as const);

/** How a set of served countries reads in a sentence ("across the Nordics", "in Spain and Portugal"). */
export function describeReach(hq: string, countries: readonly string[]): string {
  const set = new Set(countries);
  const name = (k: string) => countryName(k);
  if (set.size <= 1) return `in ${name(hq)}`;
  if (set.size > 12) return `in ${set.size} countries worldwide`;
  for (const [cluster, phrase] of [
    ['nordics', 'across the Nordics'],
    ['dach', 'across the DACH region'],
    ['benelux', 'across the Benelux'],
    ['uki', 'across the UK and Ireland'],
    ['baltics', 'across the Baltics'],
    ['anz', 'across Australia and New Zealand'],
  ] as const) {
    const members = CLUSTERS[cluster]!;
    if (members.includes(hq) && [...set].every((k) => members.includes(k))) return phrase;
  }
  if (set.size > 4) return `in ${name(hq)} and ${set.size - 1} other countries`;
  const names = [...set].map(name);
  return `in ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A country's English name ("Sweden"); the short form for the few with long official names. */
export function countryName(key: string): string {
  return SHORT_NAMES[key] ?? facetLabel('country', key) ?? key;
}
const SHORT_NAMES: Record<string, string> = {
  GB: 'the UK',
  US: 'the US',
  NL: 'the Netherlands',
  AE: 'the UAE',
  KR: 'South Korea',
  VN: 'Vietnam',
  BO: 'Bolivia',
  VE: 'Venezuela',
};

// Main languages (ISO 639-1) of the countries where the channel is busiest.
const LANGUAGES: Record<string, readonly string[]> = {
  US: ['en'],
  GB: ['en'],
  IE: ['en'],
  CA: ['en', 'fr'],
  AU: ['en'],
  NZ: ['en'],
  DE: ['de'],
  AT: ['de'],
  CH: ['de', 'fr', 'it'],
  LI: ['de'],
  FR: ['fr'],
  BE: ['nl', 'fr'],
  LU: ['fr', 'de'],
  NL: ['nl'],
  SE: ['sv'],
  NO: ['no'],
  DK: ['da'],
  FI: ['fi', 'sv'],
  IS: ['is'],
  ES: ['es'],
  PT: ['pt'],
  IT: ['it'],
  BR: ['pt'],
  JP: ['ja'],
  KR: ['ko'],
  CN: ['zh'],
  TW: ['zh'],
  HK: ['zh', 'en'],
  SG: ['en', 'zh', 'ms'],
  MY: ['ms', 'en'],
  ID: ['id'],
  TH: ['th'],
  VN: ['vi'],
  PH: ['en', 'tl'],
  IN: ['en', 'hi'],
  PK: ['en', 'ur'],
  BD: ['bn'],
  AE: ['ar', 'en'],
  SA: ['ar'],
  QA: ['ar'],
  KW: ['ar'],
  BH: ['ar'],
  OM: ['ar'],
  EG: ['ar'],
  MA: ['ar', 'fr'],
  TN: ['ar', 'fr'],
  DZ: ['ar', 'fr'],
  IL: ['he', 'en'],
  TR: ['tr'],
  PL: ['pl'],
  CZ: ['cs'],
  SK: ['sk'],
  HU: ['hu'],
  RO: ['ro'],
  BG: ['bg'],
  GR: ['el'],
  HR: ['hr'],
  SI: ['sl'],
  RS: ['sr'],
  UA: ['uk'],
  EE: ['et'],
  LV: ['lv'],
  LT: ['lt'],
  ZA: ['en', 'af'],
  NG: ['en'],
  KE: ['en', 'sw'],
  GH: ['en'],
};

/** The main languages of a country; Spanish for the rest of Latin America, else English. */
export function languagesOf(key: string): readonly string[] {
  const known = LANGUAGES[key];
  if (known) return known;
  return country.get(key)?.subRegion === '419' ? ['es'] : ['en'];
}

// Second-level registrations where a country's businesses use them rather than the bare ccTLD.
const SECOND_LEVEL: Record<string, string> = {
  GB: 'co.uk',
  AU: 'com.au',
  BR: 'com.br',
  JP: 'co.jp',
  NZ: 'co.nz',
  ZA: 'co.za',
  SG: 'com.sg',
  MX: 'com.mx',
  AR: 'com.ar',
  IL: 'co.il',
  KR: 'co.kr',
  TR: 'com.tr',
  CN: 'com.cn',
  HK: 'com.hk',
  MY: 'com.my',
  ID: 'co.id',
  TH: 'co.th',
  PH: 'com.ph',
  VN: 'com.vn',
  EG: 'com.eg',
  NG: 'com.ng',
  KE: 'co.ke',
  UA: 'com.ua',
  CO: 'com.co',
  PE: 'com.pe',
};

const tldCache = new Map<string, string>();
/** The suffix a company in the country registers under ("se", "co.uk"); "com" when it has none usable. */
export function countryTld(key: string): string {
  let tld = tldCache.get(key);
  if (tld === undefined) {
    const candidate = SECOND_LEVEL[key] ?? key.toLowerCase();
    tld = normalizeDomain(`example.${candidate}`) === `example.${candidate}` ? candidate : 'com';
    tldCache.set(key, tld);
  }
  return tld;
}

/** A web suffix for a company in the country: mostly its own, sometimes .com (and .io for US startups). */
export function drawTld(rng: Rng, hq: string, global: boolean): string {
  const u = rng.next();
  if (hq === 'US') return u < 0.86 ? 'com' : u < 0.92 ? 'io' : u < 0.96 ? 'net' : 'co';
  if (global && u < 0.6) return 'com';
  if (u < 0.2) return 'com';
  if (u < 0.23) return 'io';
  return countryTld(hq);
}

/** Currencies of deal amounts by head office. */
export function currencyOf(hq: string): string {
  if (CURRENCIES[hq]) return CURRENCIES[hq];
  return country.get(hq)?.region === '150' ? 'EUR' : 'USD';
}
const CURRENCIES: Record<string, string> = {
  GB: 'GBP',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  CH: 'CHF',
  PL: 'PLN',
  CZ: 'CZK',
  HU: 'HUF',
  RO: 'RON',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  IN: 'INR',
  BR: 'BRL',
  JP: 'JPY',
  SG: 'SGD',
  MX: 'MXN',
  ZA: 'ZAR',
  AE: 'AED',
  IL: 'ILS',
  TR: 'TRY',
  KR: 'KRW',
  IS: 'ISK',
  UA: 'UAH',
};

/** A few real cities per country, for "<City> Managed Services" and descriptions. */
export const CITIES: Record<string, readonly string[]> = {
  US: [
    'Austin',
    'Denver',
    'Chicago',
    'Atlanta',
    'Seattle',
    'Boston',
    'Dallas',
    'Phoenix',
    'Raleigh',
    'Columbus',
    'Nashville',
    'San Diego',
    'Tampa',
    'Minneapolis',
    'Portland',
    'Charlotte',
    'Pittsburgh',
    'Salt Lake City',
  ],
  GB: [
    'London',
    'Manchester',
    'Leeds',
    'Bristol',
    'Birmingham',
    'Glasgow',
    'Edinburgh',
    'Cardiff',
    'Reading',
  ],
  DE: ['Berlin', 'München', 'Hamburg', 'Köln', 'Frankfurt', 'Stuttgart', 'Düsseldorf', 'Leipzig', 'Hannover'],
  FR: ['Paris', 'Lyon', 'Toulouse', 'Nantes', 'Lille', 'Bordeaux', 'Marseille', 'Rennes'],
  NL: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven', 'Den Haag', 'Groningen'],
  SE: ['Stockholm', 'Göteborg', 'Malmö', 'Uppsala', 'Linköping', 'Örebro', 'Umeå', 'Västerås'],
  NO: ['Oslo', 'Bergen', 'Trondheim', 'Stavanger', 'Tromsø', 'Kristiansand'],
  DK: ['København', 'Aarhus', 'Odense', 'Aalborg'],
  FI: ['Helsinki', 'Espoo', 'Tampere', 'Turku', 'Oulu'],
  IS: ['Reykjavík'],
  CA: ['Toronto', 'Montréal', 'Vancouver', 'Calgary', 'Ottawa', 'Waterloo'],
  AU: ['Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Adelaide', 'Canberra'],
  NZ: ['Auckland', 'Wellington', 'Christchurch'],
  IN: ['Bengaluru', 'Pune', 'Hyderabad', 'Chennai', 'Mumbai', 'Gurugram', 'Noida'],
  BR: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Porto Alegre', 'Recife'],
  ES: ['Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Bilbao', 'Málaga'],
  IT: ['Milano', 'Roma', 'Torino', 'Bologna', 'Firenze', 'Napoli'],
  JP: ['Tokyo', 'Osaka', 'Nagoya', 'Fukuoka', 'Sapporo'],
  SG: ['Singapore'],
  IE: ['Dublin', 'Cork', 'Galway', 'Limerick'],
  BE: ['Brussels', 'Antwerpen', 'Gent', 'Leuven'],
  CH: ['Zürich', 'Basel', 'Bern', 'Genève', 'Lausanne'],
  AT: ['Wien', 'Graz', 'Linz', 'Salzburg'],
  PL: ['Warszawa', 'Kraków', 'Wrocław', 'Gdańsk', 'Poznań'],
  PT: ['Lisboa', 'Porto', 'Braga'],
  MX: ['Ciudad de México', 'Monterrey', 'Guadalajara'],
  ZA: ['Johannesburg', 'Cape Town', 'Durban'],
  AE: ['Dubai', 'Abu Dhabi'],
};
