import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserHeaders, cookieFrom, createOrg, signInCookie } from '../../test/factories.ts';
import { createTestApp, send, type TestApp } from '../../test/harness.ts';

let h: TestApp;
beforeAll(async () => {
  h = await createTestApp();
});
afterAll(() => h?.close());

const signUp = (body: Record<string, unknown>) => h.as(null).post('/api/v1/signup', body);

describe('sign-up', () => {
  test('creates the user, their organization with them as owner, and a session', async () => {
    const res = await signUp({
      name: 'Ada Lovelace',
      email: 'Ada@Example.com',
      password: 'analytical-engine',
      organizationName: 'Contoso Cloud',
    });
    expect(res.status).toBe(201);
    expect(res.body.organization).toMatchObject({ name: 'Contoso Cloud', slug: 'contoso-cloud' });
    const cookie = cookieFrom(res.headers);
    const me = await send(h.app, { method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('ada@example.com');
    expect(me.body.organizations).toEqual([
      expect.objectContaining({ name: 'Contoso Cloud', role: 'owner' }),
    ]);
    expect(me.body.activeOrganizationId).toBe(res.body.organization.id);
  });

  test('a second organization with the same name gets its own slug', async () => {
    const res = await signUp({
      name: 'Bob',
      email: 'bob@example.com',
      password: 'another-password',
      organizationName: 'Contoso Cloud',
    });
    expect(res.body.organization.slug).toBe('contoso-cloud-2');
  });

  test('an existing email is a 409 and creates no second organization', async () => {
    const res = await signUp({
      name: 'Ada',
      email: 'ada@example.com',
      password: 'analytical-engine',
      organizationName: 'Dupe Org',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('already_exists');
  });

  test('bad input names the fields', async () => {
    const res = await signUp({
      name: '',
      email: 'not-an-email',
      password: 'short',
      organizationName: 'X',
      extra: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.name', 'body.email', 'body.password', 'body.organizationName']),
    );
  });
});

describe('sign-in', () => {
  test('a wrong password and an unknown email get the same answer', async () => {
    const wrong = await send(h.app, {
      method: 'POST',
      url: '/api/auth/sign-in/email',
      payload: { email: 'ada@example.com', password: 'wrong-password' },
    });
    const unknown = await send(h.app, {
      method: 'POST',
      url: '/api/auth/sign-in/email',
      payload: { email: 'nobody@example.com', password: 'wrong-password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  test('the session token is only in the httpOnly cookie, never in the body', async () => {
    const res = await send(h.app, {
      method: 'POST',
      url: '/api/auth/sign-in/email',
      payload: { email: 'ada@example.com', password: 'analytical-engine' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe('ada@example.com');
    expect(res.body.token).toBeUndefined();
    expect(String([res.headers['set-cookie']].flat()[0])).toMatch(/HttpOnly/);
  });

  test('the right password opens a session that reads /me', async () => {
    const cookie = await signInCookie(h, 'ada@example.com', 'analytical-engine');
    const me = await send(h.app, { method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.body.user.email).toBe('ada@example.com');
  });

  test('sign-in is rate limited per client address', async () => {
    const limited = await createTestAppWithLimit();
    try {
      const attempt = () =>
        send(limited.app, {
          method: 'POST',
          url: '/api/auth/sign-in/email',
          payload: { email: 'x@example.com', password: 'wrong-password' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
      const blocked = await attempt();
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});

async function createTestAppWithLimit() {
  return createTestApp({ SIGN_IN_RATE_LIMIT: '3' });
}

describe('cookie sessions and CSRF', () => {
  test('a cookie-authenticated write without the CSRF token is refused', async () => {
    const cookie = await signInCookie(h, 'ada@example.com', 'analytical-engine');
    const res = await send(h.app, {
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie },
      payload: { name: 'x' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_invalid');
    const tokens = await send(h.app, { method: 'GET', url: '/api/v1/tokens', headers: { cookie } });
    expect(tokens.body.data).toHaveLength(0);
  });

  test('with the CSRF token the write goes through', async () => {
    const cookie = await signInCookie(h, 'ada@example.com', 'analytical-engine');
    const res = await send(h.app, {
      method: 'POST',
      url: '/api/v1/tokens',
      headers: await browserHeaders(h, cookie),
      payload: { name: 'from the web' },
    });
    expect(res.status).toBe(201);
  });

  test('sign-out ends the session', async () => {
    const cookie = await signInCookie(h, 'ada@example.com', 'analytical-engine');
    await send(h.app, {
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie, origin: 'http://localhost:3000' },
      payload: {},
    });
    const me = await send(h.app, { method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.status).toBe(401);
  });
});

describe('magic link', () => {
  test('the link arrives in the dev mailbox and signs the user in', async () => {
    await signUp({
      name: 'Grace',
      email: 'grace@example.com',
      password: 'compiler-pioneer',
      organizationName: 'Grace Co',
    });
    const req = await send(h.app, {
      method: 'POST',
      url: '/api/auth/sign-in/magic-link',
      headers: { origin: 'http://localhost:3000' },
      payload: { email: 'grace@example.com', callbackURL: '/' },
    });
    expect(req.status).toBe(200);
    const mailbox = await h.as(null).get('/api/v1/dev/mailbox?to=grace@example.com');
    const mail = mailbox.body.data[0];
    expect(mail.subject).toMatch(/sign-in link/);
    const link = new URL(mail.textBody.match(/https?:\/\/\S+/)[0]);
    const verify = await h.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(verify.statusCode).toBe(302);
    const cookie = cookieFrom(verify.headers);
    const me = await send(h.app, { method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.body.user.email).toBe('grace@example.com');
    expect(me.body.organizations[0].name).toBe('Grace Co');
  });

  test('a used link does not sign in twice', async () => {
    const mailbox = await h.as(null).get('/api/v1/dev/mailbox?to=grace@example.com');
    const link = new URL(mailbox.body.data[0].textBody.match(/https?:\/\/\S+/)[0]);
    const again = await h.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(String(again.headers.location)).toContain('error=INVALID_TOKEN');
  });

  test('the dev mailbox is closed when DEV_MAILBOX is off', async () => {
    const closed = await createTestApp({ DEV_MAILBOX: 'false' });
    try {
      const res = await closed.as(null).get('/api/v1/dev/mailbox');
      expect(res.status).toBe(404);
    } finally {
      await closed.close();
    }
  });
});

describe('organizations', () => {
  test('a user switches the active organization of their session', async () => {
    const cookie = await signInCookie(h, 'ada@example.com', 'analytical-engine');
    const headers = await browserHeaders(h, cookie);
    const created = await send(h.app, {
      method: 'POST',
      url: '/api/v1/organizations',
      headers,
      payload: { name: 'Second Co' },
    });
    expect(created.status).toBe(201);
    const switched = await send(h.app, {
      method: 'POST',
      url: '/api/v1/me/active-organization',
      headers,
      payload: { organizationId: created.body.id },
    });
    expect(switched.status).toBe(204);
    const org = await send(h.app, { method: 'GET', url: '/api/v1/organization', headers: { cookie } });
    expect(org.body.name).toBe('Second Co');
  });

  test('switching to an organization one is not a member of is a 404', async () => {
    const other = await createOrg(h);
    const cookie = await signInCookie(h, 'ada@example.com', 'analytical-engine');
    const res = await send(h.app, {
      method: 'POST',
      url: '/api/v1/me/active-organization',
      headers: await browserHeaders(h, cookie),
      payload: { organizationId: other.orgId },
    });
    expect(res.status).toBe(404);
  });
});
