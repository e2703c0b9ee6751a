// The demo as its users see it through the API: Contoso's programs with partners in every tier,
// the applications queue, commissions from the demo deals, payouts, MDF and P2P netting, and the
// account lists with their overlaps and sharing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTokenFor } from '../../cli/operator.ts';
import { createTestApp, type Requester, type TestApp } from '../test/harness.ts';
import { seedDemo } from './demo.ts';

let h: TestApp;
let cpo: Requester;
let finance: Requester;
let nora: Requester;
let reseller: string;

const LOGINS = {
  cpo: ['cpo@contoso.example', 'contoso-cloud'],
  finance: ['finance@contoso.example', 'contoso-cloud'],
  nora: ['nora@northwind.example', 'northwind-msp'],
} as const;

beforeAll(async () => {
  h = await createTestApp();
  const started = performance.now();
  expect(await seedDemo(h.ctx)).toBe(true);
  console.info(`demo seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const as = async ([user, org]: readonly [string, string]) =>
    h.as((await createTokenFor(h.ctx, { user, org, name: 'Demo test', expiresInDays: 1 })).token);
  [cpo, finance, nora] = await Promise.all([as(LOGINS.cpo), as(LOGINS.finance), as(LOGINS.nora)]);
  const res = await cpo.get('/api/v1/programs?scope=mine');
  reseller = res.body.data.find((p: { name: string }) => p.name === 'Contoso Reseller Program').id;
}, 240_000);

afterAll(() => h?.close());

// biome-ignore lint/suspicious/noExplicitAny: API bodies are checked by the assertions
type Body = any;

describe('the demo', () => {
  test('is loaded once', async () => {
    expect(await seedDemo(h.ctx)).toBe(false);
  });

  test('Contoso publishes a reseller program with three tiers and rules, and a referral program', async () => {
    const list = await cpo.get('/api/v1/programs?scope=mine');
    expect(
      list.body.data.map((p: Body) => [p.name, p.kind, p.status, p.currency, p.tierCount]).sort(),
    ).toEqual([
      ['Contoso Referral Program', 'referral', 'published', 'EUR', 0],
      ['Contoso Reseller Program', 'reseller', 'published', 'EUR', 3],
    ]);
    const { body: program } = await cpo.get(`/api/v1/programs/${reseller}`);
    expect(program.tiers.map((t: Body) => t.name)).toEqual(['Registered', 'Silver', 'Gold']);
    expect(program.tiers[2].requirements).toMatchObject({ revenueMinor: 15_000_000, certifiedPeople: 2 });
    expect(program.tiers[2].benefits).toMatchObject({ discountBp: 2000, mdfBudgetMinor: 2_000_000 });
    expect(new Set(program.rules.map((r: Body) => r.kind))).toEqual(
      new Set(['percentage', 'flat', 'recurring']),
    );
    expect(program.questions.length).toBeGreaterThan(0);
    expect(program.onboarding.length).toBeGreaterThan(0);
    const referral = list.body.data.find((p: Body) => p.kind === 'referral');
    const { body: rules } = await cpo.get(`/api/v1/programs/${referral.id}/rules`);
    expect(new Set(rules.data.map((r: Body) => r.kind))).toEqual(new Set(['per_lead', 'flat', 'percentage']));
  });

  test('has a partner in every tier, with upgrades in its history and one inside its grace period', async () => {
    const { body } = await cpo.get(`/api/v1/enrollments?side=vendor&programId=${reseller}`);
    const byPartner = new Map<string, Body>(body.data.map((e: Body) => [e.partner.name, e]));
    // The named partners' story; the generated partners of the insights year (demo-insights.ts) sit beside them.
    expect(Object.fromEntries([...byPartner].map(([name, e]) => [name, e.tier?.name]))).toMatchObject({
      'Northwind MSP': 'Gold',
      'Fabrikam Integrators': 'Silver',
      'Tailspin Referrals': 'Registered',
    });

    const northwind = (await cpo.get(`/api/v1/enrollments/${byPartner.get('Northwind MSP').id}`)).body;
    expect(northwind.history.map((c: Body) => c.kind)).toEqual(['upgrade', 'upgrade', 'initial']);
    expect(northwind.onboarding).toEqual({ done: 5, total: 5 });

    const fabrikam = (await cpo.get(`/api/v1/enrollments/${byPartner.get('Fabrikam Integrators').id}`)).body;
    expect(fabrikam.history[0].kind).toBe('grace_started');
    expect(new Date(fabrikam.downgradeOn).getTime()).toBeGreaterThan(Date.now());
    expect(fabrikam.progress.headline).toBe('EUR 57,500 of 150,000 to Gold');
    expect(fabrikam.onboarding.done).toBeLessThan(fabrikam.onboarding.total);
  });

  test('has an application waiting in the queue and certifications recorded', async () => {
    const pending = await cpo.get('/api/v1/applications?side=vendor&status=pending');
    expect(pending.body.data.map((a: Body) => [a.partner.name, a.program.name])).toEqual([
      ['Litware Security', 'Contoso Reseller Program'],
    ]);
    const certs = await cpo.get('/api/v1/certifications');
    expect(certs.body.data.length).toBe(4);
    expect(certs.body.data.filter((c: Body) => !c.active).map((c: Body) => c.personName)).toEqual([
      'Lena Vogel',
    ]);
  });

  test('has commissions from the demo deals on the ledger, a few pending and most payable', async () => {
    const { body } = await finance.get('/api/v1/ledger/entries?side=payer&kind=commission&limit=100');
    const entries: Body[] = body.data;
    const pastEntries = entries.filter((e) => new Date(e.earnedAt).getTime() <= Date.now());
    expect(pastEntries.length).toBeGreaterThan(10);
    expect(pastEntries.some((e) => e.pending)).toBe(true);
    expect(pastEntries.filter((e) => !e.pending).length).toBeGreaterThan(pastEntries.length / 2);
    expect(new Set(entries.map((e) => e.beneficiary.name))).toEqual(
      new Set(['Northwind MSP', 'Fabrikam Integrators', 'Tailspin Referrals']),
    );
    expect(new Set(entries.map((e) => e.amount.currency))).toEqual(new Set(['EUR', 'SEK', 'USD']));
    const mdf = await finance.get('/api/v1/ledger/entries?side=payer&kind=mdf');
    expect(mdf.body.data).toHaveLength(1);
  });

  test('has one paid payout and one open payout', async () => {
    const { body } = await finance.get('/api/v1/payouts');
    expect(body.data).toHaveLength(2);
    const [open, paid] = body.data;
    expect(open.statusCounts).toEqual({ open: open.statementCount, paid: 0, failed: 0 });
    expect(paid.statusCounts).toEqual({ open: 0, paid: paid.statementCount, failed: 0 });
    expect(paid.periodEnd < open.periodStart).toBe(true);
    const detail = await finance.get(`/api/v1/payouts/${paid.id}`);
    for (const s of detail.body.statements) expect(s.externalReference).toMatch(/^SEPA-\d{4}-\d{2}-\d{3}$/);
  });

  test('reports in the reporting currency with the demo FX rates', async () => {
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const res = await finance.get(`/api/v1/ledger/report?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    expect(res.body.asPayer.total.currency).toBe('EUR');
    expect(res.body.asPayer.total.earnedMinor).toBeGreaterThan(0);
  });

  test('has a P2P netting balance between Northwind and Fabrikam, with an earlier period settled', async () => {
    const partnerships = await nora.get('/api/v1/partnerships?limit=50');
    const pair = partnerships.body.data.find((p: Body) => p.partner.name === 'Fabrikam Integrators');
    const { body } = await nora.get(`/api/v1/partnerships/${pair.id}/netting`);
    expect(body.headline).toBe('Northwind MSP owes Fabrikam Integrators €6,900.00');
    expect(body.balances).toEqual([
      { currency: 'EUR', net: -690_000 },
      { currency: 'SEK', net: 0 },
    ]);
    expect(body.months.some((m: Body) => m.settled !== 0)).toBe(true);
  });

  test('has MDF requests in every state of the way to the ledger', async () => {
    const { body } = await cpo.get('/api/v1/mdf?side=vendor');
    expect(new Set(body.data.map((m: Body) => m.status))).toEqual(
      new Set(['requested', 'approved', 'claimed', 'claim_approved']),
    );
  });

  test('the cockpit has a year of partner business to chart (demo-insights.ts)', async () => {
    const { status, body } = await cpo.get('/api/v1/cockpit');
    expect(status).toBe(200);
    const months = (pick: (t: Body) => number) => body.trend.filter((t: Body) => pick(t) > 0).length;
    expect(body.trend).toHaveLength(12);
    expect(months((t) => t.wonDeals)).toBe(12);
    expect(months((t) => t.sourced.amountMinor)).toBeGreaterThanOrEqual(10);
    expect(months((t) => t.direct.amountMinor)).toBeGreaterThanOrEqual(9);
    expect(months((t) => t.newPartners)).toBeGreaterThanOrEqual(9);
    const k = body.kpis;
    expect(k.channelShare).toBeGreaterThan(0.3);
    expect(k.channelShare).toBeLessThan(0.8);
    expect(k.activePartners.total - k.activePartners.active).toBeGreaterThanOrEqual(2);
    expect(k.concentration.top).toHaveLength(10);
    expect(k.partnerInfluenced.deals).toBeGreaterThan(0);
    expect(k.p2p.share).toBeGreaterThan(0);
    expect(k.costOfIndirect.costBps).toBeGreaterThan(0);
    expect(body.tiers.map((t: Body) => t.tier?.name)).toEqual(
      expect.arrayContaining(['Registered', 'Silver', 'Gold']),
    );
    expect(body.rollup.map((r: Body) => r.user.name)).toEqual(['Anders Nilsson', 'Priya Raman']);
    const view = (await cpo.get('/api/v1/cockpit/alliance-manager')).body;
    expect(view.portfolio.length).toBeGreaterThan(10);
    expect(view.goingInactive.length).toBeGreaterThan(0);
    expect(view.openSla.length).toBeGreaterThan(0);
    expect(view.expiringProtections.length).toBeGreaterThan(0);
  });

  describe('account mapping', () => {
    // Partner ids by name, as Contoso and as Northwind list them.
    let partners: Map<string, string>;
    let norasPartners: Map<string, string>;
    beforeAll(async () => {
      const byName = (body: Body) =>
        new Map<string, string>(body.data.map((p: Body) => [p.partner.name, p.partner.id]));
      partners = byName((await cpo.get('/api/v1/accounts/partners')).body);
      norasPartners = byName((await nora.get('/api/v1/accounts/partners')).body);
    });
    const cellOf = (matrix: Body, mine: string, theirs: string) => {
      const row = matrix.rows.find((r: Body) => r.kind === mine);
      const column = matrix.columns.find((c: Body) => c.kind === theirs);
      return matrix.cells.find((c: Body) => c.mine === row.id && c.theirs === column.id);
    };

    test('each organization imported its CRM export, duplicates collapsing and a broken row reported', async () => {
      const mine = await cpo.get('/api/v1/accounts/imports');
      expect(mine.body.data.map((i: Body) => [i.fileName, i.source, i.status])).toEqual([
        ['first-up-consultants-accounts.csv', 'generic', 'done'],
        ['contoso-salesforce-accounts.csv', 'salesforce', 'done'],
      ]);
      const own = mine.body.data[1];
      expect(own.inserted).toBeGreaterThan(280);
      expect(new Date(own.createdAt).getTime()).toBeLessThan(Date.now() - 20 * 86_400_000);
      const theirs = await nora.get('/api/v1/accounts/imports');
      expect(theirs.body.data.map((i: Body) => [i.source, i.errorRows])).toEqual([['hubspot', 1]]);
      const { body } = await cpo.get('/api/v1/accounts/populations');
      const customers = body.data.find((p: Body) => p.kind === 'customers');
      expect(customers.keys).toBeGreaterThan(100);
      expect(customers.keys).toBeLessThan(customers.accounts);
    });

    test("Contoso and Northwind see each other's overlapping customers and prospects, and drill into them", async () => {
      const { body: matrix } = await cpo.get(
        `/api/v1/accounts/matrix?partnerId=${partners.get('Northwind MSP')}`,
      );
      const shared = cellOf(matrix, 'customers', 'customers');
      expect(shared).toMatchObject({ visible: true, level: 'overlap' });
      expect(shared.keys).toBeGreaterThanOrEqual(40);
      expect(cellOf(matrix, 'prospects', 'customers').keys).toBeGreaterThanOrEqual(20);
      expect(cellOf(matrix, 'open_opportunities', 'customers')).toMatchObject({
        visible: true,
        level: 'counts',
      });
      // Both sides count the same overlap.
      const { body: mirror } = await nora.get(
        `/api/v1/accounts/matrix?partnerId=${norasPartners.get('Contoso Cloud')}`,
      );
      expect(cellOf(mirror, 'customers', 'customers').keys).toBe(shared.keys);

      const list = await cpo.get(
        `/api/v1/accounts/matrix/list?partnerId=${partners.get('Northwind MSP')}&mine=${shared.mine}&theirs=${shared.theirs}&limit=100`,
      );
      expect(list.status).toBe(200);
      expect(list.body.data).toHaveLength(shared.keys);
      const saimaa = list.body.data.find((r: Body) =>
        r.mine.some((a: Body) => a.domain === 'saimaapaper.fi'),
      );
      expect(saimaa.theirs[0]).toMatchObject({
        name: 'Saimaa Paper Oy',
        domain: 'saimaapaper.fi',
        fields: {},
      });
      const counts = cellOf(matrix, 'open_opportunities', 'customers');
      const denied = await cpo.get(
        `/api/v1/accounts/matrix/list?partnerId=${partners.get('Northwind MSP')}&mine=${counts.mine}&theirs=${counts.theirs}`,
      );
      expect(denied.status).toBe(403);
    });

    test('Fabrikam overlaps Contoso’s open opportunities, shared as counts only', async () => {
      const { body: matrix } = await cpo.get(
        `/api/v1/accounts/matrix?partnerId=${partners.get('Fabrikam Integrators')}`,
      );
      expect(new Set(matrix.cells.map((c: Body) => c.level))).toEqual(new Set(['counts']));
      const cell = cellOf(matrix, 'open_opportunities', 'customers');
      expect(cell.keys).toBeGreaterThanOrEqual(20);
      const list = await cpo.get(
        `/api/v1/accounts/matrix/list?partnerId=${partners.get('Fabrikam Integrators')}&mine=${cell.mine}&theirs=${cell.theirs}`,
      );
      expect(list.status).toBe(403);
    });

    test('Litware has accounts but shares nothing yet', async () => {
      const { body } = await nora.get('/api/v1/accounts/partners');
      const litware = body.data.find((p: Body) => p.partner.name === 'Litware Security');
      expect(litware).toMatchObject({ hasAccounts: true, theyShare: { counts: 0, overlap: 0, full: 0 } });
      const { body: matrix } = await nora.get(`/api/v1/accounts/matrix?partnerId=${litware.partner.id}`);
      expect(matrix.columns).toEqual([]);
      // Contoso has not answered Litware's proposal yet: nothing is shared while it is not active.
      expect(partners.has('Litware Security')).toBe(false);
    });

    test('Contoso maps its list of the offline partner First Up Consultants in full', async () => {
      const { body: matrix } = await cpo.get(
        `/api/v1/accounts/matrix?partnerId=${partners.get('First Up Consultants')}`,
      );
      expect(matrix.offline).toBe(true);
      const cell = cellOf(matrix, 'customers', 'customers');
      expect(cell).toMatchObject({ visible: true, level: 'full' });
      expect(cell.keys).toBeGreaterThan(0);
      const { body: network } = await cpo.get(`/api/v1/accounts/network?population=${cell.mine}`);
      expect(Object.fromEntries(network.data.map((r: Body) => [r.partner.name, r.status]))).toMatchObject({
        'Northwind MSP': 'shared',
        'Fabrikam Integrators': 'shared',
        'First Up Consultants': 'shared',
        'Tailspin Referrals': 'no_accounts',
      });
    });

    test("Northwind's draft registration for City Power & Light meets Contoso's imported open opportunity", async () => {
      const { body } = await nora.post('/api/v1/registrations/conflict-check', {
        vendorId: norasPartners.get('Contoso Cloud'),
        customerName: 'City Power & Light',
        customerDomain: 'cpandl.com',
        customerCountry: 'NO',
      });
      expect(body.outcome).toBe('potential_conflict');
    });
  });
});
