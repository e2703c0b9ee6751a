import { addBusinessDays, addDays } from 'date-fns';
import {
  CLOSED_DEAL_STATUSES,
  DEAL_STATUS_LABELS,
  DEAL_TRANSITIONS,
  type DealKind,
  type DealStatus,
  findTransition,
  movesFor,
  permissionForMove,
  sideMayMove,
} from '../../../common/deals.ts';
import { can } from '../../../common/permissions.ts';
import { newId } from '../../db/ids.ts';
import { tenantScope } from '../../db/tenant.ts';
import { AppError, forbidden, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { type ActivityKind, recordActivity } from '../activity/index.ts';
import { recordAudit } from '../audit/index.ts';
import { owningManagerOf, type PartnershipRow, type ServiceContext } from '../partnerships/index.ts';
import * as conflictsRepo from './deals.conflicts.repo.ts';
import { type ConflictResult, type Customer, findConflicts } from './deals.conflicts.ts';
import { customerKey } from './deals.match.ts';
import { tellSide } from './deals.notify.ts';
import { formatMoney } from './deals.present.ts';
import * as repo from './deals.repo.ts';

type DealRow = repo.DealRow;

/** Whether the actor, on this side of the deal, may make a move (role and, for reviews, ownership). */
async function mayMove(ctx: ServiceContext, actor: MemberActor, d: DealRow, to: DealStatus) {
  if (permissionForMove(d.kind as DealKind, to) === 'deals.review') {
    if (!can(actor.role, 'deals.review'))
      return 'Reviewing registrations is for alliance managers and the CPO';
    if (actor.role === 'alliance_manager') {
      const owner = await owningManagerOf(ctx.db, d.partnershipId, actor.orgId);
      if (owner && owner !== actor.userId)
        return 'Another alliance manager owns this partner: they (or the CPO) review its registrations';
    }
    return null;
  }
  return can(actor.role, 'deals.create') ? null : 'Your role does not allow changing deals';
}

/** The states the actor may move the deal to now (what the board allows dragging to). */
export const allowedMoves = (actor: MemberActor, d: DealRow, side: repo.Side) =>
  movesFor(d as { kind: DealKind; status: string }, side, actor.role);

function refuse(d: DealRow, to: string): never {
  const allowed = DEAL_TRANSITIONS.filter((m) => m.kind === d.kind && m.from === d.status).map((m) => m.to);
  throw new AppError(
    'invalid_state',
    `A ${d.kind} that is ${DEAL_STATUS_LABELS[d.status as DealStatus] ?? d.status} cannot move to ${to}`,
    { status: d.status, allowed },
  );
}

const ACTIVITY_OF: Partial<Record<DealStatus, ActivityKind>> = {
  accepted: 'referral.answered',
  declined: 'referral.answered',
  submitted: 'deal.registered',
  under_review: 'deal.reviewed',
  approved: 'deal.reviewed',
  rejected: 'deal.reviewed',
  won: 'deal.won',
  lost: 'deal.lost',
};

/** Moves a deal along its state machine; 409 with the current state for moves it does not allow. */
export async function transitionDeal(
  ctx: ServiceContext,
  actor: MemberActor,
  id: string,
  input: { to: DealStatus; reason?: string; wonAmountMinor?: number },
) {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const found = await repo.selectDealFor(tx, actor.scope, id, true);
    if (!found) throw notFound('Deal');
    const { deal: d, side } = found;
    const move = findTransition(d.kind as DealKind, d.status, input.to);
    if (!move || move.by === 'system') refuse(d, input.to);
    if (side === 'co_seller')
      throw forbidden('Co-selling partners follow the deal; its sender and receiver move it');
    if (!sideMayMove(move, side))
      throw forbidden(
        side === 'from'
          ? `Only ${d.kind === 'registration' ? 'the vendor' : 'the receiving partner'} can move it to ${input.to}`
          : `Only the organization that created the deal can move it to ${input.to}`,
      );
    const refusal = await mayMove(txCtx, actor, d, input.to);
    if (refusal) throw forbidden(refusal);
    if (input.to === 'won' && input.wonAmountMinor === undefined)
      throw invalidInput('Give the final amount to mark the deal won', 'wonAmountMinor');
    if ((input.to === 'declined' || input.to === 'rejected') && !input.reason)
      throw invalidInput(`Say why it is ${input.to}`, 'reason');
    if (input.to === 'submitted') return submitRegistration(txCtx, actor, d);
    if (input.to === 'approved') await grantProtection(txCtx, actor, d);
    return applyMove(txCtx, actor, d, input);
  });
}

