/**
 * XLOOKUP and XMATCH as Excel 365 computes them (Microsoft's docs: "XLOOKUP function",
 * https://support.microsoft.com/office/xlookup-function-b7fd680e-6d10-43e6-84f9-88eae8bf5929, and "XMATCH function",
 * https://support.microsoft.com/office/xmatch-function-d966da31-7a6b-4a13-a1c6-5a33ed6a0312), checked on Excel's
 * cached results in ../shared/fidelity/ironcalc/LOOKUP_AND_REFERENCE/XLOOKUP.xlsx:
 * - match_mode 0 exact (the default), -1 exact or the next smaller item, 1 exact or the next larger item, 2 wildcards
 *   (* any run, ? one character, ~ escapes them), 3 a regular expression (Excel 365's newer mode, case-sensitive as
 *   REGEXTEST, found anywhere in a text cell; XMATCH.xlsx); search_mode 1 first-to-last (default), -1 last-to-first, 2 binary
 *   search on data sorted ascending, -2 binary search on data sorted descending;
 * - the number 5 never equals the text "5"; text compares without regard to case; for next smaller/larger the order
 *   is numbers < text < logical values (XLOOKUP.xlsx, sheets ReturnSmaller and ReturnLarger);
 * - an empty lookup value matches an empty cell, and an empty return cell comes back as 0;
 * - nothing found and no if_not_found (or an empty one): #N/A;
 * - when the return array is 2-D, XLOOKUP returns the whole row (lookup array a column) or column (lookup array a
 *   row) at the found position, which spills.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';
import { numberOf } from './criteria';

/** Type rank in Excel's lookup order: numbers, then text, then logical values; empty and errors are apart. */
function kind(v: unknown): number {
  if (numberOf(v) !== undefined) return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (v === EmptyValue || v === undefined || v === null) return 3;
  return 4;
}

