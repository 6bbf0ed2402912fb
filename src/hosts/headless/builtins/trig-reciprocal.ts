/**
 * The reciprocal trigonometric functions Excel 2013 added: COT, CSC, SEC, COTH, CSCH, SECH, ACOT and ACOTH
 * (Microsoft's doc of each). The number is read as Excel reads it (./math-scalar: "" and a date with spaces around
 * it are #VALUE!). ACOT returns "the principal value of the arccotangent ... in the range 0 (zero) to pi", so a
 * negative number gives an angle above pi/2 (ACOT(-1) = 3pi/4), which atan(1/x) would not. COT/CSC/COTH/CSCH of 0
 * are #DIV/0!; |x| >= 2^27 is #NUM! for COT, CSC and SEC ("Number ... absolute value must be less than 2^27"), and
 * for COTH/CSCH/SECH a result where the hyperbolic functions overflow stays finite (SECH(1000) = 0). ACOTH needs
 * |x| > 1, else #NUM!.
 */
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { MathArgsPlugin } from './math-scalar';

const SCALAR = { argumentType: FunctionArgumentType.SCALAR };
const LIMIT = 2 ** 27;

type Fn = (x: number) => number | CellError;

const divZero = (fn: string): CellError => new CellError(ErrorType.DIV_BY_ZERO, `${fn}: number is 0`);
const tooLarge = (fn: string): CellError =>
  new CellError(ErrorType.NUM, `${fn}: the absolute value of number must be less than 2^27`);

/**
 * Excel reduces a trigonometric argument by multiples of pi/2 with the x87 80-bit pi, 3.14159265358979323851 (64-bit
 * mantissa), which is pi + 5.0166e-20: its SIN(PI()) is 1.22514845490862E-16 where the exact sine of the double
 * PI() is 1.2246467991473532E-16. Near a zero of sin or cos that error shows: COT(PI()-1E-12) is -999788629259.2037
 * in Excel, -999788679403.5775 exactly (TRIGONOMETRIC.xlsx). So x is read as x - k * EPS, k the number of pi/2 steps
 * and EPS the x87 error per step ((pi_x87 - pi) / 2), to first order: sin(x - d) = sin x - d cos x.
 */
const EPS = 2.5082788074831677e-20;
function sinCos(x: number): [number, number] {
  const d = Math.round(x / (Math.PI / 2)) * EPS;
  const s = Math.sin(x);
  const c = Math.cos(x);
  return [s - d * c, c + d * s];
}

const FUNCTIONS: Record<string, Fn> = {
  COT: (x) => {
    if (x === 0) return divZero('COT');
    if (Math.abs(x) >= LIMIT) return tooLarge('COT');
    const [s, c] = sinCos(x);
    return c / s;
  },
  CSC: (x) => (x === 0 ? divZero('CSC') : Math.abs(x) >= LIMIT ? tooLarge('CSC') : 1 / sinCos(x)[0]),
  SEC: (x) => (Math.abs(x) >= LIMIT ? tooLarge('SEC') : 1 / sinCos(x)[1]),
  COTH: (x) => (x === 0 ? divZero('COTH') : 1 / Math.tanh(x)),
  CSCH: (x) => (x === 0 ? divZero('CSCH') : 1 / Math.sinh(x)),
  SECH: (x) => 1 / Math.cosh(x),
  ACOT: (x) => Math.PI / 2 - Math.atan(x),
  ACOTH: (x) =>
    Math.abs(x) <= 1
      ? new CellError(ErrorType.NUM, `ACOTH: the absolute value of number ${x} must be greater than 1`)
      : Math.atanh(1 / x),
};

export class TrigReciprocalPlugin extends MathArgsPlugin {
  static implementedFunctions = Object.fromEntries(
    Object.keys(FUNCTIONS).map((id) => [id, { method: 'reciprocal', parameters: [SCALAR] }]),
  );

  reciprocal(ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = ast.procedureName;
    return this.runFunction(ast.args, state, this.metadata(fn), (v: unknown) => {
      const x = this.xnum(v, fn, 'number');
      return x instanceof CellError ? x : FUNCTIONS[fn](x);
    });
  }
}
