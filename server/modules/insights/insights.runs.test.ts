import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { graphOrg, graphPartnership } from './insights.graph.fixtures.ts';
import { claimRun, insightsRefreshJob, runInsightsRefresh } from './insights.refresh.ts';
import { KEPT_DONE_RUNS } from './insights.runs.repo.ts';

let h: TestApp;
let owner: TestMember;
let sales: TestMember;
let hostile: TestMember;

beforeAll(async () => {
  h = await createTestApp();
  owner = await createOrg(h, 'Runner Co');
  sales = await addMember(h, owner.orgId, 'sales');
  hostile = await createOrg(h, 'Hostile Runs');
  const [a, b, c] = [
    await graphOrg(h.ctx.db, 'Tri A'),
    await graphOrg(h.ctx.db, 'Tri B'),
    await graphOrg(h.ctx.db, 'Tri C'),
  ];
  await graphPartnership(h.ctx.db, a, b);
  await graphPartnership(h.ctx.db, b, c);
  await graphPartnership(h.ctx.db, a, c);
});
afterAll(() => h?.close());

const runningRows = async () =>
  rowsOf<{ id: string }>(await h.ctx.db.execute(sql`SELECT id FROM insights_run WHERE status = 'running'`));

describe('one refresh at a time', () => {
  test('two refreshes started at once: one is accepted, the other refused with 409', async () => {
    const [first, second] = await Promise.all([
      h.as(owner.token).post('/api/v1/insights/runs', {}),
      h.as(hostile.token).post('/api/v1/insights/runs', {}),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([202, 409]);
    const accepted = first.status === 202 ? first : second;
    const refused = first.status === 202 ? second : first;
    expect(accepted.body).toMatchObject({ status: 'running', trigger: 'manual' });
    expect(refused.body.error).toMatchObject({
      code: 'insights_refresh_running',
      details: { runId: accepted.body.id },
    });
    expect(await runningRows()).toHaveLength(1);

    // The in-process run (seed, CLI) is refused too while the job's run holds the claim.
    await expect(runInsightsRefresh(h.ctx, { trigger: 'seed' })).rejects.toMatchObject({
      code: 'insights_refresh_running',
    });

    // The queued job adopts the claimed run and finishes it.
    await (await insightsRefreshJob.handler())({ runId: accepted.body.id, trigger: 'manual' });
    const runs = (await h.as(sales.token).get('/api/v1/insights/runs')).body;
    expect(runs.data[0]).toMatchObject({ id: accepted.body.id, status: 'done' });
    expect(runs.data[0].stats).toMatchObject({ nodes: 3, edges: 3, communitiesKept: 1 });
    expect(await runningRows()).toHaveLength(0);
  });

  test('claims racing at the database leave exactly one running row', async () => {
    const claims = await Promise.all(Array.from({ length: 5 }, () => claimRun(h.ctx.db, 'manual')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await runningRows()).toHaveLength(1);
    await h.ctx.db.execute(
      sql`UPDATE insights_run SET status = 'failed', finished_at = now() WHERE status = 'running'`,
    );
  });

  test('a running row without a heartbeat for 10 minutes is marked failed and a new run proceeds', async () => {
    const stale = await claimRun(h.ctx.db, 'nightly');
    await h.ctx.db.execute(
      sql`UPDATE insights_run SET heartbeat_at = now() - interval '11 minutes' WHERE id = ${stale!.id}`,
    );
    const run = await runInsightsRefresh(h.ctx, { trigger: 'manual' });
    expect(run.status).toBe('done');
    const [old] = rowsOf<{ status: string; failure: string }>(
      await h.ctx.db.execute(sql`SELECT status, failure FROM insights_run WHERE id = ${stale!.id}`),
    );
    expect(old).toMatchObject({ status: 'failed' });
    expect(old!.failure).toMatch(/heartbeat/);
  });

  test(`communities are kept for the last ${KEPT_DONE_RUNS} done runs`, async () => {
    for (let i = 0; i < KEPT_DONE_RUNS + 1; i++) await runInsightsRefresh(h.ctx, { trigger: 'manual' });
    const [{ runs }] = rowsOf<{ runs: number }>(
      await h.ctx.db.execute(sql`SELECT count(DISTINCT run_id)::int AS runs FROM graph_community`),
    ) as [{ runs: number }];
    expect(runs).toBe(KEPT_DONE_RUNS);
  });

  test('roles: members without insights.refresh cannot start one; bad queries are 400', async () => {
    const refused = await h.as(sales.token).post('/api/v1/insights/runs', {});
    expect(refused.status).toBe(403);
    expect((await h.as(sales.token).get('/api/v1/insights/runs?status=done')).status).toBe(400);
    expect((await h.as(null).get('/api/v1/insights/runs')).status).toBe(401);
    const page = (await h.as(owner.token).get('/api/v1/insights/runs?limit=2')).body;
    expect(page.data).toHaveLength(2);
    const next = (await h.as(owner.token).get(`/api/v1/insights/runs?limit=2&cursor=${page.nextCursor}`))
      .body;
    expect(next.data[0].id < page.data[1].id).toBe(true);
  });
});
