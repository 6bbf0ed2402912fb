/**
 * CEILING, FLOOR and their .MATH / .PRECISE / ISO.CEILING variants as Excel computes them (Microsoft's docs of each):
 * - CEILING(n, s) / FLOOR(n, s): a positive n with a negative s is #NUM!; both negative rounds away from zero
 *   (CEILING) or toward zero (FLOOR); s = 0 gives 0 for CEILING and #DIV/0! for FLOOR.
 * - CEILING.MATH / FLOOR.MATH(n, [s=1], [mode=0]): the sign of s is ignored; a negative n rounds toward zero
 *   (CEILING.MATH) or away from zero (FLOOR.MATH) unless mode is non-zero, which reverses it.
 * - CEILING.PRECISE / ISO.CEILING / FLOOR.PRECISE(n, [s=1]): always up (down), whatever the signs.
 * The result is k x s with k a whole number: a quotient n/s within a few ulps of a whole number counts as that
 * number, as in Excel (FLOOR(7.1, 0.1) is 71 x 0.1 = 7.1000000000000005 there, not 7).
 */
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin, firstError } from './excel-args';

const SCALAR = { argumentType: FunctionArgumentType.SCALAR };
const OPTIONAL = { argumentType: FunctionArgumentType.SCALAR, optionalArg: true };

/** The quotient snapped to a whole number when it is one up to floating-point noise. */
function quotient(n: number, s: number): number {
  const q = n / s;
  const r = Math.round(q);
  return Math.abs(q - r) <= 1e-14 * Math.abs(q) ? r : q;
}

const up = (n: number, s: number): number => Math.ceil(quotient(n, s)) * s || 0;
const down = (n: number, s: number): number => Math.floor(quotient(n, s)) * s || 0;

type Rounder = (n: number, s: number, mode: number) => number | CellError;

const ROUNDERS: Record<string, Rounder> = {
  CEILING: (n, s) =>
    s === 0
      ? 0
      : n > 0 && s < 0
        ? new CellError(ErrorType.NUM, 'CEILING: a positive number needs a positive significance')
        : up(n, s),
  FLOOR: (n, s) =>
    s === 0
      ? n === 0
        ? 0
        : new CellError(ErrorType.DIV_BY_ZERO, 'FLOOR: significance is 0')
      : n > 0 && s < 0
        ? new CellError(ErrorType.NUM, 'FLOOR: a positive number needs a positive significance')
        : down(n, s),
  'CEILING.MATH': (n, s, mode) => (s === 0 ? 0 : n < 0 && mode !== 0 ? down(n, Math.abs(s)) : up(n, Math.abs(s))),
  'FLOOR.MATH': (n, s, mode) => (s === 0 ? 0 : n < 0 && mode !== 0 ? up(n, Math.abs(s)) : down(n, Math.abs(s))),
  'CEILING.PRECISE': (n, s) => (s === 0 ? 0 : up(n, Math.abs(s))),
  'ISO.CEILING': (n, s) => (s === 0 ? 0 : up(n, Math.abs(s))),
  'FLOOR.PRECISE': (n, s) => (s === 0 ? 0 : down(n, Math.abs(s))),
};

export class CeilingFloorPlugin extends ExcelPlugin {
  static implementedFunctions = {
    CEILING: { method: 'ceiling', parameters: [SCALAR, SCALAR] },
    FLOOR: { method: 'floor', parameters: [SCALAR, SCALAR] },
    'CEILING.MATH': { method: 'ceilingMath', parameters: [SCALAR, OPTIONAL, OPTIONAL] },
    'FLOOR.MATH': { method: 'floorMath', parameters: [SCALAR, OPTIONAL, OPTIONAL] },
    'CEILING.PRECISE': { method: 'ceilingPrecise', parameters: [SCALAR, OPTIONAL] },
    'ISO.CEILING': { method: 'isoCeiling', parameters: [SCALAR, OPTIONAL] },
    'FLOOR.PRECISE': { method: 'floorPrecise', parameters: [SCALAR, OPTIONAL] },
  };

  private round(name: string, ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata(name),
      (number: unknown, significance: unknown, mode: unknown) => {
        const n = this.num(number, name, 'number');
        const s = significance === undefined ? 1 : this.num(significance, name, 'significance');
        const m = mode === undefined ? 0 : this.num(mode, name, 'mode');
        const err = firstError(n, s, m);
        if (err) return err;
        return ROUNDERS[name](n as number, s as number, m as number);
      },
    );
  }

  ceiling(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.round('CEILING', ast, state);
  }
  floor(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.round('FLOOR', ast, state);
  }
  ceilingMath(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.round('CEILING.MATH', ast, state);
  }
  floorMath(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.round('FLOOR.MATH', ast, state);
  }
  ceilingPrecise(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.round('CEILING.PRECISE', ast, state);
  }
  isoCeiling(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.round('ISO.CEILING', ast, state);
  }
  floorPrecise(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.round('FLOOR.PRECISE', ast, state);
  }
}
