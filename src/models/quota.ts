/**
 * Quota math: top-down allocation (target x (1 + over-assignment) split by weights, Kellogg's bookings capacity
 * model and Varicent's allocation bases), org-tree rollups, seasonal phasing, attainment and ramped quota.
 */
import { sameLength } from './shapes';
import { div0Error, valueError, type ResultCell } from './errors';
import { monthIndex } from './dates';
import { checkRamp, rampFactorAtTenure } from './capacity';

/** Checks weights (none negative, a positive sum) and returns their sum; blanks (null) weigh nothing. */
function weightSum(weights: (number | null)[], arg: string): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (w === null) continue;
    if (w < 0) throw valueError(`${arg} row ${i + 1} is ${w}; weights cannot be negative`);
    sum += w;
  }
  if (!(sum > 0)) throw div0Error(`${arg} add up to 0; give at least one positive weight`);
  return sum;
}

/** x rounded to a multiple of `step`, without binary noise (0.1 x 3 is 0.3, not 0.30000000000000004). */
function multipleOf(units: number, step: number): number {
  return Number((units * step).toPrecision(15));
}

export interface AllocateInput {
  target: number;
  weights: (number | null)[];
  overassignment?: number;
  /** Round each part to a multiple of this (largest-remainder method); omitted: no rounding. */
  roundTo?: number | null;
}

/**
 * Splits target x (1 + over-assignment) in proportion to the weights. With round_to, the rounded total
 * (target x (1 + over-assignment) rounded to a multiple of round_to) is split in whole multiples by the
 * largest-remainder (Hamilton) method, so the parts add up exactly; equal remainders go to the earlier row.
 * Blank weights get a blank part. Example: 1,000,000 over {3, 2, 5} at 20%: 360,000, 240,000, 600,000.
 */
export function allocateQuota(input: AllocateInput): (number | null)[] {
  const { target, weights } = input;
  const over = input.overassignment ?? 0;
  if (target < 0) throw valueError(`target is ${target}; it cannot be negative`);
  if (over < 0) throw valueError(`overassignment is ${over}; it cannot be negative`);
  const sum = weightSum(weights, 'weights');
  const total = target * (1 + over);
  const step = input.roundTo ?? null;
  if (step === null) return weights.map((w) => (w === null ? null : (total * w) / sum));
  if (!(step > 0)) throw valueError(`round_to is ${step}; enter a positive step such as 1000`);
  const units = Math.round(total / step);
  const floors: number[] = new Array(weights.length).fill(0);
  const remainders: number[] = new Array(weights.length).fill(-1);
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (w === null) continue;
    const exact = (units * w) / sum;
    // The tolerance keeps an exact share (3.0000000000000004 units) from losing a unit to floating-point noise.
    const floor = Math.floor(exact + 1e-9);
    floors[i] = floor;
    remainders[i] = Math.max(0, exact - floor);
    given += floor;
  }
  const order = weights.map((_, i) => i).filter((i) => weights[i] !== null);
  // Larger remainder first; remainders equal to within noise go to the earlier row (a stable tie-break).
  order.sort((a, b) => (Math.abs(remainders[b] - remainders[a]) > 1e-9 ? remainders[b] - remainders[a] : a - b));
  for (let k = 0; k < units - given; k++) floors[order[k % order.length]] += 1;
  return weights.map((w, i) => (w === null ? null : multipleOf(floors[i], step)));
}

/**
 * Splits an annual number over periods in proportion to seasonality weights.
 * Example: 1,200,000 over {20, 25, 25, 30}: 240,000; 300,000; 300,000; 360,000.
 */
export function phaseQuota(annual: number, seasonality: (number | null)[]): (number | null)[] {
  const sum = weightSum(seasonality, 'seasonality');
  return seasonality.map((w) => (w === null ? null : (annual * w) / sum));
}

export interface RollupInput {
  ids: (string | null)[];
  parentIds: (string | null)[];
  values: (number | null)[];
}

/** Key under which ids are compared: trimmed and case-insensitive, as Excel's MATCH and SUMIFS compare text. */
function idKey(id: string): string {
  return id.trim().toLowerCase();
}

function rowList(rows: number[]): string {
  const shown = rows.slice(0, 10).map((r) => r + 1);
  return shown.join(', ') + (rows.length > 10 ? ` and ${rows.length - 10} more` : '');
}

/**
 * For each row of an org tree, its own value plus all its descendants' values (blank rows give blank).
 * Linear in the number of rows: children are visited leaves-first in one pass over a topological order.
 * Refuses, naming the rows: a duplicate id, a parent that is not an id, a cycle (a row that is its own ancestor).
 * Example: company C, regions E and W under C, reps under E (10, 20) and W (30): C 60, E 30, W 30.
 */