/** Writes the move, its timeline event, audit, activity, protection release and the other side's notice. */
async function applyMove(
  ctx: ServiceContext,
  actor: MemberActor,
  d: DealRow,
  input: { to: DealStatus; reason?: string; wonAmountMinor?: number },
  patch: Partial<DealRow> = {},
) {
  const now = new Date();
  const answers =
    (d.status === 'sent' || d.status === 'submitted' || d.status === 'under_review') &&
    input.to !== 'under_review' &&
    input.to !== 'withdrawn';
  const updated = await repo.updateDeal(ctx.db, d.id, {
    status: input.to,
    statusReason: input.reason ?? null,
    ...(input.to === 'won' && { wonAmountMinor: input.wonAmountMinor }),
    ...(answers && !d.answeredAt && { answeredAt: now }),
    ...(CLOSED_DEAL_STATUSES.includes(input.to) && { closedAt: now }),
    ...patch,
  });
  if (d.kind === 'registration' && ['won', 'lost', 'withdrawn'].includes(input.to))
    await conflictsRepo.updateProtection(ctx.db, d.id, { status: 'released', closedAt: now });
  await repo.insertDealEvents(ctx.db, {
    id: newId(),
    organizationId: actor.orgId,
    dealId: d.id,
    actorUserId: actor.userId,
    kind: 'status_changed',
    fromStatus: d.status,
    toStatus: input.to,
    note: input.reason ?? null,
    data: input.to === 'won' ? { wonAmountMinor: input.wonAmountMinor } : null,
  });
  await recordMove(ctx, actor, updated, d.status, input);
  await tellOtherSide(ctx, actor, updated, input);
  return updated;
}

/** The audit entry and activity of a move. */
async function recordMove(
  ctx: ServiceContext,
  actor: MemberActor,
  d: DealRow,
  from: string | null,
  input: { to: DealStatus; reason?: string },
) {
  await recordAudit(ctx.db, actor, {
    action: `deal.${input.to}`,
    targetType: 'deal',
    targetId: d.id,
    data: { from, reason: input.reason },
  });
  await recordActivity(ctx.db, {
    organizationId: actor.orgId,
    kind: ACTIVITY_OF[input.to] ?? 'deal.updated',
    source: 'deals',
    data: { dealId: d.id, status: input.to },
  });
}

