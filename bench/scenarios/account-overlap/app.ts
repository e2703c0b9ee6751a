// The app functions the account-overlap bench measures, behind one small interface so the scenario
// reads as the measurement and this file as the wiring: the import job (as the CLI runs it, the file
// read from disk, no HTTP), the overlap maintenance (refreshKeys, ensurePair, recomputeAll) and the
// matrix read.
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../server/db/client.ts';
import { newId } from '../../../server/db/ids.ts';
import { tenantScope } from '../../../server/db/tenant.ts';
import { insertImport } from '../../../server/modules/accounts/accounts.import.repo.ts';
import { runImport } from '../../../server/modules/accounts/accounts.import.run.ts';
import { inspectFile } from '../../../server/modules/accounts/accounts.import.ts';
import { selectOverlaps } from '../../../server/modules/accounts/accounts.matrix.repo.ts';
import { getOrCreateSet } from '../../../server/modules/accounts/accounts.sets.ts';
import { ensurePair, recomputeAll, refreshKeys } from '../../../server/modules/accounts/index.ts';
import type { OrgSpec } from './generate.ts';

/** An organization of the bench, as the wiring needs it. */
export interface BenchOrg {
  id: string;
  name: string;
  spec: OrgSpec;
  setId?: string;
}

/** What one import reports. */
export interface ImportOutcome {
  setId: string;
  counts: Record<string, number>;
  /** The importer's phase timings (ms), in the order it reported them. */
  phases: Record<string, number>;
}

/** The measured operations. */
export interface AccountsApi {
  /**
   * Between imports the staging table is empty and analyzed as such (autovacuum's steady state);
   * without this, statistics autovacuum took in the middle of an earlier import make the planner
   * expect one staged row for the next import's id (see bench/README.md).
   */
  settleStaging(): Promise<void>;
  /** Imports a CSV file into the org's own set: inspect (header, detected mapping), then the import job. */
  importFile(org: BenchOrg, file: string): Promise<ImportOutcome>;
  refreshKeys(setId: string, keys: readonly string[] | 'all'): Promise<unknown>;
  ensurePair(setA: string, setB: string): Promise<void>;
  recomputeAll(): Promise<unknown>;
  readMatrix(org: BenchOrg, partner: BenchOrg): Promise<unknown>;
  /** How the matrix is read, for the report. */
  readVia: string;
}

/** The wiring on one database. */
export function accountsApi(database: Database): AccountsApi {
  const { db } = database;
  const ctx = { db, database };
  return {
    async settleStaging() {
      await database.executeSql('VACUUM ANALYZE account_import_staging');
    },
    async importFile(org, file) {
      const scope = tenantScope(org.id);
      const set = await getOrCreateSet(db, scope);
      // What the upload does before a job runs: read the header and first rows, detect the mapping.
      const { settings } = await inspectFile(createReadStream(file));
      const created = await insertImport(db, {
        id: newId(),
        organizationId: org.id,
        setId: set.id,
        status: 'queued',
        fileName: path.basename(file),
        fileBytes: statSync(file).size,
        mapping: settings,
      });
      const phases: Record<string, number> = {};
      const done = await runImport(ctx, created.id, {
        source: () => createReadStream(file),
        onPhase: (phase, ms) => {
          phases[phase] = (phases[phase] ?? 0) + ms;
        },
      });
      if (done?.status !== 'done')
        throw new Error(`import of ${file} ended ${done?.status}: ${done?.failure}`);
      return {
        setId: set.id,
        counts: {
          rowsRead: done.rowsRead,
          inserted: done.inserted,
          updated: done.updated,
          unchanged: done.unchanged,
          errorRows: done.errorRows,
        },
        phases,
      };
    },
    refreshKeys: (setId, keys) => refreshKeys(db, setId, keys),
    ensurePair: (setA, setB) => ensurePair(db, setA, setB),
    recomputeAll: () => recomputeAll(db),
    readMatrix: (org, partner) => selectOverlaps(db, org.setId!, partner.setId!),
    readVia: 'selectOverlaps (the overlap lookup in accounts.matrix.repo.ts)',
  };
}
