/**
 * ERF, ERFC, ERF.PRECISE, ERFC.PRECISE, GESTEP and DELTA as Excel computes them (Microsoft's doc of each). Like
 * Excel's other engineering functions they read numbers and numeric text but refuse logical values (#VALUE!).
 * ERFC is computed directly, not as 1 - ERF, so that ERFC(6) = 2.15E-17 keeps its digits as in Excel.
 */
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';

/** Chebyshev coefficients of erfc (Numerical Recipes 3rd ed., 6.2.2, as in jStat's erf, MIT licence). */
const COF = [
  -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3, -9.46595344482036e-4,
  3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6, 1.30365583558e-6, 1.5626441722e-8,
  -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12,
  -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
];

/** erfc(x) for x >= 0. */
function erfcPositive(x: number): number {
  const t = 2 / (2 + x);
  const ty = 4 * t - 2;
  let d = 0;
  let dd = 0;
  for (let j = COF.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + COF[j];
    dd = tmp;
  }
  return t * Math.exp(-x * x + 0.5 * (COF[0] + ty * d) - dd);
}

export const erfc = (x: number): number => (x >= 0 ? erfcPositive(x) : 2 - erfcPositive(-x));
export const erf = (x: number): number => (x === 0 ? 0 : x > 0 ? 1 - erfcPositive(x) : erfcPositive(-x) - 1);

const REQUIRED = { argumentType: FunctionArgumentType.SCALAR };
const OPTIONAL = { argumentType: FunctionArgumentType.SCALAR, optionalArg: true };

export class ErfStepPlugin extends ExcelPlugin {
  static implementedFunctions = {
    ERF: { method: 'erfFn', parameters: [REQUIRED, OPTIONAL] },
    'ERF.PRECISE': { method: 'erfPrecise', parameters: [REQUIRED] },
    ERFC: { method: 'erfcFn', parameters: [REQUIRED] },
    'ERFC.PRECISE': { method: 'erfcPrecise', parameters: [REQUIRED] },
    GESTEP: { method: 'gestep', parameters: [REQUIRED, OPTIONAL] },
    DELTA: { method: 'delta', parameters: [REQUIRED, OPTIONAL] },
  };

  /** A number for an engineering function: a logical value is #VALUE! there (Excel's GESTEP(TRUE) is #VALUE!). */
  private eng(v: unknown, fn: string, arg: string): number | CellError {
    if (typeof v === 'boolean') return new CellError(ErrorType.VALUE, `${fn}: ${arg} is a logical value, not a number`);
    return this.num(v, fn, arg);
  }

  private two(
    fn: string,
    ast: ProcedureAst,
    state: InterpreterState,
    names: [string, string],
    dflt: number | undefined,
    f: (a: number, b: number | undefined) => number,
  ): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (x: unknown, y: unknown) => {
      const a = this.eng(x, fn, names[0]);
      if (a instanceof CellError) return a;
      const b = y === undefined ? dflt : this.eng(y, fn, names[1]);
      if (b instanceof CellError) return b;
      return f(a, b);
    });
  }

  erfFn(ast: ProcedureAst, state: InterpreterState): unknown {
    // ERF(lower, [upper]): erf(lower) alone, else the integral from lower to upper.
    return this.two('ERF', ast, state, ['lower_limit', 'upper_limit'], undefined, (a, b) =>
      b === undefined ? erf(a) : erf(b) - erf(a),
    );
  }
  erfPrecise(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.two('ERF.PRECISE', ast, state, ['x', 'x'], undefined, (a) => erf(a));
  }
  erfcFn(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.two('ERFC', ast, state, ['x', 'x'], undefined, (a) => erfc(a));
  }
  erfcPrecise(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.two('ERFC.PRECISE', ast, state, ['x', 'x'], undefined, (a) => erfc(a));
  }
  gestep(ast: ProcedureAst, state: InterpreterState): unknown {
    // GESTEP(number, [step=0]): 1 when number >= step.
    return this.two('GESTEP', ast, state, ['number', 'step'], 0, (a, b) => (a >= (b as number) ? 1 : 0));
  }
  delta(ast: ProcedureAst, state: InterpreterState): unknown {
    // DELTA(number1, [number2=0]): 1 when equal.
    return this.two('DELTA', ast, state, ['number1', 'number2'], 0, (a, b) => (a === b ? 1 : 0));
  }
}