/** Tells the other side of the deal about a move (its owning alliance manager, or its team). */
async function tellOtherSide(
  ctx: ServiceContext,
  actor: MemberActor,
  d: DealRow,
  input: { to: DealStatus; reason?: string; wonAmountMinor?: number },
  partnership?: PartnershipRow,
) {
  const other = actor.orgId === d.organizationId ? d.counterpartyId : d.organizationId;
  if (!other) return;
  await tellSide(
    ctx,
    d,
    other,
    {
      kind: `${d.kind}.${input.to}`,
      title: noticeTitle(actor.orgName, d, input.to),
      body: [
        input.to === 'won' && input.wonAmountMinor !== undefined
          ? `Final amount: ${formatMoney(input.wonAmountMinor, d.currency)}.`
          : '',
        input.to === 'submitted'
          ? `${formatMoney(d.amountMinor, d.currency)} estimated. ${CONFLICT_NOTE[d.conflictOutcome ?? 'clear']}`
          : '',
        input.reason ? `Reason: ${input.reason}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    },
    partnership,
  );
}

const CONFLICT_NOTE: Record<string, string> = {
  clear: 'No conflict found.',
  potential_conflict: 'Possible conflict: review the matches before approving.',
  blocked: '',
};

/** What the other side reads about a move: who did what to which customer. */
function noticeTitle(actorOrg: string, d: DealRow, to: DealStatus) {
  const customer = d.customerName;
  switch (to) {
    case 'submitted':
      return `${actorOrg} registered ${customer} with you`;
    case 'approved':
    case 'rejected':
      return `${actorOrg} ${to} your registration for ${customer}`;
    case 'accepted':
    case 'declined':
      return `${actorOrg} ${to} your referral: ${customer}`;
    case 'withdrawn':
      return `${actorOrg} withdrew ${customer}`;
    case 'under_review':
      return `${actorOrg} started reviewing ${customer}`;
    default:
      return `${actorOrg} marked ${customer} ${DEAL_STATUS_LABELS[to].toLowerCase()}`;
  }
}

/**
 * What submitting a registration to its vendor decides: refused while another partner's
 * protection holds the customer (telling only until when); otherwise the matches for the vendor's
 * reviewers, the outcome, and the review SLA's start and due time.
 */
async function prepareSubmission(ctx: ServiceContext, vendorId: string, customer: Customer, dealId: string) {
  const result = await findConflicts(ctx.db, vendorId, customer, dealId);
  if (result.outcome === 'blocked')
    throw new AppError(
      'customer_protected',
      `This customer is protected for another registration until ${result.protectedUntil!.toISOString().slice(0, 10)}`,
      { protectedUntil: result.protectedUntil },
    );
  const settings = await repo.selectSettings(ctx.db, vendorId);
  const now = new Date();
  const patch = {
    sentAt: now,
    responseDueAt: addBusinessDays(now, settings.reviewSlaBusinessDays),
    conflictOutcome: result.outcome,
  };
  return { result, patch };
}

/**
 * Stores the matches for the vendor's reviewers — both ways: the registrations still waiting for
 * review learn of the newcomer too, so whichever the reviewer opens first shows the collision (the
 * partners' own outcomes stay as they were).
 */
async function storeConflicts(ctx: ServiceContext, vendorId: string, dealId: string, result: ConflictResult) {
  const vendor = vendorScope(vendorId);
  const rows = result.matches.flatMap((m): conflictsRepo.NewConflict[] => {
    if (m.candidate.source === 'account')
      return [
        { id: newId(), dealId, matchedAccountId: m.candidate.id, matchedBy: m.matchedBy, score: m.score },
      ];
    const found = {
      id: newId(),
      dealId,
      matchedDealId: m.candidate.id,
      matchedBy: m.matchedBy,
      score: m.score,
    };
    const waiting = m.candidate.kind === 'registration' && m.candidate.status !== 'approved';
    return waiting
      ? [found, { ...found, id: newId(), dealId: m.candidate.id, matchedDealId: dealId }]
      : [found];
  });
  await conflictsRepo.addConflicts(ctx.db, vendor, rows);
}

/** Submits a draft registration to its vendor (the conflict check, then the move). */
export async function submitRegistration(ctx: ServiceContext, actor: MemberActor, d: DealRow) {
  const { result, patch } = await prepareSubmission(ctx, d.vendorId!, customerOfRow(d), d.id);
  await conflictsRepo.deleteConflicts(ctx.db, vendorScope(d.vendorId!), d.id);
  await storeConflicts(ctx, d.vendorId!, d.id, result);
  return applyMove(ctx, actor, d, { to: 'submitted' }, patch);
}

/**
 * Registers and submits in one go: the new row is written already submitted, with one timeline
 * event, audit entry, activity and notice (the hot path of deal registration).
 */
export async function submitNewRegistration(
  ctx: ServiceContext,
  actor: MemberActor,
  values: repo.NewDeal,
  partnership: PartnershipRow,
) {
  const customer = customerOfRow(values as DealRow);
  const { result, patch } = await prepareSubmission(ctx, values.vendorId!, customer, values.id);
  const d = await repo.insertDeal(
    ctx.db,
    { ...values, ...patch, status: 'submitted' },
    [
      { organizationId: actor.orgId, side: 'from', attribution: 'sourced' },
      { organizationId: values.vendorId!, side: 'to' },
    ],
    {
      id: newId(),
      organizationId: actor.orgId,
      actorUserId: actor.userId,
      kind: 'created',
      toStatus: 'submitted',
    },
  );
  await storeConflicts(ctx, d.vendorId!, d.id, result);
  await recordMove(ctx, actor, d, null, { to: 'submitted' });
  await tellOtherSide(ctx, actor, d, { to: 'submitted' }, partnership);
  return d;
}

// The vendor's scope for writing its own conflict rows while the partner submits: the deal row
// (already authorized for the actor) names the vendor, never user input.
const vendorScope = (vendorId: string) => tenantScope(vendorId);

const customerOfRow = (d: DealRow) => ({
  name: d.customerName,
  domain: d.customerDomain,
  domainKey: d.customerDomainKey,
  nameKey: d.customerNameKey,
  country: d.customerCountry,
});

/**
 * Grants the protection window: refused when the engine finds another active protection, and —
 * whatever the timing of other approvals — when the database's unique index already holds one.
 */
async function grantProtection(ctx: ServiceContext, actor: MemberActor, d: DealRow) {
  const result = await findConflicts(ctx.db, actor.orgId, customerOfRow(d), d.id);
  const settings = await repo.selectSettings(ctx.db, actor.orgId);
  const now = new Date();
  const granted =
    result.outcome !== 'blocked' &&
    (await conflictsRepo.insertProtection(ctx.db, actor.scope, {
      id: newId(),
      dealId: d.id,
      partnerId: d.organizationId,
      customerKey: customerKey(customerOfRow(d)),
      startsAt: now,
      endsAt: addDays(now, settings.protectionDays),
    }));
  if (!granted)
    throw new AppError(
      'customer_protected',
      'Another registration already protects this customer: reject this one or wait for that protection to end',
      { status: d.status },
    );
}

/** The registering partner asks for more days of protection. */
export async function requestExtension(
  ctx: ServiceContext,
  actor: MemberActor,
  id: string,
  input: { days: number; reason: string },
) {
  authorize(actor, 'deals.create');
  return ctx.db.transaction(async (tx) => {
    const { deal: d, side } = await requireProtected(tx, actor, id);
    if (side !== 'from') throw forbidden('Only the registering partner can ask for an extension');
    await conflictsRepo.updateProtection(tx, id, {
      extensionRequestedDays: input.days,
      extensionReason: input.reason,
      extensionRequestedAt: new Date(),
    });
    await extensionEvent({ ...ctx, db: tx }, actor, d, 'extension_requested', input.reason, {
      days: input.days,
    });
    await tellSide({ ...ctx, db: tx }, d, d.vendorId!, {
      kind: 'registration.extension_requested',
      title: `${actor.orgName} asks ${input.days} more days of protection for ${d.customerName}`,
      body: input.reason,
    });
  });
}

/** The vendor approves or declines a requested extension. */
export async function decideExtension(
  ctx: ServiceContext,
  actor: MemberActor,
  id: string,
  approve: boolean,
  reason?: string,
) {
  authorize(actor, 'deals.review');
  return ctx.db.transaction(async (tx) => {
    const { deal: d, side, protection } = await requireProtected(tx, actor, id);
    if (side !== 'to') throw forbidden('Only the vendor decides extensions');
    const days = protection.extensionRequestedDays;
    if (!days) throw new AppError('invalid_state', 'No extension was requested', { status: d.status });
    await conflictsRepo.updateProtection(tx, id, {
      extensionRequestedDays: null,
      extensionReason: null,
      extensionRequestedAt: null,
      ...(approve && { endsAt: addDays(protection.endsAt, days), expiryWarnedAt: null }),
    });
    const kind = approve ? 'extension_approved' : 'extension_declined';
    await extensionEvent({ ...ctx, db: tx }, actor, d, kind, reason ?? null, { days });
    await tellSide({ ...ctx, db: tx }, d, d.organizationId, {
      kind: `registration.${kind}`,
      title: approve
        ? `Protection for ${d.customerName} extended until ${addDays(protection.endsAt, days).toISOString().slice(0, 10)}`
        : `Extension for ${d.customerName} declined`,
      body: reason ?? '',
    });
  });
}

async function requireProtected(db: ServiceContext['db'], actor: MemberActor, id: string) {
  const found = await repo.selectDealFor(db, actor.scope, id, true);
  if (!found || found.side === 'co_seller') throw notFound('Deal');
  const protection = await conflictsRepo.selectProtectionOfDeal(db, id);
  if (protection?.status !== 'active')
    throw new AppError('invalid_state', 'The registration has no active protection', {
      status: found.deal.status,
    });
  return { ...found, protection };
}

async function extensionEvent(
  ctx: ServiceContext,
  actor: MemberActor,
  d: DealRow,
  kind: string,
  note: string | null,
  data: Record<string, unknown>,
) {
  await repo.insertDealEvents(ctx.db, {
    id: newId(),
    organizationId: actor.orgId,
    dealId: d.id,
    actorUserId: actor.userId,
    kind,
    note,
    data,
  });
  await recordAudit(ctx.db, actor, { action: `deal.${kind}`, targetType: 'deal', targetId: d.id, data });
}
