/**
 * Excel 365's array-shaping functions (Microsoft's doc of each): TOCOL, TOROW, CHOOSECOLS, CHOOSEROWS, DROP, TAKE,
 * EXPAND, WRAPROWS, WRAPCOLS. They return arrays that spill; HyperFormula reserves a spill range before evaluating,
 * so each declares `sizeOfResultArrayMethod`, which reads the sizes from literal arguments (TAKE(A1:C9, 2)) and
 * otherwise assumes the largest result the input allows. A result larger than that reservation (a size taken from a
 * cell, EXPAND to more rows than a literal says) is #SPILL! with a message, never a truncated array.
 * Empty cells of the input come out as 0, as Excel spills them; "#CALC!" (an empty result) is reported as #VALUE!
 * with a message starting "#CALC!", since the engine has no #CALC! error.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';

type Cell = unknown;
type Grid = Cell[][];
interface Ast {
  type: string;
  value?: unknown;
  args?: unknown[];
  procedureName?: string;
}

const RANGE = { argumentType: FunctionArgumentType.RANGE };
const SCALAR = { argumentType: FunctionArgumentType.SCALAR };
const OPTIONAL = { argumentType: FunctionArgumentType.SCALAR, optionalArg: true };

export const calcError = (fn: string, why: string): CellError => new CellError(ErrorType.VALUE, `#CALC! ${fn}: ${why}`);

/** The number an argument's formula text states (2, -3, 3.4), or undefined when it comes from a cell or a formula. */
export function literalNumber(ast: unknown): number | undefined {
  const a = ast as Ast | undefined;
  if (!a) return undefined;
  if (a.type === 'NUMBER') return a.value as number;
  if (a.type === 'MINUS_UNARY_OP') {
    const v = literalNumber((a as unknown as { value: unknown }).value);
    return v === undefined ? undefined : -v;
  }
  if (a.type === 'PLUS_UNARY_OP' || a.type === 'PARENTHESIS')
    return literalNumber(
      (a as unknown as { value?: unknown; expression?: unknown }).value ??
        (a as unknown as { expression: unknown }).expression,
    );
  return undefined;
}
const absent = (ast: unknown): boolean => ast === undefined || (ast as Ast).type === 'EMPTY';

/** A spilled value as Excel shows it: an empty input cell is 0. */
const shown = (v: Cell): Cell => (v === EmptyValue ? 0 : v);

export function gridOf(v: unknown): Grid {
  if (v instanceof SimpleRangeValue) return v.data.map((r) => [...r]);
  return [[v]];
}

export const result = (g: Grid): SimpleRangeValue => SimpleRangeValue.onlyValues(g.map((r) => r.map(shown)) as never);

export class ArrayShapePlugin extends ExcelPlugin {
  static implementedFunctions = {
    TOCOL: {
      method: 'tocol',
      sizeOfResultArrayMethod: 'tocolSize',
      parameters: [RANGE, OPTIONAL, OPTIONAL],
      vectorizationForbidden: true,
    },
    TOROW: {
      method: 'torow',
      sizeOfResultArrayMethod: 'torowSize',
      parameters: [RANGE, OPTIONAL, OPTIONAL],
      vectorizationForbidden: true,
    },
    CHOOSECOLS: {
      method: 'choosecols',
      sizeOfResultArrayMethod: 'choosecolsSize',
      parameters: [RANGE, SCALAR],
      repeatLastArgs: 1,
      vectorizationForbidden: true,
    },
    CHOOSEROWS: {
      method: 'chooserows',
      sizeOfResultArrayMethod: 'chooserowsSize',
      parameters: [RANGE, SCALAR],
      repeatLastArgs: 1,
      vectorizationForbidden: true,
    },
    DROP: {
      method: 'drop',
      sizeOfResultArrayMethod: 'dropSize',
      parameters: [RANGE, OPTIONAL, OPTIONAL],
      vectorizationForbidden: true,
    },
    TAKE: {
      method: 'take',
      sizeOfResultArrayMethod: 'takeSize',
      parameters: [RANGE, OPTIONAL, OPTIONAL],
      vectorizationForbidden: true,
    },
    EXPAND: {
      method: 'expand',
      sizeOfResultArrayMethod: 'expandSize',
      parameters: [RANGE, OPTIONAL, OPTIONAL, OPTIONAL],
      vectorizationForbidden: true,
    },
    WRAPROWS: {
      method: 'wraprows',
      sizeOfResultArrayMethod: 'wraprowsSize',
      parameters: [RANGE, SCALAR, OPTIONAL],
      vectorizationForbidden: true,
    },
    WRAPCOLS: {
      method: 'wrapcols',
      sizeOfResultArrayMethod: 'wrapcolsSize',
      parameters: [RANGE, SCALAR, OPTIONAL],
      vectorizationForbidden: true,
    },
  };

  private inputSize(ast: ProcedureAst, state: InterpreterState): { w: number; h: number } {
    const s = (this as unknown as { arraySizeForAst(a: unknown, s: unknown): ArraySize }).arraySizeForAst(
      (ast.args as unknown[])[0],
      state,
    );
    return { w: Math.max(1, s.width), h: Math.max(1, s.height) };
  }

