import {
  infiniteQueryOptions,
  keepPreviousData,
  type QueryClient,
  queryOptions,
} from '@tanstack/react-query';
import { fieldKey } from '../../../common/accounts.ts';
import type { components } from '../../../common/api/schema.d.ts';
import { ApiError, api, body } from './api.ts';

/** An import of a CSV file: where it stands, its columns and mapping, its progress and result. */
export type AccountImport = components['schemas']['AccountImport'];
/** What an upload answers: the import plus its first rows as they would import. */
export type ImportUpload = components['schemas']['AccountImportUploaded'];
/** Which column feeds each of our fields, and the extra fields kept (key → column). */
export type ImportMapping = components['schemas']['AccountImportMapping'];
/** One previewed row: its cells, what it imports as, or why it is refused. */
export type PreviewRow = components['schemas']['AccountImportPreviewRow'];
/** Where an import stands. */
export type ImportStatus = AccountImport['status'];
/** A population of your accounts with its counts. */
export type Population = components['schemas']['Population'];
/** A custom population's filter: every condition must match. */
export type PopulationFilter = components['schemas']['PopulationFilter'];
/** A condition of a filter (`field` is a standard column or `fields.<imported field>`). */
export type Condition = components['schemas']['PopulationCondition'];
/** An operator of a filter condition. */
export type FilterOp = Condition['op'];
/** Partners to map accounts with, and how many populations each side shares at each level. */
export type AccountPartner = components['schemas']['AccountPartners']['data'][number];
/** Both sides' sharing with one partner. */
export type Sharing = components['schemas']['AccountSharing'];
/** How much of a population a side shares. */
export type SharingLevel = Sharing['mine'][number]['level'];
/** Your populations × a partner's, with the cells sharing lets you see. */
export type Matrix = components['schemas']['AccountMatrix'];
/** A cell of the matrix. */
export type MatrixCell = Matrix['cells'][number];
/** A page of a cell's list, with what the sharing level lets it show. */
export type OverlapPage = components['schemas']['AccountOverlapPage'];
/** One overlapping company: your accounts and the partner's matching ones. */
export type OverlapRow = OverlapPage['data'][number];
/** Partners ranked by overlap with one of your populations. */
export type Network = components['schemas']['AccountNetwork'];

/** A field populations can filter on, with its label. */
export interface PopulationField {
  field: string;
  label: string;
}

// ---------------------------------------------------------------------------------------------
// Search parameters.

const text = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' ? String(v).trim() || undefined : undefined;

/** Reads the imports page's search parameters: the import being mapped or followed. */
export const validateImportsSearch = (s: Record<string, unknown>): { id?: string } => ({ id: text(s.id) });

/** Reads the matrix and sharing pages' search parameters: the partner. */
export const validatePartnerSearch = (s: Record<string, unknown>): { partnerId?: string } => ({
  partnerId: text(s.partnerId),
});

/** Reads the matrix page's search parameters: the partner and the opened cell. */
export const validateMatrixSearch = (
  s: Record<string, unknown>,
): { partnerId?: string; mine?: string; theirs?: string } => ({
  partnerId: text(s.partnerId),
  mine: text(s.mine),
  theirs: text(s.theirs),
});

/** Reads the network page's search parameters: the population. */
export const validateNetworkSearch = (s: Record<string, unknown>): { population?: string } => ({
  population: text(s.population),
});

// ---------------------------------------------------------------------------------------------
// Words and colours.

/** Badge label and colour of an import's state. */
export const IMPORT_STATUS_META: Record<ImportStatus, { label: string; color: string }> = {
  uploaded: { label: 'Waiting for mapping', color: 'gray' },
  queued: { label: 'Queued', color: 'yellow' },
  running: { label: 'Importing', color: 'blue' },
  done: { label: 'Done', color: 'moss' },
  failed: { label: 'Failed', color: 'red' },
};

/** Whether an import is still being worked on (its page polls it). */
export const importActive = (status: ImportStatus) => status === 'queued' || status === 'running';

/** Sharing levels, least to most. */
export const SHARING_LEVELS: readonly SharingLevel[] = ['hidden', 'counts', 'overlap', 'full'];

/** What each sharing level is called and what it lets the partner see. */
export const LEVEL_META: Record<SharingLevel, { label: string; hint: string; color: string }> = {
  hidden: { label: 'Hidden', hint: 'Nothing, not even that the population exists', color: 'gray' },
  counts: { label: 'Counts', hint: 'How many accounts you both have', color: 'blue' },
  overlap: {
    label: 'Overlapping records',
    hint: 'Names and domains of the accounts you both have',
    color: 'teal',
  },
  full: { label: 'Full', hint: 'Overlapping records plus the fields you pick', color: 'moss' },
};

