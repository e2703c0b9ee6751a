import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { percentOf } from '../../../common/money.ts';
import { rowsOf } from '../../db/client.ts';
import { ledgerEntry } from '../../db/schema/index.ts';
import { createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { enrollIn } from '../../test/programs-factories.ts';
import { COMMISSION_EVENTS } from './ledger.commissions.ts';
import { entriesOf, post, referral, wonRegistration } from './ledger.fixtures.ts';
import { selectLines } from './ledger.post.ts';

const RUNS = 20;

describe('ledger properties (real database)', () => {
  let h: TestApp;
  let vendor: TestMember;
  let partner: TestMember;
  let rateBp: number;

  beforeAll(async () => {
    h = await createTestApp();
    vendor = await createOrg(h, 'Property Vendor');
    partner = await createOrg(h, 'Property Partner');
    await partnerUp(h, partner, vendor);
    rateBp = 1234;
    await enrollIn(h, vendor, partner, {
      rules: [
        { kind: 'percentage', event: 'deal_won', rateBp },
        { kind: 'flat', event: 'deal_won', amountMinor: 999 },
        { kind: 'recurring', event: 'deal_won', rateBp: 250, months: 3 },
        { kind: 'per_lead', event: 'lead_accepted', amountMinor: 100 },
        { kind: 'percentage', event: 'referral_qualified', rateBp: 75 },
      ],
    });
  });
  afterAll(() => h?.close());

  /** The partner's balance per currency (what it has earned, net of reversals). */
  const balance = async () => {
    const rows = await h.ctx.db
      .select({ currency: ledgerEntry.currency, sum: sql<string>`sum(${ledgerEntry.amountMinor})` })
      .from(ledgerEntry)
      .where(eq(ledgerEntry.beneficiaryId, partner.orgId))
      .groupBy(ledgerEntry.currency);
    return Object.fromEntries(rows.map((r) => [r.currency, Number(r.sum)]));
  };

  test('every posted entry balances per currency; the percentage is the half-even share; a clawback restores the balance exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          amountMinor: fc.integer({ min: 0, max: 1e9 }),
          wonAmountMinor: fc.integer({ min: 0, max: 1e9 }),
          currency: fc.constantFrom('EUR', 'USD', 'JPY', 'BHD'),
          subscription: fc.boolean(),
        }),
        async (deal) => {
          const before = await balance();
          const id = await wonRegistration(h, partner, vendor, deal);
          const entries = await entriesOf(h, id);
          const percentage = entries.filter(
            (e) => e.sourceType === 'deal.deal_won' && e.seq === 0 && e.currency === deal.currency,
          );
          const share = percentOf(deal.wonAmountMinor, rateBp);
          if (share !== 0) expect(percentage.map((e) => e.amountMinor)).toContain(share);
          expect(entries.filter((e) => e.seq > 0)).toHaveLength(
            deal.subscription && percentOf(deal.wonAmountMinor, 250) ? 2 : 0,
          );
          const lines = await selectLines(
            h.ctx.db,
            entries.map((e) => e.id),
          );
          for (const e of entries) {
            const own = lines.filter((l) => l.entryId === e.id);
            expect(own).toHaveLength(2);
            expect(own.every((l) => l.currency === e.currency)).toBe(true);
            expect(own.reduce((n, l) => n + l.amountMinor, 0)).toBe(0);
          }
          if (entries.length) {
            const res = await h.as(vendor.token).post(`/api/v1/deals/${id}/clawback`, { reason: 'Refunded' });
            expect(res.status).toBe(201);
          }
          const after = await balance();
          for (const c of new Set([...Object.keys(before), ...Object.keys(after)]))
            expect(after[c] ?? 0).toBe(before[c] ?? 0);
        },
      ),
      { numRuns: RUNS },
    );
    // And across everything posted: no entry anywhere is out of balance.
    const unbalanced = rowsOf(
      await h.ctx.db.execute(
        sql`select entry_id from ledger_line group by entry_id, currency having sum(amount_minor) <> 0`,
      ),
    );
    expect(unbalanced).toEqual([]);
  });

  test('posting any sequence of deal events twice changes nothing', async () => {
    const late = await createOrg(h, 'Late Partner');
    await partnerUp(h, late, vendor);
    // Deals moved before the partner was enrolled: nothing is posted until the events are replayed.
    const deals = [
      await wonRegistration(h, late, vendor, { amountMinor: 123_457 }),
      await wonRegistration(h, late, vendor, { amountMinor: 99_999, subscription: true }),
      await referral(h, late, vendor, ['accepted', 'qualified'], { amountMinor: 55_555 }),
      await referral(h, late, vendor, ['accepted', 'qualified', 'won'], { amountMinor: 77_777 }),
    ];
    await enrollIn(h, vendor, late, {
      rules: [
        { kind: 'percentage', event: 'deal_won', rateBp: 1111 },
        { kind: 'recurring', event: 'deal_won', rateBp: 333, months: 4 },
        { kind: 'per_lead', event: 'lead_accepted', amountMinor: 250 },
        { kind: 'flat', event: 'referral_qualified', amountMinor: 5_000 },
      ],
    });
    const total = async () => {
      const rows = await h.ctx.db
        .select({ n: sql<string>`count(*)`, sum: sql<string>`coalesce(sum(${ledgerEntry.amountMinor}), 0)` })
        .from(ledgerEntry)
        .where(eq(ledgerEntry.beneficiaryId, late.orgId));
      return { n: Number(rows[0]!.n), sum: Number(rows[0]!.sum) };
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...deals), fc.constantFrom(...COMMISSION_EVENTS)), {
          maxLength: 8,
        }),
        async (events) => {
          for (const [dealId, event] of events) await post(h, dealId, event);
          const once = await total();
          for (const [dealId, event] of events) await post(h, dealId, event);
          expect(await total()).toEqual(once);
        },
      ),
      { numRuns: RUNS },
    );
    expect((await total()).n).toBeGreaterThan(0);
  });
});
