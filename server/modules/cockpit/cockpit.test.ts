// Every cockpit KPI against the hand-computed fixture (cockpit.fixtures.ts), period 2025-01-01 to
// 2025-06-30, reporting currency EUR (USD at 0.9). The arithmetic is written out beside each number.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { type CockpitFixture, cockpitFixture } from './cockpit.fixtures.ts';

let h: TestApp;
let f: CockpitFixture;
const PERIOD = 'from=2025-01-01&to=2025-06-30';
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

beforeAll(async () => {
  h = await createTestApp();
  f = await cockpitFixture(h);
});
afterAll(() => h?.close());

describe('the CPO sees the whole organization', () => {
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by assertions
  let body: any;
  beforeAll(async () => {
    const res = await h.as(f.cpo.token).get(`/api/v1/cockpit?${PERIOD}`);
    expect(res.status).toBe(200);
    body = res.body;
  });

  test('period, scope, currency and a definition for every KPI', () => {
    expect(body.period).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    expect(body.scope).toBe('organization');
    expect(body.currency).toBe('EUR');
    for (const key of Object.keys(body.kpis)) {
      const defined = key === 'activePartners' || key in body.definitions;
      expect(defined, key).toBe(true);
    }
  });

  test('sourced, influenced and direct revenue, and the channel share', () => {
    const k = body.kpis;
    // Sourced: A's registration R1 10,000 + B's referral F1 4,000 + C-sourced opportunity O1 6,000.
    expect(k.partnerSourced).toEqual({ revenue: eur(2_000_000), deals: 3 });
    // Influenced: O2 with A influencing, 8,000 (O3, delivered by B, was lost).
    expect(k.partnerInfluenced).toEqual({ revenue: eur(800_000), deals: 1 });
    // Direct: D1 20,000 + D2 USD 10,000 × 0.9 = 9,000.
    expect(k.direct).toEqual({ revenue: eur(2_900_000), deals: 2 });
    // 28,000 / 57,000.
    expect(k.channelShare).toBeCloseTo(28 / 57, 10);
  });

  test('active partners, activation and time to first deal', () => {
    const k = body.kpis;
    // Live at the end: A, B, C, D, E; a deal event since 2024-07-01: A, B, C (D's last was May 2024).
    expect(k.activePartners).toEqual({ active: 3, total: 5, ratio: 0.6 });
    // Joined in the period: B, C, E; B and C have a won deal since.
    expect(k.activation.joined).toBe(3);
    expect(k.activation.activated).toBe(2);
    expect(k.activation.rate).toBeCloseTo(2 / 3, 10);
    // First deals in the period: B 59 days after joining (Feb 1 → Apr 1), C 45 (Mar 1 → Apr 15).
    expect(k.timeToFirstDeal).toEqual({ medianDays: 52, partners: 2 });
  });

  test('win rate, deal size and time to close with vs without partners', () => {
    const k = body.kpis;
    // Partner deals: R1, F1, O1, O2 won; R2, O3 lost. Direct: D1, D2 won; D3, D4 lost.
    expect(k.winRate.partner).toBeCloseTo(4 / 6, 10);
    expect(k.winRate.direct).toBe(0.5);
    expect(k.avgDealSize).toEqual({ partner: eur(700_000), direct: eur(1_450_000) });
    // Partner: 30 (R1), 10 (F1), 30 (O1), 59 (O2) → 30. Direct: 30 (D1), 40 (D2) → 35.
    expect(k.timeToClose).toEqual({ partner: 30, direct: 35 });
  });

  test('concentration: top-10 share and HHI of partner-sourced revenue', () => {
    const k = body.kpis.concentration;
    // A 10,000, C 6,000, B 4,000 of 20,000: 0.5² + 0.3² + 0.2² = 0.38.
    expect(k.top10Share).toBe(1);
    expect(k.hhi).toBe(3800);
    expect(k.top.map((t: { partner: { name: string }; share: number }) => [t.partner.name, t.share])).toEqual(
      [
        ['Partner A', 0.5],
        ['=Calc Partners', 0.3],
        ['Partner B', 0.2],
      ],
    );
  });

  test('cost of indirect vs direct selling, and P2P share', () => {
    const k = body.kpis;
    // Commission to A 1,000; B's 400 reversed; MDF to C 500; A's Gold discount 10 % of R1 = 1,000.
    expect(k.costOfIndirect).toEqual({
      commissions: eur(100_000),
      discounts: eur(100_000),
      mdf: eur(50_000),
      total: eur(250_000),
      partnerRevenue: eur(2_800_000),
      costBps: 893, // 2,500 / 28,000 = 8.93 %
      directCostOfSaleBps: 1500,
    });
    // F1 received 4,000 + S1 sent 2,000 = 6,000 of (28,000 + 2,000).
    expect(k.p2p).toEqual({ revenue: eur(600_000), share: 0.2 });
  });

  test('tier distribution from enrollments', () => {
    expect(body.tiers).toEqual([
      { program: { id: f.programId, name: 'Resell' }, tier: null, partners: 1 },
      {
        program: { id: f.programId, name: 'Resell' },
        tier: { id: f.goldTierId, name: 'Gold', rank: 2 },
        partners: 1,
      },
    ]);
  });

  test('the monthly trend', () => {
    const rows = body.trend.map((t: Record<string, unknown>) => [
      t.month,
      (t.sourced as { amountMinor: number }).amountMinor,
      (t.influenced as { amountMinor: number }).amountMinor,
      (t.direct as { amountMinor: number }).amountMinor,
      t.activePartners,
      t.newPartners,
      t.wonDeals,
    ]);
    expect(rows).toEqual([
      ['2025-01', 0, 0, 0, 2, 0, 0],
      ['2025-02', 1_000_000, 0, 2_000_000, 2, 1, 2],
      ['2025-03', 0, 800_000, 0, 2, 1, 1],
      ['2025-04', 400_000, 0, 0, 4, 1, 1],
      ['2025-05', 600_000, 0, 0, 3, 0, 1],
      ['2025-06', 0, 0, 900_000, 3, 0, 1],
    ]);
    expect(body.trend[0].channelShare).toBeNull();
    expect(body.trend[1].channelShare).toBeCloseTo(1 / 3, 10);
    expect(body.trend[5].channelShare).toBe(0);
  });

  test('the roll-up of every alliance manager', () => {
    expect(
      body.rollup.map((r: Record<string, unknown>) => [
        (r.user as { name: string }).name,
        r.partners,
        (r.sourced as { amountMinor: number }).amountMinor,
        (r.influenced as { amountMinor: number }).amountMinor,
        r.wonDeals,
      ]),
    ).toEqual([
      ['Anna AM', 2, 1_000_000, 800_000, 2],
      ['Ben AM', 1, 400_000, 0, 1],
      ['Cara AM', 2, 600_000, 0, 1],
    ]);
    expect(body.rollup.map((r: { winRate: number }) => r.winRate)).toEqual([2 / 3, 0.5, 1]);
  });
});

