/**
 * Territory balancing: assign accounts to reps so that every rep's load on every chosen metric lies within a
 * tolerance of its capacity-weighted share, while disrupting as few customer relationships and causing as little
 * travel as possible. The standard territory-design model (Kalcsics, Nickel & Schroeder 2005; Zoltners & Sinha 2005).
 *
 * The objective, in plain words:
 * - disruption = the share of accounts (or of potential) that leave their current owner. 0 = nobody moves,
 *   1 = every account moves. Accounts whose current owner is not one of the reps must move anyway and do not count.
 * - travel = workload-weighted great-circle distance from each account to its rep's home, divided by the same sum
 *   when every account is served from the average rep home distance (a random assignment). 0 = every account sits at
 *   its rep's home, 1 = no better than a random assignment. Accounts without coordinates add nothing; a rep without
 *   a home is charged each account's average distance (neutral).
 * - objective = w_disruption x disruption + w_travel x travel. With weights disruption=1, travel=0.2, moving 10% of
 *   accounts costs as much as halving travel relative to a random assignment.
 *
 * Fast mode (this file, pure): Lagrangian relaxation of the balance constraints (which also gives a lower bound),
 * then repair by moves and swaps to meet the tolerance bands, then local search (moves and swaps that keep every
 * rep inside its band) to lower the objective; families move as one unit, locked accounts never move. Deterministic
 * for a given seed. Exact mode builds a MILP of the same instance (src/solver/territory-highs.ts).
 */
import { numError, valueError } from './errors';
import { seededRandom } from './random';

export { seededRandom };

export interface TerritoryAccount {
  id: string;
  /** One value per balance metric, aligned with `metricNames`. Non-negative. */
  metrics: number[];
  lat?: number | null;
  lon?: number | null;
  /** Current owner (a rep id); blank when unassigned. */
  owner?: string | null;
  /** A locked account keeps its current owner. */
  locked?: boolean;
  /** Accounts sharing a family id stay together. */
  family?: string | null;
}

export interface TerritoryRep {
  id: string;
  /** Capacity weight: a rep at 0.5 gets half a share. Default 1. */
  weight?: number | null;
  lat?: number | null;
  lon?: number | null;
  maxAccounts?: number | null;
}

export interface TerritoryWeights {
  disruption: number;
  travel: number;
}

export interface TerritoryOptions {
  metricNames: string[];
  /** Allowed deviation from each rep's target, as a fraction (0.05 = plus or minus 5%). */
  tolerance?: number;
  weights?: Partial<TerritoryWeights>;
  /** Disruption counts moved accounts ('accounts') or moved potential ('potential'). Default 'accounts'. */
  disruptionBasis?: 'accounts' | 'potential';
  /** Index of the potential metric (for disruption by potential and "potential moved"); default: 'potential' or the first. */
  potentialMetric?: number;
  /** Index of the workload metric that weights travel; default: a metric named 'workload', else 1 per account. */
  workloadMetric?: number | null;
  seed?: number;
  /** Fast mode: stop improving after this many seconds and return the best plan. */
  timeLimitSeconds?: number;
  /** Called now and then with progress 0..1 and the phase. */
  onProgress?: (fraction: number, phase: string) => void;
  /** Polled now and then; true stops the search and returns the best plan so far. */
  shouldStop?: () => boolean;
}

export const DEFAULT_TOLERANCE = 0.05;
/**
 * The built-in account-count metric's name: 1 per account, so that balancing on it gives every rep its share of the
 * accounts (the command line's `--metrics accounts,potential`, the task pane's "Account count").
 */
export const ACCOUNT_COUNT_METRIC = 'accounts';
export const DEFAULT_WEIGHTS: TerritoryWeights = { disruption: 1, travel: 0.2 };
/** Penalty per unit of normalised band violation: large enough that any balance gain beats any objective gain. */
export const VIOLATION_PENALTY = 1000;
/** Violation per account over a rep's max_accounts, in the units of the band violation (mean shares). */
const CAP_PENALTY = 1;

