/* Custom-function declarations for pipeline and forecast: clean arguments, call src/models/pipeline, nothing else. */
import { valueError } from '../models/errors';
import {
  funnel,
  stageDays,
  stageProbabilities,
  weightedPipeline,
  winRate,
  winRateBy,
  type OutcomeLabels,
  type WeightedPipelineInput,
} from '../models/pipeline';
import {
  asMatrix,
  dateVector,
  isBlank,
  isOmitted,
  numberVector,
  optionalDate,
  optionalText,
  table,
  textVector,
  toDate,
  toFraction,
} from './clean';

/**
 * Weighted pipeline: the sum of each deal's amount times the win probability of its stage (Salesforce's expected revenue). Stage names match ignoring case and spaces; with close dates and a period, only deals closing inside the period (inclusive) count.
 * @customfunction WEIGHTEDPIPE
 * @param amounts Deal amounts, one row per deal. Blank rows are skipped.
 * @param stages Each deal's stage, aligned with amounts.
 * @param stage_table Two columns: stage name, win probability (0 to 1, or a percentage like 60%).
 * @param [close_dates] Each deal's close date, aligned with amounts; used with the period.
 * @param [period_start] First day of the period (inclusive).
 * @param [period_end] Last day of the period (inclusive).
 * @returns The probability-weighted pipeline.
 * @example =SALESOPS.WEIGHTEDPIPE({1000}, {"Trial"}, {"Discovery",0.1;"Qualified",0.2;"Demo",0.4;"Trial",0.6;"Final call",0.8;"Won",1}) returns 600
 * @example =SALESOPS.WEIGHTEDPIPE({1000;500}, {"trial";"Final Call"}, {"Trial","60%";"Final call",0.8}) returns 1000
 * @example =SALESOPS.WEIGHTEDPIPE({1000}, {"Negotiaton"}, {"Trial",0.6}) returns #N/A
 * @example =SALESOPS.WEIGHTEDPIPE({1000}, {"Trial"}, {"Trial",60}) returns #VALUE!
 * @error #VALUE! when ranges differ in size, an amount is text, a probability is outside 0 to 100% (60 instead of 60%), a row has an amount but no stage, a stage appears twice with different probabilities, a period is given without close_dates, period_end is before period_start, or a date is not a date
 * @error #N/A when a stage is not in stage_table (the message names the stage and the row)
 */
export function weightedPipe(
  amounts: any[][],
  stages: any[][],
  stage_table: any[][],
  close_dates?: any[][],
  period_start?: any,
  period_end?: any,
): number {
  return weightedPipeline(weightedPipeArgs(amounts, stages, stage_table, close_dates, period_start, period_end));
}

/** WEIGHTEDPIPE's arguments cleaned into the model's input: the declaration's own, also used by the audit's explanation. */
export function weightedPipeArgs(
  amounts: unknown,
  stages: unknown,
  stage_table: unknown,
  close_dates?: unknown,
  period_start?: unknown,
  period_end?: unknown,
): WeightedPipelineInput {
  const stageTable = table(stage_table, 'stage_table', 2).map(({ row, cells }) => {
    const [name] = textVector([[cells[0]]], `stage_table row ${row}`);
    if (name === null) throw valueError(`stage_table row ${row} has a probability but no stage name`);
    return { stage: name, probability: toFraction(cells[1], `stage_table row ${row} probability`), row };
  });
  return {
    amounts: numberVector(amounts, 'amounts'),
    stages: textVector(stages, 'stages'),
    stageTable,
    closeDates: isOmitted(close_dates) ? null : dateVector(close_dates, 'close_dates'),
    periodStart: optionalDate(period_start, 'period_start'),
    periodEnd: optionalDate(period_end, 'period_end'),
  };
}

/** The stages of a stage_order row or column, blanks dropped. */
function stageOrderList(v: unknown): string[] {
  return textVector(v, 'stage_order').filter((s): s is string => s !== null);
}

function outcomeLabels(won_label: unknown, lost_label: unknown): OutcomeLabels {
  return { won: optionalText(won_label, 'won_label', 'Won'), lost: optionalText(lost_label, 'lost_label', 'Lost') };
}

