/**
 * Student's t and F distributions to full double precision: T.DIST, T.DIST.RT, T.DIST.2T, T.INV, T.INV.2T,
 * CONFIDENCE.T, F.DIST, F.DIST.RT. HyperFormula's versions (jStat) agree with Excel to about 8 digits only; these use
 * the regularized incomplete beta function of ./dist-math and invert it by bisection refined with Newton steps. Argument rules follow Microsoft's page of each function.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { betaInc, lnGamma } from './dist-math';

const NUM = { argumentType: FunctionArgumentType.NUMBER };
const BOOL = { argumentType: FunctionArgumentType.BOOLEAN };
const num = (fn: string, what: string) => new CellError(ErrorType.NUM, `${fn}: ${what}`);

/**
 * P(T > |t|) = I_x(df/2, 1/2) / 2 with x = df / (df + t²); 1 - x is passed as t² / (df + t²) so that a t near 0 (a
 * probability near one half, CONFIDENCE.T(0.999999, 1, 50)) keeps its precision.
 */
function tTail(t: number, df: number): number {
  const d = df + t * t;
  return 0.5 * betaInc(df / d, df / 2, 0.5, (t * t) / d);
}

/** P(T <= t) for Student's t with df degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const tail = tTail(t, df);
  return t >= 0 ? 1 - tail : tail;
}
/** Upper tail P(T > t), accurate for large t. */
export function tUpper(t: number, df: number): number {
  const tail = tTail(t, df);
  return t >= 0 ? tail : 1 - tail;
}
function tPdf(t: number, df: number): number {
  return Math.exp(
    lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/** The t with P(T > t) = q (0 < q < 1), by bisection on a bracket, then Newton steps to full precision. */
export function tInvUpper(q: number, df: number): number {
  if (q === 0.5) return 0;
  if (q > 0.5) return -tInvUpper(1 - q, df);
  let lo = 0;
  let hi = 1;
  while (tUpper(hi, df) > q && hi < 1e300) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tUpper(mid, df) > q) lo = mid;
    else hi = mid;
  }
  let t = (lo + hi) / 2;
  for (let i = 0; i < 5; i++) {
    const step = (tUpper(t, df) - q) / tPdf(t, df);
    if (!Number.isFinite(step)) break;
    t += step;
    if (Math.abs(step) <= 1e-16 * Math.abs(t)) break;
  }
  return t;
}

/** P(F <= x) for the F distribution with d1, d2 degrees of freedom. */
export function fCdf(x: number, d1: number, d2: number): number {
  return x <= 0 ? 0 : betaInc((d1 * x) / (d1 * x + d2), d1 / 2, d2 / 2, d2 / (d1 * x + d2));
}
export function fUpper(x: number, d1: number, d2: number): number {
  return x <= 0 ? 1 : betaInc(d2 / (d2 + d1 * x), d2 / 2, d1 / 2, (d1 * x) / (d2 + d1 * x));
}
function fPdf(x: number, d1: number, d2: number): number {
  if (x < 0) return 0;
  const lb = lnGamma(d1 / 2) + lnGamma(d2 / 2) - lnGamma((d1 + d2) / 2);
  return Math.exp(
    (d1 / 2) * Math.log(d1 / d2) + (d1 / 2 - 1) * Math.log(x) - ((d1 + d2) / 2) * Math.log1p((d1 * x) / d2) - lb,
  );
}

/** The x where `cdf` (increasing) reaches p: bracket, bisection, then Newton steps with the density. */
function invert(cdf: (x: number) => number, pdf: (x: number) => number, p: number): number {
  let lo = 0;
  let hi = 1;
  while (cdf(hi) < p && hi < 1e300) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  let x = (lo + hi) / 2;
  for (let i = 0; i < 5; i++) {
    const step = (cdf(x) - p) / pdf(x);
    if (!Number.isFinite(step)) break;
    x -= step;
    if (Math.abs(step) <= 1e-16 * Math.abs(x)) break;
  }
  return x;
}

export class TDistPlugin extends FunctionPlugin {
  static implementedFunctions = {
    'T.DIST': { method: 'tdist', parameters: [NUM, NUM, BOOL] },
    'T.DIST.RT': { method: 'tdistrt', parameters: [NUM, NUM] },
    'T.DIST.2T': { method: 'tdist2t', parameters: [NUM, NUM] },
    'T.INV': { method: 'tinv', parameters: [NUM, NUM] },
    'T.INV.2T': { method: 'tinv2t', parameters: [NUM, NUM] },
    'CONFIDENCE.T': { method: 'confidencet', parameters: [NUM, NUM, NUM] },
    'F.DIST': { method: 'fdist', parameters: [NUM, NUM, NUM, BOOL] },
    'F.DIST.RT': { method: 'fdistrt', parameters: [NUM, NUM, NUM] },
    'F.INV': { method: 'finv', parameters: [NUM, NUM, NUM] },
    'F.INV.RT': { method: 'finvrt', parameters: [NUM, NUM, NUM] },
    // Pre-2010 names (Microsoft's compatibility functions) with the same arguments as the functions above.
    TINV: { method: 'tinv2t', parameters: [NUM, NUM] },
    FDIST: { method: 'fdistrt', parameters: [NUM, NUM, NUM] },
    FINV: { method: 'finvrt', parameters: [NUM, NUM, NUM] },
    TDIST: {
      method: 'tdistold',
      parameters: [
        { argumentType: FunctionArgumentType.NUMBER, minValue: 0 },
        { argumentType: FunctionArgumentType.NUMBER, minValue: 1 },
        { argumentType: FunctionArgumentType.INTEGER, minValue: 1, maxValue: 2 },
      ],
    },
  };

