// SQL of effort efficiency: reads partnership, deal, deal_party, deal_event and trust_score for the
// scoped organization's own partners; writes nothing.
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import type { TenantScope } from '../../db/tenant.ts';
import { partnershipOnlyScoreSql } from './insights.trust.ts';

/** Per partner: deal counts, effort and trust. */
export interface PartnerEffortRow {
  partnerId: string;
  name: string;
  wonDeals: number;
  openDeals: number;
  /** Σ over won deals of max(1, days from sending — or creation — to closing). */
  cycleDays: number;
  /** Timeline events on all the pair's deals, both sides'. */
  touches: number;
  lastDealAt: Date | null;
  trustScore: number | null;
  trustComputedAt: Date | null;
}

/** Won value per partner, currency and closing day (converted by the service). */
export interface PartnerWonRow {
  partnerId: string;
  currency: string;
  day: string;
  amountMinor: number;
}

// The scoped organization's active and paused partners, and the deals it shares with each: the same
// pairing as trust (referrals and registrations either way, co-selling either way).
const pairDeals = (orgId: string) => sql`
  partners as (
    select case when p.organization_id = ${orgId} then p.partner_id else p.organization_id end as partner_id,
           extract(epoch from now() - p.decided_at) / 86400 as days
      from partnership p
     where (p.organization_id = ${orgId} or p.partner_id = ${orgId}) and p.status in ('active','paused')
  ),
  pair_deals as (
    select pr.partner_id, d.id, d.status, d.currency, coalesce(d.won_amount_minor, d.amount_minor) as value,
           d.created_at, d.sent_at, d.closed_at
      from partners pr
      join deal d on ((d.organization_id = ${orgId} and d.counterparty_id = pr.partner_id)
                   or (d.organization_id = pr.partner_id and d.counterparty_id = ${orgId}))
     where d.status <> 'draft'
    union
    select pr.partner_id, d.id, d.status, d.currency, coalesce(d.won_amount_minor, d.amount_minor),
           d.created_at, d.sent_at, d.closed_at
      from partners pr
      join deal_party dp on dp.side = 'co_seller' and dp.organization_id in (pr.partner_id, ${orgId})
      join deal d on d.id = dp.deal_id
                 and d.organization_id = case when dp.organization_id = ${orgId} then pr.partner_id else ${orgId} end
     where d.status <> 'draft'
  )`;

/** Every active or paused partner of the scoped organization with its deal counts, effort and trust. */
export async function selectPartnerEffort(db: Db, scope: TenantScope): Promise<PartnerEffortRow[]> {
  const result = await db.execute(sql`
    with ${pairDeals(scope.orgId)},
    per_partner as (
      select partner_id,
             count(*) filter (where status = 'won')::int as won_deals,
             count(*) filter (where status not in ('won','lost','declined','withdrawn','rejected','expired'))::int as open_deals,
             coalesce(sum(greatest(1, ceil(extract(epoch from closed_at - coalesce(sent_at, created_at)) / 86400)))
                      filter (where status = 'won' and closed_at is not null), 0)::int as cycle_days,
             coalesce(sum((select count(*) from deal_event e where e.deal_id = pair_deals.id)), 0)::int as touches,
             max(created_at) as last_deal_at
        from pair_deals group by partner_id
    )
    select pr.partner_id as "partnerId", o.name,
           coalesce(pp.won_deals, 0) as "wonDeals", coalesce(pp.open_deals, 0) as "openDeals",
           coalesce(pp.cycle_days, 0) as "cycleDays", coalesce(pp.touches, 0) as touches,
           pp.last_deal_at as "lastDealAt",
           -- A pair without deals has no trust row: its score is its tenure's.
           coalesce(t.score, case when pp.partner_id is null then ${partnershipOnlyScoreSql(sql`pr.days`)} end) as "trustScore",
           coalesce(t.computed_at, case when pp.partner_id is null then now() end) as "trustComputedAt"
      from partners pr
      join organization o on o.id = pr.partner_id
      left join per_partner pp on pp.partner_id = pr.partner_id
      left join trust_score t on t.organization_id = ${scope.orgId} and t.partner_id = pr.partner_id`);
  return rowsOf<PartnerEffortRow>(result).map((r) => ({
    ...r,
    lastDealAt: r.lastDealAt ? new Date(r.lastDealAt) : null,
    trustComputedAt: r.trustComputedAt ? new Date(r.trustComputedAt) : null,
  }));
}

/** Won amounts per partner, currency and closing day. */
export async function selectPartnerWon(db: Db, scope: TenantScope): Promise<PartnerWonRow[]> {
  const result = await db.execute(sql`
    with ${pairDeals(scope.orgId)}
    select partner_id as "partnerId", currency, to_char(coalesce(closed_at, created_at) at time zone 'UTC', 'YYYY-MM-DD') as day,
           sum(value)::text as "amountMinor"
      from pair_deals where status = 'won'
     group by 1, 2, 3`);
  return rowsOf<PartnerWonRow>(result).map((r) => ({ ...r, amountMinor: Number(r.amountMinor) }));
}

/** Whether `partnerId` is a partner of the scoped organization (any partnership, live or past). */
export async function isPartnerOf(db: Db, scope: TenantScope, partnerId: string) {
  const result = await db.execute(sql`
    select exists (select 1 from partnership
                    where (organization_id = ${scope.orgId} and partner_id = ${partnerId})
                       or (organization_id = ${partnerId} and partner_id = ${scope.orgId})) as found`);
  return rowsOf<{ found: boolean }>(result)[0]?.found === true;
}
