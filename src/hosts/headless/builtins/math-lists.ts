/**
 * PRODUCT, MULTINOMIAL and SERIESSUM, which take lists of numbers, as Excel computes them (Microsoft's doc of each
 * and the ironcalc PRODUCT, PRODUCT_SUM, MULTINOMIAL and SERIESSUM workbooks saved by Excel).
 * - PRODUCT reads its arguments as SUM does (./stat-args: in a reference only numbers count; typed directly, "7" and
 *   TRUE count and "seven" is #VALUE!), and with no number at all it is 0, not 1: PRODUCT(A1) of an empty or text
 *   cell is 0 in Excel.
 * - MULTINOMIAL: "If any argument is nonnumeric, MULTINOMIAL returns the #VALUE! error value" (a logical value
 *   included, typed or in a range, as Excel does); an empty cell of a range counts as 0; values are truncated; a
 *   negative one is #NUM!. The result is the product of binomial coefficients (no factorial overflows on the way).
 * - SERIESSUM(x, n, m, coefficients): x, n and m are numbers (a logical value is #VALUE!, as in Excel); 0 to the power
 *   0 (x = 0 and n = 0) is #NUM!; the coefficients are the numbers of the array, empty cells skipped, other text
 *   #VALUE!.
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { StatPlugin, rawNumber } from './stat-args';
import type { Ast } from './stat-args';

export class MathListsPlugin extends StatPlugin {
  static implementedFunctions = {
    PRODUCT: {
      method: 'product',
      parameters: [{ argumentType: FunctionArgumentType.ANY }],
      repeatLastArgs: 1,
      vectorizationForbidden: true,
    },
    MULTINOMIAL: {
      method: 'multinomial',
      parameters: [{ argumentType: FunctionArgumentType.ANY }],
      repeatLastArgs: 1,
      vectorizationForbidden: true,
    },
    SERIESSUM: {
      method: 'seriessum',
      parameters: [
        { argumentType: FunctionArgumentType.ANY },
        { argumentType: FunctionArgumentType.ANY },
        { argumentType: FunctionArgumentType.ANY },
        { argumentType: FunctionArgumentType.ANY },
      ],
      vectorizationForbidden: true,
    },
  };

  product(ast: ProcedureAst, state: InterpreterState): unknown {
    const ns = this.numbers('PRODUCT', ast.args as Ast[], state);
    if (ns instanceof CellError) return ns;
    if (ns.length === 0) return 0;
    let p = 1;
    for (const n of ns) p *= n;
    return Number.isFinite(p) ? p : new CellError(ErrorType.NUM, 'PRODUCT: the result is too large for a number');
  }

  multinomial(ast: ProcedureAst, state: InterpreterState): unknown {
    const values: number[] = [];
    for (const a of ast.args as Ast[]) {
      const v = this.evalArg(a, state);
      const cells = v instanceof SimpleRangeValue ? v.valuesFromTopLeftCorner() : [v];
      for (const x of cells) {
        if (x instanceof CellError) return x;
        if (typeof x === 'boolean' || (typeof x === 'string' && v instanceof SimpleRangeValue))
          return new CellError(ErrorType.VALUE, `MULTINOMIAL: ${JSON.stringify(x)} is not a number`);
        const n = x === EmptyValue ? 0 : this.scalarNumber('MULTINOMIAL', x);
        if (n instanceof CellError) return n;
        if (n < 0) return new CellError(ErrorType.NUM, `MULTINOMIAL: ${n} is negative`);
        values.push(Math.trunc(n));
      }
    }
    let total = 0;
    let r = 1;
    for (const k of values) {
      for (let i = 1; i <= k && Number.isFinite(r); i++) r = (r * (total + i)) / i;
      total += k;
    }
    if (!Number.isFinite(r)) return new CellError(ErrorType.NUM, 'MULTINOMIAL: the result is too large for a number');
    return r < 2 ** 53 ? Math.round(r) : r;
  }

  seriessum(ast: ProcedureAst, state: InterpreterState): unknown {
    const args = ast.args as Ast[];
    if (args.length !== 4) return new CellError(ErrorType.NA, 'SERIESSUM: needs x, n, m and coefficients');
    const scalars: number[] = [];
    const names = ['x', 'n', 'm'];
    for (let i = 0; i < 3; i++) {
      let v = this.evaluateAst(args[i] as never, state as never) as unknown;
      if (v instanceof SimpleRangeValue) {
        if (v.width() * v.height() !== 1)
          return new CellError(ErrorType.VALUE, `SERIESSUM: ${names[i]} must be one value, not a range`);
        v = v.valuesFromTopLeftCorner()[0];
      }
      if (typeof v === 'boolean')
        return new CellError(ErrorType.VALUE, `SERIESSUM: ${names[i]} is a logical value, not a number`);
      const n = this.scalarNumber('SERIESSUM', v);
      if (n instanceof CellError) return n;
      scalars.push(n);
    }
    const [x, n, m] = scalars;
    const c = this.evaluateAst(args[3] as never, state as never) as unknown;
    const coefs: number[] = [];
    for (const v of c instanceof SimpleRangeValue ? c.valuesFromTopLeftCorner() : [c]) {
      if (v instanceof CellError) return v;
      if (v === EmptyValue) continue;
      const k = rawNumber(v);
      if (k === undefined)
        return new CellError(ErrorType.VALUE, `SERIESSUM: coefficient ${JSON.stringify(v)} is not a number`);
      coefs.push(k);
    }
    let sum = 0;
    for (let i = 0; i < coefs.length; i++) {
      const power = n + i * m;
      if (x === 0 && power === 0) return new CellError(ErrorType.NUM, 'SERIESSUM: 0 to the power 0 is undefined');
      if (x === 0 && power < 0) return new CellError(ErrorType.DIV_BY_ZERO, 'SERIESSUM: 0 to a negative power');
      sum += coefs[i] * Math.pow(x, power);
    }
    return Number.isFinite(sum) ? sum : new CellError(ErrorType.NUM, 'SERIESSUM: the result is too large for a number');
  }
}
