/** What bench/run.ts hands a scenario. */
export interface ScenarioContext {
  /** `--quick`: a small run that checks the scenario works; its numbers are not worth comparing. */
  quick: boolean;
  /** `--runs N`: how many times to repeat the measurement (medians are reported); undefined = the scenario's default. */
  runs?: number;
  /** Every flag given on the command line, parsed (`--rows 1000` → { rows: '1000' }), for scenario-specific options. */
  flags: Record<string, string | boolean | undefined>;
  /** Progress output; goes to stderr so stdout holds only the result tables. */
  log(line: string): void;
}

/**
 * A benchmark scenario: the default export of bench/scenarios/<name>.ts. `run` prints its tables (see
 * report.ts) and returns the JSON-serializable result that bench/run.ts writes to bench/results/.
 */
export interface Scenario {
  /** Equals the file name without `.ts`. */
  name: string;
  /** One line: what is measured. */
  description: string;
  /** The reference it is compared with in the same run, on the same data. */
  peer: string;
  run(context: ScenarioContext): Promise<unknown>;
}
