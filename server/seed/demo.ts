import { sql } from 'drizzle-orm';
import type { Role } from '../../common/permissions.ts';
import type { AppContext } from '../context.ts';
import { rowsOf } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { ecosystemMember } from '../db/schema/index.ts';
import { tenantScope } from '../db/tenant.ts';
import { createOrganizationForUser } from '../flows/create-organization.ts';
import type { Actor, MemberActor } from '../http/actor.ts';
import { type ActivityEvent, recordActivity } from '../modules/activity/index.ts';
import type { ProfileFields } from '../modules/directory/index.ts';
import { createEcosystem, createEcosystemBody } from '../modules/ecosystems/index.ts';
import { insertMember, setManager } from '../modules/members/index.ts';
import { selectOrganizationByHandle } from '../modules/organizations/index.ts';
import { type LoadProgress, loadGenerated } from './bulk-load.ts';
import { seedDemoAccounts } from './demo-accounts.ts';
import { seedDemoDeals } from './demo-deals.ts';
import { seedDemoInsights } from './demo-insights.ts';
import { demoProgramsStory } from './demo-programs.ts';

/** The password of every demo login. */
export const DEMO_PASSWORD = 'mycelium-demo';

interface PersonSeed {
  name: string;
  email: string;
  role: Role;
  reportsTo?: string;
}

interface OrgSeed {
  name: string;
  profile: Partial<ProfileFields>;
  people: PersonSeed[];
}

