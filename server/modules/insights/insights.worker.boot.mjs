// Entry of the graph worker when the app runs from TypeScript sources (tsx): loads the TypeScript
// worker module through tsx, since loaders registered by the parent do not reach worker threads.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
