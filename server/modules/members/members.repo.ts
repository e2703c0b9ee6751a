import { and, asc, count, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { containing } from '../../db/like.ts';
import { member, organization, reportingLine, user } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';

const memberColumns = {
  id: member.id,
  userId: member.userId,
  role: member.role,
  createdAt: member.createdAt,
  // Magic-link users may have no name yet; show their address instead of a blank.
  name: sql<string>`coalesce(nullif(${user.name}, ''), ${user.email})`,
  email: user.email,
  managerMemberId: reportingLine.managerMemberId,
};

/** A member with the user's name and email and their manager. */
export type MemberRow = {
  id: string;
  userId: string;
  role: string;
  createdAt: Date;
  name: string;
  email: string;
  managerMemberId: string | null;
};

const memberQuery = (db: Db) =>
  db
    .select(memberColumns)
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .leftJoin(reportingLine, eq(reportingLine.memberId, member.id));

/** A user's membership in an organization (no tenant scope yet: this is how the scope is resolved). */
export async function findMembership(db: Db, orgId: string, userId: string) {
  const [row] = await db
    .select({ id: member.id, role: member.role, orgName: organization.name })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(and(eq(member.organizationId, orgId), eq(member.userId, userId)));
  return row;
}

/** The organizations a user belongs to, oldest membership first. */
export async function selectUserOrganizations(db: Db, userId: string) {
  return db
    .select({
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      role: member.role,
      memberId: member.id,
    })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(eq(member.userId, userId))
    .orderBy(asc(member.createdAt));
}

/** Members ordered by id after the cursor, filtered by role or a name/email search. */
export async function selectMembers(
  db: Db,
  scope: TenantScope,
  opts: { limit: number; cursor?: string; role?: string; q?: string },
): Promise<MemberRow[]> {
  const q = opts.q ? containing(opts.q) : undefined;
  return memberQuery(db)
    .where(
      inTenant(
        member,
        scope,
        opts.cursor ? gt(member.id, opts.cursor) : undefined,
        opts.role ? eq(member.role, opts.role) : undefined,
        q ? or(ilike(user.name, q), ilike(user.email, q)) : undefined,
      ),
    )
    .orderBy(asc(member.id))
    .limit(opts.limit);
}

/** Every member of the organization (for the org chart). */
export async function selectAllMembers(db: Db, scope: TenantScope): Promise<MemberRow[]> {
  return memberQuery(db).where(inTenant(member, scope)).orderBy(asc(member.createdAt));
}

/** One member of the organization. */
export async function selectMember(
  db: Db,
  scope: TenantScope,
  memberId: string,
): Promise<MemberRow | undefined> {
  const [row] = await memberQuery(db).where(inTenant(member, scope, eq(member.id, memberId)));
  return row;
}

/** Adds a user to the organization; returns undefined when they already are a member. */
export async function insertMember(db: Db, scope: TenantScope, userId: string, role: string) {
  const [row] = await db
    .insert(member)
    .values({ id: newId(), organizationId: scope.orgId, userId, role })
    .onConflictDoNothing()
    .returning({ id: member.id });
  return row;
}

/** Changes a member's role. */
export async function updateMemberRole(db: Db, scope: TenantScope, memberId: string, role: string) {
  await db
    .update(member)
    .set({ role })
    .where(inTenant(member, scope, eq(member.id, memberId)));
}

/** Removes a member (their reporting lines go with them). */
export async function deleteMember(db: Db, scope: TenantScope, memberId: string) {
  await db.delete(member).where(inTenant(member, scope, eq(member.id, memberId)));
}

/** Number of owners, locked so two concurrent demotions cannot leave none. */
export async function countOwnersForUpdate(db: Db, scope: TenantScope): Promise<number> {
  const rows = await db
    .select({ id: member.id })
    .from(member)
    .where(inTenant(member, scope, eq(member.role, 'owner')))
    .for('update');
  return rows.length;
}

/** Sets (or replaces) whom a member reports to. */
export async function upsertManager(db: Db, scope: TenantScope, memberId: string, managerMemberId: string) {
  await db
    .insert(reportingLine)
    .values({ organizationId: scope.orgId, memberId, managerMemberId })
    .onConflictDoUpdate({ target: reportingLine.memberId, set: { managerMemberId, createdAt: new Date() } });
}

/** Removes a member's reporting line. */
export async function deleteManager(db: Db, scope: TenantScope, memberId: string) {
  await db.delete(reportingLine).where(inTenant(reportingLine, scope, eq(reportingLine.memberId, memberId)));
}

/** The chain of managers above a member, nearest first (bounded to stop on corrupt cycles). */
export async function selectManagerChain(db: Db, scope: TenantScope, memberId: string): Promise<string[]> {
  const result = await db.execute(sql`
    WITH RECURSIVE chain(member_id, manager_member_id, depth) AS (
      SELECT member_id, manager_member_id, 1 FROM reporting_line
       WHERE organization_id = ${scope.orgId} AND member_id = ${memberId}
      UNION ALL
      SELECT r.member_id, r.manager_member_id, c.depth + 1 FROM reporting_line r
        JOIN chain c ON r.member_id = c.manager_member_id
       WHERE r.organization_id = ${scope.orgId} AND c.depth < 100
    )
    SELECT manager_member_id FROM chain ORDER BY depth`);
  return rowsOf<{ manager_member_id: string }>(result).map((r) => r.manager_member_id);
}

/** Everyone reporting to a member directly or indirectly, with their depth below them. */
export async function selectReportsTree(db: Db, scope: TenantScope, managerMemberId: string) {
  const result = await db.execute(sql`
    WITH RECURSIVE tree(member_id, depth) AS (
      SELECT member_id, 1 FROM reporting_line
       WHERE organization_id = ${scope.orgId} AND manager_member_id = ${managerMemberId}
      UNION ALL
      SELECT r.member_id, t.depth + 1 FROM reporting_line r
        JOIN tree t ON r.manager_member_id = t.member_id
       WHERE r.organization_id = ${scope.orgId} AND t.depth < 100
    )
    SELECT member_id, min(depth)::int AS depth FROM tree GROUP BY member_id`);
  return rowsOf<{ member_id: string; depth: number }>(result).map((r) => ({
    memberId: r.member_id,
    depth: Number(r.depth),
  }));
}

/** Number of members per role. */
export async function countMembersByRole(db: Db, scope: TenantScope) {
  return db
    .select({ role: member.role, count: count() })
    .from(member)
    .where(inTenant(member, scope))
    .groupBy(member.role);
}

/** The member with this email address, if any. */
export async function findMemberByEmail(db: Db, scope: TenantScope, email: string) {
  const [row] = await db
    .select({ id: member.id })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(inTenant(member, scope, eq(sql`lower(${user.email})`, email.toLowerCase())));
  return row;
}

/** Whether an organization has any member (organizations without users can be claimed). */
export async function hasMembers(db: Db, orgId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: member.id })
    .from(member)
    .where(eq(member.organizationId, orgId))
    .limit(1);
  return row !== undefined;
}

/** Which of the organizations have any member (the others are offline: added by others, unclaimed). */
export async function selectOrgsWithMembers(db: Db, orgIds: readonly string[]): Promise<Set<string>> {
  if (orgIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ orgId: member.organizationId })
    .from(member)
    .where(inArray(member.organizationId, [...new Set(orgIds)]));
  return new Set(rows.map((r) => r.orgId));
}
