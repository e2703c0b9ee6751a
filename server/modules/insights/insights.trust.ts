import { type SQL, sql } from 'drizzle-orm';

/**
 * The trust model: how much an organization (the viewer) can trust a partner, 0–100, explained.
 *
 * Score = Σ weight × value over seven factors, each value in [0, 1], weights summing to 100:
 *
 * - reciprocity (20): won deals each way, min ÷ max of the two counts; 0 until a deal has been won
 *   in both directions. Only won deals count.
 * - won value (20): the value of the pair's won deals, both directions, in the viewer's reporting
 *   currency (major units, the viewer's latest rate; currencies without a rate are left out and
 *   listed), log-scaled: log10(1 + value) ÷ log10(1 + 1,000,000), capped at 1.
 * - win rate vs baseline (15): the pair's win rate (won ÷ won + lost) against both sides' win rate
 *   with everyone else (pooled, the pair's own deals left out; 0.5 without any): clip(0.5 + pair −
 *   baseline), weighed by the evidence n ÷ (n + 3) of the pair's n decided deals.
 * - responsiveness (15): of the referrals and registrations the viewer sent the partner, the share
 *   the partner answered within the response window (late answers and overdue unanswered ones
 *   count against it; ones still inside their window do not count yet). The median answer time is
 *   shown beside it.
 * - reliability (15): 1 − (declined + expired + withdrawn) ÷ closed, over the pair's closed deals
 *   both ways; 0 without a closed deal.
 * - recency (10): positive interactions only (a deal won, a referral accepted, a registration
 *   approved), each weighing 0.5^(age ÷ 180 days); value 1 − 0.5^sum, so every fresh one halves the
 *   remaining gap.
 * - tenure (5): days since the live partnership became active, ÷ 730 (saturates at two years).
 *
 * A pair's deals are referrals and registrations between the two (the creator brought it to the
 * counterparty) and co-selling (a co-seller brought its help to the deal's owner). A factor
 * without evidence is 0: trust is earned. These functions are pure; the SQL that gathers their
 * inputs is in insights.trust.repo.ts and the writers in insights.trust.update.ts.
 *
 * The model exists twice: `scoreTrust` here, and `trustScoreSql`, the same score as one SQL
 * expression, which the writers use so that scoring every pair is one set-based statement.
 * trust_score stores each ordered pair's score and raw inputs (`TRUST_INPUT_NUMBERS`, a float8[])
 * for every pair with a deal; the explanation is rebuilt from them with `scoreTrust` when read. A
 * pair with a partnership and no deal has no row: only tenure can count for it, and readers score
 * it from the partnership's age (`partnershipOnlyScoreSql`; at 500k organizations and 5M
 * partnerships, rows for those pairs were 10M writes a night for a 0–5 score). A property test
 * holds the two scores equal on random inputs (insights.trust.model.sql.test.ts).
 *
 * By construction (and by property tests): more reciprocal won deals never lower the score, and a
 * registration expiring never raises it.
 */

/** Factor keys, in display order. */
export const TRUST_FACTORS = [
  'reciprocity',
  'wonValue',
  'winRate',
  'responsiveness',
  'reliability',
  'recency',
  'tenure',
] as const;
/** A factor key. */
export type TrustFactorKey = (typeof TRUST_FACTORS)[number];

/** The model's constants, shown with every score. */
export const TRUST_MODEL = {
  version: 1,
  weights: {
    reciprocity: 20,
    wonValue: 20,
    winRate: 15,
    responsiveness: 15,
    reliability: 15,
    recency: 10,
    // The plan's list summed to 105: tenure, the least behavioural factor, gives up 5.
    tenure: 5,
  } satisfies Record<TrustFactorKey, number>,
  halfLifeDays: 180,
  tenureSaturationDays: 730,
  wonValueSaturationMajor: 1_000_000,
  winRateEvidence: 3,
  defaultBaselineWinRate: 0.5,
  positiveStatuses: ['won', 'accepted', 'approved'],
} as const;

