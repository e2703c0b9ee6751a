import type { GraphData } from '../../lib/insights.ts';

/** Colours communities are told apart by (Mantine's 6th shades, the brand's moss first). */
export const COMMUNITY_COLORS = [
  '#3aa16f',
  '#228be6',
  '#fab005',
  '#be4bdb',
  '#fd7e14',
  '#15aabf',
  '#e64980',
  '#82c91e',
  '#7950f2',
  '#fa5252',
];

/** Colour of your own organization. */
export const ME_COLOR = '#0b6c43';
/** Colour of nodes outside any community. */
export const OTHER_COLOR = '#adb5bd';

/** Edge colours by type (partnership, deal flow, shared ecosystem, shared accounts). */
export const EDGE_COLORS: Record<string, string> = {
  partnership: '#5fb28a',
  deal: '#228be6',
  ecosystem: 'rgba(134, 142, 150, 0.6)',
  accounts: '#fd7e14',
};

/** Edge colours for legends and badges (the drawn ecosystem edge is too faint to name a colour by). */
export const EDGE_LEGEND_COLORS: Record<string, string> = { ...EDGE_COLORS, ecosystem: '#adb5bd' };

/** A node as drawn: position, size, colour. */
export interface DrawnNode {
  id: string;
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  hub: boolean;
  me: boolean;
  community: string | null;
  /** Among the biggest nodes: labelled whatever the zoom. */
  labelled: boolean;
}

/** How many of the biggest nodes are always labelled. */
const LABELLED = 8;

/** An edge as drawn. */
export interface DrawnEdge {
  source: string;
  target: string;
  size: number;
  color: string;
  type: string;
  weight: number;
}

// A small, stable hash so the same graph is laid out the same way on every visit.
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 4294967295;
}

/**
 * Nodes and edges ready to draw: communities get a colour each (biggest first) and a sector of a
 * circle to start in, so the force layout that follows pulls clusters apart instead of untangling a
 * hairball; sizes grow with the square root of what the API sized them by.
 */
export function drawable(data: GraphData): { nodes: DrawnNode[]; edges: DrawnEdge[]; communities: string[] } {
  const counts = new Map<string, number>();
  for (const n of data.nodes) if (n.community) counts.set(n.community, (counts.get(n.community) ?? 0) + 1);
  const communities = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  const index = new Map(communities.map((c, i) => [c, i]));
  const maxSize = Math.max(1, ...data.nodes.map((n) => n.size || 0));
  const ids = new Set(data.nodes.map((n) => n.id));
  const nodes = data.nodes.map((n): DrawnNode => {
    const c = n.community ? (index.get(n.community) ?? 0) : communities.length;
    const sectors = Math.max(1, communities.length + 1);
    const angle = (2 * Math.PI * (c + hash(`${n.id}a`) * 0.8)) / sectors;
    const radius = 1 + hash(`${n.id}r`) * 0.6;
    const color = n.me
      ? ME_COLOR
      : n.community
        ? (COMMUNITY_COLORS[(index.get(n.community) ?? 0) % COMMUNITY_COLORS.length] ?? OTHER_COLOR)
        : OTHER_COLOR;
    return {
      id: n.id,
      label: n.label,
      x: Math.cos(angle) * radius * 10,
      y: Math.sin(angle) * radius * 10,
      size: 4 + Math.sqrt(Math.max(0, n.size || 0) / maxSize) * 12 + (n.me ? 3 : 0),
      color,
      hub: Boolean(n.hub),
      me: Boolean(n.me),
      community: n.community ?? null,
      labelled: false,
    };
  });
  for (const n of [...nodes]
    .sort((a, b) => b.size - a.size || a.label.localeCompare(b.label))
    .slice(0, LABELLED))
    n.labelled = true;
  const maxWeight = Math.max(1, ...data.edges.map((e) => e.weight || 0));
  const seen = new Set<string>();
  const edges: DrawnEdge[] = [];
  for (const e of data.edges) {
    // Edges to nodes not drawn, self-loops and repeats of the same pair and type are left out.
    if (!ids.has(e.source) || !ids.has(e.target) || e.source === e.target) continue;
    const key = [e.source, e.target].sort().join('|') + e.type;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({
      source: e.source,
      target: e.target,
      type: e.type,
      weight: e.weight,
      // Shared ecosystems tie every member to every other: thin, so partnerships and deals stand out.
      size:
        (e.type === 'ecosystem' ? 0.8 : 1) + (Math.log1p(Math.max(0, e.weight)) / Math.log1p(maxWeight)) * 3,
      color: EDGE_COLORS[e.type] ?? '#dee2e6',
    });
  }
  return { nodes, edges, communities };
}

/** Whether this browser can draw with WebGL (headless browsers without a GPU may not). */
export function hasWebGL(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}
