import {
  infiniteQueryOptions,
  keepPreviousData,
  type QueryClient,
  queryOptions,
} from '@tanstack/react-query';
import type { components } from '../../../common/api/schema.d.ts';
import { CURRENCIES } from '../../../common/deals.ts';
import { type Money, moneyInput, parseMoney } from '../../../common/money.ts';
import { ApiError, api, body } from './api.ts';
import { formatDay } from './deals.ts';

export { formatMoney, formatRate, type Money } from '../../../common/money.ts';
export { formatDay };

/** A ledger entry your organization pays or receives. */
export type LedgerEntry = components['schemas']['LedgerEntry'];
/** The reporting currency and payout minimums. */
export type MoneySettings = components['schemas']['MoneySettings'];
/** A dated exchange rate. */
export type FxRate = components['schemas']['FxRate'];
/** Earned, reversed and paid per currency and in the reporting currency. */
export type LedgerReport = components['schemas']['LedgerReport'];
/** The P2P referral fee each side of a partnership pays the other. */
export type ReferralFee = components['schemas']['ReferralFee'];
/** P2P fee netting with a partner, per month. */
export type Netting = components['schemas']['Netting'];
/** A payout in the list. */
export type PayoutSummary = components['schemas']['PayoutSummary'];
/** A payout with its statements. */
export type Payout = components['schemas']['Payout'];
/** One partner's statement of a payout. */
export type PayoutStatement = components['schemas']['PayoutStatement'];
/** A statement with its lines. */
export type PayoutStatementDetail = components['schemas']['PayoutStatementDetail'];
/** One line of a statement. */
export type PayoutLine = components['schemas']['PayoutLine'];
/** What a payer owes you in one currency, by state. */
export type EarningsBalance = components['schemas']['EarningsBalance'];
/** What you owe a partner in one currency, by state, and whether a payout now would pay it. */
export type PayableBalance = components['schemas']['PayableBalance'];
/** One of your earnings with its state. */
export type EarningEntry = components['schemas']['EarningEntry'];
/** Where an earning stands. */
export type EarningState = EarningEntry['state'];
/** What a ledger entry is. */
export type EntryKind = LedgerEntry['kind'];
/** Where a payout statement stands. */
export type StatementStatus = PayoutStatement['status'];

// ---------------------------------------------------------------------------------------------
// Labels.

/** The states of an earning, in the order money moves through them. */
export const EARNING_STATES: readonly EarningState[] = ['pending', 'payable', 'in_payout', 'paid'];

/** Label, badge colour and explanation of each earning state. */
export const EARNING_STATE_META: Record<EarningState, { label: string; color: string; hint: string }> = {
  pending: { label: 'Pending', color: 'yellow', hint: 'Earned, still inside the holding period' },
  payable: { label: 'Payable', color: 'blue', hint: 'Available, waiting for the next payout' },
  in_payout: { label: 'In payout', color: 'grape', hint: 'On a payout statement being paid' },
  paid: { label: 'Paid', color: 'moss', hint: 'Paid out' },
};

/** What each kind of entry is called. */
export const ENTRY_KIND_LABELS: Record<string, string> = {
  commission: 'Commission',
  mdf: 'MDF',
  p2p_fee: 'P2P fee',
  reversal: 'Reversal',
  payout: 'Payout',
  settlement: 'Settlement',
};

/** A kind's label ("Commission"); an unknown kind as it is. */
export const kindLabel = (kind: string) => ENTRY_KIND_LABELS[kind] ?? kind;

/** Label and badge colour of each statement status. */
export const STATEMENT_STATUS_META: Record<StatementStatus, { label: string; color: string }> = {
  open: { label: 'Open', color: 'blue' },
  paid: { label: 'Paid', color: 'moss' },
  failed: { label: 'Failed', color: 'red' },
};

// ---------------------------------------------------------------------------------------------
// Dates.

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The previous calendar month as YYYY-MM-DD days: the default period of a payout or settlement. */
export function previousMonth(now = new Date()): { start: string; end: string } {
  const start = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const end = new Date(now.getFullYear(), now.getMonth(), 0);
  return { start: iso(start), end: iso(end) };
}

