import { describe, expect, test } from 'vitest';
import { ApiError } from './api.ts';
import {
  activeMonths,
  balancesByVendor,
  importErrors,
  isReversible,
  minimumRow,
  minimumRows,
  minimumsPayload,
  parsePercent,
  percentInput,
  periodProblem,
  previousMonth,
  rateProblem,
  sumByCurrency,
  validateEarningsSearch,
  yearToDate,
} from './money.ts';

describe('periods', () => {
  test('the previous calendar month, across a year end and in a leap year', () => {
    expect(previousMonth(new Date(2026, 2, 15))).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(previousMonth(new Date(2027, 0, 1))).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(previousMonth(new Date(2028, 2, 31))).toEqual({ start: '2028-02-01', end: '2028-02-29' });
  });

  test('year to date', () => {
    expect(yearToDate(new Date(2026, 4, 7))).toEqual({ from: '2026-01-01', to: '2026-05-07' });
  });

  test('a period must be two days in order, ending by today', () => {
    expect(periodProblem('2026-02-01', '2026-02-28', '2026-03-10')).toBeNull();
    expect(periodProblem('', '2026-02-28', '2026-03-10')).toEqual({ start: 'Choose the first day' });
    expect(periodProblem('2026-03-01', '2026-02-28', '2026-03-10')?.end).toMatch(/before the first/);
    expect(periodProblem('2026-03-01', '2026-03-31', '2026-03-10')?.end).toMatch(/not ended/);
  });
});

describe('percentages', () => {
  test('read as basis points', () => {
    expect(parsePercent('10')).toEqual({ ok: true, bp: 1000 });
    expect(parsePercent('12.5 %')).toEqual({ ok: true, bp: 1250 });
    expect(parsePercent('0,25')).toEqual({ ok: true, bp: 25 });
    expect(parsePercent('100')).toEqual({ ok: true, bp: 10000 });
    expect(parsePercent('0')).toEqual({ ok: true, bp: 0 });
  });

  test('refused outside 0–100 or with too many decimals', () => {
    expect(parsePercent('100.01').ok).toBe(false);
    expect(parsePercent('-1').ok).toBe(false);
    expect(parsePercent('1.234').ok).toBe(false);
    expect(parsePercent('').ok).toBe(false);
    expect(parsePercent('abc').ok).toBe(false);
  });

  test('shown back for editing', () => {
    expect(percentInput(1250)).toBe('12.5');
    expect(percentInput(1000)).toBe('10');
    expect(percentInput(7)).toBe('0.07');
  });
});

describe('payout minimums', () => {
  test('round trip through the form rows', () => {
    const rows = minimumRows({ SEK: 100000, EUR: 5000 });
    expect(rows.map((r) => [r.currency, r.amount])).toEqual([
      ['EUR', '50.00'],
      ['SEK', '1000.00'],
    ]);
    expect(minimumsPayload(rows)).toEqual({ ok: true, value: { EUR: 5000, SEK: 100000 } });
  });

  test('name each bad row: no currency, a repeated one, a bad amount', () => {
    const rows = [
      minimumRow('EUR', '50'),
      minimumRow(null, '10'),
      minimumRow('EUR', '5'),
      minimumRow('JPY', '1.5'),
    ];
    const result = minimumsPayload(rows);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[rows[0]!.key]).toBeUndefined();
    expect(result.errors[rows[1]!.key]?.currency).toBe('Choose a currency');
    expect(result.errors[rows[2]!.key]?.currency).toMatch(/already listed/);
    expect(result.errors[rows[3]!.key]?.amount).toMatch(/no decimals/);
  });

  test('no rows: no minimums', () => {
    expect(minimumsPayload([])).toEqual({ ok: true, value: {} });
  });
});

describe('exchange rates', () => {
  test('a positive decimal with at most ten decimals', () => {
    expect(rateProblem('1.0850')).toBeNull();
    expect(rateProblem('11,2')).toBeNull();
    expect(rateProblem('')).toMatch(/Enter/);
    expect(rateProblem('0')).toMatch(/positive/);
    expect(rateProblem('0.00000000001')).toMatch(/positive/);
    expect(rateProblem('-1')).toMatch(/positive/);
  });

  test('the rows a refused import names, in order', () => {
    const err = new ApiError(400, {
      error: {
        code: 'invalid_input',
        message: '2 rows cannot be imported',
        details: {
          errors: [
            { row: 4, message: 'Unknown currency "XXY"' },
            { row: 2, message: 'Base and quote must be different currencies' },
          ],
        } as never,
      },
    });
    expect(importErrors(err).map((e) => e.row)).toEqual([2, 4]);
    const viaIssues = new ApiError(400, {
      error: {
        code: 'invalid_input',
        message: 'x',
        details: { issues: [{ path: 'row 3', message: 'bad' }] },
      },
    });
    expect(importErrors(viaIssues)).toEqual([{ row: 3, message: 'bad' }]);
    expect(importErrors(new Error('offline'))).toEqual([]);
  });
});

describe('grouping', () => {
  const org = (id: string, name: string) => ({ id, name, slug: id });
  const balance = (vendor: ReturnType<typeof org>, currency: string) => ({
    vendor,
    currency,
    pendingMinor: 0,
    payableMinor: 0,
    inPayoutMinor: 0,
    paidMinor: 0,
  });

  test('earnings balances per vendor by name, currencies in order', () => {
    const contoso = org('c', 'Contoso');
    const adatum = org('a', 'Adatum');
    const groups = balancesByVendor([
      balance(contoso, 'USD'),
      balance(adatum, 'EUR'),
      balance(contoso, 'EUR'),
    ]);
    expect(groups.map((g) => [g.vendor.name, g.balances.map((b) => b.currency)])).toEqual([
      ['Adatum', ['EUR']],
      ['Contoso', ['EUR', 'USD']],
    ]);
  });

  test('sums per currency, never across currencies', () => {
    expect(
      sumByCurrency([
        { amountMinor: 100, currency: 'EUR' },
        { amountMinor: 5000, currency: 'SEK' },
        { amountMinor: -40, currency: 'EUR' },
      ]),
    ).toEqual([
      { amountMinor: 5000, currency: 'SEK' },
      { amountMinor: 60, currency: 'EUR' },
    ]);
  });

  test('netting months with activity, newest first', () => {
    const month = (m: string, owedToMe: number) => ({
      month: m,
      currency: 'EUR',
      owedToMe,
      owedByMe: 0,
      settled: 0,
      net: owedToMe,
    });
    expect(
      activeMonths([month('2026-01', 5), month('2026-02', 0), month('2026-03', 7)]).map((m) => m.month),
    ).toEqual(['2026-03', '2026-01']);
  });

  test('only the payer claws back earnings not reversed yet', () => {
    expect(isReversible({ kind: 'commission', mySide: 'payer', reversedByEntryId: null })).toBe(true);
    expect(isReversible({ kind: 'commission', mySide: 'beneficiary', reversedByEntryId: null })).toBe(false);
    expect(isReversible({ kind: 'commission', mySide: 'payer', reversedByEntryId: 'r' })).toBe(false);
    expect(isReversible({ kind: 'reversal', mySide: 'payer', reversedByEntryId: null })).toBe(false);
  });
});

describe('earnings search', () => {
  test('keeps known states and a vendor, drops the rest', () => {
    expect(validateEarningsSearch({ state: 'payable', vendorId: 'v1' })).toEqual({
      state: 'payable',
      vendorId: 'v1',
    });
    expect(validateEarningsSearch({ state: 'stolen', vendorId: '' })).toEqual({
      state: undefined,
      vendorId: undefined,
    });
  });
});
