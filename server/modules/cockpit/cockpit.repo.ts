// The cockpit is a read model: it reads other modules' tables (partnership, deal, deal_party,
// deal_event, deal_protection, enrollment, program, program_tier, ledger_entry, organization_profile,
// member, reporting_line, trust_score) with its own SQL, and writes only cockpit_settings.
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { cockpitSettings } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';

const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** One of the organization's partners, from its latest accepted partnership. */
export interface PartnerRow {
  partnerId: string;
  name: string;
  partnershipId: string;
  status: string;
  types: string[];
  /** Who owns the partnership on the organization's side. */
  ownerUserId: string | null;
  /** First accepted (decided) partnership with this partner. */
  joinedMs: number;
  /** When an ended partnership ended; null while live. */
  endedMs: number | null;
}

/** Which partners count: the filters of the cockpit, already validated. */
export interface PartnerFilter {
  programId?: string;
  tierId?: string;
  region?: string;
  industry?: string;
  /** Only partnerships owned by one of these users. */
  ownerUserIds?: readonly string[];
}

/**
 * The scoped organization's partners: every organization it has (or had) an accepted partnership
 * with, narrowed by the filters. Region and industry use the partner's directory facet keys, so a
 * region matches the way the directory's filter does (countries served and HQ → M49 regions).
 */
