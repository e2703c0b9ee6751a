// The cockpit's numbers, computed from rows the repo read and the service converted to the
// reporting currency. Pure: no database, no clock, so every KPI is testable by hand.
import { percentOf } from '../../../common/money.ts';
import type { DealRow, PartnerRow } from './cockpit.repo.ts';

const DAY = 86_400_000;

/** A deal with its amount in the reporting currency. */
export type ValuedDeal = DealRow & { value: number };

/** Everything the numbers are computed from. */
export interface KpiInput {
  startMs: number;
  /** Exclusive end of the period. */
  endMs: number;
  /** Partners in scope and filters, by id. */
  partners: ReadonlyMap<string, PartnerRow>;
  /** Direct deals count (organization scope) — and only in these customer countries, when set. */
  direct: { include: boolean; countries: ReadonlySet<string> | null };
  deals: readonly ValuedDeal[];
  /** Per partner and month (YYYY-MM), the last deal event. */
  activity: readonly { partnerId: string; month: string; lastMs: number }[];
  firstDeals: ReadonlyMap<string, { firstMs: number; successMs: number | null }>;
  /** Paid to partners in the period, in the reporting currency. */
  costs: readonly { partnerId: string; kind: 'commission' | 'mdf'; value: number }[];
  /** The best tier discount each partner has in the organization's programs. */
  discountBp: ReadonlyMap<string, number>;
  directCostOfSaleBps: number;
  /** People in the roll-up, with the user ids whose partnerships count for each (themselves). */
  rollupUsers: readonly { id: string; name: string; role: string }[];
}

/** What a deal is to the organization, and which partner it counts for. */
export interface Classified {
  category: 'sourced' | 'influenced' | 'direct' | 'sent';
  /** The partner the deal counts for (concentration, roll-up); null for direct deals. */
  lead: string | null;
}

/**
 * Partner-sourced: a registration or referral a partner brought, or an opportunity with a co-seller
 * attributed `sourced`; partner-influenced: an opportunity with co-sellers, none of them sourcing
 * it; direct: an opportunity with no co-seller; sent: a referral the organization sent. Null when
 * the deal's partners are all outside the filters (or, for direct deals, outside the scope).
 */
export function classify(d: DealRow, input: Pick<KpiInput, 'partners' | 'direct'>): Classified | null {
  const { partners, direct } = input;
  if (d.kind !== 'opportunity') {
    if (!d.counterpart || !partners.has(d.counterpart)) return null;
    return { category: d.direction === 'out' ? 'sent' : 'sourced', lead: d.counterpart };
  }
  if (d.coSellers.length === 0) {
    if (!direct.include) return null;
    if (direct.countries && !(d.customerCountry && direct.countries.has(d.customerCountry))) return null;
    return { category: 'direct', lead: null };
  }
  const inScope = d.coSellers.filter((c) => partners.has(c.org));
  if (inScope.length === 0) return null;
  const sourcing = inScope.find((c) => c.attribution === 'sourced');
  return sourcing
    ? { category: 'sourced', lead: sourcing.org }
    : { category: 'influenced', lead: inScope[0]!.org };
}

/** The median of numbers, rounded to one decimal (null for none). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(m * 10) / 10;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
const days = (ms: number) => Math.max(0, ms) / DAY;

/** 'YYYY-MM' of a time. */
export const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/** The same day `n` months later (earlier for negative n), at midnight UTC. */
export function addMonths(ms: number, n: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate());
}

/** Every month from the one of `startMs` to the one of `endMs - 1`, as YYYY-MM. */
export function monthsBetween(startMs: number, endMs: number): string[] {
  const months: string[] = [];
  const last = monthOf(endMs - 1);
  const s = new Date(startMs);
  for (let i = 0; ; i++) {
    const m = monthOf(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + i, 1));
    months.push(m);
    if (m >= last) return months;
  }
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** Live at a time: joined before it and not ended before it. */
const liveAt = (p: PartnerRow, ms: number) => p.joinedMs < ms && (p.endedMs === null || p.endedMs >= ms);

