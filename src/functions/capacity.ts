/* Custom-function declarations for capacity planning: clean arguments, call src/models/capacity. */
import { capacity, headcount, rampFactor, rampFactors, rre, rreByMonth, type CapacityInput } from '../models/capacity';
import { monthIndex } from '../models/dates';
import { valueError } from '../models/errors';
import {
  asMatrix,
  dateVector,
  isOmitted,
  isSingle,
  scalar,
  numberVector,
  optionalNumber,
  requiredDate,
  requiredNumber,
  requiredNumberVector,
  vector,
} from './clean';

/**
 * Ramp factor of a rep on a date: the ramp fraction of the month of tenure the date falls in (the hire month is month 1 whatever the day; 0 before the hire month; 1 after the ramp ends). Given a row or column of hire dates, spills one factor per hire date in the same shape (a blank hire date spills blank).
 * @customfunction RAMP
 * @param hire_date The rep's hire date, or a row or column of hire dates (one per rep).
 * @param as_of The date to evaluate.
 * @param ramp Ramp factors by month of tenure, hire month first (a row or column of fractions, e.g. 25%, 50%, 75%).
 * @returns The ramp factor, from 0 to 1; one per hire date, shaped like hire_date.
 * @spill rows(hire_date) x cols(hire_date)
 * @example =SALESOPS.RAMP("2026-02-01", "2026-03-15", {0.25,0.5,0.75}) returns 0.5
 * @example =SALESOPS.RAMP("2026-02-01", "2027-01-01", {0.25,0.5,0.75}) returns 1
 * @example =SALESOPS.RAMP("2026-02-01", "2026-01-31", {0.25,0.5,0.75}) returns 0
 * @example =SALESOPS.RAMP("2026-02-01", "2026-02-28", {"25%";"50%";"75%"}) returns 0.25
 * @example =SALESOPS.RAMP({"2026-02-01";"2025-01-15";"";"2026-04-01"}, "2026-03-15", {0.25,0.5,0.75}) returns {0.5;1;"";0}
 * @example =SALESOPS.RAMP({"2026-01-01","2026-03-01"}, "2026-03-15", {0.25,0.5,0.75}) returns {0.75,0.25}
 * @example =SALESOPS.RAMP("2026-02-01", "2026-03-15", {0.25,50,0.75}) returns #VALUE!
 * @example =SALESOPS.RAMP("soon", "2026-03-15", {0.25,0.5,0.75}) returns #VALUE!
 * @example =SALESOPS.RAMP({"2026-02-01","2026-03-01";"2026-01-01","2026-04-01"}, "2026-03-15", {0.5}) returns #VALUE!
 * @error #VALUE! when a hire date or as_of is not a date, the ramp is empty or holds a value outside 0 to 1 (50 instead of 50%), or hire_date is a block of several rows and columns
 */
export function rampFn(hire_date: any[][], as_of: any, ramp: any[][]): any[][] {
  // A matrix result (the any[][] return type makes functions.json say so): Excel passes hire_date as a 2-D array even
  // for one cell, and a function declared scalar that answers [[0.5]] shows #VALUE! in Excel.
  const asOf = requiredDate(as_of, 'as_of');
  const factors = requiredNumberVector(ramp, 'ramp');
  // one hire date, typed or in one cell: the same answer and message in both hosts
  if (isSingle(hire_date))
    return [[rampFactor(requiredDate(scalar(hire_date, 'hire_date'), 'hire_date'), asOf, factors)]];
  const dates = dateVector(hire_date, 'hire_date');
  if (dates.length === 0) throw valueError('hire_date is empty; give a hire date or a row or column of them');
  const cells = rampFactors(dates, asOf, factors).map((v) => v ?? '');
  return asMatrix(hire_date).length === 1 ? [cells] : cells.map((v) => [v]);
}

