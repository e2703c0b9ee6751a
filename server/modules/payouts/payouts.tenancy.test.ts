import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { daysAgo, earn } from './payouts.fixtures.ts';

describe('payouts: tenants and roles', () => {
  let h: TestApp;
  let vendor: TestMember;
  let finance: TestMember;
  let partner: TestMember;
  let rival: TestMember;
  let stranger: TestMember;
  let payoutId: string;
  let statementId: string;
  let rivalStatementId: string;

  beforeAll(async () => {
    h = await createTestApp();
    vendor = await createOrg(h, 'Vendor');
    finance = await addMember(h, vendor.orgId, 'finance');
    partner = await createOrg(h, 'Partner');
    rival = await createOrg(h, 'Rival Partner');
    stranger = await createOrg(h, 'Stranger');
    await earn(h, vendor, partner, 1000);
    await earn(h, vendor, rival, 2000);
    // The stranger pays the partner too: the partner's earnings show both payers, nobody else's.
    await earn(h, stranger, partner, 333, { currency: 'USD', availableDaysAgo: -5 });
    const run = await h
      .as(finance.token)
      .post('/api/v1/payouts', { periodStart: daysAgo(30), periodEnd: daysAgo(0) });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    payoutId = run.body.id;
    const byPartner = (id: string) =>
      run.body.statements.find((s: { beneficiary: { id: string } }) => s.beneficiary.id === id).id;
    statementId = byPartner(partner.orgId);
    rivalStatementId = byPartner(rival.orgId);
  });
  afterAll(() => h?.close());

  test("another organization sees, exports and marks nothing of a payer's payouts (404)", async () => {
    const url = `/api/v1/payouts/${payoutId}`;
    for (const who of [stranger, partner]) {
      const as = h.as(who.token);
      expect((await as.get(url)).status).toBe(404);
      expect((await as.get(`${url}/export.csv`)).status).toBe(404);
      expect((await as.get(`${url}/statements/${statementId}`)).status).toBe(404);
      expect(
        (await as.post(`${url}/statements/${statementId}/paid`, { externalReference: 'X' })).status,
      ).toBe(404);
      expect((await as.post(`${url}/statements/${statementId}/failed`, { reason: 'X' })).status).toBe(404);
      expect((await as.get('/api/v1/payouts')).body.data).toEqual([]);
    }
    // A statement id under another payout id is not found either.
    const other = await h
      .as(stranger.token)
      .post('/api/v1/payouts', { periodStart: daysAgo(3), periodEnd: daysAgo(0) });
    expect(other.body.error.code).toBe('nothing_to_pay');
    expect(
      (await h.as(stranger.token).get(`/api/v1/payouts/${payoutId}/statements/${statementId}`)).status,
    ).toBe(404);
    // The payer's preview lists only its own partners.
    const preview = await h.as(stranger.token).get('/api/v1/payouts/payable');
    expect(preview.body.data.map((b: { partner: { id: string } }) => b.partner.id)).toEqual([partner.orgId]);
  });

  test('a partner sees only its own statements and earnings', async () => {
    const mine = await h.as(partner.token).get('/api/v1/earnings/statements');
    expect(mine.body.data.map((s: { id: string }) => s.id)).toEqual([statementId]);
    expect((await h.as(partner.token).get(`/api/v1/earnings/statements/${statementId}`)).status).toBe(200);
    expect((await h.as(partner.token).get(`/api/v1/earnings/statements/${rivalStatementId}`)).status).toBe(
      404,
    );
    expect((await h.as(stranger.token).get(`/api/v1/earnings/statements/${statementId}`)).status).toBe(404);
    // The payer does not read its statements through the partner's door.
    expect((await h.as(finance.token).get(`/api/v1/earnings/statements/${statementId}`)).status).toBe(404);

    const earnings = await h.as(partner.token).get('/api/v1/earnings');
    expect(
      earnings.body.balances.map((b: { vendor: { id: string }; currency: string }) => [
        b.vendor.id,
        b.currency,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [vendor.orgId, 'EUR'],
        [stranger.orgId, 'USD'],
      ]),
    );
    expect(earnings.body.balances).toHaveLength(2);
    expect(earnings.body.data).toHaveLength(2);
    const rivalView = await h.as(rival.token).get('/api/v1/earnings');
    expect(rivalView.body.balances).toEqual([
      expect.objectContaining({ vendor: expect.objectContaining({ id: vendor.orgId }), inPayoutMinor: 2000 }),
    ]);
    expect(
      (await h.as(partner.token).get(`/api/v1/earnings?vendorId=${stranger.orgId}`)).body.balances,
    ).toEqual([expect.objectContaining({ currency: 'USD', pendingMinor: 333 })]);
  });

  test('only finance, admins and owners run payouts and mark statements', async () => {
    const url = `/api/v1/payouts/${payoutId}/statements/${statementId}`;
    for (const role of ['member', 'sales', 'alliance_manager', 'cpo'] as const) {
      const m = await addMember(h, vendor.orgId, role);
      const as = h.as(m.token);
      expect(
        (await as.post('/api/v1/payouts', { periodStart: daysAgo(1), periodEnd: daysAgo(1) })).status,
      ).toBe(403);
      expect((await as.post(`${url}/paid`, { externalReference: 'X' })).status).toBe(403);
      expect((await as.post(`${url}/failed`, { reason: 'X' })).status).toBe(403);
    }
    // Reading is for the partner team and finance; sales and plain members see no money.
    for (const role of ['member', 'sales'] as const) {
      const m = await addMember(h, vendor.orgId, role);
      expect((await h.as(m.token).get('/api/v1/payouts')).status).toBe(403);
      expect((await h.as(m.token).get(`/api/v1/payouts/${payoutId}`)).status).toBe(403);
    }
    const am = await addMember(h, vendor.orgId, 'alliance_manager');
    expect((await h.as(am.token).get(`/api/v1/payouts/${payoutId}`)).status).toBe(200);
    const partnerSales = await addMember(h, partner.orgId, 'sales');
    expect((await h.as(partnerSales.token).get('/api/v1/earnings')).status).toBe(403);
    const admin = await addMember(h, vendor.orgId, 'admin');
    expect((await h.as(admin.token).post(`${url}/paid`, { externalReference: 'WIRE-1' })).status).toBe(200);
  });
});
