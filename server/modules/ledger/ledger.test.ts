import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ledgerEntry, ledgerLine } from '../../db/schema/index.ts';
import { addMember, createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { enrollIn } from '../../test/programs-factories.ts';
import { postMissedCommissions } from './ledger.commissions.ts';
import { entriesOf, post, referral, wonRegistration } from './ledger.fixtures.ts';

const DAY = 86_400_000;

describe('ledger', () => {
  let h: TestApp;
  let vendor: TestMember;
  let finance: TestMember;
  let vendorMember: TestMember;
  let partner: TestMember;
  let partnerMember: TestMember;
  let outsider: TestMember;
  let program: Awaited<ReturnType<typeof enrollIn>>;

  beforeAll(async () => {
    h = await createTestApp();
    vendor = await createOrg(h, 'Northwind Cloud');
    finance = await addMember(h, vendor.orgId, 'finance');
    vendorMember = await addMember(h, vendor.orgId, 'member');
    partner = await createOrg(h, 'Contoso Reseller');
    partnerMember = await addMember(h, partner.orgId, 'member');
    outsider = await createOrg(h, 'Outsider Ltd');
    await partnerUp(h, partner, vendor);
    program = await enrollIn(h, vendor, partner, {
      holdingDays: 30,
      tiers: [{ name: 'Silver' }, { name: 'Gold' }],
      atTier: 1,
      rules: [
        { kind: 'percentage', event: 'deal_won', rateBp: 1000 },
        { kind: 'percentage', event: 'deal_won', rateBp: 500, tier: 2 }, // Gold only: not paid
        { kind: 'flat', event: 'deal_won', amountMinor: 5_000, dealKind: 'registration' },
        { kind: 'flat', event: 'deal_won', amountMinor: 7_000, dealKind: 'referral' }, // not a registration
        { kind: 'recurring', event: 'deal_won', rateBp: 200, months: 3 },
      ],
    });
  });
  afterAll(() => h?.close());

  test('a won registration earns the rules of the partner’s tier; posting again changes nothing', async () => {
    // Moving the deal to won posts its commissions in the same transaction.
    const dealId = await wonRegistration(h, partner, vendor, {
      amountMinor: 1_000_000,
      wonAmountMinor: 1_234_565,
    });
    const posted = await entriesOf(h, dealId);
    expect(posted.map((e) => [e.kind, e.amountMinor, e.currency]).sort()).toEqual([
      ['commission', 123_456, 'EUR'], // 10 % of 12,345.65 = 1,234.565 → 1,234.56 (half even)
      ['commission', 5_000, 'EUR'],
    ]);
    for (const e of posted) {
      expect(e).toMatchObject({
        organizationId: vendor.orgId,
        beneficiaryId: partner.orgId,
        sourceType: 'deal.deal_won',
        sourceId: dealId,
        dealId,
        programId: program.programId,
      });
      expect(e.availableAt.getTime() - e.earnedAt.getTime()).toBe(30 * DAY);
    }
    expect(await post(h, dealId, 'deal_won')).toEqual([]);
    expect(await entriesOf(h, dealId)).toHaveLength(2);

    // The partner sees what it earns, pending for the holding period; the vendor what it owes.
    const earned = await h.as(partner.token).get(`/api/v1/ledger/entries?side=beneficiary&dealId=${dealId}`);
    expect(earned.status).toBe(200);
    expect(earned.body.data).toHaveLength(2);
    expect(earned.body.data[0]).toMatchObject({
      mySide: 'beneficiary',
      payer: { id: vendor.orgId, name: 'Northwind Cloud' },
      pending: true,
      reversedByEntryId: null,
    });
    expect(
      (await h.as(partner.token).get(`/api/v1/ledger/entries?side=payer&dealId=${dealId}`)).body.data,
    ).toEqual([]);
    const owed = await h
      .as(finance.token)
      .get(`/api/v1/ledger/entries?side=payer&counterpartyId=${partner.orgId}`);
    expect(owed.body.data.map((e: { dealId: string }) => e.dealId)).toContain(dealId);

    const detail = await h.as(partner.token).get(`/api/v1/ledger/entries/${posted[0]!.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.lines).toHaveLength(2);
    expect(detail.body.lines.reduce((n: number, l: { amountMinor: number }) => n + l.amountMinor, 0)).toBe(0);
    expect(detail.body.reversal).toBeNull();
  });

  test('the entry list pages newest first', async () => {
    const first = await h.as(partner.token).get('/api/v1/ledger/entries?limit=1');
    expect(first.body.data).toHaveLength(1);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await h
      .as(partner.token)
      .get(`/api/v1/ledger/entries?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.data[0].id < first.body.data[0].id).toBe(true);
  });

  test('a subscription deal pays the recurring rule month by month; a one-off deal does not', async () => {
    const subscription = await wonRegistration(h, partner, vendor, {
      amountMinor: 100_000,
      subscription: true,
    });
    const posted = await entriesOf(h, subscription);
    const monthly = posted.filter((e) => e.ruleId === program.ruleIds[4]).sort((a, b) => a.seq - b.seq);
    expect(monthly.map((e) => [e.seq, e.amountMinor])).toEqual([
      [0, 2_000],
      [1, 2_000],
      [2, 2_000],
    ]);
    const [m0, m1, m2] = monthly.map((e) => e.earnedAt);
    expect(m1!.getUTCMonth()).toBe((m0!.getUTCMonth() + 1) % 12);
    expect(m2!.getUTCMonth()).toBe((m0!.getUTCMonth() + 2) % 12);
    expect(monthly[2]!.availableAt.getTime() - m2!.getTime()).toBe(30 * DAY);

    const oneOff = await wonRegistration(h, partner, vendor, { amountMinor: 100_000 });
    expect((await entriesOf(h, oneOff)).map((e) => e.amountMinor).sort()).toEqual([10_000, 5_000].sort());
  });

  test('referral events: per lead on accept, flat in the program currency and a percentage of the amount on qualify', async () => {
    const sender = await createOrg(h, 'Referring Agent');
    await partnerUp(h, sender, vendor, ['refers']);
    await enrollIn(h, vendor, sender, {
      currency: 'USD',
      holdingDays: 0,
      rules: [
        { kind: 'per_lead', event: 'lead_accepted', amountMinor: 2_500 },
        { kind: 'flat', event: 'referral_qualified', amountMinor: 10_000 },
        { kind: 'percentage', event: 'referral_qualified', rateBp: 150 },
      ],
    });
    const id = await referral(h, sender, vendor, ['accepted', 'qualified'], { amountMinor: 333_333 });
    const all = await entriesOf(h, id);
    const accepted = all.filter((e) => e.sourceType === 'deal.lead_accepted');
    expect(accepted.map((e) => [e.amountMinor, e.currency])).toEqual([[2_500, 'USD']]);
    const qualified = all.filter((e) => e.sourceType === 'deal.referral_qualified');
    expect(qualified.map((e) => [e.amountMinor, e.currency]).sort()).toEqual([
      [10_000, 'USD'],
      [5_000, 'EUR'], // 1.5 % of 3,333.33 = 49.99995 → 50.00
    ]);
    expect(all).toHaveLength(3);
    // Posting again, or for a win that did not happen, adds nothing.
    expect(await post(h, id, 'lead_accepted')).toEqual([]);
    expect(await post(h, id, 'referral_qualified')).toEqual([]);
    expect(await post(h, id, 'deal_won')).toEqual([]);
  });

  test('no programme and no fee term: a won referral posts nothing', async () => {
    const [a, b] = [await createOrg(h, 'Loner A'), await createOrg(h, 'Loner B')];
    await partnerUp(h, a, b, ['refers']);
    const id = await referral(h, a, b, ['accepted', 'won']);
    expect(await entriesOf(h, id)).toEqual([]);
    expect(await post(h, id, 'deal_won')).toEqual([]);
  });

  test('a clawback by the payer reverses every unreversed earning of the deal and tells the partner', async () => {
    const dealId = await wonRegistration(h, partner, vendor, { amountMinor: 400_000 });
    const posted = await entriesOf(h, dealId);
    expect(posted.length).toBeGreaterThan(0);

    // A member may not, the partner owes nothing on it, an outsider does not see the deal.
    expect(
      (await h.as(vendorMember.token).post(`/api/v1/deals/${dealId}/clawback`, { reason: 'Refund' })).status,
    ).toBe(403);
    const byPartner = await h
      .as(partner.token)
      .post(`/api/v1/deals/${dealId}/clawback`, { reason: 'Refund' });
    expect(byPartner.status).toBe(409);
    expect(byPartner.body.error.code).toBe('nothing_to_pay');
    expect(
      (await h.as(outsider.token).post(`/api/v1/deals/${dealId}/clawback`, { reason: 'Refund' })).status,
    ).toBe(404);

    const res = await h
      .as(finance.token)
      .post(`/api/v1/deals/${dealId}/clawback`, { reason: 'Customer refunded' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toHaveLength(posted.length);
    for (const r of res.body.data) {
      const original = posted.find((e) => e.id === r.reversesEntryId)!;
      expect(r).toMatchObject({
        kind: 'reversal',
        amount: { amountMinor: -original.amountMinor, currency: original.currency },
        mySide: 'payer',
      });
      expect(new Date(r.availableAt).getTime()).toBe(original.availableAt.getTime());
    }
    const all = await entriesOf(h, dealId);
    expect(all.reduce((n, e) => n + e.amountMinor, 0)).toBe(0);

    const detail = await h.as(partner.token).get(`/api/v1/ledger/entries/${posted[0]!.id}`);
    expect(detail.body.reversal).toMatchObject({ kind: 'reversal', reversesEntryId: posted[0]!.id });
    expect(detail.body.reversedByEntryId).toBe(detail.body.reversal.id);

    const bell = await h.as(partner.token).get('/api/v1/notifications?limit=1');
    expect(bell.body.data[0].title).toMatch(/^Northwind Cloud clawed back €/);
    expect(bell.body.data[0].body).toContain('Customer refunded');

    const again = await h.as(finance.token).post(`/api/v1/deals/${dealId}/clawback`, { reason: 'Again' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('nothing_to_pay');
    const audit = await h.as(vendor.token).get('/api/v1/audit-log?action=ledger.clawback');
    expect(audit.body.data[0]).toMatchObject({ action: 'ledger.clawback', targetId: dealId });
  });

  test('entries are never edited or deleted: 405 through the API, refused by the database', async () => {
    const [entry] = (await h.as(partner.token).get('/api/v1/ledger/entries?limit=1')).body.data;
    for (const res of [
      await h.as(vendor.token).patch(`/api/v1/ledger/entries/${entry.id}`, { amountMinor: 1 }),
      await h.as(vendor.token).put(`/api/v1/ledger/entries/${entry.id}`, { amountMinor: 1 }),
      await h.as(vendor.token).delete(`/api/v1/ledger/entries/${entry.id}`),
    ]) {
      expect(res.status).toBe(405);
      expect(res.body.error).toEqual({
        code: 'ledger_immutable',
        message: 'Ledger entries are never edited or deleted; post a reversal (clawback) instead',
      });
    }
    await expect(
      h.ctx.db.update(ledgerEntry).set({ amountMinor: 1 }).where(eq(ledgerEntry.id, entry.id)),
    ).rejects.toThrow();
    await expect(h.ctx.db.delete(ledgerEntry).where(eq(ledgerEntry.id, entry.id))).rejects.toThrow();
    await expect(
      h.ctx.db.update(ledgerLine).set({ amountMinor: 1 }).where(eq(ledgerLine.entryId, entry.id)),
    ).rejects.toThrow();
    await expect(h.ctx.db.execute(sql`truncate ledger_line`)).rejects.toThrow();
    const still = await h.as(partner.token).get(`/api/v1/ledger/entries/${entry.id}`);
    expect(still.body.amount).toEqual(entry.amount);
  });

  test('money settings: defaults, changes by finance, clear 400s, members refused', async () => {
    const fresh = await h.as(outsider.token).get('/api/v1/money/settings');
    expect(fresh.body).toEqual({ reportingCurrency: 'EUR', payoutMinimums: {}, updatedAt: null });
    const saved = await h.as(finance.token).patch('/api/v1/money/settings', {
      reportingCurrency: 'sek',
      payoutMinimums: { EUR: 5_000, JPY: 1_000 },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      reportingCurrency: 'SEK',
      payoutMinimums: { EUR: 5_000, JPY: 1_000 },
    });
    const partial = await h.as(finance.token).patch('/api/v1/money/settings', { reportingCurrency: 'EUR' });
    expect(partial.body.payoutMinimums).toEqual({ EUR: 5_000, JPY: 1_000 });

    const unknown = await h.as(finance.token).patch('/api/v1/money/settings', { payoutMinimums: { XYZ: 1 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('XYZ');
    expect(
      (await h.as(finance.token).patch('/api/v1/money/settings', { reportingCurrency: 'EURO' })).status,
    ).toBe(400);
    expect(
      (await h.as(finance.token).patch('/api/v1/money/settings', { payoutMinimums: { EUR: -1 } })).status,
    ).toBe(400);
    expect(
      (await h.as(finance.token).patch('/api/v1/money/settings', { payoutMinimums: { EUR: 1.5 } })).status,
    ).toBe(400);
    expect(
      (await h.as(vendorMember.token).patch('/api/v1/money/settings', { reportingCurrency: 'USD' })).status,
    ).toBe(403);
    expect((await h.as(partnerMember.token).get('/api/v1/money/settings')).status).toBe(403);
    expect((await h.as(vendor.token).get('/api/v1/money/settings')).body.reportingCurrency).toBe('EUR');
  });

  test('the report sums per currency and converts at each entry’s date; a missing rate names the pair and date', async () => {
    const reporter = await createOrg(h, 'Report Vendor');
    const seller = await createOrg(h, 'Report Seller');
    await partnerUp(h, seller, reporter);
    await enrollIn(h, reporter, seller, {
      holdingDays: 0,
      rules: [{ kind: 'percentage', event: 'deal_won', rateBp: 1000 }],
    });
    await wonRegistration(h, seller, reporter, { amountMinor: 100_000, currency: 'EUR' });
    const usd = await wonRegistration(h, seller, reporter, { amountMinor: 300_000, currency: 'USD' });
    const jpy = await wonRegistration(h, seller, reporter, { amountMinor: 50_000, currency: 'JPY' });
    const clawed = await h.as(reporter.token).post(`/api/v1/deals/${jpy}/clawback`, { reason: 'Refunded' });
    expect(clawed.status).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    const url = `/api/v1/ledger/report?from=${new Date().getUTCFullYear() - 1}-01-01&to=${today}`;

    const missing = await h.as(reporter.token).get(url);
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('fx_rate_missing');
    expect(missing.body.error.message).toMatch(/^No (JPY→EUR|USD→EUR) rate on or before \d{4}-\d{2}-\d{2}$/);

    // USD by its direct rate, JPY by the inverse of an EUR→JPY rate.
    expect(
      (
        await h
          .as(reporter.token)
          .post('/api/v1/fx-rates', { base: 'USD', quote: 'EUR', rateDate: '2020-01-01', rate: '0.9' })
      ).status,
    ).toBe(201);
    await h
      .as(reporter.token)
      .post('/api/v1/fx-rates', { base: 'EUR', quote: 'JPY', rateDate: '2020-01-01', rate: '160' });
    const report = await h.as(reporter.token).get(url);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.reportingCurrency).toBe('EUR');
    expect(report.body.asPayer.byCurrency).toEqual([
      { currency: 'EUR', earnedMinor: 10_000, reversedMinor: 0, paidMinor: 0, netMinor: 10_000 },
      { currency: 'JPY', earnedMinor: 5_000, reversedMinor: -5_000, paidMinor: 0, netMinor: 0 },
      { currency: 'USD', earnedMinor: 30_000, reversedMinor: 0, paidMinor: 0, netMinor: 30_000 },
    ]);
    // 300.00 USD × 0.9 = 270.00 EUR; ¥5,000 / 160 = 31.25 EUR.
    expect(report.body.asPayer.total).toEqual({
      currency: 'EUR',
      earnedMinor: 10_000 + 27_000 + 3_125,
      reversedMinor: -3_125,
      paidMinor: 0,
      netMinor: 10_000 + 27_000,
    });
    expect(report.body.asBeneficiary.byCurrency).toEqual([]);
    // The stored amounts are untouched.
    expect((await entriesOf(h, usd))[0]).toMatchObject({ amountMinor: 30_000, currency: 'USD' });
    // The seller reports in its own default currency and has no rates: it cannot convert either.
    expect((await h.as(seller.token).get(url)).status).toBe(422);

    expect(
      (await h.as(reporter.token).get('/api/v1/ledger/report?from=2026-02-01&to=2026-01-01')).status,
    ).toBe(400);
    expect(
      (await h.as(reporter.token).get('/api/v1/ledger/report?from=2020-01-01&to=2026-01-01')).status,
    ).toBe(400);
    expect(
      (await h.as(reporter.token).get('/api/v1/ledger/report?from=2020-01-01&to=2020-02-30')).status,
    ).toBe(400);
  });

  test('reconciliation posts the commissions of won deals nobody posted, once', async () => {
    const since = new Date(Date.now() - DAY);
    const [late, seller] = [await createOrg(h, 'Late Vendor'), await createOrg(h, 'Early Seller')];
    await partnerUp(h, seller, late);
    // Won before the seller was enrolled: the move had nothing to post.
    const dealId = await wonRegistration(h, seller, late, { amountMinor: 200_000 });
    expect(await entriesOf(h, dealId)).toEqual([]);
    await enrollIn(h, late, seller, { rules: [{ kind: 'percentage', event: 'deal_won', rateBp: 1000 }] });
    expect(await postMissedCommissions(h.ctx, since)).toBe(1);
    expect((await entriesOf(h, dealId)).map((e) => e.amountMinor)).toEqual([20_000]);
    expect(await postMissedCommissions(h.ctx, since)).toBe(0);
  });
});
