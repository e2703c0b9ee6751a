// Deterministic CRM account exports for the account-overlap bench: one organization's accounts as
// a Salesforce Account export, another's as a HubSpot company export, written the way real exports
// look (legal forms spelled several ways, websites as URLs, bare hosts, upper case, subdomains, an
// e-mail address instead of a website, no website at all), with duplicates inside each file and a
// chosen share of companies in common. Every row is a pure function of (org, row number), so a
// change set (the same external ids with edited values) can be generated without the original file.
import { closeSync, openSync, writeSync } from 'node:fs';
import { randomIndex, seededRandom } from '../../lib/random.ts';

/** Which CRM's export layout a file uses. */
export type Flavor = 'salesforce' | 'hubspot';

/** One generated organization's account list. */
export interface OrgSpec {
  /** Distinguishes the organizations' external ids and random streams. */
  index: number;
  flavor: Flavor;
  rows: number;
  /** Share of this org's distinct companies that are also in the `sharedWith` org's list. */
  sharedShare: number;
  /** The org whose companies are shared (undefined: none shared). */
  sharedWith?: OrgSpec;
  /** Share of rows that repeat a company of the same file under a variant (another id, another website form). */
  duplicateShare: number;
}

const SEED = 20261126;
const SYLLABLES = [...'bdfgklmnprstvz'].flatMap((c) => [...'aeiou'].map((v) => c + v)).slice(0, 64);

/** A pronounceable word, distinct for every n below 64^4 (an odd multiplier is a bijection mod 2^24). */
function madeUpWord(n: number): string {
  let x = (n * 2_654_435_761 + 12_345) % 16_777_216;
  if (x < 0) x += 16_777_216;
  let word = '';
  for (let i = 0; i < 4; i++) {
    word += SYLLABLES[x % 64];
    x = Math.floor(x / 64);
  }
  return word;
}

const INDUSTRIES = (
  'Logistics Foods Energy Health Retail Media Marine Textiles Pharma Motors Print Dental Legal Finance ' +
  'Construction Engineering Robotics Analytics Insurance Travel Fashion Furniture Packaging Chemicals ' +
  'Metals Plastics Farming Water Solar Wind Telecom Security Education Hotels Games Studio Labs Brewing Aviation'
).split(' ');
const GENERIC =
  'Group Solutions Systems Services Consulting Holding Technologies Nordic International Partners'.split(' ');

// Country: share, English name, alpha-3, legal forms as exports spell them, top-level domain.
const COUNTRIES: [string, number, string, string, string[], string][] = [
  ['US', 22, 'United States', 'USA', ['Inc.', 'Inc', 'LLC', 'Corp.', 'Corporation'], 'com'],
  ['DE', 12, 'Germany', 'DEU', ['GmbH', 'GmbH & Co. KG', 'AG', 'G.m.b.H.'], 'de'],
  ['GB', 12, 'United Kingdom', 'GBR', ['Ltd', 'Ltd.', 'Limited', 'PLC'], 'co.uk'],
  ['FR', 8, 'France', 'FRA', ['SAS', 'S.A.S.', 'SARL', 'SA'], 'fr'],
  ['SE', 6, 'Sweden', 'SWE', ['AB', 'AB (publ)', 'Aktiebolag'], 'se'],
  ['AU', 6, 'Australia', 'AUS', ['Pty Ltd', 'Pty. Ltd.', 'Limited'], 'com.au'],
  ['NL', 5, 'Netherlands', 'NLD', ['B.V.', 'BV', 'N.V.'], 'nl'],
  ['CA', 5, 'Canada', 'CAN', ['Inc.', 'Ltd.', 'Corp.'], 'ca'],
  ['ES', 4, 'Spain', 'ESP', ['S.L.', 'SL', 'S.A.'], 'es'],
  ['IT', 4, 'Italy', 'ITA', ['S.r.l.', 'SRL', 'S.p.A.'], 'it'],
  ['NO', 3, 'Norway', 'NOR', ['AS', 'ASA'], 'no'],
  ['DK', 3, 'Denmark', 'DNK', ['A/S', 'ApS'], 'dk'],
  ['CH', 3, 'Switzerland', 'CHE', ['AG', 'GmbH', 'SA'], 'ch'],
  ['JP', 3, 'Japan', 'JPN', ['K.K.', 'Co., Ltd.'], 'co.jp'],
  ['FI', 2, 'Finland', 'FIN', ['Oy', 'Oyj'], 'fi'],
  ['PL', 2, 'Poland', 'POL', ['Sp. z o.o.', 'S.A.'], 'pl'],
];
const COUNTRY_WEIGHT = COUNTRIES.reduce((sum, c) => sum + c[1], 0);
const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com', 'gmx.de', 'icloud.com'];
const MAILBOXES = ['sales', 'info', 'contact', 'office', 'hello', 'kontakt'];
const SUBDOMAINS = ['shop', 'portal', 'eu', 'app', 'store', 'us'];
const PATHS = ['', '/', '/en', '/about-us', '/contact', '/en-gb/home', '?utm_source=crm'];

