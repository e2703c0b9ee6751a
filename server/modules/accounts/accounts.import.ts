/**
 * Account imports: a CSV file is uploaded (streamed into ~1 MB chunks in the database, so any
 * worker can run it), previewed with a proposed column mapping, then started; the import job
 * streams the chunks back through the decoder and parser, normalizes each row, COPYs valid rows in
 * batches into a staging table, and merges them into the set's accounts in one transaction (insert,
 * update changed, count unchanged, remove missing when asked, then match keys and overlaps). A
 * failure leaves the accounts as they were. The file is deleted once the import is done or failed.
 */
import { stringify } from 'csv-stringify/sync';
import { type AppContext, getAppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant.ts';
import { AppError, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { safeCell } from '../../http/csv.ts';
import { toPage } from '../../http/pagination.ts';
import type { JobDefinition } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/index.ts';
import { selectLivePartnership } from '../partnerships/index.ts';
import { assignNameKeys } from './accounts.canon.ts';
import {
  assertTextStart,
  type CsvEncoding,
  type CsvFile,
  CsvReadError,
  type CsvRow,
  csvLine,
  NotCsvError,
  openCsv,
} from './accounts.csv.ts';
import {
  detectMapping,
  type ImportMapping,
  type ImportSource,
  indexMapping,
  type MappingIndex,
  mappingProblems,
} from './accounts.headers.ts';
import * as repo from './accounts.import.repo.ts';
import { FULL_REFRESH_KEYS, refreshKeys } from './accounts.keys.ts';
import { normalizeAccount } from './accounts.normalize.ts';
import { ensurePopulations, type PopulationRow, populationBitsOf } from './accounts.populations.ts';
import { getOrCreateSet } from './accounts.sets.ts';

/** The largest file the web upload takes (the CLI reads files of any size from disk). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
/** Bytes per stored chunk of an uploaded file. */
export const CHUNK_BYTES = 1024 * 1024;
/** Rows shown in a preview. */
export const PREVIEW_ROWS = 20;
// Rows per COPY batch into staging: bounded memory (PGlite holds one batch as a blob).
const BATCH_ROWS = 10_000;
// rows_read is written this often, so the web app can show progress.
const PROGRESS_ROWS = 50_000;
// Longest external id and name kept (the external id is in a unique index; btree keys are bounded).
const MAX_ID_CHARS = 255;
const MAX_NAME_CHARS = 1000;
const MAX_RAW_CHARS = 4000;

/** What a service needs: the database handles (COPY on the raw one) and the job queue. */
export type ImportContext = Pick<AppContext, 'db' | 'database'> & Partial<Pick<AppContext, 'jobs'>>;

/** How a file was read and mapped, stored in `account_import.mapping`. */
export interface ImportSettings {
  mapping: ImportMapping;
  source: ImportSource;
  encoding: CsvEncoding;
  delimiter: string;
  columns: string[];
  /** Average bytes per row of the first rows, for estimating the rows of the file from its size. */
  bytesPerRow: number | null;
}

/** A row's normalized account, as previewed and stored. */
export interface AccountValues {
  externalId: string;
  name: string;
  website: string | null;
  domain: string | null;
  domainKey: string | null;
  nameKey: string;
  country: string | null;
  status: string | null;
  stage: string | null;
  fields: Record<string, string>;
}

/** One row read with a mapping: its account, or why it is refused (with its external id when it has one). */
export type ReadRow =
  | { ok: true; account: AccountValues }
  | { ok: false; message: string; externalId: string | null };

// NUL cannot be stored in PostgreSQL text; other control characters are kept.
const clean = (value: string | undefined) => {
  const trimmed = (value ?? '').replaceAll('\u0000', '').trim();
  return trimmed === '' ? null : trimmed;
};

/**
 * Reads one data row with a mapping: checks its column count, external id and name, and
 * normalizes domain, name key and country. Pure; the job and the preview use it alike.
 */
export function readRow(
  cells: readonly string[],
  columns: number,
  index: MappingIndex,
  mapping: ImportMapping,
): ReadRow {
  const cell = (i: number) => (i >= 0 ? clean(cells[i]) : null);
  const externalId = cell(index.fields.externalId);
  const usableId = externalId && externalId.length <= MAX_ID_CHARS ? externalId : null;
  if (cells.length !== columns)
    return {
      ok: false,
      message: `Expected ${columns} columns, got ${cells.length}`,
      externalId: usableId,
    };
  if (!externalId)
    return {
      ok: false,
      message: `The account id (column "${mapping.externalId}") is empty`,
      externalId: null,
    };
  if (!usableId)
    return {
      ok: false,
      message: `The account id is longer than ${MAX_ID_CHARS} characters`,
      externalId: null,
    };
  const name = cell(index.fields.name);
  if (!name) return { ok: false, message: `The name (column "${mapping.name}") is empty`, externalId };
  if (name.length > MAX_NAME_CHARS)
    return { ok: false, message: `The name is longer than ${MAX_NAME_CHARS} characters`, externalId };
  const normalized = normalizeAccount({
    name,
    website: cell(index.fields.website),
    domain: cell(index.fields.domain),
    email: cell(index.fields.email),
    country: cell(index.fields.country),
  });
  const fields: Record<string, string> = {};
  for (const [key, i] of index.extras) {
    const value = cell(i);
    if (value !== null) fields[key] = value;
  }
  return {
    ok: true,
    account: {
      externalId,
      ...normalized,
      status: cell(index.fields.status),
      stage: cell(index.fields.stage),
      fields,
    },
  };
}

/** A previewed row: its cells, and the account it gives or its error. */
export interface PreviewRow {
  row: number;
  cells: string[];
  account: AccountValues | null;
  error: string | null;
}

/** What inspecting the start of a file finds. */
export interface Inspection {
  settings: ImportSettings;
  rows: CsvRow[];
}

/**
 * Reads the header and the first rows of a file and proposes a mapping. Throws {@link NotCsvError}
 * (a 400) for files that are not CSV or have a single column, and for a quote left open within
 * the first rows.
 */
export async function inspectFile(bytes: AsyncIterable<Uint8Array>): Promise<Inspection> {
  const file = await openCsv(bytes);
  if (file.header.length < 2) {
    await file.close();
    throw new NotCsvError(
      `The file has a single column ("${file.header[0]?.slice(0, 80)}"), but an import needs at least an account id and a name: use commas, semicolons or tabs between columns`,
    );
  }
  const rows = await firstRows(file);
  const { source, mapping } = detectMapping(file.header);
  const chars = rows.reduce((sum, r) => sum + csvLine(r.cells, file.delimiter).length + 1, 0);
  return {
    settings: {
      mapping,
      source,
      encoding: file.encoding,
      delimiter: file.delimiter,
      columns: file.header,
      bytesPerRow: rows.length > 0 ? chars / rows.length : null,
    },
    rows,
  };
}

/** The first {@link PREVIEW_ROWS} rows of a file; a read error there is a 400. Closes the file. */
async function firstRows(file: CsvFile): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  try {
    for await (const batch of file.batches) {
      rows.push(...batch.slice(0, PREVIEW_ROWS - rows.length));
      if (rows.length >= PREVIEW_ROWS) break;
    }
  } catch (error) {
    if (error instanceof CsvReadError) throw new NotCsvError(error.message);
    throw error;
  } finally {
    await file.close();
  }
  return rows;
}

/** The preview of rows with a mapping. */
export function previewRows(
  rows: readonly CsvRow[],
  settings: ImportSettings,
  mapping = settings.mapping,
): PreviewRow[] {
  const index = indexMapping(mapping, settings.columns);
  return rows.map((r) => {
    const read = readRow(r.cells, settings.columns.length, index, mapping);
    return {
      row: r.row,
      cells: r.cells,
      account: read.ok ? read.account : null,
      error: read.ok ? null : read.message,
    };
  });
}

/** The stored chunks of an import's file, one at a time. */
export async function* storedFile(db: Db, importId: string): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    const chunk = await repo.selectChunk(db, importId, seq);
    if (!chunk) return;
    yield chunk;
  }
}