interface Tally {
  sourced: number;
  sourcedDeals: number;
  influenced: number;
  influencedDeals: number;
  direct: number;
  directDeals: number;
  partnerLost: number;
  directLost: number;
}
const tally = (): Tally => ({
  sourced: 0,
  sourcedDeals: 0,
  influenced: 0,
  influencedDeals: 0,
  direct: 0,
  directDeals: 0,
  partnerLost: 0,
  directLost: 0,
});

function count(t: Tally, c: Classified, d: ValuedDeal) {
  if (c.category === 'sent') return;
  if (d.status === 'lost') {
    if (c.category === 'direct') t.directLost++;
    else t.partnerLost++;
    return;
  }
  if (c.category === 'sourced') {
    t.sourced += d.value;
    t.sourcedDeals++;
  } else if (c.category === 'influenced') {
    t.influenced += d.value;
    t.influencedDeals++;
  } else {
    t.direct += d.value;
    t.directDeals++;
  }
}

/** Every number of the cockpit, in minor units of the reporting currency (the service adds it). */
export function computeKpis(input: KpiInput) {
  const { partners, startMs, endMs } = input;
  const total = tally();
  const byMonth = new Map<string, Tally>();
  const byOwner = new Map<string, Tally>();
  const sourcedByPartner = new Map<string, number>();
  const partnerCycles: number[] = [];
  const directCycles: number[] = [];
  let sent = 0;
  let referralsReceived = 0;
  let discounts = 0;
  for (const d of input.deals) {
    const c = classify(d, input);
    if (!c) continue;
    count(total, c, d);
    const month = monthOf(d.closedMs);
    const m = byMonth.get(month) ?? tally();
    byMonth.set(month, m);
    count(m, c, d);
    const owner = c.lead ? partners.get(c.lead)?.ownerUserId : null;
    if (owner) {
      const o = byOwner.get(owner) ?? tally();
      byOwner.set(owner, o);
      count(o, c, d);
    }
    if (d.status !== 'won') continue;
    if (c.category === 'sent') sent += d.value;
    if (c.category === 'sourced' && c.lead) {
      sourcedByPartner.set(c.lead, (sourcedByPartner.get(c.lead) ?? 0) + d.value);
      if (d.kind === 'referral') referralsReceived += d.value;
      if (d.kind === 'registration') discounts += percentOf(d.value, input.discountBp.get(c.lead) ?? 0);
    }
    if (c.category === 'direct') directCycles.push(days(d.closedMs - d.startMs));
    else if (c.category !== 'sent') partnerCycles.push(days(d.closedMs - d.startMs));
  }

  const partnerRevenue = total.sourced + total.influenced;
  const partnerWon = total.sourcedDeals + total.influencedDeals;
  const includeDirect = input.direct.include;

  // Activity: the last deal event per partner, for the KPI (exact trailing 12 months) and by month.
  const lastMs = new Map<string, number>();
  const activeMonths = new Map<string, Set<number>>();
  for (const a of input.activity) {
    if (!partners.has(a.partnerId)) continue;
    lastMs.set(a.partnerId, Math.max(lastMs.get(a.partnerId) ?? 0, a.lastMs));
    const set = activeMonths.get(a.partnerId) ?? new Set<number>();
    set.add(monthIndex(a.month));
    activeMonths.set(a.partnerId, set);
  }
  const live = [...partners.values()].filter((p) => liveAt(p, endMs));
  const windowStart = addMonths(endMs, -12);
  const active = live.filter((p) => (lastMs.get(p.partnerId) ?? 0) >= windowStart).length;

  const joined = [...partners.values()].filter((p) => p.joinedMs >= startMs && p.joinedMs < endMs);
  const activated = joined.filter((p) => {
    const success = input.firstDeals.get(p.partnerId)?.successMs;
    return success != null && success < endMs;
  }).length;
  const firstDealDays: number[] = [];
  for (const p of partners.values()) {
    const first = input.firstDeals.get(p.partnerId)?.firstMs;
    if (first !== undefined && first >= startMs && first < endMs)
      firstDealDays.push(days(first - p.joinedMs));
  }

  const ranked = [...sourcedByPartner]
    .map(([id, value]) => ({ id, name: partners.get(id)?.name ?? '', value }))
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const sourcedTotal = ranked.reduce((n, r) => n + r.value, 0);
  const top = ranked.slice(0, 10);

  let commissions = 0;
  let mdf = 0;
  for (const c of input.costs) {
    if (!partners.has(c.partnerId)) continue;
    if (c.kind === 'mdf') mdf += c.value;
    else commissions += c.value;
  }
  const cost = commissions + discounts + mdf;

  const kpis = {
    partnerSourced: { revenue: total.sourced, deals: total.sourcedDeals },
    partnerInfluenced: { revenue: total.influenced, deals: total.influencedDeals },
    direct: includeDirect ? { revenue: total.direct, deals: total.directDeals } : null,
    channelShare: includeDirect ? ratio(partnerRevenue, partnerRevenue + total.direct) : null,
    activePartners: { active, total: live.length, ratio: ratio(active, live.length) },
    activation: { joined: joined.length, activated, rate: ratio(activated, joined.length) },
    timeToFirstDeal: { medianDays: median(firstDealDays), partners: firstDealDays.length },
    winRate: {
      partner: ratio(partnerWon, partnerWon + total.partnerLost),
      direct: includeDirect ? ratio(total.directDeals, total.directDeals + total.directLost) : null,
    },
    avgDealSize: {
      partner: partnerWon ? Math.round(partnerRevenue / partnerWon) : null,
      direct: includeDirect && total.directDeals ? Math.round(total.direct / total.directDeals) : null,
    },
    timeToClose: { partner: median(partnerCycles), direct: includeDirect ? median(directCycles) : null },
    concentration: {
      top10Share: ratio(
        top.reduce((n, r) => n + r.value, 0),
        sourcedTotal,
      ),
      hhi: sourcedTotal
        ? Math.round(ranked.reduce((n, r) => n + (r.value / sourcedTotal) ** 2, 0) * 10_000)
        : null,
      top: top.map((r) => ({
        partner: { id: r.id, name: r.name },
        revenue: r.value,
        share: Math.round((r.value / sourcedTotal) * 10_000) / 10_000,
      })),
    },
    costOfIndirect: {
      commissions,
      discounts,
      mdf,
      total: cost,
      partnerRevenue,
      costBps: partnerRevenue ? Math.round((cost * 10_000) / partnerRevenue) : null,
      directCostOfSaleBps: input.directCostOfSaleBps,
    },
    p2p: {
      revenue: referralsReceived + sent,
      share: ratio(referralsReceived + sent, partnerRevenue + sent),
    },
  };

  const trend = monthsBetween(startMs, endMs).map((month) => {
    const t = byMonth.get(month) ?? tally();
    const index = monthIndex(month);
    const monthEnd = Math.min(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 1), endMs);
    const activeThen = [...partners.values()].filter((p) => {
      if (!liveAt(p, monthEnd)) return false;
      const seen = activeMonths.get(p.partnerId);
      if (!seen) return false;
      for (let i = index - 11; i <= index; i++) if (seen.has(i)) return true;
      return false;
    }).length;
    const won = t.sourced + t.influenced;
    return {
      month,
      sourced: t.sourced,
      influenced: t.influenced,
      direct: includeDirect ? t.direct : null,
      channelShare: includeDirect ? ratio(won, won + t.direct) : null,
      activePartners: activeThen,
      newPartners: [...partners.values()].filter((p) => monthOf(p.joinedMs) === month).length,
      wonDeals: t.sourcedDeals + t.influencedDeals + (includeDirect ? t.directDeals : 0),
    };
  });

  const rollup = input.rollupUsers.map((user) => {
    const t = byOwner.get(user.id) ?? tally();
    const won = t.sourcedDeals + t.influencedDeals;
    return {
      user,
      partners: live.filter((p) => p.ownerUserId === user.id).length,
      sourced: t.sourced,
      influenced: t.influenced,
      wonDeals: won,
      winRate: ratio(won, won + t.partnerLost),
    };
  });

  return { kpis, trend, rollup };
}
