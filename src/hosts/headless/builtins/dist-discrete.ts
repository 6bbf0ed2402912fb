/**
 * Excel's discrete distributions to full precision: BINOM.DIST, BINOM.INV, NEGBINOM.DIST, POISSON.DIST and their
 * pre-2010 names with the same arguments (BINOMDIST, CRITBINOM, POISSON). HyperFormula's versions (jStat) round
 * (BINOM.DIST(1, 1000000, 0.00001, TRUE) = 0.0004993788 where Excel gives 0.0004993787976951216) and overflow to
 * #NUM! for large counts; the numbers here come from ./dist-math (Loader's binomial and Poisson terms).
 *
 * Arguments: every argument is read first, so an error in any of them wins over a bad value in an earlier one
 * (BINOM.DIST(3, 2, 3, #DIV/0!) is #DIV/0!, ironcalc BINOM.xlsx); counts are truncated to integers after the
 * sign check (POISSON.DIST(-0.000001, 5, TRUE) is #NUM!, POISSON.xlsx); the remaining checks follow Microsoft's
 * page of each function, with the edges Excel shows in the ironcalc workbooks.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { binomCdf, binomInv, binomTerm, negbinomCdf, negbinomPmf, poissonCdf, poissonTerm } from './dist-math';

const NUM = { argumentType: FunctionArgumentType.NUMBER };
const BOOL = { argumentType: FunctionArgumentType.BOOLEAN };
const num = (fn: string, what: string) => new CellError(ErrorType.NUM, `${fn}: ${what}`);
/** A probability the series could not settle (parameters beyond about 1E11) is #NUM!, never a wrong number. */
const settled = (fn: string, v: number) => (Number.isFinite(v) ? v : num(fn, 'the arguments are too large to compute'));

/** Above 2^53 a count is no longer an integer in a double (Excel: BINOM.DIST(1E10, 1E30, 0.3, TRUE) is #NUM!). */
const MAX_COUNT = 2 ** 53;

export class DistDiscretePlugin extends FunctionPlugin {
  static implementedFunctions = {
    'BINOM.DIST': { method: 'binomdist', parameters: [NUM, NUM, NUM, BOOL] },
    BINOMDIST: { method: 'binomdist', parameters: [NUM, NUM, NUM, BOOL] },
    'BINOM.INV': { method: 'binominv', parameters: [NUM, NUM, NUM] },
    CRITBINOM: { method: 'binominv', parameters: [NUM, NUM, NUM] },
    'NEGBINOM.DIST': { method: 'negbinomdist', parameters: [NUM, NUM, NUM, BOOL] },
    // The pre-2010 NEGBINOMDIST(number_f, number_s, probability_s) is the mass only (Microsoft).
    NEGBINOMDIST: { method: 'negbinomdist', parameters: [NUM, NUM, NUM, { ...BOOL, defaultValue: false }] },
    'POISSON.DIST': { method: 'poissondist', parameters: [NUM, NUM, BOOL] },
    POISSON: { method: 'poissondist', parameters: [NUM, NUM, BOOL] },
  };

  /**
   * BINOM.DIST(number_s, trials, probability_s, cumulative): number_s and trials truncated; #NUM! when number_s < 0,
   * number_s > trials or probability_s outside 0..1 (Microsoft). Probability 0 or 1 are valid (BINOM.xlsx).
   */
  binomdist(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    return this.runFunction(ast.args, state, this.metadata(fn), (s: number, n: number, p: number, cum: boolean) => {
      if (s < 0) return num(fn, 'number_s must not be negative');
      if (n < 0) return num(fn, 'trials must not be negative');
      if (n > MAX_COUNT) return num(fn, 'trials is too large');
      if (p < 0 || p > 1) return num(fn, 'probability_s must be between 0 and 1');
      const k = Math.trunc(s);
      const t = Math.trunc(n);
      if (k > t) return num(fn, 'number_s must not be greater than trials');
      return settled(fn, cum ? binomCdf(k, t, p) : binomTerm(k, t, p, 1 - p));
    });
  }

  /**
   * BINOM.INV(trials, probability_s, alpha): the smallest k with BINOM.DIST(k, trials, p, TRUE) >= alpha. trials is
   * truncated and must not be negative; alpha must lie strictly between 0 and 1, and so must probability_s (Excel
   * gives #NUM! for probability_s = 1 too, BINOM.xlsx, though Microsoft's page names only < 0 and > 1).
   */
  binominv(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    return this.runFunction(ast.args, state, this.metadata(fn), (n: number, p: number, alpha: number) => {
      if (n < 0) return num(fn, 'trials must not be negative');
      if (n > MAX_COUNT) return num(fn, 'trials is too large');
      if (p <= 0 || p >= 1) return num(fn, 'probability_s must be between 0 and 1');
      if (alpha <= 0 || alpha >= 1) return num(fn, 'alpha must be between 0 and 1');
      return settled(fn, binomInv(Math.trunc(n), p, alpha));
    });
  }

  /**
   * NEGBINOM.DIST(number_f, number_s, probability_s, cumulative): the probability of number_f failures before the
   * number_s-th success. Counts truncated; #NUM! when number_f < 0, number_s < 1 (Microsoft) or probability_s is not
   * strictly between 0 and 1 (Excel gives #NUM! at 0 and at 1, NEGBINOM.DIST sheet of BINOM.xlsx).
   */
  negbinomdist(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    if (fn === 'NEGBINOMDIST' && ast.args.length > 3) return new CellError(ErrorType.NA, `${fn}: takes 3 arguments`);
    return this.runFunction(ast.args, state, this.metadata(fn), (f: number, s: number, p: number, cum: boolean) => {
      if (f < 0) return num(fn, 'number_f must not be negative');
      const failures = Math.trunc(f);
      const successes = Math.trunc(s);
      if (successes < 1) return num(fn, 'number_s must be at least 1');
      if (p <= 0 || p >= 1) return num(fn, 'probability_s must be between 0 and 1');
      return settled(fn, cum ? negbinomCdf(failures, successes, p) : negbinomPmf(failures, successes, p));
    });
  }

  /** POISSON.DIST(x, mean, cumulative): x truncated; #NUM! when x < 0 or mean < 0 (Microsoft). */
  poissondist(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    return this.runFunction(ast.args, state, this.metadata(fn), (x: number, mean: number, cum: boolean) => {
      if (x < 0) return num(fn, 'x must not be negative');
      if (mean < 0) return num(fn, 'mean must not be negative');
      const k = Math.trunc(x);
      return settled(fn, cum ? poissonCdf(k, mean) : poissonTerm(k, mean));
    });
  }
}
