import type { SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { can } from '../../../common/permissions.ts';
import type { Facet } from '../../../common/taxonomy/index.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, forbidden, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { decodeCursor, encodeCursor, twoStrings } from '../../http/pagination.ts';
import { countActiveAt, recordActivity } from '../activity/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type DirectoryQuery, matchesFilter, searchDirectory } from '../directory/index.ts';
import { firstFreeSlug, selectOrgRefs } from '../organizations/index.ts';
import * as repo from './ecosystems.repo.ts';
import type { createEcosystemBody, updateEcosystemBody } from './ecosystems.schema.ts';

type EcosystemRow = repo.EcosystemRow;
const DAY_MS = 86_400_000;

/** The organization that manages an ecosystem: its owner, or for network-wide ones its hub. */
const managerOrgOf = (e: EcosystemRow) => e.organizationId ?? e.hubOrganizationId;

/** Whether the actor may manage the ecosystem's settings, requests and invitations. */
const canManage = (actor: MemberActor, e: EcosystemRow) =>
  managerOrgOf(e) === actor.orgId && can(actor.role, 'ecosystems.manage');

const membersOf = (e: EcosystemRow): SQL =>
  repo.membersCondition(e, e.filter ? matchesFilter(e.filter as Partial<Record<Facet, string[]>>) : null);

/** Members whose last activity is at or after this are active. */
export const activeSince = (e: Pick<EcosystemRow, 'activityWindowDays'>, now: Date) =>
  new Date(now.getTime() - e.activityWindowDays * DAY_MS);

/** The viewer organization's place: explicit row, filter match, ownership. */
async function statusOf(db: Db, viewerOrgId: string, e: EcosystemRow, place?: repo.MembershipStatus) {
  if (managerOrgOf(e) === viewerOrgId) return 'owner' as const;
  if (place) return place;
  if (e.hubOrganizationId === viewerOrgId) return 'member' as const;
  if (e.filter && (await repo.isMatched(db, viewerOrgId, membersOf(e)))) return 'matched' as const;
  return 'none' as const;
}

/** The ecosystem if the viewer may see it (public, or it has a place in it), else 404. */
async function visibleEcosystem(db: Db, viewerOrgId: string, idOrSlug: string) {
  const e = await repo.selectEcosystem(db, idOrSlug);
  if (!e) throw notFound('Ecosystem');
  const place = (await repo.selectPlaces(db, viewerOrgId, [e.id])).get(e.id);
  const status = await statusOf(db, viewerOrgId, e, place);
  // A members-only ecosystem does not exist for outsiders, and neither does its member list.
  if (e.visibility === 'members' && (status === 'none' || status === 'requested'))
    throw notFound('Ecosystem');
  return { e, status };
}

async function summaries(db: Db, viewerOrgId: string, rows: EcosystemRow[]) {
  const refs = await selectOrgRefs(
    db,
    rows.flatMap((e) => [e.organizationId, e.hubOrganizationId].filter((id): id is string => !!id)),
  );
  const places = await repo.selectPlaces(
    db,
    viewerOrgId,
    rows.map((e) => e.id),
  );
  const now = new Date();
  return Promise.all(
    rows.map(async (e) => ({
      ...summaryFields(e, refs),
      memberCount: (await repo.countMembers(db, membersOf(e), activeSince(e, now))).total,
      myStatus: await statusOf(db, viewerOrgId, e, places.get(e.id)),
    })),
  );
}

function summaryFields(e: EcosystemRow, refs: Map<string, { id: string; name: string; slug: string }>) {
  return {
    id: e.id,
    slug: e.slug,
    name: e.name,
    description: e.description,
    visibility: e.visibility as 'public' | 'members',
    joinPolicy: e.joinPolicy as 'open' | 'approval' | 'invite',
    dynamic: e.filter !== null,
    networkWide: e.organizationId === null,
    parentId: e.parentId,
    owner: (e.organizationId && refs.get(e.organizationId)) || null,
    hub: (e.hubOrganizationId && refs.get(e.hubOrganizationId)) || null,
  };
}

/** A page of ecosystems the actor's organization can see, by name. */
export async function listEcosystems(
  db: Db,
  actor: MemberActor,
  query: { q?: string; mine?: 'true' | 'false'; limit: number; cursor?: string },
) {
  const [name, id] = query.cursor ? decodeCursor(query.cursor, twoStrings) : [];
  const after = name && id ? { name, id } : undefined;
  const rows = await repo.selectVisibleEcosystems(db, actor.orgId, {
    q: query.q,
    mine: query.mine === 'true',
    limit: query.limit,
    after,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: await summaries(db, actor.orgId, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

/** An ecosystem's page: settings, hub, parent and children, active and inactive members. */
export async function getEcosystem(db: Db, actor: MemberActor, idOrSlug: string, now = new Date()) {
  const { e, status } = await visibleEcosystem(db, actor.orgId, idOrSlug);
  const manage = canManage(actor, e);
  const [counts, children, parent, pending] = await Promise.all([
    repo.countMembers(db, membersOf(e), activeSince(e, now)),
    repo.selectChildren(db, e.id),
    e.parentId ? repo.selectEcosystem(db, e.parentId) : undefined,
    manage ? repo.countRequests(db, e.id) : 0,
  ]);
  const refs = await selectOrgRefs(
    db,
    [e.organizationId, e.hubOrganizationId].filter((id): id is string => !!id),
  );
  const childPlaces = await repo.selectPlaces(
    db,
    actor.orgId,
    children.map((c) => c.id),
  );
  const visibleChildren = children.filter(
    (c) =>
      c.visibility === 'public' ||
      managerOrgOf(c) === actor.orgId ||
      childPlaces.get(c.id) === 'member' ||
      childPlaces.get(c.id) === 'invited',
  );
  const ref = (x: EcosystemRow) => ({ id: x.id, name: x.name, slug: x.slug });
  return {
    ...summaryFields(e, refs),
    memberCount: counts.total,
    myStatus: status,
    filter: e.filter,
    activityWindowDays: e.activityWindowDays,
    parent:
      parent && (parent.visibility === 'public' || managerOrgOf(parent) === actor.orgId) ? ref(parent) : null,
    children: visibleChildren.map(ref),
    activeCount: counts.active,
    inactiveCount: counts.total - counts.active,
    pendingCount: pending,
    canManage: manage,
    createdAt: e.createdAt,
  };
}

/** The ecosystem's members, searchable and filterable like the directory, with composition by facet. */
export async function listMembers(
  db: Db,
  actor: MemberActor,
  idOrSlug: string,
  query: DirectoryQuery & { status?: 'active' | 'inactive' },
  now = new Date(),
) {
  const { e } = await visibleEcosystem(db, actor.orgId, idOrSlug);
  const since = activeSince(e, now);
  const { status, ...search } = query;
  const activeOnly = status === undefined ? undefined : status === 'active';
  const within = repo.withActivity(membersOf(e), since, activeOnly);
  return { ...(await searchDirectory(db, actor.orgId, search, within)), activeSince: since };
}

/** Weekly active-member counts over the last weeks (current members, each week's trailing window). */
export async function activityTrend(
  db: Db,
  actor: MemberActor,
  idOrSlug: string,
  weeks: number,
  now = new Date(),
) {
  const { e } = await visibleEcosystem(db, actor.orgId, idOrSlug);
  const points = Array.from(
    { length: weeks },
    (_, i) => new Date(now.getTime() - (weeks - 1 - i) * 7 * DAY_MS),
  );
  const members = membersOf(e);
  const [active, counts] = await Promise.all([
    countActiveAt(db, repo.memberIds(members), points, e.activityWindowDays),
    repo.countMembers(db, members, activeSince(e, now)),
  ]);
  return {
    windowDays: e.activityWindowDays,
    points: active.map((p) => ({ ...p, members: counts.total })),
  };
}

const freeSlug = (db: Db, name: string) => firstFreeSlug(name, (base) => repo.selectSlugsLike(db, base));

async function resolveParent(db: Db, actor: MemberActor, parentId: string | null, selfId?: string) {
  if (!parentId) return null;
  const parent = await repo.selectEcosystem(db, parentId);
  if (!parent || (parent.visibility !== 'public' && managerOrgOf(parent) !== actor.orgId))
    throw invalidInput('The parent ecosystem does not exist', 'parentId');
  if (selfId && (parent.id === selfId || (await repo.selectAncestorIds(db, parent.id)).includes(selfId)))
    throw invalidInput('An ecosystem cannot nest under itself or one of its own children', 'parentId');
  return parent.id;
}

async function resolveHub(db: Db, hubId: string | null | undefined, fallback: string | null) {
  if (hubId === undefined) return fallback;
  if (hubId === null) return null;
  const refs = await selectOrgRefs(db, [hubId]);
  if (!refs.has(hubId)) throw invalidInput('The hub organization does not exist', 'hubOrganizationId');
  return hubId;
}

/** Creates an ecosystem run by the actor's organization. */
export async function createEcosystem(
  db: Db,
  actor: MemberActor,
  input: z.output<typeof createEcosystemBody>,
) {
  authorize(actor, 'ecosystems.manage');
  return db.transaction(async (tx) => {
    const row = await repo.insertEcosystem(tx, {
      id: newId(),
      organizationId: actor.orgId,
      slug: await freeSlug(tx, input.name),
      name: input.name,
      description: input.description,
      parentId: await resolveParent(tx, actor, input.parentId),
      hubOrganizationId: await resolveHub(tx, input.hubOrganizationId, actor.orgId),
      visibility: input.visibility,
      joinPolicy: input.joinPolicy,
      filter: input.filter as Record<string, string[]> | null,
      activityWindowDays: input.activityWindowDays,
      createdByUserId: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'ecosystem.created',
      targetType: 'ecosystem',
      targetId: row.id,
      data: { name: row.name },
    });
    await recordActivity(tx, {
      organizationId: actor.orgId,
      kind: 'ecosystem.created',
      source: 'ecosystems',
      data: { ecosystemId: row.id },
    });
    return row;
  });
}

/** Creates a network-wide ecosystem (no owner organization); the operator's CLI calls this. */
export async function createNetworkEcosystem(db: Db, input: z.output<typeof createEcosystemBody>) {
  const parent = input.parentId ? await repo.selectEcosystem(db, input.parentId) : null;
  if (input.parentId && !parent) throw invalidInput('The parent ecosystem does not exist', 'parentId');
  return repo.insertEcosystem(db, {
    id: newId(),
    organizationId: null,
    slug: await freeSlug(db, input.name),
    name: input.name,
    description: input.description,
    parentId: parent?.id ?? null,
    hubOrganizationId: await resolveHub(db, input.hubOrganizationId, null),
    visibility: input.visibility,
    joinPolicy: input.joinPolicy,
    filter: input.filter as Record<string, string[]> | null,
    activityWindowDays: input.activityWindowDays,
  });
}

/**
 * Adds organizations as explicit members of an ecosystem the actor's organization manages (the
 * insights module saves a discovered community this way: its listed members become members).
 */
export async function addExplicitMembers(
  db: Db,
  actor: MemberActor,
  ecosystemId: string,
  orgIds: readonly string[],
) {
  const e = await repo.selectEcosystem(db, ecosystemId);
  if (!e) throw notFound('Ecosystem');
  if (!canManage(actor, e)) throw forbidden('Only the managers of this ecosystem can do this');
  const added = await repo.insertMembers(
    db,
    e.id,
    orgIds.filter((id) => id !== managerOrgOf(e)),
  );
  await recordAudit(db, actor, {
    action: 'ecosystem.members_added',
    targetType: 'ecosystem',
    targetId: e.id,
    data: { count: added },
  });
  return added;
}

/** Changes an ecosystem's settings (its managers only). */
export async function updateEcosystem(
  db: Db,
  actor: MemberActor,
  idOrSlug: string,
  patch: z.output<typeof updateEcosystemBody>,
) {
  const { e } = await visibleEcosystem(db, actor.orgId, idOrSlug);
  if (!canManage(actor, e)) throw forbidden('Only the managers of this ecosystem can change it');
  return db.transaction(async (tx) => {
    const { parentId, hubOrganizationId, filter, ...rest } = patch;
    const row = await repo.updateEcosystem(tx, e.id, {
      ...rest,
      ...(parentId !== undefined ? { parentId: await resolveParent(tx, actor, parentId, e.id) } : {}),
      ...(hubOrganizationId !== undefined
        ? { hubOrganizationId: await resolveHub(tx, hubOrganizationId, null) }
        : {}),
      ...(filter !== undefined ? { filter: filter as Record<string, string[]> | null } : {}),
    });
    await recordAudit(tx, actor, {
      action: 'ecosystem.updated',
      targetType: 'ecosystem',
      targetId: e.id,
      data: { fields: Object.keys(patch) },
    });
    return row;
  });
}

/**
 * The actor's organization asks to join. Open: it is a member at once. Approval: a request waits
 * for the managers. Invite-only: only an invitation lets it in (joining accepts the invitation).
 */
export async function joinEcosystem(db: Db, actor: MemberActor, idOrSlug: string, message?: string) {
  authorize(actor, 'ecosystems.join');
  const e = await repo.selectEcosystem(db, idOrSlug);
  if (!e) throw notFound('Ecosystem');
  return db.transaction(async (tx) => {
    const place = await repo.selectPlaceForUpdate(tx, e.id, actor.orgId);
    if (!place && e.visibility === 'members') throw notFound('Ecosystem');
    if (managerOrgOf(e) === actor.orgId)
      throw new AppError('invalid_state', 'Your organization runs this ecosystem');
    if (place?.status === 'member')
      throw new AppError('invalid_state', 'Your organization is already a member');
    if (place?.status === 'requested')
      throw new AppError('invalid_state', 'Your request is already waiting for approval');
    const invited = place?.status === 'invited';
    if (!invited && e.joinPolicy === 'invite')
      throw forbidden('This ecosystem is invitation-only; ask its managers for an invitation');
    const status: repo.MembershipStatus = invited || e.joinPolicy === 'open' ? 'member' : 'requested';
    await repo.upsertPlace(tx, {
      ecosystemId: e.id,
      organizationId: actor.orgId,
      status,
      message: message ?? null,
    });
    await recordAudit(tx, actor, {
      action: status === 'member' ? 'ecosystem.joined' : 'ecosystem.join_requested',
      targetType: 'ecosystem',
      targetId: e.id,
    });
    if (status === 'member')
      await recordActivity(tx, {
        organizationId: actor.orgId,
        kind: 'ecosystem.joined',
        source: 'ecosystems',
        data: { ecosystemId: e.id },
      });
    return { status };
  });
}

/** The actor's organization leaves, withdraws its request, or declines its invitation. */
export async function leaveEcosystem(db: Db, actor: MemberActor, idOrSlug: string) {
  authorize(actor, 'ecosystems.join');
  const e = await repo.selectEcosystem(db, idOrSlug);
  if (!e) throw notFound('Ecosystem');
  return db.transaction(async (tx) => {
    if (!(await repo.deletePlace(tx, e.id, actor.orgId))) {
      const visible = e.visibility === 'public';
      if (!visible) throw notFound('Ecosystem');
      throw new AppError('invalid_state', 'Your organization has no membership, request or invitation here');
    }
    await recordAudit(tx, actor, { action: 'ecosystem.left', targetType: 'ecosystem', targetId: e.id });
    return { status: await statusOf(tx, actor.orgId, e) };
  });
}

async function managedEcosystem(db: Db, actor: MemberActor, idOrSlug: string) {
  const { e } = await visibleEcosystem(db, actor.orgId, idOrSlug);
  if (!canManage(actor, e)) throw forbidden('Only the managers of this ecosystem can do this');
  return e;
}

/** Pending requests and invitations (managers). */
export async function listPending(
  db: Db,
  actor: MemberActor,
  idOrSlug: string,
  limit: number,
  cursor?: string,
) {
  const e = await managedEcosystem(db, actor, idOrSlug);
  const rows = await repo.selectPending(db, e.id, limit, cursor);
  const data = rows.slice(0, limit).map((r) => ({
    organization: { id: r.organizationId, name: r.name, slug: r.slug },
    status: r.status as 'requested' | 'invited',
    message: r.message,
    createdAt: r.createdAt,
  }));
  return { data, nextCursor: rows.length > limit ? (data.at(-1)?.organization.id ?? null) : null };
}

/** Approves or declines a join request (managers). */
export async function decideRequest(
  db: Db,
  actor: MemberActor,
  idOrSlug: string,
  orgId: string,
  approve: boolean,
) {
  const e = await managedEcosystem(db, actor, idOrSlug);
  return db.transaction(async (tx) => {
    const place = await repo.selectPlaceForUpdate(tx, e.id, orgId);
    if (place?.status !== 'requested') throw notFound('Join request');
    if (approve)
      await repo.upsertPlace(tx, {
        ecosystemId: e.id,
        organizationId: orgId,
        status: 'member',
        message: place.message,
      });
    else await repo.deletePlace(tx, e.id, orgId, 'requested');
    await recordAudit(tx, actor, {
      action: approve ? 'ecosystem.request_approved' : 'ecosystem.request_declined',
      targetType: 'ecosystem',
      targetId: e.id,
      data: { organizationId: orgId },
    });
    if (approve)
      await recordActivity(tx, {
        organizationId: orgId,
        kind: 'ecosystem.joined',
        source: 'ecosystems',
        data: { ecosystemId: e.id },
      });
    return { status: approve ? ('member' as const) : ('none' as const) };
  });
}

/** Invites an organization (managers); a pending request is approved instead. */
export async function inviteOrganization(db: Db, actor: MemberActor, idOrSlug: string, orgIdOrSlug: string) {
  const e = await managedEcosystem(db, actor, idOrSlug);
  const [target] = [...(await selectOrgRefs(db, [orgIdOrSlug])).values()];
  if (!target) throw invalidInput('That organization does not exist', 'organizationId');
  if (managerOrgOf(e) === target.id)
    throw new AppError('invalid_state', 'That organization runs this ecosystem');
  const place = (await repo.selectPlaces(db, target.id, [e.id])).get(e.id);
  if (place === 'member') throw new AppError('invalid_state', `${target.name} is already a member`);
  if (place === 'requested') return decideRequest(db, actor, e.id, target.id, true);
  if (place === 'invited') throw new AppError('invalid_state', `${target.name} is already invited`);
  if (e.filter && (await repo.isMatched(db, target.id, membersOf(e))))
    throw new AppError('invalid_state', `${target.name} is already a member through the ecosystem's filter`);
  await db.transaction(async (tx) => {
    await repo.upsertPlace(tx, { ecosystemId: e.id, organizationId: target.id, status: 'invited' });
    await recordAudit(tx, actor, {
      action: 'ecosystem.invited',
      targetType: 'ecosystem',
      targetId: e.id,
      data: { organizationId: target.id },
    });
  });
  return { status: 'invited' as const };
}
