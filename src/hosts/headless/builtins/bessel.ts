/**
 * BESSELI, BESSELJ, BESSELK and BESSELY as Excel computes them (Microsoft's doc of each: x must be a number and n an
 * integer >= 0, truncated when it has a fraction; K and Y need x > 0). Excel's values are polynomial approximations
 * (Abramowitz & Stegun 9.4 and 9.8, as in Numerical Recipes), accurate to about 1e-8, not the exact functions: the
 * fidelity workbook BESSEL.xlsx shows BESSELJ(0, 0) = 1.00000000283141. BESSELJ, BESSELK and BESSELY are SheetJS's
 * `bessel` package, which uses the same approximations and matches every cell of that workbook except BESSELJ of
 * order >= 1 at |x| >= 8 (Excel's J1 there differs from the true value by ~1e-5 relative; its formula is unknown).
 * BESSELI and BESSELJ of order >= 2 are computed here: the package's BESSELI uses its |x| < 3.75 polynomial for any
 * negative x (BESSELI(-10, 0) would be 2544.7 instead of 2815.7), and for n >= 2 both of its downward recurrences
 * start too low (BESSELI(32, 7), BESSELJ(1.9, 2) lose digits that Excel keeps).
 * Logical values are #VALUE!, as for Excel's other engineering functions (BESSELI(TRUE, 1) is #VALUE!).
 */
import { besselj, besselk, bessely } from 'bessel';
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';

const horner = (coefficients: number[], v: number): number => coefficients.reduceRight((z, c) => z * v + c, 0);

/** I0 and I1: Abramowitz & Stegun 9.8.1-9.8.4 (|error| < 2e-7 relative), coefficients lowest power first. */
const I0_SMALL = [1.0, 3.5156229, 3.0899424, 1.2067492, 0.2659732, 0.0360768, 0.0045813];
const I0_LARGE = [
  0.39894228, 0.01328592, 0.00225319, -0.00157565, 0.00916281, -0.02057706, 0.02635537, -0.01647633, 0.00392377,
];
const I1_SMALL = [0.5, 0.87890594, 0.51498869, 0.15084934, 0.02658733, 0.00301532, 0.00032411];
const I1_LARGE = [
  0.39894228, -0.03988024, -0.00362018, 0.00163801, -0.01031555, 0.02282967, -0.02895312, 0.01787654, -0.00420059,
];

function besselI0(x: number): number {
  const ax = Math.abs(x);
  if (ax < 3.75) return horner(I0_SMALL, (x / 3.75) ** 2);
  return (Math.exp(ax) / Math.sqrt(ax)) * horner(I0_LARGE, 3.75 / ax);
}
function besselI1(x: number): number {
  const ax = Math.abs(x);
  if (ax < 3.75) return x * horner(I1_SMALL, (x / 3.75) ** 2);
  const r = (Math.exp(ax) / Math.sqrt(ax)) * horner(I1_LARGE, 3.75 / ax);
  return x < 0 ? -r : r;
}

/**
 * I_n(x) for an integer n >= 0: for n >= 2, Miller's downward recurrence I_{j-1} = I_{j+1} + (2j/x) I_j from an
 * order well above n, scaled so that its I_0 equals besselI0(x) (so I_n carries I0's approximation, as Excel's
 * values do: their relative error is the same for n = 0, 7 and 10 at every x of BESSEL.xlsx). I_n(-x) = (-1)^n I_n(x).
 */
export function besselI(x: number, n: number): number {
  if (n === 0) return besselI0(x);
  if (n === 1) return besselI1(x);
  if (x === 0) return 0;
  const tox = 2 / Math.abs(x);
  const start = 2 * (n + Math.trunc(Math.sqrt(200 * n)));
  let above = 0;
  let current = 1;
  let result = 0;
  for (let j = start; j > 0; j--) {
    const below = above + j * tox * current;
    above = current;
    current = below;
    if (Math.abs(current) > 1e10) {
      // Rescale to stay in range; only the ratio to I_0 matters.
      result *= 1e-10;
      current *= 1e-10;
      above *= 1e-10;
    }
    if (j === n) result = above;
  }
  result *= besselI0(x) / current;
  return x < 0 && n % 2 === 1 ? -result : result;
}

