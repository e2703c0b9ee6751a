import { notify } from '../notifications/index.ts';
import {
  ownerOnSide,
  owningManagerOf,
  type PartnershipRow,
  type ServiceContext,
} from '../partnerships/index.ts';
import type { DealRow } from './deals.repo.ts';

/**
 * Tells one organization on a deal what happened: in the app and by mail, addressed to that
 * side's owning alliance manager of the partnership, or its partner team when nobody owns it.
 */
export async function tellSide(
  ctx: ServiceContext,
  d: DealRow,
  orgId: string,
  message: { kind: string; title: string; body?: string },
  /** The deal's partnership when the caller holds it already (saves a read). */
  partnership?: PartnershipRow,
) {
  const owner = partnership
    ? ownerOnSide(partnership, orgId)
    : await owningManagerOf(ctx.db, d.partnershipId, orgId);
  await notify(ctx, {
    organizationId: orgId,
    userIds: owner ? [owner] : undefined,
    kind: message.kind,
    title: message.title,
    body: message.body ?? '',
    link: `/deals/${d.id}`,
  });
}
