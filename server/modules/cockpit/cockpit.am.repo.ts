// The alliance manager view's SQL (read model, like cockpit.repo.ts): deals waiting for an
// answer, protections about to end, open deal counts, and insights' trust scores.
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import type { TenantScope } from '../../db/tenant.ts';
import { partnershipOnlyScoreSql } from '../insights/index.ts';

const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** A deal as the alliance manager view lists it, with the partner on it. */
export interface OpenItemRow {
  dealId: string;
  title: string;
  kind: string;
  status: string;
  partnerId: string;
  partnerName: string;
  dueMs: number | null;
}

/** Referrals and registrations waiting for the organization's answer, from the given partners. */
export async function selectOpenSla(db: Db, scope: TenantScope, partnerIds: readonly string[]) {
  if (partnerIds.length === 0) return [];
  const rows = rowsOf<{
    id: string;
    title: string;
    kind: string;
    status: string;
    partner_id: string;
    partner_name: string;
    due_ms: number | null;
  }>(
    await db.execute(sql`
      select d.id, d.title, d.kind, d.status, d.organization_id as partner_id, o.name as partner_name,
             ${ms('d.response_due_at')} as due_ms
        from deal_party me join deal d on d.id = me.deal_id join organization o on o.id = d.organization_id
       where me.organization_id = ${scope.orgId} and me.side = 'to'
         and ((d.kind = 'referral' and d.status = 'sent')
           or (d.kind = 'registration' and d.status in ('submitted', 'under_review')))
         and d.organization_id in (${sql.join(
           partnerIds.map((id) => sql`${id}`),
           sql`, `,
         )})
       order by d.response_due_at nulls last, d.id
       limit 200`),
  );
  return rows.map((r) => ({
    dealId: r.id,
    title: r.title,
    kind: r.kind,
    status: r.status,
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    dueMs: r.due_ms === null ? null : Number(r.due_ms),
  }));
}

/** Active protections ending before `until` that the organization granted to, or holds at, the given partners. */
export async function selectExpiringProtections(
  db: Db,
  scope: TenantScope,
  partnerIds: readonly string[],
  until: Date,
) {
  if (partnerIds.length === 0) return [];
  const ids = sql.join(
    partnerIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = rowsOf<{
    id: string;
    title: string;
    kind: string;
    status: string;
    partner_id: string;
    partner_name: string;
    side: 'vendor' | 'partner';
    ends_ms: number;
  }>(
    await db.execute(sql`
      select d.id, d.title, d.kind, d.status, o.id as partner_id, o.name as partner_name,
             case when p.organization_id = ${scope.orgId} then 'vendor' else 'partner' end as side,
             ${ms('p.ends_at')} as ends_ms
        from deal_protection p join deal d on d.id = p.deal_id
        join organization o on o.id = case when p.organization_id = ${scope.orgId} then p.partner_id else p.organization_id end
       where p.status = 'active' and p.ends_at < ${at(until)}
         and ((p.organization_id = ${scope.orgId} and p.partner_id in (${ids}))
           or (p.partner_id = ${scope.orgId} and p.organization_id in (${ids})))
       order by p.ends_at, d.id
       limit 200`),
  );
  return rows.map((r) => ({ ...r, endsMs: Number(r.ends_ms) }));
}

/** Per partner, the deals with the organization still open (not drafts, not closed). */
export async function selectOpenDealCounts(db: Db, scope: TenantScope) {
  const rows = rowsOf<{ partner_id: string; n: number }>(
    await db.execute(sql`
      select p.organization_id as partner_id, count(distinct d.id)::int as n
        from deal_party me
        join deal_party p on p.deal_id = me.deal_id and p.organization_id <> me.organization_id
        join deal d on d.id = me.deal_id
       where me.organization_id = ${scope.orgId}
         and d.status in ('sent', 'accepted', 'qualified', 'proposal', 'submitted', 'under_review', 'approved', 'open')
       group by 1`),
  );
  return new Map(rows.map((r) => [r.partner_id, Number(r.n)]));
}

/**
 * The organization's trust score in each live partner: insights' stored score, or for a partner
 * without one (no deal yet) the score of its tenure alone.
 */
export async function selectTrust(db: Db, scope: TenantScope) {
  const rows = rowsOf<{ partner_id: string; score: number }>(
    await db.execute(sql`
      select pr.partner_id, coalesce(t.score, ${partnershipOnlyScoreSql(sql`pr.days`)}) as score
        from (select case when p.organization_id = ${scope.orgId} then p.partner_id else p.organization_id end as partner_id,
                     extract(epoch from now() - p.decided_at) / 86400 as days
                from partnership p
               where (p.organization_id = ${scope.orgId} or p.partner_id = ${scope.orgId})
                 and p.status in ('active','paused')) pr
        left join trust_score t on t.organization_id = ${scope.orgId} and t.partner_id = pr.partner_id`),
  );
  return new Map(rows.map((r) => [r.partner_id, Number(r.score)]));
}
