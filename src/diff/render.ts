/**
 * Formulas of both workbooks written in one comparable form. A formula of `before` is read in the coordinates of
 * `after`: each reference goes through the row and column alignment of the sheet it points at (as Excel itself
 * moves references when rows are inserted), and sheet names through the sheet matching (a renamed sheet). Two
 * formulas then mean the same when their forms are equal: this is the R1C1 comparison made after alignment, so a
 * formula that only moved with an inserted row, or whose range grew over it, is not a change.
 */
import type { CellValue } from '../workbook/workbook';
import { isCellError } from '../workbook/workbook';
import { createTokenizer, type RefEnd, type Token } from '../audit/formula';
import { declarationOf } from '../audit/salesops';
import { NAMESPACE } from '../functions/declaration';
import type { SnapCell } from './snapshot';

/** How one side's coordinates reach `after`: identity for `after` itself. */
export interface SideMaps {
  /** The comparison key (lower-case `after` name) of a sheet named in this workbook. */
  sheetKey(name: string): string;
  /** The `after` row of a row of `sheet` (a key of this side); -1 when deleted. `edge` picks a neighbour instead. */
  row(sheet: string, row: number, edge: 'start' | 'end' | 'cell'): number;
  col(sheet: string, col: number, edge: 'start' | 'end' | 'cell'): number;
}

export const IDENTITY: SideMaps = { sheetKey: (n) => n.toLowerCase(), row: (_s, r) => r, col: (_s, c) => c };

const functionNames = new Map<string, string>();

/** One spelling per function: `_xlfn.`/`_xlws.` prefixes dropped, Excel's stored form of SALESOPS calls resolved. */
export function functionName(name: string): string {
  let out = functionNames.get(name);
  if (out === undefined) {
    const plain = name
      .toUpperCase()
      .replace(/^\[\d+\]!/, '')
      .replace(/^_XL(FN|WS|UDF)\./, '');
    const decl = declarationOf(plain);
    out = decl ? `${NAMESPACE}.${decl.id}` : plain;
    functionNames.set(name, out);
  }
  return out;
}

export type RenderMode = 'canonical' | 'row' | 'shape';

/**
 * A tokenizer per workbook (it remembers formula shapes: a column of copies is lexed once). Tokens are not kept per
 * cell: re-tokenizing a copy is cheaper than holding a million token objects for the garbage collector.
 */
export function tokenCache(): (cell: SnapCell) => Token[] {
  const tokenize = createTokenizer();
  return (cell) => tokenize(cell.formula ?? '');
}

/**
 * A 53-bit hash of a sequence of strings and numbers (FNV-1a and djb2 side by side): row and column signatures are
 * compared as numbers, so no signature string is built or kept.
 */
export class Hash {
  private h1 = 0x811c9dc5;
  private h2 = 5381;

  str(s: string): this {
    for (let i = 0; i < s.length; i++) this.code(s.charCodeAt(i));
    return this.code(0x10ffff);
  }

  num(n: number): this {
    this.code(n & 0xffff);
    return this.code((n >>> 16) & 0xffff);
  }

  private code(c: number): this {
    this.h1 = Math.imul(this.h1 ^ c, 16777619);
    this.h2 = (Math.imul(this.h2, 33) + c) | 0;
    return this;
  }

  value(): number {
    return (this.h1 >>> 0) * 2097152 + (this.h2 >>> 11);
  }
}

/**
 * A formula's form: 'canonical' (every reference at its `after` position), 'row' (rows relative to the formula's
 * own row, columns at their `after` position: equal along a block copied down, the row signature for alignment),
 * or 'shape' (references left out: what a column or row "looks like", for likeness).
 */
export function renderFormula(
  tokens: Token[],
  mode: RenderMode,
  maps: SideMaps,
  hostSheet: string,
  hostRow: number,
): string {
  let s = '=';
  for (const t of tokens) {
    switch (t.kind) {
      case 'ref': {
        if (mode === 'shape') {
          s += t.workbook ? '[x]@' : '@';
          break;
        }
        const sheet = t.workbook ? `${t.workbook}${t.sheet ?? ''}`.toLowerCase() : maps.sheetKey(t.sheet ?? hostSheet);
        const own = t.workbook ? null : (t.sheet ?? hostSheet);
        s += `${sheet}!${end(t.start, own, t.end ? 'start' : 'cell', mode, maps, hostRow)}${t.end ? ':' + end(t.end, own, 'end', mode, maps, hostRow) : ''}`;
        break;
      }
      case 'func':
        s += functionName(t.name);
        break;
      case 'name':
        s +=
          t.sheet && !t.workbook
            ? `${maps.sheetKey(t.sheet)}!${t.text.slice(t.text.lastIndexOf('!') + 1).toUpperCase()}`
            : t.text.toUpperCase();
        break;
      case 'number':
        s += String(t.value);
        break;
      case 'bracket':
      case 'bool':
      case 'error':
        s += t.text.toUpperCase();
        break;
      default:
        s += t.text;
    }
  }
  return s;
}

function end(
  e: RefEnd,
  sheet: string | null,
  edge: 'start' | 'end' | 'cell',
  mode: RenderMode,
  maps: SideMaps,
  hostRow: number,
): string {
  let col = '';
  if (e.col !== null) {
    const c = sheet === null ? e.col : maps.col(sheet, e.col, edge);
    col = c < 0 ? '#REF' : `${e.colAbs ? '$' : ''}C${c}`;
  }
  let row = '';
  if (e.row !== null) {
    if (mode === 'row' && !e.rowAbs) row = `R[${e.row - hostRow}]`;
    else {
      const r = sheet === null ? e.row : maps.row(sheet, e.row, edge);
      row = r < 0 ? '#REF' : `${e.rowAbs ? '$' : ''}R${r}`;
    }
  }
  return row + col;
}

/** A typed value as a key: its type and value (errors by code; numbers by their value). */
export function valueKey(v: CellValue): string {
  if (v === null || v === '') return '';
  if (typeof v === 'number') return 'n' + v;
  if (typeof v === 'string') return 's' + v;
  if (typeof v === 'boolean') return v ? 'b1' : 'b0';
  if (isCellError(v)) return 'e' + v.error;
  return 's' + String(v);
}

/** Equal values (numbers to 12 significant digits: Excel shows 15, and hosts may round the last bits apart). */
export function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const x = a === undefined || a === '' ? null : a;
  const y = b === undefined || b === '' ? null : b;
  if (typeof x === 'number' && typeof y === 'number')
    return x === y || Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
  if (isCellError(x) || isCellError(y)) return isCellError(x) && isCellError(y) && x.error === y.error;
  return x === y;
}