describe('filters', () => {
  const get = (query: string) => h.as(f.cpo.token).get(`/api/v1/cockpit?${PERIOD}&${query}`);

  test('region: partners by their profile, direct deals by the customer’s country', async () => {
    const north = (await get('region=154')).body.kpis; // Northern Europe: A (SE)
    expect(north.partnerSourced.revenue.amountMinor).toBe(1_000_000);
    expect(north.partnerInfluenced.revenue.amountMinor).toBe(800_000);
    expect(north.direct.revenue.amountMinor).toBe(0);
    const west = (await get('region=155')).body.kpis; // Western Europe: C (DE), D (FR); D2 and D3 in DE
    expect(west.partnerSourced.revenue.amountMinor).toBe(600_000);
    expect(west.direct).toEqual({ revenue: eur(900_000), deals: 1 });
    expect(west.winRate.direct).toBe(0.5);
  });

  test('industry, program, tier and alliance manager', async () => {
    expect((await get('industry=62')).body.kpis.partnerSourced.revenue.amountMinor).toBe(1_600_000); // A + C
    const program = (await get(`programId=${f.programId}`)).body.kpis; // A and B
    expect(program.partnerSourced.revenue.amountMinor).toBe(1_400_000);
    expect(program.activePartners.total).toBe(2);
    expect((await get(`tierId=${f.goldTierId}`)).body.kpis.partnerSourced.deals).toBe(1); // A
    const anna = (await get(`allianceManagerId=${f.anna.userId}`)).body; // Anna and Ben: A, B, D
    expect(anna.scope).toBe('organization');
    expect(anna.kpis.partnerSourced.revenue.amountMinor).toBe(1_400_000);
    expect(anna.rollup.map((r: { user: { name: string } }) => r.user.name)).toEqual(['Anna AM', 'Ben AM']);
  });
});

