/**
 * Tier rules without a database: the ladder's validation, which tier the numbers qualify for, what
 * an evaluation changes (upgrades at once, downgrades after the grace period), and the progress
 * toward the next tier.
 */
import { minorDigits } from '../../../common/deals.ts';

/** The numbers a tier requires, trailing 12 months (revenue in the program's currency, minor units). */
export interface Requirements {
  revenueMinor: number;
  wonDeals: number;
  registeredDeals: number;
  certifiedPeople: number;
  customers: number;
}

/** A requirement's name. */
export type Metric = keyof Requirements;

/** Every requirement, in display order. */
export const METRICS: readonly Metric[] = [
  'revenueMinor',
  'wonDeals',
  'registeredDeals',
  'certifiedPeople',
  'customers',
];

/** Words for a metric in messages ("won deals"). */
export const METRIC_LABELS: Record<Metric, string> = {
  revenueMinor: 'won revenue',
  wonDeals: 'won deals',
  registeredDeals: 'registered deals',
  certifiedPeople: 'certified people',
  customers: 'customers',
};

/** A tier as these rules see it. */
export interface TierLike {
  id: string;
  rank: number;
  name: string;
  requirements: Requirements;
}

/** Why a ladder is refused: the tier (by position) and metric at fault. */
export interface LadderProblem {
  index: number;
  metric: Metric | null;
  message: string;
}

/**
 * Checks an ordered ladder (lowest first): each tier must require at least what the one below does
 * on every metric and more on at least one — otherwise two tiers overlap and the lower one could
 * never be told apart. Names must be distinct. Returns the first problem, or null.
 */
export function validateLadder(
  tiers: readonly { name: string; requirements: Requirements }[],
): LadderProblem | null {
  const names = new Set<string>();
  for (const [index, tier] of tiers.entries()) {
    const key = tier.name.trim().toLowerCase();
    if (names.has(key))
      return { index, metric: null, message: `Two tiers are called ${tier.name}: tier names must differ` };
    names.add(key);
    const below = tiers[index - 1];
    if (!below) continue;
    for (const metric of METRICS)
      if (tier.requirements[metric] < below.requirements[metric])
        return {
          index,
          metric,
          message: `${tier.name} overlaps ${below.name}: it requires fewer ${METRIC_LABELS[metric]} (${tier.requirements[metric]}) than the tier below it (${below.requirements[metric]})`,
        };
    if (METRICS.every((m) => tier.requirements[m] === below.requirements[m]))
      return {
        index,
        metric: 'revenueMinor',
        message: `${tier.name} overlaps ${below.name}: it must require more than the tier below it on at least one metric`,
      };
  }
  return null;
}

/** Whether the numbers meet every requirement of a tier. */
export const meets = (metrics: Requirements, tier: TierLike) =>
  METRICS.every((m) => metrics[m] >= tier.requirements[m]);

/** The highest-ranked tier whose every requirement the numbers meet, or null. */
export function qualifiedTier<T extends TierLike>(tiers: readonly T[], metrics: Requirements): T | null {
  let best: T | null = null;
  for (const tier of tiers) if (meets(metrics, tier) && (!best || tier.rank > best.rank)) best = tier;
  return best;
}

/** A kind of tier change, as tier history stores it. */
export type TierChangeKind = 'initial' | 'upgrade' | 'downgrade' | 'grace_started' | 'grace_cleared';

/** What an evaluation does to an enrollment. */
export interface TierDecision<T extends TierLike> {
  /** The tier afterwards. */
  tier: T | null;
  belowSince: Date | null;
  /** The history row to write, or null when nothing but the numbers changed. */
  change: { kind: TierChangeKind; from: T | null; to: T | null } | null;
}

const DAY_MS = 86_400_000;

/**
 * Applies the tier rules: a higher (or first) qualified tier applies at once; falling below the
 * current tier starts the grace period (`belowSince`), and only once `graceDays` have passed since
 * then does the enrollment move down — to the tier it qualifies for then. Catching up during the
 * grace period clears it.
 */
