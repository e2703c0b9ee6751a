import { describe, expect, test } from 'vitest';
import {
  dueText,
  exportHref,
  filtersOf,
  formatDuration,
  moneyInput,
  moveLabel,
  movesFor,
  parseMoney,
  sumByCurrency,
  validateDealsSearch,
} from './deals.ts';

const minor = (input: string, currency = 'EUR') => {
  const parsed = parseMoney(input, currency);
  return parsed.ok ? parsed.minor : parsed.error;
};

describe('parseMoney', () => {
  test('reads amounts as typed into integer minor units', () => {
    expect(minor('1,234.50')).toBe(123450);
    expect(minor('1234.5')).toBe(123450);
    expect(minor('1234')).toBe(123400);
    expect(minor('1.234,50')).toBe(123450);
    expect(minor('1 234,5')).toBe(123450);
    expect(minor('1,5')).toBe(150);
    expect(minor('1,234')).toBe(123400);
    expect(minor('1,234,567.89')).toBe(123456789);
    expect(minor('€ 99')).toBe(9900);
    expect(minor('.5')).toBe(50);
    expect(minor('0')).toBe(0);
  });

  test('follows the currency’s minor unit', () => {
    expect(minor('1,234', 'JPY')).toBe(1234);
    expect(minor('12.5', 'JPY')).toBe('JPY has no decimals');
    expect(minor('1.005', 'BHD')).toBe(1005);
    expect(minor('0.1', 'EUR')).toBe(10);
    expect(minor('0.105', 'EUR')).toBe('At most 2 decimals for EUR');
  });

  test('never goes through floats', () => {
    // 0.29 * 100 is 28.999999999999996 in floating point.
    expect(minor('0.29')).toBe(29);
    expect(minor('1,000,000,000.07')).toBe(100000000007);
  });

  test('refuses what is not an amount', () => {
    expect(minor('')).toBe('Enter an amount');
    expect(minor('-5')).toBe('Amounts cannot be negative');
    expect(typeof minor('12abc')).toBe('string');
    expect(typeof minor('1,2,3')).toBe('string');
    expect(typeof minor('1.2.3,4.5')).toBe('string');
    expect(minor('99999999999999999')).toBe('That amount is too large');
    expect(minor('12', '')).toBe('Choose a currency');
  });

  test('round-trips with moneyInput', () => {
    expect(moneyInput(123450, 'EUR')).toBe('1234.50');
    expect(moneyInput(5, 'EUR')).toBe('0.05');
    expect(moneyInput(1234, 'JPY')).toBe('1234');
    expect(minor(moneyInput(987654321, 'EUR'))).toBe(987654321);
  });
});

describe('sumByCurrency', () => {
  test('sums per currency, never across them', () => {
    const deal = (amountMinor: number, currency: string) => ({ amount: { amountMinor, currency } });
    expect(sumByCurrency([deal(100, 'EUR'), deal(5000, 'SEK'), deal(250, 'EUR')])).toEqual([
      { currency: 'SEK', amountMinor: 5000 },
      { currency: 'EUR', amountMinor: 350 },
    ]);
  });
});

describe('movesFor', () => {
  test('the receiver answers a referral, the sender may withdraw it', () => {
    expect(movesFor({ kind: 'referral', status: 'sent', mySide: 'to' }, 'sales')).toEqual([
      'accepted',
      'declined',
    ]);
    expect(movesFor({ kind: 'referral', status: 'sent', mySide: 'from' }, 'sales')).toEqual(['withdrawn']);
    expect(movesFor({ kind: 'referral', status: 'accepted', mySide: 'from' }, 'owner')).toEqual([]);
  });

  test('reviews are the vendor’s partner team’s', () => {
    const submitted = { kind: 'registration', status: 'submitted', mySide: 'to' } as const;
    expect(movesFor(submitted, 'alliance_manager')).toEqual(['under_review', 'approved', 'rejected']);
    expect(movesFor(submitted, 'sales')).toEqual([]);
    expect(movesFor({ ...submitted, mySide: 'from' }, 'owner')).toEqual(['withdrawn']);
  });

  test('either side closes an approved registration; expiry is the scheduler’s', () => {
    for (const side of ['from', 'to'] as const) {
      expect(movesFor({ kind: 'registration', status: 'approved', mySide: side }, 'cpo')).toEqual([
        'won',
        'lost',
      ]);
    }
  });

  test('co-sellers and roles without deals.create move nothing', () => {
    expect(movesFor({ kind: 'referral', status: 'sent', mySide: 'co_seller' }, 'owner')).toEqual([]);
    expect(movesFor({ kind: 'referral', status: 'sent', mySide: 'to' }, 'finance')).toEqual([]);
    expect(movesFor({ kind: 'opportunity', status: 'open', mySide: 'from' }, 'member')).toEqual([]);
    expect(movesFor({ kind: 'opportunity', status: 'open', mySide: 'from' }, 'sales')).toEqual([
      'won',
      'lost',
    ]);
  });

  test('closed deals have no moves', () => {
    expect(movesFor({ kind: 'referral', status: 'won', mySide: 'to' }, 'owner')).toEqual([]);
  });
});

describe('moveLabel', () => {
  test('uses verbs where there are any', () => {
    expect(moveLabel('approved')).toBe('Approve');
    expect(moveLabel('won')).toBe('Mark won');
    expect(moveLabel('under_review')).toBe('Start review');
    expect(moveLabel('qualified')).toBe('Move to Qualified');
  });
});

describe('dueText', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  test('counts down, then up', () => {
    expect(dueText('2026-03-11T16:00:00Z', now)).toEqual({ overdue: false, text: 'due in 1 d 4 h' });
    expect(dueText('2026-03-10T09:00:00Z', now)).toEqual({ overdue: true, text: 'overdue by 3 h' });
    expect(dueText('2026-03-10T12:20:00Z', now).text).toBe('due in 20 min');
    expect(formatDuration(2 * 86_400_000)).toBe('2 d');
  });
});

describe('deals page search', () => {
  test('keeps known values only', () => {
    expect(
      validateDealsSearch({
        view: 'table',
        kind: 'nope',
        status: 'won',
        direction: 'up',
        overdue: 'true',
        q: ' x ',
      }),
    ).toEqual({
      view: 'table',
      kind: undefined,
      status: 'won',
      direction: undefined,
      partnerId: undefined,
      q: 'x',
      overdue: true,
    });
  });

  test('the board shows one kind and every state; the table may show all kinds', () => {
    expect(filtersOf({ kind: 'all', status: 'won' })).toMatchObject({ kind: 'referral', status: undefined });
    expect(filtersOf({})).toMatchObject({ kind: 'referral' });
    expect(filtersOf({ view: 'table' })).toMatchObject({ kind: undefined });
    expect(filtersOf({ view: 'table', kind: 'registration' })).toMatchObject({ kind: 'registration' });
    expect(filtersOf({ view: 'table', kind: 'all', status: 'won' })).toMatchObject({
      kind: undefined,
      status: 'won',
    });
    // A state of another kind is dropped rather than showing nothing.
    expect(filtersOf({ view: 'table', kind: 'opportunity', status: 'sent' }).status).toBeUndefined();
  });

  test('the export link carries the filters', () => {
    expect(exportHref({ kind: 'registration', overdue: true, q: 'a&b' })).toBe(
      '/api/v1/deals/export.csv?kind=registration&overdue=true&q=a%26b',
    );
    expect(exportHref({})).toBe('/api/v1/deals/export.csv');
  });
});
