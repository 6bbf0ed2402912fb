/**
 * Excel's hypothesis tests T.TEST (TTEST), F.TEST (FTEST), Z.TEST (ZTEST) and CHISQ.TEST (CHITEST) on the
 * distributions of ./t-dist and ./dist-math (full double precision, the tail probability computed as such;
 * HyperFormula's jStat versions agree to about 8 digits and subtract from 1). Arrays are read as Excel's statistical functions
 * read them (./stat-args: only the numbers of a reference or an array count); a paired T.TEST pairs the arrays by
 * position and keeps the pairs where both cells are numbers (ironcalc T_TEST.xlsx: 7 cells each, 3 numeric pairs).
 */
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { argCountError, rawNumber, StatPlugin } from './stat-args';
import { fCdf, fUpper, tUpper } from './t-dist';
import { gammaInc, normCdf } from './dist-math';

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
    'Z.TEST': { method: 'ztest', parameters: [ANY, ANY, { ...ANY, optionalArg: true }] },
    ZTEST: { method: 'ztest', parameters: [ANY, ANY, { ...ANY, optionalArg: true }] },
    'CHISQ.TEST': fixed('chisqtest', 2),
    CHITEST: fixed('chisqtest', 2),
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

  /**
   * Z.TEST(array, x, [sigma]) = 1 - NORM.S.DIST((AVERAGE(array) - x) / (sigma / √n), TRUE), the upper tail computed
   * directly; sigma defaults to the sample standard deviation (Microsoft). No numbers is #N/A, sigma 0 #DIV/0!.
   */
  ztest(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    if (ast.args.length < 2 || ast.args.length > 3) return argCountError(fn);
    const xs = this.numbers(fn, [ast.args[0]], state);
    if (xs instanceof CellError) return xs;
    const x = this.scalarArg(fn, ast.args[1], state);
    if (x instanceof CellError) return x;
    const n = xs.length;
    const m = n ? moments(xs) : { mean: 0, ss: 0 };
    let sigma: number | CellError;
    if (ast.args.length === 3) sigma = this.scalarArg(fn, ast.args[2], state);
    else if (n < 2) return div0(fn, 'needs at least 2 numbers to estimate sigma');
    else sigma = Math.sqrt(m.ss / (n - 1));
    if (sigma instanceof CellError) return sigma;
    if (n < 1) return new CellError(ErrorType.NA, `${fn}: the array holds no numbers`);
    if (sigma === 0) return div0(fn, 'sigma is 0');
    return normCdf(-(m.mean - x) / (sigma / Math.sqrt(n)));
  }

  /**
   * CHISQ.TEST(actual_range, expected_range): the right tail of the chi-squared statistic Σ (A - E)² / E with
   * (rows - 1)(columns - 1) degrees of freedom, or cells - 1 for one row or column (Microsoft). Ranges of different
   * shapes are #N/A; an expected 0 or fewer than 2 pairs of numbers #DIV/0!.
   */
  chisqtest(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    if (ast.args.length !== 2) return argCountError(fn);
    const a = this.grid(ast.args[0], state);
    const e = this.grid(ast.args[1], state);
    const rows = a.length;
    const cols = a[0].length;
    if (e.length !== rows || e[0].length !== cols)
      return new CellError(ErrorType.NA, `${fn}: the ranges differ in shape`);
    let chi2 = 0;
    let pairs = 0;
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        if (a[r][c] instanceof CellError) return a[r][c];
        if (e[r][c] instanceof CellError) return e[r][c];
        const av = rawNumber(a[r][c]);
        const ev = rawNumber(e[r][c]);
        if (av === undefined || ev === undefined) continue;
        if (ev === 0) return div0(fn, 'an expected value is 0');
        chi2 += ((av - ev) * (av - ev)) / ev;
        pairs++;
      }
    if (pairs < 2) return div0(fn, 'needs at least 2 pairs of numbers');
    if (chi2 < 0) return new CellError(ErrorType.NUM, `${fn}: the expected values make the statistic negative`);
    const df = rows > 1 && cols > 1 ? (rows - 1) * (cols - 1) : rows * cols - 1;
    return gammaInc(df / 2, chi2 / 2, true);
  }
}
