import { parse } from 'csv-parse/sync';
import { CURRENCIES, minorDigits } from '../../../common/deals.ts';
import type { Db } from '../../db/client.ts';
import { AppError, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { decodeCursor, encodeCursor, twoStrings } from '../../http/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './ledger.fx.repo.ts';

/** A rate as typed: a positive decimal with at most 14 integer and 10 fraction digits. */
export const RATE_PATTERN = /^\d{1,14}(\.\d{1,10})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a string is a real calendar date YYYY-MM-DD. */
export const isIsoDate = (s: string) =>
  ISO_DATE.test(s) && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s);

/** A decimal string as an integer numerator over 10^scale ("1.0850" → 10850n / 10^4). */
function decimal(value: string): { n: bigint; scale: number } {
  const [whole, fraction = ''] = value.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return { n: BigInt(`${whole}${trimmed}`), scale: trimmed.length };
}

/** num / den rounded half to even (den > 0). */
export function divHalfEven(num: bigint, den: bigint): bigint {
  const sign = num < 0n ? -1n : 1n;
  const abs = num * sign;
  let q = abs / den;
  const twice = (abs % den) * 2n;
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  return q * sign;
}

/**
 * An amount in minor units of `from` converted to minor units of `to`, at `rate` (1 `from` =
 * `rate` `to`, a decimal string) or, `inverse`, at 1 / rate. Minor digits of both currencies are
 * accounted for (JPY has none, EUR two, BHD three); rounded half to even, integer arithmetic only.
 */
export function convertAt(amountMinor: number, from: string, to: string, rate: string, inverse = false) {
  const { n, scale } = decimal(rate);
  const shift = minorDigits(to) - minorDigits(from);
  let num = BigInt(amountMinor) * (inverse ? 10n ** BigInt(scale) : n);
  let den = inverse ? n : 10n ** BigInt(scale);
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  return Number(divHalfEven(num, den));
}

const missing = (from: string, to: string, date: string) =>
  new AppError('fx_rate_missing', `No ${from}→${to} rate on or before ${date}`, {
    base: from,
    quote: to,
    date,
  });

/**
 * Converts amounts with an organization's rates, loading each currency pair once: the latest
 * rate on or before the date for from→to, else the inverse of the latest to→from.
 */
export function rateBook(db: Db, orgId: string, until: string) {
  const pairs = new Map<string, Promise<repo.FxRateRow[]>>();
  const ratesOf = (a: string, b: string) => {
    const key = [a, b].sort().join(':');
    let rates = pairs.get(key);
    if (!rates) {
      rates = repo.selectPairRates(db, orgId, a, b, until);
      pairs.set(key, rates);
    }
    return rates;
  };
  const latest = (rates: repo.FxRateRow[], base: string, date: string) =>
    rates.filter((r) => r.base === base && r.rateDate <= date).at(-1);
  return {
    /** `amountMinor` of `from` in `to` at `date` (YYYY-MM-DD); 422 fx_rate_missing without a rate. */
    async convert(amountMinor: number, from: string, to: string, date: string): Promise<number> {
      if (from === to) return amountMinor;
      const rates = await ratesOf(from, to);
      const direct = latest(rates, from, date);
      if (direct) return convertAt(amountMinor, from, to, direct.rate);
      const inverse = latest(rates, to, date);
      if (inverse) return convertAt(amountMinor, from, to, inverse.rate, true);
      throw missing(from, to, date);
    },
  };
}

/**
 * `amountMinor` of `from` in minor units of `to` with the organization's rate of `date` (the
 * latest on or before it, direct or inverse); the same amount when the currencies are equal.
 */
export async function convert(
  db: Db,
  orgId: string,
  amountMinor: number,
  from: string,
  to: string,
  date: string | Date,
): Promise<number> {
  const day = typeof date === 'string' ? date : date.toISOString().slice(0, 10);
  return rateBook(db, orgId, day).convert(amountMinor, from, to, day);
}

/** A rate as the API shows it. */
const present = (r: repo.FxRateRow) => ({
  id: r.id,
  base: r.base,
  quote: r.quote,
  rateDate: r.rateDate,
  rate: normalizeRate(r.rate),
  createdAt: r.createdAt,
});

/** "1.0850000000" → "1.085" (numeric comes back with its full scale). */
export const normalizeRate = (rate: string) => (rate.includes('.') ? rate.replace(/\.?0+$/, '') : rate);

/** A page of the organization's rates, newest date first. */
export async function listRates(
  db: Db,
  actor: MemberActor,
  query: { base?: string; quote?: string; limit: number; cursor?: string },
) {
  authorize(actor, 'money.read');
  const rows = await repo.selectRates(db, actor.scope, {
    ...query,
    limit: query.limit + 1,
    before: query.cursor ? decodeCursor(query.cursor, twoStrings) : undefined,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(present),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.rateDate, last.id]) : null,
  };
}

/** One rate as entered. */
export interface RateInput {
  base: string;
  quote: string;
  rateDate: string;
  rate: string;
}

