/**
 * Pipeline math: stage-probability (weighted) pipeline, as Salesforce's ExpectedRevenue = Amount x Probability;
 * win rates (overall and per group), the stage funnel, days spent per stage and historical stage probabilities.
 */
import { sameLength } from './shapes';
import { div0Error, naError, valueError, type SalesOpsError } from './errors';

export interface StageProbability {
  stage: string;
  probability: number; // 0..1
  row: number; // row in the stage table, for messages
}

/** Key under which stage names are compared: case- and space-insensitive. */
export function stageKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '');
}

/** Builds the stage lookup, refusing duplicate stages with different probabilities. */
export function stageLookup(table: StageProbability[]): Map<string, number> {
  const lookup = new Map<string, number>();
  for (const { stage, probability, row } of table) {
    const key = stageKey(stage);
    const seen = lookup.get(key);
    if (seen !== undefined && seen !== probability) {
      throw valueError(`stage_table row ${row}: stage '${stage}' appears twice with different probabilities`);
    }
    lookup.set(key, probability);
  }
  return lookup;
}

export interface WeightedPipelineInput {
  amounts: (number | null)[];
  stages: (string | null)[];
  stageTable: StageProbability[];
  /**
   * With a period: each deal's close date (Excel serial); deals without one are outside every period. A period
   * (periodStart or periodEnd) without close dates is refused (#VALUE!), never ignored.
   */
  closeDates?: (number | null)[] | null;
  periodStart?: number | null;
  periodEnd?: number | null;
}

/**
 * Sum over deals of amount x probability of the deal's stage.
 * Example: Trial at 60%, a 1,000 deal in Trial is worth 600.
 */
export function weightedPipeline(input: WeightedPipelineInput): number {
  const { amounts, stages, closeDates } = input;
  sameLength('amounts', amounts, 'stages', stages);
  if (closeDates) sameLength('close_dates', closeDates, 'amounts', amounts);
  const start = input.periodStart ?? -Infinity;
  const end = input.periodEnd ?? Infinity;
  if (start > end) throw valueError('period_end is before period_start');
  const period = input.periodStart != null || input.periodEnd != null;
  if (period && closeDates == null) {
    // Without close dates the period could not filter anything: refuse rather than silently sum every deal.
    const given = [input.periodStart != null ? 'period_start' : null, input.periodEnd != null ? 'period_end' : null]
      .filter(Boolean)
      .join(' and ');
    throw valueError(
      `${given} ${given.includes(' and ') ? 'are' : 'is'} given but close_dates is not; give each deal's close date in close_dates to count only deals closing in the period, or leave the period out`,
    );
  }
  const filter = closeDates != null && period;
  const lookup = stageLookup(input.stageTable);
  // Cache keys of repeated stage names: a pipeline repeats a handful of stages over many rows.
  const keyCache = new Map<string, number | undefined>();
  let total = 0;
  for (let i = 0; i < amounts.length; i++) {
    const amount = amounts[i];
    const stage = stages[i];
    if (amount === null) continue; // blank row
    if (stage === null)
      throw valueError(`stages row ${i + 1} is blank but amounts row ${i + 1} is ${amount}; enter a stage`);
    if (filter) {
      const d = closeDates![i];
      if (d === null || d < start || d > end) continue;
    }
    let p = keyCache.get(stage);
    if (p === undefined) {
      p = lookup.get(stageKey(stage));
      if (p === undefined) throw naError(`stages row ${i + 1}: unknown stage '${stage}' (not in stage_table)`);
      keyCache.set(stage, p);
    }
    total += amount * p;
  }
  return total;
}

export interface StageContribution {
  stage: string; // as first written in the stage table
  probability: number;
  deals: number;
  amount: number; // unweighted amount of the stage's deals
  weighted: number; // amount x probability: the stage's share of weightedPipeline
}

/**
 * The weighted pipeline split by stage, in stage-table order (one entry per distinct stage); the weighted
 * contributions add up to weightedPipeline() of the same input, and the same rows are refused.
 * Example: 1,000 in Trial (60%) and 500 in Final call (80%): Trial 600, Final call 400.
 */
