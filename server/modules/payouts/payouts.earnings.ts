import type { Db } from '../../db/client.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { toPage } from '../../http/pagination.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import * as repo from './payouts.repo.ts';
import type { EarningState } from './payouts.schema.ts';

const unknownOrg = (id: string) => ({ id, name: 'Unknown', slug: '' });

/**
 * What the actor's organization has earned as a beneficiary, per payer and currency (pending,
 * payable, in payout, paid), with a page of its entries and the state of each. P2P fees are not
 * here: netting settles them.
 */
export async function earnings(
  db: Db,
  actor: MemberActor,
  query: { vendorId?: string; state?: EarningState; limit: number; cursor?: string },
  now = new Date(),
) {
  authorize(actor, 'money.read');
  const side = { as: 'beneficiary', scope: actor.scope, counterpartyId: query.vendorId } as const;
  const balances = await repo.selectBalances(db, side, now);
  const rows = await repo.selectEntriesWithState(db, side, now, {
    state: query.state,
    limit: query.limit + 1,
    before: query.cursor,
  });
  const page = toPage(
    rows.map((r) => ({ ...r, id: r.e.id })),
    query.limit,
  );
  const orgs = await selectOrgRefs(db, [
    ...balances.map((b) => b.payerId),
    ...page.data.map((r) => r.e.organizationId),
  ]);
  return {
    balances: balances.map((b) => ({
      vendor: orgs.get(b.payerId) ?? unknownOrg(b.payerId),
      currency: b.currency,
      pendingMinor: b.pendingMinor,
      payableMinor: b.payableMinor,
      inPayoutMinor: b.inPayoutMinor,
      paidMinor: b.paidMinor,
    })),
    data: page.data.map(({ e, state, statementId }) => ({
      id: e.id,
      vendor: orgs.get(e.organizationId) ?? unknownOrg(e.organizationId),
      kind: e.kind,
      description: e.description,
      dealId: e.dealId,
      amountMinor: e.amountMinor,
      currency: e.currency,
      earnedAt: e.earnedAt,
      availableAt: e.availableAt,
      state,
      statementId,
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * The same numbers from the payer's side, per partner and currency, with whether a payout run now
 * would pay the payable amount (positive and at least the minimum): a preview before running.
 */
export async function payable(
  db: Db,
  actor: MemberActor,
  query: { beneficiaryId?: string },
  now = new Date(),
) {
  authorize(actor, 'money.read');
  const balances = await repo.selectBalances(
    db,
    { as: 'payer', scope: actor.scope, counterpartyId: query.beneficiaryId },
    now,
  );
  const minimums = await repo.selectPayoutMinimums(db, actor.scope);
  const orgs = await selectOrgRefs(
    db,
    balances.map((b) => b.beneficiaryId),
  );
  return {
    data: balances.map((b) => {
      const minimumMinor = minimums[b.currency] ?? 0;
      return {
        partner: orgs.get(b.beneficiaryId) ?? unknownOrg(b.beneficiaryId),
        currency: b.currency,
        pendingMinor: b.pendingMinor,
        payableMinor: b.payableMinor,
        inPayoutMinor: b.inPayoutMinor,
        paidMinor: b.paidMinor,
        minimumMinor,
        wouldPay: b.payableMinor > 0 && b.payableMinor >= minimumMinor,
      };
    }),
  };
}
