/**
 * Least-squares regression and binning that return arrays: LINEST, LOGEST, TREND, GROWTH and FREQUENCY
 * (Microsoft's documentation of each). LINEST/TREND fit y = m1*x1 + ... + mk*xk + b by ordinary least squares;
 * LOGEST/GROWTH fit ln(y) the same way and exponentiate the coefficients (their statistics stay on the ln scale, as
 * Excel's do). Every known_y must be a number (#VALUE! otherwise); sizes that do not match are #REF!.
 */
import { ArraySize, CellError, ErrorType, FunctionArgumentType, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { argCountError, rawNumber, StatPlugin, type Ast } from './stat-args';

const ANY = { argumentType: FunctionArgumentType.ANY };
const spilling = (method: string) => ({
  method,
  parameters: [ANY],
  repeatLastArgs: 1,
  sizeOfResultArrayMethod: method + 'Size',
  vectorizationForbidden: true,
});
const ref = (fn: string, what: string) => new CellError(ErrorType.REF, `${fn}: ${what}`);
const NA = () => new CellError(ErrorType.NA, 'LINEST: no statistic here');

interface Fit {
  coef: number[]; // m1..mk
  b: number;
  stats?: {
    se: number[];
    seB: number | undefined;
    r2: number;
    sey: number;
    f: number;
    df: number;
    ssreg: number;
    ssresid: number;
  };
}

/** Solves the normal equations A c = v by Gaussian elimination with partial pivoting; undefined when singular. */
function solve(a: number[][], v: number[]): { c: number[]; inv: number[][] } | undefined {
  const n = v.length;
  const m = a.map((row, i) => [...row, v[i], ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let p = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[p][col])) p = r;
    if (Math.abs(m[p][col]) < 1e-300) return undefined;
    [m[col], m[p]] = [m[p], m[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col] / m[col][col];
      if (f !== 0) for (let c = col; c < 2 * n + 1; c++) m[r][c] -= f * m[col][c];
    }
  }
  return { c: m.map((row, i) => row[n] / m[i][i]), inv: m.map((row, i) => row.slice(n + 1).map((x) => x / m[i][i])) };
}

/** Ordinary least squares of y on the columns of xs (one row per observation), with or without a constant. */
export function fitLinear(y: number[], xs: number[][], withConst: boolean, stats: boolean): Fit | CellError {
  const n = y.length;
  const k = xs[0]?.length ?? 0;
  const design = xs.map((row) => (withConst ? [...row, 1] : [...row]));
  const p = design[0].length;
  const ata = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => design.reduce((s, r) => s + r[i] * r[j], 0)),
  );
  const aty = Array.from({ length: p }, (_, i) => design.reduce((s, r, t) => s + r[i] * y[t], 0));
  const sol = solve(ata, aty);
  if (!sol) return new CellError(ErrorType.NUM, 'LINEST: the known_x values are collinear');
  const coef = sol.c.slice(0, k);
  const b = withConst ? sol.c[k] : 0;
  if (!stats) return { coef, b };
  const fitted = design.map((r) => r.reduce((s, x, i) => s + x * sol.c[i], 0));
  const ssresid = y.reduce((s, v, i) => s + (v - fitted[i]) ** 2, 0);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const sstot = withConst ? y.reduce((s, v) => s + (v - mean) ** 2, 0) : y.reduce((s, v) => s + v * v, 0);
  const ssreg = sstot - ssresid;
  const df = n - p;
  const sey2 = df > 0 ? ssresid / df : NaN;
  const se = sol.inv.map((row, i) => Math.sqrt(row[i] * sey2));
  return {
    coef,
    b,
    stats: {
      se: se.slice(0, k),
      seB: withConst ? se[k] : undefined,
      r2: sstot === 0 ? 1 : ssreg / sstot,
      sey: Math.sqrt(sey2),
      f: ssreg / k / sey2,
      df,
      ssreg,
      ssresid,
    },
  };
}

/** A 2-D argument as numbers, or #VALUE! naming it when any cell is not a number. */
function numericGrid(fn: string, name: string, g: unknown[][]): number[][] | CellError {
  const out: number[][] = [];
  for (const row of g) {
    const r: number[] = [];
    for (const v of row) {
      if (v instanceof CellError) return v;
      const n = rawNumber(v);
      if (n === undefined) return new CellError(ErrorType.VALUE, `${fn}: every ${name} must be a number`);
      r.push(n);
    }
    out.push(r);
  }
  return out;
}

