import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiToken } from '../../db/schema/index.ts';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let h: TestApp;
let owner: TestMember;
let member: TestMember;

beforeAll(async () => {
  h = await createTestApp();
  owner = await createOrg(h, 'Token Co');
  member = await addMember(h, owner.orgId, 'member');
});
afterAll(() => h?.close());

describe('API tokens', () => {
  test('the secret is shown once and only its hash is stored', async () => {
    const created = await h.as(member.token).post('/api/v1/tokens', { name: 'CRM sync', expiresInDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^myc_/);
    expect(created.body.token.startsWith(created.body.prefix)).toBe(true);
    const [row] = await h.ctx.db.select().from(apiToken).where(eq(apiToken.id, created.body.id));
    expect(row!.tokenHash).not.toContain(created.body.token);
    expect(JSON.stringify(row)).not.toContain(created.body.token);
    const listed = await h.as(member.token).get('/api/v1/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect(listed.body.data.map((t: { name: string }) => t.name)).toContain('CRM sync');
  });

  test('a token acts as its user in its organization', async () => {
    const me = await h.as(member.token).get('/api/v1/me');
    expect(me.body).toMatchObject({
      via: 'token',
      activeOrganizationId: owner.orgId,
      user: { email: member.email },
    });
  });

  test("a member cannot create tokens for others or list everyone's", async () => {
    const res = await h.as(member.token).post('/api/v1/tokens', { name: 'sneaky', userId: owner.userId });
    expect(res.status).toBe(403);
    expect((await h.as(member.token).get('/api/v1/tokens?all=true')).status).toBe(403);
  });

  test('an owner creates a token for a member and sees all tokens', async () => {
    const res = await h.as(owner.token).post('/api/v1/tokens', { name: 'for member', userId: member.userId });
    expect(res.status).toBe(201);
    const me = await h.as(res.body.token).get('/api/v1/me');
    expect(me.body.user.email).toBe(member.email);
    const all = await h.as(owner.token).get('/api/v1/tokens?all=true');
    expect(all.body.data.map((t: { userEmail: string }) => t.userEmail)).toEqual(
      expect.arrayContaining([member.email, owner.email]),
    );
  });

  test("a member cannot revoke someone else's token", async () => {
    const ownerTokenId = (await h.as(owner.token).get('/api/v1/tokens')).body.data[0].id;
    expect((await h.as(member.token).delete(`/api/v1/tokens/${ownerTokenId}`)).status).toBe(404);
    expect((await h.as(owner.token).get('/api/v1/me')).status).toBe(200);
  });

  test('a revoked token is refused with a clear code', async () => {
    const created = await h.as(member.token).post('/api/v1/tokens', { name: 'short-lived' });
    expect((await h.as(created.body.token).get('/api/v1/me')).status).toBe(200);
    expect((await h.as(member.token).delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    const res = await h.as(created.body.token).get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: 'invalid_token', message: 'The API token has been revoked' });
  });

  test('an expired token is refused', async () => {
    const created = await h.as(member.token).post('/api/v1/tokens', { name: 'expiring' });
    await h.ctx.db
      .update(apiToken)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiToken.id, created.body.id));
    const res = await h.as(created.body.token).get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
  });

  test('garbage tokens and schemes are 401', async () => {
    expect((await h.as('myc_nope').get('/api/v1/me')).status).toBe(401);
    const basic = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Basic abc' },
    });
    expect(basic.statusCode).toBe(401);
    expect(basic.json().error.code).toBe('invalid_token');
    expect((await h.as(null).get('/api/v1/me')).body.error.code).toBe('unauthenticated');
  });

  test('bad input: empty name, absurd lifetime', async () => {
    const res = await h.as(member.token).post('/api/v1/tokens', { name: '', expiresInDays: 100000 });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['body.expiresInDays', 'body.name']);
  });
});
