/**
 * References as formula text, for the rewrites that stand in for Excel's reference semantics the engine lacks
 * (implicit intersection, INDIRECT, OFFSET, ANCHORARRAY, TRIMRANGE): reading a reference written as text
 * (`Sheet 2'!$A$1:B3`, `L:L`, `2:2`, R1C1 `R2C3` / `R[-1]C`), writing one back, and Excel's implicit intersection
 * of a range with the formula's own cell. Free of the engine.
 */
import {
  MAX_COLUMNS,
  MAX_ROWS,
  type Area,
  cellAddress,
  columnIndex,
  columnLetters,
  quoteSheetName,
} from '../../workbook/a1';

/** A rectangular reference: 0-based bounds, and its sheet when the text named one. */
export interface RefArea extends Area {
  sheet?: string;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d{1,7}):\$?(\d{1,7})$/;

function cell(text: string): { row: number; col: number } | null {
  const m = CELL.exec(text);
  if (!m) return null;
  const col = columnIndex(m[1]);
  const row = Number(m[2]) - 1;
  return col < MAX_COLUMNS && row >= 0 && row < MAX_ROWS ? { row, col } : null;
}

function ordered(a: number, b: number, c: number, d: number): Area {
  return { top: Math.min(a, c), left: Math.min(b, d), bottom: Math.max(a, c), right: Math.max(b, d) };
}

/** Splits `'My sheet'!A1` into the sheet name (unquoted) and the rest; no sheet when there is no `!`. */
function splitSheet(text: string): { sheet?: string; rest: string } | null {
  const t = text.trim();
  if (t.startsWith("'")) {
    const m = /^'((?:[^']|'')+)'!(.*)$/s.exec(t);
    return m ? { sheet: m[1].replace(/''/g, "'"), rest: m[2] } : null;
  }
  const bang = t.lastIndexOf('!');
  if (bang < 0) return { rest: t };
  const sheet = t.slice(0, bang);
  return /^[^\s[\]*?/\\:]+$/.test(sheet) ? { sheet, rest: t.slice(bang + 1) } : null;
}

/** An A1 reference as text: a cell, an area, whole columns or whole rows, with an optional sheet; else null. */
export function parseA1Ref(text: string): RefArea | null {
  const split = splitSheet(text);
  if (!split) return null;
  const rest = split.rest.trim();
  let area: Area | null = null;
  const [a, b, extra] = rest.split(':');
  if (extra !== undefined) return null;
  const p = cell(a);
  const q = b === undefined ? p : cell(b);
  if (p && q) area = ordered(p.row, p.col, q.row, q.col);
  let m = COLS.exec(rest);
  if (!area && m) {
    const l = columnIndex(m[1]);
    const r = columnIndex(m[2]);
    if (l < MAX_COLUMNS && r < MAX_COLUMNS) area = ordered(0, l, MAX_ROWS - 1, r);
  }
  m = ROWS.exec(rest);
  if (!area && m) {
    const t = Number(m[1]) - 1;
    const u = Number(m[2]) - 1;
    if (t >= 0 && u >= 0 && t < MAX_ROWS && u < MAX_ROWS) area = ordered(t, 0, u, MAX_COLUMNS - 1);
  }
  return area ? { ...area, sheet: split.sheet } : null;
}

/** One R1C1 part: `R2` (absolute), `R[-1]` (relative to `base`), `R` (the base itself). */
function r1c1Part(text: string | undefined, base: number): number | null {
  if (text === undefined || text === '') return base;
  const rel = /^\[(-?\d+)\]$/.exec(text);
  if (rel) return base + Number(rel[1]);
  return /^\d+$/.test(text) ? Number(text) - 1 : null;
}

/**
 * An R1C1 reference as text (INDIRECT with a1 FALSE): `R2C3`, `R[1]C[-2]`, `RC`, a range of two such cells, whole
 * rows `R2` / columns `C3`; relative parts count from the formula's cell (`at`). Null when it is not one.
 */
export function parseR1C1Ref(text: string, at: { row: number; col: number }): RefArea | null {
  const split = splitSheet(text);
  if (!split) return null;
  const one = (t: string): { row: number | null; col: number | null } | null => {
    const m = /^(?:[Rr](\[-?\d+\]|\d+)?)?(?:[Cc](\[-?\d+\]|\d+)?)?$/.exec(t.trim());
    if (!m || !t.trim()) return null;
    const hasR = /^[Rr]/.test(t.trim());
    const hasC = /[Cc]/.test(t.trim());
    return { row: hasR ? r1c1Part(m[1], at.row) : null, col: hasC ? r1c1Part(m[2], at.col) : null };
  };
  const parts = split.rest.split(':');
  if (parts.length > 2) return null;
  const p = one(parts[0]);
  const q = parts.length === 2 ? one(parts[1]) : p;
  if (!p || !q) return null;
  const top = Math.min(p.row ?? 0, q.row ?? 0);
  const bottom = p.row === null || q.row === null ? MAX_ROWS - 1 : Math.max(p.row, q.row);
  const left = Math.min(p.col ?? 0, q.col ?? 0);
  const right = p.col === null || q.col === null ? MAX_COLUMNS - 1 : Math.max(p.col, q.col);
  if ((p.row === null) !== (q.row === null) || (p.col === null) !== (q.col === null)) return null;
  if (top < 0 || left < 0 || bottom >= MAX_ROWS || right >= MAX_COLUMNS) return null;
  return { top, left, bottom, right, sheet: split.sheet };
}

/** A reference as formula text the engine reads: absolute, sheet-qualified when it has a sheet. */
export function refText(ref: RefArea): string {
  const sheet = ref.sheet === undefined ? '' : quoteSheetName(ref.sheet) + '!';
  const wholeCols = ref.top === 0 && ref.bottom === MAX_ROWS - 1;
  const wholeRows = ref.left === 0 && ref.right === MAX_COLUMNS - 1;
  if (wholeCols && !wholeRows) return `${sheet}$${columnLetters(ref.left)}:$${columnLetters(ref.right)}`;
  if (wholeRows && !wholeCols) return `${sheet}$${ref.top + 1}:$${ref.bottom + 1}`;
  const abs = (row: number, col: number) => '$' + cellAddress(row, col).replace(/^([A-Z]+)/, '$1$');
  const first = abs(ref.top, ref.left);
  return ref.top === ref.bottom && ref.left === ref.right
    ? sheet + first
    : `${sheet}${first}:${abs(ref.bottom, ref.right)}`;
}

/**
 * Excel's implicit intersection of a range with the formula's cell ("Implicit intersection operator: @": a range
 * gives the cell on the same row or column as the formula): a one-column range gives its cell in the formula's
 * row, a one-row range its cell in the formula's column, and a larger range the cell at both; null when the
 * formula's row or column is outside (Excel: #VALUE!). A single cell is itself.
 */
export function intersect(ref: RefArea, at: { row: number; col: number }): RefArea | null {
  const row = ref.top === ref.bottom ? ref.top : at.row >= ref.top && at.row <= ref.bottom ? at.row : -1;
  const col = ref.left === ref.right ? ref.left : at.col >= ref.left && at.col <= ref.right ? at.col : -1;
  if (row < 0 || col < 0) return null;
  return { top: row, bottom: row, left: col, right: col, sheet: ref.sheet };
}
