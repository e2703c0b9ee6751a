import { and, arrayContains, desc, eq, ilike, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { containing } from '../../db/like.ts';
import { organization, partnership, partnershipEvent, user } from '../../db/schema/index.ts';
import type { TenantScope } from '../../db/tenant.ts';

/** A stored partnership. */
export type PartnershipRow = typeof partnership.$inferSelect;

/** States in which a partnership still binds the pair (one per pair at a time). */
export const LIVE_STATUSES = ['proposed', 'active', 'paused'] as const;

// A partnership belongs to both of its organizations: each side reads it through this condition.
const involving = (scope: TenantScope): SQL =>
  or(eq(partnership.organizationId, scope.orgId), eq(partnership.partnerId, scope.orgId))!;

/** One partnership the scoped organization is a side of. */
export async function selectPartnership(db: Db, scope: TenantScope, id: string, forUpdate = false) {
  const query = db
    .select()
    .from(partnership)
    .where(and(eq(partnership.id, id), involving(scope)));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row;
}

/** The live partnership between the scoped organization and another, if any. */
export async function selectLivePartnership(db: Db, scope: TenantScope, otherOrgId: string) {
  const [row] = await db
    .select()
    .from(partnership)
    .where(
      and(
        involving(scope),
        or(eq(partnership.organizationId, otherOrgId), eq(partnership.partnerId, otherOrgId)),
        inArray(partnership.status, [...LIVE_STATUSES]),
      ),
    );
  return row;
}

/** A page of the scoped organization's partnerships, newest first. */
export async function selectPartnerships(
  db: Db,
  scope: TenantScope,
  opts: {
    status?: string;
    type?: string;
    direction?: 'outgoing' | 'incoming';
    partnerId?: string;
    q?: string;
    limit: number;
    before?: string;
  },
) {
  const other = or(
    and(eq(partnership.organizationId, scope.orgId), eq(organization.id, partnership.partnerId)),
    and(eq(partnership.partnerId, scope.orgId), eq(organization.id, partnership.organizationId)),
  );
  const conds: (SQL | undefined)[] = [
    opts.direction === 'outgoing'
      ? eq(partnership.organizationId, scope.orgId)
      : opts.direction === 'incoming'
        ? eq(partnership.partnerId, scope.orgId)
        : involving(scope),
    opts.status ? eq(partnership.status, opts.status) : undefined,
    opts.type ? arrayContains(partnership.types, [opts.type]) : undefined,
    opts.partnerId ? eq(organization.id, opts.partnerId) : undefined,
    opts.q ? ilike(organization.name, containing(opts.q)) : undefined,
    opts.before ? lt(partnership.id, opts.before) : undefined,
  ];
  const rows = await db
    .select({ p: partnership })
    .from(partnership)
    .innerJoin(organization, other)
    .where(and(...conds))
    .orderBy(desc(partnership.id))
    .limit(opts.limit);
  return rows.map((r) => r.p);
}

/** Inserts a partnership (the live-pair unique index refuses a second live one). */
export async function insertPartnership(db: Db, row: typeof partnership.$inferInsert) {
  const [created] = await db.insert(partnership).values(row).returning();
  return created!;
}

/** Updates a partnership the caller has locked. */
export async function updatePartnership(db: Db, id: string, patch: Partial<typeof partnership.$inferInsert>) {
  const [row] = await db.update(partnership).set(patch).where(eq(partnership.id, id)).returning();
  return row!;
}

/** Appends a timeline event. */
export async function insertPartnershipEvent(db: Db, row: typeof partnershipEvent.$inferInsert) {
  await db.insert(partnershipEvent).values(row);
}

/** A partnership's timeline, oldest first. */
export async function selectPartnershipEvents(db: Db, partnershipId: string) {
  return db
    .select({
      id: partnershipEvent.id,
      kind: partnershipEvent.kind,
      organizationId: partnershipEvent.organizationId,
      actorUserId: partnershipEvent.actorUserId,
      data: partnershipEvent.data,
      createdAt: partnershipEvent.createdAt,
    })
    .from(partnershipEvent)
    .where(eq(partnershipEvent.partnershipId, partnershipId))
    .orderBy(partnershipEvent.id);
}

/** Id, name and e-mail of users. */
export async function selectUserRefs(db: Db, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map<string, { id: string; name: string; email: string }>();
  const rows = await db
    .select({ id: user.id, name: user.name, email: user.email })
    .from(user)
    .where(inArray(user.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

/** A partnership by id, for server-side lookups that start from a deal already authorized. */
export async function selectPartnershipById(db: Db, id: string) {
  const [row] = await db.select().from(partnership).where(eq(partnership.id, id));
  return row;
}