/** A company of the generated world; shared companies are the same object in both orgs' files. */
interface Company {
  id: number;
  word: string;
  industry: string;
  generic: string | null;
  country: (typeof COUNTRIES)[number];
  /** Registrable domain, or null for a company nobody knows a website of. */
  domain: string | null;
}

function companyOf(id: number): Company {
  const random = seededRandom(SEED + id * 31);
  const pick = random() * COUNTRY_WEIGHT;
  let below = 0;
  const country =
    COUNTRIES.find((c) => {
      below += c[1];
      return pick < below;
    }) ?? COUNTRIES[0]!;
  const word = madeUpWord(id);
  const industry = INDUSTRIES[randomIndex(random, INDUSTRIES.length)]!;
  const generic = random() < 0.3 ? GENERIC[randomIndex(random, GENERIC.length)]! : null;
  const tld = random() < 0.2 ? 'com' : country[5];
  const domain =
    random() < 0.04 ? null : `${word}${random() < 0.35 ? `-${industry.toLowerCase()}` : ''}.${tld}`;
  return { id, word, industry, generic, country, domain };
}

// Company ids: each org's own companies live in a separate range below 64^4 (distinct words).
const ORG_RANGE = 1_100_000;

/** The number of distinct companies in an org's file (the rest of its rows are duplicates). */
export const distinctCompanies = (org: OrgSpec): number => Math.round(org.rows / (1 + org.duplicateShare));

/** The company behind slot s (0 ≤ s < distinct) of an org: shared slots map onto the other org's slots. */
function companyIdOf(org: OrgSpec, slot: number): number {
  const shared = org.sharedWith ? Math.round(distinctCompanies(org) * org.sharedShare) : 0;
  if (org.sharedWith && slot < shared) {
    // A stride coprime with the other org's size spreads the shared companies over its whole file.
    const other = distinctCompanies(org.sharedWith);
    return companyIdOf(org.sharedWith, (slot * 7_919 + org.index * 104_729) % other);
  }
  return org.index * ORG_RANGE + slot;
}

/** One CSV row's values, before they are laid out in a flavor's columns. */
export interface AccountRow {
  externalId: string;
  name: string;
  website: string;
  email: string;
  country: string;
  /** Salesforce Type / HubSpot Lifecycle Stage. */
  status: string;
  /** Salesforce opportunity stage / HubSpot lead status. */
  stage: string;
  industry: string;
  employees: string;
  owner: string;
}

