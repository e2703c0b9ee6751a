// The demo's account lists: each organization's CRM export (Salesforce for Contoso, HubSpot for
// Northwind, generic files for the others, and the list Contoso keeps for its offline partner
// First Up Consultants) goes through the import a user's upload takes — detection, mapping,
// normalization, populations, match keys and overlaps — and then the sharing settings, so the
// overlap matrix shows something on first start. The companies are generated from small per-country
// tables with a fixed seed; who has which company (and as what) is laid out per region below.
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { tenantScope } from '../db/tenant.ts';
import {
  ensurePopulations,
  getOrCreateSet,
  inspectFile,
  putSharing,
  queueFileImport,
  resolveSubject,
  runImport,
  type SharingLevel,
} from '../modules/accounts/index.ts';
import { selectOrganizationByHandle } from '../modules/organizations/index.ts';
import type { DemoCast } from './demo-deals.ts';
import { hashText, Rng } from './generator/random.ts';

const SEED = 6;
const DAY = 86_400_000;

// Per country: the domain's suffix | legal suffixes | name stems | trades. Spanish and Portuguese
// names put the trade first ("Construcciones Levante S.L.").
const DACH =
  'Maschinenbau, Logistik, Energie, Immobilien, Präzisionstechnik, Spedition, Klinik, Datentechnik, Steuerberatung, Kunststoffwerk, Elektrotechnik, Versicherung';
const COUNTRIES: Record<string, string> = {
  SE: 'se | AB | Norrsken, Fjällvind, Björkdal, Granitberg, Älvdal, Skärgårds, Stensjö, Lövholm, Ekbacken, Solvik | Bygg, Logistik, Energi, Fastigheter, Vård, Verkstad, Transport, Data, Revision, Trävaru',
  NO: 'no | AS, ASA | Nordlys, Fjordkraft, Havbris, Vestland, Trønder, Lofoten, Sølvberg, Bjørke, Fonna, Helgeland | Energi, Eiendom, Shipping, Sjømat, Bygg, Regnskap, Transport, Helse, Elektro, Maritim',
  DK: 'dk | A/S, ApS | Kattegat, Limfjord, Skovly, Østerbro, Vesterhav, Bølgen, Lyngby, Fynbo, Himmerland, Mønsted | Byg, Logistik, Energi, Ejendomme, Revision, Transport, Fødevarer, Medico, Data, Maskinfabrik',
  FI: 'fi | Oy, Oyj | Pohjola, Kaleva, Lapin, Kuusamo, Järvi, Aurora, Hämeen, Karjalan, Pirkan, Vaskiluoto | Rakennus, Logistiikka, Energia, Kiinteistöt, Terveys, Kone, Metsä, Data, Kuljetus, Tilintarkastus',
  DE: `de | GmbH, AG, GmbH & Co. KG | Rheintal, Schwarzwald, Alpenblick, Elbufer, Isartal, Nordsee, Bodensee, Harzer, Mainfranken, Spreewald, Weserland, Allgäuer | ${DACH}`,
  AT: `at | GmbH, AG | Donau, Tiroler, Wachau, Kärntner, Salzach, Steirer, Vorarlberger, Wienerwald | ${DACH}`,
  CH: `ch | AG, GmbH, SA | Zürichsee, Jura, Engadiner, Aare, Säntis, Limmat, Rigi, Emmentaler | ${DACH}`,
  GB: 'co.uk | Ltd, plc, Limited | Thames, Pennine, Cotswold, Severn, Highland, Mersey, Wessex, Tyneside, Chiltern, Humber | Engineering, Logistics, Energy, Property, Healthcare, Insurance, Legal, Manufacturing, Foods, Haulage',
  ES: 'es | S.L., S.A. | Levante, Cantábrica, Meseta, Guadalquivir, Atlántica, Mediterránea, Pirineos, Galaica, Castellana, Ibérica, Balear, Manchega | Logística, Energía, Inmobiliaria, Seguros, Construcciones, Alimentación, Transportes, Clínicas, Ingeniería, Distribuciones, Asesores, Gestión',
  PT: 'pt | Lda, S.A. | Lusitana, Tejo, Douro, Atlântico, Minho, Algarve, Beira | Energia, Logística, Seguros, Construções, Transportes, Imobiliária, Saúde',
  US: 'com | Inc., LLC, Corp. | Lakeshore, Cascade, Prairie, Bayview, Redwood, Summit, Harbor, Granite, Evergreen, Blue Ridge | Logistics, Energy, Health, Financial, Manufacturing, Insurance, Foods, Realty',
  CA: 'ca | Ltd., Inc. | Maple Leaf, Laurentian, Fraser Valley, Muskoka, Okanagan | Logistics, Energy, Health, Financial, Manufacturing, Insurance',
};
const TRADE_FIRST = new Set(['ES', 'PT']);

