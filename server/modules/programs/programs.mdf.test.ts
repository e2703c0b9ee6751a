import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ledgerEntry, ledgerLine } from '../../db/schema/index.ts';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { enroll, publishedProgram } from './programs.testing.ts';

const DAY = 86_400_000;

describe('MDF requests', () => {
  let h: TestApp;
  let vendor: TestMember;
  let vendorFinance: TestMember;
  let partner: TestMember;
  let outsider: TestMember;
  let enrollmentId: string;

  beforeAll(async () => {
    h = await createTestApp();
    vendor = await createOrg(h, 'MDF Vendor');
    vendorFinance = await addMember(h, vendor.orgId, 'finance');
    partner = await createOrg(h, 'MDF Partner');
    outsider = await createOrg(h, 'MDF Outsider');
    const { id, tiers } = await publishedProgram(h, vendor, { holdingDays: 10 });
    // Started at Gold (budget EUR 1,000): below its numbers, but inside the grace period.
    enrollmentId = await enroll(h, vendor, partner, id, { tierId: tiers[2]!.id });
  });
  afterAll(() => h?.close());

  const request = (amountMinor: number, title = 'Webinar') =>
    h.as(partner.token).post('/api/v1/mdf', { enrollmentId, title, amountMinor });
  const act = (who: TestMember, id: string, action: string, body: object = {}) =>
    h.as(who.token).post(`/api/v1/mdf/${id}/${action}`, body);

  test('request → approve → claim → approve claim posts exactly one mdf ledger entry; twice is a 409', async () => {
    const view = await h.as(partner.token).get(`/api/v1/enrollments/${enrollmentId}`);
    expect(view.body.tier.name).toBe('Gold');
    expect(view.body.mdf).toMatchObject({ budgetMinor: 100_000, usedMinor: 0, currency: 'EUR' });

    const asked = await request(60_000, 'Trade fair booth');
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({
      status: 'requested',
      side: 'partner',
      amount: { amountMinor: 60_000, currency: 'EUR' },
      budgetYear: new Date().getUTCFullYear(),
    });
    const id = asked.body.id;
    expect((await h.as(vendor.token).get('/api/v1/notifications')).body.data[0].title).toBe(
      'MDF Partner asks for EUR 600 of MDF: Trade fair booth',
    );
    // Sides and roles: the partner cannot approve, the vendor cannot claim.
    expect((await act(partner, id, 'approve')).status).toBe(403);
    expect((await act(vendor, id, 'claim', { proof: 'x' })).status).toBe(403);
    expect((await act(vendor, id, 'claim-later')).status).toBe(400);
    // Claiming before approval is out of order.
    expect((await act(partner, id, 'claim', { proof: 'https://example.com/photos' })).status).toBe(409);

    const approved = await act(vendorFinance, id, 'approve');
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect((await act(partner, id, 'claim')).status).toBe(400);
    const claimed = await act(partner, id, 'claim', { proof: 'https://example.com/photos' });
    expect(claimed.body).toMatchObject({ status: 'claimed', proof: 'https://example.com/photos' });

    const before = Date.now();
    const paid = await act(vendor, id, 'approve-claim');
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.status).toBe('claim_approved');
    const entries = await h.ctx.db.select().from(ledgerEntry).where(eq(ledgerEntry.sourceId, id));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      organizationId: vendor.orgId,
      beneficiaryId: partner.orgId,
      kind: 'mdf',
      sourceType: 'mdf_request',
      amountMinor: 60_000,
      currency: 'EUR',
      description: 'MDF: Trade fair booth',
    });
    const hold = entries[0]!.availableAt.getTime() - entries[0]!.earnedAt.getTime();
    expect(hold).toBe(10 * DAY);
    expect(entries[0]!.earnedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const lines = await h.ctx.db.select().from(ledgerLine).where(eq(ledgerLine.entryId, entries[0]!.id));
    expect(lines.reduce((n, l) => n + l.amountMinor, 0)).toBe(0);

    const again = await act(vendor, id, 'approve-claim');
    expect(again.status).toBe(409);
    expect(again.body.error.details.status).toBe('claim_approved');
    expect(await h.ctx.db.select().from(ledgerEntry).where(eq(ledgerEntry.sourceId, id))).toHaveLength(1);
    const partnerView = await h.as(partner.token).get(`/api/v1/mdf/${id}`);
    expect(partnerView.body.status).toBe('claim_approved');
  });

  test("over the tier's yearly budget is a 409 at request and at approval; rejections need a reason", async () => {
    // EUR 600 of 1,000 is used by the paid claim above.
    const tooMuch = await request(50_000);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('over_budget');
    expect(tooMuch.body.error.details).toMatchObject({ budgetMinor: 100_000, usedMinor: 60_000 });
    expect(tooMuch.body.error.message).toContain('EUR 400 is left');

    // Two requests that each fit, but not together: the second approval is refused.
    const a = await request(30_000, 'Ads');
    const b = await request(30_000, 'Mailing');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await act(vendor, a.body.id, 'approve')).status).toBe(200);
    const second = await act(vendor, b.body.id, 'approve');
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('over_budget');
    expect((await h.as(vendor.token).get(`/api/v1/mdf/${b.body.id}`)).body.status).toBe('requested');

    expect((await act(vendor, b.body.id, 'reject')).status).toBe(400);
    const rejected = await act(vendor, b.body.id, 'reject', { reason: 'Budget is spent' });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Budget is spent' });
    await act(partner, a.body.id, 'claim', { proof: 'Invoice 42' });
    const claimRejected = await act(vendor, a.body.id, 'reject-claim', { reason: 'No invoice attached' });
    expect(claimRejected.body.status).toBe('claim_rejected');
    expect(await h.ctx.db.select().from(ledgerEntry).where(eq(ledgerEntry.sourceId, a.body.id))).toEqual([]);

    const view = await h.as(vendor.token).get(`/api/v1/enrollments/${enrollmentId}`);
    expect(view.body.mdf.usedMinor).toBe(60_000);
    const list = await h.as(vendor.token).get('/api/v1/mdf?side=vendor&status=rejected');
    expect(list.body.data.map((m: { id: string }) => m.id)).toEqual([b.body.id]);
  });

  test('others see nothing; only the enrolled partner requests', async () => {
    const [first] = (await h.as(partner.token).get('/api/v1/mdf')).body.data;
    expect((await h.as(outsider.token).get(`/api/v1/mdf/${first.id}`)).status).toBe(404);
    expect((await act(outsider, first.id, 'approve')).status).toBe(404);
    expect((await h.as(outsider.token).get('/api/v1/mdf')).body.data).toEqual([]);
    const foreign = await h
      .as(outsider.token)
      .post('/api/v1/mdf', { enrollmentId, title: 'Mine', amountMinor: 100 });
    expect(foreign.status).toBe(404);
    const byVendor = await h
      .as(vendor.token)
      .post('/api/v1/mdf', { enrollmentId, title: 'Mine', amountMinor: 100 });
    expect(byVendor.status).toBe(403);
    const partnerSales = await addMember(h, partner.orgId, 'sales');
    expect((await h.as(partnerSales.token).get('/api/v1/mdf')).status).toBe(403);
  });
});
