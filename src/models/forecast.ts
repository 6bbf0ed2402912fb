/**
 * Forecast math: Salesforce forecast-category rollups, pipeline coverage, sales velocity, the length-of-sales-cycle
 * forecast, a Monte Carlo forecast of the pipeline's yield, and forecast accuracy (Hyndman & Koehler 2006).
 */
import { sameLength } from './shapes';
import { div0Error, naError, valueError } from './errors';

export type ForecastCategory = 'Closed' | 'Commit' | 'Best Case' | 'Pipeline' | 'Omitted';

/** Accepted category names (compared ignoring case, spaces, hyphens and underscores) and what they mean. */
const CATEGORY_NAMES: Record<string, ForecastCategory> = {
  closed: 'Closed',
  closedwon: 'Closed',
  won: 'Closed',
  commit: 'Commit',
  forecast: 'Commit',
  bestcase: 'Best Case',
  upside: 'Best Case',
  pipeline: 'Pipeline',
  omitted: 'Omitted',
  lost: 'Omitted',
  closedlost: 'Omitted',
};

/** The Salesforce forecast category a name means, or null for an unknown name. */
export function forecastCategory(name: string): ForecastCategory | null {
  return CATEGORY_NAMES[name.toLowerCase().replace(/[\s_-]+/g, '')] ?? null;
}

export interface ForecastInput {
  amounts: (number | null)[];
  categories: (string | null)[];
  quota?: number | null;
}

export interface ForecastLine {
  label: 'Closed' | 'Commit' | 'Best Case' | 'Open Pipeline' | 'Gap to quota';
  value: number;
}

/**
 * Salesforce's cumulative forecast rollups: Closed; Commit = Commit + Closed; Best Case = Best Case + Commit + Closed;
 * Open Pipeline = Pipeline + Best Case + Commit (open deals only); with a quota, Gap to quota = quota - Closed.
 * Omitted (lost) deals count nowhere. Rows with a blank amount are skipped.
 * Example: 100 Closed, 200 Commit, 300 Best Case, 400 Pipeline, 500 Omitted, quota 1,000:
 * Closed 100, Commit 300, Best Case 600, Open Pipeline 900, Gap to quota 900.
 */
export function forecastRollup(input: ForecastInput): ForecastLine[] {
  const { amounts, categories } = input;
  sameLength('amounts', amounts, 'categories', categories);
  const sums: Record<ForecastCategory, number> = { Closed: 0, Commit: 0, 'Best Case': 0, Pipeline: 0, Omitted: 0 };
  const cache = new Map<string, ForecastCategory>();
  for (let i = 0; i < amounts.length; i++) {
    const amount = amounts[i];
    if (amount === null) continue;
    const name = categories[i];
    if (name === null)
      throw valueError(
        `categories row ${i + 1} is blank but amounts row ${i + 1} is ${amount}; enter a forecast category`,
      );
    let c = cache.get(name);
    if (c === undefined) {
      const found = forecastCategory(name);
      if (found === null) {
        throw naError(
          `categories row ${i + 1}: unknown forecast category '${name}' (use Closed, Commit, Best Case, Pipeline or Omitted)`,
        );
      }
      cache.set(name, (c = found));
    }
    sums[c] += amount;
  }
  const lines: ForecastLine[] = [
    { label: 'Closed', value: sums.Closed },
    { label: 'Commit', value: sums.Commit + sums.Closed },
    { label: 'Best Case', value: sums['Best Case'] + sums.Commit + sums.Closed },
    { label: 'Open Pipeline', value: sums.Pipeline + sums['Best Case'] + sums.Commit },
  ];
  if (input.quota != null) {
    if (input.quota < 0) throw valueError(`quota is ${input.quota}; it cannot be negative`);
    lines.push({ label: 'Gap to quota', value: input.quota - sums.Closed });
  }
  return lines;
}

/**
 * Pipeline coverage = open pipeline / (quota - closed). Example: 4.8M against 2M quota with 0.4M closed is 3.0.
 * When nothing remains to cover (quota - closed <= 0, a zero quota included) the quota is already met: #VALUE!,
 * checked before any division, so a zero remaining quota is never a #DIV/0!.
 */