const SF_TYPES: [string, number][] = [
  ['Customer - Direct', 18],
  ['Customer - Channel', 7],
  ['Prospect', 55],
  ['Channel Partner / Reseller', 5],
  ['Other', 15],
];
const SF_OPEN_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Proposal/Price Quote',
  'Negotiation/Review',
];
const HS_LIFECYCLE: [string, number][] = [
  ['Customer', 25],
  ['Opportunity', 15],
  ['Sales Qualified Lead', 15],
  ['Marketing Qualified Lead', 15],
  ['Lead', 25],
  ['Other', 5],
];
const HS_LEAD_STATUS = [
  'New',
  'Open',
  'In Progress',
  'Open Deal',
  'Attempted to Contact',
  'Connected',
  'Bad Timing',
];
const OWNERS = ['Alex Morgan', 'Sam Lee', 'Kim Berg', 'Noor Haddad', 'Jo Novak', 'Rui Santos'];

const weighted = (random: () => number, table: [string, number][]) => {
  const total = table.reduce((sum, t) => sum + t[1], 0);
  let pick = random() * total;
  for (const [value, weight] of table) {
    pick -= weight;
    if (pick < 0) return value;
  }
  return table[0]![0];
};

/** The company's name as this row spells it: legal form variants, case, "&" for "and", accents. */
function spellName(company: Company, random: () => number): string {
  const forms = company.country[4];
  const base = `${company.word[0]!.toUpperCase()}${company.word.slice(1)} ${company.industry}${company.generic ? ` ${company.generic}` : ''}`;
  const roll = random();
  if (roll < 0.55) return `${base} ${forms[0]}`;
  if (roll < 0.8) return `${base} ${forms[randomIndex(random, forms.length)]}`;
  if (roll < 0.88) return base;
  if (roll < 0.94) return `${base.toUpperCase()} ${forms[0]!.toUpperCase()}`;
  return `${base}, ${forms[randomIndex(random, forms.length)]}`;
}

/** How a CRM user typed the website: URL, bare host, upper case, a subdomain, a path. */
function spellWebsite(domain: string, random: () => number): string {
  const roll = random();
  const host = random() < 0.08 ? `${SUBDOMAINS[randomIndex(random, SUBDOMAINS.length)]}.${domain}` : domain;
  const path = PATHS[randomIndex(random, PATHS.length)]!;
  if (roll < 0.35) return `https://www.${host}${path}`;
  if (roll < 0.55) return host;
  if (roll < 0.7) return `www.${host}`;
  if (roll < 0.8) return `http://${host}${path}`;
  if (roll < 0.88) return `WWW.${host.toUpperCase()}`;
  return `https://${host}${path}`;
}

const countryAs = (country: Company['country'], random: () => number) => {
  const roll = random();
  return roll < 0.75 ? country[2] : roll < 0.9 ? country[0] : country[3];
};

/** An external id in the CRM's own style (Salesforce 18-character ids, HubSpot numeric record ids). */
export function externalIdOf(org: OrgSpec, row: number): string {
  if (org.flavor === 'hubspot') return String(4_000_000_000 + org.index * 100_000_000 + row);
  return `001${String(org.index).padStart(3, '0')}${row.toString(36).toUpperCase().padStart(9, '0')}AAA`;
}

/**
 * Row `row` of an org's file. `edit` > 0 gives the same external id with edited values, as a later
 * export would have them (renamed, a new website, a changed type or stage).
 */
