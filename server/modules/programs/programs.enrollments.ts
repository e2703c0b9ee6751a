import { can } from '../../../common/permissions.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import { type ServiceContext, selectUserRefs } from '../partnerships/index.ts';
import type { EnrollmentRow, SideFilter, TaskRow } from './programs.enrollments.repo.ts';
import * as erepo from './programs.enrollments.repo.ts';
import { evaluateTiers, type TierMetrics } from './programs.evaluate.ts';
import { sumBudgetUsed } from './programs.mdf.repo.ts';
import { tierLike } from './programs.present.ts';
import type { TierRow } from './programs.repo.ts';
import * as repo from './programs.repo.ts';
import { downgradeDate, progressToNext } from './programs.tiers.ts';

/** The actor's side of an enrollment (or application, or MDF request). */
export const sideFor = (row: { organizationId: string }, actor: MemberActor) =>
  row.organizationId === actor.orgId ? ('vendor' as const) : ('partner' as const);

/** One enrollment the actor's organization is a side of, else 404. */
export async function findEnrollment(db: Db, actor: MemberActor, id: string, forUpdate = false) {
  const row = await erepo.selectEnrollment(db, actor.scope, id, forUpdate);
  if (!row) throw notFound('Enrollment');
  return row;
}

/** The enrollment, only for its vendor (the partner gets 403, others 404). */
export async function findVendorEnrollment(db: Db, actor: MemberActor, id: string, forUpdate = false) {
  const row = await findEnrollment(db, actor, id, forUpdate);
  if (row.organizationId !== actor.orgId) throw forbidden("Only the program's vendor can do this");
  return row;
}

const tierRef = (t: { id: string; name: string; rank: number } | undefined) =>
  t ? { id: t.id, name: t.name, rank: t.rank } : null;

const ZERO = { revenueMinor: 0, wonDeals: 0, registeredDeals: 0, certifiedPeople: 0, customers: 0 };

/** Progress toward the next tier of the program's ladder, from the enrollment's stored numbers. */
function progressOf(ladder: readonly TierRow[], e: EnrollmentRow, currency: string) {
  const tiers = ladder.map(tierLike);
  const current = tiers.find((t) => t.id === e.tierId) ?? null;
  const metrics = (e.metrics as TierMetrics | null) ?? ZERO;
  return { current, ...progressToNext(tiers, current, metrics, currency) };
}

/** Enrollments as list items, from the viewer's side. */
async function presentSummaries(db: Db, actor: MemberActor, rows: EnrollmentRow[]) {
  const orgs = await selectOrgRefs(
    db,
    rows.flatMap((e) => [e.organizationId, e.partnerId]),
  );
  const programs = await erepo.selectProgramsByIds(
    db,
    rows.map((e) => e.programId),
  );
  const tierRows = await repo.selectTiers(
    db,
    rows.map((e) => e.programId),
  );
  const tiers = new Map(tierRows.map((t) => [t.id, t]));
  const ladders = new Map<string, TierRow[]>();
  for (const t of tierRows) ladders.set(t.programId, [...(ladders.get(t.programId) ?? []), t]);
  const counts = await erepo.selectTaskCounts(
    db,
    rows.map((e) => e.id),
  );
  const org = (id: string) => orgs.get(id) ?? { id, name: 'Unknown', slug: '' };
  return rows.map((e) => {
    const p = programs.get(e.programId)!;
    const progress = progressOf(ladders.get(e.programId) ?? [], e, p.currency);
    return {
      id: e.id,
      side: sideFor(e, actor),
      program: { id: p.id, name: p.name, kind: p.kind, currency: p.currency },
      vendor: org(e.organizationId),
      partner: org(e.partnerId),
      status: e.status as 'active' | 'ended',
      tier: tierRef(e.tierId ? tiers.get(e.tierId) : undefined),
      onboarding: counts.get(e.id) ?? { done: 0, total: 0 },
      progress: { nextTierName: progress.nextTier?.name ?? null, headline: progress.headline },
      joinedAt: e.joinedAt,
      endedAt: e.endedAt,
      evaluatedAt: e.evaluatedAt,
    };
  });
}

/** A page of enrollments (in the actor's programs, of the actor's organization, or both). */
export async function listEnrollments(
  db: Db,
  actor: MemberActor,
  query: { side?: SideFilter; status?: string; programId?: string; limit: number; cursor?: string },
) {
  const rows = await erepo.selectEnrollments(db, actor.scope, {
    ...query,
    limit: query.limit + 1,
    before: query.cursor,
  });
  const page = toPage(rows, query.limit);
  return { data: await presentSummaries(db, actor, page.data), nextCursor: page.nextCursor };
}

/** Whether the actor may tick (and assign) a task: its side owns it and its role allows it. */
const mayTick = (actor: MemberActor, e: EnrollmentRow, t: TaskRow) =>
  e.status === 'active' &&
  t.ownerSide === sideFor(e, actor) &&
  can(actor.role, t.ownerSide === 'vendor' ? 'programs.review' : 'programs.apply');

