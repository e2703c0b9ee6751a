import type { Role } from '../../common/permissions.ts';
import type { AppContext } from '../context.ts';
import { newId } from '../db/ids.ts';
import { tenantScope } from '../db/tenant.ts';
import { createOrganizationForUser } from '../flows/create-organization.ts';
import type { Actor, MemberActor } from '../http/actor.ts';
import { insertMember, setManager } from '../modules/members/index.ts';
import { selectOrganizationByHandle } from '../modules/organizations/index.ts';

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
  people: PersonSeed[];
}

/** The demo ecosystem: a vendor with a partner team, and partners of several kinds. */
export const DEMO_ORGS: OrgSeed[] = [
  {
    name: 'Contoso Cloud',
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
    people: [
      { name: 'Nora Berg', email: 'nora@northwind.example', role: 'owner' },
      { name: 'Jonas Lind', email: 'jonas@northwind.example', role: 'alliance_manager' },
    ],
  },
  {
    name: 'Fabrikam Integrators',
    people: [
      { name: 'Felix Braun', email: 'felix@fabrikam.example', role: 'owner' },
      { name: 'Lena Vogel', email: 'lena@fabrikam.example', role: 'sales' },
    ],
  },
  {
    name: 'Tailspin Referrals',
    people: [{ name: 'Tariq Haddad', email: 'tariq@tailspin.example', role: 'owner' }],
  },
  {
    name: 'Litware Security',
    people: [
      { name: 'Lucia Romero', email: 'lucia@litware.example', role: 'owner' },
      { name: 'Mateo Ruiz', email: 'mateo@litware.example', role: 'member' },
    ],
  },
  {
    name: 'Women in Channel Nordics',
    people: [{ name: 'Wilma Strand', email: 'wilma@wic-nordics.example', role: 'owner' }],
  },
];

/** The demo logins printed at start. */
export const DEMO_LOGINS = [
  { email: 'cpo@contoso.example', what: 'CPO at Contoso Cloud (vendor)' },
  { email: 'owner@contoso.example', what: 'owner of Contoso Cloud' },
  { email: 'anders@contoso.example', what: 'alliance manager at Contoso Cloud' },
  { email: 'nora@northwind.example', what: 'owner of Northwind MSP (partner)' },
];

/** Loads the demo ecosystem; does nothing when it is already there. Returns whether it seeded. */
export async function seedDemo(ctx: AppContext): Promise<boolean> {
  if (await selectOrganizationByHandle(ctx.db, 'contoso-cloud')) return false;
  for (const org of DEMO_ORGS) await seedOrganization(ctx, org);
  return true;
}

async function seedOrganization(ctx: AppContext, seed: OrgSeed) {
  const requestId = newId();
  const users = new Map<string, Actor>();
  for (const person of seed.people) {
    const { user } = await ctx.auth.api.signUpEmail({
      body: { name: person.name, email: person.email, password: DEMO_PASSWORD },
    });
    users.set(person.email, {
      userId: user.id,
      email: user.email,
      name: user.name,
      via: 'session',
      requestId,
    });
  }
  const [ownerSeed, ...others] = seed.people;
  const owner = users.get(ownerSeed!.email)!;
  const { organization, memberId } = await createOrganizationForUser(ctx.db, owner, seed.name);
  const scope = tenantScope(organization.id);
  const ownerActor: MemberActor = { ...owner, scope, orgId: organization.id, memberId, role: 'owner' };
  const memberIds = new Map([[ownerSeed!.email, memberId]]);
  for (const person of others) {
    const row = await insertMember(ctx.db, scope, users.get(person.email)!.userId, person.role);
    memberIds.set(person.email, row!.id);
  }
  for (const person of seed.people) {
    if (person.reportsTo) {
      await setManager(ctx.db, ownerActor, memberIds.get(person.email)!, memberIds.get(person.reportsTo)!);
    }
  }
}
