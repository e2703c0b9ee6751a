import { countriesOfRegion, isFacetValue } from '../../../common/taxonomy/index.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { moneySettingsOf, rateBook } from '../ledger/index.ts';
import { addMonths, computeKpis, type ValuedDeal } from './cockpit.kpis.ts';
import * as repo from './cockpit.repo.ts';
import type { Cockpit, CockpitQuery } from './cockpit.schema.ts';

const DAY = 86_400_000;
/** The longest period the cockpit covers. */
export const MAX_PERIOD_DAYS = 5 * 366;
const EARLIEST = '2000-01-01';
/** Roles that see the whole organization; everyone else with cockpit.read sees their portfolio. */
const ORGANIZATION_ROLES = new Set(['owner', 'admin', 'cpo', 'finance']);
/** The cost of a direct sale until an organization sets its own (cockpit_settings' default). */
export const DEFAULT_DIRECT_COST_BPS = 1500;

/** How each number is computed, shown beside it. */
export const DEFINITIONS: Record<string, string> = {
  partnerSourced:
    'Won deals a partner brought you: registrations partners made with you as vendor, referrals partners sent you, and your own opportunities where a co-selling partner is attributed “sourced”. Counted in the month the deal was won, at its won amount.',
  partnerInfluenced:
    'Your own won opportunities with a co-selling partner attributed “influenced” or “delivering” (and none “sourced”).',
  direct: 'Your own won opportunities with no partner on them. Not part of an alliance manager’s portfolio.',
  channelShare:
    '(Partner-sourced + partner-influenced revenue) / all won revenue (sourced + influenced + direct).',
  activePartners:
    'Partners with at least one deal event (any change on a deal you both are on) in the 12 months up to the end of the period, out of all partners at that date.',
  activation:
    'Of the partners whose partnership started in the period, the share with at least one won or approved deal with you since.',
  timeToFirstDeal:
    'Median days from the start of a partnership (its acceptance) to the first deal with that partner, for partners whose first deal came in the period.',
  winRate:
    'Won / (won + lost) deals closed in the period, partner deals (sourced or influenced) vs direct deals.',
  avgDealSize: 'Won revenue / won deals, partner deals vs direct deals.',
  timeToClose:
    'Median days from a deal reaching you (a referral sent, a registration submitted, an opportunity created) to its win, with vs without partners.',
  concentration:
    'How much partner-sourced revenue depends on few partners: the ten biggest partners’ share, and the Herfindahl–Hirschman index Σ share² × 10,000 over all partners (10,000 = one partner brings everything; below 1,500 is unconcentrated).',
  tiers: 'Partners per program tier, from their active enrollments today.',
  costOfIndirect:
    'Commissions and P2P fees posted to partners in the period (net of reversals) + tier discounts (the partner’s best tier discount × its won registrations) + MDF claims posted, divided by partner revenue (sourced + influenced), beside your configured direct cost of sale.',
  p2p: 'Revenue of won referrals in either direction (received from partners and sent to partners) / all partner revenue including the referrals you sent.',
  trend:
    'The same numbers per calendar month (active partners: a deal event in the 12 months up to the month’s end).',
  rollup:
    'Each person’s own partnerships (the partner side owner): live partners, the sourced and influenced revenue and won deals of the partners they own, and their win rate.',
  filters:
    'Program and tier: partners actively enrolled. Region and industry: the partner’s directory profile (a region matches the countries it serves and its HQ). Alliance manager: partnerships that person or anyone reporting to them owns. Direct deals follow only the region filter (by the customer’s country).',
};

const isRealDate = (s: string) =>
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const rangeError = (message: string, path: string) =>
  new AppError('invalid_range', message, { issues: [{ path, message }] });

/** The period as [start, end) in ms with its dates: default the current month and the 11 before it. */
export function resolvePeriod(query: { from?: string; to?: string }, now: Date) {
  const today = now.toISOString().slice(0, 10);
  const to = query.to ?? today;
  if (!isRealDate(to)) throw rangeError(`"${to}" is not a calendar date`, 'to');
  const endMs = Date.parse(`${to}T00:00:00Z`) + DAY;
  const from =
    query.from ??
    new Date(addMonths(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, 1), -11))
      .toISOString()
      .slice(0, 10);
  if (!isRealDate(from)) throw rangeError(`"${from}" is not a calendar date`, 'from');
  const startMs = Date.parse(`${from}T00:00:00Z`);
  if (from > to) throw rangeError('The period starts after it ends', 'from');
  if (from < EARLIEST) throw rangeError('The period cannot start before 2000', 'from');
  if (endMs - startMs > MAX_PERIOD_DAYS * DAY)
    throw rangeError('The cockpit covers at most five years', 'to');
  if (endMs > now.getTime() + 366 * DAY)
    throw rangeError('The period cannot end more than a year from now', 'to');
  return { from, to, startMs, endMs };
}

