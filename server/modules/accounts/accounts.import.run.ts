import { getAppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError } from '../../errors.ts';
import type { JobDefinition } from '../../jobs/queue.ts';
import { assignNameKeys, canonicalNameKeys, nameCanonKey } from './accounts.canon.ts';
import { type CsvFile, CsvReadError, csvLine, openCsv } from './accounts.csv.ts';
import { indexMapping } from './accounts.headers.ts';
import * as repo from './accounts.import.repo.ts';
import {
  BATCH_ROWS,
  type ImportContext,
  MAX_HELD_ROWS,
  MAX_RAW_CHARS,
  PROGRESS_ROWS,
  type ReadRow,
  readRow,
  settingsOf,
  storedFile,
} from './accounts.import.rows.ts';
import { FULL_REFRESH_KEYS, refreshKeys } from './accounts.keys.ts';
import { ensurePopulations, type PopulationRow, populationBitsOf } from './accounts.populations.ts';

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

/** A row's values (as {@link repo.insertAccountsJson} takes them) as a CSV line for {@link repo.copyAccounts}. */
function accountLine(values: readonly unknown[], row: repo.ImportRow): string {
  const [
    ,
    id,
    externalId,
    name,
    website,
    domain,
    domainKey,
    nameKey,
    country,
    status,
    stage,
    fields,
    matchKey,
    bits,
  ] = values as [number, string, string, string, ...(string | null)[]];
  return [
    id,
    csvText(row.organizationId),
    csvText(row.setId),
    csvText(externalId),
    csvText(name),
    csvNullable(website as string | null),
    csvNullable(domain as string | null),
    csvNullable(domainKey as string | null),
    csvText(nameKey as string),
    csvNullable(country as string | null),
    csvNullable(status as string | null),
    csvNullable(stage as string | null),
    csvText(JSON.stringify(fields)),
    bits,
    csvNullable(matchKey as string | null),
    csvText(row.id),
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

/** A reader's view of one row: its number, cells and how it reads with the mapping. */
type RowSink = (rowNumber: number, cells: string[], read: ReadRow) => void;

/**
 * Reads the import's file row by row into `sink`, calling `ship` after each batch of about
 * {@link BATCH_ROWS} rows (awaited before the next one is read on), and writes progress.
 * Returns how many rows were read.
 */
async function readFile(
  ctx: ImportContext,
  row: repo.ImportRow,
  options: RunOptions,
  started: number,
  sink: RowSink,
  pending: () => number,
  ship: () => Promise<void>,
  settle: () => Promise<void>,
): Promise<number> {
  const settings = settingsOf(row);
  const { mapping, columns } = settings;
  const index = indexMapping(mapping, columns);
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
  try {
    for await (const batch of file.batches) {
      for (const r of batch) {
        rowsRead++;
        sink(r.row, r.cells, readRow(r.cells, columns.length, index, mapping));
        if (rowsRead % progressEvery === 0) {
          await settle();
          await repo.updateImport(ctx.db, row.id, { rowsRead });
          options.onProgress?.({ rowsRead, estimatedRows, elapsedMs: performance.now() - started });
        }
      }
      if (pending() >= BATCH_ROWS) await ship();
    }
    await ship();
  } finally {
    // Nothing may still be writing when a failure clears the import's work.
    await settle().catch(() => {});
  }
  await settle();
  options.onProgress?.({ rowsRead, estimatedRows: rowsRead, elapsedMs: performance.now() - started });
  return rowsRead;
}

/**
 * A small open-addressing table from a 64-bit hash of an external id to the first row that had
 * it (typed arrays: ~16 bytes an entry at a million rows), for naming the first row of a
 * duplicate the database refused.
 */
class FirstRows {
  private size = 0;
  private h1 = new Uint32Array(1 << 14);
  private h2 = new Uint32Array(1 << 14);
  private rows = new Int32Array(1 << 14);

  private static hash(text: string): [number, number] {
    // FNV-1a and a multiplicative variant; 0 marks an empty slot, so h1 is never 0.
    let a = 0x811c9dc5;
    let b = 0x9e3779b1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x85ebca6b) ^ (b >>> 13);
    }
    return [(a | 1) >>> 0, b >>> 0];
  }

  private slot(a: number, b: number): number {
    const mask = this.h1.length - 1;
    for (let i = Math.imul(a ^ b, 0x27d4eb2d) & mask; ; i = (i + 1) & mask)
      if (this.h1[i] === 0 || (this.h1[i] === a && this.h2[i] === b)) return i;
  }

  /**
   * Notes the row of an external id unless its hash has one; true when it was new (then the id is
   * surely new to the file; false means it is probably, not surely, a repeat).
   */
  note(externalId: string, row: number): boolean {
    if ((this.size + 1) * 2 > this.h1.length) this.grow();
    const [a, b] = FirstRows.hash(externalId);
    const i = this.slot(a, b);
    if (this.h1[i] !== 0) return false;
    this.h1[i] = a;
    this.h2[i] = b;
    this.rows[i] = row;
    this.size++;
    return true;
  }

  /** The first row noted for an external id. */
  get(externalId: string): number | undefined {
    const [a, b] = FirstRows.hash(externalId);
    const i = this.slot(a, b);
    return this.h1[i] === 0 ? undefined : this.rows[i];
  }

  private grow() {
    const { h1, h2, rows } = this;
    this.h1 = new Uint32Array(h1.length * 2);
    this.h2 = new Uint32Array(h1.length * 2);
    this.rows = new Int32Array(h1.length * 2);
    for (let j = 0; j < h1.length; j++)
      if (h1[j] !== 0) {
        const i = this.slot(h1[j]!, h2[j]!);
        this.h1[i] = h1[j]!;
        this.h2[i] = h2[j]!;
        this.rows[i] = rows[j]!;
      }
  }
}

