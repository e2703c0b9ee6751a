/**
 * Names, slugs and web domains of generated organizations. Names mix faker's company names (in the
 * head office's locale) with channel-flavoured patterns ("Nordlys IT", "Bergen Managed Services",
 * "Lindqvist Consulting"); domains are derived from the name and the country's suffix and, like
 * slugs, made unique deterministically by a numeric suffix.
 */
import {
  base,
  da,
  de,
  en,
  en_AU,
  en_CA,
  en_GB,
  en_IN,
  es,
  Faker,
  fi,
  fr,
  it,
  type LocaleDefinition,
  nb_NO,
  nl,
  pt_BR,
  sv,
} from '@faker-js/faker';
import { normalizeDomain } from '../../modules/directory/index.ts';
import type { RoleKey } from './facets.ts';
import { CITIES, DACH, NORDICS } from './places.ts';
import type { Rng } from './random.ts';

const LOCALE_OF: Record<string, LocaleDefinition> = {
  US: en,
  GB: en_GB,
  IE: en_GB,
  CA: en_CA,
  AU: en_AU,
  NZ: en_AU,
  IN: en_IN,
  DE: de,
  AT: de,
  CH: de,
  FR: fr,
  BE: fr,
  LU: fr,
  NL: nl,
  SE: sv,
  NO: nb_NO,
  DK: da,
  FI: fi,
  ES: es,
  MX: es,
  AR: es,
  CL: es,
  CO: es,
  PE: es,
  IT: it,
  BR: pt_BR,
  PT: pt_BR,
};

/** Faker instances per locale, all drawing from the organization's own random stream. */
export class NameFakers {
  private readonly byLocale = new Map<LocaleDefinition, Faker>();
  constructor(private readonly rng: Rng) {}

  /** The faker for a head-office country (English for countries without a Latin-script locale). */
  for(hq: string): Faker {
    const locale = LOCALE_OF[hq] ?? en;
    let faker = this.byLocale.get(locale);
    if (!faker) {
      const rng = this.rng;
      faker = new Faker({
        locale: [locale, en, base],
        randomizer: { next: () => rng.next(), seed: () => {} },
      });
      this.byLocale.set(locale, faker);
    }
    return faker;
  }
}

const JAPANESE_SURNAMES = [
  'Sato',
  'Suzuki',
  'Takahashi',
  'Tanaka',
  'Watanabe',
  'Ito',
  'Yamamoto',
  'Nakamura',
  'Kobayashi',
  'Kato',
  'Yoshida',
  'Yamada',
  'Sasaki',
  'Matsumoto',
  'Inoue',
  'Kimura',
  'Hayashi',
  'Shimizu',
];

