/**
 * Excel's continuous distributions to full precision: BETA.DIST, BETA.INV, GAMMA, GAMMA.DIST, GAMMA.INV, NORM.DIST,
 * NORM.INV, NORM.S.DIST, NORM.S.INV, LOGNORM.DIST, LOGNORM.INV and their pre-2010 names with the same arguments
 * (BETAINV, GAMMADIST, GAMMAINV, NORMDIST, NORMINV, NORMSINV, LOGINV). HyperFormula's versions (jStat) agree with
 * Excel to about 8 digits and fail in the tails (NORM.S.INV(7.6E-24) is #NUM!, Excel -10); these use ./dist-math.
 *
 * Where HyperFormula's argument checks already give Excel's errors (GAMMA.DIST, GAMMA.INV and the normal family,
 * ironcalc GAMMA.xlsx, NORM_DIST.xlsx, LOGNORM.xlsx) they are kept as declared bounds; BETA.DIST and BETA.INV check
 * after reading every argument, so that an error value in any argument wins (BETADIST_BETAINV.xlsx).
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import {
  betaInc,
  betaIncInverse,
  betaPdf,
  gamma,
  gammaInc,
  gammaIncInverse,
  gammaPdf,
  normCdf,
  normInv,
  normPdf,
} from './dist-math';

const T = FunctionArgumentType;
const NUM = { argumentType: T.NUMBER };
const BOOL = { argumentType: T.BOOLEAN };
const POSITIVE = { argumentType: T.NUMBER, greaterThan: 0 };
const PROBABILITY = { argumentType: T.NUMBER, greaterThan: 0, lessThan: 1 };
const num = (fn: string, what: string) => new CellError(ErrorType.NUM, `${fn}: ${what}`);

const BETA_DIST = [NUM, NUM, NUM, BOOL, { ...NUM, defaultValue: 0 }, { ...NUM, defaultValue: 1 }];
const BETA_INV = [NUM, NUM, NUM, { ...NUM, defaultValue: 0 }, { ...NUM, defaultValue: 1 }];
const GAMMA_DIST = [{ argumentType: T.NUMBER, minValue: 0 }, POSITIVE, POSITIVE, BOOL];
const GAMMA_INV = [{ argumentType: T.NUMBER, minValue: 0, lessThan: 1 }, POSITIVE, POSITIVE];
const NORM_DIST = [NUM, NUM, POSITIVE, BOOL];
const NORM_INV = [PROBABILITY, NUM, POSITIVE];

/** A result that overflowed or is undefined is Excel's #NUM!. */
const finite = (fn: string, v: number) => (Number.isFinite(v) ? v : num(fn, 'the result is outside the number range'));

export class DistContinuousPlugin extends FunctionPlugin {
  static implementedFunctions = {
    'BETA.DIST': { method: 'betadist', parameters: BETA_DIST },
    'BETA.INV': { method: 'betainv', parameters: BETA_INV },
    BETAINV: { method: 'betainv', parameters: BETA_INV },
    GAMMA: { method: 'gammafn', parameters: [NUM] },
    'GAMMA.DIST': { method: 'gammadist', parameters: GAMMA_DIST },
    GAMMADIST: { method: 'gammadist', parameters: GAMMA_DIST },
    'GAMMA.INV': { method: 'gammainv', parameters: GAMMA_INV },
    GAMMAINV: { method: 'gammainv', parameters: GAMMA_INV },
    'NORM.DIST': { method: 'normdist', parameters: NORM_DIST },
    NORMDIST: { method: 'normdist', parameters: NORM_DIST },
    'NORM.INV': { method: 'norminv', parameters: NORM_INV },
    NORMINV: { method: 'norminv', parameters: NORM_INV },
    'NORM.S.DIST': { method: 'normsdist', parameters: [NUM, BOOL] },
    'NORM.S.INV': { method: 'normsinv', parameters: [PROBABILITY] },
    NORMSINV: { method: 'normsinv', parameters: [PROBABILITY] },
    'LOGNORM.DIST': { method: 'lognormdist', parameters: [POSITIVE, NUM, POSITIVE, BOOL] },
    'LOGNORM.INV': { method: 'lognorminv', parameters: NORM_INV },
    LOGINV: { method: 'lognorminv', parameters: NORM_INV },
  };

