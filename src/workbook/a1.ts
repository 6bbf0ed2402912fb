/**
 * A1 addresses: the one module for column letters, cell and range addresses and sheet-name quoting, and for
 * references written as formula text (A1 and R1C1, whole rows and columns, Excel's implicit intersection). Every
 * position is 0-based (row 0 is Excel's row 1, column 0 is A). Pure TypeScript, used by both hosts, the xlsx layer,
 * the audit, the task pane and the scripts.
 */

/** Excel's grid: columns A..XFD, rows 1..1,048,576 ("Excel specifications and limits"). */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;

/** Zero-based cell position. */
export interface CellPos {
  row: number;
  col: number;
}

/** Zero-based bounds of a rectangular area (inclusive). */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Column letters of a 0-based column: 0 -> A, 25 -> Z, 26 -> AA, 16383 -> XFD. */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 0-based column of column letters (any case): A -> 0, AA -> 26, XFD -> 16383. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B2" for a 0-based (row, col). */
export function cellAddress(row: number, col: number): string {
  return columnLetters(col) + String(row + 1);
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** 0-based position of "B2" or "$B$2"; null when the text is not a cell address on Excel's grid. */
export function parseCell(address: string): CellPos | null {
  const m = CELL.exec(address.trim());
  if (!m) return null;
  const col = columnIndex(m[1]);
  const row = Number(m[2]) - 1;
  if (col < 0 || col >= MAX_COLUMNS || row < 0 || row >= MAX_ROWS) return null;
  return { row, col };
}

/** 0-based bounds of "B2", "B2:D9" or "$B$2:$D$9" (corners in any order); null when it is not a cell or area. */
export function parseArea(address: string): Area | null {
  const [a, b = a, extra] = address.split(':');
  if (extra !== undefined) return null;
  const p = parseCell(a);
  const q = parseCell(b);
  if (!p || !q) return null;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** "B2" for a one-cell area, "B2:D9" otherwise. */
export function areaAddress(a: Area): string {
  const first = cellAddress(a.top, a.left);
  return a.top === a.bottom && a.left === a.right ? first : `${first}:${cellAddress(a.bottom, a.right)}`;
}

/** "B2:D10" for a start/end pair ("B2" when they are the same cell). */
export function rangeAddress(start: CellPos, end: CellPos): string {
  return areaAddress({ top: start.row, left: start.col, bottom: end.row, right: end.col });
}

/**
 * Parses "B2:D10" (or one cell, or "Sheet1!B2:D10" / "'My sheet'!B2") into start/end and the sheet if given;
 * throws naming the address when it is not one (for addresses a user or a host typed).
 */
export function parseRange(a1: string): { sheet?: string; start: CellPos; end: CellPos } {
  let text = a1.trim();
  let sheet: string | undefined;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    sheet = unquoteSheetName(text.slice(0, bang));
    text = text.slice(bang + 1);
  }
  const area = parseArea(text);
  if (!area) {
    const bad = text.split(':').find((part) => !parseCell(part)) ?? text;
    throw new Error(`'${bad}' is not a cell address like B2`);
  }
  return { sheet, start: { row: area.top, col: area.left }, end: { row: area.bottom, col: area.right } };
}

/** The address without its sheet part: "Sheet1!A1:B2" -> "A1:B2". */
export function stripSheet(address: string): string {
  const bang = address.lastIndexOf('!');
  return bang >= 0 ? address.slice(bang + 1) : address;
}

/**
 * A sheet name as Excel writes it before `!` in a formula: bare when it is a plain identifier (a letter or _, then
 * letters, digits, _ and .), quoted otherwise, and also quoted when the bare name would read as something else: a
 * cell reference (`Q1`, `AB12`), an R1C1 reference (`R1C1`, `R2`, `C3`, `RC`), or a boolean. Inner apostrophes are
 * doubled (`Bob's` -> `'Bob''s'`). Quoting a name that did not need it is always read back correctly; the reverse
 * is not, so the rule errs on the quoted side.
 */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !looksLikeReference(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

function looksLikeReference(name: string): boolean {
  if (/^[A-Za-z]{1,3}\d+$/.test(name)) return true; // A1 cell
  if (/^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name)) return true; // R1C1, R, C, R2, C3, RC
  return /^(true|false)$/i.test(name);
}

/** The sheet name of a prefix as written in a formula (`'Bob''s'` -> `Bob's`; a bare name is returned as is). */
export function unquoteSheetName(text: string): string {
  return /^'.*'$/s.test(text) ? text.slice(1, -1).replace(/''/g, "'") : text;
}

/** `Sheet1!B2` / `'My sheet'!B2:C3`: an address qualified with its sheet, quoted as Excel writes it. */
export function qualifiedAddress(sheet: string, address: string): string {
  return `${quoteSheetName(sheet)}!${address}`;
}

// References as formula text, for the headless host's rewrites that stand in for Excel's reference semantics the
// engine lacks (implicit intersection, INDIRECT, OFFSET, ANCHORARRAY, TRIMRANGE, the intersection operator).

/** A rectangular reference: 0-based bounds, and its sheet when the text named one. */
export interface RefArea extends Area {
  sheet?: string;
}

const COLS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d{1,7}):\$?(\d{1,7})$/;

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
  const p = parseCell(a);
  const q = b === undefined ? p : parseCell(b);
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
