/**
 * What a generated organization is and does. Choices are correlated the way the channel is:
 * technologies come in vendor stacks, stacks follow the role and the country (a Nordic MSP leans
 * to Microsoft modern work and security, a US integrator to AWS and Salesforce), practices follow
 * the stacks and roles, certifications follow the technologies and size.
 */
import { DACH, NORDICS } from './places.ts';
import { drawDistinct, type Rng, Weighted } from './random.ts';

/** A role key of the taxonomy. */
export type RoleKey =
  | 'vendor'
  | 'reseller'
  | 'referral-partner'
  | 'ambassador'
  | 'distributor'
  | 'systems-integrator'
  | 'msp'
  | 'isv'
  | 'advisory-firm'
  | 'training-company'
  | 'media'
  | 'association'
  | 'community';

const PRIMARY_ROLE = new Weighted<RoleKey>([
  ['reseller', 22],
  ['msp', 21],
  ['systems-integrator', 14],
  ['referral-partner', 11],
  ['isv', 7],
  ['advisory-firm', 6],
  ['ambassador', 4.5],
  ['training-company', 3],
  ['media', 2.5],
  ['community', 2],
  ['distributor', 1.5],
  ['association', 0.8],
  ['vendor', 0.5],
]);

const SECONDARY_ROLES: Partial<Record<RoleKey, readonly (readonly [RoleKey, number])[]>> = {
  msp: [
    ['reseller', 0.45],
    ['systems-integrator', 0.1],
  ],
  reseller: [
    ['msp', 0.25],
    ['referral-partner', 0.1],
  ],
  'systems-integrator': [
    ['reseller', 0.35],
    ['msp', 0.2],
    ['isv', 0.08],
  ],
  'referral-partner': [
    ['advisory-firm', 0.15],
    ['ambassador', 0.1],
  ],
  isv: [['systems-integrator', 0.1]],
  'advisory-firm': [
    ['referral-partner', 0.25],
    ['training-company', 0.1],
  ],
  'training-company': [['advisory-firm', 0.15]],
  media: [['community', 0.2]],
  community: [['media', 0.1]],
  association: [['community', 0.2]],
  distributor: [['reseller', 0.1]],
  ambassador: [['referral-partner', 0.4]],
};

/** The primary role plus the roles that commonly come with it (an MSP that also resells). */
export function drawRoles(rng: Rng, primary: RoleKey = PRIMARY_ROLE.draw(rng)): RoleKey[] {
  const roles: RoleKey[] = [primary];
  for (const [role, p] of SECONDARY_ROLES[primary] ?? []) if (rng.chance(p)) roles.push(role);
  return roles;
}

/** Size band keys, smallest first. */
export const SIZE_KEYS = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001+'] as const;
/** A size band key. */
export type SizeKey = (typeof SIZE_KEYS)[number];

const size = (weights: readonly number[]) => new Weighted(SIZE_KEYS.map((k, i) => [k, weights[i]!] as const));
const SIZE_BY_ROLE: Record<RoleKey, Weighted<SizeKey>> = {
  reseller: size([38, 32, 17, 7, 3, 2.2, 0.8]),
  msp: size([36, 35, 18, 7, 2.5, 1.2, 0.3]),
  'systems-integrator': size([20, 34, 25, 11, 5, 4, 1]),
  'referral-partner': size([65, 25, 7, 2, 1, 0, 0]),
  isv: size([30, 35, 20, 8, 4, 2.5, 0.5]),
  distributor: size([5, 15, 25, 20, 15, 12, 8]),
  vendor: size([5, 15, 25, 20, 13, 14, 8]),
  ambassador: size([95, 5, 0, 0, 0, 0, 0]),
  community: size([65, 28, 6, 1, 0, 0, 0]),
  association: size([45, 38, 14, 3, 0, 0, 0]),
  media: size([55, 33, 10, 2, 0, 0, 0]),
  'advisory-firm': size([50, 30, 12, 5, 2, 1, 0]),
  'training-company': size([45, 35, 14, 4, 1.5, 0.5, 0]),
};

