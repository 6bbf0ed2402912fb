/**
 * Errors with a reason for the formulas references.ts rewrites: an INDIRECT whose text names no reference, an
 * OFFSET off the sheet, a range that does not meet the formula's row (implicit intersection). Excel shows the code
 * alone; the engine's error literal (`=#REF!`) has no message, so the rewrite writes ERROR.REF("why") or
 * ERROR.VALUE("why") where the whole formula is that error, and the audit, the playground and `recalc --json` say why.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';

export class ReferenceErrorsPlugin extends FunctionPlugin {
  static implementedFunctions = {
    'ERROR.REF': { method: 'errorRef', parameters: [{ argumentType: FunctionArgumentType.STRING }] },
    'ERROR.VALUE': { method: 'errorValue', parameters: [{ argumentType: FunctionArgumentType.STRING }] },
  };

  errorRef(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('ERROR.REF'),
      (why: string) => new CellError(ErrorType.REF, why),
    );
  }

  errorValue(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('ERROR.VALUE'),
      (why: string) => new CellError(ErrorType.VALUE, why),
    );
  }
}
