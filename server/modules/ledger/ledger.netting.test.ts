import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { enrollIn } from '../../test/programs-factories.ts';
import { entriesOf, referral } from './ledger.fixtures.ts';

describe('P2P referral fees and netting', () => {
  let h: TestApp;
  let contoso: TestMember;
  let northwind: TestMember;
  let contosoFinance: TestMember;
  let northwindMember: TestMember;
  let outsider: TestMember;
  let pair: string;
  const today = new Date().toISOString().slice(0, 10);
  const month = today.slice(0, 7);

  beforeAll(async () => {
    h = await createTestApp();
    contoso = await createOrg(h, 'Contoso');
    northwind = await createOrg(h, 'Northwind');
    contosoFinance = await addMember(h, contoso.orgId, 'finance');
    northwindMember = await addMember(h, northwind.orgId, 'member');
    outsider = await createOrg(h, 'Outsider');
    pair = await partnerUp(h, contoso, northwind, ['refers', 'co_sells']);
  });
  afterAll(() => h?.close());

  test('each side sets the fee it pays; both see both; bad rates and strangers are refused', async () => {
    const none = await h.as(contoso.token).get(`/api/v1/partnerships/${pair}/referral-fee`);
    expect(none.body).toMatchObject({ rateBp: null, partnerRateBp: null, partner: { name: 'Northwind' } });
    const set = await h.as(contoso.token).put(`/api/v1/partnerships/${pair}/referral-fee`, { rateBp: 1000 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ rateBp: 1000, partnerRateBp: null });
    await h.as(northwind.token).put(`/api/v1/partnerships/${pair}/referral-fee`, { rateBp: 500 });
    expect((await h.as(northwind.token).get(`/api/v1/partnerships/${pair}/referral-fee`)).body).toMatchObject(
      {
        rateBp: 500,
        partnerRateBp: 1000,
        partner: { name: 'Contoso' },
      },
    );
    const bell = await h.as(northwind.token).get('/api/v1/notifications?limit=1');
    expect(bell.body.data[0].title).toBe('Contoso pays you 10 % on your referrals it wins');

    for (const rateBp of [-1, 10_001, 12.5])
      expect(
        (await h.as(contoso.token).put(`/api/v1/partnerships/${pair}/referral-fee`, { rateBp })).status,
      ).toBe(400);
    expect(
      (await h.as(northwindMember.token).put(`/api/v1/partnerships/${pair}/referral-fee`, { rateBp: 1 }))
        .status,
    ).toBe(403);
    expect(
      (await h.as(outsider.token).put(`/api/v1/partnerships/${pair}/referral-fee`, { rateBp: 1 })).status,
    ).toBe(404);
    expect((await h.as(outsider.token).get(`/api/v1/partnerships/${pair}/referral-fee`)).status).toBe(404);
  });

  test('won referrals earn the fee at once; netting shows both ways, who owes whom, and settles once', async () => {
    // Northwind wins Contoso's referral: it pays Contoso its 5 % (EUR 750.00 of 15,000.00).
    const toNorthwind = await referral(h, contoso, northwind, ['accepted', 'won'], {
      amountMinor: 1_500_000,
    });
    const [fee] = await entriesOf(h, toNorthwind);
    expect(fee).toMatchObject({
      kind: 'p2p_fee',
      organizationId: northwind.orgId,
      beneficiaryId: contoso.orgId,
      amountMinor: 75_000,
      sourceType: 'deal.p2p_fee',
    });
    expect(fee!.availableAt.getTime()).toBe(fee!.earnedAt.getTime());
    // Contoso wins two of Northwind's and pays its 10 %: of EUR 4,000.00 and of USD 1,000.00.
    await referral(h, northwind, contoso, ['accepted', 'won'], { amountMinor: 400_000 });
    await referral(h, northwind, contoso, ['accepted', 'won'], { amountMinor: 100_000, currency: 'USD' });

    const view = await h.as(contoso.token).get(`/api/v1/partnerships/${pair}/netting`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body.months).toHaveLength(24); // 12 months × EUR, USD
    expect(view.body.months.filter((m: { month: string }) => m.month === month)).toEqual([
      { month, currency: 'EUR', owedToMe: 75_000, owedByMe: 40_000, settled: 0, net: 35_000 },
      { month, currency: 'USD', owedToMe: 0, owedByMe: 10_000, settled: 0, net: -10_000 },
    ]);
    expect(view.body.balances).toEqual([
      { currency: 'EUR', net: 35_000 },
      { currency: 'USD', net: -10_000 },
    ]);
    expect(view.body.headline).toBe('Northwind owes Contoso €350.00; Contoso owes Northwind $100.00');
    const mirrored = await h
      .as(northwind.token)
      .get(`/api/v1/partnerships/${pair}/netting?from=${month}-01&to=${today}`);
    expect(mirrored.body.balances).toEqual([
      { currency: 'EUR', net: -35_000 },
      { currency: 'USD', net: 10_000 },
    ]);
    expect(mirrored.body.months).toHaveLength(2);

    // Refused: a member, an outsider, a bad period, a period not ended yet.
    const period = { periodStart: `${month}-01`, periodEnd: today };
    const settle = (who: TestMember, body: object) =>
      h.as(who.token).post(`/api/v1/partnerships/${pair}/netting/settle`, body);
    expect((await settle(northwindMember, period)).status).toBe(403);
    expect((await settle(outsider, period)).status).toBe(404);
    expect((await settle(contosoFinance, { periodStart: today, periodEnd: '2020-01-01' })).status).toBe(400);
    expect((await settle(contosoFinance, { periodStart: today, periodEnd: '2999-01-01' })).status).toBe(400);
  });

  test('settling posts one entry per currency from the side that owes; twice is 409; nothing owed is 409', async () => {
    const period = { periodStart: `${month}-01`, periodEnd: today, externalReference: 'SEPA-42' };
    const res = await h.as(contosoFinance.token).post(`/api/v1/partnerships/${pair}/netting/settle`, period);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(
      res.body.data.map((e: { kind: string; payer: { name: string }; amount: object }) => [
        e.kind,
        e.payer.name,
        e.amount,
      ]),
    ).toEqual([
      ['settlement', 'Northwind', { amountMinor: 35_000, currency: 'EUR' }],
      ['settlement', 'Contoso', { amountMinor: 10_000, currency: 'USD' }],
    ]);
    expect(res.body.data[0].description).toContain('SEPA-42');
    const after = await h.as(contoso.token).get(`/api/v1/partnerships/${pair}/netting`);
    expect(after.body.balances).toEqual([
      { currency: 'EUR', net: 0 },
      { currency: 'USD', net: 0 },
    ]);
    expect(after.body.headline).toBe('Contoso and Northwind are settled up');
    expect(
      after.body.months.find(
        (m: { month: string; currency: string }) => m.month === month && m.currency === 'EUR',
      ),
    ).toEqual({ month, currency: 'EUR', owedToMe: 75_000, owedByMe: 40_000, settled: 35_000, net: 0 });

    const twice = await h.as(northwind.token).post(`/api/v1/partnerships/${pair}/netting/settle`, period);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_exists');
    const bell = await h.as(northwind.token).get('/api/v1/notifications?limit=1');
    expect(bell.body.data[0].body).toContain('You pay €350.00');
    const earlier = await h.as(northwind.token).post(`/api/v1/partnerships/${pair}/netting/settle`, {
      periodStart: '2020-01-01',
      periodEnd: '2020-01-31',
    });
    expect(earlier.status).toBe(409);
    expect(earlier.body.error).toMatchObject({ code: 'invalid_state', details: { settledThrough: today } });
  });

  test('a pair with no fees has nothing to settle', async () => {
    const [a, b] = [await createOrg(h, 'Quiet A'), await createOrg(h, 'Quiet B')];
    const quiet = await partnerUp(h, a, b, ['refers']);
    const res = await h
      .as(a.token)
      .post(`/api/v1/partnerships/${quiet}/netting/settle`, { periodStart: `${month}-01`, periodEnd: today });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('nothing_to_pay');
    expect((await h.as(a.token).get(`/api/v1/partnerships/${quiet}/netting`)).body).toMatchObject({
      months: [],
      balances: [],
      headline: 'Quiet A and Quiet B are settled up',
    });
  });

  test('a program rule takes precedence over the P2P fee', async () => {
    const [vendorish, seller] = [
      await createOrg(h, 'Program Receiver'),
      await createOrg(h, 'Program Sender'),
    ];
    const p = await partnerUp(h, seller, vendorish, ['refers']);
    await h.as(vendorish.token).put(`/api/v1/partnerships/${p}/referral-fee`, { rateBp: 2000 });
    await enrollIn(h, vendorish, seller, {
      rules: [{ kind: 'flat', event: 'deal_won', amountMinor: 1_234 }],
    });
    const id = await referral(h, seller, vendorish, ['accepted', 'won']);
    expect((await entriesOf(h, id)).map((e) => [e.kind, e.amountMinor])).toEqual([['commission', 1_234]]);
  });
});