const EVOCATIVE: Record<string, readonly string[]> = {
  nordic: [
    'Nordlys',
    'Fjord',
    'Norrsken',
    'Aurora',
    'Fjäll',
    'Skog',
    'Havn',
    'Lumi',
    'Sisu',
    'Polar',
    'Björk',
    'Saga',
    'Rune',
    'Vinter',
    'Midgard',
    'Tinde',
    'Kust',
    'Ljus',
    'Varde',
    'Bifrost',
    'Nordic',
    'Boreal',
    'Isfjord',
    'Fyr',
    'Nord',
  ],
  dach: [
    'Alpen',
    'Rhein',
    'Brücke',
    'Adler',
    'Stern',
    'Eiche',
    'Falken',
    'Berg',
    'Nordstern',
    'Kobalt',
    'Weitblick',
    'Elbe',
    'Donau',
    'Blau',
    'Lichtwerk',
  ],
  fr: [
    'Azur',
    'Lumière',
    'Étoile',
    'Horizon',
    'Mistral',
    'Atlantique',
    'Rivage',
    'Sommet',
    'Arcane',
    'Nuage',
  ],
  es: ['Sol', 'Cóndor', 'Andes', 'Faro', 'Puerto', 'Brisa', 'Cumbre', 'Ola', 'Sierra', 'Norte', 'Iberia'],
  it: ['Aurora', 'Vela', 'Stella', 'Alpi', 'Orizzonte', 'Vento', 'Sole', 'Faro', 'Delta'],
  nl: ['Polder', 'Duin', 'Delta', 'Haven', 'Noorderlicht', 'Tulp', 'Dijk', 'Kompas', 'Oranje'],
  ja: ['Sakura', 'Fuji', 'Kaze', 'Hikari', 'Sora', 'Kumo', 'Mirai', 'Asahi'],
  uk: ['Thames', 'Pennine', 'Crown', 'Albion', 'Mercia', 'Wessex', 'Clyde', 'Severn'],
  au: ['Southern Cross', 'Coral', 'Outback', 'Wattle', 'Harbour', 'Kookaburra'],
  in: ['Indus', 'Surya', 'Akash', 'Vayu', 'Himalaya', 'Lotus', 'Ganga'],
  pt: ['Atlântico', 'Horizonte', 'Jangada', 'Farol', 'Tucano', 'Ipê'],
  en: [
    'Blue',
    'Summit',
    'Peak',
    'Apex',
    'Vertex',
    'Bright',
    'Clearview',
    'Sky',
    'Iron',
    'Silver',
    'Evergreen',
    'Redwood',
    'Harbor',
    'Pioneer',
    'Keystone',
    'Beacon',
    'North Star',
    'Cedar',
    'Granite',
    'Oak',
    'Falcon',
    'Lighthouse',
    'Bluewater',
    'Greenfield',
    'Stonebridge',
    'Riverbend',
    'Highland',
    'Atlas',
    'Orion',
    'Nova',
    'Zenith',
    'Quantum',
    'Vector',
    'Nimbus',
    'Cirrus',
    'Cobalt',
    'Onyx',
    'Sterling',
    'Crest',
    'Meridian',
    'Horizon',
    'Pinnacle',
    'Ridge',
    'Trident',
    'Anchor',
    'Compass',
    'Bridgeway',
    'Clearpath',
    'Brightside',
    'Lakeshore',
  ],
};

function evocativeOf(hq: string): readonly string[] {
  if (NORDICS.includes(hq)) return EVOCATIVE.nordic!;
  if (DACH.includes(hq)) return EVOCATIVE.dach!;
  switch (hq) {
    case 'FR':
    case 'BE':
    case 'LU':
      return EVOCATIVE.fr!;
    case 'ES':
    case 'MX':
    case 'AR':
    case 'CL':
    case 'CO':
    case 'PE':
      return EVOCATIVE.es!;
    case 'IT':
      return EVOCATIVE.it!;
    case 'NL':
      return EVOCATIVE.nl!;
    case 'JP':
      return EVOCATIVE.ja!;
    case 'GB':
    case 'IE':
      return EVOCATIVE.uk!;
    case 'AU':
    case 'NZ':
      return EVOCATIVE.au!;
    case 'IN':
      return EVOCATIVE.in!;
    case 'BR':
    case 'PT':
      return EVOCATIVE.pt!;
    default:
      return EVOCATIVE.en!;
  }
}

const WORDS: Record<RoleKey, readonly string[]> = {
  msp: ['IT', 'Managed Services', 'Managed IT', 'Secure', 'Cloud', 'Tech', 'Systems', 'IT Services', 'Cyber'],
  reseller: ['IT', 'Solutions', 'Systems', 'Technology', 'Tech', 'Cloud', 'Digital', 'Computing', 'Networks'],
  'systems-integrator': [
    'Consulting',
    'Integration',
    'Solutions',
    'Digital',
    'Systems',
    'Technologies',
    'Engineering',
    'Labs',
    'Group',
    'Data',
  ],
  'referral-partner': ['Connect', 'Advisors', 'Referrals', 'Partners', 'Brokers', 'Telecom', 'Agents'],
  isv: ['Software', 'Labs', 'Apps', 'Technologies', 'AI', 'Analytics', 'Cloud', 'HQ'],
  vendor: ['Software', 'Technologies', 'Systems', 'Labs', 'Security', 'Cloud', 'Networks', 'Data'],
  distributor: ['Distribution', 'Distribution Group', 'Supply', 'Trading', 'Wholesale'],
  'advisory-firm': ['Advisory', 'Partners', 'Consulting', 'Strategy', 'Associates', 'Group'],
  'training-company': ['Academy', 'Training', 'Learning', 'Institute', 'Skills', 'Education'],
  media: ['Channel Podcast', 'Insider', 'Channel News', 'Weekly', 'Media', 'Radio', 'Review', 'Report'],
  association: ['IT Association', 'Partner Association', 'Channel Alliance', 'Tech Network', 'Federation'],
  community: ['Tech Community', 'Cloud User Group', 'Security Meetup', 'Partner Circle', 'Collective'],
  ambassador: ['Consulting', 'Advisory', 'Channel Advisory', 'Partners'],
};

