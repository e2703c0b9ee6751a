import { describe, expect, test } from 'vitest';
import { drawable } from '../components/graph/graph-model.ts';
import {
  formatShare,
  formatWhole,
  type GraphData,
  rawEntries,
  rawLabel,
  rawValue,
  strongestTies,
  trustBand,
  validateCommunitiesSearch,
  validateInsightsSearch,
} from './insights.ts';

const node = (id: string, extra: Partial<GraphData['nodes'][number]> = {}): GraphData['nodes'][number] => ({
  id,
  label: id.toUpperCase(),
  size: 1,
  community: null,
  hub: false,
  me: false,
  ...extra,
});

describe('search parameters', () => {
  test('the insights page keeps known sorts and drops the rest', () => {
    expect(validateInsightsSearch({ sort: 'efficiency_day', order: 'asc', trust: 'p1' })).toEqual({
      sort: 'efficiency_day',
      order: 'asc',
      trust: 'p1',
    });
    expect(validateInsightsSearch({ sort: 'revenue', order: 'up', trust: '' })).toEqual({
      sort: undefined,
      order: undefined,
      trust: undefined,
    });
  });

  test('communities: mine from a flag or its text', () => {
    expect(validateCommunitiesSearch({ mine: true })).toEqual({ mine: true });
    expect(validateCommunitiesSearch({ mine: 'true' })).toEqual({ mine: true });
    expect(validateCommunitiesSearch({ mine: 'yes' })).toEqual({ mine: undefined });
  });
});

describe('display', () => {
  test('trust bands at their edges', () => {
    expect(trustBand(100).label).toBe('High');
    expect(trustBand(70).label).toBe('High');
    expect(trustBand(69).label).toBe('Medium');
    expect(trustBand(40).label).toBe('Medium');
    expect(trustBand(15).label).toBe('Low');
    expect(trustBand(0).label).toBe('Unproven');
  });

  test('shares, whole amounts and raw numbers', () => {
    expect(formatShare(0.427)).toBe('43 %');
    expect(formatShare(null)).toBe('—');
    expect(formatWhole({ amountMinor: 6_700_650, currency: 'EUR' })).toMatch(/67,?\s?007|67\.007/);
    expect(formatWhole({ amountMinor: 1500, currency: 'JPY' })).toMatch(/1,?500/);
    expect(rawLabel('wonToPartner')).toBe('Won to partner');
    expect(rawLabel('median_answer_hours')).toBe('Median answer hours');
    expect(rawValue(3)).toBe('3');
    expect(rawValue(0.666)).toBe('0.67');
    expect(rawValue(null)).toBe('—');
    expect(rawValue(['EUR', 'USD'])).toBe('EUR, USD');
    expect(rawEntries({ a: 1, b: [], c: undefined, d: null })).toEqual([
      ['a', 1],
      ['d', null],
    ]);
  });
});

describe('graph', () => {
  test('drawable: communities coloured biggest first, edges to missing nodes, loops and repeats left out', () => {
    const data: GraphData = {
      nodes: [
        node('a', { community: 'small' }),
        node('b', { community: 'big' }),
        node('c', { community: 'big' }),
        node('me', { me: true, size: 4 }),
      ],
      edges: [
        { source: 'a', target: 'b', weight: 2, type: 'partnership' },
        { source: 'b', target: 'a', weight: 5, type: 'partnership' },
        { source: 'a', target: 'a', weight: 1, type: 'deal' },
        { source: 'a', target: 'ghost', weight: 1, type: 'deal' },
        { source: 'me', target: 'c', weight: 10, type: 'deal' },
      ],
    };
    const d = drawable(data);
    expect(d.communities).toEqual(['big', 'small']);
    expect(d.edges.map((e) => `${e.source}-${e.target}`)).toEqual(['a-b', 'me-c']);
    const me = d.nodes.find((n) => n.me);
    const b = d.nodes.find((n) => n.id === 'b');
    const c = d.nodes.find((n) => n.id === 'c');
    expect(b?.color).toBe(c?.color);
    expect(me?.size).toBeGreaterThan(b?.size ?? 0);
    // Same graph, same starting positions.
    expect(drawable(data).nodes).toEqual(d.nodes);
  });

  test('strongest ties sum every kind of edge with my organization, strongest first', () => {
    const data: GraphData = {
      nodes: [node('me', { me: true }), node('x'), node('y'), node('z')],
      edges: [
        { source: 'me', target: 'x', weight: 1, type: 'ecosystem' },
        { source: 'y', target: 'me', weight: 3, type: 'partnership' },
        { source: 'me', target: 'x', weight: 4, type: 'deal' },
        { source: 'y', target: 'z', weight: 9, type: 'ecosystem' },
      ],
    };
    const ties = strongestTies(data);
    expect(ties.map((t) => [t.id, t.weight, [...t.types]])).toEqual([
      ['x', 5, ['ecosystem', 'deal']],
      ['y', 3, ['partnership']],
    ]);
  });
});
