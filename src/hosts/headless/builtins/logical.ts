/**
 * AND, OR, XOR as Excel reads their arguments, and IFS evaluated lazily.
 *
 * AND/OR/XOR (https://support.microsoft.com/office/and-function-5f19b2e8-e1df-4408-897a-ce285a19e9d9): "If an array
 * or reference argument contains text or empty cells, those values are ignored. If the specified range contains no
 * logical values, AND returns the #VALUE! error value." Typed directly, "TRUE"/"FALSE" are read as logical values,
 * an empty text is skipped, other text is #VALUE!; numbers are TRUE unless 0; the first error is the result.
 * HyperFormula counts text and empty cells as FALSE.
 *
 * IFS (https://support.microsoft.com/office/ifs-function-36329a26-37b2-467c-972b-4a39bd951d45) stops at the first
 * TRUE condition: later conditions and values are not evaluated, so an error there does not matter (HyperFormula
 * evaluated every argument first).
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { numericValue } from './text-values';

/** AST node types whose value is a reference: text and empty cells in them are skipped. */
const REFERENCE_NODES = new Set(['CELL_REFERENCE', 'CELL_RANGE', 'COLUMN_RANGE', 'ROW_RANGE']);

type Combine = 'AND' | 'OR' | 'XOR';

interface ArgAst {
  type: string;
}

export class LogicalPlugin extends FunctionPlugin {
  static implementedFunctions = {
    AND: { method: 'and', parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 },
    OR: { method: 'or', parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 },
    XOR: { method: 'xor', parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 },
    // HyperFormula's own parameter list (so spills are sized as before), without IF's default for value_if_false: a
    // missing element of a smaller array must stay recognisable (undefined) to give Excel's #N/A.
    IF: {
      method: 'conditionalIf',
      parameters: [
        { argumentType: FunctionArgumentType.BOOLEAN },
        { argumentType: FunctionArgumentType.SCALAR, passSubtype: true },
        { argumentType: FunctionArgumentType.SCALAR, passSubtype: true, optionalArg: true },
      ],
    },
    IFERROR: {
      method: 'iferror',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR, passSubtype: true },
        { argumentType: FunctionArgumentType.SCALAR, passSubtype: true },
      ],
    },
    IFS: {
      method: 'ifs',
      parameters: [{ argumentType: FunctionArgumentType.ANY }, { argumentType: FunctionArgumentType.ANY }],
      repeatLastArgs: 2,
    },
  };

  and(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.combine(ast, state, 'AND');
  }

  or(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.combine(ast, state, 'OR');
  }

  xor(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.combine(ast, state, 'XOR');
  }

  /** The logical values of every argument, combined; #VALUE! when there is none. */
  private combine(ast: ProcedureAst, state: InterpreterState, fn: Combine): unknown {
    const args = ast.args as unknown as ArgAst[];
    if (!args.length) return new CellError(ErrorType.NA, `${fn}: give at least one logical value`);
    let count = 0;
    let trues = 0;
    for (const arg of args) {
      if (arg.type === 'EMPTY') continue;
      const value = this.evaluateAst(arg as never, state) as unknown;
      const fromReference = REFERENCE_NODES.has(arg.type) || value instanceof SimpleRangeValue;
      const values = value instanceof SimpleRangeValue ? value.valuesFromTopLeftCorner() : [value];
      for (const v of values) {
        if (v instanceof CellError) return v;
        let b: boolean | undefined;
        if (typeof v === 'boolean') b = v;
        else if (numericValue(v) !== undefined) b = numericValue(v) !== 0;
        else if (typeof v === 'string' && !fromReference) {
          const u = v.toUpperCase();
          if (u === 'TRUE' || u === 'FALSE') b = u === 'TRUE';
          else if (v !== '') return new CellError(ErrorType.VALUE, `${fn}: "${v}" is not a logical value`);
        }
        // Text and empty cells in a reference, and empty text typed directly, are skipped.
        if (b === undefined || v === EmptyValue) continue;
        count++;
        if (b) trues++;
      }
    }
    if (!count)
      return new CellError(
        ErrorType.VALUE,
        `${fn}: no logical value among the arguments (text and empty cells are skipped)`,
      );
    if (fn === 'AND') return trues === count;
    if (fn === 'OR') return trues > 0;
    return trues % 2 === 1;
  }

  /**
   * IF: as HyperFormula's, except where array arguments differ in size. Excel repeats an array of one row (column)
   * along the result and fills the rest of a smaller array's share with #N/A: =IF({TRUE,FALSE},{1,2,3},{10,11,12})
   * is {1,11,#N/A}. The engine hands such a missing element over as undefined.
   */
  conditionalIf(ast: ProcedureAst, state: InterpreterState): unknown {
    const given = (ast.args as unknown as ArgAst[]).length;
    return this.runFunction(
      ast.args,
      state,
      this.metadata('IF'),
      (cond: unknown, ifTrue: unknown, ifFalse: unknown) => {
        if (cond === undefined) return missingElement('IF');
        if (cond) return (ifTrue === undefined ? missingElement('IF') : ifTrue) as never;
        if (ifFalse === undefined) return given < 3 ? false : missingElement('IF');
        return ifFalse as never;
      },
    );
  }

  /** IFERROR: value_if_error where value is an error; #N/A where one array is smaller than the other (as IF). */
  iferror(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('IFERROR'), (value: unknown, ifError: unknown) => {
      if (value === undefined) return missingElement('IFERROR');
      if (!(value instanceof CellError)) return (value === EmptyValue ? 0 : value) as never;
      return (ifError === undefined ? missingElement('IFERROR') : ifError === EmptyValue ? 0 : ifError) as never;
    });
  }

  ifs(ast: ProcedureAst, state: InterpreterState): unknown {
    const args = ast.args as unknown as ArgAst[];
    if (args.length < 2 || args.length % 2 === 1) {
      return new CellError(
        ErrorType.NA,
        'IFS: give conditions and values in pairs (logical_test1, value_if_true1, ...)',
      );
    }
    for (let i = 0; i < args.length; i += 2) {
      let cond = this.evaluateAst(args[i] as never, state) as unknown;
      if (cond instanceof SimpleRangeValue) cond = cond.valuesFromTopLeftCorner()[0];
      if (cond instanceof CellError) return cond;
      let b: boolean;
      if (typeof cond === 'boolean') b = cond;
      else if (numericValue(cond) !== undefined) b = numericValue(cond) !== 0;
      else if (cond === EmptyValue || cond === undefined) b = false;
      else if (typeof cond === 'string' && /^(TRUE|FALSE)$/i.test(cond)) b = cond.toUpperCase() === 'TRUE';
      else
        return new CellError(ErrorType.VALUE, `IFS: logical_test${i / 2 + 1} "${String(cond)}" is not TRUE or FALSE`);
      if (b) {
        const v = this.evaluateAst(args[i + 1] as never, state) as unknown;
        return v === EmptyValue ? 0 : v;
      }
    }
    return new CellError(ErrorType.NA, 'IFS: no condition is TRUE');
  }
}

function missingElement(fn: string): CellError {
  return new CellError(ErrorType.NA, `${fn}: the arrays differ in size and this position is beyond the smaller one`);
}
