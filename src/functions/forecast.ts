/* Custom-function declarations for forecasting: clean arguments, call src/models/forecast, nothing else. */
import {
  ACCURACY_MEASURES,
  DEFAULT_SEED,
  DEFAULT_TRIALS,
  cycleForecast,
  forecastAccuracy,
  forecastRollup,
  monteCarloForecast,
  pipelineCoverage,
  salesVelocity,
  type AccuracyMeasure,
} from '../models/forecast';
import { valueError } from '../models/errors';
import {
  isBlank,
  isOmitted,
  numberVector,
  optionalNumber,
  optionalText,
  requiredNumber,
  scalar,
  textVector,
  toFraction,
  vector,
} from './clean';

/**
 * Forecast by Salesforce forecast category, with its cumulative rollups: Closed; Commit = Commit + Closed; Best Case = Best Case + Commit + Closed; Open Pipeline = Pipeline + Best Case + Commit; with a quota, Gap to quota = quota - Closed. Categories (any case): Closed / Closed Won / Won; Commit / Forecast; Best Case / Upside; Pipeline; Omitted / Lost / Closed Lost (counted nowhere). Any other category is #N/A naming its row.
 * @customfunction FORECAST
 * @param amounts Deal amounts, one row per deal. Blank rows are skipped.
 * @param categories Each deal's forecast category, aligned with amounts.
 * @param [quota] The period's quota; adds a Gap to quota row.
 * @returns Rows of label and value: Closed, Commit, Best Case, Open Pipeline (and Gap to quota).
 * @spill 5 x 2
 * @example =SALESOPS.FORECAST({100;200;300;400;500}, {"Closed";"Commit";"Best Case";"Pipeline";"Omitted"}, 1000) returns {"Closed",100;"Commit",300;"Best Case",600;"Open Pipeline",900;"Gap to quota",900}
 * @example =SALESOPS.FORECAST({50;70;20}, {"won";"Upside";"Lost"}) returns {"Closed",50;"Commit",50;"Best Case",120;"Open Pipeline",70}
 * @example =SALESOPS.FORECAST({100;200}, {"Closed";"Maybe"}) returns #N/A
 * @error #VALUE! when amounts and categories differ in size, an amount is text, a row has an amount but no category, or quota is negative
 * @error #N/A when a category is not a known forecast category (the message names the row)
 */
export function forecastFn(amounts: any[][], categories: any[][], quota?: any): any[][] {
  return forecastRollup({
    amounts: numberVector(amounts, 'amounts'),
    categories: textVector(categories, 'categories'),
    quota: optionalNumber(quota, 'quota', null),
  }).map((l) => [l.label, l.value]);
}

/**
 * Pipeline coverage: open pipeline / (quota - closed), the multiple of the remaining quota the open pipeline covers (a rule of thumb asks for about 1 / win rate, e.g. 3x). #VALUE! when the quota is already met (closed at or above quota, a zero quota included).
 * @customfunction COVERAGE
 * @param open_pipeline The open pipeline amount.
 * @param quota The quota for the period.
 * @param [closed] Bookings already closed in the period; default 0.
 * @returns The coverage ratio.
 * @example =SALESOPS.COVERAGE(4800000, 2000000, 400000) returns 3
 * @example =SALESOPS.COVERAGE(900, 300) returns 3
 * @example =SALESOPS.COVERAGE(4800000, 2000000, 2100000) returns #VALUE!
 * @example =SALESOPS.COVERAGE(4800000, 0) returns #VALUE!
 * @example =SALESOPS.COVERAGE(4800000, -1) returns #VALUE!
 * @error #VALUE! when an argument is text, a range, or negative, or the quota is already met: closed is at or above quota (a zero quota included), so nothing remains to cover
 */
export function coverageFn(open_pipeline: any, quota: any, closed?: any): number {
  return pipelineCoverage(
    requiredNumber(open_pipeline, 'open_pipeline'),
    requiredNumber(quota, 'quota'),
    optionalNumber(closed, 'closed', 0),
  );
}