export function weightedPipelineByStage(input: WeightedPipelineInput): StageContribution[] {
  const { amounts, stages, closeDates } = input;
  // weightedPipeline runs every check (sizes, period, unknown or blank stages) and gives the same errors.
  weightedPipeline(input);
  const lookup = stageLookup(input.stageTable);
  const byKey = new Map<string, StageContribution>();
  for (const { stage } of input.stageTable) {
    const key = stageKey(stage);
    if (!byKey.has(key)) byKey.set(key, { stage, probability: lookup.get(key)!, deals: 0, amount: 0, weighted: 0 });
  }
  const start = input.periodStart ?? -Infinity;
  const end = input.periodEnd ?? Infinity;
  const filter = closeDates != null && (input.periodStart != null || input.periodEnd != null);
  for (let i = 0; i < amounts.length; i++) {
    const amount = amounts[i];
    if (amount === null) continue;
    if (filter) {
      const d = closeDates![i];
      if (d === null || d < start || d > end) continue;
    }
    const c = byKey.get(stageKey(stages[i]!))!;
    c.deals++;
    c.amount += amount;
    c.weighted += amount * c.probability;
  }
  return [...byKey.values()];
}

/** Stage positions by key (case- and space-insensitive), refusing an empty order and repeated stages. */
export function stageOrderIndex(order: string[], arg = 'stage_order'): Map<string, number> {
  if (order.length === 0) throw valueError(`${arg} is empty; list the stages in order, first stage first`);
  const index = new Map<string, number>();
  order.forEach((stage, i) => {
    const key = stageKey(stage);
    if (index.has(key)) throw valueError(`${arg} item ${i + 1}: stage '${stage}' appears twice`);
    index.set(key, i);
  });
  return index;
}

/** Position of each row's stage in the order (-1 for a blank row); an unknown stage is #N/A naming the row. */
function stagePositions(
  stages: (string | null)[],
  index: Map<string, number>,
  arg: string,
  orderArg = 'stage_order',
): Int32Array {
  const out = new Int32Array(stages.length);
  const cache = new Map<string, number>();
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i];
    if (s === null) {
      out[i] = -1;
      continue;
    }
    let k = cache.get(s);
    if (k === undefined) {
      k = index.get(stageKey(s));
      if (k === undefined) throw naError(`${arg} row ${i + 1}: unknown stage '${s}' (not in ${orderArg})`);
      cache.set(s, k);
    }
    out[i] = k;
  }
  return out;
}

export interface OutcomeLabels {
  won: string; // default "Won"
  lost: string; // default "Lost"
}

/** Classifies outcomes: 1 won, 0 lost, -1 open or blank (labels compare ignoring case and surrounding spaces). */
function outcomeCodes(outcomes: (string | null)[], labels: OutcomeLabels): Int8Array {
  const won = labels.won.trim().toLowerCase();
  const lost = labels.lost.trim().toLowerCase();
  if (!won) throw valueError('won_label is blank; enter the text that marks a won deal');
  if (!lost) throw valueError('lost_label is blank; enter the text that marks a lost deal');
  if (won === lost) throw valueError(`won_label and lost_label are both '${labels.won}'; they must differ`);
  const out = new Int8Array(outcomes.length);
  const cache = new Map<string, number>();
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i];
    if (o === null) {
      out[i] = -1;
      continue;
    }
    let c = cache.get(o);
    if (c === undefined) {
      const t = o.trim().toLowerCase();
      c = t === won ? 1 : t === lost ? 0 : -1;
      cache.set(o, c);
    }
    out[i] = c;
  }
  return out;
}

export interface WinRate {
  won: number;
  lost: number;
  rate: number; // won / (won + lost)
}

/**
 * Win rate = won / (won + lost); open deals (any other outcome) and blanks are ignored.
 * Example: Won, Lost, Won, Open, Won: 3 / 4 = 0.75.
 */
export function winRate(outcomes: (string | null)[], labels: OutcomeLabels = { won: 'Won', lost: 'Lost' }): WinRate {
  const codes = outcomeCodes(outcomes, labels);
  let won = 0;
  let lost = 0;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] === 1) won++;
    else if (codes[i] === 0) lost++;
  }
  if (won + lost === 0)
    throw div0Error(
      `outcomes holds no won ('${labels.won}') or lost ('${labels.lost}') deals, so there is no win rate`,
    );
  return { won, lost, rate: won / (won + lost) };
}