export function pipelineCoverage(openPipeline: number, quota: number, closed = 0): number {
  if (openPipeline < 0) throw valueError(`open_pipeline is ${openPipeline}; it cannot be negative`);
  if (quota < 0) throw valueError(`quota is ${quota}; it cannot be negative`);
  if (closed < 0) throw valueError(`closed is ${closed}; it cannot be negative`);
  const remaining = quota - closed;
  // #VALUE!, not #NUM!: the arguments leave nothing to cover, and Excel shows the message only with #VALUE! and #N/A
  if (remaining <= 0)
    throw valueError(`the quota is already met (closed ${closed} >= quota ${quota}); nothing remains to cover`);
  return openPipeline / remaining;
}

export interface VelocityInput {
  opportunities: number;
  averageDeal: number;
  winRate: number; // 0..1
  cycleDays: number;
}

/** Sales velocity (revenue per day) = opportunities x average deal x win rate / cycle days. 40 x 25,000 x 0.25 / 90 = 2,777.78. */
export function salesVelocity({ opportunities, averageDeal, winRate, cycleDays }: VelocityInput): number {
  if (opportunities < 0) throw valueError(`opportunities is ${opportunities}; it cannot be negative`);
  if (averageDeal < 0) throw valueError(`avg_deal is ${averageDeal}; it cannot be negative`);
  if (!(winRate >= 0 && winRate <= 1))
    throw valueError(`win_rate is ${winRate}; enter a fraction from 0 to 1 (25% or 0.25)`);
  if (cycleDays < 0) throw valueError(`cycle_days is ${cycleDays}; it cannot be negative`);
  // an invalid argument, so #VALUE! with its message (Excel drops the message of a #DIV/0!)
  if (cycleDays === 0) throw valueError('cycle_days is 0; a sales cycle takes at least some days');
  return (opportunities * averageDeal * winRate) / cycleDays;
}

export interface CycleForecastInput {
  amounts: (number | null)[];
  agesDays: (number | null)[];
  /** One typical cycle for every deal, or one per deal (e.g. by product). */
  cycleDays: number | (number | null)[];
}

/**
 * Length-of-sales-cycle forecast: each open deal counts amount x min(age / typical cycle, 1).
 * Example: a 10,000 deal 60 days into a 120-day cycle counts 5,000. Rows with a blank amount are skipped.
 */
export function cycleForecast({ amounts, agesDays, cycleDays }: CycleForecastInput): number {
  sameLength('amounts', amounts, 'ages_days', agesDays);
  const perDeal = Array.isArray(cycleDays);
  if (perDeal && cycleDays.length !== amounts.length) {
    throw valueError(
      `typical_cycle_days has ${cycleDays.length} rows but amounts has ${amounts.length}; give one number or one per deal`,
    );
  }
  let total = 0;
  for (let i = 0; i < amounts.length; i++) {
    const amount = amounts[i];
    if (amount === null) continue;
    const age = agesDays[i];
    if (age === null)
      throw valueError(
        `ages_days row ${i + 1} is blank but amounts row ${i + 1} is ${amount}; enter the deal's age in days`,
      );
    if (age < 0) throw valueError(`ages_days row ${i + 1} is ${age}; an age cannot be negative`);
    const cycle = perDeal ? cycleDays[i] : cycleDays;
    const where = perDeal ? `typical_cycle_days row ${i + 1}` : 'typical_cycle_days';
    if (cycle === null) throw valueError(`${where} is blank; enter the typical cycle in days`);
    if (!(cycle > 0)) throw valueError(`${where} is ${cycle}; a sales cycle must be more than 0 days`);
    total += amount * Math.min(age / cycle, 1);
  }
  return total;
}

export interface MonteCarloInput {
  amounts: (number | null)[];
  probabilities: (number | null)[];
  percentiles: number[]; // fractions 0..1
  trials: number;
  seed: number;
}

export interface MonteCarloLine {
  percentile: number;
  total: number;
}

export const DEFAULT_TRIALS = 10_000;
export const DEFAULT_SEED = 1;
export const MAX_TRIALS = 1_000_000;
/**
 * Work budget of one simulation: trials x deals that can go either way (probability strictly between 0 and 1).
 * 2 x 10^8 draws run in about a second on a laptop; 10,000 trials over 20,000 such deals fit, 1M deals x 1M trials
 * (which would run for hours) is refused with #VALUE! before any draw.
 */
