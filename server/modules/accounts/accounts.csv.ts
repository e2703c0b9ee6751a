/**
 * Reading an uploaded CSV file as a stream: the encoding is decided from the first bytes (a BOM,
 * else UTF-8 when they are valid UTF-8, else Windows-1252, which covers Latin-1), the delimiter
 * from the header line, and csv-parse yields one row at a time, so a file of any size is read in
 * constant memory. Ragged rows come through (the caller reports them); a quote left open ends the
 * file with an error naming its row, since nothing after it can be read.
 */
import { once } from 'node:events';
import { CsvError, parse } from 'csv-parse';
import { AppError } from '../../errors.ts';

/** How the file's bytes are decoded. */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Delimiters a file may use (commas; semicolons from European spreadsheets; tabs; pipes). */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The file is not a CSV file (binary, or no columns to map): refused at upload with a clear message. */
export class NotCsvError extends AppError {
  constructor(message: string) {
    super('invalid_input', message, { issues: [{ path: 'body', message }] });
  }
}

/** The file cannot be read past some point (a quote left open): the whole import fails. */
export class CsvReadError extends Error {}

/** One data row: its number in the file (the header is row 1; blank lines are skipped) and its cells. */
export interface CsvRow {
  row: number;
  cells: string[];
}

/** An opened file: how it was read, its header and its data rows in batches (a single-use stream). */
export interface CsvFile {
  encoding: CsvEncoding;
  delimiter: string;
  header: string[];
  batches: AsyncGenerator<CsvRow[], void, undefined>;
  /** Stops reading and releases the source (needed only when the rows are not read to the end). */
  close(): Promise<void>;
}

// How many bytes the encoding decision looks at (more when the first chunk is smaller).
const SNIFF_BYTES = 64 * 1024;
// Characters handed to the parser at a time.
const SLICE_CHARS = 16 * 1024;
// Most rows handed out at once.
const BATCH_RECORDS = 1000;

const MAGIC: [bytes: number[], what: string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive (an Excel .xlsx workbook is one): save it as CSV'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an Excel .xls workbook: save it as CSV'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x1f, 0x8b], 'a gzip archive: unpack it first'],
  [[0x42, 0x5a, 0x68], 'a bzip2 archive: unpack it first'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive: unpack it first'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'an SQLite database'],
];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/**
 * Throws {@link NotCsvError} when the first bytes of a file show it is not text (a known binary
 * format, or NUL bytes outside UTF-16). Needs only the first few kilobytes.
 */
export function assertTextStart(bytes: Uint8Array): void {
  for (const [magic, what] of MAGIC)
    if (startsWith(bytes, magic)) throw new NotCsvError(`This file is ${what}, not a CSV file`);
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return;
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) throw new NotCsvError('This file is binary, not a CSV text file');
}

/** Decides the encoding of a file from its first bytes. */
export function detectEncoding(head: Uint8Array): CsvEncoding {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8-bom';
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  try {
    // stream: a multi-byte character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

const decoderFor = (encoding: CsvEncoding) =>
  new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, { ignoreBOM: false });

/** Decodes a byte stream to text; the encoding is decided on the first bytes (or given). */
async function* decode(
  bytes: AsyncIterable<Uint8Array>,
  onEncoding: (encoding: CsvEncoding) => void,
  given?: CsvEncoding,
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  const start = () => {
    const head = Buffer.concat(held);
    if (heldBytes > 0) assertTextStart(head);
    const encoding = given ?? detectEncoding(head);
    onEncoding(encoding);
    decoder = decoderFor(encoding);
    held = [];
    return decoder.decode(head, { stream: true });
  };
  for await (const chunk of bytes) {
    if (decoder) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
      continue;
    }
    held.push(chunk);
    heldBytes += chunk.length;
    if (heldBytes >= SNIFF_BYTES) {
      const text = start();
      if (text) yield text;
    }
  }
  if (!decoder) {
    const text = start();
    if (text) yield text;
  }
  const rest = decoder!.decode();
  if (rest) yield rest;
}

/** The delimiter of a header line: the candidate occurring most often outside quotes (a comma on a tie or none). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

// The first line (outside quotes) of the text seen so far, or undefined when it is not complete yet.
function firstLine(text: string): string | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) return text.slice(0, i);
  }
  return undefined;
}

/** Options for {@link openCsv}. */
export interface OpenCsvOptions {
  /** Decode with this encoding instead of detecting it (an import reads its file as its preview did). */
  encoding?: CsvEncoding;
  /** Use this delimiter instead of detecting it. */
  delimiter?: string;
}

/**
 * Opens a CSV byte stream: reads up to the end of the header row, then yields data rows. Throws
 * {@link NotCsvError} for binary files and files without a header row; the batches throw
 * {@link CsvReadError} for a quote left open. Stopping early (a preview) releases the source.
 */