/** Compares a cell with the key: negative if smaller, 0 equal, positive larger, undefined when not comparable. */
export function compareLookup(v: unknown, key: unknown): number | undefined {
  const kv = kind(v);
  const kk = kind(key);
  if (kv === 4 || kk === 4) {
    return v instanceof CellError && key instanceof CellError && v.type === key.type ? 0 : undefined;
  }
  if (kv !== kk) return kv === 3 || kk === 3 ? undefined : kv - kk;
  if (kv === 0) return numberOf(v)! - numberOf(key)!;
  if (kv === 1) {
    const a = (v as string).toLowerCase();
    const b = (key as string).toLowerCase();
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (kv === 2) return Number(v) - Number(key);
  return 0;
}

/** A regular expression for an Excel wildcard pattern (* ? and ~ escaping), matched whole and case-insensitively. */
export function wildcardRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '~' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/**
 * The 0-based position of the key in the vector by XLOOKUP's match and search modes, or -1 when nothing matches.
 * Linear modes consider every cell; for -1/1 the best candidate is the closest smaller/larger value in Excel's order
 * (numbers < text < TRUE/FALSE: next smaller than FALSE may be text), the first such from the search direction. Binary modes halve the range as Excel does, so on unsorted data they
 * give Excel's (arbitrary but deterministic) answer.
 */
export function findPosition(key: unknown, vec: unknown[], matchMode: number, searchMode: number): number {
  const n = vec.length;
  if (searchMode === 2 || searchMode === -2) {
    // Excel searches descending data as if reversed, so among equal items it finds the first of ascending data and
    // the last of descending data (XLOOKUP.xlsx, sheet MultipleElements).
    const data = searchMode === 2 ? vec : [...vec].reverse();
    const at = (i: number) => (i < 0 || i >= n ? -1 : searchMode === 2 ? i : n - 1 - i);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // An empty cell or an error counts as larger than any value; so an empty (omitted) key, which looks for blank
      // cells, finds the blanks after the data (XLOOKUP.xlsx, Errors!N1: XLOOKUP(,L:L,M:M,,1,2) is the row after).
      if ((compareLookup(data[mid], key) ?? (key === EmptyValue ? -1 : 1)) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo < n && compareLookup(data[lo], key) === 0) return at(lo);
    if (matchMode === -1) return lo > 0 && compareLookup(data[lo - 1], key) !== undefined ? at(lo - 1) : -1;
    if (matchMode === 1) return lo < n && compareLookup(data[lo], key) !== undefined ? at(lo) : -1;
    return -1;
  }
  const order =
    searchMode === -1 ? Array.from({ length: n }, (_, i) => n - 1 - i) : Array.from({ length: n }, (_, i) => i);
  const re =
    matchMode === 3
      ? (key as RegExp)
      : matchMode === 2 && typeof key === 'string' && /[*?~]/.test(key)
        ? wildcardRegex(key)
        : undefined;
  let best = -1;
  let bestGap: unknown;
  for (const i of order) {
    const v = vec[i];
    if (re) {
      if (typeof v === 'string' && re.test(v)) return i;
      continue;
    }
    const c = compareLookup(v, key);
    if (c === 0) return i;
    if (c === undefined || matchMode === 0 || matchMode >= 2) continue;
    if ((matchMode === -1 && c < 0) || (matchMode === 1 && c > 0)) {
      if (best === -1 || Math.sign(compareLookup(v, bestGap) ?? 0) === -matchMode) {
        best = i;
        bestGap = v;
      }
    }
  }
  return best;
}

const isGiven = (v: unknown): boolean => v !== undefined && v !== EmptyValue;
const shown = (v: unknown): unknown => (v === EmptyValue ? 0 : v);
const gridOf = (v: unknown): unknown[][] => (v instanceof SimpleRangeValue ? v.data : [[v]]);

export class XLookupPlugin extends ExcelPlugin {
  static implementedFunctions = {
    XLOOKUP: {
      method: 'xlookup',
      sizeOfResultArrayMethod: 'xlookupSize',
      vectorizationForbidden: true,
      parameters: [
        { argumentType: FunctionArgumentType.ANY },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.ANY, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
    XMATCH: {
      method: 'xmatch',
      sizeOfResultArrayMethod: 'xmatchSize',
      vectorizationForbidden: true,
      parameters: [
        { argumentType: FunctionArgumentType.ANY },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
  };

  private size(ast: unknown, state: InterpreterState): ArraySize {
    return (this as unknown as { arraySizeForAst(a: unknown, s: unknown): ArraySize }).arraySizeForAst(ast, state);
  }

  xlookupSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const args = ast.args as unknown[];
    const key = this.size(args[0], state);
    const look = this.size(args[1], state);
    const ret = this.size(args[2], state);
    if (key.width * key.height > 1) return new ArraySize(key.width, key.height);
    if (look.width === 1 && look.height > 1) return new ArraySize(Math.max(1, ret.width), 1);
    if (look.height === 1 && look.width > 1) return new ArraySize(1, Math.max(1, ret.height));
    return ArraySize.scalar();
  }

  xmatchSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const key = this.size((ast.args as unknown[])[0], state);
    return key.width * key.height > 1 ? new ArraySize(key.width, key.height) : ArraySize.scalar();
  }

  /** Match and search modes, validated as the docs list them. */
  private modes(fn: string, match: unknown, search: unknown): [number, number] | CellError {
    const m = isGiven(match) ? this.int(match, fn, 'match_mode') : 0;
    if (m instanceof CellError) return m;
    if (![0, -1, 1, 2, 3].includes(m))
      return new CellError(ErrorType.VALUE, `${fn}: match_mode must be 0, -1, 1, 2 or 3`);
    const s = isGiven(search) ? this.int(search, fn, 'search_mode') : 1;
    if (s instanceof CellError) return s;
    if (![1, -1, 2, -2].includes(s)) return new CellError(ErrorType.VALUE, `${fn}: search_mode must be 1, -1, 2 or -2`);
    if (m >= 2 && Math.abs(s) === 2)
      return new CellError(
        ErrorType.VALUE,
        `${fn}: wildcard or regex match (match_mode ${m}) cannot use binary search`,
      );
    return [m, s];
  }

  /** The lookup array as one vector, with its orientation, or #VALUE! when it is 2-D. */
  private vector(fn: string, a: unknown): { vec: unknown[]; column: boolean } | CellError {
    if (a instanceof CellError) return a;
    const g = gridOf(a);
    if (g.length > 1 && g[0].length > 1)
      return new CellError(ErrorType.VALUE, `${fn}: lookup_array must be one row or one column`);
    return g[0].length === 1 ? { vec: g.map((r) => r[0]), column: true } : { vec: g[0], column: false };
  }

  /** The lookup value as searched: an error passes through; for match_mode 3 the text compiled as a regex. */
  private keyFor(fn: string, k: unknown, matchMode: number): unknown {
    if (k instanceof CellError || matchMode !== 3) return k;
    const text = typeof k === 'string' ? k : String(numberOf(k) ?? k);
    try {
      return new RegExp(text);
    } catch {
      return new CellError(ErrorType.VALUE, `${fn}: lookup_value "${text}" is not a valid regular expression`);
    }
  }

  /** Applies a scalar lookup to each value of an array lookup_value (Excel lifts XLOOKUP/XMATCH over it). */
  private each(key: unknown, one: (k: unknown) => unknown): never {
    // Typed `never` so runFunction takes it: the values are the engine's own cell values.
    if (!(key instanceof SimpleRangeValue)) return one(key) as never;
    if (key.width() === 1 && key.height() === 1) return one(key.data[0][0]) as never;
    const out = key.data.map((r) =>
      r.map((k) => {
        const v = one(k);
        return v instanceof SimpleRangeValue ? v.data[0][0] : v;
      }),
    );
    return SimpleRangeValue.onlyValues(out as never) as never;
  }

  xlookup(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('XLOOKUP'),
      (key: unknown, look: unknown, ret: unknown, notFound: unknown, match: unknown, search: unknown) => {
        const modes = this.modes('XLOOKUP', match, search);
        if (modes instanceof CellError) return modes;
        const v = this.vector('XLOOKUP', look);
        if (v instanceof CellError) return v;
        if (ret instanceof CellError) return ret;
        const rg = gridOf(ret);
        const n = v.vec.length;
        if ((v.column ? rg.length : rg[0].length) !== n) {
          return new CellError(
            ErrorType.VALUE,
            `XLOOKUP: return_array must have as many ${v.column ? 'rows' : 'columns'} (${n}) as lookup_array`,
          );
        }
        return this.each(key, (k): unknown => {
          const key = this.keyFor('XLOOKUP', k, modes[0]);
          if (key instanceof CellError) return key;
          const i = findPosition(key, v.vec, modes[0], modes[1]);
          if (i < 0) {
            if (isGiven(notFound)) return notFound instanceof SimpleRangeValue ? notFound.data[0][0] : notFound;
            return new CellError(ErrorType.NA, 'XLOOKUP: lookup_value not found in lookup_array');
          }
          const picked = v.column ? [rg[i].map(shown)] : rg.map((r) => [shown(r[i])]);
          return picked.length === 1 && picked[0].length === 1
            ? picked[0][0]
            : SimpleRangeValue.onlyValues(picked as never);
        });
      },
    );
  }

  xmatch(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('XMATCH'),
      (key: unknown, look: unknown, match: unknown, search: unknown) => {
        const modes = this.modes('XMATCH', match, search);
        if (modes instanceof CellError) return modes;
        const v = this.vector('XMATCH', look);
        if (v instanceof CellError) return v;
        return this.each(key, (k): unknown => {
          const key = this.keyFor('XMATCH', k, modes[0]);
          if (key instanceof CellError) return key;
          const i = findPosition(key, v.vec, modes[0], modes[1]);
          return i < 0 ? new CellError(ErrorType.NA, 'XMATCH: lookup_value not found in lookup_array') : i + 1;
        });
      },
    );
  }
}
