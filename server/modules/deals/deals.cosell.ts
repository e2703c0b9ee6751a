import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { recordActivity } from '../activity/index.ts';
import { recordAudit } from '../audit/index.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import { requireActivePartnership, type ServiceContext } from '../partnerships/index.ts';
import { tellSide } from './deals.notify.ts';
import * as repo from './deals.repo.ts';
import { findDeal } from './deals.service.ts';

/** Adds a co-selling partner with an attribution (creator or counterparty; along a co-sell partnership). */
export async function addCoSeller(
  ctx: ServiceContext,
  actor: MemberActor,
  id: string,
  input: { organizationId: string; attribution: string },
) {
  authorize(actor, 'deals.create');
  return ctx.db.transaction(async (tx) => {
    const { deal: d, side } = await findDeal(tx, actor, id, true);
    if (side === 'co_seller') throw forbidden('Only the deal’s creator or counterparty can add partners');
    if (input.organizationId === d.organizationId || input.organizationId === d.counterpartyId)
      throw new AppError('invalid_state', 'That organization is already on the deal as sender or receiver');
    await requireActivePartnership(tx, actor.scope, input.organizationId, ['co_sells'], 'organizationId');
    await repo.upsertCoSeller(tx, id, input.organizationId, input.attribution);
    const partner = (await selectOrgRefs(tx, [input.organizationId])).get(input.organizationId);
    await repo.insertDealEvents(tx, {
      id: newId(),
      organizationId: actor.orgId,
      dealId: id,
      actorUserId: actor.userId,
      kind: 'partner_added',
      data: { ...input, organizationName: partner?.name },
    });
    await recordAudit(tx, actor, {
      action: 'deal.partner_added',
      targetType: 'deal',
      targetId: id,
      data: input,
    });
    await recordActivity(tx, {
      organizationId: input.organizationId,
      kind: 'deal.updated',
      source: 'deals',
      data: { dealId: id, coSelling: input.attribution },
    });
    await tellSide({ ...ctx, db: tx }, d, input.organizationId, {
      kind: 'deal.partner_added',
      title: `${actor.orgName} added you to a deal (${input.attribution}): ${d.title}`,
    });
  });
}

/** Removes a co-selling partner. */
export async function removeCoSeller(db: Db, actor: MemberActor, id: string, orgId: string) {
  authorize(actor, 'deals.create');
  await db.transaction(async (tx) => {
    const { side } = await findDeal(tx, actor, id, true);
    if (side === 'co_seller') throw forbidden('Only the deal’s creator or counterparty can remove partners');
    if (!(await repo.deleteCoSeller(tx, id, orgId))) throw notFound('Co-selling partner');
    const partner = (await selectOrgRefs(tx, [orgId])).get(orgId);
    await repo.insertDealEvents(tx, {
      id: newId(),
      organizationId: actor.orgId,
      dealId: id,
      actorUserId: actor.userId,
      kind: 'partner_removed',
      data: { organizationId: orgId, organizationName: partner?.name },
    });
    await recordAudit(tx, actor, {
      action: 'deal.partner_removed',
      targetType: 'deal',
      targetId: id,
      data: { organizationId: orgId },
    });
  });
}
