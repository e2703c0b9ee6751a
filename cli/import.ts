/**
 * `mycelium import orgs <file.csv>`: adds organizations without users to the directory from a CSV
 * file. Every row is validated like the API's "add an organization" body, domains are checked for
 * duplicates within the file and against the directory, and only a file without a single error is
 * imported, in one transaction.
 */
import { constants, createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse';
import type { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import { importOrganizations } from '../server/flows/add-organization.ts';
import type { NewOrganization } from '../server/modules/directory/index.ts';
import { addOrganizationBody } from '../server/modules/directory/index.ts';
import { UsageError } from './operator.ts';

/** The most rows one file may hold (one transaction; split bigger files). */
export const MAX_IMPORT_ROWS = 50_000;

type Kind = 'text' | 'upper-list' | 'list' | 'text-list' | 'upper' | 'year' | 'yes-no';

/** The columns a file may have, their body field and how a cell is read. */
const COLUMNS: Record<string, { field: keyof NewOrganization; kind: Kind }> = {
  name: { field: 'name', kind: 'text' },
  domain: { field: 'domain', kind: 'text' },
  description: { field: 'description', kind: 'text' },
  hq_country: { field: 'hqCountry', kind: 'upper' },
  countries: { field: 'countries', kind: 'upper-list' },
  languages: { field: 'languages', kind: 'list' },
  size_band: { field: 'sizeBand', kind: 'text' },
  founded_year: { field: 'foundedYear', kind: 'year' },
  roles: { field: 'roles', kind: 'list' },
  industries: { field: 'industries', kind: 'list' },
  technologies: { field: 'technologies', kind: 'list' },
  practices: { field: 'practices', kind: 'list' },
  certifications: { field: 'certifications', kind: 'list' },
  services: { field: 'services', kind: 'text-list' },
  listed: { field: 'listed', kind: 'yes-no' },
};
/** The column names, in the order the usage message lists them. */
export const IMPORT_COLUMNS = Object.keys(COLUMNS);
const COLUMN_OF = new Map(Object.entries(COLUMNS).map(([column, { field }]) => [field as string, column]));

/** The outcome of an import (or of its dry run). */
export interface ImportResult {
  /** Data rows read. */
  rows: number;
  /** Organizations created (0 on a dry run or when any row failed). */
  imported: number;
  /** `line N: column: message`, in file order; non-empty means nothing was written. */
  errors: string[];
  dryRun: boolean;
}

const split = (cell: string) =>
  cell
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** One row's cells as the body `addOrganizationBody` validates; cell problems it cannot express go to `problems`. */
function toBody(record: Record<string, string>, problems: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(record)) {
    const cell = raw.trim();
    const spec = COLUMNS[column];
    if (!spec || cell === '') continue;
    switch (spec.kind) {
      case 'text':
        body[spec.field] = cell;
        break;
      case 'upper':
        body[spec.field] = cell.toUpperCase();
        break;
      case 'upper-list':
        body[spec.field] = split(cell).map((v) => v.toUpperCase());
        break;
      case 'list':
        body[spec.field] = split(cell).map((v) => v.toLowerCase());
        break;
      case 'text-list':
        body[spec.field] = split(cell);
        break;
      case 'year':
        if (/^\d{1,4}$/.test(cell)) body[spec.field] = Number(cell);
        else problems.push(`${column}: "${cell}" is not a year`);
        break;
      case 'yes-no': {
        const answer = cell.toLowerCase();
        if (['yes', 'true', 'y', '1'].includes(answer)) body[spec.field] = true;
        else if (['no', 'false', 'n', '0'].includes(answer)) body[spec.field] = false;
        else problems.push(`${column}: use yes or no (or true or false), not "${cell}"`);
        break;
      }
    }
  }
  return body;
}

/** A zod issue as `column: message` (array issues name the column; the message names the value). */
function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path[0];
  const column = typeof field === 'string' ? (COLUMN_OF.get(field) ?? field) : 'row';
  return `${column}: ${issue.message}`;
}

interface ParsedRow {
  line: number;
  body: NewOrganization;
}

