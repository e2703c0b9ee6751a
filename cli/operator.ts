import { isRole, ROLES, type Role } from '../common/permissions.ts';
import type { AppContext } from '../server/context.ts';
import { newId } from '../server/db/ids.ts';
import { tenantScope } from '../server/db/tenant.ts';
import { createOrganizationForUser } from '../server/flows/create-organization.ts';
import type { Actor, MemberActor } from '../server/http/actor.ts';
import { findMembership, insertMember } from '../server/modules/members/index.ts';
import { selectOrganizationByHandle } from '../server/modules/organizations/index.ts';
import { createToken } from '../server/modules/tokens/index.ts';

/** A command-line mistake: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

async function findUser(ctx: AppContext, email: string) {
  const internal = await ctx.auth.$context;
  const found = await internal.internalAdapter.findUserByEmail(email.toLowerCase());
  return found?.user;
}

const operatorActor = (user: { id: string; email: string; name: string }): Actor => ({
  userId: user.id,
  email: user.email,
  name: user.name,
  via: 'session',
  requestId: newId(),
});

/**
 * `users create`: creates the user (or reuses an existing one) and adds them to the organization
 * with the role. A new organization is created with the user as its owner.
 */
export async function createUser(
  ctx: AppContext,
  opts: { email: string; password: string; org: string; role: string; name?: string },
) {
  if (!isRole(opts.role)) throw new UsageError(`Unknown role "${opts.role}"; one of ${ROLES.join(', ')}`);
  let user = await findUser(ctx, opts.email);
  if (!user) {
    if (opts.password.length < 10) throw new UsageError('The password needs at least 10 characters');
    const created = await ctx.auth.api.signUpEmail({
      body: { email: opts.email, password: opts.password, name: opts.name ?? opts.email.split('@')[0]! },
    });
    user = created.user as typeof user & {};
  }
  const org = await selectOrganizationByHandle(ctx.db, opts.org);
  if (!org) {
    const { organization } = await createOrganizationForUser(ctx.db, operatorActor(user!), opts.org);
    return { user: user!, organization, role: 'owner' as Role, createdOrganization: true };
  }
  if (await findMembership(ctx.db, org.id, user!.id)) {
    throw new UsageError(`${opts.email} is already a member of ${org.name}`);
  }
  await insertMember(ctx.db, tenantScope(org.id), user!.id, opts.role);
  return { user: user!, organization: org, role: opts.role, createdOrganization: false };
}

/** `tokens create`: an API token for a member of an organization. */
export async function createTokenFor(
  ctx: AppContext,
  opts: { user: string; org: string; name: string; expiresInDays: number | null },
) {
  const user = await findUser(ctx, opts.user);
  if (!user) throw new UsageError(`No user with email ${opts.user}`);
  const org = await selectOrganizationByHandle(ctx.db, opts.org);
  if (!org) throw new UsageError(`No organization "${opts.org}" (give its slug or name)`);
  const membership = await findMembership(ctx.db, org.id, user.id);
  if (!membership || !isRole(membership.role))
    throw new UsageError(`${opts.user} is not a member of ${org.name}`);
  const actor: MemberActor = {
    ...operatorActor(user),
    scope: tenantScope(org.id),
    orgId: org.id,
    memberId: membership.id,
    role: membership.role,
  };
  return createToken(ctx.db, actor, { name: opts.name, expiresInDays: opts.expiresInDays });
}
