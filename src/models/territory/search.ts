/**
 * The fast mode's search: greedy starts, repair to the bands, local search on the objective, iterated kicks and the
 * send-home search. Seeded, with fixed work budgets, so a seed always gives the same plan.
 */
import { seededRandom } from '../random';
import { lagrangian } from './bound';
import { better, Plan, size, stopped, type SearchControl } from './plan';
import { VIOLATION_PENALTY, type TerritoryInstance, type TerritoryOptions } from './types';

/**
 * Greedy start: locked units to their owner; with `keepOwners`, each unit whose accounts share one current owner to
 * that owner while it has room (max_accounts); the rest each to its cheapest rep with room, biggest units first.
 */
function greedyStart(inst: TerritoryInstance, price?: Float64Array, keepOwners = false): Int32Array {
  const { U, R, M } = inst;
  const assign = new Int32Array(U).fill(-1);
  const room = Float64Array.from(inst.cap);
  const order = [...Array(U).keys()].sort((a, b) => size(inst, b) - size(inst, a) || a - b);
  for (const u of order) {
    if (inst.unitLocked[u] >= 0) {
      assign[u] = inst.unitLocked[u];
      room[assign[u]] -= inst.unitCount[u];
    }
  }
  if (keepOwners) {
    for (const u of order) {
      if (assign[u] >= 0) continue;
      const owners = new Set(inst.unitAccounts[u].map((i) => inst.currentRep[i]).filter((r) => r >= 0));
      if (owners.size !== 1) continue;
      const [r] = owners;
      if (room[r] < inst.unitCount[u]) continue;
      assign[u] = r;
      room[r] -= inst.unitCount[u];
    }
  }
  for (const u of order) {
    if (assign[u] >= 0) continue;
    let best = -1;
    let bestCost = Infinity;
    for (let r = 0; r < R; r++) {
      if (room[r] < inst.unitCount[u]) continue;
      let c = inst.cost[u * R + r];
      if (price) for (let m = 0; m < M; m++) c += price[r * M + m] * inst.unitMetricHat[u * M + m];
      if (c < bestCost) {
        bestCost = c;
        best = r;
      }
    }
    if (best < 0) best = room.indexOf(Math.max(...room)); // caps are checked in total; a family may still overflow
    assign[u] = best;
    room[best] -= inst.unitCount[u];
  }
  return assign;
}

/**
 * Repair: moves and swaps that lower the band violation (most violated rep first), preferring cheap moves,
 * until every rep is inside its band or no move or swap helps.
 */
