/**
 * SEQUENCE(rows, [columns], [start], [step]) as Excel computes it (Microsoft's doc of SEQUENCE): "Any missing
 * optional arguments will default to 1", and Excel reads an omitted rows the same way (SEQUENCE(,12,,2.5) spills one
 * row of 12 in SEQUENCE.xlsx), which HyperFormula's SEQUENCE refuses. Sizes are truncated; a negative size is #VALUE!
 * and a size that truncates to 0 is #CALC! (an empty array: SEQUENCE(0,0) and SEQUENCE(0.3) in SEQUENCE.xlsx, cached
 * as Excel's rich error type 13), which the engine shows as #VALUE! with a "#CALC!" message (./array-shape calcError). The engine reserves the spill range when it reads the
 * formula, so the size comes from literal rows and columns; a computed size larger than that reservation is #SPILL!
 * with a message saying to type the sizes.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';
import { calcError, literalNumber, result } from './array-shape';

const OPTIONAL = { argumentType: FunctionArgumentType.SCALAR, optionalArg: true };

interface AstLike {
  type: string;
  value?: unknown;
  procedureName?: string;
  args?: unknown[];
}

/** A size typed in the formula (a number, numeric text, TRUE/FALSE), 1 when omitted, undefined when computed. */
function literalSize(ast: unknown): number | undefined {
  const a = ast as AstLike | undefined;
  if (!a || a.type === 'EMPTY') return 1;
  if (a.type === 'STRING') {
    const n = Number(a.value);
    return Number.isFinite(n) && String(a.value).trim() !== '' ? Math.trunc(n) : undefined;
  }
  if (a.type === 'FUNCTION_CALL' && a.args?.length === 0 && (a.procedureName === 'TRUE' || a.procedureName === 'FALSE'))
    return a.procedureName === 'TRUE' ? 1 : 0;
  const n = literalNumber(ast);
  return n === undefined ? undefined : Math.trunc(n);
}

export class SequencePlugin extends ExcelPlugin {
  static implementedFunctions = {
    SEQUENCE: {
      method: 'sequence',
      sizeOfResultArrayMethod: 'sequenceSize',
      parameters: [OPTIONAL, OPTIONAL, OPTIONAL, OPTIONAL],
      vectorizationForbidden: true,
    },
  };

  sequenceSize(ast: ProcedureAst): ArraySize {
    const args = ast.args as unknown[];
    if (args.length < 1 || args.length > 4) return ArraySize.error();
    const rows = literalSize(args[0]);
    const cols = literalSize(args[1]);
    if (rows === undefined || cols === undefined || rows < 1 || cols < 1) return ArraySize.scalar();
    if (rows > this.config.maxRows || cols > this.config.maxColumns) return ArraySize.error();
    return new ArraySize(cols, rows);
  }

  sequence(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('SEQUENCE'), (...args: unknown[]) => {
      const names = ['rows', 'columns', 'start', 'step'];
      const xs: number[] = [];
      for (let i = 0; i < 4; i++) {
        const v = args[i];
        const n = v === undefined || v === EmptyValue ? 1 : this.num(v, 'SEQUENCE', names[i]);
        if (n instanceof CellError) return n;
        xs.push(n);
      }
      const rows = Math.trunc(xs[0]);
      const cols = Math.trunc(xs[1]);
      const [, , start, step] = xs;
      if (xs[0] < 0 || xs[1] < 0)
        return new CellError(ErrorType.VALUE, `SEQUENCE: rows ${xs[0]} and columns ${xs[1]} must not be negative`);
      if (rows < 1 || cols < 1) return calcError('SEQUENCE', `${rows} rows x ${cols} columns is an empty array`);
      if (rows > this.config.maxRows || cols > this.config.maxColumns)
        return new CellError(ErrorType.VALUE, `SEQUENCE: ${rows} x ${cols} is larger than a sheet`);
      const room = this.sequenceSize(ast);
      if (rows * cols > 1 && (rows > room.height || cols > room.width))
        return new CellError(
          ErrorType.SPILL,
          `SEQUENCE: the ${rows} x ${cols} result is larger than the range reserved from the formula text; type rows and columns as numbers`,
        );
      return result(
        Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => start + (r * cols + c) * step)),
      );
    });
  }
}
