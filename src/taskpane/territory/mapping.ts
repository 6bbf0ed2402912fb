/**
 * Pure helpers of the Territory tab (tested without rendering): guessing which column is which from the headers,
 * turning the two tables into the model's accounts and reps, the loads before balancing, and what Apply writes.
 */
import type { CellValue, RangeData } from '../../workbook/workbook';
import {
  readAccountTable,
  readRepTable,
  type TerritoryAccount,
  type TerritoryRep,
  type TerritoryResult,
} from '../../models/territory';

/** The name the pane gives the built-in account-count metric (1 per account, no column needed). */
export const ACCOUNT_COUNT_LABEL = 'Account count';

/** Which header holds each field (-1: none). */
export interface AccountColumns {
  id: number;
  owner: number;
  locked: number;
  family: number;
  lat: number;
  lon: number;
  /** Columns balanced, in order. */
  metrics: number[];
  /** Also balance the number of accounts (the built-in metric, after the columns). */
  accountCount?: boolean;
}

/** The metric names of a mapping: the chosen columns' headers, then "Account count" when it is balanced too. */
export function metricNamesOf(headers: string[], cols: AccountColumns): string[] {
  return [...cols.metrics.map((c) => headers[c]), ...(cols.accountCount ? [ACCOUNT_COUNT_LABEL] : [])];
}

export interface RepColumns {
  id: number;
  weight: number;
  lat: number;
  lon: number;
  maxAccounts: number;
}

const GUESSES: Record<string, RegExp[]> = {
  id: [/^(account|account[ _]?(id|name)|id|name|customer|company)$/i, /account|customer|company|\bid\b/i],
  repId: [/^(rep|rep[ _]?(id|name)|id|name|sales[ _]?agent|agent|owner)$/i, /rep|agent|name|\bid\b/i],
  owner: [/^(owner|current[ _]?owner|rep|sales[ _]?agent|account[ _]?owner)$/i, /owner|agent|\brep\b/i],
  locked: [/^(locked|lock|keep|fixed)$/i, /lock/i],
  family: [/^(family|parent|subsidiary[ _]?of|group|parent[ _]?account)$/i, /family|parent|subsidiary/i],
  lat: [/^(lat|latitude)$/i, /latitude|\blat\b/i],
  lon: [/^(lon|lng|long|longitude)$/i, /longitude|\blon\b|\blng\b/i],
  weight: [/^(weight|capacity|fte|capacity[ _]?weight)$/i, /weight|capacity|fte/i],
  maxAccounts: [/^(max[ _]?accounts|max)$/i, /max/i],
  metric: [
    /^(potential|revenue|workload|opportunities|accounts?|arr|pipeline|calls|visits)$/i,
    /potential|revenue|workload|opportunit|pipeline/i,
  ],
};

/** The first header matching the exact pattern, else the loose one, skipping `taken` columns; -1 for none. */
export function guessColumn(headers: string[], field: keyof typeof GUESSES, taken: number[] = []): number {
  for (const re of GUESSES[field]) {
    const i = headers.findIndex((h, k) => !taken.includes(k) && re.test(h.trim()));
    if (i >= 0) return i;
  }
  return -1;
}

/** Whether most non-blank cells of a column are numbers. */
export function isNumericColumn(values: CellValue[][], col: number): boolean {
  let n = 0;
  let num = 0;
  for (const row of values) {
    const v = row[col];
    if (v === null || v === '') continue;
    n++;
    if (typeof v === 'number') num++;
  }
  return n > 0 && num / n >= 0.8;
}

export function guessAccountColumns(data: RangeData): AccountColumns {
  const h = data.headers;
  const id = guessColumn(h, 'id');
  const owner = guessColumn(h, 'owner', [id]);
  const locked = guessColumn(h, 'locked', [id, owner]);
  const family = guessColumn(h, 'family', [id, owner, locked]);
  const lat = guessColumn(h, 'lat', [id, owner]);
  const lon = guessColumn(h, 'lon', [id, owner, lat]);
  const taken = [id, owner, locked, family, lat, lon];
  const named = h
    .map((_, i) => i)
    .filter((i) => !taken.includes(i) && GUESSES.metric.some((re) => re.test(h[i])) && isNumericColumn(data.values, i));
  const metrics = named.length
    ? named
    : h
        .map((_, i) => i)
        .filter((i) => !taken.includes(i) && isNumericColumn(data.values, i))
        .slice(0, 1);
  return { id, owner, locked, family, lat, lon, metrics };
}

