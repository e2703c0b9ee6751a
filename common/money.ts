/**
 * Money as the product handles it: integer minor units of an ISO 4217 currency, read from what
 * people type and shown back, without floating-point arithmetic on amounts. Shared by the web
 * app, the CLI and the server's notices.
 */
import { CURRENCIES, minorDigits } from './deals.ts';

/** An amount in integer minor units of a currency. */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** A typed amount read as minor units, or why it cannot be. */
export type MoneyInput = { ok: true; minor: number } | { ok: false; error: string };

const MAX_MINOR = 1e15;

/**
 * Reads an amount as typed ("1,234.50", "1234,5", "1 234", "€ 99") into integer minor units of the
 * currency, by string arithmetic (never floats). With both separators the last one is the decimal
 * point; a lone comma followed by exactly three digits groups thousands.
 */
export function parseMoney(input: string, currency: string): MoneyInput {
  if (!CURRENCIES.includes(currency)) return { ok: false, error: 'Choose a currency' };
  const digits = minorDigits(currency);
  // A currency sign or this currency's code around the number is fine ("€ 99", "99 EUR").
  const code = new RegExp(`^(\\p{Sc}|${currency})|(\\p{Sc}|${currency})$`, 'giu');
  const s = input.replace(/[\s\u00a0\u202f'’_]/g, '').replace(code, '');
  if (!s) return { ok: false, error: 'Enter an amount' };
  if (s.startsWith('-')) return { ok: false, error: 'Amounts cannot be negative' };
  const dot = s.lastIndexOf('.');
  const comma = s.lastIndexOf(',');
  let decimal: '.' | ',' | null = null;
  if (dot >= 0 && comma >= 0) decimal = dot > comma ? '.' : ',';
  else if (dot >= 0) decimal = s.indexOf('.') === dot ? '.' : null;
  else if (comma >= 0) decimal = s.indexOf(',') === comma && s.length - comma - 1 !== 3 ? ',' : null;
  const at = decimal ? s.lastIndexOf(decimal) : -1;
  const whole = at >= 0 ? s.slice(0, at) : s;
  const fraction = at >= 0 ? s.slice(at + 1) : '';
  const group = decimal === '.' ? ',' : decimal === ',' ? '.' : whole.includes(',') ? ',' : '.';
  const grouped = new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`);
  if (!(/^\d*$/.test(whole) || grouped.test(whole)) || !/^\d*$/.test(fraction) || !(whole + fraction))
    return { ok: false, error: 'Use digits, like 1,234.50' };
  if (fraction.length > digits)
    return {
      ok: false,
      error: digits === 0 ? `${currency} has no decimals` : `At most ${digits} decimals for ${currency}`,
    };
  const minor = Number(`${whole.replace(/\D/g, '') || '0'}${fraction.padEnd(digits, '0')}`);
  if (minor > MAX_MINOR) return { ok: false, error: 'That amount is too large' };
  return { ok: true, minor };
}

/** Minor units as a plain decimal amount ("1234.50", "-0.05"), without grouping: inputs and CSV. */
export function moneyInput(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(amountMinor);
  const s = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  return `${amountMinor < 0 ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "€1,234.50", or compact ("€12K") for sums on narrow headers. */
export function formatMoney({ amountMinor, currency }: Money, compact = false, locale?: string): string {
  const key = `${locale}:${currency}:${compact}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      ...(compact && { notation: 'compact', maximumFractionDigits: 1 }),
    });
    moneyFormats.set(key, format);
  }
  return format.format(amountMinor / 10 ** minorDigits(currency));
}

/**
 * `rateBp` basis points (1 % = 100) of an amount in minor units, rounded half to even to the minor
 * unit ("banker's rounding": 0.5 goes to the even neighbour, so rounding errors do not drift one
 * way over many commissions). Integer arithmetic only.
 */
export function percentOf(amountMinor: number, rateBp: number): number {
  const product = BigInt(amountMinor) * BigInt(rateBp);
  const divisor = 10000n;
  const sign = product < 0n ? -1n : 1n;
  const abs = product * sign;
  let quotient = abs / divisor;
  const twice = (abs % divisor) * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) quotient += 1n;
  return Number(quotient * sign);
}

/** Basis points as a percentage for display ("12.5 %"). */
export const formatRate = (rateBp: number): string => `${Number((rateBp / 100).toFixed(2))} %`;
