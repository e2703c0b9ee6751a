/**
 * Sub-ecosystems of the generated directory. The first organizations of every run are "anchors":
 * eight major vendors (each with a "<Vendor> Partner Network"), the Partner Association (with
 * Nordic and UK & Ireland chapters), Women in Channel (with a Nordics chapter) and an advisory firm
 * running an invite-only circle. Network-wide ecosystems with facet filters (no owner) come on
 * top, more of them for bigger directories. Explicit memberships are decided per organization as
 * it is generated, so they stream with it.
 */
import { facetLabel } from '../../../common/taxonomy/index.ts';
import { slugify } from '../../modules/organizations/index.ts';
import { DAY, HISTORY_DAYS } from './activity.ts';
import type { RoleKey, SizeKey } from './facets.ts';
import { sizeIndex } from './facets.ts';
import type { GeneratedOrganization, OrgSpec } from './organization.ts';
import { countryName, NORDICS } from './places.ts';
import { hashText, Rng, uuidv7At } from './random.ts';
import { article } from './text.ts';

/** A generated ecosystem row. */
export interface GeneratedEcosystem {
  id: string;
  /** Owner; null for network-wide ecosystems. */
  organizationId: string | null;
  slug: string;
  name: string;
  description: string;
  parentId: string | null;
  hubOrganizationId: string | null;
  visibility: 'public' | 'members';
  joinPolicy: 'open' | 'approval' | 'invite';
  filter: Record<string, string[]> | null;
  activityWindowDays: number;
  createdAt: Date;
}

/** A generated explicit membership, request or invitation. */
export interface GeneratedMembership {
  ecosystemId: string;
  organizationId: string;
  status: 'member' | 'requested' | 'invited';
  message: string | null;
  createdAt: Date;
  joinedAt: Date | null;
}

interface VendorArchetype {
  suffixes: readonly string[];
  /** Chance an eligible partner is in the program: aims each program at 1–3% of organizations. */
  pJoin: number;
  /** Technologies the vendor integrates with: partners working with any of them fit its program. */
  partnerTechs: readonly string[];
  what: string;
}
const VENDORS: readonly VendorArchetype[] = [
  {
    suffixes: ['Cloud', 'Compute'],
    pJoin: 0.06,
    partnerTechs: ['azure', 'aws', 'google-cloud', 'kubernetes', 'terraform'],
    what: 'cloud infrastructure',
  },
  {
    suffixes: ['Security', 'Shield', 'Defense'],
    pJoin: 0.07,
    partnerTechs: ['microsoft-security', 'crowdstrike', 'sentinelone', 'sophos', 'fortinet', 'okta'],
    what: 'endpoint and identity security',
  },
  {
    suffixes: ['Data', 'Analytics'],
    pJoin: 0.11,
    partnerTechs: ['databricks', 'snowflake', 'power-bi', 'microsoft-fabric', 'tableau', 'openai'],
    what: 'data and AI',
  },
  {
    suffixes: ['Networks'],
    pJoin: 0.14,
    partnerTechs: ['cisco', 'meraki', 'aruba', 'juniper', 'ubiquiti'],
    what: 'networking',
  },
  {
    suffixes: ['Backup', 'Recovery'],
    pJoin: 0.12,
    partnerTechs: ['veeam', 'acronis', 'datto', 'rubrik', 'cohesity'],
    what: 'backup and recovery',
  },
  {
    suffixes: ['Automate', 'RMM'],
    pJoin: 0.18,
    partnerTechs: ['connectwise', 'kaseya', 'n-able', 'ninjaone'],
    what: 'MSP automation',
  },
  {
    suffixes: ['Voice', 'Connect'],
    pJoin: 0.07,
    partnerTechs: ['microsoft-teams', 'zoom', 'webex', 'ringcentral', 'genesys'],
    what: 'cloud voice and contact centre',
  },
  {
    suffixes: ['Workplace', 'Endpoint'],
    pJoin: 0.1,
    partnerTechs: ['microsoft-intune', 'jamf', 'azure-virtual-desktop', 'citrix', 'omnissa'],
    what: 'device management',
  },
];
const VENDOR_PREFIXES = [
  'Nimbus',
  'Aegis',
  'Helix',
  'Quanta',
  'Lumen',
  'Arcadia',
  'Cobalt',
  'Sentinel',
  'Orbit',
  'Zephyr',
  'Polaris',
  'Cirrus',
  'Ironwood',
  'Bluefin',
  'Halcyon',
  'Kestrel',
  'Veridian',
  'Solace',
];
const VENDOR_HQ = ['US', 'US', 'US', 'US', 'US', 'GB', 'DE', 'SE', 'NL', 'IL', 'FI', 'FR'];
const VENDOR_SIZES: SizeKey[] = ['501-1000', '1001-5000', '1001-5000', '5001+'];

