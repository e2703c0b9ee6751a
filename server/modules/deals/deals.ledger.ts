import type { Db } from '../../db/client.ts';
import type { MemberActor } from '../../http/actor.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import { findPartnership } from '../partnerships/index.ts';
import * as repo from './deals.repo.ts';

/** The pair ledger of a partnership: deals and value each way, wins, win rates, answer times. */
export async function pairLedger(db: Db, actor: MemberActor, partnershipId: string) {
  const p = await findPartnership(db, actor, partnershipId);
  const partnerId = p.organizationId === actor.orgId ? p.partnerId : p.organizationId;
  const orgs = await selectOrgRefs(db, [actor.orgId, partnerId]);
  const direction = async (from: string, to: string) => {
    const { byCurrency, medianHours } = await repo.selectPairLedger(db, from, to);
    const sum = (key: 'deals' | 'won' | 'decided') => byCurrency.reduce((n, r) => n + Number(r[key]), 0);
    const decided = sum('decided');
    return {
      deals: sum('deals'),
      value: byCurrency.map((r) => ({ amountMinor: Number(r.value), currency: r.currency })),
      won: sum('won'),
      wonValue: byCurrency
        .filter((r) => Number(r.won) > 0)
        .map((r) => ({ amountMinor: Number(r.won_value), currency: r.currency })),
      winRate: decided ? sum('won') / decided : null,
      medianResponseHours: medianHours === null ? null : Math.round(Number(medianHours) * 10) / 10,
    };
  };
  const sent = await direction(actor.orgId, partnerId);
  const received = await direction(partnerId, actor.orgId);
  const most = Math.max(sent.deals, received.deals);
  return {
    me: orgs.get(actor.orgId)!,
    partner: orgs.get(partnerId)!,
    sent,
    received,
    reciprocity: most ? Math.min(sent.deals, received.deals) / most : null,
  };
}
