import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiToken, user } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';

/** A stored token (hash, never the secret). */
export type TokenRow = typeof apiToken.$inferSelect;

const listColumns = {
  id: apiToken.id,
  userId: apiToken.userId,
  name: apiToken.name,
  prefix: apiToken.prefix,
  createdAt: apiToken.createdAt,
  expiresAt: apiToken.expiresAt,
  lastUsedAt: apiToken.lastUsedAt,
  revokedAt: apiToken.revokedAt,
  userName: user.name,
  userEmail: user.email,
};

/** Stores a new token. */
export async function insertToken(
  db: Db,
  scope: TenantScope,
  row: Omit<TokenRow, 'organizationId' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>,
) {
  await db.insert(apiToken).values({ ...row, organizationId: scope.orgId });
}

/** Tokens newest first, all of the organization's or one user's. */
export async function selectTokens(
  db: Db,
  scope: TenantScope,
  opts: { limit: number; cursor?: string; userId?: string },
) {
  return db
    .select(listColumns)
    .from(apiToken)
    .innerJoin(user, eq(user.id, apiToken.userId))
    .where(
      inTenant(
        apiToken,
        scope,
        opts.cursor ? lt(apiToken.id, opts.cursor) : undefined,
        opts.userId ? eq(apiToken.userId, opts.userId) : undefined,
      ),
    )
    .orderBy(desc(apiToken.id))
    .limit(opts.limit);
}

/** One token of the organization. */
export async function selectToken(db: Db, scope: TenantScope, id: string) {
  const [row] = await db
    .select(listColumns)
    .from(apiToken)
    .innerJoin(user, eq(user.id, apiToken.userId))
    .where(inTenant(apiToken, scope, eq(apiToken.id, id)));
  return row;
}

/** Marks a token revoked (kept for the record); false when it was already revoked. */
export async function revokeTokenRow(db: Db, scope: TenantScope, id: string): Promise<boolean> {
  const rows = await db
    .update(apiToken)
    .set({ revokedAt: new Date() })
    .where(inTenant(apiToken, scope, eq(apiToken.id, id), isNull(apiToken.revokedAt)))
    .returning({ id: apiToken.id });
  return rows.length > 0;
}

/** Looks a token up by its hash (before any tenant is known: the token decides the tenant). */
export async function selectTokenByHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ token: apiToken, email: user.email, name: user.name, emailVerified: user.emailVerified })
    .from(apiToken)
    .innerJoin(user, eq(user.id, apiToken.userId))
    .where(eq(apiToken.tokenHash, tokenHash));
  return row;
}

/** Records use, at most once a minute per token so reads do not turn into a write each. */
export async function touchToken(db: Db, id: string) {
  await db
    .update(apiToken)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiToken.id, id),
        sql`(${apiToken.lastUsedAt} IS NULL OR ${apiToken.lastUsedAt} < now() - interval '1 minute')`,
      ),
    );
}
