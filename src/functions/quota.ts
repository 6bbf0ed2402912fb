/* Custom-function declarations for quota setting: clean arguments, call src/models/quota. */
import { allocateQuota, attainment, phaseQuota, rampQuota, rollupQuota } from '../models/quota';
import {
  asMatrix,
  dateVector,
  isOmitted,
  isSingle,
  numberVector,
  optionalNumber,
  requiredDate,
  requiredNumber,
  requiredNumberVector,
  scalar,
  textVector,
  toFraction,
} from './clean';

/** A list of results shaped like the argument it came from: a row stays a row, anything else is a column. */
function shapedLike(arg: unknown, items: unknown[]): any[][] {
  const cells = items.map((v) => v ?? '');
  return asMatrix(arg).length === 1 ? [cells] : cells.map((v) => [v]);
}

/**
 * Top-down quota allocation: splits target x (1 + over-assignment) in proportion to the weights (prior bookings, potential, 1 for an even split...). With round_to, each part is a multiple of round_to and the parts add up exactly to the rounded total (largest-remainder method; equal remainders go to the earlier row). Blank weights get a blank part.
 * @customfunction QUOTA.ALLOCATE
 * @param target The target to split (e.g. the company number).
 * @param weights Allocation basis, one row per territory or rep; none negative.
 * @param [overassignment] Over-assignment as a fraction (20% or 0.2); default 0.
 * @param [round_to] Round each part to a multiple of this (e.g. 1000); default no rounding.
 * @returns One quota per row, shaped like weights.
 * @spill rows(weights) x cols(weights)
 * @example =SALESOPS.QUOTA.ALLOCATE(1000000, {3;2;5}, 0.2) returns {360000;240000;600000}
 * @example =SALESOPS.QUOTA.ALLOCATE(375000, {300000;75000}, 0.2) returns {360000;90000}
 * @example =SALESOPS.QUOTA.ALLOCATE(100, {1;1;1}, 0, 1) returns {34;33;33}
 * @example =SALESOPS.QUOTA.ALLOCATE(1000000, {1,1,1}, "20%", 1000) returns {400000,400000,400000}
 * @example =SALESOPS.QUOTA.ALLOCATE(1000, {1;2;4}, 0, 10) returns {140;290;570}
 * @example =SALESOPS.QUOTA.ALLOCATE(1000000, {-2}) returns #VALUE!
 * @example =SALESOPS.QUOTA.ALLOCATE(1000000, {0}) returns #DIV/0!
 * @example =SALESOPS.QUOTA.ALLOCATE(1000000, {3}, 20) returns #VALUE!
 * @error #VALUE! when target or a weight is text, a weight is negative, overassignment is outside 0 to 100% (20 instead of 20%), or round_to is not above 0
 * @error #DIV/0! when the weights add up to 0
 */
export function quotaAllocate(target: any, weights: any[][], overassignment?: any, round_to?: any): any[][] {
  const over = scalar(overassignment, 'overassignment');
  const parts = allocateQuota({
    target: requiredNumber(target, 'target'),
    weights: numberVector(weights, 'weights'),
    overassignment: isOmitted(over) ? 0 : toFraction(over, 'overassignment'),
    roundTo: optionalNumber(round_to, 'round_to', null),
  });
  return shapedLike(weights, parts);
}

/**
 * Org-tree rollup: for each row (rep, manager, region, company...), its own value plus the values of everyone below it. Ids match ignoring case and surrounding spaces; a blank parent marks a top row. A duplicate id, a parent that is not in ids, or a cycle is a #VALUE! naming the rows.
 * @customfunction QUOTA.ROLLUP
 * @param ids Each row's id (text or number).
 * @param parent_ids Each row's parent id, aligned with ids; blank for a top row.
 * @param values Each row's own value (quota, bookings...); blank counts as 0.
 * @returns One rollup per row, shaped like ids.
 * @spill rows(ids) x cols(ids)
 * @example =SALESOPS.QUOTA.ROLLUP({"C";"E";"W";"r1";"r2";"r3"}, {"";"C";"C";"E";"E";"W"}, {0;0;0;10;20;30}) returns {60;30;30;10;20;30}
 * @example =SALESOPS.QUOTA.ROLLUP({"Co";"East";"Ann"}, {"";"co";"EAST"}, {5;"";100}) returns {105;100;100}
 * @example =SALESOPS.QUOTA.ROLLUP({"E"}, {"X"}, {2}) returns #VALUE!
 * @example =SALESOPS.QUOTA.ROLLUP({"A"}, {"a"}, {1}) returns #VALUE!
 * @error #VALUE! when an id appears twice, a parent is not in ids, parents form a cycle, a row has a parent or value but no id, a value is text, or the ranges differ in size (the message names the rows)
 */
export function quotaRollup(ids: any[][], parent_ids: any[][], values: any[][]): any[][] {
  const totals = rollupQuota({
    ids: textVector(ids, 'ids'),
    parentIds: textVector(parent_ids, 'parent_ids'),
    values: numberVector(values, 'values'),
  });
  return shapedLike(ids, totals);
}