/** From the first of January to today: the report's default range. */
export function yearToDate(now = new Date()): { from: string; to: string } {
  return { from: `${now.getFullYear()}-01-01`, to: iso(now) };
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2026-03" as "Mar 2026". */
export const formatMonth = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

/** A period of days: "1 Feb 2026 – 28 Feb 2026". */
export const formatPeriod = (start: string, end: string) => `${formatDay(start)} – ${formatDay(end)}`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Why a period cannot be used (missing or reversed dates, an end in the future), or null. */
export function periodProblem(
  start: string,
  end: string,
  today = iso(new Date()),
): { start?: string; end?: string } | null {
  const problems: { start?: string; end?: string } = {};
  if (!DAY.test(start)) problems.start = 'Choose the first day';
  if (!DAY.test(end)) problems.end = 'Choose the last day';
  else if (end > today) problems.end = 'The period has not ended yet';
  else if (DAY.test(start) && start > end) problems.end = 'The last day is before the first';
  return Object.keys(problems).length ? problems : null;
}

// ---------------------------------------------------------------------------------------------
// Percentages and amounts as typed.

/** Basis points as an editable percentage ("12.5"). */
export const percentInput = (rateBp: number) => String(Number((rateBp / 100).toFixed(2)));

/** A percentage as typed ("12.5", "12,5 %") in basis points (0–10000), or why it cannot be. */
export function parsePercent(input: string): { ok: true; bp: number } | { ok: false; error: string } {
  const s = input.replace(/[\s%]/g, '').replace(',', '.');
  if (!s) return { ok: false, error: 'Enter a percentage' };
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s))
    return { ok: false, error: 'A percentage like 10 or 12.5 (at most 2 decimals)' };
  const [whole, fraction = ''] = s.split('.');
  const bp = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (bp > 10000) return { ok: false, error: 'At most 100 %' };
  return { ok: true, bp };
}

/** Sums amounts per currency (never across currencies), largest first. */
export function sumByCurrency(amounts: readonly Money[]): Money[] {
  const sums = new Map<string, number>();
  for (const m of amounts) sums.set(m.currency, (sums.get(m.currency) ?? 0) + m.amountMinor);
  return [...sums]
    .map(([currency, amountMinor]) => ({ currency, amountMinor }))
    .sort((a, b) => b.amountMinor - a.amountMinor || a.currency.localeCompare(b.currency));
}

/** A payout minimum as the settings form edits it. */
export interface MinimumRow {
  key: string;
  currency: string | null;
  amount: string;
}

let rowKey = 0;
/** A fresh row of the minimums form (keys keep React's rows stable while rows come and go). */
export const minimumRow = (currency: string | null = null, amount = ''): MinimumRow => ({
  key: `m${++rowKey}`,
  currency,
  amount,
});

/** The stored minimums as form rows, by currency. */
export const minimumRows = (minimums: Record<string, number>): MinimumRow[] =>
  Object.entries(minimums)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => minimumRow(currency, moneyInput(minor, currency)));

/**
 * The minimums the form's rows describe, as the API takes them, or the problem of each bad row
 * (by its key): no currency, an unknown or repeated one, an amount that is not one.
 */
