/* Custom-function declarations for lead scoring: clean arguments, call src/models/leadscore, nothing else. */
import { SalesOpsError, valueError } from '../models/errors';
import type { FieldValue } from '../models/expressions';
import { decayedPoints, leadGrades, leadScores } from '../models/leadscore';
import {
  asMatrix,
  cellInputError,
  dateVector,
  errorCodeOf,
  isBlank,
  isOmitted,
  numberVector,
  optionalNumber,
  requiredDate,
  requiredNumber,
  requiredNumberVector,
  table,
  textVector,
  toNumber,
  vector,
} from './clean';

/** An error cell as a SalesOpsError carrying its code and where it was. */
const cellError = cellInputError;

/** Headers and lead rows as the rule evaluator reads them: text trimmed, blanks null, error cells kept per cell. */
export function leadTable(headers: unknown, leads: unknown): { headers: (string | null)[]; leads: FieldValue[][] } {
  const names = textVector(headers, 'headers');
  const rows = asMatrix(leads).map((row, i) =>
    row.map((v, j): FieldValue => {
      if (typeof v === 'number' || typeof v === 'boolean') return v;
      if (isBlank(v)) return null;
      if (typeof v === 'string') return v.trim();
      return errorCodeOf(v) ? cellError(v, `leads row ${i + 1} column ${j + 1}`) : String(v);
    }),
  );
  return { headers: names, leads: rows };
}

/** A rules-table cell holding a criterion: text, or TRUE/FALSE/number typed straight into the cell. */
export function criterionText(v: unknown, where: string): string {
  if (errorCodeOf(v)) throw cellError(v, where);
  if (isBlank(v)) return '';
  return typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
}

/** A column of scores: numbers, blanks as null, and per-row errors for error cells or text. */
function scoreVector(v: unknown, arg: string): (number | null | SalesOpsError)[] {
  return vector(v, arg).map((x, i) => {
    if (typeof x === 'number') return x;
    if (isBlank(x)) return null;
    if (errorCodeOf(x)) return cellError(x, `${arg} row ${i + 1}`);
    try {
      return toNumber(x, `${arg} row ${i + 1}`);
    } catch (e) {
      return e instanceof SalesOpsError ? e : valueError(`${arg} row ${i + 1} is not a number`);
    }
  });
}

/** Results shaped like the input vector: a column for a column, a row for a row. */
function shaped<T>(values: T[], like: unknown): T[][] {
  const m = asMatrix(like);
  return m.length === 1 && m[0].length > 1 ? [values] : values.map((v) => [v]);
}

/**
 * Lead score (HubSpot / Pardot style): for each lead, the sum of the points of the rules it matches. A criterion is an expression over the lead's fields (header names, any case, spaces as _, and a _ before a leading digit: 2023 Revenue is _2023_revenue): comparisons (text compares as text, ignoring case), and/or/not, arithmetic, and safe functions (abs, min, max, round, floor, ceil, sqrt, log, exp, pow, mod, contains, startsWith, endsWith, lower, upper, trim, len, isBlank, oneOf). TRUE earns the points once; a number n earns points x n. Each group's points are capped at its limit, the total at total_limit; a lead matching nothing scores 0.
 * @customfunction LEADSCORE
 * @param headers The names of the lead columns, one per column of leads (e.g. the header row).
 * @param leads The leads, one row per lead. A value that does not fit a rule gives that row a #VALUE! naming the row and the rule.
 * @param rules Two to four columns: criterion | points | optional group | optional group limit (the most points the group may add, or subtract).
 * @param [total_limit] The highest score a lead may reach.
 * @returns One score per lead row.
 * @spill rows(leads) x 1
 * @example =SALESOPS.LEADSCORE({"pricing_visits","email_opens","email_clicks","bad_details","persona_fit"}, {2,4,2,0,1}, {"pricing_visits > 0",10;"email_opens",1;"email_clicks",3;"bad_details",-5;"persona_fit",5}) returns 25
 * @example =SALESOPS.LEADSCORE({"Country","Employees"}, {"us",250;"DE",10}, {"country == 'US' and employees >= 200",20;"employees < 50",-5}) returns {20;-5}
 * @example =SALESOPS.LEADSCORE({"Email Opens"}, {7;2;0}, {"email_opens",2,"Engagement",10}, 12) returns {10;4;0}
 * @example =SALESOPS.LEADSCORE({"2023 Revenue","Employees"}, {250000,40;90000,300}, {"_2023_revenue > 100000",15;"employees >= 200",10}) returns {15;10}
 * @example =SALESOPS.LEADSCORE({"Country"}, {"US"}, {"country.constructor",10}) returns #VALUE!
 * @example =SALESOPS.LEADSCORE({"Country"}, {"US"}, {"import('x')",10}) returns #VALUE!
 * @error #VALUE! when rules does not have 2 to 4 columns, a criterion is blank, does not parse, names an unknown field or uses anything outside the sandbox (property access, import, evaluate, ...), points or a limit is not a number, two headers name the same field, or headers and leads differ in width; in one lead's row only, when its values do not fit a rule (the message names the lead row and the rule)
 * @error #NUM! in one lead's row when its score is not a finite number
 */
