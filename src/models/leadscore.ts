/**
 * Lead scoring as HubSpot and Pardot (Account Engagement) define it: a score is the sum of rule points, added or
 * subtracted; a group's points are capped at the group's limit; the total is capped at a total limit; a lead that
 * matches nothing scores 0, never blank. Plus the fit x engagement grade grid (A1..C3) and time decay of points.
 */
import { sameLength } from './shapes';
import { SalesOpsError, numError, valueError } from './errors';
import {
  compileExpression,
  fieldIndex,
  quoteCriterion,
  LeadEvaluationError,
  type CompiledExpression,
  type FieldValue,
} from './expressions';

export interface ScoringRule {
  row: number; // row in the rules table, for messages
  criterion: string;
  points: number;
  group: string | null;
  /** The most points the group may contribute (its absolute value caps a negative group's deduction too). */
  groupLimit: number | null;
}

export interface LeadScoreInput {
  headers: (string | null)[];
  /** One row per lead, aligned with headers; all-blank rows are not leads and score blank. */
  leads: FieldValue[][];
  rules: ScoringRule[];
  totalLimit?: number | null;
}

interface CompiledRule {
  row: number;
  criterion: string;
  points: number;
  group: number; // index into the group limits; -1 when ungrouped
  evaluate: CompiledExpression;
}

/** Compiles every rule once and resolves groups; rule problems throw #VALUE! naming the rule row. */
function compileRules(
  headers: (string | null)[],
  rules: ScoringRule[],
): { compiled: CompiledRule[]; limits: (number | null)[] } {
  const fields = fieldIndex(headers);
  const groupIndex = new Map<string, number>();
  const limits: (number | null)[] = [];
  const limitRow: number[] = [];
  const compiled = rules.map((r) => {
    const where = `rules row ${r.row}`;
    if (!Number.isFinite(r.points)) throw valueError(`${where}: points must be a finite number`);
    let group = -1;
    if (r.group !== null && r.group.trim() !== '') {
      const key = r.group.trim().toLowerCase();
      group = groupIndex.get(key) ?? -1;
      if (group < 0) {
        group = limits.length;
        groupIndex.set(key, group);
        limits.push(null);
        limitRow.push(0);
      }
      if (r.groupLimit !== null) {
        if (!Number.isFinite(r.groupLimit) || r.groupLimit < 0)
          throw valueError(`${where}: group limit is ${r.groupLimit}; it must be 0 or more`);
        const seen = limits[group];
        if (seen !== null && seen !== r.groupLimit) {
          throw valueError(
            `${where}: group "${r.group.trim()}" has limit ${r.groupLimit} here but ${seen} on rules row ${limitRow[group]}; give one limit`,
          );
        }
        limits[group] = r.groupLimit;
        limitRow[group] = r.row;
      }
    } else if (r.groupLimit !== null) {
      throw valueError(`${where}: a group limit is given but no group; name the group in the third column`);
    }
    return {
      row: r.row,
      criterion: r.criterion,
      points: r.points,
      group,
      evaluate: compileExpression(r.criterion, fields, where),
    };
  });
  return { compiled, limits };
}

/** What a rule earns from its criterion's result: TRUE earns the points once, a number n earns points x n. */
function earned(rule: CompiledRule, v: unknown): number {
  if (v === true) return rule.points;
  if (v === false || v === null) return 0;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw new LeadEvaluationError(`gave no number (NaN)`);
    if (!Number.isFinite(v)) throw new LeadEvaluationError(`gave ${v > 0 ? '' : '-'}infinity (a division by zero?)`);
    return v === 0 ? 0 : rule.points * v;
  }
  throw new LeadEvaluationError(`gave text "${String(v)}"; a criterion must give TRUE/FALSE or a number`);
}

function isBlankRow(row: FieldValue[]): boolean {
  for (const v of row) if (!(v === null || v === undefined || (typeof v === 'string' && v.trim() === ''))) return false;
  return true;
}

/**
 * One score per lead: the sum over rules of what each earns, each group capped at its limit, the total capped at
 * totalLimit. A lead whose value does not fit a rule gets a #VALUE! cell naming the lead row and the rule; the
 * other leads still score. Blank lead rows score blank (''); a lead that matches nothing scores 0.
 * Example (the worked example): pricing_visits > 0: +10, email_opens: +1, email_clicks: +3,
 * bad_details: -5, persona_fit: +5; a lead with 2, 4, 2, FALSE, TRUE scores 10 + 4 + 6 + 0 + 5 = 25.
 */