/**
 * Sales velocity, the revenue the pipeline produces per day: opportunities x average deal x win rate / cycle days.
 * @customfunction VELOCITY
 * @param opportunities Number of open opportunities.
 * @param avg_deal Average deal size.
 * @param win_rate Win rate (0 to 1, or a percentage like 25%).
 * @param cycle_days Average sales cycle in days.
 * @returns Revenue per day.
 * @example =SALESOPS.VELOCITY(40, 25000, 0.25, 90) returns 2777.78
 * @example =SALESOPS.VELOCITY(40, 25000, "25%", 90) returns 2777.78
 * @example =SALESOPS.VELOCITY(40, 25000, 25, 90) returns #VALUE!
 * @example =SALESOPS.VELOCITY(40, 25000, 0.25, 0) returns #VALUE!
 * @error #VALUE! when an argument is text or negative, win_rate is above 100% (25 instead of 25%), or cycle_days is 0
 */
export function velocityFn(opportunities: any, avg_deal: any, win_rate: any, cycle_days: any): number {
  return salesVelocity({
    opportunities: requiredNumber(opportunities, 'opportunities'),
    averageDeal: requiredNumber(avg_deal, 'avg_deal'),
    winRate: toFraction(scalar(win_rate, 'win_rate'), 'win_rate'),
    cycleDays: requiredNumber(cycle_days, 'cycle_days'),
  });
}

/**
 * Length-of-sales-cycle forecast: each open deal counts amount x min(age / typical cycle, 1), so a deal halfway through a typical cycle counts 50% and one past it counts in full.
 * @customfunction FORECAST.CYCLE
 * @param amounts Open deal amounts, one row per deal. Blank rows are skipped.
 * @param ages_days Days since each deal was opened, aligned with amounts.
 * @param typical_cycle_days The typical sales cycle in days: one number, or one per deal (e.g. by product).
 * @returns The forecast amount.
 * @example =SALESOPS.FORECAST.CYCLE({10000}, {60}, 120) returns 5000
 * @example =SALESOPS.FORECAST.CYCLE({10000;4000;2000}, {60;150;30}, 120) returns 9500
 * @example =SALESOPS.FORECAST.CYCLE({10000}, {-5}, 120) returns #VALUE!
 * @error #VALUE! when ranges differ in size, an age is blank or negative, an amount or age is text, or a typical cycle is blank, 0 or negative
 */
export function forecastCycleFn(amounts: any[][], ages_days: any[][], typical_cycle_days: any[][]): number {
  const perDeal = vector(typical_cycle_days, 'typical_cycle_days').length > 1;
  return cycleForecast({
    amounts: numberVector(amounts, 'amounts'),
    agesDays: numberVector(ages_days, 'ages_days'),
    cycleDays: perDeal
      ? numberVector(typical_cycle_days, 'typical_cycle_days')
      : requiredNumber(typical_cycle_days, 'typical_cycle_days'),
  });
}

/** Percentiles as fractions: 0.1, "10%" or "P10". */
function percentileList(v: unknown): number[] {
  if (isOmitted(v)) return [0.1, 0.5, 0.9];
  return vector(v, 'percentiles', true)
    .map((x, i) => {
      const named = typeof x === 'string' ? /^\s*p(\d+(?:\.\d+)?)\s*$/i.exec(x) : null;
      if (named) {
        const p = Number(named[1]);
        if (p > 100)
          throw valueError(
            `percentiles item ${i + 1} is ${String(x).trim()}, above P100; enter a percentile from P0 to P100 (or 0% to 100%)`,
          );
        return p / 100;
      }
      return isBlank(x) ? null : toFraction(x, `percentiles item ${i + 1}`);
    })
    .filter((p): p is number => p !== null);
}

