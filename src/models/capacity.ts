/**
 * Bookings capacity (Kellogg's bookings capacity model): capacity = ramped rep equivalents (RRE) x steady-state
 * productivity, month by month, with attrition as a monthly survival factor.
 *
 * One convention everywhere: a ramp is a list of fractions by month of tenure, the hire month is month 1 whatever
 * the day of hire, and the factor is 1 after the ramp ends. A rep hired after the period starts (a hiring plan)
 * counts from the hire month, and attrition starts from the later of the period's first month and the hire month.
 */
import { sameLength } from './shapes';
import { valueError } from './errors';

/**
 * The month counter of dates.ts `monthIndex` (year * 12 + month - 1) by integer arithmetic (Hinnant's civil-from-days), without
 * a Date object per call: capacity asks for one per rep, and Date construction dominated a 32,000-rep profile.
 */
export function monthOfSerial(serial: number): number {
  const z = Math.floor(serial) - 25569 + 719468; // days since 0000-03-01 (serial 25569 is 1970-01-01)
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9; // 1..12
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** Checks a ramp vector: fractions in 0..1 by month of tenure, hire month first. */
export function checkRamp(ramp: number[]): void {
  ramp.forEach((f, i) => {
    if (!(f >= 0 && f <= 1))
      throw valueError(`ramp item ${i + 1} is ${f}; ramp factors are fractions from 0 to 1 (enter 50% or 0.5)`);
  });
}

function checkAttrition(attrition: number): void {
  if (!(attrition >= 0 && attrition < 1))
    throw valueError(
      `annual_attrition is ${attrition}; enter a fraction from 0 up to (not including) 1, like 15% or 0.15`,
    );
}

/** Ramp factor in the n-th month of tenure (n = 1 is the hire month); 0 before hire, 1 after the ramp ends. */
export function rampFactorAtTenure(ramp: number[], tenureMonth: number): number {
  if (tenureMonth < 1) return 0;
  return tenureMonth <= ramp.length ? ramp[tenureMonth - 1] : 1;
}

/**
 * Ramp factor of one rep on a date: the factor of the month of tenure the date falls in.
 * Example: hired 2026-02-01, ramp {0.25, 0.5, 0.75}: 0.5 on 2026-03-15, 1 on 2027-01-01, 0 on 2026-01-31.
 */
export function rampFactor(hireDate: number, asOf: number, ramp: number[]): number {
  checkRamp(ramp);
  return rampFactorAtTenure(ramp, monthOfSerial(asOf) - monthOfSerial(hireDate) + 1);
}

/**
 * Ramp factors of several reps on one date (one per hire date; a blank hire date gives null). The ramp is checked
 * once. Example: hires 2026-02-01, 2025-01-15, 2026-04-01 on 2026-03-15 with ramp {0.25, 0.5, 0.75}: 0.5, 1, 0.
 */
export function rampFactors(hireDates: (number | null)[], asOf: number, ramp: number[]): (number | null)[] {
  checkRamp(ramp);
  const asOfMonth = monthOfSerial(asOf);
  return hireDates.map((d) => (d === null ? null : rampFactorAtTenure(ramp, asOfMonth - monthOfSerial(d) + 1)));
}

export interface RreInput {
  hireDates: (number | null)[]; // Excel serials; null rows are ignored
  asOf: number;
  ramp: number[];
  /** Each rep's last day (inclusive); null while employed. */
  endDates?: (number | null)[] | null;
}

/**
 * Ramped rep equivalents on a date: the sum of ramp factors of the reps employed on it (hire date <= as_of <= end
 * date). Example: ramp {0.25, 0.5, 0.75}, reps hired 2025-01-15 and 2026-02-01, on 2026-03-15: 1 + 0.5 = 1.5.
 */
export function rre(input: RreInput): number {
  const { hireDates, endDates, ramp, asOf } = input;
  checkRamp(ramp);
  checkEndDates(hireDates, endDates);
  const asOfMonth = monthOfSerial(asOf);
  let total = 0;
  for (let i = 0; i < hireDates.length; i++) {
    const hire = hireDates[i];
    if (hire === null) continue;
    const end = endDates?.[i] ?? null;
    if (hire > asOf || (end !== null && end < asOf)) continue;
    total += rampFactorAtTenure(ramp, asOfMonth - monthOfSerial(hire) + 1);
  }
  return total;
}

function checkEndDates(hireDates: (number | null)[], endDates: (number | null)[] | null | undefined): void {
  if (!endDates) return;
  sameLength('end_dates', endDates, 'hire_dates', hireDates);
  for (let i = 0; i < hireDates.length; i++) {
    const hire = hireDates[i];
    const end = endDates[i];
    if (hire !== null && end !== null && end < hire)
      throw valueError(`end_dates row ${i + 1} is before the hire date in hire_dates row ${i + 1}`);
  }
}

export interface CapacityInput {
  hireDates: (number | null)[]; // Excel serials; null rows are ignored
  endDates?: (number | null)[] | null;
  /** One annual productivity for every rep, or one per rep row. */
  annualProductivity: number | (number | null)[];
  ramp: number[];
  periodStart: number;
  periodEnd: number;
  annualAttrition?: number;
}

/** The calendar months of a period and the monthly survival factors (1 - attrition)^(m / 12), m = 0, 1, ... */
interface MonthGrid {
  first: number; // month index of the period's first month
  months: number;
  survival: Float64Array;
}

function monthGrid(periodStart: number, periodEnd: number, attrition: number): MonthGrid {
  checkAttrition(attrition);
  const first = monthOfSerial(periodStart);
  const last = monthOfSerial(periodEnd);
  if (last < first) throw valueError('period_end is before period_start');
  const months = last - first + 1;
  const survival = new Float64Array(months);
  for (let m = 0; m < months; m++) survival[m] = Math.pow(1 - attrition, m / 12);
  return { first, months, survival };
}

/**
 * Adds one rep's expected ramp factor for each month of the grid into `out` (when given) and returns their sum.
 * The rep counts from the hire month up to the month before the end date's month; survival is counted from the
 * later of the period's first month and the hire month (a planned hire cannot leave before joining).
 */
function repMonths(
  grid: MonthGrid,
  ramp: number[],
  hire: number,
  end: number | null,
  out: Float64Array | null,
): number {
  return repMonthsOf(grid, ramp, monthOfSerial(hire), end === null ? Infinity : monthOfSerial(end), out);
}

function repMonthsOf(
  grid: MonthGrid,
  ramp: number[],
  hireMonth: number,
  stopMonth: number,
  out: Float64Array | null,
): number {
  const from = Math.max(grid.first, hireMonth);
  let sum = 0;
  for (let month = from; month < grid.first + grid.months && month < stopMonth; month++) {
    const f = rampFactorAtTenure(ramp, month - hireMonth + 1) * grid.survival[month - from];
    sum += f;
    if (out) out[month - grid.first] += f;
  }
  return sum;
}

/**
 * Expected bookings capacity over a period: for each calendar month from the start's month to the end's month,
 * each rep contributes annual_productivity / 12 x ramp factor x survival (see {@link repMonths}).
 * Example: ramp {0.25, 0.5, 0.75}, 1.2M/year, reps hired 2025-01-15 and 2026-02-01, Q1 2026: 300,000 + 75,000.
 */
export function capacity(input: CapacityInput): number {
  const { hireDates, endDates, ramp, annualProductivity } = input;
  checkRamp(ramp);
  const grid = monthGrid(input.periodStart, input.periodEnd, input.annualAttrition ?? 0);
  checkEndDates(hireDates, endDates);
  const perRep = Array.isArray(annualProductivity);
  if (perRep && annualProductivity.length !== hireDates.length) {
    throw valueError(
      `annual_productivity has ${annualProductivity.length} rows but hire_dates has ${hireDates.length}; give one number or one per rep`,
    );
  }
  if (!perRep && annualProductivity < 0) throw valueError('annual_productivity is negative');
  // A rep's ramp-x-survival sum depends only on its hire month and end month: reps sharing both share the sum, so a
  // team of thousands costs one pass per distinct (hire month, end month) instead of one per rep-month.
  const sums = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < hireDates.length; i++) {
    const hire = hireDates[i];
    if (hire === null) continue;
    const productivity = perRep ? annualProductivity[i] : annualProductivity;
    if (productivity === null) throw valueError(`annual_productivity row ${i + 1} is blank for a rep with a hire date`);
    if (productivity < 0) throw valueError(`annual_productivity row ${i + 1} is negative`);
    const end = endDates?.[i] ?? null;
    const hireMonth = monthOfSerial(hire);
    const stopMonth = end === null ? -1 : monthOfSerial(end);
    const key = hireMonth * 1_000_000 + stopMonth; // month indices are year x 12 + month, far below a million
    let sum = sums.get(key);
    if (sum === undefined) {
      sum = repMonthsOf(grid, ramp, hireMonth, stopMonth < 0 ? Infinity : stopMonth, null);
      sums.set(key, sum);
    }
    total += (productivity / 12) * sum;
  }
  return total;
}