/** Whose partnerships count, from the actor's role, reports and the alliance manager filter. */
export async function resolveScope(db: Db, actor: MemberActor, allianceManagerId?: string) {
  const members = await repo.selectMembers(db, actor.scope);
  const byMember = new Map(members.map((m) => [m.memberId, m]));
  const teamOf = async (m: repo.MemberRow) => [
    m.userId,
    ...(await repo.selectReportIds(db, actor.scope, m.memberId)).flatMap(
      (id) => byMember.get(id)?.userId ?? [],
    ),
  ];
  const organization = ORGANIZATION_ROLES.has(actor.role);
  const me = byMember.get(actor.memberId);
  const mine = organization || !me ? null : await teamOf(me);
  let owners: string[] | null = mine;
  if (allianceManagerId) {
    const target = members.find((m) => m.userId === allianceManagerId);
    if (!target) throw notFound('Member');
    if (mine && !mine.includes(target.userId))
      throw forbidden('That person does not report to you: you can filter by yourself and your reports only');
    owners = await teamOf(target);
  }
  return { scope: organization ? ('organization' as const) : ('portfolio' as const), owners, members };
}

/** Validates the filters: facet keys against the taxonomy, program and tier against the organization. */
async function partnerFilter(db: Db, actor: MemberActor, query: CockpitQuery, owners: string[] | null) {
  if (query.region && !isFacetValue('region', query.region))
    throw invalidInput(`"${query.region}" is not a UN M49 region or sub-region code`, 'region');
  if (query.industry && !isFacetValue('industry', query.industry))
    throw invalidInput(`"${query.industry}" is not a NAICS sector code`, 'industry');
  if (query.programId && !(await repo.programExists(db, actor.scope, query.programId)))
    throw notFound('Program');
  if (query.tierId && !(await repo.tierExists(db, actor.scope, query.tierId))) throw notFound('Tier');
  return {
    programId: query.programId,
    tierId: query.tierId,
    region: query.region,
    industry: query.industry,
    ...(owners ? { ownerUserIds: owners } : {}),
  };
}

/** The organization's direct cost of sale (its setting or the default). */
async function directCostBps(db: Db, actor: MemberActor) {
  return (await repo.selectSettings(db, actor.scope))?.directCostOfSaleBps ?? DEFAULT_DIRECT_COST_BPS;
}

/**
 * The cockpit for the actor: the whole organization for owners, admins, the CPO and finance; the
 * portfolio of an alliance manager (their partnerships and their reports') otherwise. Amounts are
 * converted to the reporting currency at each deal's (or ledger entry's) date; a missing rate is a
 * 422 fx_rate_missing naming the pair, as the ledger report does.
 */
