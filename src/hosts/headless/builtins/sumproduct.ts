/**
 * SUMPRODUCT(array1, [array2], ...) with its arguments evaluated as arrays, as Excel does in any formula (not only in an
 * array formula): `=SUMPRODUCT((B5:B186=A5)*(C5:C186>=1)*K5:K186)` and `IFERROR(range,0)` inside it compare and
 * multiply cell by cell. The engine keeps array arithmetic off elsewhere, because a formula Excel saved without the
 * array flag intersects a range with the formula's row or column (`=FLOOR($A3,$AD$47:$AH$47)`), and turning array
 * arithmetic on everywhere made 162 such cells of the corpus spill instead.
 *
 * Excel (https://support.microsoft.com/office/sumproduct-function-16753e75-9f68-4874-94ac-4d2145a2fd2e): the arrays
 * must have the same dimensions (#VALUE! otherwise); entries that are not numbers (text, TRUE/FALSE, empty) count as 0;
 * an error in any array is the result.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';

/** A number, or a number-typed value (date, percent, currency) HyperFormula wraps with its raw value in `val`. */
function rawNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && 'val' in v && typeof (v as { val: unknown }).val === 'number')
    return (v as { val: number }).val;
  return undefined;
}

export class SumproductPlugin extends FunctionPlugin {
  static implementedFunctions = {
    SUMPRODUCT: {
      method: 'sumproduct',
      parameters: [{ argumentType: FunctionArgumentType.RANGE }],
      repeatLastArgs: 1,
      enableArrayArithmeticForArguments: true,
    },
  };

  sumproduct(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('SUMPRODUCT'), (...args: SimpleRangeValue[]) => {
      const height = args[0].height();
      const width = args[0].width();
      for (let i = 0; i < args.length; i++) {
        if (args[i].height() !== height || args[i].width() !== width) {
          return new CellError(
            ErrorType.VALUE,
            `SUMPRODUCT: array${i + 1} is ${args[i].height()}x${args[i].width()}, array1 is ${height}x${width}; the arrays must have the same size`,
          );
        }
      }
      const data = args.map((a) => a.data);
      let sum = 0;
      for (let r = 0; r < height; r++) {
        for (let c = 0; c < width; c++) {
          let product = 1;
          for (const d of data) {
            const v = d[r][c];
            if (v instanceof CellError) return v;
            product *= rawNumber(v) ?? 0;
          }
          sum += product;
        }
      }
      return sum;
    });
  }
}
