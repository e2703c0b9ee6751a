import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, send, type TestApp } from '../../test/harness.ts';
import { convert, convertAt, divHalfEven } from './ledger.fx.ts';

describe('FX conversion arithmetic', () => {
  test('minor digits differ between currencies; results round half to even', () => {
    expect(convertAt(10_000, 'EUR', 'USD', '1.085')).toBe(10_850); // 100.00 EUR → 108.50 USD
    expect(convertAt(10_000, 'EUR', 'JPY', '160.5')).toBe(16_050); // 100.00 EUR → ¥16,050
    expect(convertAt(16_050, 'JPY', 'EUR', '160.5', true)).toBe(10_000); // inverse of EUR→JPY
    expect(convertAt(1_000, 'EUR', 'BHD', '0.41')).toBe(4_100); // 10.00 EUR → 4.100 BHD
    expect(convertAt(1, 'EUR', 'USD', '0.5')).toBe(0); // 0.5 cent → 0
    expect(convertAt(3, 'EUR', 'USD', '0.5')).toBe(2); // 1.5 cents → 2
    expect(convertAt(1, 'EUR', 'JPY', '150')).toBe(2); // 0.01 EUR = ¥1.5 → ¥2
    expect(convertAt(-3, 'EUR', 'USD', '0.5')).toBe(-2);
    expect(divHalfEven(5n, 2n)).toBe(2n);
    expect(divHalfEven(7n, 2n)).toBe(4n);
    expect(divHalfEven(-7n, 2n)).toBe(-4n);
  });
});

