import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { type FixtureAccount, removeAccount, seedAccounts } from './accounts.matrix.fixtures.ts';

type Seeded = Awaited<ReturnType<typeof seedAccounts>>;
interface Cell {
  mine: string;
  theirs: string;
  visible: boolean;
  keys: number | null;
}

const customers = (names: string[], extra: Partial<FixtureAccount> = {}): FixtureAccount[] =>
  names.map((n) => ({ name: n, domain: `${n.toLowerCase()}.com`, pops: ['customers'], ...extra }));

describe('accounts: the overlap matrix, its lists, exports and the network view', () => {
  let h: TestApp;
  let vendor: TestMember;
  let big: TestMember; // shares customers at overlap: 4 in common
  let small: TestMember; // shares customers at counts: 2 in common
  let shy: TestMember; // shares customers, but the vendor shares nothing with it
  let empty: TestMember; // an active partner without accounts
  let offlineId: string; // an organization without users, whose list the vendor uploaded
  let v: Seeded;
  let b: Seeded;
  let s: Seeded;

  beforeAll(async () => {
    h = await createTestApp();
    vendor = await createOrg(h, 'Vendor Co');
    big = await createOrg(h, 'Big Partner');
    small = await createOrg(h, 'Small Partner');
    shy = await createOrg(h, 'Shy Partner');
    empty = await createOrg(h, 'Empty Partner');
    for (const p of [big, small, shy, empty]) await partnerUp(h, p, vendor);
    const added = await h
      .as(vendor.token)
      .post('/api/v1/directory', { name: 'Offline Ltd', domain: 'offline-ltd.com' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    offlineId = added.body.id;

    v = await seedAccounts(h, vendor, [
      ...customers(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf'], {
        fields: { Owner: '+SUM(1,2)', Region: '-EMEA' },
      }),
      { name: '@Hotel', domain: 'hotel.com', pops: ['customers', 'prospects'] },
      { name: 'Alpha Duplicate', domain: 'alpha.com', pops: ['customers'] },
    ]);
    b = await seedAccounts(h, big, [
      ...customers(['Alpha', 'Bravo', 'Charlie']),
      {
        name: '=HYPERLINK("http://evil.example","Click")',
        domain: 'hotel.com',
        pops: ['customers'],
        fields: { Note: '=1+1', Tier: 'Gold' },
      },
      ...customers(['Zulu', 'Yankee']),
      { name: 'Echo Prospect', domain: 'echo.com', pops: ['prospects'] },
    ]);
    s = await seedAccounts(h, small, customers(['Alpha', 'Golf', 'Xray']));
    await seedAccounts(h, shy, customers(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot']));
    await seedAccounts(
      h,
      vendor,
      customers(['Bravo', 'Delta', 'Foxtrot', 'Kilo'], { fields: { Owner: 'Olga' } }),
      {
        subjectId: offlineId,
      },
    );

    const share = async (who: TestMember, to: TestMember, populations: object[]) => {
      const res = await h.as(who.token).put('/api/v1/accounts/sharing', { partnerId: to.orgId, populations });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await share(vendor, big, [
      { populationId: v.pops.customers!.id, level: 'full', fields: ['Owner', 'Region'] },
      { populationId: v.pops.prospects!.id, level: 'counts' },
    ]);
    await share(vendor, small, [{ populationId: v.pops.customers!.id, level: 'counts' }]);
    await share(big, vendor, [
      { populationId: b.pops.customers!.id, level: 'full', fields: ['Note'] },
      { populationId: b.pops.prospects!.id, level: 'counts' },
    ]);
    await share(small, vendor, [{ populationId: s.pops.customers!.id, level: 'counts' }]);
    const shyPops = (await h.as(shy.token).get(`/api/v1/accounts/sharing?partnerId=${vendor.orgId}`)).body
      .mine;
    await share(shy, vendor, [{ populationId: shyPops[0].population.id, level: 'overlap' }]);
  });
  afterAll(() => h?.close());

  const matrix = (who: TestMember, partnerId: string) =>
    h.as(who.token).get(`/api/v1/accounts/matrix?partnerId=${partnerId}`);
  const cellOf = (body: { cells: Cell[] }, mine: string, theirs: string) =>
    body.cells.find((c) => c.mine === mine && c.theirs === theirs);
  const list = (partnerId: string, mine: string, theirs: string, extra = '') =>
    h
      .as(vendor.token)
      .get(`/api/v1/accounts/matrix/list?partnerId=${partnerId}&mine=${mine}&theirs=${theirs}${extra}`);

  test('the matrix is the maintained overlap: duplicates count once, and changes show on the next read', async () => {
    const m = await matrix(vendor, big.orgId);
    expect(m.status).toBe(200);
    // alpha (mine twice), bravo, charlie, hotel
    expect(cellOf(m.body, v.pops.customers!.id, b.pops.customers!.id)?.keys).toBe(4);
    expect(cellOf(m.body, v.pops.customers!.id, b.pops.prospects!.id)?.keys).toBe(1);
    expect(cellOf(m.body, v.pops.prospects!.id, b.pops.customers!.id)?.keys).toBe(1);
    expect(m.body.totals).toEqual({ visibleCells: 4, maxKeys: 4 }); // my open opportunities are hidden
    // The other side reads the same numbers.
    const back = await matrix(big, vendor.orgId);
    expect(cellOf(back.body, b.pops.customers!.id, v.pops.customers!.id)?.keys).toBe(4);

    // An account the partner adds (and removes) moves the count for both sides.
    await seedAccounts(h, big, customers(['Delta']));
    expect(
      cellOf((await matrix(vendor, big.orgId)).body, v.pops.customers!.id, b.pops.customers!.id)?.keys,
    ).toBe(5);
    await removeAccount(h, b.set.id, 'Delta');
    expect(
      cellOf((await matrix(big, vendor.orgId)).body, b.pops.customers!.id, v.pops.customers!.id)?.keys,
    ).toBe(4);
  });

  test('a list pages by company, in a stable order, and has as many rows as the cell counts', async () => {
    const seen: string[][] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(
        big.orgId,
        v.pops.customers!.id,
        b.pops.customers!.id,
        `&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.data.map((r: { mine: { name: string }[] }) => r.mine.map((a) => a.name).sort()));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toEqual([['Alpha', 'Alpha Duplicate'], ['Bravo'], ['Charlie'], ['@Hotel']]);
    const bad = await list(big.orgId, v.pops.customers!.id, b.pops.customers!.id, '&cursor=bm9wZQ');
    expect(bad.status).toBe(400);
    // The partner's full sharing shows its chosen field, and nothing it did not choose.
    const hotel = (await list(big.orgId, v.pops.customers!.id, b.pops.customers!.id)).body.data[3];
    expect(hotel.theirs).toEqual([
      { name: '=HYPERLINK("http://evil.example","Click")', domain: 'hotel.com', fields: { Note: '=1+1' } },
    ]);
  });

  test('CSV exports neutralise formula cells (=HYPERLINK, +, -, @) on both sides', async () => {
    const res = await h
      .as(vendor.token)
      .get(
        `/api/v1/accounts/matrix/list.csv?partnerId=${big.orgId}&mine=${v.pops.customers!.id}&theirs=${b.pops.customers!.id}`,
      );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="overlap-customers-big-partner-customers.csv"',
    );
    const body = String(res.body);
    const lines = body.trim().split('\n');
    expect(lines[0]).toBe(
      'your_external_id,your_name,your_domain,your_website,your_country,your_status,your_stage,your_Owner,' +
        'your_Region,partner_name,partner_domain,partner_Note',
    );
    expect(lines).toHaveLength(1 + 5); // alpha twice (my duplicate), bravo, charlie, hotel
    const hotel = lines.find((l) => l.includes('hotel.com'))!;
    expect(hotel).toContain(`,'@Hotel,`);
    expect(hotel).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(hotel).toContain(`,'=1+1`);
    expect(body).toContain(`"'+SUM(1,2)"`);
    expect(body).toContain(`,'-EMEA,`);
    // No cell starts with a formula character.
    const cells: string[][] = parse(body);
    for (const row of cells) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells.flat()).toContain(`'=HYPERLINK("http://evil.example","Click")`);
    expect(body).not.toContain('Gold');
  });

  test('the network view ranks partners by their best visible overlap; not shared ones come after, without numbers', async () => {
    const res = await h.as(vendor.token).get(`/api/v1/accounts/network?population=${v.pops.customers!.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.population).toEqual({ id: v.pops.customers!.id, name: 'Customers', kind: 'customers' });
    expect(
      res.body.data.map(
        (r: {
          partner: { name: string };
          status: string;
          keys: number | null;
          best: { name: string } | null;
        }) => [r.partner.name, r.status, r.keys, r.best?.name ?? null],
      ),
    ).toEqual([
      ['Big Partner', 'shared', 4, 'Customers'],
      ['Offline Ltd', 'shared', 3, 'Customers'],
      ['Small Partner', 'shared', 2, 'Customers'],
      ['Shy Partner', 'not_shared', null, null], // it shares, but the vendor does not
      ['Empty Partner', 'no_accounts', null, null],
    ]);
    // Prospects: only Big Partner's cells are visible (the vendor shares prospects with it alone).
    const prospects = await h
      .as(vendor.token)
      .get(`/api/v1/accounts/network?population=${v.pops.prospects!.id}`);
    expect(prospects.body.data[0]).toMatchObject({
      partner: { name: 'Big Partner' },
      keys: 1,
      status: 'shared',
    });
    expect(prospects.body.data[1]).toMatchObject({
      partner: { name: 'Offline Ltd' },
      keys: 0,
      status: 'shared',
    });
    // A population of someone else's is not found.
    const foreign = await h
      .as(vendor.token)
      .get(`/api/v1/accounts/network?population=${b.pops.customers!.id}`);
    expect(foreign.status).toBe(404);
  });

  test('an offline partner: my list for them is mine, fully visible to me; nothing can be shared back', async () => {
    const partners = (await h.as(vendor.token).get('/api/v1/accounts/partners')).body.data;
    expect(partners.map((p: { partner: { name: string } }) => p.partner.name)).toEqual([
      'Big Partner',
      'Empty Partner',
      'Offline Ltd',
      'Shy Partner',
      'Small Partner',
    ]);
    expect(partners.find((p: { offline: boolean }) => p.offline)).toEqual({
      partner: { id: offlineId, name: 'Offline Ltd', slug: expect.any(String) },
      offline: true,
      partnershipStatus: null,
      hasAccounts: true,
      iShare: { hidden: 3, counts: 0, overlap: 0, full: 0 },
      theyShare: { counts: 0, overlap: 0, full: 3 },
    });
    expect(
      partners.find((p: { partner: { name: string } }) => p.partner.name === 'Empty Partner'),
    ).toMatchObject({
      hasAccounts: false,
      partnershipStatus: 'active',
      iShare: { hidden: 3 },
    });

    const m = await matrix(vendor, offlineId);
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    expect(m.body).toMatchObject({ offline: true, partnershipStatus: null });
    expect(m.body.columns.map((c: { name: string; level: string }) => [c.name, c.level])).toEqual([
      ['Customers', 'full'],
      ['Prospects', 'full'],
      ['Open opportunities', 'full'],
    ]);
    const offlineCustomers = m.body.columns[0].id;
    expect(cellOf(m.body, v.pops.customers!.id, offlineCustomers)?.keys).toBe(3);
    const rows = await list(offlineId, v.pops.customers!.id, offlineCustomers);
    expect(rows.status).toBe(200);
    expect(rows.body.data[0].theirs[0]).toEqual({
      name: 'Bravo',
      domain: 'bravo.com',
      fields: { website: 'https://www.bravo.com', Owner: 'Olga' },
    });
    const put = await h.as(vendor.token).put('/api/v1/accounts/sharing', {
      partnerId: offlineId,
      populations: [{ populationId: v.pops.customers!.id, level: 'full' }],
    });
    expect(put.status).toBe(409);
    expect(put.body.error.message).toBe(
      'Offline Ltd has no users: there is nobody to share with until they join',
    );
    // The list is the vendor's alone: nobody else maps against it.
    expect((await matrix(big, offlineId)).status).toBe(404);
    expect((await h.as(big.token).get('/api/v1/accounts/partners')).body.data).toEqual([
      expect.objectContaining({ partner: expect.objectContaining({ name: 'Vendor Co' }) }),
    ]);
  });

  test("deal registration: a customer among the vendor's imported open opportunities is a potential conflict", async () => {
    await seedAccounts(h, vendor, [
      { name: 'Initrode', domain: 'initrode.com', country: 'US', pops: ['open_opportunities'] },
      { name: 'Kruger Industrial', country: 'DE', pops: ['open_opportunities'] },
      { name: 'Vandelay', domain: 'vandelay.com', country: 'US', pops: ['customers'] },
    ]);
    const register = (over: object) =>
      h.as(small.token).post('/api/v1/registrations', {
        vendorId: vendor.orgId,
        customerCountry: 'US',
        amountMinor: 1_000_000,
        currency: 'EUR',
        expectedClose: `${new Date().getUTCFullYear() + 1}-06-30`,
        submit: true,
        ...over,
      });
    const preview = await h.as(small.token).post('/api/v1/registrations/conflict-check', {
      vendorId: vendor.orgId,
      customerName: 'Initrode GmbH',
      customerDomain: 'shop.initrode.de',
      customerCountry: 'DE',
    });
    expect(preview.body.outcome).toBe('potential_conflict');

    const byDomain = await register({
      customerName: 'Initrode GmbH',
      customerDomain: 'https://shop.initrode.de',
    });
    expect(byDomain.status, JSON.stringify(byDomain.body)).toBe(201);
    expect(byDomain.body).toMatchObject({
      conflictOutcome: 'potential_conflict',
      conflicts: null,
      accountMatches: null,
    });
    const seen = await h.as(vendor.token).get(`/api/v1/deals/${byDomain.body.id}`);
    expect(seen.body.conflicts).toEqual([]);
    expect(seen.body.accountMatches).toEqual([
      expect.objectContaining({ name: 'Initrode', domain: 'initrode.com', matchedBy: 'domain', score: 1 }),
    ]);
    const queue = await h.as(vendor.token).get('/api/v1/deals/review-queue');
    expect(queue.body.data.find((d: { id: string }) => d.id === byDomain.body.id)).toMatchObject({
      conflictCount: 1,
    });

    const byName = await register({
      customerName: 'Kruger Industrial GmbH',
      customerDomain: null,
      customerCountry: 'DE',
    });
    expect(byName.body.conflictOutcome).toBe('potential_conflict');
    const named = await h.as(vendor.token).get(`/api/v1/deals/${byName.body.id}`);
    expect(named.body.accountMatches).toEqual([
      expect.objectContaining({ name: 'Kruger Industrial', matchedBy: 'name' }),
    ]);

    // A customer (not an open opportunity) and another country's namesake are no conflict.
    expect(
      (await register({ customerName: 'Vandelay', customerDomain: 'vandelay.com' })).body.conflictOutcome,
    ).toBe('clear');
    expect(
      (await register({ customerName: 'Kruger Industrial', customerDomain: null, customerCountry: 'FR' }))
        .body.conflictOutcome,
    ).toBe('clear');
    // Another vendor's imported opportunities are not this vendor's pipeline.
    const elsewhere = await h.as(vendor.token).post('/api/v1/registrations/conflict-check', {
      vendorId: small.orgId,
      customerName: 'Initrode',
      customerDomain: 'initrode.com',
      customerCountry: 'US',
    });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(200);
    expect(elsewhere.body.outcome).toBe('clear');
  });
});