const ASSOCIATION = 8;
const WOMEN_IN_CHANNEL = 9;
const ADVISORY = 10;
/** How many anchor organizations open every run. */
export const ANCHOR_COUNT = 11;

/** The anchors' fixed choices (vendor names and head offices drawn from the run's seed). */
export function anchorSpecs(seed: number): OrgSpec[] {
  const rng = new Rng(seed ^ hashText('anchors'), 0);
  const prefixes = rng.sample(VENDOR_PREFIXES, VENDORS.length);
  const vendors = VENDORS.map(
    (v, i): OrgSpec => ({
      name: `${prefixes[i]} ${rng.pick(v.suffixes)}`,
      roles: ['vendor'],
      hq: rng.pick(VENDOR_HQ),
      size: rng.pick(VENDOR_SIZES),
      technologies: rng.sample(v.partnerTechs, rng.int(2, v.partnerTechs.length)),
      stacks: [],
      what: v.what,
    }),
  );
  return [
    ...vendors,
    {
      name: 'Partner Association',
      roles: ['association', 'community'],
      hq: 'US',
      size: '11-50',
      description:
        'Partner Association is the independent association of IT partners: events, benchmarks and a common voice for resellers, MSPs and integrators, with chapters in the Nordics and the UK & Ireland.',
    },
    {
      name: 'Women in Channel',
      roles: ['community'],
      hq: 'GB',
      size: '11-50',
      description:
        'Women in Channel is a network for women working in the IT channel: mentoring, events and peer groups, with a Nordics chapter.',
    },
    { name: 'Meridian Channel Advisory', roles: ['advisory-firm'], hq: 'GB', size: '11-50' },
  ];
}

const NORDIC_FILTER = ['SE', 'NO', 'DK', 'FI', 'IS'];
/** Network-wide ecosystems: the first three always, the rest one per 10,000 organizations. */
const NETWORK: readonly (readonly [name: string, description: string, filter: Record<string, string[]>])[] = [
  [
    'Nordic security MSPs',
    'Managed service providers in the Nordics that run security operations.',
    { country: NORDIC_FILTER, role: ['msp'], practice: ['security-operations'] },
  ],
  [
    'DACH cloud resellers',
    'Resellers in Germany, Austria and Switzerland selling the big cloud platforms.',
    { country: ['DE', 'AT', 'CH'], role: ['reseller'], technology: ['azure', 'aws', 'google-cloud'] },
  ],
  ['Latin America partners', 'Every partner serving Latin America and the Caribbean.', { region: ['419'] }],
  [
    'UK Cyber Essentials partners',
    'UK partners certified Cyber Essentials Plus.',
    { country: ['GB'], certification: ['cyber-essentials-plus'] },
  ],
  [
    'Benelux data & AI partners',
    'Data and AI specialists in the Benelux.',
    { country: ['NL', 'BE', 'LU'], practice: ['data-analytics', 'ai-ml'] },
  ],
  [
    'US AWS integrators',
    'Systems integrators in the US building on AWS.',
    { country: ['US'], technology: ['aws'], role: ['systems-integrator'] },
  ],
  [
    'ANZ managed service providers',
    'MSPs in Australia and New Zealand.',
    { country: ['AU', 'NZ'], role: ['msp'] },
  ],
  [
    'India cloud partners',
    'Cloud migration partners in India.',
    { country: ['IN'], practice: ['cloud-migration'] },
  ],
  [
    'Iberia Microsoft partners',
    'Microsoft partners in Spain and Portugal.',
    { country: ['ES', 'PT'], technology: ['azure', 'microsoft-365', 'dynamics-365'] },
  ],
  ['Southeast Asia partners', 'Partners serving South-eastern Asia.', { region: ['035'] }],
  ['Middle East partners', 'Partners serving Western Asia and the Gulf.', { region: ['145'] }],
  [
    'Healthcare IT specialists',
    'Partners serving healthcare with compliance expertise.',
    { industry: ['62'], practice: ['compliance'] },
  ],
  ['Public-sector partners', 'Partners serving government and public administration.', { industry: ['92'] }],
  [
    'Training and enablement providers',
    'Training companies across the network.',
    { role: ['training-company'] },
  ],
  ['Channel media and podcasts', 'Media that cover the channel.', { role: ['media'] }],
];