export async function openCsv(
  bytes: AsyncIterable<Uint8Array>,
  options: OpenCsvOptions = {},
): Promise<CsvFile> {
  let encoding: CsvEncoding = options.encoding ?? 'utf-8';
  const text = decode(bytes, (e) => (encoding = e), options.encoding)[Symbol.asyncIterator]();

  // Text until the header line is complete decides the delimiter.
  let head = '';
  let line: string | undefined;
  for (;;) {
    line = firstLine(head);
    if (line !== undefined) break;
    const next = await text.next();
    if (next.done) {
      line = head;
      break;
    }
    head += next.value;
    if (head.length > 1024 * 1024 && firstLine(head) === undefined)
      throw new NotCsvError(
        'The first line of this file is over 1 MB long: it is not a CSV file with a header row',
      );
  }
  if (!line.trim())
    throw new NotCsvError('The file is empty: a CSV file starts with a header row naming its columns');
  const delimiter = options.delimiter ?? detectDelimiter(line);

  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true });
  let stopped = false;
  const abort = new AbortController();
  const feed = (async () => {
    try {
      // Written in slices with backpressure, so the parser runs only a little ahead of the reader:
      // an error near the end of the file (a quote left open) surfaces after the rows before it.
      const write = async (piece: string) => {
        for (let at = 0; at < piece.length && !stopped; at += SLICE_CHARS)
          if (!parser.write(piece.slice(at, at + SLICE_CHARS)))
            await once(parser, 'drain', { signal: abort.signal });
      };
      await write(head);
      for (;;) {
        if (stopped) break;
        const next = await text.next();
        if (next.done || stopped) break;
        await write(next.value);
      }
      if (!stopped) parser.end();
    } catch (error) {
      if (!stopped) parser.destroy(error as Error);
    }
  })();

  // Records are taken in batches of whatever the parser has ready: one await per batch, not per row.
  let records = 0;
  let ended = false;
  let failure: unknown;
  parser.on('end', () => {
    ended = true;
  });
  // Kept, not thrown from the event: the reader rethrows it after the rows before it.
  parser.on('error', (error) => {
    failure ??= error;
  });
  const readError = (error: unknown) => {
    // The parser counts the records it completed, including any not yet handed out.
    const done = error instanceof CsvError ? Math.max(records, Number(error.records) || 0) : records;
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED')
      return new CsvReadError(
        `Row ${done + 1} opens a quote that is never closed, so the rest of the file cannot be read; close the quote (or remove the stray ") and import the file again`,
      );
    if (error instanceof CsvError)
      return new CsvReadError(`The file cannot be read after row ${done}: ${error.message}`);
    return error;
  };
  // Resolves when the parser has more records, has ended, or has failed.
  const more = () =>
    new Promise<void>((resolve) => {
      if (ended || failure !== undefined || parser.destroyed || parser.readableLength > 0) {
        resolve();
        return;
      }
      const done = () => {
        for (const event of ['readable', 'end', 'error', 'close']) parser.off(event, done);
        resolve();
      };
      for (const event of ['readable', 'end', 'error', 'close']) parser.on(event, done);
    });
  // The parser emits its error (if any) before 'close'.
  const closed = new Promise<void>((resolve) => parser.once('close', () => resolve()));
  // Next step when no record is ready: throw the parser's failure, report the end, or wait.
  const settle = async (): Promise<boolean> => {
    if (failure !== undefined) throw readError(failure);
    if (ended) return false;
    if (parser.destroyed) {
      await closed;
      if (failure !== undefined) throw readError(failure);
      return false;
    }
    await more();
    return true;
  };
  const take = (max: number) => {
    const out: string[][] = [];
    while (out.length < max) {
      const record = parser.read() as string[] | null;
      if (record === null) break;
      out.push(record);
    }
    records += out.length;
    return out;
  };
  const stop = async () => {
    if (stopped) return feed;
    stopped = true;
    abort.abort();
    parser.destroy();
    await text.return?.(undefined);
    await feed;
  };

  let header: string[] | undefined;
  try {
    while (!header) {
      const [first] = take(1);
      if (first) header = uniqueHeaders(first);
      else if (!(await settle())) throw new NotCsvError('The file has no header row');
    }
  } catch (error) {
    await stop();
    throw error;
  }

  async function* batches(): AsyncGenerator<CsvRow[], void, undefined> {
    try {
      for (;;) {
        const from = records;
        const batch = take(BATCH_RECORDS);
        if (batch.length > 0) {
          yield batch.map((cells, i) => ({ row: from + i + 1, cells }));
          continue;
        }
        if (!(await settle())) break;
      }
      await feed;
    } finally {
      await stop();
    }
  }
  return { encoding, delimiter, header, batches: batches(), close: stop };
}

/** A row's cells as one CSV line (for the error report: the row as the file had it, re-quoted where needed). */
export function csvLine(cells: readonly string[], delimiter: string): string {
  return cells
    .map((cell) =>
      cell.includes('"') || cell.includes(delimiter) || /[\r\n]/.test(cell)
        ? `"${cell.replaceAll('"', '""')}"`
        : cell,
    )
    .join(delimiter);
}

/** Header cells trimmed, with repeated or empty names made unique ("Email", "Email (2)", "Column 3"). */
function uniqueHeaders(cells: readonly string[]): string[] {
  const seen = new Set<string>();
  return cells.map((cell, i) => {
    const base = cell.replace(/^\uFEFF/, '').trim() || `Column ${i + 1}`;
    let name = base;
    for (let n = 2; seen.has(name); n++) name = `${base} (${n})`;
    seen.add(name);
    return name;
  });
}

/** An error-report or export cell made safe for spreadsheets: a leading = + - @ (or tab/CR) is prefixed with '. */
export const neutralizeCell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
