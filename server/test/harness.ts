import type { FastifyInstance, InjectOptions } from 'fastify';
import pino from 'pino';
import type { AppContext } from '../context.ts';
import { loadEnv } from '../env.ts';
import { buildApp } from '../http/app.ts';
import { startContext } from '../start.ts';
import { openTestDatabase } from './database.ts';

/** A running app on a fresh database, driven through `inject` (no socket). */
export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** A request as the holder of a bearer token (or anonymous with `null`). */
  as(token: string | null): Requester;
  close(): Promise<void>;
}

type Body = InjectOptions['payload'];

/** Shorthand verbs returning status, parsed JSON body and headers. */
export interface Requester {
  get(url: string): Promise<Reply>;
  post(url: string, body?: Body): Promise<Reply>;
  patch(url: string, body?: Body): Promise<Reply>;
  put(url: string, body?: Body): Promise<Reply>;
  delete(url: string): Promise<Reply>;
}

/** A response as tests look at it. */
export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are checked by assertions, not types
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
}

/** Sends one request through `inject`. */
export async function send(app: FastifyInstance, options: InjectOptions): Promise<Reply> {
  const res = await app.inject(options);
  let body: unknown = res.body;
  try {
    body = res.body ? JSON.parse(res.body) : null;
  } catch {
    // Not JSON: keep the text.
  }
  return { status: res.statusCode, body, headers: res.headers };
}

function requester(app: FastifyInstance, headers: Record<string, string>): Requester {
  const call = (method: InjectOptions['method'], url: string, payload?: Body) =>
    send(app, { method, url, headers, ...(payload === undefined ? {} : { payload }) });
  return {
    get: (url) => call('GET', url),
    post: (url, body) => call('POST', url, body ?? {}),
    patch: (url, body) => call('PATCH', url, body ?? {}),
    put: (url, body) => call('PUT', url, body ?? {}),
    delete: (url) => call('DELETE', url),
  };
}

/** Starts the app on a fresh database with test-friendly settings (rate limits can be overridden); `worker` runs jobs. */
export async function createTestApp(
  envOverrides: Record<string, string> = {},
  options: { worker?: boolean } = {},
): Promise<TestApp> {
  const { database, url, drop } = await openTestDatabase();
  const env = loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SIGN_IN_RATE_LIMIT: '1000',
    API_RATE_LIMIT: '100000',
    BASE_URL: 'http://localhost:3000',
    ...(url ? { DATABASE_URL: url } : {}),
    ...envOverrides,
  });
  const ctx = await startContext(env, {
    worker: options.worker ?? false,
    database,
    log: pino({ level: 'silent' }),
  });
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    as: (token) => requester(app, token ? { authorization: `Bearer ${token}` } : {}),
    async close() {
      await app.close();
      await ctx.jobs.stop();
      await drop();
    },
  };
}