/** Whether the actor may move a task's due date: its own side's tasks, and the vendor any task. */
const mayReschedule = (actor: MemberActor, e: EnrollmentRow, t: TaskRow) => {
  const side = sideFor(e, actor);
  return (
    e.status === 'active' &&
    (t.ownerSide === side || side === 'vendor') &&
    can(actor.role, side === 'vendor' ? 'programs.review' : 'programs.apply')
  );
};

/** Tasks as the viewer sees them. */
export async function presentTasks(db: Db, actor: MemberActor, e: EnrollmentRow, tasks: TaskRow[]) {
  const users = await selectUserRefs(
    db,
    tasks.flatMap((t) => [t.ownerUserId, t.doneByUserId]),
  );
  const person = (id: string | null) => {
    const u = id ? users.get(id) : undefined;
    return u ? { id: u.id, name: u.name } : null;
  };
  return tasks.map((t) => ({
    id: t.id,
    position: t.position,
    title: t.title,
    ownerSide: t.ownerSide as 'vendor' | 'partner',
    owner: person(t.ownerUserId),
    dueOn: t.dueOn,
    done: t.doneAt !== null,
    doneAt: t.doneAt,
    doneBy: person(t.doneByUserId),
    canTick: mayTick(actor, e, t),
    canReschedule: mayReschedule(actor, e, t),
  }));
}

/**
 * The enrollment as either side sees it: program and tier, the last evaluation's numbers,
 * progress toward the next tier (per requirement and as a headline), the MDF budget of the year,
 * the onboarding checklist and the tier history.
 */
export async function enrollmentView(db: Db, actor: MemberActor, e: EnrollmentRow, now = new Date()) {
  const [summary] = await presentSummaries(db, actor, [e]);
  const program = (await erepo.selectProgramsByIds(db, [e.programId])).get(e.programId)!;
  const tierRows = await repo.selectTiers(db, [e.programId]);
  const { current, ...progress } = progressOf(tierRows, e, program.currency);
  const metrics = (e.metrics as TierMetrics | null) ?? null;
  const year = now.getUTCFullYear();
  const byId = new Map(tierRows.map((t) => [t.id, t]));
  const history = await erepo.selectTierChanges(db, e.id);
  return {
    ...summary!,
    metrics,
    belowSince: e.belowSince,
    downgradeOn: e.belowSince ? downgradeDate(e.belowSince, program.downgradeGraceDays) : null,
    progress: {
      nextTier: tierRef(progress.nextTier ?? undefined),
      nextTierName: progress.nextTier?.name ?? null,
      requirements: progress.requirements,
      headline: progress.headline,
    },
    mdf: {
      year,
      budgetMinor: current?.row.mdfBudgetMinor ?? 0,
      usedMinor: await sumBudgetUsed(db, e.id, year),
      currency: program.currency,
    },
    tasks: await presentTasks(db, actor, e, await erepo.selectTasks(db, e.id)),
    history: history.map((c) => ({
      id: c.id,
      kind: c.kind as 'initial' | 'upgrade' | 'downgrade' | 'grace_started' | 'grace_cleared' | 'manual',
      fromTier: tierRef(c.fromTierId ? byId.get(c.fromTierId) : undefined),
      toTier: tierRef(c.toTierId ? byId.get(c.toTierId) : undefined),
      metrics: c.metrics,
      reason: c.reason,
      createdAt: c.createdAt,
    })),
  };
}

/** One enrollment, as {@link enrollmentView} shows it. */
export async function getEnrollment(db: Db, actor: MemberActor, id: string) {
  return enrollmentView(db, actor, await findEnrollment(db, actor, id));
}

/** The vendor re-evaluates an enrollment's tier now. */
export async function evaluateNow(ctx: ServiceContext, actor: MemberActor, id: string) {
  authorize(actor, 'programs.review');
  await findVendorEnrollment(ctx.db, actor, id);
  await evaluateTiers(ctx, { enrollmentId: id });
  return getEnrollment(ctx.db, actor, id);
}

/** The vendor ends an enrollment (the partnership stays); the partner hears why. */
export async function endEnrollment(ctx: ServiceContext, actor: MemberActor, id: string, reason: string) {
  authorize(actor, 'programs.manage');
  await ctx.db.transaction(async (tx) => {
    const e = await findVendorEnrollment(tx, actor, id, true);
    if (e.status !== 'active') throw new AppError('invalid_state', 'The enrollment has already ended');
    await erepo.updateEnrollment(tx, id, { status: 'ended', endedAt: new Date(), belowSince: null });
    const p = (await erepo.selectProgramsByIds(tx, [e.programId])).get(e.programId)!;
    await recordAudit(tx, actor, {
      action: 'program.enrollment_ended',
      targetType: 'enrollment',
      targetId: id,
      data: { reason },
    });
    await notify(
      { ...ctx, db: tx },
      {
        organizationId: e.partnerId,
        kind: 'program.enrollment_ended',
        title: `${actor.orgName} ended your enrollment in ${p.name}`,
        body: reason,
        link: `/enrollments/${id}`,
      },
    );
  });
  return getEnrollment(ctx.db, actor, id);
}
