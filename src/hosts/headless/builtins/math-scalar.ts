/**
 * Excel's scalar math functions where HyperFormula's coercion or error codes differ: EXP, SIGN, LOG, POWER, QUOTIENT,
 * COMBIN, COMBINA, BASE, PI and SQRTPI (Microsoft's doc of each). Every number argument is read as Excel reads it (./excel-args:
 * the empty text "" and a date with spaces around it are #VALUE!, " 10 " and "8%" are numbers), and text with the euro
 * sign ("€100", "100€") is a number as in the euro-locale Excel that saved the fidelity workbooks (EXP_SIGN.xlsx;
 * SQRT_SQRTPI.xlsx notes "if the locale currency is € Excel treats this as a number"). The errors follow the docs:
 * - EXP: a result beyond a double is #NUM!.
 * - LOG(number, base): number or base <= 0 is #NUM!, base 1 is #DIV/0! (log(1) = 0 divides).
 * - POWER: 0^0 is #NUM!, 0^negative #DIV/0!, a negative base to a fractional power or an overflow #NUM!.
 * - QUOTIENT (an Analysis ToolPak function, like MROUND): a logical value is #VALUE!; a divisor of 0 is #DIV/0!.
 * - COMBIN/COMBINA truncate both arguments; COMBIN refuses number < number_chosen, COMBINA allows it (COMBINA(3,10)
 *   = 66) except for number 0 (COMBINA(0,5) is #NUM!, COMBINA(0,0) = 1); a result beyond a double is #NUM!.
 * - PI is pi to a double's precision (the engine's rounds to 14 decimals, so PI()-1E-12 lost digits Excel keeps);
 *   SQRTPI of a negative number is #NUM!.
 * - BASE truncates the number (BASE(12.567, 2) = "1100"); number in [0, 2^53), radix in [2, 36], min_length in
 *   [0, 255], else #NUM!.
 */
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin, firstError } from './excel-args';

const SCALAR = { argumentType: FunctionArgumentType.SCALAR };
const OPTIONAL = { argumentType: FunctionArgumentType.SCALAR, optionalArg: true };

/** A number followed or preceded by the euro sign, spaces allowed around either. */
const EURO = /^\s*(?:€\s*([^€]*?)|([^€]*?)\s*€)\s*$/;

/** C(n, k) for integers 0 <= k <= n as a product of k ratios (each at least 1, so an overflow stops the loop early). */
export function combin(n: number, k: number): number {
  const kk = Math.min(k, n - k);
  let r = 1;
  for (let i = 1; i <= kk && Number.isFinite(r); i++) r = (r * (n - kk + i)) / i;
  return kk > 0 && Number.isInteger(n) && r < 2 ** 53 ? Math.round(r) : r;
}

/** The base of the math plugins here: Excel's number coercion with the euro sign. */
export class MathArgsPlugin extends ExcelPlugin {
  /** Excel's number coercion (./excel-args) with the euro sign read as the currency. */
  xnum(v: unknown, fn: string, arg: string): number | CellError {
    if (typeof v === 'string') {
      const m = EURO.exec(v);
      if (m) {
        const inner = (m[1] ?? m[2]).trim();
        if (/^[+-]?[\d.,]+(e[+-]?\d+)?$/i.test(inner)) return this.num(inner, fn, arg);
      }
    }
    return this.num(v, fn, arg);
  }
}

export class MathScalarPlugin extends MathArgsPlugin {
  static implementedFunctions = {
    EXP: { method: 'exp', parameters: [SCALAR] },
    SIGN: { method: 'sign', parameters: [SCALAR] },
    LOG: { method: 'log', parameters: [SCALAR, OPTIONAL] },
    POWER: { method: 'power', parameters: [SCALAR, SCALAR] },
    QUOTIENT: { method: 'quotient', parameters: [SCALAR, SCALAR] },
    COMBIN: { method: 'combin', parameters: [SCALAR, SCALAR] },
    COMBINA: { method: 'combina', parameters: [SCALAR, SCALAR] },
    BASE: { method: 'base', parameters: [SCALAR, SCALAR, OPTIONAL] },
    PI: { method: 'pi', parameters: [] },
    SQRTPI: { method: 'sqrtpi', parameters: [SCALAR] },
  };

