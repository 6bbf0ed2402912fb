/* Custom-function declarations for pipeline and forecast: clean arguments, call src/models/pipeline, nothing else. */
import { weightedPipeline } from '../models/pipeline';
import { dateVector, isOmitted, numberVector, optionalDate, table, textVector, toFraction } from './clean';

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
 */
export function weightedPipe(
  amounts: any[][],
  stages: any[][],
  stage_table: any[][],
  close_dates?: any[][],
  period_start?: any,
  period_end?: any,
): number {
  const stageTable = table(stage_table, 'stage_table', 2).map(({ row, cells }) => {
    const [name] = textVector([[cells[0]]], `stage_table row ${row}`);
    if (name === null) throw new Error('unreachable');
    return { stage: name, probability: toFraction(cells[1], `stage_table row ${row} probability`), row };
  });
  return weightedPipeline({
    amounts: numberVector(amounts, 'amounts'),
    stages: textVector(stages, 'stages'),
    stageTable,
    closeDates: isOmitted(close_dates) ? null : dateVector(close_dates, 'close_dates'),
    periodStart: optionalDate(period_start, 'period_start'),
    periodEnd: optionalDate(period_end, 'period_end'),
  });
}