describe('FX rates', () => {
  let h: TestApp;
  let org: TestMember;
  let finance: TestMember;
  let member: TestMember;
  let other: TestMember;

  beforeAll(async () => {
    h = await createTestApp();
    org = await createOrg(h, 'Rates Inc');
    finance = await addMember(h, org.orgId, 'finance');
    member = await addMember(h, org.orgId, 'member');
    other = await createOrg(h, 'Other Rates');
  });
  afterAll(() => h?.close());

  const importCsv = (who: TestMember, csv: string) =>
    send(h.app, {
      method: 'POST',
      url: '/api/v1/fx-rates/import',
      headers: { authorization: `Bearer ${who.token}`, 'content-type': 'text/csv' },
      payload: csv,
    });

  test('rates are entered, listed newest first, replaced on the same date, deleted', async () => {
    const created = await h
      .as(finance.token)
      .post('/api/v1/fx-rates', { base: 'eur', quote: 'USD', rateDate: '2026-01-02', rate: '1.0850' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ base: 'EUR', quote: 'USD', rateDate: '2026-01-02', rate: '1.085' });
    await h
      .as(finance.token)
      .post('/api/v1/fx-rates', { base: 'EUR', quote: 'USD', rateDate: '2026-01-05', rate: '1.09' });
    const replaced = await h
      .as(finance.token)
      .post('/api/v1/fx-rates', { base: 'EUR', quote: 'USD', rateDate: '2026-01-02', rate: '1.08' });
    expect(replaced.body.id).toBe(created.body.id);
    const list = await h.as(org.token).get('/api/v1/fx-rates?base=EUR&quote=USD');
    expect(list.body.data.map((r: { rateDate: string; rate: string }) => [r.rateDate, r.rate])).toEqual([
      ['2026-01-05', '1.09'],
      ['2026-01-02', '1.08'],
    ]);
    const paged = await h.as(org.token).get('/api/v1/fx-rates?limit=1');
    const next = await h.as(org.token).get(`/api/v1/fx-rates?limit=1&cursor=${paged.body.nextCursor}`);
    expect(next.body.data[0].rateDate).toBe('2026-01-02');
    expect((await h.as(org.token).get('/api/v1/fx-rates?cursor=made-up')).status).toBe(400);

    // Latest on or before the date, direct or inverse; none → 422 naming the pair and date.
    expect(await convert(h.ctx.db, org.orgId, 10_000, 'EUR', 'USD', '2026-01-04')).toBe(10_800);
    expect(await convert(h.ctx.db, org.orgId, 10_000, 'EUR', 'USD', '2026-02-01')).toBe(10_900);
    expect(await convert(h.ctx.db, org.orgId, 10_900, 'USD', 'EUR', '2026-02-01')).toBe(10_000);
    expect(await convert(h.ctx.db, org.orgId, 123, 'SEK', 'SEK', '2026-02-01')).toBe(123);
    await expect(convert(h.ctx.db, org.orgId, 10_000, 'EUR', 'USD', '2026-01-01')).rejects.toMatchObject({
      code: 'fx_rate_missing',
      message: 'No EUR→USD rate on or before 2026-01-01',
      details: { base: 'EUR', quote: 'USD', date: '2026-01-01' },
    });
    // Another organization's rates are not used.
    await expect(convert(h.ctx.db, other.orgId, 10_000, 'EUR', 'USD', '2026-02-01')).rejects.toMatchObject({
      code: 'fx_rate_missing',
    });

    expect((await h.as(other.token).delete(`/api/v1/fx-rates/${created.body.id}`)).status).toBe(404);
    expect((await h.as(member.token).delete(`/api/v1/fx-rates/${created.body.id}`)).status).toBe(403);
    expect((await h.as(finance.token).delete(`/api/v1/fx-rates/${created.body.id}`)).status).toBe(204);
    expect((await h.as(finance.token).delete(`/api/v1/fx-rates/${created.body.id}`)).status).toBe(404);
    expect((await h.as(other.token).get('/api/v1/fx-rates')).body.data).toEqual([]);
  });

  test('bad rates are clear 400s', async () => {
    const bad = [
      { base: 'EUR', quote: 'EUR', rateDate: '2026-01-02', rate: '1' },
      { base: 'EUR', quote: 'XXY', rateDate: '2026-01-02', rate: '1' },
      { base: 'EUR', quote: 'USD', rateDate: '2026-02-30', rate: '1' },
      { base: 'EUR', quote: 'USD', rateDate: '2026-01-02', rate: '-1' },
      { base: 'EUR', quote: 'USD', rateDate: '2026-01-02', rate: '0' },
      { base: 'EUR', quote: 'USD', rateDate: '2026-01-02', rate: '1.12345678901' },
      { base: 'EUR', quote: 'USD', rateDate: '2026-01-02', rate: 1.1 },
    ];
    for (const body of bad) {
      const res = await h.as(finance.token).post('/api/v1/fx-rates', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    expect(
      (
        await h
          .as(member.token)
          .post('/api/v1/fx-rates', { base: 'EUR', quote: 'GBP', rateDate: '2026-01-02', rate: '0.85' })
      ).status,
    ).toBe(403);
  });

  test('CSV import: all rows checked first, row-level errors, nothing stored; re-import updates', async () => {
    const bad = await importCsv(
      finance,
      [
        'base,quote,date,rate',
        'EUR,SEK,2026-03-01,11.2',
        'EUR,XXX1,2026-03-01,1',
        'EUR,NOK,2026-13-01,11',
        'EUR,DKK,2026-03-01,abc',
        'EUR,SEK,2026-03-01,11.3',
        'EUR,CHF',
      ].join('\n'),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors).toEqual([
      { row: 3, message: expect.stringContaining('XXX1') },
      { row: 4, message: expect.stringContaining('2026-13-01') },
      { row: 5, message: expect.stringContaining('abc') },
      { row: 6, message: 'EUR→SEK on 2026-03-01 is already on row 2' },
      { row: 7, message: 'Expected 4 columns, found 2' },
    ]);
    expect(bad.body.error.message).toMatch(/^5 rows cannot be imported \(nothing was stored\): row 3/);
    expect((await h.as(finance.token).get('/api/v1/fx-rates?base=EUR&quote=SEK')).body.data).toEqual([]);

    const missingColumn = await importCsv(finance, 'base,quote,rate\nEUR,SEK,11');
    expect(missingColumn.status).toBe(400);
    expect(missingColumn.body.error.details.errors).toEqual([{ row: 1, message: 'Missing column(s): date' }]);
    expect((await importCsv(finance, 'base,quote,date,rate\n')).status).toBe(400);

    const ok = await importCsv(
      finance,
      'date,base,quote,rate\r\n2026-03-01,EUR,SEK,11.2\r\n2026-03-02,EUR,SEK,11.25\r\n',
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ imported: 2, created: 2, updated: 0 });
    const again = await importCsv(
      finance,
      'base,quote,date,rate\nEUR,SEK,2026-03-01,11.4\nsek,nok,2026-03-01,0.98',
    );
    expect(again.body).toEqual({ imported: 2, created: 1, updated: 1 });
    const sek = await h.as(finance.token).get('/api/v1/fx-rates?base=EUR&quote=SEK');
    expect(sek.body.data.map((r: { rate: string }) => r.rate)).toEqual(['11.25', '11.4']);

    expect((await importCsv(member, 'base,quote,date,rate\nEUR,SEK,2026-03-05,11.2')).status).toBe(403);
    // JSON elsewhere in the API stays JSON-only.
    const json = await send(h.app, {
      method: 'POST',
      url: '/api/v1/fx-rates',
      headers: { authorization: `Bearer ${finance.token}`, 'content-type': 'text/csv' },
      payload: 'base,quote,date,rate',
    });
    expect(json.status).toBe(400);
  });
});
