import { describe, expect, test } from 'vitest';
import {
  cellAt,
  conditionText,
  emptyMapping,
  extraColumns,
  fieldKey,
  filterPayload,
  formatBytes,
  heat,
  heatColor,
  importPercent,
  mapColumn,
  missingMapping,
  possessive,
  sharedSummary,
  sourceLabel,
  topLevel,
  unmappedColumns,
  uploadErrorMessage,
  validateImportsSearch,
  validateMatrixSearch,
  withExtraColumns,
} from './accounts.ts';

describe('file sizes and progress', () => {
  test('sizes read in the largest fitting unit', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(4300)).toBe('4.2 KB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GB');
    expect(formatBytes(300 * 1024 ** 2)).toBe('300 MB');
  });

  test('progress is rows read of the estimate, capped below 100 until done', () => {
    expect(importPercent({ status: 'running', rowsRead: 250, estimatedRows: 1000 })).toBe(25);
    expect(importPercent({ status: 'running', rowsRead: 1200, estimatedRows: 1000 })).toBe(99);
    expect(importPercent({ status: 'running', rowsRead: 10, estimatedRows: null })).toBeUndefined();
    expect(importPercent({ status: 'done', rowsRead: 10, estimatedRows: 5 })).toBe(100);
  });

  test('a refused upload says what to do', () => {
    expect(uploadErrorMessage(413, undefined)).toMatch(/too large/);
    expect(uploadErrorMessage(413, 'Files over 512 MB are refused')).toBe('Files over 512 MB are refused');
    expect(uploadErrorMessage(400, undefined)).toMatch(/not a CSV/);
    expect(uploadErrorMessage(0, undefined)).toMatch(/interrupted/);
  });

  test('names take the possessive', () => {
    expect(possessive('Northwind MSP')).toBe('Northwind MSP’s');
    expect(possessive('Fabrikam Integrators')).toBe('Fabrikam Integrators’');
  });

  test('detected sources are named; a generic file is not', () => {
    expect(sourceLabel('salesforce')).toBe('Salesforce Account export');
    expect(sourceLabel('hubspot')).toBe('HubSpot company export');
    expect(sourceLabel('generic')).toBeNull();
  });
});

describe('column mapping', () => {
  const columns = ['Account ID', 'Account Name', 'Website', 'Type', 'Industry', 'Annual Revenue'];
  const base = { ...emptyMapping(), externalId: 'Account ID', name: 'Account Name', website: 'Website' };

  test('the external id and the name are required', () => {
    expect(missingMapping(emptyMapping())).toEqual(['External id', 'Company name']);
    expect(missingMapping(base)).toEqual([]);
  });

  test('a column feeds one field: mapping it elsewhere takes it from the other field and the extras', () => {
    const kept = withExtraColumns(base, ['Type', 'Industry']);
    const moved = mapColumn(kept, 'status', 'Type');
    expect(moved.status).toBe('Type');
    expect(extraColumns(moved)).toEqual(['Industry']);
    const swapped = mapColumn(moved, 'domain', 'Website');
    expect(swapped.website).toBeNull();
    expect(swapped.domain).toBe('Website');
  });

  test('unmapped columns are the candidates for extra fields', () => {
    expect(unmappedColumns(columns, base)).toEqual(['Type', 'Industry', 'Annual Revenue']);
  });

  test('extra fields get snake-case keys as the server derives them, unique, existing keys kept', () => {
    expect(fieldKey('Annual Revenue')).toBe('annual_revenue');
    expect(fieldKey('AnnualRevenue')).toBe('annual_revenue');
    expect(fieldKey('Region__c')).toBe('region');
    expect(fieldKey('2024 ARR')).toBe('f_2024_arr');
    const kept = withExtraColumns({ ...base, fields: { sector: 'Industry' } }, [
      'Industry',
      'Annual Revenue',
    ]);
    expect(kept.fields).toEqual({ sector: 'Industry', annual_revenue: 'Annual Revenue' });
    expect(withExtraColumns(base, ['Region', 'region']).fields).toEqual({
      region: 'Region',
      region_2: 'region',
    });
  });
});

describe('population filters', () => {
  test('a field is required, and a value for comparing operators; "is one of" splits at commas', () => {
    expect(
      filterPayload([
        { field: 'fields.industry', op: 'in', value: 'Retail, Banking ,' },
        { field: 'country', op: 'is_not_empty', value: 'ignored' },
        { field: 'name', op: 'contains', value: '  bank ' },
      ]),
    ).toEqual({
      ok: true,
      filter: {
        all: [
          { field: 'fields.industry', op: 'in', value: ['Retail', 'Banking'] },
          { field: 'country', op: 'is_not_empty' },
          { field: 'name', op: 'contains', value: 'bank' },
        ],
      },
    });
    expect(
      filterPayload([
        { field: null, op: 'equals', value: 'x' },
        { field: 'status', op: 'equals', value: ' ' },
        { field: 'stage', op: 'in', value: ', ,' },
      ]),
    ).toEqual({ ok: false, errors: { 0: 'Pick a field', 1: 'Enter a value', 2: 'Enter a value' } });
    expect(filterPayload([])).toEqual({ ok: true, filter: { all: [] } });
  });

  test('conditions read as words', () => {
    const fields = [{ field: 'fields.industry', label: 'industry' }];
    expect(conditionText({ field: 'fields.industry', op: 'equals', value: 'Retail' }, fields)).toBe(
      'industry is Retail',
    );
    expect(conditionText({ field: 'country', op: 'in', value: ['SE', 'NO'] })).toBe(
      'Country is one of SE, NO',
    );
    expect(conditionText({ field: 'fields.tier', op: 'is_empty' })).toBe('tier is empty');
  });
});

describe('sharing and the matrix', () => {
  test('a side’s sharing summarized: its highest level and how many populations', () => {
    expect(topLevel({ hidden: 3, counts: 0, overlap: 0, full: 0 })).toBe('hidden');
    expect(topLevel({ counts: 2, overlap: 1, full: 0 })).toBe('overlap');
    expect(sharedSummary({ counts: 0, overlap: 0, full: 0 })).toBe('Nothing');
    expect(sharedSummary({ counts: 1, overlap: 0, full: 0 })).toBe('1 population');
    expect(sharedSummary({ counts: 1, overlap: 1, full: 1, hidden: 4 })).toBe('3 populations');
  });

  test('heat grows with the count (square root), none for hidden or empty cells', () => {
    expect(heat(null, 100)).toBe(0);
    expect(heat(0, 100)).toBe(0);
    expect(heat(100, 100)).toBe(1);
    expect(heat(25, 100)).toBe(0.5);
    expect(heat(5, 0)).toBe(0);
    expect(heatColor(0)).toBe('transparent');
    expect(heatColor(1)).toBe('rgba(31, 125, 81, 0.800)');
  });

  test('cells are found by row and column', () => {
    const cells = [
      { mine: 'a', theirs: 'x', visible: true, keys: 3, level: 'counts' as const },
      { mine: 'b', theirs: 'x', visible: false, keys: null, level: 'hidden' as const },
    ];
    expect(cellAt({ cells }, 'b', 'x')?.visible).toBe(false);
    expect(cellAt({ cells }, 'a', 'y')).toBeUndefined();
  });

  test('search parameters keep only what they know', () => {
    expect(validateMatrixSearch({ partnerId: 'p1', mine: '', theirs: 7, other: 'x' })).toEqual({
      partnerId: 'p1',
      mine: undefined,
      theirs: '7',
    });
    expect(validateImportsSearch({ id: ' imp ' })).toEqual({ id: 'imp' });
  });
});
