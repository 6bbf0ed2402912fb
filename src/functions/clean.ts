/**
 * Argument cleaning for every SALESOPS function, in one place.
 *
 * Both hosts hand us plain JavaScript values: ranges as unknown[][] (Excel passes any[][]; the headless adapter
 * converts HyperFormula ranges the same way), scalars as numbers, strings, booleans, null/undefined for
 * blanks and omitted optional arguments, and error cells as {@link CellErrorValue} (or Excel's error objects).
 * Everything here turns those into the typed inputs the models take, or throws a SalesOpsError whose
 * message names the argument, the row and the problem.
 */
import { SalesOpsError, errorCodeOfText, valueError } from '../models/errors';
import { serialFromYmd } from '../models/dates';
import { parseNumberText } from '../models/number-text';

/** An error value found inside an input range (e.g. a cell showing #N/A). */
export class CellErrorValue {
  constructor(
    readonly code: string,
    readonly message = '',
  ) {}
}

/** Text of an error cell's code when `v` is an error value from either host, else null. */
export function errorCodeOf(v: unknown): string | null {
  if (v instanceof CellErrorValue) return v.code;
  if (v instanceof SalesOpsError) return v.text;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const code = (v as { code?: unknown }).code ?? (v as { errorCode?: unknown }).errorCode;
    if (typeof code === 'string') return code.startsWith('#') ? code : '#' + code;
  }
  return null;
}

/**
 * An error cell found in an input, as the function's error: the cell's own code (Excel's functions pass an input
 * error on, as SUM does) and a message naming where it was ("amounts row 2 holds #N/A (upstream)").
 */
export function cellInputError(v: unknown, where: string): SalesOpsError {
  const code = errorCodeOf(v) ?? '#VALUE!';
  const inner = (v as { message?: string }).message;
  return new SalesOpsError(errorCodeOfText(code) ?? 'VALUE', `${where} holds ${code}${inner ? ` (${inner})` : ''}`);
}

function throwInputError(v: unknown, where: string): never {
  throw cellInputError(v, where);
}

export function isBlank(v: unknown): v is null | undefined | '' {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** An optional argument the user left out (Excel passes null; the headless engine undefined). */
export function isOmitted(v: unknown): boolean {
  if (Array.isArray(v))
    return v.length === 0 || (v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 && isBlank(v[0][0]));
  return isBlank(v);
}

/** Numbers typed as text ("1,200", "60%"): read the same way by the functions and the territory table reader. */
export { parseNumberText };

function describe(v: unknown): string {
  if (typeof v === 'string') return `text "${v.length > 40 ? v.slice(0, 37) + '...' : v}"`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** A number from a cell; `where` names it in messages ("amounts row 3"). */
export function toNumber(v: unknown, where: string): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new SalesOpsError('NUM', `${where} is not a finite number`);
    return v;
  }
  if (errorCodeOf(v)) throwInputError(v, where);
  if (typeof v === 'string') {
    const n = parseNumberText(v);
    if (n !== null) return n;
  }
  if (isBlank(v)) throw valueError(`${where} is blank; enter a number`);
  throw valueError(`${where} holds ${describe(v)}; expected a number`);
}

/** One value: typed in the formula, or a range of one cell (Excel passes a matrix parameter as [[v]] even then). */
export function isSingle(v: unknown): boolean {
  return !Array.isArray(v) || (v.length === 1 && Array.isArray(v[0]) && v[0].length === 1);
}

/** Unwraps a 1x1 range to its value, so scalar arguments may be given as a cell or a one-cell range. */
export function scalar(v: unknown, arg: string): unknown {
  if (!Array.isArray(v)) return v;
  if (v.length === 1 && Array.isArray(v[0]) && v[0].length === 1) return v[0][0];
  throw valueError(`${arg} must be a single value, not a range of ${v.length}x${(v[0] as unknown[])?.length ?? 0}`);
}

export function requiredNumber(v: unknown, arg: string): number {
  return toNumber(scalar(v, arg), arg);
}

