import PgBoss from 'pg-boss';
import type { Database } from '../db/client.ts';
import type { Logger } from '../log.ts';

/** A job type: a name, how to retry it, and a lazily imported handler. */
export interface JobDefinition<P> {
  name: string;
  retryLimit: number;
  handler: () => Promise<(payload: P) => Promise<void>>;
}

/** The durable job queue (pg-boss) on the same database as everything else. */
export interface Jobs {
  send<P extends object>(def: JobDefinition<P>, payload: P): Promise<void>;
  /** Starts working the given job types in this process (the worker role). */
  work(defs: JobDefinition<never>[]): Promise<void>;
  /** Runs a job on a cron schedule (one run per tick across every worker process). */
  schedule(def: JobDefinition<object>, cron: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts pg-boss; `worker` also runs its maintenance (expiry, archiving) and scheduling. */
export async function startJobs(database: Database, log: Logger, worker: boolean): Promise<Jobs> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => database.executeSql(text, values) },
    supervise: worker,
    schedule: worker,
    migrate: true,
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();
  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    await boss.createQueue(name);
    created.add(name);
  };
  return {
    async send(def, payload) {
      await ensureQueue(def.name);
      await boss.send(def.name, payload, { retryLimit: def.retryLimit, retryBackoff: true });
    },
    async work(defs) {
      for (const def of defs) {
        await ensureQueue(def.name);
        await boss.work(def.name, async (jobs) => {
          const handle = await def.handler();
          for (const job of jobs) await handle(job.data as never);
        });
      }
    },
    async schedule(def, cron) {
      await ensureQueue(def.name);
      await boss.schedule(def.name, cron, {}, { retryLimit: def.retryLimit });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
