import { sql } from 'drizzle-orm';
import { minorDigits } from '../../../common/deals.ts';
import { type Db, rowsOf } from '../../db/client.ts';
import * as repo from './insights.trust.repo.ts';
import { scoreTrust, type TrustInput } from './insights.trust.ts';

/** Reporting currency when an organization saved no money settings (the ledger's default). */
const DEFAULT_CURRENCY = 'EUR';
/** Pairs scored and upserted per statement in the full recompute. */
const CHUNK = 2000;

/**
 * Converts amounts into each organization's reporting currency with its latest rates, as floats:
 * a trust score needs magnitudes, not the ledger's half-even cents.
 */
export class TrustConverter {
  private readonly reporting = new Map<string, string>();
  private readonly rates = new Map<string, number>();

  constructor(rows: readonly repo.RateRow[]) {
    for (const r of rows)
      if (r.reportingCurrency) this.reporting.set(r.organizationId, r.reportingCurrency);
      else if (r.base && r.quote && r.rate)
        this.rates.set(`${r.organizationId}:${r.base}:${r.quote}`, Number(r.rate));
  }

  /** The organization's reporting currency. */
  currencyOf(orgId: string) {
    return this.reporting.get(orgId) ?? DEFAULT_CURRENCY;
  }

  /** Minor amounts per currency in `orgId`'s reporting currency (major units), and the currencies it had no rate for. */
  toMajor(orgId: string, amounts: Record<string, number> | null) {
    const to = this.currencyOf(orgId);
    let total = 0;
    const unconverted: string[] = [];
    for (const [currency, minor] of Object.entries(amounts ?? {})) {
      const major = Number(minor) / 10 ** minorDigits(currency);
      if (currency === to) total += major;
      else {
        const direct = this.rates.get(`${orgId}:${currency}:${to}`);
        const inverse = this.rates.get(`${orgId}:${to}:${currency}`);
        if (direct) total += major * direct;
        else if (inverse) total += major / inverse;
        else unconverted.push(currency);
      }
    }
    return { total, unconverted: unconverted.sort() };
  }
}

/** The model's input for `viewer` (one side of a gathered pair) looking at the other side. */
export function inputFor(raw: repo.PairRawRow, viewer: 'lo' | 'hi', fx: TrustConverter): TrustInput {
  const lo = viewer === 'lo';
  const viewerId = lo ? raw.lo : raw.hi;
  const to = fx.toMajor(viewerId, lo ? raw.valueLoHi : raw.valueHiLo);
  const from = fx.toMajor(viewerId, lo ? raw.valueHiLo : raw.valueLoHi);
  const [vWon, vDecided, pWon, pDecided] = lo
    ? [raw.loWonTotal, raw.loDecidedTotal, raw.hiWonTotal, raw.hiDecidedTotal]
    : [raw.hiWonTotal, raw.hiDecidedTotal, raw.loWonTotal, raw.loDecidedTotal];
  return {
    wonToPartner: lo ? raw.wonLoHi : raw.wonHiLo,
    wonFromPartner: lo ? raw.wonHiLo : raw.wonLoHi,
    valueToPartner: to.total,
    valueFromPartner: from.total,
    currency: fx.currencyOf(viewerId),
    unconvertedCurrencies: [...new Set([...to.unconverted, ...from.unconverted])].sort(),
    pairWon: raw.pairWon,
    pairLost: raw.pairLost,
    viewerWonElsewhere: vWon - raw.pairWon,
    viewerDecidedElsewhere: vDecided - raw.pairWon - raw.pairLost,
    partnerWonElsewhere: pWon - raw.pairWon,
    partnerDecidedElsewhere: pDecided - raw.pairWon - raw.pairLost,
    // The partner answering what the viewer sent.
    answeredOnTime: lo ? raw.onTimeByHi : raw.onTimeByLo,
    answeredLate: lo ? raw.lateByHi : raw.lateByLo,
    overdueUnanswered: lo ? raw.overdueByHi : raw.overdueByLo,
    medianAnswerHours: lo ? raw.medianHoursByHi : raw.medianHoursByLo,
    closed: raw.closed,
    declined: raw.declined,
    expired: raw.expired,
    withdrawn: raw.withdrawn,
    recencyWeight: raw.recencyWeight,
    positiveInteractions: raw.positives,
    lastPositiveAt: raw.lastPositiveAt,
    partnershipDays: raw.partnershipDays,
  };
}

