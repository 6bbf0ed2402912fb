/**
 * Exact mode (HiGHS in a worker thread): the sparse model's shape, an aborted solve replaces its worker (an aborted
 * WebAssembly instance cannot be reused) and the next solve works, and the LP relaxation proves when no plan meets
 * the bands on the real CRM data.
 */
import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import { prepareTerritory, type TerritoryAccount } from '../../src/models/territory';
import {
  balanceTerritoryExact,
  buildTerritoryModel,
  HighsWorkerSolver,
  solveExact,
  territoryLpBound,
  type HighsRequest,
  type HighsResult,
} from '../../src/solver/territory-highs';
import { syntheticTerritory } from '../support/territory-instances';

jest.setTimeout(120_000);

describe('buildTerritoryModel', () => {
  // 3 accounts (one locked to A), 2 reps, 1 metric, max accounts on B: 2 free units x 2 reps = 4 columns;
  // rows: 2 assignment rows + 2 band rows + 1 max-accounts row = 5.
  const accounts: TerritoryAccount[] = [
    { id: 'x', metrics: [10], owner: 'A', locked: true },
    { id: 'y', metrics: [20], owner: 'A' },
    { id: 'z', metrics: [30], owner: 'B' },
  ];
  const inst = prepareTerritory(accounts, [{ id: 'A' }, { id: 'B', maxAccounts: 2 }], {
    metricNames: ['potential'],
    tolerance: 0.1,
  });
  const { model, freeUnits } = buildTerritoryModel(inst);
  it('has one binary per free unit and rep, and the rows the model says', () => {
    expect(freeUnits.length).toBe(2);
    expect(model.numCols).toBe(4);
    expect(model.numRows).toBe(5);
    expect(Array.from(model.integrality as Int32Array)).toEqual([1, 1, 1, 1]);
    // each column: its assignment row, its band row, and (rep B only) the max-accounts row
    expect(Array.from(model.matrix.starts)).toEqual([0, 2, 5, 7, 10]);
  });
  it('moves the locked account into the bands: total 60, target 30, band 27..33 less the locked 10 for A', () => {
    // normalised by the mean target 30: A's band 0.9..1.1 minus 10/30
    expect(model.rowLower[2]).toBeCloseTo(0.9 - 1 / 3, 12);
    expect(model.rowUpper[2]).toBeCloseTo(1.1 - 1 / 3, 12);
    expect(model.rowUpper[4]).toBe(2); // B: max 2 accounts, none locked
  });
  it('is an LP (no integrality) when relaxed, and has 2 slack columns per band when elastic', () => {
    expect(buildTerritoryModel(inst, { relax: true }).model.integrality).toBeUndefined();
    expect(buildTerritoryModel(inst, { elastic: true }).model.numCols).toBe(4 + 2 * 2);
  });
});

describe('HighsWorkerSolver', () => {
  it('stops a solve on abort, starts a fresh worker, and solves the next model', async () => {
    const solver = new HighsWorkerSolver();
    try {
      const { accounts, reps } = syntheticTerritory(600, 12, 3);
      const inst = prepareTerritory(accounts, reps, { metricNames: ['potential', 'workload'], tolerance: 0.02 });
      const layout = buildTerritoryModel(inst);
      const controller = new AbortController();
      const pending = solver.solve({ model: layout.model, options: { time_limit: 60 } }, controller.signal);
      setTimeout(() => controller.abort(), 300);
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      expect(solver.started).toBe(1);
      // the next solve runs on a new worker: the 3-account instance above has LP bound >= 0
      const small = prepareTerritory(
        [
          { id: 'a', metrics: [1], owner: 'A' },
          { id: 'b', metrics: [1], owner: 'A' },
        ],
        [{ id: 'A' }, { id: 'B' }],
        { metricNames: ['n'], tolerance: 0 },
      );
      const lp = await territoryLpBound(small, solver);
      expect(solver.started).toBe(2);
      // one of the two accounts must move: disruption 1/2 (weights disruption 1)
      expect(lp.bound).toBeCloseTo(0.5, 9);
    } finally {
      await solver.close();
    }
  });
});

