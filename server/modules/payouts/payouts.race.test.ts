import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ledgerEntry, payoutLine } from '../../db/schema/index.ts';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { daysAgo, earn } from './payouts.fixtures.ts';

// Runs on PGlite (which serializes the two runs) and, with DATABASE_URL set, on PostgreSQL where
// the runs overlap for real: either way no entry may end up on two live statements.
describe('payouts: concurrent runs pay once', () => {
  let h: TestApp;

  beforeAll(async () => {
    h = await createTestApp();
  });
  afterAll(() => h?.close());

  async function payer(partners: TestMember[], entriesEach: number) {
    const vendor = await createOrg(h);
    const finance = [
      await addMember(h, vendor.orgId, 'finance'),
      await addMember(h, vendor.orgId, 'finance'),
    ];
    let payable = 0;
    for (const p of partners)
      for (let i = 0; i < entriesEach; i++) {
        const amount = 1000 + i * 7;
        await earn(h, vendor, p, amount, { availableDaysAgo: 3 + (i % 3) });
        payable += amount;
      }
    return { vendor, finance, payable };
  }

  async function liveLines(vendorId: string) {
    return h.ctx.db
      .select({
        entryId: payoutLine.entryId,
        n: sql`count(*)`.mapWith(Number),
        amount: sql`sum(${payoutLine.amountMinor})`.mapWith(Number),
      })
      .from(payoutLine)
      .innerJoin(ledgerEntry, eq(ledgerEntry.id, payoutLine.entryId))
      .where(and(eq(ledgerEntry.organizationId, vendorId), isNull(payoutLine.releasedAt)))
      .groupBy(payoutLine.entryId);
  }

  test.each([
    ['overlapping periods', [daysAgo(1), daysAgo(0)]],
    ['the same period', [daysAgo(0), daysAgo(0)]],
  ])('two finance users run payouts at once (%s): every entry is taken once', async (_, ends) => {
    const partners = [await createOrg(h), await createOrg(h), await createOrg(h)];
    for (let round = 0; round < 3; round++) {
      const { vendor, finance, payable } = await payer(partners, 4);
      const results = await Promise.all(
        finance.map((f, i) =>
          h.as(f.token).post('/api/v1/payouts', { periodStart: daysAgo(30), periodEnd: ends[i] }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses, JSON.stringify(results.map((r) => r.body))).toContain(201);
      for (const r of results.filter((x) => x.status !== 201)) {
        expect(r.status).toBe(409);
        expect(['conflict', 'already_exists', 'nothing_to_pay']).toContain(r.body.error.code);
      }
      const lines = await liveLines(vendor.orgId);
      expect(lines.every((l) => l.n === 1)).toBe(true);
      expect(lines).toHaveLength(partners.length * 4);
      expect(lines.reduce((s, l) => s + l.amount, 0)).toBe(payable);
      const totals = results
        .filter((r) => r.status === 201)
        .flatMap((r) => r.body.totals as { amountMinor: number }[])
        .reduce((s, t) => s + t.amountMinor, 0);
      expect(totals).toBe(payable);
      // A run that lost kept nothing: no payout row without statements.
      const kept = await h.as(finance[0]!.token).get('/api/v1/payouts');
      expect(kept.body.data).toHaveLength(statuses.filter((s) => s === 201).length);
    }
  });
});
