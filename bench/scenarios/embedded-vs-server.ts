// The same OLTP micro-suite on embedded PGlite and on a PostgreSQL server, in one run: single-row
// inserts, indexed selects by slug and updates by primary key on the app's real `organization` table.
// Each statement is parameterized, sent on its own (autocommit) and timed individually.
import { newId } from '../../server/db/ids.ts';
import {
  acquirePostgresServer,
  type BenchEngine,
  describeEngine,
  openPgliteEngine,
  openPostgresEngine,
} from '../lib/databases.ts';
import { randomIndex, seededRandom } from '../lib/random.ts';
import { fmt, printTable } from '../lib/report.ts';
import type { Scenario, ScenarioContext } from '../lib/scenario.ts';
import { type LatencySummary, median, medianSummary, summarize } from '../lib/stats.ts';
import { type PhaseSamples, timeEach } from '../lib/timing.ts';

const OPS = ['insert', 'select by slug', 'update by id', 'all'] as const;
type Op = (typeof OPS)[number];
type EngineKind = BenchEngine['kind'];
const ENGINES: readonly EngineKind[] = ['pglite', 'postgres'];
const ENGINE_LABEL: Record<EngineKind, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

const INSERT = 'INSERT INTO organization (id, name, slug) VALUES ($1, $2, $3)';
const SELECT = 'SELECT id, name, slug, created_at FROM organization WHERE slug = $1';
const UPDATE = 'UPDATE organization SET name = $1 WHERE id = $2';

interface Sizes {
  inserts: number;
  selects: number;
  updates: number;
  /** Unmeasured operations of each kind first, so JIT and caches are warm on both engines. */
  warmup: number;
}

const FULL: Sizes = { inserts: 5_000, selects: 5_000, updates: 5_000, warmup: 500 };
const QUICK: Sizes = { inserts: 300, selects: 300, updates: 300, warmup: 50 };

/** One repetition on one engine. */
interface RunResult {
  setupMs: number;
  ops: Record<Op, LatencySummary>;
}

interface Row {
  id: string;
  name: string;
  slug: string;
}

function makeRows(count: number, prefix: string): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    id: newId(),
    name: `Bench Partner ${prefix} ${i}`,
    slug: `bench-${prefix}-${i}`,
  }));
}

async function runSuite(engine: BenchEngine, sizes: Sizes, seed: number): Promise<RunResult> {
  const { database } = engine;
  const exec = (text: string, values: unknown[]) => database.executeSql(text, values);

  const warm = makeRows(sizes.warmup, 'warm');
  for (const row of warm) await exec(INSERT, [row.id, row.name, row.slug]);
  for (const row of warm) await exec(SELECT, [row.slug]);
  for (const row of warm) await exec(UPDATE, [`${row.name} (warm)`, row.id]);

  // Rows and the random access pattern are made before timing; same seed = same work on both engines.
  const rows = makeRows(sizes.inserts, String(seed));
  const random = seededRandom(seed);
  const selectSlugs = Array.from(
    { length: sizes.selects },
    () => rows[randomIndex(random, rows.length)]!.slug,
  );
  const updateIds = Array.from({ length: sizes.updates }, () => rows[randomIndex(random, rows.length)]!.id);

  const insert = await timeEach(rows.length, (i) => {
    const row = rows[i]!;
    return exec(INSERT, [row.id, row.name, row.slug]);
  });
  const select = await timeEach(selectSlugs.length, async (i) => {
    const { rows: found } = await exec(SELECT, [selectSlugs[i]]);
    if (found.length !== 1) throw new Error(`select by slug found ${found.length} rows`);
  });
  const update = await timeEach(updateIds.length, (i) => exec(UPDATE, [`Renamed ${i}`, updateIds[i]]));

  return {
    setupMs: engine.setupMs,
    ops: {
      insert: summarize(insert.samplesNs, insert.wallNs),
      'select by slug': summarize(select.samplesNs, select.wallNs),
      'update by id': summarize(update.samplesNs, update.wallNs),
      all: summarizeAll([insert, select, update]),
    },
  };
}