describe('an alliance manager sees their portfolio only', () => {
  test('Anna: her partnerships and Ben’s (he reports to her), no direct deals', async () => {
    const res = await h.as(f.anna.token).get(`/api/v1/cockpit?${PERIOD}`);
    expect(res.status).toBe(200);
    const { scope, kpis: k, rollup } = res.body;
    expect(scope).toBe('portfolio');
    expect(k.partnerSourced).toEqual({ revenue: eur(1_400_000), deals: 2 }); // R1 + F1
    expect(k.partnerInfluenced).toEqual({ revenue: eur(800_000), deals: 1 }); // O2
    expect(k.direct).toBeNull();
    expect(k.channelShare).toBeNull();
    expect(k.winRate).toEqual({ partner: 0.6, direct: null }); // R1 F1 O2 of R1 R2 F1 O2 O3
    expect(k.activePartners).toEqual({ active: 2, total: 3, ratio: 2 / 3 });
    expect(k.concentration.hhi).toBe(5918); // (10/14)² + (4/14)²
    expect(k.costOfIndirect.total).toEqual(eur(200_000)); // C's MDF is not hers
    expect(k.costOfIndirect.costBps).toBe(909);
    expect(k.p2p.share).toBe(0.25); // 6,000 of 24,000
    expect(rollup.map((r: { user: { name: string } }) => r.user.name)).toEqual(['Anna AM', 'Ben AM']);
    expect(JSON.stringify(res.body)).not.toContain('Calc Partners');
  });

  test('Ben sees his own partner only, and cannot look at Anna’s or Cara’s', async () => {
    const ben = await h.as(f.ben.token).get(`/api/v1/cockpit?${PERIOD}`);
    expect(ben.body.kpis.partnerSourced).toEqual({ revenue: eur(400_000), deals: 1 });
    expect(ben.body.rollup.map((r: { user: { name: string } }) => r.user.name)).toEqual(['Ben AM']);
    for (const other of [f.anna, f.cara]) {
      const res = await h.as(f.ben.token).get(`/api/v1/cockpit?${PERIOD}&allianceManagerId=${other.userId}`);
      expect(res.status).toBe(403);
    }
    const own = await h.as(f.anna.token).get(`/api/v1/cockpit?${PERIOD}&allianceManagerId=${f.ben.userId}`);
    expect(own.body.kpis.partnerSourced.revenue.amountMinor).toBe(400_000);
  });

  test('the alliance manager view: portfolio, going inactive, SLA, protections', async () => {
    const res = await h.as(f.anna.token).get('/api/v1/cockpit/alliance-manager');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: f.anna.userId, name: 'Anna AM', role: 'alliance_manager' });
    expect(res.body.portfolio.map((p: { partner: { name: string } }) => p.partner.name).sort()).toEqual([
      'Partner A',
      'Partner B',
      'Partner D',
    ]);
    expect(res.body.recommendations).toEqual([]);
    const b = res.body.portfolio.find((p: { partner: { name: string } }) => p.partner.name === 'Partner B');
    // No stored trust row (no refresh ran): the partnership's tenure alone, 21+ months of 24 → 5.
    expect(b).toMatchObject({ openDeals: 1, owner: { id: f.ben.userId, name: 'Ben AM' }, trust: 5 });
    // D's last deal event was 120 days ago: active for eight more months unless something happens.
    expect(res.body.goingInactive).toEqual([
      expect.objectContaining({ partner: { id: f.d.orgId, name: 'Partner D' }, daysSince: 120 }),
    ]);
    expect(res.body.openSla).toEqual([
      expect.objectContaining({ partner: { id: f.b.orgId, name: 'Partner B' }, overdue: true }),
    ]);
    expect(res.body.expiringProtections).toEqual([
      expect.objectContaining({ partner: { id: f.a.orgId, name: 'Partner A' }, side: 'vendor' }),
    ]);
    // The partner holding the protection sees it from its side.
    const held = await h.as(f.a.token).get('/api/v1/cockpit/alliance-manager');
    expect(held.body.expiringProtections).toEqual([
      expect.objectContaining({ partner: { id: f.vendor.orgId, name: 'Vendor V' }, side: 'partner' }),
    ]);
    expect(
      (await h.as(f.anna.token).get(`/api/v1/cockpit/alliance-manager?userId=${f.cara.userId}`)).status,
    ).toBe(403);
    const cpoView = await h.as(f.cpo.token).get(`/api/v1/cockpit/alliance-manager?userId=${f.cara.userId}`);
    expect(cpoView.body.portfolio.map((p: { partner: { name: string } }) => p.partner.name).sort()).toEqual([
      '=Calc Partners',
      'Partner E',
    ]);
  });
});

