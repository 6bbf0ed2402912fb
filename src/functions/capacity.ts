/* Custom-function declarations for capacity planning: clean arguments, call src/models/capacity. */
import { capacity } from '../models/capacity';
import { dateVector, isOmitted, numberVector, optionalNumber, requiredDate, requiredNumberVector, vector } from './clean';

/**
 * Bookings capacity of a team over a period (Kellogg's capacity model): in each calendar month of the period every rep contributes annual productivity / 12 times the ramp factor of that month of tenure (hire month = month 1; 1 after the ramp ends), times (1 - attrition)^(m/12) in the m-th month of the period.
 * @customfunction CAPACITY
 * @param hire_dates Each rep's hire date, one row per rep (future dates are a hiring plan). Blank rows are ignored.
 * @param annual_productivity A fully ramped rep's bookings per year: one number, or a column aligned with hire_dates.
 * @param ramp Ramp factors by month of tenure, hire month first (a row or column of fractions, e.g. 25%, 50%, 75%).
 * @param period_start First day of the period.
 * @param period_end Last day of the period (its whole month counts).
 * @param [annual_attrition] Share of reps expected to leave per year (e.g. 15%); default 0.
 * @param [end_dates] Each rep's last date; a rep counts up to the month before the end date's month.
 * @returns Expected bookings capacity over the period.
 * @example =SALESOPS.CAPACITY({"2025-01-15";"2026-02-01"}, 1200000, {0.25,0.5,0.75}, "2026-01-01", "2026-03-31") returns 375000
 * @example =SALESOPS.CAPACITY({"2026-01-01"}, 1200000, {0.5}, "2026-01-01", "2026-12-31") returns 1150000
 * @example =SALESOPS.CAPACITY({"2026-01-01"}, 1200000, {1.5}, "2026-01-01", "2026-12-31") returns #VALUE!
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
  const hireDates = dateVector(hire_dates, 'hire_dates');
  const productivity =
    vector(annual_productivity, 'annual_productivity').length === 1
      ? requiredNumberVector(annual_productivity, 'annual_productivity')[0]
      : numberVector(annual_productivity, 'annual_productivity');
  return capacity({
    hireDates,
    annualProductivity: productivity,
    ramp: requiredNumberVector(ramp, 'ramp'),
    periodStart: requiredDate(period_start, 'period_start'),
    periodEnd: requiredDate(period_end, 'period_end'),
    annualAttrition: optionalNumber(annual_attrition, 'annual_attrition', 0),
    endDates: isOmitted(end_dates) ? null : dateVector(end_dates, 'end_dates'),
  });
}