/**
 * J_n(x) for an integer n >= 0 from the package's J0 and J1: for |x| > n the upward recurrence
 * J_{j+1} = (2j/x) J_j - J_{j-1} (so Excel's J_n carries its J0/J1 approximations, as BESSEL.xlsx shows), else
 * Miller's downward recurrence normalised by J0 + 2 J2 + 2 J4 + ... = 1, from an order high enough for the 9 digits
 * of Microsoft's example BESSELJ(1.9, 2) = 0.329925728 (the package starts too low and gives 0.3299258).
 * J_n(-x) = (-1)^n J_n(x).
 */
export function besselJ(x: number, n: number): number {
  if (x < 0) return n % 2 === 1 ? -besselJ(-x, n) : besselJ(-x, n);
  if (n < 2) return besselj(x, n);
  if (x === 0) return 0;
  const tox = 2 / x;
  if (x > n) {
    let below = besselj(x, 0);
    let current = besselj(x, 1);
    for (let j = 1; j < n; j++) {
      const next = j * tox * current - below;
      below = current;
      current = next;
    }
    return current;
  }
  const start = 2 * Math.trunc((n + Math.trunc(Math.sqrt(160 * n))) / 2);
  let above = 0;
  let current = 1;
  let result = 0;
  let sum = 0;
  for (let j = start; j > 0; j--) {
    const below = j * tox * current - above;
    above = current;
    current = below;
    if (Math.abs(current) > 1e10) {
      current *= 1e-10;
      above *= 1e-10;
      result *= 1e-10;
      sum *= 1e-10;
    }
    // current is J_{j-1}: the even orders 2, 4, ... count twice in the normalisation, J_0 once.
    if ((j - 1) % 2 === 0 && j > 1) sum += current;
    if (j === n) result = above;
  }
  return result / (2 * sum + current);
}

/** The largest order computed (a recurrence of ~2 million steps, a few milliseconds). */
const MAX_ORDER = 1_000_000;

const REQUIRED = { argumentType: FunctionArgumentType.SCALAR };
type Kind = 'BESSELI' | 'BESSELJ' | 'BESSELK' | 'BESSELY';

export class BesselPlugin extends ExcelPlugin {
  static implementedFunctions = {
    BESSELI: { method: 'besselI', parameters: [REQUIRED, REQUIRED] },
    BESSELJ: { method: 'besselJ', parameters: [REQUIRED, REQUIRED] },
    BESSELK: { method: 'besselK', parameters: [REQUIRED, REQUIRED] },
    BESSELY: { method: 'besselY', parameters: [REQUIRED, REQUIRED] },
  };

  private arg(v: unknown, fn: Kind, name: string): number | CellError {
    if (typeof v === 'boolean')
      return new CellError(ErrorType.VALUE, `${fn}: ${name} is a logical value, not a number`);
    return this.num(v, fn, name);
  }

  private bessel(fn: Kind, ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (a: unknown, b: unknown) => {
      const x = this.arg(a, fn, 'x');
      if (x instanceof CellError) return x;
      const raw = this.arg(b, fn, 'n');
      if (raw instanceof CellError) return raw;
      const n = Math.trunc(raw);
      if (n < 0) return new CellError(ErrorType.NUM, `${fn}: n must be 0 or more`);
      // The recurrences take about n steps: a bound keeps a typo such as n = 1E12 from hanging the workbook.
      if (n > MAX_ORDER) return new CellError(ErrorType.NUM, `${fn}: n above ${MAX_ORDER} is not supported`);
      if ((fn === 'BESSELK' || fn === 'BESSELY') && x <= 0)
        return new CellError(ErrorType.NUM, `${fn}: x must be greater than 0`);
      const r =
        fn === 'BESSELI'
          ? besselI(x, n)
          : fn === 'BESSELJ'
            ? besselJ(x, n)
            : fn === 'BESSELK'
              ? besselk(x, n)
              : bessely(x, n);
      return Number.isFinite(r) ? r : new CellError(ErrorType.NUM, `${fn}: the result is too large for a number`);
    });
  }

  besselI(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.bessel('BESSELI', ast, state);
  }
  besselJ(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.bessel('BESSELJ', ast, state);
  }
  besselK(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.bessel('BESSELK', ast, state);
  }
  besselY(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.bessel('BESSELY', ast, state);
  }
}