/** Our fields a file's columns can map to, in the mapping form's order. */
export const MAPPING_FIELDS: readonly {
  key: MappedField;
  label: string;
  hint: string;
  required?: boolean;
}[] = [
  { key: 'externalId', label: 'External id', hint: 'The CRM’s id: re-imports update by it', required: true },
  { key: 'name', label: 'Company name', hint: 'Matches by name where there is no domain', required: true },
  { key: 'website', label: 'Website', hint: 'The registrable domain is taken from it' },
  { key: 'domain', label: 'Domain', hint: 'Used when there is no website' },
  { key: 'email', label: 'E-mail', hint: 'A contact address; personal providers are ignored' },
  { key: 'country', label: 'Country', hint: 'Code or English name; name matching needs it' },
  { key: 'status', label: 'Status / type', hint: 'Customer or prospect' },
  { key: 'stage', label: 'Opportunity stage', hint: 'Open opportunities' },
];

/** The operators of population filters, as the filter editor offers them. */
export const FILTER_OPS: readonly { value: FilterOp; label: string; needsValue: boolean }[] = [
  { value: 'equals', label: 'is', needsValue: true },
  { value: 'not_equals', label: 'is not', needsValue: true },
  { value: 'contains', label: 'contains', needsValue: true },
  { value: 'in', label: 'is one of', needsValue: true },
  { value: 'is_not_empty', label: 'is filled in', needsValue: false },
  { value: 'is_empty', label: 'is empty', needsValue: false },
];

/** The columns every account has, for filters beside the imported fields. */
export const STANDARD_FILTER_FIELDS: readonly PopulationField[] = [
  { field: 'name', label: 'Name' },
  { field: 'domain', label: 'Domain' },
  { field: 'country', label: 'Country' },
  { field: 'status', label: 'Status' },
  { field: 'stage', label: 'Stage' },
];

// ---------------------------------------------------------------------------------------------
// Pure helpers.

const integer = new Intl.NumberFormat();
/** A count with thousands separators. */
export const formatCount = (n: number) => integer.format(n);

/** A file size: "812 B", "4.2 KB", "1.3 GB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A name in the possessive: "Northwind MSP’s", "Fabrikam Integrators’". */
export const possessive = (name: string) => (/s$/i.test(name) ? `${name}’` : `${name}’s`);

/** The name of the source an upload's headers look like ("Salesforce Account export"), if any. */
export function sourceLabel(source: ImportUpload['source']): string | null {
  if (source === 'salesforce') return 'Salesforce Account export';
  if (source === 'hubspot') return 'HubSpot company export';
  return null;
}

/** How far an import got, 0..100 (undefined while the total is unknown). */
export function importPercent(imp: Pick<AccountImport, 'status' | 'rowsRead' | 'estimatedRows'>) {
  if (imp.status === 'done') return 100;
  if (!imp.estimatedRows || imp.estimatedRows <= 0) return undefined;
  return Math.max(0, Math.min(99, Math.floor((imp.rowsRead / imp.estimatedRows) * 100)));
}

/** What is still missing before an import can start: the required fields not mapped. */
export function missingMapping(mapping: ImportMapping): string[] {
  return MAPPING_FIELDS.filter((f) => f.required && !mapping[f.key]).map((f) => f.label);
}

/** One of our fields a column can feed. */
export type MappedField = Exclude<keyof ImportMapping, 'fields'>;

/** The file's columns not mapped to one of our fields (candidates for extra fields). */
export function unmappedColumns(columns: readonly string[], mapping: ImportMapping): string[] {
  const used = new Set(MAPPING_FIELDS.map((f) => mapping[f.key]).filter(Boolean));
  return columns.filter((c) => !used.has(c));
}

/** The columns kept as extra fields. */
export const extraColumns = (mapping: ImportMapping) => Object.values(mapping.fields);

export { fieldKey };

/** Keeps exactly these columns as extra fields: those already kept keep their keys, new ones get fresh ones. */
export function withExtraColumns(mapping: ImportMapping, columns: readonly string[]): ImportMapping {
  const fields: Record<string, string> = {};
  for (const [key, column] of Object.entries(mapping.fields))
    if (columns.includes(column)) fields[key] = column;
  for (const column of columns) {
    if (Object.values(fields).includes(column)) continue;
    let key = fieldKey(column);
    for (let n = 2; key in fields; n++) key = `${fieldKey(column)}_${n}`;
    fields[key] = column;
  }
  return { ...mapping, fields };
}

