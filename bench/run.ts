// `npm run bench -- <scenario> [--quick] [--runs N] [--flag value…]`: runs bench/scenarios/<scenario>.ts,
// prints its tables and writes bench/results/<scenario>-<timestamp>.json. Without a scenario it lists them.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hostInfo, writeResult } from './lib/report.ts';
import type { Scenario } from './lib/scenario.ts';

const scenariosDir = path.join(import.meta.dirname, 'scenarios');

function scenarioNames(): string[] {
  return readdirSync(scenariosDir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

async function loadScenario(name: string): Promise<Scenario> {
  const module = (await import(path.join(scenariosDir, `${name}.ts`))) as { default: Scenario };
  return module.default;
}

async function listScenarios(): Promise<void> {
  console.log('Usage: npm run bench -- <scenario> [--quick] [--runs N]\n\nScenarios:');
  for (const name of scenarioNames()) {
    const scenario = await loadScenario(name);
    console.log(`  ${name}\n      ${scenario.description}\n      peer: ${scenario.peer}`);
  }
  console.log('\nSee bench/README.md for what each one measures and how to read the output.');
}

async function main(): Promise<number> {
  const { values, positionals, tokens } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: { quick: { type: 'boolean' }, runs: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  // Scenario flags (`--orgs 100000`) are unknown to parseArgs, which reads them as booleans and
  // their value as a positional: join them back up.
  for (const [i, token] of tokens.entries()) {
    const next = tokens[i + 1];
    if (
      token.kind === 'option' &&
      token.value === undefined &&
      values[token.name] === true &&
      next?.kind === 'positional'
    ) {
      values[token.name] = next.value;
      positionals.splice(positionals.indexOf(next.value), 1);
    }
  }
  const name = positionals[0];
  if (!name || values.help) {
    await listScenarios();
    return 0;
  }
  if (!scenarioNames().includes(name)) {
    console.error(`Unknown scenario "${name}". Known: ${scenarioNames().join(', ')}`);
    return 2;
  }
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  if (runs !== undefined && !(Number.isInteger(runs) && runs > 0)) {
    console.error('--runs needs a positive integer');
    return 2;
  }

  const scenario = await loadScenario(name);
  const quick = values.quick === true;
  const startedAt = new Date();
  console.log(`${scenario.name}: ${scenario.description}`);
  console.log(`peer: ${scenario.peer}${quick ? '  [--quick: small run, numbers indicative only]' : ''}`);
  const result = await scenario.run({
    quick,
    runs,
    flags: values,
    log: (line) => process.stderr.write(`[${scenario.name}] ${line}\n`),
  });
  const finishedAt = new Date();
  const file = writeResult(
    scenario.name,
    {
      scenario: scenario.name,
      description: scenario.description,
      peer: scenario.peer,
      quick,
      argv: process.argv.slice(2),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationSec: (finishedAt.getTime() - startedAt.getTime()) / 1000,
      host: hostInfo(),
      result,
    },
    startedAt,
  );
  console.log(`\nResult written to ${path.relative(process.cwd(), file)}`);
  // A correctness check inside a scenario (say, a race that must leave one winner) fails the run.
  const failures = (result as { failures?: unknown } | null)?.failures;
  if (Array.isArray(failures) && failures.length > 0) {
    console.error(`${scenario.name}: ${failures.length} check(s) failed`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