const settingsOf = (row: repo.ImportRow) => row.mapping as ImportSettings;

const sizeText = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(bytes / 1024 ** 2)} MB`;
const tooLarge = (bytes: number | null, limit: number) =>
  new AppError(
    'payload_too_large',
    `${bytes === null ? `The file is larger than ${sizeText(limit)}` : `The file is ${sizeText(bytes)}`}; the limit is ${sizeText(limit)} — split it or import it with the CLI (mycelium accounts import)`,
  );

/**
 * The set an import goes into: the tenant's own, or the list it keeps for an offline partner (an
 * organization without users it has a live partnership with). Anything else is a 400 that does
 * not tell whether the organization exists.
 */
export async function resolveSubject(
  db: Db,
  actor: { scope: TenantScope; orgId: string },
  subjectId?: string,
) {
  if (!subjectId || subjectId === actor.orgId) return actor.orgId;
  const partnership = await selectLivePartnership(db, actor.scope, subjectId);
  if (!partnership || (await repo.hasMembers(db, subjectId)))
    throw invalidInput(
      'Import lists only for yourself or for an offline partner (an organization without users you have a partnership with)',
      'subjectId',
    );
  return subjectId;
}

/** Input of {@link uploadImport}. */
export interface UploadInput {
  fileName: string;
  subjectId?: string;
  /** The request's Content-Length, when it sent one. */
  contentLength?: number;
  /** The size limit (default {@link MAX_IMPORT_BYTES}; tests use a small one). */
  maxBytes?: number;
}

/**
 * Stores an uploaded file (streamed in chunks, never whole in memory), reads its header and first
 * rows, and creates the import ('uploaded') with the detected source and mapping. Files over
 * {@link MAX_IMPORT_BYTES} are refused up front by Content-Length or while streaming; a file that
 * is not CSV is refused at its first bytes or once its header is read. On any refusal nothing stays stored.
 */
export async function uploadImport(
  ctx: ImportContext,
  actor: MemberActor,
  input: UploadInput,
  body: AsyncIterable<Uint8Array>,
) {
  authorize(actor, 'accounts.import');
  const limit = input.maxBytes ?? MAX_IMPORT_BYTES;
  if (input.contentLength !== undefined && input.contentLength > limit)
    throw tooLarge(input.contentLength, limit);
  const subjectId = await resolveSubject(ctx.db, actor, input.subjectId);

  let importId: string | undefined;
  let seq = 0;
  let total = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    if (!importId) {
      // The first bytes must be text; checked before anything is stored.
      assertTextStart(data);
      const set = await getOrCreateSet(ctx.db, actor.scope, subjectId);
      importId = (
        await repo.insertImport(ctx.db, {
          id: newId(),
          organizationId: actor.orgId,
          setId: set.id,
          fileName: input.fileName,
          fileBytes: 0,
          mapping: {},
          createdByUserId: actor.userId,
        })
      ).id;
    }
    await repo.insertChunk(ctx.db, importId, seq++, data);
  };

  try {
    for await (const chunk of body) {
      total += chunk.length;
      if (total > limit) throw tooLarge(null, limit);
      pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      pendingBytes += chunk.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
    if (!importId)
      throw new NotCsvError('The file is empty: a CSV file starts with a header row naming its columns');
    const { settings, rows } = await inspectFile(storedFile(ctx.db, importId));
    const created = await ctx.db.transaction(async (tx) => {
      const row = await repo.updateImport(tx, importId!, { fileBytes: total, mapping: settings });
      await recordAudit(tx, actor, {
        action: 'accounts.import.uploaded',
        targetType: 'account_import',
        targetId: importId,
        data: { fileName: input.fileName, bytes: total, subjectId, source: settings.source },
      });
      return row!;
    });
    return { row: created, preview: previewRows(rows, settings) };
  } catch (error) {
    if (importId) await repo.deleteImportById(ctx.db, importId);
    throw error;
  }
}

/**
 * Creates a queued import of a file read from elsewhere (the CLI streams it from disk into
 * {@link runImport} instead of uploading chunks). The mapping must be valid.
 */
export async function queueFileImport(
  db: Db,
  scope: TenantScope,
  input: {
    subjectId: string;
    fileName: string;
    fileBytes: number;
    settings: ImportSettings;
    removeMissing: boolean;
  },
) {
  assertMapping(input.settings.mapping, input.settings.columns);
  const set = await getOrCreateSet(db, scope, input.subjectId);
  return repo.insertImport(db, {
    id: newId(),
    organizationId: scope.orgId,
    setId: set.id,
    status: 'queued',
    fileName: input.fileName,
    fileBytes: input.fileBytes,
    mapping: input.settings,
    removeMissing: input.removeMissing,
  });
}

/** Finds the tenant's import (404 for another tenant's). */
async function findImport(db: Db, actor: MemberActor, id: string) {
  const found = await repo.selectImport(db, actor.scope, id);
  if (!found) throw notFound('Import');
  return found;
}

/** The settings of an uploaded import; 409 while its file is still arriving (no header read yet). */
function uploadedSettings(row: repo.ImportRow, verb: string) {
  if (row.status !== 'uploaded')
    throw new AppError('invalid_state', `The import is ${row.status}; only an uploaded file can be ${verb}`);
  const settings = settingsOf(row);
  if (!settings.columns) throw new AppError('invalid_state', 'The file is still being uploaded');
  return settings;
}

/** The tenant's imports, newest first. */
export async function listImports(db: Db, actor: MemberActor, query: { limit: number; cursor?: string }) {
  authorize(actor, 'accounts.read');
  const rows = await repo.selectImports(db, actor.scope, query);
  return toPage(
    rows.map(presentImport) as (ReturnType<typeof presentImport> & { id: string })[],
    query.limit,
  );
}

/** One import with its progress and totals. */
export async function getImport(db: Db, actor: MemberActor, id: string) {
  authorize(actor, 'accounts.read');
  return presentImport(await findImport(db, actor, id));
}

/** The preview of an uploaded import's first rows, with its stored mapping or the one given. */
export async function previewImport(db: Db, actor: MemberActor, id: string, mapping?: ImportMapping) {
  authorize(actor, 'accounts.import');
  const found = await findImport(db, actor, id);
  const settings = uploadedSettings(found.import, 'previewed');
  const chosen = mapping ?? settings.mapping;
  assertMapping(chosen, settings.columns);
  const file = await openCsv(storedFile(db, found.import.id), {
    encoding: settings.encoding,
    delimiter: settings.delimiter,
  });
  const rows = await firstRows(file);
  return { columns: settings.columns, rows: previewRows(rows, settings, chosen) };
}

function assertMapping(mapping: ImportMapping, columns: readonly string[]) {
  const problems = mappingProblems(mapping, columns);
  if (problems.length > 0)
    throw new AppError('invalid_input', `Invalid mapping: ${problems.map((p) => p.message).join('; ')}`, {
      issues: problems,
    });
}

/**
 * Starts an uploaded import with a mapping (the detected one when none is given): validates it
 * (account id and name mapped, every column in the file), queues the import and sends the job.
 */
export async function startImport(
  ctx: ImportContext,
  actor: MemberActor,
  id: string,
  input: { mapping?: ImportMapping; removeMissing: boolean },
) {
  authorize(actor, 'accounts.import');
  const found = await findImport(ctx.db, actor, id);
  const settings = uploadedSettings(found.import, 'started');
  const mapping = input.mapping ?? settings.mapping;
  assertMapping(mapping, settings.columns);
  await ctx.db.transaction(async (tx) => {
    const moved = await repo.moveImport(tx, actor.scope, id, ['uploaded'], {
      status: 'queued',
      mapping: { ...settings, mapping },
      removeMissing: input.removeMissing,
    });
    if (!moved) throw new AppError('invalid_state', 'The import was started or discarded meanwhile');
    await recordAudit(tx, actor, {
      action: 'accounts.import.started',
      targetType: 'account_import',
      targetId: id,
      data: { removeMissing: input.removeMissing },
    });
  });
  await ctx.jobs?.send(accountImportJob, { importId: id });
  return presentImport(await findImport(ctx.db, actor, id));
}

/** Discards an uploaded import that was not started (its file goes with it). */
export async function discardImport(db: Db, actor: MemberActor, id: string) {
  authorize(actor, 'accounts.import');
  const found = await findImport(db, actor, id);
  await db.transaction(async (tx) => {
    if (!(await repo.deleteImport(tx, actor.scope, id, ['uploaded'])))
      throw new AppError(
        'invalid_state',
        `The import is ${found.import.status}; only an uploaded file can be discarded`,
      );
    await recordAudit(tx, actor, {
      action: 'accounts.import.discarded',
      targetType: 'account_import',
      targetId: id,
      data: { fileName: found.import.fileName },
    });
  });
}

/** The import's row errors as CSV text (row, message, raw), page by page; cells neutralized for spreadsheets. */
export async function* importErrorsCsv(db: Db, importId: string): AsyncGenerator<string> {
  yield stringify([['row', 'message', 'raw']]);
  let after = 0;
  for (;;) {
    const page = await repo.selectErrors(db, importId, after, 5000);
    if (page.length === 0) return;
    yield stringify(page.map((e) => [String(e.row), safeCell(e.message), safeCell(e.raw)]));
    after = page.at(-1)!.row;
  }
}

/** The error report of the tenant's import, for download. */
export async function errorReport(db: Db, actor: MemberActor, id: string) {
  authorize(actor, 'accounts.read');
  const found = await findImport(db, actor, id);
  const base = found.import.fileName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'import';
  return { filename: `${base}-errors.csv`, lines: importErrorsCsv(db, found.import.id) };
}

/** An import as the API shows it. */
export function presentImport(found: { import: repo.ImportRow; subjectId: string; subjectName: string }) {
  const row = found.import;
  const settings = settingsOf(row) as Partial<ImportSettings>;
  const estimated =
    row.status === 'done'
      ? row.rowsRead
      : settings.bytesPerRow
        ? Math.max(row.rowsRead, Math.round(row.fileBytes / settings.bytesPerRow))
        : null;
  return {
    id: row.id,
    status: row.status as 'uploaded' | 'queued' | 'running' | 'done' | 'failed',
    fileName: row.fileName,
    fileBytes: row.fileBytes,
    subject: { id: found.subjectId, name: found.subjectName },
    source: settings.source ?? 'generic',
    encoding: settings.encoding ?? 'utf-8',
    delimiter: settings.delimiter ?? ',',
    columns: settings.columns ?? [],
    mapping: settings.mapping ?? null,
    removeMissing: row.removeMissing,
    rowsRead: row.rowsRead,
    estimatedRows: estimated,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    removed: row.removed,
    errorRows: row.errorRows,
    failure: row.failure,
    createdByUserId: row.createdByUserId,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

// ——— The job ———

/** Progress of a running import. */
export interface ImportProgress {
  rowsRead: number;
  estimatedRows: number | null;
  elapsedMs: number;
}

/** Options of {@link runImport}. */
export interface RunOptions {
  /** Where the file's bytes come from (default: the stored chunks; the CLI reads from disk). */
  source?: () => AsyncIterable<Uint8Array>;
  onProgress?: (progress: ImportProgress) => void;
  /** Rows between progress reports (default 50,000). */
  progressEvery?: number;
  /** Called after each phase with its duration (for benchmarks). */
  onPhase?: (phase: string, ms: number) => void;
}

/** The import job: runs one queued import. */
export const accountImportJob: JobDefinition<{ importId: string }> = {
  name: 'accounts-import',
  retryLimit: 0,
  handler: async () => async (payload) => {
    await runImport(getAppContext(), payload.importId);
  },
};

const csvText = (value: string) => `"${value.replaceAll('"', '""')}"`;
const errorLine = (importId: string, row: number, message: string, raw: string) =>
  `${importId},${row},${csvText(message)},${csvText(raw.replaceAll('\u0000', '').slice(0, MAX_RAW_CHARS))}`;
