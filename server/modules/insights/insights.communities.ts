/**
 * The graph analysis of the insights refresh, free of I/O so it runs inline or in a worker thread:
 * communities of the weighted, undirected ecosystem graph are found with Louvain
 * (graphology-communities-louvain, weighted, with a seeded random source so the same graph gives
 * the same communities), and every node gets its weighted degree and its centrality inside its own
 * community, computed from the edge arrays.
 *
 * Louvain reads the graph through `arrayGraph`, a read-only graphology-shaped view of the edge
 * arrays, not a graphology `Graph`: on 500k nodes / 5M edges building the `Graph` took three times
 * as long as Louvain itself (bench/README.md). Louvain walks the view in exactly the order it would
 * walk the `Graph` built by `buildGraph`, so both give the same communities (tested); the bench
 * keeps `buildGraph` as its reference.
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
  /** What Louvain reads: the array view (default) or graphology's own `Graph` (the bench's reference). */
  engine?: 'arrays' | 'graphology';
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

const readOnly = () => {
  throw new Error('The array graph is read-only');
};
const NO_ATTRIBUTES = Object.freeze({});

/**
 * A read-only view of the input with the part of graphology's `Graph` interface that Louvain
 * reads (its index is built from `order`, `size`, `selfLoopCount`, `forEachNode`,
 * `undirectedDegreeWithoutSelfLoops` and `forEachEdge`; `isGraph` also checks that `multi`,
 * `addUndirectedEdgeWithKey` and `dropNode` exist). Nodes are the indices, edges the edge indices,
 * visited grouped by source node like `buildGraph` adds them; Louvain reads an edge's weight from
 * `input.weight` by its index. Costs two typed arrays instead of objects per edge.
 */
export function arrayGraph(input: GraphInput) {
  const { src, dst } = input;
  const degree = new Uint32Array(input.nodes);
  for (let i = 0; i < src.length; i++) {
    degree[src[i]!]!++;
    degree[dst[i]!]!++;
  }
  const order = edgesBySource(input);
  const view = {
    type: 'undirected' as const,
    multi: false,
    order: input.nodes,
    size: src.length,
    selfLoopCount: 0,
    forEachNode(callback: (node: number, attributes: object) => void) {
      for (let v = 0; v < input.nodes; v++) callback(v, NO_ATTRIBUTES);
    },
    undirectedDegreeWithoutSelfLoops: (node: number) => degree[node]!,
    forEachEdge(
      callback: (
        edge: number,
        attributes: object,
        source: number,
        target: number,
        ...rest: unknown[]
      ) => void,
    ) {
      for (let j = 0; j < order.length; j++) {
        const i = order[j]!;
        callback(i, NO_ATTRIBUTES, src[i]!, dst[i]!, NO_ATTRIBUTES, NO_ATTRIBUTES, true);
      }
    },
    addUndirectedEdgeWithKey: readOnly,
    dropNode: readOnly,
    setNodeAttribute: readOnly,
  };
  // Louvain's types name graphology's Graph; the view has every member Louvain uses.
  return view as unknown as Graph;
}

/** Runs the whole analysis on one graph (see the module comment). */
export function analyzeGraph(input: GraphInput): GraphAnalysis {
  let started = performance.now();
  const graph = input.engine === 'graphology' ? buildGraph(input) : arrayGraph(input);
  const buildMs = performance.now() - started;

  started = performance.now();
  const found = louvain.detailed(graph, {
    // The view's edges are indices (typed as graphology's string keys).
    getEdgeWeight:
      input.engine === 'graphology' ? 'weight' : (edge) => input.weight[edge as unknown as number]!,
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
