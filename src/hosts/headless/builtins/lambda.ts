/**
 * LET and the LAMBDA family (LAMBDA, MAP, REDUCE, SCAN, BYROW, BYCOL, MAKEARRAY, ISOMITTED) where the engine cannot
 * carry them. HyperFormula has no function values and its parser reads LET/LAMBDA parameter names as named
 * expressions, so: a LET is rewritten away before it reaches the engine (../let-rewrite.ts); what is left (a LAMBDA,
 * a LET binding RAND() used twice) answers #NAME? with the message "<NAME> is not supported headless", without
 * evaluating its arguments. The recalc layer recognises that message and keeps Excel's cached value for the cell.
 */
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';

export const UNSUPPORTED_HEADLESS = [
  'LET',
  'LAMBDA',
  'MAP',
  'REDUCE',
  'SCAN',
  'BYROW',
  'BYCOL',
  'MAKEARRAY',
  'ISOMITTED',
] as const;

/** The message of the #NAME? these functions answer (the recalc layer matches on "is not supported headless"). */
export function unsupportedMessage(name: string): string {
  return `${name} is not supported headless: the engine cannot evaluate functions passed as values (LAMBDA) or this LET; Excel's cached value is kept`;
}

export class LambdaPlugin extends ExcelPlugin {
  static implementedFunctions = Object.fromEntries(
    UNSUPPORTED_HEADLESS.map((id) => [
      id,
      {
        method: `unsupported${id}`,
        parameters: [{ argumentType: FunctionArgumentType.ANY, optionalArg: true }],
        repeatLastArgs: 1,
      },
    ]),
  );
}

for (const id of UNSUPPORTED_HEADLESS) {
  (LambdaPlugin.prototype as unknown as Record<string, unknown>)[`unsupported${id}`] = function (
    _ast: ProcedureAst,
    _state: InterpreterState,
  ) {
    return new CellError(ErrorType.NAME, unsupportedMessage(id));
  };
}