interface VendorProgram {
  ecosystemId: string;
  pJoin: number;
  techs: ReadonlySet<string>;
}

/** The ecosystems of a run and how organizations come to be in them. */
export interface EcosystemPlan {
  ecosystems: GeneratedEcosystem[];
  vendors: VendorProgram[];
  association?: { id: string; nordics: string; uki: string };
  women?: { id: string; nordics: string };
  circle?: string;
}

/**
 * The ecosystems, given the anchors generated so far (an anchor missing from a tiny run drops its
 * ecosystems). Slugs are claimed through `claim` so they avoid the database's.
 */
export function planEcosystems(
  seed: number,
  nowMs: number,
  orgCount: number,
  anchors: readonly GeneratedOrganization[],
  claim: (slug: string) => string,
): EcosystemPlan {
  const rng = new Rng(seed ^ hashText('ecosystems'), 0);
  const plan: EcosystemPlan = { ecosystems: [], vendors: [] };
  let k = 0;
  const add = (
    e: Omit<GeneratedEcosystem, 'id' | 'slug' | 'createdAt' | 'activityWindowDays'> & { window?: number },
  ) => {
    // Set up the day after the directory was imported, an hour apart.
    const createdMs = nowMs - (HISTORY_DAYS + 29) * DAY + k++ * 3_600_000;
    const { window, ...rest } = e;
    const row: GeneratedEcosystem = {
      ...rest,
      id: uuidv7At(createdMs, rng),
      slug: claim(slugify(e.name)),
      activityWindowDays: window ?? 90,
      createdAt: new Date(createdMs),
    };
    plan.ecosystems.push(row);
    return row.id;
  };
  VENDORS.forEach((v, i) => {
    const vendor = anchors[i];
    if (!vendor) return;
    const id = add({
      organizationId: vendor.id,
      name: `${vendor.name} Partner Network`,
      description: `The channel program of ${vendor.name}: resellers, MSPs and integrators selling and servicing its ${v.what} products. Apply to join; the partner team approves.`,
      parentId: null,
      hubOrganizationId: vendor.id,
      visibility: 'public',
      joinPolicy: 'approval',
      filter: null,
    });
    plan.vendors.push({ ecosystemId: id, pJoin: v.pJoin, techs: new Set(v.partnerTechs) });
  });
  const association = anchors[ASSOCIATION];
  if (association) {
    const owned = { organizationId: association.id, hubOrganizationId: association.id, filter: null };
    const id = add({
      ...owned,
      name: 'Partner Association',
      description:
        'The independent association of IT partners: events, benchmarks and a common voice. Open to every partner.',
      parentId: null,
      visibility: 'public',
      joinPolicy: 'open',
    });
    const chapter = (region: string) =>
      add({
        ...owned,
        name: `Partner Association — ${region} chapter`,
        description: `Local chapter of the Partner Association for members in ${region === 'Nordics' ? 'the Nordics' : 'the UK and Ireland'}.`,
        parentId: id,
        visibility: 'public',
        joinPolicy: 'approval',
      });
    plan.association = { id, nordics: chapter('Nordics'), uki: chapter('UK & Ireland') };
  }
  const women = anchors[WOMEN_IN_CHANNEL];
  if (women) {
    const owned = { organizationId: women.id, hubOrganizationId: women.id, filter: null };
    const id = add({
      ...owned,
      name: 'Women in Channel',
      description: 'A network for women working in the IT channel: mentoring, events and peer groups.',
      parentId: null,
      visibility: 'members',
      joinPolicy: 'approval',
    });
    const nordics = add({
      ...owned,
      name: 'Women in Channel — Nordics chapter',
      description: 'Women in Channel in Sweden, Norway, Denmark, Finland and Iceland.',
      parentId: id,
      visibility: 'members',
      joinPolicy: 'approval',
    });
    plan.women = { id, nordics };
  }
  const advisory = anchors[ADVISORY];
  if (advisory)
    plan.circle = add({
      organizationId: advisory.id,
      hubOrganizationId: advisory.id,
      name: 'Channel Chiefs Circle',
      description: 'An invitation-only peer group for heads of channel at larger partners.',
      parentId: null,
      visibility: 'members',
      joinPolicy: 'invite',
      filter: null,
    });
  const networkCount = Math.min(NETWORK.length, 3 + Math.floor(orgCount / 10_000));
  for (const [name, description, filter] of NETWORK.slice(0, networkCount))
    add({
      organizationId: null,
      hubOrganizationId: null,
      name,
      description,
      parentId: null,
      visibility: 'public',
      joinPolicy: 'open',
      filter,
    });
  return plan;
}

