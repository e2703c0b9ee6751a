/**
 * Seeded randomness for the generator. Every organization gets its own stream, derived from the
 * run's seed and its position, so organization N is the same whatever the total count and no
 * choice depends on how many random numbers an earlier one happened to draw.
 */

/** 32-bit mix (the murmur3 finalizer): turns nearby inputs into unrelated ones. */
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A stable 32-bit hash of a text (FNV-1a), for naming random streams ("ecosystems", "anchor"). */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A reseedable sfc32 generator (faker draws from it too, so faker follows our streams). */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 1;

  constructor(seed = 0, stream = 0) {
    this.reseed(seed, stream);
  }

  /** Restarts the generator on the stream (seed, stream). */
  reseed(seed: number, stream: number): void {
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32(stream + 0x7f4a7c15);
    this.c = mix32(this.a ^ this.b ^ 0x6a09e667);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A Poisson-distributed count (Knuth; fine for the small means used here). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Up to k distinct elements, uniformly, in their original order. */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k >= items.length) return [...items];
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((x, y) => x - y).map((i) => items[i]!);
  }
}

/** A list of choices with weights, precomputed for repeated drawing. */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      sum += weight;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  /** One item, by weight (binary search). */
  draw(rng: Rng): T {
    const target = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** Up to k distinct items drawn by weight, without replacement (linear: for short lists). */
export function drawDistinct<T>(rng: Rng, entries: readonly (readonly [T, number])[], k: number): T[] {
  const pool = entries.filter(([, w]) => w > 0).map(([item, w]) => [item, w] as [T, number]);
  const out: T[] = [];
  while (out.length < k && pool.length > 0) {
    let total = 0;
    for (const [, w] of pool) total += w;
    let target = rng.next() * total;
    let index = 0;
    for (; index < pool.length - 1; index++) {
      target -= pool[index]![1];
      if (target < 0) break;
    }
    out.push(pool[index]![0]);
    pool.splice(index, 1);
  }
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A UUIDv7 for a moment, with its random bits from the stream: the same shape the app's `newId()`
 * makes, so ids sort by time like real ones, but reproducible.
 */
export function uuidv7At(ms: number, rng: Rng): string {
  const high = Math.floor(ms / 0x10000);
  const low = ms % 0x10000;
  const r1 = rng.uint32();
  const r2 = rng.uint32();
  const r3 = rng.uint32();
  const hex8 = (n: number) =>
    HEX[(n >>> 24) & 0xff]! + HEX[(n >>> 16) & 0xff]! + HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;
  const hex4 = (n: number) => HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;
  return `${hex8(high)}-${hex4(low)}-${hex4(0x7000 | (r1 & 0x0fff))}-${hex4(0x8000 | ((r1 >>> 12) & 0x3fff))}-${hex4(r2 & 0xffff)}${hex8(r3)}`;
}