export function minimumsPayload(
  rows: readonly MinimumRow[],
):
  | { ok: true; value: Record<string, number> }
  | { ok: false; errors: Record<string, { currency?: string; amount?: string }> } {
  const value: Record<string, number> = {};
  const errors: Record<string, { currency?: string; amount?: string }> = {};
  for (const row of rows) {
    const problem: { currency?: string; amount?: string } = {};
    if (!row.currency || !CURRENCIES.includes(row.currency)) problem.currency = 'Choose a currency';
    else if (row.currency in value) problem.currency = `${row.currency} is already listed`;
    else {
      const amount = parseMoney(row.amount, row.currency);
      if (amount.ok) value[row.currency] = amount.minor;
      else problem.amount = amount.error;
    }
    if (problem.currency || problem.amount) errors[row.key] = problem;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

const RATE = /^\d{1,14}(\.\d{1,10})?$/;

/** Why a typed exchange rate cannot be stored, or null ("1.0850"; a comma is read as the point). */
export function rateProblem(rate: string): string | null {
  const s = rate.trim().replace(',', '.');
  if (!s) return 'Enter the rate';
  if (!RATE.test(s) || !/[1-9]/.test(s)) return 'A positive decimal like 1.0850 (at most 10 decimals)';
  return null;
}

/** The row-level problems of a refused CSV import ("row 3: Unknown currency …"), in row order. */
export function importErrors(err: unknown): { row: number; message: string }[] {
  if (!(err instanceof ApiError)) return [];
  const details = err.body.error.details as
    | { errors?: { row: number; message: string }[]; issues?: { path: string; message: string }[] }
    | undefined;
  if (details?.errors?.length) return [...details.errors].sort((a, b) => a.row - b.row);
  return (details?.issues ?? [])
    .map((i) => ({ row: Number(/row (\d+)/.exec(i.path)?.[1] ?? 0), message: i.message }))
    .filter((e) => e.row > 0)
    .sort((a, b) => a.row - b.row);
}

/** Whether an error is the API's answer with this code ("nothing_to_pay", "already_exists"). */
export const hasCode = (err: unknown, code: string) => err instanceof ApiError && err.code === code;

// ---------------------------------------------------------------------------------------------
// Grouping for display.

/** Earnings balances per vendor (by name), each with its currencies. */
export function balancesByVendor(
  balances: readonly EarningsBalance[],
): { vendor: EarningsBalance['vendor']; balances: EarningsBalance[] }[] {
  const groups = new Map<string, { vendor: EarningsBalance['vendor']; balances: EarningsBalance[] }>();
  for (const b of balances) {
    const group = groups.get(b.vendor.id) ?? { vendor: b.vendor, balances: [] };
    group.balances.push(b);
    groups.set(b.vendor.id, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, balances: g.balances.sort((a, b) => a.currency.localeCompare(b.currency)) }))
    .sort((a, b) => a.vendor.name.localeCompare(b.vendor.name));
}

/** Netting months with anything in them, newest first. */
export const activeMonths = (months: Netting['months']) =>
  months
    .filter((m) => m.owedToMe !== 0 || m.owedByMe !== 0 || m.settled !== 0)
    .sort((a, b) => b.month.localeCompare(a.month) || a.currency.localeCompare(b.currency));

/** Whether an entry can still be clawed back by its payer: an earning, not reversed yet. */
export const isReversible = (e: Pick<LedgerEntry, 'kind' | 'mySide' | 'reversedByEntryId'>) =>
  e.mySide === 'payer' &&
  (e.kind === 'commission' || e.kind === 'mdf' || e.kind === 'p2p_fee') &&
  e.reversedByEntryId === null;

// ---------------------------------------------------------------------------------------------
// Search parameters.

/** The earnings page's filters in the URL. */
export interface EarningsSearch {
  state?: EarningState;
  vendorId?: string;
}

/** Reads the earnings page's search parameters, dropping anything unknown. */
export const validateEarningsSearch = (s: Record<string, unknown>): EarningsSearch => ({
  state: EARNING_STATES.includes(s.state as EarningState) ? (s.state as EarningState) : undefined,
  vendorId: typeof s.vendorId === 'string' && s.vendorId ? s.vendorId : undefined,
});

// ---------------------------------------------------------------------------------------------
// Queries.

const PAGE = 50;
const infinite = { initialPageParam: undefined as string | undefined, placeholderData: keepPreviousData };
const next = (last: { nextCursor: string | null }) => last.nextCursor ?? undefined;

/** Your earnings as a partner: balances per vendor and currency, and entries page by page. */
export const earningsQuery = (search: EarningsSearch) =>
  infiniteQueryOptions({
    queryKey: ['money', 'earnings', search],
    queryFn: ({ pageParam }) =>
      body(api.GET('/api/v1/earnings', { params: { query: { ...search, limit: PAGE, cursor: pageParam } } })),
    getNextPageParam: next,
    ...infinite,
  });

/** Payout statements paying your organization. */
export const earningStatementsQuery = (vendorId?: string) =>
  infiniteQueryOptions({
    queryKey: ['money', 'earning-statements', { vendorId }],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/earnings/statements', {
          params: { query: { vendorId, limit: PAGE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: next,
    ...infinite,
  });

/** A statement paying your organization, with its lines. */
export const earningStatementQuery = (id: string) =>
  queryOptions({
    queryKey: ['money', 'earning-statements', 'detail', id],
    queryFn: () => body(api.GET('/api/v1/earnings/statements/{id}', { params: { path: { id } } })),
  });

/** What your organization owes each partner, by state: the preview before a payout. */
export const payableQuery = queryOptions({
  queryKey: ['money', 'payable'],
  queryFn: () => body(api.GET('/api/v1/payouts/payable')),
});

/** Payouts your organization ran, newest first. */
export const payoutsQuery = infiniteQueryOptions({
  queryKey: ['money', 'payouts', 'list'],
  queryFn: ({ pageParam }) =>
    body(api.GET('/api/v1/payouts', { params: { query: { limit: PAGE, cursor: pageParam } } })),
  getNextPageParam: next,
  ...infinite,
});

/** A payout with its statements. */
export const payoutQuery = (id: string) =>
  queryOptions({
    queryKey: ['money', 'payouts', 'detail', id],
    queryFn: () => body(api.GET('/api/v1/payouts/{id}', { params: { path: { id } } })),
  });

/** A statement of one of your payouts, with its lines. */
export const payoutStatementQuery = (payoutId: string, statementId: string) =>
  queryOptions({
    queryKey: ['money', 'payouts', 'detail', payoutId, 'statement', statementId],
    queryFn: () =>
      body(
        api.GET('/api/v1/payouts/{id}/statements/{statementId}', {
          params: { path: { id: payoutId, statementId } },
        }),
      ),
  });

/** The CSV export of a payout's lines (a plain link: the session cookie authenticates it). */
export const payoutExportHref = (id: string) => `/api/v1/payouts/${encodeURIComponent(id)}/export.csv`;

/** The reporting currency and payout minimums. */
export const moneySettingsQuery = queryOptions({
  queryKey: ['money', 'settings'],
  queryFn: () => body(api.GET('/api/v1/money/settings')),
});

/** Your exchange rates, newest date first. */
export const fxRatesQuery = infiniteQueryOptions({
  queryKey: ['money', 'fx-rates'],
  queryFn: ({ pageParam }) =>
    body(api.GET('/api/v1/fx-rates', { params: { query: { limit: PAGE, cursor: pageParam } } })),
  getNextPageParam: next,
  ...infinite,
});

/** The report for a range of days. */
export const ledgerReportQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: ['money', 'report', { from, to }],
    queryFn: () => body(api.GET('/api/v1/ledger/report', { params: { query: { from, to } } })),
  });

/** The P2P referral fees of a partnership. */
export const referralFeeQuery = (partnershipId: string) =>
  queryOptions({
    queryKey: ['money', 'referral-fee', partnershipId],
    queryFn: () =>
      body(api.GET('/api/v1/partnerships/{id}/referral-fee', { params: { path: { id: partnershipId } } })),
  });

/** P2P fee netting with the partner of a partnership (the last twelve months). */
export const nettingQuery = (partnershipId: string) =>
  queryOptions({
    queryKey: ['money', 'netting', partnershipId],
    queryFn: () =>
      body(api.GET('/api/v1/partnerships/{id}/netting', { params: { path: { id: partnershipId } } })),
  });

/** Ledger entries with one filter set (a deal's commissions, the settlements with a partner). */
export const ledgerEntriesQuery = (filters: { dealId?: string; counterpartyId?: string; kind?: EntryKind }) =>
  queryOptions({
    queryKey: ['money', 'entries', filters],
    queryFn: () => body(api.GET('/api/v1/ledger/entries', { params: { query: { ...filters, limit: 200 } } })),
  });

/** After any change to money: every money answer may have moved. */
export const moneyChanged = (queryClient: QueryClient) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: ['money'] }),
    queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  ]);

