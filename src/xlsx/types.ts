/**
 * The model of an .xlsx the xlsx layer reads (values, formulas, array and shared formulas, defined names) and the
 * formula results it writes back. Types only.
 */
import type { CellErrorValue } from '../functions/clean';

/** A cell's value as stored in the file: number, text, boolean, error (CellErrorValue) or null for none. */
export type XlsxValue = number | string | boolean | CellErrorValue | null;

export interface XlsxCell {
  /** 0-based position and its A1 address. */
  row: number;
  col: number;
  address: string;
  /** The cached value in the file (for a formula cell: Excel's last result). */
  value: XlsxValue;
  /** Formula text as Excel stores it, without `=`; for shared-formula followers, the master's moved to this cell. */
  formula?: string;
  /** Set on the anchor of an array formula (`<f t="array" ref=..>`); dynamic when Excel marked it `cm` (spilled). */
  array?: { ref: string; dynamic: boolean };
  /** Set on a cell inside an array formula's range other than its anchor: the anchor's address. Not loaded. */
  spillOf?: string;
  /** A what-if data table cell (`t="dataTable"`): the engine cannot evaluate it; its cached value is kept. */
  dataTable?: boolean;
}

export interface XlsxSheet {
  name: string;
  /** Zip path of the worksheet part (xl/worksheets/sheet1.xml). */
  part: string;
  /** Cells that hold a value or a formula, in document order. */
  cells: XlsxCell[];
  /** Excel tables on the sheet (xl/tables/*.xml): name and A1 range including the header row. */
  tables: { name: string; ref: string }[];
}

export interface XlsxDefinedName {
  name: string;
  /** As stored, without `=` (Pipeline!$A$2:$B$7). */
  formula: string;
  /** Sheet name for a sheet-scoped name; undefined for a workbook name. */
  scope?: string;
}

export interface XlsxWorkbook {
  /** Worksheets in workbook order (chart sheets and dialog sheets are left out). */
  sheets: XlsxSheet[];
  names: XlsxDefinedName[];
  /** The file uses the 1904 date system (date serials differ from the engine's by 1462 days). */
  date1904: boolean;
  /**
   * Iterative calculation (`<calcPr iterate="1" iterateCount= iterateDelta=>`): Excel resolves circular references
   * by recalculating up to `count` times or until no value changes by more than `delta` (defaults 100 and 0.001).
   */
  iterate?: { count: number; delta: number };
  /** Things the reader noticed but could not honour. */
  warnings: string[];
}

export interface ReadOptions {
  /** Refuse workbooks with more value/formula cells than this (default 1,000,000): a clear error, never an out-of-memory crash. */
  maxCells?: number;
}

/** A cell result as Excel would cache it. */
export type ResultValue = number | string | boolean | { error: string; message: string };

export interface FormulaCellResult {
  sheet: string;
  address: string;
  /** As the user sees it in Excel: `=SALESOPS.WEIGHTEDPIPE(...)` (storage prefixes removed). */
  formula: string;
  value?: number | string | boolean;
  error?: { code: string; message: string };
  /** For an array formula: its range and the values spilled into it (row by row, the anchor first). */
  spill?: { ref: string; values: (ResultValue | null)[][] };
  /** Not evaluated (a data table, a formula the engine cannot read): the cached value was kept. */
  kept?: string;
}
