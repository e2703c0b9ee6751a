/**
 * Descriptions and services of generated organizations, written from their facets so full-text
 * search finds what a person would expect ("SOC Stockholm", "Salesforce healthcare").
 */
import { facetLabel } from '../../../common/taxonomy/index.ts';
import type { RoleKey } from './facets.ts';
import { CITIES, countryName, describeReach } from './places.ts';
import type { Rng } from './random.ts';

const ROLE_PHRASE: Record<RoleKey, readonly string[]> = {
  reseller: ['reseller', 'value-added reseller', 'IT reseller'],
  msp: ['managed service provider', 'managed IT and cloud provider', 'MSP'],
  'systems-integrator': ['systems integrator', 'IT consultancy and systems integrator', 'digital integrator'],
  'referral-partner': ['referral partner', 'technology advisor', 'agent and referral partner'],
  isv: ['software company', 'independent software vendor', 'SaaS company'],
  vendor: ['technology vendor', 'software vendor'],
  distributor: ['distributor', 'value-added distributor'],
  'advisory-firm': ['advisory firm', 'consultancy', 'independent advisory firm'],
  'training-company': ['training company', 'IT training provider'],
  media: ['channel media company', 'podcast and news site'],
  association: ['association', 'industry association'],
  community: ['community', 'volunteer-run community'],
  ambassador: ['independent channel ambassador', 'channel ambassador'],
};

const PRACTICE_PHRASE: Record<string, string> = {
  'managed-services': 'managed IT services',
  'cloud-migration': 'cloud migrations',
  finops: 'cloud cost optimisation',
  infrastructure: 'data-centre infrastructure',
  'security-operations': '24/7 security monitoring and response',
  'identity-access': 'identity and access management',
  compliance: 'governance, risk and compliance',
  'modern-work': 'modern workplace projects',
  'unified-communications': 'unified communications and contact centres',
  'data-analytics': 'data platforms and analytics',
  'ai-ml': 'AI and machine learning',
  'app-modernization': 'application modernisation',
  'custom-development': 'custom software development',
  'erp-implementation': 'ERP implementations',
  'crm-implementation': 'CRM implementations',
  networking: 'networks, Wi-Fi and SD-WAN',
  devops: 'DevOps and platform engineering',
  'backup-dr': 'backup and disaster recovery',
  devices: 'devices and hardware',
  licensing: 'software licensing',
  training: 'certification training',
  advisory: 'IT strategy and advisory',
  'marketing-services': 'partner marketing',
};

const AUDIENCE: Record<string, string> = {
  '11': 'agricultural businesses',
  '21': 'mining and energy companies',
  '22': 'utilities',
  '23': 'construction firms',
  '31-33': 'manufacturers',
  '42': 'wholesalers',
  '44-45': 'retailers',
  '48-49': 'logistics companies',
  '51': 'software and media companies',
  '52': 'banks and insurers',
  '53': 'property companies',
  '54': 'professional-services firms',
  '55': 'holding companies',
  '56': 'facility and support-services firms',
  '61': 'schools and universities',
  '62': 'healthcare providers',
  '71': 'arts and sports organisations',
  '72': 'hotels and restaurants',
  '81': 'non-profits',
  '92': 'public-sector agencies',
};

// Organizations that convene or publish rather than deliver projects.
const OUTREACH: ReadonlySet<RoleKey> = new Set<RoleKey>(['media', 'association', 'community']);

const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
/** "a" or "an" before a word. */
export const article = (word: string) =>
  /^[A-Z]{2,}/.test(word)
    ? /^[AEFHILMNORSX]/.test(word)
      ? 'an'
      : 'a'
    : /^[aeiou]/i.test(word) && !/^(one|eu)/i.test(word)
      ? 'an'
      : 'a';
const techLabel = (key: string) => facetLabel('technology', key) ?? key;

/** What a description is built from. */
export interface DescribedOrg {
  name: string;
  roles: readonly RoleKey[];
  hqCountry: string;
  countries: readonly string[];
  industries: readonly string[];
  technologies: readonly string[];
  practices: readonly string[];
  certifications: readonly string[];
  foundedYear: number;
  /** What a vendor makes. */
  what?: string | undefined;
}

