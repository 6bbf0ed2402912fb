/**
 * Exact territory balancing: the MILP of src/models/territory/ solved by HiGHS (npm `highs`, WebAssembly) in a
 * Node worker thread. The model is passed as sparse CSC arrays (HiGHS `createModel(modelData)`), not LP text, so it
 * scales past 1,000 x 20 without building or parsing a large string.
 *
 * Model: x[u][r] = 1 when unit u (an account or a family) goes to rep r, for units that are not locked;
 *   minimise  sum cost[u][r] x[u][r]  (+ the locked units' cost as a constant)
 *   subject to  sum_r x[u][r] = 1 for each unit;  lo[r][m] <= locked load + sum_u a[u][m] x[u][r] <= hi[r][m];
 *               sum_u accounts[u] x[u][r] <= max_accounts[r].
 * Its LP relaxation gives the lower bound. When the bands cannot be met the elastic model adds a slack per band
 * priced at VIOLATION_PENALTY per unit of normalised violation, which returns the most balanced plan.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import {
  prepareTerritory,
  solveFast,
  summarizePlan,
  planObjective,
  planViolation,
  VIOLATION_PENALTY,
  type TerritoryAccount,
  type TerritoryInstance,
  type TerritoryOptions,
  type TerritoryRep,
  type TerritoryResult,
} from '../models/territory';

/** The sparse model as highs' `createModel` takes it (ModelData, CSC matrix). */
export interface SparseModel {
  numCols: number;
  numRows: number;
  offset: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  matrix: {
    format: 'csc';
    numRows: number;
    numCols: number;
    starts: Int32Array;
    indices: Int32Array;
    values: Float64Array;
  };
  integrality?: Int32Array;
}

export interface HighsRequest {
  model: SparseModel;
  options: Record<string, number | string | boolean>;
  start?: Float64Array | number[];
}

export interface HighsResult {
  status: string;
  objective: number | null;
  colValue: number[] | null;
  mipDualBound: number | null;
  mipGap: number | null;
  runMs: number;
}

/** Column layout: the free units in order, each with R columns; then 2 slack columns per band when elastic. */
export interface ModelLayout {
  freeUnits: number[];
  model: SparseModel;
}