export function leadScores(input: LeadScoreInput): (number | string | SalesOpsError)[] {
  const { headers, leads, rules } = input;
  const totalLimit = input.totalLimit ?? null;
  if (totalLimit !== null && !Number.isFinite(totalLimit)) throw valueError('total_limit must be a finite number');
  for (let i = 0; i < leads.length; i++) {
    if (leads[i].length !== headers.length) {
      throw valueError(
        `headers has ${headers.length} columns but leads has ${leads[i].length}; give one header per lead column`,
      );
    }
  }
  const { compiled, limits } = compileRules(headers, rules);
  const groupSums = new Float64Array(limits.length);
  const out: (number | string | SalesOpsError)[] = new Array(leads.length);
  for (let i = 0; i < leads.length; i++) {
    const lead = leads[i];
    if (isBlankRow(lead)) {
      out[i] = '';
      continue;
    }
    groupSums.fill(0);
    let score = 0;
    let error: SalesOpsError | null = null;
    for (let k = 0; k < compiled.length; k++) {
      const rule = compiled[k];
      let pts: number;
      try {
        pts = earned(rule, rule.evaluate(lead));
      } catch (e) {
        if (!(e instanceof LeadEvaluationError)) throw e;
        error = valueError(
          `leads row ${i + 1}: rules row ${rule.row} (${quoteCriterion(rule.criterion)}): ${e.message}`,
        );
        break;
      }
      if (rule.group < 0) score += pts;
      else groupSums[rule.group] += pts;
    }
    if (error) {
      out[i] = error;
      continue;
    }
    for (let g = 0; g < limits.length; g++) {
      const limit = limits[g];
      const s = groupSums[g];
      score += limit === null ? s : Math.max(-limit, Math.min(limit, s));
    }
    if (totalLimit !== null && score > totalLimit) score = totalLimit;
    out[i] = Number.isFinite(score) ? score : numError(`leads row ${i + 1}: the score is not a finite number`);
  }
  return out;
}

/**
 * The fit x engagement grade: a letter from the fit score (A at or above the first, highest, fit threshold, B at
 * or above the second, ...) and a digit from the engagement score (1 at or above the first engagement threshold,
 * 2 at or above the second, ...). Fit thresholds {80, 50}, engagement {60, 30}: 85 / 40 is "A2"; 10 / 70 is "C1".
 * Rows where both scores are blank grade blank; an error score (from LEADSCORE) passes through as that row's error.
 */
export function leadGrades(
  fitScores: (number | null | SalesOpsError)[],
  engagementScores: (number | null | SalesOpsError)[],
  fitThresholds: number[],
  engagementThresholds: number[],
): (string | SalesOpsError)[] {
  sameLength('fit_scores', fitScores, 'engagement_scores', engagementScores);
  checkDescending(fitThresholds, 'fit_thresholds', 25);
  checkDescending(engagementThresholds, 'engagement_thresholds', 98);
  return fitScores.map((fit, i) => {
    const eng = engagementScores[i];
    if (fit instanceof SalesOpsError) return fit;
    if (eng instanceof SalesOpsError) return eng;
    if (fit === null && eng === null) return '';
    if (fit === null)
      return valueError(`fit_scores row ${i + 1} is blank but engagement_scores row ${i + 1} is ${eng}`);
    if (eng === null)
      return valueError(`engagement_scores row ${i + 1} is blank but fit_scores row ${i + 1} is ${fit}`);
    return String.fromCharCode(65 + band(fit, fitThresholds)) + String(1 + band(eng, engagementThresholds));
  });
}

/** Index of the first threshold the score reaches (thresholds descending), or thresholds.length when none. */
function band(score: number, thresholds: number[]): number {
  for (let k = 0; k < thresholds.length; k++) if (score >= thresholds[k]) return k;
  return thresholds.length;
}

function checkDescending(t: number[], arg: string, maxCount: number): void {
  if (t.length === 0) throw valueError(`${arg} is empty; give at least one threshold`);
  if (t.length > maxCount) throw valueError(`${arg} has ${t.length} thresholds; at most ${maxCount} are allowed`);
  for (let k = 1; k < t.length; k++) {
    if (!(t[k] < t[k - 1]))
      throw valueError(
        `${arg} must be descending (highest first): item ${k + 1} (${t[k]}) is not below item ${k} (${t[k - 1]})`,
      );
  }
}

/**
 * Time-decayed points: the sum of points x 0.5^(age / half-life), age = asOf - event date in days.
 * 10 points 30 days old with a 30-day half-life are worth 5 (the "50% per month" decay users know).
 * Rows with blank points are skipped; an event after asOf is an error (it would gain value).
 */
export function decayedPoints(
  points: (number | null)[],
  eventDates: (number | null)[],
  asOf: number,
  halfLifeDays: number,
): number {
  sameLength('points', points, 'event_dates', eventDates);
  if (!(halfLifeDays > 0)) {
    // 0 is an invalid argument like a negative half-life: #VALUE! with its message (Excel drops a #DIV/0!'s)
    throw valueError(`half_life_days is ${halfLifeDays}; it must be positive`);
  }
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p === null) continue;
    const d = eventDates[i];
    if (d === null)
      throw valueError(`event_dates row ${i + 1} is blank but points row ${i + 1} is ${p}; enter the event date`);
    const age = asOf - d;
    if (age < 0)
      throw valueError(`event_dates row ${i + 1} is ${-age} days after as_of; an event cannot be in the future`);
    total += p * Math.pow(0.5, age / halfLifeDays);
  }
  return total;
}