/**
 * Ramped rep equivalents (RRE) on a date: the sum of the ramp factors of the reps employed on it (hired on or before the date and, with end dates, not yet gone: the end date is the last day, inclusive).
 * @customfunction RRE
 * @param hire_dates Each rep's hire date, one row per rep. Blank rows are ignored.
 * @param as_of The date to evaluate.
 * @param ramp Ramp factors by month of tenure, hire month first (a row or column of fractions).
 * @param [end_dates] Each rep's last day, aligned with hire_dates; blank while employed.
 * @returns Ramped rep equivalents.
 * @example =SALESOPS.RRE({"2025-01-15";"2026-02-01"}, "2026-03-15", {0.25,0.5,0.75}) returns 1.5
 * @example =SALESOPS.RRE({"2025-01-15";"2026-02-01";"2026-03-20"}, "2026-03-15", {0.25,0.5,0.75}, {"2026-03-01";"";""}) returns 0.5
 * @example =SALESOPS.RRE({"2026-02-01"}, "2026-03-15", {0.25,0.5,0.75}, {"2026-01-01"}) returns #VALUE!
 * @example =SALESOPS.RRE({"2026-02-01";"2026-03-01"}, "2026-03-15", {0.25,0.5,0.75}, {"";"";""}) returns #VALUE!
 * @error #VALUE! when a hire or end date is not a date, an end date is before its hire date, end_dates and hire_dates differ in size, or the ramp holds a value outside 0 to 1
 */
export function rreFn(hire_dates: any[][], as_of: any, ramp: any[][], end_dates?: any[][]): number {
  return rre({
    hireDates: dateVector(hire_dates, 'hire_dates'),
    asOf: requiredDate(as_of, 'as_of'),
    ramp: requiredNumberVector(ramp, 'ramp'),
    endDates: isOmitted(end_dates) ? null : dateVector(end_dates, 'end_dates'),
  });
}

/**
 * Bookings capacity of a team over a period (Kellogg's capacity model): in each calendar month of the period every rep contributes annual productivity / 12 times the ramp factor of that month of tenure (hire month = month 1; 1 after the ramp ends), times the chance the rep is still there, (1 - attrition)^(m/12) after m months. Future hire dates are a hiring plan: such reps count from their hire month, and their attrition starts then.
 * @customfunction CAPACITY
 * @param hire_dates Each rep's hire date, one row per rep (future dates are a hiring plan). Blank rows are ignored.
 * @param annual_productivity A fully ramped rep's bookings per year: one number, or a column aligned with hire_dates (per-rep productivity).
 * @param ramp Ramp factors by month of tenure, hire month first (a row or column of fractions, e.g. 25%, 50%, 75%).
 * @param period_start First day of the period.
 * @param period_end Last day of the period (its whole month counts).
 * @param [annual_attrition] Share of reps expected to leave per year (e.g. 15%); default 0.
 * @param [end_dates] Each rep's last date; a rep counts up to the month before the end date's month.
 * @returns Expected bookings capacity over the period.
 * @example =SALESOPS.CAPACITY({"2025-01-15";"2026-02-01"}, 1200000, {0.25,0.5,0.75}, "2026-01-01", "2026-03-31") returns 375000
 * @example =SALESOPS.CAPACITY({"2025-01-15";"2026-02-01"}, 1200000, {0.25,0.5,0.75}, "2026-01-01", "2026-12-31") returns 2150000
 * @example =SALESOPS.CAPACITY({"2026-01-01"}, 1200000, {0.5}, "2026-01-01", "2026-12-31") returns 1150000
 * @example =SALESOPS.CAPACITY({"2025-01-15";"2026-02-01"}, {600000;2400000}, {0.25,0.5,0.75}, "2026-01-01", "2026-03-31") returns 300000
 * @example =SALESOPS.CAPACITY({"2026-11-01"}, 1200000, {0.5}, "2026-01-01", "2026-12-31", 0.5) returns 144387.43
 * @example =SALESOPS.CAPACITY({"2026-01-01"}, 1200000, {1.5}, "2026-01-01", "2026-12-31") returns #VALUE!
 * @example =SALESOPS.CAPACITY({"2026-01-01";"2026-02-01"}, {1200000;1000000;900000}, {0.5}, "2026-01-01", "2026-12-31") returns #VALUE!
 * @example =SALESOPS.CAPACITY({"2026-03-01"}, 1200000, {0.5}, "2026-01-01", "2026-12-31", 0, {"2026-02-01"}) returns #VALUE!
 * @error #VALUE! when a date is not a date, period_end is before period_start, annual_productivity is neither one number nor a column as long as hire_dates, a productivity is text, the ramp holds a value outside 0 to 1, annual_attrition is not in 0 to 1 (1 excluded), or an end date is before its hire date
 */