/** A size band, skewed small, by primary role. */
export const drawSize = (rng: Rng, primary: RoleKey): SizeKey => SIZE_BY_ROLE[primary].draw(rng);

/** 0 for 1–10 employees up to 6 for 5,001+. */
export const sizeIndex = (band: SizeKey): number => SIZE_KEYS.indexOf(band);

/** A vendor ecosystem of technologies that are sold and serviced together, each with its odds. */
export type StackKey =
  | 'microsoft-cloud'
  | 'modern-work'
  | 'microsoft-business'
  | 'aws'
  | 'google'
  | 'security'
  | 'crm'
  | 'erp'
  | 'networking'
  | 'datacenter'
  | 'msp-tools'
  | 'data-ai'
  | 'collaboration'
  | 'backup'
  | 'devops';

/** Technologies of each stack with the chance an organization working in the stack has each. */
export const STACKS: Record<StackKey, readonly (readonly [string, number])[]> = {
  'microsoft-cloud': [
    ['azure', 0.9],
    ['microsoft-365', 0.75],
    ['windows-server', 0.4],
    ['azure-virtual-desktop', 0.25],
    ['microsoft-teams', 0.45],
    ['power-bi', 0.3],
    ['microsoft-copilot', 0.3],
    ['microsoft-fabric', 0.12],
  ],
  'modern-work': [
    ['microsoft-365', 0.95],
    ['microsoft-teams', 0.7],
    ['microsoft-intune', 0.65],
    ['microsoft-security', 0.5],
    ['microsoft-copilot', 0.4],
    ['azure-virtual-desktop', 0.2],
    ['jamf', 0.1],
  ],
  'microsoft-business': [
    ['dynamics-365', 0.9],
    ['power-platform', 0.75],
    ['power-bi', 0.55],
    ['microsoft-fabric', 0.2],
    ['microsoft-copilot', 0.3],
    ['azure', 0.3],
  ],
  aws: [
    ['aws', 0.98],
    ['terraform', 0.4],
    ['kubernetes', 0.35],
    ['datadog', 0.2],
    ['github', 0.3],
    ['snowflake', 0.12],
    ['databricks', 0.12],
    ['red-hat', 0.1],
  ],
  google: [
    ['google-cloud', 0.9],
    ['google-workspace', 0.65],
    ['google-gemini', 0.35],
    ['kubernetes', 0.3],
    ['terraform', 0.2],
  ],
  security: [
    ['crowdstrike', 0.3],
    ['palo-alto-networks', 0.28],
    ['fortinet', 0.35],
    ['microsoft-security', 0.4],
    ['okta', 0.25],
    ['sentinelone', 0.2],
    ['zscaler', 0.18],
    ['check-point', 0.14],
    ['sophos', 0.25],
    ['cloudflare', 0.14],
    ['splunk', 0.14],
    ['proofpoint', 0.2],
  ],
  crm: [
    ['salesforce', 0.8],
    ['hubspot', 0.4],
    ['servicenow', 0.2],
    ['tableau', 0.18],
    ['slack', 0.25],
  ],
  erp: [
    ['sap', 0.45],
    ['netsuite', 0.35],
    ['oracle-fusion', 0.18],
    ['dynamics-365', 0.35],
    ['odoo', 0.2],
    ['workday', 0.14],
  ],
  networking: [
    ['cisco', 0.7],
    ['meraki', 0.45],
    ['juniper', 0.2],
    ['aruba', 0.35],
    ['arista', 0.1],
    ['ubiquiti', 0.2],
    ['fortinet', 0.3],
  ],
  datacenter: [
    ['vmware', 0.65],
    ['nutanix', 0.35],
    ['dell', 0.5],
    ['hpe', 0.45],
    ['netapp', 0.28],
    ['pure-storage', 0.22],
    ['red-hat', 0.2],
    ['windows-server', 0.45],
  ],
  'msp-tools': [
    ['connectwise', 0.45],
    ['kaseya', 0.3],
    ['n-able', 0.3],
    ['ninjaone', 0.35],
    ['datto', 0.3],
    ['acronis', 0.22],
    ['sophos', 0.2],
    ['sentinelone', 0.2],
  ],
  'data-ai': [
    ['databricks', 0.4],
    ['snowflake', 0.4],
    ['power-bi', 0.35],
    ['tableau', 0.22],
    ['openai', 0.35],
    ['anthropic', 0.2],
    ['nvidia-ai', 0.14],
    ['microsoft-fabric', 0.25],
    ['google-gemini', 0.14],
  ],
  collaboration: [
    ['microsoft-teams', 0.6],
    ['zoom', 0.45],
    ['webex', 0.35],
    ['ringcentral', 0.3],
    ['genesys', 0.2],
    ['slack', 0.2],
  ],
  backup: [
    ['veeam', 0.8],
    ['rubrik', 0.25],
    ['cohesity', 0.2],
    ['commvault', 0.2],
    ['acronis', 0.25],
    ['datto', 0.2],
  ],
  devops: [
    ['github', 0.6],
    ['gitlab', 0.4],
    ['atlassian', 0.5],
    ['kubernetes', 0.55],
    ['terraform', 0.5],
    ['datadog', 0.35],
    ['dynatrace', 0.2],
  ],
};

