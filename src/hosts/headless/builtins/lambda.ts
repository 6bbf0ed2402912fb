/**
 * The LAMBDA family. HyperFormula has no function values and its parser reads LAMBDA parameter names (`_xlpm.x`) as
 * named expressions, so a LAMBDA is never evaluated as a value here. Instead:
 * - MAP, REDUCE, SCAN, BYROW, BYCOL and MAKEARRAY receive their LAMBDA argument unevaluated (its syntax tree): for
 *   each element they copy the body with every use of a parameter replaced by the element's value, and evaluate the
 *   copy (Microsoft's docs of each function: MAP passes one value from each array, REDUCE and SCAN an accumulator and
 *   a value, BYROW/BYCOL a whole row/column, MAKEARRAY the 1-based row and column index). ISOMITTED of a parameter a
 *   call supplies is FALSE.
 * - A LAMBDA called in place and a LET binding a LAMBDA are rewritten away before they reach the engine
 *   (../lambda-rewrite.ts, ../let-rewrite.ts).
 * What is left (a LAMBDA as a cell's result, ISOMITTED outside a LAMBDA, a LET that cannot be rewritten, a body that
 * asks for a reference, an argument count that does not match) answers #NAME? with the message "<NAME> is not
 * supported headless", which the recalc layer turns into "kept": the cell keeps Excel's cached value, never a guess.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';
import { calcError, literalNumber } from './array-shape';

export const UNSUPPORTED_HEADLESS = ['LET', 'LAMBDA', 'ISOMITTED'] as const;
const ITERATORS = ['MAP', 'REDUCE', 'SCAN', 'BYROW', 'BYCOL', 'MAKEARRAY'] as const;

/** The message of the #NAME? these functions answer (the recalc layer matches on "is not supported headless"). */
export function unsupportedMessage(name: string): string {
  return `${name} is not supported headless: the engine cannot evaluate functions passed as values (LAMBDA) or this LET; Excel's cached value is kept`;
}
const unsupported = (name: string): CellError => new CellError(ErrorType.NAME, unsupportedMessage(name));

interface Node {
  type: string;
  [key: string]: unknown;
}
type Grid = unknown[][];

/** `x`, `_xlpm.x` and `_xlop.x` (an optional parameter) are one name; names are case-insensitive. */
export const paramName = (name: string): string => name.replace(/^_xl(?:pm|op)\./i, '').toLowerCase();

/**
 * Functions whose answer depends on an argument being a reference (ROW(x), OFFSET(x, ...)) or on where the formula
 * is: a parameter here is a value, so a body that calls one is not evaluated (the cell is kept).
 */
const NEEDS_REFERENCE = /^(?:ROW|COLUMN|ISREF|OFFSET|INDIRECT|CELL|FORMULATEXT|ISFORMULA|SHEET|SHEETS|AREAS|LET)$/;

/** The LAMBDA an argument holds (through parentheses): its parameter names and body, or undefined. */
function lambdaOf(ast: unknown): { params: string[]; body: Node } | undefined {
  let a = ast as Node | undefined;
  while (a?.type === 'PARENTHESES') a = a.expression as Node;
  if (a?.type !== 'FUNCTION_CALL' || a.procedureName !== 'LAMBDA') return undefined;
  const args = a.args as Node[];
  if (args.length < 1) return undefined;
  const params: string[] = [];
  for (const p of args.slice(0, -1)) {
    if (p.type !== 'NAMED_EXPRESSION') return undefined;
    params.push(paramName(p.expressionName as string));
  }
  if (new Set(params).size !== params.length) return undefined;
  return { params, body: args[args.length - 1] };
}

/** True when the body calls a function that needs a reference (left to Excel's value). */
function needsReference(ast: Node): boolean {
  if (ast.type === 'FUNCTION_CALL' && NEEDS_REFERENCE.test(ast.procedureName as string)) return true;
  return children(ast).some(needsReference);
}

function children(ast: Node): Node[] {
  switch (ast.type) {
    case 'FUNCTION_CALL':
      return ast.args as Node[];
    case 'ARRAY':
      return (ast.args as Node[][]).flat();
    case 'PARENTHESES':
      return [ast.expression as Node];
    case 'PLUS_UNARY_OP':
    case 'MINUS_UNARY_OP':
    case 'PERCENT_OP':
      return [ast.value as Node];
    default:
      return 'left' in ast && 'right' in ast ? [ast.left as Node, ast.right as Node] : [];
  }
}

/**
 * A copy of `ast` with each named parameter replaced by a node that evaluates to its value: the interpreter answers a
 * NUMBER node with its `value` as it is, so a number, text, boolean, error, empty value or array passes unchanged.
 */
