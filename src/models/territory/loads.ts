/** TERRITORY.LOAD's math: each rep's load of a metric under the current owners. */
import { numError, valueError } from '../errors';
import { sameLength } from '../shapes';

export interface RepLoad {
  rep: string;
  load: number;
  share: number;
  targetShare: number;
  /** share / target share - 1; null for a rep with target 0 that carries load (no ratio exists). */
  deviation: number | null;
}

/**
 * Each rep's load of a metric given the owners column, its share of the total, its capacity-weighted target share
 * and its deviation (share / target - 1). Rows with a blank owner are left out of the total.
 * Example: owners A, B, A with metric 10, 20, 30 and equal weights: A 40 (2/3 of 60, target 1/2, deviation +1/3).
 */
export function territoryLoads(
  owners: (string | null)[],
  metric: (number | null)[],
  reps: string[],
  weights?: number[] | null,
): RepLoad[] {
  sameLength('owners', owners, 'metric', metric);
  if (reps.length === 0) throw valueError('reps is empty; list the rep ids');
  if (weights && weights.length !== reps.length)
    throw valueError(`weights has ${weights.length} rows but reps has ${reps.length}; give one weight per rep`);
  const index = new Map<string, number>();
  reps.forEach((r, i) => {
    const key = r.trim().toLowerCase();
    if (index.has(key)) throw valueError(`reps row ${i + 1}: rep '${r}' appears twice`);
    index.set(key, i);
  });
  const w = weights ?? reps.map(() => 1);
  w.forEach((x, i) => {
    if (!(x >= 0)) throw valueError(`weights row ${i + 1} is ${x}; enter a capacity weight 0 or above`);
  });
  const wSum = w.reduce((s, x) => s + x, 0);
  if (!(wSum > 0)) throw valueError('weights are all 0; give at least one rep a weight above 0');
  const load = new Array(reps.length).fill(0);
  let total = 0;
  owners.forEach((o, i) => {
    if (o === null || o.trim() === '') return;
    const r = index.get(o.trim().toLowerCase());
    if (r === undefined) throw valueError(`owners row ${i + 1}: '${o}' is not in reps`);
    const v = metric[i];
    if (v === null) return;
    load[r] += v;
    total += v;
  });
  if (!Number.isFinite(total))
    throw numError('metric adds up to more than the largest number a cell can hold; scale it down (e.g. thousands)');
  return reps.map((rep, r) => {
    const share = total !== 0 ? load[r] / total : 0;
    const targetShare = w[r] / wSum;
    return {
      rep,
      load: load[r],
      share,
      targetShare,
      deviation: targetShare > 0 ? share / targetShare - 1 : share > 0 ? null : 0,
    };
  });
}