type StackWeights = Partial<Record<StackKey, number>>;
const OUTREACH: StackWeights = {
  'microsoft-cloud': 2,
  aws: 2,
  security: 2,
  'data-ai': 2,
  'modern-work': 1.5,
  google: 1,
  crm: 1,
  'msp-tools': 1,
};
const STACKS_BY_ROLE: Record<RoleKey, StackWeights> = {
  msp: {
    'msp-tools': 5,
    'modern-work': 5,
    security: 4,
    backup: 3,
    'microsoft-cloud': 3,
    networking: 2,
    datacenter: 1.5,
    collaboration: 1.5,
    aws: 1,
  },
  reseller: {
    'microsoft-cloud': 4,
    'modern-work': 3,
    datacenter: 3,
    networking: 3,
    security: 3,
    collaboration: 2,
    backup: 1.5,
    google: 1,
    aws: 1,
  },
  'systems-integrator': {
    aws: 4,
    'microsoft-cloud': 4,
    crm: 3,
    erp: 3,
    'data-ai': 3,
    devops: 2.5,
    google: 2,
    'microsoft-business': 2.5,
    security: 2,
    datacenter: 1.5,
  },
  'referral-partner': {
    collaboration: 3,
    security: 3,
    networking: 2,
    crm: 2,
    'microsoft-cloud': 2,
    aws: 1.5,
    'modern-work': 1.5,
  },
  isv: { aws: 4, 'microsoft-cloud': 3, google: 2.5, devops: 3, 'data-ai': 3, crm: 1.5, security: 1 },
  vendor: { aws: 3, 'microsoft-cloud': 3, google: 2, devops: 2, 'data-ai': 2, security: 2, backup: 1 },
  distributor: {
    datacenter: 4,
    security: 3,
    networking: 3,
    'microsoft-cloud': 3,
    aws: 1.5,
    backup: 2,
    collaboration: 1.5,
  },
  'advisory-firm': {
    erp: 3,
    crm: 3,
    'data-ai': 3,
    security: 3,
    'microsoft-business': 2,
    aws: 1.5,
    'microsoft-cloud': 1.5,
  },
  'training-company': {
    'microsoft-cloud': 4,
    aws: 3.5,
    security: 3,
    'data-ai': 2.5,
    google: 2,
    devops: 2,
    'modern-work': 2,
  },
  media: OUTREACH,
  association: OUTREACH,
  community: OUTREACH,
  ambassador: OUTREACH,
};

