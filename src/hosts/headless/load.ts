/**
 * Loading an .xlsx (read by src/xlsx) into the HyperFormula engine: sheets, defined names, values, and formulas
 * normalised for the engine. HyperFormula is GPL-3.0: only the CLI, the playground and tests import this file.
 */
import type { HyperFormula, RawCellContent } from 'hyperformula';
import { CellErrorValue } from '../../functions/clean';
import { normalizeFormula } from '../../xlsx/normalize';
import { readXlsx } from '../../xlsx/read';
import type { ReadOptions, XlsxCell, XlsxWorkbook } from '../../xlsx/types';
import { createEngine } from './engine';
import { guardEngine } from './guard';
import { errorConstant } from './null-error';
import { engineArrayFormula } from './spill';

/** A workbook loaded into HyperFormula: the engine plus the way back from model sheets to engine sheet ids. */
export interface LoadedWorkbook {
  workbook: XlsxWorkbook;
  engine: HyperFormula;
  /** Engine sheet id of each workbook sheet, by sheet name. */
  sheetIds: Map<string, number>;
  /** Problems loading (a defined name the engine rejected, ...), on top of workbook.warnings. */
  warnings: string[];
}

function engineContent(cell: XlsxCell): RawCellContent {
  if (cell.formula !== undefined && !cell.dataTable) {
    const f = normalizeFormula(cell.formula);
    // Without array arithmetic the engine evaluates A1:A3*2 only inside ARRAYFORMULA(); Excel marks such cells t="array".
    return cell.array ? engineArrayFormula(f, cell) : `=${f}`;
  }
  const v = cell.value;
  if (v instanceof CellErrorValue) return errorConstant(v.code);
  // A leading apostrophe keeps text as text: "2026-01-01" or "1,200" typed as text must not become a number.
  if (typeof v === 'string') return "'" + v;
  return v;
}

/**
 * Loads a workbook model into a new headless engine (SALESOPS functions registered, Excel settings): sheets in
 * workbook order, defined names (workbook and sheet scope), values, and formulas normalised for the engine. Cached
 * values inside array formulas' ranges are left out so that the formulas spill into them. The engine evaluates on
 * load; call `engine.destroy()` when done.
 */
export function engineFromWorkbook(workbook: XlsxWorkbook): LoadedWorkbook {
  const engine = createEngine({});
  guardEngine(engine);
  const sheetIds = new Map<string, number>();
  const warnings: string[] = [];
  engine.suspendEvaluation();
  try {
    for (const s of workbook.sheets) sheetIds.set(s.name, engine.getSheetId(engine.addSheet(s.name))!);
    for (const n of workbook.names) {
      const scope = n.scope === undefined ? undefined : sheetIds.get(n.scope);
      if (n.scope !== undefined && scope === undefined) continue;
      const expression = '=' + normalizeFormula(n.formula);
      if (engine.isItPossibleToAddNamedExpression(n.name, expression, scope))
        engine.addNamedExpression(n.name, expression, scope);
      else
        warnings.push(
          `defined name '${n.name}' (${n.formula}) cannot be used by the engine; formulas that use it will show #NAME?`,
        );
    }
    for (const s of workbook.sheets) {
      const rows: RawCellContent[][] = [];
      for (const c of s.cells) {
        if (c.spillOf) continue;
        while (rows.length <= c.row) rows.push([]);
        rows[c.row][c.col] = engineContent(c);
      }
      for (const r of rows) for (let j = 0; j < r.length; j++) if (r[j] === undefined) r[j] = null;
      engine.setSheetContent(sheetIds.get(s.name)!, rows);
    }
  } finally {
    engine.resumeEvaluation();
  }
  return { workbook, engine, sheetIds, warnings };
}

/**
 * Reads .xlsx bytes and loads them into a headless HyperFormula engine, evaluated and ready for queries
 * (`engine.getCellValue({ sheet: sheetIds.get('Pipeline')!, row: 8, col: 1 })`). The one entry point for the CLI,
 * the audit and the playground. Throws XlsxFileError for a bad file.
 */
export async function loadXlsxIntoEngine(data: Uint8Array, options: ReadOptions = {}): Promise<LoadedWorkbook> {
  return engineFromWorkbook(await readXlsx(data, options));
}
