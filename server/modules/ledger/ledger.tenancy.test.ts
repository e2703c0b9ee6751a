import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, send, type TestApp } from '../../test/harness.ts';
import { enrollIn } from '../../test/programs-factories.ts';
import { entriesOf, referral, wonRegistration } from './ledger.fixtures.ts';

/** Every ledger endpoint against another organization, a weaker role and the partner's view. */
describe('ledger tenancy and roles', () => {
  let h: TestApp;
  let vendor: TestMember;
  let partner: TestMember;
  let partnerMember: TestMember;
  let vendorMember: TestMember;
  let vendorSales: TestMember;
  let hostile: TestMember;
  let partnership: string;
  let dealId: string;
  let entryId: string;
  let rateId: string;

  beforeAll(async () => {
    h = await createTestApp();
    vendor = await createOrg(h, 'Tenant Vendor');
    partner = await createOrg(h, 'Tenant Partner');
    partnerMember = await addMember(h, partner.orgId, 'member');
    vendorMember = await addMember(h, vendor.orgId, 'member');
    vendorSales = await addMember(h, vendor.orgId, 'sales');
    hostile = await createOrg(h, 'Hostile Org');
    partnership = await partnerUp(h, partner, vendor);
    await enrollIn(h, vendor, partner, { rules: [{ kind: 'percentage', event: 'deal_won', rateBp: 1000 }] });
    dealId = await wonRegistration(h, partner, vendor);
    entryId = (await entriesOf(h, dealId))[0]!.id;
    rateId = (
      await h
        .as(vendor.token)
        .post('/api/v1/fx-rates', { base: 'EUR', quote: 'USD', rateDate: '2026-01-01', rate: '1.1' })
    ).body.id;
    // The vendor also earns a P2P fee from the partner: the partner pays it.
    await h.as(partner.token).put(`/api/v1/partnerships/${partnership}/referral-fee`, { rateBp: 300 });
    await referral(h, vendor, partner, ['accepted', 'won']);
  });
  afterAll(() => h?.close());

  test('another organization gets 404 for every object-scoped endpoint and sees none of the pair’s money', async () => {
    const as = h.as(hostile.token);
    for (const res of [
      await as.get(`/api/v1/ledger/entries/${entryId}`),
      await as.post(`/api/v1/deals/${dealId}/clawback`, { reason: 'Mine now' }),
      await as.delete(`/api/v1/fx-rates/${rateId}`),
      await as.get(`/api/v1/partnerships/${partnership}/referral-fee`),
      await as.put(`/api/v1/partnerships/${partnership}/referral-fee`, { rateBp: 1 }),
      await as.get(`/api/v1/partnerships/${partnership}/netting`),
      await as.post(`/api/v1/partnerships/${partnership}/netting/settle`, {
        periodStart: '2026-01-01',
        periodEnd: '2026-01-31',
      }),
    ])
      expect(res.status, JSON.stringify(res.body)).toBe(404);
    expect((await as.get('/api/v1/ledger/entries')).body.data).toEqual([]);
    expect((await as.get(`/api/v1/ledger/entries?dealId=${dealId}`)).body.data).toEqual([]);
    expect((await as.get(`/api/v1/ledger/entries?counterpartyId=${partner.orgId}`)).body.data).toEqual([]);
    expect((await as.get('/api/v1/fx-rates')).body.data).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const report = await as.get(`/api/v1/ledger/report?from=2026-01-01&to=${today}`);
    expect(report.body.asPayer.byCurrency).toEqual([]);
    expect(report.body.asBeneficiary.byCurrency).toEqual([]);
    // Edits stay refused whoever asks.
    expect((await as.delete(`/api/v1/ledger/entries/${entryId}`)).status).toBe(405);
  });

  test('a partner sees only what it earns from the vendor, and what it owes itself', async () => {
    const earned = await h.as(partner.token).get('/api/v1/ledger/entries?side=beneficiary');
    expect(earned.body.data.length).toBeGreaterThan(0);
    expect(
      earned.body.data.every((e: { beneficiary: { id: string } }) => e.beneficiary.id === partner.orgId),
    ).toBe(true);
    const all = await h.as(partner.token).get('/api/v1/ledger/entries');
    for (const e of all.body.data) expect([e.payer.id, e.beneficiary.id]).toContain(partner.orgId);
    // The vendor's own settings and rates are not the partner's.
    expect((await h.as(partner.token).get('/api/v1/fx-rates')).body.data).toEqual([]);
  });

  test('members and sales may not read money; only owners, admins and finance write it', async () => {
    for (const who of [vendorMember, vendorSales, partnerMember]) {
      const as = h.as(who.token);
      expect((await as.get('/api/v1/ledger/entries')).status).toBe(403);
      expect((await as.get('/api/v1/money/settings')).status).toBe(403);
      expect((await as.get('/api/v1/fx-rates')).status).toBe(403);
      expect((await as.get('/api/v1/ledger/report?from=2026-01-01&to=2026-01-31')).status).toBe(403);
      expect((await as.get(`/api/v1/partnerships/${partnership}/netting`)).status).toBe(403);
      expect((await as.get(`/api/v1/partnerships/${partnership}/referral-fee`)).status).toBe(403);
    }
    const member = h.as(vendorMember.token);
    for (const res of [
      await member.post(`/api/v1/deals/${dealId}/clawback`, { reason: 'Refund' }),
      await member.patch('/api/v1/money/settings', { reportingCurrency: 'USD' }),
      await member.post('/api/v1/fx-rates', {
        base: 'EUR',
        quote: 'GBP',
        rateDate: '2026-01-01',
        rate: '0.8',
      }),
      await member.delete(`/api/v1/fx-rates/${rateId}`),
      await member.put(`/api/v1/partnerships/${partnership}/referral-fee`, { rateBp: 1 }),
      await member.post(`/api/v1/partnerships/${partnership}/netting/settle`, {
        periodStart: '2026-01-01',
        periodEnd: '2026-01-31',
      }),
      await send(h.app, {
        method: 'POST',
        url: '/api/v1/fx-rates/import',
        headers: { authorization: `Bearer ${vendorMember.token}`, 'content-type': 'text/csv' },
        payload: 'base,quote,date,rate\nEUR,GBP,2026-01-01,0.8',
      }),
    ])
      expect(res.status, JSON.stringify(res.body)).toBe(403);
    // Nothing was touched.
    expect((await entriesOf(h, dealId)).length).toBe(1);
    expect((await h.as(vendor.token).get('/api/v1/money/settings')).body.reportingCurrency).toBe('EUR');
  });
});