function summarizeAll(phases: PhaseSamples[]): LatencySummary {
  const samples = new Float64Array(phases.reduce((total, phase) => total + phase.samplesNs.length, 0));
  let offset = 0;
  for (const phase of phases) {
    samples.set(phase.samplesNs, offset);
    offset += phase.samplesNs.length;
  }
  return summarize(
    samples,
    phases.reduce((total, phase) => total + phase.wallNs, 0),
  );
}

function medianRun(runs: RunResult[]): Record<Op, LatencySummary> {
  return Object.fromEntries(OPS.map((op) => [op, medianSummary(runs.map((run) => run.ops[op]))])) as Record<
    Op,
    LatencySummary
  >;
}

async function run(context: ScenarioContext): Promise<unknown> {
  const sizes = context.quick ? QUICK : FULL;
  const repetitions = context.runs ?? 3;
  const server = acquirePostgresServer(context.log);
  const runs: Record<EngineKind, RunResult[]> = { pglite: [], postgres: [] };
  const engines: Partial<Record<EngineKind, { storage: string; settings: Record<string, string> }>> = {};
  try {
    for (let repetition = 0; repetition < repetitions; repetition++) {
      // Alternating engines within each repetition spreads machine noise over both.
      for (const kind of ENGINES) {
        const engine = kind === 'pglite' ? await openPgliteEngine() : await openPostgresEngine(server.url);
        try {
          engines[kind] ??= { storage: engine.storage, settings: await describeEngine(engine.database) };
          context.log(`run ${repetition + 1}/${repetitions}: ${ENGINE_LABEL[kind]} (${engine.storage})`);
          runs[kind].push(await runSuite(engine, sizes, 1000 + repetition));
        } finally {
          await engine.close();
        }
      }
    }
  } finally {
    server.stop();
  }

  const medians = { pglite: medianRun(runs.pglite), postgres: medianRun(runs.postgres) };
  printTable(
    `Median of ${repetitions} runs (each op timed individually; ops/s over the phase's wall time)`,
    ENGINES.flatMap((kind) =>
      OPS.map((op) => ({
        engine: ENGINE_LABEL[kind],
        op,
        ops: fmt.count(medians[kind][op].count),
        'p50 ms': fmt.ms(medians[kind][op].p50Ms),
        'p95 ms': fmt.ms(medians[kind][op].p95Ms),
        'p99 ms': fmt.ms(medians[kind][op].p99Ms),
        'ops/s': fmt.rate(medians[kind][op].opsPerSec),
      })),
    ),
  );

  const ratios = Object.fromEntries(
    OPS.map((op) => {
      const lite = medians.pglite[op];
      const full = medians.postgres[op];
      return [
        op,
        {
          throughput: lite.opsPerSec / full.opsPerSec,
          p50: full.p50Ms / lite.p50Ms,
          p95: full.p95Ms / lite.p95Ms,
          p99: full.p99Ms / lite.p99Ms,
        },
      ];
    }),
  ) as Record<Op, { throughput: number; p50: number; p95: number; p99: number }>;
  printTable(
    'PGlite relative to PostgreSQL (> 1× means PGlite is faster)',
    OPS.map((op) => ({
      op,
      'ops/s PGlite÷PG': fmt.ratio(ratios[op].throughput),
      'p50 PG÷PGlite': fmt.ratio(ratios[op].p50),
      'p95 PG÷PGlite': fmt.ratio(ratios[op].p95),
      'p99 PG÷PGlite': fmt.ratio(ratios[op].p99),
    })),
  );
  printTable(
    'Open + migrate a fresh database (median, not part of the suite)',
    ENGINES.map((kind) => ({
      engine: ENGINE_LABEL[kind],
      ms: fmt.ms(median(runs[kind].map((r) => r.setupMs))),
    })),
  );

  return {
    sizes,
    repetitions,
    postgresServer: server.throwaway ? 'throwaway cluster (scripts/pg-cluster.sh)' : 'BENCH_DATABASE_URL',
    engines,
    median: medians,
    ratios,
    runs,
  };
}

const scenario: Scenario = {
  name: 'embedded-vs-server',
  description:
    'OLTP micro-suite (single-row insert, select by unique slug, update by id) on the organization table',
  peer: 'the same suite, same migrations, on a PostgreSQL server (BENCH_DATABASE_URL or a throwaway cluster)',
  run,
};
export default scenario;
