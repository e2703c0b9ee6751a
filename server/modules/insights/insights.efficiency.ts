/**
 * Effort efficiency per partner: won revenue (in the reporting currency) per deal-cycle day and per
 * deal touch, beside trust, so "earn the most with the least effort" is a sortable column. A
 * partner's deals are the ones trust counts (referrals and registrations either way, co-selling);
 * a cycle is closing minus sending (or creation), at least one day, over won deals; touches are the
 * timeline events on all its deals, both sides'. Amounts are converted with the organization's
 * rate of each deal's closing day; a missing rate is 422 fx_rate_missing, as in the ledger report.
 * A read model: it reads other modules' tables and writes nothing.
 */
import type { Db } from '../../db/client.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { decodeCursor, encodeCursor } from '../../http/pagination.ts';
import { moneySettingsOf, rateBook } from '../ledger/index.ts';
import * as repo from './insights.efficiency.repo.ts';

/** Sort keys of the partners table. */
export const PARTNER_SORTS = ['trust', 'efficiency_day', 'efficiency_touch', 'won', 'recent'] as const;
/** A sort key. */
export type PartnerSort = (typeof PARTNER_SORTS)[number];

type Money = { amountMinor: number; currency: string };

/** One partner's row of the insights table. */
export interface PartnerInsight {
  partner: { id: string; name: string };
  trust: { score: number; computedAt: Date } | null;
  wonDeals: number;
  openDeals: number;
  wonValue: Money;
  cycleDays: number;
  touches: number;
  revenuePerCycleDay: Money | null;
  revenuePerTouch: Money | null;
  lastDealAt: Date | null;
}

/** Revenue ÷ effort, rounded half up to the minor unit; null without effort. */
export const perUnit = (won: Money, units: number): Money | null =>
  units > 0 ? { amountMinor: Math.round(won.amountMinor / units), currency: won.currency } : null;

/** Every active or paused partner of the actor's organization with its numbers (unsorted). */
export async function partnerInsights(db: Db, actor: MemberActor): Promise<PartnerInsight[]> {
  authorize(actor, 'insights.read');
  const today = new Date().toISOString().slice(0, 10);
  const [effort, won, settings] = await Promise.all([
    repo.selectPartnerEffort(db, actor.scope),
    repo.selectPartnerWon(db, actor.scope),
    moneySettingsOf(db, actor.orgId),
  ]);
  const currency = settings.reportingCurrency;
  const book = rateBook(db, actor.orgId, today);
  const wonBy = new Map<string, number>();
  for (const w of won) {
    const amount = await book.convert(w.amountMinor, w.currency, currency, w.day);
    wonBy.set(w.partnerId, (wonBy.get(w.partnerId) ?? 0) + amount);
  }
  return effort.map((e) => {
    const wonValue = { amountMinor: wonBy.get(e.partnerId) ?? 0, currency };
    return {
      partner: { id: e.partnerId, name: e.name },
      trust: e.trustScore === null ? null : { score: e.trustScore, computedAt: e.trustComputedAt! },
      wonDeals: e.wonDeals,
      openDeals: e.openDeals,
      wonValue,
      cycleDays: e.cycleDays,
      touches: e.touches,
      revenuePerCycleDay: e.wonDeals > 0 ? perUnit(wonValue, e.cycleDays) : null,
      revenuePerTouch: e.wonDeals > 0 ? perUnit(wonValue, e.touches) : null,
      lastDealAt: e.lastDealAt,
    };
  });
}

const sortValue: Record<PartnerSort, (p: PartnerInsight) => number | null> = {
  trust: (p) => p.trust?.score ?? null,
  efficiency_day: (p) => p.revenuePerCycleDay?.amountMinor ?? null,
  efficiency_touch: (p) => p.revenuePerTouch?.amountMinor ?? null,
  won: (p) => p.wonValue.amountMinor,
  recent: (p) => p.lastDealAt?.getTime() ?? null,
};

/** Sorts by the key (nulls last either way), ties by partner id. */
export function sortInsights(rows: PartnerInsight[], sort: PartnerSort, order: 'asc' | 'desc') {
  const value = sortValue[sort];
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null)
      return x === y ? a.partner.id.localeCompare(b.partner.id) : x === null ? 1 : -1;
    return (x - y) * sign || a.partner.id.localeCompare(b.partner.id);
  });
}

const cursorShape = (v: unknown[]): v is [number] =>
  v.length === 1 && Number.isInteger(v[0]) && (v[0] as number) >= 0;

/** A page of the partners table: sorted in memory (an organization has hundreds of partners, not millions). */
export async function listPartnerInsights(
  db: Db,
  actor: MemberActor,
  q: { sort: PartnerSort; order: 'asc' | 'desc'; limit: number; cursor?: string },
) {
  const sorted = sortInsights(await partnerInsights(db, actor), q.sort, q.order);
  const start = q.cursor ? decodeCursor(q.cursor, cursorShape)[0] : 0;
  const data = sorted.slice(start, start + q.limit);
  return { data, nextCursor: start + q.limit < sorted.length ? encodeCursor([start + q.limit]) : null };
}
