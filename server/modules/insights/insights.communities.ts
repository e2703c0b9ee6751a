/**
 * The graph analysis of the insights refresh, free of I/O so it runs inline or in a worker thread:
 * the weighted, undirected ecosystem graph is loaded into graphology, communities are found with
 * Louvain (graphology-communities-louvain, weighted, with a seeded random source so the same graph
 * gives the same communities), and every node gets its weighted degree (graphology-metrics) and
 * its centrality inside its own community, computed from the edge arrays.
 *
 * Centrality is the node's weighted degree counting only edges inside its community, divided by
 * the largest such degree in that community (1 = the community's strongest hub). graphology-metrics'
 * weighted PageRank and per-node weighted degree were measured and left out: on 500k nodes / 5M
 * edges they took 2.4× and 1.7× as long as Louvain itself (see bench/README.md), and "who sits at
 * the centre of this sub-ecosystem" is a question about edges inside the community.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';

/** The graph as compact arrays: nodes are 0…nodes-1, edge i joins src[i] and dst[i] (no duplicates, no loops). */
export interface GraphInput {
  nodes: number;
  src: Uint32Array;
  dst: Uint32Array;
  weight: Float64Array;
  /** Seed of Louvain's random source. */
  seed: number;
}

/** What the analysis found, per node and overall, with where the time went. */
export interface GraphAnalysis {
  /** Community index of each node (0…communities-1). */
  community: Int32Array;
  communities: number;
  modularity: number;
  /** Sum of the node's edge weights. */
  weightedDegree: Float64Array;
  /** Weighted degree inside its community over the community's largest (0…1). */
  centrality: Float64Array;
  timings: { buildMs: number; louvainMs: number; centralityMs: number };
  /** V8 heap in use once the graph and the communities existed, in MB. */
  heapUsedMb: number;
}

/** A small fast seeded generator (mulberry32): same seed, same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The edge indices ordered by source node (a counting sort, O(nodes + edges)). Adding the edges in
 * this order keeps the source node's adjacency hot in the CPU cache for all of its edges: on 500k
 * nodes / 5M edges the build and Louvain took about a fifth less CPU than in the input's (random)
 * order, with the same communities (bench/README.md).
 */
export function edgesBySource(input: Pick<GraphInput, 'nodes' | 'src'>): Uint32Array {
  const start = new Uint32Array(input.nodes + 1);
  for (let i = 0; i < input.src.length; i++) start[input.src[i]! + 1]!++;
  for (let v = 0; v < input.nodes; v++) start[v + 1]! += start[v]!;
  const order = new Uint32Array(input.src.length);
  for (let i = 0; i < input.src.length; i++) order[start[input.src[i]!]!++] = i;
  return order;
}

/**
 * Builds the graphology graph of the input: node keys are the indices as strings, edge keys the
 * edge indices, edges added grouped by source node (see `edgesBySource`).
 */
export function buildGraph(input: GraphInput) {
  const graph = new Graph<Record<string, never>, { weight: number }>({
    type: 'undirected',
    multi: false,
    allowSelfLoops: false,
  });
  const keys = Array.from({ length: input.nodes }, (_, i) => String(i));
  for (const key of keys) graph.addNode(key);
  const order = edgesBySource(input);
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    graph.addEdgeWithKey(i, keys[input.src[i]!]!, keys[input.dst[i]!]!, { weight: input.weight[i]! });
  }
  return graph;
}

/** Runs the whole analysis on one graph (see the module comment). */
export function analyzeGraph(input: GraphInput): GraphAnalysis {
  let started = performance.now();
  const graph = buildGraph(input);
  const buildMs = performance.now() - started;

  started = performance.now();
  const found = louvain.detailed(graph, {
    getEdgeWeight: 'weight',
    rng: seededRandom(input.seed),
  });
  const louvainMs = performance.now() - started;
  const heapUsedMb = Math.round(process.memoryUsage().heapUsed / 1e6);

  started = performance.now();
  const community = new Int32Array(input.nodes);
  for (let i = 0; i < input.nodes; i++) community[i] = found.communities[String(i)] ?? -1;
  // One pass over the edge arrays: graphology-metrics' weightedDegree per node gives the same
  // numbers but took 42 s on 500k nodes / 5M edges (bench/README.md), longer than Louvain.
  const degree = new Float64Array(input.nodes);
  const inside = new Float64Array(input.nodes);
  for (let i = 0; i < input.src.length; i++) {
    const a = input.src[i]!;
    const b = input.dst[i]!;
    const w = input.weight[i]!;
    degree[a]! += w;
    degree[b]! += w;
    if (community[a] !== community[b]) continue;
    inside[a]! += w;
    inside[b]! += w;
  }
  const strongest = new Float64Array(found.count);
  for (let i = 0; i < input.nodes; i++)
    if (inside[i]! > strongest[community[i]!]!) strongest[community[i]!] = inside[i]!;
  const centrality = new Float64Array(input.nodes);
  for (let i = 0; i < input.nodes; i++) {
    const top = strongest[community[i]!]!;
    centrality[i] = top > 0 ? inside[i]! / top : 0;
  }
  const centralityMs = performance.now() - started;

  return {
    community,
    communities: found.count,
    modularity: found.modularity,
    weightedDegree: degree,
    centrality,
    timings: { buildMs, louvainMs, centralityMs },
    heapUsedMb,
  };
}

/** How many hubs a community of `size` members names: about 2 %, at least 1, at most 5. */
export const hubCount = (size: number) => Math.max(1, Math.min(5, Math.ceil(size * 0.02)));