  /** Runs `f` and refuses a result larger than the reserved spill range. */
  private shaped(
    name: string,
    ast: ProcedureAst,
    state: InterpreterState,
    size: (a: ProcedureAst, s: InterpreterState) => ArraySize,
    f: (...args: unknown[]) => Grid | CellError,
  ): unknown {
    return this.runFunction(ast.args, state, this.metadata(name), (...args: unknown[]) => {
      const g = f(...args);
      if (g instanceof CellError) return g;
      const room = size.call(this, ast, state);
      if (g.length > room.height || g[0].length > room.width)
        return new CellError(
          ErrorType.SPILL,
          `${name}: the ${g.length} x ${g[0].length} result is larger than the range reserved from the formula text (${room.height} x ${room.width}); give sizes as numbers in the formula`,
        );
      return result(g);
    });
  }

  private count(v: unknown, fn: string, arg: string): number | CellError | undefined {
    if (v === undefined || v === EmptyValue) return undefined;
    const n = this.num(v, fn, arg);
    return n instanceof CellError ? n : Math.trunc(n);
  }

  // TOCOL / TOROW(array, [ignore], [scan_by_column])
  private flatten(fn: string, a: unknown, ignore: unknown, byCol: unknown): Cell[] | CellError {
    const g = gridOf(a);
    const ig = this.count(ignore, fn, 'ignore') ?? 0;
    if (ig instanceof CellError) return ig;
    if (ig < 0 || ig > 3) return new CellError(ErrorType.VALUE, `${fn}: ignore must be 0, 1, 2 or 3`);
    const bc = byCol === undefined || byCol === EmptyValue ? 0 : this.num(byCol, fn, 'scan_by_column');
    if (bc instanceof CellError) return bc;
    const out: Cell[] = [];
    const h = g.length;
    const w = g[0].length;
    for (let i = 0; i < (bc ? w : h); i++) {
      for (let j = 0; j < (bc ? h : w); j++) {
        const v = bc ? g[j][i] : g[i][j];
        if (ig & 1 && v === EmptyValue) continue;
        if (ig & 2 && v instanceof CellError) continue;
        out.push(v);
      }
    }
    return out.length === 0 ? calcError(fn, 'nothing is left') : out;
  }
  tocolSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const { w, h } = this.inputSize(ast, state);
    return new ArraySize(1, w * h);
  }
  torowSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const { w, h } = this.inputSize(ast, state);
    return new ArraySize(w * h, 1);
  }
  tocol(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.shaped('TOCOL', ast, state, this.tocolSize, (a, i, b) => {
      const v = this.flatten('TOCOL', a, i, b);
      return v instanceof CellError ? v : v.map((x) => [x]);
    });
  }
  torow(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.shaped('TOROW', ast, state, this.torowSize, (a, i, b) => {
      const v = this.flatten('TOROW', a, i, b);
      return v instanceof CellError ? v : [v];
    });
  }

  // CHOOSECOLS / CHOOSEROWS(array, n1, [n2], ...): negative numbers count from the end; 0 or beyond is #VALUE!.
  private indexes(fn: string, what: string, n: number, nums: unknown[]): number[] | CellError {
    const out: number[] = [];
    for (const v of nums) {
      for (const x of gridOf(v).flat()) {
        const k = this.num(x, fn, `${what}_num`);
        if (k instanceof CellError) return k;
        const t = Math.trunc(k);
        if (t === 0 || Math.abs(t) > n)
          return new CellError(ErrorType.VALUE, `${fn}: ${what} ${t} is outside the array's 1..${n} (or -1..-${n})`);
        out.push(t > 0 ? t - 1 : n + t);
      }
    }
    return out;
  }
  choosecolsSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    return new ArraySize(Math.max(1, (ast.args as unknown[]).length - 1), this.inputSize(ast, state).h);
  }
  chooserowsSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    return new ArraySize(this.inputSize(ast, state).w, Math.max(1, (ast.args as unknown[]).length - 1));
  }
  choosecols(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.shaped('CHOOSECOLS', ast, state, this.choosecolsSize, (a, ...nums) => {
      const g = gridOf(a);
      const ix = this.indexes('CHOOSECOLS', 'column', g[0].length, nums);
      return ix instanceof CellError ? ix : g.map((r) => ix.map((j) => r[j]));
    });
  }
  chooserows(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.shaped('CHOOSEROWS', ast, state, this.chooserowsSize, (a, ...nums) => {
      const g = gridOf(a);
      const ix = this.indexes('CHOOSEROWS', 'row', g.length, nums);
      return ix instanceof CellError ? ix : ix.map((i) => [...g[i]]);
    });
  }

  // TAKE / DROP(array, [rows], [columns]): positive from the start, negative from the end.
  private takeDropSize(ast: ProcedureAst, state: InterpreterState, take: boolean): ArraySize {
    const { w, h } = this.inputSize(ast, state);
    const dim = (i: number, n: number): number => {
      const a = (ast.args as unknown[])[i];
      if (absent(a)) return n;
      const v = literalNumber(a);
      if (v === undefined) return n;
      const k = Math.min(Math.abs(Math.trunc(v)), n);
      return Math.max(1, take ? k : n - k);
    };
    return new ArraySize(dim(2, w), dim(1, h));
  }
  takeSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    return this.takeDropSize(ast, state, true);
  }
  dropSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    return this.takeDropSize(ast, state, false);
  }
  private takeDrop(fn: 'TAKE' | 'DROP', a: unknown, rows: unknown, cols: unknown): Grid | CellError {
    const g = gridOf(a);
    const r = this.count(rows, fn, 'rows');
    if (r instanceof CellError) return r;
    const c = this.count(cols, fn, 'columns');
    if (c instanceof CellError) return c;
    const span = (k: number | undefined, n: number): [number, number] => {
      if (k === undefined) return [0, n];
      const m = Math.min(Math.abs(k), n);
      if (fn === 'TAKE') return k >= 0 ? [0, m] : [n - m, n];
      return k >= 0 ? [m, n] : [0, n - m];
    };
    const [r0, r1] = span(r, g.length);
    const [c0, c1] = span(c, g[0].length);
    if (r1 <= r0 || c1 <= c0) return calcError(fn, 'the result is empty');
    return g.slice(r0, r1).map((row) => row.slice(c0, c1));
  }
  take(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.shaped('TAKE', ast, state, this.takeSize, (a, r, c) => this.takeDrop('TAKE', a, r, c));
  }
  drop(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.shaped('DROP', ast, state, this.dropSize, (a, r, c) => this.takeDrop('DROP', a, r, c));
  }

  // EXPAND(array, rows, [columns], [pad_with = #N/A])
  expandSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const { w, h } = this.inputSize(ast, state);
    const args = ast.args as unknown[];
    const dim = (i: number, n: number): number => Math.max(n, Math.trunc(literalNumber(args[i]) ?? n));
    return new ArraySize(dim(2, w), dim(1, h));
  }
  expand(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.shaped('EXPAND', ast, state, this.expandSize, (a, rows, cols, pad) => {
      const g = gridOf(a);
      const r = this.count(rows, 'EXPAND', 'rows') ?? g.length;
      if (r instanceof CellError) return r;
      const c = this.count(cols, 'EXPAND', 'columns') ?? g[0].length;
      if (c instanceof CellError) return c;
      if (r < g.length || c < g[0].length)
        return new CellError(
          ErrorType.VALUE,
          `EXPAND: ${r} x ${c} is smaller than the array (${g.length} x ${g[0].length})`,
        );
      const p = pad === undefined ? new CellError(ErrorType.NA, 'EXPAND: padding') : gridOf(pad)[0][0];
      return Array.from({ length: r }, (_, i) =>
        Array.from({ length: c }, (_, j) => (i < g.length && j < g[0].length ? g[i][j] : p)),
      );
    });
  }

  // WRAPROWS / WRAPCOLS(vector, wrap_count, [pad_with = #N/A])
  private wrapSize(ast: ProcedureAst, state: InterpreterState, rows: boolean): ArraySize {
    const { w, h } = this.inputSize(ast, state);
    const n = w * h;
    const k = literalNumber((ast.args as unknown[])[1]);
    const wrap = k === undefined || k < 1 ? n : Math.trunc(k);
    const other = k === undefined || k < 1 ? n : Math.ceil(n / wrap);
    return rows ? new ArraySize(wrap, other) : new ArraySize(other, wrap);
  }
  wraprowsSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    return this.wrapSize(ast, state, true);
  }
  wrapcolsSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    return this.wrapSize(ast, state, false);
  }
  private wrap(fn: string, a: unknown, count: unknown, pad: unknown, rows: boolean): Grid | CellError {
    const g = gridOf(a);
    if (g.length > 1 && g[0].length > 1)
      return new CellError(ErrorType.VALUE, `${fn}: vector must be one row or one column`);
    const k = this.count(count, fn, 'wrap_count');
    if (k instanceof CellError) return k;
    if (k === undefined || k < 1) return new CellError(ErrorType.NUM, `${fn}: wrap_count must be at least 1`);
    const flat = g.flat();
    const p = pad === undefined ? new CellError(ErrorType.NA, `${fn}: padding`) : gridOf(pad)[0][0];
    const lines = Math.ceil(flat.length / k);
    const at = (i: number): Cell => (i < flat.length ? flat[i] : p);
    const out = Array.from({ length: lines }, (_, i) => Array.from({ length: k }, (_, j) => at(i * k + j)));
    return rows ? out : Array.from({ length: k }, (_, j) => out.map((line) => line[j]));
  }
  wraprows(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.shaped('WRAPROWS', ast, state, this.wraprowsSize, (a, c, p) => this.wrap('WRAPROWS', a, c, p, true));
  }
  wrapcols(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.shaped('WRAPCOLS', ast, state, this.wrapcolsSize, (a, c, p) => this.wrap('WRAPCOLS', a, c, p, false));
  }
}