/**
 * Win rate: won deals / (won + lost deals). Outcomes match the labels ignoring case; open deals (any other text) and blanks are ignored.
 * @customfunction WINRATE
 * @param outcomes Each deal's outcome or stage (e.g. Won, Lost, Engaging), one row per deal.
 * @param [won_label] The text that marks a won deal; default "Won".
 * @param [lost_label] The text that marks a lost deal; default "Lost".
 * @returns The win rate, a fraction from 0 to 1.
 * @example =SALESOPS.WINRATE({"Won";"Lost";"Won";"Engaging";"won"}) returns 0.75
 * @example =SALESOPS.WINRATE({"Closed Won";"Closed Lost";"Closed Lost"}, "Closed Won", "Closed Lost") returns 0.3333
 * @example =SALESOPS.WINRATE({"Engaging";"Prospecting"}) returns #DIV/0!
 * @example =SALESOPS.WINRATE({"Won";"Lost"}, "Won", "won") returns #VALUE!
 * @error #VALUE! when outcomes is a block of several columns, or won_label and lost_label are the same
 * @error #DIV/0! when outcomes holds no won or lost deal
 */
export function winRateFn(outcomes: any[][], won_label?: any, lost_label?: any): number {
  return winRate(textVector(outcomes, 'outcomes'), outcomeLabels(won_label, lost_label)).rate;
}

/**
 * Win rate per group (per agent, per product): spills one row per group, in the order the groups first appear: group, win rate, won deals, lost deals. Groups match ignoring case (as COUNTIFS does); rows with a blank outcome are skipped and a blank group is "(blank)"; a group with only open deals shows #DIV/0! as its win rate.
 * @customfunction WINRATE.BY
 * @param groups Each deal's group (agent, product, region), one row per deal.
 * @param outcomes Each deal's outcome or stage (Won, Lost, or an open stage), aligned with groups.
 * @param [won_label] The text that marks a won deal; default "Won".
 * @param [lost_label] The text that marks a lost deal; default "Lost".
 * @returns Rows of group, win rate, won, lost.
 * @spill len(groups) x 4
 * @example =SALESOPS.WINRATE.BY({"Ann";"Bob";"Ann";"Bob";"Ann"}, {"Won";"Lost";"Lost";"Engaging";"Won"}) returns {"Ann",0.6667,2,1;"Bob",0,0,1}
 * @example =SALESOPS.WINRATE.BY({"Ann";"Bob"}, {"Won";"Lost";"Won"}) returns #VALUE!
 * @error #VALUE! when groups and outcomes differ in size, or won_label and lost_label are the same
 * @error #DIV/0! in the win-rate cell of a group with only open deals
 */
export function winRateByFn(groups: any[][], outcomes: any[][], won_label?: any, lost_label?: any): any[][] {
  return winRateBy(
    textVector(groups, 'groups'),
    textVector(outcomes, 'outcomes'),
    outcomeLabels(won_label, lost_label),
  ).map((g) => [g.group, g.rate, g.won, g.lost]);
}

/**
 * Stage funnel: spills one row per stage of stage_order: stage, opportunities that reached it (furthest stage at or beyond it), conversion to the next stage, conversion from the first stage. Give each opportunity's furthest stage (for a lost deal, the last stage it reached before it was lost). Stage names match ignoring case and spaces.
 * @customfunction FUNNEL
 * @param furthest_stages Each opportunity's furthest stage, one row per opportunity. Blank rows are skipped.
 * @param stage_order The stages in order, first stage first (a row or column).
 * @returns Rows of stage, reached, conversion to next (blank for the last stage), conversion from first.
 * @spill len(stage_order) x 4
 * @example =SALESOPS.FUNNEL({"Lead";"Lead";"Lead";"Lead";"Qualified";"Qualified";"Qualified";"Proposal";"Proposal";"Won"}, {"Lead";"Qualified";"Proposal";"Won"}) returns {"Lead",10,0.6,1;"Qualified",6,0.5,0.6;"Proposal",3,0.3333,0.3;"Won",1,"",0.1}
 * @example =SALESOPS.FUNNEL({"Lead";"Qualifed"}, {"Lead";"Qualified";"Won"}) returns #N/A
 * @example =SALESOPS.FUNNEL({"Lead"}, {"Lead";"lead"}) returns #VALUE!
 * @error #VALUE! when stage_order is empty or repeats a stage, or furthest_stages holds no opportunities
 * @error #N/A when a furthest stage is not in stage_order (the message names the row)
 * @error #DIV/0! in the next-stage conversion of a stage no opportunity reached
 */
