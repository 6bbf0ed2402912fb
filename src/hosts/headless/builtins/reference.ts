/**
 * CHOOSE and ADDRESS as Excel computes them (../shared/fidelity/ironcalc/LOOKUP_AND_REFERENCE, CHOOSE.xlsx and
 * ADDRESS.xlsx):
 * - CHOOSE(index_num, value1, ...) (https://support.microsoft.com/office/choose-function-fc5c184f-cb62-4ec7-a46e-38653b98f5bc):
 *   "If index_num is a fraction, it is truncated to the lowest integer"; below 1 or beyond the last value is #VALUE!
 *   (not #NUM!); TRUE is 1, FALSE 0; a value that is a range comes back whole, so SUM(CHOOSE(2,A1:A2,A1:A3)) sums A1:A3.
 * - ADDRESS(row_num, column_num, [abs_num], [a1], [sheet_text])
 *   (https://support.microsoft.com/office/address-function-d0c26c0d-3991-446b-8de4-ab46431d4f89): row and column are
 *   truncated and must lie in the sheet (1..1,048,576, 1..16,384) in both styles, abs_num is 1 to 4, anything else is
 *   #VALUE!; a sheet name that is not a plain word is quoted as Excel writes it in a reference ('My Sheet'!$A$1).
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';
import { literalNumber } from './array-shape';

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** Column number (1-based) to its letters: 1 is A, 28 is AB. */
function columnLetters(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** A sheet name as Excel writes it before "!": quoted (with ' doubled) unless it is a plain word. */
export function quoteSheet(name: string): string {
  if (
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[RC]\d*$/i.test(name) &&
    !/^R\d*C\d*$/i.test(name)
  )
    return name;
  return `'${name.replace(/'/g, "''")}'`;
}

export class ReferencePlugin extends ExcelPlugin {
  static implementedFunctions = {
    CHOOSE: {
      method: 'choose',
      sizeOfResultArrayMethod: 'chooseSize',
      parameters: [{ argumentType: FunctionArgumentType.SCALAR }, { argumentType: FunctionArgumentType.ANY }],
      repeatLastArgs: 1,
    },
    ADDRESS: {
      method: 'address',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
  };

  /**
   * Evaluates only index_num and the chosen value, as Excel does: an error among the values not chosen is no error
   * (CHOOSE(1, 0, 1/0) is 0), and a range comes back whole rather than intersected with the formula's row.
   */
  choose(ast: ProcedureAst, state: InterpreterState): unknown {
    const args = ast.args as unknown as Parameters<ExcelPlugin['evaluateAst']>[0][];
    if (args.length < 2) return new CellError(ErrorType.NA, 'CHOOSE: needs index_num and at least one value');
    let index: unknown = this.evaluateAst(args[0], state);
    if (index instanceof SimpleRangeValue) {
      if (index.width() * index.height() !== 1)
        return new CellError(ErrorType.VALUE, 'CHOOSE: index_num must be one value, not a range');
      index = index.data[0][0];
    }
    const n = this.int(index, 'CHOOSE', 'index_num');
    if (n instanceof CellError) return n;
    if (n < 1 || n >= args.length)
      return new CellError(
        ErrorType.VALUE,
        `CHOOSE: index_num ${n} is not between 1 and ${args.length - 1}, the number of values`,
      );
    const v: unknown = this.evaluateAst(args[n], state);
    // the engine spills values, not a reference: hand the range's values over as an array
    return v instanceof SimpleRangeValue ? SimpleRangeValue.onlyValues(v.data as never) : v;
  }

  /** The spill size: the chosen value's when index_num is written as a number, else the largest value's. */
  chooseSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const args = ast.args as unknown[];
    // sized as a range in an array formula: a plain reference's size is its range's, not one cell
    const arrayState = { ...state, arraysFlag: true };
    // (a reference's size is flagged as a reference, which the engine takes for one cell: keep only width and height)
    const sizeOf = (a: unknown) => {
      const s = (this as unknown as { arraySizeForAst(a: unknown, s: unknown): ArraySize }).arraySizeForAst(
        a,
        arrayState,
      );
      return new ArraySize(s.width, s.height);
    };
    const lit = literalNumber(args[0]);
    if (lit !== undefined) {
      const k = Math.trunc(lit);
      if (k >= 1 && k < args.length) return sizeOf(args[k]);
      return ArraySize.scalar();
    }
    const sizes = args.slice(1).map(sizeOf);
    return new ArraySize(Math.max(1, ...sizes.map((s) => s.width)), Math.max(1, ...sizes.map((s) => s.height)));
  }

  address(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('ADDRESS'),
      (rowArg: unknown, colArg: unknown, absArg?: unknown, a1Arg?: unknown, sheetArg?: unknown) => {
        const row = this.int(rowArg, 'ADDRESS', 'row_num');
        if (row instanceof CellError) return row;
        const col = this.int(colArg, 'ADDRESS', 'column_num');
        if (col instanceof CellError) return col;
        const abs = absArg === undefined || absArg === EmptyValue ? 1 : this.int(absArg, 'ADDRESS', 'abs_num');
        if (abs instanceof CellError) return abs;
        const a1 = a1Arg === undefined || a1Arg === EmptyValue ? 1 : this.num(a1Arg, 'ADDRESS', 'a1');
        if (a1 instanceof CellError) return a1;
        if (row < 1 || row > MAX_ROW)
          return new CellError(ErrorType.VALUE, `ADDRESS: row_num ${row} is not a row of the sheet (1 to ${MAX_ROW})`);
        if (col < 1 || col > MAX_COL)
          return new CellError(
            ErrorType.VALUE,
            `ADDRESS: column_num ${col} is not a column of the sheet (1 to ${MAX_COL})`,
          );
        if (abs < 1 || abs > 4) return new CellError(ErrorType.VALUE, `ADDRESS: abs_num ${abs} must be 1, 2, 3 or 4`);
        if (sheetArg instanceof CellError) return sheetArg;
        const sheet = sheetArg === undefined || sheetArg === EmptyValue ? '' : `${quoteSheet(String(sheetArg))}!`;
        const rowAbs = abs === 1 || abs === 2;
        const colAbs = abs === 1 || abs === 3;
        if (a1) return `${sheet}${colAbs ? '$' : ''}${columnLetters(col)}${rowAbs ? '$' : ''}${row}`;
        return `${sheet}R${rowAbs ? row : `[${row}]`}C${colAbs ? col : `[${col}]`}`;
      },
    );
  }
}
