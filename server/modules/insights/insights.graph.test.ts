import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import {
  addProfile,
  graphDeal,
  graphEcosystem,
  graphOrg,
  graphPartnership,
  graphSharedAccounts,
} from './insights.graph.fixtures.ts';
import { edgeTypesOf, loadGraph, mergePairs } from './insights.graph.repo.ts';
import { runInsightsRefresh } from './insights.refresh.ts';

let h: TestApp;
afterAll(() => h?.close());

/** The loaded graph as "name–name: types" lines. */
async function edgeLines(names: Map<string, string>) {
  const graph = await loadGraph(h.ctx.db);
  const lines: string[] = [];
  for (let i = 0; i < graph.src.length; i++) {
    const a = names.get(graph.orgIds[graph.src[i]!]!);
    const b = names.get(graph.orgIds[graph.dst[i]!]!);
    if (a && b) lines.push(`${[a, b].sort().join('–')}: ${edgeTypesOf(graph.types[i]!).join(',')}`);
  }
  return lines.sort();
}

describe('merging edge rows per pair', () => {
  test('rows of one pair in either direction become one edge: weights summed, types joined, grouped by source', () => {
    const rows = {
      length: 5,
      a: Uint32Array.from([2, 0, 1, 3, 0]),
      b: Uint32Array.from([0, 1, 0, 2, 2]),
      types: Uint8Array.from([1, 1, 2, 4, 8]),
      weight: Float64Array.from([3, 3, 1.5, 0.5, 2]),
    };
    const merged = mergePairs(4, rows);
    const edges = [...merged.src].map((s, i) => [s, merged.dst[i], merged.weight[i], merged.types[i]]);
    expect(edges).toEqual([
      [0, 2, 5, 9],
      [0, 1, 4.5, 3],
      [2, 3, 0.5, 4],
    ]);
  });
});

describe('graph build', () => {
  beforeAll(async () => {
    h = await createTestApp();
  });
  afterAll(() => h.close());

  test('only relations that may count make edges: live partnerships, deals, public ecosystems, mutually shared accounts', async () => {
    const db = h.ctx.db;
    const names = new Map<string, string>();
    const org = async (name: string) => {
      const id = await graphOrg(db, `${name} build`);
      names.set(id, name);
      return id;
    };
    const [a, b, c, d, e, f, g, x, y, z] = await Promise.all(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'x', 'y', 'z'].map(org),
    );
    await graphPartnership(db, a!, b!);
    await graphPartnership(db, a!, c!, 'ended');
    await graphPartnership(db, a!, d!, 'proposed');
    await graphPartnership(db, e!, f!, 'paused');
    await graphDeal(db, b!, c!, { status: 'lost', coSellers: [d!] });
    await graphEcosystem(db, a!, [e!, g!]);
    await graphEcosystem(db, a!, [x!, y!], 'members');
    await graphSharedAccounts(db, x!, z!, 12, { a: 'counts', b: 'overlap' });
    await graphSharedAccounts(db, y!, z!, 30, { a: 'full', b: 'hidden' });
    await graphSharedAccounts(db, f!, g!, 5, { a: 'counts', b: 'counts' }, { offlineListOfB: true });

    expect(await edgeLines(names)).toEqual([
      'a–b: partnership',
      'b–c: deal',
      'b–d: deal',
      'c–d: deal',
      'e–f: partnership',
      'e–g: ecosystem',
      'x–z: accounts',
    ]);
  });
});

