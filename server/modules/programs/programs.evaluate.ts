import { subMonths } from 'date-fns';
import { getAppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { JobDefinition } from '../../jobs/queue.ts';
import { partnerDealMetrics } from '../deals/index.ts';
import { notify } from '../notifications/index.ts';
import type { ServiceContext } from '../partnerships/index.ts';
import * as erepo from './programs.enrollments.repo.ts';
import { tierLike } from './programs.present.ts';
import * as repo from './programs.repo.ts';
import {
  changeReason,
  decideTier,
  qualifiedTier,
  type Requirements,
  type TierChangeKind,
} from './programs.tiers.ts';

/** The numbers of one evaluation, as stored on the enrollment and in tier history. */
export interface TierMetrics extends Requirements {
  currency: string;
  otherCurrencyDeals: number;
  since: string;
}

/** Which enrollments to evaluate (none given: every active enrollment). */
export interface EvaluationFilter {
  vendorId?: string;
  partnerId?: string;
  programId?: string;
  enrollmentId?: string;
}

/** What one evaluation changed. */
export interface TierOutcome {
  enrollmentId: string;
  kind: TierChangeKind | null;
  tierId: string | null;
}

type PairNumbers = Awaited<ReturnType<typeof partnerDealMetrics>> & { certifiedPeople: number };

/** The vendor–partner pair's trailing-12-month numbers, read once per pair. */
async function pairNumbers(db: Db, vendorId: string, partnerId: string, now: Date): Promise<PairNumbers> {
  const deals = await partnerDealMetrics(db, vendorId, partnerId, subMonths(now, 12));
  const certifiedPeople = await erepo.countCertifiedPeople(
    db,
    vendorId,
    partnerId,
    now.toISOString().slice(0, 10),
  );
  return { ...deals, certifiedPeople };
}

/**
 * The pair's numbers in a program's currency. Revenue counts only deals won in that currency:
 * converting others needs the FX rates of the ledger module and is out of scope here, so they are
 * reported as `otherCurrencyDeals` (they still count as won deals and customers).
 */
function inCurrency(n: PairNumbers, currency: string, now: Date): TierMetrics {
  const sameCurrencyDeals = n.wonDealsByCurrency[currency] ?? 0;
  return {
    revenueMinor: n.wonRevenueByCurrency[currency] ?? 0,
    wonDeals: n.wonDeals,
    registeredDeals: n.registeredDeals,
    certifiedPeople: n.certifiedPeople,
    customers: n.customers,
    currency,
    otherCurrencyDeals: n.wonDeals - sameCurrencyDeals,
    since: subMonths(now, 12).toISOString(),
  };
}

/**
 * Evaluates one enrollment in the caller's transaction: locks it, measures the pair, applies the
 * tier rules (upgrades at once, downgrades after the grace period), stores the numbers, and writes
 * a tier-history row with them for every change. `numbers` lets a caller reuse a pair's numbers.
 */
export async function evaluateEnrollment(
  ctx: ServiceContext,
  enrollmentId: string,
  now = new Date(),
  numbers?: PairNumbers,
): Promise<TierOutcome | null> {
  const db = ctx.db;
  const e = await erepo.lockEnrollment(db, enrollmentId);
  if (e?.status !== 'active') return null;
  const program = (await erepo.selectProgramsByIds(db, [e.programId])).get(e.programId)!;
  const tiers = (await repo.selectTiers(db, [e.programId])).map(tierLike);
  const metrics = inCurrency(
    numbers ?? (await pairNumbers(db, e.organizationId, e.partnerId, now)),
    program.currency,
    now,
  );
  const current = tiers.find((t) => t.id === e.tierId) ?? null;
  const decision = decideTier({
    current,
    qualified: qualifiedTier(tiers, metrics),
    belowSince: e.belowSince,
    graceDays: program.downgradeGraceDays,
    now,
  });
  await erepo.updateEnrollment(db, e.id, {
    tierId: decision.tier?.id ?? null,
    belowSince: decision.belowSince,
    metrics,
    evaluatedAt: now,
  });
  const change = decision.change;
  if (!change) return { enrollmentId: e.id, kind: null, tierId: decision.tier?.id ?? null };
  const reason = changeReason(
    change.kind,
    change.from,
    change.to,
    metrics,
    program.currency,
    program.downgradeGraceDays,
    now,
  );
  await erepo.insertTierChange(db, {
    id: newId(),
    organizationId: e.organizationId,
    enrollmentId: e.id,
    partnerId: e.partnerId,
    fromTierId: change.from?.id ?? null,
    toTierId: change.to?.id ?? null,
    kind: change.kind,
    metrics,
    reason,
    createdAt: now,
  });
  const title: Partial<Record<TierChangeKind, string>> = {
    initial: `You are ${change.to?.name} in ${program.name}`,
    upgrade: `You moved up to ${change.to?.name} in ${program.name}`,
    downgrade: `You moved down to ${change.to?.name ?? 'no tier'} in ${program.name}`,
    grace_started: `You are below ${change.from?.name}'s requirements in ${program.name}`,
  };
  if (title[change.kind])
    await notify(ctx, {
      organizationId: e.partnerId,
      kind: `program.tier_${change.kind}`,
      title: title[change.kind]!,
      body: reason,
      link: `/enrollments/${e.id}`,
      email: change.kind !== 'initial',
    });
  return { enrollmentId: e.id, kind: change.kind, tierId: decision.tier?.id ?? null };
}

/**
 * Evaluates the matching active enrollments at `now`, each in its own transaction (one partner's
 * failure does not hold back the others' changes). A pair's numbers are read once for all of its
 * enrollments. Empty filter: every active enrollment (the nightly run).
 */
export async function evaluateTiers(
  ctx: ServiceContext,
  filter: EvaluationFilter = {},
  now = new Date(),
): Promise<TierOutcome[]> {
  const targets = await erepo.selectEnrollmentsToEvaluate(ctx.db, filter);
  const outcomes: TierOutcome[] = [];
  let pairKey = '';
  let numbers: PairNumbers | undefined;
  for (const t of targets) {
    const key = `${t.vendorId}:${t.partnerId}`;
    if (key !== pairKey) {
      numbers = await pairNumbers(ctx.db, t.vendorId, t.partnerId, now);
      pairKey = key;
    }
    const outcome = await ctx.db.transaction((tx) =>
      evaluateEnrollment({ ...ctx, db: tx }, t.id, now, numbers),
    );
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

/**
 * Tier evaluation as a job: after a deal event or certification (a vendor and partner), or nightly
 * (no payload: every active enrollment).
 */
export const tierEvaluationJob: JobDefinition<{ vendorId?: string; partnerId?: string }> = {
  name: 'programs-tier-evaluation',
  retryLimit: 3,
  handler: async () => async (payload) => {
    await evaluateTiers(getAppContext(), { vendorId: payload?.vendorId, partnerId: payload?.partnerId });
  },
};
