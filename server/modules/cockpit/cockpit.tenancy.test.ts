// A hostile tenant against every cockpit endpoint: it sees its own (empty) numbers, never the
// vendor's, and the vendor's ids are 404 — the same answer as ids that do not exist.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { type CockpitFixture, cockpitFixture } from './cockpit.fixtures.ts';

describe('cockpit: tenants', () => {
  let h: TestApp;
  let f: CockpitFixture;
  let hostile: TestMember;
  let hostileAm: TestMember;
  const PERIOD = 'from=2025-01-01&to=2025-06-30';
  const secrets = () => ['Anna AM', 'Ben AM', 'Cara AM', 'Partner A', 'Calc Partners', 'Resell', 'Gold'];

  beforeAll(async () => {
    h = await createTestApp();
    f = await cockpitFixture(h);
    hostile = await createOrg(h, 'Hostile Inc');
    hostileAm = await addMember(h, hostile.orgId, 'alliance_manager', 'Hostile AM');
    // Partnered with one of the vendor's partners: still nothing of the vendor's shows.
    await partnerUp(h, hostile, f.a);
    expect(
      (await h.as(f.finance.token).put('/api/v1/cockpit/settings', { directCostOfSaleBps: 1200 })).status,
    ).toBe(200);
  });
  afterAll(() => h?.close());

  const clean = (body: unknown) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    for (const s of secrets()) expect(text).not.toContain(s);
  };

  test('GET /cockpit: its own numbers only', async () => {
    for (const who of [hostile, hostileAm]) {
      const res = await h.as(who.token).get(`/api/v1/cockpit?${PERIOD}`);
      expect(res.status).toBe(200);
      expect(res.body.kpis.partnerSourced.revenue.amountMinor).toBe(0);
      expect(res.body.kpis.costOfIndirect.total.amountMinor).toBe(0);
      clean(res.body);
    }
  });

  test('GET /cockpit and its export with the vendor’s program, tier or alliance manager: 404', async () => {
    for (const path of ['/api/v1/cockpit', '/api/v1/cockpit/export.csv'])
      for (const q of [
        `programId=${f.programId}`,
        `tierId=${f.goldTierId}`,
        `allianceManagerId=${f.anna.userId}`,
      ]) {
        const res = await h.as(hostile.token).get(`${path}?${q}`);
        expect(res.status, `${path}?${q}`).toBe(404);
        clean(res.body);
      }
  });

  test('GET /cockpit/export.csv: its own numbers only', async () => {
    const res = await h.as(hostile.token).get(`/api/v1/cockpit/export.csv?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain('kpi,partner_sourced_revenue,,0.00,EUR');
    clean(res.body);
  });

  test('GET and PUT /cockpit/settings: each organization its own', async () => {
    expect((await h.as(hostile.token).get('/api/v1/cockpit/settings')).body.directCostOfSaleBps).toBe(1500);
    expect(
      (await h.as(hostile.token).put('/api/v1/cockpit/settings', { directCostOfSaleBps: 500 })).status,
    ).toBe(200);
    expect((await h.as(f.cpo.token).get('/api/v1/cockpit/settings')).body.directCostOfSaleBps).toBe(1200);
    expect((await h.as(hostile.token).get('/api/v1/cockpit/settings')).body.directCostOfSaleBps).toBe(500);
  });

  test('GET /cockpit/alliance-manager: another organization’s person is a 404', async () => {
    for (const user of [f.anna, f.cpo]) {
      const res = await h.as(hostile.token).get(`/api/v1/cockpit/alliance-manager?userId=${user.userId}`);
      expect(res.status).toBe(404);
      clean(res.body);
    }
    const own = await h.as(hostileAm.token).get('/api/v1/cockpit/alliance-manager');
    expect(own.status).toBe(200);
    clean(own.body);
  });

  test('the vendor’s alliance manager cannot reach into the hostile tenant either', async () => {
    const res = await h.as(f.anna.token).get(`/api/v1/cockpit?allianceManagerId=${hostileAm.userId}`);
    expect(res.status).toBe(404);
  });

  test('without a token: 401 everywhere', async () => {
    for (const path of [
      '/api/v1/cockpit',
      '/api/v1/cockpit/export.csv',
      '/api/v1/cockpit/settings',
      '/api/v1/cockpit/alliance-manager',
    ])
      expect((await h.as(null).get(path)).status).toBe(401);
    expect((await h.as(null).put('/api/v1/cockpit/settings', { directCostOfSaleBps: 1 })).status).toBe(401);
  });
});
