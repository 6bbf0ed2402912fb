/**
 * SORT and SORTBY as Excel 365 sorts (Microsoft's docs of SORT and SORTBY): ascending order is numbers, then text
 * (case-insensitive), then FALSE/TRUE, then errors (by Excel's error number: #DIV/0! before #NAME? before #N/A);
 * descending reverses that; empty cells always go last and spill as 0. Equal keys keep their order (a stable sort),
 * and an error in the data is sorted like any value instead of failing the whole result (HyperFormula's SORT did).
 * UNIQUE (Microsoft's UNIQUE doc) compares text case-insensitively and spills an empty cell as 0, as Excel does.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';
import { gridOf, result } from './array-shape';

/** Excel's internal error numbers, which order errors in a sort. */
const ERROR_RANK: Record<string, number> = {
  NULL: 0,
  DIV_BY_ZERO: 7,
  VALUE: 15,
  REF: 23,
  NAME: 29,
  NUM: 36,
  NA: 42,
  SPILL: 43,
  CALC: 44,
};

function rank(v: unknown): number {
  if (typeof v === 'number' || (typeof v === 'object' && v !== null && 'val' in v)) return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (v instanceof CellError) return 3;
  return 4;
}

/** Ascending comparison of two values of a sort key, as Excel orders them (empty cells are handled by the caller). */
export function compareForSort(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) {
    const x = typeof a === 'number' ? a : (a as { val: number }).val;
    const y = typeof b === 'number' ? b : (b as { val: number }).val;
    return x - y;
  }
  if (ra === 1) {
    const x = (a as string).toLowerCase();
    const y = (b as string).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ra === 2) return Number(a) - Number(b);
  if (ra === 3) return (ERROR_RANK[(a as CellError).type] ?? 50) - (ERROR_RANK[(b as CellError).type] ?? 50);
  return 0;
}

/** Sorts the indexes 0..n-1 by the keys (each an array of n values with its order 1 or -1); blanks last, stable. */
function sortedIndexes(n: number, keys: { values: unknown[]; order: number }[]): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  return idx.sort((i, j) => {
    for (const k of keys) {
      const a = k.values[i];
      const b = k.values[j];
      const ea = a === EmptyValue;
      const eb = b === EmptyValue;
      if (ea || eb) {
        if (ea && eb) continue;
        return ea ? 1 : -1;
      }
      const c = compareForSort(a, b) * k.order;
      if (c !== 0) return c;
    }
    return 0;
  });
}

const transpose = (g: unknown[][]): unknown[][] => g[0].map((_, j) => g.map((r) => r[j]));

