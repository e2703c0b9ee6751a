import { formatMoney, formatRate } from '../../../common/money.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, invalidInput } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import {
  findPartnership,
  lockPartnership,
  type PartnershipRow,
  partnerOf,
  type ServiceContext,
} from '../partnerships/index.ts';
import { type NewEntry, postEntries } from './ledger.post.ts';
import * as repo from './ledger.repo.ts';
import { reportPeriod } from './ledger.report.ts';
import { presentEntries } from './ledger.service.ts';

// Partnerships in these states still bind the pair: a fee can be agreed on them.
const LIVE = ['proposed', 'active', 'paused'];

const today = () => new Date().toISOString().slice(0, 10);
// Months in UTC, whatever the server's time zone.
const monthStart = (d: Date, plus = 0) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + plus, 1));
const monthOf = (d: Date) => d.toISOString().slice(0, 7);

async function pairOf(db: Db, p: PartnershipRow, actor: MemberActor) {
  const partnerId = partnerOf(p, actor.orgId);
  const orgs = await selectOrgRefs(db, [actor.orgId, partnerId]);
  const ref = (id: string) => orgs.get(id) ?? { id, name: 'Unknown', slug: '' };
  return { partnerId, me: ref(actor.orgId), partner: ref(partnerId) };
}

/** The referral fees each side of a partnership pays the other on referrals it wins. */
export async function getReferralFee(db: Db, actor: MemberActor, partnershipId: string) {
  authorize(actor, 'money.read');
  const p = await findPartnership(db, actor, partnershipId);
  const { partnerId, partner } = await pairOf(db, p, actor);
  const mine = await repo.selectReferralFeeTerm(db, actor.orgId, partnerId);
  const theirs = await repo.selectReferralFeeTerm(db, partnerId, actor.orgId);
  return {
    partnershipId,
    partner,
    rateBp: mine?.rateBp ?? null,
    partnerRateBp: theirs?.rateBp ?? null,
    updatedAt: mine?.updatedAt ?? null,
  };
}

/** Sets what the actor's organization pays the partner on the partner's referrals it wins. */
export async function setReferralFee(
  ctx: ServiceContext,
  actor: MemberActor,
  partnershipId: string,
  rateBp: number,
) {
  authorize(actor, 'money.settings');
  await ctx.db.transaction(async (tx) => {
    const p = await lockPartnership(tx, actor, partnershipId);
    if (!LIVE.includes(p.status))
      throw new AppError('invalid_state', `The partnership is ${p.status}: referral fees need a live one`, {
        status: p.status,
      });
    const partnerId = partnerOf(p, actor.orgId);
    const before = await repo.selectReferralFeeTerm(tx, actor.orgId, partnerId);
    const term = await repo.upsertReferralFeeTerm(tx, actor.scope, {
      id: before?.id ?? newId(),
      partnerId,
      rateBp,
      updatedByUserId: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'ledger.referral_fee_set',
      targetType: 'partnership',
      targetId: partnershipId,
      data: { partnerId, rateBp, previousRateBp: before?.rateBp ?? null, termId: term.id },
    });
    if (before?.rateBp !== rateBp)
      await notify(
        { ...ctx, db: tx },
        {
          organizationId: partnerId,
          kind: 'ledger.referral_fee',
          title: `${actor.orgName} pays you ${formatRate(rateBp)} on your referrals it wins`,
          body: before ? `It was ${formatRate(before.rateBp)}.` : '',
          link: `/partnerships/${partnershipId}`,
        },
      );
  });
  return getReferralFee(ctx.db, actor, partnershipId);
}

interface PairSums {
  owedToMe: number;
  owedByMe: number;
  settled: number;
}
const netOf = (s: PairSums) => s.owedToMe - s.owedByMe - s.settled;

/** Signed sums between the pair from `meId`'s side, per month and currency. */
function fromMySide(rows: Awaited<ReturnType<typeof repo.selectPairSums>>, meId: string) {
  const byKey = new Map<string, PairSums>();
  for (const r of rows) {
    const key = `${r.month}|${r.currency}`;
    const s = byKey.get(key) ?? { owedToMe: 0, owedByMe: 0, settled: 0 };
    const iPay = r.payerId === meId;
    if (r.kind === 'fee') {
      if (iPay) s.owedByMe += r.amountMinor;
      else s.owedToMe += r.amountMinor;
    } else s.settled += iPay ? -r.amountMinor : r.amountMinor;
    byKey.set(key, s);
  }
  return byKey;
}

/** The balance per currency (positive: the partner owes me), currencies sorted. */
function balances(byKey: Map<string, PairSums>) {
  const totals = new Map<string, number>();
  for (const [key, s] of byKey) {
    const currency = key.split('|')[1]!;
    totals.set(currency, (totals.get(currency) ?? 0) + netOf(s));
  }
  return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, net]) => ({ currency, net }));
}

/**
 * P2P netting between the actor's organization and a partner: per month and currency the referral
 * fees each way (net of reversals), settlements, and the month's net (positive: the partner owes
 * you), plus the balance outstanding through `to` and a sentence saying who owes whom.
 */
