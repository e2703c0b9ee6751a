import type { PartnershipStatus, PartnershipType } from '../../../common/deals.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant.ts';
import { AppError, forbidden, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { recordActivity } from '../activity/index.ts';
import { recordAudit } from '../audit/index.ts';
import { findMembership, selectOrgsWithMembers } from '../members/index.ts';
import { notify } from '../notifications/index.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import * as repo from './partnerships.repo.ts';
import type { PartnershipAction } from './partnerships.schema.ts';

/** What services that write and notify need. */
export type ServiceContext = Pick<AppContext, 'db' | 'env' | 'jobs' | 'log'>;
type PartnershipRow = repo.PartnershipRow;

/** The other organization of a partnership, seen from `orgId`. */
export const partnerOf = (p: PartnershipRow, orgId: string) =>
  p.organizationId === orgId ? p.partnerId : p.organizationId;

/** The owning alliance manager on `orgId`'s side, if assigned. */
export const ownerOnSide = (p: PartnershipRow, orgId: string) =>
  p.organizationId === orgId ? p.proposerOwnerUserId : p.partnerOwnerUserId;

/** Presents partnerships from the viewer's side. */
async function present(db: Db, viewerOrgId: string, rows: PartnershipRow[]) {
  const orgs = await selectOrgRefs(
    db,
    rows.map((p) => partnerOf(p, viewerOrgId)),
  );
  const users = await repo.selectUserRefs(
    db,
    rows.flatMap((p) => [p.proposerOwnerUserId, p.partnerOwnerUserId]),
  );
  const online = await selectOrgsWithMembers(
    db,
    rows.map((p) => partnerOf(p, viewerOrgId)),
  );
  return rows.map((p) => {
    const partnerId = partnerOf(p, viewerOrgId);
    const partnerOwner = ownerOnSide(p, partnerId);
    const myOwner = ownerOnSide(p, viewerOrgId);
    return {
      id: p.id,
      status: p.status as PartnershipStatus,
      types: p.types as PartnershipType[],
      message: p.message,
      direction: p.organizationId === viewerOrgId ? ('outgoing' as const) : ('incoming' as const),
      partner: orgs.get(partnerId) ?? { id: partnerId, name: 'Unknown', slug: '' },
      partnerOffline: !online.has(partnerId),
      myOwner: (myOwner && users.get(myOwner)) || null,
      partnerOwner: (partnerOwner && users.get(partnerOwner)) || null,
      pausedByMe: p.status === 'paused' ? p.pausedByOrgId === viewerOrgId : null,
      endReason: p.endReason,
      createdAt: p.createdAt,
      decidedAt: p.decidedAt,
      statusChangedAt: p.statusChangedAt,
    };
  });
}

/** A page of the actor's partnerships, newest first. */
export async function listPartnerships(
  db: Db,
  actor: MemberActor,
  query: Omit<Parameters<typeof repo.selectPartnerships>[2], 'before'> & { cursor?: string },
) {
  const rows = await repo.selectPartnerships(db, actor.scope, {
    ...query,
    limit: query.limit + 1,
    before: query.cursor,
  });
  const page = rows.slice(0, query.limit);
  return {
    data: await present(db, actor.orgId, page),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** One partnership of the actor's organization, else 404. */
export async function findPartnership(db: Db, actor: MemberActor, id: string) {
  const row = await repo.selectPartnership(db, actor.scope, id);
  if (!row) throw notFound('Partnership');
  return row;
}

/** One partnership, presented from the actor's side. */
export async function getPartnership(db: Db, actor: MemberActor, id: string) {
  const [presented] = await present(db, actor.orgId, [await findPartnership(db, actor, id)]);
  return presented!;
}

/** The partnership's timeline with actors, oldest first. */
export async function partnershipTimeline(db: Db, actor: MemberActor, id: string) {
  await findPartnership(db, actor, id);
  const events = await repo.selectPartnershipEvents(db, id);
  const orgs = await selectOrgRefs(
    db,
    events.map((e) => e.organizationId),
  );
  const users = await repo.selectUserRefs(
    db,
    events.map((e) => e.actorUserId),
  );
  return events.map((e) => ({
    id: e.id,
    kind: e.kind,
    organization: orgs.get(e.organizationId)!,
    actor: e.actorUserId ? { id: e.actorUserId, name: users.get(e.actorUserId)?.name ?? '' } : null,
    data: e.data,
    createdAt: e.createdAt,
  }));
}

async function assertMemberOf(db: Db, orgId: string, userId: string) {
  if (!(await findMembership(db, orgId, userId)))
    throw invalidInput('The owner must be a member of your organization', 'ownerUserId');
}

/** Proposes a partnership to another organization (it answers; dual opt-in). */
export async function proposePartnership(
  ctx: ServiceContext,
  actor: MemberActor,
  input: { partnerId: string; types: PartnershipType[]; message: string; ownerUserId?: string },
) {
  authorize(actor, 'partnerships.manage');
  if (input.partnerId === actor.orgId)
    throw invalidInput('An organization cannot partner with itself', 'partnerId');
  const ownerUserId = input.ownerUserId ?? actor.userId;
  await assertMemberOf(ctx.db, actor.orgId, ownerUserId);
  const partner = (await selectOrgRefs(ctx.db, [input.partnerId])).get(input.partnerId);
  if (!partner) throw invalidInput('No organization with this id', 'partnerId');
  const existing = await repo.selectLivePartnership(ctx.db, actor.scope, input.partnerId);
  if (existing)
    throw new AppError(
      'already_exists',
      `You already have a partnership with ${partner.name} (${existing.status})`,
      {
        partnershipId: existing.id,
        status: existing.status,
      },
    );
  const row = await repo.insertPartnership(ctx.db, {
    id: newId(),
    organizationId: actor.orgId,
    partnerId: input.partnerId,
    status: 'proposed',
    types: input.types,
    message: input.message,
    proposerOwnerUserId: ownerUserId,
  });
  await repo.insertPartnershipEvent(ctx.db, {
    id: newId(),
    organizationId: actor.orgId,
    partnershipId: row.id,
    actorUserId: actor.userId,
    kind: 'proposed',
    data: { types: input.types },
  });
  await recordAudit(ctx.db, actor, {
    action: 'partnership.proposed',
    targetType: 'partnership',
    targetId: row.id,
    data: { partnerId: input.partnerId, types: input.types },
  });
  await notify(ctx, {
    organizationId: input.partnerId,
    kind: 'partnership.proposed',
    title: `${actor.orgName} proposes a partnership`,
    body: `Types: ${input.types.join(', ')}.${input.message ? `\n\n${input.message}` : ''}`,
    link: `/partnerships/${row.id}`,
  });
  return row;
}

const MOVES: Record<
  PartnershipAction,
  { from: string[]; to: string; side: 'proposer' | 'partner' | 'either' }
> = {
  accept: { from: ['proposed'], to: 'active', side: 'partner' },
  decline: { from: ['proposed'], to: 'declined', side: 'partner' },
  withdraw: { from: ['proposed'], to: 'withdrawn', side: 'proposer' },
  pause: { from: ['active'], to: 'paused', side: 'either' },
  resume: { from: ['paused'], to: 'active', side: 'either' },
  end: { from: ['active', 'paused'], to: 'ended', side: 'either' },
};

/** Accepts, declines, withdraws, pauses, resumes or ends a partnership; tells the other side. */
export async function actOnPartnership(
  ctx: ServiceContext,
  actor: MemberActor,
  id: string,
  action: PartnershipAction,
  input: { reason?: string; ownerUserId?: string },
) {
  authorize(actor, 'partnerships.manage');
  return ctx.db.transaction(async (tx) => {
    const p = await repo.selectPartnership(tx, actor.scope, id, true);
    if (!p) throw notFound('Partnership');
    const move = MOVES[action];
    if (!move.from.includes(p.status))
      throw new AppError('invalid_state', `The partnership is ${p.status}: it cannot be ${action}ed now`, {
        status: p.status,
      });
    const mySide = p.organizationId === actor.orgId ? 'proposer' : 'partner';
    if (move.side !== 'either' && move.side !== mySide)
      throw forbidden(
        move.side === 'partner'
          ? 'Only the invited organization can answer a proposal'
          : 'Only the proposing organization can withdraw it',
      );
    if (action === 'resume' && p.pausedByOrgId !== actor.orgId)
      throw forbidden('Only the side that paused the partnership can resume it');
    const now = new Date();
    const patch: Parameters<typeof repo.updatePartnership>[2] = { status: move.to, statusChangedAt: now };
    if (action === 'accept') {
      patch.partnerOwnerUserId = input.ownerUserId ?? actor.userId;
      await assertMemberOf(tx, actor.orgId, patch.partnerOwnerUserId);
    }
    if (action === 'accept' || action === 'decline') patch.decidedAt = now;
    if (action === 'pause') patch.pausedByOrgId = actor.orgId;
    if (action === 'resume') patch.pausedByOrgId = null;
    if (action === 'decline' || action === 'end') patch.endReason = input.reason ?? null;
    const updated = await repo.updatePartnership(tx, id, patch);
    await repo.insertPartnershipEvent(tx, {
      id: newId(),
      organizationId: actor.orgId,
      partnershipId: id,
      actorUserId: actor.userId,
      kind: EVENT_KIND[action],
      data: input.reason ? { reason: input.reason } : null,
    });
    await recordAudit(tx, actor, {
      action: `partnership.${action}`,
      targetType: 'partnership',
      targetId: id,
      data: input.reason ? { reason: input.reason } : undefined,
    });
    if (action === 'accept')
      await recordActivity(
        tx,
        ...[p.organizationId, p.partnerId].map((organizationId) => ({
          organizationId,
          kind: 'partnership.formed' as const,
          source: 'partnerships',
          data: { partnershipId: id },
        })),
      );
    const other = partnerOf(p, actor.orgId);
    const owner = ownerOnSide(p, other);
    await notify(
      { ...ctx, db: tx },
      {
        organizationId: other,
        userIds: owner ? [owner] : undefined,
        kind: `partnership.${action}`,
        title: `${actor.orgName} ${PAST[action]} the partnership`,
        body: input.reason ?? '',
        link: `/partnerships/${id}`,
      },
    );
    return updated;
  });
}

const EVENT_KIND: Record<PartnershipAction, string> = {
  accept: 'accepted',
  decline: 'declined',
  withdraw: 'withdrawn',
  pause: 'paused',
  resume: 'resumed',
  end: 'ended',
};

const PAST: Record<PartnershipAction, string> = {
  accept: 'accepted',
  decline: 'declined',
  withdraw: 'withdrew',
  pause: 'paused',
  resume: 'resumed',
  end: 'ended',
};

/** Sets the owning alliance manager on the actor's side. */
export async function setOwner(db: Db, actor: MemberActor, id: string, ownerUserId: string | null) {
  authorize(actor, 'partnerships.manage');
  return db.transaction(async (tx) => {
    const p = await repo.selectPartnership(tx, actor.scope, id, true);
    if (!p) throw notFound('Partnership');
    if (ownerUserId) await assertMemberOf(tx, actor.orgId, ownerUserId);
    const patch =
      p.organizationId === actor.orgId
        ? { proposerOwnerUserId: ownerUserId }
        : { partnerOwnerUserId: ownerUserId };
    const updated = await repo.updatePartnership(tx, id, patch);
    await repo.insertPartnershipEvent(tx, {
      id: newId(),
      organizationId: actor.orgId,
      partnershipId: id,
      actorUserId: actor.userId,
      kind: 'owner_changed',
      data: {
        ownerUserId,
        ownerName: ownerUserId
          ? ((await repo.selectUserRefs(tx, [ownerUserId])).get(ownerUserId)?.name ?? null)
          : null,
      },
    });
    await recordAudit(tx, actor, {
      action: 'partnership.owner_changed',
      targetType: 'partnership',
      targetId: id,
      data: { ownerUserId },
    });
    return updated;
  });
}

/**
 * The active partnership between the actor's organization and another that carries one of the
 * types a deal needs; a clear 4xx otherwise (deals are only sent along live partnerships).
 */
export async function requireActivePartnership(
  db: Db,
  scope: TenantScope,
  otherOrgId: string,
  types: readonly PartnershipType[],
  field: string,
) {
  if (otherOrgId === scope.orgId)
    throw invalidInput('You cannot send a deal to your own organization', field);
  const p = await repo.selectLivePartnership(db, scope, otherOrgId);
  if (p?.status !== 'active')
    throw new AppError(
      'invalid_state',
      p
        ? `Your partnership with this organization is ${p.status}; deals need an active one`
        : 'You have no active partnership with this organization',
      { field, partnershipStatus: p?.status ?? null },
    );
  if (!p.types.some((t) => types.includes(t as PartnershipType)))
    throw new AppError(
      'invalid_state',
      `Your partnership does not allow this: it needs one of ${types.join(', ')} (it is ${p.types.join(', ')})`,
      { field, partnershipTypes: p.types },
    );
  return p;
}

/** The owning alliance manager of `orgId`'s side of a partnership (who gets told about its deals). */
export async function owningManagerOf(db: Db, partnershipId: string | null, orgId: string) {
  const p = partnershipId ? await repo.selectPartnershipById(db, partnershipId) : undefined;
  return p ? ownerOnSide(p, orgId) : null;
}