/**
 * Monte Carlo forecast: in each trial every deal wins its amount with its probability, independently; spills the trial total at each percentile (Excel's PERCENTILE.INC of the totals), one row per percentile: percentile, total. A few large deals decide a quarter, so the spread matters as much as the average. Deterministic: the same seed gives the same result.
 * @customfunction FORECAST.MONTECARLO
 * @param amounts Deal amounts, one row per deal. Blank rows are skipped.
 * @param probabilities Each deal's win probability (0 to 1, or a percentage), aligned with amounts.
 * @param [percentiles] Percentiles to report as fractions, percentages or "P10" text; default 0.1, 0.5, 0.9.
 * @param [trials] Number of simulated outcomes, 1 to 1,000,000; default 10,000.
 * @param [seed] Seed of the random generator (a whole number); default 1.
 * @returns Rows of percentile and total.
 * @spill len(percentiles|3) x 2
 * @example =SALESOPS.FORECAST.MONTECARLO({1000}, {0.3}) returns {0.1,0;0.5,0;0.9,1000}
 * @example =SALESOPS.FORECAST.MONTECARLO({1000;500}, {1;0}, {"P10";"P90"}) returns {0.1,1000;0.9,1000}
 * @example =SALESOPS.FORECAST.MONTECARLO({1000}, {30}) returns #VALUE!
 * @example =SALESOPS.FORECAST.MONTECARLO({1000}, {0.3}, , 0) returns #VALUE!
 * @error #VALUE! when ranges differ in size, a probability or percentile is outside 0 to 100% (30 instead of 30%), a deal with an amount has no probability, trials is not a whole number from 1 to 1,000,000, or seed is not a whole number from 0 to 4294967295; or trials x deals that can go either way exceeds 200,000,000 draws (the message gives the most trials allowed)
 */
export function forecastMonteCarloFn(
  amounts: any[][],
  probabilities: any[][],
  percentiles?: any[][],
  trials?: any,
  seed?: any,
): any[][] {
  // Cleaned from the cells as typed, so "150%" is told the allowed range rather than "enter 1.5%".
  const probs = vector(probabilities, 'probabilities').map((p, i) =>
    isBlank(p) ? null : toFraction(p, `probabilities row ${i + 1}`),
  );
  return monteCarloForecast({
    amounts: numberVector(amounts, 'amounts'),
    probabilities: probs,
    percentiles: percentileList(percentiles),
    trials: optionalNumber(trials, 'trials', DEFAULT_TRIALS),
    seed: optionalNumber(seed, 'seed', DEFAULT_SEED),
  }).map((l) => [l.percentile, l.total]);
}

/**
 * Forecast accuracy (Hyndman & Koehler 2006), with error = actual - forecast: "MAPE" (default) mean absolute percentage error; "MPE" mean percentage error (signed); "BIAS" mean error in money (positive = under-forecast); "WMAPE" sum of absolute errors / sum of actuals. Percentages come back as fractions (0.1 = 10%).
 * @customfunction FORECAST.ACCURACY
 * @param actuals Actual results, one row per period (or per rep, per deal).
 * @param forecasts The forecasts for the same rows.
 * @param [measure] "MAPE", "MPE", "BIAS" or "WMAPE"; default "MAPE".
 * @returns The accuracy measure.
 * @example =SALESOPS.FORECAST.ACCURACY({100;200}, {110;180}) returns 0.1
 * @example =SALESOPS.FORECAST.ACCURACY({100;200}, {110;180}, "BIAS") returns 5
 * @example =SALESOPS.FORECAST.ACCURACY({100;200}, {110;180}, "mpe") returns 0
 * @example =SALESOPS.FORECAST.ACCURACY({100;300}, {110;240}, "WMAPE") returns 0.175
 * @example =SALESOPS.FORECAST.ACCURACY({0;200}, {10;180}) returns #DIV/0!
 * @example =SALESOPS.FORECAST.ACCURACY({100;200}, {110;180}, "RMSE") returns #VALUE!
 * @error #VALUE! when ranges differ in size, a row has only one of actual and forecast, a value is text, no row has both, or measure is not MAPE, MPE, BIAS or WMAPE
 * @error #DIV/0! when an actual is 0 under MAPE or MPE, or the actuals add up to 0 under WMAPE
 */
export function forecastAccuracyFn(actuals: any[][], forecasts: any[][], measure?: any): number {
  const m = optionalText(measure, 'measure', 'MAPE').toUpperCase();
  if (!(ACCURACY_MEASURES as string[]).includes(m)) throw valueError(`measure is '${m}'; use MAPE, MPE, BIAS or WMAPE`);
  return forecastAccuracy(numberVector(actuals, 'actuals'), numberVector(forecasts, 'forecasts'), m as AccuracyMeasure);
}
