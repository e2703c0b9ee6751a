import type { PartnershipType } from '../../../common/deals.ts';
import type { Db } from '../../db/client.ts';
import type { TenantScope } from '../../db/tenant.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import type { ProgramRow, RuleRow, TierRow } from './programs.repo.ts';
import * as repo from './programs.repo.ts';
import type { OnboardingItem, Question } from './programs.schema.ts';
import type { Requirements, TierLike } from './programs.tiers.ts';

type RuleKind = 'percentage' | 'flat' | 'recurring' | 'per_lead';
type RuleEvent = 'deal_won' | 'referral_qualified' | 'lead_accepted';

/** A rule as the API shows it (amounts in the program's currency). */
export const presentRule = (r: RuleRow, currency: string) => ({
  id: r.id,
  programId: r.programId,
  tierId: r.tierId,
  kind: r.kind as RuleKind,
  event: r.event as RuleEvent,
  dealKind: r.dealKind as 'any' | 'registration' | 'referral',
  rateBp: r.rateBp,
  amountMinor: r.amountMinor,
  months: r.months,
  currency,
  status: r.status as 'active' | 'retired',
  createdAt: r.createdAt,
  retiredAt: r.retiredAt,
});

/** A tier's requirements as the tier rules read them. */
export const requirementsOf = (t: TierRow): Requirements => ({
  revenueMinor: t.minRevenueMinor,
  wonDeals: t.minWonDeals,
  registeredDeals: t.minRegisteredDeals,
  certifiedPeople: t.minCertifiedPeople,
  customers: t.minCustomers,
});

/** A stored tier as the tier rules see it (with the row kept). */
export const tierLike = (t: TierRow): TierLike & { row: TierRow } => ({
  id: t.id,
  rank: t.rank,
  name: t.name,
  requirements: requirementsOf(t),
  row: t,
});

/** A tier with its requirements, benefits and the active rules paying at it. */
export const presentTier = (t: TierRow, rules: RuleRow[], currency: string) => ({
  id: t.id,
  rank: t.rank,
  name: t.name,
  requirements: requirementsOf(t),
  benefits: {
    discountBp: t.discountBp,
    mdfBudgetMinor: t.mdfBudgetMinor,
    rules: rules
      .filter((r) => r.status === 'active' && (r.tierId === null || r.tierId === t.id))
      .map((r) => presentRule(r, currency)),
  },
});

/** Programs as the viewer sees them: with tiers and rules (`full`), or as list summaries. */
export async function presentPrograms(db: Db, scope: TenantScope, rows: ProgramRow[], full: boolean) {
  const ids = rows.map((p) => p.id);
  const orgs = await selectOrgRefs(
    db,
    rows.map((p) => p.organizationId),
  );
  const tiers = await repo.selectTiers(db, ids);
  const rules = full ? await repo.selectRules(db, ids) : [];
  const standings = await repo.selectMyStandings(db, scope, ids);
  // Counts only for the viewer's own programs: a partner never learns a vendor's numbers.
  const activity = full
    ? null
    : await repo.countProgramActivity(
        db,
        scope,
        rows.filter((p) => p.organizationId === scope.orgId).map((p) => p.id),
      );
  return rows.map((p) => {
    const own = tiers.filter((t) => t.programId === p.id);
    const ownRules = rules.filter((r) => r.programId === p.id);
    const mine = p.organizationId === scope.orgId;
    const base = {
      id: p.id,
      vendor: orgs.get(p.organizationId) ?? { id: p.organizationId, name: 'Unknown', slug: '' },
      mine,
      name: p.name,
      kind: p.kind as 'reseller' | 'referral' | 'ambassador' | 'custom',
      status: p.status as 'draft' | 'published' | 'archived',
      description: p.description,
      currency: p.currency,
      partnershipTypes: p.partnershipTypes as PartnershipType[],
      downgradeGraceDays: p.downgradeGraceDays,
      holdingDays: p.holdingDays,
      myEnrollment: standings.enrollments.get(p.id) ?? null,
      myApplication: standings.applications.get(p.id) ?? null,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
    return {
      ...base,
      tierCount: own.length,
      enrolledCount: mine && activity ? (activity.enrolled.get(p.id) ?? 0) : null,
      pendingApplications: mine && activity ? (activity.pending.get(p.id) ?? 0) : null,
      terms: p.terms,
      questions: p.questions as Question[],
      onboarding: p.onboarding as OnboardingItem[],
      tiers: own.map((t) => presentTier(t, ownRules, p.currency)),
      rules: ownRules.map((r) => presentRule(r, p.currency)),
    };
  });
}
