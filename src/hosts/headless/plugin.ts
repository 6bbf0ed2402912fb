/**
 * The headless host: a HyperFormula function plugin generated from the same declarations as Excel's
 * functions.json (src/functions/generated/registry.ts). Converts HyperFormula arguments into the plain values
 * the declarations take, and a thrown SalesOpsError into a CellError carrying the same message.
 *
 * HyperFormula is GPL-3.0: only the CLI, the playground and the tests import this file, never the Excel bundles.
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  SimpleRangeValue,
} from 'hyperformula';
import type { ImplementedFunctions } from 'hyperformula';
import { declarations } from '../../functions/generated/registry';
import { NAMESPACE, type Declaration, type SpillDim } from '../../functions/declaration';
import { CellErrorValue } from '../../functions/clean';
import { ERROR_TEXT, SalesOpsError, internalErrorMessage } from '../../models/errors';

const HF_ERROR: Record<SalesOpsError['code'], ErrorType> = {
  VALUE: ErrorType.VALUE,
  NA: ErrorType.NA,
  NUM: ErrorType.NUM,
  DIV0: ErrorType.DIV_BY_ZERO,
};

/** One HyperFormula cell value as a plain JS value (numbers, text, booleans, null, CellErrorValue). */
function plainScalar(v: unknown): unknown {
  if (v === EmptyValue) return null;
  if (v instanceof CellError)
    return new CellErrorValue(
      v.type === ErrorType.DIV_BY_ZERO ? ERROR_TEXT.DIV0 : v.type === ErrorType.NA ? ERROR_TEXT.NA : `#${v.type}!`,
      v.message ?? '',
    );
  if (typeof v === 'object' && v !== null && 'val' in v) return (v as { val: number }).val; // RichNumber (dates, %)
  return v;
}

interface RangeInternals {
  _data?: unknown[][];
  range?: {
    start: { sheet: number; row: number; col: number };
    effectiveEndRow(dg: unknown): number;
    effectiveEndColumn(dg: unknown): number;
  };
  dependencyGraph?: {
    getCellValue(address: { sheet: number; row: number; col: number }): unknown;
    addressMapping?: { mapping?: Map<number, { getCellVertex?: (col: number, row: number) => unknown }> };
  };
}

type Vertex = { getCellValue?: () => unknown; getArrayCellValue?: unknown } | undefined;

/**
 * A range as unknown[][] in one pass. For a range of the sheet not yet materialised, cells are read straight from
 * the engine's dependency graph with one reused address object, instead of SimpleRangeValue.data, which allocates an
 * address per cell and then a second copy: on 100,000-row ranges that copy dominated recalculation.
 */
function plainRange(r: SimpleRangeValue): unknown[][] {
  const internals = r as unknown as RangeInternals;
  const range = internals.range;
  const dg = internals.dependencyGraph;
  if (internals._data === undefined && range && dg) {
    const { sheet, row: top, col: left } = range.start;
    const bottom = range.effectiveEndRow(dg);
    const right = range.effectiveEndColumn(dg);
    const width = right - left + 1;
    const out: unknown[][] = new Array(Math.max(0, bottom - top + 1));
    const address = { sheet, row: top, col: left };
    // The sheet's cell store, when it offers direct vertex lookup (HyperFormula's dense and sparse strategies do).
    const store = dg.addressMapping?.mapping?.get(sheet);
    const direct = typeof store?.getCellVertex === 'function' ? store : null;
    for (let row = top; row <= bottom; row++) {
      const cells: unknown[] = new Array(width);
      address.row = row;
      for (let c = 0; c < width; c++) {
        address.col = left + c;
        let v: unknown;
        if (direct) {
          const vertex = direct.getCellVertex!(left + c, row) as Vertex;
          if (vertex === undefined) {
            cells[c] = null;
            continue;
          }
          v =
            vertex.getArrayCellValue === undefined && vertex.getCellValue
              ? vertex.getCellValue()
              : dg.getCellValue(address);
        } else v = dg.getCellValue(address);
        cells[c] =
          typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean'
            ? v
            : v instanceof SimpleRangeValue
              ? new CellErrorValue('#VALUE!', 'a cell holds an array')
              : plainScalar(v);
      }
      out[row - top] = cells;
    }
    return out;
  }
  const data = r.data as unknown[][];
  const out: unknown[][] = new Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    let copy: unknown[] | null = null;
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') {
        if (!copy) copy = row.slice();
        copy[j] = plainScalar(v);
      }
    }
    out[i] = copy ?? row;
  }
  return out;
}

