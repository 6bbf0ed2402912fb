/**
 * MUNIT, MDETERM and MINVERSE (Microsoft's doc of each), which HyperFormula lacks. MUNIT(n) spills the n x n identity
 * (n truncated; below 1 is #VALUE!; the spill size is read from a literal n, else from nothing larger than 1, and a
 * larger result is #SPILL!). MDETERM and MINVERSE take a square array of numbers: an empty or text cell, or a
 * non-square array, is #VALUE!; MINVERSE of a singular matrix is #NUM!. Both use Gaussian elimination with partial
 * pivoting, as Excel's results (LU-style rounding such as -4.44E-17 where 0 is exact) suggest.
 * MMULT (Microsoft's doc: "If any cells are empty or contain text, or if the number of columns in array1 is different
 * from the number of rows in array2, MMULT returns the #VALUE! error value") multiplies dates and times as the numbers
 * they are; an error in either array is the result (the first one, array1 before array2, row by row, as Excel in
 * MMULT.xlsx), and a product beyond a double is #NUM!.
 */
import { ArraySize, CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';
import { gridOf, literalNumber, result } from './array-shape';
import { rawNumber } from './stat-args';

export class MatrixPlugin extends ExcelPlugin {
  static implementedFunctions = {
    MUNIT: {
      method: 'munit',
      sizeOfResultArrayMethod: 'munitSize',
      parameters: [{ argumentType: FunctionArgumentType.SCALAR }],
      vectorizationForbidden: true,
    },
    MDETERM: {
      method: 'mdeterm',
      parameters: [{ argumentType: FunctionArgumentType.RANGE }],
      vectorizationForbidden: true,
    },
    MMULT: {
      method: 'mmult',
      sizeOfResultArrayMethod: 'mmultSize',
      parameters: [{ argumentType: FunctionArgumentType.RANGE }, { argumentType: FunctionArgumentType.RANGE }],
      vectorizationForbidden: true,
    },
    MINVERSE: {
      method: 'minverse',
      sizeOfResultArrayMethod: 'minverseSize',
      parameters: [{ argumentType: FunctionArgumentType.RANGE }],
      vectorizationForbidden: true,
    },
  };

  munitSize(ast: ProcedureAst): ArraySize {
    const n = Math.trunc(literalNumber((ast.args as unknown[])[0]) ?? 1);
    return n >= 1 ? new ArraySize(n, n) : ArraySize.scalar();
  }

  minverseSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const s = (this as unknown as { arraySizeForAst(a: unknown, s: unknown): ArraySize }).arraySizeForAst(
      (ast.args as unknown[])[0],
      state,
    );
    return new ArraySize(Math.max(1, s.width), Math.max(1, s.height));
  }

  mmultSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const size = (a: unknown) =>
      (this as unknown as { arraySizeForAst(a: unknown, s: unknown): ArraySize }).arraySizeForAst(a, state);
    const [a, b] = ast.args as unknown[];
    if (!a || !b) return ArraySize.error();
    return new ArraySize(Math.max(1, size(b).width), Math.max(1, size(a).height));
  }

  mmult(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('MMULT'), (x: unknown, y: unknown) => {
      const a = gridOf(x);
      const b = gridOf(y);
      const err = [...a.flat(), ...b.flat()].find((v): v is CellError => v instanceof CellError);
      if (err) return err;
      const ma = this.numbers('MMULT', 'array1', a);
      const mb = this.numbers('MMULT', 'array2', b);
      if (ma instanceof CellError) return ma;
      if (mb instanceof CellError) return mb;
      if (ma[0].length !== mb.length)
        return new CellError(
          ErrorType.VALUE,
          `MMULT: array1 has ${ma[0].length} columns but array2 has ${mb.length} rows`,
        );
      const out = ma.map((row) => mb[0].map((_, j) => row.reduce((s, v, k) => s + v * mb[k][j], 0)));
      if (out.some((row) => row.some((v) => !Number.isFinite(v))))
        return new CellError(ErrorType.NUM, 'MMULT: a product is too large for a number');
      return result(out);
    });
  }

  /** A grid of numbers (dates and times are their serial numbers), or #VALUE! for an empty, text or logical cell. */
  private numbers(fn: string, arg: string, g: unknown[][]): number[][] | CellError {
    const out: number[][] = [];
    for (const row of g) {
      const r: number[] = [];
      for (const x of row) {
        const n = rawNumber(x);
        if (n === undefined) return new CellError(ErrorType.VALUE, `${fn}: every cell of ${arg} must hold a number`);
        r.push(n);
      }
      out.push(r);
    }
    return out;
  }

  munit(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('MUNIT'), (v: unknown) => {
      const x = this.num(v, 'MUNIT', 'dimension');
      if (x instanceof CellError) return x;
      const n = Math.trunc(x);
      if (n < 1) return new CellError(ErrorType.VALUE, 'MUNIT: dimension must be at least 1');
      const room = this.munitSize(ast);
      if (n > room.width)
        return new CellError(ErrorType.SPILL, `MUNIT: a ${n} x ${n} result needs its size as a number in the formula`);
      return result(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))));
    });
  }

  /** The array as a square matrix of numbers, or #VALUE!. */
  private square(fn: string, v: unknown): number[][] | CellError {
    const g = gridOf(v);
    if (g.length !== g[0].length)
      return new CellError(ErrorType.VALUE, `${fn}: the array is ${g.length} x ${g[0].length}, not square`);
    const m: number[][] = [];
    for (const row of g) {
      const r: number[] = [];
      for (const x of row) {
        if (x instanceof CellError) return x;
        const n =
          typeof x === 'number'
            ? x
            : typeof x === 'object' && x !== null && 'val' in x
              ? (x as { val: number }).val
              : undefined;
        if (n === undefined) return new CellError(ErrorType.VALUE, `${fn}: every cell must hold a number`);
        r.push(n);
      }
      m.push(r);
    }
    return m;
  }

  mdeterm(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('MDETERM'), (v: unknown) => {
      const m = this.square('MDETERM', v);
      if (m instanceof CellError) return m;
      const n = m.length;
      let det = 1;
      for (let c = 0; c < n; c++) {
        let p = c;
        for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
        if (m[p][c] === 0) return 0;
        if (p !== c) {
          [m[p], m[c]] = [m[c], m[p]];
          det = -det;
        }
        det *= m[c][c];
        for (let r = c + 1; r < n; r++) {
          const f = m[r][c] / m[c][c];
          for (let k = c; k < n; k++) m[r][k] -= f * m[c][k];
        }
      }
      return det;
    });
  }

  minverse(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('MINVERSE'), (v: unknown) => {
      const m = this.square('MINVERSE', v);
      if (m instanceof CellError) return m;
      const n = m.length;
      const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
      for (let c = 0; c < n; c++) {
        let p = c;
        for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
        if (a[p][c] === 0)
          return new CellError(ErrorType.NUM, 'MINVERSE: the matrix is singular (its determinant is 0)');
        [a[p], a[c]] = [a[c], a[p]];
        const d = a[c][c];
        for (let k = 0; k < 2 * n; k++) a[c][k] /= d;
        for (let r = 0; r < n; r++) {
          if (r === c || a[r][c] === 0) continue;
          const f = a[r][c];
          for (let k = 0; k < 2 * n; k++) a[r][k] -= f * a[c][k];
        }
      }
      return result(a.map((row) => row.slice(n)));
    });
  }
}
