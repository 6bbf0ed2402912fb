/**
 * Excel's continuous distributions to full precision: BETA.DIST, BETA.INV, GAMMA, GAMMA.DIST, GAMMA.INV, NORM.DIST,
 * NORM.INV, NORM.S.DIST, NORM.S.INV, LOGNORM.DIST, LOGNORM.INV, the CHISQ.DIST/INV family and their pre-2010 names with
 * the same arguments (BETAINV, GAMMADIST, GAMMAINV, NORMDIST, NORMINV, NORMSINV, LOGINV, CHIDIST, CHIINV). HyperFormula's versions (jStat) agree with
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
  normCentral,
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
/** Degrees of freedom of CHISQ.*: truncated, 1 to 10^10 (Microsoft). */
const CHISQ_DF = { argumentType: T.NUMBER, minValue: 1, maxValue: 1e10 };
const CHISQ_INV = [{ argumentType: T.NUMBER, minValue: 0, maxValue: 1 }, CHISQ_DF];

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
    GAUSS: { method: 'gauss', parameters: [NUM] },
    'LOGNORM.DIST': { method: 'lognormdist', parameters: [POSITIVE, NUM, POSITIVE, BOOL] },
    'LOGNORM.INV': { method: 'lognorminv', parameters: NORM_INV },
    LOGINV: { method: 'lognorminv', parameters: NORM_INV },
    'CHISQ.DIST': { method: 'chisqdist', parameters: [NUM, CHISQ_DF, BOOL] },
    'CHISQ.DIST.RT': { method: 'chisqdistrt', parameters: [NUM, CHISQ_DF] },
    CHIDIST: { method: 'chisqdistrt', parameters: [NUM, CHISQ_DF] },
    'CHISQ.INV': { method: 'chisqinv', parameters: CHISQ_INV },
    'CHISQ.INV.RT': { method: 'chisqinvrt', parameters: CHISQ_INV },
    CHIINV: { method: 'chisqinvrt', parameters: CHISQ_INV },
    // Pre-2010 names whose arguments differ: cumulative only (BETADIST, NORMSDIST, LOGNORMDIST) or the mass only
    // (NEGBINOMDIST, in ./dist-discrete).
    BETADIST: { method: 'betadistold', parameters: BETA_INV },
    NORMSDIST: { method: 'normsdistold', parameters: [NUM] },
    LOGNORMDIST: { method: 'lognormdistold', parameters: [POSITIVE, NUM, POSITIVE] },
  };

  /**
   * BETA.DIST(x, alpha, beta, cumulative, [A], [B]): x rescaled from [A, B] to [0, 1] and the density divided by
   * B - A. #NUM! when alpha <= 0, beta <= 0, A >= B, or x outside [A, B] (Microsoft; Excel also refuses A = B,
   * BETADIST_BETAINV.xlsx). At x = A the distribution is 0 and at x = B it is 1 (same workbook).
   */
  betadist(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('BETA.DIST'),
      (x: number, a: number, b: number, cum: boolean, lo: number, hi: number) =>
        this.beta('BETA.DIST', x, a, b, cum, lo, hi),
    );
  }
  /** BETADIST(x, alpha, beta, [A], [B]): BETA.DIST's cumulative distribution (Microsoft, BETADIST function). */
  betadistold(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('BETADIST'),
      (x: number, a: number, b: number, lo: number, hi: number) => this.beta('BETADIST', x, a, b, true, lo, hi),
    );
  }
  private beta(fn: string, x: number, a: number, b: number, cum: boolean, lo: number, hi: number): number | CellError {
    if (a <= 0 || b <= 0) return num(fn, 'alpha and beta must be greater than 0');
    if (lo >= hi) return num(fn, 'A must be less than B');
    if (x < lo || x > hi) return num(fn, `x must lie between A and B`);
    const width = hi - lo;
    // Both y and 1 - y from their own end so that x near B keeps its precision.
    const y = (x - lo) / width;
    const y1 = (hi - x) / width;
    if (cum) return finite(fn, betaInc(y, a, b, y1));
    return finite(fn, betaPdf(y, a, b, y1) / width);
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
  /** GAUSS(z) = NORM.S.DIST(z, TRUE) - 0.5, without the cancellation near 0 (GAUSS(1E-7) keeps all its digits). */
  gauss(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('GAUSS'), (z: number) => normCentral(z));
  }
  /** NORMSDIST(z): the standard normal cumulative distribution (Microsoft, NORMSDIST function). */
  normsdistold(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('NORMSDIST'), (z: number) => normCdf(z));
  }
  /** LOGNORMDIST(x, mean, standard_dev): LOGNORM.DIST's cumulative distribution (Microsoft, LOGNORMDIST function). */
  lognormdistold(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('LOGNORMDIST'), (x: number, mean: number, sd: number) =>
      normCdf((Math.log(x) - mean) / sd),
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

  /**
   * CHISQ.DIST(x, deg_freedom, cumulative) = GAMMA.DIST(x, deg_freedom / 2, 2, cumulative), deg_freedom truncated;
   * x < 0 is #NUM! (Microsoft). jStat's version is 0 beyond about 1E-16 in the right tail.
   */
  chisqdist(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('CHISQ.DIST'), (x: number, df: number, cum: boolean) => {
      if (x < 0) return num('CHISQ.DIST', 'x must not be negative');
      const a = Math.trunc(df) / 2;
      return finite('CHISQ.DIST', cum ? gammaInc(a, x / 2) : gammaPdf(x / 2, a) / 2);
    });
  }
  /** CHISQ.DIST.RT(x, deg_freedom): the right tail, computed as such (CHISQ.DIST.RT(100, 3) = 1.55E-21). */
  chisqdistrt(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    return this.runFunction(ast.args, state, this.metadata(fn), (x: number, df: number) => {
      if (x < 0) return num(fn, 'x must not be negative');
      return finite(fn, gammaInc(Math.trunc(df) / 2, x / 2, true));
    });
  }
  /** CHISQ.INV(probability, deg_freedom): probability 0 gives 0, probability 1 has no finite inverse (#NUM!). */
  chisqinv(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('CHISQ.INV'), (p: number, df: number) => {
      if (p === 0) return 0;
      if (p === 1) return num('CHISQ.INV', 'probability 1 has no finite inverse');
      return finite('CHISQ.INV', 2 * gammaIncInverse(p, Math.trunc(df) / 2));
    });
  }
  /** CHISQ.INV.RT(probability, deg_freedom): the x with right tail probability; 1 gives 0, 0 is #NUM!. */
  chisqinvrt(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    return this.runFunction(ast.args, state, this.metadata(fn), (p: number, df: number) => {
      if (p === 1) return 0;
      if (p === 0) return num(fn, 'probability 0 has no finite inverse');
      return finite(fn, 2 * gammaIncInverse(p, Math.trunc(df) / 2, true));
    });
  }
}
