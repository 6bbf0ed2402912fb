/**
 * The headless Workbook: the Workbook interface over a HyperFormula engine (createEngine), the same engine the CLI
 * uses. The playground's grid and task pane share one instance; tests drive the task pane through it.
 *
 * HyperFormula is GPL-3.0: only the playground, the CLI and tests import this file, never the Excel bundles.
 */
import { DetailedCellError } from 'hyperformula';
import type { HyperFormula, RawCellContent } from 'hyperformula';
import { createEngine } from './engine';
import { engineArrayFormula } from './spill';
import { errorConstant, nullErrorReason } from './null-error';
import { normalizeFormula } from '../../xlsx/normalize';
import { readXlsx } from '../../xlsx/read';
import { type XlsxCell } from '../../xlsx/types';
import { CellErrorValue } from '../../functions/clean';
import { renameSheetRefs, uniqueSheetNames } from '../../workbook/sheetNames';
import { parseRange, rangeAddress, type CellPos } from '../../workbook/a1';
import {
  type CellInput,
  type CellValue,
  type FormulaCell,
  type InsertedSheets,
  type NamedRangeInfo,
  type RangeData,
  type RangeRef,
  type Snapshot,
  type TableInfo,
  type Workbook,
} from '../../workbook/workbook';

/** A table in the headless workbook: HyperFormula has no tables, so their extents are kept here (e.g. from .xlsx). */
export interface HeadlessTable {
  name: string;
  sheet: string;
  address: string; // including the header row
}

/** One engine value as the task pane sees it. */
export function toCellValue(v: unknown): CellValue {
  if (v instanceof DetailedCellError) {
    const nullReason = nullErrorReason(v); // the engine has no #NULL! (null-error.ts)
    if (nullReason !== null) return { error: '#NULL!', message: nullReason };
    return { error: v.value, ...(v.message ? { message: v.message } : {}) };
  }
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object' && 'val' in (v as object)) return (v as { val: number }).val;
  return String(v);
}

/** The Workbook interface over one HyperFormula engine. */
export class HeadlessWorkbook implements Workbook {
  readonly host = 'Playground';
  private selection: RangeRef;
  private readonly tables: HeadlessTable[] = [];
  private readonly selectListeners = new Set<(ref: RangeRef) => void>();

  /**
   * Wraps an engine (or creates an empty one with a Sheet1). `typed`: formulas as the user typed them where the
   * engine holds a rewritten form (load.ts LoadedWorkbook.typed), shown while the cell is unchanged; `afterEdit`
   * runs after each write or restore (load.ts LoadedWorkbook.refresh re-resolves INDIRECT & co).
   */
  constructor(
    readonly engine: HyperFormula = createEngine({ Sheet1: [] }),
    tables: HeadlessTable[] = [],
    private readonly typed: ReadonlyMap<string, { engine: string; typed: string }> = new Map(),
    private readonly afterEdit: () => void = () => undefined,
  ) {
    this.tables.push(...tables);
    const first = engine.getSheetNames()[0] ?? 'Sheet1';
    this.selection = { sheet: first, address: 'A1' };
  }

  /** Declares a table (name, sheet, address with header row) so listTables/readTable see it. */
  defineTable(table: HeadlessTable): void {
    this.sheetId(table.sheet);
    parseRange(table.address);
    const i = this.tables.findIndex((t) => t.name.toLowerCase() === table.name.toLowerCase());
    if (i >= 0) this.tables.splice(i, 1);
    this.tables.push(table);
  }

  /** The sheet's id; throws naming the sheet when it does not exist. */
  sheetId(sheet: string): number {
    const id = this.engine.getSheetId(sheet);
    if (id === undefined)
      throw new Error(`There is no sheet named '${sheet}'. Sheets: ${this.engine.getSheetNames().join(', ')}.`);
    return id;
  }

  async listSheets(): Promise<string[]> {
    return this.engine.getSheetNames();
  }

