export { assignNameKeys, sameCompanyName } from './accounts.canon.ts';
export { detectMapping, type ImportMapping, mappingProblems, overrideMapping } from './accounts.headers.ts';
export type { ImportSettings } from './accounts.import.rows.ts';
export { accountImportJob, type ImportProgress, runImport } from './accounts.import.run.ts';
export {
  importErrorsCsv,
  inspectFile,
  MAX_IMPORT_BYTES,
  queueFileImport,
  resolveSubject,
} from './accounts.import.ts';
export { refreshKeys } from './accounts.keys.ts';
export { cellCsv, getMatrix, listCell, listPartners, network } from './accounts.matrix.ts';
export { countryCode, normalizeAccount, registrableDomain } from './accounts.normalize.ts';
export { ensurePair, overlapRecomputeJob, recomputeAll } from './accounts.overlap.ts';
export {
  type PipelineAccount,
  selectAccountsByIds as accountsByIds,
  selectOpenOpportunityCandidates as openOpportunityCandidates,
} from './accounts.pipeline.repo.ts';
export { ensurePopulations, type PopulationRow, populationBitsOf } from './accounts.populations.ts';
export { accountsRoutes } from './accounts.routes.ts';
export { getOrCreateSet, type SetRow } from './accounts.sets.ts';
export { type SharedAccountCount, sharedAccountCounts } from './accounts.shared-counts.ts';
export { getSharing, putSharing, SHARING_LEVELS, type SharingLevel } from './accounts.sharing.ts';
