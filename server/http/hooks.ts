import type { FastifyReply, FastifyRequest } from 'fastify';
import { toRole } from '../../common/permissions.ts';
import type { AppContext } from '../context.ts';
import { tenantScope } from '../db/tenant.ts';
import { AppError } from '../errors.ts';
import { findMembership, selectUserOrganizations } from '../modules/members/index.ts';
import { resolveToken } from '../modules/tokens/index.ts';
import type { Actor, MemberActor } from './actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    member?: MemberActor;
    /** The organization the cookie session has chosen (or a token is bound to). */
    requestedOrgId?: string | null;
  }
  interface FastifyInstance {
    ctx: AppContext;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const tokenErrors = {
  unknown: 'The API token is not valid',
  revoked: 'The API token has been revoked',
  expired: 'The API token has expired',
} as const;

async function resolveActor(req: FastifyRequest, reply: FastifyReply): Promise<Actor> {
  if (req.actor) return req.actor;
  const { db, auth } = req.server.ctx;
  const header = req.headers.authorization;
  if (header !== undefined) {
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new AppError('invalid_token', 'Authorization must be "Bearer <api token>"');
    }
    const resolved = await resolveToken(db, token);
    if ('rejected' in resolved) throw new AppError('invalid_token', tokenErrors[resolved.rejected!]);
    req.requestedOrgId = resolved.orgId;
    req.actor = {
      userId: resolved.userId,
      email: resolved.email,
      emailVerified: resolved.emailVerified,
      name: resolved.name,
      via: 'token',
      tokenId: resolved.tokenId,
      requestId: req.id,
    };
    return req.actor;
  }
  const session = await auth.api.getSession({ headers: new Headers(req.headers as Record<string, string>) });
  if (!session) throw new AppError('unauthenticated', 'Sign in or send an API token');
  if (!SAFE_METHODS.has(req.method))
    await new Promise<void>((resolve, reject) => {
      req.server.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve()));
    });
  req.requestedOrgId = session.session.activeOrganizationId ?? null;
  req.actor = {
    userId: session.user.id,
    email: session.user.email,
    emailVerified: session.user.emailVerified,
    name: session.user.name,
    via: 'session',
    requestId: req.id,
  };
  return req.actor;
}

/** preHandler: a signed-in user (session or token) is required. */
export async function requireUser(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  await resolveActor(req, reply);
}

/**
 * preHandler: a signed-in member of an organization is required. A token acts in its own
 * organization; a session in its active one, else the user's first.
 */
export async function requireMember(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const actor = await resolveActor(req, reply);
  const { db } = req.server.ctx;
  let orgId = req.requestedOrgId ?? null;
  let membership = orgId ? await findMembership(db, orgId, actor.userId) : undefined;
  if (!membership && actor.via === 'session') {
    const [first] = await selectUserOrganizations(db, actor.userId);
    if (first) {
      orgId = first.id;
      membership = { id: first.memberId, role: first.role, orgName: first.name };
    }
  }
  if (!membership || !orgId) {
    throw actor.via === 'token'
      ? new AppError('invalid_token', "The API token's user is no longer a member of its organization")
      : new AppError(
          'forbidden',
          'You are not a member of any organization yet; create one or accept an invitation',
        );
  }
  req.member = {
    ...actor,
    scope: tenantScope(orgId),
    orgId,
    orgName: membership.orgName,
    memberId: membership.id,
    role: toRole(membership.role),
  };
}

/** The member resolved by {@link requireMember}. */
export function memberOf(req: FastifyRequest): MemberActor {
  if (!req.member) throw new AppError('unauthenticated', 'Sign in or send an API token');
  return req.member;
}

/** The user resolved by {@link requireUser}. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'Sign in or send an API token');
  return req.actor;
}