function repair(
  plan: Plan,
  ctl: SearchControl,
  penalty = VIOLATION_PENALTY,
  near?: Int32Array[],
  movable?: Uint8Array,
): void {
  const inst = plan.inst;
  const { U, R, cost, unitLocked, unitCount } = inst;
  const stuck = new Uint8Array(R);
  const repViol = new Float64Array(R);
  for (let r = 0; r < R; r++) repViol[r] = plan.repViolation(r);
  for (let step = 0; step < 20 * U + 100; step++) {
    let r = -1;
    for (let s = 0; s < R; s++) if (!stuck[s] && repViol[s] > 0 && (r < 0 || repViol[s] > repViol[r])) r = s;
    if (r < 0) return;
    if (step % 16 === 0 && stopped(ctl)) return;
    let best = 0;
    let bu = -1;
    let bs = -1;
    let bv = -1;
    // Single moves into or out of r.
    for (let u = 0; u < U; u++) {
      if (unitLocked[u] >= 0 || (movable && !movable[u])) continue;
      const from = plan.assign[u];
      if (from === r) {
        const vr = plan.repViolation(r, u, -1) - repViol[r];
        for (let s = 0; s < R; s++) {
          if (s === r || !plan.fits(s, plan.count[s] + unitCount[u])) continue;
          // s's part is at least -repViol[s]: skip what cannot lower the violation or beat the best
          const dc = cost[u * R + s] - cost[u * R + r];
          if (vr - repViol[s] >= -1e-12 || penalty * (vr - repViol[s]) + dc >= best) continue;
          const dv = vr + plan.repViolation(s, u, 1) - repViol[s];
          if (dv >= -1e-12) continue;
          const score = penalty * dv + cost[u * R + s] - cost[u * R + r];
          if (score < best) [best, bu, bs, bv] = [score, u, s, -1];
        }
      } else if (plan.fits(r, plan.count[r] + unitCount[u])) {
        const vin = plan.repViolation(r, u, 1) - repViol[r];
        if (
          vin - repViol[from] >= -1e-12 ||
          penalty * (vin - repViol[from]) + cost[u * R + r] - cost[u * R + from] >= best
        )
          continue;
        const dv = vin + plan.repViolation(from, u, -1) - repViol[from];
        if (dv >= -1e-12) continue;
        const score = penalty * dv + cost[u * R + r] - cost[u * R + from];
        if (score < best) [best, bu, bs, bv] = [score, u, r, -1];
      }
    }
    if (bu < 0) {
      // Swaps between a unit of r and a unit elsewhere.
      const mine: number[] = [];
      for (let u = 0; u < U; u++)
        if (plan.assign[u] === r && unitLocked[u] < 0 && (!movable || movable[u])) mine.push(u);
      // With `near`, the reps near r first; all reps only when none of those helps.
      const nearSet = near ? new Uint8Array(R) : null;
      if (near && nearSet) for (const s of near[r]) nearSet[s] = 1;
      const violR = repViol[r];
      // minOut[s]: the cheapest change of cost for one of r's units to go to s. The violation can fall by at most
      // violR + violS, so a swap whose cost change leaves it unable to beat the best is skipped before its
      // violation is computed (first for all of r's units at once, then per unit).
      const minOut = new Float64Array(R).fill(Infinity);
      for (const u of mine)
        for (let s = 0; s < R; s++) minOut[s] = Math.min(minOut[s], cost[u * R + s] - cost[u * R + r]);
      for (let pass = nearSet ? 0 : 1; pass < 2 && bu < 0; pass++)
        for (let v = 0; v < U; v++) {
          const s = plan.assign[v];
          if (s === r || unitLocked[v] >= 0 || (movable && !movable[v])) continue;
          if (pass === 0 && nearSet && !nearSet[s]) continue;
          if (pass === 1 && nearSet && nearSet[s]) continue;
          const violS = repViol[s];
          const cvr = cost[v * R + r];
          const cvs = cost[v * R + s];
          if (penalty * -(violR + violS) + cvr - cvs + minOut[s] >= best) continue;
          for (const u of mine) {
            const dc = unitCount[v] - unitCount[u];
            if (!plan.fits(r, plan.count[r] + dc) || !plan.fits(s, plan.count[s] - dc)) continue;
            const dcost = cost[u * R + s] + cvr - cost[u * R + r] - cvs;
            if (penalty * -(violR + violS) + dcost >= best) continue;
            const dr = plan.repViolation(r, u, -1, v, 1) - violR;
            if (dr - violS >= -1e-12 || penalty * (dr - violS) + dcost >= best) continue;
            const dv = dr + plan.repViolation(s, v, -1, u, 1) - violS;
            if (dv >= -1e-12) continue;
            const score = penalty * dv + dcost;
            if (score < best) [best, bu, bs, bv] = [score, u, s, v];
          }
        }
    }
    if (bu < 0) {
      stuck[r] = 1;
      continue;
    }
    const from = plan.assign[bu];
    const other = bv >= 0 ? plan.assign[bv] : -1;
    plan.move(bu, bs);
    if (bv >= 0) plan.move(bv, from);
    for (const x of [from, bs, other]) if (x >= 0) repViol[x] = plan.repViolation(x);
    stuck.fill(0);
  }
}

const cheapestCosts = new WeakMap<TerritoryInstance, Float64Array>();

/** Each unit's lowest cost over all reps (cached per instance). */
function cheapestCost(inst: TerritoryInstance): Float64Array {
  let out = cheapestCosts.get(inst);
  if (!out) {
    const { U, R, cost } = inst;
    out = new Float64Array(U).fill(Infinity);
    for (let u = 0; u < U; u++) for (let r = 0; r < R; r++) if (cost[u * R + r] < out[u]) out[u] = cost[u * R + r];
    cheapestCosts.set(inst, out);
  }
  return out;
}

