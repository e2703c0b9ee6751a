import { and, asc, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { type Db, rowsOf } from '../../db/client.ts';
import {
  certification,
  enrollment,
  onboardingTask,
  program,
  programApplication,
  tierChange,
} from '../../db/schema/index.ts';
import type { TenantScope } from '../../db/tenant.ts';

/** A stored application. */
export type ApplicationRow = typeof programApplication.$inferSelect;
/** A stored enrollment. */
export type EnrollmentRow = typeof enrollment.$inferSelect;
/** A stored onboarding task. */
export type TaskRow = typeof onboardingTask.$inferSelect;
/** A stored certification. */
export type CertificationRow = typeof certification.$inferSelect;

/** Which side of a two-sided program row the scoped organization wants: the vendor, the partner, or both. */
export type SideFilter = 'vendor' | 'partner' | undefined;

// Applications, enrollments, certifications and MDF requests belong to both the vendor
// (organization_id) and the partner (partner_id): each side reads them through this condition.
/** The two-sided tenancy condition: the vendor's side, the partner's, or either (no side given). */
export function involving(
  table: { organizationId: PgColumn; partnerId: PgColumn },
  scope: TenantScope,
  side?: SideFilter,
): SQL {
  if (side === 'vendor') return eq(table.organizationId, scope.orgId);
  if (side === 'partner') return eq(table.partnerId, scope.orgId);
  return or(eq(table.organizationId, scope.orgId), eq(table.partnerId, scope.orgId))!;
}

// Applications

/** Inserts an application (the pending-pair unique index refuses a second pending one). */
export async function insertApplication(db: Db, row: typeof programApplication.$inferInsert) {
  const [created] = await db.insert(programApplication).values(row).returning();
  return created!;
}

/** The pending application of a partner to a program, if any. */
export async function selectPendingApplication(db: Db, programId: string, partnerId: string) {
  const [row] = await db
    .select()
    .from(programApplication)
    .where(
      and(
        eq(programApplication.programId, programId),
        eq(programApplication.partnerId, partnerId),
        eq(programApplication.status, 'pending'),
      ),
    );
  return row;
}

/** One application the scoped organization is a side of. */
export async function selectApplication(db: Db, scope: TenantScope, id: string, forUpdate = false) {
  const query = db
    .select()
    .from(programApplication)
    .where(and(eq(programApplication.id, id), involving(programApplication, scope)));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row;
}

/** A page of applications of the scoped organization, newest first. */
export async function selectApplications(
  db: Db,
  scope: TenantScope,
  opts: { side?: SideFilter; status?: string; programId?: string; limit: number; before?: string },
) {
  return db
    .select()
    .from(programApplication)
    .where(
      and(
        involving(programApplication, scope, opts.side),
        opts.status ? eq(programApplication.status, opts.status) : undefined,
        opts.programId ? eq(programApplication.programId, opts.programId) : undefined,
        opts.before ? lt(programApplication.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(programApplication.id))
    .limit(opts.limit);
}

/** Updates an application the caller has locked. */
export async function updateApplication(
  db: Db,
  id: string,
  patch: Partial<typeof programApplication.$inferInsert>,
) {
  const [row] = await db
    .update(programApplication)
    .set(patch)
    .where(eq(programApplication.id, id))
    .returning();
  return row!;
}

/** The enrollment each application created, by application id. */
export async function selectEnrollmentIdsByApplication(db: Db, applicationIds: readonly string[]) {
  if (applicationIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: enrollment.id, applicationId: enrollment.applicationId })
    .from(enrollment)
    .where(inArray(enrollment.applicationId, [...applicationIds]));
  return new Map(rows.map((r) => [r.applicationId!, r.id]));
}

// Enrollments

/** Inserts an enrollment (one active per program and partner: a unique index). */
export async function insertEnrollment(db: Db, row: typeof enrollment.$inferInsert) {
  const [created] = await db.insert(enrollment).values(row).returning();
  return created!;
}

/** The partner's active enrollment in a program, if any. */
export async function selectActiveEnrollment(db: Db, programId: string, partnerId: string) {
  const [row] = await db
    .select()
    .from(enrollment)
    .where(
      and(
        eq(enrollment.programId, programId),
        eq(enrollment.partnerId, partnerId),
        eq(enrollment.status, 'active'),
      ),
    );
  return row;
}

/** One enrollment the scoped organization is a side of. */
export async function selectEnrollment(db: Db, scope: TenantScope, id: string, forUpdate = false) {
  const query = db
    .select()
    .from(enrollment)
    .where(and(eq(enrollment.id, id), involving(enrollment, scope)));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row;
}

/** An enrollment by id, locked: for server-side work that has already authorized it. */
export async function lockEnrollment(db: Db, id: string) {
  const [row] = await db.select().from(enrollment).where(eq(enrollment.id, id)).for('update');
  return row;
}

/** Enrollments by id, for presenting rows that point at them (already authorized). */
export async function selectEnrollmentsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, EnrollmentRow>();
  const rows = await db
    .select()
    .from(enrollment)
    .where(inArray(enrollment.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** A page of enrollments of the scoped organization, newest first. */
export async function selectEnrollments(
  db: Db,
  scope: TenantScope,
  opts: { side?: SideFilter; status?: string; programId?: string; limit: number; before?: string },
) {
  return db
    .select()
    .from(enrollment)
    .where(
      and(
        involving(enrollment, scope, opts.side),
        opts.status ? eq(enrollment.status, opts.status) : undefined,
        opts.programId ? eq(enrollment.programId, opts.programId) : undefined,
        opts.before ? lt(enrollment.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(enrollment.id))
    .limit(opts.limit);
}

/** Active enrollments to evaluate, optionally of one vendor, partner, program or enrollment. */
export async function selectEnrollmentsToEvaluate(
  db: Db,
  f: { vendorId?: string; partnerId?: string; programId?: string; enrollmentId?: string },
) {
  return db
    .select({ id: enrollment.id, vendorId: enrollment.organizationId, partnerId: enrollment.partnerId })
    .from(enrollment)
    .where(
      and(
        eq(enrollment.status, 'active'),
        f.vendorId ? eq(enrollment.organizationId, f.vendorId) : undefined,
        f.partnerId ? eq(enrollment.partnerId, f.partnerId) : undefined,
        f.programId ? eq(enrollment.programId, f.programId) : undefined,
        f.enrollmentId ? eq(enrollment.id, f.enrollmentId) : undefined,
      ),
    )
    .orderBy(asc(enrollment.organizationId), asc(enrollment.partnerId), asc(enrollment.id));
}

/** Updates an enrollment the caller has locked. */
export async function updateEnrollment(db: Db, id: string, patch: Partial<typeof enrollment.$inferInsert>) {
  const [row] = await db.update(enrollment).set(patch).where(eq(enrollment.id, id)).returning();
  return row!;
}

/** Programs by id (name, kind, currency, vendor), for presenting rows that point at them. */
export async function selectProgramsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, typeof program.$inferSelect>();
  const rows = await db
    .select()
    .from(program)
    .where(inArray(program.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

// Tier history

/** Appends a tier change. */
export async function insertTierChange(db: Db, row: typeof tierChange.$inferInsert) {
  await db.insert(tierChange).values(row);
}

/** An enrollment's tier history, newest first. */
export async function selectTierChanges(db: Db, enrollmentId: string) {
  return db
    .select()
    .from(tierChange)
    .where(eq(tierChange.enrollmentId, enrollmentId))
    .orderBy(desc(tierChange.id))
    .limit(200);
}

// Onboarding tasks

/** Inserts tasks. */
export async function insertTasks(db: Db, rows: (typeof onboardingTask.$inferInsert)[]) {
  if (rows.length) await db.insert(onboardingTask).values(rows);
}

/** The tasks of an enrollment, in order. */
export async function selectTasks(db: Db, enrollmentId: string) {
  return db
    .select()
    .from(onboardingTask)
    .where(eq(onboardingTask.enrollmentId, enrollmentId))
    .orderBy(asc(onboardingTask.position), asc(onboardingTask.id));
}

/** One task of an enrollment, locked. */
export async function selectTask(db: Db, enrollmentId: string, taskId: string) {
  const [row] = await db
    .select()
    .from(onboardingTask)
    .where(and(eq(onboardingTask.enrollmentId, enrollmentId), eq(onboardingTask.id, taskId)))
    .for('update');
  return row;
}

/** Updates a task. */
export async function updateTask(db: Db, id: string, patch: Partial<typeof onboardingTask.$inferInsert>) {
  const [row] = await db.update(onboardingTask).set(patch).where(eq(onboardingTask.id, id)).returning();
  return row!;
}

/** Done and total tasks per enrollment. */
export async function selectTaskCounts(db: Db, enrollmentIds: readonly string[]) {
  if (enrollmentIds.length === 0) return new Map<string, { done: number; total: number }>();
  const rows = await db
    .select({
      enrollmentId: onboardingTask.enrollmentId,
      done: sql<number>`count(${onboardingTask.doneAt})::int`,
      total: sql<number>`count(*)::int`,
    })
    .from(onboardingTask)
    .where(inArray(onboardingTask.enrollmentId, [...enrollmentIds]))
    .groupBy(onboardingTask.enrollmentId);
  return new Map(rows.map((r) => [r.enrollmentId, { done: Number(r.done), total: Number(r.total) }]));
}

// Certifications

/** Inserts a certification (one per person, certification name, vendor and partner). */
export async function insertCertification(db: Db, row: typeof certification.$inferInsert) {
  const [created] = await db.insert(certification).values(row).onConflictDoNothing().returning();
  return created;
}

/** A page of certifications the scoped organization recorded or holds, newest first. */
export async function selectCertifications(
  db: Db,
  scope: TenantScope,
  opts: { partnerId?: string; vendorId?: string; limit: number; before?: string },
) {
  const asVendor = and(
    eq(certification.organizationId, scope.orgId),
    opts.partnerId ? eq(certification.partnerId, opts.partnerId) : undefined,
  );
  const asPartner = and(
    eq(certification.partnerId, scope.orgId),
    opts.vendorId ? eq(certification.organizationId, opts.vendorId) : undefined,
  );
  return db
    .select()
    .from(certification)
    .where(and(or(asVendor, asPartner), opts.before ? lt(certification.id, opts.before) : undefined))
    .orderBy(desc(certification.id))
    .limit(opts.limit);
}

/** One certification the scoped organization recorded (the vendor's), locked. */
export async function selectOwnCertification(db: Db, scope: TenantScope, id: string) {
  const [row] = await db
    .select()
    .from(certification)
    .where(and(eq(certification.id, id), eq(certification.organizationId, scope.orgId)))
    .for('update');
  return row;
}

/** Deletes a certification. */
export async function deleteCertification(db: Db, id: string) {
  await db.delete(certification).where(eq(certification.id, id));
}

/** Whether the partner was ever enrolled in one of the vendor's programs. */
export async function everEnrolled(db: Db, vendorId: string, partnerId: string) {
  const [row] = await db
    .select({ id: enrollment.id })
    .from(enrollment)
    .where(and(eq(enrollment.organizationId, vendorId), eq(enrollment.partnerId, partnerId)))
    .limit(1);
  return !!row;
}

/**
 * People at the partner with a certification from the vendor that is valid on `today`
 * (issued on or before it, not yet expired), one per e-mail address.
 */
export async function countCertifiedPeople(db: Db, vendorId: string, partnerId: string, today: string) {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(distinct lower(person_email))::int as n
        from certification
       where organization_id = ${vendorId} and partner_id = ${partnerId}
         and issued_on <= ${today}::date and (expires_on is null or expires_on > ${today}::date)`),
  );
  return Number(row?.n ?? 0);
}
