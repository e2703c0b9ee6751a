// Find a partner at scale: 500,000 generated organizations on PostgreSQL, a fixed mix of directory
// queries (plain words, typos, typos with 1–3 facets, facet-only) through the app's own search
// service, one client for latency and 8 concurrent clients for throughput. The reference peer is
// Orama (in-memory JS search engine) given the same documents and the same queries in the same run.
import { create, insertMultiple, search } from '@orama/orama';
import { FACETS, type Facet, facetLabel } from '../../common/taxonomy/index.ts';
import type { Database } from '../../server/db/client.ts';
import { type DirectoryQuery, searchDirectory } from '../../server/modules/directory/index.ts';
import { loadGenerated } from '../../server/seed/bulk-load.ts';
import { acquirePostgresServer, describeEngine, openPostgresEngine } from '../lib/databases.ts';
import { randomIndex, seededRandom } from '../lib/random.ts';
import { fmt, printTable } from '../lib/report.ts';
import type { Scenario, ScenarioContext } from '../lib/scenario.ts';
import { type LatencySummary, summarize } from '../lib/stats.ts';
import { elapsedNs, now, timeEach, timeOnce } from '../lib/timing.ts';

const KINDS = ['plain words', 'typo', 'typo + 1–3 facets', 'typo + 3 facets', 'facets only', 'all'] as const;
type Kind = (typeof KINDS)[number];
const PER_KIND = 40;
const CLIENTS = 8;
const ORAMA_PER_KIND = 6;
const SEED = 20261126;

interface BenchQuery {
  kind: Exclude<Kind, 'all'>;
  q?: string;
  filters: Partial<Record<Facet, string[]>>;
}

interface SampleRow {
  search_name: string;
  search_body: string;
  facet_keys: string[];
}

/** One edit a hurried typist makes: a letter dropped or two letters swapped, never the first. */
function typo(word: string, random: () => number): string {
  const at = 1 + randomIndex(random, word.length - 2);
  return random() < 0.5
    ? word.slice(0, at) + word.slice(at + 1)
    : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

/** The query mix, drawn from sampled profiles so every query has answers. */
function buildQueries(samples: SampleRow[], seed: number): BenchQuery[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[randomIndex(random, list.length)]!;
  const longWords = (text: string, min: number) =>
    text.split(' ').filter((w) => w.length >= min && !/\d/.test(w));
  const facetsOf = (row: SampleRow, count: number) => {
    const byFacet = new Map<string, string>();
    for (let tries = 0; byFacet.size < count && tries < 50; tries++) {
      const key = pick(row.facet_keys);
      const facet = key.slice(0, key.indexOf(':'));
      if (!byFacet.has(facet)) byFacet.set(facet, key.slice(facet.length + 1));
    }
    return Object.fromEntries([...byFacet].map(([f, k]) => [f, [k]])) as Partial<Record<Facet, string[]>>;
  };
  const queries: BenchQuery[] = [];
  const draw = (kind: BenchQuery['kind'], make: (row: SampleRow) => BenchQuery | undefined) => {
    let made = 0;
    for (let tries = 0; made < PER_KIND && tries < PER_KIND * 100; tries++) {
      const query = make(pick(samples));
      if (query?.kind === kind) {
        queries.push(query);
        made++;
      }
    }
    if (made < PER_KIND) throw new Error(`too few organizations to draw "${kind}" queries from`);
  };
  draw('plain words', (row) => {
    const words = longWords(row.search_body, 5);
    return words.length ? { kind: 'plain words', q: pick(words), filters: {} } : undefined;
  });
  draw('typo', (row) => {
    const words = longWords(row.search_name, 6);
    return words.length ? { kind: 'typo', q: typo(pick(words), random), filters: {} } : undefined;
  });
  draw('typo + 1–3 facets', (row) => {
    const words = longWords(row.search_name, 6);
    return words.length
      ? {
          kind: 'typo + 1–3 facets',
          q: typo(pick(words), random),
          filters: facetsOf(row, 1 + randomIndex(random, 3)),
        }
      : undefined;
  });
  draw('typo + 3 facets', (row) => {
    const words = longWords(row.search_name, 6);
    return words.length
      ? { kind: 'typo + 3 facets', q: typo(pick(words), random), filters: facetsOf(row, 3) }
      : undefined;
  });
  draw('facets only', (row) => ({ kind: 'facets only', filters: facetsOf(row, 1 + randomIndex(random, 3)) }));
  // Interleave kinds so slow and fast queries spread over the run.
  return queries
    .map((q, i) => ({ q, order: (i % PER_KIND) * KINDS.length + Math.floor(i / PER_KIND) }))
    .sort((a, b) => a.order - b.order)
    .map((x) => x.q);
}

const directoryQuery = (query: BenchQuery): DirectoryQuery => ({ ...query.filters, q: query.q, limit: 20 });

// The viewer only matters for unlisted profiles of its own; a fixed id that owns nothing.
const VIEWER = '00000000-0000-7000-8000-000000000000';

async function timeMix(queries: BenchQuery[], run: (q: BenchQuery) => Promise<unknown>) {
  const phase = await timeEach(queries.length, (i) => run(queries[i]!));
  const byKind = {} as Record<Kind, LatencySummary>;
  for (const kind of KINDS) {
    const samples = queries.flatMap((q, i) =>
      kind === 'all' || q.kind === kind ? [phase.samplesNs[i]!] : [],
    );
    byKind[kind] = summarize(samples, phase.wallNs);
  }
  return byKind;
}

async function concurrentThroughput(
  queries: BenchQuery[],
  rounds: number,
  run: (q: BenchQuery) => Promise<unknown>,
) {
  const start = now();
  let done = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; i < queries.length * rounds; i++) {
        await run(queries[(i + client * 37) % queries.length]!);
        done++;
      }
    }),
  );
  return { queries: done, perSec: done / (elapsedNs(start) / 1e9) };
}

