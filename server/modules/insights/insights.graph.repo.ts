// The ecosystem graph, read set-based from other modules' tables (a read model: nothing here
// writes them). One edge per unordered pair of organizations, typed by what joins them and
// weighted by how much of it there is:
//   partnership  a live partnership: active 3, paused 1.5
//   deal         deals with both on them (from, to, co-sellers), both ways: ln(1+deals) + 2·ln(1+won)
//   ecosystem    explicit co-membership (or hub) of PUBLIC ecosystems of 2–200 members:
//                Σ 2/(members−1), so a member spreads the same weight over any ecosystem's size;
//                members-only ecosystems never make an edge, and huge ones say nothing about a pair
//   accounts     overlapping accounts between two organizations' OWN account sets, counted only
//                for population pairs each side shares with the other at least as counts: ln(1+keys)
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';

/** Edge types as bits, so one pair's types fit in one number. */
export const EDGE_TYPES = { partnership: 1, deal: 2, ecosystem: 4, accounts: 8 } as const;
/** An edge type's name. */
export type EdgeType = keyof typeof EDGE_TYPES;
/** The names of the bits set in `bits`. */
export const edgeTypesOf = (bits: number) =>
  (Object.keys(EDGE_TYPES) as EdgeType[]).filter((t) => (bits & EDGE_TYPES[t]) !== 0);

/** Public ecosystems with more explicit members than this add no co-membership edges. */
export const MAX_ECOSYSTEM_FOR_EDGES = 200;

/** The graph as compact arrays, node i being organization `orgIds[i]`. */
export interface LoadedGraph {
  orgIds: string[];
  src: Uint32Array;
  dst: Uint32Array;
  weight: Float64Array;
  types: Uint8Array;
}

const PAGE = 200_000;

/** Per-pair edge rows (a < b) of the four kinds, as one SQL fragment (see the file comment). */
export const pairEdges = sql`
  SELECT least(organization_id, partner_id) AS a, greatest(organization_id, partner_id) AS b,
         ${EDGE_TYPES.partnership}::int AS kind,
         sum(CASE status WHEN 'active' THEN 3.0 ELSE 1.5 END)::float8 AS weight
    FROM partnership WHERE status IN ('active', 'paused')
   GROUP BY 1, 2
  UNION ALL
  SELECT x.organization_id, y.organization_id, ${EDGE_TYPES.deal}::int,
         (ln(1 + count(*)) + 2 * ln(1 + count(*) FILTER (WHERE d.status = 'won')))::float8
    FROM deal_party x
    JOIN deal_party y ON y.deal_id = x.deal_id AND y.organization_id > x.organization_id
    JOIN deal d ON d.id = x.deal_id
   GROUP BY 1, 2
  UNION ALL
  SELECT x.org, y.org, ${EDGE_TYPES.ecosystem}::int, sum(2.0 / (x.n - 1))::float8
    FROM (SELECT ecosystem_id, org, count(*) OVER (PARTITION BY ecosystem_id) AS n FROM (
            SELECT m.ecosystem_id, m.organization_id AS org
              FROM ecosystem_member m JOIN ecosystem e ON e.id = m.ecosystem_id
             WHERE m.status = 'member' AND e.visibility = 'public'
            UNION
            SELECT id, hub_organization_id FROM ecosystem
             WHERE visibility = 'public' AND hub_organization_id IS NOT NULL) places) x
    JOIN (SELECT ecosystem_id, organization_id AS org FROM ecosystem_member WHERE status = 'member'
          UNION
          SELECT id, hub_organization_id FROM ecosystem WHERE hub_organization_id IS NOT NULL) y
      ON y.ecosystem_id = x.ecosystem_id AND y.org > x.org
   WHERE x.n BETWEEN 2 AND ${MAX_ECOSYSTEM_FOR_EDGES}
   GROUP BY 1, 2
  UNION ALL
  SELECT sa.organization_id, sb.organization_id, ${EDGE_TYPES.accounts}::int, ln(1 + max(o.keys))::float8
    FROM overlap o
    JOIN account_set sa ON sa.id = o.set_a AND sa.subject_id = sa.organization_id
    JOIN account_set sb ON sb.id = o.set_b AND sb.subject_id = sb.organization_id
    JOIN population pa ON pa.set_id = sa.id AND pa.bit = o.bit_a
    JOIN population pb ON pb.set_id = sb.id AND pb.bit = o.bit_b
    JOIN account_sharing xa ON xa.organization_id = sa.organization_id
         AND xa.partner_id = sb.organization_id AND xa.population_id = pa.id AND xa.level <> 'hidden'
    JOIN account_sharing xb ON xb.organization_id = sb.organization_id
         AND xb.partner_id = sa.organization_id AND xb.population_id = pb.id AND xb.level <> 'hidden'
   WHERE sa.organization_id < sb.organization_id AND o.keys > 0
   GROUP BY 1, 2`;

/**
 * Loads the whole graph: in one transaction (temporary tables live on its connection), the pair
 * edges are summed per pair, the organizations on any edge numbered 0…n−1 in id order, and the
 * numbered edges read through a cursor in pages, so no row carries an organization id more than once.
 */
export async function loadGraph(db: Db): Promise<LoadedGraph> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      CREATE TEMP TABLE insights_pair ON COMMIT DROP AS
      SELECT a, b, bit_or(kind)::int AS types, sum(weight)::float8 AS weight
        FROM (${pairEdges}) e
       WHERE a <> b
       GROUP BY a, b`);
    await tx.execute(sql`
      CREATE TEMP TABLE insights_node ON COMMIT DROP AS
      SELECT org, (row_number() OVER (ORDER BY org) - 1)::int AS idx
        FROM (SELECT a AS org FROM insights_pair UNION SELECT b FROM insights_pair) o`);
    await tx.execute(sql`CREATE UNIQUE INDEX ON insights_node (org)`);
    const orgIds = rowsOf<{ org: string }>(
      await tx.execute(sql`SELECT org FROM insights_node ORDER BY idx`),
    ).map((r) => r.org);
    const [count] = rowsOf<{ n: number }>(
      await tx.execute(sql`SELECT count(*)::int AS n FROM insights_pair`),
    );
    const edges = count?.n ?? 0;
    const graph: LoadedGraph = {
      orgIds,
      src: new Uint32Array(edges),
      dst: new Uint32Array(edges),
      weight: new Float64Array(edges),
      types: new Uint8Array(edges),
    };
    await tx.execute(sql`
      DECLARE insights_edges NO SCROLL CURSOR FOR
      SELECT na.idx AS s, nb.idx AS t, p.types, p.weight
        FROM insights_pair p JOIN insights_node na ON na.org = p.a JOIN insights_node nb ON nb.org = p.b`);
    for (let at = 0; at < edges; ) {
      const rows = rowsOf<{ s: number; t: number; types: number; weight: number }>(
        await tx.execute(sql.raw(`FETCH ${PAGE} FROM insights_edges`)),
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        graph.src[at] = r.s;
        graph.dst[at] = r.t;
        graph.types[at] = r.types;
        graph.weight[at] = Number(r.weight);
        at++;
      }
    }
    await tx.execute(sql`CLOSE insights_edges`);
    return graph;
  });
}
