import type { ConflictOutcome, DealKind, DealStatus } from '../../../common/deals.ts';
import { formatMoney as formatAmount } from '../../../common/money.ts';
import type { Db } from '../../db/client.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import { type DealRow, type Side, WAITING_STATUSES } from './deals.repo.ts';

/** Whether a deal waits for its counterparty past its response window or review SLA. */
export const isOverdue = (d: DealRow, now: Date) =>
  WAITING_STATUSES.includes(d.status) && !d.answeredAt && !!d.responseDueAt && d.responseDueAt <= now;

/** Formats minor units for notices ("€12,500.00"). */
export const formatMoney = (amountMinor: number, currency: string) =>
  formatAmount({ amountMinor, currency }, false, 'en');

/** Deals as list items, from the viewer's side. */
export async function presentSummaries(db: Db, rows: { deal: DealRow; side: Side }[], now = new Date()) {
  const orgs = await selectOrgRefs(
    db,
    rows.flatMap(({ deal }) => [deal.organizationId, deal.counterpartyId].filter((id): id is string => !!id)),
  );
  const ref = (id: string) => orgs.get(id) ?? { id, name: 'Unknown', slug: '' };
  return rows.map(({ deal: d, side }) => ({
    id: d.id,
    kind: d.kind as DealKind,
    status: d.status as DealStatus,
    title: d.title,
    customerName: d.customerName,
    customerDomain: d.customerDomain,
    customerCountry: d.customerCountry,
    amount: { amountMinor: d.amountMinor, currency: d.currency },
    wonAmount: d.wonAmountMinor === null ? null : { amountMinor: d.wonAmountMinor, currency: d.currency },
    subscription: d.subscription,
    expectedClose: d.expectedClose,
    from: ref(d.organizationId),
    to: d.counterpartyId ? ref(d.counterpartyId) : null,
    mySide: side,
    conflictOutcome: d.conflictOutcome as ConflictOutcome | null,
    sentAt: d.sentAt,
    responseDueAt: d.responseDueAt,
    overdue: isOverdue(d, now),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  }));
}