/** The demo ecosystem: a vendor with a partner team, and partners of several kinds. */
export const DEMO_ORGS: OrgSeed[] = [
  {
    name: 'Contoso Cloud',
    profile: {
      domain: 'contoso.com',
      description:
        'Contoso Cloud builds cloud security and compliance software for mid-sized businesses, sold only through partners: resellers, MSPs and systems integrators across Europe and North America.',
      hqCountry: 'US',
      countries: [
        'US',
        'CA',
        'GB',
        'IE',
        'DE',
        'AT',
        'CH',
        'FR',
        'NL',
        'SE',
        'NO',
        'DK',
        'FI',
        'ES',
        'PT',
        'IT',
      ],
      languages: ['en', 'de', 'fr', 'sv', 'es'],
      sizeBand: '1001-5000',
      foundedYear: 2009,
      roles: ['vendor'],
      industries: ['51', '52', '54', '62'],
      technologies: ['azure', 'aws', 'microsoft-security', 'okta', 'microsoft-365'],
      practices: ['security-operations', 'identity-access', 'compliance'],
      certifications: ['iso-27001', 'soc-2-type-2'],
      services: ['Partner program', 'Deal registration', 'Technical enablement', 'Marketplace listings'],
    },
    people: [
      { name: 'Olivia Owner', email: 'owner@contoso.example', role: 'owner' },
      { name: 'Camille Laurent', email: 'cpo@contoso.example', role: 'cpo' },
      {
        name: 'Anders Nilsson',
        email: 'anders@contoso.example',
        role: 'alliance_manager',
        reportsTo: 'cpo@contoso.example',
      },
      {
        name: 'Priya Raman',
        email: 'priya@contoso.example',
        role: 'alliance_manager',
        reportsTo: 'cpo@contoso.example',
      },
      {
        name: 'Sam Sales',
        email: 'sales@contoso.example',
        role: 'sales',
        reportsTo: 'anders@contoso.example',
      },
      { name: 'Fiona Finance', email: 'finance@contoso.example', role: 'finance' },
    ],
  },
  {
    name: 'Northwind MSP',
    profile: {
      domain: 'northwindmsp.se',
      description:
        'Northwind MSP is a Nordic managed service provider based in Stockholm, serving customers across Sweden, Norway, Denmark and Finland. We run a 24/7 SOC and modern workplace projects on Microsoft 365 for healthcare, the public sector and manufacturers.',
      hqCountry: 'SE',
      countries: ['SE', 'NO', 'DK', 'FI'],
      languages: ['sv', 'no', 'da', 'fi', 'en'],
      sizeBand: '51-200',
      foundedYear: 2004,
      roles: ['msp', 'reseller'],
      industries: ['62', '92', '31-33'],
      technologies: [
        'microsoft-365',
        'microsoft-security',
        'microsoft-intune',
        'microsoft-teams',
        'azure',
        'sentinelone',
        'veeam',
      ],
      practices: ['managed-services', 'security-operations', 'modern-work', 'identity-access', 'backup-dr'],
      certifications: [
        'microsoft-solutions-partner-security',
        'microsoft-solutions-partner-modern-work',
        'iso-27001',
      ],
      services: [
        '24/7 SOC',
        'Managed detection and response (MDR)',
        'Microsoft 365 migrations',
        'Intune device management',
        'NIS2 readiness assessments',
      ],
    },
    people: [
      { name: 'Nora Berg', email: 'nora@northwind.example', role: 'owner' },
      { name: 'Jonas Lind', email: 'jonas@northwind.example', role: 'alliance_manager' },
    ],
  },
  {
    name: 'Fabrikam Integrators',
    profile: {
      domain: 'fabrikam-integrators.de',
      description:
        'Fabrikam Integrators is a German systems integrator from München helping manufacturers and logistics companies across the DACH region move SAP and line-of-business applications to Azure and AWS.',
      hqCountry: 'DE',
      countries: ['DE', 'AT', 'CH'],
      languages: ['de', 'en'],
      sizeBand: '201-500',
      foundedYear: 1998,
      roles: ['systems-integrator', 'reseller'],
      industries: ['31-33', '48-49', '52'],
      technologies: ['azure', 'aws', 'sap', 'dynamics-365', 'power-platform', 'kubernetes', 'terraform'],
      practices: ['cloud-migration', 'erp-implementation', 'app-modernization', 'devops'],
      certifications: [
        'microsoft-solutions-partner-infrastructure',
        'aws-advanced-tier',
        'sap-gold-partner',
        'iso-9001',
      ],
      services: [
        'SAP S/4HANA migrations',
        'Azure landing zones',
        'Dynamics 365 Business Central rollouts',
        'Kubernetes platform engineering',
      ],
    },
    people: [
      { name: 'Felix Braun', email: 'felix@fabrikam.example', role: 'owner' },
      { name: 'Lena Vogel', email: 'lena@fabrikam.example', role: 'sales' },
    ],
  },
  {
    name: 'Tailspin Referrals',
    profile: {
      domain: 'tailspinreferrals.co.uk',
      description:
        'Tailspin Referrals is a UK referral partner in Manchester: we match businesses in the UK and Ireland with the right cloud, security and communications vendors and partners.',
      hqCountry: 'GB',
      countries: ['GB', 'IE'],
      languages: ['en'],
      sizeBand: '1-10',
      foundedYear: 2019,
      roles: ['referral-partner'],
      industries: ['54', '62'],
      technologies: ['microsoft-365', 'zoom', 'ringcentral', 'crowdstrike'],
      practices: ['advisory', 'unified-communications'],
      certifications: ['cyber-essentials-plus'],
      services: ['Vendor comparisons', 'Connectivity and telecom sourcing', 'Partner introductions'],
    },
    people: [{ name: 'Tariq Haddad', email: 'tariq@tailspin.example', role: 'owner' }],
  },
  {
    name: 'Litware Security',
    profile: {
      domain: 'litwaresecurity.es',
      description:
        'Litware Security is a security reseller in Madrid serving banks, insurers and the public sector in Spain and Portugal: firewalls, endpoint protection and identity, with certified Fortinet and Palo Alto Networks engineers.',
      hqCountry: 'ES',
      countries: ['ES', 'PT'],
      languages: ['es', 'pt', 'en'],
      sizeBand: '11-50',
      foundedYear: 2012,
      roles: ['reseller'],
      industries: ['52', '92', '62'],
      technologies: ['fortinet', 'palo-alto-networks', 'crowdstrike', 'microsoft-security', 'okta'],
      practices: ['security-operations', 'networking', 'identity-access', 'compliance', 'licensing'],
      certifications: ['fortinet-expert-partner', 'iso-27001'],
      services: [
        'Firewall management',
        'Penetration testing',
        'ENS (Esquema Nacional de Seguridad) compliance',
        'Okta implementations',
      ],
    },
    people: [
      { name: 'Lucia Romero', email: 'lucia@litware.example', role: 'owner' },
      { name: 'Mateo Ruiz', email: 'mateo@litware.example', role: 'member' },
    ],
  },
  {
    name: 'Women in Channel Nordics',
    profile: {
      domain: 'womeninchannelnordics.org',
      description:
        'Women in Channel Nordics is a community for women working in the IT channel in Sweden, Norway, Denmark, Finland and Iceland: mentoring, meetups and leadership breakfasts.',
      hqCountry: 'SE',
      countries: ['SE', 'NO', 'DK', 'FI', 'IS'],
      languages: ['sv', 'no', 'da', 'fi', 'en'],
      sizeBand: '1-10',
      foundedYear: 2018,
      roles: ['community'],
      industries: ['54'],
      practices: ['training'],
      services: ['Mentoring programme', 'Meetups', 'Leadership breakfasts'],
    },
    people: [{ name: 'Wilma Strand', email: 'wilma@wic-nordics.example', role: 'owner' }],
  },
];

