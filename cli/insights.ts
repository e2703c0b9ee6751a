// `mycelium insights refresh`: an operator command acting on the database directly (like
// cli/operator.ts), since the refresh is instance-wide and belongs to no organization's token.
import { type Command, InvalidArgumentError } from 'commander';
import { loadEnv } from '../server/env.ts';
import { runInsightsRefresh } from '../server/modules/insights/index.ts';
import { startContext, stopContext } from '../server/start.ts';

/** The summary lines of a finished run's stats. */
export function refreshSummary(stats: Record<string, unknown>): string[] {
  const t = (stats.timings ?? {}) as Record<string, number>;
  const s = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(1)} s`;
  const n = (v: unknown) => Number(v ?? 0).toLocaleString('en');
  return [
    `Graph: ${n(stats.nodes)} organizations, ${n(stats.edges)} edges (read in ${s(t.loadMs)})`,
    `Communities: ${n(stats.communitiesKept)} kept of ${n(stats.communitiesFound)} found, modularity ${Number(stats.modularity ?? 0).toFixed(3)}`,
    `Graph library: ${s(t.graphLibraryMs)} (build ${s(t.buildMs)}, Louvain ${s(t.louvainMs)}, centrality ${s(t.centralityMs)})${stats.inWorker ? ' in a worker thread' : ''}`,
    `Trust: ${n(stats.trustPairs)} pairs in ${s(t.trustMs)}; recommendations: ${n(stats.recommendationRows)} in ${s(t.recommendationsMs)}`,
    `Total: ${s(t.totalMs)}`,
  ];
}

/** Registers `insights refresh`. */
export function registerInsights(program: Command) {
  program
    .command('insights')
    .description('Insights: trust, recommendations and discovered sub-ecosystems')
    .command('refresh')
    .description(
      'Operator: run the instance-wide insights refresh now (refused while another one runs, e.g. the nightly job)',
    )
    .option('--seed <n>', 'seed of community detection (same graph and seed, same communities)', (value) => {
      const n = Number(value);
      if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('an integer');
      return n;
    })
    .action(async (opts: { seed?: number }) => {
      const ctx = await startContext(loadEnv({ LOG_LEVEL: 'warn', ...process.env }), { worker: false });
      try {
        const run = await runInsightsRefresh(ctx, { trigger: 'manual', seed: opts.seed });
        console.log(`Insights refresh ${run.id} done.`);
        for (const line of refreshSummary((run.stats ?? {}) as Record<string, unknown>)) console.log(line);
      } finally {
        await stopContext(ctx);
      }
    });
}
