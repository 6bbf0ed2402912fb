/**
 * A simulated Excel custom-functions runtime, for the Excel runtime contract test. It reads functions.json as
 * Excel does and calls the associated functions (src/hosts/excel/functions.ts) the way Excel calls them
 * (Microsoft's "Custom functions parameter options" and "Handle and return errors" docs):
 * - a parameter of dimensionality "matrix" always receives a 2-D array, a single cell too ([[0.5]]);
 * - a scalar parameter receives the value itself; an omitted optional parameter receives null;
 * - with allowErrorForDataTypeAny, an error cell arrives as an error object with its code (CustomFunctions.Error);
 * - a date cell arrives as its serial number (the test's "dates as serials" variant);
 * and it checks what comes back as Excel would take it (see {@link excelProblems}).
 */
import { associateAll } from '../../src/hosts/excel/functions';
import { CODES_WITH_MESSAGE_IN_EXCEL, ERROR_TEXT } from '../../src/models/errors';

/** CustomFunctions.Error as Office's runtime defines it: a code and an optional message. */
export class ExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

/** CustomFunctions.ErrorCode: the enum's values are the cell texts (Microsoft's reference). */
export const EXCEL_ERROR_CODE = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

/** Codes a custom function may return (#NAME? and #REF! are input errors only, per the ErrorCode reference). */
const OUTPUT_CODES = ['#VALUE!', '#N/A', '#DIV/0!', '#NUM!', '#NULL!'];
/** Codes whose message Excel shows: the catalogue's #VALUE! and #N/A. */
const MESSAGE_CODES = CODES_WITH_MESSAGE_IN_EXCEL.map((c) => ERROR_TEXT[c]);

export interface ParameterMetadata {
  name: string;
  dimensionality?: 'scalar' | 'matrix';
  optional?: boolean;
}
export interface FunctionMetadataJson {
  id: string;
  parameters: ParameterMetadata[];
  result: { dimensionality?: 'scalar' | 'matrix' };
}

/** A cell as the test describes it: a value, a blank (null), or an error cell ({ error: '#N/A' }). */
export type Cell = number | string | boolean | null | { error: string };
/** An argument as typed: a single cell, a range (rows of cells), or undefined when left out. */
export type Argument = Cell | Cell[][] | undefined;

/** Installs CustomFunctions on globalThis, runs the add-in's associateAll() and returns what it associated. */
export function startRuntime(): { associated: Map<string, (...args: unknown[]) => unknown>; stop(): void } {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  const g = globalThis as Record<string, unknown>;
  g.CustomFunctions = {
    associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn),
    Error: ExcelError,
    ErrorCode: EXCEL_ERROR_CODE,
  };
  associateAll();
  return { associated, stop: () => delete g.CustomFunctions };
}

function excelCell(c: Cell): unknown {
  if (c !== null && typeof c === 'object') return new ExcelError(c.error);
  return c;
}

/** The arguments Excel passes for these typed arguments, one per declared parameter. */
export function excelArguments(meta: FunctionMetadataJson, args: readonly Argument[]): unknown[] {
  return meta.parameters.map((p, i) => {
    const a = args[i];
    if (a === undefined) return null; // an omitted argument (optional, or left empty) arrives as null
    if (p.dimensionality === 'matrix') return Array.isArray(a) ? a.map((row) => row.map(excelCell)) : [[excelCell(a)]];
    if (Array.isArray(a)) {
      // Excel would call the function once per cell (lifting); the test never does this
      if (a.length !== 1 || a[0].length !== 1)
        throw new Error(`${meta.id}: a range given to scalar parameter ${p.name}`);
      return excelCell(a[0][0]);
    }
    return excelCell(a);
  });
}

/** What Excel received from one call: a returned value, or the error thrown. */
export type Outcome = { returned: unknown } | { thrown: unknown };

export function callAsExcel(fn: (...args: unknown[]) => unknown, args: unknown[]): Outcome {
  try {
    return { returned: fn(...args) };
  } catch (e) {
    return { thrown: e };
  }
}

function cellProblems(v: unknown, where: string): string[] {
  if (v instanceof ExcelError) {
    if (!OUTPUT_CODES.includes(v.code)) return [`${where}: ${v.code} is not an error a custom function can return`];
    if (v.message && !MESSAGE_CODES.includes(v.code))
      return [`${where}: ${v.code} carries the message "${v.message}", which Excel drops`];
    if (/internal error/.test(v.message ?? '')) return [`${where}: ${v.message}`];
    return [];
  }
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [`${where}: ${v} is not a number Excel can show`];
  if (typeof v === 'string' || typeof v === 'boolean') return [];
  // null inside a returned array shows as 0 in Excel (office-js issue 1503); undefined, objects and arrays are #VALUE!
  return [
    `${where}: ${v === null ? 'null (Excel shows 0)' : Array.isArray(v) ? 'a nested array' : typeof v} is not a cell value`,
  ];
}

/**
 * Every way the outcome breaks Excel's contract for a function declared with `meta`: a thrown value that is not a
 * CustomFunctions.Error, a scalar-declared function returning an array (Excel shows #VALUE!) or a matrix-declared one
 * returning a single value, a ragged or empty matrix, a message on a code Excel shows without it, a non-finite number.
 */
export function excelProblems(meta: FunctionMetadataJson, outcome: Outcome): string[] {
  if ('thrown' in outcome) {
    if (!(outcome.thrown instanceof ExcelError))
      return [`threw ${String(outcome.thrown)}, not a CustomFunctions.Error`];
    return cellProblems(outcome.thrown, 'thrown');
  }
  const r = outcome.returned;
  if (meta.result.dimensionality !== 'matrix')
    return Array.isArray(r)
      ? ['returned an array, but functions.json declares a scalar result (Excel shows #VALUE!)']
      : cellProblems(r, 'result');
  if (!Array.isArray(r)) return ['returned a single value, but functions.json declares a matrix result'];
  if (r.length === 0 || !Array.isArray(r[0]) || r[0].length === 0) return ['returned an empty matrix'];
  const width = (r[0] as unknown[]).length;
  const problems: string[] = [];
  r.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== width)
      problems.push(`row ${i + 1} is not ${width} cells wide: the matrix is ragged`);
    else row.forEach((v, j) => problems.push(...cellProblems(v, `[${i}][${j}]`)));
  });
  return problems;
}
