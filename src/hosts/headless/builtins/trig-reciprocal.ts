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

const FUNCTIONS: Record<string, Fn> = {
  COT: (x) => (x === 0 ? divZero('COT') : Math.abs(x) >= LIMIT ? tooLarge('COT') : 1 / Math.tan(x)),
  CSC: (x) => (x === 0 ? divZero('CSC') : Math.abs(x) >= LIMIT ? tooLarge('CSC') : 1 / Math.sin(x)),
  SEC: (x) => (Math.abs(x) >= LIMIT ? tooLarge('SEC') : 1 / Math.cos(x)),
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
