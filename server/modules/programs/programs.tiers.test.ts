import { describe, expect, test } from 'vitest';
import {
  decideTier,
  formatAmount,
  progressToNext,
  qualifiedTier,
  type Requirements,
  type TierLike,
  validateLadder,
} from './programs.tiers.ts';

const req = (over: Partial<Requirements> = {}): Requirements => ({
  revenueMinor: 0,
  wonDeals: 0,
  registeredDeals: 0,
  certifiedPeople: 0,
  customers: 0,
  ...over,
});

const registered: TierLike = { id: 'r', rank: 1, name: 'Registered', requirements: req() };
const silver: TierLike = { id: 's', rank: 2, name: 'Silver', requirements: req({ revenueMinor: 1_000_000 }) };
const gold: TierLike = {
  id: 'g',
  rank: 3,
  name: 'Gold',
  requirements: req({ revenueMinor: 5_000_000, wonDeals: 3, certifiedPeople: 2 }),
};
const ladder = [registered, silver, gold];
const DAY = 86_400_000;

describe('validateLadder', () => {
  test('a rising ladder passes', () => {
    expect(validateLadder(ladder)).toBeNull();
    expect(validateLadder([])).toBeNull();
  });

  test('a tier requiring less than the one below on any metric overlaps, naming tier and metric', () => {
    const problem = validateLadder([
      registered,
      { name: 'Silver', requirements: req({ revenueMinor: 1_000_000, wonDeals: 5 }) },
      { name: 'Gold', requirements: req({ revenueMinor: 5_000_000, wonDeals: 4 }) },
    ]);
    expect(problem).toMatchObject({ index: 2, metric: 'wonDeals' });
    expect(problem?.message).toContain('Gold overlaps Silver');
  });

  test('a tier requiring exactly what the one below does overlaps; duplicate names are refused', () => {
    expect(
      validateLadder([silver, { name: 'Silver plus', requirements: silver.requirements }]),
    ).toMatchObject({
      index: 1,
    });
    expect(
      validateLadder([registered, { name: 'registered', requirements: req({ wonDeals: 1 }) }]),
    ).toMatchObject({ index: 1, metric: null });
  });
});

describe('qualifiedTier at the thresholds', () => {
  test('exactly at the threshold qualifies; one below does not', () => {
    expect(qualifiedTier(ladder, req({ revenueMinor: 1_000_000 }))?.name).toBe('Silver');
    expect(qualifiedTier(ladder, req({ revenueMinor: 999_999 }))?.name).toBe('Registered');
  });

  test('every requirement must be met: revenue alone does not make Gold', () => {
    const rich = req({ revenueMinor: 9_000_000, wonDeals: 3, certifiedPeople: 1 });
    expect(qualifiedTier(ladder, rich)?.name).toBe('Silver');
    expect(qualifiedTier(ladder, { ...rich, certifiedPeople: 2 })?.name).toBe('Gold');
  });

  test('no tier when even the lowest has unmet requirements', () => {
    expect(qualifiedTier([silver, gold], req())).toBeNull();
  });
});

describe('decideTier across the grace period', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const base = { graceDays: 30, now };

  test('an upgrade (or the first tier) applies at once', () => {
    expect(decideTier({ ...base, current: silver, qualified: gold, belowSince: null })).toMatchObject({
      tier: gold,
      belowSince: null,
      change: { kind: 'upgrade', from: silver, to: gold },
    });
    expect(decideTier({ ...base, current: null, qualified: registered, belowSince: null }).change?.kind).toBe(
      'initial',
    );
    // An upgrade during a grace period ends it.
    const during = decideTier({
      ...base,
      current: silver,
      qualified: gold,
      belowSince: new Date(now.getTime() - DAY),
    });
    expect(during.belowSince).toBeNull();
  });

  test('falling below starts the grace period; still the tier at grace − 1 day; moved down at grace', () => {
    const started = decideTier({ ...base, current: gold, qualified: silver, belowSince: null });
    expect(started).toMatchObject({ tier: gold, belowSince: now, change: { kind: 'grace_started' } });
    const almost = decideTier({
      ...base,
      current: gold,
      qualified: silver,
      belowSince: new Date(now.getTime() - 29 * DAY),
    });
    expect(almost).toMatchObject({ tier: gold, change: null });
    const down = decideTier({
      ...base,
      current: gold,
      qualified: registered,
      belowSince: new Date(now.getTime() - 30 * DAY),
    });
    expect(down).toMatchObject({
      tier: registered,
      belowSince: null,
      change: { kind: 'downgrade', from: gold, to: registered },
    });
  });

  test('no grace period: down at once; no tier at all when nothing qualifies', () => {
    expect(
      decideTier({ current: silver, qualified: null, belowSince: null, graceDays: 0, now }),
    ).toMatchObject({ tier: null, change: { kind: 'downgrade', to: null } });
  });

  test('catching up during the grace period clears it; steady numbers change nothing', () => {
    const since = new Date(now.getTime() - 10 * DAY);
    expect(decideTier({ ...base, current: gold, qualified: gold, belowSince: since })).toMatchObject({
      tier: gold,
      belowSince: null,
      change: { kind: 'grace_cleared' },
    });
    expect(decideTier({ ...base, current: gold, qualified: gold, belowSince: null }).change).toBeNull();
  });
});

describe('progress toward the next tier', () => {
  test('the headline reads from the revenue requirement', () => {
    const p = progressToNext(ladder, silver, req({ revenueMinor: 4_000_000, wonDeals: 3 }), 'EUR');
    expect(p.nextTier?.name).toBe('Gold');
    expect(p.headline).toBe('EUR 40,000 of 50,000 to Gold');
    expect(p.requirements).toEqual([
      { metric: 'revenueMinor', current: 4_000_000, target: 5_000_000, met: false },
      { metric: 'wonDeals', current: 3, target: 3, met: true },
      { metric: 'certifiedPeople', current: 0, target: 2, met: false },
    ]);
  });

  test('with revenue met, the first unmet requirement; at the top, the top tier', () => {
    expect(
      progressToNext(ladder, silver, req({ revenueMinor: 5_000_000, wonDeals: 3 }), 'EUR').headline,
    ).toBe('0 of 2 certified people to Gold');
    expect(progressToNext(ladder, gold, req(), 'EUR')).toMatchObject({
      nextTier: null,
      headline: 'Top tier: Gold',
    });
    expect(progressToNext([], null, req(), 'EUR').headline).toBeNull();
  });

  test('amounts follow the currency: no decimals for JPY, cents when not whole', () => {
    expect(formatAmount(5_000_000, 'JPY')).toBe('JPY 5,000,000');
    expect(formatAmount(123_456, 'EUR')).toBe('EUR 1,234.56');
  });
});
