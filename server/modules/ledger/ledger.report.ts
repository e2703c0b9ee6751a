import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { rateBook } from './ledger.fx.ts';
import * as repo from './ledger.repo.ts';
import { moneySettingsOf } from './ledger.settings.ts';

const DAY = 86_400_000;

/** The longest period a report covers. */
export const MAX_REPORT_DAYS = 5 * 366;

type Bucket = 'earned' | 'reversed' | 'paid';
const bucketOf = (kind: string): Bucket =>
  kind === 'reversal' ? 'reversed' : kind === 'payout' || kind === 'settlement' ? 'paid' : 'earned';

interface Sums {
  earned: number;
  reversed: number;
  paid: number;
}
const zero = (): Sums => ({ earned: 0, reversed: 0, paid: 0 });

/** Checks a from–to period (dates, from ≤ to, at most five years) and returns it as [from, to + 1 day). */
export function reportPeriod(from: string, to: string): [Date, Date] {
  if (from > to) throw invalidInput('The period starts after it ends', 'from');
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY);
  if ((end.getTime() - start.getTime()) / DAY > MAX_REPORT_DAYS)
    throw invalidInput('A report covers at most five years', 'to');
  return [start, end];
}

/**
 * What the actor's organization earned, had reversed and was paid as a beneficiary, and owed,
 * reversed and paid as a payer, in the period (by each entry's earned date): per original currency,
 * and in total in its reporting currency converted with the rate of each entry's date (latest rate
 * on or before it). Stored amounts are never rewritten; a missing rate is a 422 naming the pair and
 * date.
 */
export async function ledgerReport(db: Db, actor: MemberActor, query: { from: string; to: string }) {
  authorize(actor, 'money.read');
  const [start, end] = reportPeriod(query.from, query.to);
  const { reportingCurrency } = await moneySettingsOf(db, actor.orgId);
  const sums = await repo.selectReportSums(db, actor.scope, start, end);
  const book = rateBook(db, actor.orgId, query.to);
  const sides = {
    payer: { byCurrency: new Map<string, Sums>(), total: zero() },
    beneficiary: { byCurrency: new Map<string, Sums>(), total: zero() },
  };
  for (const s of sums) {
    const side = sides[s.side];
    const bucket = bucketOf(s.kind);
    const current = side.byCurrency.get(s.currency) ?? zero();
    current[bucket] += s.amountMinor;
    side.byCurrency.set(s.currency, current);
    side.total[bucket] += await book.convert(s.amountMinor, s.currency, reportingCurrency, s.day);
  }
  const present = (side: (typeof sides)['payer']) => ({
    byCurrency: [...side.byCurrency]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, s]) => ({
        currency,
        earnedMinor: s.earned,
        reversedMinor: s.reversed,
        paidMinor: s.paid,
        netMinor: s.earned + s.reversed,
      })),
    total: {
      currency: reportingCurrency,
      earnedMinor: side.total.earned,
      reversedMinor: side.total.reversed,
      paidMinor: side.total.paid,
      netMinor: side.total.earned + side.total.reversed,
    },
  });
  return {
    from: query.from,
    to: query.to,
    reportingCurrency,
    asBeneficiary: present(sides.beneficiary),
    asPayer: present(sides.payer),
  };
}
