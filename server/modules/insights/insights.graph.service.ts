// Refresh runs (history, starting one) and the viewer's own neighbourhood graph.
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { toPage } from '../../http/pagination.ts';
import type { GraphNode } from './insights.communities.service.ts';
import * as edges from './insights.graph.edges.repo.ts';
import { claimRun, insightsRefreshJob, refreshRunning } from './insights.refresh.ts';
import * as runs from './insights.runs.repo.ts';

/** At most this many nodes in the neighbourhood view (the viewer and its strongest relations). */
export const NEIGHBOURHOOD_NODES = 300;

const presentRun = (r: runs.RunRow) => ({
  id: r.id,
  status: r.status as 'running' | 'done' | 'failed',
  trigger: r.trigger as runs.RunTrigger,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  stats: (r.stats as Record<string, unknown> | null) ?? null,
  failure: r.failure,
});

/** Refresh runs, newest first (instance-wide: they hold no tenant data). */
export async function listRuns(db: Db, actor: MemberActor, query: { limit: number; cursor?: string }) {
  authorize(actor, 'insights.read');
  const page = toPage(await runs.selectRuns(db, query.limit, query.cursor), query.limit);
  return { data: page.data.map(presentRun), nextCursor: page.nextCursor };
}

/**
 * Claims the single-writer slot for a manual run and queues the job that runs it; 409
 * insights_refresh_running when a run holds the slot. A job that cannot be queued fails the run.
 */
export async function startRefresh(ctx: Pick<AppContext, 'db' | 'jobs'>, actor: MemberActor) {
  authorize(actor, 'insights.refresh');
  const run = await claimRun(ctx.db, 'manual', actor.userId);
  if (!run) throw refreshRunning((await runs.selectRunningRun(ctx.db))?.id);
  try {
    await ctx.jobs.send(insightsRefreshJob, { runId: run.id, trigger: 'manual' });
  } catch (error) {
    await runs.finishRun(ctx.db, run.id, {
      status: 'failed',
      failure: 'The refresh job could not be queued',
    });
    throw error;
  }
  return presentRun(run);
}

/**
 * The viewer organization's own edges and the organizations at their other end (the strongest
 * first, at most {@link NEIGHBOURHOOD_NODES} nodes with the viewer). An organization's community is
 * shown only when its profile is listed.
 */
export async function myNeighbourhood(db: Db, actor: MemberActor) {
  authorize(actor, 'insights.read');
  const mine = await edges.selectMyEdges(db, actor.orgId);
  const strength = new Map<string, number>();
  for (const e of mine) strength.set(e.other, (strength.get(e.other) ?? 0) + e.weight);
  const kept = [...strength]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, NEIGHBOURHOOD_NODES - 1)
    .map(([id]) => id);
  const keptSet = new Set(kept);
  const info = await edges.selectOrgNodes(db, [actor.orgId, ...kept]);
  const run = await runs.selectLatestDoneRun(db);
  const places = run ? await edges.selectPlacesInRun(db, run.id, [actor.orgId, ...kept]) : new Map();
  const nodes: GraphNode[] = info.map((o) => {
    const me = o.id === actor.orgId;
    const place = me || o.listed ? places.get(o.id) : undefined;
    return {
      id: o.id,
      label: o.name,
      size: me ? [...strength.values()].reduce((a, b) => a + b, 0) : (strength.get(o.id) ?? 0),
      community: place?.communityId ?? null,
      hub: place?.hub ?? false,
      me,
    };
  });
  nodes.sort((a, b) => Number(b.me) - Number(a.me) || b.size - a.size || a.id.localeCompare(b.id));
  return {
    nodes,
    edges: mine
      .filter((e) => keptSet.has(e.other))
      .map((e) => ({ source: actor.orgId, target: e.other, weight: e.weight, type: e.type })),
  };
}
