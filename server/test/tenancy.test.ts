import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../db/client.ts';
import { notify } from '../modules/notifications/index.ts';
import { addMember, createOrg, partnerUp, type TestMember } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

// Tables that are not owned by one tenant: identity (a user can belong to several organizations),
// the tenant table itself, instance-wide settings and infrastructure.
const GLOBAL_TABLES = [
  'user',
  'session',
  'account',
  'verification',
  'organization',
  'rate_limit',
  'mail_outbox',
  'instance_setting',
  'directory_term',
  // The insights refresh runs instance-wide; its discovered communities are derived from the whole
  // graph and shown to tenants only through the insights module (public profiles, no private edges).
  'insights_run',
  'graph_community',
];
// Keyed by an account set or import, whose organization_id is checked before any of these is read:
// an import's file chunks and row errors, and the matching data derived from accounts — population
// keys, and overlaps, which span two tenants' sets by nature (like a partnership). The name
// dictionary is global and never read back by anyone.
const KEYED_BY_PARENT = [
  'account_import_chunk',
  'account_import_error',
  'population_key',
  'overlap_pair',
  'overlap',
  'account_name_canon',
];

let h: TestApp;
let a: TestMember; // the victim's owner
let aCpo: TestMember;
let aAm: TestMember;
let b: TestMember; // the hostile tenant's owner
let aInvitationId: string;
let aTokenId: string;
let aSecretEcosystem: string; // members-only, run by the victim
let aChannel: string; // public, approval, run by the victim, with a pending request
let c: TestMember; // a third organization that asked to join the victim's channel

beforeAll(async () => {
  h = await createTestApp();
  a = await createOrg(h, 'Victim Co');
  aCpo = await addMember(h, a.orgId, 'cpo');
  aAm = await addMember(h, a.orgId, 'alliance_manager');
  b = await createOrg(h, 'Hostile Co');
  await h.as(a.token).put(`/api/v1/members/${aAm.memberId}/manager`, { managerMemberId: aCpo.memberId });
  aInvitationId = (
    await h.as(a.token).post('/api/v1/invitations', { email: 'newbie@victim.example', role: 'sales' })
  ).body.id;
  aTokenId = (await h.as(a.token).get('/api/v1/tokens')).body.data[0].id;
  await h
    .as(a.token)
    .patch('/api/v1/directory/profile', { listed: false, description: 'Victim secret plans' });
  aSecretEcosystem = (
    await h.as(a.token).post('/api/v1/ecosystems', {
      name: 'Victim inner circle',
      visibility: 'members',
      joinPolicy: 'invite',
    })
  ).body.id;
  aChannel = (
    await h.as(a.token).post('/api/v1/ecosystems', { name: 'Victim channel', joinPolicy: 'approval' })
  ).body.id;
  c = await createOrg(h, 'Third Co');
  await h.as(c.token).post(`/api/v1/ecosystems/${aChannel}/join`, {});
});
afterAll(() => h?.close());

test('every table except the global ones and those keyed by a tenant-owned parent carries organization_id', async () => {
  const result = await h.ctx.db.execute(sql`
    SELECT t.table_name,
           bool_or(c.column_name = 'organization_id') AS has_org
      FROM information_schema.tables t
      JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name
     WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
     GROUP BY t.table_name`);
  const rows = rowsOf<{ table_name: string; has_org: boolean }>(result);
  const missing = rows
    .filter((r) => !r.has_org && ![...GLOBAL_TABLES, ...KEYED_BY_PARENT].includes(r.table_name))
    .map((r) => r.table_name);
  expect(rows.length).toBeGreaterThan(GLOBAL_TABLES.length);
  expect(missing).toEqual([]);
});