export async function selectPartners(
  db: Db,
  scope: TenantScope,
  filter: PartnerFilter,
): Promise<PartnerRow[]> {
  const org = scope.orgId;
  const conds = [sql`true`];
  if (filter.ownerUserIds)
    conds.push(
      filter.ownerUserIds.length
        ? sql`x.owner_user_id in (${sql.join(
            filter.ownerUserIds.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  if (filter.programId || filter.tierId)
    conds.push(sql`exists (select 1 from enrollment e
      where e.organization_id = ${org} and e.partner_id = x.partner_id and e.status = 'active'
        ${filter.programId ? sql`and e.program_id = ${filter.programId}` : sql``}
        ${filter.tierId ? sql`and e.tier_id = ${filter.tierId}` : sql``})`);
  for (const [facet, key] of [
    ['region', filter.region],
    ['industry', filter.industry],
  ] as const)
    if (key)
      conds.push(sql`exists (select 1 from organization_profile op
        where op.organization_id = x.partner_id and ${`${facet}:${key}`} = any(op.facet_keys))`);
  const rows = rowsOf<{
    partner_id: string;
    name: string;
    id: string;
    status: string;
    types: string[];
    owner_user_id: string | null;
    joined_ms: number;
    ended_ms: number | null;
  }>(
    await db.execute(sql`
      with mine as (
        select case when p.organization_id = ${org} then p.partner_id else p.organization_id end as partner_id,
               case when p.organization_id = ${org} then p.proposer_owner_user_id else p.partner_owner_user_id end
                 as owner_user_id,
               p.id, p.status, p.types, p.decided_at, p.status_changed_at, p.created_at
          from partnership p
         where (p.organization_id = ${org} or p.partner_id = ${org})
           and p.decided_at is not null and p.status in ('active', 'paused', 'ended')
      ), x as (
        select distinct on (partner_id) partner_id, owner_user_id, id, status, types,
               min(decided_at) over (partition by partner_id) as joined_at,
               case when status = 'ended' then status_changed_at end as ended_at
          from mine order by partner_id, created_at desc
      )
      select x.partner_id, o.name, x.id, x.status, x.types, x.owner_user_id,
             ${ms('x.joined_at')} as joined_ms, ${ms('x.ended_at')} as ended_ms
        from x join organization o on o.id = x.partner_id
       where ${sql.join(conds, sql` and `)}`),
  );
  return rows.map((r) => ({
    partnerId: r.partner_id,
    name: r.name,
    partnershipId: r.id,
    status: r.status,
    types: r.types,
    ownerUserId: r.owner_user_id,
    joinedMs: Number(r.joined_ms),
    endedMs: r.ended_ms === null ? null : Number(r.ended_ms),
  }));
}

/** A won or lost deal of the organization (or a referral it sent), closed in the period. */
export interface DealRow {
  id: string;
  kind: 'opportunity' | 'registration' | 'referral';
  status: 'won' | 'lost';
  /** in: the organization's own deal (its opportunity, a registration or referral it received); out: a referral it sent. */
  direction: 'in' | 'out';
  /** The registering or referring partner (in), or the receiver of a referral sent (out). */
  counterpart: string | null;
  coSellers: { org: string; attribution: string | null }[];
  amountMinor: number;
  currency: string;
  customerCountry: string | null;
  startMs: number;
  closedMs: number;
}

/**
 * The scoped organization's deals won or lost in [start, end): its opportunities, the
 * registrations and referrals it received, and the referrals it sent (for P2P revenue). Reached
 * through deal_party (indexed by organization), the same rule that decides who may read a deal.
 */
export async function selectClosedDeals(
  db: Db,
  scope: TenantScope,
  start: Date,
  end: Date,
): Promise<DealRow[]> {
  const rows = rowsOf<{
    id: string;
    kind: DealRow['kind'];
    status: DealRow['status'];
    side: string;
    organization_id: string;
    counterparty_id: string | null;
    co_sellers: { org: string; attribution: string | null }[] | string;
    amount: string;
    currency: string;
    customer_country: string | null;
    start_ms: number;
    closed_ms: number;
  }>(
    await db.execute(sql`
      select d.id, d.kind, d.status, me.side, d.organization_id, d.counterparty_id,
             coalesce(d.won_amount_minor, d.amount_minor)::text as amount, d.currency, d.customer_country,
             ${ms('coalesce(d.sent_at, d.created_at)')} as start_ms, ${ms('d.closed_at')} as closed_ms,
             (select coalesce(json_agg(json_build_object('org', c.organization_id, 'attribution', c.attribution)
                                       order by c.added_at, c.organization_id), '[]'::json)
                from deal_party c where c.deal_id = d.id and c.side = 'co_seller') as co_sellers
        from deal_party me join deal d on d.id = me.deal_id
       where me.organization_id = ${scope.orgId} and me.side in ('from', 'to')
         and d.status in ('won', 'lost') and d.closed_at >= ${at(start)} and d.closed_at < ${at(end)}
         and ((me.side = 'from' and d.kind = 'opportunity')
           or (me.side = 'to' and d.kind in ('registration', 'referral'))
           or (me.side = 'from' and d.kind = 'referral' and d.status = 'won'))`),
  );
  return rows.map((r) => {
    const out = r.side === 'from' && r.kind === 'referral';
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      direction: out ? 'out' : 'in',
      counterpart: r.kind === 'opportunity' ? null : out ? r.counterparty_id : r.organization_id,
      coSellers: typeof r.co_sellers === 'string' ? JSON.parse(r.co_sellers) : r.co_sellers,
      amountMinor: Number(r.amount),
      currency: r.currency,
      customerCountry: r.customer_country,
      startMs: Number(r.start_ms),
      closedMs: Number(r.closed_ms),
    };
  });
}

/** A partner's deal activity with the organization in one month. */
export interface ActivityRow {
  partnerId: string;
  /** YYYY-MM */
  month: string;
  lastMs: number;
}

/** Per partner and month since `start`, the last deal event on a deal both are parties to. */
export async function selectPartnerActivity(
  db: Db,
  scope: TenantScope,
  start: Date,
  end: Date,
): Promise<ActivityRow[]> {
  const rows = rowsOf<{ partner_id: string; month: string; last_ms: number }>(
    await db.execute(sql`
      select p.organization_id as partner_id, to_char(e.created_at at time zone 'UTC', 'YYYY-MM') as month,
             ${ms('max(e.created_at)')} as last_ms
        from deal_party me
        join deal_party p on p.deal_id = me.deal_id and p.organization_id <> me.organization_id
        join deal_event e on e.deal_id = me.deal_id
       where me.organization_id = ${scope.orgId} and e.created_at >= ${at(start)} and e.created_at < ${at(end)}
       group by 1, 2`),
  );
  return rows.map((r) => ({ partnerId: r.partner_id, month: r.month, lastMs: Number(r.last_ms) }));
}

/** Per partner: its first deal with the organization and its first won or approved one. */
export async function selectFirstDeals(db: Db, scope: TenantScope, end: Date) {
  const rows = rowsOf<{ partner_id: string; first_ms: number; success_ms: number | null }>(
    await db.execute(sql`
      select p.organization_id as partner_id, ${ms('min(d.created_at)')} as first_ms,
             ${ms(`min((select min(e.created_at) from deal_event e
                         where e.deal_id = d.id and e.to_status in ('approved', 'won')))`)} as success_ms
        from deal_party me
        join deal_party p on p.deal_id = me.deal_id and p.organization_id <> me.organization_id
        join deal d on d.id = me.deal_id
       where me.organization_id = ${scope.orgId} and d.created_at < ${at(end)}
       group by 1`),
  );
  return new Map(
    rows.map((r) => [
      r.partner_id,
      { firstMs: Number(r.first_ms), successMs: r.success_ms === null ? null : Number(r.success_ms) },
    ]),
  );
}

/** What the organization paid partners in [start, end): commissions and P2P fees, and MDF, net of reversals. */
export async function selectPartnerCosts(db: Db, scope: TenantScope, start: Date, end: Date) {
  const rows = rowsOf<{
    beneficiary_id: string;
    kind: string;
    currency: string;
    day: string;
    amount: string;
  }>(
    await db.execute(sql`
      select e.beneficiary_id, case when e.kind = 'reversal' then r.kind else e.kind end as kind, e.currency,
             to_char(e.earned_at at time zone 'UTC', 'YYYY-MM-DD') as day, sum(e.amount_minor)::text as amount
        from ledger_entry e left join ledger_entry r on r.id = e.reverses_entry_id
       where e.organization_id = ${scope.orgId} and e.earned_at >= ${at(start)} and e.earned_at < ${at(end)}
         and (e.kind in ('commission', 'p2p_fee', 'mdf')
           or (e.kind = 'reversal' and r.kind in ('commission', 'p2p_fee', 'mdf')))
       group by 1, 2, 3, 4`),
  );
  return rows.map((r) => ({
    partnerId: r.beneficiary_id,
    kind: r.kind === 'mdf' ? ('mdf' as const) : ('commission' as const),
    currency: r.currency,
    day: r.day,
    amountMinor: Number(r.amount),
  }));
}

/** The organization's active enrollments with program and tier (tier discounts and the distribution). */
export async function selectEnrollments(db: Db, scope: TenantScope) {
  const rows = rowsOf<{
    partner_id: string;
    program_id: string;
    program_name: string;
    tier_id: string | null;
    tier_name: string | null;
    rank: number | null;
    discount_bp: number | null;
  }>(
    await db.execute(sql`
      select e.partner_id, e.program_id, p.name as program_name, e.tier_id, t.name as tier_name, t.rank,
             t.discount_bp
        from enrollment e join program p on p.id = e.program_id
        left join program_tier t on t.id = e.tier_id
       where e.organization_id = ${scope.orgId} and e.status = 'active'`),
  );
  return rows.map((r) => ({
    partnerId: r.partner_id,
    programId: r.program_id,
    programName: r.program_name,
    tierId: r.tier_id,
    tierName: r.tier_name,
    rank: r.rank === null ? null : Number(r.rank),
    discountBp: Number(r.discount_bp ?? 0),
  }));
}

/** Whether a program is the organization's. */
export async function programExists(db: Db, scope: TenantScope, id: string) {
  const rows = rowsOf(
    await db.execute(sql`select 1 from program where organization_id = ${scope.orgId} and id = ${id}`),
  );
  return rows.length > 0;
}

/** Whether a tier is one of the organization's programs'. */
export async function tierExists(db: Db, scope: TenantScope, id: string) {
  const rows = rowsOf(
    await db.execute(sql`select 1 from program_tier where organization_id = ${scope.orgId} and id = ${id}`),
  );
  return rows.length > 0;
}

/** A member of the organization, by user id. */
export interface MemberRow {
  memberId: string;
  userId: string;
  name: string;
  role: string;
}

/** Every member of the organization. */
export async function selectMembers(db: Db, scope: TenantScope): Promise<MemberRow[]> {
  const rows = rowsOf<{ id: string; user_id: string; name: string; role: string }>(
    await db.execute(sql`
      select m.id, m.user_id, u.name, m.role from member m join "user" u on u.id = m.user_id
       where m.organization_id = ${scope.orgId} order by u.name, m.id`),
  );
  return rows.map((r) => ({ memberId: r.id, userId: r.user_id, name: r.name, role: r.role }));
}

/** The members reporting to a member, directly or through others (reporting_line, as the members roll-up). */
export async function selectReportIds(
  db: Db,
  scope: TenantScope,
  managerMemberId: string,
): Promise<string[]> {
  const rows = rowsOf<{ member_id: string }>(
    await db.execute(sql`
      with recursive tree(member_id, depth) as (
        select member_id, 1 from reporting_line
         where organization_id = ${scope.orgId} and manager_member_id = ${managerMemberId}
        union
        select r.member_id, t.depth + 1 from reporting_line r join tree t on r.manager_member_id = t.member_id
         where r.organization_id = ${scope.orgId} and t.depth < 100
      )
      select distinct member_id from tree`),
  );
  return rows.map((r) => r.member_id);
}

/** The organization's cockpit settings, if saved. */
export async function selectSettings(db: Db, scope: TenantScope) {
  const [row] = await db.select().from(cockpitSettings).where(inTenant(cockpitSettings, scope));
  return row;
}

/** Saves the organization's cockpit settings. */
export async function upsertSettings(db: Db, scope: TenantScope, directCostOfSaleBps: number) {
  const [row] = await db
    .insert(cockpitSettings)
    .values({ organizationId: scope.orgId, directCostOfSaleBps, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: cockpitSettings.organizationId,
      set: { directCostOfSaleBps, updatedAt: new Date() },
    })
    .returning();
  return row!;
}