const SELLS: ReadonlySet<RoleKey> = new Set<RoleKey>(['msp', 'reseller', 'systems-integrator']);
const CITY_WORDS = [
  'IT',
  'Managed Services',
  'Tech Partners',
  'Computer Services',
  'Cloud',
  'IT Solutions',
  'Cyber',
];
// Microsoft's sample-company names, minus the ones the demo's named organizations use.
const BRANDS = [
  'Adatum',
  'Wingtip',
  'Proseware',
  'Woodgrove',
  'Coho',
  'Lucerne',
  'Relecloud',
  'Munson',
  'Humongous',
];
const BRAND_WORDS = ['Cloud Partners', 'Cloud', 'IT', 'Consulting', 'Technologies', 'Solutions'];
const PREFIXES = [
  'Cloud',
  'Net',
  'Byte',
  'Data',
  'Cyber',
  'Tech',
  'Info',
  'Logi',
  'Sys',
  'Bit',
  'Core',
  'Nexa',
  'Digi',
];
const SUFFIXES = [
  'wise',
  'field',
  'craft',
  'works',
  'point',
  'bridge',
  'stack',
  'logic',
  'scape',
  'path',
  'gate',
  'vault',
];

const LEGAL: Record<string, readonly string[]> = {
  US: ['Inc.', 'LLC'],
  GB: ['Ltd'],
  IE: ['Ltd'],
  DE: ['GmbH'],
  AT: ['GmbH'],
  CH: ['AG', 'GmbH'],
  SE: ['AB'],
  NO: ['AS'],
  DK: ['ApS', 'A/S'],
  FI: ['Oy'],
  NL: ['B.V.'],
  BE: ['BV', 'SRL'],
  FR: ['SAS', 'SARL'],
  ES: ['S.L.'],
  IT: ['S.r.l.'],
  PT: ['Lda.'],
  BR: ['Ltda.'],
  IN: ['Pvt Ltd'],
  AU: ['Pty Ltd'],
  NZ: ['Ltd'],
  JP: ['K.K.'],
  PL: ['Sp. z o.o.'],
  CA: ['Inc.', 'Ltd.'],
  SG: ['Pte Ltd'],
  ZA: ['(Pty) Ltd'],
  MX: ['S.A. de C.V.'],
};

function surname(rng: Rng, fakers: NameFakers, hq: string): string {
  if (hq === 'JP') return rng.pick(JAPANESE_SURNAMES);
  // Faker's fallback locales have a few non-Latin surnames only where we do not use them.
  return fakers.for(hq).person.lastName();
}

/** A person's name, for ambassadors (individuals trading under their own name). */
function personName(rng: Rng, fakers: NameFakers, hq: string): string {
  const faker = fakers.for(hq);
  return `${faker.person.firstName()} ${surname(rng, fakers, hq)}`;
}

/** An organization name for the role and head office. */
export function drawName(rng: Rng, fakers: NameFakers, roles: readonly RoleKey[], hq: string): string {
  const role = roles[0]!;
  const words = WORDS[role];
  const cities = CITIES[hq];
  if (role === 'ambassador') {
    const person = personName(rng, fakers, hq);
    return rng.chance(0.45) ? person : `${person} ${rng.pick(words)}`;
  }
  if (role === 'association' || role === 'community') {
    const place = cities && rng.chance(0.6) ? rng.pick(cities) : rng.pick(evocativeOf(hq));
    return `${place} ${rng.pick(words)}`;
  }
  const u = rng.next();
  let name: string;
  if (u < 0.18 && hq !== 'JP') return fakers.for(hq).company.name();
  if (u < 0.36) name = `${surname(rng, fakers, hq)} ${rng.pick(words)}`;
  else if (u < 0.48 && cities) name = `${rng.pick(cities)} ${rng.pick(SELLS.has(role) ? CITY_WORDS : words)}`;
  else if (u < 0.5) name = `${rng.pick(BRANDS)} ${rng.pick(BRAND_WORDS)}`;
  else if (u < 0.63) name = `${rng.pick(PREFIXES)}${rng.pick(SUFFIXES)}`;
  else if (u < 0.7) name = `${rng.pick(evocativeOf(hq))} ${rng.pick(EVOCATIVE.en!)} ${rng.pick(words)}`;
  else name = `${rng.pick(evocativeOf(hq))} ${rng.pick(words)}`;
  const legal = LEGAL[hq];
  if (legal && rng.chance(0.2)) name = `${name} ${rng.pick(legal)}`;
  return name;
}