const duplicateMessage = (externalId: string, firstRow: number | undefined) =>
  `The account id "${externalId}" is also on row ${firstRow ?? 'an earlier row'}; the first row with it is imported`;

async function executeImport(ctx: ImportContext, row: repo.ImportRow, options: RunOptions) {
  const started = performance.now();
  const populations = await ensurePopulations(ctx.db, row.setId, row.organizationId);
  await repo.clearWork(ctx.db, row.id);
  // On PostgreSQL the first import of a set goes straight into crm_account while the file is
  // read: one transaction holds the set's lock from the start and inserts each batch as it is
  // parsed (the database works while the next batch is parsed). PGlite is one connection, and a
  // set with accounts needs the set-based merge: those stage the whole file first.
  if (ctx.database.kind === 'postgres' && (await repo.setIsEmpty(ctx.db, row.setId)))
    return ctx.db.transaction(async (tx) => {
      await repo.lockSet(tx, row.setId);
      if (!(await repo.setIsEmpty(tx, row.setId))) {
        // Another import filled the set meanwhile: merge like any later import.
        const rowsRead = await stageFile(ctx, row, options, started, populations);
        await repo.analyzeStaging(ctx.db);
        return mergeStaged(tx, row, options, rowsRead);
      }
      return importDirect(ctx, tx, row, options, started, populations);
    });
  const rowsRead = await stageFile(ctx, row, options, started, populations);
  // Outside the merge's transaction: ANALYZE's lock on the staging table is released at once.
  await repo.analyzeStaging(ctx.db);
  return ctx.db.transaction((tx) => mergeStaged(tx, row, options, rowsRead));
}

/** Reads the file into the staging table (valid rows, and refused rows with an external id) and the error report. */
async function stageFile(
  ctx: ImportContext,
  row: repo.ImportRow,
  options: RunOptions,
  started: number,
  populations: readonly PopulationRow[],
) {
  const { delimiter } = settingsOf(row);
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
  const rowsRead = await readFile(
    ctx,
    row,
    options,
    started,
    (n, cells, read) => {
      const line = stagedLine(row.id, row.organizationId, n, read, populations);
      if (line) staged.push(line);
      if (!read.ok) errors.push(errorLine(row.id, n, read.message, csvLine(cells, delimiter)));
    },
    () => staged.length + errors.length,
    ship,
    () => inFlight,
  );
  options.onPhase?.('read', performance.now() - started);
  return rowsRead;
}

