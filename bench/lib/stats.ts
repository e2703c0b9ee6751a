// Latency statistics. Durations come in as nanoseconds (see timing.ts) and go out as milliseconds.

/** Latency and throughput of one timed phase (a run of the same operation). */
export interface LatencySummary {
  /** Number of operations timed. */
  count: number;
  /** Percentiles of the per-operation latency, in milliseconds. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
  /** Operations per second over the phase's wall-clock time (includes the harness's own overhead). */
  opsPerSec: number;
  /** Wall-clock time of the whole phase, in milliseconds. */
  wallMs: number;
}

const NS_PER_MS = 1e6;

/**
 * The p-th percentile (0–100) of values sorted ascending, interpolating linearly between the two
 * closest ranks (the "inclusive" definition used by numpy's default and spreadsheets' PERCENTILE.INC).
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low]!;
  return lowValue + (sorted[high]! - lowValue) * (rank - low);
}

/** The median of any list of numbers (not required to be sorted). */
export function median(values: readonly number[]): number {
  return percentile(Float64Array.from(values).sort(), 50);
}

/** Summarizes per-operation durations (ns) measured over a phase that took `wallNs` in total. */
export function summarize(samplesNs: ArrayLike<number>, wallNs: number): LatencySummary {
  const sorted = Float64Array.from(samplesNs).sort();
  let total = 0;
  for (const value of sorted) total += value;
  const count = sorted.length;
  return {
    count,
    p50Ms: percentile(sorted, 50) / NS_PER_MS,
    p95Ms: percentile(sorted, 95) / NS_PER_MS,
    p99Ms: percentile(sorted, 99) / NS_PER_MS,
    meanMs: count ? total / count / NS_PER_MS : Number.NaN,
    minMs: count ? sorted[0]! / NS_PER_MS : Number.NaN,
    maxMs: count ? sorted[count - 1]! / NS_PER_MS : Number.NaN,
    opsPerSec: wallNs > 0 ? count / (wallNs / 1e9) : Number.NaN,
    wallMs: wallNs / NS_PER_MS,
  };
}

/**
 * Combines the summaries of repeated runs of the same phase by taking the median of each field
 * separately, so one noisy run (a GC pause, a checkpoint) does not move the reported number.
 */
export function medianSummary(runs: readonly LatencySummary[]): LatencySummary {
  if (runs.length === 0) throw new Error('medianSummary needs at least one run');
  const field = (key: keyof LatencySummary) => median(runs.map((run) => run[key]));
  return {
    count: field('count'),
    p50Ms: field('p50Ms'),
    p95Ms: field('p95Ms'),
    p99Ms: field('p99Ms'),
    meanMs: field('meanMs'),
    minMs: field('minMs'),
    maxMs: field('maxMs'),
    opsPerSec: field('opsPerSec'),
    wallMs: field('wallMs'),
  };
}