function toCellError(e: unknown, id: string): CellError {
  if (e instanceof SalesOpsError) return new CellError(HF_ERROR[e.code], e.message);
  // A bug, not bad input: still never crash the engine; say where it came from.
  return new CellError(ErrorType.VALUE, internalErrorMessage(`${NAMESPACE}.${id}`, e));
}

/** A result value as HyperFormula wants it: numbers must be finite, errors become CellError. */
function toEngineScalar(v: unknown, id: string): unknown {
  if (v instanceof SalesOpsError) return toCellError(v, id);
  if (typeof v === 'number')
    return Number.isFinite(v)
      ? v
      : new CellError(ErrorType.NUM, `${NAMESPACE}.${id}: the result is not a finite number`);
  if (v === null || v === undefined) return EmptyValue;
  return v;
}

function dimSize(dim: SpillDim, argSizes: (ArraySize | undefined)[]): number {
  if (dim.kind === 'const') return dim.n;
  const s = argSizes[dim.param];
  if (!s) return dim.fallback + dim.plus;
  const n = dim.kind === 'rows' ? s.height : dim.kind === 'cols' ? s.width : Math.max(s.height, s.width);
  return Math.max(1, n + dim.plus);
}

function fullName(d: Declaration): string {
  return `${NAMESPACE}.${d.id}`;
}

function method(d: Declaration): string {
  return 'fn_' + d.id.replace(/\W/g, '_');
}

class SalesOpsPlugin extends FunctionPlugin {
  static implementedFunctions: ImplementedFunctions = {};
}

type AstLike = { type?: string; expressionName?: string };

interface PluginInternals {
  arraySizeForAst: (a: unknown, s: unknown) => ArraySize;
  dependencyGraph?: {
    namedExpressions?: { nearestNamedExpression(name: string, sheet: number): { address: unknown } | undefined };
    addressMapping?: { getCell(address: unknown): { formula?: unknown } | undefined };
  };
}

/** Size of one argument's value; a defined name (Months, Ramp) is sized by the range it names. */
function argumentSize(plugin: PluginInternals, ast: AstLike, state: { formulaAddress?: { sheet: number } }): ArraySize {
  if (ast.type === 'NAMED_EXPRESSION' && ast.expressionName) {
    const dg = plugin.dependencyGraph;
    const named = dg?.namedExpressions?.nearestNamedExpression(ast.expressionName, state.formulaAddress?.sheet ?? 0);
    const formula = named ? dg?.addressMapping?.getCell(named.address)?.formula : undefined;
    if (formula) return plugin.arraySizeForAst(formula, state);
  }
  return plugin.arraySizeForAst(ast, state);
}

/** The spill size a declaration predicts from the shapes of its arguments (before any value is known). */
function predictSize(plugin: FunctionPlugin, d: Declaration, ast: { args: unknown[] }, state: unknown): ArraySize {
  if (!d.spill) return ArraySize.scalar();
  const self = plugin as unknown as PluginInternals;
  const sizes = d.metadata.parameters.map((_, i) => {
    const a = ast.args[i] as AstLike | undefined;
    return a === undefined || a.type === 'EMPTY'
      ? undefined
      : argumentSize(self, a, state as { formulaAddress?: { sheet: number } });
  });
  return new ArraySize(dimSize(d.spill.cols, sizes), dimSize(d.spill.rows, sizes));
}

