import { addDays } from 'date-fns';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, forbidden, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { postEntries } from '../ledger/index.ts';
import { notify } from '../notifications/index.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import type { ServiceContext } from '../partnerships/index.ts';
import type { SideFilter } from './programs.enrollments.repo.ts';
import * as erepo from './programs.enrollments.repo.ts';
import { findEnrollment, sideFor } from './programs.enrollments.ts';
import type { MdfRow } from './programs.mdf.repo.ts';
import * as mrepo from './programs.mdf.repo.ts';
import * as repo from './programs.repo.ts';
import type { MdfAction } from './programs.schema.ts';
import { formatAmount } from './programs.tiers.ts';

type MdfStatus = typeof import('./programs.schema.ts').MDF_STATUSES[number];

/** MDF requests as either side sees them. */
async function present(db: Db, actor: MemberActor, rows: MdfRow[]) {
  const orgs = await selectOrgRefs(
    db,
    rows.flatMap((m) => [m.organizationId, m.partnerId]),
  );
  const enrollments = await erepo.selectEnrollmentsByIds(
    db,
    rows.map((m) => m.enrollmentId),
  );
  const programs = await erepo.selectProgramsByIds(
    db,
    [...enrollments.values()].map((e) => e.programId),
  );
  const org = (id: string) => orgs.get(id) ?? { id, name: 'Unknown', slug: '' };
  return rows.map((m) => {
    const p = programs.get(enrollments.get(m.enrollmentId)?.programId ?? '');
    return {
      id: m.id,
      side: sideFor(m, actor),
      enrollmentId: m.enrollmentId,
      program: { id: p?.id ?? '', name: p?.name ?? '' },
      vendor: org(m.organizationId),
      partner: org(m.partnerId),
      status: m.status as MdfStatus,
      title: m.title,
      description: m.description,
      amount: { amountMinor: m.amountMinor, currency: m.currency },
      budgetYear: m.budgetYear,
      proof: m.proof,
      reason: m.reason,
      createdAt: m.createdAt,
      decidedAt: m.decidedAt,
      claimedAt: m.claimedAt,
      claimDecidedAt: m.claimDecidedAt,
    };
  });
}

/** One MDF request the actor's organization is a side of, else 404. */
async function findMdf(db: Db, actor: MemberActor, id: string, forUpdate = false) {
  const row = await mrepo.selectMdf(db, actor.scope, id, forUpdate);
  if (!row) throw notFound('MDF request');
  return row;
}

/** One request, presented. */
export async function getMdf(db: Db, actor: MemberActor, id: string) {
  authorize(actor, 'mdf.review');
  const [presented] = await present(db, actor, [await findMdf(db, actor, id)]);
  return presented!;
}

/** A page of MDF requests (to the actor as vendor, from it as partner, or both). */
export async function listMdf(
  db: Db,
  actor: MemberActor,
  query: { side?: SideFilter; status?: string; enrollmentId?: string; limit: number; cursor?: string },
) {
  authorize(actor, 'mdf.review');
  const rows = await mrepo.selectMdfs(db, actor.scope, {
    ...query,
    limit: query.limit + 1,
    before: query.cursor,
  });
  const page = toPage(rows, query.limit);
  return { data: await present(db, actor, page.data), nextCursor: page.nextCursor };
}

/**
 * Refuses an amount that would take the enrollment's approved (and later) requests of the year
 * past its current tier's MDF budget. The caller holds the enrollment's lock, so two approvals
 * cannot both fit into the last of the budget.
 */
async function assertWithinBudget(
  db: Db,
  e: erepo.EnrollmentRow,
  year: number,
  amountMinor: number,
  currency: string,
) {
  const tier = e.tierId
    ? (await repo.selectTiers(db, [e.programId])).find((t) => t.id === e.tierId)
    : undefined;
  const budget = tier?.mdfBudgetMinor ?? 0;
  const used = await mrepo.sumBudgetUsed(db, e.id, year);
  if (used + amountMinor > budget)
    throw new AppError(
      'over_budget',
      budget === 0
        ? `${tier ? tier.name : 'Without a tier, this enrollment'} has no MDF budget`
        : `Over the ${year} MDF budget: ${formatAmount(used, currency)} of ${formatAmount(budget, currency)} is used, ${formatAmount(budget - used, currency)} is left`,
      { budgetMinor: budget, usedMinor: used, requestedMinor: amountMinor, currency, year },
    );
}

/** The partner asks for marketing funds against its tier's budget for this year. */
export async function requestMdf(
  ctx: ServiceContext,
  actor: MemberActor,
  input: { enrollmentId: string; title: string; description: string; amountMinor: number },
  now = new Date(),
) {
  authorize(actor, 'mdf.request');
  const row = await ctx.db.transaction(async (tx) => {
    const e = await findEnrollment(tx, actor, input.enrollmentId, true);
    if (e.partnerId !== actor.orgId) throw forbidden('Only the enrolled partner requests MDF');
    if (e.status !== 'active') throw new AppError('invalid_state', 'The enrollment has ended');
    const p = (await erepo.selectProgramsByIds(tx, [e.programId])).get(e.programId)!;
    const year = now.getUTCFullYear();
    await assertWithinBudget(tx, e, year, input.amountMinor, p.currency);
    const created = await mrepo.insertMdf(tx, {
      id: newId(),
      organizationId: e.organizationId,
      partnerId: e.partnerId,
      enrollmentId: e.id,
      title: input.title,
      description: input.description,
      amountMinor: input.amountMinor,
      currency: p.currency,
      budgetYear: year,
      requestedByUserId: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'mdf.requested',
      targetType: 'mdf_request',
      targetId: created.id,
      data: { amountMinor: input.amountMinor, currency: p.currency },
    });
    await notify(
      { ...ctx, db: tx },
      {
        organizationId: e.organizationId,
        kind: 'mdf.requested',
        title: `${actor.orgName} asks for ${formatAmount(input.amountMinor, p.currency)} of MDF: ${input.title}`,
        body: input.description,
        link: `/mdf/${created.id}`,
      },
    );
    return created;
  });
  return getMdf(ctx.db, actor, row.id);
}

