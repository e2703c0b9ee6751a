import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, forbidden, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { toPage } from '../../http/pagination.ts';
import { recordActivity } from '../activity/index.ts';
import { recordAudit } from '../audit/index.ts';
import { findMembership } from '../members/index.ts';
import { notify } from '../notifications/index.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import { type ServiceContext, selectUserRefs } from '../partnerships/index.ts';
import type { ApplicationRow, SideFilter } from './programs.enrollments.repo.ts';
import * as erepo from './programs.enrollments.repo.ts';
import * as repo from './programs.repo.ts';
import type { OnboardingItem, Question } from './programs.schema.ts';
import { findVisibleProgram } from './programs.service.ts';

type Answers = Record<string, string | boolean>;

/**
 * Checks answers against the program's questions: no unknown question ids, every required
 * question answered, each answer of its question's kind. Returns the answers without blanks.
 */
export function checkAnswers(questions: Question[], answers: Answers): Answers {
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const key of Object.keys(answers))
    if (!byId.has(key)) throw invalidInput(`The program has no question ${key}`, `answers.${key}`);
  const clean: Answers = {};
  for (const q of questions) {
    const value = answers[q.id];
    const path = `answers.${q.id}`;
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      if (q.required) throw invalidInput(`Answer the question "${q.label}"`, path);
      continue;
    }
    if (q.kind === 'yes_no' && typeof value !== 'boolean')
      throw invalidInput(`"${q.label}" takes yes or no (true or false)`, path);
    if (q.kind !== 'yes_no' && typeof value !== 'string') throw invalidInput(`"${q.label}" takes text`, path);
    if (q.kind === 'text' && typeof value === 'string' && value.length > 500)
      throw invalidInput(`Keep "${q.label}" under 500 characters`, path);
    if (q.kind === 'choice' && !q.options?.includes(value as string))
      throw invalidInput(`"${q.label}" takes one of: ${q.options?.join(', ')}`, path);
    clean[q.id] = typeof value === 'string' ? value.trim() : value;
  }
  return clean;
}

/** Applications as the viewer sees them. */
async function present(db: Db, viewerOrgId: string, rows: ApplicationRow[]) {
  const orgs = await selectOrgRefs(
    db,
    rows.flatMap((a) => [a.organizationId, a.partnerId]),
  );
  const programs = await erepo.selectProgramsByIds(
    db,
    rows.map((a) => a.programId),
  );
  const users = await selectUserRefs(
    db,
    rows.flatMap((a) => [a.appliedByUserId, a.decidedByUserId]),
  );
  const enrollments = await erepo.selectEnrollmentIdsByApplication(
    db,
    rows.map((a) => a.id),
  );
  const org = (id: string) => orgs.get(id) ?? { id, name: 'Unknown', slug: '' };
  const person = (id: string | null) => {
    const u = id ? users.get(id) : undefined;
    return u ? { id: u.id, name: u.name } : null;
  };
  return rows.map((a) => {
    const p = programs.get(a.programId)!;
    return {
      id: a.id,
      side: a.organizationId === viewerOrgId ? ('vendor' as const) : ('partner' as const),
      program: { id: p.id, name: p.name, kind: p.kind, currency: p.currency },
      vendor: org(a.organizationId),
      partner: org(a.partnerId),
      status: a.status as 'pending' | 'approved' | 'rejected' | 'withdrawn',
      answers: a.answers as Record<string, unknown>,
      message: a.message,
      reason: a.reason,
      appliedBy: person(a.appliedByUserId),
      decidedBy: person(a.decidedByUserId),
      enrollmentId: enrollments.get(a.id) ?? null,
      createdAt: a.createdAt,
      decidedAt: a.decidedAt,
    };
  });
}

/** One application the actor's organization is a side of, else 404. */
export async function findApplication(db: Db, actor: MemberActor, id: string, forUpdate = false) {
  const row = await erepo.selectApplication(db, actor.scope, id, forUpdate);
  if (!row) throw notFound('Application');
  return row;
}

/** One application, presented. */
export async function getApplication(db: Db, actor: MemberActor, id: string) {
  const [presented] = await present(db, actor.orgId, [await findApplication(db, actor, id)]);
  return presented!;
}

