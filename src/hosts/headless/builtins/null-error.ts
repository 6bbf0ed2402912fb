/**
 * #NULL!, which HyperFormula lacks: Excel gives it for the intersection of two ranges that do not meet
 * (`=A1:A3 B1:B3`) and for the literal `#NULL!` ("How to correct a #NULL! error"). The headless host writes both as
 * ERROR.NULL(reason) (../null-error.ts), an error of the engine's generic kind whose message starts with "#NULL!":
 * recalc.ts writes it back as #NULL!, ERROR.TYPE counts it 1, and ISERROR/IFERROR see an error as in Excel.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';

/** Message prefix that marks the engine's generic error as Excel's #NULL!. */
export const NULL_ERROR_PREFIX = '#NULL!';

export class NullErrorPlugin extends FunctionPlugin {
  static implementedFunctions = {
    'ERROR.NULL': { method: 'errornull', parameters: [{ argumentType: FunctionArgumentType.STRING }] },
  };

  errornull(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('ERROR.NULL'),
      (why: string) => new CellError(ErrorType.ERROR, `${NULL_ERROR_PREFIX} ${why}`),
    );
  }
}
