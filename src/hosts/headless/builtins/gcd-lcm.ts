/**
 * GCD and LCM as Excel computes them (Microsoft's docs of GCD and LCM): each value is truncated to an integer; a
 * negative one is #NUM!; values or an LCM of 2^53 and beyond are #NUM! (Excel's limit: LCM(2^31-1, 2^30-1) is
 * #NUM!). Text numbers count (LCM("8",2) = 8), logical values are #VALUE! even inside a range or array, an empty cell
 * inside a range counts as 0 while a reference to an empty cell is skipped, and an empty argument (LCM(,5)) is #N/A,
 * as Excel does (the ironcalc GCD_LCM workbook).
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';

const LIMIT = 2 ** 53;

function gcd2(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export class GcdLcmPlugin extends ExcelPlugin {
  static implementedFunctions = {
    GCD: { method: 'gcd', parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 },
    LCM: { method: 'lcm', parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 },
  };

  private integers(fn: string, args: unknown[]): number[] | CellError {
    const out: number[] = [];
    const take = (v: unknown, inRange: boolean): CellError | undefined => {
      if (v === EmptyValue) {
        if (inRange) out.push(0);
        return undefined;
      }
      if (typeof v === 'boolean') return new CellError(ErrorType.VALUE, `${fn}: a logical value is not a number`);
      const n = this.num(v, fn, 'number');
      if (n instanceof CellError) return n;
      const t = Math.trunc(n);
      if (n < 0) return new CellError(ErrorType.NUM, `${fn}: ${n} is negative`);
      if (t >= LIMIT) return new CellError(ErrorType.NUM, `${fn}: ${n} is too large (2^53 or more)`);
      out.push(t);
      return undefined;
    };
    for (const a of args) {
      const values = a instanceof SimpleRangeValue ? a.valuesFromTopLeftCorner() : [a];
      for (const v of values) {
        const e = take(v, a instanceof SimpleRangeValue);
        if (e) return e;
      }
    }
    return out;
  }

  private run(fn: 'GCD' | 'LCM', ast: ProcedureAst, state: InterpreterState): unknown {
    if ((ast.args as { type: string }[]).some((a) => a.type === 'EMPTY'))
      return new CellError(ErrorType.NA, `${fn}: an argument is empty`);
    return this.runFunction(ast.args, state, this.metadata(fn), (...args: unknown[]) => {
      const ns = this.integers(fn, args);
      if (ns instanceof CellError) return ns;
      if (ns.length === 0) return new CellError(ErrorType.VALUE, `${fn}: no numbers (every argument is an empty cell)`);
      if (fn === 'GCD') return ns.reduce(gcd2, 0);
      let l = 1;
      for (const n of ns) {
        if (n === 0) return 0;
        l = (l / gcd2(l, n)) * n;
        if (l >= LIMIT) return new CellError(ErrorType.NUM, 'LCM: the result is 2^53 or more');
      }
      return l;
    });
  }

  gcd(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.run('GCD', ast, state);
  }
  lcm(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.run('LCM', ast, state);
  }
}