export type RreByMonthInput = Omit<CapacityInput, 'annualProductivity'>;

/**
 * Expected RRE in each calendar month of a period (ramp x survival, summed over reps): the audit trail of a
 * CAPACITY cell. With one productivity for every rep, capacity = sum of the months' RRE x annual productivity / 12.
 * Example: ramp {0.25, 0.5, 0.75}, reps hired 2025-01-15 and 2026-02-01, Q1 2026: [1, 1.25, 1.5].
 */
export function rreByMonth(input: RreByMonthInput): number[] {
  const { hireDates, endDates, ramp } = input;
  checkRamp(ramp);
  const grid = monthGrid(input.periodStart, input.periodEnd, input.annualAttrition ?? 0);
  checkEndDates(hireDates, endDates);
  const out = new Float64Array(grid.months);
  for (let i = 0; i < hireDates.length; i++) {
    const hire = hireDates[i];
    if (hire !== null) repMonths(grid, ramp, hire, endDates?.[i] ?? null, out);
  }
  return Array.from(out);
}

export interface HeadcountInput {
  target: number;
  annualProductivity: number;
  ramp: number[];
  months: number;
  annualAttrition?: number;
  existingCapacity?: number;
}

/**
 * Expected capacity of one rep hired at the start of a period of `months` months:
 * productivity / 12 x sum over m = 0..months-1 of ramp(m + 1) x (1 - attrition)^(m / 12).
 */
