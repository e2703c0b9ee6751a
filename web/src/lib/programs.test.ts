import { describe, expect, test } from 'vitest';
import {
  answerText,
  emptyTier,
  isOverdue,
  labelledAnswers,
  parsePercent,
  pendingApplicationsTotal,
  percentInput,
  progressPercent,
  questionId,
  rulePayload,
  ruleSummary,
  type TierValues,
  tiersPayload,
  validateBuilderSearch,
  validateMdfSearch,
  validateProgramsSearch,
} from './programs.ts';

const bp = (input: string) => {
  const parsed = parsePercent(input);
  return parsed.ok ? parsed.bp : parsed.error;
};

describe('parsePercent', () => {
  test('reads percentages as typed into basis points', () => {
    expect(bp('12.5')).toBe(1250);
    expect(bp('12,5')).toBe(1250);
    expect(bp('12.5 %')).toBe(1250);
    expect(bp('0')).toBe(0);
    expect(bp('100')).toBe(10000);
    expect(bp('0.01')).toBe(1);
    expect(bp('7.')).toBe(700);
  });
  test('refuses what is not a percentage from 0 to 100 with at most two decimals', () => {
    expect(bp('')).toBe('Enter a percentage');
    expect(bp('-1')).toBe('A percentage cannot be below 0 %');
    expect(bp('100.01')).toBe('A percentage cannot be above 100 %');
    expect(bp('1.234')).toBe('At most two decimals, like 12.25');
    expect(bp('ten')).toBe('Use a number like 12.5');
  });
  test('round-trips through the editable form', () => {
    for (const value of [0, 1, 50, 1250, 999, 10000]) expect(bp(percentInput(value))).toBe(value);
    expect(percentInput(1250)).toBe('12.5');
  });
});

describe('progress and tasks', () => {
  test('progressPercent is clamped to 0..100 and full without a target', () => {
    expect(progressPercent(40, 50)).toBe(80);
    expect(progressPercent(60, 50)).toBe(100);
    expect(progressPercent(5, 0)).toBe(100);
    expect(progressPercent(-1, 10)).toBe(0);
  });
  test('a task is overdue when its due day has passed and it is not done', () => {
    expect(isOverdue({ dueOn: '2026-03-01', done: false }, '2026-03-02')).toBe(true);
    expect(isOverdue({ dueOn: '2026-03-02', done: false }, '2026-03-02')).toBe(false);
    expect(isOverdue({ dueOn: '2026-03-01', done: true }, '2026-03-02')).toBe(false);
    expect(isOverdue({ dueOn: null, done: false }, '2026-03-02')).toBe(false);
  });
  test('pendingApplicationsTotal adds the counts the API gives, skipping programs without one', () => {
    expect(
      pendingApplicationsTotal([
        { pendingApplications: 2 },
        { pendingApplications: null },
        { pendingApplications: 0 },
        { pendingApplications: 3 },
      ]),
    ).toBe(5);
    expect(pendingApplicationsTotal([])).toBe(0);
  });
});

describe('application answers', () => {
  test('answers show as words', () => {
    expect(answerText(true)).toBe('Yes');
    expect(answerText(false)).toBe('No');
    expect(answerText('  ten  ')).toBe('ten');
    expect(answerText('')).toBe('—');
    expect(answerText(undefined)).toBe('—');
  });
  test('answers come with their labels in the form order, unknown ones last', () => {
    const questions = [
      { id: 'size', label: 'Team size' },
      { id: 'certified', label: 'Certified?' },
    ];
    expect(labelledAnswers({ old: 'x', certified: true, size: '12' }, questions)).toEqual([
      { id: 'size', label: 'Team size', answer: '12' },
      { id: 'certified', label: 'Certified?', answer: 'Yes' },
      { id: 'old', label: 'old', answer: 'x' },
    ]);
    expect(labelledAnswers({ a: 'x' }, undefined)).toEqual([{ id: 'a', label: 'a', answer: 'x' }]);
  });
  test('question ids come from labels, unique and within the API pattern', () => {
    expect(questionId('How many engineers?', [])).toBe('how_many_engineers');
    expect(questionId('How many engineers?', ['how_many_engineers'])).toBe('how_many_engineers_2');
    expect(questionId('Ärger über Öl', [])).toBe('arger_uber_ol');
    expect(questionId('!!!', [])).toBe('question');
    const long = questionId('x'.repeat(80), []);
    expect(long).toMatch(/^[a-z0-9_-]{1,40}$/);
  });
});

