import type { Db } from '../../db/client.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { topRecommendations } from '../insights/index.ts';
import { moneySettingsOf, rateBook } from '../ledger/index.ts';
import * as amRepo from './cockpit.am.repo.ts';
import { addMonths, classify } from './cockpit.kpis.ts';
import * as repo from './cockpit.repo.ts';
import { resolveScope } from './cockpit.service.ts';

const DAY = 86_400_000;
/** A partner without a deal event for this long, but active within 12 months, is going inactive. */
export const QUIET_DAYS = 90;
/** Protections ending within this many days are listed. */
export const EXPIRING_DAYS = 30;
/** How many recommendations the view shows. */
export const TOP_RECOMMENDATIONS = 5;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The alliance manager view of a person (default: the actor): the live partnerships they and their
 * reports own with this year's won deals and trust, partners going quiet, referrals and
 * registrations waiting for an answer, protections about to end, and recommendations. An alliance
 * manager sees themselves and their reports only (403 otherwise); the organization roles see anyone.
 */
export async function allianceManagerView(
  db: Db,
  actor: MemberActor,
  query: { userId?: string },
  now = new Date(),
) {
  authorize(actor, 'cockpit.read');
  const userId = query.userId ?? actor.userId;
  const { owners, members } = await resolveScope(db, actor, userId);
  const person = members.find((m) => m.userId === userId)!;
  const nowMs = now.getTime();
  const yearAgo = addMonths(nowMs, -12);
  const partnerRows = (
    await repo.selectPartners(db, actor.scope, { ownerUserIds: owners ?? [userId] })
  ).filter((p) => p.status === 'active' || p.status === 'paused');
  const partners = new Map(partnerRows.map((p) => [p.partnerId, p]));
  const ids = [...partners.keys()];
  const [deals, activity, openCounts, trust, sla, protections, { reportingCurrency }] = await Promise.all([
    repo.selectClosedDeals(db, actor.scope, new Date(yearAgo), now),
    repo.selectPartnerActivity(db, actor.scope, new Date(addMonths(nowMs, -24)), now),
    amRepo.selectOpenDealCounts(db, actor.scope),
    amRepo.selectTrust(db, actor.scope),
    amRepo.selectOpenSla(db, actor.scope, ids),
    amRepo.selectExpiringProtections(db, actor.scope, ids, new Date(nowMs + EXPIRING_DAYS * DAY)),
    moneySettingsOf(db, actor.orgId),
  ]);
  const book = rateBook(db, actor.orgId, iso(nowMs).slice(0, 10));
  const won = new Map<string, { deals: number; value: number }>();
  for (const d of deals) {
    if (d.status !== 'won') continue;
    const c = classify(d, { partners, direct: { include: false, countries: null } });
    if (!c?.lead || c.category === 'sent') continue;
    const w = won.get(c.lead) ?? { deals: 0, value: 0 };
    w.deals++;
    w.value += await book.convert(d.amountMinor, d.currency, reportingCurrency, iso(d.closedMs).slice(0, 10));
    won.set(c.lead, w);
  }
  const last = new Map<string, number>();
  for (const a of activity) last.set(a.partnerId, Math.max(last.get(a.partnerId) ?? 0, a.lastMs));
  const names = new Map(members.map((m) => [m.userId, m.name]));

  const portfolio = partnerRows
    .map((p) => ({
      partner: { id: p.partnerId, name: p.name },
      partnershipId: p.partnershipId,
      status: p.status,
      since: Number.isFinite(p.joinedMs) ? iso(p.joinedMs) : null,
      owner: p.ownerUserId ? { id: p.ownerUserId, name: names.get(p.ownerUserId) ?? '' } : null,
      trust: trust.get(p.partnerId) ?? null,
      wonDeals: won.get(p.partnerId)?.deals ?? 0,
      wonRevenue: { amountMinor: won.get(p.partnerId)?.value ?? 0, currency: reportingCurrency },
      openDeals: openCounts.get(p.partnerId) ?? 0,
      lastActivityAt: last.has(p.partnerId) ? iso(last.get(p.partnerId)!) : null,
    }))
    .sort(
      (a, b) =>
        b.wonRevenue.amountMinor - a.wonRevenue.amountMinor || a.partner.name.localeCompare(b.partner.name),
    );

  const goingInactive = partnerRows
    .flatMap((p) => {
      const seen = last.get(p.partnerId);
      if (!seen || seen < yearAgo || seen > nowMs - QUIET_DAYS * DAY) return [];
      return [
        {
          partner: { id: p.partnerId, name: p.name },
          lastActivityAt: iso(seen),
          daysSince: Math.floor((nowMs - seen) / DAY),
          inactiveOn: iso(addMonths(seen, 12)).slice(0, 10),
        },
      ];
    })
    .sort((a, b) => a.inactiveOn.localeCompare(b.inactiveOn) || a.partner.name.localeCompare(b.partner.name));

  return {
    user: { id: person.userId, name: person.name, role: person.role },
    currency: reportingCurrency,
    portfolio,
    goingInactive,
    openSla: sla.map((s) => ({
      deal: { id: s.dealId, title: s.title, kind: s.kind, status: s.status },
      partner: { id: s.partnerId, name: s.partnerName },
      dueAt: s.dueMs === null ? null : iso(s.dueMs),
      overdue: s.dueMs !== null && s.dueMs < nowMs,
    })),
    expiringProtections: protections.map((p) => ({
      deal: { id: p.id, title: p.title, kind: p.kind, status: p.status },
      partner: { id: p.partner_id, name: p.partner_name },
      side: p.side,
      endsAt: iso(p.endsMs),
    })),
    recommendations: await topRecommendations(db, actor.orgId, TOP_RECOMMENDATIONS),
  };
}
