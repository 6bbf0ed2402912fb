/**
 * The audit's read-only picture of the workbook: every sheet's used range read once through the Workbook
 * interface, every formula tokenized once, and lookups of cell values and argument values from that picture.
 */
import {
  isCellError,
  type CellValue,
  type FormulaCell,
  type NamedRangeInfo,
  type Workbook,
} from '../workbook/workbook';
import { createTokenizer, refArea, relativeForm, literalValue, type Area, type Token } from './formula';
import { cellAddress, parseArea } from '../workbook/a1';

export interface SheetGrid {
  name: string;
  used: Area | null;
  values: CellValue[][]; // rows from used.top, columns from used.left
}

/** A formula cell, parsed. */
export interface ParsedFormula extends FormulaCell {
  sheetKey: string;
  row: number;
  col: number;
  tokens: Token[];
  /** Relative (R1C1) form: the same for formulas copied down or across. */
  rel: string;
  /** Set when the audit worked out the error's message itself (the host gave only the code): the function it ran. */
  messageFrom?: string;
}

export type RefToken = Extract<Token, { kind: 'ref' }>;
export type NameToken = Extract<Token, { kind: 'name' }>;

/** An argument resolved: a range of the workbook, a literal, or an expression the audit does not evaluate. */
export type ArgValue =
  | { kind: 'range'; sheet: string; area: Area; values: CellValue[][] }
  | { kind: 'literal'; value: CellValue | CellValue[][] }
  | { kind: 'expression'; text: string }
  | { kind: 'external'; text: string }
  | { kind: 'missing' };

export function sheetKey(name: string): string {
  return name.toLowerCase();
}

function nameKey(scope: string | undefined, name: string): string {
  return `${scope === undefined ? '' : sheetKey(scope)}\u0000${name.toUpperCase()}`;
}

function cellKey(sheet: string, row: number, col: number): string {
  return `${sheet}\u0000${row}\u0000${col}`;
}

export class Grid {
  readonly sheets = new Map<string, SheetGrid>();
  readonly formulas: ParsedFormula[] = [];
  private readonly byCell = new Map<string, ParsedFormula>();
  /** Defined names by scope ('' for workbook names, else the sheet key) and upper-case name. */
  private readonly names = new Map<string, NamedRangeInfo>();
  private readonly tokenize = createTokenizer();

  constructor(names: NamedRangeInfo[]) {
    for (const n of names) this.names.set(nameKey(n.scope, n.name), n);
  }

  addSheet(g: SheetGrid): void {
    this.sheets.set(sheetKey(g.name), g);
  }

  addFormula(f: FormulaCell): ParsedFormula | null {
    const area = parseArea(f.address);
    if (!area) return null;
    const tokens = this.tokenize(f.formula);
    // built field by field: an object spread here costs more than the tokenizing
    const p: ParsedFormula = {
      sheet: f.sheet,
      address: f.address,
      formula: f.formula,
      value: f.value,
      sheetKey: sheetKey(f.sheet),
      row: area.top,
      col: area.left,
      tokens,
      rel: relativeForm(tokens, area.top, area.left),
    };
    this.formulas.push(p);
    this.byCell.set(cellKey(p.sheetKey, p.row, p.col), p);
    return p;
  }

  formulaAt(sheet: string, row: number, col: number): ParsedFormula | undefined {
    return this.byCell.get(cellKey(sheetKey(sheet), row, col));
  }

  sheetName(key: string): string {
    return this.sheets.get(key)?.name ?? key;
  }

  value(sheet: string, row: number, col: number): CellValue {
    const g = this.sheets.get(sheetKey(sheet));
    if (!g || !g.used) return null;
    const r = row - g.used.top;
    const c = col - g.used.left;
    if (r < 0 || c < 0 || r >= g.values.length) return null;
    return g.values[r][c] ?? null;
  }

  /** Replaces a cell's value inside the used range (Excel's saved result over the recalculated one). */
  setValue(sheet: string, row: number, col: number, v: CellValue): void {
    const g = this.sheets.get(sheetKey(sheet));
    if (!g || !g.used) return;
    const r = row - g.used.top;
    const c = col - g.used.left;
    if (r < 0 || c < 0 || r >= g.values.length || c > g.used.right - g.used.left) return;
    g.values[r][c] = v;
  }

  isEmpty(sheet: string, row: number, col: number): boolean {
    const v = this.value(sheet, row, col);
    return v === null || v === '';
  }

