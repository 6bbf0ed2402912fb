/**
 * VLOOKUP, HLOOKUP, MATCH and LOOKUP as Excel computes them (Microsoft's docs: "VLOOKUP function", "HLOOKUP
 * function", "MATCH function", "LOOKUP function"), checked on ../shared/fidelity/ironcalc/LOOKUP_AND_REFERENCE
 * (HVLOOKUP.xlsx, MATCH.xlsx, MATCH_LOOKUP_arrays.xlsx):
 * - approximate match (range_lookup TRUE or omitted, MATCH type 1, LOOKUP) binary-searches data assumed ascending and
 *   gives the LAST item <= the lookup value (MATCH("delta", {Alpha;Beta;Delta;Delta;...}) is 4), of the lookup
 *   value's type (numbers and text never match each other); nothing smaller is #N/A;
 * - MATCH type -1 assumes descending data and gives the smallest item >= the lookup value;
 * - exact match (FALSE, MATCH 0) finds the first equal item, text without regard to case, with the wildcards * ? ~;
 * - an empty lookup value matches nothing (#N/A); the table may be any array (VSTACK, SEQUENCE) or even one number;
 * - VLOOKUP/HLOOKUP col/row index < 1 is #VALUE!, beyond the table #REF!; an empty result cell is 0.
 * INDEX (Microsoft's "INDEX function" doc, INDEX.xlsx): on a one-row array a single index is the column number; a row
 * or column of 0 (or omitted, INDEX(a,,)) takes the whole column/row, which spills; beyond the array is #REF!, a
 * negative index #VALUE!; area_num other than 1 is #REF! (the engine has no multi-area references).
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';
import { compareLookup, wildcardRegex } from './xlookup';
import { numberOf } from './criteria';
import { literalNumber } from './array-shape';

const gridOf = (v: unknown): unknown[][] => (v instanceof SimpleRangeValue ? v.data : [[v]]);
// Excel's lookups return a reference: a blank cell found shows 0 in its cell but is "" to & and equals "" (the
// =VLOOKUP(...)&"" idiom for blanks; INDEX(parents, MATCH(...))&"" in an org tree). A single result stays the engine's
// empty value, which the engine shows as 0 (evaluateNullToZero); a spilled array shows 0 for a blank, as Excel spills.
const shown = (v: unknown): unknown => (v === EmptyValue ? 0 : v);
const isGiven = (v: unknown): boolean => v !== undefined && v !== EmptyValue;
const sameKind = (a: unknown, b: unknown): boolean =>
  (numberOf(a) !== undefined && numberOf(b) !== undefined) ||
  (typeof a === 'string' && typeof b === 'string') ||
  (typeof a === 'boolean' && typeof b === 'boolean');

/** Exact match: the first equal item (wildcards for text), or -1. */
function exactPosition(key: unknown, vec: unknown[]): number {
  if (typeof key === 'string' && /[*?~]/.test(key)) {
    const re = wildcardRegex(key);
    return vec.findIndex((v) => typeof v === 'string' && re.test(v));
  }
  return vec.findIndex((v) => sameKind(v, key) && compareLookup(v, key) === 0);
}

/**
 * Approximate match on ascending data: the last item <= key of the key's type, by binary search (so unsorted data
 * gives Excel's arbitrary but deterministic answer). Items of other types are stepped over toward the start.
 */
function ascendingPosition(key: unknown, vec: unknown[]): number {
  let lo = 0;
  let hi = vec.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compareLookup(vec[mid], key);
    if (c !== undefined && c <= 0) lo = mid + 1;
    else hi = mid;
  }
  let i = lo - 1;
  while (i >= 0 && !sameKind(vec[i], key)) i--;
  return i;
}

/**
 * MATCH type -1 on descending data: the smallest item >= key, of the key's type. Excel scans from the start and stops
 * at the first smaller item, so ascending data gives #N/A (the MATCH doc: MATCH(40,{25;38;40;41},-1) is #N/A).
 */
function descendingPosition(key: unknown, vec: unknown[]): number {
  let best = -1;
  for (let i = 0; i < vec.length; i++) {
    if (!sameKind(vec[i], key)) continue;
    if (compareLookup(vec[i], key)! < 0) break;
    best = i;
  }
  return best;
}

