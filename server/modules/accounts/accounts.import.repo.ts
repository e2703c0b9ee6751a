import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, desc, eq, gt, inArray, lt, type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type CopyLoad, type Database, type Db, rowsOf } from '../../db/client.ts';
import {
  accountImport,
  accountImportChunk,
  accountImportError,
  accountSet,
  member,
  organization,
} from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';

/** An import row. */
export type ImportRow = typeof accountImport.$inferSelect;

/** Inserts an import. */
export async function insertImport(db: Db, row: typeof accountImport.$inferInsert) {
  const [inserted] = await db.insert(accountImport).values(row).returning();
  return inserted!;
}

/** One import of the tenant, with the subject of its set. */
export async function selectImport(db: Db, scope: TenantScope, id: string) {
  const [row] = await db
    .select({ import: accountImport, subjectId: accountSet.subjectId, subjectName: organization.name })
    .from(accountImport)
    .innerJoin(accountSet, eq(accountSet.id, accountImport.setId))
    .innerJoin(organization, eq(organization.id, accountSet.subjectId))
    .where(inTenant(accountImport, scope, eq(accountImport.id, id)));
  return row;
}

/** A page of the tenant's imports, newest first (`limit + 1` rows for {@link toPage}). */
export async function selectImports(db: Db, scope: TenantScope, opts: { limit: number; cursor?: string }) {
  return db
    .select({ import: accountImport, subjectId: accountSet.subjectId, subjectName: organization.name })
    .from(accountImport)
    .innerJoin(accountSet, eq(accountSet.id, accountImport.setId))
    .innerJoin(organization, eq(organization.id, accountSet.subjectId))
    .where(inTenant(accountImport, scope, opts.cursor ? lt(accountImport.id, opts.cursor) : undefined))
    .orderBy(desc(accountImport.id))
    .limit(opts.limit + 1);
}

/** Updates an import by id (the job's own writes: it runs for an import the caller already found). */
export async function updateImport(db: Db, id: string, patch: Partial<typeof accountImport.$inferInsert>) {
  const [row] = await db.update(accountImport).set(patch).where(eq(accountImport.id, id)).returning();
  return row;
}

/** Moves the tenant's import from one status to another; undefined when it is not in `from` (a race or a second click). */
export async function moveImport(
  db: Db,
  scope: TenantScope,
  id: string,
  from: readonly string[],
  patch: Partial<typeof accountImport.$inferInsert>,
) {
  const [row] = await db
    .update(accountImport)
    .set(patch)
    .where(inTenant(accountImport, scope, eq(accountImport.id, id), inArray(accountImport.status, [...from])))
    .returning();
  return row;
}

/** Claims a queued import for the job (queued → running); undefined when it is not queued (done, failed, running, gone). */
export async function claimImport(db: Db, id: string) {
  const [row] = await db
    .update(accountImport)
    .set({ status: 'running', startedAt: new Date(), failure: null })
    .where(and(eq(accountImport.id, id), eq(accountImport.status, 'queued')))
    .returning();
  return row;
}

/** Deletes the tenant's import if it is in one of the statuses (chunks and errors cascade). */
export async function deleteImport(db: Db, scope: TenantScope, id: string, statuses: readonly string[]) {
  const rows = await db
    .delete(accountImport)
    .where(
      inTenant(accountImport, scope, eq(accountImport.id, id), inArray(accountImport.status, [...statuses])),
    )
    .returning({ id: accountImport.id });
  return rows.length > 0;
}

/** Deletes an import by id (an upload that failed half-way). */
export async function deleteImportById(db: Db, id: string) {
  await db.delete(accountImport).where(eq(accountImport.id, id));
}

/** Stores one chunk of an uploaded file. */
export async function insertChunk(db: Db, importId: string, seq: number, data: Buffer) {
  await db.insert(accountImportChunk).values({ importId, seq, data });
}

/** One chunk of an uploaded file, or undefined past its end. */
export async function selectChunk(db: Db, importId: string, seq: number): Promise<Uint8Array | undefined> {
  const [row] = await db
    .select({ data: accountImportChunk.data })
    .from(accountImportChunk)
    .where(and(eq(accountImportChunk.importId, importId), eq(accountImportChunk.seq, seq)));
  return row?.data;
}

/** The rows of an import's error report after `afterRow`, in file order. */
export async function selectErrors(db: Db, importId: string, afterRow: number, limit: number) {
  return db
    .select({ row: accountImportError.row, message: accountImportError.message, raw: accountImportError.raw })
    .from(accountImportError)
    .where(and(eq(accountImportError.importId, importId), gt(accountImportError.row, afterRow)))
    .orderBy(asc(accountImportError.row))
    .limit(limit);
}

