import { addDays, addMonths, subDays } from 'date-fns';
import { formatMoney, formatRate, percentOf } from '../../../common/money.ts';
import { getAppContext } from '../../context.ts';
import type { JobDefinition } from '../../jobs/queue.ts';
import type { ServiceContext } from '../partnerships/index.ts';
import { type CommissionRuleRow, type CommissionTerms, commissionTermsFor } from '../programs/index.ts';
import { type EntryRow, type NewEntry, postEntries } from './ledger.post.ts';
import * as repo from './ledger.repo.ts';

/** A deal event that can earn a commission. */
export type CommissionEvent = 'deal_won' | 'referral_qualified' | 'lead_accepted';

/** Every commission event. */
export const COMMISSION_EVENTS: readonly CommissionEvent[] = [
  'deal_won',
  'referral_qualified',
  'lead_accepted',
];

const EVENT_LABEL: Record<CommissionEvent, string> = {
  deal_won: 'won',
  referral_qualified: 'qualified',
  lead_accepted: 'accepted',
};

// The deal state each event is about (its time is when the deal moved there).
const EVENT_STATUS: Record<CommissionEvent, string> = {
  deal_won: 'won',
  referral_qualified: 'qualified',
  lead_accepted: 'accepted',
};

/** The entries one rule of a program term produces for a deal event (none when it does not apply). */
export function entriesForRule(
  d: repo.DealRow,
  event: CommissionEvent,
  terms: CommissionTerms,
  rule: CommissionRuleRow,
  at: Date,
  actorUserId: string | null,
): NewEntry[] {
  if (rule.event !== event || (rule.dealKind !== 'any' && rule.dealKind !== d.kind)) return [];
  const base = event === 'deal_won' ? (d.wonAmountMinor ?? d.amountMinor) : d.amountMinor;
  const entry = (amountMinor: number, currency: string, what: string, seq = 0, earnedAt = at): NewEntry => ({
    organizationId: d.counterpartyId!,
    beneficiaryId: d.organizationId,
    kind: 'commission',
    currency,
    amountMinor,
    sourceType: `deal.${event}`,
    sourceId: d.id,
    ruleId: rule.id,
    seq,
    programId: terms.programId,
    dealId: d.id,
    description: `${terms.programName}: ${what} — ${d.customerName} (${EVENT_LABEL[event]})`,
    earnedAt,
    availableAt: addDays(earnedAt, terms.holdingDays),
    createdByUserId: actorUserId,
  });
  const ofBase = (rateBp: number) =>
    `${formatRate(rateBp)} of ${formatMoney({ amountMinor: base, currency: d.currency })}`;
  switch (rule.kind) {
    case 'percentage':
      if (event === 'lead_accepted' || rule.rateBp === null) return [];
      return [entry(percentOf(base, rule.rateBp), d.currency, ofBase(rule.rateBp))];
    case 'flat':
      return rule.amountMinor === null ? [] : [entry(rule.amountMinor, terms.currency, 'flat bounty')];
    case 'per_lead':
      return event !== 'lead_accepted' || rule.amountMinor === null
        ? []
        : [entry(rule.amountMinor, terms.currency, 'per lead')];
    case 'recurring': {
      if (event !== 'deal_won' || !d.subscription || rule.rateBp === null || !rule.months) return [];
      const rateBp = rule.rateBp;
      return Array.from({ length: rule.months }, (_, seq) =>
        entry(
          percentOf(base, rateBp),
          d.currency,
          `${ofBase(rateBp)} monthly, month ${seq + 1} of ${rule.months}`,
          seq,
          addMonths(at, seq),
        ),
      );
    }
    default:
      return [];
  }
}

/**
 * Posts the commissions a deal event earns: the deal's counterparty (the vendor of a registration,
 * the receiver of a referral) pays its creator by the matching rules of the creator's program
 * enrollments at its tier. A won referral that no program rule paid earns the P2P referral fee the
 * receiver agreed with the sender, if any (netted between the two, so never held). Idempotent:
 * every entry is keyed by deal, event, rule and month, so posting an event twice posts nothing
 * more. Runs on `ctx.db`: pass the transaction that moved the deal. Returns what it posted.
 */
export async function postDealCommissions(
  ctx: Pick<ServiceContext, 'db'>,
  dealId: string,
  event: CommissionEvent,
  actorUserId: string | null,
): Promise<EntryRow[]> {
  const { db } = ctx;
  const d = await repo.selectDeal(db, dealId);
  if (!d?.counterpartyId || d.kind === 'opportunity') return [];
  if (event === 'deal_won' && d.status !== 'won') return [];
  if (event !== 'deal_won' && d.kind !== 'referral') return [];
  const at =
    (event === 'deal_won' ? d.closedAt : await repo.selectStatusTime(db, d.id, EVENT_STATUS[event])) ??
    new Date();
  const allTerms = await commissionTermsFor(db, d.counterpartyId, d.organizationId);
  const entries = allTerms.flatMap((terms) =>
    terms.rules.flatMap((rule) => entriesForRule(d, event, terms, rule, at, actorUserId)),
  );
  if (entries.length === 0 && event === 'deal_won' && d.kind === 'referral') {
    const fee = await repo.selectReferralFeeTerm(db, d.counterpartyId, d.organizationId);
    const base = d.wonAmountMinor ?? d.amountMinor;
    if (fee)
      entries.push({
        organizationId: d.counterpartyId,
        beneficiaryId: d.organizationId,
        kind: 'p2p_fee',
        currency: d.currency,
        amountMinor: percentOf(base, fee.rateBp),
        sourceType: 'deal.p2p_fee',
        sourceId: d.id,
        ruleId: fee.id,
        seq: 0,
        programId: null,
        dealId: d.id,
        description: `Referral fee: ${formatRate(fee.rateBp)} of ${formatMoney({ amountMinor: base, currency: d.currency })} — ${d.customerName} (won)`,
        earnedAt: at,
        availableAt: at,
        createdByUserId: actorUserId,
      });
  }
  return postEntries(
    db,
    entries.filter((e) => e.amountMinor !== 0),
  );
}

/**
 * Reconciliation: posts the commissions of deals won, qualified or accepted since `since` that
 * have no entry for that event (the move's own posting failed, or the deal moved before the
 * ledger existed). Each deal in its own transaction; idempotent. Returns how many entries it posted.
 */
export async function postMissedCommissions(ctx: Pick<ServiceContext, 'db'>, since: Date): Promise<number> {
  const missed = await repo.selectUnpostedDealEvents(ctx.db, since);
  let posted = 0;
  for (const m of missed)
    posted += (
      await ctx.db.transaction((tx) =>
        postDealCommissions({ db: tx }, m.deal_id, m.event as CommissionEvent, null),
      )
    ).length;
  return posted;
}

/** The nightly ledger reconciliation (default: deals of the last 7 days). */
export const ledgerReconcileJob: JobDefinition<{ sinceDays?: number }> = {
  name: 'ledger-reconcile',
  retryLimit: 3,
  handler: async () => async (payload) => {
    const ctx = getAppContext();
    const posted = await postMissedCommissions(ctx, subDays(new Date(), payload.sinceDays ?? 7));
    if (posted > 0) ctx.log.warn({ posted }, 'ledger reconciliation posted missed commissions');
  },
};
