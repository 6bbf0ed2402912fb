/**
 * The balancing job as the Territory tab runs it off the UI thread: the model's fast mode with progress and a stop
 * flag. `territory.worker.ts` serves it from a Web Worker; `inlineTerritoryWorker` runs the same job on the page
 * (tests, and hosts whose bundle has no worker entry yet).
 */
import {
  balanceTerritory,
  type TerritoryAccount,
  type TerritoryOptions,
  type TerritoryRep,
  type TerritoryResult,
} from '../../models/territory';
import type { WorkProgress, WorkerLike } from '../useWorker';

export interface TerritoryJobInput {
  accounts: TerritoryAccount[];
  reps: TerritoryRep[];
  options: Omit<TerritoryOptions, 'onProgress' | 'shouldStop'>;
}

/** Runs one balancing job, reporting progress as done/total out of 100. */
export function runTerritoryJob(
  input: TerritoryJobInput,
  progress: (p: WorkProgress) => void,
  shouldStop: () => boolean = () => false,
): TerritoryResult {
  const labels: Record<string, string> = {
    start: 'Starting from the current owners',
    repair: 'Balancing loads',
    bound: 'Computing a lower bound',
    improve: 'Reducing moves and travel',
    done: 'Done',
  };
  return balanceTerritory(input.accounts, input.reps, {
    ...input.options,
    onProgress: (fraction, phase) =>
      progress({ done: Math.round(fraction * 100), total: 100, label: labels[phase] ?? phase }),
    shouldStop,
  });
}

/** A WorkerLike that runs the job on this thread after the current task; terminate() stops the search. */
export function inlineTerritoryWorker(): WorkerLike {
  let stopped = false;
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    terminate: () => {
      stopped = true;
    },
    postMessage: (data: unknown) => {
      const post = (m: unknown) => {
        if (!stopped) w.onmessage?.({ data: m } as MessageEvent);
      };
      setTimeout(() => {
        try {
          const value = runTerritoryJob(
            (data as { input: TerritoryJobInput }).input,
            (p) => post({ type: 'progress', ...p }),
            () => stopped,
          );
          post({ type: 'result', value });
        } catch (e) {
          post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
        }
      }, 0);
    },
  };
  return w;
}
