import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../db/client.ts';
import { addMember, createOrg, type TestMember } from './factories.ts';
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
];

let h: TestApp;
let a: TestMember; // the victim's owner
let aCpo: TestMember;
let aAm: TestMember;
let b: TestMember; // the hostile tenant's owner
let aInvitationId: string;
let aTokenId: string;

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
});
afterAll(() => h?.close());

test('every table except the global ones carries organization_id', async () => {
  const result = await h.ctx.db.execute(sql`
    SELECT t.table_name,
           bool_or(c.column_name = 'organization_id') AS has_org
      FROM information_schema.tables t
      JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name
     WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
     GROUP BY t.table_name`);
  const rows = rowsOf<{ table_name: string; has_org: boolean }>(result);
  const missing = rows
    .filter((r) => !r.has_org && !GLOBAL_TABLES.includes(r.table_name))
    .map((r) => r.table_name);
  expect(rows.length).toBeGreaterThan(GLOBAL_TABLES.length);
  expect(missing).toEqual([]);
});

describe('a hostile tenant gets 404 for every object of another tenant', () => {
  const cases: [string, string, () => string, unknown?][] = [
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
  ];
  test.each(cases)('%s %s', async (method, _what, url, body) => {
    const res = await h.app.inject({
      method: method as 'GET',
      url: url(),
      headers: { authorization: `Bearer ${b.token}` },
      ...(body === undefined ? {} : { payload: body as object }),
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

describe("lists never show another tenant's rows", () => {
  test.each([
    ['/api/v1/members', 'email', () => [a.email, aCpo.email, aAm.email]],
    ['/api/v1/invitations', 'email', () => ['newbie@victim.example']],
    ['/api/v1/tokens?all=true', 'userEmail', () => [a.email]],
    ['/api/v1/audit-log', 'actorEmail', () => [a.email]],
  ] as const)('%s', async (url, field, victimValues) => {
    const res = await h.as(b.token).get(url);
    expect(res.status).toBe(200);
    const values = res.body.data.map((row: Record<string, unknown>) => row[field]);
    for (const value of victimValues()) expect(values).not.toContain(value);
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
