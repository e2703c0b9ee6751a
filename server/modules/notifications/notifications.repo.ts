import { count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { member, notification, organization, user } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';

/** A stored notification. */
export type NotificationRow = typeof notification.$inferSelect;

/** A member to notify: who, and where their mail goes. */
export interface Recipient {
  userId: string;
  email: string;
  /** The receiving organization's name (for mail footers). */
  organizationName: string;
}

/**
 * Members of the scoped organization among `userIds` (when given) or holding one of `roles`.
 * Reads better-auth's identity tables: membership is what decides who belongs to the tenant.
 */
export async function selectRecipients(
  db: Db,
  scope: TenantScope,
  by: { userIds: readonly string[] } | { roles: readonly string[] },
): Promise<Recipient[]> {
  const filter =
    'userIds' in by ? inArray(member.userId, [...by.userIds]) : inArray(member.role, [...by.roles]);
  return db
    .select({ userId: member.userId, email: user.email, organizationName: organization.name })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(inTenant(member, scope, filter))
    .orderBy(member.userId);
}

/** Stores notifications, all in one statement. */
export async function insertNotifications(
  db: Db,
  scope: TenantScope,
  rows: Omit<NotificationRow, 'organizationId' | 'createdAt' | 'readAt'>[],
) {
  if (rows.length === 0) return;
  await db.insert(notification).values(rows.map((row) => ({ ...row, organizationId: scope.orgId })));
}

/** One user's notifications in the scoped organization, newest first; `unread` filters by state. */
export async function selectNotifications(
  db: Db,
  scope: TenantScope,
  userId: string,
  opts: { limit: number; cursor?: string; unread?: boolean },
) {
  return db
    .select()
    .from(notification)
    .where(
      inTenant(
        notification,
        scope,
        eq(notification.userId, userId),
        opts.cursor ? lt(notification.id, opts.cursor) : undefined,
        opts.unread === undefined
          ? undefined
          : opts.unread
            ? isNull(notification.readAt)
            : sql`${notification.readAt} IS NOT NULL`,
      ),
    )
    .orderBy(desc(notification.id))
    .limit(opts.limit);
}

/** How many of one user's notifications in the scoped organization are unread. */
export async function countUnread(db: Db, scope: TenantScope, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notification)
    .where(inTenant(notification, scope, eq(notification.userId, userId), isNull(notification.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks one of the user's notifications read (keeping the first read time); undefined when not theirs. */
export async function markRead(db: Db, scope: TenantScope, userId: string, id: string) {
  const [row] = await db
    .update(notification)
    .set({ readAt: sql`coalesce(${notification.readAt}, now())` })
    .where(inTenant(notification, scope, eq(notification.id, id), eq(notification.userId, userId)))
    .returning();
  return row;
}

/** Marks all of the user's unread notifications read; returns how many. */
export async function markAllRead(db: Db, scope: TenantScope, userId: string): Promise<number> {
  const rows = await db
    .update(notification)
    .set({ readAt: new Date() })
    .where(inTenant(notification, scope, eq(notification.userId, userId), isNull(notification.readAt)))
    .returning({ id: notification.id });
  return rows.length;
}