export function funnelFn(furthest_stages: any[][], stage_order: any[][]): any[][] {
  return funnel(textVector(furthest_stages, 'furthest_stages'), stageOrderList(stage_order)).map((s) => [
    s.stage,
    s.reached,
    s.toNext ?? '',
    s.fromFirst,
  ]);
}

/**
 * Average days in each stage (the speed of the funnel). Layout: one row per deal and one column per stage, in the order of stage_order; each cell is the date the deal entered that stage, blank if it never did. A deal's days in a stage run from its date there to its next date to the right (a skipped stage counts for nothing); a deal still in a stage, or lost there, has no next date and is not measured. Spills one row per stage: stage, average days in the stage, deals measured (moved on to a later stage), deals that entered it. The last stage has no average.
 * @customfunction STAGEDAYS
 * @param stage_entered_dates Dates (or ISO text) each deal entered each stage: rows are deals, columns follow stage_order.
 * @param stage_order The stages in order, first stage first, one per column of stage_entered_dates.
 * @returns Rows of stage, average days, deals measured, deals entered.
 * @spill len(stage_order) x 4
 * @example =SALESOPS.STAGEDAYS({"2026-01-01","2026-01-11","2026-01-31";"2026-01-05","2026-01-25",""}, {"Lead","Qualified","Won"}) returns {"Lead",15,2,2;"Qualified",20,1,2;"Won","",0,1}
 * @example =SALESOPS.STAGEDAYS({"2026-01-01","2025-12-01"}, {"Lead","Won"}) returns #VALUE!
 * @example =SALESOPS.STAGEDAYS({"2026-01-01","2026-01-05"}, {"Lead","Qualified","Won"}) returns #VALUE!
 * @error #VALUE! when stage_entered_dates has a different number of columns than stage_order, a cell is not a date, a date is before an earlier stage's date, or stage_order is empty or repeats a stage
 * @error #DIV/0! in the average of a stage no deal moved on from
 */
export function stageDaysFn(stage_entered_dates: any[][], stage_order: any[][]): any[][] {
  const dates = asMatrix(stage_entered_dates).map((row, r) =>
    row.map((v, c) => (isBlank(v) ? null : toDate(v, `stage_entered_dates row ${r + 1} column ${c + 1}`))),
  );
  return stageDays(dates, stageOrderList(stage_order)).map((s) => [s.stage, s.averageDays ?? '', s.movedOn, s.entered]);
}

/**
 * Historical win probability of each stage, so stage tables come from data: of the closed deals that reached a stage, the share won. A won deal went through every stage, so it counts at every stage; a lost deal counts at every stage up to its stage (the furthest it reached); open deals are ignored. Spills one row per stage: stage, win probability, won deals, closed deals that reached it.
 * @customfunction STAGEPROB
 * @param stages Each deal's furthest stage (read for lost deals), one row per deal.
 * @param outcomes Each deal's outcome: Won, Lost, or anything else for an open deal; aligned with stages.
 * @param stage_order The stages in order, first stage first (a row or column).
 * @param [won_label] The text that marks a won deal; default "Won".
 * @param [lost_label] The text that marks a lost deal; default "Lost".
 * @returns Rows of stage, win probability, won, closed.
 * @spill len(stage_order) x 4
 * @example =SALESOPS.STAGEPROB({"Trial";"Trial";"Lead";"Lead";"Demo";"Trial";"Demo"}, {"Won";"Won";"Lost";"Lost";"Lost";"Lost";"Open"}, {"Lead";"Demo";"Trial"}) returns {"Lead",0.3333,2,6;"Demo",0.5,2,4;"Trial",0.6667,2,3}
 * @example =SALESOPS.STAGEPROB({"Lead";"Demoo"}, {"Won";"Lost"}, {"Lead";"Demo"}) returns #N/A
 * @error #VALUE! when stages and outcomes differ in size, stage_order is empty or repeats a stage, or won_label and lost_label are the same
 * @error #N/A when a lost deal's stage is not in stage_order (the message names the row)
 * @error #DIV/0! in the probability of a stage no closed deal reached
 */
export function stageProbFn(
  stages: any[][],
  outcomes: any[][],
  stage_order: any[][],
  won_label?: any,
  lost_label?: any,
): any[][] {
  return stageProbabilities(
    textVector(stages, 'stages'),
    textVector(outcomes, 'outcomes'),
    stageOrderList(stage_order),
    outcomeLabels(won_label, lost_label),
  ).map((s) => [s.stage, s.probability, s.won, s.closed]);
}
