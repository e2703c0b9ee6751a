import { formatMoney } from '../../../common/money.ts';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import type { ServiceContext } from '../partnerships/index.ts';
import { type EntryKind, type EntryRow, reverseEntries, selectLines } from './ledger.post.ts';
import * as repo from './ledger.repo.ts';

/** Entries as the API shows them, from the viewer's side. */
export async function presentEntries(db: Db, viewerOrgId: string, rows: EntryRow[], now = new Date()) {
  const orgs = await selectOrgRefs(
    db,
    rows.flatMap((e) => [e.organizationId, e.beneficiaryId]),
  );
  const reversals = await repo.selectReversalsOf(
    db,
    rows.map((e) => e.id),
  );
  const ref = (id: string) => orgs.get(id) ?? { id, name: 'Unknown', slug: '' };
  return rows.map((e) => ({
    id: e.id,
    kind: e.kind as EntryKind,
    mySide: e.organizationId === viewerOrgId ? ('payer' as const) : ('beneficiary' as const),
    payer: ref(e.organizationId),
    beneficiary: ref(e.beneficiaryId),
    amount: { amountMinor: e.amountMinor, currency: e.currency },
    description: e.description,
    sourceType: e.sourceType,
    sourceId: e.sourceId,
    ruleId: e.ruleId,
    seq: e.seq,
    programId: e.programId,
    dealId: e.dealId,
    reversesEntryId: e.reversesEntryId,
    reversedByEntryId: reversals.get(e.id)?.id ?? null,
    pending: e.availableAt > now,
    earnedAt: e.earnedAt,
    availableAt: e.availableAt,
    createdAt: e.createdAt,
  }));
}

/** A page of entries the actor's organization pays or receives, newest first. */
export async function listEntries(
  db: Db,
  actor: MemberActor,
  query: Omit<repo.EntryFilters, 'before'> & { cursor?: string },
) {
  authorize(actor, 'money.read');
  const rows = await repo.selectEntries(db, actor.scope, {
    ...query,
    limit: query.limit + 1,
    before: query.cursor,
  });
  const page = toPage(rows, query.limit);
  return { data: await presentEntries(db, actor.orgId, page.data), nextCursor: page.nextCursor };
}

/** One entry with its double-entry lines and the entry reversing it, if any; 404 unless a side of it. */
export async function getEntry(db: Db, actor: MemberActor, id: string) {
  authorize(actor, 'money.read');
  const row = await repo.selectEntry(db, actor.scope, id);
  if (!row) throw notFound('Ledger entry');
  const [entry] = await presentEntries(db, actor.orgId, [row]);
  const reversal = (await repo.selectReversalsOf(db, [row.id])).get(row.id);
  const lines = await selectLines(db, [row.id]);
  return {
    ...entry!,
    lines: lines.map((l) => ({
      account: l.account as 'expense' | 'payable' | 'cash',
      amountMinor: l.amountMinor,
      currency: l.currency,
    })),
    reversal: reversal ? (await presentEntries(db, actor.orgId, [reversal]))[0]! : null,
  };
}

/** The refusal every edit or delete of an entry gets. */
export const ledgerImmutable = () =>
  new AppError(
    'ledger_immutable',
    'Ledger entries are never edited or deleted; post a reversal (clawback) instead',
  );

/**
 * Claws back what the actor's organization owes or paid on a deal (refunded, or its win undone):
 * a reversing entry for each of its earning entries on the deal not yet reversed. An unpaid
 * commission nets to zero; a paid one becomes a negative payable the next payout deducts. Tells
 * each beneficiary.
 */
export async function clawbackDeal(ctx: ServiceContext, actor: MemberActor, dealId: string, reason: string) {
  authorize(actor, 'payouts.run');
  return ctx.db.transaction(async (tx) => {
    if (!(await repo.isDealParty(tx, actor.scope, dealId))) throw notFound('Deal');
    const originals = await repo.selectReversibleEntries(tx, actor.scope, dealId);
    if (originals.length === 0)
      throw new AppError(
        'nothing_to_pay',
        'Nothing to claw back: your organization owes nothing on this deal',
      );
    const reversed = await reverseEntries(tx, originals, reason, actor.userId);
    if (reversed.length === 0)
      throw new AppError('nothing_to_pay', 'Nothing to claw back: it was just reversed');
    await recordAudit(tx, actor, {
      action: 'ledger.clawback',
      targetType: 'deal',
      targetId: dealId,
      data: { reason, entryIds: reversed.map((e) => e.id) },
    });
    const d = await repo.selectDeal(tx, dealId);
    for (const beneficiaryId of new Set(reversed.map((e) => e.beneficiaryId))) {
      const mine = reversed.filter((e) => e.beneficiaryId === beneficiaryId);
      const totals = new Map<string, number>();
      for (const e of mine) totals.set(e.currency, (totals.get(e.currency) ?? 0) + e.amountMinor);
      const amounts = [...totals].map(([currency, amountMinor]) =>
        formatMoney({ amountMinor: -amountMinor, currency }),
      );
      await notify(
        { ...ctx, db: tx },
        {
          organizationId: beneficiaryId,
          roles: ['owner', 'admin', 'finance', 'cpo'],
          kind: 'ledger.clawback',
          title: `${actor.orgName} clawed back ${amounts.join(' + ')} on ${d?.customerName ?? 'a deal'}`,
          body: `Reason: ${reason}\n\nUnpaid amounts are cancelled; amounts already paid are deducted from your next payout.`,
          link: '/earnings',
        },
      );
    }
    return { data: await presentEntries(tx, actor.orgId, reversed) };
  });
}