/** Why a rate cannot be stored, or null. */
function rateProblem(r: RateInput): string | null {
  if (!CURRENCIES.includes(r.base)) return `Unknown currency "${r.base}": use an ISO 4217 code such as EUR`;
  if (!CURRENCIES.includes(r.quote)) return `Unknown currency "${r.quote}": use an ISO 4217 code such as EUR`;
  if (r.base === r.quote) return 'Base and quote must be different currencies';
  if (!isIsoDate(r.rateDate)) return `"${r.rateDate}" is not a date like 2026-03-31`;
  if (!RATE_PATTERN.test(r.rate) || decimal(r.rate).n === 0n)
    return `"${r.rate}" is not a positive rate like 1.0850 (at most 10 decimals)`;
  return null;
}

/** Stores one dated rate (the same pair and date again replaces it). */
export async function createRate(db: Db, actor: MemberActor, input: RateInput) {
  authorize(actor, 'money.settings');
  const problem = rateProblem(input);
  if (problem) throw invalidInput(problem, 'rate');
  return db.transaction(async (tx) => {
    const [row] = await repo.upsertRates(tx, actor.scope, [input]);
    await recordAudit(tx, actor, {
      action: 'fx_rate.saved',
      targetType: 'fx_rate',
      targetId: row!.id,
      data: { ...input },
    });
    return present(row!);
  });
}

/** Deletes one of the organization's rates. */
export async function deleteRate(db: Db, actor: MemberActor, id: string) {
  authorize(actor, 'money.settings');
  await db.transaction(async (tx) => {
    const row = await repo.deleteRate(tx, actor.scope, id);
    if (!row) throw notFound('Exchange rate');
    await recordAudit(tx, actor, {
      action: 'fx_rate.deleted',
      targetType: 'fx_rate',
      targetId: id,
      data: { base: row.base, quote: row.quote, rateDate: row.rateDate, rate: row.rate },
    });
  });
}

/** A 400 for a CSV import, with its row-level errors (also as `issues`, like every invalid_input). */
const csvError = (message: string, errors: { row: number; message: string }[]) =>
  new AppError('invalid_input', message, {
    errors,
    issues: errors.map((e) => ({ path: `row ${e.row}`, message: e.message })),
  });

/** Most rows one import takes. */
export const MAX_IMPORT_ROWS = 10_000;

/**
 * Imports rates from CSV with the header `base,quote,date,rate` (any column order). Every row is
 * checked first: any problem is a 400 listing each bad row by its line number (the header is line
 * 1) and nothing is stored. A pair and date already stored gets the imported rate.
 */
export async function importRates(db: Db, actor: MemberActor, text: string) {
  authorize(actor, 'money.settings');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      bom: true,
    });
  } catch (err) {
    throw csvError(`The CSV cannot be read: ${(err as Error).message}`, [
      { row: (err as { lines?: number }).lines ?? 1, message: (err as Error).message },
    ]);
  }
  const [header, ...rows] = records;
  const columns = header?.record.map((c) => c.toLowerCase()) ?? [];
  const at = Object.fromEntries(['base', 'quote', 'date', 'rate'].map((c) => [c, columns.indexOf(c)]));
  const absent = Object.keys(at).filter((c) => at[c] === -1);
  if (absent.length)
    throw csvError('The CSV header must name base, quote, date and rate', [
      { row: header?.info.lines ?? 1, message: `Missing column(s): ${absent.join(', ')}` },
    ]);
  if (rows.length === 0)
    throw csvError('The CSV has no rates below its header', [{ row: 2, message: 'No rows' }]);
  if (rows.length > MAX_IMPORT_ROWS)
    throw csvError(`At most ${MAX_IMPORT_ROWS} rates per import`, [
      { row: MAX_IMPORT_ROWS + 2, message: 'Too many rows' },
    ]);
  const errors: { row: number; message: string }[] = [];
  const seen = new Map<string, number>();
  const valid: RateInput[] = [];
  for (const { record, info } of rows) {
    const cell = (c: string) => record[at[c]!] ?? '';
    const input = {
      base: cell('base').toUpperCase(),
      quote: cell('quote').toUpperCase(),
      rateDate: cell('date'),
      rate: cell('rate'),
    };
    const problem =
      record.length !== columns.length
        ? `Expected ${columns.length} columns, found ${record.length}`
        : rateProblem(input);
    const key = `${input.base}:${input.quote}:${input.rateDate}`;
    if (problem) errors.push({ row: info.lines, message: problem });
    else if (seen.has(key))
      errors.push({
        row: info.lines,
        message: `${input.base}→${input.quote} on ${input.rateDate} is already on row ${seen.get(key)}`,
      });
    else {
      seen.set(key, info.lines);
      valid.push(input);
    }
  }
  if (errors.length)
    throw csvError(
      `${errors.length} row${errors.length === 1 ? '' : 's'} cannot be imported (nothing was stored): row ${errors[0]!.row} — ${errors[0]!.message}`,
      errors,
    );
  return db.transaction(async (tx) => {
    const updated = await repo.countExistingRates(tx, actor.scope, valid);
    await repo.upsertRates(tx, actor.scope, valid);
    await recordAudit(tx, actor, {
      action: 'fx_rate.imported',
      targetType: 'fx_rate',
      data: { rows: valid.length, updated },
    });
    return { imported: valid.length, created: valid.length - updated, updated };
  });
}