/**
 * Local search on the objective: moves and swaps that lower it while no rep's band violation grows (so a plan within
 * the bands stays within them). Swaps look at each unit's few cheapest reps.
 */
function improve(plan: Plan, rand: () => number, ctl: SearchControl, prefs: Int32Array[], active?: Uint8Array): void {
  const inst = plan.inst;
  const { U, R, cost, unitLocked, unitCount } = inst;
  const members: number[][] = Array.from({ length: R }, () => []);
  const order = [...Array(U).keys()].filter((u) => unitLocked[u] < 0);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const eps = 1e-12;
  const minCost = cheapestCost(inst);
  for (let pass = 0; pass < 50; pass++) {
    let improved = false;
    for (const m of members) m.length = 0;
    for (let u = 0; u < U; u++) members[plan.assign[u]].push(u);
    for (let i = 0; i < order.length; i++) {
      if (i % 256 === 0 && stopped(ctl)) return;
      const u = order[i];
      const r = plan.assign[u];
      const cu = cost[u * R + r];
      // A unit on its cheapest rep has no improving move and no improving swap (both need a cheaper rep for it).
      if (cu <= minCost[u] + eps) continue;
      // With `active` (reps changed since the plan was last a local optimum), pairs of unchanged reps are skipped.
      const rActive = !active || active[r] === 1;
      const vrOut = plan.repViolation(r);
      // Best single move.
      let best = -eps;
      let bs = -1;
      let bv = -1;
      const vrAfterOut = plan.repViolation(r, u, -1);
      if (vrAfterOut <= vrOut + 1e-12) {
        for (let s = 0; s < R; s++) {
          if (s === r || (!rActive && active![s] !== 1) || !plan.fits(s, plan.count[s] + unitCount[u])) continue;
          const d = cost[u * R + s] - cu;
          if (d >= best) continue;
          if (plan.repViolation(s, u, 1) <= plan.repViolation(s) + 1e-12) [best, bs] = [d, s];
        }
      }
      // Best swap with a unit of one of u's cheapest reps.
      for (const s of prefs[u]) {
        if (s === r || (!rActive && active![s] !== 1)) continue;
        const du = cost[u * R + s] - cu;
        if (du >= best) continue;
        const vs = plan.repViolation(s);
        for (const v of members[s]) {
          if (plan.assign[v] !== s || unitLocked[v] >= 0) continue;
          const d = du + cost[v * R + r] - cost[v * R + s];
          if (d >= best) continue;
          const dc = unitCount[v] - unitCount[u];
          if (!plan.fits(r, plan.count[r] + dc) || !plan.fits(s, plan.count[s] - dc)) continue;
          if (plan.repViolation(r, u, -1, v, 1) > vrOut + 1e-12 || plan.repViolation(s, v, -1, u, 1) > vs + 1e-12)
            continue;
          [best, bs, bv] = [d, s, v];
        }
      }
      if (bs < 0) continue;
      if (active) active[r] = active[bs] = 1;
      plan.move(u, bs);
      members[bs].push(u);
      if (bv >= 0) {
        plan.move(bv, r);
        members[r].push(bv);
      }
      improved = true;
    }
    if (!improved) return;
  }
}

/** Each unit's cheapest reps (up to 9), the candidates for swaps. */
function preferences(inst: TerritoryInstance): Int32Array[] {
  const { U, R, cost } = inst;
  const K = Math.min(R - 1, 8);
  const prefs: Int32Array[] = [];
  for (let u = 0; u < U; u++) {
    const order = [...Array(R).keys()].sort((a, b) => cost[u * R + a] - cost[u * R + b] || a - b);
    prefs.push(Int32Array.from(order.slice(0, K + 1)));
  }
  return prefs;
}

