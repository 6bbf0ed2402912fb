/**
 * How Excel's statistical functions read their number-list arguments (Microsoft, e.g. AVERAGE/GEOMEAN/KURT remarks):
 * in a reference or an array, only numbers count (text, logical values and empty cells are ignored; the `A` variants
 * count text as 0 and TRUE as 1); typed directly as an argument, numbers, logical values and text that reads as a
 * number count, other text is #VALUE!. An error anywhere is the result. A single-cell reference is a reference, which
 * HyperFormula would otherwise pass as a plain value, so the argument's syntax decides.
 */
import { CellError, EmptyValue, ErrorType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';

export type Ast = ProcedureAst['args'][number];
interface AstLike {
  type: string;
  expression?: AstLike;
}

/** The number inside a HyperFormula value (dates and percents arrive as rich numbers with a `val`). */
export function rawNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && 'val' in v && typeof (v as { val: unknown }).val === 'number')
    return (v as { val: number }).val;
  return undefined;
}

/** Whether an argument is written as a reference (A1, A1:B2, a column or row range), through parentheses. */
export function isReference(ast: Ast): boolean {
  let a = ast as unknown as AstLike;
  while (a.type === 'PARENTHESES' && a.expression) a = a.expression;
  return ['CELL_REFERENCE', 'CELL_RANGE', 'COLUMN_RANGE', 'ROW_RANGE'].includes(a.type);
}

export class StatPlugin extends FunctionPlugin {
  /** A value as a plugin argument: a range stays a range, a reference to one cell becomes a 1x1 range. */
  protected evalArg(ast: Ast, state: InterpreterState): unknown {
    const v = this.evaluateAst(ast as never, state as never);
    if (!(v instanceof SimpleRangeValue) && isReference(ast)) return SimpleRangeValue.onlyValues([[v as never]]);
    return v;
  }

  /** A directly typed value as a number (Excel's coercion), or the error. */
  protected scalarNumber(fn: string, v: unknown): number | CellError {
    if (v instanceof CellError) return v;
    if (v === EmptyValue) return 0;
    const n = rawNumber(v);
    if (n !== undefined) return n;
    if (typeof v === 'boolean') return v ? 1 : 0;
    const c = this.coerceScalarToNumberOrError(v as never);
    if (c instanceof CellError) return new CellError(ErrorType.VALUE, `${fn}: "${String(v)}" is not a number`);
    return rawNumber(c) ?? new CellError(ErrorType.VALUE, `${fn}: "${String(v)}" is not a number`);
  }

  /** The numbers of a value that was evaluated from one argument (see the module comment); `a` for the A variants. */
  protected numbersOfValue(fn: string, v: unknown, out: number[], a = false): CellError | undefined {
    if (v instanceof SimpleRangeValue) {
      for (const x of v.valuesFromTopLeftCorner()) {
        if (x instanceof CellError) return x;
        const n = rawNumber(x);
        if (n !== undefined) out.push(n);
        else if (a && typeof x === 'boolean') out.push(x ? 1 : 0);
        else if (a && typeof x === 'string') out.push(0);
      }
      return undefined;
    }
    const n = this.scalarNumber(fn, v);
    if (n instanceof CellError) return n;
    out.push(n);
    return undefined;
  }

  /** All numbers of the given arguments in order, or the first error. */
  protected numbers(fn: string, args: Ast[], state: InterpreterState, a = false): number[] | CellError {
    const out: number[] = [];
    for (const ast of args) {
      const err = this.numbersOfValue(fn, this.evalArg(ast, state), out, a);
      if (err) return err;
    }
    return out;
  }

  /** One scalar numeric argument (a one-cell range is read as its value), or the error. */
  protected scalarArg(
    fn: string,
    ast: Ast | undefined,
    state: InterpreterState,
    fallback?: number,
  ): number | CellError {
    if (ast === undefined || (ast as unknown as AstLike).type === 'EMPTY') {
      return fallback ?? new CellError(ErrorType.NA, `${fn}: an argument is missing`);
    }
    let v = this.evaluateAst(ast as never, state as never) as unknown;
    if (v instanceof SimpleRangeValue) {
      const one = implicitIntersection(v, state);
      if (one === undefined) return new CellError(ErrorType.VALUE, `${fn}: expected one value, got a range`);
      v = one;
    }
    return this.scalarNumber(fn, v);
  }

  /** The cells of an argument as a 2-D grid of raw values (a scalar is a 1x1 grid). */
  protected grid(ast: Ast, state: InterpreterState): unknown[][] {
    const v = this.evaluateAst(ast as never, state as never) as unknown;
    if (v instanceof SimpleRangeValue) return v.data as unknown[][];
    return [[v]];
  }
}

/** Wrong number of arguments: Excel refuses the formula; the engine reports #N/A naming the function. */
export const argCountError = (fn: string) => new CellError(ErrorType.NA, `${fn}: wrong number of arguments`);

/**
 * Excel's implicit intersection: a range where one value is expected gives the cell in the formula's own row (a
 * column) or column (a row); a 1x1 range gives its value; anything else has none.
 */
export function implicitIntersection(v: SimpleRangeValue, state: InterpreterState): unknown {
  if (v.width() === 1 && v.height() === 1) return v.data[0][0];
  const range = (v as unknown as { range?: { start: { row: number; col: number } } }).range;
  const at = (state as unknown as { formulaAddress: { row: number; col: number } }).formulaAddress;
  if (!range || !at) return undefined;
  if (v.width() === 1) {
    const r = at.row - range.start.row;
    return r >= 0 && r < v.height() ? v.data[r][0] : undefined;
  }
  if (v.height() === 1) {
    const c = at.col - range.start.col;
    return c >= 0 && c < v.width() ? v.data[0][c] : undefined;
  }
  return undefined;
}
