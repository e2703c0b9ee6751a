// The demo as its users see it through the API: Contoso's programs with partners in every tier,
// the applications queue, commissions from the demo deals, payouts, MDF and P2P netting.
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
    expect(Object.fromEntries([...byPartner].map(([name, e]) => [name, e.tier?.name]))).toEqual({
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
});
