/**
 * Territory balancing on the real CRM data (../shared/data/crm): 85 accounts, 35 agents, workload from the pipeline.
 */
import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import {
  balanceTerritory,
  prepareTerritory,
  type TerritoryAccount,
  type TerritoryRep,
} from '../../../src/models/territory';
import { checkInvariants } from '../../support/territory-instances';

const CRM = path.resolve(__dirname, '../../../../shared/data/crm');

function readCsv(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fs.readFileSync(path.join(CRM, file), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

describe('real CRM data: 85 accounts, 35 agents', () => {
  const accountsCsv = readCsv('accounts.csv');
  const teams = readCsv('sales_teams.csv');
  const pipeline = readCsv('sales_pipeline.csv');
  // workload = opportunities per account; current owner = the agent with most opportunities there (ties: first by name)
  const opps = new Map<string, Map<string, number>>();
  for (const row of pipeline) {
    if (!row.account) continue;
    const byAgent = opps.get(row.account) ?? new Map<string, number>();
    byAgent.set(row.sales_agent, (byAgent.get(row.sales_agent) ?? 0) + 1);
    opps.set(row.account, byAgent);
  }
  const ownerOf = (account: string) =>
    [...(opps.get(account) ?? new Map()).entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ??
    null;
  const workloadOf = (account: string) => [...(opps.get(account) ?? new Map()).values()].reduce((s, x) => s + x, 0);
  const accounts: TerritoryAccount[] = accountsCsv.map((a) => ({
    id: a.account,
    metrics: [Number(a.revenue), workloadOf(a.account)],
    owner: ownerOf(a.account),
    family: a.subsidiary_of || a.account, // a parent and its subsidiaries stay together
  }));
  // lock the three accounts with the most opportunities (key accounts keep their rep)
  const byWork = accounts.map((a, i) => [a.metrics[1], i] as const).sort((a, b) => b[0] - a[0]);
  // locking must not split a family between two owners: lock only accounts without subsidiaries or parents
  const famSize = new Map<string, number>();
  accounts.forEach((a) => famSize.set(a.family as string, (famSize.get(a.family as string) ?? 0) + 1));
  byWork
    .filter(([, i]) => famSize.get(accounts[i].family as string) === 1)
    .slice(0, 3)
    .forEach(([, i]) => (accounts[i].locked = true));
  const agents: TerritoryRep[] = teams.map((t) => ({ id: t.sales_agent }));
  const metricNames = ['potential', 'workload'];

  it('reads the data as described: 85 accounts, 35 agents, 7,375 opportunities with an account', () => {
    expect(accounts.length).toBe(85);
    expect(agents.length).toBe(35);
    expect(accounts.reduce((s, a) => s + a.metrics[1], 0)).toBe(7375);
  });

  // Independently: family potentials; the largest family's potential over an agent's target share
  const famPotential = new Map<string, number>();
  accounts.forEach((a) =>
    famPotential.set(a.family as string, (famPotential.get(a.family as string) ?? 0) + a.metrics[0]),
  );
  const totalPotential = accounts.reduce((s, a) => s + a.metrics[0], 0);
  const target = totalPotential / 35;
  const lockedFamilies = new Set(accounts.filter((a) => a.locked).map((a) => a.family as string));
  const [bigFamily, bigPotential] = [...famPotential.entries()]
    .filter(([f]) => !lockedFamilies.has(f))
    .sort((a, b) => b[1] - a[1])[0];
  // locked accounts add up per owner
  const lockedLoad = new Map<string, number>();
  accounts
    .filter((a) => a.locked)
    .forEach((a) => lockedLoad.set(a.owner as string, (lockedLoad.get(a.owner as string) ?? 0) + a.metrics[0]));
  const bigLocked = Math.max(...lockedLoad.values());
  // the least tolerance with any chance: the largest free family or the largest locked load fits one upper band
  const neededTolerance = Math.max(bigPotential, bigLocked) / target - 1;

  it('plus or minus 5% per agent is infeasible: the largest family is bigger than a share, and the plan stays whole', () => {
    const res = balanceTerritory(accounts, agents, { metricNames, tolerance: 0.05 });
    expect(res.feasible).toBe(false);
    expect(neededTolerance).toBeGreaterThan(0.05);
    expect(res.blockers[0]).toMatch(new RegExp(`^family '${bigFamily}' \\(\\d+ accounts\\) has potential`));
    for (const [rep, load] of lockedLoad) {
      if (load > target * 1.05)
        expect(res.blockers.some((b) => b.startsWith(`locked accounts give rep '${rep}' potential`))).toBe(true);
    }
    checkInvariants(accounts, res, 2);
  });

  it('per agent at the least feasible tolerance plus 10 points (computed from the largest family), the plan is balanced', () => {
    const tolerance = neededTolerance + 0.1;
    const res = balanceTerritory(accounts, agents, { metricNames, tolerance });
    checkInvariants(accounts, res, 2);
    expect(res.blockers).toEqual([]);
    expect(res.feasible).toBe(true);
    const workloadTarget = 7375 / 35;
    for (const r of res.reps) {
      expect(r.loads[0]).toBeLessThanOrEqual(target * (1 + tolerance) + 1e-6);
      expect(r.loads[0]).toBeGreaterThanOrEqual(target * (1 - tolerance) - 1e-6);
      expect(r.loads[1]).toBeLessThanOrEqual(workloadTarget * (1 + tolerance) + 1e-6);
      expect(r.loads[1]).toBeGreaterThanOrEqual(workloadTarget * (1 - tolerance) - 1e-6);
    }
    const moved = res.assignments.filter((a, i) => a.owner !== accounts[i].owner).length;
    expect(res.accountsMoved).toBe(moved);
    expect(res.disruption).toBeCloseTo(moved / 85, 12);
    console.log(
      `CRM per agent at +-${(tolerance * 100).toFixed(1)}%: ${moved} of 85 accounts move (disruption ${(moved / 85).toFixed(3)})`,
    );
  });

  it('per regional office (3 teams, weight = agents in the office) plus or minus 5% is feasible and keeps most owners', () => {
    const officeOf = new Map(teams.map((t) => [t.sales_agent, t.regional_office]));
    const offices = [...new Set(teams.map((t) => t.regional_office))].sort();
    const reps: TerritoryRep[] = offices.map((o) => ({
      id: o,
      weight: teams.filter((t) => t.regional_office === o).length,
    }));
    const officeAccounts = accounts.map((a) => ({ ...a, owner: a.owner ? (officeOf.get(a.owner) ?? null) : null }));
    const res = balanceTerritory(officeAccounts, reps, { metricNames, tolerance: 0.05 });
    checkInvariants(officeAccounts, res, 2);
    expect(res.feasible).toBe(true);
    offices.forEach((o, r) => {
      const share = (reps[r].weight as number) / 35;
      const pot = res.assignments.reduce((s, a, i) => s + (a.owner === o ? officeAccounts[i].metrics[0] : 0), 0);
      const work = res.assignments.reduce((s, a, i) => s + (a.owner === o ? officeAccounts[i].metrics[1] : 0), 0);
      expect(Math.abs(pot / (totalPotential * share) - 1)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(work / (7375 * share) - 1)).toBeLessThanOrEqual(0.05 + 1e-9);
    });
    const moved = res.assignments.filter((a, i) => a.owner !== officeAccounts[i].owner).length;
    expect(res.accountsMoved).toBe(moved);
    console.log(
      `CRM per office at +-5%: ${moved} of 85 accounts move (disruption ${(moved / 85).toFixed(3)}), potential moved ${res.potentialMovedShare.toFixed(3)}`,
    );
  });

  it('prepares families from subsidiary_of: each subsidiary joins its parent account, 85 - 15 = 70 units', () => {
    // 70 accounts have no parent (7 of them are parents); the 15 subsidiaries join their parents' units
    const parents = new Set(accountsCsv.filter((a) => a.subsidiary_of).map((a) => a.subsidiary_of));
    const subsidiaries = accountsCsv.filter((a) => a.subsidiary_of).length;
    const inst = prepareTerritory(accounts, agents, { metricNames });
    expect(inst.U).toBe(85 - subsidiaries);
    expect(parents.size).toBe(7);
    expect(subsidiaries).toBe(15);
  });
});
