/** The report of a plan: per account, per rep, per metric, moves, travel, bound, gap and the bands it misses. */
import { planObjective } from './plan';
import {
  fmt,
  type AccountAssignment,
  type MetricSummary,
  type RepSummary,
  type TerritoryInstance,
  type TerritoryResult,
} from './types';

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
  // The two parts of the objective, unweighted (each 0..1 as documented in index.ts).
  const disruption =
    inst.disruptionTotal > 0
      ? (inst.disruptionBasis === 'potential' ? potentialMoved : moved) / inst.disruptionTotal
      : 0;
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
    return {
      id: rep.id,
      weight: rep.weight ?? 1,
      accounts: counts[r],
      loads: l,
      targets: t,
      deviations: dev,
      withinBand: ok,
    };
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
  const gap =
    lowerBound === null || !feasible
      ? null
      : objective <= 1e-12
        ? 0
        : Math.max(0, (objective - lowerBound) / objective);
  const pct = `plus or minus ${fmt(tolerance * 100)}%`;
  const violations = feasible ? [] : bandViolations(inst, repRows);
  const misses =
    violations.length === 0
      ? ''
      : `${violations.slice(0, 3).join('; ')}${violations.length > 3 ? `; and ${violations.length - 3} more` : ''}`;
  let message: string;
  if (feasible)
    message = `every rep is within ${pct} of its target on ${metricNames.join(', ')}; ${moved} of ${accounts.length} accounts move`;
  else if (inst.blockers.length)
    message = `no plan can keep every rep within ${pct}: ${inst.blockers[0]}; the most balanced plan found is returned`;
  else if (extra.proof)
    message = `no plan can keep every rep within ${pct} (${extra.proof}); the most balanced plan is returned and still misses: ${misses}`;
  else
    message = `${extra.note ?? `no plan within ${pct} was found`}; the most balanced plan found is returned and still misses: ${misses}${extra.note ? '' : ' (exact mode can prove whether any plan meets the bands)'}`;
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
      found.push({
        size: row.accounts - inst.cap[r],
        text: `${rep} has ${row.accounts} accounts, ${row.accounts - inst.cap[r]} over its max_accounts ${inst.cap[r]}`,
      });
    }
  });
  return found.sort((a, b) => b.size - a.size).map((f) => f.text);
}