export function accountRow(org: OrgSpec, row: number, edit = 0): AccountRow {
  const distinct = distinctCompanies(org);
  const random = seededRandom(SEED ^ (org.index * 0x9e3779b1 + row * 2_246_822_519 + edit * 3_266_489_917));
  // Duplicates repeat an earlier company (another id, another spelling of its website).
  const slot = row < distinct ? row : randomIndex(seededRandom(SEED + row * 13 + org.index), distinct);
  let company = companyOf(companyIdOf(org, slot));
  if (edit > 0) {
    const roll = random();
    // A third of the edits change the company's identity: a rebrand to a new domain and name.
    if (roll < 0.35) company = companyOf(org.index * ORG_RANGE + ORG_RANGE - 1 - ((row * 7 + edit) % 50_000));
    else if (roll < 0.5 && company.domain) company = { ...company, domain: `${company.word}-global.com` };
  }
  const nameOnlyRow = company.domain === null || random() < 0.012;
  let website = '';
  let email = '';
  if (!nameOnlyRow) {
    const where = random();
    if (where < 0.88) website = spellWebsite(company.domain!, random);
    else email = `${MAILBOXES[randomIndex(random, MAILBOXES.length)]}@${company.domain}`;
  } else if (random() < 0.4) {
    // A personal address says nothing about the company: still a name-only row.
    email = `${company.word}.${company.industry.toLowerCase()}@${FREE_MAIL[randomIndex(random, FREE_MAIL.length)]}`;
  }
  let status: string;
  let stage = '';
  if (org.flavor === 'salesforce') {
    status = weighted(random, SF_TYPES);
    if (random() < 0.25)
      stage =
        random() < 0.75
          ? SF_OPEN_STAGES[randomIndex(random, SF_OPEN_STAGES.length)]!
          : random() < 0.5
            ? 'Closed Won'
            : 'Closed Lost';
  } else {
    status = weighted(random, HS_LIFECYCLE);
    stage = random() < 0.7 ? HS_LEAD_STATUS[randomIndex(random, HS_LEAD_STATUS.length)]! : '';
  }
  return {
    externalId: externalIdOf(org, row),
    name: spellName(company, random),
    website,
    email,
    country: countryAs(company.country, random),
    status,
    stage,
    industry: company.industry,
    employees: String(5 + randomIndex(random, 5_000)),
    owner: OWNERS[randomIndex(random, OWNERS.length)]!,
  };
}

/** The header line and the row layout of each flavor, as the CRMs name their export columns. */
export const LAYOUTS: Record<Flavor, { headers: string[]; cells: (r: AccountRow) => string[] }> = {
  salesforce: {
    headers: [
      'Account ID',
      'Account Name',
      'Website',
      'Email',
      'Billing Country',
      'Type',
      'Stage',
      'Industry',
      'Employees',
      'Account Owner',
    ],
    cells: (r) => [
      r.externalId,
      r.name,
      r.website,
      r.email,
      r.country,
      r.status,
      r.stage,
      r.industry,
      r.employees,
      r.owner,
    ],
  },
  hubspot: {
    headers: [
      'Record ID',
      'Company name',
      'Website URL',
      'Email',
      'Country/Region',
      'Lifecycle Stage',
      'Lead Status',
      'Industry',
      'Number of Employees',
      'Company owner',
    ],
    cells: (r) => [
      r.externalId,
      r.name,
      r.website,
      r.email,
      r.country,
      r.status,
      r.stage,
      r.industry,
      r.employees,
      r.owner,
    ],
  },
};

const csvCell = (value: string) =>
  /[",\n\r]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;

/** Writes rows as CSV (header first) to `file` and returns its size in bytes. */
export function writeCsv(file: string, flavor: Flavor, rows: Iterable<AccountRow>): number {
  const layout = LAYOUTS[flavor];
  const fd = openSync(file, 'w');
  let bytes = 0;
  try {
    let chunk = `${layout.headers.map(csvCell).join(',')}\n`;
    let lines = 0;
    for (const row of rows) {
      chunk += `${layout.cells(row).map(csvCell).join(',')}\n`;
      if (++lines % 5_000 === 0) {
        bytes += writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (chunk) bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** Every row of an org's file, in file order. */
export function* orgRows(org: OrgSpec): Generator<AccountRow> {
  for (let row = 0; row < org.rows; row++) yield accountRow(org, row);
}

/** `count` distinct rows of an org's file (spread over the file) with edited values: a re-import's changes. */
export function* changedRows(org: OrgSpec, count: number, edit: number): Generator<AccountRow> {
  const step = Math.max(1, Math.floor(org.rows / count));
  const offset = (edit * 977) % step;
  for (let i = 0; i < count; i++) yield accountRow(org, (offset + i * step) % org.rows, edit);
}