/** The instance as the solvers see it: accounts grouped into units (families), costs and bands precomputed. */
export interface TerritoryInstance {
  accounts: TerritoryAccount[];
  reps: TerritoryRep[];
  metricNames: string[];
  tolerance: number;
  weights: TerritoryWeights;
  potentialMetric: number;
  workloadMetric: number | null;
  disruptionBasis: 'accounts' | 'potential';
  /** R reps, M metrics, U units. */
  R: number;
  M: number;
  U: number;
  /** Account indexes of each unit. */
  unitAccounts: number[][];
  /** unit x metric, raw. */
  unitMetric: Float64Array;
  /** unit x metric divided by the metric's mean target (total / R), so loads are about 1 per rep. */
  unitMetricHat: Float64Array;
  unitCount: Int32Array;
  /** Rep index a locked unit must stay with, or -1. */
  unitLocked: Int32Array;
  /** unit x rep: the objective contribution of giving the unit to the rep. */
  cost: Float64Array;
  totals: number[];
  metricScale: number[];
  target: Float64Array; // rep x metric, raw
  lo: Float64Array;
  hi: Float64Array;
  loHat: Float64Array; // normalised like unitMetricHat
  hiHat: Float64Array;
  cap: Float64Array; // max accounts per rep (Infinity when none)
  /** Current owner's rep index per account, or -1. */
  currentRep: Int32Array;
  /** Distance in km from each account to each rep's home (NaN when unknown). account x rep */
  distanceKm: Float64Array;
  /** Each account's average distance to the rep homes (0 without coordinates): what a rep without a home is charged. */
  meanDistanceKm: Float64Array;
  disruptionTotal: number;
  travelNorm: number;
  /** Constraints that make the tolerance impossible, found before solving. */
  blockers: string[];
}

export interface RepSummary {
  id: string;
  weight: number;
  accounts: number;
  loads: number[];
  targets: number[];
  /** (load - target) / target per metric; 0 when the target is 0 and the load is 0. */
  deviations: number[];
  withinBand: boolean[];
}

export interface MetricSummary {
  name: string;
  total: number;
  /** Highest load/target over lowest load/target across reps (null when a rep with a target has no load). */
  maxMinRatio: number | null;
  /** Largest |load - target| / target over reps. */
  largestDeviation: number;
  tolerance: number;
  /** Population standard deviation of load/target over its mean. */
  coefficientOfVariation: number;
  feasible: boolean;
}

export interface AccountAssignment {
  id: string;
  owner: string;
  currentOwner: string | null;
  moved: boolean;
}

export interface TerritoryResult {
  mode: 'fast' | 'exact';
  feasible: boolean;
  assignments: AccountAssignment[];
  reps: RepSummary[];
  metrics: MetricSummary[];
  accountsMoved: number;
  accountsMovedShare: number;
  potentialMoved: number;
  potentialMovedShare: number;
  /** Accounts whose owner is blank or not a rep (they get one; not counted as disruption). */
  accountsReassigned: number;
  travelMeanKm: number | null;
  travelMaxKm: number | null;
  disruption: number;
  travel: number;
  objective: number;
  lowerBound: number | null;
  boundSource: string | null;
  gap: number | null;
  runMs: number;
  blockers: string[];
  /**
   * The bands and max_accounts this plan misses, largest first (empty when feasible), e.g. "rep 'B' potential 40 is
   * 7.5 below its band 47.5 to 52.5 (target 50)": the constraints that the most balanced plan found still breaks.
   */
  violations: string[];
  message: string;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle (haversine) distance in km. */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

function hasPoint(lat: number | null | undefined, lon: number | null | undefined): boolean {
  return typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon);
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(Math.round(x * 100) / 100);
}