export function decideTier<T extends TierLike>(input: {
  current: T | null;
  qualified: T | null;
  belowSince: Date | null;
  graceDays: number;
  now: Date;
}): TierDecision<T> {
  const { current, qualified, now } = input;
  const rank = (t: T | null) => t?.rank ?? 0;
  if (rank(qualified) > rank(current))
    return {
      tier: qualified,
      belowSince: null,
      change: { kind: current ? 'upgrade' : 'initial', from: current, to: qualified },
    };
  if (rank(qualified) === rank(current))
    return {
      tier: current,
      belowSince: null,
      change: input.belowSince ? { kind: 'grace_cleared', from: current, to: current } : null,
    };
  const since = input.belowSince ?? now;
  if (now.getTime() - since.getTime() >= input.graceDays * DAY_MS)
    return { tier: qualified, belowSince: null, change: { kind: 'downgrade', from: current, to: qualified } };
  return {
    tier: current,
    belowSince: since,
    change: input.belowSince ? null : { kind: 'grace_started', from: current, to: current },
  };
}

/** When a partner below its tier since `belowSince` moves down, if it does not catch up. */
export const downgradeDate = (belowSince: Date, graceDays: number) =>
  new Date(belowSince.getTime() + graceDays * DAY_MS);

/** An amount as "EUR 40,000" (no decimals when whole). */
export function formatAmount(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const major = amountMinor / 10 ** digits;
  const text = new Intl.NumberFormat('en', {
    minimumFractionDigits: Number.isInteger(major) ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(major);
  return `${currency} ${text}`;
}

const number = (metric: Metric, value: number, currency: string) =>
  metric === 'revenueMinor' ? formatAmount(value, currency) : String(value);

/** One requirement of the next tier against the current numbers. */
export interface RequirementProgress {
  metric: Metric;
  current: number;
  target: number;
  met: boolean;
}

/** Progress toward the next tier above `current` (the lowest tier when there is none). */
export function progressToNext<T extends TierLike>(
  tiers: readonly T[],
  current: T | null,
  metrics: Requirements,
  currency: string,
): { nextTier: T | null; requirements: RequirementProgress[]; headline: string | null } {
  const sorted = [...tiers].sort((a, b) => a.rank - b.rank);
  if (sorted.length === 0) return { nextTier: null, requirements: [], headline: null };
  const next = sorted.find((t) => t.rank > (current?.rank ?? 0)) ?? null;
  if (!next) return { nextTier: null, requirements: [], headline: `Top tier: ${current?.name}` };
  const requirements = METRICS.filter((m) => next.requirements[m] > 0).map((metric) => ({
    metric,
    current: metrics[metric],
    target: next.requirements[metric],
    met: metrics[metric] >= next.requirements[metric],
  }));
  const lead =
    requirements.find((r) => r.metric === 'revenueMinor' && !r.met) ?? requirements.find((r) => !r.met);
  let headline: string;
  if (!lead) headline = `Every requirement for ${next.name} is met`;
  else if (lead.metric === 'revenueMinor') {
    const target = formatAmount(lead.target, currency).slice(currency.length + 1);
    headline = `${formatAmount(lead.current, currency)} of ${target} to ${next.name}`;
  } else
    headline = `${number(lead.metric, lead.current, currency)} of ${lead.target} ${METRIC_LABELS[lead.metric]} to ${next.name}`;
  return { nextTier: next, requirements, headline };
}

/** A sentence for tier history: what changed and the numbers behind it. */
export function changeReason<T extends TierLike>(
  kind: TierChangeKind,
  from: T | null,
  to: T | null,
  metrics: Requirements,
  currency: string,
  graceDays: number,
  now: Date,
): string {
  const numbers = METRICS.map((m) => `${METRIC_LABELS[m]} ${number(m, metrics[m], currency)}`).join(', ');
  const missed = (t: T | null) =>
    t
      ? METRICS.filter((m) => metrics[m] < t.requirements[m])
          .map(
            (m) =>
              `${METRIC_LABELS[m]} ${number(m, metrics[m], currency)} of ${number(m, t.requirements[m], currency)}`,
          )
          .join(', ')
      : '';
  switch (kind) {
    case 'initial':
      return `Qualifies for ${to?.name} (${numbers})`;
    case 'upgrade':
      return `Moved up from ${from?.name} to ${to?.name} (${numbers})`;
    case 'downgrade':
      return `Moved down from ${from?.name} to ${to?.name ?? 'no tier'} after ${graceDays} days below ${from?.name}'s requirements (${missed(from)})`;
    case 'grace_started':
      return `Below ${from?.name}'s requirements (${missed(from)}); moves down on ${downgradeDate(now, graceDays).toISOString().slice(0, 10)} unless it catches up`;
    case 'grace_cleared':
      return `Meets ${from?.name}'s requirements again (${numbers})`;
  }
}
