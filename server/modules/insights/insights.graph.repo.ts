// The ecosystem graph, read from other modules' tables (a read model: nothing here writes them).
// One edge per unordered pair of organizations, typed by what joins them and
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
import { edgesBySource } from './insights.communities.ts';

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

/**
 * Edge rows of the four kinds (see the file comment), one per pair and kind: a pair has at most one
 * live partnership (a unique index), the other kinds are summed per pair here. Pairs with several
 * kinds come once per kind; `mergePairs` joins them.
 */
const pairEdges = sql`
  SELECT organization_id AS a, partner_id AS b, ${EDGE_TYPES.partnership}::int AS kind,
         (CASE status WHEN 'active' THEN 3.0 ELSE 1.5 END)::float8 AS weight
    FROM partnership WHERE status IN ('active', 'paused')
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

const PAGE = 100_000;

/**
 * Loads the whole graph in one snapshot (a repeatable-read transaction): every organization is a
 * node, numbered 0…n−1 in id order in a temporary table (it lives on the transaction's
 * connection); the edge rows, joined to those numbers, are read through a cursor in pages and
 * merged per pair here (`mergePairs`). On 500k organizations / 5M edges this took the read from
 * 28.7 s (numbering the organizations found on edges, and a GROUP BY over pairs of ids, both in
 * SQL) to the figure in bench/README.md; looking the ids up in a JavaScript Map instead of joining
 * was slower again (10M lookups of freshly parsed strings).
 */
export async function loadGraph(db: Db): Promise<LoadedGraph> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`
        CREATE TEMP TABLE insights_node ON COMMIT DROP AS
        SELECT id AS org, (row_number() OVER (ORDER BY id) - 1)::int AS idx FROM organization`);
      await tx.execute(sql`CREATE UNIQUE INDEX ON insights_node (org)`);
      await tx.execute(sql`ANALYZE insights_node`);
      const orgIds = rowsOf<{ org: string }>(
        await tx.execute(sql`SELECT org FROM insights_node ORDER BY idx`),
      ).map((r) => r.org);
      const edges = new EdgeRows();
      await tx.execute(sql`
        DECLARE insights_edges NO SCROLL CURSOR FOR
        SELECT na.idx AS a, nb.idx AS b, e.kind, e.weight
          FROM (${pairEdges}) e
          JOIN insights_node na ON na.org = e.a
          JOIN insights_node nb ON nb.org = e.b
         WHERE e.a <> e.b`);
      for (;;) {
        const rows = rowsOf<{ a: number; b: number; kind: number; weight: number }>(
          await tx.execute(sql.raw(`FETCH ${PAGE} FROM insights_edges`)),
        );
        for (const r of rows) edges.push(r.a, r.b, r.kind, Number(r.weight));
        if (rows.length < PAGE) break;
      }
      await tx.execute(sql`CLOSE insights_edges`);
      return { orgIds, ...mergePairs(orgIds.length, edges) };
    },
    { isolationLevel: 'repeatable read' },
  );
}

/** Edge rows as they are read: growable typed arrays. */
class EdgeRows {
  length = 0;
  a = new Uint32Array(1024);
  b = new Uint32Array(1024);
  types = new Uint8Array(1024);
  weight = new Float64Array(1024);

  push(a: number, b: number, types: number, weight: number) {
    if (this.length === this.a.length) {
      const grow = <T extends Uint32Array | Uint8Array | Float64Array>(array: T): T => {
        const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.a = grow(this.a);
      this.b = grow(this.b);
      this.types = grow(this.types);
      this.weight = grow(this.weight);
    }
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.types[this.length] = types;
    this.weight[this.length] = weight;
    this.length++;
  }
}

/**
 * One edge per unordered pair: rows of the same pair (in either direction) are merged, their
 * weights summed and their types joined. The rows are visited grouped by their smaller node
 * (`edgesBySource`) and, inside a group, a pair seen before is found through `seenAt` (the node
 * whose group last saw the other node) and `slot` (where its edge went): O(nodes + rows). Edges
 * come out grouped by source node, src < dst.
 */
export function mergePairs(nodes: number, rows: Pick<EdgeRows, 'length' | 'a' | 'b' | 'types' | 'weight'>) {
  const lo = new Uint32Array(rows.length);
  const hi = new Uint32Array(rows.length);
  for (let e = 0; e < rows.length; e++) {
    lo[e] = Math.min(rows.a[e]!, rows.b[e]!);
    hi[e] = Math.max(rows.a[e]!, rows.b[e]!);
  }
  const seenAt = new Int32Array(nodes).fill(-1);
  const slot = new Uint32Array(nodes);
  const src = new Uint32Array(rows.length);
  const dst = new Uint32Array(rows.length);
  const weight = new Float64Array(rows.length);
  const types = new Uint8Array(rows.length);
  let n = 0;
  const order = edgesBySource({ nodes, src: lo });
  for (let j = 0; j < order.length; j++) {
    const e = order[j]!;
    const a = lo[e]!;
    const b = hi[e]!;
    if (seenAt[b] === a) {
      weight[slot[b]!]! += rows.weight[e]!;
      types[slot[b]!]! |= rows.types[e]!;
      continue;
    }
    seenAt[b] = a;
    slot[b] = n;
    src[n] = a;
    dst[n] = b;
    weight[n] = rows.weight[e]!;
    types[n] = rows.types[e]!;
    n++;
  }
  return { src: src.slice(0, n), dst: dst.slice(0, n), weight: weight.slice(0, n), types: types.slice(0, n) };
}