const csvNullable = (value: string | null) => (value === null ? '' : csvText(value));

function stagedLine(
  importId: string,
  orgId: string,
  row: number,
  read: ReadRow,
  populations: readonly PopulationRow[],
): string | null {
  if (!read.ok) {
    if (!read.externalId) return null;
    return `${importId},${csvText(orgId)},${row},${newId()},${csvText(read.externalId)},f,,,,,,,,,,,`;
  }
  const a = read.account;
  const bits = populationBitsOf(
    {
      status: a.status,
      stage: a.stage,
      fields: a.fields,
      name: a.name,
      domain: a.domain,
      country: a.country,
    },
    populations,
  );
  return [
    importId,
    csvText(orgId),
    row,
    newId(),
    csvText(a.externalId),
    't',
    csvText(a.name),
    csvNullable(a.website),
    csvNullable(a.domain),
    csvNullable(a.domainKey),
    csvText(a.nameKey),
    csvNullable(a.country),
    csvNullable(a.status),
    csvNullable(a.stage),
    csvText(JSON.stringify(a.fields)),
    a.domain ? csvText(`d:${a.domain}`) : '',
    bits,
  ].join(',');
}

/**
 * Runs an import: claims it (queued → running; anything else is left alone, so running a job twice
 * does nothing), reads and stages the file, and merges it in one transaction. A failure marks the
 * import failed with its message; the accounts stay as they were. Either way the file is deleted.
 */