interface Problem {
  y: number[];
  xs: number[][]; // observation rows
  yIsRow: boolean;
  xGrid: number[][];
}

export class RegressionPlugin extends StatPlugin {
  static implementedFunctions = {
    LINEST: spilling('linest'),
    LOGEST: spilling('logest'),
    TREND: spilling('trend'),
    GROWTH: spilling('growth'),
    FREQUENCY: spilling('frequency'),
  };

  private isOmitted(ast: Ast | undefined): boolean {
    return ast === undefined || (ast as unknown as { type: string }).type === 'EMPTY';
  }
  private flag(fn: string, ast: Ast | undefined, state: InterpreterState, fallback: boolean): boolean | CellError {
    if (this.isOmitted(ast)) return fallback;
    const v = this.scalarArg(fn, ast, state);
    return v instanceof CellError ? v : v !== 0;
  }

  /** known_y and known_x as observations; known_x defaults to 1, 2, 3, ... (Microsoft, LINEST). */
  private problem(fn: string, ast: ProcedureAst, state: InterpreterState, log: boolean): Problem | CellError {
    const yg = numericGrid(fn, "known_y's", this.grid(ast.args[0], state));
    if (yg instanceof CellError) return yg;
    let y = yg.flat();
    if (log) {
      if (y.some((v) => v <= 0)) return new CellError(ErrorType.NUM, `${fn}: every known_y must be greater than 0`);
      y = y.map(Math.log);
    }
    const yIsRow = yg.length === 1 && yg[0].length > 1;
    const yIsCol = yg[0].length === 1;
    let xGrid: number[][];
    if (this.isOmitted(ast.args[1])) {
      let i = 0;
      xGrid = yg.map((row) => row.map(() => ++i));
    } else {
      const xg = numericGrid(fn, "known_x's", this.grid(ast.args[1], state));
      if (xg instanceof CellError) return xg;
      xGrid = xg;
    }
    let xs: number[][];
    if (xGrid.length === yg.length && xGrid[0].length === yg[0].length) xs = xGrid.flat().map((v) => [v]);
    else if (yIsCol && xGrid.length === y.length) xs = xGrid;
    else if (yIsRow && xGrid[0].length === y.length) xs = xGrid[0].map((_, c) => xGrid.map((row) => row[c]));
    else return ref(fn, "known_y's and known_x's do not match in size");
    return { y, xs, yIsRow, xGrid };
  }