/** Checks the inputs, groups families into units, and precomputes targets, bands and costs. */
export function prepareTerritory(accounts: TerritoryAccount[], reps: TerritoryRep[], options: TerritoryOptions): TerritoryInstance {
  const metricNames = options.metricNames;
  const M = metricNames.length;
  const R = reps.length;
  if (M === 0) throw valueError('metrics is empty; name at least one metric column to balance');
  if (R === 0) throw valueError('reps is empty; give at least one rep');
  if (accounts.length === 0) throw valueError('accounts is empty');
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (!(tolerance >= 0)) throw valueError(`tolerance is ${tolerance}; enter a fraction such as 0.05 for plus or minus 5%`);
  const weights = { ...DEFAULT_WEIGHTS, ...(options.weights ?? {}) };
  for (const k of ['disruption', 'travel'] as const) {
    if (!(weights[k] >= 0 && Number.isFinite(weights[k]))) throw valueError(`weights ${k} is ${weights[k]}; enter a number 0 or above`);
  }
  const repIndex = new Map<string, number>();
  reps.forEach((r, i) => {
    const id = String(r.id ?? '').trim();
    if (!id) throw valueError(`reps row ${i + 1}: id is blank`);
    if (repIndex.has(id)) throw valueError(`reps row ${i + 1}: rep '${id}' appears twice`);
    const w = r.weight ?? 1;
    if (!(w >= 0 && Number.isFinite(w))) throw valueError(`reps row ${i + 1}: weight is ${w}; enter a capacity weight 0 or above (1 = a full share)`);
    if (r.maxAccounts != null && !(r.maxAccounts >= 0)) throw valueError(`reps row ${i + 1}: max_accounts is ${r.maxAccounts}; enter a count 0 or above`);
    repIndex.set(id, i);
  });
  const weightSum = reps.reduce((s, r) => s + (r.weight ?? 1), 0);
  if (!(weightSum > 0)) throw valueError('reps: every capacity weight is 0; give at least one rep a weight above 0');

  const potentialMetric = options.potentialMetric ?? Math.max(0, metricNames.findIndex((n) => /potential/i.test(n)));
  const workloadGuess = metricNames.findIndex((n) => /workload/i.test(n));
  const workloadMetric = options.workloadMetric !== undefined ? options.workloadMetric : workloadGuess >= 0 ? workloadGuess : null;

  // Accounts: checks, current owner, families.
  const seen = new Set<string>();
  const currentRep = new Int32Array(accounts.length).fill(-1);
  const familyOf = new Map<string, number[]>();
  const totals = new Array(M).fill(0);
  accounts.forEach((a, i) => {
    const id = String(a.id ?? '').trim();
    if (!id) throw valueError(`accounts row ${i + 1}: id is blank`);
    if (seen.has(id)) throw valueError(`accounts row ${i + 1}: account '${id}' appears twice`);
    seen.add(id);
    if (a.metrics.length !== M) throw valueError(`accounts row ${i + 1}: ${a.metrics.length} metric values for ${M} metrics`);
    a.metrics.forEach((v, m) => {
      if (!(Number.isFinite(v) && v >= 0)) throw valueError(`accounts row ${i + 1}: ${metricNames[m]} is ${v}; balance metrics must be numbers 0 or above`);
      totals[m] += v;
    });
    const owner = a.owner == null ? '' : String(a.owner).trim();
    if (owner) currentRep[i] = repIndex.get(owner) ?? -1;
    if (a.locked && currentRep[i] < 0) {
      throw valueError(`accounts row ${i + 1}: account '${id}' is locked but its owner '${owner}' is ${owner ? 'not in reps' : 'blank'}`);
    }
    const fam = a.family == null || String(a.family).trim() === '' ? `\u0000${id}` : `family:${String(a.family).trim()}`;
    const list = familyOf.get(fam);
    if (list) list.push(i);
    else familyOf.set(fam, [i]);
  });

  totals.forEach((t, m) => {
    if (!Number.isFinite(t)) throw numError(`accounts: ${metricNames[m]} adds up to more than the largest number; scale it down (e.g. thousands)`);
  });
  const unitAccounts = [...familyOf.values()];
  const U = unitAccounts.length;
  const unitMetric = new Float64Array(U * M);
  const unitMetricHat = new Float64Array(U * M);
  const unitCount = new Int32Array(U);
  const unitLocked = new Int32Array(U).fill(-1);
  const metricScale = totals.map((t) => (t > 0 ? t / R : 1));
  unitAccounts.forEach((members, u) => {
    unitCount[u] = members.length;
    for (const i of members) {
      for (let m = 0; m < M; m++) unitMetric[u * M + m] += accounts[i].metrics[m];
      if (accounts[i].locked) {
        const r = currentRep[i];
        if (unitLocked[u] >= 0 && unitLocked[u] !== r) {
          throw valueError(`accounts row ${i + 1}: account '${accounts[i].id}' is locked to '${reps[r].id}' but its family '${accounts[i].family}' has another account locked to '${reps[unitLocked[u]].id}'`);
        }
        unitLocked[u] = r;
      }
    }
    for (let m = 0; m < M; m++) unitMetricHat[u * M + m] = unitMetric[u * M + m] / metricScale[m];
  });

  // Targets and bands.
  const target = new Float64Array(R * M);
  const lo = new Float64Array(R * M);
  const hi = new Float64Array(R * M);
  const loHat = new Float64Array(R * M);
  const hiHat = new Float64Array(R * M);
  const cap = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    const share = (reps[r].weight ?? 1) / weightSum;
    cap[r] = reps[r].maxAccounts == null ? Infinity : Math.floor(reps[r].maxAccounts as number);
    for (let m = 0; m < M; m++) {
      const k = r * M + m;
      target[k] = totals[m] * share;
      lo[k] = target[k] * (1 - tolerance);
      hi[k] = target[k] * (1 + tolerance);
      loHat[k] = lo[k] / metricScale[m];
      hiHat[k] = hi[k] / metricScale[m];
    }
  }
  const capTotal = cap.reduce((s, c) => s + c, 0);
  if (capTotal < accounts.length) {
    throw numError(`reps: max_accounts add up to ${capTotal} but there are ${accounts.length} accounts; raise max_accounts or add reps`);
  }

  // Distances and costs.
  const N = accounts.length;
  const distanceKm = new Float64Array(N * R).fill(NaN);
  const work = accounts.map((a) => (workloadMetric === null ? 1 : a.metrics[workloadMetric]));
  let travelNorm = 0;
  const meanDist = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const a = accounts[i];
    if (!hasPoint(a.lat, a.lon)) continue;
    let sum = 0;
    let n = 0;
    for (let r = 0; r < R; r++) {
      const rep = reps[r];
      if (!hasPoint(rep.lat, rep.lon)) continue;
      const d = greatCircleKm(a.lat as number, a.lon as number, rep.lat as number, rep.lon as number);
      distanceKm[i * R + r] = d;
      sum += d;
      n++;
    }
    meanDist[i] = n ? sum / n : 0;
    travelNorm += work[i] * meanDist[i];
  }
  const disruptionOf = accounts.map((a) => (options.disruptionBasis === 'potential' ? a.metrics[potentialMetric] : 1));
  const disruptionTotal = disruptionOf.reduce((s, d) => s + d, 0);
  const cost = new Float64Array(U * R);
  unitAccounts.forEach((members, u) => {
    for (let r = 0; r < R; r++) {
      let c = 0;
      for (const i of members) {
        if (currentRep[i] >= 0 && currentRep[i] !== r && disruptionTotal > 0) c += (weights.disruption * disruptionOf[i]) / disruptionTotal;
        if (travelNorm > 0 && hasPoint(accounts[i].lat, accounts[i].lon)) {
          const d = distanceKm[i * R + r];
          // A rep without a home is neutral: charged the account's average distance.
          c += (weights.travel * work[i] * (Number.isNaN(d) ? meanDist[i] : d)) / travelNorm;
        }
      }
      cost[u * R + r] = c;
    }
  });

  const inst: TerritoryInstance = {
    accounts, reps, metricNames, tolerance, weights, potentialMetric, workloadMetric, R, M, U,
    disruptionBasis: options.disruptionBasis ?? 'accounts',
    unitAccounts, unitMetric, unitMetricHat, unitCount, unitLocked, cost, totals, metricScale,
    target, lo, hi, loHat, hiHat, cap, currentRep, distanceKm, meanDistanceKm: meanDist, disruptionTotal, travelNorm, blockers: [],
  };
  inst.blockers = findBlockers(inst);
  return inst;
}