export function guessRepColumns(data: RangeData): RepColumns {
  const h = data.headers;
  const id = guessColumn(h, 'repId');
  return {
    id,
    weight: guessColumn(h, 'weight', [id]),
    lat: guessColumn(h, 'lat', [id]),
    lon: guessColumn(h, 'lon', [id]),
    maxAccounts: guessColumn(h, 'maxAccounts', [id]),
  };
}

/**
 * The accounts of a table, blank rows skipped; row numbers in messages count the header as row 1. The cells are read
 * by the model's table reader, the same as `salesops balance` reads them (which booleans and numbers it takes).
 */
export function readAccounts(data: RangeData, cols: AccountColumns): { accounts: TerritoryAccount[]; rows: number[] } {
  if (cols.id < 0) throw new Error('Choose the accounts column that holds the account id.');
  if (cols.metrics.length === 0 && !cols.accountCount) throw new Error('Choose at least one metric to balance.');
  const metrics = [...cols.metrics, ...(cols.accountCount ? [-1] : [])];
  return readAccountTable({ name: 'Accounts', headers: data.headers, rows: data.values }, { ...cols, metrics });
}

export function readReps(data: RangeData, cols: RepColumns): TerritoryRep[] {
  if (cols.id < 0) throw new Error('Choose the reps column that holds the rep id.');
  return readRepTable({ name: 'Reps', headers: data.headers, rows: data.values }, cols);
}

/** Each rep's load per metric under the current owners (accounts without a known owner are left out). */
export function currentLoads(accounts: TerritoryAccount[], reps: TerritoryRep[], metricCount: number): number[][] {
  const index = new Map(reps.map((r, i) => [r.id, i]));
  const loads = reps.map(() => new Array(metricCount).fill(0));
  for (const a of accounts) {
    const r = a.owner ? index.get(a.owner) : undefined;
    if (r === undefined) continue;
    a.metrics.forEach((v, m) => (loads[r][m] += v));
  }
  return loads;
}

/** The "Territory summary" sheet: settings, per metric, per rep, and the moved accounts. */
export function summaryRows(result: TerritoryResult, metricNames: string[]): (string | number | boolean | null)[][] {
  const rows: (string | number | boolean | null)[][] = [
    ['Territory summary', null, null, null, null],
    ['Mode', result.mode, null, null, null],
    ['Within tolerance', result.feasible, null, null, null],
    ['Message', result.message, null, null, null],
    ['Accounts moved', result.accountsMoved, 'share', result.accountsMovedShare, null],
    ['Potential moved', result.potentialMoved, 'share', result.potentialMovedShare, null],
    ['Objective', result.objective, 'lower bound', result.lowerBound, null],
    ['Gap to the bound', result.gap, 'bound from', result.boundSource, null],
    ['Travel mean (km)', result.travelMeanKm, 'max (km)', result.travelMaxKm, null],
    ['Run time (s)', result.runMs / 1000, null, null, null],
    ...result.violations.map((v, i) => [i === 0 ? 'Still outside' : null, v, null, null, null]),
    [null, null, null, null, null],
    ['Metric', 'Max/min load ratio', 'Largest deviation', 'Tolerance', 'Coefficient of variation'],
    ...result.metrics.map((m) => [
      m.name,
      m.maxMinRatio,
      Number.isFinite(m.largestDeviation) ? m.largestDeviation : null,
      m.tolerance,
      m.coefficientOfVariation,
    ]),
    [null, null, null, null, null],
  ];
  const repHeader: (string | null)[] = ['Rep', 'Accounts'];
  for (const m of metricNames) repHeader.push(`${m} load`, `${m} target`, `${m} deviation`);
  rows.push(repHeader);
  for (const r of result.reps) {
    const row: (string | number | null)[] = [r.id, r.accounts];
    r.loads.forEach((l, m) => row.push(l, r.targets[m], Number.isFinite(r.deviations[m]) ? r.deviations[m] : null));
    rows.push(row);
  }
  rows.push([]);
  rows.push(['Moved account', 'From', 'To']);
  for (const a of result.assignments) if (a.moved) rows.push([a.id, a.currentOwner, a.owner]);
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...new Array(width - r.length).fill(null)]);
}