/** Label and plain-words description of each factor. */
export const TRUST_FACTOR_TEXT: Record<TrustFactorKey, { label: string; description: string }> = {
  reciprocity: {
    label: 'Reciprocity',
    description:
      'Won deals each way: the smaller count divided by the larger; 0 until deals have been won in both directions.',
  },
  wonValue: {
    label: 'Won value',
    description:
      'Value of the deals won together, both directions, in your reporting currency, on a log scale that saturates at 1,000,000.',
  },
  winRate: {
    label: 'Win rate vs baseline',
    description:
      'Win rate of the deals between you against both sides’ win rate with everyone else, weighed by how many deals were decided.',
  },
  responsiveness: {
    label: 'Responsiveness',
    description:
      'Share of the referrals and registrations you sent that the partner answered within the response window.',
  },
  reliability: {
    label: 'Reliability',
    description: '1 − (declined + expired + withdrawn) ÷ closed, over the deals between you that closed.',
  },
  recency: {
    label: 'Recency',
    description:
      'Recent positive interactions (won, accepted, approved), each fading with a 180-day half-life.',
  },
  tenure: {
    label: 'Tenure',
    description: 'Age of the active partnership, reaching full weight after two years.',
  },
};

/** Everything the model needs about one ordered pair (viewer → partner), as gathered from the database. */
export interface TrustInput {
  /** Won deals the viewer brought the partner. */
  wonToPartner: number;
  /** Won deals the partner brought the viewer. */
  wonFromPartner: number;
  /** Won value the viewer brought the partner, in the viewer's reporting currency (major units). */
  valueToPartner: number;
  /** Won value the partner brought the viewer (major units). */
  valueFromPartner: number;
  /** Reporting currency the values are in. */
  currency: string;
  /** Currencies of won deals left out for want of a rate. */
  unconvertedCurrencies: string[];
  /** The pair's deals won and lost (both directions). */
  pairWon: number;
  pairLost: number;
  /** Each side's won and decided (won + lost) deals with everyone else. */
  viewerWonElsewhere: number;
  viewerDecidedElsewhere: number;
  partnerWonElsewhere: number;
  partnerDecidedElsewhere: number;
  /** The partner's answers to what the viewer sent. */
  answeredOnTime: number;
  answeredLate: number;
  overdueUnanswered: number;
  medianAnswerHours: number | null;
  /** The pair's closed deals and the bad outcomes among them. */
  closed: number;
  declined: number;
  expired: number;
  withdrawn: number;
  /** Σ 0.5^(age ÷ half-life) over positive interactions, their count and the latest. */
  recencyWeight: number;
  positiveInteractions: number;
  lastPositiveAt: string | null;
  /** Days since the live partnership became active; null without an active or paused one. */
  partnershipDays: number | null;
}

/** The numeric inputs, in the order of trust_score.inputs (append only: stored rows use this order). */
export const TRUST_INPUT_NUMBERS = [
  'wonToPartner',
  'wonFromPartner',
  'valueToPartner',
  'valueFromPartner',
  'pairWon',
  'pairLost',
  'viewerWonElsewhere',
  'viewerDecidedElsewhere',
  'partnerWonElsewhere',
  'partnerDecidedElsewhere',
  'answeredOnTime',
  'answeredLate',
  'overdueUnanswered',
  'medianAnswerHours',
  'closed',
  'declined',
  'expired',
  'withdrawn',
  'recencyWeight',
  'positiveInteractions',
  'partnershipDays',
] as const satisfies readonly (keyof TrustInput)[];
/** A numeric input's key. */
export type TrustInputNumber = (typeof TRUST_INPUT_NUMBERS)[number];