/** The demo logins printed at start. */
export const DEMO_LOGINS = [
  { email: 'cpo@contoso.example', what: 'CPO at Contoso Cloud (vendor)' },
  { email: 'owner@contoso.example', what: 'owner of Contoso Cloud' },
  { email: 'anders@contoso.example', what: 'alliance manager at Contoso Cloud' },
  { email: 'finance@contoso.example', what: 'finance at Contoso Cloud (payouts)' },
  { email: 'nora@northwind.example', what: 'owner of Northwind MSP (partner)' },
];

/** The generated directory around the named organizations: same seed, same organizations. */
export const DEMO_GENERATED = { orgs: 2000, seed: 42 } as const;

/**
 * Loads the demo ecosystem: the named organizations with their people and profiles, a little
 * history, Contoso's partner program and the Women in Channel Nordics community, then 2,000
 * generated organizations with their own ecosystems around them, and last the partnerships and
 * half a year of deals between the named organizations (demo-deals.ts), with Contoso's channel
 * programs, commissions, payouts, MDF and P2P fees woven in (demo-programs.ts, demo-money.ts), and
 * the account lists with their sharing, so the overlap matrix has something to show (demo-accounts.ts).
 * Does nothing when the demo is already there. Returns whether it seeded.
 */
export async function seedDemo(
  ctx: AppContext,
  options: { onProgress?: (progress: LoadProgress) => void } = {},
): Promise<boolean> {
  if (await selectOrganizationByHandle(ctx.db, 'contoso-cloud')) return false;
  const now = new Date();
  const orgs = new Map<string, SeededOrg>();
  for (const org of DEMO_ORGS) orgs.set(org.name, await seedOrganization(ctx, org));
  const org = (name: string) => orgs.get(name)!;
  await recordActivity(ctx.db, ...demoHistory(orgs, now));

  // The named ecosystems go in first, so the generated ones pick other slugs.
  const program = await createDemoEcosystem(ctx, org('Contoso Cloud'), {
    name: 'Contoso Cloud Partner Program',
    description:
      'The channel program of Contoso Cloud: resellers, MSPs, integrators and referral partners selling and servicing its cloud security software. Apply to join; the Contoso partner team approves.',
    visibility: 'public',
    joinPolicy: 'approval',
  });
  const community = await createDemoEcosystem(ctx, org('Women in Channel Nordics'), {
    name: 'Women in Channel Nordics',
    description:
      'Women working in the IT channel in the Nordics: mentoring, meetups and leadership breakfasts. Ask to join; the organizers approve.',
    visibility: 'public',
    joinPolicy: 'approval',
  });
  const members = (ecosystemId: string, names: string[], joinedDaysAgo: number) =>
    names.map((name, i) => ({
      ecosystemId,
      organizationId: org(name).id,
      status: 'member' as const,
      createdAt: daysAgo(now, joinedDaysAgo - i * 9),
      joinedAt: daysAgo(now, joinedDaysAgo - i * 9),
    }));
  await ctx.db.insert(ecosystemMember).values([
    ...members(
      program,
      ['Northwind MSP', 'Fabrikam Integrators', 'Tailspin Referrals', 'Litware Security'],
      300,
    ),
    ...members(community, ['Northwind MSP'], 200),
    {
      ecosystemId: community,
      organizationId: org('Litware Security').id,
      status: 'requested',
      message: 'Our Madrid team would love to join the Nordic meetups when we visit.',
      createdAt: daysAgo(now, 3),
    },
  ]);
  await recordActivity(
    ctx.db,
    ...['Northwind MSP', 'Fabrikam Integrators', 'Tailspin Referrals', 'Litware Security'].map(
      (name, i): ActivityEvent => ({
        organizationId: org(name).id,
        kind: 'ecosystem.joined',
        source: 'ecosystems',
        occurredAt: daysAgo(now, 300 - i * 9),
        data: { ecosystemId: program },
      }),
    ),
  );

  await loadGenerated(ctx.database, { ...DEMO_GENERATED, now, onProgress: options.onProgress });
  await addGeneratedPartners(ctx, program, now);
  const cast = {
    orgs: new Map([...orgs].map(([name, o]) => [name, o.id])),
    people: new Map([...orgs.values()].flatMap((o) => [...o.people])),
  };
  await seedDemoDeals(ctx, cast, now, demoProgramsStory(ctx, cast, now));
  await seedDemoAccounts(ctx, cast, now);
  await seedDemoInsights(ctx, cast, now);
  return true;
}