/** Whether an organization has members (an offline partner has none). */
export async function hasMembers(db: Db, orgId: string) {
  const [row] = await db
    .select({ id: member.id })
    .from(member)
    .where(eq(member.organizationId, orgId))
    .limit(1);
  return !!row;
}

/** Columns of `account_import_staging` in the order the job writes its CSV lines. */
export const STAGING_COLUMNS = [
  'import_id',
  'organization_id',
  'row',
  'id',
  'external_id',
  'valid',
  'name',
  'website',
  'domain',
  'domain_key',
  'name_key',
  'country',
  'status',
  'stage',
  'fields',
  'match_key',
  'pop_bits',
] as const;
const ERROR_COLUMNS = ['import_id', 'row', 'message', 'raw'] as const;

/** Writes a batch of staged rows and row errors (CSV lines) with COPY, in one transaction. */
export async function copyBatch(database: Database, staged: readonly string[], errors: readonly string[]) {
  const loads: CopyLoad[] = [];
  if (staged.length > 0)
    loads.push({
      table: 'account_import_staging',
      columns: STAGING_COLUMNS,
      chunks: [`${staged.join('\n')}\n`],
    });
  if (errors.length > 0)
    loads.push({ table: 'account_import_error', columns: ERROR_COLUMNS, chunks: [`${errors.join('\n')}\n`] });
  if (loads.length > 0) await database.copyCsv(loads);
}

/** Removes what an earlier attempt of the import left (staged rows, row errors). */
export async function clearWork(db: Db, importId: string) {
  await db.execute(sql`DELETE FROM account_import_staging WHERE import_id = ${importId}`);
  await db.delete(accountImportError).where(eq(accountImportError.importId, importId));
}

/** Deletes the import's file (after it finished). */
export async function deleteFile(db: Db, importId: string) {
  await db.delete(accountImportChunk).where(eq(accountImportChunk.importId, importId));
}

/** Deletes the import's file and staged rows (after it finished, either way). */
export async function deleteFileAndStaging(db: Db, importId: string) {
  await db.delete(accountImportChunk).where(eq(accountImportChunk.importId, importId));
  await db.execute(sql`DELETE FROM account_import_staging WHERE import_id = ${importId}`);
}

const count = async (db: Db, query: ReturnType<typeof sql>) =>
  Number(rowsOf<{ n: number }>(await db.execute(query))[0]?.n ?? 0);

/**
 * Turns later rows with an external id already on an earlier valid row into row errors (the
 * first one wins) and drops them from the staged rows. Returns how many there were.
 */
export async function rejectDuplicates(db: Db, importId: string) {
  // Only the duplicates are joined back (by ctid), so a file without any costs one sort.
  return count(
    db,
    sql`WITH dups AS MATERIALIZED (
          SELECT tid, row, external_id, first_row FROM (
            SELECT ctid AS tid, row, external_id, min(row) OVER (PARTITION BY external_id) AS first_row
              FROM account_import_staging WHERE import_id = ${importId} AND valid
          ) ranked
           WHERE row <> first_row
        ), del AS (
          DELETE FROM account_import_staging WHERE ctid = ANY (ARRAY(SELECT tid FROM dups)) RETURNING 1
        ), err AS (
          INSERT INTO account_import_error (import_id, row, message, raw)
          SELECT ${importId}, row,
                 format('The account id "%s" is also on row %s; the first row with it is imported', external_id, first_row),
                 ''
            FROM dups
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM err`,
  );
}

/** Refreshes the planner's statistics of the staged rows (the table is emptied and refilled by every import). */
export async function analyzeStaging(db: Db) {
  await db.execute(sql`ANALYZE account_import_staging`);
}

/** How many valid rows are staged. */
export const countStaged = (db: Db, importId: string) =>
  count(
    db,
    sql`SELECT count(*)::int AS n FROM account_import_staging WHERE import_id = ${importId} AND valid`,
  );

/** How many row errors the import has. */
export const countErrors = (db: Db, importId: string) =>
  count(db, sql`SELECT count(*)::int AS n FROM account_import_error WHERE import_id = ${importId}`);

/** Locks the set, so two imports into it merge one after the other. */
export async function lockSet(db: Db, setId: string) {
  await db.execute(sql`SELECT id FROM account_set WHERE id = ${setId} FOR UPDATE`);
}

