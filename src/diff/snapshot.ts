/**
 * What the comparison reads of a workbook: per sheet the cells (typed value or formula with its cached result),
 * the defined names and the Excel tables. Built either through the Workbook interface (the open workbook, in
 * Excel or the playground) or from an .xlsx file (./read-xlsx.ts). Pure TypeScript, no engine: the task pane
 * bundles it.
 */
import { isCellError, type CellValue, type Workbook } from '../workbook/workbook';
import { parseArea, quoteSheetName } from '../workbook/a1';

export interface SnapCell {
  /** The typed value, or for a formula its cached result. */
  value: CellValue;
  /** Formula text with its leading '='. */
  formula?: string;
  /** Set on a cell that an array formula fills (not its anchor): the anchor's 0-based position. */
  spillOf?: { row: number; col: number };
}

/** One row's cells, sorted by column. */
export interface SnapRow {
  cols: number[];
  cells: SnapCell[];
}

export interface SheetSnapshot {
  name: string;
  /** rows[r] for 0-based row r (undefined for an empty row); length = last used row + 1. */
  rows: (SnapRow | undefined)[];
  /** Last used column + 1. */
  width: number;
}

export interface NameSnapshot {
  name: string;
  /** The sheet of a sheet-scoped name. */
  scope?: string;
  /** What it refers to, without '=' ("Tiers!$B$3"). */
  ref: string;
}

export interface TableSnapshot {
  name: string;
  sheet: string;
  /** A1 range including the header row. */
  ref: string;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  names: NameSnapshot[];
  tables: TableSnapshot[];
}

/** Collects cells (in document order: appended; otherwise inserted in place) and builds the rows of a sheet. */
export class SheetBuilder {
  private readonly rows: (SnapRow | undefined)[] = [];

  constructor(readonly name: string) {}

  set(row: number, col: number, cell: SnapCell): void {
    let r = this.rows[row];
    if (!r) {
      while (this.rows.length < row) this.rows.push(undefined);
      this.rows[row] = r = { cols: [], cells: [] };
    }
    const n = r.cols.length;
    if (n === 0 || r.cols[n - 1] < col) {
      r.cols.push(col);
      r.cells.push(cell);
      return;
    }
    let k = 0;
    while (k < n && r.cols[k] < col) k++;
    if (r.cols[k] === col) r.cells[k] = cell;
    else {
      r.cols.splice(k, 0, col);
      r.cells.splice(k, 0, cell);
    }
  }

  get(row: number, col: number): SnapCell | undefined {
    return cellAt({ name: this.name, rows: this.rows, width: 0 }, row, col);
  }

  build(): SheetSnapshot {
    let width = 0;
    for (const r of this.rows) if (r && r.cols.length) width = Math.max(width, r.cols[r.cols.length - 1] + 1);
    let last = this.rows.length - 1;
    while (last >= 0 && !this.rows[last]?.cols.length) last--;
    return { name: this.name, rows: this.rows.slice(0, last + 1), width };
  }
}

/** The cell at (row, col) of a sheet, or undefined. */
export function cellAt(sheet: SheetSnapshot, row: number, col: number): SnapCell | undefined {
  const r = sheet.rows[row];
  if (!r) return undefined;
  const cols = r.cols;
  let lo = 0;
  let hi = cols.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cols[mid] === col) return r.cells[mid];
    if (cols[mid] < col) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || v === '';
}

/**
 * Reads a workbook through the Workbook interface (never writing): every sheet's used range, every formula with
 * its current value, the defined names and the tables.
 */
export async function snapshotFromWorkbook(wb: Workbook): Promise<WorkbookSnapshot> {
  const sheetNames = await wb.listSheets();
  const builders = new Map<string, SheetBuilder>();
  for (const name of sheetNames) {
    const b = new SheetBuilder(name);
    builders.set(name.toLowerCase(), b);
    const used = await wb.usedRange(name);
    const area = used ? parseArea(used.replace(/^.*!/, '')) : null;
    if (!area) continue;
    const { values } = await wb.readRange({ sheet: name, address: used!.replace(/^.*!/, '') });
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (!isBlank(v)) b.set(area.top + i, area.left + j, { value: v });
      }),
    );
  }
  for (const f of await wb.readFormulas()) {
    const b = builders.get(f.sheet.toLowerCase());
    const p = parseArea(f.address.replace(/\$/g, ''));
    if (b && p)
      b.set(p.top, p.left, { value: f.value, formula: f.formula.startsWith('=') ? f.formula : '=' + f.formula });
  }
  let names: NameSnapshot[] = [];
  try {
    names = (await wb.listNamedRanges()).map((n) => ({
      name: n.name,
      ...(n.scope !== undefined ? { scope: n.scope } : {}),
      ref: `${quoteSheetName(n.sheet)}!${n.address}`,
    }));
  } catch {
    names = []; // a host that cannot list names: names are then not compared (both sides read the same way)
  }
  let tables: TableSnapshot[] = [];
  try {
    tables = (await wb.listTables()).map((t) => ({ name: t.name, sheet: t.sheet, ref: t.address.replace(/^.*!/, '') }));
  } catch {
    tables = [];
  }
  return { sheets: sheetNames.map((n) => builders.get(n.toLowerCase())!.build()), names, tables };
}

/** One formatter, made once: Number.prototype.toLocaleString builds a new one per call (slow for 20,000 results). */
const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** 1,234.5: thousands separated, up to 6 decimals. */
export function formatNumber(x: number): string {
  return NUMBER_FORMAT.format(x);
}

/** A value for messages: numbers up to 6 decimals, errors by code, blank as "(blank)". */
export function showCell(v: CellValue | undefined): string {
  if (isBlank(v)) return '(blank)';
  if (isCellError(v)) return v.error;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}
