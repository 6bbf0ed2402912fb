/**
 * BITAND, BITOR, BITXOR, BITLSHIFT, BITRSHIFT as Excel computes them (Microsoft's doc of each): numbers must be
 * whole and 0 <= n < 2^48 (else #NUM!), computed exactly on 48 bits (BITOR(2^48-1, 1) = 281474976710655, where
 * 32-bit JavaScript operators gave -1); a shift amount is truncated and beyond 53 either way is #NUM!; a left shift
 * whose result reaches 2^48 is #NUM!; TRUE and FALSE count as 1 and 0 (unlike BIN2DEC and friends).
 */
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';

const LIMIT = 2n ** 48n;
const TWO = {
  parameters: [{ argumentType: FunctionArgumentType.SCALAR }, { argumentType: FunctionArgumentType.SCALAR }],
};

const OPS: Record<string, (a: bigint, b: bigint) => bigint> = {
  BITAND: (a: bigint, b: bigint) => a & b,
  BITOR: (a: bigint, b: bigint) => a | b,
  BITXOR: (a: bigint, b: bigint) => a ^ b,
};

export class BitsPlugin extends ExcelPlugin {
  static implementedFunctions = {
    BITAND: { method: 'bitand', ...TWO },
    BITOR: { method: 'bitor', ...TWO },
    BITXOR: { method: 'bitxor', ...TWO },
    BITLSHIFT: { method: 'bitlshift', ...TWO },
    BITRSHIFT: { method: 'bitrshift', ...TWO },
  };

  private operand(fn: string, v: unknown, arg: string): bigint | CellError {
    const n = this.num(v, fn, arg);
    if (n instanceof CellError) return n;
    if (!Number.isInteger(n) || n < 0 || n >= 2 ** 48)
      return new CellError(ErrorType.NUM, `${fn}: ${arg} must be a whole number from 0 to 2^48-1`);
    return BigInt(n);
  }

  private run(fn: string, ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (x: unknown, y: unknown) => {
      const a = this.operand(fn, x, 'number1');
      if (a instanceof CellError) return a;
      if (fn === 'BITLSHIFT' || fn === 'BITRSHIFT') {
        const s = this.num(y, fn, 'shift_amount');
        if (s instanceof CellError) return s;
        const k = Math.trunc(s) * (fn === 'BITRSHIFT' ? -1 : 1);
        if (Math.abs(k) > 53) return new CellError(ErrorType.NUM, `${fn}: shift_amount must be between -53 and 53`);
        const r = k >= 0 ? a << BigInt(k) : a >> BigInt(-k);
        return r >= LIMIT ? new CellError(ErrorType.NUM, `${fn}: the result is 2^48 or more`) : Number(r);
      }
      const b = this.operand(fn, y, 'number2');
      if (b instanceof CellError) return b;
      return Number(OPS[fn](a, b));
    });
  }

  bitand(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.run('BITAND', ast, state);
  }
  bitor(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.run('BITOR', ast, state);
  }
  bitxor(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.run('BITXOR', ast, state);
  }
  bitlshift(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.run('BITLSHIFT', ast, state);
  }
  bitrshift(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.run('BITRSHIFT', ast, state);
  }
}