/** One to three sentences: what they are and where, what they do for whom, and with what. */
export function describe(rng: Rng, o: DescribedOrg): string {
  const role = o.roles[0]!;
  const phrase = rng.pick(ROLE_PHRASE[role]);
  const cities = CITIES[o.hqCountry];
  const city = cities && rng.chance(0.6) ? rng.pick(cities) : undefined;
  const country = countryName(o.hqCountry);
  const where = city && city !== country ? `${city}, ${country}` : country;
  const reach = describeReach(o.hqCountry, o.countries);
  const techs = list(o.technologies.slice(0, 3).map(techLabel));
  const practices = list(o.practices.slice(0, 3).map((p) => PRACTICE_PHRASE[p] ?? p));
  const audience = list(o.industries.slice(0, 2).map((i) => AUDIENCE[i] ?? 'businesses'));
  const topic = techs || 'cloud and security';
  const sentences: string[] = [];
  switch (role) {
    case 'association':
      sentences.push(
        `${o.name} is an ${phrase} for IT partners ${reach}, with events, benchmarking and advocacy.`,
      );
      break;
    case 'community':
      sentences.push(
        `${o.name} is a ${phrase} for channel professionals working with ${topic}, based in ${where}.`,
      );
      break;
    case 'media':
      sentences.push(
        `${o.name} publishes news, interviews and a weekly podcast about ${topic} for the channel.`,
      );
      break;
    case 'ambassador':
      sentences.push(
        `${o.name} is ${article(phrase)} ${phrase} introducing ${topic} to partners and customers ${reach}.`,
      );
      break;
    case 'vendor':
      sentences.push(
        o.what
          ? `${o.name} makes ${o.what} software, sold through resellers, MSPs and integrators ${reach}.`
          : `${o.name} is a ${phrase} from ${where}, selling through partners ${reach}.`,
      );
      if (techs) sentences.push(`Integrates with ${techs}.`);
      break;
    case 'distributor':
      sentences.push(`${o.name} distributes ${topic} to resellers and MSPs ${reach}.`);
      break;
    default:
      sentences.push(
        `${o.name} is ${article(phrase)} ${phrase} based in ${where}, serving customers ${reach}.`,
      );
  }
  if (practices && !OUTREACH.has(role))
    sentences.push(
      rng.chance(0.5)
        ? `We help ${audience} with ${practices}${techs ? ` on ${techs}` : ''}.`
        : `Our focus is ${practices} for ${audience}.`,
    );
  if (o.certifications.length > 0 && rng.chance(0.6))
    sentences.push(
      `Founded in ${o.foundedYear}; ${list(o.certifications.slice(0, 2).map((c) => facetLabel('certification', c) ?? c))}.`,
    );
  else if (rng.chance(0.3)) sentences.push(`Founded in ${o.foundedYear}.`);
  return sentences.slice(0, 3).join(' ');
}

interface ServiceIdea {
  text: string;
  /** Only for organizations with one of these technologies. */
  tech?: readonly string[];
}
const S = (text: string, ...tech: string[]): ServiceIdea => (tech.length ? { text, tech } : { text });