/** A unit's second-cheapest rep's cost over its cheapest (0 with one rep). */
function moveGap(inst: TerritoryInstance, u: number): number {
  const { R, cost } = inst;
  let c1 = Infinity;
  let c2 = Infinity;
  for (let r = 0; r < R; r++) {
    const c = cost[u * R + r];
    if (c < c1) [c1, c2] = [c, c1];
    else if (c < c2) c2 = c;
  }
  return Number.isFinite(c2) ? c2 - c1 : 0;
}

/** A price of violation at which one unit's typical violation costs about as much as a typical move. */
function typicalLambda(inst: TerritoryInstance, free: number[]): number {
  let gapSum = 0;
  let sizeSum = 0;
  for (const u of free) {
    gapSum += moveGap(inst, u);
    sizeSum += size(inst, u);
  }
  return sizeSum > 0 && gapSum > 0 ? gapSum / sizeSum : 1;
}

/** The mean cost of moving a free unit from its cheapest rep to its next cheapest. */
function typicalMoveCost(inst: TerritoryInstance, free: number[]): number {
  let gapSum = 0;
  for (const u of free) gapSum += moveGap(inst, u);
  return free.length ? gapSum / free.length : 0;
}

/** Each rep's k nearest reps: those that most often share a unit's list of cheapest reps with it. */
function nearReps(inst: TerritoryInstance, prefs: Int32Array[], k: number): Int32Array[] {
  const { R, U } = inst;
  const affinity = new Float64Array(R * R);
  for (let u = 0; u < U; u++) {
    const p = prefs[u];
    for (let i = 0; i < p.length; i++) for (let j = 0; j < p.length; j++) if (i !== j) affinity[p[i] * R + p[j]] += 1;
  }
  const out: Int32Array[] = [];
  for (let r = 0; r < R; r++) {
    const order = [...Array(R).keys()]
      .filter((s) => s !== r)
      .sort((a, b) => affinity[r * R + b] - affinity[r * R + a] || a - b);
    out.push(Int32Array.from(order.slice(0, k)));
  }
  return out;
}

/** The one current owner of a unit's accounts (rep index), or -1 when they have none or several. */
function unitOwner(inst: TerritoryInstance, u: number): number {
  let o = -2;
  for (const i of inst.unitAccounts[u]) {
    const r = inst.currentRep[i];
    if (r < 0) return -1;
    if (o === -2) o = r;
    else if (o !== r) return -1;
  }
  return o < 0 ? -1 : o;
}

/** Moves a few random free units to random reps with room (the "kick" of iterated local search). */
function kick(plan: Plan, rand: () => number, free: number[]): void {
  const { R, unitCount, cap } = plan.inst;
  const n = 2 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    const u = free[Math.floor(rand() * free.length)];
    const s = Math.floor(rand() * R);
    if (s !== plan.assign[u] && plan.count[s] + unitCount[u] <= cap[s]) plan.move(u, s);
  }
}

export interface FastSolution {
  assign: Int32Array;
  lowerBound: number | null;
}

