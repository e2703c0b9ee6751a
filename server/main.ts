import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.ts';
import type { Env } from './env.ts';
import { buildApp } from './http/app.ts';
import { startContext, stopContext } from './start.ts';

/** A process role: `api` serves HTTP, `worker` runs jobs. */
export type ProcessRole = 'api' | 'worker';

/** Parses a roles list such as "api,worker". */
export function parseRoles(value: string): ProcessRole[] {
  const roles = value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.filter((r) => r !== 'api' && r !== 'worker');
  if (bad.length || roles.length === 0)
    throw new Error(`Unknown role(s) "${bad.join(',') || value}"; use api, worker or api,worker`);
  return roles as ProcessRole[];
}

/** A running server process. */
export interface Running {
  ctx: AppContext;
  app?: FastifyInstance;
  address?: string;
  stop(): Promise<void>;
}

/** Starts the given roles in this process; stops cleanly on SIGINT/SIGTERM. */
export async function serve(
  env: Env,
  roles: ProcessRole[],
  hooks: { beforeListen?: (ctx: AppContext) => Promise<void> } = {},
): Promise<Running> {
  const ctx = await startContext(env, { worker: roles.includes('worker') });
  await hooks.beforeListen?.(ctx);
  let app: FastifyInstance | undefined;
  let address: string | undefined;
  if (roles.includes('api')) {
    app = await buildApp(ctx, { serveWeb: true });
    await app.listen({ port: env.PORT, host: env.HOST });
    const bound = app.server.address();
    const port = typeof bound === 'object' && bound ? bound.port : env.PORT;
    address = env.BASE_URL ?? `http://localhost:${port}`;
  }
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await app?.close();
      await stopContext(ctx);
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      ctx.log.info(`${signal}: shutting down`);
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  return { ctx, app, address, stop };
}
