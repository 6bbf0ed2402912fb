/**
 * Argument coercion as Excel does it for a function's scalar arguments, for the plugins in this folder that take
 * their arguments raw (FunctionArgumentType.SCALAR) so that they control which error wins and what text counts as a
 * number. Excel reads "8", " 10 ", "7.0e0", "1,000", "10%", "$5" and date text ("2024-01-10") as numbers, TRUE as 1,
 * an empty cell as 0; the empty text "" and text with spaces around a date are #VALUE! (the ironcalc fidelity
 * workbooks, FLOOR_CEILING.xlsx, columns "" and " 2024-01-10 ").
 */
import { CellError, EmptyValue, ErrorType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';

/** A plain decimal number, optionally with thousands separators and an exponent (what Excel's VALUE accepts). */
const PLAIN_NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d*)?(e[+-]?\d+)?$/i;

/** The plugin base: `num()`/`int()` coerce one raw argument, naming the function and the argument in the error. */
export class ExcelPlugin extends FunctionPlugin {
  /** A number, or the Excel error for this argument (an error value passes through unchanged). */
  num(v: unknown, fn: string, arg: string): number | CellError {
    if (v instanceof CellError) return v;
    if (v === EmptyValue || v === undefined || v === null) return 0;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v instanceof SimpleRangeValue)
      return new CellError(ErrorType.VALUE, `${fn}: ${arg} must be one value, not a range`);
    if (typeof v === 'string') {
      const t = v.trim();
      if (t === '') return new CellError(ErrorType.VALUE, `${fn}: ${arg} is empty text, not a number`);
      if (PLAIN_NUMBER.test(t) && /\d/.test(t)) return Number(t.replace(/,/g, ''));
      if (t !== v) return new CellError(ErrorType.VALUE, `${fn}: ${arg} "${v}" is not a number`);
      const c = this.coerceScalarToNumberOrError(v);
      if (c instanceof CellError) return new CellError(ErrorType.VALUE, `${fn}: ${arg} "${v}" is not a number`);
      return typeof c === 'number' ? c : (c as { val: number }).val;
    }
    if (typeof v === 'object' && 'val' in (v as object)) return (v as { val: number }).val;
    return new CellError(ErrorType.VALUE, `${fn}: ${arg} is not a number`);
  }

  /** A number truncated toward zero (Excel truncates fractional counts and modes). */
  int(v: unknown, fn: string, arg: string): number | CellError {
    const n = this.num(v, fn, arg);
    return n instanceof CellError ? n : Math.trunc(n);
  }
}

/** The first error among already-coerced values, if any (Excel reports the leftmost argument's error). */
export function firstError(...values: (number | CellError)[]): CellError | undefined {
  return values.find((v): v is CellError => v instanceof CellError);
}
