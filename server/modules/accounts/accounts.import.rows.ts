import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import type { CsvEncoding } from './accounts.csv.ts';
import type { ImportMapping, ImportSource, MappingIndex } from './accounts.headers.ts';
import * as repo from './accounts.import.repo.ts';
import { normalizeAccount } from './accounts.normalize.ts';

// Rows per COPY batch into staging: bounded memory (PGlite holds one batch as a blob).
export const BATCH_ROWS = 10_000;
// rows_read is written this often, so the web app can show progress.
export const PROGRESS_ROWS = 50_000;
// Longest external id and name kept (the external id is in a unique index; btree keys are bounded).
const MAX_ID_CHARS = 255;
const MAX_NAME_CHARS = 1000;
export const MAX_RAW_CHARS = 4000;
// Name-only rows a set's first import holds until their canonical name keys are known (bounded memory).
export const MAX_HELD_ROWS = 200_000;

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

/** The stored chunks of an import's file, one at a time. */
export async function* storedFile(db: Db, importId: string): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    const chunk = await repo.selectChunk(db, importId, seq);
    if (!chunk) return;
    yield chunk;
  }
}

/** The settings an import was started with. */
export const settingsOf = (row: repo.ImportRow) => row.mapping as ImportSettings;