function unitName(inst: TerritoryInstance, u: number): string {
  const members = inst.unitAccounts[u];
  const first = inst.accounts[members[0]];
  return members.length === 1 ? `account '${first.id}'` : `family '${first.family}' (${members.length} accounts)`;
}

/** Necessary conditions for the tolerance: each blocker is one constraint that no plan can satisfy. */
function findBlockers(inst: TerritoryInstance): string[] {
  const { R, M, U, metricNames, tolerance } = inst;
  const out: string[] = [];
  const pct = `plus or minus ${fmt(tolerance * 100)}%`;
  const lockedLoad = new Float64Array(R * M);
  const lockedCount = new Float64Array(R);
  for (let u = 0; u < U; u++) {
    const r = inst.unitLocked[u];
    if (r < 0) continue;
    lockedCount[r] += inst.unitCount[u];
    for (let m = 0; m < M; m++) lockedLoad[r * M + m] += inst.unitMetric[u * M + m];
  }
  for (let m = 0; m < M; m++) {
    let maxHi = 0;
    for (let r = 0; r < R; r++) maxHi = Math.max(maxHi, inst.hi[r * M + m]);
    let worst = -1;
    for (let u = 0; u < U; u++) {
      if (inst.unitLocked[u] >= 0) continue;
      const v = inst.unitMetric[u * M + m];
      if (v > maxHi * (1 + 1e-12) && (worst < 0 || v > inst.unitMetric[worst * M + m])) worst = u;
    }
    if (worst >= 0) {
      let count = 0;
      for (let u = 0; u < U; u++) if (inst.unitLocked[u] < 0 && inst.unitMetric[u * M + m] > maxHi * (1 + 1e-12)) count++;
      out.push(
        `${unitName(inst, worst)} has ${metricNames[m]} ${fmt(inst.unitMetric[worst * M + m])}, more than the largest upper band ${fmt(maxHi)} (a share at ${pct})` +
          (count > 1 ? `; ${count} units are that large` : '') +
          `: a tolerance of at least ${fmt((inst.unitMetric[worst * M + m] / (maxHi / (1 + tolerance)) - 1) * 100)}% is needed`,
      );
    }
    for (let r = 0; r < R; r++) {
      const k = r * M + m;
      if (lockedLoad[k] > inst.hi[k] * (1 + 1e-12)) {
        out.push(`locked accounts give rep '${inst.reps[r].id}' ${metricNames[m]} ${fmt(lockedLoad[k])}, above its upper band ${fmt(inst.hi[k])} at ${pct}`);
      }
    }
  }
  for (let r = 0; r < R; r++) {
    if (lockedCount[r] > inst.cap[r]) out.push(`rep '${inst.reps[r].id}' has ${lockedCount[r]} locked accounts but max_accounts ${inst.cap[r]}`);
  }
  // Reps that need some load cannot all get a unit when there are fewer units than such reps.
  for (let m = 0; m < M; m++) {
    let needy = 0;
    for (let r = 0; r < R; r++) if (inst.lo[r * M + m] > 0) needy++;
    let units = 0;
    for (let u = 0; u < U; u++) if (inst.unitMetric[u * M + m] > 0) units++;
    if (units < needy) out.push(`only ${units} accounts (families counted once) carry ${metricNames[m]} but ${needy} reps need a share of it`);
  }
  return out;
}

