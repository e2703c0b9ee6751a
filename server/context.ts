import type { Auth } from './auth/auth.ts';
import type { Database, Db } from './db/client.ts';
import type { Env } from './env.ts';
import type { Jobs } from './jobs/queue.ts';
import type { Logger } from './log.ts';

/** Everything a service needs from the process: configuration, database, auth, jobs, logger. */
export interface AppContext {
  env: Env;
  database: Database;
  db: Db;
  auth: Auth;
  jobs: Jobs;
  log: Logger;
}

let current: AppContext | undefined;

/** Registers the process's context so job handlers (which pg-boss calls with a payload only) can reach it. */
export function setAppContext(ctx: AppContext): void {
  current = ctx;
}

/** The process's context; throws when the process has not started one. */
export function getAppContext(): AppContext {
  if (!current) throw new Error('App context not started');
  return current;
}
