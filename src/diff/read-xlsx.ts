/**
 * An .xlsx file as a WorkbookSnapshot, read by the xlsx layer (src/xlsx/read.ts: zip and XML, no formula engine, so
 * the task pane can compare the open workbook with an uploaded file without bundling HyperFormula). Values are the
 * file's cached values; shared formulas arrive moved to each follower; cells an array formula fills are marked
 * with their anchor, since their values are its results.
 */
import { readXlsx } from '../xlsx/read';
import { CellErrorValue } from '../functions/clean';
import type { XlsxValue } from '../xlsx/types';
import type { CellValue } from '../workbook/workbook';
import { parseCell } from '../workbook/a1';
import { SheetBuilder, type WorkbookSnapshot } from './snapshot';

export { XlsxFileError } from '../xlsx/package';

function cellValue(v: XlsxValue): CellValue {
  if (v instanceof CellErrorValue) return v.message ? { error: v.code, message: v.message } : { error: v.code };
  return v;
}

/** Reads .xlsx bytes into a snapshot; throws XlsxFileError with a one-line reason for a file that is not one. */
export async function readXlsxSnapshot(
  data: Uint8Array,
  options: { maxCells?: number } = {},
): Promise<WorkbookSnapshot> {
  const wb = await readXlsx(data, options);
  const snapshot: WorkbookSnapshot = { sheets: [], names: [], tables: [] };
  for (const s of wb.sheets) {
    const b = new SheetBuilder(s.name);
    for (const c of s.cells) {
      const value = cellValue(c.value);
      if (c.formula !== undefined && !c.dataTable) b.set(c.row, c.col, { value, formula: '=' + c.formula });
      else if (c.spillOf) {
        const anchor = parseCell(c.spillOf);
        b.set(c.row, c.col, anchor ? { value, spillOf: anchor } : { value });
      } else if (value !== null && value !== '') b.set(c.row, c.col, { value });
    }
    snapshot.sheets.push(b.build());
    for (const t of s.tables) snapshot.tables.push({ name: t.name, sheet: s.name, ref: t.ref });
  }
  for (const n of wb.names)
    snapshot.names.push({ name: n.name, ref: n.formula, ...(n.scope !== undefined ? { scope: n.scope } : {}) });
  return snapshot;
}
