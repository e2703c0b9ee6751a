import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { HAND_COMPUTED, NO_EVIDENCE } from './insights.trust.fixtures.ts';
import {
  decayWeight,
  explainFactors,
  reciprocity,
  reliability,
  responsiveness,
  scoreTrust,
  TRUST_FACTORS,
  TRUST_MODEL,
  type TrustInput,
  tenure,
  winRate,
  wonValue,
} from './insights.trust.ts';

const small = fc.nat({ max: 30 });

/** Any consistent set of raw numbers: pair wins split into directions, closed ≥ its parts. */
const inputs = fc
  .record({
    wonTo: small,
    wonFrom: small,
    lost: small,
    declined: small,
    expired: small,
    withdrawn: small,
    otherClosed: small,
    valueTo: fc.double({ min: 0, max: 1e8, noNaN: true }),
    valueFrom: fc.double({ min: 0, max: 1e8, noNaN: true }),
    vWon: small,
    vLost: small,
    pWon: small,
    pLost: small,
    onTime: small,
    late: small,
    overdue: small,
    recency: fc.double({ min: 0, max: 50, noNaN: true }),
    days: fc.option(fc.nat({ max: 3000 }), { nil: null }),
  })
  .map(
    (r): TrustInput => ({
      ...NO_EVIDENCE,
      wonToPartner: r.wonTo,
      wonFromPartner: r.wonFrom,
      valueToPartner: r.valueTo,
      valueFromPartner: r.valueFrom,
      pairWon: r.wonTo + r.wonFrom,
      pairLost: r.lost,
      viewerWonElsewhere: r.vWon,
      viewerDecidedElsewhere: r.vWon + r.vLost,
      partnerWonElsewhere: r.pWon,
      partnerDecidedElsewhere: r.pWon + r.pLost,
      answeredOnTime: r.onTime,
      answeredLate: r.late,
      overdueUnanswered: r.overdue,
      closed: r.wonTo + r.wonFrom + r.lost + r.declined + r.expired + r.withdrawn + r.otherClosed,
      declined: r.declined,
      expired: r.expired,
      withdrawn: r.withdrawn,
      recencyWeight: r.recency,
      partnershipDays: r.days,
    }),
  );

/** A deal won now, worth `value`, brought by `direction`. */
function addWon(i: TrustInput, direction: 'to' | 'from', value: number): TrustInput {
  return {
    ...i,
    wonToPartner: i.wonToPartner + (direction === 'to' ? 1 : 0),
    wonFromPartner: i.wonFromPartner + (direction === 'from' ? 1 : 0),
    valueToPartner: i.valueToPartner + (direction === 'to' ? value : 0),
    valueFromPartner: i.valueFromPartner + (direction === 'from' ? value : 0),
    pairWon: i.pairWon + 1,
    closed: i.closed + 1,
    recencyWeight: i.recencyWeight + decayWeight(0),
    positiveInteractions: i.positiveInteractions + 1,
  };
}

describe('trust model: factors', () => {
  test('the hand-computed fixture of insights.trust.sql.test.ts scores 66', () => {
    const input = HAND_COMPUTED;
    const { score, factors } = scoreTrust(input);
    // 20·1 + 20·0.5795 + 15·(3/6 · (0.5 + 2/3 − 1/3)) + 15·0.5 + 15·0.6 + 10·0.9595 + 5·0.5 = 66.44
    expect(score).toBe(66);
    expect(factors.winRate.value).toBeCloseTo(0.4167, 4);
    expect(factors.recency.value).toBeCloseTo(0.9595, 4);
  });

  test('each factor on its own numbers', () => {
    expect(reciprocity({ wonToPartner: 3, wonFromPartner: 0 }).value).toBe(0);
    expect(reciprocity({ wonToPartner: 2, wonFromPartner: 4 }).value).toBe(0.5);
    expect(wonValue({ ...NO_EVIDENCE, valueToPartner: 999_999, valueFromPartner: 1 }).value).toBe(1);
    expect(wonValue({ ...NO_EVIDENCE, valueToPartner: 9 }).value).toBeCloseTo(1 / 6, 4);
    // No decided deal: no evidence; one won against a 0.5 baseline: 1/4 · 1.
    expect(winRate(NO_EVIDENCE).value).toBe(0);
    expect(winRate({ ...NO_EVIDENCE, pairWon: 1 }).value).toBe(0.25);
    expect(responsiveness({ ...NO_EVIDENCE, answeredOnTime: 3, overdueUnanswered: 1 }).value).toBe(0.75);
    expect(responsiveness(NO_EVIDENCE).value).toBe(0);
    expect(reliability({ closed: 4, declined: 1, expired: 0, withdrawn: 1 }).value).toBe(0.5);
    expect(reliability({ closed: 0, declined: 0, expired: 0, withdrawn: 0 }).value).toBe(0);
    expect(tenure({ partnershipDays: 1000 }).value).toBe(1);
    expect(tenure({ partnershipDays: null }).value).toBe(0);
    expect(decayWeight(TRUST_MODEL.halfLifeDays)).toBeCloseTo(0.5, 10);
  });

  test('weights sum to 100 and the explanation adds up to the score within rounding', () => {
    expect(TRUST_FACTORS.reduce((s, k) => s + TRUST_MODEL.weights[k], 0)).toBe(100);
    fc.assert(
      fc.property(inputs, (i) => {
        const { score, factors } = scoreTrust(i);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        const points = explainFactors(factors).reduce((s, f) => s + f.contribution, 0);
        expect(Math.abs(points - score)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('trust model: properties', () => {
  test('more reciprocal won deals never lower trust', () => {
    fc.assert(
      fc.property(inputs, fc.double({ min: 0, max: 1e7, noNaN: true }), (i, value) => {
        const before = scoreTrust(i).score;
        // A win from the side with fewer wins, or one each way when they are level.
        const after =
          i.wonToPartner < i.wonFromPartner
            ? addWon(i, 'to', value)
            : i.wonFromPartner < i.wonToPartner
              ? addWon(i, 'from', value)
              : addWon(addWon(i, 'to', value), 'from', value);
        expect(scoreTrust(after).score).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  test('a won deal answered on time on top never lowers trust either', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        if (i.wonToPartner >= i.wonFromPartner) return;
        const after = { ...addWon(i, 'to', 100), answeredOnTime: i.answeredOnTime + 1 };
        // Responsiveness can only rise when the new answer was on time.
        expect(scoreTrust(after).score).toBeGreaterThanOrEqual(scoreTrust(i).score);
      }),
    );
  });

  test('an expired registration never raises trust', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        // Approved → expired: one more closed deal, an expiry; nothing was won, lost or answered anew.
        const after = { ...i, closed: i.closed + 1, expired: i.expired + 1 };
        expect(scoreTrust(after).score).toBeLessThanOrEqual(scoreTrust(i).score);
      }),
    );
  });
});