/** A transaction-local table collecting the match keys the merge touches. */
export async function createTouchedKeys(db: Db) {
  await db.execute(
    sql`CREATE TEMP TABLE IF NOT EXISTS account_import_touched (match_key text NOT NULL) ON COMMIT DROP`,
  );
}

const VALUE_COLUMNS = sql.raw(
  'name, website, domain, domain_key, name_key, country, status, stage, fields, pop_bits',
);

/**
 * Updates the set's accounts whose staged values differ (by external id), noting their old match
 * keys. A name-only account keeps its name-matched key when its name and country did not change;
 * otherwise its key is cleared for the name clustering to assign again. Returns how many changed.
 */
export async function updateChanged(db: Db, importId: string, setId: string) {
  return count(
    db,
    sql`WITH changed AS (
          SELECT a.id, a.match_key AS old_key, s.name, s.website, s.domain, s.domain_key, s.name_key, s.country,
                 s.status, s.stage, s.fields, s.pop_bits,
                 CASE WHEN s.domain IS NOT NULL THEN s.match_key
                      WHEN a.domain IS NULL AND a.name_key = s.name_key AND a.country IS NOT DISTINCT FROM s.country
                        THEN a.match_key
                 END AS new_key
            FROM account_import_staging s
            JOIN crm_account a ON a.set_id = ${setId} AND a.external_id = s.external_id
           WHERE s.import_id = ${importId} AND s.valid
             AND (a.name, a.website, a.domain, a.domain_key, a.name_key, a.country, a.status, a.stage, a.fields, a.pop_bits)
                 IS DISTINCT FROM
                 (s.name, s.website, s.domain, s.domain_key, s.name_key, s.country, s.status, s.stage, s.fields, s.pop_bits)
        ), upd AS (
          UPDATE crm_account a
             SET name = c.name, website = c.website, domain = c.domain, domain_key = c.domain_key,
                 name_key = c.name_key, country = c.country, status = c.status, stage = c.stage,
                 fields = c.fields, pop_bits = c.pop_bits, match_key = c.new_key,
                 import_id = ${importId}, updated_at = now()
            FROM changed c
           WHERE a.id = c.id
          RETURNING a.id
        ), touched AS (
          INSERT INTO account_import_touched (match_key) SELECT old_key FROM changed WHERE old_key IS NOT NULL
        )
        SELECT count(*)::int AS n FROM upd`,
  );
}

/** Whether the set holds no account yet (its first import: nothing to update, remove or diff). */
export async function setIsEmpty(db: Db, setId: string) {
  const result = await db.execute(sql`SELECT 1 AS one FROM crm_account WHERE set_id = ${setId} LIMIT 1`);
  return rowsOf(result).length === 0;
}

/**
 * Inserts the staged accounts whose external id the set does not have yet. Returns how many.
 * `empty`: the set holds no account (checked under its lock), so every staged row is new.
 */
export async function insertNew(db: Db, importId: string, setId: string, orgId: string, empty = false) {
  return count(
    db,
    sql`WITH ins AS (
          INSERT INTO crm_account (id, organization_id, set_id, external_id, ${VALUE_COLUMNS}, match_key, import_id)
          SELECT s.id, ${orgId}, ${setId}, s.external_id, ${sql.raw(
            's.name, s.website, s.domain, s.domain_key, s.name_key, s.country, s.status, s.stage, s.fields, s.pop_bits',
          )}, s.match_key, ${importId}
            FROM account_import_staging s
           WHERE s.import_id = ${importId} AND s.valid
             ${
               empty
                 ? sql``
                 : sql`AND NOT EXISTS (SELECT 1 FROM crm_account a WHERE a.set_id = ${setId} AND a.external_id = s.external_id)`
             }
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM ins`,
  );
}

/** Columns of `crm_account` in the order {@link copyAccounts} takes its CSV lines. */
export const ACCOUNT_COPY_COLUMNS = [
  'id',
  'organization_id',
  'set_id',
  'external_id',
  'name',
  'website',
  'domain',
  'domain_key',
  'name_key',
  'country',
  'status',
  'stage',
  'fields',
  'pop_bits',
  'match_key',
  'import_id',
] as const;

/**
 * The node-postgres connection a transaction runs on (drizzle keeps it as the transaction
 * session's client), so COPY can run inside the transaction; undefined elsewhere (PGlite, or a
 * drizzle that keeps it differently), where callers use {@link insertAccountsJson}.
 */
export function transactionClient(tx: Db): pg.ClientBase | undefined {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? client : undefined;
}

