/**
 * Runs the graph analysis (insights.communities.ts) in a worker thread when the graph is large, so
 * the process keeps answering requests and sending the run's heartbeat while Louvain works; small
 * graphs run inline (tests, the demo). The arrays are transferred, not copied, both ways.
 * This file is also the worker's entry point.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyzeGraph, type GraphAnalysis, type GraphInput } from './insights.communities.ts';

/** Graphs with at least this many edges are analyzed in a worker thread. */
export const WORKER_THRESHOLD_EDGES = 50_000;
/** V8 old-space limit of the worker: 5M edges take about 2 GB in graphology (bench/README.md). */
const WORKER_HEAP_MB = Number(process.env.INSIGHTS_WORKER_HEAP_MB ?? 8192);
const MARK = 'mycelium-insights-graph';

const buffersOf = (...arrays: ArrayBufferView[]) => arrays.map((a) => a.buffer as ArrayBuffer);

// From TypeScript sources (tsx) the worker starts at a small .mjs that loads this file through tsx:
// loaders registered in the parent do not reach worker threads.
const fromSources = import.meta.url.endsWith('.ts');
const workerEntry = fromSources
  ? new URL('./insights.worker.boot.mjs', import.meta.url)
  : new URL(import.meta.url);

/**
 * Analyzes the graph inline below the threshold (or when `inline`), otherwise in a worker thread.
 * A worker takes the input's arrays (transferred): the caller must not read them afterwards.
 */
export async function analyzeGraphOffThread(
  input: GraphInput,
  options: { inline?: boolean } = {},
): Promise<GraphAnalysis & { inWorker: boolean }> {
  if (options.inline || input.src.length < WORKER_THRESHOLD_EDGES)
    return { ...analyzeGraph(input), inWorker: false };
  const worker = new Worker(workerEntry, {
    workerData: { mark: MARK, entry: import.meta.url },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  try {
    const result = await new Promise<GraphAnalysis>((resolve, reject) => {
      worker.once('message', (message: { ok: true; result: GraphAnalysis } | { ok: false; error: string }) =>
        message.ok ? resolve(message.result) : reject(new Error(message.error)),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The graph worker exited with code ${code}`)));
      worker.postMessage(input, buffersOf(input.src, input.dst, input.weight));
    });
    return { ...result, inWorker: true };
  } finally {
    await worker.terminate();
  }
}

if (!isMainThread && parentPort && (workerData as { mark?: string } | null)?.mark === MARK) {
  const port = parentPort;
  port.once('message', (input: GraphInput) => {
    try {
      const result = analyzeGraph(input);
      port.postMessage(
        { ok: true, result },
        buffersOf(result.community, result.weightedDegree, result.centrality),
      );
    } catch (error) {
      port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