/** A phase timer: reports the time since the last mark under a name and passes a value through. */
function phaseTimer(options: RunOptions) {
  let mark = performance.now();
  return <T>(name: string, value: T) => {
    const now = performance.now();
    options.onPhase?.(name, now - mark);
    mark = now;
    return value;
  };
}

/**
 * The first import of a set on PostgreSQL, in the caller's transaction (which holds the set's
 * lock): each batch of valid rows goes into crm_account while the next is read (a later row with an
 * external id already taken is refused as a duplicate); refused rows go to the error report by COPY
 * on another connection (removed again if the import fails). Name-only rows wait until their
 * canonical name keys are clustered and are inserted with their match key (not inserted, then
 * updated). Then the set's population keys are built in one pass.
 */
async function importDirect(
  ctx: ImportContext,
  tx: Db,
  row: repo.ImportRow,
  options: RunOptions,
  started: number,
  populations: readonly PopulationRow[],
) {
  const { delimiter } = settingsOf(row);
  const firstRows = new FirstRows();
  // Per batch: rows whose external id is surely new to the file (COPYed into crm_account on the
  // transaction's own connection, or as JSON when there is none) and rows that may repeat an
  // earlier one (their id's hash was seen), inserted after them skipping ids already taken.
  const client = repo.transactionClient(tx);
  let lines: string[] = [];
  let accounts: unknown[][] = [];
  let suspects: unknown[][] = [];
  let errors: string[] = [];
  // Held rows as their JSON text (compact while they wait), with the name key they wait for.
  const held: string[] = [];
  const heldNames: ({ country: string; nameKey: string } | null)[] = [];
  const heldRows = new Set<number>();
  let valid = 0;
  const duplicates: { row: number; externalId: string }[] = [];
  let inserting: Promise<unknown> = Promise.resolve();
  let copying: Promise<void> = Promise.resolve();
  const settle = async () => {
    await inserting;
    await copying;
  };
  const ship = async () => {
    const batch = { lines, accounts, suspects, errors };
    lines = [];
    accounts = [];
    suspects = [];
    errors = [];
    await settle();
    inserting = (async () => {
      if (client && batch.lines.length > 0) await repo.copyAccounts(client, batch.lines);
      if (batch.accounts.length > 0)
        await repo.insertAccountsJson(
          tx,
          row.id,
          row.setId,
          row.organizationId,
          JSON.stringify(batch.accounts),
          false,
        );
      if (batch.suspects.length > 0)
        duplicates.push(
          ...(await repo.insertAccountsJson(
            tx,
            row.id,
            row.setId,
            row.organizationId,
            JSON.stringify(batch.suspects),
            true,
          )),
        );
    })();
    if (batch.errors.length > 0) copying = repo.copyBatch(ctx.database, [], batch.errors);
    // Awaited before the next batch or at the end; a failure must not surface as unhandled meanwhile.
    inserting.catch(() => {});
    copying.catch(() => {});
  };
  const rowsRead = await readFile(
    ctx,
    row,
    options,
    started,
    (n, cells, read) => {
      if (!read.ok) {
        errors.push(errorLine(row.id, n, read.message, csvLine(cells, delimiter)));
        return;
      }
      valid++;
      const a = read.account;
      const isNew = firstRows.note(a.externalId, n);
      // A name-only row waits for its canonical name key (up to a bound), and so does any later
      // row that may repeat a waiting row's id, so the first row with an id still wins.
      const hold = isNew
        ? a.domain === null && a.nameKey !== '' && held.length < MAX_HELD_ROWS
        : heldRows.has(firstRows.get(a.externalId) ?? -1);
      const values = [
        n,
        newId(),
        a.externalId,
        a.name,
        a.website,
        a.domain,
        a.domainKey,
        a.nameKey,
        a.country,
        a.status,
        a.stage,
        a.fields,
        a.domain ? `d:${a.domain}` : null,
        populationBitsOf(a, populations),
      ];
      if (!hold && isNew && client) lines.push(accountLine(values, row));
      else if (!hold) (isNew ? accounts : suspects).push(values);
      else {
        heldRows.add(n);
        held.push(JSON.stringify(values));
        heldNames.push(
          a.domain === null && a.nameKey !== '' ? { country: a.country ?? '-', nameKey: a.nameKey } : null,
        );
      }
    },
    () => lines.length + accounts.length + suspects.length + errors.length,
    ship,
    settle,
  );
  const phase = phaseTimer(options);
  options.onPhase?.('read + insert', performance.now() - started);
  // The held rows, with their match keys from the canonical name keys, in row order.
  const canonicals = await canonicalNameKeys(
    tx,
    heldNames.filter((k) => k !== null),
  );
  for (let i = 0; i < held.length; i++) {
    const k = heldNames[i];
    const canonical = k ? canonicals.get(nameCanonKey(k.country, k.nameKey)) : undefined;
    if (k && canonical !== undefined) {
      // The row's JSON ends with its match key (null) and its population bits: `,null,<bits>]`.
      const at = held[i]!.lastIndexOf(',null,');
      held[i] =
        `${held[i]!.slice(0, at + 1)}${JSON.stringify(`n:${k.country}:${canonical}`)}${held[i]!.slice(at + 5)}`;
    }
  }
  for (let i = 0; i < held.length; i += BATCH_ROWS)
    duplicates.push(
      ...(await repo.insertAccountsJson(
        tx,
        row.id,
        row.setId,
        row.organizationId,
        `[${held.slice(i, i + BATCH_ROWS).join(',')}]`,
        true,
      )),
    );
  phase('name keys', null);
  if (duplicates.length > 0) {
    duplicates.sort((x, y) => x.row - y.row);
    await repo.insertErrors(
      tx,
      row.id,
      duplicates.map((d) => ({
        row: d.row,
        message: duplicateMessage(d.externalId, firstRows.get(d.externalId)),
      })),
    );
  }
  phase('duplicates', null);
  if (row.removeMissing && valid === duplicates.length)
    throw new AppError(
      'invalid_state',
      'No row of the file could be imported, so no account was removed as missing: check the mapping and the error report',
    );
  const inserted = valid - duplicates.length;
  // Name-only rows past the bound were inserted without a key: they get theirs as in any import.
  phase('name keys (rest)', await assignNameKeys(tx, row.setId));
  phase('refresh keys', await refreshKeys(tx, row.setId, 'all'));
  const errorRows = await repo.countErrors(tx, row.id);
  phase('clean up', await repo.deleteFile(tx, row.id));
  return repo.updateImport(tx, row.id, {
    status: 'done',
    rowsRead,
    inserted,
    updated: 0,
    unchanged: 0,
    removed: 0,
    errorRows,
    failure: null,
    finishedAt: new Date(),
  });
}