/** How much more (or less) likely a stack is for a head office in the country. */
function countryFactor(hq: string): StackWeights {
  if (NORDICS.includes(hq))
    return { 'modern-work': 2.2, security: 2, 'microsoft-cloud': 1.5, aws: 0.6, 'msp-tools': 0.7, crm: 0.7 };
  if (DACH.includes(hq)) return { erp: 1.8, datacenter: 1.3, 'microsoft-business': 1.4 };
  switch (hq) {
    case 'US':
      return { aws: 1.7, crm: 1.6, 'msp-tools': 1.4, google: 1.2 };
    case 'GB':
    case 'IE':
      return { 'modern-work': 1.3, security: 1.3 };
    case 'FR':
      return { erp: 1.3, google: 1.2 };
    case 'IN':
      return { aws: 1.4, google: 1.5, crm: 1.5, devops: 1.4 };
    case 'JP':
      return { datacenter: 1.5, aws: 1.3 };
    case 'BR':
    case 'MX':
    case 'AR':
    case 'CL':
    case 'CO':
      return { google: 1.3, 'microsoft-cloud': 1.2 };
    default:
      return {};
  }
}

/** The stacks an organization works in: one to three (bigger companies more), by role and country. */
export function drawStacks(rng: Rng, roles: readonly RoleKey[], hq: string, band: SizeKey): StackKey[] {
  const weights = new Map<StackKey, number>();
  roles.forEach((role, i) => {
    for (const [stack, w] of Object.entries(STACKS_BY_ROLE[role]) as [StackKey, number][])
      weights.set(stack, (weights.get(stack) ?? 0) + w * (i === 0 ? 1 : 0.4));
  });
  for (const [stack, f] of Object.entries(countryFactor(hq)) as [StackKey, number][])
    if (weights.has(stack)) weights.set(stack, weights.get(stack)! * f);
  const u = rng.next();
  let count = u < 0.55 ? 1 : u < 0.88 ? 2 : 3;
  if (sizeIndex(band) >= 3) count++;
  if (sizeIndex(band) >= 5) count++;
  return drawDistinct(rng, [...weights], count);
}

/** Technologies from the stacks (at least one per stack), capped at 14. */
export function drawTechnologies(rng: Rng, stacks: readonly StackKey[]): string[] {
  const out = new Set<string>();
  for (const stack of stacks) {
    const entries = STACKS[stack];
    let any = false;
    for (const [tech, p] of entries)
      if (rng.chance(p)) {
        out.add(tech);
        any = true;
      }
    if (!any) out.add(entries[0]![0]);
  }
  return [...out].slice(0, 14);
}

const STACK_PRACTICES: Record<StackKey, readonly (readonly [string, number])[]> = {
  'microsoft-cloud': [
    ['cloud-migration', 0.6],
    ['modern-work', 0.3],
    ['licensing', 0.25],
    ['infrastructure', 0.25],
    ['finops', 0.1],
  ],
  'modern-work': [
    ['modern-work', 0.9],
    ['identity-access', 0.4],
    ['devices', 0.3],
    ['licensing', 0.3],
    ['security-operations', 0.15],
  ],
  'microsoft-business': [
    ['erp-implementation', 0.6],
    ['crm-implementation', 0.5],
    ['custom-development', 0.2],
    ['data-analytics', 0.25],
  ],
  aws: [
    ['cloud-migration', 0.7],
    ['app-modernization', 0.45],
    ['devops', 0.35],
    ['finops', 0.25],
    ['data-analytics', 0.15],
  ],
  google: [
    ['cloud-migration', 0.55],
    ['data-analytics', 0.35],
    ['app-modernization', 0.3],
    ['ai-ml', 0.2],
    ['modern-work', 0.25],
  ],
  security: [
    ['security-operations', 0.6],
    ['identity-access', 0.45],
    ['compliance', 0.4],
    ['networking', 0.15],
  ],
  crm: [
    ['crm-implementation', 0.85],
    ['custom-development', 0.3],
    ['data-analytics', 0.2],
  ],
  erp: [
    ['erp-implementation', 0.9],
    ['advisory', 0.2],
    ['data-analytics', 0.15],
  ],
  networking: [
    ['networking', 0.9],
    ['infrastructure', 0.35],
    ['unified-communications', 0.1],
  ],
  datacenter: [
    ['infrastructure', 0.85],
    ['backup-dr', 0.35],
    ['cloud-migration', 0.2],
    ['devices', 0.25],
  ],
  'msp-tools': [
    ['managed-services', 0.95],
    ['backup-dr', 0.3],
    ['security-operations', 0.2],
  ],
  'data-ai': [
    ['data-analytics', 0.85],
    ['ai-ml', 0.6],
    ['advisory', 0.15],
  ],
  collaboration: [
    ['unified-communications', 0.85],
    ['modern-work', 0.35],
  ],
  backup: [
    ['backup-dr', 0.9],
    ['infrastructure', 0.2],
  ],
  devops: [
    ['devops', 0.85],
    ['app-modernization', 0.45],
    ['custom-development', 0.35],
  ],
};

