/**
 * Bookings capacity (Kellogg's bookings capacity model): capacity = ramped rep equivalents x steady-state
 * productivity, month by month, with attrition as a monthly survival factor.
 */
import { valueError } from './errors';
import { monthIndex } from './dates';

/** Checks a ramp vector: fractions in 0..1 by month of tenure, hire month first. */
export function checkRamp(ramp: number[]): void {
  ramp.forEach((f, i) => {
    if (!(f >= 0 && f <= 1)) throw valueError(`ramp item ${i + 1} is ${f}; ramp factors are fractions from 0 to 1 (enter 50% or 0.5)`);
  });
}

/** Ramp factor in the n-th month of tenure (n = 1 is the hire month); 0 before hire, 1 after the ramp ends. */
export function rampFactorAtTenure(ramp: number[], tenureMonth: number): number {
  if (tenureMonth < 1) return 0;
  return tenureMonth <= ramp.length ? ramp[tenureMonth - 1] : 1;
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

/**
 * Expected bookings capacity over a period: for each calendar month from the start's month to the end's month,
 * each rep contributes annual_productivity / 12 x ramp factor, times (1 - attrition)^(m / 12) for the m-th month.
 * Example: ramp {0.25, 0.5, 0.75}, 1.2M/year, reps hired 2025-01-15 and 2026-02-01, Q1 2026: 300,000 + 75,000.
 */
export function capacity(input: CapacityInput): number {
  const { hireDates, endDates, ramp, annualProductivity } = input;
  const attrition = input.annualAttrition ?? 0;
  checkRamp(ramp);
  if (!(attrition >= 0 && attrition < 1)) throw valueError(`annual_attrition is ${attrition}; enter a fraction from 0 up to (not including) 1, like 15% or 0.15`);
  const first = monthIndex(input.periodStart);
  const last = monthIndex(input.periodEnd);
  if (last < first) throw valueError('period_end is before period_start');
  if (endDates && endDates.length !== hireDates.length) {
    throw valueError(`end_dates has ${endDates.length} rows but hire_dates has ${hireDates.length}; give ranges of the same size`);
  }
  const perRep = Array.isArray(annualProductivity);
  if (perRep && annualProductivity.length !== hireDates.length) {
    throw valueError(`annual_productivity has ${annualProductivity.length} rows but hire_dates has ${hireDates.length}; give one number or one per rep`);
  }
  const months = last - first + 1;
  const survival = new Float64Array(months);
  for (let m = 0; m < months; m++) survival[m] = Math.pow(1 - attrition, m / 12);
  let total = 0;
  for (let i = 0; i < hireDates.length; i++) {
    const hire = hireDates[i];
    if (hire === null) continue;
    const productivity = perRep ? annualProductivity[i] : annualProductivity;
    if (productivity === null) throw valueError(`annual_productivity row ${i + 1} is blank for a rep with a hire date`);
    if (productivity < 0) throw valueError(`annual_productivity row ${i + 1} is negative`);
    const end = endDates?.[i] ?? null;
    if (end !== null && end < hire) throw valueError(`end_dates row ${i + 1} is before the hire date in hire_dates row ${i + 1}`);
    const hireMonth = monthIndex(hire);
    const stopMonth = end === null ? Infinity : monthIndex(end); // contributes up to the month before the end month
    let repTotal = 0;
    for (let m = 0; m < months; m++) {
      const month = first + m;
      if (month >= stopMonth) break;
      repTotal += rampFactorAtTenure(ramp, month - hireMonth + 1) * survival[m];
    }
    total += (productivity / 12) * repTotal;
  }
  return total;
}