/** Mutable plan state shared by the search phases. */
class Plan {
  readonly assign: Int32Array;
  readonly load: Float64Array; // rep x metric, normalised
  readonly count: Float64Array;
  objective = 0;
  constructor(readonly inst: TerritoryInstance, assign: Int32Array) {
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

interface SearchControl {
  deadline: number;
  shouldStop?: () => boolean;
}

function stopped(ctl: SearchControl): boolean {
  return Date.now() > ctl.deadline || (ctl.shouldStop?.() ?? false);
}

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

function size(inst: TerritoryInstance, u: number): number {
  let s = 0;
  for (let m = 0; m < inst.M; m++) s += inst.unitMetricHat[u * inst.M + m];
  return s;
}

/**
 * Lagrangian relaxation of the band and max-accounts constraints, maximised by subgradient steps (Polyak step,
 * Held-Wolfe-Crowder). Every iterate's value is a valid lower bound on the objective of any plan within the bands.
 */
function lagrangian(inst: TerritoryInstance, upper: number, iterations: number, ctl: SearchControl): { bound: number; price: Float64Array; assign: Int32Array; modeAssign: Int32Array } {
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
      g[k] = p > 0 ? load[k] - hiHat[k] : p < 0 ? load[k] - loHat[k] : load[k] > hiHat[k] ? load[k] - hiHat[k] : load[k] < loHat[k] ? load[k] - loHat[k] : 0;
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
    const target = Number.isNaN(upper) ? best + Math.max(0.02 * Math.abs(best), 1e-6) : Math.max(upper, best + 1e-6 * (Math.abs(best) + 1e-3));
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

/**
 * Repair: moves and swaps that lower the band violation (most violated rep first), preferring cheap moves,
 * until every rep is inside its band or no move or swap helps.
 */
function repair(plan: Plan, ctl: SearchControl, penalty = VIOLATION_PENALTY, near?: Int32Array[], movable?: Uint8Array): void {
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
        if (vin - repViol[from] >= -1e-12 || penalty * (vin - repViol[from]) + cost[u * R + r] - cost[u * R + from] >= best) continue;
        const dv = vin + plan.repViolation(from, u, -1) - repViol[from];
        if (dv >= -1e-12) continue;
        const score = penalty * dv + cost[u * R + r] - cost[u * R + from];
        if (score < best) [best, bu, bs, bv] = [score, u, r, -1];
      }
    }
    if (bu < 0) {
      // Swaps between a unit of r and a unit elsewhere.
      const mine: number[] = [];
      for (let u = 0; u < U; u++) if (plan.assign[u] === r && unitLocked[u] < 0 && (!movable || movable[u])) mine.push(u);
      // With `near`, the reps near r first; all reps only when none of those helps.
      const nearSet = near ? new Uint8Array(R) : null;
      if (near && nearSet) for (const s of near[r]) nearSet[s] = 1;
      const violR = repViol[r];
      // minOut[s]: the cheapest change of cost for one of r's units to go to s. The violation can fall by at most
      // violR + violS, so a swap whose cost change leaves it unable to beat the best is skipped before its
      // violation is computed (first for all of r's units at once, then per unit).
      const minOut = new Float64Array(R).fill(Infinity);
      for (const u of mine) for (let s = 0; s < R; s++) minOut[s] = Math.min(minOut[s], cost[u * R + s] - cost[u * R + r]);
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
          if (plan.repViolation(r, u, -1, v, 1) > vrOut + 1e-12 || plan.repViolation(s, v, -1, u, 1) > vs + 1e-12) continue;
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
    const order = [...Array(R).keys()].filter((s) => s !== r).sort((a, b) => affinity[r * R + b] - affinity[r * R + a] || a - b);
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

/** Whether plan a is better than b: inside the bands first, then less violation, then lower objective. */
function better(a: Plan, b: Plan | null): boolean {
  if (!b) return true;
  const va = a.violation();
  const vb = b.violation();
  if ((va === 0) !== (vb === 0)) return va === 0;
  if (va > 0 && Math.abs(va - vb) > 1e-9) return va < vb;
  return a.objective < b.objective - 1e-12;
}

export interface FastSolution {
  assign: Int32Array;
  lowerBound: number | null;
}

/** The fast heuristic on a prepared instance: returns a unit assignment and the Lagrangian lower bound. */
export function solveFast(inst: TerritoryInstance, options: Pick<TerritoryOptions, 'seed' | 'timeLimitSeconds' | 'onProgress' | 'shouldStop'> = {}): FastSolution {
  const rand = seededRandom(options.seed ?? 1);
  const ctl: SearchControl = { deadline: Date.now() + (options.timeLimitSeconds ?? 3600) * 1000, shouldStop: options.shouldStop };
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
  const extra = free.length === 0 || inst.blockers.length > 0 ? 0 : Math.min(2000, Math.floor(4e6 / (inst.U * inst.R + 1)));
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
function sendHome(start: Plan, rand: () => number, ctl: SearchControl, free: number[], prefs: Int32Array[], progress: (f: number, phase: string) => void): Plan {
  const inst = start.inst;
  const owner = new Int32Array(inst.U).fill(-1);
  for (const u of free) owner[u] = unitOwner(inst, u);
  const owned = free.filter((u) => owner[u] >= 0);
  const rounds = owned.length === 0 ? 0 : Math.min(SEND_HOME_MAX_ROUNDS, Math.floor(SEND_HOME_WORK / (inst.U * inst.R + 1)));
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
      const touching = moved.filter((u) => u !== u0 && (trial.assign[u] === ra || trial.assign[u] === rb || owner[u] === ra || owner[u] === rb));
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
    for (let u = 0; u < inst.U; u++) if (plan.assign[u] !== cur.assign[u]) active[plan.assign[u]] = active[cur.assign[u]] = 1;
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

/** Objective value of a unit assignment (disruption and travel as documented at the top of this file). */
export function planObjective(inst: TerritoryInstance, assign: Int32Array): number {
  let s = 0;
  for (let u = 0; u < inst.U; u++) s += inst.cost[u * inst.R + assign[u]];
  return s;
}

/** Builds the report of a unit assignment: per account, per rep, per metric, moves, travel, bound and gap. */
export function summarizePlan(
  inst: TerritoryInstance,
  assign: Int32Array,
  extra: {
    mode: 'fast' | 'exact';
    runMs: number;
    lowerBound?: number | null;
    boundSource?: string | null;
    /** The message when no plan within the bands was found (default: it says which bands the plan misses). */
    note?: string;
    /** Set when a solver proved that no plan meets the bands: how (e.g. "the MILP proves it"). */
    proof?: string;
  },
): TerritoryResult {
  const { accounts, reps, R, M, metricNames, tolerance, potentialMetric } = inst;
  const ownerOf = new Int32Array(accounts.length);
  inst.unitAccounts.forEach((members, u) => members.forEach((i) => (ownerOf[i] = assign[u])));
  const loads = new Float64Array(R * M);
  const counts = new Array(R).fill(0);
  let moved = 0;
  let potentialMoved = 0;
  let reassigned = 0;
  let travelSum = 0;
  let travelMax: number | null = null;
  let travelN = 0;
  let travelWeighted = 0;
  const potentialTotal = inst.totals[potentialMetric];
  const assignments: AccountAssignment[] = accounts.map((a, i) => {
    const r = ownerOf[i];
    counts[r]++;
    for (let m = 0; m < M; m++) loads[r * M + m] += a.metrics[m];
    const cur = inst.currentRep[i];
    const currentOwner = a.owner == null || String(a.owner).trim() === '' ? null : String(a.owner).trim();
    const isMoved = cur >= 0 && cur !== r;
    if (isMoved) {
      moved++;
      potentialMoved += a.metrics[potentialMetric];
    } else if (cur < 0) reassigned++;
    const d = inst.distanceKm[i * R + r];
    if (!Number.isNaN(d)) {
      travelSum += d;
      travelN++;
      travelMax = Math.max(travelMax ?? 0, d);
    }
    return { id: a.id, owner: reps[r].id, currentOwner, moved: isMoved };
  });
  const objective = planObjective(inst, assign);
  // The two parts of the objective, unweighted (each 0..1 as documented at the top of this file).
  const disruption = inst.disruptionTotal > 0 ? (inst.disruptionBasis === 'potential' ? potentialMoved : moved) / inst.disruptionTotal : 0;
  for (let i = 0; i < accounts.length; i++) {
    const d = inst.distanceKm[i * R + ownerOf[i]];
    const charged = Number.isNaN(d) ? inst.meanDistanceKm[i] : d;
    travelWeighted += (inst.workloadMetric === null ? 1 : accounts[i].metrics[inst.workloadMetric]) * charged;
  }
  const travel = inst.travelNorm > 0 ? travelWeighted / inst.travelNorm : 0;

  const repRows: RepSummary[] = reps.map((rep, r) => {
    const l: number[] = [];
    const t: number[] = [];
    const dev: number[] = [];
    const ok: boolean[] = [];
    for (let m = 0; m < M; m++) {
      const k = r * M + m;
      l.push(loads[k]);
      t.push(inst.target[k]);
      dev.push(inst.target[k] > 0 ? (loads[k] - inst.target[k]) / inst.target[k] : loads[k] > 0 ? Infinity : 0);
      // the same slack as the search: 1e-9 of a mean share (rounding noise, not balance)
      const slack = 1e-9 * inst.metricScale[m];
      ok.push(loads[k] >= inst.lo[k] - slack && loads[k] <= inst.hi[k] + slack);
    }
    return { id: rep.id, weight: rep.weight ?? 1, accounts: counts[r], loads: l, targets: t, deviations: dev, withinBand: ok };
  });
  const metrics: MetricSummary[] = metricNames.map((name, m) => {
    const ratios: number[] = [];
    let largest = 0;
    let feasible = true;
    for (let r = 0; r < R; r++) {
      const row = repRows[r];
      if (!row.withinBand[m]) feasible = false;
      if (row.targets[m] > 0) {
        ratios.push(row.loads[m] / row.targets[m]);
        largest = Math.max(largest, Math.abs(row.deviations[m]));
      } else if (row.loads[m] > 0) largest = Infinity;
    }
    const maxR = Math.max(...ratios);
    const minR = Math.min(...ratios);
    const mean = ratios.reduce((s, x) => s + x, 0) / (ratios.length || 1);
    const sd = Math.sqrt(ratios.reduce((s, x) => s + (x - mean) ** 2, 0) / (ratios.length || 1));
    return {
      name,
      total: inst.totals[m],
      maxMinRatio: ratios.length === 0 ? null : minR > 0 ? maxR / minR : null,
      largestDeviation: largest,
      tolerance,
      coefficientOfVariation: mean > 0 ? sd / mean : 0,
      feasible,
    };
  });
  const capOk = repRows.every((row, r) => row.accounts <= inst.cap[r]);
  const feasible = capOk && metrics.every((m) => m.feasible);
  const lowerBound = extra.lowerBound ?? null;
  // A bound on balanced plans says nothing about an unbalanced one: no gap then.
  const gap = lowerBound === null || !feasible ? null : objective <= 1e-12 ? 0 : Math.max(0, (objective - lowerBound) / objective);
  const pct = `plus or minus ${fmt(tolerance * 100)}%`;
  const violations = feasible ? [] : bandViolations(inst, repRows);
  const misses = violations.length === 0 ? '' : `${violations.slice(0, 3).join('; ')}${violations.length > 3 ? `; and ${violations.length - 3} more` : ''}`;
  let message: string;
  if (feasible) message = `every rep is within ${pct} of its target on ${metricNames.join(', ')}; ${moved} of ${accounts.length} accounts move`;
  else if (inst.blockers.length) message = `no plan can keep every rep within ${pct}: ${inst.blockers[0]}; the most balanced plan found is returned`;
  else if (extra.proof) message = `no plan can keep every rep within ${pct} (${extra.proof}); the most balanced plan is returned and still misses: ${misses}`;
  else message = `${extra.note ?? `no plan within ${pct} was found`}; the most balanced plan found is returned and still misses: ${misses}${extra.note ? '' : ' (exact mode can prove whether any plan meets the bands)'}`;
  return {
    mode: extra.mode,
    feasible,
    assignments,
    reps: repRows,
    metrics,
    accountsMoved: moved,
    accountsMovedShare: moved / accounts.length,
    potentialMoved,
    potentialMovedShare: potentialTotal > 0 ? potentialMoved / potentialTotal : 0,
    accountsReassigned: reassigned,
    travelMeanKm: travelN ? travelSum / travelN : null,
    travelMaxKm: travelMax,
    disruption,
    travel,
    objective,
    lowerBound,
    boundSource: lowerBound === null ? null : (extra.boundSource ?? null),
    gap,
    runMs: extra.runMs,
    blockers: inst.blockers.length || !extra.proof ? inst.blockers : violations,
    violations,
    message,
  };
}

/** The bands and max_accounts a plan misses, as sentences, the largest miss (relative to the target) first. */
function bandViolations(inst: TerritoryInstance, repRows: RepSummary[]): string[] {
  const found: { size: number; text: string }[] = [];
  repRows.forEach((row, r) => {
    const rep = `rep '${row.id}'`;
    for (let m = 0; m < inst.M; m++) {
      if (row.withinBand[m]) continue;
      const k = r * inst.M + m;
      const load = row.loads[m];
      const below = load < inst.lo[k];
      const miss = below ? inst.lo[k] - load : load - inst.hi[k];
      found.push({
        size: miss / (inst.target[k] > 0 ? inst.target[k] : inst.metricScale[m]),
        text: `${rep} ${inst.metricNames[m]} ${fmt(load)} is ${fmt(miss)} ${below ? 'below' : 'above'} its band ${fmt(inst.lo[k])} to ${fmt(inst.hi[k])} (target ${fmt(inst.target[k])})`,
      });
    }
    if (row.accounts > inst.cap[r]) {
      found.push({ size: row.accounts - inst.cap[r], text: `${rep} has ${row.accounts} accounts, ${row.accounts - inst.cap[r]} over its max_accounts ${inst.cap[r]}` });
    }
  });
  return found.sort((a, b) => b.size - a.size).map((f) => f.text);
}

/** Band violation (normalised, in mean shares) plus accounts over max_accounts of a unit assignment; 0 = feasible. */
export function planViolation(inst: TerritoryInstance, assign: Int32Array): number {
  return new Plan(inst, assign).violation();
}

/**
 * Balances territories in fast mode (pure, synchronous). Example: 4 accounts with potential 10, 20, 30, 40 all owned
 * by rep A, reps A and B, plus or minus 5%: each rep needs 47.5..52.5, so A keeps 10+40 and B takes 20+30
 * (2 of 4 accounts move, disruption 0.5).
 */
export function balanceTerritory(accounts: TerritoryAccount[], reps: TerritoryRep[], options: TerritoryOptions): TerritoryResult {
  const t0 = Date.now();
  const inst = prepareTerritory(accounts, reps, options);
  const sol = solveFast(inst, options);
  return summarizePlan(inst, sol.assign, { mode: 'fast', runMs: Date.now() - t0, lowerBound: sol.lowerBound, boundSource: 'lagrangian' });
}

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
export function territoryLoads(owners: (string | null)[], metric: (number | null)[], reps: string[], weights?: number[] | null): RepLoad[] {
  if (owners.length !== metric.length) throw valueError(`owners has ${owners.length} rows but metric has ${metric.length}; give ranges of the same size`);
  if (reps.length === 0) throw valueError('reps is empty; list the rep ids');
  if (weights && weights.length !== reps.length) throw valueError(`weights has ${weights.length} rows but reps has ${reps.length}; give one weight per rep`);
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
  if (!Number.isFinite(total)) throw numError('metric adds up to more than the largest number a cell can hold; scale it down (e.g. thousands)');
  return reps.map((rep, r) => {
    const share = total !== 0 ? load[r] / total : 0;
    const targetShare = w[r] / wSum;
    return { rep, load: load[r], share, targetShare, deviation: targetShare > 0 ? share / targetShare - 1 : share > 0 ? null : 0 };
  });
}
