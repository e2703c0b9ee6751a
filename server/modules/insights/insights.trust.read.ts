import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import * as effortRepo from './insights.efficiency.repo.ts';
import * as repo from './insights.trust.repo.ts';
import { explainFactors, inputFromStored, scoreTrust, TRUST_MODEL } from './insights.trust.ts';

/**
 * One organization's stored trust in a partner, explained: the stored score, and each factor's
 * value and raw numbers rebuilt from the stored inputs with the model (`scoreTrust`). Undefined
 * without a row.
 */
export async function readTrust(db: Db, orgId: string, partnerId: string) {
  const row = await repo.selectTrustRow(db, orgId, partnerId);
  if (!row) return undefined;
  return { score: row.score, computedAt: row.computedAt, factors: scoreTrust(inputFromStored(row)).factors };
}

/**
 * How much the actor's organization can trust a partner, with each factor's contribution and raw
 * numbers. 404 unless the two have (or had) a partnership. A partner without a stored score (a
 * partnership and no deal yet, or a deal whose update has not run) is scored on the spot from its
 * inputs gathered now, without writing.
 */
export async function getTrust(db: Db, actor: MemberActor, partnerId: string) {
  authorize(actor, 'insights.read');
  if (partnerId === actor.orgId || !(await effortRepo.isPartnerOf(db, actor.scope, partnerId)))
    throw notFound('Partner');
  let row = await readTrust(db, actor.orgId, partnerId);
  if (!row) {
    const input = await repo.selectPairTrustInput(db, actor.orgId, partnerId);
    if (input) row = { ...scoreTrust(input), computedAt: new Date() };
  }
  const name = (await selectOrgRefs(db, [partnerId])).get(partnerId)?.name ?? '';
  return {
    partner: { id: partnerId, name },
    score: row?.score ?? 0,
    computedAt: row?.computedAt ?? null,
    factors: explainFactors(row?.factors ?? {}),
    model: {
      version: TRUST_MODEL.version,
      halfLifeDays: TRUST_MODEL.halfLifeDays,
      tenureSaturationDays: TRUST_MODEL.tenureSaturationDays,
      wonValueSaturation: TRUST_MODEL.wonValueSaturationMajor,
      winRateEvidence: TRUST_MODEL.winRateEvidence,
      positiveStatuses: [...TRUST_MODEL.positiveStatuses],
    },
  };
}