export const MAX_DRAWS = 200_000_000;

/**
 * Monte Carlo forecast of the pipeline's yield (Andrew Parker, "Monte Carlo simulation of sales pipeline projected
 * yield"): in each trial every deal wins its amount with its probability, independently; returns the trial totals at
 * the requested percentiles (Excel's PERCENTILE.INC of the trial totals), in the order asked.
 * Deterministic: the same seed gives the same totals in every host. Example: a single 1,000 deal at 30%: P50 0, P90 1,000.
 * Refused with #VALUE! when trials x uncertain deals exceeds {@link MAX_DRAWS}, so a huge call cannot hang the host.
 */
export function monteCarloForecast(input: MonteCarloInput): MonteCarloLine[] {
  const { amounts, probabilities, percentiles, trials, seed } = input;
  sameLength('amounts', amounts, 'probabilities', probabilities);
  if (!(Number.isInteger(trials) && trials >= 1 && trials <= MAX_TRIALS)) {
    throw valueError(`trials is ${trials}; enter a whole number from 1 to ${MAX_TRIALS}`);
  }
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff))
    throw valueError(`seed is ${seed}; enter a whole number from 0 to 4294967295`);
  if (percentiles.length === 0) throw valueError('percentiles is empty; give fractions like 0.1, 0.5, 0.9');
  percentiles.forEach((p, i) => {
    if (!(p >= 0 && p <= 1))
      throw valueError(`percentiles item ${i + 1} is ${p}; enter a fraction from 0 to 1 (10% or 0.1)`);
  });
  // Deals that can go either way, as typed arrays; certain wins are a constant, certain losses drop out.
  let certain = 0;
  const amt: number[] = [];
  const thr: number[] = [];
  for (let i = 0; i < amounts.length; i++) {
    const a = amounts[i];
    if (a === null) continue;
    const p = probabilities[i];
    if (p === null)
      throw valueError(`probabilities row ${i + 1} is blank but amounts row ${i + 1} is ${a}; enter a win probability`);
    if (!(p >= 0 && p <= 1))
      throw valueError(`probabilities row ${i + 1} is ${p}; enter a fraction from 0 to 1 (30% or 0.3)`);
    if (p === 1) certain += a;
    else if (p > 0 && a !== 0) {
      amt.push(a);
      thr.push(Math.floor(p * 2147483648)); // wins when a uniform 31-bit draw is below p x 2^31
    }
  }
  if (amt.length * trials > MAX_DRAWS) {
    const most = Math.max(1, Math.floor(MAX_DRAWS / amt.length));
    // a work limit on the trials argument: #VALUE!, whose message Excel shows (it drops a #NUM!'s)
    throw valueError(
      `trials is ${trials} over ${amt.length.toLocaleString('en-US')} deals that can go either way: ${(amt.length * trials).toLocaleString('en-US')} draws, above the limit of ${MAX_DRAWS.toLocaleString('en-US')}; use at most ${most.toLocaleString('en-US')} trials for these deals, or fewer deals`,
    );
  }
  const totals = simulateTotals(Float64Array.from(amt), Int32Array.from(thr), trials, seed);
  const values = percentilesInc(totals, percentiles);
  return percentiles.map((p, i) => ({ percentile: p, total: certain + values[i] }));
}

/**
 * Trial totals: for each trial, the sum of the amounts of the deals whose 31-bit draw falls below their threshold
 * (p x 2^31). The generator is xoshiro128** (Blackman & Vigna), seeded through splitmix32, inlined on local int32
 * state; the draw is compared without a branch (the sign of draw - threshold), which a CPU cannot mispredict.
 */
export function simulateTotals(
  amounts: Float64Array,
  thresholds: Int32Array,
  trials: number,
  seed: number,
): Float64Array {
  // A local reference: inside a vm context (jest, sandboxed runtimes) every lookup of the global Math is slow,
  // and this loop makes two per draw.
  const imul = Math.imul;
  let z = seed >>> 0;
  const next = () => {
    z = (z + 0x9e3779b9) | 0;
    let t = z ^ (z >>> 16);
    t = imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) | 0;
  };
  let s0 = next();
  let s1 = next();
  let s2 = next();
  let s3 = next();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // xoshiro's state must not be all zero
  const totals = new Float64Array(trials);
  const n = amounts.length;
  for (let t = 0; t < trials; t++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const m = imul(s1, 5);
      const r = imul((m << 7) | (m >>> 25), 9) >>> 1;
      const sh = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= sh;
      s3 = (s3 << 11) | (s3 >>> 21);
      sum += amounts[i] * (((r - thresholds[i]) >> 31) & 1);
    }
    totals[t] = sum;
  }
  return totals;
}

