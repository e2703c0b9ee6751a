import type { Role } from '../../common/permissions.ts';
import { tenantScope } from '../db/tenant.ts';
import { insertMember } from '../modules/members/index.ts';
import type { TestApp } from './harness.ts';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A member created for a test: ids, login and a bearer token. */
export interface TestMember {
  userId: string;
  memberId: string;
  orgId: string;
  email: string;
  password: string;
  token: string;
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie request header. */
export function cookieFrom(headers: Record<string, unknown>): string {
  return [headers['set-cookie']]
    .flat()
    .filter(Boolean)
    .map((c) => String(c).split(';')[0])
    .join('; ');
}

/** What a browser sends on writes: the session cookie plus the CSRF cookie and token. */
export async function browserHeaders(h: TestApp, sessionCookie: string) {
  const csrf = await h.app.inject({ method: 'GET', url: '/api/v1/csrf', headers: { cookie: sessionCookie } });
  return {
    cookie: `${sessionCookie}; ${cookieFrom(csrf.headers)}`,
    'x-csrf-token': csrf.json().token as string,
  };
}

async function tokenFor(h: TestApp, email: string, password: string): Promise<string> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: await browserHeaders(h, await signInCookie(h, email, password)),
    payload: { name: 'test', expiresInDays: 1 },
  });
  if (res.statusCode !== 201) throw new Error(`token creation failed: ${res.body}`);
  return res.json().token;
}

/** Signs up a new user with a new organization (they are its owner) and gives them a token. */
export async function createOrg(h: TestApp, name = `Org ${unique()}`): Promise<TestMember> {
  const email = `owner-${unique()}@example.com`;
  const password = 'a-long-password-1';
  const res = await h
    .as(null)
    .post('/api/v1/signup', { name: 'Owner', email, password, organizationName: name });
  if (res.status !== 201) throw new Error(`signup failed: ${JSON.stringify(res.body)}`);
  const token = await tokenFor(h, email, password);
  const me = await h.as(token).get('/api/v1/members?limit=1');
  return {
    userId: res.body.user.id,
    memberId: me.body.data[0].id,
    orgId: res.body.organization.id,
    email,
    password,
    token,
  };
}

/** Adds a new user with the role to an organization and gives them a token there. */
export async function addMember(
  h: TestApp,
  orgId: string,
  role: Role,
  name = `Person ${unique()}`,
): Promise<TestMember> {
  const email = `${role}-${unique()}@example.com`;
  const password = 'a-long-password-2';
  const { user } = await h.ctx.auth.api.signUpEmail({ body: { name, email, password } });
  const row = await insertMember(h.ctx.db, tenantScope(orgId), user.id, role);
  const token = await tokenFor(h, email, password);
  return { userId: user.id, memberId: row!.id, orgId, email, password, token };
}

/** Signs in through the public endpoint and returns the session cookie header. */
export async function signInCookie(h: TestApp, email: string, password: string): Promise<string> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    headers: { origin: 'http://localhost:3000' },
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  return cookieFrom(res.headers);
}

/** Makes `a` and `b` partners (a proposes, b accepts) and returns the partnership id. */
export async function partnerUp(
  h: TestApp,
  a: TestMember,
  b: TestMember,
  types: string[] = ['resells', 'refers', 'co_sells'],
): Promise<string> {
  const proposed = await h.as(a.token).post('/api/v1/partnerships', { partnerId: b.orgId, types });
  if (proposed.status !== 201) throw new Error(`proposal failed: ${JSON.stringify(proposed.body)}`);
  const accepted = await h.as(b.token).post(`/api/v1/partnerships/${proposed.body.id}/accept`, {});
  if (accepted.status !== 200) throw new Error(`accept failed: ${JSON.stringify(accepted.body)}`);
  return proposed.body.id;
}
