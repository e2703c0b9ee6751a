import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { seedAccounts } from './accounts.matrix.fixtures.ts';

type Pops = Awaited<ReturnType<typeof seedAccounts>>['pops'];
interface Cell {
  mine: string;
  theirs: string;
  visible: boolean;
  keys: number | null;
  level: string;
}

describe('accounts: sharing levels, seen from both sides', () => {
  let h: TestApp;
  let vendor: TestMember;
  let partner: TestMember;
  let partnershipId: string;
  let v: Pops;
  let p: Pops;

  beforeAll(async () => {
    h = await createTestApp();
    vendor = await createOrg(h, 'Vendor Co');
    partner = await createOrg(h, 'Partner Co');
    partnershipId = await partnerUp(h, vendor, partner);
    ({ pops: v } = await seedAccounts(h, vendor, [
      {
        name: 'Acme',
        domain: 'acme.com',
        pops: ['customers', 'open_opportunities'],
        fields: { Industry: 'Retail' },
      },
      { name: 'Globex', domain: 'globex.com', pops: ['customers'] },
      { name: 'Hooli', domain: 'hooli.com', pops: ['customers'] },
      { name: 'Nordlys', country: 'SE', pops: ['customers'] },
      { name: 'Initech', domain: 'initech.com', pops: ['prospects'] },
      { name: 'Umbrella', domain: 'umbrella.com', pops: ['prospects'] },
      { name: 'Wayne', domain: 'wayne.com', pops: ['prospects'] },
    ]));
    ({ pops: p } = await seedAccounts(
      h,
      partner,
      [
        {
          name: 'Acme Corp',
          domain: 'acme.com',
          pops: ['customers'],
          status: 'Customer',
          fields: { Industry: 'Industrial', Revenue: '10M', Owner: 'Pat' },
        },
        { name: 'ACME Inc', domain: 'acme.com', pops: ['customers'] },
        { name: 'Globex Intl', domain: 'globex.com', pops: ['customers'] },
        { name: 'Nordlys', country: 'SE', pops: ['customers'] },
        { name: 'Stark', domain: 'stark.com', pops: ['customers'] },
        { name: 'Initech Ltd', domain: 'initech.com', pops: ['prospects'] },
        { name: 'Umbrella Hidden', domain: 'umbrella.com', pops: ['Secret targets'] },
        { name: 'Wayne Hidden', domain: 'wayne.com', pops: ['Secret targets'] },
        { name: 'Hooli Hidden', domain: 'hooli.com', pops: ['Secret targets'] },
      ],
      { custom: ['Secret targets'] },
    ));
  });
  afterAll(() => h?.close());

  const share = (who: TestMember, to: TestMember, populations: object[]) =>
    h.as(who.token).put('/api/v1/accounts/sharing', { partnerId: to.orgId, populations });
  const matrix = (who: TestMember, other: TestMember) =>
    h.as(who.token).get(`/api/v1/accounts/matrix?partnerId=${other.orgId}`);
  const cell = (body: { cells: Cell[] }, mine: string, theirs: string) =>
    body.cells.find((c) => c.mine === mine && c.theirs === theirs);
  const list = (who: TestMember, other: TestMember, mine: string, theirs: string, extra = '') =>
    h
      .as(who.token)
      .get(`/api/v1/accounts/matrix/list?partnerId=${other.orgId}&mine=${mine}&theirs=${theirs}${extra}`);
  const csv = (who: TestMember, other: TestMember, mine: string, theirs: string) =>
    h
      .as(who.token)
      .get(`/api/v1/accounts/matrix/list.csv?partnerId=${other.orgId}&mine=${mine}&theirs=${theirs}`);
  // Nothing of the partner's hidden population may show anywhere the vendor looks.
  const hiddenTrace = (text: string) =>
    ['Secret', p['Secret targets']!.id, 'Hidden'].some((s) => text.includes(s));

  test('nothing is shared at first: my rows, no partner columns, and a hidden population is not even named', async () => {
    const mine = await matrix(vendor, partner);
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.rows.map((r: { name: string; level: string }) => [r.name, r.level])).toEqual([
      ['Customers', 'hidden'],
      ['Prospects', 'hidden'],
      ['Open opportunities', 'hidden'],
    ]);
    expect(mine.body.columns).toEqual([]);
    expect(mine.body.cells).toEqual([]);
    expect(hiddenTrace(JSON.stringify(mine.body))).toBe(false);
    // The partner sees its own four populations as rows, and nothing of mine.
    const theirs = await matrix(partner, vendor);
    expect(theirs.body.rows.map((r: { name: string }) => r.name)).toEqual([
      'Customers',
      'Prospects',
      'Open opportunities',
      'Secret targets',
    ]);
    expect(theirs.body.columns).toEqual([]);
    const sharing = await h.as(vendor.token).get(`/api/v1/accounts/sharing?partnerId=${partner.orgId}`);
    expect(sharing.status).toBe(200);
    expect(sharing.body.mine.map((r: { level: string }) => r.level)).toEqual(['hidden', 'hidden', 'hidden']);
    expect(sharing.body.theirs).toEqual([]);
    expect(sharing.body.fields).toEqual(expect.arrayContaining(['website', 'status', 'Industry']));
  });

  test('counts: a cell shows its count only when both sides share at counts or more, the same number both ways', async () => {
    const res = await share(partner, vendor, [
      { populationId: p.customers!.id, level: 'counts' },
      { populationId: p.prospects!.id, level: 'counts' },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // I share nothing yet: I see their shared populations, but no number.
    let mine = (await matrix(vendor, partner)).body;
    expect(mine.columns.map((c: { name: string; level: string }) => [c.name, c.level])).toEqual([
      ['Customers', 'counts'],
      ['Prospects', 'counts'],
    ]);
    expect(mine.cells.every((c: Cell) => !c.visible && c.keys === null && c.level === 'hidden')).toBe(true);
    expect((await matrix(partner, vendor)).body.columns).toEqual([]);

    await share(vendor, partner, [{ populationId: v.customers!.id, level: 'counts' }]);
    mine = (await matrix(vendor, partner)).body;
    expect(cell(mine, v.customers!.id, p.customers!.id)).toEqual({
      mine: v.customers!.id,
      theirs: p.customers!.id,
      visible: true,
      keys: 3, // acme (their duplicates count once), globex, and Nordlys by name in Sweden
      level: 'counts',
    });
    expect(cell(mine, v.customers!.id, p.prospects!.id)).toMatchObject({ visible: true, keys: 0 });
    expect(cell(mine, v.prospects!.id, p.prospects!.id)).toMatchObject({ visible: false, keys: null });
    const theirs = (await matrix(partner, vendor)).body;
    expect(theirs.columns.map((c: { name: string }) => c.name)).toEqual(['Customers']);
    expect(cell(theirs, p.customers!.id, v.customers!.id)).toMatchObject({ visible: true, keys: 3 });
    // Their hidden population's row is theirs to see, but without a number: they do not share it.
    expect(cell(theirs, p['Secret targets']!.id, v.customers!.id)).toMatchObject({
      visible: false,
      keys: null,
    });
    expect(hiddenTrace(JSON.stringify(mine))).toBe(false);

    // A counts-only cell cannot be opened, from either side, and says why.
    const drill = await list(vendor, partner, v.customers!.id, p.customers!.id);
    expect(drill.status).toBe(403);
    expect(drill.body.error.message).toContain('Partner Co shares Customers as counts only');
    expect((await csv(vendor, partner, v.customers!.id, p.customers!.id)).status).toBe(403);
    const back = await list(partner, vendor, p.customers!.id, v.customers!.id);
    expect(back.status).toBe(403);
    expect(back.body.error.message).toContain('Vendor Co shares Customers as counts only');
    // Where my side is the one holding back, I am told so (and the partner's population is not named).
    await share(partner, vendor, [
      { populationId: p.customers!.id, level: 'overlap' },
      { populationId: p.prospects!.id, level: 'overlap' },
    ]);
    const mineBack = await list(vendor, partner, v.prospects!.id, p.prospects!.id);
    expect(mineBack.status).toBe(403);
    expect(mineBack.body.error.message).toBe(
      'You do not share Prospects with Partner Co: share it at overlapping records or full to see the list',
    );
  });

  test('overlap: the list shows the names and domains both have; full adds exactly the fields chosen', async () => {
    await share(vendor, partner, [
      { populationId: v.customers!.id, level: 'overlap' },
      { populationId: v.prospects!.id, level: 'counts' },
    ]);
    const res = await list(vendor, partner, v.customers!.id, p.customers!.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.level).toBe('overlap');
    expect(res.body.nextCursor).toBeNull();
    expect(
      res.body.data.map((r: { mine: { name: string }[]; theirs: { name: string }[] }) => [
        r.mine.map((a) => a.name),
        r.theirs.map((a) => a.name).sort(),
      ]),
    ).toEqual([
      [['Acme'], ['ACME Inc', 'Acme Corp']],
      [['Globex'], ['Globex Intl']],
      [['Nordlys'], ['Nordlys']],
    ]);
    const acme = res.body.data[0];
    expect(acme.mine[0]).toMatchObject({ name: 'Acme', domain: 'acme.com', fields: { Industry: 'Retail' } });
    expect(acme.theirs).toContainEqual({ name: 'Acme Corp', domain: 'acme.com', fields: {} });
    // The list has as many rows as the cell counts.
    expect(cell((await matrix(vendor, partner)).body, v.customers!.id, p.customers!.id)?.keys).toBe(3);

    // The partner sees the same pairs from its side, with my names and nothing more.
    const back = await list(partner, vendor, p.customers!.id, v.customers!.id);
    expect(back.status).toBe(200);
    expect(back.body.data.map((r: { theirs: { name: string }[] }) => r.theirs.map((a) => a.name))).toEqual([
      ['Acme'],
      ['Globex'],
      ['Nordlys'],
    ]);
    expect(back.body.data[0].theirs[0].fields).toEqual({});

    // Full with two chosen fields: exactly those, never the others.
    await share(partner, vendor, [
      { populationId: p.customers!.id, level: 'full', fields: ['Industry', 'status'] },
      { populationId: p.prospects!.id, level: 'overlap' },
    ]);
    const full = await list(vendor, partner, v.customers!.id, p.customers!.id);
    expect(full.body.level).toBe('full');
    expect(full.body.data[0].theirs).toContainEqual({
      name: 'Acme Corp',
      domain: 'acme.com',
      fields: { Industry: 'Industrial', status: 'Customer' },
    });
    expect(JSON.stringify(full.body)).not.toMatch(/Revenue|10M|Pat/);
    const file = await csv(vendor, partner, v.customers!.id, p.customers!.id);
    expect(file.status).toBe(200);
    const [header, ...lines] = String(file.body).trim().split('\n');
    expect(header).toBe(
      'your_external_id,your_name,your_domain,your_website,your_country,your_status,your_stage,your_Industry,' +
        'partner_name,partner_domain,partner_Industry,partner_status',
    );
    expect(lines).toHaveLength(4); // Acme pairs with both of their Acme records
    expect(String(file.body)).not.toMatch(/Revenue|10M|Pat|Hidden/);
    // My side shares overlap only: the partner gets my names, not my fields.
    const theirView = await list(partner, vendor, p.customers!.id, v.customers!.id);
    expect(theirView.body.level).toBe('overlap');
    expect(JSON.stringify(theirView.body)).not.toContain('Retail');
  });

  test('a hidden population never shows: not in counts, lists, exports, the network or error messages', async () => {
    const secret = p['Secret targets']!.id;
    const unknown = '01900000-0000-7000-8000-000000000000';
    const hidden = await list(vendor, partner, v.prospects!.id, secret);
    const missing = await list(vendor, partner, v.prospects!.id, unknown);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect(hiddenTrace(JSON.stringify(hidden.body))).toBe(false);
    const file = await csv(vendor, partner, v.customers!.id, secret);
    expect(file.status).toBe(404);
    expect(file.body).toEqual((await csv(vendor, partner, v.customers!.id, unknown)).body);

    // My prospects meet their hidden population twice (Umbrella, Wayne) and their prospects once:
    // the network counts only what is shared.
    await share(vendor, partner, [
      { populationId: v.customers!.id, level: 'overlap' },
      { populationId: v.prospects!.id, level: 'overlap' },
    ]);
    const net = await h.as(vendor.token).get(`/api/v1/accounts/network?population=${v.prospects!.id}`);
    expect(net.status).toBe(200);
    expect(net.body.data).toEqual([
      {
        partner: expect.objectContaining({ id: partner.orgId }),
        offline: false,
        status: 'shared',
        keys: 1,
        best: { id: p.prospects!.id, name: 'Prospects', kind: 'prospects' },
      },
    ]);
    const everything = [
      await matrix(vendor, partner),
      await list(vendor, partner, v.prospects!.id, p.prospects!.id),
      await list(vendor, partner, v.customers!.id, p.customers!.id),
      await csv(vendor, partner, v.prospects!.id, p.prospects!.id),
      await h.as(vendor.token).get(`/api/v1/accounts/sharing?partnerId=${partner.orgId}`),
      await h.as(vendor.token).get('/api/v1/accounts/partners'),
      net,
    ];
    for (const res of everything) {
      expect(res.status).toBe(200);
      expect(hiddenTrace(typeof res.body === 'string' ? res.body : JSON.stringify(res.body))).toBe(false);
    }
    const partners = everything[5]!.body.data;
    expect(partners).toEqual([
      expect.objectContaining({
        partner: expect.objectContaining({ id: partner.orgId }),
        partnershipStatus: 'active',
        hasAccounts: true,
        iShare: { hidden: 1, counts: 0, overlap: 2, full: 0 },
        theyShare: { counts: 0, overlap: 1, full: 1 },
      }),
    ]);
  });

  test('a revocation takes effect on the next request', async () => {
    expect((await list(vendor, partner, v.customers!.id, p.customers!.id)).status).toBe(200);
    await share(partner, vendor, [{ populationId: p.prospects!.id, level: 'overlap' }]);
    const m = (await matrix(vendor, partner)).body;
    expect(m.columns.map((c: { name: string }) => c.name)).toEqual(['Prospects']);
    expect(cell(m, v.customers!.id, p.customers!.id)).toBeUndefined();
    expect((await list(vendor, partner, v.customers!.id, p.customers!.id)).status).toBe(404);
    expect((await csv(vendor, partner, v.customers!.id, p.customers!.id)).status).toBe(404);
    const network = () => h.as(vendor.token).get(`/api/v1/accounts/network?population=${v.customers!.id}`);
    expect((await network()).body.data).toEqual([
      expect.objectContaining({
        status: 'shared',
        keys: 0,
        best: expect.objectContaining({ name: 'Prospects' }),
      }),
    ]);
    // My own revocation hides the cell from both sides at once too.
    await share(vendor, partner, []);
    expect((await network()).body.data).toEqual([
      expect.objectContaining({ status: 'not_shared', keys: null, best: null }),
    ]);
    expect(cell((await matrix(partner, vendor)).body, p.prospects!.id, v.prospects!.id)).toBeUndefined();
    expect(cell((await matrix(vendor, partner)).body, v.prospects!.id, p.prospects!.id)).toMatchObject({
      visible: false,
      keys: null,
    });
    expect((await list(vendor, partner, v.prospects!.id, p.prospects!.id)).status).toBe(403);
  });

  test('simultaneous replacements of the grid all succeed; one of them is what remains', async () => {
    const grids = ['counts', 'overlap', 'full', 'counts', 'overlap'].map((level, i) => [
      { populationId: v.customers!.id, level },
      ...(i % 2 ? [{ populationId: v.prospects!.id, level: 'counts' }] : []),
    ]);
    const results = await Promise.all(grids.map((g) => share(vendor, partner, g)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const after = await h.as(vendor.token).get(`/api/v1/accounts/sharing?partnerId=${partner.orgId}`);
    const levels = after.body.mine.map((r: { level: string }) => r.level);
    expect(levels[2]).toBe('hidden');
    expect(['counts', 'overlap', 'full']).toContain(levels[0]);
  });

  test('a paused partnership shows nothing and refuses sharing changes; resuming restores what was shared', async () => {
    await share(vendor, partner, [{ populationId: v.prospects!.id, level: 'overlap' }]);
    expect((await list(vendor, partner, v.prospects!.id, p.prospects!.id)).status).toBe(200);
    const paused = await h.as(partner.token).post(`/api/v1/partnerships/${partnershipId}/pause`, {});
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);

    const m = await matrix(vendor, partner);
    expect(m.status).toBe(409);
    expect(m.body.error.message).toBe(
      'Your partnership with Partner Co is paused: nothing is shared while it is not active',
    );
    expect((await matrix(partner, vendor)).status).toBe(409);
    expect((await list(vendor, partner, v.prospects!.id, p.prospects!.id)).status).toBe(409);
    expect((await csv(vendor, partner, v.prospects!.id, p.prospects!.id)).status).toBe(409);
    const put = await share(vendor, partner, [{ populationId: v.customers!.id, level: 'full' }]);
    expect(put.status).toBe(409);
    expect(put.body.error.code).toBe('invalid_state');
    const sharing = await h.as(vendor.token).get(`/api/v1/accounts/sharing?partnerId=${partner.orgId}`);
    expect(sharing.body).toMatchObject({ partnershipStatus: 'paused', theirs: [] });
    expect(
      (await h.as(vendor.token).get(`/api/v1/accounts/network?population=${v.prospects!.id}`)).body.data,
    ).toEqual([]);
    const partners = (await h.as(vendor.token).get('/api/v1/accounts/partners')).body.data;
    expect(partners[0]).toMatchObject({
      partnershipStatus: 'paused',
      theyShare: { counts: 0, overlap: 0, full: 0 },
    });

    const resumed = await h.as(partner.token).post(`/api/v1/partnerships/${partnershipId}/resume`, {});
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    expect((await list(vendor, partner, v.prospects!.id, p.prospects!.id)).status).toBe(200);

    // An ended partnership: nothing either, and sharing cannot be set.
    await h.as(vendor.token).post(`/api/v1/partnerships/${partnershipId}/end`, { reason: 'Done' });
    expect((await matrix(vendor, partner)).status).toBe(409);
    expect((await list(vendor, partner, v.prospects!.id, p.prospects!.id)).status).toBe(409);
    expect((await share(partner, vendor, [])).status).toBe(409);
    expect((await h.as(vendor.token).get('/api/v1/accounts/partners')).body.data).toEqual([]);
  });
});
