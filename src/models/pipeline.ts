/**
 * Pipeline math: stage-probability (weighted) pipeline, as Salesforce's ExpectedRevenue = Amount x Probability.
 */
import { naError, valueError } from './errors';

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
  /** With a period: each deal's close date (Excel serial); deals without one are outside every period. */
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
  if (amounts.length !== stages.length) {
    throw valueError(`amounts has ${amounts.length} rows but stages has ${stages.length}; give ranges of the same size`);
  }
  if (closeDates && closeDates.length !== amounts.length) {
    throw valueError(`close_dates has ${closeDates.length} rows but amounts has ${amounts.length}; give ranges of the same size`);
  }
  const start = input.periodStart ?? -Infinity;
  const end = input.periodEnd ?? Infinity;
  if (start > end) throw valueError('period_end is before period_start');
  const filter = closeDates != null && (input.periodStart != null || input.periodEnd != null);
  const lookup = stageLookup(input.stageTable);
  // Cache keys of repeated stage names: a pipeline repeats a handful of stages over many rows.
  const keyCache = new Map<string, number | undefined>();
  let total = 0;
  for (let i = 0; i < amounts.length; i++) {
    const amount = amounts[i];
    const stage = stages[i];
    if (amount === null) continue; // blank row
    if (stage === null) throw valueError(`stages row ${i + 1} is blank but amounts row ${i + 1} is ${amount}; enter a stage`);
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
