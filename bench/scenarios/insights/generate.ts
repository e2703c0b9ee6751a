// The benchmark's ecosystem graph: `nodes` organizations in planted communities of about
// `communitySize`, `edges` distinct weighted pairs of which 80 % stay inside a community, one end
// of an inside edge drawn from the community's first 2 % (its hubs) a third of the time. Used in
// memory for the graph library on its own, and written with COPY as partnerships and deals for the
// full refresh (which reads them back through its own SQL).
import type { Database } from '../../../server/db/client.ts';
import { newId } from '../../../server/db/ids.ts';
import { randomIndex, seededRandom } from '../../lib/random.ts';

/** A generated graph as arrays (pairs a < b, distinct). */
export interface BenchGraph {
  nodes: number;
  src: Uint32Array;
  dst: Uint32Array;
  weight: Float64Array;
}

/** Generates the graph (deterministic for a seed). */
export function generateGraph(nodes: number, edges: number, seed: number, communitySize = 250): BenchGraph {
  const random = seededRandom(seed);
  const communities = Math.max(1, Math.floor(nodes / communitySize));
  const perCommunity = Math.ceil(nodes / communities);
  const hubs = Math.max(1, Math.ceil(perCommunity * 0.02));
  const member = (c: number, k: number) => Math.min(nodes - 1, c + communities * k);
  const src = new Uint32Array(edges);
  const dst = new Uint32Array(edges);
  const weight = new Float64Array(edges);
  const seen = new Set<number>();
  let made = 0;
  while (made < edges) {
    const a = randomIndex(random, nodes);
    let b: number;
    if (random() < 0.8) {
      const c = a % communities;
      b = member(c, randomIndex(random, random() < 0.33 ? hubs : perCommunity));
    } else b = randomIndex(random, nodes);
    if (a === b) continue;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const key = lo * nodes + hi;
    if (seen.has(key)) continue;
    seen.add(key);
    src[made] = lo;
    dst[made] = hi;
    weight[made] = 1 + Math.floor(random() * 5);
    made++;
  }
  return { nodes, src, dst, weight };
}

const csv = (cells: (string | number | null)[]) =>
  `${cells.map((c) => (c === null ? '' : typeof c === 'number' ? String(c) : `"${c}"`)).join(',')}\n`;

function* chunks(count: number, row: (i: number) => string, per = 20_000) {
  for (let i = 0; i < count; i += per) {
    let chunk = '';
    for (let j = i; j < Math.min(count, i + per); j++) chunk += row(j);
    yield chunk;
  }
}

/**
 * Writes the graph as active partnerships between `orgIds[src]` and `orgIds[dst]`, and
 * `deals` referrals along random partnerships (60 % won) with their two parties. Returns the pairs
 * that got deals (for the incremental trust timing).
 */
export async function copyGraph(
  database: Database,
  orgIds: readonly string[],
  graph: BenchGraph,
  deals: number,
  seed: number,
) {
  const edges = graph.src.length;
  const started = new Date(Date.now() - 400 * 86_400_000).toISOString();
  await database.copyCsv([
    {
      table: 'partnership',
      columns: ['id', 'organization_id', 'partner_id', 'status', 'types', 'created_at', 'decided_at'],
      chunks: chunks(edges, (i) =>
        csv([
          newId(),
          orgIds[graph.src[i]!]!,
          orgIds[graph.dst[i]!]!,
          'active',
          '{refers,resells}',
          started,
          started,
        ]),
      ),
    },
  ]);
  const random = seededRandom(seed ^ 0x5eed);
  const dealIds: string[] = [];
  const pairs: [string, string][] = [];
  for (let i = 0; i < deals; i++) {
    const e = randomIndex(random, edges);
    const flip = random() < 0.5;
    const a = orgIds[flip ? graph.dst[e]! : graph.src[e]!]!;
    const b = orgIds[flip ? graph.src[e]! : graph.dst[e]!]!;
    dealIds.push(newId());
    pairs.push([a, b]);
  }
  const wonOf = (i: number) => (i * 2_654_435_761) % 10 < 6;
  const daysAgo = (i: number) => new Date(Date.now() - (10 + (i % 700)) * 86_400_000).toISOString();
  await database.copyCsv([
    {
      table: 'deal',
      columns: [
        'id',
        'organization_id',
        'counterparty_id',
        'kind',
        'status',
        'title',
        'customer_name',
        'customer_name_key',
        'amount_minor',
        'currency',
        'won_amount_minor',
        'created_at',
        'sent_at',
        'closed_at',
      ],
      chunks: chunks(deals, (i) => {
        const amount = 100_000 + ((i * 7919) % 900_000);
        const won = wonOf(i);
        return csv([
          dealIds[i]!,
          pairs[i]![0],
          pairs[i]![1],
          'referral',
          won ? 'won' : 'accepted',
          'Bench deal',
          `Customer ${i}`,
          `customer ${i}`,
          amount,
          'EUR',
          won ? amount : null,
          daysAgo(i),
          daysAgo(i),
          won ? daysAgo(i) : null,
        ]);
      }),
    },
    {
      table: 'deal_party',
      columns: ['deal_id', 'organization_id', 'side'],
      chunks: chunks(
        deals,
        (i) => csv([dealIds[i]!, pairs[i]![0], 'from']) + csv([dealIds[i]!, pairs[i]![1], 'to']),
      ),
    },
  ]);
  return pairs;
}

/**
 * Gives `tenants` organizations (a seeded pick) one member each: recommendations are computed for
 * organizations with members, the ones using Mycelium, while the rest of the 500k are directory
 * organizations. Returns the picked organizations' ids.
 */
export async function addTenants(
  database: Database,
  orgIds: readonly string[],
  tenants: number,
  seed: number,
) {
  const random = seededRandom(seed ^ 0x7e4a47);
  const picked = new Set<string>();
  while (picked.size < Math.min(tenants, orgIds.length))
    picked.add(orgIds[randomIndex(random, orgIds.length)]!);
  const ids = [...picked];
  const userIds = ids.map(() => newId());
  await database.copyCsv([
    {
      table: 'user',
      columns: ['id', 'name', 'email', 'email_verified'],
      chunks: chunks(ids.length, (i) =>
        csv([userIds[i]!, `Tenant ${i + 1}`, `tenant${i + 1}@bench.example`, 't']),
      ),
    },
    {
      table: 'member',
      columns: ['id', 'organization_id', 'user_id', 'role'],
      chunks: chunks(ids.length, (i) => csv([newId(), ids[i]!, userIds[i]!, 'owner'])),
    },
  ]);
  return ids;
}