export function leadScore(headers: any[][], leads: any[][], rules: any[][], total_limit?: any): any[][] {
  const t = leadTable(headers, leads);
  const ruleRows = table(rules, 'rules', 2, 4).map(({ row, cells }) => ({
    row,
    criterion: criterionText(cells[0], `rules row ${row} criterion`),
    points: toNumber(cells[1], `rules row ${row} points`),
    group: isBlank(cells[2]) ? null : String(cells[2]).trim(),
    groupLimit: isBlank(cells[3]) ? null : toNumber(cells[3], `rules row ${row} group limit`),
  }));
  const scores = leadScores({
    headers: t.headers,
    leads: t.leads,
    rules: ruleRows,
    totalLimit: optionalNumber(total_limit, 'total_limit', null),
  });
  return scores.map((s) => [s]);
}

/**
 * Lead grade on the fit x engagement grid: a letter from the fit score (A at or above the first, highest, fit threshold, then B, C, ...) and a digit from the engagement score (1 at or above the first engagement threshold, then 2, 3, ...), e.g. "A2".
 * @customfunction LEADGRADE
 * @param fit_scores Fit scores, one per lead (a row or column).
 * @param engagement_scores Engagement scores aligned with fit_scores.
 * @param fit_thresholds Fit thresholds, highest first (e.g. 80, 50 makes A, B and C).
 * @param engagement_thresholds Engagement thresholds, highest first (e.g. 60, 30 makes 1, 2 and 3).
 * @returns One grade per lead, shaped like fit_scores.
 * @spill rows(fit_scores) x cols(fit_scores)
 * @example =SALESOPS.LEADGRADE({85;10}, {40;70}, {80,50}, {60,30}) returns {"A2";"C1"}
 * @example =SALESOPS.LEADGRADE({50,49}, {30,29}, {80,50}, {60,30}) returns {"B2","C3"}
 * @example =SALESOPS.LEADGRADE({85}, {40}, {50,80}, {60,30}) returns #VALUE!
 * @error #VALUE! when thresholds are empty or not descending, the score ranges differ in size, or a row has only one of the two scores (that row only); an error score from LEADSCORE passes through in its row
 */
export function leadGrade(
  fit_scores: any[][],
  engagement_scores: any[][],
  fit_thresholds: any[][],
  engagement_thresholds: any[][],
): any[][] {
  const grades = leadGrades(
    scoreVector(fit_scores, 'fit_scores'),
    scoreVector(engagement_scores, 'engagement_scores'),
    requiredNumberVector(fit_thresholds, 'fit_thresholds'),
    requiredNumberVector(engagement_thresholds, 'engagement_thresholds'),
  );
  return shaped(grades, fit_scores);
}

/**
 * Time-decayed points: each event's points x 0.5^(age / half-life), summed, where age is the days from the event to as_of. 10 points one half-life old are worth 5.
 * @customfunction DECAY
 * @param points The points of each event (blank rows are skipped).
 * @param event_dates The date of each event, aligned with points (dates or text like 2026-01-31).
 * @param as_of The date the score is taken on; events after it are an error.
 * @param half_life_days Days after which points are worth half.
 * @returns The decayed points.
 * @example =SALESOPS.DECAY({10;20}, {"2026-01-01";"2026-01-31"}, "2026-03-02", 30) returns 12.5
 * @example =SALESOPS.DECAY({10}, {"2026-01-01"}, "2026-01-01", 30) returns 10
 * @example =SALESOPS.DECAY({10}, {"2026-02-01"}, "2026-01-01", 30) returns #VALUE!
 * @example =SALESOPS.DECAY({10}, {"2026-01-01"}, "2026-02-01", 0) returns #VALUE!
 * @error #VALUE! when ranges differ in size, a row has points but no date, an event is after as_of, a value is text, or half_life_days is 0 or negative
 */
export function decay(points: any[][], event_dates: any[][], as_of: any, half_life_days: any): number {
  return decayedPoints(
    numberVector(points, 'points'),
    isOmitted(event_dates) ? [] : dateVector(event_dates, 'event_dates'),
    requiredDate(as_of, 'as_of'),
    requiredNumber(half_life_days, 'half_life_days'),
  );
}