describe('a partner organization sees only its own numbers', () => {
  test('A’s cockpit has none of the vendor’s revenue, people or partners', async () => {
    const res = await h.as(f.a.token).get(`/api/v1/cockpit?${PERIOD}`);
    expect(res.status).toBe(200);
    const k = res.body.kpis;
    expect(k.partnerSourced.revenue.amountMinor).toBe(0);
    expect(k.partnerInfluenced.revenue.amountMinor).toBe(0);
    expect(k.direct.revenue.amountMinor).toBe(0);
    expect(k.costOfIndirect.total.amountMinor).toBe(0);
    expect(k.activePartners).toEqual({ active: 1, total: 1, ratio: 1 }); // the vendor
    expect(res.body.tiers).toEqual([]);
    const text = JSON.stringify(res.body);
    for (const name of ['Anna AM', 'Partner B', 'Calc Partners', 'Resell']) expect(text).not.toContain(name);
  });
});

describe('settings and export', () => {
  test('the direct cost of sale: finance sets it, the cockpit compares against it', async () => {
    expect((await h.as(f.cpo.token).get('/api/v1/cockpit/settings')).body.directCostOfSaleBps).toBe(1500);
    expect(
      (await h.as(f.anna.token).put('/api/v1/cockpit/settings', { directCostOfSaleBps: 900 })).status,
    ).toBe(403);
    const saved = await h.as(f.finance.token).put('/api/v1/cockpit/settings', { directCostOfSaleBps: 1200 });
    expect(saved.status).toBe(200);
    expect(saved.body.directCostOfSaleBps).toBe(1200);
    const res = await h.as(f.cpo.token).get(`/api/v1/cockpit?${PERIOD}`);
    expect(res.body.kpis.costOfIndirect.directCostOfSaleBps).toBe(1200);
    for (const bad of [
      { directCostOfSaleBps: 10_001 },
      { directCostOfSaleBps: -1 },
      { directCostOfSaleBps: 1, x: 1 },
    ])
      expect((await h.as(f.finance.token).put('/api/v1/cockpit/settings', bad)).status).toBe(400);
  });

  test('CSV: KPIs and trend, partner names formula-safe', async () => {
    const res = await h.as(f.cpo.token).get(`/api/v1/cockpit/export.csv?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = String(res.body);
    expect(text.split('\n')[0]).toBe('section,metric,month,value,unit');
    expect(text).toContain('kpi,partner_sourced_revenue,,20000.00,EUR');
    expect(text).toContain('trend,sourced,2025-04,4000.00,EUR');
    expect(text).toContain("top_partner,'=Calc Partners,,6000.00,EUR");
    expect(text).not.toMatch(/\n[^,]*,=Calc/);
  });
});

describe('roles and bad input', () => {
  test('sales and members cannot open the cockpit', async () => {
    expect((await h.as(f.sales.token).get('/api/v1/cockpit')).status).toBe(403);
    expect((await h.as(f.sales.token).get('/api/v1/cockpit/alliance-manager')).status).toBe(403);
  });

  test('the default period is this month and the eleven before it', async () => {
    const res = await h.as(f.cpo.token).get('/api/v1/cockpit');
    expect(res.status).toBe(200);
    expect(res.body.trend).toHaveLength(12);
    expect(res.body.period.to).toBe(new Date().toISOString().slice(0, 10));
  });

  test.each([
    ['reversed', 'from=2025-06-30&to=2025-01-01', 'invalid_range'],
    ['before 2000', 'from=1999-12-31&to=2000-01-31', 'invalid_range'],
    ['longer than five years', 'from=2010-01-01&to=2025-12-31', 'invalid_range'],
    ['far in the future', 'from=2025-01-01&to=2099-01-01', 'invalid_range'],
    ['not a calendar date', 'from=2025-02-30&to=2025-03-31', null],
    ['unknown filter', 'foo=1', null],
    ['unknown region', 'region=999', 'invalid_input'],
    ['unknown industry', 'industry=xx', 'invalid_input'],
  ])('%s → 400', async (_, query, code) => {
    for (const path of ['/api/v1/cockpit', '/api/v1/cockpit/export.csv']) {
      const res = await h.as(f.cpo.token).get(`${path}?${query}`);
      expect(res.status, `${path}?${query}`).toBe(400);
      if (code) expect(res.body.error.code).toBe(code);
    }
  });

  test('an unknown alliance manager, program or tier is a 404', async () => {
    for (const q of ['allianceManagerId=nobody', 'programId=nope', 'tierId=nope'])
      expect((await h.as(f.cpo.token).get(`/api/v1/cockpit?${q}`)).status).toBe(404);
    expect((await h.as(f.cpo.token).get('/api/v1/cockpit/alliance-manager?userId=nobody')).status).toBe(404);
    expect((await h.as(f.cpo.token).get('/api/v1/cockpit/alliance-manager?x=1')).status).toBe(400);
  });
});