const ORAMA_SCHEMA = {
  name: 'string',
  body: 'string',
  ...Object.fromEntries(FACETS.map((f) => [f, 'enum[]'])),
} as const;

/** Every listed profile as an Orama document: the same words and facet values our search sees. */
async function* oramaDocuments(database: Database, batch: number) {
  let after = '';
  for (;;) {
    const { rows } = await database.executeSql(
      `SELECT p.organization_id, o.name, p.description, p.services, p.technologies, p.practices, p.roles, p.facet_keys
         FROM organization_profile p JOIN organization o ON o.id = p.organization_id
        WHERE p.listed AND p.organization_id > $1 ORDER BY p.organization_id LIMIT $2`,
      [after, batch],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => {
      const keys = r.facet_keys as string[];
      const facets = Object.fromEntries(
        FACETS.map((f) => [f, keys.filter((k) => k.startsWith(`${f}:`)).map((k) => k.slice(f.length + 1))]),
      );
      const labels = (facet: Facet, list: string[]) => list.map((k) => facetLabel(facet, k) ?? '').join(' ');
      return {
        id: r.organization_id as string,
        name: r.name as string,
        body: [
          r.description,
          (r.services as string[]).join(' '),
          labels('technology', r.technologies as string[]),
          labels('practice', r.practices as string[]),
          labels('role', r.roles as string[]),
        ].join(' '),
        ...facets,
      };
    });
    after = rows.at(-1)!.organization_id as string;
  }
}

const oramaFacets = Object.fromEntries(FACETS.map((f) => [f, { limit: 300 }]));

