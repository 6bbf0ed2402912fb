/**
 * Excel's information functions that HyperFormula lacks or reads differently: ISODD/ISEVEN (truncating, #VALUE! for
 * TRUE/FALSE), ISREF (a reference, not a #REF! error), TYPE, ERROR.TYPE and CELL.
 *
 * https://support.microsoft.com/office/isodd-function-1208a56d-4f10-4f44-a5fc-648cafd6c07a
 * https://support.microsoft.com/office/is-functions-0f2d7971-6019-40a0-a171-f2d869135665
 * https://support.microsoft.com/office/type-function-45b4e688-4bc3-48b3-a105-ffa892995899
 * https://support.microsoft.com/office/error-type-function-10958677-7c8d-44f7-ae77-b9a9ee6eefaa
 * https://support.microsoft.com/office/cell-function-51bd39a5-f338-4dbe-a33f-955d67c2b2cf
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { toNumber } from './text-values';

/** ERROR.TYPE's numbers: #NULL! 1, #DIV/0! 2, #VALUE! 3, #REF! 4, #NAME? 5, #NUM! 6, #N/A 7, #SPILL! 9, #CALC! 14. */
const ERROR_NUMBERS: Record<string, number> = {
  [ErrorType.DIV_BY_ZERO]: 2,
  [ErrorType.VALUE]: 3,
  [ErrorType.REF]: 4,
  [ErrorType.NAME]: 5,
  [ErrorType.NUM]: 6,
  [ErrorType.NA]: 7,
  [ErrorType.SPILL]: 9,
  [ErrorType.CYCLE]: 4,
  NULL: 1,
  CALC: 14,
};

interface RefAst {
  type: string;
  procedureName?: string;
  reference?: { toSimpleCellAddress(base: Address): Address };
  start?: { toSimpleCellAddress(base: Address): Address };
}
interface Address {
  sheet: number;
  row: number;
  col: number;
}

const REFERENCE_NODES = new Set(['CELL_REFERENCE', 'CELL_RANGE', 'COLUMN_RANGE', 'ROW_RANGE']);
/** Functions whose result is a reference (ISREF of them is TRUE). */
const REFERENCE_FUNCTIONS = new Set(['OFFSET', 'INDIRECT']);