type Role = 'customer' | 'prospect' | 'open' | null;
const FIRST_UP = 'First Up Consultants';

// Per region: the partner whose list it maps, and rows of "companies, as what Contoso has them, as
// what the partner has them" (C customer, P prospect, O prospect with an open opportunity, - not
// in the list). Countries are dealt round-robin within a region.
const REGIONS: { partner: string; countries: string[]; rows: string }[] = [
  // Northwind serves ~40 of Contoso's Nordic customers, and ~25 of Contoso's prospects are its customers.
  {
    partner: 'Northwind MSP',
    countries: ['SE', 'NO', 'DK', 'FI'],
    rows: '40 C C, 6 C P, 8 C -, 18 P C, 6 O C, 2 O O, 4 P O, 22 P -, 10 O -, 78 - C, 46 - P, 12 - O',
  },
  // Fabrikam already runs many of the DACH companies Contoso has open opportunities with.
  {
    partner: 'Fabrikam Integrators',
    countries: ['DE', 'DE', 'AT', 'CH'],
    rows: '24 O C, 6 O O, 12 C C, 14 P P, 10 C -, 16 P -, 8 O -, 96 - C, 36 - P, 12 - O',
  },
  { partner: 'Tailspin Referrals', countries: ['GB'], rows: '16 C -, 20 P -, 9 O -' },
  {
    partner: 'Litware Security',
    countries: ['ES', 'ES', 'PT'],
    rows: '8 C C, 6 P C, 3 O P, 10 C -, 14 P -, 5 O -, 68 - C, 32 - P',
  },
  {
    partner: FIRST_UP,
    countries: ['US', 'US', 'CA'],
    rows: '6 C C, 4 O C, 5 P P, 3 C -, 2 P -, 38 - C, 8 - P',
  },
];
const ROLES: Record<string, Role> = { C: 'customer', P: 'prospect', O: 'open', '-': null };

// Companies of the demo's deals: Northwind's wins with Contoso, and City Power & Light, which
// Contoso works as an open opportunity while Northwind has a draft registration for it.
const NAMED: [name: string, domain: string, country: string, contoso: Role, northwind: Role][] = [
  ['Saimaa Paper Oy', 'saimaapaper.fi', 'FI', 'customer', 'customer'],
  ['Lapland Logistics Oy', 'laplandlogistics.fi', 'FI', 'customer', 'customer'],
  ['Pirkanmaa Health Services', 'pirkanmaahealth.fi', 'FI', 'customer', 'customer'],
  ['City Power & Light', 'cpandl.com', 'NO', 'open', 'open'],
];