async function run(context: ScenarioContext): Promise<unknown> {
  const orgs = Number(context.flags.orgs ?? (context.quick ? 20_000 : 500_000));
  const rounds = context.quick ? 1 : 2;
  const server = acquirePostgresServer(context.log);
  try {
    const engine = await openPostgresEngine(server.url, CLIENTS + 2);
    const { database } = engine;
    try {
      context.log(`loading ${fmt.count(orgs)} generated organizations with COPY…`);
      const load = await timeOnce(() =>
        loadGenerated(database, {
          orgs,
          seed: SEED,
          now: new Date(),
          onProgress: (p) => {
            if (p.organizations % 50_000 === 0 || p.organizations === p.total)
              context.log(`  ${fmt.count(p.organizations)} of ${fmt.count(p.total)} organizations`);
          },
        }),
      );
      await database.executeSql('ANALYZE');
      const sizes = (
        await database.executeSql(
          `SELECT pg_total_relation_size('organization_profile') AS profiles,
                pg_total_relation_size('directory_entry') AS entries,
                pg_total_relation_size('directory_term') AS terms`,
        )
      ).rows[0] as { profiles: string; entries: string; terms: string };
      const samples = (
        await database.executeSql(
          `SELECT search_name, search_body, facet_keys FROM organization_profile WHERE listed ORDER BY organization_id LIMIT 5000`,
        )
      ).rows as unknown as SampleRow[];
      const queries = buildQueries(samples, SEED);
      const db = database.db;
      const ours = (q: BenchQuery) => searchDirectory(db, VIEWER, directoryQuery(q));

      context.log('PostgreSQL: warm-up, then one client, then 8 clients…');
      for (const q of queries) await ours(q);
      const pgLatency = await timeMix([...queries, ...(rounds > 1 ? queries : [])], ours);
      const pgConcurrent = await concurrentThroughput(queries, rounds, ours);
      const hits = await Promise.all(queries.map(async (q) => (await ours(q)).total));
      const emptyResults = hits.filter((n) => n === 0).length;

      const latencyRows = (engine: string, latency: Record<Kind, LatencySummary>) =>
        KINDS.map((kind) => ({
          engine,
          kind,
          queries: fmt.count(latency[kind].count),
          'p50 ms': fmt.ms(latency[kind].p50Ms),
          'p95 ms': fmt.ms(latency[kind].p95Ms),
          'p99 ms': fmt.ms(latency[kind].p99Ms),
        }));
      printTable(
        `PostgreSQL, ${fmt.count(orgs)} organizations: latency per query, one client (${queries.length} queries × ${rounds})`,
        latencyRows('PostgreSQL', pgLatency),
      );
      printTable('PostgreSQL throughput', [
        {
          clients: CLIENTS,
          queries: fmt.count(pgConcurrent.queries),
          'queries/s': fmt.rate(pgConcurrent.perSec),
        },
        {
          clients: 1,
          queries: fmt.count(pgLatency.all.count),
          'queries/s': fmt.rate(pgLatency.all.opsPerSec),
        },
      ]);
      context.log(`queries with no result on PostgreSQL: ${emptyResults} of ${queries.length}`);

      context.log('Orama: indexing the same organizations in memory…');
      globalThis.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      const orama = create({ schema: ORAMA_SCHEMA });
      let oramaIndexNs = 0;
      let oramaDocs = 0;
      for await (const docs of oramaDocuments(database, 20_000)) {
        const start = now();
        await insertMultiple(orama, docs as never[], 5_000);
        oramaIndexNs += elapsedNs(start);
        oramaDocs += docs.length;
      }
      globalThis.gc?.();
      const oramaHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
      const theirs = async (q: BenchQuery) =>
        search(orama, {
          term: q.q ?? '',
          properties: ['name', 'body'],
          tolerance: q.q ? 1 : 0,
          where: Object.fromEntries(Object.entries(q.filters).map(([f, keys]) => [f, { containsAny: keys }])),
          facets: oramaFacets,
          limit: 20,
        } as never);
      // Orama's facet counting over large results takes seconds per query, so it answers the first
      // ORAMA_PER_KIND queries of each kind only (same queries as ours, listed in the JSON).
      const oramaQueries = KINDS.flatMap((kind) =>
        queries.filter((q) => q.kind === kind).slice(0, ORAMA_PER_KIND),
      );
      for (const q of oramaQueries.slice(0, 5)) await theirs(q);
      const oramaLatency = await timeMix(oramaQueries, theirs);

      printTable(
        `Orama, same organizations: latency per query, one client (the first ${ORAMA_PER_KIND} queries of each kind)`,
        latencyRows('Orama', oramaLatency),
      );
      printTable('indexing and memory', [
        {
          engine: 'PostgreSQL',
          'load + index s': fmt.ms(load.ms / 1000),
          memory: `${fmt.rate(Number(sizes.profiles) / 2 ** 20)} MB profiles + ${fmt.rate(Number(sizes.entries) / 2 ** 20)} MB search entries + ${fmt.rate(Number(sizes.terms) / 2 ** 20)} MB terms (on disk, with indexes)`,
        },
        {
          engine: 'Orama',
          'load + index s': fmt.ms(oramaIndexNs / 1e9),
          memory: globalThis.gc
            ? `${fmt.rate(oramaHeapMb)} MB heap`
            : `${fmt.rate(oramaHeapMb)} MB heap (no --expose-gc: rough)`,
        },
      ]);
      // Ratios over the same queries: ours restricted to the ones Orama answered.
      const pgSame = await timeMix(oramaQueries, ours);
      printTable('PostgreSQL relative to Orama (> 1× means PostgreSQL is slower)', [
        ...KINDS.map((kind) => ({
          measure: `p50 ÷ p50, ${kind}`,
          ratio: fmt.ratio(pgSame[kind].p50Ms / oramaLatency[kind].p50Ms),
        })),
        { measure: 'p95 ÷ p95, all', ratio: fmt.ratio(pgSame.all.p95Ms / oramaLatency.all.p95Ms) },
      ]);
      return {
        orgs,
        oramaDocs,
        settings: await describeEngine(database),
        loadMs: load.ms,
        postgres: { latency: pgLatency, concurrent: pgConcurrent, bytes: sizes },
        orama: {
          latency: oramaLatency,
          postgresOnSameQueries: pgSame,
          indexMs: oramaIndexNs / 1e6,
          heapMb: oramaHeapMb,
        },
        emptyResults,
        queries,
        target: { p95Ms: 50, met: pgLatency.all.p95Ms <= 50 },
      };
    } finally {
      await engine.close();
    }
  } finally {
    server.stop();
  }
}

const scenario: Scenario = {
  name: 'directory-search',
  description:
    'Find a partner over 500k organizations on PostgreSQL: words, typos, facets; p50/p95/p99 and 8-client throughput',
  peer: 'Orama (@orama/orama, in-memory) on the same organizations and queries',
  run,
};
export default scenario;
