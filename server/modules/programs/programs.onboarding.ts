import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, forbidden, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { findMembership } from '../members/index.ts';
import { notify } from '../notifications/index.ts';
import type { ServiceContext } from '../partnerships/index.ts';
import type { EnrollmentRow } from './programs.enrollments.repo.ts';
import * as erepo from './programs.enrollments.repo.ts';
import { findEnrollment, findVendorEnrollment, presentTasks, sideFor } from './programs.enrollments.ts';

async function assertOwnerOnSide(db: Db, e: EnrollmentRow, side: 'vendor' | 'partner', userId: string) {
  const orgId = side === 'vendor' ? e.organizationId : e.partnerId;
  if (!(await findMembership(db, orgId, userId)))
    throw invalidInput(`The owner must be a member of the ${side} organization`, 'ownerUserId');
}

const requireActive = (e: EnrollmentRow) => {
  if (e.status !== 'active') throw new AppError('invalid_state', 'The enrollment has ended');
};

/** The vendor adds a task to an enrollment's checklist (at the end). */
export async function addTask(
  ctx: ServiceContext,
  actor: MemberActor,
  enrollmentId: string,
  input: { title: string; ownerSide: 'vendor' | 'partner'; ownerUserId: string | null; dueOn: string | null },
) {
  authorize(actor, 'programs.review');
  return ctx.db.transaction(async (tx) => {
    const e = await findVendorEnrollment(tx, actor, enrollmentId, true);
    requireActive(e);
    if (input.ownerUserId) await assertOwnerOnSide(tx, e, input.ownerSide, input.ownerUserId);
    const tasks = await erepo.selectTasks(tx, enrollmentId);
    const id = newId();
    await erepo.insertTasks(tx, [
      {
        id,
        organizationId: e.organizationId,
        enrollmentId,
        position: Math.max(-1, ...tasks.map((t) => t.position)) + 1,
        title: input.title,
        ownerSide: input.ownerSide,
        ownerUserId: input.ownerUserId,
        dueOn: input.dueOn,
      },
    ]);
    await recordAudit(tx, actor, {
      action: 'program.task_added',
      targetType: 'onboarding_task',
      targetId: id,
      data: { enrollmentId, title: input.title, ownerSide: input.ownerSide },
    });
    if (input.ownerSide === 'partner')
      await notify(
        { ...ctx, db: tx },
        {
          organizationId: e.partnerId,
          userIds: input.ownerUserId ? [input.ownerUserId] : undefined,
          kind: 'program.task_added',
          title: `${actor.orgName} added an onboarding task: ${input.title}`,
          link: `/enrollments/${enrollmentId}`,
          email: false,
        },
      );
    const [task] = await presentTasks(tx, actor, e, [(await erepo.selectTask(tx, enrollmentId, id))!]);
    return task!;
  });
}

/**
 * Ticks, unticks or reassigns a task. A side acts only on the tasks its side owns (and needs the
 * partner team's role); the vendor may also move any task's due date.
 */
export async function updateTask(
  db: Db,
  actor: MemberActor,
  enrollmentId: string,
  taskId: string,
  input: { done?: boolean; ownerUserId?: string | null; dueOn?: string | null },
) {
  return db.transaction(async (tx) => {
    const e = await findEnrollment(tx, actor, enrollmentId, true);
    const side = sideFor(e, actor);
    authorize(actor, side === 'vendor' ? 'programs.review' : 'programs.apply');
    requireActive(e);
    const task = await erepo.selectTask(tx, enrollmentId, taskId);
    if (!task) throw notFound('Task');
    const ownSide = task.ownerSide === side;
    if ((input.done !== undefined || input.ownerUserId !== undefined) && !ownSide)
      throw forbidden(`This task is the ${task.ownerSide}'s to do`);
    if (input.dueOn !== undefined && !ownSide && side !== 'vendor')
      throw forbidden(`This task is the ${task.ownerSide}'s to do`);
    if (input.ownerUserId)
      await assertOwnerOnSide(tx, e, task.ownerSide as 'vendor' | 'partner', input.ownerUserId);
    const patch: Parameters<typeof erepo.updateTask>[2] = {};
    if (input.done === true && !task.doneAt)
      Object.assign(patch, { doneAt: new Date(), doneByUserId: actor.userId });
    if (input.done === false) Object.assign(patch, { doneAt: null, doneByUserId: null });
    if (input.ownerUserId !== undefined) patch.ownerUserId = input.ownerUserId;
    if (input.dueOn !== undefined) patch.dueOn = input.dueOn;
    const row = Object.keys(patch).length ? await erepo.updateTask(tx, taskId, patch) : task;
    await recordAudit(tx, actor, {
      action: 'program.task_updated',
      targetType: 'onboarding_task',
      targetId: taskId,
      data: input,
    });
    const [presented] = await presentTasks(tx, actor, e, [row]);
    return presented!;
  });
}