/** Both ordered rows of a gathered pair. */
function rowsOfPair(raw: repo.PairRawRow, fx: TrustConverter) {
  return (['lo', 'hi'] as const).map((side) => {
    const { score, factors } = scoreTrust(inputFor(raw, side, fx));
    return {
      organizationId: side === 'lo' ? raw.lo : raw.hi,
      partnerId: side === 'lo' ? raw.hi : raw.lo,
      score,
      factors: { v: 1, ...factors },
    };
  });
}

/**
 * Recomputes every pair with a partnership or a deal: one set-based gathering query, the model in
 * memory, upserts in chunks, then removes rows of pairs that no longer exist. Incremental updates
 * running meanwhile write newer rows, which the final delete keeps.
 */
export async function recomputeAllTrust(db: Db): Promise<{ pairs: number }> {
  const [{ now }] = rowsOf<{ now: string }>(await db.execute(sql`select now()::text as now`)) as [
    { now: string },
  ];
  const [raws, rates] = await Promise.all([repo.selectAllPairRaw(db), repo.selectRates(db)]);
  const fx = new TrustConverter(rates);
  // Two writers: while one chunk's upsert runs on the server, the next chunk is scored here and
  // sent on another pooled connection (PGlite runs them one after the other).
  let next = 0;
  const writer = async () => {
    for (let i = next; i < raws.length; i = next) {
      next += CHUNK;
      await repo.upsertTrustRows(
        db,
        raws.slice(i, i + CHUNK).flatMap((raw) => rowsOfPair(raw, fx)),
      );
    }
  };
  await Promise.all([writer(), writer()]);
  await repo.deleteTrustRowsBefore(db, new Date(now));
  return { pairs: raws.length };
}

/**
 * Rewrites both trust rows of one pair (after a deal event between them): one gathering query, one
 * rates query, one upsert. A pair without deal or partnership keeps no rows.
 */
export async function updatePairTrust(db: Db, a: string, b: string): Promise<void> {
  if (a === b) return;
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const [raw, rates] = await Promise.all([repo.selectPairRaw(db, lo, hi), repo.selectRates(db, [lo, hi])]);
  if (!raw) return;
  await repo.upsertTrustRows(db, rowsOfPair(raw, new TrustConverter(rates)));
}

/**
 * Updates the trust of every pair a deal joins: creator and counterparty, and each co-seller with
 * the deal's owner.
 */
export async function updateDealTrust(db: Db, dealId: string): Promise<void> {
  const pairs = rowsOf<{ a: string; b: string }>(
    await db.execute(sql`
      select d.organization_id as a, d.counterparty_id as b from deal d
       where d.id = ${dealId} and d.counterparty_id is not null
      union
      select dp.organization_id, d.organization_id from deal_party dp join deal d on d.id = dp.deal_id
       where dp.deal_id = ${dealId} and dp.side = 'co_seller'`),
  );
  for (const p of pairs) await updatePairTrust(db, p.a, p.b);
}

/**
 * The incremental hook after a deal event has committed: updates the trust of the deals' pairs. A
 * failure is logged and swallowed, never failing the move that caused it; the nightly full
 * recompute repairs the pair.
 */
export async function refreshTrustAfterDeals(
  ctx: { db: Db; log: { warn: (obj: object, msg: string) => void } },
  dealIds: readonly string[],
): Promise<void> {
  for (const dealId of dealIds)
    try {
      await updateDealTrust(ctx.db, dealId);
    } catch (err) {
      ctx.log.warn(
        { err, dealId },
        'trust update after a deal event failed; the nightly recompute repairs it',
      );
    }
}
