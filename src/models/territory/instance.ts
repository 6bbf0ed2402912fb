/** The instance: the inputs checked, families grouped into units, targets, bands, distances and costs. */
import { numError, valueError } from '../errors';
import {
  DEFAULT_TOLERANCE,
  DEFAULT_WEIGHTS,
  fmt,
  type TerritoryAccount,
  type TerritoryInstance,
  type TerritoryOptions,
  type TerritoryRep,
} from './types';

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

/** Checks the inputs, groups families into units, and precomputes targets, bands and costs. */
export function prepareTerritory(
  accounts: TerritoryAccount[],
  reps: TerritoryRep[],
  options: TerritoryOptions,
): TerritoryInstance {
  const metricNames = options.metricNames;
  const M = metricNames.length;
  const R = reps.length;
  if (M === 0) throw valueError('metrics is empty; name at least one metric column to balance');
  if (R === 0) throw valueError('reps is empty; give at least one rep');
  if (accounts.length === 0) throw valueError('accounts is empty');
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (!(tolerance >= 0))
    throw valueError(`tolerance is ${tolerance}; enter a fraction such as 0.05 for plus or minus 5%`);
  const weights = { ...DEFAULT_WEIGHTS, ...(options.weights ?? {}) };
  for (const k of ['disruption', 'travel'] as const) {
    if (!(weights[k] >= 0 && Number.isFinite(weights[k])))
      throw valueError(`weights ${k} is ${weights[k]}; enter a number 0 or above`);
  }
  const repIndex = new Map<string, number>();
  reps.forEach((r, i) => {
    const id = String(r.id ?? '').trim();
    if (!id) throw valueError(`reps row ${i + 1}: id is blank`);
    if (repIndex.has(id)) throw valueError(`reps row ${i + 1}: rep '${id}' appears twice`);
    const w = r.weight ?? 1;
    if (!(w >= 0 && Number.isFinite(w)))
      throw valueError(`reps row ${i + 1}: weight is ${w}; enter a capacity weight 0 or above (1 = a full share)`);
    if (r.maxAccounts != null && !(r.maxAccounts >= 0))
      throw valueError(`reps row ${i + 1}: max_accounts is ${r.maxAccounts}; enter a count 0 or above`);
    repIndex.set(id, i);
  });
  const weightSum = reps.reduce((s, r) => s + (r.weight ?? 1), 0);
  if (!(weightSum > 0)) throw valueError('reps: every capacity weight is 0; give at least one rep a weight above 0');

  const potentialMetric =
    options.potentialMetric ??
    Math.max(
      0,
      metricNames.findIndex((n) => /potential/i.test(n)),
    );
  const workloadGuess = metricNames.findIndex((n) => /workload/i.test(n));
  const workloadMetric =
    options.workloadMetric !== undefined ? options.workloadMetric : workloadGuess >= 0 ? workloadGuess : null;

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
    if (a.metrics.length !== M)
      throw valueError(`accounts row ${i + 1}: ${a.metrics.length} metric values for ${M} metrics`);
    a.metrics.forEach((v, m) => {
      if (!(Number.isFinite(v) && v >= 0))
        throw valueError(
          `accounts row ${i + 1}: ${metricNames[m]} is ${v}; balance metrics must be numbers 0 or above`,
        );
      totals[m] += v;
    });
    const owner = a.owner == null ? '' : String(a.owner).trim();
    if (owner) currentRep[i] = repIndex.get(owner) ?? -1;
    if (a.locked && currentRep[i] < 0) {
      throw valueError(
        `accounts row ${i + 1}: account '${id}' is locked but its owner '${owner}' is ${owner ? 'not in reps' : 'blank'}`,
      );
    }
    const fam =
      a.family == null || String(a.family).trim() === '' ? `\u0000${id}` : `family:${String(a.family).trim()}`;
    const list = familyOf.get(fam);
    if (list) list.push(i);
    else familyOf.set(fam, [i]);
  });

  totals.forEach((t, m) => {
    if (!Number.isFinite(t))
      throw numError(
        `accounts: ${metricNames[m]} adds up to more than the largest number; scale it down (e.g. thousands)`,
      );
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
          throw valueError(
            `accounts row ${i + 1}: account '${accounts[i].id}' is locked to '${reps[r].id}' but its family '${accounts[i].family}' has another account locked to '${reps[unitLocked[u]].id}'`,
          );
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
    throw numError(
      `reps: max_accounts add up to ${capTotal} but there are ${accounts.length} accounts; raise max_accounts or add reps`,
    );
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
        if (currentRep[i] >= 0 && currentRep[i] !== r && disruptionTotal > 0)
          c += (weights.disruption * disruptionOf[i]) / disruptionTotal;
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
    accounts,
    reps,
    metricNames,
    tolerance,
    weights,
    potentialMetric,
    workloadMetric,
    R,
    M,
    U,
    disruptionBasis: options.disruptionBasis ?? 'accounts',
    unitAccounts,
    unitMetric,
    unitMetricHat,
    unitCount,
    unitLocked,
    cost,
    totals,
    metricScale,
    target,
    lo,
    hi,
    loHat,
    hiHat,
    cap,
    currentRep,
    distanceKm,
    meanDistanceKm: meanDist,
    disruptionTotal,
    travelNorm,
    blockers: [],
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
      for (let u = 0; u < U; u++)
        if (inst.unitLocked[u] < 0 && inst.unitMetric[u * M + m] > maxHi * (1 + 1e-12)) count++;
      out.push(
        `${unitName(inst, worst)} has ${metricNames[m]} ${fmt(inst.unitMetric[worst * M + m])}, more than the largest upper band ${fmt(maxHi)} (a share at ${pct})` +
          (count > 1 ? `; ${count} units are that large` : '') +
          `: a tolerance of at least ${fmt((inst.unitMetric[worst * M + m] / (maxHi / (1 + tolerance)) - 1) * 100)}% is needed`,
      );
    }
    for (let r = 0; r < R; r++) {
      const k = r * M + m;
      if (lockedLoad[k] > inst.hi[k] * (1 + 1e-12)) {
        out.push(
          `locked accounts give rep '${inst.reps[r].id}' ${metricNames[m]} ${fmt(lockedLoad[k])}, above its upper band ${fmt(inst.hi[k])} at ${pct}`,
        );
      }
    }
  }
  for (let r = 0; r < R; r++) {
    if (lockedCount[r] > inst.cap[r])
      out.push(`rep '${inst.reps[r].id}' has ${lockedCount[r]} locked accounts but max_accounts ${inst.cap[r]}`);
  }
  // Reps that need some load cannot all get a unit when there are fewer units than such reps.
  for (let m = 0; m < M; m++) {
    let needy = 0;
    for (let r = 0; r < R; r++) if (inst.lo[r * M + m] > 0) needy++;
    let units = 0;
    for (let u = 0; u < U; u++) if (inst.unitMetric[u * M + m] > 0) units++;
    if (units < needy)
      out.push(
        `only ${units} accounts (families counted once) carry ${metricNames[m]} but ${needy} reps need a share of it`,
      );
  }
  return out;
}
