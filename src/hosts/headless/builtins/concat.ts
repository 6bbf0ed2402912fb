/**
 * CONCAT(text1, [text2], ...): joins texts, and every cell of a range, in order (Excel 2019; HyperFormula has only
 * CONCATENATE, which refuses ranges). Numbers join as Excel shows them in General format, TRUE/FALSE as words, empty
 * cells as nothing; the first error met is the result; over 32,767 characters is #VALUE! (Excel's cell limit).
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { generalText } from './text-values';

export class ConcatPlugin extends FunctionPlugin {
  static implementedFunctions = {
    CONCAT: {
      method: 'concat',
      parameters: [{ argumentType: FunctionArgumentType.ANY }],
      repeatLastArgs: 1,
      expandRanges: true,
    },
  };

  concat(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('CONCAT'), (...args: unknown[]) => {
      let out = '';
      for (const a of args) {
        const values = a instanceof SimpleRangeValue ? a.valuesFromTopLeftCorner() : [a];
        for (const v of values) {
          if (v instanceof CellError) return v;
          out += generalText(v);
          if (out.length > 32_767)
            return new CellError(ErrorType.VALUE, 'CONCAT: the result is longer than 32,767 characters');
        }
      }
      return out;
    });
  }
}
