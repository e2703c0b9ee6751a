import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, migrateDatabase, openDatabase } from '../../server/db/client.ts';
import { repoRoot } from './report.ts';
import { timeOnce } from './timing.ts';

// The databases a scenario measures: the app's own openDatabase + migrateDatabase, so every engine runs
// the real schema through the same Database interface the server uses.

const clusterScript = path.join(repoRoot, 'scripts/pg-cluster.sh');

/** A PostgreSQL server to benchmark against. */
export interface PostgresServer {
  /** Connection string of the server's maintenance database. */
  url: string;
  /** True when this run started the server (and will stop it). */
  throwaway: boolean;
  /** Stops a throwaway server (no-op for BENCH_DATABASE_URL); safe to call twice. */
  stop(): void;
}

/**
 * Returns the server at BENCH_DATABASE_URL, or starts a throwaway cluster with scripts/pg-cluster.sh
 * that is stopped by `stop()` and, failing that, when the process exits or is interrupted.
 */
export function acquirePostgresServer(log: (line: string) => void): PostgresServer {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) {
    log(`PostgreSQL: BENCH_DATABASE_URL (${redact(given)})`);
    return { url: given, throwaway: false, stop: () => {} };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mycelium-pg-'));
  log(`PostgreSQL: starting a throwaway cluster in ${dir}`);
  const url = execFileSync('bash', [clusterScript, 'start', dir], { encoding: 'utf8' }).trim();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    execFileSync('bash', [clusterScript, 'stop', dir], { stdio: 'inherit' });
  };
  // `exit` runs on normal ends, process.exit and uncaught errors; signals are turned into an exit.
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
  }
  log(`PostgreSQL: ${url}`);
  return { url, throwaway: true, stop };
}

/** A migrated, empty database of one engine, ready to be measured. */
export interface BenchEngine {
  kind: Database['kind'];
  /** Where the data lives, for the report. */
  storage: string;
  /** Connection string of the database (PostgreSQL only), for tools such as psql. */
  url?: string;
  database: Database;
  /** Time to open the database and apply every migration, in milliseconds. */
  setupMs: number;
  /** Closes the database and deletes its files (PGlite) or drops it (PostgreSQL). */
  close(): Promise<void>;
}

/** Opens PGlite on a fresh on-disk folder in the temp dir (as `npm start` does with ./data) and migrates it. */
export async function openPgliteEngine(): Promise<BenchEngine> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mycelium-bench-pglite-'));
  const { result: database, ms } = await timeOnce(async () => {
    const opened = await openDatabase({ dataDir: dir });
    await migrateDatabase(opened);
    return opened;
  });
  return {
    kind: 'pglite',
    storage: `on-disk temp dir ${dir}`,
    database,
    setupMs: ms,
    async close() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a fresh database on the server at `serverUrl`, opens it as the app does and migrates it. */
export async function openPostgresEngine(serverUrl: string, poolSize = 10): Promise<BenchEngine> {
  const name = `mycelium_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const { result: database, ms } = await timeOnce(async () => {
    const opened = await openDatabase({ databaseUrl: url.toString(), poolSize });
    await migrateDatabase(opened, url.toString());
    return opened;
  });
  return {
    kind: 'postgres',
    storage: `server database ${name} on ${redact(serverUrl)}`,
    url: url.toString(),
    database,
    setupMs: ms,
    async close() {
      await database.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Server version and the settings that change write latency the most, for the report. */
export async function describeEngine(database: Database): Promise<Record<string, string>> {
  const setting = async (query: string) =>
    String(Object.values((await database.executeSql(query)).rows[0] ?? {})[0]);
  return {
    version: await setting('SELECT version()'),
    fsync: await setting('SHOW fsync'),
    synchronous_commit: await setting('SHOW synchronous_commit'),
    full_page_writes: await setting('SHOW full_page_writes'),
    shared_buffers: await setting('SHOW shared_buffers'),
  };
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A connection string without its password, safe to print and store. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
