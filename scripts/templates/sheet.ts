/** Sheet building blocks of the starter templates: the Template under construction, styles, inputs, outputs, tables. */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { escapeXml } from '../../src/xlsx/xml';
import { columnLetters, quoteSheetName } from '../../src/workbook/a1';

export const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
export const OUTPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } };
export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

export const FMT = {
  money: '#,##0;[Red]-#,##0',
  number: '#,##0.00',
  int: '0',
  pct: '0%',
  pct1: '0.0%',
  date: 'yyyy-mm-dd',
  month: 'mmm yyyy',
  days: '0.0',
};

/** Excel serial of an ISO date (1900 system). */
export function serial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** `SALESOPS.QUOTA.ALLOCATE(` -> `_xldudf_SALESOPS_QUOTA_ALLOCATE(`, as Excel saves add-in functions. */
export function udf(formula: string): string {
  return formula.replace(
    /\bSALESOPS\.([A-Z][A-Z0-9.]*)\(/g,
    (_, id: string) => `_xldudf_SALESOPS_${id.replace(/\./g, '_')}(`,
  );
}

/** `$A$1:$B$3` for 1-based row/column bounds. */
export function absRange(top: number, left: number, bottom: number, right: number): string {
  const col = (c: number) => columnLetters(c - 1);
  const a = `$${col(left)}$${top}`;
  const b = `$${col(right)}$${bottom}`;
  return a === b ? a : `${a}:${b}`;
}

/** A template under construction: the exceljs workbook and its names (made local to every sheet of the template). */
export class Template {
  readonly wb = new ExcelJS.Workbook();
  readonly names: { name: string; ref: string }[] = [];
  private readonly blocks = new Map<string, { sheet: string; range: string }>();

  constructor() {
    this.wb.creator = 'SalesOps Planner';
    this.wb.created = new Date(Date.UTC(2026, 0, 1));
    this.wb.modified = new Date(Date.UTC(2026, 0, 1));
    this.wb.calcProperties.fullCalcOnLoad = true;
  }

  sheet(name: string, widths: number[]): ExcelJS.Worksheet {
    const ws = this.wb.addWorksheet(name, { views: [{ showGridLines: true }] });
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    return ws;
  }

  /** A defined name over a block of `ws` (1-based bounds). */
  name(name: string, ws: ExcelJS.Worksheet, top: number, left: number, bottom = top, right = left): void {
    this.names.push({ name, ref: `${quoteSheetName(ws.name)}!${absRange(top, left, bottom, right)}` });
    this.blocks.set(name, { sheet: ws.name, range: absRange(top, left, bottom, right) });
  }

  /**
   * The block behind a name as a plain reference, for the arguments that set a spilling function's size: the
   * headless engine predicts a spill from its arguments' shapes and sees a defined name as one cell.
   */
  ref(name: string, from: ExcelJS.Worksheet): string {
    const b = this.blocks.get(name);
    if (!b) throw new Error(`no name '${name}'`);
    return b.sheet === from.name ? b.range : `${quoteSheetName(b.sheet)}!${b.range}`;
  }

  /** Bytes with the names written into workbook.xml (sheet-scoped), before the recalc. */
  async bytes(): Promise<Buffer> {
    const raw = Buffer.from(await this.wb.xlsx.writeBuffer());
    const zip = await JSZip.loadAsync(raw);
    let xml = await zip.file('xl/workbook.xml')!.async('string');
    const sheetCount = this.wb.worksheets.length;
    const defs: string[] = [];
    for (let i = 0; i < sheetCount; i++)
      for (const n of this.names)
        defs.push(`<definedName name="${escapeXml(n.name)}" localSheetId="${i}">${escapeXml(n.ref)}</definedName>`);
    xml = xml.replace(/<definedNames\/>|<definedNames>[\s\S]*?<\/definedNames>/, '');
    xml = xml.replace(/<calcPr\b/, `<definedNames>${defs.join('')}</definedNames><calcPr`);
    zip.file('xl/workbook.xml', xml);
    // Fixed entry dates: a rebuild of unchanged templates gives the same bytes.
    const date = new Date(Date.UTC(2026, 0, 1));
    zip.forEach((_, f) => {
      f.date = date;
    });
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  }
}

/** Title and a short "How to use" note at the top of a sheet (rows 1 to 1 + lines). */
export function heading(ws: ExcelJS.Worksheet, title: string, lines: string[]): void {
  const t = ws.getCell('A1');
  t.value = title;
  t.font = { bold: true, size: 14, color: { argb: 'FF107C41' } };
  lines.forEach((line, i) => {
    const c = ws.getCell(2 + i, 1);
    c.value = i === 0 ? `How to use: ${line}` : line;
    c.font = { italic: true, color: { argb: 'FF595959' } };
  });
}

export function section(ws: ExcelJS.Worksheet, row: number, col: number, text: string): void {
  const c = ws.getCell(row, col);
  c.value = text;
  c.font = { bold: true, color: { argb: 'FF1F4E78' } };
}

export function label(ws: ExcelJS.Worksheet, row: number, col: number, text: string, bold = false): void {
  const c = ws.getCell(row, col);
  c.value = text;
  if (bold) c.font = { bold: true };
}

export type Scalar = number | string | boolean | null;

/** An input cell: light yellow, bordered, formatted. */
export function input(ws: ExcelJS.Worksheet, row: number, col: number, value: Scalar, numFmt?: string): void {
  const c = ws.getCell(row, col);
  c.value = value;
  c.fill = INPUT_FILL;
  c.border = THIN;
  if (numFmt) c.numFmt = numFmt;
}

/** An output formula cell (SALESOPS written in the `_xldudf_` form). */
export function output(ws: ExcelJS.Worksheet, row: number, col: number, formula: string, numFmt?: string): void {
  const c = ws.getCell(row, col);
  c.value = { formula: udf(formula) } as ExcelJS.CellFormulaValue;
  c.fill = OUTPUT_FILL;
  c.border = THIN;
  if (numFmt) c.numFmt = numFmt;
}

/**
 * A legacy array formula over rows x cols from (row, col), with a number format per column; every cell of the
 * block is written (styled) so that the recalc caches each value.
 */
export function arrayFormula(
  ws: ExcelJS.Worksheet,
  row: number,
  col: number,
  rows: number,
  cols: number,
  text: string,
  formats: (string | undefined)[] = [],
): void {
  const ref = absRange(row, col, row + rows - 1, col + cols - 1).replace(/\$/g, '');
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const cell = ws.getCell(row + r, col + c);
      cell.fill = OUTPUT_FILL;
      cell.border = THIN;
      if (formats[c]) cell.numFmt = formats[c]!;
      if (r === 0 && c === 0)
        cell.value = { formula: udf(text), shareType: 'array', ref } as unknown as ExcelJS.CellFormulaValue;
    }
}

