import { newId } from '../db/ids.ts';
import { commissionRule, enrollment, program, programTier } from '../db/schema/index.ts';
import type { TestMember } from './factories.ts';
import type { TestApp } from './harness.ts';

/** A commission rule for `enrollIn` (program-wide unless `tier` names one of the tiers by rank). */
export interface RuleSpec {
  kind: 'percentage' | 'flat' | 'recurring' | 'per_lead';
  event: 'deal_won' | 'referral_qualified' | 'lead_accepted';
  dealKind?: 'any' | 'registration' | 'referral';
  rateBp?: number;
  amountMinor?: number;
  months?: number;
  tier?: number;
}

/**
 * A published program at the vendor with the given tiers (rank 1 first) and rules, and the
 * partner's active enrollment in it at `atTier` (a rank, or none). Written straight to the
 * database so money tests need not drive the program API first.
 */
export async function enrollIn(
  h: TestApp,
  vendor: TestMember,
  partner: TestMember,
  options: {
    currency?: string;
    holdingDays?: number;
    tiers?: { name: string; revenueMinor?: number; mdfBudgetMinor?: number }[];
    rules?: RuleSpec[];
    atTier?: number;
  } = {},
) {
  const programId = newId();
  const currency = options.currency ?? 'EUR';
  await h.ctx.db.insert(program).values({
    id: programId,
    organizationId: vendor.orgId,
    name: `Program ${programId.slice(-6)}`,
    kind: 'reseller',
    status: 'published',
    currency,
    partnershipTypes: ['resells'],
    holdingDays: options.holdingDays ?? 30,
  });
  const tiers = (options.tiers ?? [{ name: 'Registered' }]).map((t, i) => ({
    id: newId(),
    organizationId: vendor.orgId,
    programId,
    rank: i + 1,
    name: t.name,
    minRevenueMinor: t.revenueMinor ?? 0,
    mdfBudgetMinor: t.mdfBudgetMinor ?? 0,
  }));
  if (tiers.length) await h.ctx.db.insert(programTier).values(tiers);
  const rules = (options.rules ?? []).map((r) => ({
    id: newId(),
    organizationId: vendor.orgId,
    programId,
    tierId: r.tier ? tiers[r.tier - 1]!.id : null,
    kind: r.kind,
    event: r.event,
    dealKind: r.dealKind ?? 'any',
    rateBp: r.rateBp ?? null,
    amountMinor: r.amountMinor ?? null,
    months: r.months ?? null,
  }));
  if (rules.length) await h.ctx.db.insert(commissionRule).values(rules);
  const enrollmentId = newId();
  await h.ctx.db.insert(enrollment).values({
    id: enrollmentId,
    organizationId: vendor.orgId,
    partnerId: partner.orgId,
    programId,
    tierId: options.atTier ? tiers[options.atTier - 1]!.id : null,
  });
  return {
    programId,
    enrollmentId,
    tierIds: tiers.map((t) => t.id),
    ruleIds: rules.map((r) => r.id),
    currency,
  };
}
