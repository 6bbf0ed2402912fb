/**
 * The real Web Worker for the Territory tab, for the bundled pane: `<TerritoryTab createWorker={createTerritoryWebWorker} />`.
 * Webpack 5 (ts-loader with module esnext) turns `new Worker(new URL(..., import.meta.url))` into a worker bundle.
 * Kept out of TerritoryTab's imports so jest (CommonJS) never loads `import.meta`.
 */
import type { WorkerLike } from '../useWorker';

export function createTerritoryWebWorker(): WorkerLike {
  // @ts-expect-error import.meta needs an ES module target: tsc checks this project as CommonJS, webpack bundles it as ESM
  return new Worker(new URL('./territory.worker.ts', import.meta.url)) as unknown as WorkerLike;
}