const SELLERS: ReadonlySet<string> = new Set<RoleKey>(['reseller', 'msp', 'systems-integrator']);

/** The explicit memberships, requests and invitations of one (non-anchor) organization. */
export function membershipsOf(
  rng: Rng,
  plan: EcosystemPlan,
  org: GeneratedOrganization,
  nowMs: number,
): GeneratedMembership[] {
  const out: GeneratedMembership[] = [];
  const p = org.profile;
  const s = sizeIndex(p.sizeBand as SizeKey);
  const nordic = NORDICS.includes(p.hqCountry!);
  const created = org.createdAt.getTime();
  const join = (
    ecosystemId: string,
    status: GeneratedMembership['status'],
    message: string | null = null,
  ) => {
    const since = Math.max(created, nowMs - HISTORY_DAYS * DAY);
    const at =
      status === 'member'
        ? since + rng.next() * (nowMs - DAY - since)
        : nowMs - (1 + rng.next() * (status === 'requested' ? 45 : 60)) * DAY;
    const when = new Date(Math.floor(at));
    out.push({
      ecosystemId,
      organizationId: org.id,
      status,
      message,
      createdAt: when,
      joinedAt: status === 'member' ? when : null,
    });
  };
  const status = (requested: number, invited = 0) => {
    const u = rng.next();
    return u < requested ? 'requested' : u < requested + invited ? 'invited' : 'member';
  };
  if (p.roles.some((r) => SELLERS.has(r)))
    for (const v of plan.vendors)
      if (p.technologies.some((t) => v.techs.has(t)) && rng.chance(v.pJoin * (s >= 3 ? 1.8 : 1))) {
        const st = status(0.1, 0.05);
        join(v.ecosystemId, st, st === 'requested' ? requestMessage(org) : null);
      }
  if (plan.association && rng.chance(0.03 + 0.01 * s)) {
    join(plan.association.id, 'member');
    if (nordic && rng.chance(0.75)) join(plan.association.nordics, status(0.1));
    if ((p.hqCountry === 'GB' || p.hqCountry === 'IE') && rng.chance(0.75))
      join(plan.association.uki, status(0.1));
  }
  if (plan.women && rng.chance(0.015)) {
    const st = status(0.15);
    join(plan.women.id, st, st === 'requested' ? requestMessage(org) : null);
    if (st === 'member' && nordic && rng.chance(0.7)) join(plan.women.nordics, status(0.1));
  }
  if (plan.circle && s >= 3 && rng.chance(0.04)) join(plan.circle, status(0, 0.4));
  return out;
}

function requestMessage(org: GeneratedOrganization): string {
  const p = org.profile;
  const role = (facetLabel('role', p.roles[0]!) ?? 'partner').toLowerCase();
  const tech = p.technologies[0] ? ` working with ${facetLabel('technology', p.technologies[0])}` : '';
  return `We are ${article(role)} ${role} in ${countryName(p.hqCountry!)}${tech} and would like to join.`;
}