export async function runImport(ctx: ImportContext, importId: string, options: RunOptions = {}) {
  const claimed = await repo.claimImport(ctx.db, importId);
  if (!claimed) return undefined;
  try {
    return await executeImport(ctx, claimed, options);
  } catch (error) {
    const message =
      error instanceof CsvReadError || error instanceof AppError
        ? error.message
        : `The import failed: ${error instanceof Error ? error.message : String(error)}`;
    await repo.clearWork(ctx.db, importId);
    await repo.deleteFileAndStaging(ctx.db, importId);
    return repo.updateImport(ctx.db, importId, {
      status: 'failed',
      failure: message,
      errorRows: 0,
      finishedAt: new Date(),
    });
  }
}

async function executeImport(ctx: ImportContext, row: repo.ImportRow, options: RunOptions) {
  const started = performance.now();
  const settings = settingsOf(row);
  const { mapping, columns } = settings;
  const index = indexMapping(mapping, columns);
  const populations = await ensurePopulations(ctx.db, row.setId, row.organizationId);
  await repo.clearWork(ctx.db, row.id);

  const file: CsvFile = await openCsv((options.source ?? (() => storedFile(ctx.db, row.id)))(), {
    encoding: settings.encoding,
    delimiter: settings.delimiter,
  });
  if (file.header.length !== columns.length || file.header.some((h, i) => h !== columns[i])) {
    await file.close();
    throw new AppError('invalid_state', "The file's header row is not the one that was previewed");
  }
  const estimatedRows = settings.bytesPerRow ? Math.round(row.fileBytes / settings.bytesPerRow) : null;
  const progressEvery = options.progressEvery ?? PROGRESS_ROWS;
  let rowsRead = 0;
  let staged: string[] = [];
  let errors: string[] = [];
  // On PostgreSQL one COPY runs (on its own connection) while the next batch is read; PGlite is
  // one connection, so there each batch is written before reading on.
  const overlap = ctx.database.kind === 'postgres';
  let inFlight: Promise<void> = Promise.resolve();
  const ship = async () => {
    const batch = { staged, errors };
    staged = [];
    errors = [];
    await inFlight;
    inFlight = repo.copyBatch(ctx.database, batch.staged, batch.errors);
    // Awaited before the next batch or at the end; a failure must not surface as unhandled meanwhile.
    inFlight.catch(() => {});
    if (!overlap) await inFlight;
  };
  try {
    for await (const batch of file.batches) {
      for (const r of batch) {
        rowsRead++;
        const read = readRow(r.cells, columns.length, index, mapping);
        const line = stagedLine(row.id, row.organizationId, r.row, read, populations);
        if (line) staged.push(line);
        if (!read.ok)
          errors.push(errorLine(row.id, r.row, read.message, csvLine(r.cells, settings.delimiter)));
        if (rowsRead % progressEvery === 0) {
          await inFlight;
          await repo.updateImport(ctx.db, row.id, { rowsRead });
          options.onProgress?.({ rowsRead, estimatedRows, elapsedMs: performance.now() - started });
        }
      }
      if (staged.length + errors.length >= BATCH_ROWS) await ship();
    }
    await ship();
  } finally {
    // Nothing may still be writing to staging when a failure clears it.
    await inFlight.catch(() => {});
  }
  await inFlight;
  options.onProgress?.({ rowsRead, estimatedRows: rowsRead, elapsedMs: performance.now() - started });

  let mark = started;
  const phase = <T>(name: string, value: T) => {
    const now = performance.now();
    options.onPhase?.(name, now - mark);
    mark = now;
    return value;
  };
  phase('read', null);
  await repo.analyzeStaging(ctx.db);
  return ctx.db.transaction(async (tx) => {
    await repo.lockSet(tx, row.setId);
    phase('duplicates', await repo.rejectDuplicates(tx, row.id));
    const valid = await repo.countStaged(tx, row.id);
    if (row.removeMissing && valid === 0)
      throw new AppError(
        'invalid_state',
        'No row of the file could be imported, so no account was removed as missing: check the mapping and the error report',
      );
    await repo.createTouchedKeys(tx);
    const updated = phase('update', await repo.updateChanged(tx, row.id, row.setId));
    const inserted = phase('insert', await repo.insertNew(tx, row.id, row.setId, row.organizationId));
    const removed = phase('remove', row.removeMissing ? await repo.deleteMissing(tx, row.id, row.setId) : 0);
    phase('name keys', await assignNameKeys(tx, row.setId));
    await repo.noteNewKeys(tx, row.id, row.setId);
    const keys = await repo.selectTouchedKeys(tx, FULL_REFRESH_KEYS);
    phase('touched keys', keys);
    if (keys === null || keys.length > 0)
      phase('refresh keys', await refreshKeys(tx, row.setId, keys ?? 'all'));
    const errorRows = await repo.countErrors(tx, row.id);
    phase('clean up', await repo.deleteFileAndStaging(tx, row.id));
    return repo.updateImport(tx, row.id, {
      status: 'done',
      rowsRead,
      inserted,
      updated,
      unchanged: valid - inserted - updated,
      removed,
      errorRows,
      failure: null,
      finishedAt: new Date(),
    });
  });
}
