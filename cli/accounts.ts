/**
 * `mycelium accounts import FILE --org ORG`: imports a CSV file of accounts straight into the
 * database (an operator command, like `db seed`): the file is streamed from disk through the same
 * reader, mapping and merge as a web upload (no size limit, no upload), with a progress bar on
 * stderr. The row-level error report is written beside the file.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from '../server/context.ts';
import { tenantScope } from '../server/db/tenant.ts';
import { AppError } from '../server/errors.ts';
import {
  type ImportProgress,
  importErrorsCsv,
  inspectFile,
  mappingProblems,
  overrideMapping,
  queueFileImport,
  resolveSubject,
  runImport,
} from '../server/modules/accounts/index.ts';
import { selectOrganizationByHandle } from '../server/modules/organizations/index.ts';
import { UsageError } from './operator.ts';

/** Options of `mycelium accounts import`, as typed on the command line. */
export interface AccountImportOptions {
  org: string;
  subject?: string;
  removeMissing?: boolean;
  mapping?: string;
  /** Rows between progress updates (default 50,000). */
  progressEvery?: number;
}

/** Where the command writes: lines for stdout, and the progress line (redrawn in place on a terminal). */
export interface ImportOutput {
  print: (line: string) => void;
  progress: (line: string) => void;
  /** Each phase's duration (read, duplicates, update, insert, …), for benchmarks. */
  phase?: (name: string, ms: number) => void;
}

const count = (n: number) => n.toLocaleString('en');
const CHUNK = 1024 * 1024;

/** Parses `--mapping "Account Number=externalId,Segment=segment,Notes=ignore"` into column/field pairs. */
export function parseMappingOption(text: string): [column: string, field: string][] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.lastIndexOf('=');
      if (at <= 0 || at === part.length - 1)
        throw new UsageError(`--mapping takes column=field pairs separated by commas (got "${part}")`);
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    });
}

/** A text progress bar: share done, rows, rate. */
export function progressLine(p: ImportProgress): string {
  const rate = p.elapsedMs > 0 ? Math.round((p.rowsRead / p.elapsedMs) * 1000) : 0;
  const total = p.estimatedRows && p.estimatedRows >= p.rowsRead ? p.estimatedRows : null;
  const share = total ? Math.min(1, p.rowsRead / total) : null;
  const width = 24;
  const bar =
    share === null
      ? ''
      : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${Math.floor(share * 100)}% `;
  return `${bar}${count(p.rowsRead)}${total ? ` of ~${count(total)}` : ''} rows, ${count(rate)} rows/s`;
}

/**
 * Imports the file into the organization's accounts (or an offline partner's list with
 * `subject`). Returns the finished import; a failed one carries its `failure`.
 */
export async function importAccountsFromCli(
  ctx: AppContext,
  file: string,
  opts: AccountImportOptions,
  out: ImportOutput,
) {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new UsageError(`No file ${file}`);
  const org = await selectOrganizationByHandle(ctx.db, opts.org);
  if (!org) throw new UsageError(`No organization "${opts.org}" (give its slug or name)`);
  const scope = tenantScope(org.id);
  let subjectId = org.id;
  if (opts.subject) {
    const subject = await selectOrganizationByHandle(ctx.db, opts.subject);
    if (!subject) throw new UsageError(`No organization "${opts.subject}" (give its slug or name)`);
    subjectId = await resolveSubject(ctx.db, { scope, orgId: org.id }, subject.id).catch((err) => {
      throw err instanceof AppError ? new UsageError(`--subject: ${err.message}`) : err;
    });
  }
  const read = () => createReadStream(file, { highWaterMark: CHUNK });
  const { settings } = await inspectFile(read()).catch((err) => {
    throw err instanceof AppError ? new UsageError(`${file}: ${err.message}`) : err;
  });
  if (opts.mapping) {
    const overrides = parseMappingOption(opts.mapping);
    for (const [column] of overrides)
      if (!settings.columns.includes(column))
        throw new UsageError(
          `--mapping: the file has no column "${column}"; its columns are ${settings.columns.join(', ')}`,
        );
    settings.mapping = overrideMapping(settings.mapping, overrides);
  }
  const problems = mappingProblems(settings.mapping, settings.columns);
  if (problems.length > 0)
    throw new UsageError(
      `${problems.map((p) => p.message).join('; ')}. Map columns with --mapping "column=field,…" (fields: externalId, name, website, domain, email, country, status, stage; ignore; or an extra field's key); the columns are ${settings.columns.join(', ')}`,
    );
  const m = settings.mapping;
  out.print(
    `Reading ${path.basename(file)} (${settings.source}, ${settings.encoding}): id=${m.externalId}, name=${m.name}` +
      [
        ['website', m.website],
        ['domain', m.domain],
        ['email', m.email],
        ['country', m.country],
        ['status', m.status],
        ['stage', m.stage],
      ]
        .filter(([, c]) => c)
        .map(([f, c]) => `, ${f}=${c}`)
        .join('') +
      (Object.keys(m.fields).length ? `, ${Object.keys(m.fields).length} extra fields` : ''),
  );

  const queued = await queueFileImport(ctx.db, scope, {
    subjectId,
    fileName: path.basename(file),
    fileBytes: info.size,
    settings,
    removeMissing: opts.removeMissing ?? false,
  });
  const done = await runImport(ctx, queued.id, {
    source: read,
    progressEvery: opts.progressEvery,
    onPhase: out.phase,
    onProgress: (p) => out.progress(progressLine(p)),
  });
  if (!done) throw new Error('The import was not run');
  let report: string | null = null;
  if (done.errorRows > 0) {
    report = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.errors.csv`);
    await pipeline(Readable.from(importErrorsCsv(ctx.db, done.id)), createWriteStream(report));
  }
  return { import: done, report };
}

/** The closing lines: totals, where the error report is, or why it failed. */
export function summaryLines(result: Awaited<ReturnType<typeof importAccountsFromCli>>): string[] {
  const i = result.import;
  if (i.status === 'failed') return [`Import failed: ${i.failure}`, 'Nothing was imported.'];
  return [
    `Imported ${count(i.rowsRead)} rows: ${count(i.inserted)} new, ${count(i.updated)} updated, ${count(i.unchanged)} unchanged, ${count(i.removed)} removed, ${count(i.errorRows)} refused.`,
    ...(result.report ? [`Refused rows and why: ${result.report}`] : []),
  ];
}
