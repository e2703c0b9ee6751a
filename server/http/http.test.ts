import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOrg, type TestMember } from '../test/factories.ts';
import { createTestApp, send, type TestApp } from '../test/harness.ts';

let h: TestApp;
let owner: TestMember;

beforeAll(async () => {
  h = await createTestApp({ BODY_LIMIT: '4096' });
  owner = await createOrg(h, 'HTTP Co');
});
afterAll(() => h?.close());

const auth = () => ({ authorization: `Bearer ${owner.token}` });

describe('bad input gets a clear 4xx with a code', () => {
  test('malformed JSON', async () => {
    const res = await send(h.app, {
      method: 'PATCH',
      url: '/api/v1/organization',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  test('wrong types and unknown fields name the field', async () => {
    const res = await h.as(owner.token).patch('/api/v1/organization', { name: 42, color: 'red' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(JSON.stringify(res.body.error.details.issues)).toContain('body.name');
    expect(JSON.stringify(res.body.error.details.issues)).toMatch(/color/);
  });

  test('an oversized body is a 413 and changes nothing', async () => {
    const res = await h.as(owner.token).patch('/api/v1/organization', { name: 'x'.repeat(10_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect((await h.as(owner.token).get('/api/v1/organization')).body.name).toBe('HTTP Co');
  });

  test('a non-JSON content type is a 415', async () => {
    const res = await send(h.app, {
      method: 'PATCH',
      url: '/api/v1/organization',
      headers: { ...auth(), 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expect(res.status).toBe(415);
  });

  test('unknown routes are a JSON 404', async () => {
    const res = await h.as(owner.token).get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('route_not_found');
    const authRoute = await h.as(null).post('/api/auth/organization/create', { name: 'x' });
    expect(authRoute.status).toBe(404);
  });

  test('errors never carry a stack trace', async () => {
    const res = await h.as(owner.token).patch('/api/v1/organization', { name: 42 });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('the HTTP surface', () => {
  test('security headers are set', async () => {
    const res = await h.as(null).get('/healthz');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  test('health reports the database', async () => {
    const res = await h.as(null).get('/healthz');
    expect(res.body).toEqual({ status: 'ok', database: h.ctx.database.kind });
  });

  test('the OpenAPI 3.1 document lists the API with bearer auth', async () => {
    const res = await h.as(null).get('/api/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/members', '/api/v1/tokens', '/api/v1/audit-log']),
    );
    expect(res.body.components.securitySchemes.bearer.scheme).toBe('bearer');
    const docs = await h.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  test('the API is rate limited per token', async () => {
    const limited = await createTestApp({ API_RATE_LIMIT: '3' });
    try {
      const o = await createOrg(limited);
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.as(o.token).get('/api/v1/organization')).status);
      expect(codes.slice(-1)[0]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

test('the committed OpenAPI document (used by the typed web/CLI client) is current', async () => {
  const { readFileSync } = await import('node:fs');
  const committed = JSON.parse(
    readFileSync(new URL('../../common/api/openapi.json', import.meta.url), 'utf8'),
  );
  // Run `npm run api:generate` when this fails.
  expect(committed).toEqual(JSON.parse(JSON.stringify(h.app.swagger())));
});