function bind(ast: Node, values: Map<string, unknown>): Node {
  switch (ast.type) {
    case 'NAMED_EXPRESSION': {
      const name = paramName(ast.expressionName as string);
      return values.has(name) ? { type: 'NUMBER', value: values.get(name) } : ast;
    }
    case 'FUNCTION_CALL': {
      const args = ast.args as Node[];
      const only = args.length === 1 ? args[0] : undefined;
      if (ast.procedureName === 'ISOMITTED' && only?.type === 'NAMED_EXPRESSION') {
        // Microsoft's doc of ISOMITTED: TRUE when the LAMBDA's argument is missing; these calls supply every one.
        if (values.has(paramName(only.expressionName as string))) return { type: 'NUMBER', value: false };
      }
      if (ast.procedureName === 'LAMBDA') {
        // An inner LAMBDA (MAP inside MAP): its own parameters hide ours inside it.
        const own = args
          .slice(0, -1)
          .map((a) => (a.type === 'NAMED_EXPRESSION' ? paramName(a.expressionName as string) : ''));
        const inner = new Map([...values].filter(([k]) => !own.includes(k)));
        return { ...ast, args: [...args.slice(0, -1), bind(args[args.length - 1], inner)] };
      }
      return { ...ast, args: args.map((a) => bind(a, values)) };
    }
    case 'ARRAY':
      return { ...ast, args: (ast.args as Node[][]).map((row) => row.map((a) => bind(a, values))) };
    case 'PARENTHESES':
      return { ...ast, expression: bind(ast.expression as Node, values) };
    case 'PLUS_UNARY_OP':
    case 'MINUS_UNARY_OP':
    case 'PERCENT_OP':
      return { ...ast, value: bind(ast.value as Node, values) };
    default:
      return 'left' in ast && 'right' in ast
        ? { ...ast, left: bind(ast.left as Node, values), right: bind(ast.right as Node, values) }
        : ast;
  }
}

const gridOf = (v: unknown): Grid => (v instanceof SimpleRangeValue ? (v.data as Grid) : [[v]]);
/** An empty cell spills as 0 (Excel shows 0 for a blank an array formula returns). */
const cellOut = (v: unknown): unknown => (v === EmptyValue ? 0 : v);

const ARG = { argumentType: FunctionArgumentType.ANY, optionalArg: true };

export class LambdaPlugin extends ExcelPlugin {
  static implementedFunctions = {
    ...Object.fromEntries(
      UNSUPPORTED_HEADLESS.map((id) => [id, { method: `unsupported${id}`, parameters: [ARG], repeatLastArgs: 1 }]),
    ),
    ...Object.fromEntries(
      ITERATORS.map((id) => [
        id,
        {
          method: id.toLowerCase(),
          sizeOfResultArrayMethod: `${id.toLowerCase()}Size`,
          parameters: [ARG],
          repeatLastArgs: 1,
        },
      ]),
    ),
  };

  /** The LAMBDA applied to one set of values: its result, an error, or undefined when it cannot be applied here. */
  private apply(
    fn: { params: string[]; body: Node },
    values: unknown[],
    state: InterpreterState,
    scalar: boolean,
    name: string,
  ): unknown {
    if (values.length !== fn.params.length) return undefined;
    const bound = bind(fn.body, new Map(fn.params.map((p, i) => [p, values[i]])));
    const v = this.evaluateAst(bound as never, state);
    if (!scalar || !(v instanceof SimpleRangeValue)) return v;
    // Excel: a LAMBDA that returns an array inside MAP/BYROW/... makes that element #CALC! (no nested arrays).
    return v.width() === 1 && v.height() === 1 ? v.data[0][0] : calcError(name, 'the LAMBDA returned an array');
  }

  /** The evaluated array arguments and the LAMBDA (last argument), or the error to answer. */
  private prepare(
    ast: ProcedureAst,
    state: InterpreterState,
    name: string,
    arrays: number,
  ): { grids: Grid[]; fn: { params: string[]; body: Node } } | CellError {
    const args = ast.args as unknown as Node[];
    if (args.length !== arrays + 1 && !(name === 'MAP' && args.length >= 2))
      return new CellError(ErrorType.NA, `${name}: wrong number of arguments`);
    const fn = lambdaOf(args[args.length - 1]);
    if (!fn || needsReference(fn.body)) return unsupported(name);
    const grids: Grid[] = [];
    for (const a of args.slice(0, -1)) {
      const v = this.evaluateAst(a as never, state);
      if (v instanceof CellError) return v;
      grids.push(gridOf(v));
    }
    return { grids, fn };
  }