interface Company {
  name: string;
  /** Null for a company every list has without a website: matched by name and country. */
  domain: string | null;
  country: string;
  /** Which one (for choosing its variants the same way in every run). */
  n: number;
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .replaceAll('ø', 'o')
    .replaceAll('æ', 'ae')
    .replaceAll('ß', 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');

/** The companies of a country, in a fixed shuffled order. */
function companiesOf(country: string): Company[] {
  const [tld, suffixes, stems, trades] = COUNTRIES[country]!.split(' | ').map((part) => part.split(', '));
  const rng = new Rng(SEED, hashText(country));
  const pairs = stems!.flatMap((stem) => trades!.map((trade) => [stem, trade] as const));
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  return pairs.map(([stem, trade], n) => {
    const base = TRADE_FIRST.has(country) ? `${trade} ${stem}` : `${stem} ${trade}`;
    const host = n % 4 === 3 ? `${fold(stem)}-${fold(trade)}` : fold(stem) + fold(trade);
    return {
      name: `${base} ${suffixes![n % suffixes!.length]}`,
      domain: n % 13 === 6 ? null : `${host}.${tld![0]}`,
      country,
      n: hashText(base),
    };
  });
}

/** An account of one organization's list: the company and what it is to them. */
interface Entry {
  company: Company;
  role: Exclude<Role, null>;
}

/** Every list, by owner: Contoso's own and each partner's (First Up's is Contoso's upload). */
function layOut(): Map<string, Entry[]> {
  const lists = new Map<string, Entry[]>([['Contoso Cloud', []]]);
  const pools = new Map<string, Company[]>();
  const add = (owner: string, company: Company, role: Role) => {
    if (!role) return;
    if (!lists.has(owner)) lists.set(owner, []);
    lists.get(owner)!.push({ company, role });
  };
  for (const region of REGIONS) {
    let dealt = 0;
    for (const row of region.rows.split(', ')) {
      const [count, contoso, partner] = row.split(' ');
      for (let i = 0; i < Number(count); i++) {
        const country = region.countries[dealt++ % region.countries.length]!;
        if (!pools.has(country)) pools.set(country, companiesOf(country));
        const company = pools.get(country)!.shift();
        if (!company) throw new Error(`Demo accounts: not enough ${country} companies`);
        add('Contoso Cloud', company, ROLES[contoso!]!);
        add(region.partner, company, ROLES[partner!]!);
      }
    }
  }
  for (const [name, domain, country, contoso, northwind] of NAMED) {
    const company = { name, domain, country, n: hashText(name) };
    add('Contoso Cloud', company, contoso);
    add('Northwind MSP', company, northwind);
  }
  return lists;
}

const COUNTRY_NAMES = Object.fromEntries(
  'SE Sweden, NO Norway, DK Denmark, FI Finland, DE Germany, AT Austria, CH Switzerland, GB United Kingdom, ES Spain, PT Portugal, US United States, CA Canada'
    .split(', ')
    .map((pair) => [pair.slice(0, 2), pair.slice(3)]),
);
const INDUSTRIES =
  'Manufacturing, Healthcare, Financial Services, Transportation, Energy, Real Estate, Retail'.split(', ');
const SF_OPEN = 'Prospecting, Qualification, Needs Analysis, Proposal/Price Quote, Negotiation/Review'.split(
  ', ',
);
const HS_LEADS = 'Lead, Marketing Qualified Lead, Sales Qualified Lead'.split(', ');
const LEGAL =
  / (AB|ASA?|A\/S|ApS|Oyj?|GmbH( & Co\. KG)?|AG|SA|Ltd\.?|plc|Limited|S\.[LA]\.|Lda|Inc\.|LLC|Corp\.)$/;

/** How one list writes a company: its name (the legal suffix dropped, shouted…) and website. */
function variant(e: Entry, list: string, duplicate: boolean) {
  const v = (e.company.n ^ hashText(list)) >>> 0;
  const { name, domain: d, country } = e.company;
  const bare = name.replace(LEGAL, '');
  const w = (v >>> 3) % 12;
  return {
    v,
    name: duplicate ? (v % 2 ? name.toUpperCase() : bare) : v % 7 === 0 ? bare : name,
    website: !d
      ? ''
      : duplicate
        ? `https://${d}/contact`
        : [`www.${d}`, `https://www.${d}/`, d, `https://${d}/en/`][w % 4]!,
    domain: !d ? '' : duplicate ? `www.${d}` : w === 5 ? `portal.${d}` : w === 9 ? d.toUpperCase() : d,
    country,
    industry: INDUSTRIES[v % INDUSTRIES.length]!,
  };
}
type Variant = ReturnType<typeof variant>;

// Each list's export shape: Salesforce accounts (a report with the open opportunity's stage),
// HubSpot companies, and plain files. Columns not mapped to a standard field stay extra fields.
const EXPORTS: Record<
  string,
  { file: string; header: string[]; row(x: Variant, role: Entry['role'], i: number, id: string): unknown[] }
> = {
  'Contoso Cloud': {
    file: 'contoso-salesforce-accounts.csv',
    header: [
      'Account ID',
      'Account Name',
      'Type',
      'Website',
      'Billing Country',
      'Industry',
      'Stage',
      'Account Owner',
    ],
    row: (x, role, _i, id) => [
      `001${id}`,
      x.name,
      role === 'customer' ? (x.v % 3 ? 'Customer - Channel' : 'Customer - Direct') : 'Prospect',
      x.website,
      x.v % 5 === 0 ? x.country : COUNTRY_NAMES[x.country],
      x.industry,
      role === 'open'
        ? SF_OPEN[x.v % 5]
        : role === 'customer'
          ? x.v % 4
            ? ''
            : 'Closed Won'
          : x.v % 5
            ? ''
            : 'Closed Lost',
      ['SE', 'NO', 'DK', 'FI'].includes(x.country) ? 'Anders Nilsson' : 'Priya Raman',
    ],
  },
  'Northwind MSP': {
    file: 'hubspot-companies-export.csv',
    header: [
      'Record ID',
      'Company name',
      'Company Domain Name',
      'Country/Region',
      'Lifecycle Stage',
      'Industry',
      'Number of Employees',
    ],
    row: (x, role, i) => [
      9_000_000_000 + i * 7919,
      x.name,
      x.domain,
      COUNTRY_NAMES[x.country],
      role === 'customer' ? 'Customer' : role === 'open' ? 'Opportunity' : HS_LEADS[x.v % 3],
      x.industry,
      20 + (x.v % 480),
    ],
  },
  'Fabrikam Integrators': {
    file: 'fabrikam-crm-accounts.csv',
    header: ['id', 'company', 'domain', 'country', 'status', 'segment'],
    row: (x, role, i) => [
      `K-${10_001 + i}`,
      x.name,
      x.domain,
      x.country,
      role === 'open' ? 'opportunity' : role,
      x.industry,
    ],
  },
  'Litware Security': {
    file: 'litware-clientes.csv',
    header: ['id', 'company', 'domain', 'country', 'status', 'segment'],
    row: (x, role, i) => [
      `LIT-${10_001 + i}`,
      x.name,
      x.domain,
      x.country,
      role === 'open' ? 'opportunity' : role,
      x.industry,
    ],
  },
  [FIRST_UP]: {
    file: 'first-up-consultants-accounts.csv',
    header: ['ID', 'Company', 'Website', 'Country', 'Status', 'Segment'],
    row: (x, role, i) => [
      `FU-${10_001 + i}`,
      x.name,
      x.website,
      x.country,
      role === 'open' ? 'opportunity' : role,
      x.industry,
    ],
  },
};

/** One list as a CSV file in its export shape, shuffled; about one account in 25 is in it twice. */
function csvOf(owner: string, entries: Entry[]): { fileName: string; text: string } {
  const shape = EXPORTS[owner]!;
  const rng = new Rng(SEED, hashText(owner));
  const rows = entries.flatMap(
    (e) =>
      (rng.chance(0.04)
        ? [
            [e, false],
            [e, true],
          ]
        : [[e, false]]) as [Entry, boolean][],
  );
  for (let i = rows.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  const id = () => Array.from({ length: 15 }, () => BASE62[rng.int(0, 61)]).join('');
  const records = rows.map(([e, dup], i) => shape.row(variant(e, owner, dup), e.role, i, id()));
  // Northwind's export has the odd broken record: a company whose name was cleared (in the error report).
  if (owner === 'Northwind MSP')
    records.splice(57, 0, [8_999_999_999, '', 'unknown.se', 'Sweden', 'Lead', '', '']);
  return { fileName: shape.file, text: stringify([shape.header, ...records]) };
}
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// When each list was imported (days ago), and by whom.
const IMPORTS: { owner: string; by: string; daysAgo: number }[] = [
  { owner: 'Contoso Cloud', by: 'anders@contoso.example', daysAgo: 21 },
  { owner: 'Northwind MSP', by: 'jonas@northwind.example', daysAgo: 16 },
  { owner: 'Fabrikam Integrators', by: 'felix@fabrikam.example', daysAgo: 11 },
  { owner: 'Litware Security', by: 'lucia@litware.example', daysAgo: 8 },
  { owner: FIRST_UP, by: 'anders@contoso.example', daysAgo: 6 },
];

const ALL: Record<string, SharingLevel> = {
  customers: 'overlap',
  prospects: 'overlap',
  open_opportunities: 'counts',
};
const COUNTS: Record<string, SharingLevel> = {
  customers: 'counts',
  prospects: 'counts',
  open_opportunities: 'counts',
};
// Who shares what with whom (each side sets its own); Litware shares nothing yet.
const SHARING: { by: string; with: string; levels: Record<string, SharingLevel>; daysAgo: number }[] = [
  { by: 'cpo@contoso.example', with: 'Northwind MSP', levels: ALL, daysAgo: 15 },
  { by: 'nora@northwind.example', with: 'Contoso Cloud', levels: ALL, daysAgo: 14 },
  { by: 'cpo@contoso.example', with: 'Fabrikam Integrators', levels: COUNTS, daysAgo: 10 },
  { by: 'felix@fabrikam.example', with: 'Contoso Cloud', levels: COUNTS, daysAgo: 9 },
];

/**
 * Imports the demo's account lists through the real import (as `mycelium accounts import` does:
 * a queued import run straight from the file's bytes) and sets the sharing, each dated the day the
 * story has it. Runs after the partnerships exist (the offline list needs Contoso's proposal to
 * First Up Consultants; sharing needs active partnerships).
 */
export async function seedDemoAccounts(ctx: AppContext, cast: DemoCast, now: Date): Promise<void> {
  const lists = layOut();
  const firstUp = await selectOrganizationByHandle(ctx.db, FIRST_UP);
  if (!firstUp) throw new Error('Demo accounts: no First Up Consultants');
  const at = (days: number) => new Date(now.getTime() - days * DAY);
  for (const plan of IMPORTS) {
    const actor = cast.people.get(plan.by)!;
    const subjectId = plan.owner === FIRST_UP ? await resolveSubject(ctx.db, actor, firstUp.id) : actor.orgId;
    const { fileName, text } = csvOf(plan.owner, lists.get(plan.owner)!);
    const bytes = Buffer.from(text);
    const read = async function* () {
      yield bytes;
    };
    const { settings } = await inspectFile(read());
    const queued = await queueFileImport(ctx.db, actor.scope, {
      subjectId,
      fileName,
      fileBytes: bytes.length,
      settings,
      removeMissing: false,
    });
    const done = await runImport(ctx, queued.id, { source: read });
    if (done?.status !== 'done')
      throw new Error(`Demo accounts: the import of ${fileName} failed: ${done?.failure}`);
    // Dated the day the story has it: the import, its set with the standard populations, the accounts.
    const when = at(plan.daysAgo).toISOString();
    await ctx.db.execute(sql`
      with i as (update account_import set created_by_user_id = ${actor.userId}, created_at = ${when}::timestamptz,
                        started_at = ${when}::timestamptz + interval '1 minute', finished_at = ${when}::timestamptz + interval '1 minute 4 seconds'
                  where id = ${queued.id} returning set_id),
           s as (update account_set set created_at = ${when}::timestamptz, updated_at = ${when}::timestamptz where id in (select set_id from i)),
           p as (update population set created_at = ${when}::timestamptz where set_id in (select set_id from i))
      update crm_account set created_at = ${when}::timestamptz + interval '1 minute', updated_at = ${when}::timestamptz + interval '1 minute'
       where import_id = ${queued.id}`);
  }
  for (const s of SHARING) {
    const actor = cast.people.get(s.by)!;
    const set = await getOrCreateSet(ctx.db, tenantScope(actor.orgId));
    const populations = await ensurePopulations(ctx.db, set.id, actor.orgId);
    const partnerId = cast.orgs.get(s.with)!;
    await putSharing(ctx.db, actor, {
      partnerId,
      populations: populations.flatMap((p) =>
        s.levels[p.kind] ? [{ populationId: p.id, level: s.levels[p.kind]! }] : [],
      ),
    });
    await ctx.db.execute(sql`update account_sharing set updated_at = ${at(s.daysAgo).toISOString()}::timestamptz
                              where organization_id = ${actor.orgId} and partner_id = ${partnerId}`);
  }
}