function columnName(col: number): string {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

export class InformationPlugin extends FunctionPlugin {
  static implementedFunctions = {
    ISODD: { method: 'isodd', parameters: [{ argumentType: FunctionArgumentType.SCALAR }] },
    ISEVEN: { method: 'iseven', parameters: [{ argumentType: FunctionArgumentType.SCALAR }] },
    ISREF: { method: 'isref', parameters: [{ argumentType: FunctionArgumentType.ANY }], vectorizationForbidden: true },
    TYPE: { method: 'type', parameters: [{ argumentType: FunctionArgumentType.ANY }] },
    // SINGLE is how Excel stores the @ operator (=@A1:A5): one value, from a range the one at the formula's row or
    // column (implicit intersection), which the engine's scalar argument gives.
    SINGLE: {
      method: 'single',
      parameters: [{ argumentType: FunctionArgumentType.SCALAR }],
      vectorizationForbidden: true,
    },
    'ERROR.TYPE': { method: 'errortype', parameters: [{ argumentType: FunctionArgumentType.SCALAR }] },
    CELL: {
      method: 'cell',
      parameters: [
        { argumentType: FunctionArgumentType.ANY },
        { argumentType: FunctionArgumentType.ANY, optionalArg: true },
      ],
      vectorizationForbidden: true,
    },
  };

  isodd(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.parity(ast, state, 'ISODD', 1);
  }

  iseven(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.parity(ast, state, 'ISEVEN', 0);
  }

  /** "If number is not an integer, it is truncated"; a logical value is #VALUE! (it is not a number here). */
  private parity(ast: ProcedureAst, state: InterpreterState, fn: string, remainder: number): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (v: unknown) => {
      if (typeof v === 'boolean')
        return new CellError(ErrorType.VALUE, `${fn}: ${v ? 'TRUE' : 'FALSE'} is not a number`);
      const n = toNumber(v, `${fn} number`);
      if (n instanceof CellError) return n;
      return Math.abs(Math.trunc(n)) % 2 === remainder;
    });
  }

  isref(ast: ProcedureAst, _state: InterpreterState): unknown {
    const args = ast.args as unknown as RefAst[];
    if (args.length !== 1) return new CellError(ErrorType.NA, 'ISREF: give one value');
    const arg = args[0];
    if (REFERENCE_NODES.has(arg.type)) return true;
    if (arg.type === 'FUNCTION_CALL' && REFERENCE_FUNCTIONS.has(String(arg.procedureName).toUpperCase())) return true;
    return false;
  }

  /** 1 number (and empty), 2 text, 4 logical, 16 error, 64 array. */
  type(ast: ProcedureAst, state: InterpreterState): unknown {
    if (ast.args.length !== 1) return new CellError(ErrorType.NA, 'TYPE: give one value');
    // Evaluated here: the engine's argument handling would return an error instead of TYPE's 16.
    let v = this.evaluateAst(ast.args[0] as never, state) as unknown;
    if (v instanceof SimpleRangeValue) {
      if (v.width() * v.height() > 1) return 64;
      v = v.valuesFromTopLeftCorner()[0];
    }
    if (v instanceof CellError) return 16;
    if (typeof v === 'string') return 2;
    if (typeof v === 'boolean') return 4;
    return 1;
  }

  single(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('SINGLE'), (v: unknown) =>
      v === undefined
        ? new CellError(ErrorType.VALUE, "SINGLE: the range does not meet the formula's row or column")
        : ((v === EmptyValue ? 0 : v) as never),
    );
  }

  errortype(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('ERROR.TYPE'), (v: unknown) => {
      if (!(v instanceof CellError)) return new CellError(ErrorType.NA, 'ERROR.TYPE: the value is not an error');
      // The engine has no #CALC! error: plugins give #VALUE! with a message that starts "#CALC!" (array-shape.ts).
      if (v.type === ErrorType.VALUE && /^#CALC!/.test(v.message ?? '')) return ERROR_NUMBERS.CALC;
      return (
        ERROR_NUMBERS[v.type] ??
        (/NULL/.test(v.message ?? '') ? 1 : new CellError(ErrorType.NA, `ERROR.TYPE: unknown error ${v.type}`))
      );
    });
  }

  /** CELL(info_type, [reference]): "address", "col", "row", "contents", "type" of the reference's top-left cell. */
  cell(ast: ProcedureAst, state: InterpreterState): unknown {
    const args = ast.args as unknown as RefAst[];
    if (args.length < 1 || args.length > 2)
      return new CellError(ErrorType.NA, 'CELL: give info_type and an optional reference');
    const info = this.evaluateAst(args[0] as never, state) as unknown;
    if (info instanceof CellError) return info;
    if (typeof info !== 'string')
      return new CellError(ErrorType.VALUE, 'CELL: info_type must be text such as "address" or "row"');
    const kind = info.toLowerCase();
    const ref = args[1];
    const base = (state as unknown as { formulaAddress: Address }).formulaAddress;
    let address: Address | undefined;
    if (!ref || ref.type === 'EMPTY') address = base;
    else if (ref.type === 'CELL_REFERENCE' && ref.reference) address = ref.reference.toSimpleCellAddress(base);
    else if (ref.type === 'CELL_RANGE' && ref.start) address = ref.start.toSimpleCellAddress(base);
    const value = (): unknown => {
      if (!ref || ref.type === 'EMPTY') return EmptyValue;
      const v = this.evaluateAst(ref as never, state) as unknown;
      return v instanceof SimpleRangeValue ? v.valuesFromTopLeftCorner()[0] : v;
    };
    switch (kind) {
      case 'address':
        if (!address) return new CellError(ErrorType.VALUE, 'CELL: reference must be a cell or a range');
        return `$${columnName(address.col)}$${address.row + 1}`;
      case 'col':
        return address ? address.col + 1 : new CellError(ErrorType.VALUE, 'CELL: reference must be a cell or a range');
      case 'row':
        return address ? address.row + 1 : new CellError(ErrorType.VALUE, 'CELL: reference must be a cell or a range');
      case 'contents': {
        const v = value();
        return v === EmptyValue ? 0 : v;
      }
      case 'type': {
        const v = value();
        if (v === EmptyValue || v === undefined || v === null) return 'b';
        return typeof v === 'string' ? 'l' : 'v';
      }
      default:
        if (['color', 'filename', 'format', 'parentheses', 'prefix', 'protect', 'width'].includes(kind)) {
          return new CellError(
            ErrorType.VALUE,
            `CELL: info_type "${info}" needs workbook formatting the headless engine does not have`,
          );
        }
        return new CellError(ErrorType.VALUE, `CELL: info_type "${info}" is not one Excel knows`);
    }
  }
}
