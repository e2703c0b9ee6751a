import { createHash, randomBytes } from 'node:crypto';
import { can } from '../../../common/permissions.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { forbidden, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { findMembership } from '../members/index.ts';
import * as repo from './tokens.repo.ts';

const TOKEN_PREFIX = 'myc_';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a token for the actor (or, for admins, another member); the secret is returned only here. */
export async function createToken(
  db: Db,
  actor: MemberActor,
  input: { name: string; expiresInDays: number | null; userId?: string },
) {
  const userId = input.userId ?? actor.userId;
  if (userId !== actor.userId && !can(actor.role, 'tokens.manage_all')) {
    throw forbidden('Only owners and admins can create tokens for other members');
  }
  authorize(actor, 'tokens.create_own');
  return db.transaction(async (tx) => {
    if (userId !== actor.userId && !(await findMembership(tx, actor.orgId, userId))) {
      throw invalidInput('That user is not a member of this organization', 'body.userId');
    }
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const id = newId();
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
    await repo.insertToken(tx, actor.scope, {
      id,
      userId,
      name: input.name,
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      tokenHash: hashToken(token),
      createdByUserId: actor.userId,
      expiresAt,
    });
    await recordAudit(tx, actor, {
      action: 'token.created',
      targetType: 'api_token',
      targetId: id,
      data: { name: input.name, userId },
    });
    const row = await repo.selectToken(tx, actor.scope, id);
    return { ...row!, token };
  });
}

/** Lists the actor's own tokens, or everyone's for admins asking for all. */
export async function listTokens(
  db: Db,
  actor: MemberActor,
  opts: { limit: number; cursor?: string; all: boolean },
) {
  if (opts.all) authorize(actor, 'tokens.manage_all');
  const rows = await repo.selectTokens(db, actor.scope, {
    limit: opts.limit + 1,
    cursor: opts.cursor,
    userId: opts.all ? undefined : actor.userId,
  });
  return toPage(rows, opts.limit);
}

/** Revokes a token: one's own, or any of the organization's for admins. Other tenants' tokens are 404. */
export async function revokeToken(db: Db, actor: MemberActor, id: string) {
  await db.transaction(async (tx) => {
    const row = await repo.selectToken(tx, actor.scope, id);
    if (!row || (row.userId !== actor.userId && !can(actor.role, 'tokens.manage_all')))
      throw notFound('Token');
    if (await repo.revokeTokenRow(tx, actor.scope, id)) {
      await recordAudit(tx, actor, {
        action: 'token.revoked',
        targetType: 'api_token',
        targetId: id,
        data: { name: row.name },
      });
    }
  });
}

/** Why a bearer token was refused. */
export type TokenRejection = 'unknown' | 'revoked' | 'expired';

/** Resolves a bearer token to its user and organization, or says why it is refused. */
export async function resolveToken(db: Db, token: string) {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return { rejected: 'unknown' as TokenRejection };
  const row = await repo.selectTokenByHash(db, hashToken(token));
  if (!row) return { rejected: 'unknown' as TokenRejection };
  if (row.token.revokedAt) return { rejected: 'revoked' as TokenRejection };
  if (row.token.expiresAt && row.token.expiresAt <= new Date())
    return { rejected: 'expired' as TokenRejection };
  await repo.touchToken(db, row.token.id);
  return {
    tokenId: row.token.id,
    userId: row.token.userId,
    orgId: row.token.organizationId,
    email: row.email,
    emailVerified: row.emailVerified,
    name: row.name,
  };
}