  /** Values of an area (clipped to the sheet's used range for whole columns/rows; blanks as null). */
  values(sheet: string, area: Area): CellValue[][] {
    // a reference to a sheet that does not exist (the engine shows #REF!) has no values to read
    if (!this.sheets.has(sheetKey(sheet))) return [];
    const out: CellValue[][] = [];
    for (let r = area.top; r <= area.bottom; r++) {
      const row: CellValue[] = [];
      for (let c = area.left; c <= area.right; c++) row.push(this.value(sheet, r, c));
      out.push(row);
    }
    return out;
  }

  hasSheet(sheet: string): boolean {
    return this.sheets.has(sheetKey(sheet));
  }

  /** The sheet and area a reference token points at, seen from a formula on `hostSheet`. */
  refTarget(t: RefToken, hostSheet: string): { sheet: string; area: Area } {
    const sheet = t.sheet ?? hostSheet;
    return {
      sheet: this.sheetName(sheetKey(sheet)),
      area: refArea(t, this.sheets.get(sheetKey(sheet))?.used ?? undefined),
    };
  }

  /**
   * A defined name's range, as Excel resolves it: `Sheet!Name` means that sheet's local name; a bare name in a
   * formula on `hostSheet` means the host sheet's local name when it has one, else the workbook name.
   */
  namedRange(t: NameToken | string, hostSheet?: string): { sheet: string; area: Area } | null {
    const text = typeof t === 'string' ? t : t.text;
    const bang = text.lastIndexOf('!');
    const name = bang >= 0 ? text.slice(bang + 1) : text;
    const prefix =
      typeof t === 'string'
        ? bang >= 0
          ? text
              .slice(0, bang)
              .replace(/^'(.*)'$/, '$1')
              .replace(/''/g, "'")
          : null
        : t.sheet;
    const scope = prefix ?? hostSheet;
    const n =
      (scope !== undefined ? this.names.get(nameKey(scope, name)) : undefined) ??
      this.names.get(nameKey(undefined, name));
    if (!n) return null;
    const area = parseArea(n.address.replace(/^.*!/, '').replace(/\$/g, ''));
    return area ? { sheet: n.sheet, area } : null;
  }

  /** Resolves one argument's tokens: a single reference or name, a literal, or an expression. */
  argument(arg: Token[] | undefined, hostSheet: string): ArgValue {
    if (!arg || arg.length === 0) return { kind: 'missing' };
    if (arg.length === 1 && arg[0].kind === 'ref') {
      const t = arg[0];
      if (t.workbook) return { kind: 'external', text: t.text };
      const { sheet, area } = this.refTarget(t, hostSheet);
      return { kind: 'range', sheet, area, values: this.values(sheet, area) };
    }
    if (arg.length === 1 && arg[0].kind === 'name') {
      if (arg[0].workbook) return { kind: 'external', text: arg[0].text };
      const n = this.namedRange(arg[0], hostSheet);
      if (n) return { kind: 'range', sheet: n.sheet, area: n.area, values: this.values(n.sheet, n.area) };
    }
    const lit = literalValue(arg);
    if (lit !== undefined) return { kind: 'literal', value: lit };
    return { kind: 'expression', text: arg.map((t) => t.text).join('') };
  }
}

/** Reads the sheets' used ranges and every formula, once. Never writes. */
export async function readGrid(wb: Workbook, sheets: string[], onSheet?: (done: number) => void): Promise<Grid> {
  let names: NamedRangeInfo[] = [];
  try {
    names = await wb.listNamedRanges();
  } catch {
    names = [];
  }
  const grid = new Grid(names);
  let done = 0;
  for (const name of sheets) {
    const usedAddress = await wb.usedRange(name);
    const used = usedAddress ? parseArea(usedAddress.replace(/^.*!/, '')) : null;
    const values = used
      ? (
          await wb.readRange({
            sheet: name,
            address: `${cellAddress(used.top, used.left)}:${cellAddress(used.bottom, used.right)}`,
          })
        ).values
      : [];
    grid.addSheet({ name, used, values });
    onSheet?.(++done);
  }
  const wanted = new Set(sheets.map(sheetKey));
  const formulas = await wb.readFormulas();
  for (const f of formulas) if (wanted.has(sheetKey(f.sheet))) grid.addFormula(f);
  return grid;
}

/** A cell value as plain text for reports. */
export function showValue(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (isCellError(v)) return v.message ? `${v.error} (${v.message})` : v.error;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}