// ---------------------------------------------------------------------------------------------
// Writes.

/** Runs a payout for a period. */
export const runPayout = (input: { periodStart: string; periodEnd: string }) =>
  body(api.POST('/api/v1/payouts', { body: input }));

/** Marks an open statement paid with the payment's reference. */
export const markStatementPaid = (payoutId: string, statementId: string, externalReference: string) =>
  body(
    api.POST('/api/v1/payouts/{id}/statements/{statementId}/paid', {
      params: { path: { id: payoutId, statementId } },
      body: { externalReference },
    }),
  );

/** Marks an open statement failed; its amounts are payable again. */
export const markStatementFailed = (payoutId: string, statementId: string, reason: string) =>
  body(
    api.POST('/api/v1/payouts/{id}/statements/{statementId}/failed', {
      params: { path: { id: payoutId, statementId } },
      body: { reason },
    }),
  );

/** Changes the reporting currency and/or replaces the payout minimums. */
export const saveMoneySettings = (input: {
  reportingCurrency?: string;
  payoutMinimums?: Record<string, number>;
}) => body(api.PATCH('/api/v1/money/settings', { body: input }));

/** Stores a dated rate (replacing the same pair and date). */
export const createFxRate = (input: { base: string; quote: string; rateDate: string; rate: string }) =>
  body(api.POST('/api/v1/fx-rates', { body: input }));

/** Imports rates from a CSV text (all rows or none). */
export const importFxRates = (csv: string) =>
  body(
    api.POST('/api/v1/fx-rates/import', {
      body: csv,
      bodySerializer: (text: string) => text,
      headers: { 'content-type': 'text/csv' },
    }),
  );

/** Deletes a rate. */
export const deleteFxRate = (id: string) => api.DELETE('/api/v1/fx-rates/{id}', { params: { path: { id } } });

/** Sets what your organization pays the partner on the partner's referrals it wins. */
export const setReferralFee = (partnershipId: string, rateBp: number) =>
  body(
    api.PUT('/api/v1/partnerships/{id}/referral-fee', {
      params: { path: { id: partnershipId } },
      body: { rateBp },
    }),
  );

/** Records the settlement of the P2P balance through the end of a period. */
export const settleNetting = (
  partnershipId: string,
  input: { periodStart: string; periodEnd: string; externalReference?: string },
) =>
  body(
    api.POST('/api/v1/partnerships/{id}/netting/settle', {
      params: { path: { id: partnershipId } },
      body: input,
    }),
  );

/** Claws back your organization's commissions and fees on a deal. */
export const clawbackDeal = (dealId: string, reason: string) =>
  body(api.POST('/api/v1/deals/{id}/clawback', { params: { path: { id: dealId } }, body: { reason } }));