/** A page of applications (to the actor's programs, from the actor's organization, or both). */
export async function listApplications(
  db: Db,
  actor: MemberActor,
  query: { side?: SideFilter; status?: string; programId?: string; limit: number; cursor?: string },
) {
  const rows = await erepo.selectApplications(db, actor.scope, {
    ...query,
    limit: query.limit + 1,
    before: query.cursor,
  });
  const page = toPage(rows, query.limit);
  return { data: await present(db, actor.orgId, page.data), nextCursor: page.nextCursor };
}

/** A partner applies to a published program, answering its questions. */
export async function applyToProgram(
  ctx: ServiceContext,
  actor: MemberActor,
  programId: string,
  input: { answers: Answers; message: string },
) {
  authorize(actor, 'programs.apply');
  return ctx.db.transaction(async (tx) => {
    const p = await findVisibleProgram(tx, actor, programId);
    if (p.organizationId === actor.orgId)
      throw invalidInput('You cannot apply to your own program', 'programId');
    if (p.status !== 'published')
      throw new AppError('invalid_state', `${p.name} is not open for applications (${p.status})`, {
        status: p.status,
      });
    const answers = checkAnswers(p.questions as Question[], input.answers);
    const enrolled = await erepo.selectActiveEnrollment(tx, programId, actor.orgId);
    if (enrolled)
      throw new AppError('already_exists', `You are already enrolled in ${p.name}`, {
        enrollmentId: enrolled.id,
      });
    const pending = await erepo.selectPendingApplication(tx, programId, actor.orgId);
    if (pending)
      throw new AppError('already_exists', `You already have a pending application to ${p.name}`, {
        applicationId: pending.id,
      });
    const row = await erepo.insertApplication(tx, {
      id: newId(),
      organizationId: p.organizationId,
      partnerId: actor.orgId,
      programId,
      answers,
      message: input.message,
      appliedByUserId: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'program.applied',
      targetType: 'program_application',
      targetId: row.id,
      data: { programId },
    });
    await notify(
      { ...ctx, db: tx },
      {
        organizationId: p.organizationId,
        kind: 'program.application_received',
        title: `${actor.orgName} applied to ${p.name}`,
        body: input.message,
        link: `/applications/${row.id}`,
      },
    );
    return row;
  });
}

async function lockPending(db: Db, actor: MemberActor, id: string, side: 'vendor' | 'partner') {
  const a = await findApplication(db, actor, id, true);
  const mine = side === 'vendor' ? a.organizationId === actor.orgId : a.partnerId === actor.orgId;
  if (!mine)
    throw forbidden(
      side === 'vendor'
        ? 'Only the program’s vendor decides applications'
        : 'Only the applicant can withdraw it',
    );
  if (a.status !== 'pending')
    throw new AppError('invalid_state', `The application is ${a.status}`, { status: a.status });
  return a;
}

/** The vendor rejects an application, saying why; the applicant hears it. */
export async function rejectApplication(ctx: ServiceContext, actor: MemberActor, id: string, reason: string) {
  authorize(actor, 'programs.review');
  return ctx.db.transaction(async (tx) => {
    const a = await lockPending(tx, actor, id, 'vendor');
    const row = await erepo.updateApplication(tx, id, {
      status: 'rejected',
      reason,
      decidedByUserId: actor.userId,
      decidedAt: new Date(),
    });
    const p = (await erepo.selectProgramsByIds(tx, [a.programId])).get(a.programId)!;
    await recordAudit(tx, actor, {
      action: 'program.application_rejected',
      targetType: 'program_application',
      targetId: id,
      data: { reason },
    });
    await notify(
      { ...ctx, db: tx },
      {
        organizationId: a.partnerId,
        userIds: a.appliedByUserId ? [a.appliedByUserId] : undefined,
        kind: 'program.application_rejected',
        title: `${actor.orgName} declined your application to ${p.name}`,
        body: reason,
        link: `/applications/${id}`,
      },
    );
    return row;
  });
}

