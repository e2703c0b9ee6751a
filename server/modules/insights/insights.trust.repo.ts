// The SQL of the trust model: one set-based query gathers every factor's raw numbers per unordered
// pair (all pairs with a partnership or a deal, or one pair), and one statement upserts the
// ordered rows. Insights is a read model: it reads deal, deal_party, deal_event, partnership,
// money_settings and fx_rate, and writes only trust_score.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { TRUST_MODEL } from './insights.trust.ts';

/** The raw numbers of one unordered pair `lo` < `hi`; `_lo`/`_hi` columns belong to that side. */
export interface PairRawRow {
  lo: string;
  hi: string;
  /** Won deals `lo` brought `hi`, and `hi` brought `lo`. */
  wonLoHi: number;
  wonHiLo: number;
  /** Won value per currency (minor units), by the side that brought it. */
  valueLoHi: Record<string, number> | null;
  valueHiLo: Record<string, number> | null;
  pairWon: number;
  pairLost: number;
  /** Each side's won and decided deals with anyone (the pair's own included). */
  loWonTotal: number;
  loDecidedTotal: number;
  hiWonTotal: number;
  hiDecidedTotal: number;
  /** `hi` answering what `lo` sent (`ByHi`), and the reverse. */
  onTimeByHi: number;
  lateByHi: number;
  overdueByHi: number;
  medianHoursByHi: number | null;
  onTimeByLo: number;
  lateByLo: number;
  overdueByLo: number;
  medianHoursByLo: number | null;
  closed: number;
  declined: number;
  expired: number;
  withdrawn: number;
  recencyWeight: number;
  positives: number;
  lastPositiveAt: string | null;
  partnershipDays: number | null;
}

const positive = sql.raw(TRUST_MODEL.positiveStatuses.map((s) => `'${s}'`).join(','));
const halfLifeSeconds = TRUST_MODEL.halfLifeDays * 86_400;

/**
 * The gathering query. Without `pair` it covers every pair with a deal or a partnership (the
 * nightly recompute); with it, only that pair, probing the pair index of deal, the parties of the
 * two organizations and the partnership pair index.
 */
