import { describe, expect, test } from 'vitest';
import {
  activeFilters,
  cockpitExportHref,
  formatDays,
  formatRatio,
  majorOf,
  presetPeriods,
  type TrendMonth,
  trendRows,
  validateCockpitSearch,
} from './cockpit.ts';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

describe('filters', () => {
  test('the URL keeps well-formed filters and drops the rest', () => {
    expect(
      validateCockpitSearch({ from: '2026-01-01', to: '2026-13', region: ' 150 ', industry: '', extra: 'x' }),
    ).toEqual({
      from: '2026-01-01',
      to: undefined,
      programId: undefined,
      tierId: undefined,
      region: '150',
      industry: undefined,
      allianceManagerId: undefined,
    });
  });

  test('only set filters reach the API and the export link', () => {
    const f = { region: '150', industry: undefined, programId: '' };
    expect(activeFilters(f)).toEqual({ region: '150' });
    expect(cockpitExportHref(f)).toBe('/api/v1/cockpit/export.csv?region=150');
    expect(cockpitExportHref({})).toBe('/api/v1/cockpit/export.csv');
  });

  test('preset periods are whole months up to today, like the default', () => {
    const p = presetPeriods(new Date(2026, 10, 26));
    expect(p.find((x) => x.value === '12m')).toMatchObject({ from: '2025-12-01', to: '2026-11-26' });
    expect(p.find((x) => x.value === '3m')).toMatchObject({ from: '2026-09-01' });
    expect(p.find((x) => x.value === 'ytd')).toMatchObject({ from: '2026-01-01' });
  });
});

describe('numbers', () => {
  test('ratios, days and major units', () => {
    expect(formatRatio(0.583)).toBe('58 %');
    expect(formatRatio(null)).toBe('—');
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(48.6)).toBe('49 days');
    expect(formatDays(null)).toBe('—');
    expect(majorOf(eur(12_345), 'EUR')).toBe(123.45);
    expect(majorOf({ amountMinor: 500, currency: 'JPY' }, 'JPY')).toBe(500);
  });

  test('trend rows: major units, the channel share in percent, no direct bar in a portfolio', () => {
    const month = (direct: ReturnType<typeof eur> | null, channelShare: number | null): TrendMonth => ({
      month: '2026-03',
      sourced: eur(100_00),
      influenced: eur(50_00),
      direct,
      channelShare,
      activePartners: 3,
      newPartners: 1,
      wonDeals: 2,
    });
    expect(trendRows([month(eur(50_00), 0.75)], 'EUR')[0]).toMatchObject({
      sourced: 100,
      influenced: 50,
      direct: 50,
      channelShare: 75,
    });
    expect(trendRows([month(null, null)], 'EUR')[0]).toMatchObject({ direct: null, channelShare: null });
  });
});