/** The applicant withdraws its pending application. */
export async function withdrawApplication(ctx: ServiceContext, actor: MemberActor, id: string) {
  authorize(actor, 'programs.apply');
  return ctx.db.transaction(async (tx) => {
    const a = await lockPending(tx, actor, id, 'partner');
    const row = await erepo.updateApplication(tx, id, { status: 'withdrawn', decidedAt: new Date() });
    const p = (await erepo.selectProgramsByIds(tx, [a.programId])).get(a.programId)!;
    await recordAudit(tx, actor, {
      action: 'program.application_withdrawn',
      targetType: 'program_application',
      targetId: id,
    });
    await notify(
      { ...ctx, db: tx },
      {
        organizationId: a.organizationId,
        kind: 'program.application_withdrawn',
        title: `${actor.orgName} withdrew its application to ${p.name}`,
        link: `/applications/${id}`,
        email: false,
      },
    );
    return row;
  });
}

const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

/**
 * The programs side of approving an application, in the caller's transaction: marks it approved,
 * enrolls the partner (at `tierId` when given), copies the onboarding checklist (due dates from
 * today; vendor tasks owned by `ownerUserId`, partner tasks by the applicant), records and tells
 * the applicant. The partnership and the tier evaluation are the flow's (server/flows/enroll-partner.ts).
 */
export async function approveApplication(
  ctx: ServiceContext,
  actor: MemberActor,
  id: string,
  input: { tierId?: string; ownerUserId?: string },
  now = new Date(),
) {
  authorize(actor, 'programs.review');
  const db = ctx.db;
  const a = await lockPending(db, actor, id, 'vendor');
  const p = (await erepo.selectProgramsByIds(db, [a.programId])).get(a.programId)!;
  const tiers = await repo.selectTiers(db, [p.id]);
  const tier = input.tierId ? tiers.find((t) => t.id === input.tierId) : undefined;
  if (input.tierId && !tier) throw invalidInput('No tier with this id in this program', 'tierId');
  if (input.ownerUserId && !(await findMembership(db, actor.orgId, input.ownerUserId)))
    throw invalidInput('The owner must be a member of your organization', 'ownerUserId');
  const enrolled = await erepo.selectActiveEnrollment(db, p.id, a.partnerId);
  if (enrolled)
    throw new AppError('already_exists', 'The partner is already enrolled in this program', {
      enrollmentId: enrolled.id,
    });
  const application = await erepo.updateApplication(db, id, {
    status: 'approved',
    decidedByUserId: actor.userId,
    decidedAt: now,
  });
  const enrollment = await erepo.insertEnrollment(db, {
    id: newId(),
    organizationId: p.organizationId,
    partnerId: a.partnerId,
    programId: p.id,
    applicationId: id,
    tierId: tier?.id ?? null,
    joinedAt: now,
  });
  if (tier)
    await erepo.insertTierChange(db, {
      id: newId(),
      organizationId: p.organizationId,
      enrollmentId: enrollment.id,
      partnerId: a.partnerId,
      fromTierId: null,
      toTierId: tier.id,
      kind: 'manual',
      metrics: {},
      reason: `Started at ${tier.name} on approval`,
      createdAt: now,
    });
  await erepo.insertTasks(
    db,
    (p.onboarding as OnboardingItem[]).map((item, position) => ({
      id: newId(),
      organizationId: p.organizationId,
      enrollmentId: enrollment.id,
      position,
      title: item.title,
      ownerSide: item.ownerSide,
      ownerUserId: item.ownerSide === 'vendor' ? (input.ownerUserId ?? null) : a.appliedByUserId,
      dueOn: addDays(now, item.dueInDays).toISOString().slice(0, 10),
    })),
  );
  await recordAudit(db, actor, {
    action: 'program.application_approved',
    targetType: 'program_application',
    targetId: id,
    data: { enrollmentId: enrollment.id, tierId: tier?.id ?? null },
  });
  await recordActivity(db, {
    organizationId: a.partnerId,
    kind: 'program.joined',
    source: 'programs',
    data: { programId: p.id, vendorId: p.organizationId, enrollmentId: enrollment.id },
  });
  await notify(ctx, {
    organizationId: a.partnerId,
    userIds: a.appliedByUserId ? [a.appliedByUserId] : undefined,
    kind: 'program.application_approved',
    title: `Welcome to ${p.name}: ${actor.orgName} approved your application`,
    body:
      p.onboarding && (p.onboarding as OnboardingItem[]).length ? 'Your onboarding checklist is ready.' : '',
    link: `/enrollments/${enrollment.id}`,
  });
  return { application, enrollment, program: p };
}
