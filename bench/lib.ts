/**
 * Benchmark helpers. Each bench/*.bench.ts exports `benches: Bench[]`; bench/run.ts runs them all in one process
 * and prints ours vs baseline (the same model in native formulas, in the same engine) as a speedup ratio.
 */
import { performance } from 'perf_hooks';

export interface BenchResult {
  name: string;
  ours_ms: number;
  baseline_ms: number;
  speedup: number; // baseline / ours
  target?: number; // the speedup the issue asks for
  note?: string;
}

export interface Bench {
  name: string;
  run: () => Promise<BenchResult[]> | BenchResult[];
}

/** Median wall time in ms of `repeats` runs of fn (after one warm-up when repeats > 1). */
export function timeMs(fn: () => void, repeats = 3): number {
  if (repeats > 1) fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * Median wall time in ms of up to `repeats` runs of fn (after one warm-up), stopping early once `budgetMs` has been
 * spent (at least 3 runs): many runs for a millisecond's work, few for a slow baseline.
 */
export function timeMsWithin(fn: () => void, repeats: number, budgetMs: number): number {
  fn();
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < repeats && (i < 3 || performance.now() - start < budgetMs); i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function result(
  name: string,
  ours_ms: number,
  baseline_ms: number,
  target?: number,
  note?: string,
): BenchResult {
  return {
    name,
    ours_ms: round(ours_ms),
    baseline_ms: round(baseline_ms),
    speedup: round(baseline_ms / ours_ms),
    ...(target ? { target } : {}),
    ...(note ? { note } : {}),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A deterministic pseudo-random generator (mulberry32) so every run builds the same synthetic data. */
export { seededRandom as rng } from '../src/models/random';
