import { describe, expect, test } from 'vitest';
import {
  analyzeGraph,
  arrayGraph,
  buildGraph,
  edgesBySource,
  type GraphInput,
  hubCount,
  seededRandom,
} from './insights.communities.ts';
import { labelCommunity, uniqueLabels } from './insights.labels.ts';
import { communityRows } from './insights.refresh.ts';

/** Two dense clusters of 8 (0–7 and 8–15), each around a hub (0 and 8), joined by one weak edge. */
function twoClusters(): GraphInput {
  const edges: [number, number, number][] = [];
  for (const base of [0, 8]) {
    for (let i = 1; i < 8; i++) edges.push([base, base + i, 5]);
    for (let i = 1; i < 8; i++) for (let j = i + 1; j < 8; j += 2) edges.push([base + i, base + j, 1]);
  }
  edges.push([7, 15, 0.5]);
  return {
    nodes: 16,
    src: Uint32Array.from(edges.map((e) => e[0])),
    dst: Uint32Array.from(edges.map((e) => e[1])),
    weight: Float64Array.from(edges.map((e) => e[2])),
    seed: 42,
  };
}

describe('community detection', () => {
  test('finds the two obvious clusters, with a clearly positive modularity', () => {
    const result = analyzeGraph(twoClusters());
    expect(result.communities).toBe(2);
    const first = result.community[0];
    for (let i = 0; i < 8; i++) expect(result.community[i]).toBe(first);
    for (let i = 8; i < 16; i++) expect(result.community[i]).not.toBe(first);
    expect(result.modularity).toBeGreaterThan(0.3);
  });

  test('the same graph and seed give the same communities', () => {
    const a = analyzeGraph(twoClusters());
    const b = analyzeGraph(twoClusters());
    expect([...a.community]).toEqual([...b.community]);
    expect(a.modularity).toBe(b.modularity);
  });

  test('each cluster’s hub is its most central member, with the weighted degree of its edges', () => {
    const result = analyzeGraph(twoClusters());
    expect(result.centrality[0]).toBe(1);
    expect(result.centrality[8]).toBe(1);
    expect(result.centrality[3]).toBeLessThan(1);
    expect(result.weightedDegree[0]).toBe(35);
    const { communities, members } = communityRows(
      Array.from({ length: 16 }, (_, i) => `org-${i}`),
      result,
    );
    expect(communities.map((c) => c.size)).toEqual([8, 8]);
    expect(
      members
        .filter((m) => m.hub)
        .map((m) => m.organizationId)
        .sort(),
    ).toEqual(['org-0', 'org-8']);
  });

  test('edges are added grouped by source node, each once, with its weight', () => {
    const input: GraphInput = {
      nodes: 4,
      src: Uint32Array.from([2, 0, 3, 0, 1]),
      dst: Uint32Array.from([3, 1, 0, 2, 2]),
      weight: Float64Array.from([1, 2, 3, 4, 5]),
      seed: 1,
    };
    expect([...edgesBySource(input)]).toEqual([1, 3, 4, 0, 2]);
    const graph = buildGraph(input);
    expect([graph.order, graph.size]).toEqual([4, 5]);
    expect(graph.getUndirectedEdgeAttribute('3', '2', 'weight')).toBe(1);
    expect(graph.getUndirectedEdgeAttribute('0', '3', 'weight')).toBe(3);
  });

  test('Louvain on the array view finds exactly what it finds on graphology’s own graph', () => {
    // A random graph of 600 nodes with planted groups of 30, so Louvain has several levels to climb.
    const random = seededRandom(7);
    const pairs = new Map<string, [number, number, number]>();
    while (pairs.size < 4_000) {
      const a = Math.floor(random() * 600);
      const b = random() < 0.8 ? a - (a % 30) + Math.floor(random() * 30) : Math.floor(random() * 600);
      if (a !== b) pairs.set(`${Math.min(a, b)}-${Math.max(a, b)}`, [a, b, 1 + Math.floor(random() * 9)]);
    }
    const edges = [...pairs.values()];
    const input = (): GraphInput => ({
      nodes: 600,
      src: Uint32Array.from(edges.map((e) => e[0])),
      dst: Uint32Array.from(edges.map((e) => e[1])),
      weight: Float64Array.from(edges.map((e) => e[2])),
      seed: 3,
    });
    const view = analyzeGraph(input());
    const reference = analyzeGraph({ ...input(), engine: 'graphology' });
    expect(view.communities).toBeGreaterThan(10);
    expect([...view.community]).toEqual([...reference.community]);
    expect(view.modularity).toBe(reference.modularity);
    expect([...view.centrality]).toEqual([...reference.centrality]);
  });

  test('the array view is read-only', () => {
    const input = twoClusters();
    const graph = arrayGraph(input);
    expect([graph.order, graph.size]).toEqual([16, input.src.length]);
    expect(() => graph.dropNode('0')).toThrow(/read-only/);
  });

  test('hubs are about 2 % of a community, between 1 and 5', () => {
    expect([hubCount(3), hubCount(100), hubCount(120), hubCount(10_000)]).toEqual([1, 2, 3, 5]);
  });
});

describe('community labels', () => {
  const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

  test('name the place, the practice and the role most members share', () => {
    const { label, facets } = labelCommunity(
      counts({
        'country:SE': 4,
        'region:154': 9,
        'region:150': 10,
        'practice:security-operations': 7,
        'technology:microsoft-365': 2,
        'role:msp': 6,
        'role:reseller': 2,
      }),
      10,
      'Mixed community',
    );
    expect(label).toBe('Northern Europe security operations MSPs');
    expect(facets.slice(0, 3)).toEqual([
      { facet: 'region', key: '154', label: 'Northern Europe', share: 0.9 },
      { facet: 'practice', key: 'security-operations', label: 'Security operations (SOC, MDR)', share: 0.7 },
      { facet: 'role', key: 'msp', label: 'Managed service provider', share: 0.6 },
    ]);
  });

  test('fall back when nothing dominates, and never count beyond listed members', () => {
    expect(labelCommunity(counts({ 'role:msp': 1 }), 10, 'Around Contoso').label).toBe('Around Contoso');
    expect(labelCommunity(new Map(), 0, 'Mixed community')).toEqual({ label: 'Mixed community', facets: [] });
  });

  test('repeated labels in one run are numbered', () => {
    expect(uniqueLabels(['A', 'B', 'A', 'A'])).toEqual(['A', 'B', 'A (2)', 'A (3)']);
  });
});
