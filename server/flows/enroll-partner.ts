import type { PartnershipType } from '../../common/deals.ts';
import type { MemberActor } from '../http/actor.ts';
import { enrollPartnership, type ServiceContext } from '../modules/partnerships/index.ts';
import { approveApplication, evaluateEnrollment } from '../modules/programs/index.ts';

/**
 * Approves a program application: the enrollment with its onboarding checklist (programs), the
 * live partnership between vendor and partner created already active or extended with the
 * program's partnership types (partnerships), and the enrollment's first tier evaluation.
 * One transaction: if any step fails (the application was decided meanwhile, the partner is
 * already enrolled, a bad tier or owner), the application stays pending and no enrollment, task,
 * tier history, partnership change, audit entry or notice is left behind. `now` dates the
 * approval, the checklist's due dates and the evaluation (the demo seed writes history with it).
 */
export async function enrollPartnerFlow(
  ctx: ServiceContext,
  actor: MemberActor,
  applicationId: string,
  input: { tierId?: string; ownerUserId?: string },
  now = new Date(),
) {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const { application, enrollment, program } = await approveApplication(
      txCtx,
      actor,
      applicationId,
      input,
      now,
    );
    await enrollPartnership(txCtx, actor, {
      partnerId: application.partnerId,
      types: program.partnershipTypes as PartnershipType[],
      ownerUserId: input.ownerUserId,
      partnerOwnerUserId: application.appliedByUserId,
      programId: program.id,
      programName: program.name,
    });
    await evaluateEnrollment(txCtx, enrollment.id, now);
    return { application, enrollment };
  });
}