/**
 * Seasonal phasing: splits an annual number over periods in proportion to seasonality weights (percentages, last year's bookings by month, working days...).
 * @customfunction QUOTA.PHASE
 * @param annual The annual number to split.
 * @param seasonality One weight per period; none negative.
 * @returns One amount per period, shaped like seasonality.
 * @spill rows(seasonality) x cols(seasonality)
 * @example =SALESOPS.QUOTA.PHASE(1200000, {20,25,25,30}) returns {240000,300000,300000,360000}
 * @example =SALESOPS.QUOTA.PHASE(1000, {1;1;1}) returns {333.33;333.33;333.33}
 * @example =SALESOPS.QUOTA.PHASE(1200000, {"high"}) returns #VALUE!
 * @example =SALESOPS.QUOTA.PHASE(1200000, {0}) returns #DIV/0!
 * @error #VALUE! when annual or a weight is text, or a weight is negative
 * @error #DIV/0! when the seasonality weights add up to 0
 */
export function quotaPhase(annual: any, seasonality: any[][]): any[][] {
  return shapedLike(
    seasonality,
    phaseQuota(requiredNumber(annual, 'annual'), numberVector(seasonality, 'seasonality')),
  );
}

/**
 * Quota attainment: bookings / quota, one per row when given ranges (one quota may serve every row). A zero quota gives #DIV/0! in its row; a blank booking counts as 0.
 * @customfunction ATTAINMENT
 * @param bookings Bookings, one value or one row per rep.
 * @param quota One quota, or one per row of bookings.
 * @returns Attainment as a fraction (1 = 100%), shaped like bookings.
 * @spill rows(bookings) x cols(bookings)
 * @example =SALESOPS.ATTAINMENT(90000, 100000) returns 0.9
 * @example =SALESOPS.ATTAINMENT({90000;150000;""}, {100000;120000;50000}) returns {0.9;1.25;0}
 * @example =SALESOPS.ATTAINMENT({90000;30000}, {100000;0}) returns {0.9;#DIV/0!}
 * @example =SALESOPS.ATTAINMENT(90000, 0) returns #DIV/0!
 * @example =SALESOPS.ATTAINMENT({90000}, {100000;200000}) returns #VALUE!
 * @error #VALUE! when a value is text, quota has neither one value nor one per row, or (in its row) a quota is negative or blank beside a booking
 * @error #DIV/0! in a row whose quota is 0 (for a single value, the result)
 */
export function attainmentFn(bookings: any[][], quota: any[][]): any[][] {
  // A matrix result in functions.json (the any[][] return type), also for one booking: Excel passes bookings as a
  // 2-D array even for one cell, and a function declared scalar that answers [[0.9]] shows #VALUE! in Excel.
  const cells = attainment(numberVector(bookings, 'bookings'), numberVector(quota, 'quota'));
  if (isSingle(bookings)) {
    if (cells[0] instanceof Error) throw cells[0];
    return [[cells[0]]];
  }
  return shapedLike(bookings, cells);
}

/**
 * Ramped quota of a new hire for a period: annual quota / 12 times the ramp factor of each calendar month of the period (hire month = month 1, 0 before it, 1 after the ramp). With a range of hire dates, one quota per rep.
 * @customfunction RAMPQUOTA
 * @param annual_quota A fully ramped rep's annual quota.
 * @param hire_date The rep's hire date (or a row or column of hire dates).
 * @param period_start First day of the period.
 * @param period_end Last day of the period (its whole month counts).
 * @param ramp Ramp factors by month of tenure, hire month first (a row or column of fractions).
 * @returns The period's quota, shaped like hire_date.
 * @spill rows(hire_date) x cols(hire_date)
 * @example =SALESOPS.RAMPQUOTA(1200000, "2026-01-10", "2026-01-01", "2026-03-31", {0,0.25,0.5}) returns 75000
 * @example =SALESOPS.RAMPQUOTA(1200000, {"2026-01-10";"2025-06-01";"2026-03-01"}, "2026-01-01", "2026-03-31", {0,0.25,0.5}) returns {75000;300000;0}
 * @example =SALESOPS.RAMPQUOTA(1200000, "2026-01-10", "2026-03-31", "2026-01-01", {0,0.25,0.5}) returns #VALUE!
 * @example =SALESOPS.RAMPQUOTA(1200000, "2026-01-10", "2026-01-01", "2026-03-31", {0,1.25}) returns #VALUE!
 * @error #VALUE! when a date is not a date, period_end is before period_start, annual_quota is negative or text, or the ramp holds a value outside 0 to 1
 */
export function rampQuotaFn(
  annual_quota: any,
  hire_date: any[][],
  period_start: any,
  period_end: any,
  ramp: any[][],
): any[][] {
  // A matrix result (any[][]), also for one hire date: Excel passes hire_date as a 2-D array even for one cell.
  const base = {
    annualQuota: requiredNumber(annual_quota, 'annual_quota'),
    periodStart: requiredDate(period_start, 'period_start'),
    periodEnd: requiredDate(period_end, 'period_end'),
    ramp: requiredNumberVector(ramp, 'ramp'),
  };
  if (isSingle(hire_date))
    return [[rampQuota({ ...base, hireDate: requiredDate(scalar(hire_date, 'hire_date'), 'hire_date') })]];
  const quotas = dateVector(hire_date, 'hire_date').map((d) =>
    d === null ? null : rampQuota({ ...base, hireDate: d }),
  );
  return shapedLike(hire_date, quotas);
}