export async function getCockpit(
  db: Db,
  actor: MemberActor,
  query: CockpitQuery,
  now = new Date(),
): Promise<Cockpit> {
  authorize(actor, 'cockpit.read');
  const period = resolvePeriod(query, now);
  const { scope, owners, members } = await resolveScope(db, actor, query.allianceManagerId);
  const filter = await partnerFilter(db, actor, query, owners);
  const start = new Date(period.startMs);
  const end = new Date(period.endMs);
  const activityStart = new Date(addMonths(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1), -12));
  const [partnerRows, deals, activity, firstDeals, costs, enrollments, { reportingCurrency }, costBps] =
    await Promise.all([
      repo.selectPartners(db, actor.scope, filter),
      repo.selectClosedDeals(db, actor.scope, start, end),
      repo.selectPartnerActivity(db, actor.scope, activityStart, end),
      repo.selectFirstDeals(db, actor.scope, end),
      repo.selectPartnerCosts(db, actor.scope, start, end),
      repo.selectEnrollments(db, actor.scope),
      moneySettingsOf(db, actor.orgId),
      directCostBps(db, actor),
    ]);
  const partners = new Map(partnerRows.map((p) => [p.partnerId, p]));
  const book = rateBook(db, actor.orgId, period.to);
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const valued: ValuedDeal[] = [];
  for (const d of deals)
    valued.push({
      ...d,
      value: await book.convert(d.amountMinor, d.currency, reportingCurrency, dayOf(d.closedMs)),
    });
  const costsValued = [];
  for (const c of costs)
    costsValued.push({
      ...c,
      value: await book.convert(c.amountMinor, c.currency, reportingCurrency, c.day),
    });
  const discountBp = new Map<string, number>();
  for (const e of enrollments)
    discountBp.set(e.partnerId, Math.max(discountBp.get(e.partnerId) ?? 0, e.discountBp));

  const owning = new Set(partnerRows.map((p) => p.ownerUserId));
  const rollupUsers = members
    .filter((m) =>
      owners ? owners.includes(m.userId) : m.role === 'alliance_manager' || owning.has(m.userId),
    )
    .map((m) => ({ id: m.userId, name: m.name, role: m.role }));

  const { kpis, trend, rollup } = computeKpis({
    startMs: period.startMs,
    endMs: period.endMs,
    partners,
    direct: {
      include: scope === 'organization',
      countries: query.region ? new Set(countriesOfRegion(query.region)) : null,
    },
    deals: valued,
    activity,
    firstDeals,
    costs: costsValued,
    discountBp,
    directCostOfSaleBps: costBps,
    rollupUsers,
  });

  const money = (amountMinor: number) => ({ amountMinor, currency: reportingCurrency });
  const maybe = (amountMinor: number | null) => (amountMinor === null ? null : money(amountMinor));
  const tiers = new Map<string, Cockpit['tiers'][number]>();
  for (const e of enrollments) {
    if (!partners.has(e.partnerId)) continue;
    if (query.programId && e.programId !== query.programId) continue;
    if (query.tierId && e.tierId !== query.tierId) continue;
    const key = `${e.programId}:${e.tierId ?? ''}`;
    const row = tiers.get(key) ?? {
      program: { id: e.programId, name: e.programName },
      tier: e.tierId ? { id: e.tierId, name: e.tierName ?? '', rank: e.rank ?? 0 } : null,
      partners: 0,
    };
    row.partners++;
    tiers.set(key, row);
  }
  const c = kpis.costOfIndirect;
  return {
    period: { from: period.from, to: period.to },
    currency: reportingCurrency,
    scope,
    filters: {
      programId: query.programId ?? null,
      tierId: query.tierId ?? null,
      region: query.region ?? null,
      industry: query.industry ?? null,
      allianceManagerId: query.allianceManagerId ?? null,
    },
    definitions: DEFINITIONS,
    kpis: {
      ...kpis,
      partnerSourced: { revenue: money(kpis.partnerSourced.revenue), deals: kpis.partnerSourced.deals },
      partnerInfluenced: {
        revenue: money(kpis.partnerInfluenced.revenue),
        deals: kpis.partnerInfluenced.deals,
      },
      direct: kpis.direct && { revenue: money(kpis.direct.revenue), deals: kpis.direct.deals },
      avgDealSize: { partner: maybe(kpis.avgDealSize.partner), direct: maybe(kpis.avgDealSize.direct) },
      concentration: {
        ...kpis.concentration,
        top: kpis.concentration.top.map((t) => ({ ...t, revenue: money(t.revenue) })),
      },
      costOfIndirect: {
        commissions: money(c.commissions),
        discounts: money(c.discounts),
        mdf: money(c.mdf),
        total: money(c.total),
        partnerRevenue: money(c.partnerRevenue),
        costBps: c.costBps,
        directCostOfSaleBps: c.directCostOfSaleBps,
      },
      p2p: { revenue: money(kpis.p2p.revenue), share: kpis.p2p.share },
    },
    trend: trend.map((t) => ({
      ...t,
      sourced: money(t.sourced),
      influenced: money(t.influenced),
      direct: maybe(t.direct),
    })),
    tiers: [...tiers.values()].sort(
      (a, b) => a.program.name.localeCompare(b.program.name) || (a.tier?.rank ?? 0) - (b.tier?.rank ?? 0),
    ),
    rollup: rollup.map((r) => ({ ...r, sourced: money(r.sourced), influenced: money(r.influenced) })),
  };
}

/** The organization's cockpit settings (defaults until saved). */
export async function getSettings(db: Db, actor: MemberActor) {
  authorize(actor, 'cockpit.read');
  const row = await repo.selectSettings(db, actor.scope);
  return {
    directCostOfSaleBps: row?.directCostOfSaleBps ?? DEFAULT_DIRECT_COST_BPS,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** Saves the direct cost of sale the cost of indirect selling is compared against. */
export async function updateSettings(db: Db, actor: MemberActor, input: { directCostOfSaleBps: number }) {
  authorize(actor, 'cockpit.settings');
  return db.transaction(async (tx) => {
    const row = await repo.upsertSettings(tx, actor.scope, input.directCostOfSaleBps);
    await recordAudit(tx, actor, {
      action: 'cockpit.settings_updated',
      targetType: 'cockpit_settings',
      targetId: actor.orgId,
      data: { ...input },
    });
    return { directCostOfSaleBps: row.directCostOfSaleBps, updatedAt: row.updatedAt.toISOString() };
  });
}
