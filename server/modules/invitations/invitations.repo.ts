import { and, desc, eq, gt, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invitation, organization, user } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';

/** A stored invitation. */
export type InvitationRow = typeof invitation.$inferSelect;

const columns = {
  id: invitation.id,
  organizationId: invitation.organizationId,
  organizationName: organization.name,
  email: invitation.email,
  role: invitation.role,
  status: invitation.status,
  expiresAt: invitation.expiresAt,
  createdAt: invitation.createdAt,
  inviterName: sql<string>`coalesce(nullif(${user.name}, ''), ${user.email})`,
};

const query = (db: Db) =>
  db
    .select(columns)
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId))
    .innerJoin(user, eq(user.id, invitation.inviterId));

/** Stores an invitation. */
export async function insertInvitation(
  db: Db,
  scope: TenantScope,
  row: Omit<InvitationRow, 'organizationId' | 'createdAt' | 'status'>,
) {
  await db.insert(invitation).values({ ...row, organizationId: scope.orgId, status: 'pending' });
}

/** A still-usable invitation for this email in the organization. */
export async function selectPendingByEmail(db: Db, scope: TenantScope, email: string) {
  const [row] = await query(db).where(
    inTenant(
      invitation,
      scope,
      eq(invitation.email, email),
      eq(invitation.status, 'pending'),
      gt(invitation.expiresAt, sql`now()`),
    ),
  );
  return row;
}

// A pending invitation past its date is shown as expired, so the filters split `pending` by date.
function statusFilter(status?: string) {
  if (status === 'pending') return [eq(invitation.status, 'pending'), gt(invitation.expiresAt, sql`now()`)];
  if (status === 'expired') return [eq(invitation.status, 'pending'), lte(invitation.expiresAt, sql`now()`)];
  return status ? [eq(invitation.status, status)] : [];
}

/** An invitation by id alone, for the public preview behind the emailed link (the id is the secret). */
export async function selectInvitationById(db: Db, id: string) {
  const [row] = await query(db).where(eq(invitation.id, id));
  return row;
}

/** The organization's invitations, newest first, optionally by status. */
export async function selectInvitations(
  db: Db,
  scope: TenantScope,
  opts: { limit: number; cursor?: string; status?: string },
) {
  return query(db)
    .where(
      inTenant(
        invitation,
        scope,
        opts.cursor ? lt(invitation.id, opts.cursor) : undefined,
        ...statusFilter(opts.status),
      ),
    )
    .orderBy(desc(invitation.id))
    .limit(opts.limit);
}

/** One invitation of the organization. */
export async function selectInvitation(db: Db, scope: TenantScope, id: string) {
  const [row] = await query(db).where(inTenant(invitation, scope, eq(invitation.id, id)));
  return row;
}

/**
 * An invitation addressed to this email, whatever its organization: the invitee is not a member yet,
 * so the email match is the access check.
 */
export async function selectInvitationForEmail(db: Db, id: string, email: string) {
  const [row] = await query(db).where(and(eq(invitation.id, id), eq(invitation.email, email.toLowerCase())));
  return row;
}

/** Pending, unexpired invitations addressed to this email. */
export async function selectOpenInvitationsForEmail(db: Db, email: string) {
  return query(db)
    .where(
      and(
        eq(invitation.email, email.toLowerCase()),
        eq(invitation.status, 'pending'),
        gt(invitation.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(invitation.id));
}

/** Moves a pending invitation to a final status; false when it was no longer pending. */
export async function finishInvitation(db: Db, id: string, status: 'accepted' | 'rejected' | 'canceled') {
  const rows = await db
    .update(invitation)
    .set({ status })
    .where(and(eq(invitation.id, id), eq(invitation.status, 'pending')))
    .returning({ id: invitation.id });
  return rows.length > 0;
}