/** The model's input from a stored row: `inputs` in `TRUST_INPUT_NUMBERS` order, and the rest. */
export function inputFromStored(stored: {
  inputs: readonly (number | string | null)[];
  currency: string;
  unconvertedCurrencies: readonly string[] | null;
  lastPositiveAt: Date | string | null;
}): TrustInput {
  const n = Object.fromEntries(
    TRUST_INPUT_NUMBERS.map((k, i) => {
      const v = stored.inputs[i];
      return [k, v === null || v === undefined ? null : Number(v)];
    }),
  ) as Record<TrustInputNumber, number | null>;
  const num = (k: TrustInputNumber) => n[k] ?? 0;
  return {
    ...(Object.fromEntries(TRUST_INPUT_NUMBERS.map((k) => [k, num(k)])) as Record<TrustInputNumber, number>),
    medianAnswerHours: n.medianAnswerHours,
    partnershipDays: n.partnershipDays,
    currency: stored.currency,
    unconvertedCurrencies: [...(stored.unconvertedCurrencies ?? [])],
    lastPositiveAt: stored.lastPositiveAt === null ? null : new Date(stored.lastPositiveAt).toISOString(),
  };
}

/** One factor's value in [0, 1] and the numbers behind it. */
export interface FactorResult {
  value: number;
  raw: Record<string, number | string | string[] | null>;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Won deals each way: min ÷ max, 0 unless both ways have one. */
export function reciprocity(i: Pick<TrustInput, 'wonToPartner' | 'wonFromPartner'>): FactorResult {
  const lo = Math.min(i.wonToPartner, i.wonFromPartner);
  const hi = Math.max(i.wonToPartner, i.wonFromPartner);
  return {
    value: lo > 0 ? lo / hi : 0,
    raw: { wonToPartner: i.wonToPartner, wonFromPartner: i.wonFromPartner },
  };
}

/** Won value both ways, log-scaled and saturating. */
export function wonValue(
  i: Pick<TrustInput, 'valueToPartner' | 'valueFromPartner' | 'currency' | 'unconvertedCurrencies'>,
): FactorResult {
  const total = Math.max(0, i.valueToPartner) + Math.max(0, i.valueFromPartner);
  return {
    value: clamp01(Math.log10(1 + total) / Math.log10(1 + TRUST_MODEL.wonValueSaturationMajor)),
    raw: {
      currency: i.currency,
      valueToPartner: round(i.valueToPartner, 2),
      valueFromPartner: round(i.valueFromPartner, 2),
      unconvertedCurrencies: i.unconvertedCurrencies,
    },
  };
}

/** The pair's win rate against both sides' pooled win rate elsewhere, weighed by evidence. */
export function winRate(
  i: Pick<
    TrustInput,
    | 'pairWon'
    | 'pairLost'
    | 'viewerWonElsewhere'
    | 'viewerDecidedElsewhere'
    | 'partnerWonElsewhere'
    | 'partnerDecidedElsewhere'
  >,
): FactorResult {
  const decided = i.pairWon + i.pairLost;
  const elsewhere = i.viewerDecidedElsewhere + i.partnerDecidedElsewhere;
  const baseline =
    elsewhere > 0
      ? (i.viewerWonElsewhere + i.partnerWonElsewhere) / elsewhere
      : TRUST_MODEL.defaultBaselineWinRate;
  const rate = decided > 0 ? i.pairWon / decided : null;
  const evidence = decided / (decided + TRUST_MODEL.winRateEvidence);
  return {
    value: rate === null ? 0 : clamp01(evidence * clamp01(0.5 + rate - baseline)),
    raw: {
      pairWon: i.pairWon,
      pairLost: i.pairLost,
      pairWinRate: rate === null ? null : round(rate),
      baselineWinRate: round(baseline),
      viewerWinRateElsewhere: i.viewerDecidedElsewhere
        ? round(i.viewerWonElsewhere / i.viewerDecidedElsewhere)
        : null,
      partnerWinRateElsewhere: i.partnerDecidedElsewhere
        ? round(i.partnerWonElsewhere / i.partnerDecidedElsewhere)
        : null,
    },
  };
}

/** Share of what the viewer sent that the partner answered within the window. */
export function responsiveness(
  i: Pick<TrustInput, 'answeredOnTime' | 'answeredLate' | 'overdueUnanswered' | 'medianAnswerHours'>,
): FactorResult {
  const counted = i.answeredOnTime + i.answeredLate + i.overdueUnanswered;
  return {
    value: counted > 0 ? i.answeredOnTime / counted : 0,
    raw: {
      answeredOnTime: i.answeredOnTime,
      answeredLate: i.answeredLate,
      overdueUnanswered: i.overdueUnanswered,
      medianAnswerHours: i.medianAnswerHours === null ? null : round(i.medianAnswerHours, 1),
    },
  };
}

/** 1 − bad outcomes ÷ closed deals. */
export function reliability(
  i: Pick<TrustInput, 'closed' | 'declined' | 'expired' | 'withdrawn'>,
): FactorResult {
  const bad = i.declined + i.expired + i.withdrawn;
  return {
    value: i.closed > 0 ? clamp01(1 - bad / i.closed) : 0,
    raw: { closed: i.closed, declined: i.declined, expired: i.expired, withdrawn: i.withdrawn },
  };
}

/** Positive interactions fading with the half-life: 1 − 0.5^Σ weights. */
export function recency(
  i: Pick<TrustInput, 'recencyWeight' | 'positiveInteractions' | 'lastPositiveAt'>,
): FactorResult {
  return {
    value: clamp01(1 - 0.5 ** Math.max(0, i.recencyWeight)),
    raw: {
      positiveInteractions: i.positiveInteractions,
      decayedWeight: round(i.recencyWeight),
      lastPositiveAt: i.lastPositiveAt,
    },
  };
}

/** Partnership age, saturating at two years. */
export function tenure(i: Pick<TrustInput, 'partnershipDays'>): FactorResult {
  const days = i.partnershipDays === null ? null : Math.max(0, i.partnershipDays);
  return {
    value: days === null ? 0 : clamp01(days / TRUST_MODEL.tenureSaturationDays),
    raw: { partnershipDays: days === null ? null : Math.floor(days) },
  };
}

/** The weight 0.5^(age ÷ half-life) of one positive interaction `ageDays` old (what the SQL sums). */
export const decayWeight = (ageDays: number) => 0.5 ** (Math.max(0, ageDays) / TRUST_MODEL.halfLifeDays);

const FACTOR_FNS: Record<TrustFactorKey, (i: TrustInput) => FactorResult> = {
  reciprocity,
  wonValue,
  winRate,
  responsiveness,
  reliability,
  recency,
  tenure,
};

/** A scored pair: the 0–100 score and each factor's value and raw numbers (rebuilt from trust_score.inputs when read). */
export interface TrustScore {
  score: number;
  factors: Record<TrustFactorKey, FactorResult>;
}

/** Scores one ordered pair. */
export function scoreTrust(input: TrustInput): TrustScore {
  const factors = Object.fromEntries(TRUST_FACTORS.map((k) => [k, FACTOR_FNS[k](input)])) as Record<
    TrustFactorKey,
    FactorResult
  >;
  const sum = TRUST_FACTORS.reduce((s, k) => s + TRUST_MODEL.weights[k] * factors[k].value, 0);
  for (const k of TRUST_FACTORS) factors[k].value = round(factors[k].value);
  return { score: Math.min(100, Math.max(0, Math.round(sum))), factors };
}

/**
 * `scoreTrust(...).score` as one SQL expression over float8 columns named like `TRUST_INPUT_NUMBERS`
 * (quoted camelCase) of the relation `alias`: the same operations in the same order (IEEE doubles
 * both sides), `floor(x + 0.5)` for Math.round (PostgreSQL rounds float8 ties to even).
 */
export function trustScoreSql(alias: string): SQL {
  const c = (k: TrustInputNumber) => sql.raw(`${alias}."${k}"`);
  const f = (x: number) => sql.raw(`${x}::float8`);
  const clamp = (x: SQL) => sql`least(1::float8, greatest(0::float8, ${x}))`;
  const m = TRUST_MODEL;
  const decided = sql`(${c('pairWon')} + ${c('pairLost')})`;
  const elsewhere = sql`(${c('viewerDecidedElsewhere')} + ${c('partnerDecidedElsewhere')})`;
  const baseline = sql`(case when ${elsewhere} > 0
    then (${c('viewerWonElsewhere')} + ${c('partnerWonElsewhere')}) / ${elsewhere}
    else ${f(m.defaultBaselineWinRate)} end)`;
  const counted = sql`(${c('answeredOnTime')} + ${c('answeredLate')} + ${c('overdueUnanswered')})`;
  const values: Record<TrustFactorKey, SQL> = {
    reciprocity: sql`(case when least(${c('wonToPartner')}, ${c('wonFromPartner')}) > 0
      then least(${c('wonToPartner')}, ${c('wonFromPartner')}) / greatest(${c('wonToPartner')}, ${c('wonFromPartner')})
      else 0::float8 end)`,
    wonValue: clamp(
      sql`log(1::float8 + (greatest(0::float8, ${c('valueToPartner')}) + greatest(0::float8, ${c('valueFromPartner')})))
        / log(${f(1 + m.wonValueSaturationMajor)})`,
    ),
    winRate: sql`(case when ${decided} > 0
      then ${clamp(sql`(${decided} / (${decided} + ${f(m.winRateEvidence)})) * ${clamp(sql`0.5::float8 + ${c('pairWon')} / ${decided} - ${baseline}`)}`)}
      else 0::float8 end)`,
    responsiveness: sql`(case when ${counted} > 0 then ${c('answeredOnTime')} / ${counted} else 0::float8 end)`,
    reliability: sql`(case when ${c('closed')} > 0
      then ${clamp(sql`1::float8 - (${c('declined')} + ${c('expired')} + ${c('withdrawn')}) / ${c('closed')}`)}
      else 0::float8 end)`,
    // PostgreSQL raises an underflow error where 0.5^x rounds to 0 (x ≥ 1075); from x = 64 on,
    // 1 − 0.5^x is 1 in doubles anyway.
    recency: sql`(case when ${c('recencyWeight')} >= 64 then 1::float8
      else ${clamp(sql`1::float8 - power(0.5::float8, greatest(0::float8, ${c('recencyWeight')}))`)} end)`,
    // least/greatest skip nulls: the null test comes first.
    tenure: sql`(case when ${c('partnershipDays')} is null then 0::float8
      else ${clamp(sql`greatest(0::float8, ${c('partnershipDays')}) / ${f(m.tenureSaturationDays)}`)} end)`,
  };
  // Σ weight × value, left to right from 0 like the reduce.
  const sum = TRUST_FACTORS.reduce<SQL>(
    (s, k) => sql`(${s} + ${f(m.weights[k])} * ${values[k]})`,
    sql`0::float8`,
  );
  return sql`least(100, greatest(0, floor(${sum} + 0.5::float8)))::int`;
}

/**
 * The score of a pair whose only evidence is its live partnership, `days` old (SQL, float8 days or
 * null): `trustScoreSql` over inputs that are all 0 but the partnership's age, so only tenure
 * counts. trust_score keeps rows for pairs with deals only; readers score the others with this.
 */
export function partnershipOnlyScoreSql(days: SQL): SQL {
  const columns = TRUST_INPUT_NUMBERS.map((k) =>
    k === 'partnershipDays' ? sql`(${days})::float8 as "partnershipDays"` : sql.raw(`0::float8 as "${k}"`),
  );
  return sql`(select ${trustScoreSql('z')} from (select ${sql.join(columns, sql`, `)}) z)`;
}

/** Each factor as the API explains it: label, description, weight, value, points and raw numbers. */
export function explainFactors(stored: Partial<Record<TrustFactorKey, FactorResult>>) {
  return TRUST_FACTORS.map((key) => {
    const f = stored[key] ?? { value: 0, raw: {} };
    return {
      key,
      ...TRUST_FACTOR_TEXT[key],
      weight: TRUST_MODEL.weights[key],
      value: f.value,
      contribution: Math.round(TRUST_MODEL.weights[key] * f.value * 10) / 10,
      raw: f.raw,
    };
  });
}
