/**
 * Open and download for the playground: .xlsx in and out through the headless xlsx module
 * (src/hosts/headless/xlsx.ts). Open loads a workbook into a new engine; download writes the current workbook
 * (values, formulas and their freshly calculated cached values) as a new .xlsx. Formatting of an opened file is not
 * kept by the playground's download: `npx salesops recalc` keeps every byte but the cached values.
 */
import { loadXlsxIntoEngine } from '../hosts/headless/load';
import { writeWorkbook, type CellSpec, type SheetSpec } from '../xlsx/create';
import { HeadlessWorkbook } from '../hosts/headless/workbook';

/** Reads .xlsx bytes into a new headless workbook; throws XlsxFileError with a one-line reason for a bad file. */
export async function openWorkbookFile(bytes: Uint8Array): Promise<{ workbook: HeadlessWorkbook; warnings: string[] }> {
  const loaded = await loadXlsxIntoEngine(bytes);
  const tables = loaded.workbook.sheets.flatMap((s) =>
    s.tables.map((t) => ({ name: t.name, sheet: s.name, address: t.ref })),
  );
  return {
    workbook: new HeadlessWorkbook(loaded.engine, tables, loaded.typed, () => loaded.refresh()),
    warnings: [...loaded.workbook.warnings, ...loaded.warnings],
  };
}

/** The current workbook as .xlsx bytes: every cell's value or formula, formulas with their cached results. */
export async function workbookToXlsx(wb: HeadlessWorkbook): Promise<Uint8Array> {
  const sheets: SheetSpec[] = [];
  for (const name of await wb.listSheets()) {
    const { rows, cols } = wb.dimensions(name);
    const out: CellSpec[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: CellSpec[] = [];
      for (let c = 0; c < cols; c++) {
        const input = wb.cellInput(name, { row: r, col: c });
        if (input === '') {
          row.push(null);
          continue;
        }
        const value = wb.cellValue(name, { row: r, col: c });
        const cached = value !== null && typeof value === 'object' ? null : value;
        row.push(input.startsWith('=') ? { formula: input, value: cached } : cached);
      }
      out.push(row);
    }
    sheets.push({ name, rows: out });
  }
  return new Uint8Array(await writeWorkbook({ sheets }));
}