export function optionalNumber(v: unknown, arg: string, fallback: number): number;
export function optionalNumber(v: unknown, arg: string, fallback: null): number | null;
export function optionalNumber(v: unknown, arg: string, fallback: number | null): number | null {
  const s = scalar(v, arg);
  return isBlank(s) ? fallback : toNumber(s, arg);
}

export function requiredText(v: unknown, arg: string): string {
  const s = scalar(v, arg);
  if (errorCodeOf(s)) throwInputError(s, arg);
  if (isBlank(s)) throw valueError(`${arg} is blank; enter text`);
  return String(s).trim();
}

export function optionalText(v: unknown, arg: string, fallback: string): string {
  const s = scalar(v, arg);
  if (errorCodeOf(s)) throwInputError(s, arg);
  return isBlank(s) ? fallback : String(s).trim();
}

export function optionalBoolean(v: unknown, arg: string, fallback: boolean): boolean {
  const s = scalar(v, arg);
  if (isBlank(s)) return fallback;
  if (typeof s === 'boolean') return s;
  if (typeof s === 'number') return s !== 0;
  if (typeof s === 'string' && /^(true|false|yes|no)$/i.test(s.trim())) return /^(true|yes)$/i.test(s.trim());
  if (errorCodeOf(s)) throwInputError(s, arg);
  throw valueError(`${arg} holds ${describe(s)}; expected TRUE or FALSE`);
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;

/** An Excel date serial from a serial number or ISO date text ("2026-02-01"). */
export function toDate(v: unknown, where: string): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0 || v > 2958465)
      throw valueError(`${where} is ${v}, not a date (Excel dates run from 0 to 2958465)`);
    return Math.floor(v);
  }
  if (errorCodeOf(v)) throwInputError(v, where);
  if (typeof v === 'string') {
    const m = ISO_DATE.exec(v.trim());
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const serial = serialFromYmd(y, mo, d);
      if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && serial === serialFromYmd(y, mo, 1) + d - 1) return serial;
    }
    const n = parseNumberText(v);
    if (n !== null) return toDate(n, where);
  }
  if (isBlank(v)) throw valueError(`${where} is blank; enter a date`);
  throw valueError(`${where} holds ${describe(v)}; expected a date (a date cell or text like 2026-02-01)`);
}

export function requiredDate(v: unknown, arg: string): number {
  return toDate(scalar(v, arg), arg);
}

export function optionalDate(v: unknown, arg: string): number | null {
  const s = scalar(v, arg);
  return isBlank(s) ? null : toDate(s, arg);
}

/** The 2-D shape of an argument: a scalar is 1x1. */
export function asMatrix(v: unknown): unknown[][] {
  if (Array.isArray(v)) return v.length === 0 ? [] : Array.isArray(v[0]) ? (v as unknown[][]) : [v];
  return [[v]];
}

/**
 * A single row or column as a list. A scalar is a list of one. A block with several rows and columns is a
 * #VALUE! unless `allowBlock` (then it is read row by row).
 */
export function vector(v: unknown, arg: string, allowBlock = false): unknown[] {
  const m = asMatrix(v);
  if (m.length === 0) return [];
  if (m.length === 1) return m[0].slice();
  const width = m[0].length;
  if (width === 1) {
    const out = new Array(m.length);
    for (let i = 0; i < m.length; i++) out[i] = m[i][0];
    return out;
  }
  if (!allowBlock) throw valueError(`${arg} must be a single row or column, not a block of ${m.length}x${width}`);
  return m.flat();
}

/** Position of item i of a vector in messages: "row 3" for columns, "item 3" for rows. */
function where(arg: string, i: number): string {
  return `${arg} row ${i + 1}`;
}

/** Numbers of a row or column; blanks become null (the caller decides whether a blank row is skipped). */
export function numberVector(v: unknown, arg: string): (number | null)[] {
  const items = vector(v, arg);
  const out: (number | null)[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    out[i] = typeof x === 'number' && Number.isFinite(x) ? x : isBlank(x) ? null : toNumber(x, where(arg, i));
  }
  return out;
}

