import { isRole, ROLES, type Role } from '../common/permissions.ts';
import { FACETS, type Facet } from '../common/taxonomy/index.ts';
import type { AppContext } from '../server/context.ts';
import { newId } from '../server/db/ids.ts';
import { tenantScope } from '../server/db/tenant.ts';
import { AppError } from '../server/errors.ts';
import { createOrganizationForUser } from '../server/flows/create-organization.ts';
import type { Actor, MemberActor } from '../server/http/actor.ts';
import { searchDirectory, searchQuery } from '../server/modules/directory/index.ts';
import { createEcosystemBody, createNetworkEcosystem } from '../server/modules/ecosystems/index.ts';
import { findMembership, insertMember } from '../server/modules/members/index.ts';
import { selectOrganizationByHandle } from '../server/modules/organizations/index.ts';
import { createToken } from '../server/modules/tokens/index.ts';
import { GENERATED_TABLES, type LoadResult, loadGenerated } from '../server/seed/bulk-load.ts';

/** A command-line mistake: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

async function findUser(ctx: AppContext, email: string) {
  const internal = await ctx.auth.$context;
  const found = await internal.internalAdapter.findUserByEmail(email.toLowerCase());
  return found?.user;
}

const operatorActor = (user: { id: string; email: string; name: string; emailVerified: boolean }): Actor => ({
  userId: user.id,
  email: user.email,
  emailVerified: user.emailVerified,
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
    orgName: org.name,
    memberId: membership.id,
    role: membership.role,
  };
  return createToken(ctx.db, actor, { name: opts.name, expiresInDays: opts.expiresInDays });
}

const count = (n: number) => n.toLocaleString('en');

/**
 * `db seed --orgs`: generates `orgs` organizations (with activity, ecosystems and memberships) from
 * the seed and bulk-loads them, printing progress about every tenth of the way and the timings.
 */
export async function seedGeneratedOrgs(
  ctx: AppContext,
  opts: { orgs: number; seed: number },
  print: (line: string) => void,
): Promise<LoadResult> {
  if (!Number.isInteger(opts.orgs) || opts.orgs < 1 || opts.orgs > 5_000_000)
    throw new UsageError('--orgs takes a whole number of organizations, 1–5,000,000');
  const step = Math.max(1, Math.ceil(opts.orgs / 10));
  let next = step;
  const result = await loadGenerated(ctx.database, {
    orgs: opts.orgs,
    seed: opts.seed,
    now: new Date(),
    onProgress: (p) => {
      if (p.organizations < next && p.organizations < p.total) return;
      next = p.organizations + step;
      const percent = Math.floor((p.organizations / p.total) * 100);
      print(
        `  ${count(p.organizations)} of ${count(p.total)} organizations (${percent}%), ${(p.elapsedMs / 1000).toFixed(1)} s`,
      );
    },
  });
  print(
    `Loaded ${count(result.rows.organization)} organizations (seed ${opts.seed}) in ${result.seconds.toFixed(1)} s:`,
  );
  for (const table of GENERATED_TABLES) {
    const rows = result.rows[table];
    const seconds = result.tableSeconds[table];
    const rate = seconds > 0 ? `${count(Math.round(rows / seconds))} rows/s` : '';
    print(
      `  ${table.padEnd(22)} ${count(rows).padStart(11)} rows ${seconds.toFixed(1).padStart(7)} s  ${rate}`,
    );
  }
  return result;
}

/** Options of `mycelium ecosystems create`, as typed on the command line. */
export interface NetworkEcosystemOptions {
  name: string;
  description?: string;
  filter?: string;
  visibility: string;
  joinPolicy: string;
  hub?: string;
  parent?: string;
  windowDays: string;
}

/** Parses `country=SE,NO;role=msp` into a facet filter. */
export function parseFilter(text: string): Record<string, string[]> {
  const filter: Record<string, string[]> = {};
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [facet, keys] = part.split('=');
    if (!facet || !keys) throw new UsageError(`--filter takes facet=key,key;facet=key (got "${part}")`);
    filter[facet.trim()] = keys
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
  }
  return filter;
}

/** Creates a network-wide ecosystem (owned by no organization). */
export async function createEcosystemFromCli(ctx: AppContext, opts: NetworkEcosystemOptions) {
  let hubOrganizationId: string | null = null;
  if (opts.hub) {
    const hub = await selectOrganizationByHandle(ctx.db, opts.hub);
    if (!hub) throw new UsageError(`No organization "${opts.hub}"`);
    hubOrganizationId = hub.id;
  }
  const parsed = createEcosystemBody.safeParse({
    name: opts.name,
    description: opts.description ?? '',
    filter: opts.filter ? parseFilter(opts.filter) : null,
    visibility: opts.visibility,
    joinPolicy: opts.joinPolicy,
    hubOrganizationId,
    parentId: opts.parent ?? null,
    activityWindowDays: Number(opts.windowDays),
  });
  if (!parsed.success) {
    throw new UsageError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
    );
  }
  try {
    return await createNetworkEcosystem(ctx.db, parsed.data);
  } catch (err) {
    if (err instanceof AppError) throw new UsageError(err.message);
    throw err;
  }
}

/** Options of `mycelium directory search`: one comma-separated list per facet. */
export type DirectorySearchOptions = Partial<Record<Facet, string>> & { limit: string };

/** Finds listed organizations the way the directory page does (operator view: no organization). */
export async function searchDirectoryFromCli(ctx: AppContext, words: string[], opts: DirectorySearchOptions) {
  const parsed = searchQuery.safeParse({
    ...Object.fromEntries(FACETS.filter((f) => opts[f]).map((f) => [f, opts[f]])),
    ...(words.length ? { q: words.join(' ') } : {}),
    limit: opts.limit,
  });
  if (!parsed.success) {
    throw new UsageError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
    );
  }
  try {
    // No organization is the viewer, so only listed profiles are found.
    return await searchDirectory(ctx.db, '', parsed.data);
  } catch (err) {
    if (err instanceof AppError) throw new UsageError(err.message);
    throw err;
  }
}
