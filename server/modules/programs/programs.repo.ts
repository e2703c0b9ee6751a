import { and, asc, desc, eq, ilike, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { containing } from '../../db/like.ts';
import {
  commissionRule,
  enrollment,
  program,
  programApplication,
  programTier,
} from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';

/** A stored program. */
export type ProgramRow = typeof program.$inferSelect;
/** A stored tier. */
export type TierRow = typeof programTier.$inferSelect;
/** A stored commission rule. */
export type RuleRow = typeof commissionRule.$inferSelect;

// Who may read a program: its vendor; anyone while it is published; a partner enrolled in it.
const visibleTo = (scope: TenantScope): SQL =>
  or(
    eq(program.organizationId, scope.orgId),
    eq(program.status, 'published'),
    sql`exists (select 1 from enrollment e where e.program_id = ${program.id} and e.partner_id = ${scope.orgId})`,
  )!;

/** One of the scoped organization's own programs (the vendor's view). */
export async function selectOwnProgram(db: Db, scope: TenantScope, id: string, forUpdate = false) {
  const query = db
    .select()
    .from(program)
    .where(inTenant(program, scope, eq(program.id, id)));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row;
}

/** A program the scoped organization may read. */
export async function selectVisibleProgram(db: Db, scope: TenantScope, id: string) {
  const [row] = await db
    .select()
    .from(program)
    .where(and(eq(program.id, id), visibleTo(scope)));
  return row;
}

/** A page of programs: the scoped organization's own, or other organizations' published ones. */
export async function selectPrograms(
  db: Db,
  scope: TenantScope,
  opts: {
    scope: 'mine' | 'available';
    kind?: string;
    status?: string;
    q?: string;
    limit: number;
    before?: string;
  },
) {
  const conds: (SQL | undefined)[] = [
    opts.scope === 'mine'
      ? eq(program.organizationId, scope.orgId)
      : and(ne(program.organizationId, scope.orgId), eq(program.status, 'published')),
    opts.kind ? eq(program.kind, opts.kind) : undefined,
    opts.scope === 'mine' && opts.status ? eq(program.status, opts.status) : undefined,
    opts.q ? ilike(program.name, containing(opts.q)) : undefined,
    opts.before ? lt(program.id, opts.before) : undefined,
  ];
  return db
    .select()
    .from(program)
    .where(and(...conds))
    .orderBy(desc(program.id))
    .limit(opts.limit);
}

/** Inserts a program. */
export async function insertProgram(db: Db, row: typeof program.$inferInsert) {
  const [created] = await db.insert(program).values(row).returning();
  return created!;
}

/** Updates a program the caller has read in its tenant. */
export async function updateProgram(db: Db, id: string, patch: Partial<typeof program.$inferInsert>) {
  const [row] = await db
    .update(program)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(program.id, id))
    .returning();
  return row!;
}

/** Whether another program of the organization already has this name (case-insensitive). */
export async function programNameTaken(db: Db, scope: TenantScope, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: program.id })
    .from(program)
    .where(
      inTenant(
        program,
        scope,
        sql`lower(${program.name}) = lower(${name})`,
        exceptId ? ne(program.id, exceptId) : undefined,
      ),
    );
  return !!row;
}

/** The tiers of programs, lowest rank first. */
export async function selectTiers(db: Db, programIds: readonly string[]) {
  if (programIds.length === 0) return [];
  return db
    .select()
    .from(programTier)
    .where(inArray(programTier.programId, [...programIds]))
    .orderBy(asc(programTier.programId), asc(programTier.rank));
}

/** Rules of programs, newest first (active only unless asked). */
export async function selectRules(db: Db, programIds: readonly string[], activeOnly = true) {
  if (programIds.length === 0) return [];
  return db
    .select()
    .from(commissionRule)
    .where(
      and(
        inArray(commissionRule.programId, [...programIds]),
        activeOnly ? eq(commissionRule.status, 'active') : undefined,
      ),
    )
    .orderBy(desc(commissionRule.id));
}

/** One rule of one of the scoped organization's programs. */
export async function selectOwnRule(db: Db, scope: TenantScope, programId: string, ruleId: string) {
  const [row] = await db
    .select()
    .from(commissionRule)
    .where(
      inTenant(commissionRule, scope, eq(commissionRule.programId, programId), eq(commissionRule.id, ruleId)),
    )
    .for('update');
  return row;
}

/** Inserts a rule. */
export async function insertRule(db: Db, row: typeof commissionRule.$inferInsert) {
  const [created] = await db.insert(commissionRule).values(row).returning();
  return created!;
}

/** Retires a rule (it stays, so ledger entries keep pointing at it). */
export async function retireRule(db: Db, id: string, now: Date) {
  const [row] = await db
    .update(commissionRule)
    .set({ status: 'retired', retiredAt: now })
    .where(eq(commissionRule.id, id))
    .returning();
  return row!;
}