const TRANSLITERATE: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const GERMAN: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue' };

/** Lowercase ASCII letters and digits of a name, the way a company would spell it in a domain. */
export function asciiWords(name: string, hq: string): string[] {
  let text = name.toLowerCase().replace(/['’]/g, '');
  if (DACH.includes(hq)) text = text.replace(/[äöü]/g, (c) => GERMAN[c]!);
  text = text
    .replace(/[øæœßłđðþı]/g, (c) => TRANSLITERATE[c]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  return text.match(/[a-z0-9]+/g) ?? [];
}

// Legal forms and joining words that never make it into a domain.
const NOT_IN_DOMAIN = new Set(
  'inc llc ltd gmbh ag ab as aps a s oy bv b v sas sarl sl srl r l lda ltda pvt pty kk k sp z o o pte de cv c and und og et e y och the of co kg ohg gbr ev mbh group sons'.split(
    ' ',
  ),
);

// Second words a company may leave out of its domain ("Nordlys IT" → nordlys.no).
const GENERIC = new Set([
  'it',
  'cloud',
  'tech',
  'systems',
  'solutions',
  'digital',
  'secure',
  'cyber',
  'data',
  'consulting',
]);

/** Registers names already used (in the database or earlier in the run) and hands out free ones. */
export class UniqueNames {
  private readonly used = new Set<string>();
  private readonly next = new Map<string, number>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.used.add(name);
  }

  /** How many names are taken. */
  get size(): number {
    return this.used.size;
  }

  /** Whether the name is free. */
  free(name: string): boolean {
    return !this.used.has(name);
  }

  /** Takes the name. */
  take(name: string): string {
    this.used.add(name);
    return name;
  }

  /** The first free of `base`, then `make(base, 2)`, `make(base, 3)`, … (remembering where it got to). */
  claim(base: string, make: (base: string, n: number) => string): string {
    if (this.free(base)) return this.take(base);
    let n = this.next.get(base) ?? 2;
    while (!this.free(make(base, n))) n++;
    this.next.set(base, n + 1);
    return this.take(make(base, n));
  }
}

/** The URL slug of a name: ASCII words joined by dashes, at most 48 characters. */
export function slugOf(name: string, hq: string): string {
  return asciiWords(name, hq).join('-').slice(0, 48).replace(/-+$/, '') || 'org';
}

/** A unique slug: the name's, or the name's with "-2", "-3", … */
export const claimSlug = (slugs: UniqueNames, name: string, hq: string) =>
  slugs.claim(slugOf(name, hq), (b, n) => `${b}-${n}`);

/** A plausible, unique web domain from the name and suffix ("nordlys-it.no", "summitcloud2.com"). */
export function claimDomain(rng: Rng, domains: UniqueNames, name: string, hq: string, tld: string): string {
  const all = asciiWords(name, hq);
  const words = all.filter((w) => !NOT_IN_DOMAIN.has(w));
  const parts = (words.length > 0 ? words : all.length > 0 ? all : ['partner']).slice(0, 3);
  const clip = (label: string) => label.slice(0, 40).replace(/-+$/, '');
  const candidates: string[] = [];
  const u = rng.next();
  if (parts.length > 1 && u < 0.3) candidates.push(clip(parts.join('-')));
  if (parts.length === 2 && GENERIC.has(parts[1]!) && parts[0]!.length >= 5 && u > 0.8)
    candidates.push(clip(parts[0]!));
  candidates.push(clip(parts.slice(0, 2).join('')), clip(parts.join('-')), clip(parts.join('')));
  for (const label of candidates) {
    const domain = `${label}.${tld}`;
    // Some names are public suffixes themselves (torino.it, city.kawasaki.jp): not registrable.
    if (domains.free(domain) && normalizeDomain(domain) === domain) return domains.take(domain);
  }
  const first = candidates[0]!;
  return domains.claim(`${first}2.${tld}`, (_, n) => `${first}${n + 1}.${tld}`);
}
