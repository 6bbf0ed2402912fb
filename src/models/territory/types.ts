/** The territory model's inputs, options, instance and result, and its constants. */

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
export const CAP_PENALTY = 1;

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

/** A number for a message: whole with separators from 100 up, else to 2 decimals. */
export function fmt(x: number): string {
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(Math.round(x * 100) / 100);
}
