import { and, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { containing } from '../../db/like.ts';
import { ecosystem, ecosystemMember, organization } from '../../db/schema/index.ts';

/** A stored ecosystem. */
export type EcosystemRow = typeof ecosystem.$inferSelect;
/** An organization's explicit place in an ecosystem. */
export type MembershipStatus = 'member' | 'requested' | 'invited';

/**
 * Condition on directory entry `p`: the organization belongs to the ecosystem — an explicit member, the
 * hub, or (when listed) a match of its facet filter.
 */
export function membersCondition(e: EcosystemRow, filterMatch: SQL | null): SQL {
  const explicit = sql`p.organization_id IN (SELECT organization_id FROM ecosystem_member
    WHERE ecosystem_id = ${e.id} AND status = 'member')`;
  const parts = [explicit];
  if (e.hubOrganizationId) parts.push(sql`p.organization_id = ${e.hubOrganizationId}`);
  if (filterMatch) parts.push(sql`(p.listed AND ${filterMatch})`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** An ecosystem by id or slug. */
export async function selectEcosystem(db: Db, idOrSlug: string) {
  const [row] = await db
    .select()
    .from(ecosystem)
    .where(or(eq(ecosystem.id, idOrSlug), eq(ecosystem.slug, idOrSlug)))
    .limit(1);
  return row;
}

/** Ecosystems by ids. */
export async function selectEcosystemsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(ecosystem)
    .where(inArray(ecosystem.id, [...ids]));
}

/** Direct children of an ecosystem. */
export async function selectChildren(db: Db, parentId: string) {
  return db.select().from(ecosystem).where(eq(ecosystem.parentId, parentId)).orderBy(ecosystem.name);
}

/** Slugs already taken that start with `base`. */
export async function selectSlugsLike(db: Db, base: string) {
  const rows = await db
    .select({ slug: ecosystem.slug })
    .from(ecosystem)
    .where(sql`${ecosystem.slug} LIKE ${`${base}%`}`);
  return rows.map((r) => r.slug);
}

/** Inserts an ecosystem. */
export async function insertEcosystem(db: Db, row: typeof ecosystem.$inferInsert) {
  const [created] = await db.insert(ecosystem).values(row).returning();
  return created!;
}

/** Updates an ecosystem. */
export async function updateEcosystem(db: Db, id: string, patch: Partial<typeof ecosystem.$inferInsert>) {
  const [row] = await db.update(ecosystem).set(patch).where(eq(ecosystem.id, id)).returning();
  return row!;
}

/** The ancestors of an ecosystem, nearest first (bounded against corrupt cycles). */
export async function selectAncestorIds(db: Db, id: string): Promise<string[]> {
  const result = await db.execute(sql`
    WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM ecosystem WHERE id = ${id}
      UNION ALL
      SELECT e.id, e.parent_id, u.depth + 1 FROM ecosystem e JOIN up u ON e.id = u.parent_id WHERE u.depth < 50
    )
    SELECT id FROM up WHERE depth > 0 ORDER BY depth`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/**
 * A page of ecosystems the viewer may see (public, run by it, or where it has an explicit place),
 * by name. `mine` keeps only those it runs or has a place in.
 */
export async function selectVisibleEcosystems(
  db: Db,
  viewerOrgId: string,
  opts: { q?: string; mine: boolean; limit: number; after?: { name: string; id: string } },
) {
  const placed = sql`${ecosystem.id} IN (SELECT ecosystem_id FROM ecosystem_member WHERE organization_id = ${viewerOrgId})`;
  const owned = or(eq(ecosystem.organizationId, viewerOrgId), eq(ecosystem.hubOrganizationId, viewerOrgId))!;
  const visible = opts.mine ? or(owned, placed) : or(eq(ecosystem.visibility, 'public'), owned, placed);
  const words = opts.q
    ? or(ilike(ecosystem.name, containing(opts.q)), ilike(ecosystem.description, containing(opts.q)))
    : undefined;
  const after = opts.after
    ? sql`(${ecosystem.name}, ${ecosystem.id}) > (${opts.after.name}, ${opts.after.id})`
    : undefined;
  return db
    .select()
    .from(ecosystem)
    .where(and(visible, words, after))
    .orderBy(ecosystem.name, ecosystem.id)
    .limit(opts.limit + 1);
}

/** The organization's explicit place in each of the ecosystems. */
export async function selectPlaces(db: Db, orgId: string, ecosystemIds: readonly string[]) {
  if (ecosystemIds.length === 0) return new Map<string, MembershipStatus>();
  const rows = await db
    .select({ ecosystemId: ecosystemMember.ecosystemId, status: ecosystemMember.status })
    .from(ecosystemMember)
    .where(
      and(eq(ecosystemMember.organizationId, orgId), inArray(ecosystemMember.ecosystemId, [...ecosystemIds])),
    );
  return new Map(rows.map((r) => [r.ecosystemId, r.status as MembershipStatus]));
}

/** The organization's explicit place in one ecosystem, locked for the rest of the transaction. */
export async function selectPlaceForUpdate(db: Db, ecosystemId: string, orgId: string) {
  const [row] = await db
    .select()
    .from(ecosystemMember)
    .where(and(eq(ecosystemMember.ecosystemId, ecosystemId), eq(ecosystemMember.organizationId, orgId)))
    .for('update');
  return row;
}

/** Creates or changes an organization's place in an ecosystem. */
export async function upsertPlace(
  db: Db,
  row: { ecosystemId: string; organizationId: string; status: MembershipStatus; message?: string | null },
) {
  const joinedAt = row.status === 'member' ? new Date() : null;
  await db
    .insert(ecosystemMember)
    .values({ ...row, joinedAt })
    .onConflictDoUpdate({
      target: [ecosystemMember.ecosystemId, ecosystemMember.organizationId],
      set: { status: row.status, message: row.message ?? null, joinedAt },
    });
}

/**
 * Makes organizations explicit members (set-based, in slices); an organization that already
 * has a place (member, request, invitation) keeps it. Returns how many were added.
 */
export async function insertMembers(db: Db, ecosystemId: string, orgIds: readonly string[]) {
  const now = new Date();
  let added = 0;
  // In slices, so a large community stays under PostgreSQL's 65,535 parameters per statement.
  for (let i = 0; i < orgIds.length; i += 10_000) {
    const rows = await db
      .insert(ecosystemMember)
      .values(
        orgIds
          .slice(i, i + 10_000)
          .map((organizationId) => ({ ecosystemId, organizationId, status: 'member', joinedAt: now })),
      )
      .onConflictDoNothing()
      .returning({ id: ecosystemMember.organizationId });
    added += rows.length;
  }
  return added;
}

/** Removes an organization's place in an ecosystem; whether there was one. */
export async function deletePlace(db: Db, ecosystemId: string, orgId: string, status?: MembershipStatus) {
  const rows = await db
    .delete(ecosystemMember)
    .where(
      and(
        eq(ecosystemMember.ecosystemId, ecosystemId),
        eq(ecosystemMember.organizationId, orgId),
        status ? eq(ecosystemMember.status, status) : undefined,
      ),
    )
    .returning({ id: ecosystemMember.organizationId });
  return rows.length > 0;
}

/** Pending requests and invitations of an ecosystem, oldest first. */
export async function selectPending(db: Db, ecosystemId: string, limit: number, after?: string) {
  return db
    .select({
      organizationId: ecosystemMember.organizationId,
      status: ecosystemMember.status,
      message: ecosystemMember.message,
      createdAt: ecosystemMember.createdAt,
      name: organization.name,
      slug: organization.slug,
    })
    .from(ecosystemMember)
    .innerJoin(organization, eq(organization.id, ecosystemMember.organizationId))
    .where(
      and(
        eq(ecosystemMember.ecosystemId, ecosystemId),
        inArray(ecosystemMember.status, ['requested', 'invited']),
        after ? sql`${ecosystemMember.organizationId} > ${after}` : undefined,
      ),
    )
    .orderBy(ecosystemMember.organizationId)
    .limit(limit + 1);
}

/** Open join requests of an ecosystem. */
export async function countRequests(db: Db, ecosystemId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ecosystemMember)
    .where(and(eq(ecosystemMember.ecosystemId, ecosystemId), eq(ecosystemMember.status, 'requested')));
  return Number(row?.n ?? 0);
}

/** Members in total and active since a time, for each ecosystem's member condition. */
export async function countMembers(db: Db, members: SQL, activeSince: Date) {
  const result = await db.execute(sql`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE p.last_active_at >= ${activeSince.toISOString()}::timestamptz)::int AS active
      FROM directory_entry p WHERE ${members}`);
  const [row] = rowsOf<{ total: number; active: number }>(result);
  return { total: Number(row?.total ?? 0), active: Number(row?.active ?? 0) };
}

/** Whether the organization satisfies a member condition. */
export async function isMatched(db: Db, orgId: string, members: SQL) {
  const result = await db.execute(
    sql`SELECT 1 AS one FROM directory_entry p WHERE p.organization_id = ${orgId} AND ${members}`,
  );
  return rowsOf(result).length > 0;
}

/** Narrows a member condition to members active (or inactive) since a time. */
export function withActivity(members: SQL, since: Date, active?: boolean): SQL {
  if (active === undefined) return members;
  const recent = sql`p.last_active_at >= ${since.toISOString()}::timestamptz`;
  return active
    ? sql`(${members} AND ${recent})`
    : sql`(${members} AND (p.last_active_at IS NULL OR NOT ${recent}))`;
}

/** The ids of the organizations satisfying a member condition, as a subquery. */
export const memberIds = (members: SQL) =>
  sql`SELECT p.organization_id FROM directory_entry p WHERE ${members}`;