  /** The size of an argument's value; a range's size says it is a reference, which the result is not. */
  private sizeOf(ast: unknown, state: InterpreterState): ArraySize {
    const size = this.arraySizeForAst(ast as never, state);
    return size.width === 1 && size.height === 1 ? size : new ArraySize(size.width, size.height);
  }

  mapSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const args = ast.args as unknown as Node[];
    return args.length < 2 ? ArraySize.error() : this.sizeOf(args[0], state);
  }
  scanSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const args = ast.args as unknown as Node[];
    return args.length !== 3 ? ArraySize.error() : this.sizeOf(args[1], state);
  }
  reduceSize(): ArraySize {
    return ArraySize.scalar();
  }
  byrowSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const args = ast.args as unknown as Node[];
    return args.length !== 2 ? ArraySize.error() : new ArraySize(1, this.sizeOf(args[0], state).height);
  }
  bycolSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const args = ast.args as unknown as Node[];
    return args.length !== 2 ? ArraySize.error() : new ArraySize(this.sizeOf(args[0], state).width, 1);
  }
  makearraySize(ast: ProcedureAst): ArraySize {
    const args = ast.args as unknown as Node[];
    const rows = literalNumber(args[0]);
    const cols = literalNumber(args[1]);
    if (args.length !== 3 || rows === undefined || cols === undefined) return ArraySize.scalar();
    const r = Math.trunc(rows);
    const c = Math.trunc(cols);
    return r >= 1 && c >= 1 && r <= this.config.maxRows && c <= this.config.maxColumns
      ? new ArraySize(c, r)
      : ArraySize.scalar();
  }

  /** MAP(array1, [array2, ...], lambda): the LAMBDA applied to the values at each position of the arrays. */
  map(ast: ProcedureAst, state: InterpreterState): unknown {
    const p = this.prepare(ast, state, 'MAP', (ast.args as unknown[]).length - 1);
    if (p instanceof CellError) return p;
    const [g0] = p.grids;
    // Arrays of different shapes are filled with #N/A in Excel; rare, and left to Excel's cached value.
    if (p.grids.some((g) => g.length !== g0.length || g[0].length !== g0[0].length)) return unsupported('MAP');
    const out: Grid = [];
    for (let r = 0; r < g0.length; r++) {
      const row: unknown[] = [];
      for (let c = 0; c < g0[0].length; c++) {
        const v = this.apply(
          p.fn,
          p.grids.map((g) => g[r][c]),
          state,
          true,
          'MAP',
        );
        if (v === undefined) return unsupported('MAP');
        row.push(cellOut(v));
      }
      out.push(row);
    }
    return this.result(out, this.mapSize(ast, state), 'MAP');
  }

  /** REDUCE([initial_value], array, lambda(accumulator, value)): the accumulator after the last value (row by row). */
  reduce(ast: ProcedureAst, state: InterpreterState): unknown {
    const r = this.accumulate(ast, state, 'REDUCE');
    if (r instanceof CellError) return r;
    const last = r.steps[r.steps.length - 1] ?? r.initial;
    // A REDUCE that builds an array (VSTACK of rows) would need a spill range the engine did not reserve.
    if (last instanceof SimpleRangeValue && (last.width() > 1 || last.height() > 1)) return unsupported('REDUCE');
    return cellOut(last instanceof SimpleRangeValue ? last.data[0][0] : last);
  }

  /** SCAN([initial_value], array, lambda(accumulator, value)): every intermediate accumulator, in the array's shape. */
  scan(ast: ProcedureAst, state: InterpreterState): unknown {
    const r = this.accumulate(ast, state, 'SCAN');
    if (r instanceof CellError) return r;
    const out: Grid = [];
    let i = 0;
    for (const row of r.grid) {
      out.push(row.map(() => r.steps[i++]));
    }
    for (const row of out)
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v instanceof SimpleRangeValue) {
          if (v.width() > 1 || v.height() > 1) row[c] = calcError('SCAN', 'the LAMBDA returned an array');
          else row[c] = v.data[0][0];
        }
        row[c] = cellOut(row[c]);
      }
    return this.result(out, this.scanSize(ast, state), 'SCAN');
  }

  private accumulate(
    ast: ProcedureAst,
    state: InterpreterState,
    name: string,
  ): { initial: unknown; grid: Grid; steps: unknown[] } | CellError {
    const args = ast.args as unknown as Node[];
    if (args.length !== 3) return new CellError(ErrorType.NA, `${name}: wrong number of arguments`);
    const fn = lambdaOf(args[2]);
    if (!fn || needsReference(fn.body)) return unsupported(name);
    if (fn.params.length !== 2) return unsupported(name);
    // Microsoft's doc of REDUCE says an omitted initial_value starts from the array's first value, its example
    // reads like an empty start: what Excel does is not settled, so such a call keeps Excel's value.
    if (args[0].type === 'EMPTY') return unsupported(name);
    let acc: unknown = this.evaluateAst(args[0] as never, state);
    const initial = acc;
    const arr = this.evaluateAst(args[1] as never, state);
    if (arr instanceof CellError) return arr;
    const grid = gridOf(arr);
    const steps: unknown[] = [];
    for (const row of grid)
      for (const v of row) {
        acc = this.apply(fn, [acc, v], state, false, name);
        if (acc === undefined) return unsupported(name);
        steps.push(acc);
      }
    return { initial, grid, steps };
  }

  /** BYROW(array, lambda(row)): one value per row, in a column. */
  byrow(ast: ProcedureAst, state: InterpreterState): unknown {
    const p = this.prepare(ast, state, 'BYROW', 1);
    if (p instanceof CellError) return p;
    const out: Grid = [];
    for (const row of p.grids[0]) {
      const v = this.apply(p.fn, [SimpleRangeValue.onlyValues([row] as never)], state, true, 'BYROW');
      if (v === undefined) return unsupported('BYROW');
      out.push([cellOut(v)]);
    }
    return this.result(out, this.byrowSize(ast, state), 'BYROW');
  }

  /** BYCOL(array, lambda(column)): one value per column, in a row. */
  bycol(ast: ProcedureAst, state: InterpreterState): unknown {
    const p = this.prepare(ast, state, 'BYCOL', 1);
    if (p instanceof CellError) return p;
    const g = p.grids[0];
    const row: unknown[] = [];
    for (let c = 0; c < g[0].length; c++) {
      const v = this.apply(p.fn, [SimpleRangeValue.onlyValues(g.map((r) => [r[c]]) as never)], state, true, 'BYCOL');
      if (v === undefined) return unsupported('BYCOL');
      row.push(cellOut(v));
    }
    return this.result([row], this.bycolSize(ast, state), 'BYCOL');
  }

  /** MAKEARRAY(rows, cols, lambda(row, col)): the LAMBDA of each 1-based row and column index. */
  makearray(ast: ProcedureAst, state: InterpreterState): unknown {
    const args = ast.args as unknown as Node[];
    if (args.length !== 3) return new CellError(ErrorType.NA, 'MAKEARRAY: wrong number of arguments');
    const fn = lambdaOf(args[2]);
    if (!fn || fn.params.length !== 2 || needsReference(fn.body)) return unsupported('MAKEARRAY');
    const size: number[] = [];
    for (const [i, what] of ['rows', 'cols'].entries()) {
      const n = this.int(this.evaluateAst(args[i] as never, state), 'MAKEARRAY', what);
      if (n instanceof CellError) return n;
      // Microsoft's doc of MAKEARRAY: rows and cols must be greater than zero (#VALUE! otherwise).
      if (n < 1) return new CellError(ErrorType.VALUE, `MAKEARRAY: ${what} ${n} must be at least 1`);
      size.push(n);
    }
    const [rows, cols] = size;
    const room = this.makearraySize(ast);
    if (rows * cols > 1 && (rows > room.height || cols > room.width)) return unsupported('MAKEARRAY'); // a size computed from cells: the engine reserved no spill range for it
    const out: Grid = [];
    for (let r = 1; r <= rows; r++) {
      const row: unknown[] = [];
      for (let c = 1; c <= cols; c++) {
        const v = this.apply(fn, [r, c], state, true, 'MAKEARRAY');
        if (v === undefined) return unsupported('MAKEARRAY');
        row.push(cellOut(v));
      }
      out.push(row);
    }
    return this.result(out, room, 'MAKEARRAY');
  }

  /** The result grid as the engine returns it; one larger than the reserved spill range is left to Excel's value. */
  private result(out: Grid, room: ArraySize, name: string): unknown {
    if (out.length === 1 && out[0].length === 1) return out[0][0];
    if (out.length > room.height || out[0].length > room.width) return unsupported(name);
    return SimpleRangeValue.onlyValues(out as never);
  }
}

for (const id of UNSUPPORTED_HEADLESS) {
  (LambdaPlugin.prototype as unknown as Record<string, unknown>)[`unsupported${id}`] = function () {
    return unsupported(id);
  };
}