export class SortPlugin extends ExcelPlugin {
  static implementedFunctions = {
    SORT: {
      method: 'sort',
      sizeOfResultArrayMethod: 'sameSize',
      vectorizationForbidden: true,
      parameters: [
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
    UNIQUE: {
      method: 'unique',
      sizeOfResultArrayMethod: 'sameSize',
      vectorizationForbidden: true,
      parameters: [
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
    SORTBY: {
      method: 'sortby',
      sizeOfResultArrayMethod: 'sameSize',
      vectorizationForbidden: true,
      parameters: [
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
      repeatLastArgs: 2,
    },
  };

  sameSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const s = (this as unknown as { arraySizeForAst(a: unknown, s: unknown): ArraySize }).arraySizeForAst(
      (ast.args as unknown[])[0],
      state,
    );
    return new ArraySize(Math.max(1, s.width), Math.max(1, s.height));
  }

  private order(v: unknown, fn: string, arg: string): number | CellError {
    if (v === undefined || v === EmptyValue) return 1;
    const o = this.num(v, fn, arg);
    if (o instanceof CellError) return o;
    return o === 1 || o === -1
      ? o
      : new CellError(ErrorType.VALUE, `${fn}: ${arg} must be 1 (ascending) or -1 (descending)`);
  }

  sort(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('SORT'),
      (array: unknown, index: unknown, order: unknown, byCol: unknown) => {
        const bc = byCol === undefined || byCol === EmptyValue ? 0 : this.num(byCol, 'SORT', 'by_col');
        if (bc instanceof CellError) return bc;
        const g = bc ? transpose(gridOf(array)) : gridOf(array);
        const i = index === undefined || index === EmptyValue ? 1 : this.num(index, 'SORT', 'sort_index');
        if (i instanceof CellError) return i;
        const k = Math.trunc(i);
        if (k < 1 || k > g[0].length)
          return new CellError(ErrorType.VALUE, `SORT: sort_index ${k} is outside 1..${g[0].length}`);
        const o = this.order(order, 'SORT', 'sort_order');
        if (o instanceof CellError) return o;
        const rows = sortedIndexes(g.length, [{ values: g.map((r) => r[k - 1]), order: o }]).map((r) => g[r]);
        return result(bc ? transpose(rows) : rows);
      },
    );
  }

  sortby(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('SORTBY'), (array: unknown, ...rest: unknown[]) => {
      const g = gridOf(array);
      const keys: { values: unknown[]; order: number }[] = [];
      let byCol: boolean | undefined;
      for (let a = 0; a < rest.length; a += 2) {
        const by = rest[a] instanceof SimpleRangeValue ? (rest[a] as SimpleRangeValue) : undefined;
        if (!by)
          return rest[a] instanceof CellError
            ? (rest[a] as CellError)
            : new CellError(ErrorType.VALUE, `SORTBY: by_array${a / 2 + 1} must be a range or an array`);
        const o = this.order(rest[a + 1], 'SORTBY', `sort_order${a / 2 + 1}`);
        if (o instanceof CellError) return o;
        const column = by.width() === 1 && by.height() === g.length && (by.height() > 1 || g[0].length === 1);
        const row = by.height() === 1 && by.width() === g[0].length;
        if ((!column && !row) || (byCol !== undefined && byCol !== !column)) {
          return new CellError(
            ErrorType.VALUE,
            `SORTBY: by_array${a / 2 + 1} must be one column as tall as the array or one row as wide (all the same way)`,
          );
        }
        byCol = !column;
        keys.push({ values: by.data.flat(), order: o });
      }
      const grid = byCol ? transpose(g) : g;
      const rows = sortedIndexes(grid.length, keys).map((r) => grid[r]);
      return result(byCol ? transpose(rows) : rows);
    });
  }

  unique(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('UNIQUE'),
      (array: unknown, byCol: unknown, once: unknown) => {
        const flags = [byCol, once].map((v, i) =>
          v === undefined || v === EmptyValue ? 0 : this.num(v, 'UNIQUE', i === 0 ? 'by_col' : 'exactly_once'),
        );
        const bad = flags.find((f) => f instanceof CellError);
        if (bad) return bad;
        const [bc, eo] = flags as number[];
        const g = bc ? transpose(gridOf(array)) : gridOf(array);
        const key = (row: unknown[]): string =>
          JSON.stringify(
            row.map((v) =>
              v === EmptyValue
                ? ['e']
                : v instanceof CellError
                  ? ['x', v.type]
                  : typeof v === 'string'
                    ? ['s', v.toLowerCase()]
                    : typeof v === 'object' && v !== null && 'val' in v
                      ? ['n', (v as { val: number }).val]
                      : [typeof v, v],
            ),
          );
        const counts = new Map<string, number>();
        for (const r of g) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
        const seen = new Set<string>();
        const rows = g.filter((r) => {
          const k = key(r);
          if (seen.has(k) || (eo && counts.get(k)! > 1)) return false;
          seen.add(k);
          return true;
        });
        if (rows.length === 0) return new CellError(ErrorType.VALUE, '#CALC! UNIQUE: no value occurs exactly once');
        return result(bc ? transpose(rows) : rows);
      },
    );
  }
}