export async function pairNetting(
  db: Db,
  actor: MemberActor,
  partnershipId: string,
  query: { from?: string; to?: string },
) {
  authorize(actor, 'money.read');
  const p = await findPartnership(db, actor, partnershipId);
  const { partnerId, me, partner } = await pairOf(db, p, actor);
  const to = query.to ?? today();
  const from =
    query.from ??
    monthStart(new Date(`${to}T00:00:00Z`), -11)
      .toISOString()
      .slice(0, 10);
  const [start, end] = reportPeriod(from, to);
  const byKey = fromMySide(await repo.selectPairSums(db, actor.orgId, partnerId, end), actor.orgId);
  const currencies = [...new Set([...byKey.keys()].map((k) => k.split('|')[1]!))].sort();
  const months: {
    month: string;
    currency: string;
    owedToMe: number;
    owedByMe: number;
    settled: number;
    net: number;
  }[] = [];
  for (let m = monthStart(start); m < end; m = monthStart(m, 1)) {
    const month = monthOf(m);
    for (const currency of currencies) {
      const s = byKey.get(`${month}|${currency}`) ?? { owedToMe: 0, owedByMe: 0, settled: 0 };
      months.push({ month, currency, ...s, net: netOf(s) });
    }
  }
  const outstanding = balances(byKey);
  const owing = outstanding.filter((b) => b.net !== 0);
  const headline = owing.length
    ? owing
        .map((b) =>
          b.net > 0
            ? `${partner.name} owes ${me.name} ${formatMoney({ amountMinor: b.net, currency: b.currency })}`
            : `${me.name} owes ${partner.name} ${formatMoney({ amountMinor: -b.net, currency: b.currency })}`,
        )
        .join('; ')
    : `${me.name} and ${partner.name} are settled up`;
  return { partner, from, to, months, balances: outstanding, headline };
}

/**
 * Settles the balance between the pair through `periodEnd`: one `settlement` entry per currency
 * whose balance is not zero, from the side that owes to the side owed. The balance counts every fee
 * up to the period's end and every earlier settlement, so an amount left open before the period is
 * settled with it and nothing is settled twice. The same period twice → 409 already_exists; a
 * period ending on or before the last settled one → 409 invalid_state; nothing owed → 409
 * nothing_to_pay. Either side may settle.
 */
export async function settleNetting(
  ctx: ServiceContext,
  actor: MemberActor,
  partnershipId: string,
  input: { periodStart: string; periodEnd: string; externalReference?: string },
) {
  authorize(actor, 'payouts.run');
  const [, end] = reportPeriod(input.periodStart, input.periodEnd);
  if (input.periodEnd > today()) throw invalidInput('The period has not ended yet', 'periodEnd');
  return ctx.db.transaction(async (tx) => {
    const p = await lockPartnership(tx, actor, partnershipId);
    const { partnerId, partner } = await pairOf(tx, p, actor);
    const [low, high] = [actor.orgId, partnerId].sort() as [string, string];
    const sourceId = `${low}:${high}:${input.periodStart}:${input.periodEnd}`;
    if ((await repo.selectEntriesBySource(tx, 'netting', sourceId)).length)
      throw new AppError(
        'already_exists',
        `${input.periodStart} – ${input.periodEnd} is already settled with ${partner.name}`,
      );
    const settledAt = new Date(end.getTime() - 1);
    const last = await repo.selectLastSettlement(tx, actor.orgId, partnerId);
    if (last && last.earnedAt >= settledAt) {
      const through = last.earnedAt.toISOString().slice(0, 10);
      throw new AppError(
        'invalid_state',
        `Settled with ${partner.name} through ${through} already: settle a period ending after it`,
        { settledThrough: through },
      );
    }
    const owing = balances(
      fromMySide(await repo.selectPairSums(tx, actor.orgId, partnerId, end), actor.orgId),
    ).filter((b) => b.net !== 0);
    if (owing.length === 0)
      throw new AppError(
        'nothing_to_pay',
        `Nothing is owed either way with ${partner.name} through ${input.periodEnd}`,
      );
    const reference = input.externalReference ? ` (ref. ${input.externalReference})` : '';
    const entries: NewEntry[] = owing.map((b, seq) => ({
      organizationId: b.net > 0 ? partnerId : actor.orgId,
      beneficiaryId: b.net > 0 ? actor.orgId : partnerId,
      kind: 'settlement',
      currency: b.currency,
      amountMinor: Math.abs(b.net),
      sourceType: 'netting',
      sourceId,
      ruleId: null,
      seq,
      programId: null,
      dealId: null,
      description: `P2P netting ${input.periodStart} – ${input.periodEnd}${reference}`,
      earnedAt: settledAt,
      availableAt: settledAt,
      createdByUserId: actor.userId,
    }));
    const posted = await postEntries(tx, entries);
    if (posted.length !== entries.length)
      throw new AppError('already_exists', `${input.periodStart} – ${input.periodEnd} was just settled`);
    await recordAudit(tx, actor, {
      action: 'ledger.netting_settled',
      targetType: 'partnership',
      targetId: partnershipId,
      data: { ...input, entryIds: posted.map((e) => e.id) },
    });
    await notify(
      { ...ctx, db: tx },
      {
        organizationId: partnerId,
        roles: ['owner', 'admin', 'finance', 'cpo'],
        kind: 'ledger.netting_settled',
        title: `${actor.orgName} recorded the P2P fee settlement for ${input.periodStart} – ${input.periodEnd}`,
        body: posted
          .map(
            (e) =>
              `${e.organizationId === partnerId ? 'You pay' : 'You receive'} ${formatMoney({ amountMinor: e.amountMinor, currency: e.currency })}`,
          )
          .join('\n'),
        link: `/partnerships/${partnershipId}`,
      },
    );
    return { data: await presentEntries(tx, actor.orgId, posted) };
  });
}
