/**
 * The instance-wide insights refresh: graph read → communities and centrality (Louvain, in a worker
 * thread for large graphs) → labels and deal shares; meanwhile trust for every pair with a deal →
 * recommendations (the trust and recommendation parts of this module). One writer at a time: a
 * run claims a `running` insights_run row, which the partial unique index allows only once; a
 * running row whose heartbeat is older than 10 minutes is a crashed run and is marked failed
 * before claiming. Runs as the `insights-refresh` job (nightly, or queued by POST /insights/runs),
 * from the CLI (`mycelium insights refresh`) and at the end of the demo seed.
 */
import { getAppContext } from '../../context.ts';
import type { Database, Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError } from '../../errors.ts';
import type { JobDefinition } from '../../jobs/queue.ts';
import type { Logger } from '../../log.ts';
import { selectTopHubNames } from './insights.communities.repo.ts';
import {
  type CommunityLabel,
  copyCommunities,
  type DealValue,
  type NewCommunity,
  type NewMember,
  selectDealValues,
  selectFacetCounts,
  updateLabels,
} from './insights.communities.store.ts';
import { hubCount } from './insights.communities.ts';
import { loadGraph } from './insights.graph.repo.ts';
import { labelCommunity, uniqueLabels } from './insights.labels.ts';
import { refreshRecommendations } from './insights.recommend.ts';
import * as runs from './insights.runs.repo.ts';
import { recomputeAllTrust } from './insights.trust.update.ts';
import { analyzeGraphOffThread } from './insights.worker.ts';

