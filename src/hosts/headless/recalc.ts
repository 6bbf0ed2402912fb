/**
 * Recalculating an .xlsx in the headless engine: every formula cell's result (array formulas with what they put in
 * each cell of their range, as Excel does), and a copy of the file with only cached values changed.
 * HyperFormula is GPL-3.0: only the CLI, the playground and tests import this file.
 */
import { DetailedCellError } from 'hyperformula';
import { CellErrorValue } from '../../functions/clean';
import { EXCEL_ERROR_LITERALS } from '../../models/errors';
import { parseArea, qualifiedAddress } from '../../workbook/a1';
import { normalizeFormula } from '../../xlsx/normalize';
import { readXlsx } from '../../xlsx/read';
import type { FormulaCellResult, ReadOptions, ResultValue, XlsxCell } from '../../xlsx/types';
import { patchWorkbook } from '../../xlsx/write';
import { engineFromWorkbook, type LoadedWorkbook } from './load';

/** Excel error text for an engine error; the engine's own kinds (#CYCLE!, #ERROR!, #LIC!) are not Excel's. */
function excelError(e: DetailedCellError): { error: string; message: string } {
  if ((EXCEL_ERROR_LITERALS as readonly string[]).includes(e.value)) return { error: e.value, message: e.message ?? '' };
  if (e.type === 'CYCLE') return { error: '#VALUE!', message: 'circular reference: the formula depends on its own result' };
  return { error: '#VALUE!', message: e.message || `the engine reported ${e.value}` };
}

function resultValue(v: unknown): ResultValue {
  if (v instanceof DetailedCellError) return excelError(v);
  if (v === null || v === undefined) return 0; // a formula whose result is an empty cell shows 0 in Excel
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** The engine's failure to read a formula at all (structured references, external links): keep Excel's cache. */
function unreadable(v: unknown): string | null {
  return v instanceof DetailedCellError && v.type === 'ERROR' && /pars/i.test(v.message ?? '') ? `the engine cannot read this formula (${v.message.split('\n')[0].trim()})` : null;
}

/** Every formula cell of a loaded workbook with its evaluated value or error (array formulas with their spill). */
export function formulaResults(loaded: LoadedWorkbook): FormulaCellResult[] {
  const out: FormulaCellResult[] = [];
  for (const s of loaded.workbook.sheets) {
    const sheet = loaded.sheetIds.get(s.name)!;
    for (const c of s.cells) {
      if (c.formula === undefined && !c.dataTable) continue;
      const r: FormulaCellResult = { sheet: s.name, address: c.address, formula: c.dataTable ? '(data table)' : '=' + normalizeFormula(c.formula!) };
      const raw = c.dataTable ? null : loaded.engine.getCellValue({ sheet, row: c.row, col: c.col });
      const why = c.dataTable ? 'what-if data tables are not evaluated headless' : unreadable(raw);
      if (why) {
        r.kept = why;
        const cached = c.value instanceof CellErrorValue ? { error: c.value.code, message: '' } : (c.value ?? 0);
        setResult(r, cached);
      } else {
        setResult(r, resultValue(raw));
        if (c.array) r.spill = { ref: c.array.ref, values: spillValues(loaded, sheet, c) };
      }
      out.push(r);
    }
  }
  return out;
}

function setResult(r: FormulaCellResult, v: ResultValue): void {
  if (typeof v === 'object') r.error = { code: v.error, message: v.message };
  else r.value = v;
}

/**
 * The values an array formula puts in each cell of its range, following Excel: a legacy (CSE) array repeats a
 * single value over the range, and a single row or column along it, and shows #N/A beyond the result; when the
 * formula fails every cell shows its error. A dynamic array fills only what it returns: the rest is empty (null).
 */
function spillValues(loaded: LoadedWorkbook, sheet: number, anchor: XlsxCell): (ResultValue | null)[][] {
  const range = parseArea(anchor.array!.ref) ?? { top: anchor.row, left: anchor.col, bottom: anchor.row, right: anchor.col };
  const engine = loaded.engine;
  const first = engine.getCellValue({ sheet, row: anchor.row, col: anchor.col });
  const partOf = (row: number, col: number) => engine.isCellPartOfArray({ sheet, row, col });
  let height = 1;
  while (anchor.row + height <= range.bottom && partOf(anchor.row + height, anchor.col)) height++;
  let width = 1;
  while (anchor.col + width <= range.right && partOf(anchor.row, anchor.col + width)) width++;
  const dynamic = anchor.array!.dynamic;
  const rows: (ResultValue | null)[][] = [];
  for (let i = 0; i <= range.bottom - anchor.row; i++) {
    const row: (ResultValue | null)[] = [];
    for (let j = 0; j <= range.right - anchor.col; j++) {
      const at = (r: number, c: number) => resultValue(engine.getCellValue({ sheet, row: anchor.row + r, col: anchor.col + c }));
      if (i === 0 && j === 0) row.push(resultValue(first));
      else if (first instanceof DetailedCellError) row.push(dynamic ? null : excelError(first));
      else if (i < height && j < width) {
        // The engine reserves the size it predicted (FILTER: its input's) and leaves what the result did not fill EMPTY.
        const raw = engine.getCellValue({ sheet, row: anchor.row + i, col: anchor.col + j });
        row.push(raw !== null ? resultValue(raw) : dynamic ? null : { error: '#N/A', message: 'outside the array formula result' });
      }
      else if (dynamic) row.push(null);
      else if (height === 1 && width === 1) row.push(at(0, 0));
      else if (height === 1 && j < width) row.push(at(0, j));
      else if (width === 1 && i < height) row.push(at(i, 0));
      else row.push({ error: '#N/A', message: 'outside the array formula result' });
    }
    rows.push(row);
  }
  return rows;
}

export interface RecalcResult {
  /** The recalculated workbook: the input's zip parts, with only cached values changed in the sheets. */
  output: Buffer;
  cells: FormulaCellResult[];
  warnings: string[];
}

/**
 * Recalculates an .xlsx: every formula (SALESOPS and built-in) evaluated in the headless engine, and a copy written
 * by patching only the cached values in each sheet's XML. Throws XlsxFileError for a bad file.
 */
export async function recalcXlsx(data: Uint8Array, options: ReadOptions = {}): Promise<RecalcResult> {
  const workbook = await readXlsx(data, options);
  const loaded = engineFromWorkbook(workbook);
  try {
    const cells = formulaResults(loaded);
    const warnings = [...workbook.warnings, ...loaded.warnings];
    for (const c of cells) if (c.kept && !c.formula.startsWith('(')) warnings.push(`${qualifiedAddress(c.sheet, c.address)}: ${c.kept}; its cached value was kept`);
    const output = await patchWorkbook(workbook, cells, warnings);
    return { output, cells, warnings };
  } finally {
    loaded.engine.destroy();
  }
}