export function headers(ws: ExcelJS.Worksheet, row: number, col: number, names: string[]): void {
  names.forEach((h, i) => {
    const c = ws.getCell(row, col + i);
    c.value = h;
    c.font = { bold: true };
    c.border = { bottom: { style: 'thin' } };
  });
}

/** An Excel table at (row, col) with a header row; `inputs` marks the columns styled as inputs. */
export function table(
  ws: ExcelJS.Worksheet,
  name: string,
  row: number,
  col: number,
  columns: { name: string; fmt?: string; input?: boolean }[],
  rows: (Scalar | { formula: string })[][],
): void {
  const addr = absRange(row, col, row, col).replace(/\$/g, '');
  ws.addTable({
    name,
    ref: addr,
    headerRow: true,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: columns.map((c) => ({ name: c.name, filterButton: true })),
    rows: rows.map((r) =>
      r.map((v) =>
        v !== null && typeof v === 'object' ? ({ formula: udf(v.formula) } as ExcelJS.CellFormulaValue) : v,
      ),
    ),
  });
  columns.forEach((c, j) => {
    for (let i = 0; i < rows.length; i++) {
      const cell = ws.getCell(row + 1 + i, col + j);
      if (c.fmt) cell.numFmt = c.fmt;
      if (c.input) cell.fill = INPUT_FILL;
    }
  });
}