/** Merges the staged file (analyzed) into the set's accounts, in the caller's transaction. */
async function mergeStaged(tx: Db, row: repo.ImportRow, options: RunOptions, rowsRead: number) {
  const phase = phaseTimer(options);
  await repo.lockSet(tx, row.setId);
  phase('duplicates', await repo.rejectDuplicates(tx, row.id));
  const valid = await repo.countStaged(tx, row.id);
  if (row.removeMissing && valid === 0)
    throw new AppError(
      'invalid_state',
      'No row of the file could be imported, so no account was removed as missing: check the mapping and the error report',
    );
  // A set's first import: every row is new, nothing to update or remove, and its keys are
  // built in one pass instead of diffed key by key.
  const empty = await repo.setIsEmpty(tx, row.setId);
  if (!empty) await repo.createTouchedKeys(tx);
  const updated = phase('update', empty ? 0 : await repo.updateChanged(tx, row.id, row.setId));
  const inserted = phase('insert', await repo.insertNew(tx, row.id, row.setId, row.organizationId, empty));
  const removed = phase(
    'remove',
    row.removeMissing && !empty ? await repo.deleteMissing(tx, row.id, row.setId) : 0,
  );
  phase('name keys', await assignNameKeys(tx, row.setId));
  let keys: string[] | null = null;
  if (!empty) {
    await repo.noteNewKeys(tx, row.id, row.setId);
    keys = await repo.selectTouchedKeys(tx, FULL_REFRESH_KEYS);
    phase('touched keys', keys);
  }
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
}
