/**
 * Account imports: a CSV file is uploaded (streamed into ~1 MB chunks in the database, so any
 * worker can run it), previewed with a proposed column mapping, then started; the import job
 * streams the chunks back through the decoder and parser, normalizes each row, COPYs valid rows in
 * batches into a staging table, and merges them into the set's accounts in one transaction (insert,
 * update changed, count unchanged, remove missing when asked, then match keys and overlaps). A set's
 * first import on PostgreSQL skips the staging: one transaction COPYs each batch straight into
 * crm_account while the next is parsed (the job: accounts.import.run.ts). A failure leaves the accounts as they
 * were. The file is deleted once the import is done or failed.
 */
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant.ts';
import { AppError, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { safeCell } from '../../http/csv.ts';
import { toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { selectLivePartnership } from '../partnerships/index.ts';
import {
  assertTextStart,
  type CsvFile,
  CsvReadError,
  type CsvRow,
  csvLine,
  NotCsvError,
  openCsv,
} from './accounts.csv.ts';
import { detectMapping, type ImportMapping, indexMapping, mappingProblems } from './accounts.headers.ts';
import * as repo from './accounts.import.repo.ts';
import {
  type AccountValues,
  type ImportContext,
  type ImportSettings,
  readRow,
  settingsOf,
  storedFile,
} from './accounts.import.rows.ts';
import { accountImportJob } from './accounts.import.run.ts';
import { getOrCreateSet } from './accounts.sets.ts';

/** The largest file the web upload takes (the CLI reads files of any size from disk). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
/** Bytes per stored chunk of an uploaded file. */
export const CHUNK_BYTES = 1024 * 1024;
/** Rows shown in a preview. */
export const PREVIEW_ROWS = 20;

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
