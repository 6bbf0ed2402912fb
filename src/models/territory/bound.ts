/** The Lagrangian lower bound of the fast mode, and the prices and assignments it suggests. */
import { stopped, type SearchControl } from './plan';
import type { TerritoryInstance } from './types';

/**
 * Lagrangian relaxation of the band and max-accounts constraints, maximised by subgradient steps (Polyak step,
 * Held-Wolfe-Crowder). Every iterate's value is a valid lower bound on the objective of any plan within the bands.
 */
export function lagrangian(
  inst: TerritoryInstance,
  upper: number,
  iterations: number,
  ctl: SearchControl,
): { bound: number; price: Float64Array; assign: Int32Array; modeAssign: Int32Array } {
  const { U, R, M, cost, unitMetricHat, unitCount, unitLocked, loHat, hiHat, cap } = inst;
  const price = new Float64Array(R * M);
  const kappa = new Float64Array(R);
  const load = new Float64Array(R * M);
  const count = new Float64Array(R);
  const assign = new Int32Array(U);
  let best = -Infinity;
  let bestPrice = Float64Array.from(price);
  let bestAssign = new Int32Array(U);
  let theta = 1;
  let sinceBest = 0;
  const aU = new Float64Array(M);
  // Primal recovery: how often each unit picks each rep over the second half of the iterations (the ergodic average
  // of subgradient iterates approaches an LP solution, Larsson-Patriksson-Stromberg); rounded to its mode.
  const freq = new Float32Array(U * R);
  let averaging = false;
  for (let it = 0; it < iterations; it++) {
    averaging = it >= iterations / 2;
    load.fill(0);
    count.fill(0);
    let value = 0;
    for (let u = 0; u < U; u++) {
      const locked = unitLocked[u];
      const uc = unitCount[u];
      const base = u * R;
      for (let m = 0; m < M; m++) aU[m] = unitMetricHat[u * M + m];
      let br = -1;
      let bc = Infinity;
      for (let r = locked < 0 ? 0 : locked; r < (locked < 0 ? R : locked + 1); r++) {
        let c = cost[base + r] + kappa[r] * uc;
        const pr = r * M;
        for (let m = 0; m < M; m++) c += price[pr + m] * aU[m];
        if (c < bc) {
          bc = c;
          br = r;
        }
      }
      value += bc;
      if (averaging) freq[base + br]++;
      assign[u] = br;
      for (let m = 0; m < M; m++) load[br * M + m] += unitMetricHat[u * M + m];
      count[br] += unitCount[u];
    }
    let norm2 = 0;
    const g = new Float64Array(R * M);
    for (let k = 0; k < R * M; k++) {
      const p = price[k];
      value -= p > 0 ? p * hiHat[k] : p * loHat[k];
      g[k] =
        p > 0
          ? load[k] - hiHat[k]
          : p < 0
            ? load[k] - loHat[k]
            : load[k] > hiHat[k]
              ? load[k] - hiHat[k]
              : load[k] < loHat[k]
                ? load[k] - loHat[k]
                : 0;
      norm2 += g[k] * g[k];
    }
    const gk = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      if (!Number.isFinite(cap[r])) continue;
      value -= kappa[r] * cap[r];
      gk[r] = count[r] - cap[r];
      if (kappa[r] <= 0 && gk[r] < 0) gk[r] = 0;
      norm2 += gk[r] * gk[r];
    }
    if (value > best + 1e-12) {
      best = value;
      bestPrice = Float64Array.from(price);
      bestAssign = Int32Array.from(assign);
      sinceBest = 0;
    } else if (++sinceBest >= 10) {
      theta /= 2;
      sinceBest = 0;
    }
    if (norm2 < 1e-18 || theta < 1e-6 || (it % 8 === 0 && stopped(ctl))) break;
    // Polyak step towards a known plan's objective, or (none yet) towards a level a little above the best bound.
    const target = Number.isNaN(upper)
      ? best + Math.max(0.02 * Math.abs(best), 1e-6)
      : Math.max(upper, best + 1e-6 * (Math.abs(best) + 1e-3));
    const step = (theta * (target - value)) / norm2;
    for (let k = 0; k < R * M; k++) price[k] += step * g[k];
    for (let r = 0; r < R; r++) kappa[r] = Math.max(0, kappa[r] + step * gk[r]);
  }
  const modeAssign = Int32Array.from(bestAssign);
  for (let u = 0; u < U; u++) {
    if (unitLocked[u] >= 0) continue;
    let br = -1;
    for (let r = 0; r < R; r++) if (freq[u * R + r] > 0 && (br < 0 || freq[u * R + r] > freq[u * R + br])) br = r;
    if (br >= 0) modeAssign[u] = br;
  }
  return { bound: best, price: bestPrice, assign: bestAssign, modeAssign };
}