const MOVES: Record<MdfAction, { from: MdfStatus; to: MdfStatus; side: 'vendor' | 'partner'; past: string }> =
  {
    approve: { from: 'requested', to: 'approved', side: 'vendor', past: 'approved' },
    reject: { from: 'requested', to: 'rejected', side: 'vendor', past: 'rejected' },
    claim: { from: 'approved', to: 'claimed', side: 'partner', past: 'claimed' },
    'approve-claim': {
      from: 'claimed',
      to: 'claim_approved',
      side: 'vendor',
      past: 'approved the claim for',
    },
    'reject-claim': { from: 'claimed', to: 'claim_rejected', side: 'vendor', past: 'rejected the claim for' },
  };

/**
 * Moves an MDF request: the vendor approves (within budget) or rejects it, the partner claims it
 * with proof, the vendor approves the claim — which posts one `mdf` ledger entry in the same
 * transaction, payable after the program's holding period — or rejects it.
 */
export async function actOnMdf(
  ctx: ServiceContext,
  actor: MemberActor,
  id: string,
  action: MdfAction,
  input: { reason?: string; proof?: string },
  now = new Date(),
) {
  const move = MOVES[action];
  authorize(actor, move.side === 'vendor' ? 'mdf.review' : 'mdf.request');
  if ((action === 'reject' || action === 'reject-claim') && !input.reason)
    throw invalidInput('Give a reason', 'reason');
  if (action === 'claim' && !input.proof) throw invalidInput('Give proof: a link or a note', 'proof');
  await ctx.db.transaction(async (tx) => {
    const first = await findMdf(tx, actor, id);
    if (sideFor(first, actor) !== move.side)
      throw forbidden(
        move.side === 'vendor' ? 'Only the vendor decides MDF requests' : 'Only the partner claims MDF',
      );
    // Lock the enrollment before the request, as a new request does, so budget checks serialize.
    const e = (await erepo.lockEnrollment(tx, first.enrollmentId))!;
    const m = await findMdf(tx, actor, id, true);
    if (m.status !== move.from)
      throw new AppError(
        'invalid_state',
        `The request is ${m.status.replace('_', ' ')}: it cannot be ${move.past} now`,
        {
          status: m.status,
        },
      );
    const p = (await erepo.selectProgramsByIds(tx, [e.programId])).get(e.programId)!;
    if (action === 'approve') await assertWithinBudget(tx, e, m.budgetYear, m.amountMinor, m.currency);
    const patch: Parameters<typeof mrepo.updateMdf>[2] = { status: move.to };
    if (action === 'approve' || action === 'reject')
      Object.assign(patch, { decidedAt: now, decidedByUserId: actor.userId });
    if (action === 'claim') Object.assign(patch, { claimedAt: now, proof: input.proof });
    if (action === 'approve-claim' || action === 'reject-claim') patch.claimDecidedAt = now;
    if (input.reason && action.startsWith('reject')) patch.reason = input.reason;
    await mrepo.updateMdf(tx, id, patch);
    if (action === 'approve-claim') {
      const posted = await postEntries(tx, [
        {
          organizationId: m.organizationId,
          beneficiaryId: m.partnerId,
          kind: 'mdf',
          currency: m.currency,
          amountMinor: m.amountMinor,
          sourceType: 'mdf_request',
          sourceId: m.id,
          programId: p.id,
          description: `MDF: ${m.title}`,
          earnedAt: now,
          availableAt: addDays(now, p.holdingDays),
          createdByUserId: actor.userId,
        },
      ]);
      if (posted.length === 0)
        throw new AppError('already_exists', 'This claim has already been posted to the ledger');
    }
    await recordAudit(tx, actor, {
      action: `mdf.${action.replace('-', '_')}`,
      targetType: 'mdf_request',
      targetId: id,
      data: input.reason || input.proof ? { reason: input.reason, proof: input.proof } : undefined,
    });
    const other = move.side === 'vendor' ? m.partnerId : m.organizationId;
    await notify(
      { ...ctx, db: tx },
      {
        organizationId: other,
        userIds: move.side === 'vendor' && m.requestedByUserId ? [m.requestedByUserId] : undefined,
        kind: `mdf.${move.to}`,
        title: `${actor.orgName} ${move.past} ${move.side === 'vendor' ? 'your MDF request' : 'MDF'}: ${m.title}`,
        body: input.reason ?? input.proof ?? '',
        link: `/mdf/${id}`,
      },
    );
  });
  return getMdf(ctx.db, actor, id);
}