describe('communities, hubs and the neighbourhood', () => {
  let me: TestMember;
  let sales: TestMember;
  let hostile: TestMember;
  const nordic: string[] = [];
  const german: string[] = [];
  let hiddenHub: string;

  beforeAll(async () => {
    h = await createTestApp();
    const db = h.ctx.db;
    me = await createOrg(h, 'Viewer Secure');
    sales = await addMember(h, me.orgId, 'sales');
    hostile = await createOrg(h, 'Hostile Networks');
    await addProfile(db, me.orgId, 'Viewer Secure', { countries: ['SE'], roles: ['msp'], listed: false });
    await addProfile(db, hostile.orgId, 'Hostile Networks', { countries: ['US'], roles: ['vendor'] });
    for (let i = 0; i < 6; i++)
      nordic.push(
        await graphOrg(db, `Nordic ${i}`, {
          countries: [i % 2 ? 'NO' : 'SE'],
          practices: ['security-operations'],
          roles: ['msp'],
        }),
      );
    hiddenHub = await graphOrg(db, 'German hub (unlisted)', {
      countries: ['DE'],
      roles: ['reseller'],
      listed: false,
    });
    german.push(hiddenHub);
    for (let i = 0; i < 5; i++)
      german.push(
        await graphOrg(db, `German ${i}`, { countries: ['DE'], technologies: ['sap'], roles: ['reseller'] }),
      );
    // Each cluster is dense; the unlisted German hub partners everyone in its cluster.
    for (const cluster of [nordic, german])
      for (let i = 0; i < cluster.length; i++)
        for (let j = i + 1; j < cluster.length; j++)
          if (i === 0 || (j - i) % 2 === 1) await graphPartnership(db, cluster[i]!, cluster[j]!);
    for (const n of nordic.slice(0, 4)) await graphPartnership(db, me.orgId, n);
    await graphDeal(db, nordic[1]!, nordic[2]!, { amountMinor: 50_000 });
    await graphDeal(db, nordic[1]!, german[3]!, { amountMinor: 150_000 });
    await graphEcosystem(db, nordic[0]!, [nordic[1]!, nordic[2]!]);
    // The hostile tenant is partnered with one German reseller only.
    await graphPartnership(db, hostile.orgId, german[2]!);
    await runInsightsRefresh(h.ctx, { trigger: 'manual' });
  });

  const communities = async (who: TestMember, query = '') =>
    (await h.as(who.token).get(`/api/v1/insights/communities${query}`)).body;

  test('two sub-ecosystems are found and named after their members’ listed profiles', async () => {
    const list = await communities(me);
    expect(list.run.id).toBeTruthy();
    const labels = list.data.map((c: { label: string }) => c.label).sort();
    expect(labels).toEqual(['Germany SAP resellers', 'Northern Europe security operations MSPs']);
    const mine = await communities(me, '?mine=true');
    expect(mine.data.map((c: { label: string }) => c.label)).toEqual([
      'Northern Europe security operations MSPs',
    ]);
    expect(mine.data[0]).toMatchObject({ size: 7, containsMe: true, savedEcosystemId: null });
    // One of the two won deals of Nordic members stayed inside (50,000 of 200,000).
    expect(mine.data[0].internalDealShare).toBeCloseTo(0.25);
    expect(mine.data[0].internalValue).toEqual({ amountMinor: 50_000, currency: 'EUR' });
  });

  test('hubs and members are only organizations with a listed profile (and the viewer)', async () => {
    const list = await communities(me);
    const germany = list.data.find((c: { label: string }) => c.label.startsWith('Germany'));
    const hubIds = germany.hubs.map((hub: { organizationId: string }) => hub.organizationId);
    expect(hubIds).not.toContain(hiddenHub);
    const detail = (await h.as(me.token).get(`/api/v1/insights/communities/${germany.id}`)).body;
    expect(detail.members.map((m: { organizationId: string }) => m.organizationId)).not.toContain(hiddenHub);
    expect(detail.graph.nodes.map((n: { id: string }) => n.id)).not.toContain(hiddenHub);

    const nordicCommunity = list.data.find((c: { containsMe: boolean }) => c.containsMe);
    const mineDetail = (await h.as(me.token).get(`/api/v1/insights/communities/${nordicCommunity.id}`)).body;
    expect(mineDetail.members.find((m: { me: boolean }) => m.me).organizationId).toBe(me.orgId);
    const hostileView = (await h.as(hostile.token).get(`/api/v1/insights/communities/${nordicCommunity.id}`))
      .body;
    expect(hostileView.community.containsMe).toBe(false);
    expect(hostileView.members.map((m: { organizationId: string }) => m.organizationId)).not.toContain(
      me.orgId,
    );
    expect(JSON.stringify(hostileView)).not.toContain('Viewer Secure');
  });

  test('a community graph shows public co-memberships and the viewer’s own edges, never others’ private ones', async () => {
    const list = await communities(me, '?mine=true');
    const detail = (await h.as(me.token).get(`/api/v1/insights/communities/${list.data[0].id}`)).body;
    for (const edge of detail.graph.edges) {
      if (edge.type !== 'ecosystem') expect([edge.source, edge.target]).toContain(me.orgId);
    }
    expect(detail.graph.edges.filter((e: { type: string }) => e.type === 'partnership')).toHaveLength(4);
    expect(detail.graph.edges.some((e: { type: string }) => e.type === 'ecosystem')).toBe(true);

    const hostileView = (await h.as(hostile.token).get(`/api/v1/insights/communities/${list.data[0].id}`))
      .body;
    expect(hostileView.graph.edges.every((e: { type: string }) => e.type === 'ecosystem')).toBe(true);
  });

  test('my neighbourhood holds only my own edges', async () => {
    const mine = (await h.as(me.token).get('/api/v1/insights/graph')).body;
    expect(mine.nodes[0]).toMatchObject({ id: me.orgId, me: true });
    expect(mine.nodes).toHaveLength(5);
    expect(mine.edges).toHaveLength(4);
    for (const edge of mine.edges) expect(edge.source).toBe(me.orgId);
    const theirs = (await h.as(hostile.token).get('/api/v1/insights/graph')).body;
    expect(theirs.nodes.map((n: { id: string }) => n.id).sort()).toEqual([german[2], hostile.orgId].sort());
    expect(JSON.stringify(theirs)).not.toContain(me.orgId);
  });

  test('saving a community makes an ecosystem of its listed members, once', async () => {
    const list = await communities(me, '?mine=true');
    const id = list.data[0].id;
    expect((await h.as(sales.token).post(`/api/v1/insights/communities/${id}/ecosystem`, {})).status).toBe(
      403,
    );
    const saved = await h
      .as(me.token)
      .post(`/api/v1/insights/communities/${id}/ecosystem`, { name: 'Nordic SOC' });
    expect(saved.status).toBe(201);
    const members = rowsOf<{ organization_id: string }>(
      await h.ctx.db.execute(sql`
        SELECT organization_id FROM ecosystem_member WHERE ecosystem_id = ${saved.body.ecosystemId} ORDER BY 1`),
    ).map((r) => r.organization_id);
    expect(members).toEqual([...nordic].sort());
    const again = await h.as(me.token).post(`/api/v1/insights/communities/${id}/ecosystem`, {});
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'community_saved',
      details: { ecosystemId: saved.body.ecosystemId },
    });
    expect((await communities(me, '?mine=true')).data[0].savedEcosystemId).toBe(saved.body.ecosystemId);
    const eco = await h.as(me.token).get(`/api/v1/ecosystems/${saved.body.ecosystemId}`);
    expect(eco.body).toMatchObject({ name: 'Nordic SOC', slug: saved.body.slug });
  });

  test('another tenant saving a community gets only its listed members, and learns no private ecosystem', async () => {
    const list = await communities(hostile);
    const germany = list.data.find((c: { label: string }) => c.label.startsWith('Germany'));
    const saved = await h.as(hostile.token).post(`/api/v1/insights/communities/${germany.id}/ecosystem`, {});
    expect(saved.status).toBe(201);
    const members = rowsOf<{ organization_id: string }>(
      await h.ctx.db.execute(
        sql`SELECT organization_id FROM ecosystem_member WHERE ecosystem_id = ${saved.body.ecosystemId}`,
      ),
    ).map((r) => r.organization_id);
    expect(members.sort()).toEqual(german.slice(1).sort());
    // The owner hides it: others no longer learn its id, from the list or from the 409.
    await h
      .as(hostile.token)
      .patch(`/api/v1/ecosystems/${saved.body.ecosystemId}`, { visibility: 'members' });
    const seen = (await communities(me)).data.find((c: { id: string }) => c.id === germany.id);
    expect(seen.savedEcosystemId).toBeNull();
    const again = await h.as(me.token).post(`/api/v1/insights/communities/${germany.id}/ecosystem`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.details).toBeUndefined();
    expect(
      (await communities(hostile)).data.find((c: { id: string }) => c.id === germany.id).savedEcosystemId,
    ).toBe(saved.body.ecosystemId);
  });

  test('bad input and unknown ids', async () => {
    expect((await h.as(me.token).get('/api/v1/insights/communities?sort=x')).status).toBe(400);
    expect((await h.as(me.token).get('/api/v1/insights/communities?cursor=nonsense')).status).toBe(400);
    expect((await h.as(me.token).get('/api/v1/insights/communities/no-such-id')).status).toBe(404);
    expect((await h.as(me.token).post('/api/v1/insights/communities/no-such-id/ecosystem', {})).status).toBe(
      404,
    );
    const page = await communities(me, '?limit=1');
    expect(page.data).toHaveLength(1);
    const next = await communities(me, `?limit=1&cursor=${page.nextCursor}`);
    expect(next.data[0].id).not.toBe(page.data[0].id);
    expect(next.nextCursor).toBeNull();
  });
});
