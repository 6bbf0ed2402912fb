/**
 * A1 addresses: the one module for column letters, cell and range addresses and sheet-name quoting. Every position
 * is 0-based (row 0 is Excel's row 1, column 0 is A). Pure TypeScript, used by both hosts, the xlsx layer, the
 * audit, the task pane and the scripts.
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
