import { stringify } from 'csv-stringify';
import type { Db } from '../../db/client.ts';
import type { MemberActor } from '../../http/actor.ts';
import { safeCell } from '../../http/csv.ts';
import { majorUnits, payoutExportRows } from './payouts.service.ts';

/** Columns of a payout's CSV export, one row per line. */
export const PAYOUT_CSV_COLUMNS = [
  'partner',
  'partner_id',
  'statement_id',
  'currency',
  'amount',
  'entry_id',
  'kind',
  'description',
  'earned_date',
  'statement_status',
  'external_reference',
];

/** The payout's lines as a CSV stream (checks access before the first byte). */
export async function payoutCsv(db: Db, actor: MemberActor, payoutId: string) {
  const { payout, rows } = await payoutExportRows(db, actor, payoutId);
  const csv = stringify({ header: true, columns: PAYOUT_CSV_COLUMNS });
  for (const { statement, line } of rows)
    csv.write([
      safeCell(statement.beneficiary.name),
      statement.beneficiary.id,
      statement.id,
      line.currency,
      majorUnits(line.amountMinor, line.currency),
      line.entryId,
      line.kind,
      safeCell(line.description),
      line.earnedAt.toISOString().slice(0, 10),
      statement.status,
      safeCell(statement.externalReference ?? ''),
    ]);
  csv.end();
  return { csv, filename: `payout-${payout.periodEnd}.csv` };
}