interface SeededOrg {
  id: string;
  owner: MemberActor;
  /** Every person of the organization as a member acting in it, by e-mail. */
  people: Map<string, MemberActor>;
}

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/** A few months of deals, referrals, events and content for the named organizations. */
function demoHistory(orgs: Map<string, SeededOrg>, now: Date): ActivityEvent[] {
  const event = (
    name: string,
    kind: ActivityEvent['kind'],
    days: number,
    data?: Record<string, unknown>,
  ): ActivityEvent => ({
    organizationId: orgs.get(name)!.id,
    kind,
    source: 'demo',
    occurredAt: daysAgo(now, days),
    ...(data ? { data } : {}),
  });
  const deal = (amount: number, currency: string) => ({ amountMinor: amount * 100, currency });
  return [
    event('Contoso Cloud', 'content.published', 45, { title: 'Partner program guide 2026' }),
    event('Contoso Cloud', 'event.attended', 20, { event: 'Nordic Partner Summit' }),
    event('Northwind MSP', 'certification.earned', 240, {
      certification: 'microsoft-solutions-partner-security',
    }),
    event('Northwind MSP', 'deal.registered', 75, deal(48_000, 'SEK')),
    event('Northwind MSP', 'deal.won', 40, deal(48_000, 'SEK')),
    event('Northwind MSP', 'event.attended', 20, { event: 'Nordic Partner Summit' }),
    event('Northwind MSP', 'deal.registered', 6, deal(120_000, 'NOK')),
    event('Fabrikam Integrators', 'deal.registered', 130, deal(85_000, 'EUR')),
    event('Fabrikam Integrators', 'deal.won', 60, deal(85_000, 'EUR')),
    event('Fabrikam Integrators', 'deal.registered', 12, deal(30_000, 'EUR')),
    event('Tailspin Referrals', 'referral.sent', 150),
    event('Tailspin Referrals', 'referral.sent', 33),
    event('Litware Security', 'certification.earned', 320, { certification: 'fortinet-expert-partner' }),
    event('Litware Security', 'deal.registered', 200, deal(22_000, 'EUR')),
    event('Women in Channel Nordics', 'event.attended', 90, { event: 'Women in Channel breakfast' }),
    event('Women in Channel Nordics', 'content.published', 14, {
      title: 'Mentoring programme: spring cohort',
    }),
  ];
}

