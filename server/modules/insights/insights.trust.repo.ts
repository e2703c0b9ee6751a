// The SQL of the trust model: one set-based statement gathers every factor's raw numbers per
// ordered pair (all pairs with a deal, or one pair), converts won value into the
// viewer's reporting currency, scores them with the model's SQL twin (`trustScoreSql`) and upserts
// the score and the raw inputs; the explanation is rebuilt from those when read. Insights is a read
// model: it reads deal, deal_party, deal_event, partnership, money_settings and fx_rate, and writes
// only trust_score.
import { type SQL, sql } from 'drizzle-orm';
import { minorDigits } from '../../../common/deals.ts';
import { type Db, rowsOf } from '../../db/client.ts';
import {
  inputFromStored,
  TRUST_INPUT_NUMBERS,
  TRUST_MODEL,
  type TrustInput,
  type TrustInputNumber,
  trustScoreSql,
} from './insights.trust.ts';

/** Reporting currency when an organization saved no money settings (the ledger's default). */
const DEFAULT_CURRENCY = 'EUR';

/** Currencies whose minor unit is not 2 digits, grouped by 10^digits (as Intl knows them, like `minorDigits`). */
const ODD_MINOR_UNITS = (() => {
  const groups = new Map<number, string[]>();
  for (const c of Intl.supportedValuesOf('currency')) {
    const d = minorDigits(c);
    if (d !== 2) groups.set(10 ** d, [...(groups.get(10 ** d) ?? []), c]);
  }
  return [...groups];
})();

/** 10^minor digits of a currency, as float8 (what `TrustConverter.toMajor` divided by). */
const minorDivisor = (currency: SQL) =>
  sql`(case ${sql.join(
    ODD_MINOR_UNITS.map(
      ([div, cs]) =>
        sql`when ${currency} in (${sql.raw(cs.map((c) => `'${c}'`).join(','))}) then ${sql.raw(String(div))}`,
    ),
    sql` `,
  )} else 100 end)::float8`;

/** The viewer's latest rate from `base` to `quote` (1 base = rate quote), null without one or when 0. */
const rate = (base: SQL, quote: SQL) =>
  sql`(select nullif(f.rate::float8, 0) from fx_rate f
        where f.organization_id = s.viewer and f.base = ${base} and f.quote = ${quote}
        order by f.rate_date desc limit 1)`;

const positive = sql.raw(TRUST_MODEL.positiveStatuses.map((s) => `'${s}'`).join(','));
const halfLifeSeconds = TRUST_MODEL.halfLifeDays * 86_400;

/**
 * The gathering query. Without `pair` it covers every pair with a deal (the nightly recompute);
 * with it, only that pair, probing the pair index of deal, the parties of the two organizations and
 * the partnership pair index. Pairs whose only evidence is a live partnership are left out (no
 * trust row; readers score them by tenure) unless `partnershipOnly` asks for them (reading one).
 */
