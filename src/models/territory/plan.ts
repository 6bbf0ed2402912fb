/** A plan under search (unit assignment, loads, objective, band violation) and what the search phases share. */
import { CAP_PENALTY, type TerritoryInstance } from './types';

/** Mutable plan state shared by the search phases. */
export class Plan {
  readonly assign: Int32Array;
  readonly load: Float64Array; // rep x metric, normalised
  readonly count: Float64Array;
  objective = 0;
  constructor(
    readonly inst: TerritoryInstance,
    assign: Int32Array,
  ) {
    this.assign = Int32Array.from(assign);
    this.load = new Float64Array(inst.R * inst.M);
    this.count = new Float64Array(inst.R);
    for (let u = 0; u < inst.U; u++) this.add(u, assign[u], 1);
  }
  private add(u: number, r: number, sign: number): void {
    const { M } = this.inst;
    for (let m = 0; m < M; m++) this.load[r * M + m] += sign * this.inst.unitMetricHat[u * M + m];
    this.count[r] += sign * this.inst.unitCount[u];
    this.objective += sign * this.inst.cost[u * this.inst.R + r];
  }
  move(u: number, to: number): void {
    this.add(u, this.assign[u], -1);
    this.assign[u] = to;
    this.add(u, to, 1);
  }
  /**
   * Violation of rep r, optionally with a unit added (sign +1) or removed (-1): the normalised band violation (in
   * mean shares) plus the accounts over its max_accounts (CAP_PENALTY each).
   */
  repViolation(r: number, deltaUnit = -1, sign = 0, deltaUnit2 = -1, sign2 = 0): number {
    const { M, loHat, hiHat, unitMetricHat, unitCount, cap } = this.inst;
    let v = 0;
    for (let m = 0; m < M; m++) {
      let l = this.load[r * M + m];
      if (deltaUnit >= 0) l += sign * unitMetricHat[deltaUnit * M + m];
      if (deltaUnit2 >= 0) l += sign2 * unitMetricHat[deltaUnit2 * M + m];
      const k = r * M + m;
      if (l > hiHat[k]) v += l - hiHat[k];
      else if (l < loHat[k]) v += loHat[k] - l;
    }
    let c = this.count[r];
    if (deltaUnit >= 0) c += sign * unitCount[deltaUnit];
    if (deltaUnit2 >= 0) c += sign2 * unitCount[deltaUnit2];
    if (c > cap[r]) v += CAP_PENALTY * (c - cap[r]);
    return v <= 1e-9 ? 0 : v;
  }
  /** Whether rep r may hold `count` accounts: within max_accounts, or (already over it) no more than now. */
  fits(r: number, count: number): boolean {
    return count <= this.inst.cap[r] || count <= this.count[r];
  }
  violation(): number {
    let v = 0;
    for (let r = 0; r < this.inst.R; r++) v += this.repViolation(r);
    return v;
  }
}

export interface SearchControl {
  deadline: number;
  shouldStop?: () => boolean;
}

export function stopped(ctl: SearchControl): boolean {
  return Date.now() > ctl.deadline || (ctl.shouldStop?.() ?? false);
}

/** A unit's size: the sum of its normalised metrics. */
export function size(inst: TerritoryInstance, u: number): number {
  let s = 0;
  for (let m = 0; m < inst.M; m++) s += inst.unitMetricHat[u * inst.M + m];
  return s;
}

/** Whether plan a is better than b: inside the bands first, then less violation, then lower objective. */
export function better(a: Plan, b: Plan | null): boolean {
  if (!b) return true;
  const va = a.violation();
  const vb = b.violation();
  if ((va === 0) !== (vb === 0)) return va === 0;
  if (va > 0 && Math.abs(va - vb) > 1e-9) return va < vb;
  return a.objective < b.objective - 1e-12;
}

/** Objective value of a unit assignment (disruption and travel as documented in index.ts). */
export function planObjective(inst: TerritoryInstance, assign: Int32Array): number {
  let s = 0;
  for (let u = 0; u < inst.U; u++) s += inst.cost[u * inst.R + assign[u]];
  return s;
}

/** Band violation (normalised, in mean shares) plus accounts over max_accounts of a unit assignment; 0 = feasible. */
export function planViolation(inst: TerritoryInstance, assign: Int32Array): number {
  return new Plan(inst, assign).violation();
}
