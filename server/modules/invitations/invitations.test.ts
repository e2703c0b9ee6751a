import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, browserHeaders, cookieFrom, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let h: TestApp;
let owner: TestMember;
let cpo: TestMember;
let member: TestMember;

beforeAll(async () => {
  h = await createTestApp();
  owner = await createOrg(h, 'Invite Co');
  cpo = await addMember(h, owner.orgId, 'cpo');
  member = await addMember(h, owner.orgId, 'member');
});
afterAll(() => h?.close());

async function signUpInvitee(email: string) {
  const res = await h.as(null).post('/api/v1/signup', {
    name: 'Invitee',
    email,
    password: 'invitee-password',
    organizationName: `Own ${email}`,
  });
  return browserHeaders(h, cookieFrom(res.headers));
}

describe('invitations', () => {
  test('an invitation mails a link; the invitee accepts and joins with the role', async () => {
    const inv = await h
      .as(owner.token)
      .post('/api/v1/invitations', { email: 'Alex@Partner.example', role: 'alliance_manager' });
    expect(inv.status).toBe(201);
    expect(inv.body).toMatchObject({
      email: 'alex@partner.example',
      role: 'alliance_manager',
      status: 'pending',
      organizationName: 'Invite Co',
    });
    const mail = (await h.as(null).get('/api/v1/dev/mailbox?to=alex@partner.example')).body.data[0];
    expect(mail.textBody).toContain(`/invitations/${inv.body.id}`);

    const invitee = await signUpInvitee('alex@partner.example');
    const headers = invitee;
    const mine = await h.app.inject({ method: 'GET', url: '/api/v1/me/invitations', headers });
    expect(mine.json().data.map((i: { id: string }) => i.id)).toEqual([inv.body.id]);
    const accepted = await h.app.inject({
      method: 'POST',
      url: `/api/v1/me/invitations/${inv.body.id}/accept`,
      headers,
      payload: {},
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ organizationName: 'Invite Co', role: 'alliance_manager' });
    const members = await h.as(owner.token).get('/api/v1/members?role=alliance_manager');
    expect(members.body.data.map((m: { email: string }) => m.email)).toContain('alex@partner.example');
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/v1/me/invitations/${inv.body.id}/accept`,
      headers,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
  });

  test('someone else cannot see or accept the invitation', async () => {
    const inv = await h
      .as(owner.token)
      .post('/api/v1/invitations', { email: 'target@partner.example', role: 'sales' });
    const stranger = await signUpInvitee('stranger@partner.example');
    const headers = stranger;
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/v1/me/invitations/${inv.body.id}/accept`,
      headers,
      payload: {},
    });
    expect(res.statusCode).toBe(404);
    const members = await h.as(owner.token).get('/api/v1/members?q=stranger');
    expect(members.body.data).toHaveLength(0);
  });

  test('inviting an existing member or a pending address is a 409', async () => {
    const existing = await h
      .as(owner.token)
      .post('/api/v1/invitations', { email: member.email, role: 'sales' });
    expect(existing.status).toBe(409);
    await h.as(owner.token).post('/api/v1/invitations', { email: 'twice@partner.example' });
    const twice = await h.as(owner.token).post('/api/v1/invitations', { email: 'twice@partner.example' });
    expect(twice.status).toBe(409);
  });

  test('roles: a member cannot invite; a CPO invites alliance managers but not admins', async () => {
    expect(
      (await h.as(member.token).post('/api/v1/invitations', { email: 'x@partner.example' })).status,
    ).toBe(403);
    expect(
      (
        await h
          .as(cpo.token)
          .post('/api/v1/invitations', { email: 'am@partner.example', role: 'alliance_manager' })
      ).status,
    ).toBe(201);
    expect(
      (await h.as(cpo.token).post('/api/v1/invitations', { email: 'adm@partner.example', role: 'admin' }))
        .status,
    ).toBe(403);
  });

  test('a canceled invitation cannot be accepted', async () => {
    const inv = await h
      .as(owner.token)
      .post('/api/v1/invitations', { email: 'late@partner.example', role: 'sales' });
    const canceled = await h.as(owner.token).delete(`/api/v1/invitations/${inv.body.id}`);
    expect(canceled.body.status).toBe('canceled');
    expect((await h.as(owner.token).delete(`/api/v1/invitations/${inv.body.id}`)).status).toBe(409);
    const late = await signUpInvitee('late@partner.example');
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/v1/me/invitations/${inv.body.id}/accept`,
      headers: late,
      payload: {},
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.status).toBe('canceled');
  });

  test('a bad email is a 400 on body.email', async () => {
    const res = await h.as(owner.token).post('/api/v1/invitations', { email: 'nope', role: 'sales' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.email');
  });
});

describe('invitation link, filters and activation', () => {
  test('the emailed link previews the invitation without sign-in', async () => {
    const inv = await h
      .as(owner.token)
      .post('/api/v1/invitations', { email: 'preview@partner.example', role: 'sales' });
    const res = await h.as(null).get(`/api/v1/invitations/${inv.body.id}/preview`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      organizationName: 'Invite Co',
      email: 'preview@partner.example',
      role: 'sales',
      status: 'pending',
      expiresAt: inv.body.expiresAt,
      inviterName: 'Owner',
    });
    expect(
      (await h.as(null).get('/api/v1/invitations/01900000-0000-7000-8000-000000000000/preview')).status,
    ).toBe(404);
  });

  test('an invitee signs up without an organization, accepts, and acts in the new one at once', async () => {
    const inv = await h
      .as(owner.token)
      .post('/api/v1/invitations', { email: 'joiner@partner.example', role: 'sales' });
    const signup = await h.as(null).post('/api/v1/signup', {
      name: 'Joiner',
      email: 'joiner@partner.example',
      password: 'joiner-password',
    });
    expect(signup.status).toBe(201);
    expect(signup.body.organization).toBeNull();
    const headers = await browserHeaders(h, cookieFrom(signup.headers));
    const noOrg = await h.app.inject({ method: 'GET', url: '/api/v1/organization', headers });
    expect(noOrg.statusCode).toBe(403);
    await h.app.inject({
      method: 'POST',
      url: `/api/v1/me/invitations/${inv.body.id}/accept`,
      headers,
      payload: {},
    });
    const org = await h.app.inject({ method: 'GET', url: '/api/v1/organization', headers });
    expect(org.json().name).toBe('Invite Co');
  });

  test('expired invitations are filtered apart from pending ones', async () => {
    const { invitation } = await import('../../db/schema/index.ts');
    const { eq } = await import('drizzle-orm');
    const inv = await h
      .as(owner.token)
      .post('/api/v1/invitations', { email: 'old@partner.example', role: 'sales' });
    await h.ctx.db
      .update(invitation)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitation.id, inv.body.id));
    const expired = await h.as(owner.token).get('/api/v1/invitations?status=expired');
    expect(expired.body.data.map((i: { id: string }) => i.id)).toEqual([inv.body.id]);
    expect(expired.body.data[0].status).toBe('expired');
    const pending = await h.as(owner.token).get('/api/v1/invitations?status=pending');
    expect(pending.body.data.map((i: { id: string }) => i.id)).not.toContain(inv.body.id);
  });
});