export function capacityFn(
  hire_dates: any[][],
  annual_productivity: any[][],
  ramp: any[][],
  period_start: any,
  period_end: any,
  annual_attrition?: any,
  end_dates?: any[][],
): number {
  return capacity(
    capacityArgs(hire_dates, annual_productivity, ramp, period_start, period_end, annual_attrition, end_dates),
  );
}

/** CAPACITY's arguments cleaned into the model's input: the declaration's own, also used by the audit's explanation. */
export function capacityArgs(
  hire_dates: unknown,
  annual_productivity: unknown,
  ramp: unknown,
  period_start: unknown,
  period_end: unknown,
  annual_attrition?: unknown,
  end_dates?: unknown,
): CapacityInput {
  const hireDates = dateVector(hire_dates, 'hire_dates');
  const productivity =
    vector(annual_productivity, 'annual_productivity').length === 1
      ? requiredNumberVector(annual_productivity, 'annual_productivity')[0]
      : numberVector(annual_productivity, 'annual_productivity');
  return {
    hireDates,
    annualProductivity: productivity,
    ramp: requiredNumberVector(ramp, 'ramp'),
    periodStart: requiredDate(period_start, 'period_start'),
    periodEnd: requiredDate(period_end, 'period_end'),
    annualAttrition: optionalNumber(annual_attrition, 'annual_attrition', 0),
    endDates: isOmitted(end_dates) ? null : dateVector(end_dates, 'end_dates'),
  };
}

/**
 * Expected ramped rep equivalents in each given month (ramp times the chance the rep is still there, summed over reps): the month-by-month trail behind a CAPACITY cell, whose value is the sum of these times annual productivity / 12 when every rep has the same productivity. Attrition counts from the first month given.
 * @customfunction RRE.BYMONTH
 * @param hire_dates Each rep's hire date, one row per rep (future dates are a hiring plan). Blank rows are ignored.
 * @param months Dates in the months to report, in ascending order (e.g. a row of month starts); the result has the same shape.
 * @param ramp Ramp factors by month of tenure, hire month first (a row or column of fractions).
 * @param [annual_attrition] Share of reps expected to leave per year (e.g. 15%); default 0.
 * @param [end_dates] Each rep's last date; a rep counts up to the month before the end date's month.
 * @returns One RRE per month, shaped like months.
 * @spill rows(months) x cols(months)
 * @example =SALESOPS.RRE.BYMONTH({"2025-01-15";"2026-02-01"}, {"2026-01-01","2026-02-01","2026-03-01"}, {0.25,0.5,0.75}) returns {1,1.25,1.5}
 * @example =SALESOPS.RRE.BYMONTH({"2026-01-01"}, {"2026-01-01";"2026-04-01"}, {0.5}, 0.5) returns {0.5;0.840896}
 * @example =SALESOPS.RRE.BYMONTH({"2026-01-01"}, {"2026-04-01"}, {1.5}) returns #VALUE!
 * @error #VALUE! when months is empty, holds a blank or a non-date, or is not in ascending order one month each; or the ramp, attrition or dates are invalid as in SALESOPS.CAPACITY
 */