describe('tiersPayload', () => {
  const tier = (patch: Partial<TierValues>): TierValues => ({ ...emptyTier(), ...patch });
  test('reads amounts in the currency and percentages as basis points', () => {
    const result = tiersPayload(
      [
        tier({ name: ' Silver ', revenue: '10,000', wonDeals: 2, discount: '5' }),
        tier({
          id: 't2',
          name: 'Gold',
          revenue: '50000.50',
          wonDeals: 5,
          discount: '12.5',
          mdfBudget: '2,000',
        }),
      ],
      'EUR',
    );
    expect(result).toEqual({
      ok: true,
      tiers: [
        {
          name: 'Silver',
          requirements: {
            revenueMinor: 1000000,
            wonDeals: 2,
            registeredDeals: 0,
            certifiedPeople: 0,
            customers: 0,
          },
          discountBp: 500,
          mdfBudgetMinor: 0,
        },
        {
          id: 't2',
          name: 'Gold',
          requirements: {
            revenueMinor: 5000050,
            wonDeals: 5,
            registeredDeals: 0,
            certifiedPeople: 0,
            customers: 0,
          },
          discountBp: 1250,
          mdfBudgetMinor: 200000,
        },
      ],
    });
  });
  test('names the row and field of each problem', () => {
    const result = tiersPayload(
      [tier({ name: '' }), tier({ name: 'Gold', revenue: 'lots', discount: '150' })],
      'EUR',
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual({
        '0.name': 'Name the tier',
        '1.revenue': 'Use digits, like 1,234.50',
        '1.discount': 'A percentage cannot be above 100 %',
      });
  });
  test('a new tier starts from the requirements of the one below', () => {
    const below = tier({ name: 'Silver', revenue: '100', wonDeals: 3 });
    const next = emptyTier(below);
    expect(next.name).toBe('');
    expect(next.revenue).toBe('100');
    expect(next.wonDeals).toBe(3);
    expect(next.key).not.toBe(below.key);
  });
});

describe('rules', () => {
  const base = {
    tierId: null,
    event: 'deal_won' as const,
    dealKind: 'any' as const,
    rate: '',
    amount: '',
    months: 12,
  };
  test('a percentage rule sends basis points', () => {
    expect(rulePayload({ ...base, kind: 'percentage', rate: '12.5' }, 'EUR')).toEqual({
      ok: true,
      rule: { kind: 'percentage', event: 'deal_won', rateBp: 1250, tierId: null, dealKind: 'any' },
    });
  });
  test('a flat rule sends minor units; a per-lead rule pays on accepted leads', () => {
    expect(rulePayload({ ...base, kind: 'flat', event: 'referral_qualified', amount: '250' }, 'EUR')).toEqual(
      {
        ok: true,
        rule: {
          kind: 'flat',
          event: 'referral_qualified',
          amountMinor: 25000,
          tierId: null,
          dealKind: 'any',
        },
      },
    );
    expect(rulePayload({ ...base, kind: 'per_lead', amount: '50', tierId: 't1' }, 'JPY')).toEqual({
      ok: true,
      rule: { kind: 'per_lead', event: 'lead_accepted', amountMinor: 50, tierId: 't1', dealKind: 'any' },
    });
  });
  test('a recurring rule needs 1 to 60 months', () => {
    expect(rulePayload({ ...base, kind: 'recurring', rate: '5', months: 0 }, 'EUR')).toEqual({
      ok: false,
      errors: { months: 'From 1 to 60 months' },
    });
    expect(rulePayload({ ...base, kind: 'recurring', rate: '5', months: 12 }, 'EUR')).toMatchObject({
      ok: true,
      rule: { kind: 'recurring', rateBp: 500, months: 12 },
    });
  });
  test('zero and unreadable values are refused', () => {
    expect(rulePayload({ ...base, kind: 'percentage', rate: '0' }, 'EUR')).toEqual({
      ok: false,
      errors: { rate: 'A rate above 0 %' },
    });
    expect(rulePayload({ ...base, kind: 'flat', amount: '' }, 'EUR')).toEqual({
      ok: false,
      errors: { amount: 'Enter an amount' },
    });
  });
  test('rules read as sentences', () => {
    const rule = { event: 'deal_won' as const, dealKind: 'any' as const, months: null, currency: 'EUR' };
    expect(ruleSummary({ ...rule, kind: 'percentage', rateBp: 1250, amountMinor: null })).toBe(
      '12.5 % of the won amount',
    );
    expect(
      ruleSummary({
        ...rule,
        kind: 'recurring',
        rateBp: 500,
        amountMinor: null,
        months: 12,
        dealKind: 'registration',
      }),
    ).toBe('5 % of each month of a won subscription for 12 months (registrations only)');
    expect(
      ruleSummary({ ...rule, kind: 'per_lead', event: 'lead_accepted', rateBp: null, amountMinor: 5000 }),
    ).toMatch(/^€50\.00 per accepted lead$/);
  });
});

describe('search parameters', () => {
  test('unknown values are dropped', () => {
    expect(validateProgramsSearch({ tab: 'available', q: ' gold ' })).toEqual({
      tab: 'available',
      q: 'gold',
    });
    expect(validateProgramsSearch({ tab: 'nope' })).toEqual({ tab: undefined, q: undefined });
    expect(validateBuilderSearch({ tab: 'tiers' })).toEqual({ tab: 'tiers' });
    expect(validateBuilderSearch({ tab: 'basics' })).toEqual({ tab: undefined });
    expect(validateMdfSearch({ tab: 'review', enrollmentId: 'e1' })).toEqual({
      tab: 'review',
      enrollmentId: 'e1',
    });
  });
});