  /** TDIST(x, deg_freedom, tails): tails x P(T > x); x >= 0, tails 1 or 2 (Microsoft, TDIST function). */
  tdistold(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('TDIST'),
      (x: number, df: number, tails: number) => tails * tUpper(x, Math.trunc(df)),
    );
  }

  /** T.DIST(x, deg_freedom, cumulative): deg_freedom truncated, below 1 is #NUM! (Microsoft). */
  tdist(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('T.DIST'), (x: number, df: number, cumulative: boolean) => {
      const n = Math.trunc(df);
      if (n < 1) return num('T.DIST', 'deg_freedom must be at least 1');
      return cumulative ? tCdf(x, n) : tPdf(x, n);
    });
  }
  tdistrt(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('T.DIST.RT'), (x: number, df: number) => {
      const n = Math.trunc(df);
      if (n < 1) return num('T.DIST.RT', 'deg_freedom must be at least 1');
      return tUpper(x, n);
    });
  }
  /** T.DIST.2T: x must not be negative (Microsoft). */
  tdist2t(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('T.DIST.2T'), (x: number, df: number) => {
      const n = Math.trunc(df);
      if (n < 1) return num('T.DIST.2T', 'deg_freedom must be at least 1');
      if (x < 0) return num('T.DIST.2T', 'x must not be negative');
      return 2 * tUpper(x, n);
    });
  }
  /** T.INV(probability, deg_freedom): the left-tailed inverse; probability in (0, 1) (Microsoft). */
  tinv(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('T.INV'), (p: number, df: number) => {
      const n = Math.trunc(df);
      if (p <= 0 || p >= 1) return num('T.INV', 'probability must be between 0 and 1');
      if (n < 1) return num('T.INV', 'deg_freedom must be at least 1');
      return tInvUpper(1 - p, n);
    });
  }
  /** T.INV.2T(probability, deg_freedom): the two-tailed inverse; probability in (0, 1] (Microsoft). */
  tinv2t(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('T.INV.2T'), (p: number, df: number) => {
      const n = Math.trunc(df);
      if (p <= 0 || p > 1) return num('T.INV.2T', 'probability must be greater than 0 and at most 1');
      if (n < 1) return num('T.INV.2T', 'deg_freedom must be at least 1');
      return tInvUpper(p / 2, n);
    });
  }
  /** CONFIDENCE.T(alpha, standard_dev, size) = T.INV.2T(alpha, size - 1) * standard_dev / sqrt(size) (Microsoft). */
  confidencet(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('CONFIDENCE.T'),
      (alpha: number, sd: number, size: number) => {
        const n = Math.trunc(size);
        if (alpha <= 0 || alpha >= 1) return num('CONFIDENCE.T', 'alpha must be between 0 and 1');
        if (sd <= 0) return num('CONFIDENCE.T', 'standard_dev must be greater than 0');
        if (n < 1) return num('CONFIDENCE.T', 'size must be at least 1');
        if (n === 1) return new CellError(ErrorType.DIV_BY_ZERO, 'CONFIDENCE.T: size 1 leaves no degrees of freedom');
        return (tInvUpper(alpha / 2, n - 1) * sd) / Math.sqrt(n);
      },
    );
  }
  /** F.DIST(x, d1, d2, cumulative): x >= 0, degrees truncated and at least 1 (Microsoft). */
  fdist(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('F.DIST'),
      (x: number, a: number, b: number, cumulative: boolean) => {
        const d1 = Math.trunc(a);
        const d2 = Math.trunc(b);
        if (x < 0) return num('F.DIST', 'x must not be negative');
        if (d1 < 1 || d2 < 1) return num('F.DIST', 'degrees of freedom must be at least 1');
        return cumulative ? fCdf(x, d1, d2) : fPdf(x, d1, d2);
      },
    );
  }
  fdistrt(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('F.DIST.RT'), (x: number, a: number, b: number) => {
      const d1 = Math.trunc(a);
      const d2 = Math.trunc(b);
      if (x < 0) return num('F.DIST.RT', 'x must not be negative');
      if (d1 < 1 || d2 < 1) return num('F.DIST.RT', 'degrees of freedom must be at least 1');
      return fUpper(x, d1, d2);
    });
  }

  /** F.INV / F.INV.RT: probability in [0, 1], degrees truncated and at least 1 (Microsoft). */
  private finverse(ast: ProcedureAst, state: InterpreterState, fn: 'F.INV' | 'F.INV.RT'): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (p: number, a: number, b: number) => {
      const d1 = Math.trunc(a);
      const d2 = Math.trunc(b);
      if (p < 0 || p > 1) return num(fn, 'probability must be between 0 and 1');
      if (d1 < 1 || d2 < 1) return num(fn, 'degrees of freedom must be at least 1');
      const target = fn === 'F.INV' ? p : 1 - p;
      if (target === 0) return 0;
      if (target === 1) return num(fn, 'the inverse is infinite');
      if (fn === 'F.INV.RT')
        return invert(
          (x) => -fUpper(x, d1, d2),
          (x) => fPdf(x, d1, d2),
          -p,
        );
      return invert(
        (x) => fCdf(x, d1, d2),
        (x) => fPdf(x, d1, d2),
        p,
      );
    });
  }
  finv(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.finverse(ast, state, 'F.INV');
  }
  finvrt(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.finverse(ast, state, 'F.INV.RT');
  }
}