function gatherSql(pair?: { lo: string; hi: string }): SQL {
  const direct = pair
    ? sql`and ((d.organization_id = ${pair.lo} and d.counterparty_id = ${pair.hi})
            or (d.organization_id = ${pair.hi} and d.counterparty_id = ${pair.lo}))`
    : sql``;
  const cosell = pair
    ? sql`and dp.organization_id in (${pair.lo}, ${pair.hi}) and d.organization_id in (${pair.lo}, ${pair.hi})`
    : sql``;
  const parties = pair ? sql`and dp.organization_id in (${pair.lo}, ${pair.hi})` : sql``;
  // Both directions spelled out, so that each probes an organization's partnership index (the
  // least/greatest pair index is partial: live partnerships only).
  const partnerships = pair
    ? sql`and ((p.organization_id = ${pair.lo} and p.partner_id = ${pair.hi})
            or (p.organization_id = ${pair.hi} and p.partner_id = ${pair.lo}))`
    : sql``;
  return sql`
    with contrib as (
      -- Referrals and registrations: the creator brought the deal to the counterparty.
      select d.id as deal_id, d.organization_id as giver, d.counterparty_id as receiver, true as answerable
        from deal d
       where d.counterparty_id is not null and d.status <> 'draft' ${direct}
      union all
      -- Co-selling: a co-seller brought its help to the deal's owner.
      select dp.deal_id, dp.organization_id, d.organization_id, false
        from deal_party dp join deal d on d.id = dp.deal_id
       where dp.side = 'co_seller' and d.status <> 'draft' ${cosell}
    ),
    pd as (
      select least(c.giver, c.receiver) as lo, greatest(c.giver, c.receiver) as hi, c.giver, c.receiver,
             c.answerable, d.id, d.status, d.currency, coalesce(d.won_amount_minor, d.amount_minor) as value,
             d.sent_at, d.answered_at, d.response_due_at,
             ev.recency, ev.positives, ev.last_positive
        from contrib c join deal d on d.id = c.deal_id
        -- One pass over each deal's positive events (the deal's event index).
        cross join lateral (
          select coalesce(sum(power(0.5, greatest(0, extract(epoch from now() - e.created_at)) / ${halfLifeSeconds})), 0) as recency,
                 count(*) as positives, max(e.created_at) as last_positive
            from deal_event e where e.deal_id = d.id and e.to_status in (${positive})) ev
       where c.giver <> c.receiver
    ),
    agg as (
      select lo, hi,
        count(*) filter (where status = 'won' and giver = lo)::int as won_lo_hi,
        count(*) filter (where status = 'won' and giver = hi)::int as won_hi_lo,
        count(*) filter (where status = 'won')::int as pair_won,
        count(*) filter (where status = 'lost')::int as pair_lost,
        ${answers('hi')},
        ${answers('lo')},
        count(*) filter (where status in ('won','lost','declined','withdrawn','rejected','expired'))::int as closed,
        count(*) filter (where status = 'declined')::int as declined,
        count(*) filter (where status = 'expired')::int as expired,
        count(*) filter (where status = 'withdrawn')::int as withdrawn,
        coalesce(sum(recency), 0)::float8 as recency_weight,
        coalesce(sum(positives), 0)::int as positives,
        max(last_positive) as last_positive
      from pd group by lo, hi
    ),
    won_value as (
      select lo, hi,
        jsonb_object_agg(currency, minor) filter (where giver = lo) as value_lo_hi,
        jsonb_object_agg(currency, minor) filter (where giver = hi) as value_hi_lo
      from (select lo, hi, giver, currency, sum(value)::float8 as minor
              from pd where status = 'won' group by lo, hi, giver, currency) v
      group by lo, hi
    ),
    tenure as (
      select least(p.organization_id, p.partner_id) as lo, greatest(p.organization_id, p.partner_id) as hi,
             max(extract(epoch from now() - p.decided_at) / 86400)
               filter (where p.status in ('active','paused') and p.decided_at is not null) as days
        from partnership p where true ${partnerships}
       group by 1, 2
    ),
    pairs as (select lo, hi from agg union select lo, hi from tenure),
    totals as (
      -- Each organization's won and decided deals with any other organization (same deals as contrib).
      select dp.organization_id as org,
             count(*) filter (where d.status = 'won')::int as won,
             count(*) filter (where d.status in ('won','lost'))::int as decided
        from deal_party dp join deal d on d.id = dp.deal_id
       where d.status in ('won','lost') ${parties}
         and (d.counterparty_id is not null or dp.side = 'co_seller'
              or exists (select 1 from deal_party c where c.deal_id = d.id and c.side = 'co_seller'))
       group by dp.organization_id
    )
    select p.lo, p.hi,
      coalesce(a.won_lo_hi, 0) as "wonLoHi", coalesce(a.won_hi_lo, 0) as "wonHiLo",
      w.value_lo_hi as "valueLoHi", w.value_hi_lo as "valueHiLo",
      coalesce(a.pair_won, 0) as "pairWon", coalesce(a.pair_lost, 0) as "pairLost",
      coalesce(tl.won, 0) as "loWonTotal", coalesce(tl.decided, 0) as "loDecidedTotal",
      coalesce(th.won, 0) as "hiWonTotal", coalesce(th.decided, 0) as "hiDecidedTotal",
      coalesce(a.on_time_by_hi, 0) as "onTimeByHi", coalesce(a.late_by_hi, 0) as "lateByHi",
      coalesce(a.overdue_by_hi, 0) as "overdueByHi", a.median_by_hi as "medianHoursByHi",
      coalesce(a.on_time_by_lo, 0) as "onTimeByLo", coalesce(a.late_by_lo, 0) as "lateByLo",
      coalesce(a.overdue_by_lo, 0) as "overdueByLo", a.median_by_lo as "medianHoursByLo",
      coalesce(a.closed, 0) as closed, coalesce(a.declined, 0) as declined,
      coalesce(a.expired, 0) as expired, coalesce(a.withdrawn, 0) as withdrawn,
      coalesce(a.recency_weight, 0) as "recencyWeight", coalesce(a.positives, 0) as positives,
      a.last_positive as "lastPositiveAt", t.days::float8 as "partnershipDays"
    from pairs p
    left join agg a on a.lo = p.lo and a.hi = p.hi
    left join won_value w on w.lo = p.lo and w.hi = p.hi
    left join tenure t on t.lo = p.lo and t.hi = p.hi
    left join totals tl on tl.org = p.lo
    left join totals th on th.org = p.hi
    order by p.lo, p.hi`;
}