/** The fast heuristic on a prepared instance: returns a unit assignment and the Lagrangian lower bound. */
export function solveFast(
  inst: TerritoryInstance,
  options: Pick<TerritoryOptions, 'seed' | 'timeLimitSeconds' | 'onProgress' | 'shouldStop'> = {},
): FastSolution {
  const rand = seededRandom(options.seed ?? 1);
  const ctl: SearchControl = {
    deadline: Date.now() + (options.timeLimitSeconds ?? 3600) * 1000,
    shouldStop: options.shouldStop,
  };
  const progress = options.onProgress ?? (() => undefined);
  // Start 1: the current plan where there is one (the least disruption), cheapest rep for the rest.
  progress(0, 'start');
  const startAssign = greedyStart(inst, undefined, true);
  const prefs = preferences(inst);
  const p1 = new Plan(inst, startAssign);
  // On large instances only the Lagrangian price start is polished (it wins there; the others cost seconds).
  const large = inst.U * inst.R > 200_000;
  progress(0.05, 'repair');
  repair(p1, ctl);
  if (!large) improve(p1, rand, ctl, prefs);
  let best: Plan = p1;
  progress(0.25, 'bound');
  // The polished current plan's objective steers the Polyak steps (when it is within the bands).
  const upper = p1.violation() === 0 ? p1.objective : NaN;
  // Better prices pay for themselves: the price start then needs far less repair (measured at 10k x 100 and 16k x 160).
  const iterations = inst.U * inst.R > 2_000_000 ? 200 : 400;
  const lag = stopped(ctl) ? null : lagrangian(inst, upper, iterations, ctl);
  if (lag && !stopped(ctl)) {
    progress(0.6, 'repair');
    if (!large) {
      const p2 = new Plan(inst, lag.assign);
      repair(p2, ctl);
      improve(p2, rand, ctl, prefs);
      if (better(p2, best)) best = p2;
    }
    // A third start from the prices alone, with the max-accounts rooms respected.
    if (!stopped(ctl)) {
      const p3 = new Plan(inst, greedyStart(inst, lag.price));
      repair(p3, ctl);
      improve(p3, rand, ctl, prefs);
      if (better(p3, best)) best = p3;
    }
    if (!large && !stopped(ctl)) {
      const p4 = new Plan(inst, lag.modeAssign);
      repair(p4, ctl);
      improve(p4, rand, ctl, prefs);
      if (better(p4, best)) best = p4;
    }
  }
  // Iterated local search: kick a few units, repair, improve; keep the better plan. A fixed number of rounds
  // (not a clock) so that a seed always gives the same plan.
  const free = [...Array(inst.U).keys()].filter((u) => inst.unitLocked[u] < 0);
  const rounds = free.length === 0 ? 0 : Math.min(150, Math.floor(2e6 / (inst.U * inst.R + 1)));
  for (let k = 0; k < rounds && !stopped(ctl); k++) {
    progress(0.7 + (0.1 * k) / rounds, 'improve');
    const trial = new Plan(inst, best.assign);
    kick(trial, rand, free);
    repair(trial, ctl);
    improve(trial, rand, ctl, prefs);
    if (better(trial, best)) best = trial;
  }
  // Still outside the bands (and nothing proves that it must be): keep kicking, harder, while the work budget lasts;
  // tight bands on small instances often have balanced plans that only a few kicks in many reach.
  const extra =
    free.length === 0 || inst.blockers.length > 0 ? 0 : Math.min(2000, Math.floor(4e6 / (inst.U * inst.R + 1)));
  for (let k = 0; k < extra && best.violation() > 0 && !stopped(ctl); k++) {
    const trial = new Plan(inst, best.assign);
    kick(trial, rand, free);
    if (k % 2 === 1) kick(trial, rand, free);
    repair(trial, ctl);
    improve(trial, rand, ctl, prefs);
    if (better(trial, best)) best = trial;
  }
  best = sendHome(best, rand, ctl, free, prefs, progress);
  progress(1, 'done');
  return { assign: best.assign, lowerBound: lag ? lag.bound : null };
}

/** Work budget of the send-home search: rounds x units x reps (3,000 rounds at 1,000 x 20, 60 at 10,000 x 100). */
const SEND_HOME_WORK = 6e7;
const SEND_HOME_MAX_ROUNDS = 3000;
/**
 * Record-to-record travel (Dueck 1993): a round's plan within the bands becomes the plan the next round starts from
 * when it costs less than the best plan's objective plus this share of a typical move's cost (a unit's second
 * cheapest rep over its cheapest), so the search can cross the flat ridges between near-optimal plans. Tuned on
 * seeded instances (bench/territory.bench.ts).
 */
const SEND_HOME_DEVIATION = 0.05;
/**
 * Rounds without a new best after which the search goes back to the best plan. On the 1,000 x 20 bench instance, seeds
 * 1 to 8 reach the best plan found there in 7 of 8 runs with it and 4 of 8 without; over seeds 1 to 24, in 12.
 */
const SEND_HOME_RESET = 200;