const PRACTICE_SERVICES: Record<string, readonly ServiceIdea[]> = {
  'security-operations': [
    S('24/7 SOC'),
    S('Managed detection and response (MDR)'),
    S('Incident response retainer'),
    S('Vulnerability management'),
    S('Penetration testing'),
    S('Microsoft Sentinel SIEM', 'microsoft-security'),
    S('CrowdStrike Falcon deployments', 'crowdstrike'),
  ],
  'identity-access': [
    S('Single sign-on and MFA rollouts'),
    S('Identity and access reviews'),
    S('Privileged access management'),
    S('Okta implementations', 'okta'),
    S('Entra ID hardening', 'microsoft-security'),
  ],
  compliance: [
    S('NIS2 readiness assessments'),
    S('ISO 27001 implementation'),
    S('GDPR gap analysis'),
    S('SOC 2 readiness'),
  ],
  'modern-work': [
    S('Microsoft 365 migrations', 'microsoft-365'),
    S('Teams telephony', 'microsoft-teams'),
    S('Copilot readiness workshops', 'microsoft-copilot'),
    S('Intune device management', 'microsoft-intune'),
    S('SharePoint intranets', 'microsoft-365'),
    S('Google Workspace migrations', 'google-workspace'),
    S('Hybrid work setups'),
  ],
  'managed-services': [
    S('Managed IT support'),
    S('Service desk'),
    S('Remote monitoring and management'),
    S('Patch management'),
    S('Fixed-fee IT support'),
  ],
  'cloud-migration': [
    S('Azure migrations', 'azure'),
    S('AWS migrations', 'aws'),
    S('Google Cloud migrations', 'google-cloud'),
    S('Cloud readiness assessments'),
    S('Landing zone design'),
  ],
  finops: [S('Cloud cost reviews'), S('FinOps as a service'), S('Reserved capacity optimisation')],
  infrastructure: [
    S('Data-centre refresh'),
    S('Hyperconverged infrastructure', 'nutanix'),
    S('Storage consolidation'),
    S('VMware licensing and migration advice', 'vmware'),
  ],
  'data-analytics': [
    S('Power BI dashboards', 'power-bi'),
    S('Data warehouse modernisation'),
    S('Snowflake implementations', 'snowflake'),
    S('Databricks lakehouse builds', 'databricks'),
    S('Microsoft Fabric adoption', 'microsoft-fabric'),
  ],
  'ai-ml': [
    S('AI use-case workshops'),
    S('Generative AI pilots'),
    S('MLOps'),
    S('Retrieval-augmented chatbots', 'openai', 'anthropic'),
  ],
  'app-modernization': [
    S('Application modernisation'),
    S('Containerisation', 'kubernetes'),
    S('Serverless re-architecture'),
  ],
  'custom-development': [
    S('Custom software development'),
    S('Integrations and APIs'),
    S('Low-code apps', 'power-platform'),
  ],
  'erp-implementation': [
    S('SAP S/4HANA migrations', 'sap'),
    S('NetSuite implementations', 'netsuite'),
    S('Dynamics 365 Business Central rollouts', 'dynamics-365'),
    S('Odoo implementations', 'odoo'),
    S('ERP selection'),
  ],
  'crm-implementation': [
    S('Salesforce implementations', 'salesforce'),
    S('HubSpot onboarding', 'hubspot'),
    S('Dynamics 365 Sales rollouts', 'dynamics-365'),
    S('ServiceNow ITSM', 'servicenow'),
  ],
  networking: [
    S('SD-WAN rollouts'),
    S('Wi-Fi surveys and installs'),
    S('Network as a service'),
    S('Firewall management'),
  ],
  devops: [
    S('CI/CD pipelines'),
    S('Kubernetes platform engineering', 'kubernetes'),
    S('Infrastructure as code', 'terraform'),
  ],
  'backup-dr': [
    S('Backup as a service'),
    S('Disaster recovery as a service'),
    S('Microsoft 365 backup', 'microsoft-365'),
    S('Ransomware recovery planning'),
    S('Veeam backup', 'veeam'),
  ],
  devices: [
    S('Device as a service'),
    S('Laptop procurement and imaging'),
    S('Apple device management', 'jamf'),
  ],
  licensing: [
    S('Microsoft CSP licensing', 'microsoft-365', 'azure'),
    S('Software asset management'),
    S('License optimisation'),
  ],
  training: [
    S('Certification bootcamps'),
    S('Security awareness training'),
    S('AWS certification courses', 'aws'),
  ],
  advisory: [
    S('IT strategy'),
    S('Vendor selection'),
    S('Virtual CIO services'),
    S('Digital transformation roadmaps'),
  ],
  'marketing-services': [S('Partner marketing campaigns'), S('Lead generation'), S('Co-marketing events')],
  'unified-communications': [
    S('Teams Phone rollouts', 'microsoft-teams'),
    S('Contact centre implementations', 'genesys'),
    S('UCaaS migrations'),
  ],
};

const ROLE_SERVICES: Partial<Record<RoleKey, readonly string[]>> = {
  media: ['Weekly channel podcast', 'Partner news and interviews', 'Sponsored content', 'Webinars'],
  association: ['Member events', 'Benchmark surveys', 'Policy advocacy', 'Peer groups'],
  community: ['Meetups', 'Online sessions', 'Mentoring programme', 'Slack community'],
  ambassador: ['Speaking', 'Partner introductions', 'Product evangelism'],
  vendor: ['Partner program', 'Technical enablement', 'Deal registration'],
  distributor: ['Cloud marketplace', 'Credit and financing', 'Pre-sales engineering'],
  'referral-partner': ['Vendor comparisons', 'Connectivity and telecom sourcing', 'Partner introductions'],
};

/** Two to five services in the organization's own words, from its practices, technologies and role. */
export function drawServices(
  rng: Rng,
  o: { roles: readonly RoleKey[]; practices: readonly string[]; technologies: readonly string[] },
): string[] {
  const tech = new Set(o.technologies);
  const ideas: string[] = [...(ROLE_SERVICES[o.roles[0]!] ?? [])];
  for (const practice of o.practices)
    for (const idea of PRACTICE_SERVICES[practice] ?? [])
      if (!idea.tech || idea.tech.some((t) => tech.has(t))) ideas.push(idea.text);
  const unique = [...new Set(ideas)];
  if (unique.length === 0) return [];
  return rng.sample(unique, rng.int(2, 5));
}
