// Reads discovered communities for the API. Communities are instance-wide; what a tenant may see
// of their members is decided here: only members with a LISTED public profile are named (hubs,
// member lists), except the viewer's own organization.
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';

/** A stored community as the API needs it. */
export interface CommunityRow {
  id: string;
  runId: string;
  label: string;
  facets: unknown;
  size: number;
  internalDealShare: number | null;
  internalValueMinor: number | null;
  valueCurrency: string | null;
  savedEcosystemId: string | null;
  /** The saved ecosystem's owner and visibility (who may learn its id). */
  savedOwnerId: string | null;
  savedVisibility: string | null;
  containsMe: boolean;
  finishedAt: Date | null;
}

const communityColumns = (viewerOrgId: string) => sql`
  c.id, c.run_id AS "runId", c.label, c.facets, c.size, c.internal_deal_share AS "internalDealShare",
  c.internal_value_minor::float8 AS "internalValueMinor", c.value_currency AS "valueCurrency",
  c.saved_ecosystem_id AS "savedEcosystemId", e.organization_id AS "savedOwnerId",
  e.visibility AS "savedVisibility", r.finished_at AS "finishedAt",
  EXISTS (SELECT 1 FROM graph_community_member me
           WHERE me.community_id = c.id AND me.organization_id = ${viewerOrgId}) AS "containsMe"`;

const fromCommunity = sql`graph_community c
  JOIN insights_run r ON r.id = c.run_id
  LEFT JOIN ecosystem e ON e.id = c.saved_ecosystem_id`;

const withDates = (rows: CommunityRow[]) =>
  rows.map((r) => ({ ...r, finishedAt: r.finishedAt ? new Date(r.finishedAt) : null }));

/**
 * A page of a run's communities, biggest first (then by id), after `cursor` ([size, id]); with
 * `mine`, only those the viewer's organization belongs to.
 */
export async function selectCommunityPage(
  db: Db,
  runId: string,
  viewerOrgId: string,
  opts: { limit: number; after?: [number, string]; mine?: boolean },
) {
  const after = opts.after ? sql`AND (c.size, c.id) < (${opts.after[0]}::int, ${opts.after[1]})` : sql``;
  const mine = opts.mine
    ? sql`AND EXISTS (SELECT 1 FROM graph_community_member m
                       WHERE m.community_id = c.id AND m.organization_id = ${viewerOrgId})`
    : sql``;
  return withDates(
    rowsOf<CommunityRow>(
      await db.execute(sql`
        SELECT ${communityColumns(viewerOrgId)} FROM ${fromCommunity}
         WHERE c.run_id = ${runId} ${after} ${mine}
         ORDER BY c.size DESC, c.id DESC
         LIMIT ${opts.limit + 1}`),
    ),
  );
}

/** One community of any kept run. */
export async function selectCommunity(db: Db, id: string, viewerOrgId: string) {
  const [row] = rowsOf<CommunityRow>(
    await db.execute(sql`SELECT ${communityColumns(viewerOrgId)} FROM ${fromCommunity} WHERE c.id = ${id}`),
  );
  return row ? withDates([row])[0] : undefined;
}

/** A named member of a community. */
export interface MemberRow {
  communityId: string;
  organizationId: string;
  name: string;
  centrality: number;
  hub: boolean;
}

/** The listed hubs of the given communities, strongest first. */
export async function selectHubs(db: Db, communityIds: readonly string[]) {
  if (communityIds.length === 0) return [];
  return rowsOf<MemberRow>(
    await db.execute(sql`
      SELECT m.community_id AS "communityId", m.organization_id AS "organizationId", o.name,
             m.centrality, true AS hub
        FROM graph_community_member m
        JOIN organization o ON o.id = m.organization_id
        JOIN organization_profile p ON p.organization_id = m.organization_id AND p.listed
       WHERE m.community_id IN (${sql.join(
         communityIds.map((id) => sql`${id}`),
         sql`, `,
       )}) AND m.hub = 1
       ORDER BY m.centrality DESC, m.organization_id`),
  );
}

/**
 * The community's members the viewer may see — listed profiles, and the viewer's own organization
 * — the `limit` most central first.
 */
export async function selectVisibleMembers(db: Db, communityId: string, viewerOrgId: string, limit: number) {
  return rowsOf<MemberRow>(
    await db.execute(sql`
      SELECT m.community_id AS "communityId", m.organization_id AS "organizationId", o.name,
             m.centrality, m.hub = 1 AS hub
        FROM graph_community_member m
        JOIN organization o ON o.id = m.organization_id
        LEFT JOIN organization_profile p ON p.organization_id = m.organization_id
       WHERE m.community_id = ${communityId}
         AND (coalesce(p.listed, false) OR m.organization_id = ${viewerOrgId})
       ORDER BY m.centrality DESC, m.organization_id
       LIMIT ${limit}`),
  );
}

/** Every listed member's id (the explicit members of an ecosystem saved from the community). */
export async function selectListedMemberIds(db: Db, communityId: string) {
  return rowsOf<{ id: string }>(
    await db.execute(sql`
      SELECT m.organization_id AS id
        FROM graph_community_member m
        JOIN organization_profile p ON p.organization_id = m.organization_id AND p.listed
       WHERE m.community_id = ${communityId}
       ORDER BY m.organization_id`),
  ).map((r) => r.id);
}

/** The strongest listed hub's name per community of a run (names a community with no dominant facet). */
export async function selectTopHubNames(db: Db, runId: string) {
  const rows = rowsOf<{ community_id: string; name: string }>(
    await db.execute(sql`
      SELECT DISTINCT ON (m.community_id) m.community_id, o.name
        FROM graph_community c
        JOIN graph_community_member m ON m.community_id = c.id AND m.hub = 1
        JOIN organization_profile p ON p.organization_id = m.organization_id AND p.listed
        JOIN organization o ON o.id = m.organization_id
       WHERE c.run_id = ${runId}
       ORDER BY m.community_id, m.centrality DESC, m.organization_id`),
  );
  return new Map(rows.map((r) => [r.community_id, r.name]));
}

/** Locks a community row for saving it (one save wins); its saved ecosystem, if any. */
export async function lockCommunity(db: Db, id: string) {
  const [row] = rowsOf<{ id: string; savedEcosystemId: string | null }>(
    await db.execute(sql`
      SELECT id, saved_ecosystem_id AS "savedEcosystemId" FROM graph_community WHERE id = ${id} FOR UPDATE`),
  );
  return row;
}

/** Records the ecosystem a community was saved as. */
export async function setSavedEcosystem(db: Db, id: string, ecosystemId: string) {
  await db.execute(sql`UPDATE graph_community SET saved_ecosystem_id = ${ecosystemId} WHERE id = ${id}`);
}