/**
 * Excel's PERCENTILE.INC of `values` at each fraction p: with h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])
 * over the sorted values. Uses selection (Floyd-Rivest) on a copy at the few ranks needed instead of a full sort.
 */
export function percentilesInc(values: Float64Array, ps: number[]): number[] {
  const n = values.length;
  if (n === 0) throw valueError('there are no values to take percentiles of');
  const a = Float64Array.from(values);
  const ranks = new Set<number>();
  for (const p of ps) {
    const h = (n - 1) * p;
    ranks.add(Math.floor(h));
    if (h > Math.floor(h)) ranks.add(Math.floor(h) + 1);
  }
  // Select the ranks in ascending order, each in the window right of the previous one (already partitioned).
  let left = 0;
  for (const k of [...ranks].sort((x, y) => x - y)) {
    floydRivestSelect(a, k, left, n - 1);
    left = k + 1;
  }
  return ps.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    // Clamped to the upper neighbour: rounding in the interpolation must not step past it (percentiles stay ordered).
    return h > lo ? Math.min(a[lo + 1], a[lo] + (h - lo) * (a[lo + 1] - a[lo])) : a[lo];
  });
}

/** Rearranges a[left..right] so that a[k] is the k-th smallest, smaller ones left of it, larger right (Floyd & Rivest 1975). */
function floydRivestSelect(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      // Recurse on a small sample around k to find a pivot close to the k-th value.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      floydRivestSelect(
        a,
        k,
        Math.max(left, Math.floor(k - (m * s) / n + sd)),
        Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)),
      );
    }
    const pivot = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > pivot) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
    }
    if (a[left] === pivot) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

export type AccuracyMeasure = 'MAPE' | 'MPE' | 'BIAS' | 'WMAPE';
export const ACCURACY_MEASURES: AccuracyMeasure[] = ['MAPE', 'MPE', 'BIAS', 'WMAPE'];

/**
 * Forecast accuracy (Hyndman & Koehler 2006) with e = actual - forecast, as fractions (0.1 = 10%):
 * MAPE = mean |e / actual|; MPE = mean e / actual; BIAS = mean e (in money; positive = under-forecast);
 * WMAPE = sum |e| / sum actual. Rows blank in both ranges are skipped.
 * Example: actuals 100, 200 vs forecasts 110, 180: MAPE 0.10, MPE 0, BIAS 5, WMAPE 0.10.
 */
export function forecastAccuracy(
  actuals: (number | null)[],
  forecasts: (number | null)[],
  measure: AccuracyMeasure = 'MAPE',
): number {
  sameLength('actuals', actuals, 'forecasts', forecasts);
  let n = 0;
  let sum = 0;
  let sumActual = 0;
  for (let i = 0; i < actuals.length; i++) {
    const a = actuals[i];
    const f = forecasts[i];
    if (a === null && f === null) continue;
    if (a === null)
      throw valueError(`actuals row ${i + 1} is blank but forecasts row ${i + 1} is ${f}; enter both or neither`);
    if (f === null)
      throw valueError(`forecasts row ${i + 1} is blank but actuals row ${i + 1} is ${a}; enter both or neither`);
    const e = a - f;
    n++;
    if (measure === 'MAPE' || measure === 'MPE') {
      if (a === 0)
        throw div0Error(`actuals row ${i + 1} is 0, so its percentage error is undefined; use WMAPE or BIAS`);
      sum += measure === 'MAPE' ? Math.abs(e / a) : e / a;
    } else if (measure === 'BIAS') sum += e;
    else {
      sum += Math.abs(e);
      sumActual += a;
    }
  }
  if (n === 0) throw valueError('actuals and forecasts hold no pairs of numbers');
  if (measure === 'WMAPE') {
    if (sumActual === 0) throw div0Error('the actuals add up to 0, so WMAPE is undefined; use BIAS');
    return sum / sumActual;
  }
  return sum / n;
}
