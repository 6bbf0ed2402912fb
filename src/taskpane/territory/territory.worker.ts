/**
 * Web Worker entry of the Territory tab: serves balancing jobs (fast mode) off the UI thread. The host creates it
 * with `new Worker(new URL('./territory/territory.worker.ts', import.meta.url))` in its ES-module entry and passes
 * that factory to <TerritoryTab createWorker={...} />.
 */
import { serveWorker } from '../useWorker';
import { runTerritoryJob, type TerritoryJobInput } from './job';

serveWorker(
  self as unknown as { onmessage: ((ev: MessageEvent) => void) | null; postMessage(m: unknown): void },
  (input: TerritoryJobInput, progress) => runTerritoryJob(input, progress),
);
