// Discovered communities as a tenant sees them (see insights.communities.repo.ts for what is
// visible), and "save as ecosystem", which goes through the ecosystems module's exports.
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { decodeCursor, encodeCursor } from '../../http/pagination.ts';
import { addExplicitMembers, createEcosystem, createEcosystemBody } from '../ecosystems/index.ts';
import { moneySettingsOf, rateBook } from '../ledger/index.ts';
import * as repo from './insights.communities.repo.ts';
import * as edges from './insights.graph.edges.repo.ts';
import { selectLatestDoneRun } from './insights.runs.repo.ts';

/** A node of a graph view. */
export interface GraphNode {
  id: string;
  label: string;
  size: number;
  community: string | null;
  hub: boolean;
  me: boolean;
}

/** Members (and graph nodes) shown on a community's page. */
export const SHOWN_MEMBERS = 200;

const sizeAndId = (v: unknown[]): v is [number, string] =>
  v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';

/** Converts stored community values into the viewer's reporting currency (422 without a rate). */
async function valueConverter(db: Db, orgId: string) {
  const { reportingCurrency } = await moneySettingsOf(db, orgId);
  const today = new Date().toISOString().slice(0, 10);
  const book = rateBook(db, orgId, today);
  return async (row: repo.CommunityRow) =>
    row.internalValueMinor === null || row.valueCurrency === null
      ? null
      : {
          amountMinor: await book.convert(
            row.internalValueMinor,
            row.valueCurrency,
            reportingCurrency,
            today,
          ),
          currency: reportingCurrency,
        };
}

// The saved ecosystem's id is shown when the viewer may see that ecosystem.
const visibleSaved = (row: repo.CommunityRow, orgId: string) =>
  row.savedEcosystemId && (row.savedVisibility === 'public' || row.savedOwnerId === orgId)
    ? row.savedEcosystemId
    : null;

async function present(db: Db, actor: MemberActor, rows: repo.CommunityRow[]) {
  const convert = await valueConverter(db, actor.orgId);
  const hubs = await repo.selectHubs(
    db,
    rows.map((r) => r.id),
  );
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      label: r.label,
      facets: r.facets as never,
      size: r.size,
      internalDealShare: r.internalDealShare,
      internalValue: await convert(r),
      hubs: hubs
        .filter((h) => h.communityId === r.id)
        .map((h) => ({ organizationId: h.organizationId, name: h.name, centrality: h.centrality })),
      savedEcosystemId: visibleSaved(r, actor.orgId),
      containsMe: r.containsMe,
    })),
  );
}

/** The latest done run's communities, biggest first. */
export async function listCommunities(
  db: Db,
  actor: MemberActor,
  query: { limit: number; cursor?: string; mine?: 'true' | 'false' },
) {
  authorize(actor, 'insights.read');
  const run = await selectLatestDoneRun(db);
  if (!run) return { data: [], nextCursor: null, run: null };
  const after = query.cursor ? decodeCursor(query.cursor, sizeAndId) : undefined;
  const rows = await repo.selectCommunityPage(db, run.id, actor.orgId, {
    limit: query.limit,
    after,
    mine: query.mine === 'true',
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: await present(db, actor, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.size, last.id]) : null,
    run: { id: run.id, finishedAt: run.finishedAt },
  };
}

/** A community with its visible members and graph (see the schema for what is shown). */
export async function getCommunity(db: Db, actor: MemberActor, id: string) {
  authorize(actor, 'insights.read');
  const row = await repo.selectCommunity(db, id, actor.orgId);
  if (!row) throw notFound('Community');
  const [community] = await present(db, actor, [row]);
  const members = await repo.selectVisibleMembers(db, id, actor.orgId, SHOWN_MEMBERS);
  const memberIds = members.map((m) => m.organizationId);
  const mine = await edges.selectMyEdges(
    db,
    actor.orgId,
    memberIds.filter((m) => m !== actor.orgId),
  );
  const shared = await edges.selectEcosystemEdgesAmong(db, memberIds);
  const nodes: GraphNode[] = members.map((m) => ({
    id: m.organizationId,
    label: m.name,
    size: m.centrality,
    community: id,
    hub: m.hub,
    me: m.organizationId === actor.orgId,
  }));
  if (mine.length > 0 && !memberIds.includes(actor.orgId))
    nodes.push({ id: actor.orgId, label: actor.orgName, size: 0, community: null, hub: false, me: true });
  return {
    community: community!,
    members: members.map((m) => ({
      organizationId: m.organizationId,
      name: m.name,
      centrality: m.centrality,
      hub: m.hub,
      me: m.organizationId === actor.orgId,
    })),
    graph: {
      nodes,
      edges: [
        ...shared.map((e) => ({ source: e.a, target: e.b, weight: e.weight, type: 'ecosystem' as const })),
        ...mine
          // Public co-memberships between two members are already in `shared`.
          .filter((e) => !(e.type === 'ecosystem' && memberIds.includes(actor.orgId)))
          .map((e) => ({ source: actor.orgId, target: e.other, weight: e.weight, type: e.type })),
      ],
    },
  };
}

/**
 * Saves a community as an ecosystem owned by the actor's organization, whose explicit members are
 * the community's listed members. One save per community: the row lock makes a second, concurrent
 * save wait and then find it saved (409 community_saved).
 */
export async function saveCommunityAsEcosystem(
  db: Db,
  actor: MemberActor,
  id: string,
  body: { name?: string; description?: string },
) {
  authorize(actor, 'insights.manage');
  authorize(actor, 'ecosystems.manage');
  const row = await repo.selectCommunity(db, id, actor.orgId);
  if (!row) throw notFound('Community');
  return db.transaction(async (tx) => {
    const locked = await repo.lockCommunity(tx, id);
    if (!locked) throw notFound('Community');
    if (locked.savedEcosystemId) {
      const visible = visibleSaved({ ...row, savedEcosystemId: locked.savedEcosystemId }, actor.orgId);
      throw new AppError(
        'community_saved',
        'This community was already saved as an ecosystem',
        visible ? { ecosystemId: visible } : undefined,
      );
    }
    const ecosystem = await createEcosystem(
      tx,
      actor,
      createEcosystemBody.parse({
        name: body.name ?? row.label.slice(0, 120),
        description:
          body.description ??
          `Discovered by the insights refresh: ${row.size} organizations that work together.`,
        joinPolicy: 'approval',
        hubOrganizationId: row.containsMe ? actor.orgId : null,
      }),
    );
    await addExplicitMembers(tx, actor, ecosystem.id, await repo.selectListedMemberIds(tx, id));
    await repo.setSavedEcosystem(tx, id, ecosystem.id);
    return { ecosystemId: ecosystem.id, slug: ecosystem.slug };
  });
}