  async listTables(): Promise<TableInfo[]> {
    return this.tables.map((t) => {
      const { start, end } = parseRange(t.address);
      const headerRow = this.valuesAt(t.sheet, start, { row: start.row, col: end.col })[0] ?? [];
      return { ...t, headers: headerRow.map((h) => (h === null ? '' : String(h))), rowCount: end.row - start.row };
    });
  }

  /** Workbook names, then each sheet's local names (scope: the sheet), in sheet order. Names of non-ranges are left out. */
  async listNamedRanges(): Promise<NamedRangeInfo[]> {
    const out: NamedRangeInfo[] = [];
    const scopes: (string | undefined)[] = [undefined, ...this.engine.getSheetNames()];
    for (const scope of scopes) {
      const id = scope === undefined ? undefined : this.engine.getSheetId(scope);
      for (const name of this.engine.listNamedExpressions(id)) {
        const expr = this.engine.getNamedExpressionFormula(name, id);
        if (!expr) continue;
        try {
          const { sheet, start, end } = parseRange(expr.replace(/^=/, '').replace(/\$/g, ''));
          if (sheet && this.engine.getSheetId(sheet) !== undefined)
            out.push({ name, sheet, address: rangeAddress(start, end), ...(scope === undefined ? {} : { scope }) });
        } catch {
          // a named constant or formula, not a range: not listed
        }
      }
    }
    return out;
  }