/** Active enrollments per tier, for the tiers given. */
export async function countEnrollmentsInTiers(db: Db, tierIds: readonly string[]) {
  if (tierIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ tierId: enrollment.tierId, n: sql<number>`count(*)::int` })
    .from(enrollment)
    .where(and(inArray(enrollment.tierId, [...tierIds]), eq(enrollment.status, 'active')))
    .groupBy(enrollment.tierId);
  return new Map(rows.map((r) => [r.tierId!, Number(r.n)]));
}

/** The commission rules (of any status) of the given tiers. */
export async function selectRulesOfTiers(db: Db, tierIds: readonly string[]) {
  if (tierIds.length === 0) return [];
  return db
    .select({ id: commissionRule.id, tierId: commissionRule.tierId })
    .from(commissionRule)
    .where(inArray(commissionRule.tierId, [...tierIds]));
}

/** Whether a program has tiers or any enrollment (its currency is then fixed). */
export async function programInUse(db: Db, programId: string) {
  const [row] = rowsOf<{ used: boolean }>(
    await db.execute(sql`
      select exists (select 1 from program_tier where program_id = ${programId})
          or exists (select 1 from enrollment where program_id = ${programId}) as used`),
  );
  return !!row?.used;
}

/** Whether a program has active enrollments. */
export async function hasActiveEnrollments(db: Db, programId: string) {
  const [row] = await db
    .select({ id: enrollment.id })
    .from(enrollment)
    .where(and(eq(enrollment.programId, programId), eq(enrollment.status, 'active')))
    .limit(1);
  return !!row;
}

/** Replaces a program's tiers: updates kept ones, inserts new ones, deletes the rest. */
export async function replaceTiers(
  db: Db,
  programId: string,
  keep: (Partial<typeof programTier.$inferInsert> & { id: string })[],
  insert: (typeof programTier.$inferInsert)[],
  removeIds: string[],
) {
  if (removeIds.length) await db.delete(programTier).where(inArray(programTier.id, removeIds));
  // Ranks are unique per program: park the kept tiers out of the way before renumbering.
  if (keep.length)
    await db
      .update(programTier)
      .set({ rank: sql`${programTier.rank} + 1000` })
      .where(eq(programTier.programId, programId));
  for (const t of keep) {
    const { id, ...patch } = t;
    await db.update(programTier).set(patch).where(eq(programTier.id, id));
  }
  if (insert.length) await db.insert(programTier).values(insert);
}

/**
 * Active enrollments and pending applications per program, for those of the given programs the
 * scoped organization runs (one grouped query each, whatever the number of programs).
 */
export async function countProgramActivity(db: Db, scope: TenantScope, programIds: readonly string[]) {
  const enrolled = new Map<string, number>();
  const pending = new Map<string, number>();
  if (programIds.length === 0) return { enrolled, pending };
  const enrollments = await db
    .select({ programId: enrollment.programId, n: sql<number>`count(*)::int` })
    .from(enrollment)
    .where(
      inTenant(
        enrollment,
        scope,
        inArray(enrollment.programId, [...programIds]),
        eq(enrollment.status, 'active'),
      ),
    )
    .groupBy(enrollment.programId);
  const applications = await db
    .select({ programId: programApplication.programId, n: sql<number>`count(*)::int` })
    .from(programApplication)
    .where(
      inTenant(
        programApplication,
        scope,
        inArray(programApplication.programId, [...programIds]),
        eq(programApplication.status, 'pending'),
      ),
    )
    .groupBy(programApplication.programId);
  for (const r of enrollments) enrolled.set(r.programId, Number(r.n));
  for (const r of applications) pending.set(r.programId, Number(r.n));
  return { enrolled, pending };
}

/** The scoped organization's latest enrollment and application per program of those given. */
export async function selectMyStandings(db: Db, scope: TenantScope, programIds: readonly string[]) {
  if (programIds.length === 0)
    return {
      enrollments: new Map<string, { id: string; status: string; tierId: string | null }>(),
      applications: new Map<string, { id: string; status: string }>(),
    };
  const enrolled = await db
    .select({
      id: enrollment.id,
      programId: enrollment.programId,
      status: enrollment.status,
      tierId: enrollment.tierId,
    })
    .from(enrollment)
    .where(and(eq(enrollment.partnerId, scope.orgId), inArray(enrollment.programId, [...programIds])))
    .orderBy(asc(enrollment.id));
  const applied = await db
    .select({
      id: programApplication.id,
      programId: programApplication.programId,
      status: programApplication.status,
    })
    .from(programApplication)
    .where(
      and(
        eq(programApplication.partnerId, scope.orgId),
        inArray(programApplication.programId, [...programIds]),
      ),
    )
    .orderBy(asc(programApplication.id));
  // Ordered oldest first, so the map keeps the latest of each program.
  return {
    enrollments: new Map(
      enrolled.map((e) => [e.programId, { id: e.id, status: e.status, tierId: e.tierId }]),
    ),
    applications: new Map(applied.map((a) => [a.programId, { id: a.id, status: a.status }])),
  };
}
