import { type LatencySummary, summarize } from './stats.ts';

// Timing on the monotonic high-resolution clock. Durations are plain numbers of nanoseconds: a
// float64 holds integers exactly up to 2^53 ns (104 days), far beyond any benchmark phase.

/** The monotonic clock, in nanoseconds. */
export const now = (): bigint => process.hrtime.bigint();

/** Nanoseconds elapsed since `start` (a value of {@link now}). */
export const elapsedNs = (start: bigint): number => Number(process.hrtime.bigint() - start);

/** Runs `fn` once and returns its result with its duration in milliseconds. */
export async function timeOnce<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = now();
  const result = await fn();
  return { result, ms: elapsedNs(start) / 1e6 };
}

/** Raw per-operation durations of a phase and the phase's wall-clock time. */
export interface PhaseSamples {
  samplesNs: Float64Array;
  wallNs: number;
}

/**
 * Runs `op(0) … op(count - 1)` one after another, timing each call individually; the phase's
 * wall-clock time is measured too so throughput includes what happens between operations.
 */
export async function timeEach(count: number, op: (i: number) => Promise<unknown>): Promise<PhaseSamples> {
  const samplesNs = new Float64Array(count);
  const phaseStart = now();
  for (let i = 0; i < count; i++) {
    const start = now();
    await op(i);
    samplesNs[i] = elapsedNs(start);
  }
  return { samplesNs, wallNs: elapsedNs(phaseStart) };
}

/** {@link timeEach}, summarized into percentiles and ops/s. */
export async function measureOps(
  count: number,
  op: (i: number) => Promise<unknown>,
): Promise<LatencySummary> {
  const { samplesNs, wallNs } = await timeEach(count, op);
  return summarize(samplesNs, wallNs);
}
