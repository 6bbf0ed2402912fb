/**
 * ROUND, ROUNDUP, ROUNDDOWN, TRUNC, INT and MROUND as Excel computes them (Microsoft's doc of each). Excel rounds the
 * number as it shows it, to 15 significant digits, in decimal: ROUND(2.675, 2) is 2.68 although the double nearest
 * 2.675 is 2.67499999999999982236431605997495353221893310546875. Digits are truncated to an integer (TRUNC(10.2, 0.5)
 * is TRUNC(10.2, 0)); a number of digits beyond a double's range leaves the number as it is. INT rounds down
 * (INT(-7.2) = -8). MROUND of a number and a multiple of different signs is #NUM!. A missing required argument
 * (MROUND(,5)) is #N/A, as in Excel.
 */
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin, firstError } from './excel-args';

type Mode = 'half' | 'up' | 'down';

/** `m x 10^e` as a double, from a mantissa that may itself be written with an exponent. */
function scale(m: number, e: number): number {
  const [mant, exp] = m.toExponential().split('e');
  return Number(`${mant}e${Number(exp) + e}`);
}

/** |x| rounded to `digits` decimal places in decimal arithmetic on its 15-significant-digit value. */
export function roundDecimal(x: number, digits: number, mode: Mode): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const sign = Math.sign(x);
  const shown = Math.abs(Number(x.toPrecision(15)));
  if (digits > 330) return x;
  const scaled = scale(shown, digits);
  if (scaled >= 2 ** 52) return x;
  const whole = mode === 'half' ? Math.floor(scaled + 0.5) : mode === 'up' ? Math.ceil(scaled) : Math.floor(scaled);
  return whole === 0 ? 0 : sign * scale(whole, -digits);
}

const SCALAR = { argumentType: FunctionArgumentType.SCALAR };
const OPTIONAL = { argumentType: FunctionArgumentType.SCALAR, optionalArg: true };

export class RoundingPlugin extends ExcelPlugin {
  static implementedFunctions = {
    ROUND: { method: 'round', parameters: [SCALAR, SCALAR] },
    ROUNDUP: { method: 'roundup', parameters: [SCALAR, SCALAR] },
    ROUNDDOWN: { method: 'rounddown', parameters: [SCALAR, SCALAR] },
    TRUNC: { method: 'trunc', parameters: [SCALAR, OPTIONAL] },
    INT: { method: 'int_', parameters: [SCALAR] },
    MROUND: { method: 'mround', parameters: [SCALAR, SCALAR] },
  };

  private two(
    fn: string,
    ast: ProcedureAst,
    state: InterpreterState,
    second: string,
    f: (a: number, b: number) => number | CellError,
  ): unknown {
    if ((ast.args as { type: string }[]).some((a) => a.type === 'EMPTY'))
      return new CellError(ErrorType.NA, `${fn}: an argument is missing`);
    return this.runFunction(ast.args, state, this.metadata(fn), (x: unknown, y: unknown) => {
      // MROUND came from the Analysis ToolPak and, like its other functions, refuses logical values (MROUND(TRUE,2)).
      if (fn === 'MROUND' && (typeof x === 'boolean' || typeof y === 'boolean'))
        return new CellError(ErrorType.VALUE, 'MROUND: a logical value is not a number');
      const a = this.num(x, fn, 'number');
      const b = y === undefined ? 0 : this.num(y, fn, second);
      const err = firstError(a, b);
      return err ?? f(a as number, b as number);
    });
  }

  private digits(fn: string, ast: ProcedureAst, state: InterpreterState, mode: Mode): unknown {
    return this.two(fn, ast, state, 'num_digits', (x, d) => {
      const k = Math.trunc(d);
      if (k < -330) return 0;
      return roundDecimal(x, k, mode);
    });
  }

  round(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.digits('ROUND', ast, state, 'half');
  }
  roundup(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.digits('ROUNDUP', ast, state, 'up');
  }
  rounddown(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.digits('ROUNDDOWN', ast, state, 'down');
  }
  trunc(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.digits('TRUNC', ast, state, 'down');
  }

  int_(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.two('INT', ast, state, 'number', (x) => Math.floor(x) || 0);
  }

  mround(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.two('MROUND', ast, state, 'multiple', (n, m) => {
      if (m === 0 || n === 0) return 0;
      if (Math.sign(n) !== Math.sign(m))
        return new CellError(ErrorType.NUM, 'MROUND: number and multiple have different signs');
      // k x multiple to 15 digits: MROUND(1.3, 0.2) is 1.4 (7 x 0.2 is 1.4000000000000001 in doubles).
      return Number((roundDecimal(n / m, 0, 'half') * m).toPrecision(15));
    });
  }
}
