import type { MemberActor } from '../http/actor.ts';
import { type ProposeInput, proposePartnership, type ServiceContext } from '../modules/partnerships/index.ts';
import { addOrganization } from './add-organization.ts';

/**
 * Proposes a partnership, first adding the partner to the directory when it is not on Mycelium
 * yet (an offline partner, claimable later). One transaction: a refused proposal (say, a live
 * partnership already exists) leaves no half-added organization behind.
 */
export async function proposePartnershipFlow(ctx: ServiceContext, actor: MemberActor, input: ProposeInput) {
  return ctx.db.transaction(async (tx) => {
    const partnerId = input.newPartner
      ? (await addOrganization(tx, actor, input.newPartner)).id
      : (input.partnerId as string);
    return proposePartnership({ ...ctx, db: tx }, actor, {
      partnerId,
      types: input.types,
      message: input.message,
      ownerUserId: input.ownerUserId,
    });
  });
}