describe('exact mode on the real CRM data', () => {
  const CRM = path.resolve(__dirname, '../../../shared/data/crm');
  const read = (f: string) =>
    Papa.parse<Record<string, string>>(fs.readFileSync(path.join(CRM, f), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
  it('proves that plus or minus 5% per agent is impossible and returns the most balanced plan, whole', async () => {
    const opportunities = new Map<string, number>();
    for (const r of read('sales_pipeline.csv'))
      if (r.account) opportunities.set(r.account, (opportunities.get(r.account) ?? 0) + 1);
    const accounts = read('accounts.csv').map((a) => ({
      id: a.account,
      metrics: [Number(a.revenue), opportunities.get(a.account) ?? 0],
      family: a.subsidiary_of || a.account,
    }));
    const reps = read('sales_teams.csv').map((t) => ({ id: t.sales_agent }));
    const res = await balanceTerritoryExact(accounts, reps, {
      metricNames: ['potential', 'workload'],
      tolerance: 0.05,
      timeLimitSeconds: 20,
    });
    expect(res.feasible).toBe(false);
    // the largest family (Kan-code alone has revenue 11,698.03 > 1.05 x 169,543.8 / 35 = 5,086) blocks it
    expect(res.blockers[0]).toMatch(/has potential 11,698, more than the largest upper band 5,086/);
    expect(res.assignments.map((a) => a.id)).toEqual(accounts.map((a) => a.id));
    expect(res.reps.reduce((s, r) => s + r.loads[1], 0)).toBe(7375);
  });
});

describe('exact mode: only an infeasible status proves infeasibility', () => {
  /** A stand-in solver that answers every solve with the given statuses in turn (no column values). */
  function stubSolver(statuses: string[]): HighsWorkerSolver & { calls: HighsRequest[] } {
    const calls: HighsRequest[] = [];
    const stub = {
      calls,
      solve: async (request: HighsRequest): Promise<HighsResult> => {
        calls.push(request);
        return {
          status: statuses[Math.min(calls.length - 1, statuses.length - 1)],
          objective: null,
          colValue: null,
          mipDualBound: null,
          mipGap: null,
          runMs: 0,
        };
      },
      close: async () => undefined,
    };
    return stub as unknown as HighsWorkerSolver & { calls: HighsRequest[] };
  }
  // 10, 20, 30, 40 all with A, reps A and B: the fast plan moves 20 and 30 to B (see the model's worked example)
  const accounts: TerritoryAccount[] = [10, 20, 30, 40].map((p, i) => ({ id: `a${i + 1}`, metrics: [p], owner: 'A' }));
  const reps = [{ id: 'A' }, { id: 'B' }];

  it('falls back to the fast plan without claiming a proof when the LP hits its time limit', async () => {
    const solver = stubSolver(['timeLimit']);
    const res = await balanceTerritoryExact(accounts, reps, {
      metricNames: ['potential'],
      timeLimitSeconds: 5,
      solver,
    });
    expect(solver.calls.length).toBe(1); // no MILP and no elastic model after an unfinished LP
    expect(res.feasible).toBe(true);
    expect(res.objective).toBeCloseTo(0.5, 12); // the fast plan: 2 of 4 move
    expect(res.boundSource).toBe('lagrangian'); // the fast mode's bound, the only one computed
    expect(res.message).not.toMatch(/prove/);
  });

  it.each([['iterationLimit'], ['solveError'], ['unknown']])(
    'says nothing is proven after an LP status %s',
    async (status) => {
      const inst = prepareTerritory(accounts, reps, { metricNames: ['potential'] });
      const start = Int32Array.from([0, 1, 1, 0]);
      const sol = await solveExact(inst, start, { solver: stubSolver([status]) });
      expect(sol.provenInfeasible).toBe(false);
      expect(Array.from(sol.assign)).toEqual([0, 1, 1, 0]);
      expect(sol.note).toContain(`HiGHS stopped on the LP relaxation (${status})`);
      expect(sol.note).toContain('unproven');
    },
  );

  it('treats an infeasible LP as a proof and then asks the elastic model for the most balanced plan', async () => {
    const inst = prepareTerritory(accounts, reps, { metricNames: ['potential'] });
    const solver = stubSolver(['infeasible', 'timeLimit']);
    const sol = await solveExact(inst, Int32Array.from([0, 1, 1, 0]), { solver });
    expect(sol.provenInfeasible).toBe(true);
    expect(sol.note).toMatch(/the LP relaxation proves it/);
    expect(solver.calls.length).toBe(2);
    expect(solver.calls[1].model.numCols).toBe(4 * 2 + 2 * 2); // 4 units x 2 reps + 2 slacks per band
    expect(Array.from(sol.assign)).toEqual([0, 1, 1, 0]); // the elastic solve gave nothing better: the start stays
  });

  it('with every account locked and within the bands, returns that plan as optimal without calling HiGHS', async () => {
    // a (10) with A, b (10) with B, both locked: target 10 each, nobody moves, objective 0, gap 0
    const solver = stubSolver(['empty']);
    const res = await balanceTerritoryExact(
      [
        { id: 'a', metrics: [10], owner: 'A', locked: true },
        { id: 'b', metrics: [10], owner: 'B', locked: true },
      ],
      reps,
      { metricNames: ['potential'], timeLimitSeconds: 5, solver },
    );
    expect(solver.calls.length).toBe(0);
    expect(res.feasible).toBe(true);
    expect(res.objective).toBe(0);
    expect(res.lowerBound).toBe(0);
    expect(res.gap).toBe(0);
  });

  it('with every account locked outside the bands, names the locked load and claims no LP proof', async () => {
    // a (10) with A, b (30) with B, locked: target 20, band 19 to 21; B's locked 30 is above it
    const res = await balanceTerritoryExact(
      [
        { id: 'a', metrics: [10], owner: 'A', locked: true },
        { id: 'b', metrics: [30], owner: 'B', locked: true },
      ],
      reps,
      { metricNames: ['potential'], timeLimitSeconds: 5 },
    );
    expect(res.feasible).toBe(false);
    expect(res.message).toMatch(/locked accounts give rep 'B' potential 30, above its upper band 21/);
    expect(res.message).not.toMatch(/LP relaxation/);
    expect(res.gap).toBeNull();
    expect(res.violations).toEqual([
      "rep 'A' potential 10 is 9 below its band 19 to 21 (target 20)",
      "rep 'B' potential 30 is 9 above its band 19 to 21 (target 20)",
    ]);
  });

  it("gives the LP bound of a fully locked model directly: the locked plan's objective", async () => {
    // x (owner A, locked) only: nothing moves, the bound is the locked plan's objective 0
    const inst = prepareTerritory([{ id: 'x', metrics: [1], owner: 'A', locked: true }], [{ id: 'A' }], {
      metricNames: ['n'],
    });
    const lp = await territoryLpBound(inst, stubSolver(['empty']));
    expect(lp).toEqual({ bound: 0, status: 'optimal', infeasible: false });
  });
});