export interface GroupWinRate {
  group: string; // as first written
  won: number;
  lost: number;
  /** won / (won + lost), or a #DIV/0! cell for a group with no closed deal. */
  rate: number | SalesOpsError;
}

/** Label of the group of rows whose group cell is blank (as in an Excel pivot table). */
export const BLANK_GROUP = '(blank)';

/**
 * Win rate per group (agent, product, region), groups in the order they first appear; group names compare
 * ignoring case and surrounding spaces, as COUNTIFS does. Rows with a blank outcome are skipped; a blank group
 * with an outcome is the group "(blank)". A group with only open deals gets a #DIV/0! win rate.
 * Example: groups A, B, A, B, A with outcomes Won, Lost, Lost, Open, Won: A 2/3, B 0/1.
 */
export function winRateBy(
  groups: (string | null)[],
  outcomes: (string | null)[],
  labels: OutcomeLabels = { won: 'Won', lost: 'Lost' },
): GroupWinRate[] {
  sameLength('groups', groups, 'outcomes', outcomes);
  const codes = outcomeCodes(outcomes, labels);
  const byRaw = new Map<string, number>(); // exact text -> slot, to skip the case folding on repeats
  const byKey = new Map<string, number>();
  const names: string[] = [];
  const won: number[] = [];
  const lost: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    if (outcomes[i] === null) continue;
    const g = groups[i] ?? BLANK_GROUP;
    let slot = byRaw.get(g);
    if (slot === undefined) {
      const key = g.trim().toLowerCase();
      slot = byKey.get(key);
      if (slot === undefined) {
        slot = names.length;
        byKey.set(key, slot);
        names.push(g);
        won.push(0);
        lost.push(0);
      }
      byRaw.set(g, slot);
    }
    const c = codes[i];
    if (c === 1) won[slot]++;
    else if (c === 0) lost[slot]++;
  }
  if (names.length === 0) throw valueError('outcomes is empty; give one outcome per deal');
  return names.map((group, k) => ({
    group,
    won: won[k],
    lost: lost[k],
    rate:
      won[k] + lost[k] === 0
        ? div0Error(`group '${group}' has no won or lost deals, so there is no win rate`)
        : won[k] / (won[k] + lost[k]),
  }));
}

export interface FunnelStage {
  stage: string;
  reached: number; // opportunities whose furthest stage is this one or a later one
  /** reached(next) / reached(this); null for the last stage; #DIV/0! when no opportunity reached this stage. */
  toNext: number | SalesOpsError | null;
  fromFirst: number; // reached(this) / reached(first)
}

/**
 * Stage funnel from each opportunity's furthest stage: an opportunity reached every stage up to its furthest.
 * Example: furthest Lead x4, Qualified x3, Proposal x2, Won x1: reached 10, 6, 3, 1; to next 0.6, 0.5, 1/3.
 */
export function funnel(furthestStages: (string | null)[], stageOrder: string[]): FunnelStage[] {
  const index = stageOrderIndex(stageOrder);
  const pos = stagePositions(furthestStages, index, 'furthest_stages');
  const atStage = new Float64Array(stageOrder.length);
  for (let i = 0; i < pos.length; i++) if (pos[i] >= 0) atStage[pos[i]]++;
  const reached = new Float64Array(stageOrder.length);
  let running = 0;
  for (let k = stageOrder.length - 1; k >= 0; k--) reached[k] = running += atStage[k];
  if (reached[0] === 0)
    throw valueError('furthest_stages holds no opportunities; give one furthest stage per opportunity');
  return stageOrder.map((stage, k) => ({
    stage,
    reached: reached[k],
    toNext:
      k === stageOrder.length - 1
        ? null
        : reached[k] === 0
          ? div0Error(`no opportunity reached '${stage}', so there is no conversion to the next stage`)
          : reached[k + 1] / reached[k],
    fromFirst: reached[k] / reached[0],
  }));
}

export interface StageDays {
  stage: string;
  /** Mean days from entering this stage to entering the next stage the deal entered; null for the last stage. */
  averageDays: number | SalesOpsError | null;
  movedOn: number; // deals that entered this stage and later entered another (the deals measured)
  entered: number; // deals with a date in this stage's column
}