export function rollupQuota(input: RollupInput): (number | null)[] {
  const { ids, parentIds, values } = input;
  const n = ids.length;
  sameLength('parent_ids', parentIds, 'ids', ids);
  sameLength('values', values, 'ids', ids);
  const rowOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (id === null) {
      if (parentIds[i] !== null || values[i] !== null)
        throw valueError(`ids row ${i + 1} is blank but the row has a parent or a value; enter an id`);
      continue;
    }
    const key = idKey(id);
    const first = rowOf.get(key);
    if (first !== undefined)
      throw valueError(`ids rows ${first + 1} and ${i + 1}: duplicate id '${id}'; each id must appear once`);
    rowOf.set(key, i);
  }
  const parent = new Int32Array(n).fill(-1);
  const childCount = new Int32Array(n);
  const missing: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = parentIds[i];
    if (ids[i] === null || p === null) continue;
    const row = rowOf.get(idKey(p));
    if (row === undefined) missing.push(i);
    else {
      parent[i] = row;
      childCount[row]++;
    }
  }
  if (missing.length) {
    const i = missing[0];
    throw valueError(
      `parent_ids row${missing.length > 1 ? 's' : ''} ${rowList(missing)}: parent '${parentIds[i]}' ${missing.length > 1 ? 'and others are' : 'is'} not in ids`,
    );
  }
  // Kahn's order from the leaves up: a row's total is final once all its children have added theirs.
  const total = new Float64Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) {
    if (ids[i] === null) continue;
    total[i] = values[i] ?? 0;
    if (childCount[i] === 0) queue[tail++] = i;
  }
  const remaining = Int32Array.from(childCount);
  for (let head = 0; head < tail; head++) {
    const i = queue[head];
    const p = parent[i];
    if (p < 0) continue;
    total[p] += total[i];
    if (--remaining[p] === 0) queue[tail++] = p;
  }
  if (tail < rowOf.size)
    throw valueError(
      `parent_ids form a cycle through rows ${rowList(cycleRows(parent, remaining))}; a row cannot be its own ancestor`,
    );
  const out: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = ids[i] === null ? null : total[i];
  return out;
}

/** The rows of one cycle: walk parents from a row left unfinished until a row repeats. */
function cycleRows(parent: Int32Array, remaining: Int32Array): number[] {
  let start = remaining.findIndex((c) => c > 0);
  const seen = new Set<number>();
  while (!seen.has(start)) {
    seen.add(start);
    start = parent[start];
  }
  const rows = [start];
  for (let i = parent[start]; i !== start; i = parent[i]) rows.push(i);
  return rows.sort((a, b) => a - b);
}

/**
 * Attainment: bookings / quota, one per row; a single quota applies to every row. A zero quota is a #DIV/0!
 * cell, a negative one a #VALUE! cell; a blank booking counts as 0 and a row blank in both is blank.
 * Example: 90,000 on 100,000 is 0.9.
 */
export function attainment(bookings: (number | null)[], quota: (number | null)[]): ResultCell[] {
  if (quota.length !== 1 && quota.length !== bookings.length) {
    throw valueError(
      `quota has ${quota.length} rows but bookings has ${bookings.length}; give one quota or one per row`,
    );
  }
  return bookings.map((b, i) => {
    const q = quota.length === 1 ? quota[0] : quota[i];
    const row = quota.length === 1 ? 'quota' : `quota row ${i + 1}`;
    if (q === null) return b === null ? '' : valueError(`${row} is blank for bookings row ${i + 1}; enter a quota`);
    if (q === 0) return div0Error(`${row} is 0; attainment needs a quota above 0`);
    if (q < 0) return valueError(`${row} is ${q}; a quota cannot be negative`);
    return (b ?? 0) / q;
  });
}

export interface RampQuotaInput {
  annualQuota: number;
  hireDate: number;
  periodStart: number;
  periodEnd: number;
  ramp: number[];
}

/**
 * A new hire's quota for a period: annual quota / 12 x the ramp factor of each calendar month from the start's
 * month to the end's month (hire month = month 1, 0 before it, 1 after the ramp).
 * Example: 1,200,000 a year, hired 2026-01-10, ramp {0, 0.25, 0.5}: Q1 2026 is 100,000 x 0.75 = 75,000.
 */
export function rampQuota(input: RampQuotaInput): number {
  const { annualQuota, ramp } = input;
  checkRamp(ramp);
  if (annualQuota < 0) throw valueError(`annual_quota is ${annualQuota}; it cannot be negative`);
  const first = monthIndex(input.periodStart);
  const last = monthIndex(input.periodEnd);
  if (last < first) throw valueError('period_end is before period_start');
  const hireMonth = monthIndex(input.hireDate);
  let factors = 0;
  for (let m = first; m <= last; m++) factors += rampFactorAtTenure(ramp, m - hireMonth + 1);
  return (annualQuota / 12) * factors;
}
