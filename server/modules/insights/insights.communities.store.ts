// Writes one run's communities (graph_community, graph_community_member: the insights module's own
// tables) and reads, set-based, what labels them: the facets of members' listed profiles and the
// won deal value that stayed inside each community (organization_profile, deal, deal_party).
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';
import { rowsOf } from '../../db/client.ts';
import { TOPIC_SHARE } from './insights.labels.ts';

/** One community of a run, ready to be written. */
export interface NewCommunity {
  id: string;
  size: number;
}

/** One member row, ready to be written. */
export interface NewMember {
  communityId: string;
  organizationId: string;
  centrality: number;
  weightedDegree: number;
  hub: boolean;
}

const csvRow = (cells: (string | number)[]) =>
  `${cells.map((c) => (typeof c === 'number' ? String(c) : `"${c.replaceAll('"', '""')}"`)).join(',')}\n`;

function* batched<T>(items: readonly T[], toCsv: (item: T) => string, per = 10_000) {
  for (let i = 0; i < items.length; i += per) {
    let chunk = '';
    for (const item of items.slice(i, i + per)) chunk += toCsv(item);
    yield chunk;
  }
}

/**
 * Writes a run's communities (unlabelled: the label comes once members are in) and their members
 * with COPY, in one transaction.
 */
export async function copyCommunities(
  database: Database,
  runId: string,
  communities: readonly NewCommunity[],
  members: readonly NewMember[],
) {
  await database.copyCsv([
    {
      table: 'graph_community',
      columns: ['id', 'run_id', 'label', 'facets', 'size'],
      chunks: batched(communities, (c) => csvRow([c.id, runId, '', '[]', c.size])),
    },
    {
      table: 'graph_community_member',
      columns: ['community_id', 'organization_id', 'centrality', 'weighted_degree', 'hub'],
      chunks: batched(members, (m) =>
        csvRow([m.communityId, m.organizationId, m.centrality, m.weightedDegree, m.hub ? 1 : 0]),
      ),
    },
  ]);
}

/** Facets the labels use (languages, sizes and certifications do not name a community). */
const LABEL_FACETS = ['country', 'region', 'industry', 'technology', 'practice', 'role'];

/**
 * Per community of the run: how many members have a listed profile, and how many of those have
 * each facet value (`facet:key`) — only values at least `TOPIC_SHARE` of them have, as no label
 * or facet list uses fewer (insights.labels.ts). Unlisted profiles are never counted.
 */
export async function selectFacetCounts(db: Db, runId: string) {
  const prefixes = sql.raw(`ARRAY[${LABEL_FACETS.map((f) => `'${f}'`).join(',')}]`);
  const rows = rowsOf<{ community_id: string; listed: number; facet_key: string | null; n: number | null }>(
    await db.execute(sql`
      WITH members AS NOT MATERIALIZED (
        SELECT m.community_id, p.facet_keys
          FROM graph_community c
          JOIN graph_community_member m ON m.community_id = c.id
          JOIN organization_profile p ON p.organization_id = m.organization_id AND p.listed
         WHERE c.run_id = ${runId}),
      listed AS (SELECT community_id, count(*)::int AS n FROM members GROUP BY 1),
      facets AS (
        SELECT community_id, k AS facet_key, count(*)::int AS n
          FROM members CROSS JOIN LATERAL unnest(facet_keys) k
         WHERE split_part(k, ':', 1) = ANY (${prefixes})
         GROUP BY 1, 2)
      SELECT l.community_id, l.n AS listed, f.facet_key, f.n
        FROM listed l
        LEFT JOIN facets f ON f.community_id = l.community_id AND f.n >= l.n * ${TOPIC_SHARE}::numeric`),
  );
  const counts = new Map<string, Map<string, number>>();
  const listed = new Map<string, number>();
  for (const r of rows) {
    listed.set(r.community_id, r.listed);
    if (r.facet_key === null) continue;
    const perCommunity = counts.get(r.community_id) ?? new Map<string, number>();
    perCommunity.set(r.facet_key, Number(r.n));
    counts.set(r.community_id, perCommunity);
  }
  return { counts, listed };
}

/** Won deal value of a community in one currency: all deals it took part in, and those inside it. */
export interface DealValue {
  communityId: string;
  currency: string;
  deals: number;
  touchingMinor: number;
  internalMinor: number;
}

/**
 * Per community of the run and currency: the won value of deals between two or more organizations
 * with at least one party in the community, and of those whose every party is in it.
 */
export async function selectDealValues(db: Db, runId: string): Promise<DealValue[]> {
  const rows = rowsOf<{
    community_id: string;
    currency: string;
    deals: number;
    touching: string;
    internal: string | null;
  }>(
    await db.execute(sql`
      WITH placed AS (
        SELECT p.deal_id, m.community_id
          FROM deal_party p
          JOIN deal d ON d.id = p.deal_id AND d.status = 'won'
          LEFT JOIN (SELECT m.organization_id, m.community_id
                       FROM graph_community_member m JOIN graph_community c ON c.id = m.community_id
                      WHERE c.run_id = ${runId}) m ON m.organization_id = p.organization_id),
      per_deal AS (
        SELECT deal_id, array_agg(DISTINCT community_id) FILTER (WHERE community_id IS NOT NULL) AS comms,
               bool_and(community_id IS NOT NULL) AND count(DISTINCT community_id) = 1 AS inside
          FROM placed GROUP BY deal_id HAVING count(*) >= 2)
      SELECT c AS community_id, d.currency, count(*)::int AS deals,
             sum(coalesce(d.won_amount_minor, d.amount_minor))::text AS touching,
             sum(coalesce(d.won_amount_minor, d.amount_minor)) FILTER (WHERE pd.inside)::text AS internal
        FROM per_deal pd
        JOIN deal d ON d.id = pd.deal_id
        CROSS JOIN LATERAL unnest(pd.comms) c
       GROUP BY 1, 2`),
  );
  return rows.map((r) => ({
    communityId: r.community_id,
    currency: r.currency,
    deals: r.deals,
    touchingMinor: Number(r.touching),
    internalMinor: Number(r.internal ?? 0),
  }));
}

/** What labelling decided for one community. */
export interface CommunityLabel {
  id: string;
  label: string;
  facets: unknown;
  internalDealShare: number | null;
  internalValueMinor: number | null;
  valueCurrency: string | null;
}

/** Writes every community's label, facets and deal share in one statement. */
export async function updateLabels(db: Db, labels: readonly CommunityLabel[]) {
  if (labels.length === 0) return;
  const values = labels.map((l) => ({
    id: l.id,
    label: l.label,
    facets: l.facets,
    internal_deal_share: l.internalDealShare,
    internal_value_minor: l.internalValueMinor,
    value_currency: l.valueCurrency,
  }));
  await db.execute(sql`
    UPDATE graph_community c
       SET label = v.label, facets = v.facets, internal_deal_share = v.internal_deal_share,
           internal_value_minor = v.internal_value_minor, value_currency = v.value_currency
      FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
           AS v(id text, label text, facets jsonb, internal_deal_share real,
                internal_value_minor bigint, value_currency text)
     WHERE c.id = v.id`);
}
