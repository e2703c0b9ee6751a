import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CLIENT_IP_HEADER } from '../auth/auth.ts';
import { sendError } from './error-handler.ts';

// The better-auth endpoints the product uses. Everything else it offers (its own organization and
// sign-up endpoints) stays closed so every write goes through our validated, audited routes.
const EXPOSED = new Set([
  '/sign-in/email',
  '/sign-out',
  '/get-session',
  '/sign-in/magic-link',
  '/magic-link/verify',
]);

const codeMap: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: 'invalid_credentials',
  TOO_MANY_REQUESTS: 'rate_limited',
  VALIDATION_ERROR: 'invalid_input',
};

/** Turns better-auth's error body into ours. */
function translateError(status: number, text: string): { code: string; message: string } {
  let body: { code?: string; message?: string } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (better-auth's rate limiter answers in plain text).
  }
  if (status === 429)
    return { code: 'rate_limited', message: 'Too many attempts; wait a minute and try again' };
  const code = body.code
    ? (codeMap[body.code] ?? body.code.toLowerCase())
    : status === 401
      ? 'unauthenticated'
      : 'invalid_input';
  return { code, message: body.message || text || 'Authentication failed' };
}

/**
 * better-auth echoes the session token in sign-in bodies; scripts could read it there, which would
 * defeat the httpOnly cookie. The cookie is the only carrier we hand out.
 */
function withoutSessionToken(text: string, contentType: string | null): string | null {
  if (!text || !contentType?.includes('application/json')) return text || null;
  const body = JSON.parse(text) as unknown;
  if (body && typeof body === 'object' && 'token' in body) {
    const { token: _token, ...rest } = body as Record<string, unknown>;
    return JSON.stringify(rest);
  }
  return text;
}

/** Mounts better-auth's handler under /api/auth, with our error format and the real client address. */
export function mountAuth(app: FastifyInstance) {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    async handler(req: FastifyRequest, reply: FastifyReply) {
      const { auth, env } = app.ctx;
      const path = (req.params as { '*': string })['*'].split('?')[0];
      if (!EXPOSED.has(`/${path}`))
        return sendError(reply, 'route_not_found', `No route ${req.method} ${req.url}`);
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value === undefined || key === CLIENT_IP_HEADER) continue;
        headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      headers.set(CLIENT_IP_HEADER, req.ip);
      const request = new Request(new URL(req.url, env.baseUrl), {
        method: req.method,
        headers,
        body: req.method === 'POST' && req.body !== undefined ? JSON.stringify(req.body) : undefined,
      });
      const response = await auth.handler(request);
      reply.status(response.status);
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie' && key !== 'content-length') reply.header(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) reply.header('set-cookie', cookies);
      const text = await response.text();
      if (response.status >= 400) {
        const { code, message } = translateError(response.status, text);
        return reply.type('application/json').send({ error: { code, message } });
      }
      return reply.send(withoutSessionToken(text, response.headers.get('content-type')));
    },
  });
}