/** An ecosystem owned and hosted by a named organization, created by its owner through the module. */
async function createDemoEcosystem(
  ctx: AppContext,
  owner: SeededOrg,
  e: {
    name: string;
    description: string;
    visibility: 'public' | 'members';
    joinPolicy: 'open' | 'approval' | 'invite';
  },
): Promise<string> {
  return (await createEcosystem(ctx.db, owner.owner, createEcosystemBody.parse(e))).id;
}

/**
 * Generated resellers, MSPs and integrators working with Contoso's technologies join its program
 * too, so the vendor's view has a realistic crowd: most members, some requests, a few invitations.
 */
async function addGeneratedPartners(ctx: AppContext, program: string, now: Date) {
  const found = rowsOf<{ organization_id: string; name: string }>(
    await ctx.db.execute(sql`
      SELECT p.organization_id, o.name FROM organization_profile p JOIN organization o ON o.id = p.organization_id
       WHERE p.source = 'generated' AND p.listed
         AND p.roles && ARRAY['reseller','msp','systems-integrator']::text[]
         AND p.technologies && ARRAY['microsoft-security','okta','azure']::text[]
       ORDER BY p.organization_id LIMIT 40`),
  );
  const rows = found.map(({ organization_id: organizationId }, i) => {
    const status = i % 10 === 7 ? 'requested' : i % 10 === 9 ? 'invited' : 'member';
    const at = daysAgo(now, status === 'member' ? 20 + ((i * 37) % 400) : 1 + (i % 20));
    return {
      ecosystemId: program,
      organizationId,
      status,
      message:
        status === 'requested'
          ? 'We sell and support Microsoft security and would like to add Contoso.'
          : null,
      createdAt: at,
      joinedAt: status === 'member' ? at : null,
    };
  });
  if (rows.length > 0) await ctx.db.insert(ecosystemMember).values(rows);
}

async function seedOrganization(ctx: AppContext, seed: OrgSeed): Promise<SeededOrg> {
  const requestId = newId();
  const users = new Map<string, Actor>();
  for (const person of seed.people) {
    const { user } = await ctx.auth.api.signUpEmail({
      body: { name: person.name, email: person.email, password: DEMO_PASSWORD },
    });
    users.set(person.email, {
      userId: user.id,
      email: user.email,
      emailVerified: user.emailVerified,
      name: user.name,
      via: 'session',
      requestId,
    });
  }
  const [ownerSeed, ...others] = seed.people;
  const owner = users.get(ownerSeed!.email)!;
  const { organization, memberId } = await createOrganizationForUser(ctx.db, owner, seed.name, seed.profile);
  const scope = tenantScope(organization.id);
  const ownerActor: MemberActor = {
    ...owner,
    scope,
    orgId: organization.id,
    orgName: organization.name,
    memberId,
    role: 'owner',
  };
  const memberIds = new Map([[ownerSeed!.email, memberId]]);
  const people = new Map([[ownerSeed!.email, ownerActor]]);
  for (const person of others) {
    const row = await insertMember(ctx.db, scope, users.get(person.email)!.userId, person.role);
    memberIds.set(person.email, row!.id);
    people.set(person.email, {
      ...users.get(person.email)!,
      scope,
      orgId: organization.id,
      orgName: organization.name,
      memberId: row!.id,
      role: person.role,
    });
  }
  for (const person of seed.people) {
    if (person.reportsTo) {
      await setManager(ctx.db, ownerActor, memberIds.get(person.email)!, memberIds.get(person.reportsTo)!);
    }
  }
  return { id: organization.id, owner: ownerActor, people };
}