/** Maps one of our fields to a column; the column leaves the extra fields and any other field. */
export function mapColumn(mapping: ImportMapping, key: MappedField, column: string | null): ImportMapping {
  const next: ImportMapping = { ...mapping, [key]: column };
  if (column) {
    for (const f of MAPPING_FIELDS) if (f.key !== key && next[f.key] === column) next[f.key] = null;
    next.fields = Object.fromEntries(Object.entries(next.fields).filter(([, c]) => c !== column));
  }
  return next;
}

/** A message for a refused upload a person can act on. */
export function uploadErrorMessage(status: number, message: string | undefined): string {
  if (status === 413) return message || 'The file is too large to import. Split it into smaller files.';
  if (status === 415) return 'Upload a CSV file (comma, semicolon or tab separated).';
  if (status === 400) return message || 'This file is not a CSV we can read.';
  if (status === 403) return 'You may not import accounts here.';
  if (status === 0) return 'The upload was interrupted. Check your connection and try again.';
  return message || `The upload failed (${status}).`;
}

/** Heat of a matrix cell, 0..1 by its count against the largest visible count (square root: small counts still show). */
export function heat(count: number | null, max: number): number {
  if (count === null || count <= 0 || max <= 0) return 0;
  return Math.sqrt(Math.min(count, max) / max);
}

/** A cell's background: moss green whose strength follows its heat; white for none. */
export function heatColor(h: number): string {
  if (h <= 0) return 'transparent';
  return `rgba(31, 125, 81, ${(0.08 + h * 0.72).toFixed(3)})`;
}

/** The most a side shares across its populations, from its counts per level. */
export function topLevel(counts: Partial<Record<SharingLevel, number>>): SharingLevel {
  for (const level of ['full', 'overlap', 'counts'] as const) if ((counts[level] ?? 0) > 0) return level;
  return 'hidden';
}

/** How many populations a side shares (at counts or more), in words: "2 populations", "nothing". */
export function sharedSummary(counts: Partial<Record<SharingLevel, number>>): string {
  const n = (counts.counts ?? 0) + (counts.overlap ?? 0) + (counts.full ?? 0);
  return n === 0 ? 'Nothing' : n === 1 ? '1 population' : `${n} populations`;
}

/** Whether a cell's text is read on a dark background. */
export const heatIsDark = (h: number) => h > 0.55;

/** A condition while it is edited: the value as typed ("is one of" takes comma-separated values). */
export interface ConditionDraft {
  field: string | null;
  op: FilterOp;
  value: string;
}

/** A saved condition as the editor holds it. */
export const conditionDraft = (c: Condition): ConditionDraft => ({
  field: c.field,
  op: c.op,
  value: Array.isArray(c.value) ? c.value.join(', ') : (c.value ?? ''),
});

/**
 * A filter as the API takes it, or the problems by condition index: a field is required, and a
 * value for operators that compare ("is one of" splits it at commas).
 */
export function filterPayload(
  drafts: readonly ConditionDraft[],
): { ok: true; filter: PopulationFilter } | { ok: false; errors: Record<number, string> } {
  const errors: Record<number, string> = {};
  const all = drafts.map((d, i): Condition => {
    const op = FILTER_OPS.find((o) => o.value === d.op);
    const values = d.value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    if (!d.field) errors[i] = 'Pick a field';
    else if (op?.needsValue && (d.op === 'in' ? values.length === 0 : !d.value.trim()))
      errors[i] = 'Enter a value';
    if (!op?.needsValue) return { field: d.field ?? '', op: d.op };
    return { field: d.field ?? '', op: d.op, value: d.op === 'in' ? values : d.value.trim() };
  });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, filter: { all } };
}

/** A field's label: the standard columns by name, imported fields by their header. */
export function fieldLabel(field: string, fields: readonly PopulationField[] = []): string {
  return (
    fields.find((f) => f.field === field)?.label ??
    STANDARD_FILTER_FIELDS.find((f) => f.field === field)?.label ??
    field.replace(/^fields\./, '')
  );
}

/** A condition in words: "Industry is Retail", "Region is one of EMEA, APAC". */
export function conditionText(c: Condition, fields: readonly PopulationField[] = []): string {
  const op = FILTER_OPS.find((o) => o.value === c.op);
  const value = Array.isArray(c.value) ? c.value.join(', ') : (c.value ?? '');
  return op?.needsValue
    ? `${fieldLabel(c.field, fields)} ${op.label} ${value}`
    : `${fieldLabel(c.field, fields)} ${op?.label ?? c.op}`;
}

