/**
 * Excel's errors that HyperFormula lacks. #NULL!: Excel gives it for the intersection of two ranges that do not meet
 * (`=A1:A3 B1:B3`) and for the literal `#NULL!` ("How to correct a #NULL! error"). The headless host writes both as
 * ERROR.NULL(reason) (../null-error.ts), an error of the engine's generic kind whose message starts with "#NULL!":
 * recalc.ts writes it back as #NULL!, ERROR.TYPE counts it 1, and ISERROR/IFERROR see an error as in Excel.
 * Excel 365's #CALC!, #FIELD!, #BLOCKED!, #CONNECT!, #BUSY!, #UNKNOWN!, #EXTERNAL! and #GETTING_DATA: the engine's
 * #VALUE! with a message starting with the code, the one form for all of them (array-shape.ts calcError gives #CALC!
 * so; ERROR.RICH(code, reason) stands for a cell holding one of them, ../null-error.ts errorConstant). #SPILL! is the
 * engine's own.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';

/** Message prefix that marks the engine's generic error as Excel's #NULL!. */
export const NULL_ERROR_PREFIX = '#NULL!';

/** Excel errors the engine carries as #VALUE! with a message starting with the code. */
export const VALUE_BORNE_ERRORS = [
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#EXTERNAL!',
  '#GETTING_DATA',
] as const;

/**
 * The Excel error an engine error stands for when the engine has no such error (#NULL!, #CALC!, ...), or null when
 * it is the engine's own (#VALUE! proper, #N/A, #SPILL!, ...).
 */
export function excelOnlyError(e: { type: string; message?: string }): string | null {
  const message = e.message ?? '';
  if (e.type === ErrorType.ERROR && message.startsWith(NULL_ERROR_PREFIX)) return '#NULL!';
  if (e.type !== ErrorType.VALUE) return null;
  return VALUE_BORNE_ERRORS.find((code) => message === code || message.startsWith(code + ' ')) ?? null;
}

export class NullErrorPlugin extends FunctionPlugin {
  static implementedFunctions = {
    'ERROR.NULL': { method: 'errornull', parameters: [{ argumentType: FunctionArgumentType.STRING }] },
    'ERROR.RICH': {
      method: 'errorrich',
      parameters: [{ argumentType: FunctionArgumentType.STRING }, { argumentType: FunctionArgumentType.STRING }],
    },
  };

  errornull(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('ERROR.NULL'),
      (why: string) => new CellError(ErrorType.ERROR, `${NULL_ERROR_PREFIX} ${why}`),
    );
  }

  /** ERROR.RICH(code, reason): the error `code` (#CALC!, #SPILL!, ...) in the form the engine carries it. */
  errorrich(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('ERROR.RICH'), (code: string, why: string) => {
      const upper = code.toUpperCase();
      if (upper === '#SPILL!') return new CellError(ErrorType.SPILL, why);
      if ((VALUE_BORNE_ERRORS as readonly string[]).includes(upper))
        return new CellError(ErrorType.VALUE, `${upper} ${why}`);
      return new CellError(ErrorType.VALUE, `ERROR.RICH: ${code} is not an Excel error the engine lacks`);
    });
  }
}