/**
 * Average days spent in each stage. `entered` has one row per deal and one column per stage of `stageOrder`
 * holding the date (Excel serial) the deal entered that stage, or null if it never did. A deal's days in a stage
 * run from its date there to its next date further right (a skipped stage counts for nothing); a deal still in a
 * stage, or lost there, has no next date and is not measured.
 * Example: entered Lead 1 Jan, Qualified 11 Jan, Won 31 Jan: 10 days in Lead, 20 in Qualified.
 */
export function stageDays(
  entered: (number | null)[][],
  stageOrder: string[],
  arg = 'stage_entered_dates',
): StageDays[] {
  stageOrderIndex(stageOrder);
  const n = stageOrder.length;
  const days = new Float64Array(n);
  const movedOn = new Float64Array(n);
  const enteredCount = new Float64Array(n);
  for (let r = 0; r < entered.length; r++) {
    const row = entered[r];
    if (row.length !== n) {
      throw valueError(
        `${arg} has ${row.length} columns but stage_order lists ${n} stages; give one date column per stage, in stage order`,
      );
    }
    let prev = -1;
    for (let j = 0; j < n; j++) {
      const d = row[j];
      if (d === null) continue;
      enteredCount[j]++;
      if (prev >= 0) {
        const from = row[prev]!;
        if (d < from)
          throw valueError(
            `${arg} row ${r + 1}: the '${stageOrder[j]}' date is before the '${stageOrder[prev]}' date; stages must be entered in stage_order`,
          );
        days[prev] += d - from;
        movedOn[prev]++;
      }
      prev = j;
    }
  }
  return stageOrder.map((stage, k) => ({
    stage,
    averageDays:
      k === n - 1
        ? null
        : movedOn[k] === 0
          ? div0Error(`no deal moved on from '${stage}' to a later stage, so there is no average`)
          : days[k] / movedOn[k],
    movedOn: movedOn[k],
    entered: enteredCount[k],
  }));
}

export interface StageProbabilityResult {
  stage: string;
  /** won / closed among deals that reached the stage; #DIV/0! when no closed deal reached it. */
  probability: number | SalesOpsError;
  won: number; // won deals (every won deal went through the whole funnel)
  closed: number; // won + lost deals that reached the stage
}

/**
 * Historical win probability of each stage: of the closed deals that reached the stage, the share won.
 * A won deal went through every stage, so it counts at every stage (its stage cell is not read); a lost deal
 * counts at every stage up to its stage (the furthest it reached); open deals are ignored.
 * Example: order Lead, Demo, Trial; won x2; lost at Lead x2, Demo x1, Trial x1: Lead 2/6, Demo 2/4, Trial 2/3.
 */
export function stageProbabilities(
  stages: (string | null)[],
  outcomes: (string | null)[],
  stageOrder: string[],
  labels: OutcomeLabels = { won: 'Won', lost: 'Lost' },
): StageProbabilityResult[] {
  sameLength('stages', stages, 'outcomes', outcomes);
  const index = stageOrderIndex(stageOrder);
  const codes = outcomeCodes(outcomes, labels);
  const n = stageOrder.length;
  const lostAt = new Float64Array(n);
  let won = 0;
  const cache = new Map<string, number>();
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] === 1) won++;
    if (codes[i] !== 0) continue;
    const s = stages[i];
    if (s === null)
      throw valueError(`stages row ${i + 1} is blank for a lost deal; enter the furthest stage it reached`);
    let k = cache.get(s);
    if (k === undefined) {
      k = index.get(stageKey(s));
      if (k === undefined) throw naError(`stages row ${i + 1}: unknown stage '${s}' (not in stage_order)`);
      cache.set(s, k);
    }
    lostAt[k]++;
  }
  const out: StageProbabilityResult[] = new Array(n);
  let lostBeyond = 0;
  for (let k = n - 1; k >= 0; k--) {
    lostBeyond += lostAt[k];
    const closed = won + lostBeyond;
    out[k] = {
      stage: stageOrder[k],
      probability:
        closed === 0
          ? div0Error(`no closed deal reached '${stageOrder[k]}', so there is no win probability`)
          : won / closed,
      won,
      closed,
    };
  }
  return out;
}
