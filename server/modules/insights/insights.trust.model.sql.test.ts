import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { HAND_COMPUTED, NO_EVIDENCE } from './insights.trust.fixtures.ts';
import {
  inputFromStored,
  partnershipOnlyScoreSql,
  scoreTrust,
  TRUST_INPUT_NUMBERS,
  type TrustInput,
  type TrustInputNumber,
  trustScoreSql,
} from './insights.trust.ts';

type Numbers = Record<TrustInputNumber, number | null>;

/** Doubles without subnormals (PostgreSQL raises an underflow error where a result rounds to 0). */
const double = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true }).map((x) => (Math.abs(x) < 1e-300 ? 0 : x));
const count = fc.oneof(fc.constant(0), fc.nat({ max: 5 }), fc.nat({ max: 1000 }));
const amount = fc.oneof(fc.constant(0), double(0, 1e12));

/** Any raw inputs, consistent or not (the SQL must agree with the model on all of them). */
const numbers: fc.Arbitrary<Numbers> = fc.record({
  wonToPartner: count,
  wonFromPartner: count,
  valueToPartner: amount,
  valueFromPartner: amount,
  pairWon: count,
  pairLost: count,
  viewerWonElsewhere: fc.integer({ min: -5, max: 1000 }),
  viewerDecidedElsewhere: fc.integer({ min: -5, max: 1000 }),
  partnerWonElsewhere: fc.integer({ min: -5, max: 1000 }),
  partnerDecidedElsewhere: fc.integer({ min: -5, max: 1000 }),
  answeredOnTime: count,
  answeredLate: count,
  overdueUnanswered: count,
  medianAnswerHours: fc.option(double(0, 1e4), { nil: null }),
  closed: count,
  declined: count,
  expired: count,
  withdrawn: count,
  recencyWeight: fc.oneof(fc.constant(0), double(0, 2000)),
  positiveInteractions: count,
  partnershipDays: fc.option(double(-10, 5000), { nil: null }),
});

const asInput = (n: Numbers): TrustInput =>
  inputFromStored({
    inputs: TRUST_INPUT_NUMBERS.map((k) => n[k]),
    currency: 'EUR',
    unconvertedCurrencies: [],
    lastPositiveAt: null,
  });

/** The stored numbers of a model input. */
const numbersOf = (input: TrustInput): Numbers =>
  Object.fromEntries(TRUST_INPUT_NUMBERS.map((k) => [k, input[k]])) as Numbers;

describe('trust model: the SQL score equals the TypeScript score', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await createTestApp();
  });
  afterAll(() => h?.close());

  /** Scores a batch with `trustScoreSql` over a VALUES list of float8 columns. */
  const sqlScores = async (batch: readonly Numbers[]) => {
    const cols = sql.raw(['idx', ...TRUST_INPUT_NUMBERS.map((k) => `"${k}"`)].join(', '));
    const values = sql.join(
      batch.map(
        (n, idx) =>
          sql`(${idx}::int, ${sql.join(
            TRUST_INPUT_NUMBERS.map((k) => sql`${n[k]}::float8`),
            sql`, `,
          )})`,
      ),
      sql`, `,
    );
    const rows = rowsOf<{ idx: number; score: number }>(
      await h.ctx.db.execute(
        sql`select i.idx, ${trustScoreSql('i')} as score from (values ${values}) as i(${cols}) order by i.idx`,
      ),
    );
    return rows.map((r) => Number(r.score));
  };

  test('on random inputs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(numbers, { minLength: 1, maxLength: 50 }), async (batch) => {
        const ts = batch.map((n) => scoreTrust(asInput(n)).score);
        expect(await sqlScores(batch)).toEqual(ts);
      }),
      { numRuns: 100 },
    );
  });

  test('on the hand-computed fixture (66) and on no evidence at all (0)', async () => {
    expect(await sqlScores([numbersOf(HAND_COMPUTED), numbersOf(NO_EVIDENCE)])).toEqual([66, 0]);
  });

  test('a pair with only a partnership scores its tenure alone, as the model does', async () => {
    const days = [null, 0, 100, 400, 730, 3000];
    const rows = rowsOf<{ score: number }>(
      await h.ctx.db.execute(
        sql`select ${partnershipOnlyScoreSql(sql`d`)} as score from unnest(${sql`array[${sql.join(
          days.map((d) => sql`${d}::float8`),
          sql`, `,
        )}]`}) as t(d)`,
      ),
    );
    const expected = days.map((d) => scoreTrust({ ...NO_EVIDENCE, partnershipDays: d }).score);
    expect(rows.map((r) => Number(r.score))).toEqual(expected);
    expect(expected).toEqual([0, 0, 1, 3, 5, 5]);
  });
});
