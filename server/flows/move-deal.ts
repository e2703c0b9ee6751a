import type { DealStatus } from '../../common/deals.ts';
import type { MemberActor } from '../http/actor.ts';
import { transitionDeal } from '../modules/deals/index.ts';
import { refreshTrustAfterDeals } from '../modules/insights/index.ts';
import { type CommissionEvent, postDealCommissions } from '../modules/ledger/index.ts';
import type { ServiceContext } from '../modules/partnerships/index.ts';
import { tierEvaluationJob } from '../modules/programs/index.ts';

/** The commission event a move is. */
const COMMISSION_EVENT: Partial<Record<DealStatus, CommissionEvent>> = {
  won: 'deal_won',
  qualified: 'referral_qualified',
  accepted: 'lead_accepted',
};

/** Moves that change the numbers tiers are evaluated on (won revenue, registered deals). */
const TIER_MOVES: readonly DealStatus[] = ['won', 'approved'];

/**
 * Moves a deal and posts the commissions the move earns, in one transaction: a refused move posts
 * nothing, and a failed posting undoes the move (the partner is never told "won" without its
 * commission). Afterwards the pair's trust is updated (a failure is logged, never the move's) and its
 * tiers are re-evaluated by a job; the nightly evaluation and
 * the ledger's reconciliation catch anything a crash between commit and enqueue would lose.
 */
export async function moveDealFlow(
  ctx: ServiceContext,
  actor: MemberActor,
  id: string,
  input: { to: DealStatus; reason?: string; wonAmountMinor?: number },
) {
  const moved = await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const deal = await transitionDeal(txCtx, actor, id, input);
    const event = COMMISSION_EVENT[input.to];
    if (event) await postDealCommissions(txCtx, deal.id, event, actor.userId);
    return deal;
  });
  // After the commit, so a failed trust update never undoes the move (the nightly recompute repairs it).
  await refreshTrustAfterDeals(ctx, [moved.id]);
  if (TIER_MOVES.includes(input.to) && moved.counterpartyId)
    await ctx.jobs.send(tierEvaluationJob, {
      vendorId: moved.counterpartyId,
      partnerId: moved.organizationId,
    });
  return moved;
}
