import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatMoney, formatRate, moneyInput, parseMoney, percentOf } from './money.ts';

describe('percentOf rounds half to even to the minor unit', () => {
  test.each([
    [1, 5000, 0], // 0.5 → 0 (even)
    [3, 5000, 2], // 1.5 → 2 (even)
    [5, 5000, 2], // 2.5 → 2
    [7, 5000, 4], // 3.5 → 4
    [1, 2500, 0], // 0.25 → 0
    [3, 2500, 1], // 0.75 → 1
    [100_001, 1250, 12_500], // 12_500.125 → 12_500
    [100_004, 1250, 12_500], // 12_500.5 → 12_500 (even)
    [100_012, 1250, 12_502], // 12_501.5 → 12_502 (even)
    [1, 1, 0], // 0.0001 → 0
  ])('%i minor × %i bp', (amount, rateBp, expected) => {
    expect(percentOf(amount, rateBp)).toBe(expected);
  });

  test('whole results are exact; 0 % and 100 % are identities', () => {
    expect(percentOf(123_456, 10_000)).toBe(123_456);
    expect(percentOf(123_456, 0)).toBe(0);
    expect(percentOf(2_500_000, 1000)).toBe(250_000);
  });

  test('negative amounts round symmetrically (a reversal is the exact negation)', () => {
    expect(percentOf(-3, 5000)).toBe(-2);
    expect(percentOf(-1, 5000) + 0).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 10_000 }), (a, r) => {
        expect(percentOf(-a, r) + 0).toBe(-percentOf(a, r) + 0);
      }),
    );
  });

  test('never more than half a minor unit from the exact value, and exact halves go to the even side', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 10_000 }), (a, r) => {
        const got = BigInt(percentOf(a, r));
        const exact = BigInt(a) * BigInt(r); // in units of 1/10_000 minor
        const diff = got * 10_000n - exact;
        const abs = diff < 0n ? -diff : diff;
        expect(abs <= 5_000n).toBe(true);
        if (abs === 5_000n) expect(got % 2n).toBe(0n);
      }),
    );
  });
});

describe('money text', () => {
  test('parses what people type into minor units, without floats', () => {
    expect(parseMoney('1,234.50', 'EUR')).toEqual({ ok: true, minor: 123_450 });
    expect(parseMoney('1234,5', 'EUR')).toEqual({ ok: true, minor: 123_450 });
    expect(parseMoney('1,234', 'JPY')).toEqual({ ok: true, minor: 1234 });
    expect(parseMoney('0.1', 'JPY')).toMatchObject({ ok: false });
    expect(parseMoney('-5', 'EUR')).toMatchObject({ ok: false });
  });

  test('formats amounts and rates', () => {
    expect(moneyInput(123_450, 'EUR')).toBe('1234.50');
    expect(formatMoney({ amountMinor: 120_000, currency: 'EUR' }, false, 'en-US')).toBe('€1,200.00');
    expect(formatRate(1250)).toBe('12.5 %');
  });
});
