/**
 * A tiny in-memory Workbook for the audit's tests: cells are values, or { f: formula, v: value shown }.
 * It records every call that could change the workbook, so tests can prove the audit only reads.
 */
import type {
  CellInput,
  CellValue,
  FormulaCell,
  NamedRangeInfo,
  RangeData,
  RangeRef,
  Snapshot,
  TableInfo,
  Workbook,
} from '../../src/workbook/workbook';
import { cellAddress, parseArea } from '../../src/workbook/a1';

export interface FormulaSpec {
  f: string;
  v?: CellValue;
}
export type Cell = CellValue | FormulaSpec | undefined;

function isFormula(c: Cell): c is FormulaSpec {
  return typeof c === 'object' && c !== null && 'f' in c;
}

export class FakeWorkbook implements Workbook {
  readonly host = 'Test';
  readonly mutations: string[] = [];
  selected: RangeRef = { sheet: '', address: 'A1' };
  private sheets = new Map<string, Cell[][]>();

  constructor(
    sheets: Record<string, Cell[][]>,
    private names: NamedRangeInfo[] = [],
  ) {
    for (const [name, rows] of Object.entries(sheets))
      this.sheets.set(
        name,
        rows.map((r) => [...r]),
      );
    this.selected = { sheet: Object.keys(sheets)[0] ?? '', address: 'A1' };
  }

  private grid(sheet: string): Cell[][] {
    const g = this.sheets.get(sheet);
    if (!g) throw new Error(`no sheet ${sheet}`);
    return g;
  }

  async listSheets(): Promise<string[]> {
    return [...this.sheets.keys()];
  }
  async listTables(): Promise<TableInfo[]> {
    return [];
  }
  async listNamedRanges(): Promise<NamedRangeInfo[]> {
    return this.names;
  }
  async readTable(name: string): Promise<RangeData> {
    throw new Error(`no table ${name}`);
  }
  async readRange(ref: RangeRef, options?: { headers?: boolean }): Promise<RangeData> {
    const area = parseArea(ref.address)!;
    const g = this.grid(ref.sheet);
    const values: CellValue[][] = [];
    for (let r = area.top; r <= area.bottom; r++) {
      const row: CellValue[] = [];
      for (let c = area.left; c <= area.right; c++) {
        const cell = g[r]?.[c];
        row.push(isFormula(cell) ? (cell.v ?? 0) : (cell ?? null));
      }
      values.push(row);
    }
    if (options?.headers) return { ...ref, headers: values[0].map(String), values: values.slice(1) };
    return { ...ref, headers: [], values };
  }
  async usedRange(sheet: string): Promise<string | null> {
    const g = this.grid(sheet);
    let bottom = -1;
    let right = -1;
    g.forEach((row, r) =>
      row.forEach((c, j) => {
        if (c !== undefined && c !== null && c !== '') {
          bottom = Math.max(bottom, r);
          right = Math.max(right, j);
        }
      }),
    );
    return bottom < 0 ? null : `A1:${cellAddress(bottom, right)}`;
  }
  async readFormulas(sheet?: string): Promise<FormulaCell[]> {
    const out: FormulaCell[] = [];
    for (const [name, g] of this.sheets) {
      if (sheet && sheet !== name) continue;
      g.forEach((row, r) =>
        row.forEach(
          (c, j) =>
            isFormula(c) && out.push({ sheet: name, address: cellAddress(r, j), formula: c.f, value: c.v ?? 0 }),
        ),
      );
    }
    return out;
  }
  async getSelection(): Promise<RangeRef> {
    return this.selected;
  }
  async select(ref: RangeRef): Promise<void> {
    this.selected = ref;
  }
  async write(ref: RangeRef, values: CellInput[][]): Promise<Snapshot> {
    this.mutations.push(`write ${ref.sheet}!${ref.address}`);
    const area = parseArea(ref.address)!;
    const g = this.grid(ref.sheet);
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        g[area.top + i] ??= [];
        g[area.top + i][area.left + j] = typeof v === 'string' && v.startsWith('=') ? { f: v } : v;
      }),
    );
    return { ...ref, createdSheet: false, contents: [] };
  }
  async addSheet(name: string): Promise<{ name: string; snapshot: Snapshot }> {
    this.mutations.push(`addSheet ${name}`);
    let used = name;
    for (let k = 2; this.sheets.has(used); k++) used = `${name} (${k})`;
    this.sheets.set(used, []);
    return { name: used, snapshot: { sheet: used, address: 'A1', createdSheet: true, contents: [] } };
  }
  async snapshot(ref: RangeRef): Promise<Snapshot> {
    return { ...ref, createdSheet: false, contents: [] };
  }
  async restore(snapshot: Snapshot): Promise<void> {
    this.mutations.push(`restore ${snapshot.sheet}`);
  }

  /** The cells of a sheet, for comparing before and after. */
  dump(sheet: string): Cell[][] {
    return JSON.parse(JSON.stringify(this.grid(sheet)));
  }
}

/** A formula cell. */
export const F = (f: string, v?: CellValue): FormulaSpec => ({ f, v });
