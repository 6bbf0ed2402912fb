/**
 * Excel's hypothesis tests T.TEST (TTEST) and F.TEST (FTEST) on the t and F distributions of ./t-dist (full double
 * precision; HyperFormula's jStat versions agree to about 8 digits). Arrays are read as Excel's statistical functions
 * read them (./stat-args: only the numbers of a reference or an array count); a paired T.TEST pairs the arrays by
 * position and keeps the pairs where both cells are numbers (ironcalc T_TEST.xlsx: 7 cells each, 3 numeric pairs).
 */
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { argCountError, rawNumber, StatPlugin } from './stat-args';
import { fCdf, fUpper, tUpper } from './t-dist';

const ANY = { argumentType: FunctionArgumentType.ANY };
const fixed = (method: string, n: number) => ({ method, parameters: Array.from({ length: n }, () => ANY) });
const div0 = (fn: string, what: string) => new CellError(ErrorType.DIV_BY_ZERO, `${fn}: ${what}`);

/** Mean and sum of squared deviations (two passes, so that large offsets do not cancel). */
function moments(xs: number[]): { mean: number; ss: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, ss: xs.reduce((a, x) => a + (x - mean) * (x - mean), 0) };
}

export class StatTestsPlugin extends StatPlugin {
  static implementedFunctions = {
    'T.TEST': fixed('ttest', 4),
    TTEST: fixed('ttest', 4),
    'F.TEST': fixed('ftest', 2),
    FTEST: fixed('ftest', 2),
  };

  /**
   * T.TEST(array1, array2, tails, type): tails and type truncated; tails other than 1 or 2, or type other than 1
   * (paired), 2 (equal variance) or 3 (unequal variance) is #NUM!; paired arrays of different sizes are #N/A
   * (Microsoft). The result is tails x P(T > |t|).
   */
  ttest(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    if (ast.args.length !== 4) return argCountError(fn);
    const tailsArg = this.scalarArg(fn, ast.args[2], state);
    if (tailsArg instanceof CellError) return tailsArg;
    const typeArg = this.scalarArg(fn, ast.args[3], state);
    if (typeArg instanceof CellError) return typeArg;
    const tails = Math.trunc(tailsArg);
    const type = Math.trunc(typeArg);
    if (tails !== 1 && tails !== 2) return new CellError(ErrorType.NUM, `${fn}: tails must be 1 or 2`);
    if (type < 1 || type > 3) return new CellError(ErrorType.NUM, `${fn}: type must be 1, 2 or 3`);
    let t: number;
    let df: number;
    if (type === 1) {
      const a = this.grid(ast.args[0], state).flat();
      const b = this.grid(ast.args[1], state).flat();
      const err = [...a, ...b].find((v): v is CellError => v instanceof CellError);
      if (err) return err;
      if (a.length !== b.length) return new CellError(ErrorType.NA, `${fn}: paired arrays differ in size`);
      const d: number[] = [];
      a.forEach((v, i) => {
        const x = rawNumber(v);
        const y = rawNumber(b[i]);
        if (x !== undefined && y !== undefined) d.push(x - y);
      });
      if (d.length < 2) return div0(fn, 'needs at least 2 pairs of numbers');
      const m = moments(d);
      if (m.ss === 0) return div0(fn, 'the differences have no spread');
      t = m.mean / Math.sqrt(m.ss / (d.length - 1) / d.length);
      df = d.length - 1;
    } else {
      const xs = this.numbers(fn, [ast.args[0]], state);
      if (xs instanceof CellError) return xs;
      const ys = this.numbers(fn, [ast.args[1]], state);
      if (ys instanceof CellError) return ys;
      const n1 = xs.length;
      const n2 = ys.length;
      if (n1 < 2 || n2 < 2) return div0(fn, 'each array needs at least 2 numbers');
      const a = moments(xs);
      const b = moments(ys);
      if (type === 2) {
        df = n1 + n2 - 2;
        const pooled = (a.ss + b.ss) / df;
        if (pooled === 0) return div0(fn, 'the arrays have no spread');
        t = (a.mean - b.mean) / Math.sqrt(pooled * (1 / n1 + 1 / n2));
      } else {
        // Welch's test with Satterthwaite's degrees of freedom, not rounded.
        const v1 = a.ss / (n1 - 1) / n1;
        const v2 = b.ss / (n2 - 1) / n2;
        if (v1 + v2 === 0) return div0(fn, 'the arrays have no spread');
        t = (a.mean - b.mean) / Math.sqrt(v1 + v2);
        df = ((v1 + v2) * (v1 + v2)) / ((v1 * v1) / (n1 - 1) + (v2 * v2) / (n2 - 1));
      }
    }
    return tails * tUpper(Math.abs(t), df);
  }

  /** F.TEST(array1, array2): two-tailed probability that the variances differ; #DIV/0! below 2 numbers or no spread. */
  ftest(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    if (ast.args.length !== 2) return argCountError(fn);
    const xs = this.numbers(fn, [ast.args[0]], state);
    if (xs instanceof CellError) return xs;
    const ys = this.numbers(fn, [ast.args[1]], state);
    if (ys instanceof CellError) return ys;
    if (xs.length < 2 || ys.length < 2) return div0(fn, 'each array needs at least 2 numbers');
    const d1 = xs.length - 1;
    const d2 = ys.length - 1;
    const v1 = moments(xs).ss / d1;
    const v2 = moments(ys).ss / d2;
    if (v1 === 0 || v2 === 0) return div0(fn, 'an array has no spread');
    const f = v1 / v2;
    return 2 * Math.min(fCdf(f, d1, d2), fUpper(f, d1, d2));
  }
}