/** Whether the table argument is a text literal (the engine hands it over as a one-cell array). */
const isTextLiteral = (ast: ProcedureAst): boolean =>
  ((ast.args as unknown[])[1] as { type?: string } | undefined)?.type === 'STRING';

const notFound = (fn: string): CellError => new CellError(ErrorType.NA, `${fn}: lookup_value not found`);

export class LookupClassicPlugin extends ExcelPlugin {
  static implementedFunctions = {
    VLOOKUP: {
      method: 'vlookup',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
    HLOOKUP: {
      method: 'hlookup',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
    MATCH: {
      method: 'match',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
    INDEX: {
      method: 'index',
      sizeOfResultArrayMethod: 'indexSize',
      vectorizationForbidden: true,
      parameters: [
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
    LOOKUP: {
      method: 'lookup',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.RANGE, optionalArg: true },
      ],
    },
  };

  /** range_lookup: TRUE (approximate) unless given as FALSE/0. */
  private approximate(v: unknown, fn: string): boolean | CellError {
    if (!isGiven(v)) return true;
    const n = this.num(v, fn, 'range_lookup');
    return n instanceof CellError ? n : n !== 0;
  }

  /** VLOOKUP and HLOOKUP: search the first column (row) of the table, return from column (row) `index`. */
  private tableLookup(
    fn: string,
    key: unknown,
    table: unknown,
    index: unknown,
    range: unknown,
    byRow: boolean,
    textTable: boolean,
  ): unknown {
    if (key instanceof CellError) return key;
    const idx = this.int(index, fn, byRow ? 'row_index_num' : 'col_index_num');
    if (idx instanceof CellError) return idx;
    const approx = this.approximate(range, fn);
    if (approx instanceof CellError) return approx;
    if (table instanceof CellError) return table;
    // A text as the table is #VALUE!, a number or logical value a one-cell table (HVLOOKUP.xlsx, rows 12-14).
    if (typeof table === 'string' || textTable)
      return new CellError(ErrorType.VALUE, `${fn}: table_array "${table}" is text, not a range or an array`);
    const g = gridOf(table);
    const size = byRow ? g.length : g[0].length;
    if (idx < 1)
      return new CellError(ErrorType.VALUE, `${fn}: ${byRow ? 'row' : 'col'}_index_num ${idx} is less than 1`);
    const vec = byRow ? g[0] : g.map((r) => r[0]);
    if (key === EmptyValue) return notFound(fn);
    const i = approx ? ascendingPosition(key, vec) : exactPosition(key, vec);
    if (idx > size)
      return new CellError(
        ErrorType.REF,
        `${fn}: ${byRow ? 'row' : 'col'}_index_num ${idx} is beyond the table's ${size}`,
      );
    if (i < 0) return notFound(fn);
    return byRow ? g[idx - 1][i] : g[i][idx - 1];
  }

  vlookup(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('VLOOKUP'),
      (k: unknown, t: unknown, i: unknown, r: unknown) =>
        this.tableLookup('VLOOKUP', k, t, i, r, false, isTextLiteral(ast)) as never,
    );
  }

  hlookup(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('HLOOKUP'),
      (k: unknown, t: unknown, i: unknown, r: unknown) =>
        this.tableLookup('HLOOKUP', k, t, i, r, true, isTextLiteral(ast)) as never,
    );
  }

  match(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('MATCH'), (key: unknown, look: unknown, type: unknown) => {
      if (key instanceof CellError) return key;
      const t = isGiven(type) ? this.num(type, 'MATCH', 'match_type') : 1;
      if (t instanceof CellError) return t;
      if (look instanceof CellError) return look;
      const g = gridOf(look);
      if (g.length > 1 && g[0].length > 1)
        return new CellError(ErrorType.NA, 'MATCH: lookup_array must be one row or one column');
      const vec = g.length === 1 ? g[0] : g.map((r) => r[0]);
      if (key === EmptyValue) return notFound('MATCH');
      const i = t > 0 ? ascendingPosition(key, vec) : t < 0 ? descendingPosition(key, vec) : exactPosition(key, vec);
      return i < 0 ? notFound('MATCH') : i + 1;
    });
  }

