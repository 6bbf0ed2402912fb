/**
 * HyperFormula fixes the size of a function's spilled result when it parses the formula, before anything is
 * computed. For functions whose size depends on their arguments' values (TEXTSPLIT), the size can still be known
 * then when the arguments are constants: literals, array literals, or references to cells holding a value (not a
 * formula) that the engine has already read. `staticArgs` gives those values, or undefined when any is not known yet.
 */
import { EmptyValue } from 'hyperformula';
import type { FunctionPlugin } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';

/** The parts of HyperFormula's AST this module reads (HyperFormula does not export its AST types). */
interface AstLike {
  type: string;
  value?: unknown;
  args?: AstLike[][];
  reference?: { toSimpleCellAddress(base: CellAddress): CellAddress };
  start?: { toSimpleCellAddress(base: CellAddress): CellAddress };
  end?: { toSimpleCellAddress(base: CellAddress): CellAddress };
  expression?: AstLike;
}
interface CellAddress {
  sheet: number;
  row: number;
  col: number;
}
interface VertexLike {
  getCellValue?: () => unknown;
  getFormula?: () => unknown;
}

/** Not known before evaluation. */
export const UNKNOWN = Symbol('unknown');

const MAX_STATIC_CELLS = 10_000;

function cellValue(plugin: FunctionPlugin, address: CellAddress): unknown {
  const graph = (plugin as unknown as { dependencyGraph: { getCell(a: CellAddress): VertexLike | undefined } })
    .dependencyGraph;
  const vertex = graph.getCell(address);
  // No vertex: an empty cell, or one the engine has not read yet (it builds in row order); either way not known.
  // A formula's value is not computed yet (class names are not used: bundlers rename them).
  if (!vertex || typeof vertex.getFormula === 'function' || typeof vertex.getCellValue !== 'function') return UNKNOWN;
  return vertex.getCellValue();
}

/** The value of one argument's AST when it is a constant: a scalar, a 2-D array, EmptyValue, or UNKNOWN. */
export function staticValue(plugin: FunctionPlugin, ast: AstLike, base: CellAddress): unknown {
  switch (ast.type) {
    case 'NUMBER':
    case 'STRING':
      return ast.value;
    case 'EMPTY':
      return EmptyValue;
    case 'PARENTHESES':
      return ast.expression ? staticValue(plugin, ast.expression, base) : UNKNOWN;
    case 'MINUS_UNARY_OP': {
      const v = ast.value ? staticValue(plugin, ast.value as AstLike, base) : UNKNOWN;
      return typeof v === 'number' ? -v : UNKNOWN;
    }
    case 'ARRAY': {
      const rows = (ast.args ?? []).map((row) => row.map((cell) => staticValue(plugin, cell, base)));
      return rows.some((row) => row.some((v) => v === UNKNOWN || Array.isArray(v))) ? UNKNOWN : rows;
    }
    case 'NAMED_EXPRESSION':
    case 'FUNCTION_CALL': {
      // TRUE and FALSE: named expressions in formulas, TRUE()/FALSE() inside array literals (engine.ts).
      const name = String(
        (ast as { expressionName?: unknown; procedureName?: unknown }).procedureName ??
          (ast as { expressionName?: unknown }).expressionName ??
          '',
      ).toUpperCase();
      if ((name === 'TRUE' || name === 'FALSE') && !(ast.args && ast.args.length)) return name === 'TRUE';
      return UNKNOWN;
    }
    case 'CELL_REFERENCE':
      return ast.reference ? cellValue(plugin, ast.reference.toSimpleCellAddress(base)) : UNKNOWN;
    case 'CELL_RANGE': {
      if (!ast.start || !ast.end) return UNKNOWN;
      const a = ast.start.toSimpleCellAddress(base);
      const b = ast.end.toSimpleCellAddress(base);
      const height = Math.abs(b.row - a.row) + 1;
      const width = Math.abs(b.col - a.col) + 1;
      if (a.sheet !== b.sheet || height * width > MAX_STATIC_CELLS) return UNKNOWN;
      const rows: unknown[][] = [];
      for (let r = 0; r < height; r++) {
        const row: unknown[] = [];
        for (let c = 0; c < width; c++) {
          const v = cellValue(plugin, {
            sheet: a.sheet,
            row: Math.min(a.row, b.row) + r,
            col: Math.min(a.col, b.col) + c,
          });
          if (v === UNKNOWN) return UNKNOWN;
          row.push(v);
        }
        rows.push(row);
      }
      return rows;
    }
    default:
      return UNKNOWN;
  }
}

/** Every argument's constant value, or undefined when one of them is only known after evaluation. */
export function staticArgs(plugin: FunctionPlugin, args: unknown[], base: CellAddress): unknown[] | undefined {
  const values = args.map((a) => staticValue(plugin, a as AstLike, base));
  return values.includes(UNKNOWN) ? undefined : values;
}

/**
 * Whether this call is a whole formula whose cell the engine sized as one cell (its size was not known when parsed):
 * the engine would show #VALUE! for an array there, so the call gives its first value instead.
 */
export function topLevelInScalarCell(plugin: FunctionPlugin, ast: ProcedureAst, state: InterpreterState): boolean {
  const address = (state as unknown as { formulaAddress?: { sheet: number; row: number; col: number } }).formulaAddress;
  if (!address) return false;
  const graph = (
    plugin as unknown as {
      dependencyGraph: { getCell(a: unknown): { formula?: unknown; array?: unknown } | undefined };
    }
  ).dependencyGraph;
  const vertex = graph.getCell(address);
  // The vertex's own formula field: getFormula() needs the engine's lazy-transformation service and throws without it.
  return Boolean(vertex && vertex.formula !== undefined && vertex.array === undefined && vertex.formula === ast);
}

/** The size of the spill the engine set for this call when it is the whole formula of an array cell. */
export function spillRoom(
  plugin: FunctionPlugin,
  ast: ProcedureAst,
  state: InterpreterState,
): { width: number; height: number } | undefined {
  const address = (state as unknown as { formulaAddress?: { sheet: number; row: number; col: number } }).formulaAddress;
  if (!address) return undefined;
  type ArrayVertex = { formula?: unknown; array?: { width(): number; height(): number } };
  const graph = (plugin as unknown as { dependencyGraph: { getCell(a: unknown): ArrayVertex | undefined } })
    .dependencyGraph;
  const vertex = graph.getCell(address);
  if (!vertex || vertex.formula !== ast || !vertex.array || typeof vertex.array.width !== 'function') return undefined;
  return { width: vertex.array.width(), height: vertex.array.height() };
}