/**
 * Reads, validates and (unless `dryRun`, and only when every row is valid) imports the file.
 * Throws {@link UsageError} for a file that is not an import file at all (unknown or missing
 * columns, too many rows).
 */
export async function importOrganizationsCsv(
  ctx: AppContext,
  file: string,
  options: { dryRun?: boolean } = {},
): Promise<ImportResult> {
  const dryRun = options.dryRun ?? false;
  const errors: string[] = [];
  const valid: ParsedRow[] = [];
  try {
    await access(file, constants.R_OK);
  } catch {
    throw new UsageError(`Cannot read ${file}`);
  }
  const input = createReadStream(file);
  const parser = input.pipe(
    parse({
      bom: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      columns: (header: string[]) => {
        const columns = header.map((h) => h.trim().toLowerCase());
        const unknown = columns.filter((c) => !(c in COLUMNS));
        if (unknown.length > 0)
          throw new UsageError(
            `${file}: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}; the columns are ${IMPORT_COLUMNS.join(', ')}`,
          );
        for (const required of ['name', 'domain'])
          if (!columns.includes(required))
            throw new UsageError(
              `${file}: the header needs a "${required}" column (columns: ${IMPORT_COLUMNS.join(', ')})`,
            );
        return columns;
      },
    }),
  );
  // pipe() does not pass read errors on; the parser then ends the loop with them.
  input.on('error', (error) => parser.destroy(error));
  let rows = 0;
  try {
    for await (const { record, info, raw } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
      raw: string;
    }>) {
      rows++;
      if (rows > MAX_IMPORT_ROWS) {
        parser.destroy();
        throw new UsageError(
          `${file} has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; split it into files of at most ${MAX_IMPORT_ROWS.toLocaleString('en')}`,
        );
      }
      // info.lines is where the record ends; a quoted cell may span lines.
      const line = info.lines - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
      const problems: string[] = [];
      const parsed = addOrganizationBody.safeParse(toBody(record, problems));
      if (!parsed.success) problems.push(...parsed.error.issues.map(describeIssue));
      if (problems.length > 0) for (const p of problems) errors.push(`line ${line}: ${p}`);
      else if (parsed.success) valid.push({ line, body: parsed.data });
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const at = (error as CsvError & { lines?: number }).lines;
      errors.push(`line ${at ?? '?'}: ${error.message.replace(/ on line \d+$/, '')}`);
      return { rows, imported: 0, errors, dryRun };
    }
    throw error;
  }
  if (rows === 0) throw new UsageError(`${file} has a header but no rows`);

  const firstLine = new Map<string, number>();
  for (const { line, body } of valid) {
    const seen = firstLine.get(body.domain);
    if (seen !== undefined) errors.push(`line ${line}: domain: ${body.domain} is also on line ${seen}`);
    else firstLine.set(body.domain, line);
  }
  for (const domain of await domainsInDirectory(ctx, [...firstLine.keys()]))
    errors.push(`line ${firstLine.get(domain)}: domain: ${domain} is already in the directory`);
  if (errors.length > 0) {
    errors.sort((a, b) => lineOf(a) - lineOf(b));
    return { rows, imported: 0, errors, dryRun };
  }
  if (dryRun) return { rows, imported: 0, errors, dryRun };
  const created = await importOrganizations(
    ctx.db,
    valid.map((r) => r.body),
  );
  return { rows, imported: created.length, errors, dryRun };
}

const lineOf = (error: string) => Number(/^line (\d+)/.exec(error)?.[1] ?? 0);

/** Which of the domains some profile already has. */
async function domainsInDirectory(ctx: AppContext, domains: readonly string[]): Promise<string[]> {
  const taken: string[] = [];
  for (let i = 0; i < domains.length; i += 10_000) {
    const { rows } = await ctx.database.executeSql(
      'SELECT domain FROM organization_profile WHERE domain = ANY($1::text[])',
      [domains.slice(i, i + 10_000)],
    );
    taken.push(...rows.map((r) => String(r.domain)));
  }
  return taken;
}