for (const d of declarations) {
  const name = fullName(d);
  const params = d.metadata.parameters.map((p) => ({
    argumentType: FunctionArgumentType.ANY,
    optionalArg: !!p.optional,
  }));
  SalesOpsPlugin.implementedFunctions[name] = {
    method: method(d),
    parameters: params,
    vectorizationForbidden: true,
    ...(d.spill ? { sizeOfResultArrayMethod: method(d) + '_size' } : {}),
  };
  const proto = SalesOpsPlugin.prototype as unknown as Record<string, unknown>;
  const count = d.metadata.parameters.length;
  const required = d.metadata.parameters.filter((p) => !p.optional).length;
  proto[method(d)] = function (this: FunctionPlugin, ast: { args: { type?: string }[] }, state: unknown) {
    // Arguments are evaluated here rather than through runFunction's coercion, so that an error value in any
    // argument and a range given where one value is expected both reach the declaration, which names the argument.
    const self = this as unknown as { evaluateAst: (a: unknown, s: unknown) => unknown };
    const n = ast.args.length;
    if (n < required || n > count) {
      return new CellError(
        ErrorType.NA,
        `${name} takes ${required === count ? required : `${required} to ${count}`} arguments, not ${n}`,
      );
    }
    const size = predictSize(this, d, ast, state);
    const args: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const a = ast.args[i];
      const v = a.type === 'EMPTY' ? undefined : self.evaluateAst(a, state);
      args[i] = v instanceof SimpleRangeValue ? plainRange(v) : plainScalar(v);
    }
    return evaluate(d, args, size);
  };
  if (d.spill) {
    proto[method(d) + '_size'] = function (this: FunctionPlugin, ast: { args: unknown[] }, state: unknown) {
      return predictSize(this, d, ast, state);
    };
  }
}

/** Calls a declaration with plain arguments and shapes its result for the engine. */
function evaluate(d: Declaration, args: unknown[], size: ArraySize): unknown {
  let result: unknown;
  try {
    result = d.implementation(...args);
  } catch (e) {
    // Excel shows one error in the formula's cell and spills nothing: do the same inside the declared area.
    return d.spill
      ? SimpleRangeValue.onlyValues(pad([[toCellError(e, d.id)]], size, d.id) as never)
      : toCellError(e, d.id);
  }
  if (!Array.isArray(result)) {
    const v = toEngineScalar(result, d.id);
    return d.spill ? SimpleRangeValue.onlyValues(pad([[v]], size, d.id) as never) : v;
  }
  if (!d.spill) return toCellError(new Error('returned a range but declares no @spill size'), d.id);
  const rows = (result as unknown[]).map((r) => (Array.isArray(r) ? r : [r]));
  if (rows.length > size.height || rows.some((r) => r.length > size.width)) {
    return new CellError(
      ErrorType.VALUE,
      `${NAMESPACE}.${d.id}: the result (${rows.length} rows) is larger than its declared spill of ${size.height}x${size.width}`,
    );
  }
  return SimpleRangeValue.onlyValues(pad(rows, size, d.id) as never);
}

/**
 * Converts a result for the engine and pads it with blanks to the declared size (Excel spills the exact result; the
 * engine needs its size ahead). Rows of the result are converted in place: they belong to this call. Padding is
 * the engine's EmptyValue, not '': the column index keeps every '' in a sorted list and removing them one by one on
 * recalculation went quadratic on 100,000-row spills.
 */
function pad(rows: unknown[][], size: ArraySize, id: string): unknown[][] {
  const out: unknown[][] = new Array(size.height);
  for (let i = 0; i < size.height; i++) {
    const row = i < rows.length ? rows[i] : [];
    for (let j = 0; j < row.length; j++) row[j] = toEngineScalar(row[j], id);
    for (let j = row.length; j < size.width; j++) row.push(EmptyValue);
    out[i] = row;
  }
  return out;
}

/** English names of every SALESOPS function, for HyperFormula's language registration. */
export function functionTranslations(): Record<string, string> {
  return Object.fromEntries(declarations.map((d) => [fullName(d), fullName(d)]));
}

export { SalesOpsPlugin };