function gatherSql(pair?: { lo: string; hi: string }, partnershipOnly = false): SQL {
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
    -- Won value per currency (minor units), by the side that brought it.
    wv as (
      select lo, hi, giver, currency, sum(value)::float8 as minor
        from pd where status = 'won' group by lo, hi, giver, currency
    ),
    -- The live partnership's age (at most one live partnership per pair), for the pairs above.
    tenure as (
      select least(p.organization_id, p.partner_id) as lo, greatest(p.organization_id, p.partner_id) as hi,
             max(extract(epoch from now() - p.decided_at) / 86400) filter (where p.decided_at is not null) as days
        from partnership p
        ${pair ? sql`` : sql`join agg a on a.lo = least(p.organization_id, p.partner_id) and a.hi = greatest(p.organization_id, p.partner_id)`}
       where p.status in ('active','paused') ${partnerships}
       group by 1, 2
    ),
    pairs as (select lo, hi from agg ${partnershipOnly ? sql`union select lo, hi from tenure` : sql``}),
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
    ),
    -- Each pair seen from both sides, in the viewer's reporting currency.
    sides as (
      select p.lo, p.hi, s.viewer, s.partner, s.viewer = p.lo as is_lo,
             coalesce(nullif(ms.reporting_currency, ''), ${sql.raw(`'${DEFAULT_CURRENCY}'`)}) as currency
        from pairs p
        cross join lateral (values (p.lo, p.hi), (p.hi, p.lo)) s(viewer, partner)
        left join money_settings ms on ms.organization_id = s.viewer
    ),
    -- Won value converted with the viewer's latest rate, direct or inverse (a zero rate counts as
    -- none); currencies without either are left out and listed.
    won_conv as (
      select lo, hi, viewer,
             sum(major) filter (where giver = viewer) as value_to,
             sum(major) filter (where giver <> viewer) as value_from,
             array_agg(distinct currency order by currency) filter (where major is null) as unconverted
        from (
          select w.lo, w.hi, w.giver, w.currency, s.viewer,
                 case when w.currency = s.currency then c.major
                      else coalesce(c.major * ${rate(sql`w.currency`, sql`s.currency`)},
                                    c.major / ${rate(sql`s.currency`, sql`w.currency`)}) end as major
            from wv w
            join sides s on s.lo = w.lo and s.hi = w.hi
            cross join lateral (select coalesce(w.minor, 0::float8) / ${minorDivisor(sql`w.currency`)} as major) c
        ) x
       group by lo, hi, viewer
    )
    select s.viewer, s.partner, s.currency,
      coalesce(wc.unconverted, '{}') as unconverted,
      a.last_positive as last_positive_at,
      coalesce(case when s.is_lo then a.won_lo_hi else a.won_hi_lo end, 0)::float8 as "wonToPartner",
      coalesce(case when s.is_lo then a.won_hi_lo else a.won_lo_hi end, 0)::float8 as "wonFromPartner",
      coalesce(wc.value_to, 0)::float8 as "valueToPartner",
      coalesce(wc.value_from, 0)::float8 as "valueFromPartner",
      coalesce(a.pair_won, 0)::float8 as "pairWon",
      coalesce(a.pair_lost, 0)::float8 as "pairLost",
      (coalesce(tv.won, 0) - coalesce(a.pair_won, 0))::float8 as "viewerWonElsewhere",
      (coalesce(tv.decided, 0) - coalesce(a.pair_won, 0) - coalesce(a.pair_lost, 0))::float8 as "viewerDecidedElsewhere",
      (coalesce(tp.won, 0) - coalesce(a.pair_won, 0))::float8 as "partnerWonElsewhere",
      (coalesce(tp.decided, 0) - coalesce(a.pair_won, 0) - coalesce(a.pair_lost, 0))::float8 as "partnerDecidedElsewhere",
      -- The partner answering what the viewer sent.
      coalesce(case when s.is_lo then a.on_time_by_hi else a.on_time_by_lo end, 0)::float8 as "answeredOnTime",
      coalesce(case when s.is_lo then a.late_by_hi else a.late_by_lo end, 0)::float8 as "answeredLate",
      coalesce(case when s.is_lo then a.overdue_by_hi else a.overdue_by_lo end, 0)::float8 as "overdueUnanswered",
      (case when s.is_lo then a.median_by_hi else a.median_by_lo end)::float8 as "medianAnswerHours",
      coalesce(a.closed, 0)::float8 as closed, coalesce(a.declined, 0)::float8 as declined,
      coalesce(a.expired, 0)::float8 as expired, coalesce(a.withdrawn, 0)::float8 as withdrawn,
      coalesce(a.recency_weight, 0)::float8 as "recencyWeight",
      coalesce(a.positives, 0)::float8 as "positiveInteractions",
      t.days::float8 as "partnershipDays"
    from sides s
    left join agg a on a.lo = s.lo and a.hi = s.hi
    left join won_conv wc on wc.lo = s.lo and wc.hi = s.hi and wc.viewer = s.viewer
    left join tenure t on t.lo = s.lo and t.hi = s.hi
    left join totals tv on tv.org = s.viewer
    left join totals tp on tp.org = s.partner`;
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

/**
 * Scores and upserts the ordered rows the gathering query yields; `computed_at` is the statement's
 * now(). `sorted` (the full recompute) writes them in primary-key order, so that the two indexes
 * grow page by page instead of being touched at random (at 10M rows they far outgrow the buffers).
 */
function upsertSql(gather: SQL, sorted = false): SQL {
  const inputs = sql.raw(TRUST_INPUT_NUMBERS.map((k) => `o."${k}"`).join(', '));
  return sql`
    insert into trust_score
      (organization_id, partner_id, score, inputs, currency, unconverted_currencies, last_positive_at, computed_at)
    select o.viewer, o.partner, ${trustScoreSql('o')}, array[${inputs}]::float8[], o.currency, o.unconverted,
           o.last_positive_at, now()
      from (${gather}) o
    ${sorted ? sql`order by o.viewer, o.partner` : sql``}
    on conflict (organization_id, partner_id) do update set
      score = excluded.score, inputs = excluded.inputs, currency = excluded.currency,
      unconverted_currencies = excluded.unconverted_currencies,
      last_positive_at = excluded.last_positive_at, computed_at = excluded.computed_at`;
}

const affected = (result: unknown) => {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
};

/** Scores every pair with a deal, both sides, in one statement; returns the rows written. */
export async function upsertAllTrust(db: Db): Promise<number> {
  // Without JIT: PostgreSQL would spend seconds compiling this one big query (its estimated cost
  // is far above jit_above_cost) to save less than that; PGlite has no JIT and ignores the setting.
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    // The pairs' aggregates, sorts and hashes stay in memory instead of spilling in batches.
    await tx.execute(sql`set local work_mem = '256MB'`);
    return affected(await tx.execute(upsertSql(gatherSql(), true)));
  });
}

/** Scores both sides of one pair (`lo` < `hi`); writes nothing when they share no deal. */
export async function upsertPairTrust(db: Db, lo: string, hi: string): Promise<void> {
  await db.execute(upsertSql(gatherSql({ lo, hi })));
}

/**
 * The model's input of one ordered pair, gathered now without writing (a pair without a stored
 * row: a partnership and no deal). Undefined when the two share neither a deal nor a live
 * partnership.
 */
export async function selectPairTrustInput(
  db: Db,
  viewer: string,
  partner: string,
): Promise<TrustInput | undefined> {
  const [lo, hi] = viewer < partner ? [viewer, partner] : [partner, viewer];
  const [row] = rowsOf<Record<TrustInputNumber, number | null> & StoredExtras>(
    await db.execute(sql`select * from (${gatherSql({ lo, hi }, true)}) o where o.viewer = ${viewer}`),
  );
  return (
    row &&
    inputFromStored({
      inputs: TRUST_INPUT_NUMBERS.map((k) => row[k]),
      currency: row.currency,
      unconvertedCurrencies: row.unconverted,
      lastPositiveAt: row.last_positive_at,
    })
  );
}

/** The gathered columns besides the numbers. */
interface StoredExtras {
  currency: string;
  unconverted: string[];
  last_positive_at: string | null;
}

/** Removes trust rows of pairs that no longer have a deal (after a full recompute). */
export async function deleteTrustRowsBefore(db: Db, before: string) {
  await db.execute(sql`delete from trust_score where computed_at < ${before}::timestamptz`);
}

/** A stored trust row: the score and the model's raw inputs (the explanation is rebuilt from them). */
export interface TrustRow {
  score: number;
  inputs: (number | null)[];
  currency: string;
  unconvertedCurrencies: string[];
  lastPositiveAt: Date | null;
  computedAt: Date;
}

/** The scoped organization's trust row for one partner. */
export async function selectTrustRow(
  db: Db,
  orgId: string,
  partnerId: string,
): Promise<TrustRow | undefined> {
  const [row] = rowsOf<TrustRow>(
    await db.execute(sql`
      select score, inputs, currency, unconverted_currencies as "unconvertedCurrencies",
             last_positive_at as "lastPositiveAt", computed_at as "computedAt"
        from trust_score where organization_id = ${orgId} and partner_id = ${partnerId}`),
  );
  return (
    row && {
      ...row,
      inputs: row.inputs.map((v) => (v === null ? null : Number(v))),
      lastPositiveAt: row.lastPositiveAt === null ? null : new Date(row.lastPositiveAt),
      computedAt: new Date(row.computedAt),
    }
  );
}