  /**
   * BETA.DIST(x, alpha, beta, cumulative, [A], [B]): x rescaled from [A, B] to [0, 1] and the density divided by
   * B - A. #NUM! when alpha <= 0, beta <= 0, A >= B, or x outside [A, B] (Microsoft; Excel also refuses A = B,
   * BETADIST_BETAINV.xlsx). At x = A the distribution is 0 and at x = B it is 1 (same workbook).
   */
  betadist(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = 'BETA.DIST';
    return this.runFunction(
      ast.args,
      state,
      this.metadata(fn),
      (x: number, a: number, b: number, cum: boolean, lo: number, hi: number) => {
        if (a <= 0 || b <= 0) return num(fn, 'alpha and beta must be greater than 0');
        if (lo >= hi) return num(fn, 'A must be less than B');
        if (x < lo || x > hi) return num(fn, `x must lie between A and B`);
        const width = hi - lo;
        // Both 1 - y and y from their own end so that x near B keeps its precision.
        const y = (x - lo) / width;
        const y1 = (hi - x) / width;
        if (cum) return finite(fn, betaInc(y, a, b, y1));
        return finite(fn, betaPdf(y, a, b, y1) / width);
      },
    );
  }

  /**
   * BETA.INV(probability, alpha, beta, [A], [B]): the x in [A, B] with BETA.DIST(x, ..., TRUE) = probability.
   * #NUM! when probability is not strictly between 0 and 1 (Excel refuses 0 and 1 too, BETADIST_BETAINV.xlsx),
   * alpha <= 0, beta <= 0 or A >= B (Microsoft).
   */
  betainv(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    return this.runFunction(
      ast.args,
      state,
      this.metadata(fn),
      (p: number, a: number, b: number, lo: number, hi: number) => {
        if (p <= 0 || p >= 1) return num(fn, 'probability must be between 0 and 1');
        if (a <= 0 || b <= 0) return num(fn, 'alpha and beta must be greater than 0');
        if (lo >= hi) return num(fn, 'A must be less than B');
        return finite(fn, lo + (hi - lo) * betaIncInverse(p, a, b));
      },
    );
  }

  /** GAMMA(number): #NUM! at 0 and the negative integers, and where Γ overflows (number >= 171.62) (Microsoft). */
  gammafn(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('GAMMA'), (x: number) => {
      if (x <= 0 && Number.isInteger(x)) return num('GAMMA', 'number must not be 0 or a negative integer');
      return finite('GAMMA', gamma(x));
    });
  }

  /** GAMMA.DIST(x, alpha, beta, cumulative): x / beta under the standard gamma distribution of shape alpha. */
  gammadist(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    return this.runFunction(ast.args, state, this.metadata(fn), (x: number, a: number, b: number, cum: boolean) =>
      finite(fn, cum ? gammaInc(a, x / b) : gammaPdf(x / b, a) / b),
    );
  }

  /** GAMMA.INV(probability, alpha, beta): the x with GAMMA.DIST(x, alpha, beta, TRUE) = probability. */
  gammainv(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    return this.runFunction(ast.args, state, this.metadata(fn), (p: number, a: number, b: number) =>
      p === 0 ? 0 : finite(fn, b * gammaIncInverse(p, a)),
    );
  }

  normdist(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    return this.runFunction(ast.args, state, this.metadata(fn), (x: number, mean: number, sd: number, cum: boolean) =>
      cum ? normCdf((x - mean) / sd) : normPdf((x - mean) / sd) / sd,
    );
  }
  norminv(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    return this.runFunction(
      ast.args,
      state,
      this.metadata(fn),
      (p: number, mean: number, sd: number) => mean + sd * normInv(p),
    );
  }
  normsdist(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('NORM.S.DIST'), (z: number, cum: boolean) =>
      cum ? normCdf(z) : normPdf(z),
    );
  }
  normsinv(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata(ast.procedureName), (p: number) => normInv(p));
  }
  /** LOGNORM.DIST(x, mean, standard_dev, cumulative): ln(x) is normal with that mean and standard deviation. */
  lognormdist(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('LOGNORM.DIST'),
      (x: number, mean: number, sd: number, cum: boolean) => {
        const z = (Math.log(x) - mean) / sd;
        return cum ? normCdf(z) : normPdf(z) / (x * sd);
      },
    );
  }
  lognorminv(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    return this.runFunction(ast.args, state, this.metadata(fn), (p: number, mean: number, sd: number) =>
      finite(fn, Math.exp(mean + sd * normInv(p))),
    );
  }
}