const ROLE_PRACTICES: Partial<Record<RoleKey, readonly (readonly [string, number])[]>> = {
  msp: [['managed-services', 0.9]],
  reseller: [
    ['licensing', 0.55],
    ['devices', 0.3],
  ],
  'training-company': [['training', 0.95]],
  'advisory-firm': [
    ['advisory', 0.9],
    ['compliance', 0.2],
  ],
  media: [['marketing-services', 0.7]],
  distributor: [
    ['licensing', 0.7],
    ['marketing-services', 0.3],
  ],
  'systems-integrator': [['custom-development', 0.2]],
  'referral-partner': [['advisory', 0.2]],
  association: [
    ['training', 0.3],
    ['marketing-services', 0.2],
  ],
  community: [['training', 0.3]],
};

/** Practices implied by the stacks and roles; Nordic MSPs run security operations and modern work. */
export function drawPractices(
  rng: Rng,
  stacks: readonly StackKey[],
  roles: readonly RoleKey[],
  hq: string,
): string[] {
  const out = new Set<string>();
  // Associations, communities and media convene and publish; they do not run delivery practices.
  const delivers = !['association', 'community', 'media'].includes(roles[0]!);
  if (delivers)
    for (const stack of stacks)
      for (const [p, chance] of STACK_PRACTICES[stack]) if (rng.chance(chance)) out.add(p);
  for (const role of roles)
    for (const [p, chance] of ROLE_PRACTICES[role] ?? []) if (rng.chance(chance)) out.add(p);
  if (roles.includes('msp') && NORDICS.includes(hq)) {
    if (rng.chance(0.6)) out.add('security-operations');
    if (rng.chance(0.5)) out.add('modern-work');
    if (rng.chance(0.3)) out.add('identity-access');
  }
  return [...out].slice(0, 8);
}

