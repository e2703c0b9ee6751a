import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { seedAccounts } from './accounts.matrix.fixtures.ts';

type Seeded = Awaited<ReturnType<typeof seedAccounts>>;

describe('accounts sharing and matrix: tenants and roles', () => {
  let h: TestApp;
  let vendor: TestMember;
  let partner: TestMember;
  let stranger: TestMember; // no partnership with anyone here but its own partner
  let strangersPartner: TestMember;
  let offlineId: string;
  let v: Seeded;
  let p: Seeded;
  let s: Seeded;

  beforeAll(async () => {
    h = await createTestApp();
    vendor = await createOrg(h, 'Vendor Co');
    partner = await createOrg(h, 'Partner Co');
    stranger = await createOrg(h, 'Stranger Co');
    strangersPartner = await createOrg(h, 'Stranger Partner');
    await partnerUp(h, vendor, partner);
    await partnerUp(h, stranger, strangersPartner);
    offlineId = (
      await h.as(vendor.token).post('/api/v1/directory', { name: 'Offline Ltd', domain: 'offline-ltd.com' })
    ).body.id;
    const accounts = [
      { name: 'Acme', domain: 'acme.com', pops: ['customers'] },
      { name: 'Globex', domain: 'globex.com', pops: ['customers', 'prospects'] },
    ];
    v = await seedAccounts(h, vendor, accounts);
    p = await seedAccounts(h, partner, accounts);
    s = await seedAccounts(h, stranger, accounts);
    await seedAccounts(h, vendor, accounts, { subjectId: offlineId });
    const both = [{ populationId: '', level: 'full' }];
    for (const [who, to, pops] of [
      [vendor, partner, v],
      [partner, vendor, p],
    ] as const) {
      const res = await h.as(who.token).put('/api/v1/accounts/sharing', {
        partnerId: to.orgId,
        populations: both.map((x) => ({ ...x, populationId: pops.pops.customers!.id })),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  });
  afterAll(() => h?.close());

  const cellUrl = (path: string, partnerId: string, mine: string, theirs: string) =>
    `/api/v1/accounts/matrix/${path}?partnerId=${partnerId}&mine=${mine}&theirs=${theirs}`;

  test('another organization sees nothing of a pair it is not part of (404 or empty)', async () => {
    const as = h.as(stranger.token);
    expect((await as.get('/api/v1/accounts/partners')).body.data).toEqual([
      expect.objectContaining({ partner: expect.objectContaining({ id: strangersPartner.orgId }) }),
    ]);
    for (const other of [vendor.orgId, partner.orgId, offlineId, stranger.orgId, 'no-such-org']) {
      expect((await as.get(`/api/v1/accounts/sharing?partnerId=${other}`)).status).toBe(404);
      expect((await as.get(`/api/v1/accounts/matrix?partnerId=${other}`)).status).toBe(404);
      for (const path of ['list', 'list.csv']) {
        const res = await as.get(cellUrl(path, other, s.pops.customers!.id, v.pops.customers!.id));
        expect(res.status).toBe(404);
      }
      const put = await as.put('/api/v1/accounts/sharing', {
        partnerId: other,
        populations: [{ populationId: s.pops.customers!.id, level: 'full' }],
      });
      expect(put.status, `${other} ${JSON.stringify(put.body)}`).toBe(404);
    }
    // Someone else's populations: not found as a network origin, and not "mine" in a cell.
    expect((await as.get(`/api/v1/accounts/network?population=${v.pops.customers!.id}`)).status).toBe(404);
    const asPartner = h.as(partner.token);
    expect((await asPartner.get(`/api/v1/accounts/network?population=${v.pops.customers!.id}`)).status).toBe(
      404,
    );
    expect(
      (await asPartner.get(cellUrl('list', vendor.orgId, v.pops.customers!.id, v.pops.customers!.id))).status,
    ).toBe(404);
    // The partner's hidden population (prospects) is as unknown as a made-up id.
    const hidden = await asPartner.get(
      cellUrl('list', vendor.orgId, p.pops.customers!.id, v.pops.prospects!.id),
    );
    const madeUp = await asPartner.get(cellUrl('list', vendor.orgId, p.pops.customers!.id, 'made-up'));
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(madeUp.body);
    // Sharing someone else's population with my own partner: refused without saying whose it is.
    const foreign = await as.put('/api/v1/accounts/sharing', {
      partnerId: strangersPartner.orgId,
      populations: [{ populationId: v.pops.customers!.id, level: 'full' }],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toBe('Not one of your populations');
    // A cursor from another tenant's list finds nothing of it.
    const page = await h
      .as(vendor.token)
      .get(`${cellUrl('list', partner.orgId, v.pops.customers!.id, p.pops.customers!.id)}&limit=1`);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const stolen = await asPartner.get(
      `${cellUrl('list', vendor.orgId, p.pops.customers!.id, v.pops.customers!.id)}&cursor=${page.body.nextCursor}`,
    );
    expect(stolen.body.data).toEqual([]);
  });

  test('roles: reading needs accounts.read, changing sharing needs accounts.share', async () => {
    const member = await addMember(h, vendor.orgId, 'member');
    const sales = await addMember(h, vendor.orgId, 'sales');
    const manager = await addMember(h, vendor.orgId, 'alliance_manager');
    const cpo = await addMember(h, vendor.orgId, 'cpo');
    const reads = [
      '/api/v1/accounts/partners',
      `/api/v1/accounts/sharing?partnerId=${partner.orgId}`,
      `/api/v1/accounts/matrix?partnerId=${partner.orgId}`,
      cellUrl('list', partner.orgId, v.pops.customers!.id, p.pops.customers!.id),
      cellUrl('list.csv', partner.orgId, v.pops.customers!.id, p.pops.customers!.id),
      `/api/v1/accounts/network?population=${v.pops.customers!.id}`,
    ];
    const put = (who: TestMember) =>
      h.as(who.token).put('/api/v1/accounts/sharing', {
        partnerId: partner.orgId,
        populations: [{ populationId: v.pops.customers!.id, level: 'full' }],
      });
    for (const url of reads) {
      expect((await h.as(member.token).get(url)).status).toBe(403);
      expect((await h.as(sales.token).get(url)).status).toBe(200);
      expect((await h.as(manager.token).get(url)).status).toBe(200);
      expect((await h.as(null).get(url)).status).toBe(401);
    }
    for (const who of [member, sales, manager]) {
      const res = await put(who);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await put(cpo)).status).toBe(200);
    // The change is audited.
    const audit = await h.as(vendor.token).get('/api/v1/audit-log?limit=5');
    expect(audit.body.data).toContainEqual(
      expect.objectContaining({ action: 'accounts.sharing_updated', targetId: partner.orgId }),
    );
  });
});