/** Builds the assignment MILP (or its LP relaxation) of a prepared instance as CSC arrays. */
export function buildTerritoryModel(
  inst: TerritoryInstance,
  options: { relax?: boolean; elastic?: boolean } = {},
): ModelLayout {
  const { U, R, M, cost, unitMetricHat, unitCount, unitLocked, loHat, hiHat, cap } = inst;
  const freeUnits: number[] = [];
  const lockedLoad = new Float64Array(R * M);
  const lockedCount = new Float64Array(R);
  let offset = 0;
  for (let u = 0; u < U; u++) {
    const r = unitLocked[u];
    if (r < 0) {
      freeUnits.push(u);
      continue;
    }
    offset += cost[u * R + r];
    lockedCount[r] += unitCount[u];
    for (let m = 0; m < M; m++) lockedLoad[r * M + m] += unitMetricHat[u * M + m];
  }
  const F = freeUnits.length;
  const capRows: number[] = [];
  for (let r = 0; r < R; r++) if (Number.isFinite(cap[r])) capRows.push(r);
  const capRowOf = new Int32Array(R).fill(-1);
  capRows.forEach((r, i) => (capRowOf[r] = F + R * M + i));
  const numRows = F + R * M + capRows.length;
  const slackCols = options.elastic ? 2 * R * M : 0;
  const numCols = F * R + slackCols;
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  const starts = new Int32Array(numCols + 1);
  const indices: number[] = [];
  const values: number[] = [];
  let col = 0;
  for (let k = 0; k < F; k++) {
    const u = freeUnits[k];
    for (let r = 0; r < R; r++) {
      starts[col] = indices.length;
      colCost[col] = cost[u * R + r];
      indices.push(k);
      values.push(1);
      for (let m = 0; m < M; m++) {
        const a = unitMetricHat[u * M + m];
        if (a !== 0) {
          indices.push(F + r * M + m);
          values.push(a);
        }
      }
      if (capRowOf[r] >= 0) {
        indices.push(capRowOf[r]);
        values.push(unitCount[u]);
      }
      col++;
    }
  }
  if (options.elastic) {
    for (let k = 0; k < R * M; k++) {
      for (const sign of [1, -1]) {
        starts[col] = indices.length;
        colCost[col] = VIOLATION_PENALTY;
        colUpper[col] = Infinity;
        indices.push(F + k);
        values.push(-sign); // +1: over the band (load - s+), -1: under it (load + s-)
        col++;
      }
    }
  }
  starts[numCols] = indices.length;
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (let k = 0; k < F; k++) rowLower[k] = rowUpper[k] = 1;
  for (let k = 0; k < R * M; k++) {
    rowLower[F + k] = loHat[k] - lockedLoad[k];
    rowUpper[F + k] = hiHat[k] - lockedLoad[k];
  }
  capRows.forEach((r, i) => {
    rowLower[F + R * M + i] = -Infinity;
    rowUpper[F + R * M + i] = cap[r] - lockedCount[r];
  });
  const model: SparseModel = {
    numCols,
    numRows,
    offset,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: {
      format: 'csc',
      numRows,
      numCols,
      starts,
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
  };
  if (!options.relax) {
    const integrality = new Int32Array(numCols);
    integrality.fill(1, 0, F * R);
    model.integrality = integrality;
  }
  return { freeUnits, model };
}

/** Column values of a unit assignment, for a MIP start. */
function startColumns(inst: TerritoryInstance, layout: ModelLayout, assign: Int32Array): Float64Array {
  const x = new Float64Array(layout.model.numCols);
  layout.freeUnits.forEach((u, k) => (x[k * inst.R + assign[u]] = 1));
  if (layout.model.numCols > layout.freeUnits.length * inst.R) {
    // Elastic slacks: exactly the violation of the start plan.
    const { R, M, U, unitMetricHat, loHat, hiHat } = inst;
    const load = new Float64Array(R * M);
    for (let u = 0; u < U; u++) for (let m = 0; m < M; m++) load[assign[u] * M + m] += unitMetricHat[u * M + m];
    const base = layout.freeUnits.length * R;
    for (let k = 0; k < R * M; k++) {
      x[base + 2 * k] = Math.max(0, load[k] - hiHat[k]);
      x[base + 2 * k + 1] = Math.max(0, loHat[k] - load[k]);
    }
  }
  return x;
}

/** Reads a unit assignment back from column values (largest x per unit). */
function assignmentFrom(inst: TerritoryInstance, layout: ModelLayout, colValue: ArrayLike<number>): Int32Array {
  const assign = Int32Array.from(inst.unitLocked);
  layout.freeUnits.forEach((u, k) => {
    let best = 0;
    for (let r = 1; r < inst.R; r++) if (colValue[k * inst.R + r] > colValue[k * inst.R + best]) best = r;
    assign[u] = best;
  });
  return assign;
}

const WORKER_FILE = path.join(__dirname, 'highs-worker.js');

/**
 * One HiGHS worker thread, started on first use. An abort (signal) or a hung solve terminates the worker, because an
 * aborted WebAssembly instance cannot be reused; the next solve starts a fresh one.
 */
export class HighsWorkerSolver {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: HighsResult) => void; reject: (e: Error) => void }>();
  /** Workers started so far (a new one after each abort). */
  started = 0;

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WORKER_FILE);
    this.started++;
    w.on('message', (msg: { id: number; result?: HighsResult; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`HiGHS: ${msg.error}`));
      else p.resolve(msg.result as HighsResult);
    });
    w.on('error', (e) => this.fail(w, e instanceof Error ? e : new Error(String(e))));
    w.on('exit', (code) => this.fail(w, new Error(`HiGHS worker stopped (exit code ${code})`)));
    this.worker = w;
    return w;
  }

  private fail(w: Worker, e: Error): void {
    if (this.worker !== w) return;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /** Solves one request; rejects with an AbortError when the signal fires (the worker is then replaced). */
  solve(request: HighsRequest, signal?: AbortSignal, hardTimeoutMs = 0): Promise<HighsResult> {
    if (signal?.aborted) return Promise.reject(abortError());
    const w = this.ensure();
    const id = this.nextId++;
    return new Promise<HighsResult>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const done = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const kill = (e: Error) => {
        this.pending.delete(id);
        done();
        reject(e);
        if (this.worker === w) this.worker = null;
        void w.terminate();
      };
      const onAbort = () => kill(abortError());
      signal?.addEventListener('abort', onAbort, { once: true });
      if (hardTimeoutMs > 0)
        timer = setTimeout(
          () =>
            kill(
              new Error(`HiGHS did not stop within ${Math.round(hardTimeoutMs / 1000)} s; the solver was restarted`),
            ),
          hardTimeoutMs,
        );
      this.pending.set(id, {
        resolve: (r) => {
          done();
          resolve(r);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      w.postMessage({ id, request });
    });
  }

  /** Stops the worker (pending solves are rejected). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

function abortError(): Error {
  const e = new Error('the solve was cancelled');
  e.name = 'AbortError';
  return e;
}

export interface ExactOptions {
  timeLimitSeconds?: number;
  /** HiGHS mip_pool_soft_limit: caps the solution pool (memory); default 10. */
  mipPoolSoftLimit?: number;
  signal?: AbortSignal;
  solver?: HighsWorkerSolver;
}

export interface ExactSolution {
  assign: Int32Array;
  /** LP-relaxation lower bound (null when the LP proves the bands infeasible). */
  lpBound: number | null;
  /** Best proven bound: the larger of the LP bound and the MIP dual bound. */
  lowerBound: number | null;
  status: string;
  provenInfeasible: boolean;
  note: string;
}

/**
 * HiGHS model statuses that prove the model has no solution. The balanced model cannot be unbounded (every column lies
 * in [0, 1] with a finite cost), so "unbounded or infeasible" means infeasible. Every other status (a time limit, an
 * iteration limit, a solver error) proves nothing.
 */
const INFEASIBLE_STATUSES = new Set(['infeasible', 'unboundedOrInfeasible']);

export interface LpBound {
  /** The LP relaxation's optimum: a lower bound on every balanced plan's objective (null when none was computed). */
  bound: number | null;
  status: string;
  /** True only when the LP (or, with every account locked, the one possible plan) proves that no plan meets the bands. */
  infeasible: boolean;
}

/**
 * LP-relaxation lower bound of the balanced model. With every account locked there is nothing to solve (HiGHS would
 * report an empty model): the locked plan is the only plan, its objective is the bound when it meets the bands, and
 * it proves infeasibility when it does not.
 */
export async function territoryLpBound(
  inst: TerritoryInstance,
  solver: HighsWorkerSolver,
  opts: { timeLimitSeconds?: number; signal?: AbortSignal } = {},
): Promise<LpBound> {
  const layout = buildTerritoryModel(inst, { relax: true });
  if (layout.freeUnits.length === 0) {
    const only = Int32Array.from(inst.unitLocked);
    return planViolation(inst, only) === 0
      ? { bound: planObjective(inst, only), status: 'optimal', infeasible: false }
      : { bound: null, status: 'infeasible', infeasible: true };
  }
  const res = await solver.solve(
    { model: layout.model, options: { time_limit: opts.timeLimitSeconds ?? 600 } },
    opts.signal,
  );
  if (res.status === 'optimal') return { bound: res.objective, status: res.status, infeasible: false };
  return { bound: null, status: res.status, infeasible: INFEASIBLE_STATUSES.has(res.status) };
}

/** Whether plan a is more balanced than b (less violation), or as balanced and cheaper. */
function moreBalanced(inst: TerritoryInstance, a: Int32Array, b: Int32Array): boolean {
  const va = planViolation(inst, a);
  const vb = planViolation(inst, b);
  if (Math.abs(va - vb) > 1e-9) return va < vb;
  return planObjective(inst, a) < planObjective(inst, b) - 1e-12;
}

/** Solves the MILP of a prepared instance, warm-started from `start` (a fast-mode plan). */
export async function solveExact(
  inst: TerritoryInstance,
  start: Int32Array,
  opts: ExactOptions = {},
): Promise<ExactSolution> {
  const own = !opts.solver;
  const solver = opts.solver ?? new HighsWorkerSolver();
  const t0 = Date.now();
  const timeLimit = opts.timeLimitSeconds ?? 60;
  const hiGhsOptions = (left: number) => ({
    time_limit: Math.max(1, left),
    mip_pool_soft_limit: opts.mipPoolSoftLimit ?? 10,
  });
  try {
    const lp = await territoryLpBound(inst, solver, { timeLimitSeconds: timeLimit, signal: opts.signal });
    const left = () => timeLimit - (Date.now() - t0) / 1000;
    const hardTimeout = (timeLimit + 60) * 1000;
    const allLocked = inst.unitLocked.every((r) => r >= 0);
    if (allLocked) {
      // Nothing to decide: the locked plan is the only plan (HiGHS is not called on an empty model).
      const only = Int32Array.from(inst.unitLocked);
      const note = 'every account is locked, so the locked plan is the only plan';
      return lp.infeasible
        ? {
            assign: only,
            lpBound: null,
            lowerBound: null,
            status: 'infeasible',
            provenInfeasible: true,
            note: `${note} and it misses the bands`,
          }
        : { assign: only, lpBound: lp.bound, lowerBound: lp.bound, status: 'optimal', provenInfeasible: false, note };
    }
    let reason: string;
    if (lp.status === 'optimal') {
      const layout = buildTerritoryModel(inst);
      const res = await solver.solve(
        { model: layout.model, options: hiGhsOptions(left()), start: startColumns(inst, layout, start) },
        opts.signal,
        hardTimeout,
      );
      if (res.colValue) {
        const assign = assignmentFrom(inst, layout, res.colValue);
        const bound = Math.max(lp.bound as number, res.mipDualBound ?? -Infinity);
        return {
          assign,
          lpBound: lp.bound,
          lowerBound: Math.min(bound, planObjective(inst, assign)),
          status: res.status,
          provenInfeasible: false,
          note: `HiGHS ${res.status}`,
        };
      }
      if (!INFEASIBLE_STATUSES.has(res.status)) {
        return {
          assign: start,
          lpBound: lp.bound,
          lowerBound: lp.bound,
          status: res.status,
          provenInfeasible: false,
          note: `HiGHS found no plan within the bands in the time limit (${res.status}); the fast-mode plan is returned`,
        };
      }
      reason = 'the MILP proves it';
    } else if (lp.infeasible) {
      reason = `the LP relaxation proves it (HiGHS: ${lp.status})`;
    } else {
      // A time limit or a solver failure on the LP proves nothing: the fast plan is returned as it is.
      return {
        assign: start,
        lpBound: null,
        lowerBound: null,
        status: lp.status,
        provenInfeasible: false,
        note: `HiGHS stopped on the LP relaxation (${lp.status}) before it could bound or solve the model; the fast-mode plan is returned, unproven`,
      };
    }
    // No balanced plan exists: the elastic model finds the most balanced plan (kept only if it beats the start).
    const layout = buildTerritoryModel(inst, { elastic: true });
    const res = await solver.solve(
      { model: layout.model, options: hiGhsOptions(left()), start: startColumns(inst, layout, start) },
      opts.signal,
      hardTimeout,
    );
    const elastic = res.colValue ? assignmentFrom(inst, layout, res.colValue) : null;
    const assign = elastic && moreBalanced(inst, elastic, start) ? elastic : start;
    return { assign, lpBound: null, lowerBound: null, status: res.status, provenInfeasible: true, note: reason };
  } finally {
    if (own) await solver.close();
  }
}

/** Exact mode end to end: prepare, fast plan as the MIP start, HiGHS MILP, report with bound and gap. */
export async function balanceTerritoryExact(
  accounts: TerritoryAccount[],
  reps: TerritoryRep[],
  options: TerritoryOptions & ExactOptions,
): Promise<TerritoryResult> {
  const t0 = Date.now();
  const inst = prepareTerritory(accounts, reps, options);
  const limit = options.timeLimitSeconds ?? 60;
  const fast = solveFast(inst, { seed: options.seed, timeLimitSeconds: Math.min(10, limit / 3) });
  // HiGHS gets what is left of the time limit (at least a second).
  const exact = await solveExact(inst, fast.assign, {
    ...options,
    timeLimitSeconds: Math.max(1, limit - (Date.now() - t0) / 1000),
  });
  // Keep the fast plan when HiGHS did not beat it (the MIP start is only a hint to HiGHS).
  const fastPlanBetter =
    !exact.provenInfeasible &&
    planObjective(inst, fast.assign) < planObjective(inst, exact.assign) - 1e-12 &&
    summarizePlan(inst, fast.assign, { mode: 'fast', runMs: 0 }).feasible;
  const assign = fastPlanBetter ? fast.assign : exact.assign;
  // Without an LP bound (HiGHS stopped early) the fast mode's Lagrangian bound is still valid.
  const [bound, boundSource] =
    exact.lowerBound !== null ? [exact.lowerBound, 'lp+mip'] : [fast.lowerBound, 'lagrangian'];
  return summarizePlan(inst, assign, {
    mode: 'exact',
    runMs: Date.now() - t0,
    lowerBound: bound,
    boundSource,
    ...(exact.provenInfeasible
      ? { proof: exact.note }
      : { note: exact.note === `HiGHS ${exact.status}` ? undefined : exact.note }),
  });
}