/** Partner designations and standards, following technologies and practices; bigger firms hold more. */
export function drawCertifications(
  rng: Rng,
  p: { technologies: readonly string[]; practices: readonly string[]; roles: readonly RoleKey[]; hq: string },
  band: SizeKey,
): string[] {
  const tech = new Set(p.technologies);
  const practice = new Set(p.practices);
  const s = sizeIndex(band);
  const factor = [0.4, 0.8, 1.2, 1.6, 1.8, 2, 2][s]!;
  const out: string[] = [];
  const maybe = (key: string, chance: number) => {
    if (rng.chance(Math.min(0.95, chance * factor))) out.push(key);
  };
  if (
    tech.has('microsoft-security') &&
    (practice.has('security-operations') || practice.has('identity-access'))
  )
    maybe('microsoft-solutions-partner-security', 0.35);
  if (tech.has('microsoft-365')) maybe('microsoft-solutions-partner-modern-work', 0.3);
  if (tech.has('azure')) maybe('microsoft-solutions-partner-infrastructure', 0.22);
  if (tech.has('microsoft-fabric') || tech.has('power-bi'))
    maybe('microsoft-solutions-partner-data-ai', 0.18);
  if (tech.has('azure') && practice.has('app-modernization'))
    maybe('microsoft-solutions-partner-digital-app-innovation', 0.15);
  if (tech.has('dynamics-365') || tech.has('power-platform'))
    maybe('microsoft-solutions-partner-business-applications', 0.3);
  if (tech.has('aws')) {
    const u = rng.next();
    const tier = s >= 4 && u < 0.1 ? 'aws-premier-tier' : u < 0.12 * factor ? 'aws-advanced-tier' : null;
    if (tier) out.push(tier);
    else maybe('aws-select-tier', 0.3);
    if (p.roles.includes('msp')) maybe('aws-msp', 0.1);
  }
  if (tech.has('google-cloud')) {
    if (s >= 4 && rng.chance(0.1)) out.push('google-cloud-premier');
    else maybe('google-cloud-partner', 0.4);
  }
  if (tech.has('cisco')) maybe('cisco-gold-integrator', s >= 3 ? 0.12 : 0.02);
  if (tech.has('salesforce')) maybe('salesforce-summit-partner', s >= 3 ? 0.1 : 0.02);
  if (tech.has('sap')) maybe('sap-gold-partner', 0.07);
  if (tech.has('servicenow')) maybe('servicenow-elite-partner', 0.05);
  if (tech.has('hubspot')) maybe('hubspot-elite-partner', 0.06);
  if (tech.has('snowflake')) maybe('snowflake-elite-partner', 0.05);
  if (tech.has('palo-alto-networks')) maybe('palo-alto-networks-diamond-innovator', 0.03);
  if (tech.has('fortinet')) maybe('fortinet-expert-partner', 0.07);
  if (tech.has('vmware')) maybe('broadcom-pinnacle-partner', 0.04);
  maybe('iso-27001', 0.05 + (practice.has('security-operations') || practice.has('compliance') ? 0.15 : 0));
  maybe('iso-9001', 0.05);
  if (p.roles.includes('msp')) maybe('iso-20000-1', 0.07);
  if (
    p.hq === 'US' &&
    (p.roles.includes('msp') || p.roles.includes('isv') || p.roles.includes('systems-integrator'))
  )
    maybe('soc-2-type-2', 0.12);
  if (p.hq === 'GB') maybe('cyber-essentials-plus', 0.3);
  if (practice.has('security-operations')) maybe('pci-dss', 0.03);
  return out;
}

const INDUSTRY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['54', 10],
  ['51', 8],
  ['52', 7],
  ['62', 6],
  ['31-33', 6],
  ['61', 5],
  ['92', 5],
  ['44-45', 3],
  ['48-49', 2],
  ['22', 2],
  ['23', 2],
  ['42', 2],
  ['53', 1.5],
  ['56', 1.5],
  ['81', 1],
  ['72', 1],
  ['71', 0.8],
  ['21', 0.7],
  ['11', 0.5],
  ['55', 0.5],
];

/** One to four NAICS sectors served, weighted toward services, information, finance, health, education, government. */
export function drawIndustries(rng: Rng): string[] {
  const u = rng.next();
  const count = u < 0.35 ? 1 : u < 0.7 ? 2 : u < 0.9 ? 3 : 4;
  return drawDistinct(rng, INDUSTRY_WEIGHTS, count);
}

/** A founding year in 1985–2024 (and not after `latest`): small firms are younger, big ones older. */
export function drawFoundedYear(rng: Rng, band: SizeKey, primary: RoleKey, latest: number): number {
  let meanAge = [7, 11, 15, 19, 23, 26, 28][sizeIndex(band)]!;
  if (primary === 'community' || primary === 'ambassador' || primary === 'media') meanAge = 5;
  const age = Math.floor(-Math.log(1 - rng.next()) * meanAge);
  return Math.max(1985, Math.min(2024, latest) - age);
}