describe('a hostile tenant gets 404 for every object of another tenant', () => {
  const cases: [string, string, () => string, (object | (() => object))?][] = [
    ['GET', 'member', () => `/api/v1/members/${aAm.memberId}`],
    ['PATCH', 'member role', () => `/api/v1/members/${aAm.memberId}`, { role: 'member' }],
    ['DELETE', 'member', () => `/api/v1/members/${aAm.memberId}`],
    ['PUT', 'reporting line', () => `/api/v1/members/${aAm.memberId}/manager`, { managerMemberId: null }],
    ['GET', 'roll-up', () => `/api/v1/members/${aCpo.memberId}/reports`],
    ['DELETE', 'invitation', () => `/api/v1/invitations/${aInvitationId}`],
    ['DELETE', 'token', () => `/api/v1/tokens/${aTokenId}`],
    ['GET', 'invitation (invitee view)', () => `/api/v1/me/invitations/${aInvitationId}`],
    ['POST', 'invitation accept', () => `/api/v1/me/invitations/${aInvitationId}/accept`, {}],
    ['POST', 'invitation decline', () => `/api/v1/me/invitations/${aInvitationId}/decline`, {}],
    ['GET', 'unlisted profile', () => `/api/v1/directory/${a.orgId}`],
    ['GET', 'members-only ecosystem', () => `/api/v1/ecosystems/${aSecretEcosystem}`],
    ['GET', 'members-only ecosystem members', () => `/api/v1/ecosystems/${aSecretEcosystem}/members`],
    ['GET', 'members-only ecosystem trend', () => `/api/v1/ecosystems/${aSecretEcosystem}/activity-trend`],
    ['PATCH', 'members-only ecosystem', () => `/api/v1/ecosystems/${aSecretEcosystem}`, { name: 'Mine now' }],
    ['POST', 'members-only ecosystem join', () => `/api/v1/ecosystems/${aSecretEcosystem}/join`, {}],
    ['GET', 'members-only ecosystem requests', () => `/api/v1/ecosystems/${aSecretEcosystem}/requests`],
    [
      'POST',
      'members-only ecosystem invitation',
      () => `/api/v1/ecosystems/${aSecretEcosystem}/invitations`,
      () => ({ organizationId: b.orgId }),
    ],
  ];
  test.each(cases)('%s %s', async (method, _what, url, body) => {
    const res = await h.app.inject({
      method: method as 'GET',
      url: url(),
      headers: { authorization: `Bearer ${b.token}` },
      ...(body === undefined ? {} : { payload: typeof body === 'function' ? body() : body }),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  test("and the victim's data is unchanged afterwards", async () => {
    const am = await h.as(a.token).get(`/api/v1/members/${aAm.memberId}`);
    expect(am.body).toMatchObject({ role: 'alliance_manager', managerMemberId: aCpo.memberId });
    const invitations = await h.as(a.token).get('/api/v1/invitations');
    expect(invitations.body.data[0]).toMatchObject({ id: aInvitationId, status: 'pending' });
    const tokens = await h.as(a.token).get('/api/v1/tokens');
    expect(tokens.body.data.find((t: { id: string }) => t.id === aTokenId).revokedAt).toBeNull();
    expect((await h.as(a.token).get('/api/v1/me')).status).toBe(200);
  });
});

describe("a hostile tenant cannot run another tenant's public ecosystem", () => {
  test.each([
    ['PATCH', () => `/api/v1/ecosystems/${aChannel}`, { name: 'Hijacked' }],
    ['GET', () => `/api/v1/ecosystems/${aChannel}/requests`, undefined],
    ['POST', () => `/api/v1/ecosystems/${aChannel}/requests/${c.orgId}/approve`, {}],
    ['POST', () => `/api/v1/ecosystems/${aChannel}/requests/${c.orgId}/decline`, {}],
    ['POST', () => `/api/v1/ecosystems/${aChannel}/invitations`, () => ({ organizationId: b.orgId })],
  ] as const)('%s %s', async (method, url, body) => {
    const res = await h.app.inject({
      method,
      url: url(),
      headers: { authorization: `Bearer ${b.token}` },
      ...(body === undefined ? {} : { payload: typeof body === 'function' ? body() : body }),
    });
    expect(res.statusCode).toBe(403);
  });

  test('the channel, its pending request and the hidden profile are unchanged', async () => {
    const channel = await h.as(a.token).get(`/api/v1/ecosystems/${aChannel}`);
    expect(channel.body).toMatchObject({ name: 'Victim channel', pendingCount: 1 });
    expect((await h.as(c.token).get(`/api/v1/ecosystems/${aChannel}`)).body.myStatus).toBe('requested');
    expect((await h.as(a.token).get('/api/v1/directory/profile')).body.description).toBe(
      'Victim secret plans',
    );
  });
});

describe("lists never show another tenant's rows", () => {
  test.each([
    ['/api/v1/members', 'email', () => [a.email, aCpo.email, aAm.email]],
    ['/api/v1/invitations', 'email', () => ['newbie@victim.example']],
    ['/api/v1/tokens?all=true', 'userEmail', () => [a.email]],
    ['/api/v1/audit-log', 'actorEmail', () => [a.email]],
    ['/api/v1/directory?q=victim', 'id', () => [a.orgId]],
    ['/api/v1/ecosystems?limit=200', 'id', () => [aSecretEcosystem]],
  ] as const)('%s', async (url, field, victimValues) => {
    const res = await h.as(b.token).get(url);
    expect(res.status).toBe(200);
    const values = res.body.data.map((row: Record<string, unknown>) => row[field]);
    for (const value of victimValues()) expect(values).not.toContain(value);
  });

  test("the activity stream is the caller's own", async () => {
    const mine = await h.as(a.token).get('/api/v1/activity');
    expect(JSON.stringify(mine.body)).toContain(aSecretEcosystem);
    const theirs = await h.as(b.token).get('/api/v1/activity');
    expect(theirs.body.data.length).toBeGreaterThan(0);
    expect(JSON.stringify(theirs.body)).not.toContain(aSecretEcosystem);
  });

  test("the org chart and organization are the caller's own", async () => {
    const chart = await h.as(b.token).get('/api/v1/org-chart');
    expect(JSON.stringify(chart.body)).not.toContain(aAm.email);
    const org = await h.as(b.token).get('/api/v1/organization');
    expect(org.body.name).toBe('Hostile Co');
  });

  test("a hostile owner cannot create a token for the other tenant's user", async () => {
    const res = await h.as(b.token).post('/api/v1/tokens', { name: 'steal', userId: a.userId });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.userId');
  });

  test("a hostile owner cannot make the other tenant's member their manager", async () => {
    const res = await h
      .as(b.token)
      .put(`/api/v1/members/${b.memberId}/manager`, { managerMemberId: aCpo.memberId });
    expect(res.status).toBe(400);
  });
});

test("member stats count only the caller's organization", async () => {
  const res = await h.as(b.token).get('/api/v1/members/stats');
  expect(res.body).toEqual({ total: 1, byRole: { owner: 1 } });
});

describe("a hostile tenant never reaches another tenant's notifications", () => {
  let aNotificationId: string;
  beforeAll(async () => {
    await notify(h.ctx, {
      organizationId: a.orgId,
      userIds: [a.userId],
      kind: 'test',
      title: 'Victim secret deal',
      email: false,
    });
    aNotificationId = (await h.as(a.token).get('/api/v1/notifications')).body.data[0].id;
  });

  test('cannot mark, list, count or read-all them', async () => {
    const res = await h.as(b.token).post(`/api/v1/notifications/${aNotificationId}/read`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(JSON.stringify((await h.as(b.token).get('/api/v1/notifications')).body)).not.toContain(
      aNotificationId,
    );
    expect((await h.as(b.token).get('/api/v1/notifications/unread-count')).body).toEqual({ count: 0 });
    expect((await h.as(b.token).post('/api/v1/notifications/read-all')).body).toEqual({ count: 0 });
    expect((await h.as(a.token).get('/api/v1/notifications/unread-count')).body).toEqual({ count: 1 });
  });
});

describe("a hostile tenant never reaches another tenant's partnerships and deals", () => {
  let partnership: string; // the victim (a vendor) and its reseller c
  let referral: string; // a → c
  let registration: string; // c registers with a; it conflicts with a's pipeline
  let opportunity: string; // a's own pipeline
  const customer = {
    customerName: 'Secret Customer',
    customerDomain: 'secret-customer.com',
    amountMinor: 9_900_000,
    currency: 'EUR',
  };

  beforeAll(async () => {
    partnership = await partnerUp(h, c, a, ['resells', 'refers', 'co_sells']);
    opportunity = (await h.as(a.token).post('/api/v1/opportunities', customer)).body.id;
    referral = (await h.as(a.token).post('/api/v1/referrals', { ...customer, partnerId: c.orgId })).body.id;
    registration = (await h.as(c.token).post('/api/v1/registrations', { ...customer, vendorId: a.orgId }))
      .body.id;
  });

  const deals = () => [referral, registration, opportunity];
  test.each([
    ['GET', 'partnership', () => `/api/v1/partnerships/${partnership}`],
    ['PATCH', 'partnership owner', () => `/api/v1/partnerships/${partnership}`, { ownerUserId: null }],
    ...['accept', 'decline', 'withdraw', 'pause', 'resume'].map(
      (action) =>
        ['POST', `partnership ${action}`, () => `/api/v1/partnerships/${partnership}/${action}`, {}] as const,
    ),
    ['POST', 'partnership end', () => `/api/v1/partnerships/${partnership}/end`, {}],
    ['GET', 'partnership timeline', () => `/api/v1/partnerships/${partnership}/timeline`],
    ['GET', 'pair ledger', () => `/api/v1/partnerships/${partnership}/ledger`],
    ...[0, 1, 2].flatMap((i) => [
      ['GET', `deal ${i}`, () => `/api/v1/deals/${deals()[i]}`],
      ['PATCH', `deal ${i}`, () => `/api/v1/deals/${deals()[i]}`, { amountMinor: 1 }],
      ['GET', `deal ${i} timeline`, () => `/api/v1/deals/${deals()[i]}/timeline`],
      ['POST', `deal ${i} move`, () => `/api/v1/deals/${deals()[i]}/transitions`, { to: 'withdrawn' }],
      [
        'POST',
        `deal ${i} co-seller`,
        () => `/api/v1/deals/${deals()[i]}/partners`,
        () => ({ organizationId: b.orgId, attribution: 'influenced' }),
      ],
      ['DELETE', `deal ${i} co-seller`, () => `/api/v1/deals/${deals()[i]}/partners/${c.orgId}`],
      [
        'POST',
        `deal ${i} extension`,
        () => `/api/v1/deals/${deals()[i]}/protection/extension`,
        { days: 5, reason: 'mine now' },
      ],
      [
        'POST',
        `deal ${i} extension approve`,
        () => `/api/v1/deals/${deals()[i]}/protection/extension/approve`,
        {},
      ],
      [
        'POST',
        `deal ${i} extension decline`,
        () => `/api/v1/deals/${deals()[i]}/protection/extension/decline`,
        {},
      ],
    ]),
  ] as [string, string, () => string, (object | (() => object))?][])(
    '%s %s is 404',
    async (method, _what, url, body) => {
      const res = await h.app.inject({
        method: method as 'GET',
        url: url(),
        headers: { authorization: `Bearer ${b.token}` },
        ...(body === undefined ? {} : { payload: typeof body === 'function' ? body() : body }),
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    },
  );

  test('lists, the review queue, the export and the conflict check show nothing of the victim', async () => {
    for (const url of [
      '/api/v1/partnerships',
      '/api/v1/deals',
      '/api/v1/deals/review-queue',
      '/api/v1/deals/export.csv',
    ]) {
      const res = await h.as(b.token).get(url);
      expect(res.status, url).toBe(200);
      expect(JSON.stringify(res.body), url).not.toContain('Secret Customer');
    }
    // No partnership with the victim: the hostile tenant cannot probe its territory or send it deals.
    const probe = await h.as(b.token).post('/api/v1/registrations/conflict-check', {
      vendorId: a.orgId,
      customerName: customer.customerName,
      customerDomain: customer.customerDomain,
    });
    expect(probe.status).toBe(409);
    expect(
      (await h.as(b.token).post('/api/v1/registrations', { ...customer, vendorId: a.orgId })).status,
    ).toBe(409);
    expect((await h.as(b.token).post('/api/v1/referrals', { ...customer, partnerId: a.orgId })).status).toBe(
      409,
    );
  });

  test("the victim's deals and partnership are unchanged", async () => {
    expect((await h.as(a.token).get(`/api/v1/partnerships/${partnership}`)).body.status).toBe('active');
    const reg = await h.as(a.token).get(`/api/v1/deals/${registration}`);
    expect(reg.body).toMatchObject({
      status: 'submitted',
      amount: { amountMinor: 9_900_000 },
      conflictOutcome: 'potential_conflict',
    });
    expect(reg.body.parties).toHaveLength(2);
    // The reseller sees its registration but not the vendor's pipeline it collided with.
    expect((await h.as(c.token).get(`/api/v1/deals/${registration}`)).body.conflicts).toBeNull();
    expect((await h.as(c.token).get(`/api/v1/deals/${opportunity}`)).status).toBe(404);
  });
});
