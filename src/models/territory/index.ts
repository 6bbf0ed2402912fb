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
 * Fast mode (search.ts, pure): Lagrangian relaxation of the balance constraints (which also gives a lower bound),
 * then repair by moves and swaps to meet the tolerance bands, then local search (moves and swaps that keep every
 * rep inside its band) to lower the objective; families move as one unit, locked accounts never move. Deterministic
 * for a given seed. Exact mode builds a MILP of the same instance (src/solver/territory-highs.ts).
 *
 * Files: types (inputs, result, constants), instance (checks and precomputation), plan (the plan under search),
 * bound (Lagrangian bound), search (the fast mode), summary (the report), loads (TERRITORY.LOAD), table (the one
 * reader of account and rep tables for the task pane and the command line).
 */
import { prepareTerritory } from './instance';
import { solveFast } from './search';
import { summarizePlan } from './summary';
import type { TerritoryAccount, TerritoryOptions, TerritoryRep, TerritoryResult } from './types';

export { seededRandom } from '../random';
export * from './types';
export { greatCircleKm, prepareTerritory } from './instance';
export { planObjective, planViolation } from './plan';
export { solveFast, type FastSolution } from './search';
export { summarizePlan } from './summary';
export { territoryLoads, type RepLoad } from './loads';

/**
 * Balances territories in fast mode (pure, synchronous). Example: 4 accounts with potential 10, 20, 30, 40 all owned
 * by rep A, reps A and B, plus or minus 5%: each rep needs 47.5..52.5, so A keeps 10+40 and B takes 20+30
 * (2 of 4 accounts move, disruption 0.5).
 */
export function balanceTerritory(
  accounts: TerritoryAccount[],
  reps: TerritoryRep[],
  options: TerritoryOptions,
): TerritoryResult {
  const t0 = Date.now();
  const inst = prepareTerritory(accounts, reps, options);
  const sol = solveFast(inst, options);
  return summarizePlan(inst, sol.assign, {
    mode: 'fast',
    runMs: Date.now() - t0,
    lowerBound: sol.lowerBound,
    boundSource: 'lagrangian',
  });
}
export {
  readAccountTable,
  readRepTable,
  LOCKED_FALSE,
  LOCKED_TRUE,
  type AccountTableColumns,
  type RepTableColumns,
  type TerritoryTable,
} from './table';