  private regress(ast: ProcedureAst, state: InterpreterState, log: boolean): unknown {
    const fn = log ? 'LOGEST' : 'LINEST';
    if (ast.args.length < 1 || ast.args.length > 4) return argCountError(fn);
    const p = this.problem(fn, ast, state, log);
    if (p instanceof CellError) return p;
    const withConst = this.flag(fn, ast.args[2], state, true);
    if (withConst instanceof CellError) return withConst;
    const stats = this.flag(fn, ast.args[3], state, false);
    if (stats instanceof CellError) return stats;
    const fit = fitLinear(p.y, p.xs, withConst, stats);
    if (fit instanceof CellError) return fit;
    const out = (v: number) => (log ? Math.exp(v) : v);
    // Coefficients in reverse order of the x variables, then the constant (Microsoft, LINEST).
    const first: unknown[] = [...fit.coef.map(out).reverse(), withConst ? out(fit.b) : log ? 1 : 0];
    if (!fit.stats) return SimpleRangeValue.onlyValues([first as never[]]);
    const s = fit.stats;
    const width = first.length;
    const pad = (row: unknown[]) => [...row, ...Array.from({ length: width - row.length }, NA)];
    const rows = [
      first,
      [...s.se.slice().reverse(), s.seB ?? NA()],
      pad([s.r2, s.sey]),
      pad([s.f, s.df]),
      pad([s.ssreg, s.ssresid]),
    ];
    return SimpleRangeValue.onlyValues(rows as never[][]);
  }
  linest(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.regress(ast, state, false);
  }
  logest(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.regress(ast, state, true);
  }
  private regressSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const y = this.arraySizeForAst(ast.args[0] as never, state as never) as ArraySize;
    let vars = 1;
    if (!this.isOmitted(ast.args[1])) {
      const x = this.arraySizeForAst(ast.args[1] as never, state as never) as ArraySize;
      if (!(x.width === y.width && x.height === y.height)) vars = y.width === 1 ? x.width : x.height;
    }
    const s = ast.args[3] as unknown as { type: string; value?: unknown } | undefined;
    const noStats = !s || s.type === 'EMPTY' || (s.type === 'NUMBER' && s.value === 0);
    return new ArraySize(vars + 1, noStats ? 1 : 5);
  }
  linestSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    return this.regressSize(ast, state);
  }
  logestSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    return this.regressSize(ast, state);
  }

  /** TREND/GROWTH: the fitted line's values at new_x (default: known_x), in new_x's shape. */
  private predict(ast: ProcedureAst, state: InterpreterState, log: boolean): unknown {
    const fn = log ? 'GROWTH' : 'TREND';
    if (ast.args.length < 1 || ast.args.length > 4) return argCountError(fn);
    const p = this.problem(fn, ast, state, log);
    if (p instanceof CellError) return p;
    const withConst = this.flag(fn, ast.args[3], state, true);
    if (withConst instanceof CellError) return withConst;
    const fit = fitLinear(p.y, p.xs, withConst, false);
    if (fit instanceof CellError) return fit;
    const k = fit.coef.length;
    let newGrid = p.xGrid;
    if (!this.isOmitted(ast.args[2])) {
      const g = numericGrid(fn, "new_x's", this.grid(ast.args[2], state));
      if (g instanceof CellError) return g;
      newGrid = g;
    }
    const at = (xs: number[]) => {
      const v = xs.reduce((s, x, i) => s + x * fit.coef[i], fit.b);
      return log ? Math.exp(v) : v;
    };
    if (k === 1) return SimpleRangeValue.onlyNumbers(newGrid.map((row) => row.map((x) => at([x]))));
    if (!p.yIsRow) {
      if (newGrid[0].length !== k) return ref(fn, "new_x's must have one column per x variable");
      return SimpleRangeValue.onlyNumbers(newGrid.map((row) => [at(row)]));
    }
    if (newGrid.length !== k) return ref(fn, "new_x's must have one row per x variable");
    return SimpleRangeValue.onlyNumbers([newGrid[0].map((_, c) => at(newGrid.map((row) => row[c])))]);
  }
  trend(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.predict(ast, state, false);
  }
  growth(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.predict(ast, state, true);
  }
  private predictSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const size = (a: Ast) => this.arraySizeForAst(a as never, state as never) as ArraySize;
    const y = size(ast.args[0]);
    if (!this.isOmitted(ast.args[2])) {
      const nx = size(ast.args[2]);
      if (!this.isOmitted(ast.args[1])) {
        const x = size(ast.args[1]);
        const multi = !(x.width === y.width && x.height === y.height) && (y.width === 1 ? x.width > 1 : x.height > 1);
        if (multi) return y.width === 1 ? new ArraySize(1, nx.height) : new ArraySize(nx.width, 1);
      }
      return new ArraySize(nx.width, nx.height);
    }
    const x = this.isOmitted(ast.args[1]) ? y : size(ast.args[1]);
    return new ArraySize(x.width, x.height);
  }
  trendSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    return this.predictSize(ast, state);
  }
  growthSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    return this.predictSize(ast, state);
  }

  /**
   * FREQUENCY(data, bins): for each bin, the count of data values above the previous (smaller) bin and up to it, and
   * one more count above the largest bin, in the bins' own order (Microsoft). Text and logical values are ignored.
   */
  frequency(ast: ProcedureAst, state: InterpreterState): unknown {
    if (ast.args.length !== 2) return argCountError('FREQUENCY');
    const data: number[] = [];
    const err = this.numbersOfValue('FREQUENCY', this.evalArg(ast.args[0], state), data);
    if (err) return err;
    const bins: number[] = [];
    const errB = this.numbersOfValue('FREQUENCY', this.evalArg(ast.args[1], state), bins);
    if (errB) return errB;
    const counts = new Array<number>(bins.length + 1).fill(0);
    const order = bins.map((b, i) => [b, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const v of data) {
      const hit = order.find(([b]) => v <= b);
      counts[hit ? hit[1] : bins.length]++;
    }
    return SimpleRangeValue.onlyNumbers(counts.map((c) => [c]));
  }
  frequencySize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    if (ast.args.length !== 2) return ArraySize.error();
    const b = this.arraySizeForAst(ast.args[1] as never, state as never) as ArraySize;
    return new ArraySize(1, b.width * b.height + 1);
  }
}