/** The answer counts of `side` (the receiver) on what the other side sent it. */
function answers(side: 'lo' | 'hi') {
  const by = sql.raw(side);
  const col = (name: string) => sql.raw(`${name}_by_${side}`);
  const mine = sql`answerable and receiver = ${by} and sent_at is not null`;
  return sql`
    count(*) filter (where ${mine} and answered_at is not null
                       and (response_due_at is null or answered_at <= response_due_at))::int as ${col('on_time')},
    count(*) filter (where ${mine} and answered_at is not null and answered_at > response_due_at)::int as ${col('late')},
    count(*) filter (where ${mine} and answered_at is null and status in ('sent','submitted','under_review')
                       and response_due_at < now())::int as ${col('overdue')},
    (percentile_cont(0.5) within group (order by extract(epoch from answered_at - sent_at) / 3600)
       filter (where ${mine} and answered_at is not null))::float8 as ${col('median')}`;
}

const normalize = (r: PairRawRow): PairRawRow => ({
  ...r,
  recencyWeight: Number(r.recencyWeight),
  partnershipDays: r.partnershipDays === null ? null : Number(r.partnershipDays),
  medianHoursByHi: r.medianHoursByHi === null ? null : Number(r.medianHoursByHi),
  medianHoursByLo: r.medianHoursByLo === null ? null : Number(r.medianHoursByLo),
  lastPositiveAt:
    r.lastPositiveAt === null ? null : new Date(r.lastPositiveAt as unknown as string).toISOString(),
});

/** The raw numbers of every pair with a deal or a partnership. */
export async function selectAllPairRaw(db: Db): Promise<PairRawRow[]> {
  // Without JIT: PostgreSQL would spend seconds compiling this one big query (its estimated cost
  // is far above jit_above_cost) to save less than that; PGlite has no JIT and ignores the setting.
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return rowsOf<PairRawRow>(await tx.execute(gatherSql())).map(normalize);
  });
}

/** The raw numbers of one pair (`lo` < `hi`); undefined when they share no deal and no partnership. */
export async function selectPairRaw(db: Db, lo: string, hi: string): Promise<PairRawRow | undefined> {
  const [row] = rowsOf<PairRawRow>(await db.execute(gatherSql({ lo, hi })));
  return row && normalize(row);
}

/** An organization's reporting currency and latest rate per currency pair (the converter's input). */
export interface RateRow {
  organizationId: string;
  base: string | null;
  quote: string | null;
  rate: string | null;
  reportingCurrency: string | null;
}

/** Reporting currencies and latest rates of `orgIds` (every organization with settings or rates when omitted). */
export async function selectRates(db: Db, orgIds?: readonly string[]): Promise<RateRow[]> {
  const only = (col: SQL) =>
    orgIds
      ? sql`where ${col} in (${sql.join(
          orgIds.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql``;
  const result = await db.execute(sql`
    select organization_id as "organizationId", null as base, null as quote, null as rate,
           reporting_currency as "reportingCurrency"
      from money_settings ${only(sql`organization_id`)}
    union all
    (select distinct on (organization_id, base, quote) organization_id, base, quote, rate::text, null
       from fx_rate ${only(sql`organization_id`)}
      order by organization_id, base, quote, rate_date desc)`);
  return rowsOf<RateRow>(result);
}

/** Upserts scored ordered pairs (one statement per call). */
export async function upsertTrustRows(
  db: Db,
  rows: readonly { organizationId: string; partnerId: string; score: number; factors: unknown }[],
) {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into trust_score (organization_id, partner_id, score, factors, computed_at)
    select r.o, r.p, r.s, r.f, now()
      from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ o: r.organizationId, p: r.partnerId, s: r.score, f: r.factors })))}::jsonb)
        as r(o text, p text, s int, f jsonb)
    on conflict (organization_id, partner_id)
    do update set score = excluded.score, factors = excluded.factors, computed_at = excluded.computed_at`);
}

/** Removes trust rows of pairs that no longer have a deal or a partnership (after a full recompute). */
export async function deleteTrustRowsBefore(db: Db, before: Date) {
  await db.execute(sql`delete from trust_score where computed_at < ${before.toISOString()}::timestamptz`);
}

/** The scoped organization's trust row for one partner. */
export async function selectTrustRow(db: Db, orgId: string, partnerId: string) {
  const [row] = rowsOf<{ score: number; factors: unknown; computedAt: Date }>(
    await db.execute(sql`
      select score, factors, computed_at as "computedAt" from trust_score
       where organization_id = ${orgId} and partner_id = ${partnerId}`),
  );
  return row && { ...row, computedAt: new Date(row.computedAt) };
}
