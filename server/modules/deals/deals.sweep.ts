import { addDays } from 'date-fns';
import { newId } from '../../db/ids.ts';
import { recordActivity } from '../activity/index.ts';
import type { ServiceContext } from '../partnerships/index.ts';
import * as conflictsRepo from './deals.conflicts.repo.ts';
import { tellSide } from './deals.notify.ts';
import * as repo from './deals.repo.ts';

/** Days before a protection ends that both sides are warned. */
export const EXPIRY_WARNING_DAYS = 7;

/**
 * One pass of the sweep at `now`. Each step claims its rows with SKIP LOCKED and marks them in the
 * same transaction as its notices, so any number of workers can run it and each notice goes once.
 * A protection ending exactly at `now` has ended (the window is `[start, end)`). Returns the counts
 * and the expired deals' ids (for what follows an expiry outside deals: see flows/sweep-deals.ts).
 */
export async function sweepDeals(ctx: ServiceContext, now: Date) {
  const expired = await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const ended = await conflictsRepo.claimEndedProtections(tx, now);
    const vendorOf = new Map(ended.map((p) => [p.dealId, p.organizationId]));
    const deals = await repo.expireApprovedDeals(
      tx,
      ended.map((p) => p.dealId),
      now,
    );
    await repo.insertDealEvents(
      tx,
      ...deals.map((d) => ({
        id: newId(),
        organizationId: vendorOf.get(d.id)!,
        dealId: d.id,
        kind: 'status_changed',
        fromStatus: 'approved',
        toStatus: 'expired',
        note: 'The protection window ended; the customer is open for registration again',
      })),
    );
    await recordActivity(
      tx,
      ...deals.map((d) => ({
        organizationId: d.organizationId,
        kind: 'deal.expired' as const,
        source: 'deals',
        data: { dealId: d.id },
      })),
    );
    // Each side hears through its own owner of the partnership, so the notices go one by one.
    for (const d of deals)
      for (const orgId of [d.organizationId, vendorOf.get(d.id)!])
        await tellSide(txCtx, d, orgId, {
          kind: 'registration.expired',
          title: `Protection for ${d.customerName} expired`,
          body: 'The registration expired and the customer is open for registration again.',
        });
    return { count: ended.length, dealIds: deals.map((d) => d.id) };
  });

  const warned = await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const expiring = await conflictsRepo.claimExpiringProtections(tx, now, addDays(now, EXPIRY_WARNING_DAYS));
    const deals = await repo.selectDealsByIds(
      tx,
      expiring.map((p) => p.dealId),
    );
    for (const p of expiring) {
      const d = deals.get(p.dealId);
      if (!d) continue;
      for (const orgId of [p.partnerId, p.vendorId])
        await tellSide(txCtx, d, orgId, {
          kind: 'registration.expiring',
          title: `Protection for ${d.customerName} ends on ${p.endsAt.toISOString().slice(0, 10)}`,
          body: 'Win the deal, or ask the vendor for an extension before the protection ends.',
        });
    }
    return expiring.length;
  });

  const overdue = await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const late = await repo.claimOverdueDeals(tx, now);
    for (const d of late)
      if (d.counterpartyId)
        await tellSide(txCtx, d, d.counterpartyId, {
          kind: `${d.kind}.overdue`,
          title: `${d.kind === 'referral' ? 'Referral' : 'Registration'} for ${d.customerName} is overdue`,
          body: `It was due ${d.responseDueAt?.toISOString().slice(0, 10)}: please answer it.`,
        });
    return late.length;
  });
  return { expired: expired.count, warned, overdue, expiredDealIds: expired.dealIds };
}
