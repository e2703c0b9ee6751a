import { desc, eq, getTableColumns, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { auditLog, user } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';

/** A stored audit entry. */
export type AuditRow = typeof auditLog.$inferSelect;

/** Appends one entry (the table rejects updates and deletes). */
export async function insertAudit(
  db: Db,
  scope: TenantScope,
  entry: Omit<AuditRow, 'id' | 'organizationId' | 'createdAt'>,
) {
  await db.insert(auditLog).values({ id: newId(), organizationId: scope.orgId, ...entry });
}

/** Newest first, `limit` rows before the cursor id, optionally filtered; with the actor's name and email. */
export async function selectAudit(
  db: Db,
  scope: TenantScope,
  opts: { limit: number; cursor?: string; action?: string; actorUserId?: string },
) {
  return db
    .select({ ...getTableColumns(auditLog), actorName: user.name, actorEmail: user.email })
    .from(auditLog)
    .leftJoin(user, eq(user.id, auditLog.actorUserId))
    .where(
      inTenant(
        auditLog,
        scope,
        opts.cursor ? lt(auditLog.id, opts.cursor) : undefined,
        opts.action ? eq(auditLog.action, opts.action) : undefined,
        opts.actorUserId ? eq(auditLog.actorUserId, opts.actorUserId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(opts.limit);
}