  /** LOOKUP's vector form, or its array form (search the first row of a wide array, else the first column). */
  lookup(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('LOOKUP'),
      (key: unknown, look: unknown, result: unknown) => {
        if (key instanceof CellError) return key;
        if (look instanceof CellError) return look;
        const g = gridOf(look);
        const wide = g[0].length > g.length;
        const vec = wide ? g[0] : g.map((r) => r[0]);
        let out: unknown[];
        if (result === undefined) out = wide ? g[g.length - 1] : g.map((r) => r[r.length - 1]);
        else if (result instanceof CellError) return result;
        else {
          const rg = gridOf(result);
          if (rg.length > 1 && rg[0].length > 1)
            return new CellError(ErrorType.NA, 'LOOKUP: result_vector must be one row or one column');
          out = rg.length === 1 ? rg[0] : rg.map((r) => r[0]);
        }
        if (key === EmptyValue) return notFound('LOOKUP');
        const i = ascendingPosition(key, vec);
        if (i < 0) return notFound('LOOKUP');
        // A result vector shorter than the lookup vector: Excel reads past its end, which we cannot; say so.
        if (i >= out.length) return new CellError(ErrorType.NA, 'LOOKUP: result_vector is shorter than lookup_vector');
        return out[i] as never;
      },
    );
  }

  /** The rows and columns INDEX takes: whole (0 or omitted) or one, the single index on a one-row array a column. */
  private indexShape(h: number, w: number, rowAst: unknown, colAst: unknown): { rows: boolean; cols: boolean } {
    const absent = (a: unknown) => a === undefined || (a as { type?: string }).type === 'EMPTY';
    const whole = (a: unknown) => absent(a) || literalNumber(a) === 0;
    if (colAst === undefined && h === 1 && w > 1) return { rows: true, cols: whole(rowAst) };
    return { rows: whole(rowAst), cols: whole(colAst) };
  }

  indexSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const args = ast.args as unknown[];
    const s = (this as unknown as { arraySizeForAst(a: unknown, s: unknown): ArraySize }).arraySizeForAst(
      args[0],
      state,
    );
    const shape = this.indexShape(s.height, s.width, args[1], args[2]);
    return new ArraySize(shape.cols ? Math.max(1, s.width) : 1, shape.rows ? Math.max(1, s.height) : 1);
  }

  index(ast: ProcedureAst, state: InterpreterState): unknown {
    const args = ast.args as unknown[];
    return this.runFunction(
      ast.args,
      state,
      this.metadata('INDEX'),
      (array: unknown, row: unknown, col: unknown, area: unknown) => {
        if (array instanceof CellError) return array;
        const g = gridOf(array);
        const h = g.length;
        const w = g[0].length;
        const r = isGiven(row) ? this.int(row, 'INDEX', 'row_num') : 0;
        if (r instanceof CellError) return r;
        const c = isGiven(col) ? this.int(col, 'INDEX', 'column_num') : 0;
        if (c instanceof CellError) return c;
        const a = isGiven(area) ? this.int(area, 'INDEX', 'area_num') : 1;
        if (a instanceof CellError) return a;
        if (r < 0 || c < 0 || a < 1)
          return new CellError(ErrorType.VALUE, 'INDEX: row_num, column_num and area_num must not be negative');
        if (a !== 1) return new CellError(ErrorType.REF, `INDEX: area_num ${a} is beyond the one area given`);
        // One index on a one-row array counts columns (the doc: "if array has only one row, row_num is optional").
        let [ri, ci] = args[2] === undefined && h === 1 && w > 1 ? [0, r] : [r, c];
        if (args[2] === undefined && w === 1 && h > 1) [ri, ci] = [r, 0];
        if (ri > h || ci > w)
          return new CellError(ErrorType.REF, `INDEX: position (${ri}, ${ci}) is outside the ${h}x${w} array`);
        const rows = ri === 0 ? g : [g[ri - 1]];
        const picked = rows.map((line) => (ci === 0 ? line : [line[ci - 1]]));
        if (picked.length === 1 && picked[0].length === 1) return picked[0][0] as never;
        const out = picked.map((line) => line.map(shown));
        const size = this.indexSize(ast, state);
        if (out.length !== size.height || out[0].length !== size.width) {
          return new CellError(
            ErrorType.VALUE,
            'INDEX: #SPILL! a row or column of 0 from a cell gives an array the engine did not reserve room for; write the 0 in the formula',
          );
        }
        return SimpleRangeValue.onlyValues(out as never);
      },
    );
  }
}