/** The cell of a matrix for a row and column. */
export function cellAt(matrix: Pick<Matrix, 'cells'>, mine: string, theirs: string): MatrixCell | undefined {
  return matrix.cells.find((c) => c.mine === mine && c.theirs === theirs);
}

// ---------------------------------------------------------------------------------------------
// Queries.

/** Your imports, newest first. */
export const importsQuery = infiniteQueryOptions({
  queryKey: ['accounts', 'imports'],
  queryFn: ({ pageParam }) =>
    body(api.GET('/api/v1/accounts/imports', { params: { query: { limit: 20, cursor: pageParam } } })),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
  // A running import's row changes every second: the list follows while one runs.
  refetchInterval: (q) =>
    q.state.data?.pages.some((p) => p.data.some((i) => importActive(i.status))) ? 2000 : false,
});

/** One import; polled every second while it runs. */
export const importQuery = (id: string) =>
  queryOptions({
    queryKey: ['accounts', 'imports', id],
    queryFn: () => body(api.GET('/api/v1/accounts/imports/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && importActive(q.state.data.status) ? 1000 : false),
  });

/** The first rows of an uploaded file as a mapping would import them. */
export const previewQuery = (id: string, mapping: ImportMapping) =>
  queryOptions({
    queryKey: ['accounts', 'imports', id, 'preview', mapping],
    queryFn: () =>
      body(
        api.POST('/api/v1/accounts/imports/{id}/preview', { params: { path: { id } }, body: { mapping } }),
      ),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Your populations with their counts. */
export const populationsQuery = queryOptions({
  queryKey: ['accounts', 'populations'],
  queryFn: () => body(api.GET('/api/v1/accounts/populations')),
});

/** Fields custom populations can filter on: the standard columns and the imported fields (`fields.<name>`). */
export const populationFieldsQuery = queryOptions({
  queryKey: ['accounts', 'populations', 'fields'],
  queryFn: async (): Promise<PopulationField[]> => {
    const fields = await body(api.GET('/api/v1/accounts/populations/fields'));
    return [
      ...fields.standard.map((f) => ({ field: f, label: fieldLabel(f) })),
      ...fields.extra.map((f) => ({ field: `fields.${f}`, label: f })),
    ];
  },
  staleTime: 60_000,
});

/** Partners to map accounts with. */
export const accountPartnersQuery = queryOptions({
  queryKey: ['accounts', 'partners'],
  queryFn: () => body(api.GET('/api/v1/accounts/partners')),
});

/** Both sides' sharing with one partner. */
export const sharingQuery = (partnerId: string) =>
  queryOptions({
    queryKey: ['accounts', 'sharing', partnerId],
    queryFn: () => body(api.GET('/api/v1/accounts/sharing', { params: { query: { partnerId } } })),
  });

/** The overlap matrix with one partner. */
export const matrixQuery = (partnerId: string) =>
  queryOptions({
    queryKey: ['accounts', 'matrix', partnerId],
    queryFn: () => body(api.GET('/api/v1/accounts/matrix', { params: { query: { partnerId } } })),
  });

/** Which matrix cell's accounts to list. */
export interface CellRef {
  partnerId: string;
  mine: string;
  theirs: string;
}

/** The accounts of one matrix cell, page by page. */
export const overlapListQuery = (cell: CellRef) =>
  infiniteQueryOptions({
    queryKey: ['accounts', 'matrix', cell.partnerId, 'list', cell.mine, cell.theirs],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/accounts/matrix/list', {
          params: { query: { ...cell, limit: 50, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** Where a matrix cell's list downloads as CSV. */
export const overlapCsvUrl = (cell: CellRef) =>
  `/api/v1/accounts/matrix/list.csv?${new URLSearchParams({ ...cell })}`;

/** Where an import's row errors download as CSV. */
export const importErrorsUrl = (id: string) =>
  `/api/v1/accounts/imports/${encodeURIComponent(id)}/errors.csv`;

/** Partners ranked by their overlap with one of your populations. */
export const networkQuery = (population: string) =>
  queryOptions({
    queryKey: ['accounts', 'network', population],
    queryFn: () => body(api.GET('/api/v1/accounts/network', { params: { query: { population } } })),
  });

// ---------------------------------------------------------------------------------------------
// Writes.

/** After accounts, populations or sharing changed: every count and list may have. */
export const accountsChanged = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({ queryKey: ['accounts'] });

/** Starts an uploaded import with the mapping. */
export const startImport = (id: string, mapping: ImportMapping, removeMissing: boolean) =>
  body(
    api.POST('/api/v1/accounts/imports/{id}/start', {
      params: { path: { id } },
      body: { mapping, removeMissing },
    }),
  );

/** Discards an import that has not started. */
export const discardImport = (id: string) =>
  api.DELETE('/api/v1/accounts/imports/{id}', { params: { path: { id } } });

/** Creates a custom population. */
export const createPopulation = (input: { name: string; filter: PopulationFilter }) =>
  body(api.POST('/api/v1/accounts/populations', { body: input }));

/** Renames a custom population or changes its filter. */
export const updatePopulation = (id: string, input: { name: string; filter: PopulationFilter }) =>
  body(api.PATCH('/api/v1/accounts/populations/{id}', { params: { path: { id } }, body: input }));

/** Deletes a custom population. */
export const deletePopulation = (id: string) =>
  api.DELETE('/api/v1/accounts/populations/{id}', { params: { path: { id } } });

/** Saves what you share with one partner (populations left out become hidden). */
export const saveSharing = (
  partnerId: string,
  populations: { populationId: string; level: SharingLevel; fields: string[] }[],
) => body(api.PUT('/api/v1/accounts/sharing', { body: { partnerId, populations } }));

// ---------------------------------------------------------------------------------------------
// Upload, with progress (fetch cannot report it; XMLHttpRequest can).

let csrfToken: Promise<string> | undefined;
const csrf = () => {
  csrfToken ??= fetch('/api/v1/csrf', { credentials: 'same-origin' })
    .then((r) => r.json() as Promise<{ token: string }>)
    .then((b) => b.token)
    .catch((err) => {
      csrfToken = undefined;
      throw err;
    });
  return csrfToken;
};

/** Keeps what an upload answered in the cache: the import, and its preview with the proposed mapping. */
export function rememberUpload(queryClient: QueryClient, upload: ImportUpload) {
  const { preview, ...imp } = upload;
  queryClient.setQueryData(importQuery(upload.id).queryKey, imp);
  if (imp.mapping)
    queryClient.setQueryData(previewQuery(upload.id, imp.mapping).queryKey, {
      columns: imp.columns,
      rows: preview,
    });
}

/** A mapping with no column chosen. */
export const emptyMapping = (): ImportMapping => ({
  externalId: null,
  name: null,
  website: null,
  domain: null,
  email: null,
  country: null,
  status: null,
  stage: null,
  fields: {},
});

/** An upload in flight: its answer, and a way to cancel it. */
export interface Upload {
  done: Promise<ImportUpload>;
  abort: () => void;
}

/**
 * Sends a CSV file as the request body (streamed by the server, never buffered whole), reporting
 * the share sent, 0..1. Fails with an {@link ApiError} whose message says what to do.
 */
export function uploadAccounts(
  file: File,
  options: { subjectId?: string; onProgress: (sent: number) => void },
): Upload {
  const xhr = new XMLHttpRequest();
  let aborted = false;
  const done = (async () => {
    const token = await csrf();
    const query = new URLSearchParams({ fileName: file.name });
    if (options.subjectId) query.set('subjectId', options.subjectId);
    return new Promise<ImportUpload>((resolve, reject) => {
      if (aborted)
        return reject(new ApiError(0, { error: { code: 'aborted', message: 'Upload cancelled' } }));
      xhr.open('POST', `/api/v1/accounts/imports?${query}`);
      xhr.withCredentials = true;
      xhr.setRequestHeader('content-type', 'text/csv');
      xhr.setRequestHeader('x-csrf-token', token);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) options.onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(xhr.responseText);
        } catch {}
        if (xhr.status >= 200 && xhr.status < 300) return resolve(parsed as ImportUpload);
        if (xhr.status === 403) csrfToken = undefined;
        const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
        reject(
          new ApiError(xhr.status, {
            error: {
              code: error?.code ?? 'http_error',
              message: uploadErrorMessage(xhr.status, error?.message),
            },
          }),
        );
      };
      xhr.onerror = () =>
        reject(new ApiError(0, { error: { code: 'network', message: uploadErrorMessage(0, undefined) } }));
      xhr.onabort = () =>
        reject(new ApiError(0, { error: { code: 'aborted', message: 'Upload cancelled' } }));
      xhr.send(file);
    });
  })();
  return {
    done,
    abort: () => {
      aborted = true;
      xhr.abort();
    },
  };
}
