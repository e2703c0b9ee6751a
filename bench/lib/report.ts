import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The repository root (bench/lib/../..). */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Where result files go; ignored by git except its .gitkeep. */
export const resultsDir = path.join(repoRoot, 'bench/results');

/** One table cell: numbers are right-aligned, anything else is printed as given. */
export type Cell = string | number;

/**
 * Prints rows as an aligned plain-text table on stdout; the headers are the keys of the first row.
 * Format numbers first (see {@link fmt}) when a column needs fixed decimals.
 */
export function printTable(title: string, rows: readonly Record<string, Cell>[]): void {
  console.log(`\n${title}`);
  const first = rows[0];
  if (!first) {
    console.log('  (no rows)');
    return;
  }
  const headers = Object.keys(first);
  const text = rows.map((row) => headers.map((header) => String(row[header] ?? '')));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...text.map((cells) => cells[column]!.length)),
  );
  const numeric = headers.map((header) => rows.every((row) => isNumberLike(row[header])));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')}`;
  console.log(line(headers));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const cells of text) console.log(line(cells));
}

function isNumberLike(cell: Cell | undefined): boolean {
  return typeof cell === 'number' || (typeof cell === 'string' && /^[-+]?[\d,.]+[×x%]?$/.test(cell));
}

/** Number formatters for table cells, so every scenario prints the same way. */
export const fmt = {
  /** Milliseconds: 3 decimals below 10 ms, 1 decimal above. */
  ms: (value: number): string => (Number.isFinite(value) ? value.toFixed(value < 10 ? 3 : 1) : '–'),
  /** A rate such as ops/s or rows/s, rounded, with thousands separators. */
  rate: (value: number): string => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–'),
  /** A ratio such as "2.41×". */
  ratio: (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–'),
  /** An integer count with thousands separators. */
  count: (value: number): string => value.toLocaleString('en-US'),
};

/** What machine and code a result was measured on. */
export interface HostInfo {
  node: string;
  platform: string;
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  gitCommit: string | null;
}

/** Describes the current machine and git commit, for the result file. */
export function hostInfo(): HostInfo {
  let gitCommit: string | null = null;
  try {
    gitCommit = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: 'pipe',
    }).trim();
  } catch {
    // Not a git checkout (an unpacked release): the result simply has no commit.
  }
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    gitCommit,
  };
}

/**
 * Writes `data` as pretty JSON to bench/results/<scenario>-<UTC timestamp>.json and returns the path.
 * The timestamp has no colons so the name is valid on every file system.
 */
export function writeResult(scenario: string, data: unknown, at = new Date()): string {
  mkdirSync(resultsDir, { recursive: true });
  const stamp = at
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const file = path.join(resultsDir, `${scenario}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}