/** What a refresh needs: the database (COPY goes through `database`) and, optionally, a logger. */
export interface RefreshContext {
  db: Db;
  database: Database;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** How a refresh is started. */
export interface RefreshOptions {
  trigger: runs.RunTrigger;
  /** A run already claimed (POST /insights/runs claims before queueing the job). */
  runId?: string;
  requestedByUserId?: string | null;
  /** Louvain's seed (same graph + same seed → same communities). */
  seed?: number;
  /** Analyze in this thread whatever the graph's size. */
  inline?: boolean;
}

/** Communities smaller than this are not kept (pairs and triangles are not sub-ecosystems). */
export const MIN_COMMUNITY_SIZE = 3;
/** Louvain's default seed. */
export const DEFAULT_SEED = 20_261_126;
const HEARTBEAT_MS = 30_000;

/** The 409 for a second writer. */
export const refreshRunning = (runId?: string) =>
  new AppError(
    'insights_refresh_running',
    'An insights refresh is already running',
    runId ? { runId } : undefined,
  );

/**
 * Claims the single-writer slot: fails stale runs, then inserts a running row. Undefined when
 * another run holds it.
 */
export async function claimRun(
  db: Db,
  trigger: runs.RunTrigger,
  requestedByUserId: string | null = null,
): Promise<runs.RunRow | undefined> {
  await runs.failStaleRuns(db);
  return runs.insertRunningRun(db, { id: newId(), trigger, requestedByUserId });
}

/**
 * Runs a whole refresh and returns its finished run row. Throws 409 insights_refresh_running when
 * another run holds the claim (or the given run is no longer running).
 */
export async function runInsightsRefresh(ctx: RefreshContext, options: RefreshOptions) {
  const { db } = ctx;
  const run = options.runId
    ? (await runs.touchRun(db, options.runId))
      ? await runs.selectRun(db, options.runId)
      : undefined
    : await claimRun(db, options.trigger, options.requestedByUserId ?? null);
  if (!run) throw refreshRunning((await runs.selectRunningRun(db))?.id);

  let alive = true;
  const heartbeat = setInterval(() => {
    runs.touchRun(db, run.id).then(
      (still) => {
        alive = still;
      },
      (err: unknown) => ctx.log?.warn({ err }, 'insights heartbeat failed'),
    );
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const stats = await refresh(ctx, run.id, options, () => alive);
    await runs.finishRun(db, run.id, { status: 'done', stats });
    await runs.pruneCommunities(db);
    ctx.log?.info({ runId: run.id, stats }, 'insights refresh done');
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    await runs.finishRun(db, run.id, { status: 'failed', failure: failure.slice(0, 2000) });
    await runs.pruneCommunities(db).catch(() => {});
    ctx.log?.error({ err: error, runId: run.id }, 'insights refresh failed');
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
  return (await runs.selectRun(db, run.id))!;
}

const since = (started: number) => Math.round(performance.now() - started);

/**
 * The steps, in two lines at once: the graph steps, and trust then recommendations (which read the
 * new trust scores). Neither line reads what the other writes, and each has its own connections:
 * PostgreSQL works on trust while this process reads and analyzes the graph.
 */
async function refresh(ctx: RefreshContext, runId: string, options: RefreshOptions, alive: () => boolean) {
  const { db } = ctx;
  const started = performance.now();
  const stillMine = () => {
    if (!alive()) throw new Error('The run was declared stale by another process');
  };
  const [communities, [trust, recommendations]] = await Promise.all([
    communitySteps(ctx, runId, options, stillMine),
    timed(() => recomputeAllTrust(db)).then(async (trust) => {
      stillMine();
      return [trust, await timed(() => refreshRecommendations(db))] as const;
    }),
  ]);
  const { analysis, timings } = communities;
  const graphLibraryMs = Math.round(
    analysis.timings.buildMs + analysis.timings.louvainMs + analysis.timings.centralityMs,
  );
  return {
    nodes: communities.nodes,
    edges: communities.edges,
    communitiesFound: analysis.communities,
    communitiesKept: communities.kept,
    modularity: analysis.modularity,
    seed: options.seed ?? DEFAULT_SEED,
    inWorker: analysis.inWorker,
    heapUsedMb: analysis.heapUsedMb,
    trustPairs: trust.result.pairs,
    recommendationOrganizations: recommendations.result.organizations,
    recommendationRows: recommendations.result.rows,
    timings: {
      ...timings,
      buildMs: Math.round(analysis.timings.buildMs),
      louvainMs: Math.round(analysis.timings.louvainMs),
      centralityMs: Math.round(analysis.timings.centralityMs),
      graphLibraryMs,
      trustMs: trust.ms,
      recommendationsMs: recommendations.ms,
      totalMs: since(started),
    },
  };
}

const timed = async <T>(step: () => Promise<T>) => {
  const at = performance.now();
  const result = await step();
  return { result, ms: since(at) };
};

/** Graph read → communities and centrality → stored communities → labels and deal shares. */
async function communitySteps(
  ctx: RefreshContext,
  runId: string,
  options: RefreshOptions,
  stillMine: () => void,
) {
  const { db } = ctx;

  const load = await timed(() => loadGraph(db));
  const graph = load.result;
  const edges = graph.src.length;
  const connected = new Uint8Array(graph.orgIds.length);
  for (let i = 0; i < edges; i++) connected[graph.src[i]!] = connected[graph.dst[i]!] = 1;
  // Organizations on at least one edge (every organization is a node; the others stay alone).
  const nodes = connected.reduce((n, c) => n + c, 0);
  stillMine();

  const analysis = await analyzeGraphOffThread(
    {
      nodes: graph.orgIds.length,
      src: graph.src,
      dst: graph.dst,
      weight: graph.weight,
      seed: options.seed ?? DEFAULT_SEED,
    },
    { inline: options.inline },
  );
  stillMine();

  const { communities, members } = communityRows(graph.orgIds, analysis);
  const persist = await timed(() => copyCommunities(ctx.database, runId, communities, members));
  const labels = await timed(() => labelCommunities(db, runId, communities));
  stillMine();
  return {
    nodes,
    edges,
    kept: communities.length,
    analysis,
    timings: { loadMs: load.ms, persistMs: persist.ms, labelsMs: labels.ms },
  };
}

/** Kept communities (biggest first) and their members, hubs marked. */
export function communityRows(
  orgIds: readonly string[],
  analysis: {
    community: Int32Array;
    communities: number;
    centrality: Float64Array;
    weightedDegree: Float64Array;
  },
) {
  const byCommunity: number[][] = Array.from({ length: analysis.communities }, () => []);
  for (let i = 0; i < orgIds.length; i++) byCommunity[analysis.community[i]!]?.push(i);
  const kept = byCommunity
    .filter((nodes) => nodes.length >= MIN_COMMUNITY_SIZE)
    .sort((a, b) => b.length - a.length);
  const communities: NewCommunity[] = [];
  const members: NewMember[] = [];
  for (const nodes of kept) {
    const id = newId();
    communities.push({ id, size: nodes.length });
    nodes.sort((a, b) => analysis.centrality[b]! - analysis.centrality[a]!);
    const hubs = hubCount(nodes.length);
    for (const [rank, i] of nodes.entries())
      members.push({
        communityId: id,
        organizationId: orgIds[i]!,
        centrality: analysis.centrality[i]!,
        weightedDegree: analysis.weightedDegree[i]!,
        hub: rank < hubs,
      });
  }
  return { communities, members };
}

/** The deal value a community's share is told in: the currency most of its won deals used. */
function dealShareOf(values: readonly DealValue[]) {
  const main = [...values].sort((a, b) => b.deals - a.deals || a.currency.localeCompare(b.currency))[0];
  if (!main || main.touchingMinor <= 0)
    return { internalDealShare: null, internalValueMinor: null, valueCurrency: null };
  return {
    internalDealShare: main.internalMinor / main.touchingMinor,
    internalValueMinor: main.internalMinor,
    valueCurrency: main.currency,
  };
}

async function labelCommunities(db: Db, runId: string, communities: readonly NewCommunity[]) {
  const [{ counts, listed }, hubNames, dealValues] = await Promise.all([
    selectFacetCounts(db, runId),
    selectTopHubNames(db, runId),
    selectDealValues(db, runId),
  ]);
  const values = new Map<string, DealValue[]>();
  for (const v of dealValues) values.set(v.communityId, [...(values.get(v.communityId) ?? []), v]);
  const labelled = communities.map((c) => {
    const hub = hubNames.get(c.id);
    const named = labelCommunity(
      counts.get(c.id) ?? new Map(),
      listed.get(c.id) ?? 0,
      hub ? `Around ${hub}` : 'Mixed community',
    );
    return { id: c.id, ...named, ...dealShareOf(values.get(c.id) ?? []) };
  });
  const unique = uniqueLabels(labelled.map((l) => l.label));
  await updateLabels(
    db,
    labelled.map((l, i): CommunityLabel => ({ ...l, label: unique[i]! })),
  );
}

/** The refresh job: nightly (no run yet) or a run POST /insights/runs claimed and queued. */
export const insightsRefreshJob: JobDefinition<{ runId?: string; trigger?: runs.RunTrigger }> = {
  name: 'insights-refresh',
  retryLimit: 0,
  handler: async () => async (payload) => {
    const ctx = getAppContext();
    try {
      await runInsightsRefresh(ctx, { trigger: payload.trigger ?? 'nightly', runId: payload.runId });
    } catch (error) {
      // A second writer is refused by design; anything else is already recorded on the run.
      if (error instanceof AppError && error.code === 'insights_refresh_running')
        ctx.log.info({ runId: payload.runId }, 'insights refresh skipped: another run holds the claim');
      else throw error;
    }
  },
};
