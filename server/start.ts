import { createAuth } from './auth/auth.ts';
import { type AppContext, setAppContext } from './context.ts';
import { type Database, migrateDatabase, openDatabase } from './db/client.ts';
import { ensureAuthSecret } from './db/settings.ts';
import type { Env } from './env.ts';
import { dealSweepJob } from './flows/sweep-deals.ts';
import { startJobs } from './jobs/queue.ts';
import { createLogger, type Logger } from './log.ts';
import { accountImportJob, overlapRecomputeJob } from './modules/accounts/index.ts';
import { insightsRefreshJob } from './modules/insights/index.ts';
import { ledgerReconcileJob } from './modules/ledger/index.ts';
import { queueMail, sendMailJob } from './modules/mail/index.ts';
import { tierEvaluationJob } from './modules/programs/index.ts';

/** Opens the configured database (PGlite in DATA_DIR, or PostgreSQL at DATABASE_URL). */
export function openConfiguredDatabase(env: Env): Promise<Database> {
  return openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
}

/** Options for {@link startContext}. */
export interface StartOptions {
  /** Run the job workers in this process. */
  worker: boolean;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  log?: Logger;
  database?: Database;
}

/** Opens the database, migrates, and wires auth and jobs into one context. */
export async function startContext(env: Env, options: StartOptions): Promise<AppContext> {
  const log = options.log ?? createLogger(env.LOG_LEVEL);
  const database = options.database ?? (await openConfiguredDatabase(env));
  if (options.migrate !== false) await migrateDatabase(database, env.DATABASE_URL);
  const db = database.db;
  const jobs = await startJobs(database, log, options.worker);
  const secret = env.AUTH_SECRET ?? (await ensureAuthSecret(db));
  const ctx = {} as AppContext;
  const auth = createAuth({
    db,
    env,
    secret,
    sendMagicLink: async (email, url) => {
      await queueMail(ctx, {
        to: email,
        kind: 'magic_link',
        subject: 'Your Mycelium sign-in link',
        text: `Sign in to Mycelium with this link (valid for 15 minutes):\n\n${url}\n\nIf you did not ask for it, ignore this mail.`,
      });
    },
  });
  Object.assign(ctx, { env, database, db, auth, jobs, log } satisfies AppContext);
  setAppContext(ctx);
  if (options.worker) {
    await jobs.work([
      sendMailJob as never,
      dealSweepJob as never,
      tierEvaluationJob as never,
      ledgerReconcileJob as never,
      accountImportJob as never,
      overlapRecomputeJob as never,
      insightsRefreshJob as never,
    ]);
    // Every five minutes: protections expire and overdue answers are flagged within that much.
    await jobs.schedule(dealSweepJob, '*/5 * * * *');
    // Nightly: every enrollment's tier (grace periods run out at night too), then any commission
    // a crash between a deal's move and its posting could have missed.
    await jobs.schedule(tierEvaluationJob, '15 2 * * *');
    await jobs.schedule(ledgerReconcileJob, '45 2 * * *');
    // Nightly, between the two: the insights refresh (graph, communities, trust, recommendations).
    await jobs.schedule(insightsRefreshJob, '30 2 * * *');
  }
  return ctx;
}

/** Stops jobs and closes the database. */
export async function stopContext(ctx: AppContext): Promise<void> {
  await ctx.jobs.stop();
  await ctx.database.close();
}
