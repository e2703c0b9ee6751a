import { describe, expect, test } from 'vitest';
import {
  availableActions,
  eventSentence,
  formatHours,
  formatRate,
  mergePages,
  type PartnershipEvent,
} from './partnerships.ts';

describe('availableActions', () => {
  test('a proposal is answered by the invited side and withdrawn by the proposer', () => {
    expect(availableActions({ status: 'proposed', direction: 'incoming', pausedByMe: null })).toEqual([
      'accept',
      'decline',
    ]);
    expect(availableActions({ status: 'proposed', direction: 'outgoing', pausedByMe: null })).toEqual([
      'withdraw',
    ]);
  });

  test('only the side that paused can resume; either side can end', () => {
    expect(availableActions({ status: 'paused', direction: 'incoming', pausedByMe: true })).toEqual([
      'resume',
      'end',
    ]);
    expect(availableActions({ status: 'paused', direction: 'outgoing', pausedByMe: false })).toEqual(['end']);
    expect(availableActions({ status: 'active', direction: 'incoming', pausedByMe: null })).toEqual([
      'pause',
      'end',
    ]);
  });

  test('nothing moves out of a closed partnership', () => {
    for (const status of ['declined', 'withdrawn', 'ended'] as const) {
      expect(availableActions({ status, direction: 'outgoing', pausedByMe: null })).toEqual([]);
    }
  });
});

describe('eventSentence', () => {
  const event = (kind: string, data: unknown = null): PartnershipEvent => ({
    id: '1',
    kind,
    organization: { id: 'o', name: 'Contoso', slug: 'contoso' },
    actor: null,
    data,
    createdAt: '2026-01-01T00:00:00Z',
  });

  test('names the types proposed and quotes reasons', () => {
    expect(eventSentence(event('proposed', { types: ['resells', 'co_sells'] }))).toBe(
      'proposed the partnership (Resells, Co-sells)',
    );
    expect(eventSentence(event('ended', { reason: 'Consolidating vendors' }))).toBe(
      'ended the partnership: “Consolidating vendors”',
    );
  });

  test('names a new owner when known', () => {
    const names = new Map([['u1', 'Priya Raman']]);
    expect(eventSentence(event('owner_changed', { ownerUserId: 'u1' }), names)).toBe(
      'made Priya Raman their owning alliance manager',
    );
    expect(eventSentence(event('owner_changed', { ownerUserId: 'u2' }), names)).toBe(
      'changed their owning alliance manager',
    );
    expect(eventSentence(event('owner_changed', { ownerUserId: null }))).toBe(
      'removed their owning alliance manager',
    );
  });
});

describe('numbers', () => {
  test('answer times read in hours, then days', () => {
    expect(formatHours(null)).toBe('—');
    expect(formatHours(0.4)).toBe('under an hour');
    expect(formatHours(1)).toBe('1 hour');
    expect(formatHours(18.4)).toBe('18 hours');
    expect(formatHours(60)).toBe('2.5 days');
    expect(formatHours(24 * 12.4)).toBe('12 days');
  });

  test('rates read as whole percentages', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(2 / 3)).toMatch(/^67\s?%$/);
  });
});

describe('mergePages', () => {
  const rows = (...ids: string[]) => ids.map((id) => ({ id }));

  test('keeps the newest of all lists and continues below the last one kept', () => {
    const page = mergePages(
      [
        { data: rows('09', '05', '02'), nextCursor: '02' },
        { data: rows('08', '07'), nextCursor: null },
        { data: rows('06'), nextCursor: null },
      ],
      4,
    );
    expect(page.data.map((r) => r.id)).toEqual(['09', '08', '07', '06']);
    expect(page.nextCursor).toBe('06');
  });

  test('is the last page when every list is exhausted and all fit', () => {
    const page = mergePages(
      [
        { data: rows('03'), nextCursor: null },
        { data: rows('04', '01'), nextCursor: null },
      ],
      4,
    );
    expect(page.data.map((r) => r.id)).toEqual(['04', '03', '01']);
    expect(page.nextCursor).toBeNull();
  });
});
