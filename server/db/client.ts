import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import * as schema from './schema/index.ts';

/** The Drizzle handle every repo uses; the same type on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A database connection: the Drizzle handle plus raw SQL for libraries (pg-boss) that bring their own. */
export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs raw SQL; without values it may hold several statements. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Bulk-loads CSV with COPY, all loads in one transaction (streamed on PostgreSQL, a blob on PGlite). */
  copyCsv(loads: readonly CopyLoad[]): Promise<void>;
  close(): Promise<void>;
}

/** One table's CSV rows for {@link Database.copyCsv}; chunks are CSV lines without a header. */
export interface CopyLoad {
  table: string;
  columns: readonly string[];
  chunks: AsyncIterable<string> | Iterable<string>;
}

const copyStatement = (load: CopyLoad, from: string) =>
  `COPY ${quoteIdent(load.table)} (${load.columns.map(quoteIdent).join(', ')}) FROM ${from} WITH (FORMAT csv)`;
const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any stable number: serializes migrations across app processes sharing one PostgreSQL.
const MIGRATION_LOCK = 7_366_421;

/** Options for {@link openDatabase}. */
export interface OpenOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; `memory://` (or undefined with no url) keeps it in memory. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

/** Opens PostgreSQL when a URL is given, otherwise embedded PGlite. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? 'memory://');
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async executeSql(text, values) {
      if (values && values.length > 0) {
        const result = await client.query<Record<string, unknown>>(text, values);
        return { rows: result.rows };
      }
      // PGlite's query() takes one statement; exec() takes several and returns one result each.
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
    async copyCsv(loads) {
      await client.transaction(async (tx) => {
        for (const load of loads) {
          const parts: string[] = [];
          for await (const chunk of load.chunks) parts.push(chunk);
          await tx.query(copyStatement(load, "'/dev/blob'"), [], { blob: new Blob(parts) });
        }
      });
    },
    async close() {
      await client.close();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    async executeSql(text, values) {
      const result = await pool.query(text, values as unknown[] | undefined);
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
    },
    async copyCsv(loads) {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        for (const load of loads) {
          const sink = conn.query(copyFrom(copyStatement(load, 'STDIN')));
          await pipeline(Readable.from(load.chunks), sink);
        }
        await conn.query('COMMIT');
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        conn.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** Applies pending migrations; safe to call from many processes at once on PostgreSQL. */
export async function migrateDatabase(database: Database, databaseUrl?: string): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

/** Rows of a `db.execute` result (node-postgres and PGlite both return `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
