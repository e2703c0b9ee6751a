// The edges a tenant may see, read live: its own organization's edges (partnerships, deal flow
// both ways, shared public ecosystems, and shared accounts only where the OTHER side shares at
// least counts of that population with it), and co-memberships of public ecosystems between
// organizations. Never a partnership, deal or account edge between two other organizations.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { MAX_ECOSYSTEM_FOR_EDGES } from './insights.graph.repo.ts';

/** One of the viewer's edges: the other organization, the edge's type and weight. */
export interface MyEdge {
  other: string;
  type: 'partnership' | 'deal' | 'ecosystem' | 'accounts';
  weight: number;
}

const idList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

// Members (and the hub) of public ecosystems small enough to say something about a pair.
const publicPlaces = sql`
  SELECT ecosystem_id, org, count(*) OVER (PARTITION BY ecosystem_id) AS n FROM (
    SELECT m.ecosystem_id, m.organization_id AS org
      FROM ecosystem_member m JOIN ecosystem e ON e.id = m.ecosystem_id
     WHERE m.status = 'member' AND e.visibility = 'public'
    UNION
    SELECT id, hub_organization_id FROM ecosystem
     WHERE visibility = 'public' AND hub_organization_id IS NOT NULL) places`;

/** The viewer's edges, one per other organization and type (only toward `among` when given). */
export async function selectMyEdges(db: Db, me: string, among?: readonly string[]): Promise<MyEdge[]> {
  if (among && among.length === 0) return [];
  const only = (column: SQL) => (among ? sql`AND ${column} IN (${idList(among)})` : sql``);
  const rows = rowsOf<{ other: string; type: MyEdge['type']; weight: number }>(
    await db.execute(sql`
      SELECT other, type, weight FROM (
        SELECT CASE WHEN organization_id = ${me} THEN partner_id ELSE organization_id END AS other,
               'partnership' AS type, sum(CASE status WHEN 'active' THEN 3.0 ELSE 1.5 END)::float8 AS weight
          FROM partnership
         WHERE (organization_id = ${me} OR partner_id = ${me}) AND status IN ('active', 'paused')
         GROUP BY 1
        UNION ALL
        SELECT y.organization_id, 'deal',
               (ln(1 + count(*)) + 2 * ln(1 + count(*) FILTER (WHERE d.status = 'won')))::float8
          FROM deal_party x
          JOIN deal_party y ON y.deal_id = x.deal_id AND y.organization_id <> x.organization_id
          JOIN deal d ON d.id = x.deal_id
         WHERE x.organization_id = ${me}
         GROUP BY 1
        UNION ALL
        SELECT y.org, 'ecosystem', sum(2.0 / (x.n - 1))::float8
          FROM (${publicPlaces}) x JOIN (${publicPlaces}) y ON y.ecosystem_id = x.ecosystem_id AND y.org <> x.org
         WHERE x.org = ${me} AND x.n BETWEEN 2 AND ${MAX_ECOSYSTEM_FOR_EDGES}
         GROUP BY 1
        UNION ALL
        SELECT sb.organization_id, 'accounts', ln(1 + max(o.keys))::float8
          FROM overlap o
          JOIN account_set sa ON sa.id = o.set_a AND sa.organization_id = ${me} AND sa.subject_id = ${me}
          JOIN account_set sb ON sb.id = o.set_b AND sb.subject_id = sb.organization_id
          JOIN population pb ON pb.set_id = sb.id AND pb.bit = o.bit_b
          JOIN account_sharing xb ON xb.organization_id = sb.organization_id AND xb.partner_id = ${me}
               AND xb.population_id = pb.id AND xb.level <> 'hidden'
         WHERE o.keys > 0 AND sb.organization_id <> ${me}
         GROUP BY 1) e
       WHERE other <> ${me} ${only(sql`other`)}`),
  );
  return rows.map((r) => ({ ...r, weight: Number(r.weight) }));
}

/** Co-memberships of public ecosystems between the given organizations (a < b). */
export async function selectEcosystemEdgesAmong(db: Db, orgIds: readonly string[]) {
  if (orgIds.length < 2) return [];
  const rows = rowsOf<{ a: string; b: string; weight: number }>(
    await db.execute(sql`
      WITH places AS (SELECT * FROM (${publicPlaces}) p WHERE org IN (${idList(orgIds)}))
      SELECT x.org AS a, y.org AS b, count(*)::float8 AS weight
        FROM places x JOIN places y ON y.ecosystem_id = x.ecosystem_id AND y.org > x.org
       GROUP BY 1, 2`),
  );
  return rows.map((r) => ({ ...r, weight: Number(r.weight) }));
}

/** Names and listing of organizations. */
export async function selectOrgNodes(db: Db, orgIds: readonly string[]) {
  if (orgIds.length === 0) return [];
  return rowsOf<{ id: string; name: string; listed: boolean }>(
    await db.execute(sql`
      SELECT o.id, o.name, coalesce(p.listed, false) AS listed
        FROM organization o LEFT JOIN organization_profile p ON p.organization_id = o.id
       WHERE o.id IN (${idList(orgIds)})`),
  );
}

/** The community (of run `runId`) and hub flag of each given organization that is in one. */
export async function selectPlacesInRun(db: Db, runId: string, orgIds: readonly string[]) {
  if (orgIds.length === 0) return new Map<string, { communityId: string; hub: boolean }>();
  const rows = rowsOf<{ org: string; community_id: string; hub: number }>(
    await db.execute(sql`
      SELECT m.organization_id AS org, m.community_id, m.hub
        FROM graph_community_member m JOIN graph_community c ON c.id = m.community_id
       WHERE c.run_id = ${runId} AND m.organization_id IN (${idList(orgIds)})`),
  );
  return new Map(rows.map((r) => [r.org, { communityId: r.community_id, hub: r.hub === 1 }]));
}