/** Numbers of a row or column with no blanks allowed. */
export function requiredNumberVector(v: unknown, arg: string): number[] {
  const items = numberVector(v, arg);
  for (let i = 0; i < items.length; i++)
    if (items[i] === null) throw valueError(`${where(arg, i)} is blank; enter a number`);
  if (items.length === 0) throw valueError(`${arg} is empty`);
  return items as number[];
}

/** Text of a row or column (numbers become their text); blanks become null. */
export function textVector(v: unknown, arg: string): (string | null)[] {
  const items = vector(v, arg);
  return items.map((x, i) => {
    if (isBlank(x)) return null;
    if (errorCodeOf(x)) throwInputError(x, where(arg, i));
    return typeof x === 'string' ? x.trim() : String(x);
  });
}

/** Dates of a row or column (serials or ISO text); blanks become null. */
export function dateVector(v: unknown, arg: string): (number | null)[] {
  const items = vector(v, arg);
  const out: (number | null)[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    // Fast path for date cells (serial numbers): no message text is built unless a cell is bad.
    out[i] =
      typeof x === 'number' && x >= 0 && x <= 2958465 ? Math.floor(x) : isBlank(x) ? null : toDate(x, where(arg, i));
  }
  return out;
}

/** True when a cell holds text typed as a percentage ("150%", " 20 % "): its number is already a fraction. */
export function typedAsPercent(v: unknown): boolean {
  return typeof v === 'string' && /%\s*$/.test(v);
}

/** A fraction as the percentage a user would type: 1 -> "100%", 10 -> "1000%", 0.125 -> "12.5%". */
export function percentText(x: number): string {
  return `${Math.round(x * 1e8) / 1e6}%`;
}

/**
 * Probabilities or rates in 0..max (max 1 by default); "60%" and 0.6 both accepted. A plain number above max is
 * refused with the hint that it was probably meant as a percentage (60 -> "enter 60% or 0.6") when that reading
 * is in range; a value typed as a percentage ("150%") was not mistyped that way, so its message gives the allowed
 * range instead ("enter a percentage from 0% to 100%"), and so does a number whose percentage reading is out of
 * range too.
 */
export function toFraction(v: unknown, where: string, max = 1): number {
  const n = toNumber(v, where);
  if (n >= 0 && n <= max) return n;
  const range = `from 0% to ${percentText(max)}`;
  if (typedAsPercent(v)) {
    const typed = String(v).trim();
    if (n < 0) throw valueError(`${where} is ${typed}; it cannot be negative (enter a percentage ${range})`);
    throw valueError(`${where} is ${typed}, above ${percentText(max)}; enter a percentage ${range}`);
  }
  if (n < 0) throw valueError(`${where} is ${n}; it cannot be negative`);
  if (n / 100 > max)
    throw valueError(`${where} is ${n}, above ${max}; enter a fraction from 0 to ${max} (a percentage ${range})`);
  throw valueError(`${where} is ${n}, above ${max}; enter ${n}% or ${n / 100}`);
}

/** A table given as a block; checks its column count. Rows that are blank in every cell are dropped. */
export function table(
  v: unknown,
  arg: string,
  minCols: number,
  maxCols = minCols,
): { row: number; cells: unknown[] }[] {
  const m = asMatrix(v);
  const width = m[0]?.length ?? 0;
  if (width < minCols || width > maxCols) {
    const want = minCols === maxCols ? `${minCols}` : `${minCols} to ${maxCols}`;
    throw valueError(`${arg} must have ${want} columns, not ${width}`);
  }
  const out: { row: number; cells: unknown[] }[] = [];
  for (let r = 0; r < m.length; r++) if (!m[r].every(isBlank)) out.push({ row: r + 1, cells: m[r] });
  return out;
}

/** Two aligned lists must have the same length (the one check, in the models). */
export { sameLength } from '../models/shapes';
