import { eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ledgerEntry, ledgerLine, moneySettings, payoutLine } from '../../db/schema/index.ts';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { daysAgo, earn, reverse } from './payouts.fixtures.ts';

type Money = { currency: string; amountMinor: number };
type Statement = {
  id: string;
  beneficiary: { id: string };
  totals: Money[];
  lineCount: number;
  status: string;
};

describe('payouts', () => {
  let h: TestApp;

  beforeAll(async () => {
    h = await createTestApp();
  });
  afterAll(() => h?.close());

  /** A vendor with a finance user and `n` partners. */
  async function setUp(n = 1) {
    const vendor = await createOrg(h);
    const finance = await addMember(h, vendor.orgId, 'finance', 'Fiona Finance');
    const partners: TestMember[] = [];
    for (let i = 0; i < n; i++) partners.push(await createOrg(h, `Partner ${i} ${vendor.orgId.slice(-5)}`));
    return { vendor, finance, partners };
  }

  const run = (who: TestMember, periodEnd: string, periodStart = '2020-01-01') =>
    h.as(who.token).post('/api/v1/payouts', { periodStart, periodEnd });
  const statementOf = (payout: { statements: Statement[] }, partner: TestMember) =>
    payout.statements.find((s) => s.beneficiary.id === partner.orgId);
  const balance = async (partner: TestMember, vendor: TestMember, currency = 'EUR') => {
    const res = await h.as(partner.token).get(`/api/v1/earnings?vendorId=${vendor.orgId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.balances.find((b: { currency: string }) => b.currency === currency);
  };

  test('a run: one statement per partner, totals per currency, lines; pending entries wait', async () => {
    const { vendor, finance, partners } = await setUp(2);
    const [p1, p2] = partners as [TestMember, TestMember];
    await earn(h, vendor, p1, 1000);
    await earn(h, vendor, p1, 2500);
    await earn(h, vendor, p1, 700, { currency: 'USD', kind: 'mdf' });
    await earn(h, vendor, p2, 300);
    const held = await earn(h, vendor, p1, 999, { availableDaysAgo: -10 });

    const res = await run(finance, daysAgo(0));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      periodEnd: daysAgo(0),
      runBy: { name: 'Fiona Finance' },
      statementCount: 2,
      statusCounts: { open: 2, paid: 0, failed: 0 },
      totals: [
        { currency: 'EUR', amountMinor: 3800 },
        { currency: 'USD', amountMinor: 700 },
      ],
    });
    const s1 = statementOf(res.body, p1)!;
    expect(s1).toMatchObject({
      status: 'open',
      lineCount: 3,
      totals: [
        { currency: 'EUR', amountMinor: 3500 },
        { currency: 'USD', amountMinor: 700 },
      ],
    });
    const detail = await h.as(finance.token).get(`/api/v1/payouts/${res.body.id}/statements/${s1.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.lines).toHaveLength(3);
    expect(detail.body.lines.map((l: { entryId: string }) => l.entryId)).not.toContain(held.id);
    expect(detail.body.lines[0]).toMatchObject({
      kind: 'commission',
      description: 'Commission on a won deal',
    });

    // The partner sees the same statement and its earnings moved to "in payout".
    const mine = await h.as(p1.token).get('/api/v1/earnings/statements');
    expect(mine.body.data.map((s: { id: string }) => s.id)).toEqual([s1.id]);
    expect((await h.as(p1.token).get(`/api/v1/earnings/statements/${s1.id}`)).body.lines).toHaveLength(3);
    expect(await balance(p1, vendor)).toMatchObject({
      vendor: { id: vendor.orgId },
      pendingMinor: 999,
      payableMinor: 0,
      inPayoutMinor: 3500,
      paidMinor: 0,
    });
    const entries = await h.as(p1.token).get('/api/v1/earnings?state=pending');
    expect(entries.body.data.map((e: { id: string }) => e.id)).toEqual([held.id]);

    const list = await h.as(finance.token).get('/api/v1/payouts');
    expect(list.body.data.map((p: { id: string }) => p.id)).toEqual([res.body.id]);
    const audit = await h.as(vendor.token).get('/api/v1/audit-log?action=payout.run');
    expect(audit.body.data[0]).toMatchObject({ action: 'payout.run', targetId: res.body.id });
  });

  test('bad input and an empty period: clear 4xx, nothing kept', async () => {
    const { vendor, finance } = await setUp(0);
    const empty = await run(finance, daysAgo(0));
    expect(empty.status).toBe(409);
    expect(empty.body.error).toMatchObject({
      code: 'nothing_to_pay',
      message: `Nothing is payable up to ${daysAgo(0)}`,
    });
    expect((await h.as(vendor.token).get('/api/v1/payouts')).body.data).toEqual([]);
    expect((await run(finance, daysAgo(-1))).status).toBe(400);
    expect((await run(finance, daysAgo(3), daysAgo(2))).status).toBe(400);
    expect((await run(finance, '2026-02-30')).status).toBe(400);
    expect((await h.as(finance.token).post('/api/v1/payouts', { periodEnd: daysAgo(0) })).status).toBe(400);
    expect(
      (
        await h
          .as(finance.token)
          .post('/api/v1/payouts', { periodStart: daysAgo(1), periodEnd: daysAgo(0), x: 1 })
      ).status,
    ).toBe(400);
  });

  test('the same period twice is refused and leaves one set of lines', async () => {
    const { vendor, finance, partners } = await setUp(1);
    const e = await earn(h, vendor, partners[0]!, 4200);
    const first = await run(finance, daysAgo(0));
    expect(first.status).toBe(201);
    await earn(h, vendor, partners[0]!, 100);
    const again = await run(vendor, daysAgo(0), daysAgo(5));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'already_exists',
      message: `A payout for the period ending ${daysAgo(0)} was already run`,
      details: { payoutId: first.body.id },
    });
    const lines = await h.ctx.db.select().from(payoutLine).where(eq(payoutLine.entryId, e.id));
    expect(lines).toHaveLength(1);
  });

  test('below the minimum a currency rolls over, and is paid once the total reaches it', async () => {
    const { vendor, finance, partners } = await setUp(1);
    const partner = partners[0]!;
    await h.ctx.db
      .insert(moneySettings)
      .values({ organizationId: vendor.orgId, payoutMinimums: { EUR: 5000, USD: 1000 } });
    await earn(h, vendor, partner, 3000, { availableDaysAgo: 5 });
    await earn(h, vendor, partner, 400, { availableDaysAgo: 5, currency: 'USD' });
    expect((await run(finance, daysAgo(3))).body.error.code).toBe('nothing_to_pay');
    const preview = await h.as(finance.token).get(`/api/v1/payouts/payable?beneficiaryId=${partner.orgId}`);
    expect(preview.body.data).toEqual([
      expect.objectContaining({ currency: 'EUR', payableMinor: 3000, minimumMinor: 5000, wouldPay: false }),
      expect.objectContaining({ currency: 'USD', payableMinor: 400, minimumMinor: 1000, wouldPay: false }),
    ]);

    await earn(h, vendor, partner, 2500);
    const later = await run(finance, daysAgo(0));
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    // EUR reached the minimum (both entries together); USD is still below and keeps waiting.
    expect(statementOf(later.body, partner)).toMatchObject({
      totals: [{ currency: 'EUR', amountMinor: 5500 }],
      lineCount: 2,
    });
    expect(await balance(partner, vendor, 'USD')).toMatchObject({ payableMinor: 400, inPayoutMinor: 0 });
  });

  test('paid posts a balanced payout entry per currency, moves earnings to paid, and happens once', async () => {
    const { vendor, finance, partners } = await setUp(1);
    const partner = partners[0]!;
    await earn(h, vendor, partner, 12_345);
    await earn(h, vendor, partner, 5000, { currency: 'SEK' });
    const payout = (await run(finance, daysAgo(0))).body;
    const s = statementOf(payout, partner)!;
    const url = `/api/v1/payouts/${payout.id}/statements/${s.id}`;

    expect((await h.as(finance.token).post(`${url}/paid`, { externalReference: '' })).status).toBe(400);
    const paid = await h.as(finance.token).post(`${url}/paid`, { externalReference: 'SEPA-2026-001' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', externalReference: 'SEPA-2026-001' });

    const posted = await h.ctx.db.select().from(ledgerEntry).where(eq(ledgerEntry.sourceId, s.id));
    expect(
      posted.map((e) => [e.kind, e.currency, e.amountMinor, e.seq, e.organizationId, e.beneficiaryId]),
    ).toEqual(
      expect.arrayContaining([
        ['payout', 'EUR', 12_345, 0, vendor.orgId, partner.orgId],
        ['payout', 'SEK', 5000, 1, vendor.orgId, partner.orgId],
      ]),
    );
    expect(posted).toHaveLength(2);
    expect(posted[0]!.description).toContain('ref SEPA-2026-001');
    const lines = await h.ctx.db
      .select()
      .from(ledgerLine)
      .where(
        inArray(
          ledgerLine.entryId,
          posted.map((e) => e.id),
        ),
      );
    for (const e of posted)
      expect(lines.filter((l) => l.entryId === e.id).reduce((sum, l) => sum + l.amountMinor, 0)).toBe(0);

    expect(await balance(partner, vendor)).toMatchObject({
      payableMinor: 0,
      inPayoutMinor: 0,
      paidMinor: 12_345,
    });
    const bell = await h.as(partner.token).get('/api/v1/notifications');
    expect(bell.body.data[0].title).toContain('paid 123.45 EUR');

    const twice = await h.as(finance.token).post(`${url}/paid`, { externalReference: 'SEPA-2026-002' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('invalid_state');
    const fail = await h.as(finance.token).post(`${url}/failed`, { reason: 'Bounced' });
    expect(fail.status).toBe(409);
    expect(await h.ctx.db.select().from(ledgerEntry).where(eq(ledgerEntry.sourceId, s.id))).toHaveLength(2);
    const summary = await h.as(finance.token).get(`/api/v1/payouts/${payout.id}`);
    expect(summary.body.statusCounts).toEqual({ open: 0, paid: 1, failed: 0 });
  });

  test("a failed statement's amounts are payable again and go out with the next payout", async () => {
    const { vendor, finance, partners } = await setUp(1);
    const partner = partners[0]!;
    const e = await earn(h, vendor, partner, 8000, { availableDaysAgo: 3 });
    const first = (await run(finance, daysAgo(1))).body;
    const s = statementOf(first, partner)!;
    const failed = await h
      .as(finance.token)
      .post(`/api/v1/payouts/${first.id}/statements/${s.id}/failed`, { reason: 'IBAN closed' });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect(failed.body).toMatchObject({ status: 'failed', failureReason: 'IBAN closed' });
    expect(failed.body.lines[0]).toMatchObject({ entryId: e.id, released: true });
    expect(await balance(partner, vendor)).toMatchObject({ payableMinor: 8000, inPayoutMinor: 0 });
    const again = await h
      .as(finance.token)
      .post(`/api/v1/payouts/${first.id}/statements/${s.id}/paid`, { externalReference: 'X' });
    expect(again.status).toBe(409);

    const next = await run(finance, daysAgo(0));
    expect(next.status).toBe(201);
    const s2 = statementOf(next.body, partner)!;
    expect(s2.totals).toEqual([{ currency: 'EUR', amountMinor: 8000 }]);
    expect((await h.as(finance.token).get(`/api/v1/payouts/${first.id}`)).body).toMatchObject({
      statusCounts: { open: 0, paid: 0, failed: 1 },
      totals: [],
    });
  });

  test('reversals count with their sign; P2P fees are left to netting', async () => {
    const { vendor, finance, partners } = await setUp(1);
    const partner = partners[0]!;
    await earn(h, vendor, partner, 10_000);
    const refunded = await earn(h, vendor, partner, 3000);
    await reverse(h, [refunded], 'Deal refunded');
    const fee = await earn(h, vendor, partner, 777, { kind: 'p2p_fee' });
    await reverse(h, [fee], 'Fee corrected');
    await earn(h, vendor, partner, 500, { kind: 'p2p_fee' });
    const res = await run(finance, daysAgo(0));
    expect(statementOf(res.body, partner)).toMatchObject({
      totals: [{ currency: 'EUR', amountMinor: 10_000 }],
      lineCount: 3,
    });
    const entries = await h.as(partner.token).get('/api/v1/earnings');
    expect(entries.body.data.map((x: { kind: string }) => x.kind).sort()).toEqual([
      'commission',
      'commission',
      'reversal',
    ]);
  });

  test('a partner whose total is negative gets no statement; the reversal waits for later earnings', async () => {
    const { vendor, finance, partners } = await setUp(2);
    const [owes, owed] = partners as [TestMember, TestMember];
    const paid = await earn(h, vendor, owes, 2000, { availableDaysAgo: 5 });
    const first = (await run(finance, daysAgo(3))).body;
    await h
      .as(finance.token)
      .post(`/api/v1/payouts/${first.id}/statements/${statementOf(first, owes)!.id}/paid`, {
        externalReference: 'R1',
      });
    await reverse(h, [paid], 'Clawback');
    await earn(h, vendor, owed, 100);
    const next = (await run(finance, daysAgo(0))).body;
    expect(next.statements.map((s: Statement) => s.beneficiary.id)).toEqual([owed.orgId]);
    expect(await balance(owes, vendor)).toMatchObject({ payableMinor: -2000, paidMinor: 2000 });
  });

  test('CSV export: a row per line, major units, formula cells neutralised', async () => {
    const { vendor, finance, partners } = await setUp(1);
    const partner = partners[0]!;
    await earn(h, vendor, partner, 123_456, { description: '=HYPERLINK("http://evil")' });
    await earn(h, vendor, partner, 5, { currency: 'JPY' });
    const payout = (await run(finance, daysAgo(0))).body;
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/payouts/${payout.id}/export.csv`,
      headers: { authorization: `Bearer ${finance.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = res.body.trim().split('\n');
    expect(rows[0]).toBe(
      'partner,partner_id,statement_id,currency,amount,entry_id,kind,description,earned_date,statement_status,external_reference',
    );
    expect(rows).toHaveLength(3);
    expect(res.body).toContain(',EUR,1234.56,');
    expect(res.body).toContain(',JPY,5,');
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  test('property: statement totals equal the sum of their lines and of the entries taken', async () => {
    const currencies = ['EUR', 'USD', 'SEK'];
    const entry = fc.record({
      partner: fc.integer({ min: 0, max: 2 }),
      currency: fc.constantFrom(...currencies),
      amountMinor: fc.integer({ min: 1, max: 1_000_000 }),
      availableDaysAgo: fc.integer({ min: -5, max: 20 }),
    });
    const { partners } = await setUp(3);
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        async (specs, endDaysAgo) => {
          // A fresh payer each run (its owner runs the payout); the partners are shared.
          const vendor = await createOrg(h);
          const finance = vendor;
          const posted = [];
          for (const s of specs)
            posted.push(
              await earn(h, vendor, partners[s.partner]!, s.amountMinor, {
                currency: s.currency,
                availableDaysAgo: s.availableDaysAgo,
              }),
            );
          const cutoff = Date.parse(`${daysAgo(endDaysAgo)}T00:00:00Z`) + 86_400_000;
          const expected = new Map<string, number>();
          for (const e of posted)
            if (e.availableAt.getTime() < Math.min(cutoff, Date.now()))
              expected.set(
                `${e.beneficiaryId}:${e.currency}`,
                (expected.get(`${e.beneficiaryId}:${e.currency}`) ?? 0) + e.amountMinor,
              );
          const res = await run(finance, daysAgo(endDaysAgo));
          if (expected.size === 0) {
            expect(res.body.error?.code).toBe('nothing_to_pay');
            return;
          }
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          const got = new Map<string, number>();
          for (const s of res.body.statements as Statement[]) {
            const detail = await h.as(finance.token).get(`/api/v1/payouts/${res.body.id}/statements/${s.id}`);
            const sums = new Map<string, number>();
            for (const l of detail.body.lines as Money[])
              sums.set(l.currency, (sums.get(l.currency) ?? 0) + l.amountMinor);
            expect(s.totals).toEqual(
              [...sums].sort().map(([currency, amountMinor]) => ({ currency, amountMinor })),
            );
            for (const t of s.totals) got.set(`${s.beneficiary.id}:${t.currency}`, t.amountMinor);
          }
          expect(got).toEqual(expected);
          const grand = new Map<string, number>();
          for (const [k, v] of expected) {
            const c = k.split(':')[1]!;
            grand.set(c, (grand.get(c) ?? 0) + v);
          }
          expect(res.body.totals).toEqual(
            [...grand].sort().map(([currency, amountMinor]) => ({ currency, amountMinor })),
          );
        },
      ),
      { numRuns: 20 },
    );
  });
});