export function rreByMonthFn(
  hire_dates: any[][],
  months: any[][],
  ramp: any[][],
  annual_attrition?: any,
  end_dates?: any[][],
): any[][] {
  const dates = dateVector(months, 'months');
  if (dates.length === 0) throw valueError('months is empty');
  const index: number[] = dates.map((d, i) => {
    if (d === null) throw valueError(`months row ${i + 1} is blank; enter a date in the month`);
    return monthIndex(d);
  });
  for (let i = 1; i < index.length; i++)
    if (index[i] <= index[i - 1])
      throw valueError(`months row ${i + 1} is not after row ${i}; list each month once, in ascending order`);
  const byMonth = rreByMonth({
    hireDates: dateVector(hire_dates, 'hire_dates'),
    ramp: requiredNumberVector(ramp, 'ramp'),
    periodStart: dates[0] as number,
    periodEnd: dates[dates.length - 1] as number,
    annualAttrition: optionalNumber(annual_attrition, 'annual_attrition', 0),
    endDates: isOmitted(end_dates) ? null : dateVector(end_dates, 'end_dates'),
  });
  const picked = index.map((m) => byMonth[m - index[0]]);
  return asMatrix(months).length === 1 ? [picked] : picked.map((v) => [v]);
}

/**
 * Hiring need: the smallest whole number of reps, all hired at the start of a period of the given months, whose expected capacity (ramp and attrition as in SALESOPS.CAPACITY) plus the existing capacity reaches the target.
 * @customfunction HEADCOUNT
 * @param target Bookings target for the period.
 * @param annual_productivity A fully ramped rep's bookings per year.
 * @param ramp Ramp factors by month of tenure, hire month first (a row or column of fractions).
 * @param months Length of the period in months (a whole number, e.g. 12).
 * @param [annual_attrition] Share of reps expected to leave per year (e.g. 15%); default 0.
 * @param [existing_capacity] Capacity the current team already brings in the period; default 0.
 * @returns The number of reps to hire.
 * @example =SALESOPS.HEADCOUNT(3000000, 1200000, {0.25,0.5,0.75}, 12) returns 3
 * @example =SALESOPS.HEADCOUNT(3000000, 1200000, {0.25,0.5,0.75}, 12, 0, 1000000) returns 2
 * @example =SALESOPS.HEADCOUNT(3000000, 1200000, {0.25,0.5,0.75}, 12, 0, 2150000) returns 1
 * @example =SALESOPS.HEADCOUNT(3150000, 1200000, {0.25,0.5,0.75}, 12) returns 3
 * @example =SALESOPS.HEADCOUNT(1000000, 1200000, {0.25,0.5,0.75}, 12, 0, 1000000) returns 0
 * @example =SALESOPS.HEADCOUNT(1000000, 1200000, {0,0,0}, 3) returns #VALUE!
 * @example =SALESOPS.HEADCOUNT(1000000, 1200000, {0.5}, 2.5) returns #VALUE!
 * @error #VALUE! when an argument is text or blank, target, productivity or existing_capacity is negative, months is not a whole number from 1 to 1200, the ramp holds a value outside 0 to 1, or annual_attrition is not in 0 to 1; or a hire adds no capacity in the period (zero productivity, or a ramp of zeros as long as the period), so no headcount reaches the target
 */
export function headcountFn(
  target: any,
  annual_productivity: any,
  ramp: any[][],
  months: any,
  annual_attrition?: any,
  existing_capacity?: any,
): number {
  return headcount({
    target: requiredNumber(target, 'target'),
    annualProductivity: requiredNumber(annual_productivity, 'annual_productivity'),
    ramp: requiredNumberVector(ramp, 'ramp'),
    months: requiredNumber(months, 'months'),
    annualAttrition: optionalNumber(annual_attrition, 'annual_attrition', 0),
    existingCapacity: optionalNumber(existing_capacity, 'existing_capacity', 0),
  });
}