  async readTable(name: string): Promise<RangeData> {
    const t = this.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!t)
      throw new Error(
        `There is no table named '${name}'. Tables: ${this.tables.map((x) => x.name).join(', ') || 'none'}.`,
      );
    return this.readRange({ sheet: t.sheet, address: t.address }, { headers: true });
  }

  async readRange(ref: RangeRef, options: { headers?: boolean } = {}): Promise<RangeData> {
    this.sheetId(ref.sheet);
    const { start, end } = parseRange(ref.address);
    const values = this.valuesAt(ref.sheet, start, end);
    if (!options.headers) return { ...ref, headers: [], values };
    const [head = [], ...rows] = values;
    return { ...ref, headers: head.map((h) => (h === null ? '' : String(h))), values: rows };
  }

  async usedRange(sheet: string): Promise<string | null> {
    const id = this.sheetId(sheet);
    const cells = this.engine.getSheetSerialized(id);
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    cells.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        top = Math.min(top, r);
        left = Math.min(left, c);
        bottom = Math.max(bottom, r);
        right = Math.max(right, c);
      }),
    );
    return bottom < 0 ? null : rangeAddress({ row: top, col: left }, { row: bottom, col: right });
  }

  async readFormulas(sheet?: string): Promise<FormulaCell[]> {
    const sheets = sheet === undefined ? this.engine.getSheetNames() : [sheet];
    const out: FormulaCell[] = [];
    for (const name of sheets) {
      const id = this.sheetId(name);
      this.engine.getSheetFormulas(id).forEach((row, r) =>
        row.forEach((f, c) => {
          if (typeof f !== 'string') return;
          out.push({
            sheet: name,
            address: rangeAddress({ row: r, col: c }, { row: r, col: c }),
            formula: f,
            value: toCellValue(this.engine.getCellValue({ sheet: id, row: r, col: c })),
          });
        }),
      );
    }
    return out;
  }

  async getSelection(): Promise<RangeRef> {
    return { ...this.selection };
  }

  async select(ref: RangeRef): Promise<void> {
    this.sheetId(ref.sheet);
    const { start, end } = parseRange(ref.address);
    this.selection = { sheet: ref.sheet, address: rangeAddress(start, end) };
    for (const l of this.selectListeners) l(this.selection);
  }

  /** The grid tells the workbook what the user selected (no listeners are called back: the grid already knows). */
  setSelection(ref: RangeRef): void {
    this.selection = { ...ref };
  }

  /** Calls back when select() moves the selection (the grid follows it); returns an unsubscribe function. */
  onSelect(listener: (ref: RangeRef) => void): () => void {
    this.selectListeners.add(listener);
    return () => this.selectListeners.delete(listener);
  }

  async write(ref: RangeRef, values: CellInput[][]): Promise<Snapshot> {
    const id = this.sheetId(ref.sheet);
    const { start, end } = parseRange(ref.address);
    const rows = end.row - start.row + 1;
    const cols = end.col - start.col + 1;
    if (values.length !== rows || values.some((r) => r.length !== cols)) {
      throw new Error(
        `Cannot write to ${ref.sheet}!${ref.address}: it is ${rows} x ${cols} cells but ${values.length} x ${values[0]?.length ?? 0} values were given.`,
      );
    }
    const snapshot = await this.snapshot(ref);
    this.engine.setCellContents(
      { sheet: id, row: start.row, col: start.col },
      values.map((r) => r.map((v) => (v === '' ? null : v))) as RawCellContent[][],
    );
    this.afterEdit();
    return snapshot;
  }

  async addSheet(name: string): Promise<{ name: string; snapshot: Snapshot }> {
    const base = name.trim() || 'Sheet';
    let candidate = base;
    for (let n = 2; this.engine.doesSheetExist(candidate); n++) candidate = `${base} (${n})`;
    const used = this.engine.addSheet(candidate);
    return { name: used, snapshot: { sheet: used, address: 'A1', createdSheet: true, contents: [[null]] } };
  }

  async snapshot(ref: RangeRef): Promise<Snapshot> {
    const id = this.sheetId(ref.sheet);
    const { start, end } = parseRange(ref.address);
    const contents = this.engine
      .getRangeSerialized({
        start: { sheet: id, row: start.row, col: start.col },
        end: { sheet: id, row: end.row, col: end.col },
      })
      .map((row) =>
        row.map((v) =>
          v === undefined || v === null ? null : typeof v === 'object' ? String(v) : (v as string | number | boolean),
        ),
      );
    return { sheet: ref.sheet, address: rangeAddress(start, end), createdSheet: false, contents };
  }

  async restore(snapshot: Snapshot): Promise<void> {
    if (snapshot.createdSheet) {
      if (this.engine.doesSheetExist(snapshot.sheet)) this.engine.removeSheet(this.sheetId(snapshot.sheet));
      // its tables go with it, as in Excel (a table list naming a removed sheet would fail every later listTables)
      for (let i = this.tables.length - 1; i >= 0; i--)
        if (this.tables[i].sheet.toLowerCase() === snapshot.sheet.toLowerCase()) this.tables.splice(i, 1);
      if (this.selection.sheet === snapshot.sheet)
        this.selection = { sheet: this.engine.getSheetNames()[0], address: 'A1' };
      return;
    }
    const id = this.sheetId(snapshot.sheet);
    const { start } = parseRange(snapshot.address);
    this.engine.setCellContents({ sheet: id, row: start.row, col: start.col }, snapshot.contents as RawCellContent[][]);
    this.afterEdit();
  }

  onChange(listener: () => void): () => void {
    const events = ['valuesUpdated', 'sheetAdded', 'sheetRemoved', 'sheetRenamed'] as const;
    for (const e of events) this.engine.on(e, listener);
    return () => {
      for (const e of events) this.engine.off(e, listener);
    };
  }

  /**
   * Copies the sheets of an .xlsx (values, formulas, array formulas, defined names) into the engine under names that
   * clash with no existing sheet; formulas and names that point at a renamed sheet are re-pointed to it.
   */
  async insertSheetsFromXlsx(bytes: Uint8Array, names?: string[]): Promise<InsertedSheets> {
    const source = await readXlsx(bytes);
    const wanted = names ?? source.sheets.map((s) => s.name);
    const sheets = wanted.map((n) => {
      const s = source.sheets.find((x) => x.name.toLowerCase() === n.toLowerCase());
      if (!s)
        throw new Error(
          `The workbook to insert has no sheet named '${n}'. Sheets: ${source.sheets.map((x) => x.name).join(', ')}.`,
        );
      return s;
    });
    const finalNames = uniqueSheetNames(
      sheets.map((s) => s.name),
      this.engine.getSheetNames(),
    );
    const renames = new Map(sheets.map((s, i) => [s.name, finalNames[i]]));
    const formula = (f: string) => renameSheetRefs(normalizeFormula(f), renames);
    const content = (c: XlsxCell): RawCellContent => {
      if (c.formula !== undefined && !c.dataTable)
        return c.array ? engineArrayFormula(formula(c.formula), c) : `=${formula(c.formula)}`;
      const v = c.value;
      if (v instanceof CellErrorValue) return errorConstant(v.code);
      return typeof v === 'string' ? "'" + v : v;
    };
    const ids: number[] = [];
    this.engine.suspendEvaluation();
    try {
      for (const n of finalNames) ids.push(this.engine.getSheetId(this.engine.addSheet(n))!);
      const inserted = new Set(sheets.map((s) => s.name.toLowerCase()));
      for (const n of source.names) {
        const expression = '=' + formula(n.formula);
        // A name of an inserted sheet stays local to its copy; a workbook name is added once, or local to each
        // inserted sheet when the open workbook already has a name like it.
        const scopes =
          n.scope !== undefined
            ? inserted.has(n.scope.toLowerCase())
              ? [ids[sheets.findIndex((s) => s.name.toLowerCase() === n.scope!.toLowerCase())]]
              : []
            : this.engine.isItPossibleToAddNamedExpression(n.name, expression)
              ? [undefined]
              : ids;
        for (const scope of scopes)
          if (this.engine.isItPossibleToAddNamedExpression(n.name, expression, scope))
            this.engine.addNamedExpression(n.name, expression, scope);
      }
      sheets.forEach((s, i) => {
        const rows: RawCellContent[][] = [];
        for (const c of s.cells) {
          if (c.spillOf) continue;
          while (rows.length <= c.row) rows.push([]);
          rows[c.row][c.col] = content(c);
        }
        for (const r of rows) for (let j = 0; j < r.length; j++) if (r[j] === undefined) r[j] = null;
        this.engine.setSheetContent(ids[i], rows);
      });
    } finally {
      this.engine.resumeEvaluation();
    }
    // The template's Excel tables come along under their names (a name already in use gets a suffix, as Excel does).
    sheets.forEach((s, i) => {
      for (const t of s.tables) {
        let name = t.name;
        for (let k = 2; this.tables.some((x) => x.name.toLowerCase() === name.toLowerCase()); k++)
          name = `${t.name}_${k}`;
        this.defineTable({ name, sheet: finalNames[i], address: t.ref });
      }
    });
    return {
      inserted: finalNames,
      snapshots: finalNames.map((n) => ({ sheet: n, address: 'A1', createdSheet: true, contents: [[null]] })),
    };
  }

  // ---- for the playground grid ----

  /** What the formula bar shows for one cell: the formula, or the raw value as typed. */
  cellInput(sheet: string, pos: CellPos): string {
    const id = this.sheetId(sheet);
    const v = this.engine.getCellSerialized({ sheet: id, row: pos.row, col: pos.col });
    const typed = this.typed.get(`${id}:${pos.row}:${pos.col}`);
    if (typed && v === typed.engine) return typed.typed;
    return v === null || v === undefined ? '' : String(v);
  }

  /** The value a cell shows now. */
  cellValue(sheet: string, pos: CellPos): CellValue {
    return toCellValue(this.engine.getCellValue({ sheet: this.sheetId(sheet), row: pos.row, col: pos.col }));
  }

  /** Height and width of the sheet's content from A1. */
  dimensions(sheet: string): { rows: number; cols: number } {
    const d = this.engine.getSheetDimensions(this.sheetId(sheet));
    return { rows: d.height, cols: d.width };
  }

  /** Values of a block of cells (errors as CellErrorInfo). */
  valuesAt(sheet: string, start: CellPos, end: CellPos): CellValue[][] {
    const id = this.sheetId(sheet);
    return this.engine
      .getRangeValues({
        start: { sheet: id, row: start.row, col: start.col },
        end: { sheet: id, row: end.row, col: end.col },
      })
      .map((r) => r.map(toCellValue));
  }
}