/** COPYs accounts (CSV lines in {@link ACCOUNT_COPY_COLUMNS} order) into crm_account on a transaction's connection. */
export async function copyAccounts(client: pg.ClientBase, lines: readonly string[]) {
  if (lines.length === 0) return;
  const sink = client.query(
    copyFrom(`COPY crm_account (${ACCOUNT_COPY_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
  );
  await pipeline(Readable.from([`${lines.join('\n')}\n`]), sink);
}

/**
 * Inserts a batch of accounts given as one JSON array of rows `[row, id, external_id, name,
 * website, domain, domain_key, name_key, country, status, stage, fields, match_key, pop_bits]`, in
 * row order. With `skipTaken`, a row whose external id the set already has is not inserted and is
 * returned (row and external id); without, such a row fails the statement.
 */
export async function insertAccountsJson(
  db: Db,
  importId: string,
  setId: string,
  orgId: string,
  json: string,
  skipTaken: boolean,
): Promise<{ row: number; externalId: string }[]> {
  const input = sql`SELECT (r->>0)::int AS row, r->>1 AS id, r->>2 AS external_id, r->>3 AS name,
                           r->>4 AS website, r->>5 AS domain, r->>6 AS domain_key, r->>7 AS name_key,
                           r->>8 AS country, r->>9 AS status, r->>10 AS stage, r->11 AS fields,
                           r->>12 AS match_key, (r->>13)::int AS pop_bits
                      FROM jsonb_array_elements(${json}::jsonb) AS e(r)`;
  const insert = (from: SQL) => sql`
    INSERT INTO crm_account (id, organization_id, set_id, external_id, ${VALUE_COLUMNS}, match_key, import_id)
    SELECT id, ${orgId}, ${setId}, external_id, ${VALUE_COLUMNS}, match_key, ${importId}
      FROM ${from} ORDER BY row`;
  if (!skipTaken) {
    await db.execute(insert(sql`(${input}) input`));
    return [];
  }
  return rowsOf<{ row: number; externalId: string }>(
    await db.execute(sql`
      WITH input AS MATERIALIZED (${input}),
      ins AS (${insert(sql`input`)} ON CONFLICT (set_id, external_id) DO NOTHING RETURNING id)
      SELECT row, external_id AS "externalId" FROM input i
       WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.id = i.id)
       ORDER BY row`),
  );
}

/** Adds row errors to the import's report. */
export async function insertErrors(
  db: Db,
  importId: string,
  errors: readonly { row: number; message: string }[],
) {
  if (errors.length === 0) return;
  await db.execute(sql`
    INSERT INTO account_import_error (import_id, row, message, raw)
    SELECT ${importId}, row, message, ''
      FROM json_to_recordset(${JSON.stringify(errors)}::json) AS e(row int, message text)`);
}

/** Deletes the set's accounts whose external id is not in the file (valid or not), noting their keys. Returns how many. */
export async function deleteMissing(db: Db, importId: string, setId: string) {
  return count(
    db,
    sql`WITH gone AS (
          DELETE FROM crm_account a
           WHERE a.set_id = ${setId}
             AND NOT EXISTS (SELECT 1 FROM account_import_staging s
                              WHERE s.import_id = ${importId} AND s.external_id = a.external_id)
          RETURNING a.match_key
        ), touched AS (
          INSERT INTO account_import_touched (match_key) SELECT match_key FROM gone WHERE match_key IS NOT NULL
        )
        SELECT count(*)::int AS n FROM gone`,
  );
}

/**
 * Notes the match keys of the accounts this import inserted or changed (after name keys were
 * assigned): found through the staged rows' external ids, so the cost follows the file, not the set.
 */
export async function noteNewKeys(db: Db, importId: string, setId: string) {
  await db.execute(
    sql`INSERT INTO account_import_touched (match_key)
        SELECT a.match_key
          FROM account_import_staging s
          JOIN crm_account a ON a.set_id = ${setId} AND a.external_id = s.external_id
         WHERE s.import_id = ${importId} AND s.valid AND a.import_id = ${importId} AND a.match_key IS NOT NULL`,
  );
}

/** The distinct touched match keys, or null when there are more than `limit`. */
export async function selectTouchedKeys(db: Db, limit: number): Promise<string[] | null> {
  const rows = rowsOf<{ match_key: string }>(
    await db.execute(sql`SELECT DISTINCT match_key FROM account_import_touched LIMIT ${limit + 1}`),
  );
  return rows.length > limit ? null : rows.map((r) => r.match_key);
}
