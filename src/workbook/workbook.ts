/**
 * The one small interface the task pane (and the audit engine, and territory Apply/Undo) use to reach a workbook.
 * Two implementations: Excel (src/hosts/excel/workbook.ts, Excel.run) and headless (src/hosts/headless/workbook.ts,
 * the HyperFormula engine the CLI uses). UI code never touches `Excel` directly.
 *
 * Addresses are A1 strings without the sheet ("B2:D10"); sheets are passed separately by name.
 */

/** A cell's value as the task pane sees it. Errors keep Excel's code and, where known, the SALESOPS message. */
export type CellValue = number | string | boolean | null | CellErrorInfo;

export interface CellErrorInfo {
  error: string; // '#VALUE!', '#N/A', ...
  message?: string;
}

export function isCellError(v: unknown): v is CellErrorInfo {
  return typeof v === 'object' && v !== null && typeof (v as CellErrorInfo).error === 'string';
}

export interface RangeRef {
  sheet: string;
  address: string; // A1 form, e.g. "A1:D20"
}

export interface TableInfo extends RangeRef {
  name: string;
  headers: string[];
  rowCount: number; // data rows, without the header
}

export interface NamedRangeInfo extends RangeRef {
  name: string;
  /**
   * The sheet a sheet-scoped (local) name belongs to; absent for a workbook name. A formula on that sheet (or one
   * written `Sheet!Name`) means the local name, which wins over a workbook name of the same spelling.
   */
  scope?: string;
}

/** A block of cells read with its header row split off when asked for. */
export interface RangeData extends RangeRef {
  headers: string[]; // empty when read without headers
  values: CellValue[][]; // data rows (without the header row when headers were asked for)
}

/** One formula cell: where, what, and what it shows now. */
export interface FormulaCell {
  sheet: string;
  address: string; // single cell, e.g. "C7"
  formula: string; // with leading '='
  value: CellValue;
}

/** What a write replaced, enough to put it back exactly (values and formulas), or a sheet/column it created. */
export interface Snapshot extends RangeRef {
  /** The sheet did not exist before: restoring deletes it. */
  createdSheet: boolean;
  /** Per cell: the formula if there was one, else the value. */
  contents: (string | number | boolean | null)[][];
  /**
   * Per cell: true where the cell held text (not a formula), so restore puts it back as text even when it reads
   * like a number, a date or a formula ("00123", "2026-02-01", "=x"). Absent when the host keeps that in contents.
   */
  text?: boolean[][];
  /** Per cell: the number format, put back on restore (writing can change it, e.g. a date typed into a cell). */
  numberFormats?: string[][];
}

/** What a cell is given on write: a value, or a formula text starting with '='. */
export type CellInput = string | number | boolean | null;

export interface Workbook {
  /** A short name of the host for messages: 'Excel' or 'Playground'. */
  readonly host: string;
  listSheets(): Promise<string[]>;
  listTables(): Promise<TableInfo[]>;
  listNamedRanges(): Promise<NamedRangeInfo[]>;
  /** Reads an Excel table (by name) with its headers. */
  readTable(name: string): Promise<RangeData>;
  /** Reads a range; with headers, its first row becomes `headers`. Large ranges are read in blocks. */
  readRange(ref: RangeRef, options?: { headers?: boolean }): Promise<RangeData>;
  /** The used range of a sheet (A1 address), or null for an empty sheet. */
  usedRange(sheet: string): Promise<string | null>;
  /** Every formula cell of the workbook (or of one sheet) with its current value. */
  readFormulas(sheet?: string): Promise<FormulaCell[]>;
  /** The currently selected range. */
  getSelection(): Promise<RangeRef>;
  /** Selects (activates) a range, e.g. when a finding is clicked. */
  select(ref: RangeRef): Promise<void>;
  /**
   * Writes values/formulas to a range whose size matches `values`. Returns a snapshot of what it replaced, so the
   * caller can offer Undo (restore). Nothing the user typed is overwritten without this way back.
   */
  write(ref: RangeRef, values: CellInput[][]): Promise<Snapshot>;
  /** Adds a sheet; a name clash gets a suffix (" (2)"). Returns the name used and a snapshot whose restore deletes it. */
  addSheet(name: string): Promise<{ name: string; snapshot: Snapshot }>;
  /** Takes a snapshot of a range without changing it. */
  snapshot(ref: RangeRef): Promise<Snapshot>;
  /** Puts a snapshot back exactly (or deletes the sheet it created). */
  restore(snapshot: Snapshot): Promise<void>;
  /** Calls back when cells change (edits, recalculation); returns an unsubscribe function. */
  onChange?(listener: () => void): () => void;
  /**
   * Inserts the sheets of an .xlsx (all of them, or those named) after the existing sheets, values and formulas,
   * without touching any existing sheet: a name clash gets a suffix " (2)" and the inserted formulas follow the new
   * name. Returns the names used, in order, and one snapshot per sheet whose restore deletes it (Undo).
   */
  insertSheetsFromXlsx?(bytes: Uint8Array, names?: string[]): Promise<InsertedSheets>;
}

/** What {@link Workbook.insertSheetsFromXlsx} did. */
export interface InsertedSheets {
  /** The names the inserted sheets got, in the template's order. */
  inserted: string[];
  /** One per inserted sheet (createdSheet): restoring them removes the sheets again. */
  snapshots: Snapshot[];
}
