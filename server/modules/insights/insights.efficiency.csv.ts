import { stringify } from 'csv-stringify';
import { moneyInput } from '../../../common/money.ts';
import type { Db } from '../../db/client.ts';
import type { MemberActor } from '../../http/actor.ts';
import { safeCell } from '../../http/csv.ts';
import { type PartnerSort, partnerInsights, sortInsights } from './insights.efficiency.ts';

/** Columns of the partners export: the table's columns, amounts in major units. */
export const PARTNER_CSV_COLUMNS = [
  'partner',
  'partner_id',
  'trust_score',
  'won_deals',
  'open_deals',
  'won_value',
  'currency',
  'cycle_days',
  'touches',
  'revenue_per_cycle_day',
  'revenue_per_touch',
  'last_deal_at',
];

const major = (m: { amountMinor: number; currency: string } | null) =>
  m === null ? '' : moneyInput(m.amountMinor, m.currency);

/** Every partner row as CSV, sorted like the table (names written formula-safe). */
export async function partnersCsv(
  db: Db,
  actor: MemberActor,
  q: { sort: PartnerSort; order: 'asc' | 'desc' },
) {
  const rows = sortInsights(await partnerInsights(db, actor), q.sort, q.order);
  const csv = stringify({ header: true, columns: PARTNER_CSV_COLUMNS });
  for (const r of rows)
    csv.write([
      safeCell(r.partner.name),
      r.partner.id,
      r.trust?.score ?? '',
      r.wonDeals,
      r.openDeals,
      major(r.wonValue),
      r.wonValue.currency,
      r.cycleDays,
      r.touches,
      major(r.revenuePerCycleDay),
      major(r.revenuePerTouch),
      r.lastDealAt?.toISOString() ?? '',
    ]);
  csv.end();
  return { csv, filename: `partner-insights-${new Date().toISOString().slice(0, 10)}.csv` };
}