  /** pi to a double's full precision, 3.141592653589793 as Excel caches it (the engine's own PI stops at 14 decimals). */
  pi(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('PI'), () => Math.PI);
  }

  sqrtpi(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.apply('SQRTPI', ['number'], ast, state, (x) =>
      x < 0 ? new CellError(ErrorType.NUM, `SQRTPI: number ${x} is negative`) : Math.sqrt(x * Math.PI),
    );
  }

  /** Runs `f` on the coerced arguments (`undefined` for an omitted optional one), the leftmost error first. */
  private apply(
    fn: string,
    names: string[],
    ast: ProcedureAst,
    state: InterpreterState,
    f: (...xs: number[]) => number | string | CellError,
    refuseLogical = false,
  ): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (...args: unknown[]) => {
      const xs: (number | CellError)[] = [];
      for (let i = 0; i < names.length; i++) {
        const v = args[i];
        if (v === undefined) break;
        if (refuseLogical && typeof v === 'boolean')
          xs.push(new CellError(ErrorType.VALUE, `${fn}: ${names[i]} is a logical value, not a number`));
        else xs.push(this.xnum(v, fn, names[i]));
      }
      const err = firstError(...xs);
      if (err) return err;
      const out = f(...(xs as number[]));
      if (typeof out === 'number' && !Number.isFinite(out))
        return new CellError(ErrorType.NUM, `${fn}: the result is too large for a number`);
      return out;
    });
  }

  exp(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.apply('EXP', ['number'], ast, state, Math.exp);
  }

  sign(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.apply('SIGN', ['number'], ast, state, (x) => (x > 0 ? 1 : x < 0 ? -1 : 0));
  }

  log(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.apply('LOG', ['number', 'base'], ast, state, (x, base = 10) => {
      if (x <= 0) return new CellError(ErrorType.NUM, `LOG: number ${x} must be greater than 0`);
      if (base <= 0) return new CellError(ErrorType.NUM, `LOG: base ${base} must be greater than 0`);
      if (base === 1) return new CellError(ErrorType.DIV_BY_ZERO, 'LOG: base 1 divides by log(1) = 0');
      return base === 10 ? Math.log10(x) : Math.log(x) / Math.log(base);
    });
  }

  power(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.apply('POWER', ['number', 'power'], ast, state, (x, p) => {
      if (x === 0 && p === 0) return new CellError(ErrorType.NUM, 'POWER: 0 to the power 0 is undefined');
      if (x === 0 && p < 0) return new CellError(ErrorType.DIV_BY_ZERO, 'POWER: 0 to a negative power divides by 0');
      const r = Math.pow(x, p);
      if (Number.isNaN(r))
        return new CellError(ErrorType.NUM, `POWER: a negative number ${x} to the fractional power ${p}`);
      return r;
    });
  }

  quotient(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.apply(
      'QUOTIENT',
      ['numerator', 'denominator'],
      ast,
      state,
      (n, d) => (d === 0 ? new CellError(ErrorType.DIV_BY_ZERO, 'QUOTIENT: denominator is 0') : Math.trunc(n / d)),
      true,
    );
  }

  combin(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.apply('COMBIN', ['number', 'number_chosen'], ast, state, (a, b) => {
      const n = Math.trunc(a);
      const k = Math.trunc(b);
      if (n < 0 || k < 0) return new CellError(ErrorType.NUM, 'COMBIN: number and number_chosen must be at least 0');
      if (n < k) return new CellError(ErrorType.NUM, `COMBIN: number ${n} is less than number_chosen ${k}`);
      return combin(n, k);
    });
  }

  combina(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.apply('COMBINA', ['number', 'number_chosen'], ast, state, (a, b) => {
      const n = Math.trunc(a);
      const k = Math.trunc(b);
      if (n < 0 || k < 0) return new CellError(ErrorType.NUM, 'COMBINA: number and number_chosen must be at least 0');
      if (k === 0) return 1;
      if (n === 0) return new CellError(ErrorType.NUM, 'COMBINA: number 0 with number_chosen above 0');
      return combin(n + k - 1, k);
    });
  }

  base(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.apply('BASE', ['number', 'radix', 'min_length'], ast, state, (x, r, len = 0) => {
      const n = Math.trunc(x);
      const radix = Math.trunc(r);
      const width = Math.trunc(len);
      if (n < 0 || n >= 2 ** 53) return new CellError(ErrorType.NUM, `BASE: number ${x} must be in [0, 2^53)`);
      if (radix < 2 || radix > 36) return new CellError(ErrorType.NUM, `BASE: radix ${r} must be from 2 to 36`);
      if (width < 0 || width > 255) return new CellError(ErrorType.NUM, `BASE: min_length ${len} must be 0 to 255`);
      return n.toString(radix).toUpperCase().padStart(width, '0');
    });
  }
}
