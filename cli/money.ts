import { readFile } from 'node:fs/promises';
import type { ApiClient } from '../common/api/client.ts';
import { formatMoney } from '../common/money.ts';
import { UsageError } from './operator.ts';

const columns = (...cells: (string | number | null | undefined)[]) => cells.map((c) => c ?? '').join('\t');
const money = (amountMinor: number, currency: string) => formatMoney({ amountMinor, currency }, false, 'en');

/** `mycelium programs list`: your programs, or (`--available`) the ones you can join. */
export async function listPrograms(api: ApiClient, opts: { available?: boolean }) {
  const { data } = await api.GET('/api/v1/programs', {
    params: { query: { limit: 100, scope: opts.available ? 'available' : 'mine' } },
  });
  if (data!.data.length === 0)
    return opts.available ? 'No published programs to join.' : 'No programs yet: create one in the app.';
  return data!.data.map((p) =>
    columns(p.id, p.name, p.kind, p.status, p.vendor.name, `${p.tierCount} tiers`, p.myEnrollment?.status),
  );
}

/** `mycelium earnings`: what each vendor owes you, per currency and state. */
export async function showEarnings(api: ApiClient, opts: { vendor?: string }) {
  const { data } = await api.GET('/api/v1/earnings', {
    params: { query: { limit: 1, vendorId: opts.vendor } },
  });
  if (data!.balances.length === 0) return 'No earnings yet.';
  return [
    columns('vendor', 'currency', 'pending', 'payable', 'in payout', 'paid'),
    ...data!.balances.map((b) =>
      columns(
        b.vendor.name,
        b.currency,
        money(b.pendingMinor, b.currency),
        money(b.payableMinor, b.currency),
        money(b.inPayoutMinor, b.currency),
        money(b.paidMinor, b.currency),
      ),
    ),
  ];
}

/** `mycelium payouts run`: one statement per partner for everything payable by the period's end. */
export async function runPayout(api: ApiClient, opts: { from: string; to: string }) {
  const { data } = await api.POST('/api/v1/payouts', {
    body: { periodStart: opts.from, periodEnd: opts.to },
  });
  const totals = data!.totals.map((t) => money(t.amountMinor, t.currency)).join(', ');
  return `Payout ${data!.id}: ${data!.statementCount} statement(s), ${totals}.`;
}

/** `mycelium payouts list`: the payouts you ran, newest first. */
export async function listPayouts(api: ApiClient) {
  const { data } = await api.GET('/api/v1/payouts', { params: { query: { limit: 100 } } });
  if (data!.data.length === 0) return 'No payouts yet.';
  return data!.data.map((p) =>
    columns(
      p.id,
      `${p.periodStart}..${p.periodEnd}`,
      `${p.statementCount} statements`,
      p.totals.map((t) => money(t.amountMinor, t.currency)).join(', '),
      `open ${p.statusCounts.open}, paid ${p.statusCounts.paid}, failed ${p.statusCounts.failed}`,
    ),
  );
}

/** `mycelium fx import FILE`: dated rates from a CSV file (base,quote,date,rate); a bad row stores nothing. */
export async function importFxRates(api: ApiClient, file: string) {
  const csv = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`Cannot read ${file}`);
  });
  const { data } = await api.POST('/api/v1/fx-rates/import', {
    body: csv,
    bodySerializer: (body) => body,
    headers: { 'content-type': 'text/csv' },
  });
  return `${data!.imported} rate(s) imported: ${data!.created} new, ${data!.updated} replaced.`;
}
