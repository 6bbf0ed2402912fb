/**
 * Excel's descriptive statistics that HyperFormula lacks or reads differently: GEOMEAN, TRIMMEAN, KURT, RANK/RANK.EQ/
 * RANK.AVG, MODE/MODE.SNGL/MODE.MULT, PERCENTRANK(.INC/.EXC), PERMUT, PERMUTATIONA, PROB, INTERCEPT,
 * FORECAST/FORECAST.LINEAR, BINOM.DIST.RANGE, SMALL, LARGE and COUNTBLANK. Arguments are read as ./stat-args says (references keep only their numbers).
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { argCountError, rawNumber, StatPlugin, type Ast } from './stat-args';
import { binomTerm } from './dist-math';

const ANY = { argumentType: FunctionArgumentType.ANY };
const variadic = (method: string) => ({ method, parameters: [ANY], repeatLastArgs: 1 });
const fixed = (method: string, n: number) => ({ method, parameters: Array.from({ length: n }, () => ANY) });
const num = (fn: string, what: string) => new CellError(ErrorType.NUM, `${fn}: ${what}`);
const div0 = (fn: string, what: string) => new CellError(ErrorType.DIV_BY_ZERO, `${fn}: ${what}`);
const na = (fn: string, what: string) => new CellError(ErrorType.NA, `${fn}: ${what}`);

export class StatsBasicPlugin extends StatPlugin {
  static implementedFunctions = {
    GEOMEAN: variadic('geomean'),
    TRIMMEAN: fixed('trimmean', 2),
    KURT: variadic('kurt'),
    RANK: variadic('rankEq'),
    'RANK.EQ': variadic('rankEq'),
    'RANK.AVG': variadic('rankAvg'),
    MODE: variadic('modeSngl'),
    'MODE.SNGL': variadic('modeSngl'),
    'MODE.MULT': { ...variadic('modeMult'), sizeOfResultArrayMethod: 'modeMultSize', vectorizationForbidden: true },
    PERCENTRANK: variadic('percentrankInc'),
    'PERCENTRANK.INC': variadic('percentrankInc'),
    'PERCENTRANK.EXC': variadic('percentrankExc'),
    PERMUT: fixed('permut', 2),
    PERMUTATIONA: fixed('permutationa', 2),
    PROB: variadic('prob'),
    INTERCEPT: fixed('intercept', 2),
    FORECAST: fixed('forecast', 3),
    'FORECAST.LINEAR': fixed('forecast', 3),
    'BINOM.DIST.RANGE': variadic('binomDistRange'),
    SMALL: fixed('small', 2),
    LARGE: fixed('large', 2),
    COUNTBLANK: fixed('countblank', 1),
  };

  /** GEOMEAN: the n-th root of the product; every value must be positive (Microsoft, GEOMEAN function). */
  geomean(ast: ProcedureAst, state: InterpreterState): unknown {
    const xs = this.numbers('GEOMEAN', ast.args, state);
    if (xs instanceof CellError) return xs;
    if (!xs.length) return num('GEOMEAN', 'no numbers');
    if (xs.some((x) => x <= 0)) return num('GEOMEAN', 'every value must be greater than 0');
    return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
  }

  /** TRIMMEAN: drops percent of the points, rounded down to an even count, half from each end (Microsoft). */
  trimmean(ast: ProcedureAst, state: InterpreterState): unknown {
    if (ast.args.length !== 2) return argCountError('TRIMMEAN');
    const xs = this.numbers('TRIMMEAN', [ast.args[0]], state);
    if (xs instanceof CellError) return xs;
    const p = this.scalarArg('TRIMMEAN', ast.args[1], state);
    if (p instanceof CellError) return p;
    if (p < 0 || p >= 1) return num('TRIMMEAN', 'percent must be at least 0 and less than 1');
    if (!xs.length) return num('TRIMMEAN', 'no numbers');
    const cut = Math.floor((xs.length * p) / 2);
    const kept = [...xs].sort((a, b) => a - b).slice(cut, xs.length - cut);
    return kept.reduce((s, x) => s + x, 0) / kept.length;
  }

  /** KURT: sample excess kurtosis (Microsoft's formula); fewer than 4 points or no spread is #DIV/0!. */
  kurt(ast: ProcedureAst, state: InterpreterState): unknown {
    const xs = this.numbers('KURT', ast.args, state);
    if (xs instanceof CellError) return xs;
    const n = xs.length;
    if (n < 4) return div0('KURT', 'needs at least 4 numbers');
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const s2 = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    if (s2 === 0) return div0('KURT', 'the numbers have no spread');
    const m4 = xs.reduce((s, x) => s + ((x - mean) / Math.sqrt(s2)) ** 4, 0);
    return ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * m4 - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
  }

  private rankArgs(
    fn: string,
    ast: ProcedureAst,
    state: InterpreterState,
  ): { x: number; xs: number[]; asc: boolean } | CellError {
    if (ast.args.length < 2 || ast.args.length > 3) return argCountError(fn);
    const x = this.scalarArg(fn, ast.args[0], state);
    if (x instanceof CellError) return x;
    const ref = this.evaluateAst(ast.args[1] as never, state as never) as unknown;
    if (!(ref instanceof SimpleRangeValue) && !isRefValue(ast.args[1]))
      return new CellError(ErrorType.VALUE, `${fn}: ref must be a range`);
    const xs: number[] = [];
    const err = this.numbersOfValue(
      fn,
      ref instanceof SimpleRangeValue ? ref : SimpleRangeValue.onlyValues([[ref as never]]),
      xs,
    );
    if (err) return err;
    const order = this.scalarArg(fn, ast.args[2], state, 0);
    if (order instanceof CellError) return order;
    if (!xs.includes(x)) return na(fn, `${x} is not in ref`);
    return { x, xs, asc: order !== 0 };
  }
  /** RANK.EQ: 1 + the count of values ranked before it; ties share the top rank (Microsoft). */
  rankEq(ast: ProcedureAst, state: InterpreterState): unknown {
    const r = this.rankArgs(ast.procedureName, ast, state);
    if (r instanceof CellError) return r;
    return 1 + r.xs.filter((v) => (r.asc ? v < r.x : v > r.x)).length;
  }
  /** RANK.AVG: ties get the average of the ranks they span (Microsoft). */
  rankAvg(ast: ProcedureAst, state: InterpreterState): unknown {
    const r = this.rankArgs('RANK.AVG', ast, state);
    if (r instanceof CellError) return r;
    const before = r.xs.filter((v) => (r.asc ? v < r.x : v > r.x)).length;
    const ties = r.xs.filter((v) => v === r.x).length;
    return before + (ties + 1) / 2;
  }

  /** Values occurring most often (at least twice), in order of first appearance. */
  private modes(fn: string, ast: ProcedureAst, state: InterpreterState): number[] | CellError {
    const xs = this.numbers(fn, ast.args, state);
    if (xs instanceof CellError) return xs;
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
    const top = Math.max(0, ...counts.values());
    if (top < 2) return na(fn, 'no value occurs more than once');
    return [...counts.entries()].filter(([, c]) => c === top).map(([x]) => x);
  }
  modeSngl(ast: ProcedureAst, state: InterpreterState): unknown {
    const m = this.modes(ast.procedureName, ast, state);
    return m instanceof CellError ? m : m[0];
  }
  /** MODE.MULT: every mode, as a vertical array (Microsoft). */
  modeMult(ast: ProcedureAst, state: InterpreterState): unknown {
    const m = this.modes('MODE.MULT', ast, state);
    return m instanceof CellError ? m : SimpleRangeValue.onlyNumbers(m.map((x) => [x]));
  }
  modeMultSize(ast: ProcedureAst, state: InterpreterState): unknown {
    // Constant arrays are known before evaluation: give the exact size, so that "no mode" is a single #N/A cell
    // rather than a spill of one error over the cells below (Excel: MODE.MULT({1,2,3,4}) is #N/A in one cell).
    if (ast.args.every((a) => (a as unknown as { type: string }).type === 'ARRAY')) {
      const m = this.modes('MODE.MULT', ast, state);
      return new ArraySize(1, m instanceof CellError ? 1 : m.length);
    }
    let cells = 0;
    for (const a of ast.args) {
      const s = this.arraySizeForAst(a as never, state as never) as { width: number; height: number };
      cells += s.width * s.height;
    }
    return new ArraySize(1, Math.max(1, Math.floor(cells / 2)));
  }

  private percentrank(fn: string, ast: ProcedureAst, state: InterpreterState, exc: boolean): unknown {
    if (ast.args.length < 2 || ast.args.length > 3) return argCountError(fn);
    const xs = this.numbers(fn, [ast.args[0]], state);
    if (xs instanceof CellError) return xs;
    const x = this.scalarArg(fn, ast.args[1], state);
    if (x instanceof CellError) return x;
    const sig = this.scalarArg(fn, ast.args[2], state, 3);
    if (sig instanceof CellError) return sig;
    const digits = Math.trunc(sig);
    if (digits < 1) return num(fn, 'significance must be at least 1');
    if (!xs.length) return num(fn, 'no numbers in array');
    const s = [...xs].sort((a, b) => a - b);
    const n = s.length;
    if (x < s[0] || x > s[n - 1]) return na(fn, `${x} is outside the array's range`);
    // Rank of x among the sorted values, interpolated linearly between neighbours (Microsoft, PERCENTRANK.INC/EXC).
    const pos = (i: number) => (exc ? (i + 1) / (n + 1) : n === 1 ? 1 : i / (n - 1));
    let r: number;
    const at = s.indexOf(x);
    if (at >= 0) r = pos(at);
    else {
      const hi = s.findIndex((v) => v > x);
      const lo = hi - 1;
      r = pos(lo) + ((x - s[lo]) / (s[hi] - s[lo])) * (pos(hi) - pos(lo));
    }
    // Excel truncates (not rounds) to the significance's digits; the tiny nudge undoes binary representation error.
    const f = 10 ** digits;
    return Math.floor(r * f + 1e-9) / f;
  }
  percentrankInc(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.percentrank(ast.procedureName, ast, state, false);
  }
  percentrankExc(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.percentrank('PERCENTRANK.EXC', ast, state, true);
  }

  private twoInts(fn: string, ast: ProcedureAst, state: InterpreterState): [number, number] | CellError {
    if (ast.args.length !== 2) return argCountError(fn);
    const n = this.scalarArg(fn, ast.args[0], state);
    if (n instanceof CellError) return n;
    const k = this.scalarArg(fn, ast.args[1], state);
    if (k instanceof CellError) return k;
    return [Math.trunc(n), Math.trunc(k)];
  }
  /** PERMUT(n, k) = n! / (n-k)! with both truncated; n <= 0, k < 0 or n < k is #NUM! (Microsoft). */
  permut(ast: ProcedureAst, state: InterpreterState): unknown {
    const a = this.twoInts('PERMUT', ast, state);
    if (a instanceof CellError) return a;
    const [n, k] = a;
    if (n <= 0 || k < 0 || n < k) return num('PERMUT', 'needs number > 0 and 0 <= number_chosen <= number');
    let p = 1;
    for (let i = 0; i < k; i++) p *= n - i;
    return Number.isFinite(p) ? p : num('PERMUT', 'the result is too large');
  }
  /** PERMUTATIONA(n, k) = n^k, both truncated and non-negative (Microsoft). */
  permutationa(ast: ProcedureAst, state: InterpreterState): unknown {
    const a = this.twoInts('PERMUTATIONA', ast, state);
    if (a instanceof CellError) return a;
    const [n, k] = a;
    if (n < 0 || k < 0) return num('PERMUTATIONA', 'number and number_chosen must not be negative');
    const p = Math.pow(n, k);
    return Number.isFinite(p) ? p : num('PERMUTATIONA', 'the result is too large');
  }

  /** PROB: the summed probabilities of the x values in [lower, upper] (Microsoft, PROB function). */
  prob(ast: ProcedureAst, state: InterpreterState): unknown {
    if (ast.args.length < 3 || ast.args.length > 4) return argCountError('PROB');
    const xg = this.grid(ast.args[0], state);
    const pg = this.grid(ast.args[1], state);
    if (xg.length !== pg.length || xg[0].length !== pg[0].length)
      return na('PROB', 'x_range and prob_range differ in size');
    const lower = this.scalarArg('PROB', ast.args[2], state);
    if (lower instanceof CellError) return lower;
    const upper = this.scalarArg('PROB', ast.args[3], state, lower);
    if (upper instanceof CellError) return upper;
    let total = 0;
    let inside = 0;
    for (let r = 0; r < xg.length; r++) {
      for (let c = 0; c < xg[0].length; c++) {
        const xv = xg[r][c];
        const pv = pg[r][c];
        if (xv instanceof CellError) return xv;
        if (pv instanceof CellError) return pv;
        const x = rawNumber(xv);
        const p = rawNumber(pv);
        if (x === undefined || p === undefined) continue;
        if (p < 0 || p > 1) return num('PROB', 'a probability is outside 0..1');
        total += p;
        if (x >= lower && x <= upper) inside += p;
      }
    }
    if (total === 0) return div0('PROB', 'no probabilities');
    if (Math.abs(total - 1) > 1e-6) return num('PROB', 'the probabilities do not sum to 1');
    return inside;
  }

  /**
   * The least-squares line of known_y on known_x over the pairs where both are numbers (Microsoft, INTERCEPT and
   * FORECAST); ranges of different sizes are #N/A, no pair `none`'s error, x without spread #DIV/0!.
   */
  private fit(fn: string, yAst: Ast, xAst: Ast, state: InterpreterState, none: CellError) {
    const ys = this.grid(yAst, state).flat();
    const xs = this.grid(xAst, state).flat();
    if (ys.length !== xs.length) return na(fn, 'known_y and known_x differ in size');
    const px: number[] = [];
    const py: number[] = [];
    for (let i = 0; i < xs.length; i++) {
      if (ys[i] instanceof CellError) return ys[i] as CellError;
      if (xs[i] instanceof CellError) return xs[i] as CellError;
      const x = rawNumber(xs[i]);
      const y = rawNumber(ys[i]);
      if (x !== undefined && y !== undefined) {
        px.push(x);
        py.push(y);
      }
    }
    const n = px.length;
    if (n === 0) return none;
    const mx = px.reduce((s, v) => s + v, 0) / n;
    const my = py.reduce((s, v) => s + v, 0) / n;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      sxy += (px[i] - mx) * (py[i] - my);
      sxx += (px[i] - mx) ** 2;
    }
    if (sxx === 0) return div0(fn, 'known_x has no spread');
    const slope = sxy / sxx;
    return { slope, intercept: my - slope * mx };
  }

  /** INTERCEPT: where the least-squares line of known_y on known_x crosses x = 0 (Microsoft). */
  intercept(ast: ProcedureAst, state: InterpreterState): unknown {
    if (ast.args.length !== 2) return argCountError('INTERCEPT');
    const line = this.fit('INTERCEPT', ast.args[0], ast.args[1], state, div0('INTERCEPT', 'no pairs of numbers'));
    return line instanceof CellError ? line : line.intercept;
  }

  /**
   * FORECAST(x, known_y's, known_x's) and FORECAST.LINEAR: the least-squares line's value at x (Microsoft: a + b x).
   * x must be a number (#VALUE!); empty or differently sized ranges are #N/A; known_x's without spread #DIV/0!.
   */
  forecast(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    if (ast.args.length !== 3) return argCountError(fn);
    const x = this.scalarArg(fn, ast.args[0], state);
    if (x instanceof CellError) return x;
    const line = this.fit(fn, ast.args[1], ast.args[2], state, na(fn, 'no pairs of numbers'));
    return line instanceof CellError ? line : line.intercept + line.slope * x;
  }

  /**
   * SMALL(array, k) / LARGE(array, k): the k-th smallest / largest number, k truncated; k < 1 or beyond the count of
   * numbers is #NUM! (Microsoft). A reference or an array keeps only its numbers; a value typed directly is coerced
   * (SMALL("3.4", 1) = 3.4, SMALL(TRUE, 1) = 1, SMALL("Hello", 1) = #VALUE!, ironcalc SMALL_LARGE.xlsx).
   */
  private kth(fn: 'SMALL' | 'LARGE', ast: ProcedureAst, state: InterpreterState): unknown {
    if (ast.args.length !== 2) return argCountError(fn);
    const xs = this.numbers(fn, [ast.args[0]], state);
    if (xs instanceof CellError) return xs;
    const k = this.scalarArg(fn, ast.args[1], state);
    if (k instanceof CellError) return k;
    const i = Math.trunc(k);
    if (i < 1) return num(fn, 'k must be at least 1');
    if (i > xs.length) return num(fn, `k is ${i} but the array holds ${xs.length} number(s)`);
    const sorted = [...xs].sort((a, b) => a - b);
    return fn === 'SMALL' ? sorted[i - 1] : sorted[sorted.length - i];
  }
  small(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.kth('SMALL', ast, state);
  }
  large(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.kth('LARGE', ast, state);
  }

  /**
   * COUNTBLANK(range): empty cells and cells holding empty text (="" included, Microsoft: "Cells with formulas that
   * return "" (empty text) are also counted"); errors in the range are not counted and not returned.
   */
  countblank(ast: ProcedureAst, state: InterpreterState): unknown {
    if (ast.args.length !== 1) return argCountError('COUNTBLANK');
    const v = this.evalArg(ast.args[0] as Ast, state);
    const values = v instanceof SimpleRangeValue ? v.valuesFromTopLeftCorner() : [v];
    return values.filter((x) => x === EmptyValue || x === '').length;
  }

  /** BINOM.DIST.RANGE(trials, p, s, [s2]): P(s <= X <= s2) for X ~ Binomial(trials, p) (Microsoft). */
  binomDistRange(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = 'BINOM.DIST.RANGE';
    if (ast.args.length < 3 || ast.args.length > 4) return argCountError(fn);
    const vals: number[] = [];
    for (const a of ast.args as Ast[]) {
      const v = this.scalarArg(fn, a, state);
      if (v instanceof CellError) return v;
      vals.push(v);
    }
    const n = Math.trunc(vals[0]);
    const p = vals[1];
    const s = Math.trunc(vals[2]);
    const s2 = ast.args.length > 3 ? Math.trunc(vals[3]) : s;
    if (n < 0) return num(fn, 'trials must not be negative');
    if (p < 0 || p > 1) return num(fn, 'probability_s must be between 0 and 1');
    if (s < 0 || s > n) return num(fn, 'number_s must be between 0 and trials');
    if (s2 < s || s2 > n) return num(fn, 'number_s2 must be between number_s and trials');
    let total = 0;
    for (let k = s; k <= s2; k++) total += binomTerm(k, n, p, 1 - p);
    return total;
  }
}

function isRefValue(ast: Ast): boolean {
  const t = (ast as unknown as { type: string }).type;
  return t === 'CELL_REFERENCE';
}
