import type { PartnershipType } from '../../../common/deals.ts';
import { newId } from '../../db/ids.ts';
import type { MemberActor } from '../../http/actor.ts';
import { recordActivity } from '../activity/index.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './partnerships.repo.ts';
import type { ServiceContext } from './partnerships.service.ts';

/**
 * Makes sure the vendor (the actor's organization) and a partner it just enrolled in a program
 * have a live partnership carrying `types`, in the caller's transaction. The partner's application
 * and the vendor's approval are the dual opt-in, so:
 * - no live partnership: one is created already active (the vendor as proposer);
 * - a proposed one (either way) becomes active, with the types added;
 * - an active or paused one gets the missing types (a paused one stays paused: the side that
 *   paused it resumes it).
 * `ownerUserId` (when given) becomes the vendor side's owning alliance manager; a new
 * partnership's partner side is owned by `partnerOwnerUserId` (the applicant).
 */
export async function enrollPartnership(
  ctx: ServiceContext,
  actor: MemberActor,
  input: {
    partnerId: string;
    types: readonly PartnershipType[];
    ownerUserId?: string;
    partnerOwnerUserId?: string | null;
    programId: string;
    programName: string;
  },
) {
  const db = ctx.db;
  const now = new Date();
  const live = await repo.selectLivePartnership(db, actor.scope, input.partnerId);
  const event = (partnershipId: string, kind: string, data: Record<string, unknown>) =>
    repo.insertPartnershipEvent(db, {
      id: newId(),
      organizationId: actor.orgId,
      partnershipId,
      actorUserId: actor.userId,
      kind,
      data: { ...data, programId: input.programId, programName: input.programName },
    });
  const formed = (partnershipId: string) =>
    recordActivity(
      db,
      ...[actor.orgId, input.partnerId].map((organizationId) => ({
        organizationId,
        kind: 'partnership.formed' as const,
        source: 'programs',
        data: { partnershipId },
      })),
    );

  if (!live) {
    const row = await repo.insertPartnership(db, {
      id: newId(),
      organizationId: actor.orgId,
      partnerId: input.partnerId,
      status: 'active',
      types: [...input.types],
      message: `Enrolled in ${input.programName}`,
      proposerOwnerUserId: input.ownerUserId ?? actor.userId,
      partnerOwnerUserId: input.partnerOwnerUserId ?? null,
      decidedAt: now,
      statusChangedAt: now,
    });
    await event(row.id, 'enrolled', { types: input.types });
    await recordAudit(db, actor, {
      action: 'partnership.enrolled',
      targetType: 'partnership',
      targetId: row.id,
      data: { partnerId: input.partnerId, types: input.types, programId: input.programId },
    });
    await formed(row.id);
    return row;
  }

  const added = input.types.filter((t) => !live.types.includes(t));
  const activate = live.status === 'proposed';
  const vendorIsProposer = live.organizationId === actor.orgId;
  const ownerPatch = input.ownerUserId
    ? vendorIsProposer
      ? { proposerOwnerUserId: input.ownerUserId }
      : { partnerOwnerUserId: input.ownerUserId }
    : {};
  if (!added.length && !activate && !input.ownerUserId) return live;
  const row = await repo.updatePartnership(db, live.id, {
    types: [...live.types, ...added],
    ...ownerPatch,
    ...(activate && { status: 'active', decidedAt: now, statusChangedAt: now }),
  });
  if (added.length || activate)
    await event(live.id, activate ? 'enrolled' : 'types_added', { types: row.types, added });
  await recordAudit(db, actor, {
    action: 'partnership.enrolled',
    targetType: 'partnership',
    targetId: live.id,
    data: { added, activated: activate, programId: input.programId },
  });
  if (activate) await formed(live.id);
  return row;
}