export function capacityPerHire(
  annualProductivity: number,
  ramp: number[],
  months: number,
  annualAttrition = 0,
): number {
  checkRamp(ramp);
  checkAttrition(annualAttrition);
  let sum = 0;
  for (let m = 0; m < months; m++) sum += rampFactorAtTenure(ramp, m + 1) * Math.pow(1 - annualAttrition, m / 12);
  return (annualProductivity / 12) * sum;
}

/**
 * The smallest whole number of reps, all hired at the start of the period, whose expected capacity plus existing
 * capacity reaches the target. Example: 3M target, 1.2M productivity, ramp {0.25, 0.5, 0.75}, 12 months: each hire
 * brings 100,000 x (0.25 + 0.5 + 0.75 + 9) = 1,050,000, so 3.
 */
export function headcount(input: HeadcountInput): number {
  const { target, annualProductivity, ramp, months } = input;
  const existing = input.existingCapacity ?? 0;
  if (target < 0) throw valueError(`target is ${target}; it cannot be negative`);
  if (annualProductivity < 0) throw valueError(`annual_productivity is ${annualProductivity}; it cannot be negative`);
  if (!(Number.isInteger(months) && months >= 1 && months <= 1200))
    throw valueError(`months is ${months}; enter a whole number of months from 1 to 1200`);
  if (existing < 0) throw valueError(`existing_capacity is ${existing}; it cannot be negative`);
  const perHire = capacityPerHire(annualProductivity, ramp, months, input.annualAttrition ?? 0);
  const gap = target - existing;
  if (gap <= 0) return 0;
  // #VALUE!, whose message Excel shows: productivity and ramp that give a hire nothing are unusable arguments here
  if (!(perHire > 0))
    throw valueError(
      'a hire adds no capacity in this period (zero productivity, or a ramp of zeros longer than months); no headcount reaches the target',
    );
  // The tolerance keeps an exact fit (3,150,000 / 1,050,000) at 3 despite floating-point noise.
  return Math.ceil(gap / perHire - 1e-9);
}