/**
 * Large-neighbourhood search aimed at the disruption, which the plans above mostly pay for with accounts moved
 * a little too often. Each round takes the current plan, sends a few moved units back to their owners (random ones, or
 * one and the moved units that touch its two reps), rebalances it and polishes it with `improve`; the best plan is
 * kept, and the round's plan becomes the current one when it is within the bands and close to the best
 * (SEND_HOME_DEVIATION; back to the best after SEND_HOME_RESET rounds without progress). The rebalancing is the
 * repair with a low price on violation (2 to 8 times the typical move's cost per unit of violation, drawn per round),
 * so it prefers cheap moves, above all re-routing units that are moved anyway; every other round it first tries
 * re-routing alone, which brings the plan back within the bands with fewer moved accounts when it succeeds. A fixed
 * number of rounds, so that a seed always gives the same plan.
 */
function sendHome(
  start: Plan,
  rand: () => number,
  ctl: SearchControl,
  free: number[],
  prefs: Int32Array[],
  progress: (f: number, phase: string) => void,
): Plan {
  const inst = start.inst;
  const owner = new Int32Array(inst.U).fill(-1);
  for (const u of free) owner[u] = unitOwner(inst, u);
  const owned = free.filter((u) => owner[u] >= 0);
  const rounds =
    owned.length === 0 ? 0 : Math.min(SEND_HOME_MAX_ROUNDS, Math.floor(SEND_HOME_WORK / (inst.U * inst.R + 1)));
  const lambda = typicalLambda(inst, free);
  const deviation = SEND_HOME_DEVIATION * typicalMoveCost(inst, free);
  const near = nearReps(inst, prefs, 6);
  let best = start;
  let cur = start;
  let lastBest = 0;
  const goHome = (plan: Plan, u: number) => {
    const o = owner[u];
    if (plan.assign[u] !== o && plan.count[o] + inst.unitCount[u] <= inst.cap[o]) plan.move(u, o);
  };
  for (let k = 0; k < rounds && !stopped(ctl); k++) {
    if (k % 32 === 0) progress(0.8 + (0.2 * k) / rounds, 'improve');
    const moved = owned.filter((u) => cur.assign[u] !== owner[u]);
    if (moved.length === 0) break;
    const trial = new Plan(inst, cur.assign);
    if (rand() < 0.5) {
      const n = 1 + Math.floor(rand() * 8);
      for (let i = 0; i < n; i++) goHome(trial, moved[Math.floor(rand() * moved.length)]);
    } else {
      // one moved unit and up to 8 other moved units whose rep or owner is one of its two reps
      const u0 = moved[Math.floor(rand() * moved.length)];
      const ra = trial.assign[u0];
      const rb = owner[u0];
      const touching = moved.filter(
        (u) => u !== u0 && (trial.assign[u] === ra || trial.assign[u] === rb || owner[u] === ra || owner[u] === rb),
      );
      for (let i = touching.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [touching[i], touching[j]] = [touching[j], touching[i]];
      }
      for (const u of [u0, ...touching.slice(0, 8)]) goHome(trial, u);
    }
    const penalty = lambda * 2 * Math.pow(4, rand());
    let plan = trial;
    if (rand() < 0.5) {
      // re-routing alone: only units that were moved before this round may move
      const mask = new Uint8Array(inst.U);
      for (const u of moved) mask[u] = 1;
      const rerouted = new Plan(inst, trial.assign);
      repair(rerouted, ctl, penalty, near, mask);
      if (rerouted.violation() === 0) plan = rerouted;
    }
    if (plan === trial) repair(trial, ctl, penalty, near);
    // only pairs of reps that changed can hold a new improving move or swap
    const active = new Uint8Array(inst.R);
    for (let u = 0; u < inst.U; u++)
      if (plan.assign[u] !== cur.assign[u]) active[plan.assign[u]] = active[cur.assign[u]] = 1;
    improve(plan, rand, ctl, prefs, active);
    if (better(plan, best)) {
      best = cur = plan;
      lastBest = k;
    } else if (plan.violation() === 0 && plan.objective < best.objective + deviation) cur = plan;
    if (k - lastBest >= SEND_HOME_RESET) {
      cur = best;
      lastBest = k;
    }
  }
  return best;
}
