import { getAppContext } from '../context.ts';
import type { JobDefinition } from '../jobs/queue.ts';
import { sweepDeals } from '../modules/deals/index.ts';
import { refreshTrustAfterDeals } from '../modules/insights/index.ts';
import type { ServiceContext } from '../modules/partnerships/index.ts';

/**
 * One pass of the deal sweep (expire protections, warn before expiry, flag overdue answers), then
 * the trust of each pair that lost a registration to expiry. The trust update runs after the
 * sweep's commits and only logs a failure: the nightly insights refresh repairs it, so nothing is
 * undone.
 */
export async function sweepDealsFlow(ctx: ServiceContext, now: Date) {
  const { expiredDealIds, ...counts } = await sweepDeals(ctx, now);
  await refreshTrustAfterDeals(ctx, expiredDealIds);
  return counts;
}

/** The scheduled deal sweep (every 5 minutes; any number of workers, each notice once). */
export const dealSweepJob: JobDefinition<{ now?: string }> = {
  name: 'deals-sweep',
  retryLimit: 3,
  handler: async () => async (payload) => {
    await sweepDealsFlow(getAppContext(), payload.now ? new Date(payload.now) : new Date());
  },
};
