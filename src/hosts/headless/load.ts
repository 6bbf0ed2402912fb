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
import { inlineNamedLambdas, isLambdaFormula } from './lambda-rewrite';
import { errorConstant } from './null-error';
import {
  engineFormula,
  nameAliases,
  needsResolving,
  namedRange,
  renameNames,
  ReferenceResolver,
  type ReferenceFormula,
} from './references';
import { engineArrayFormula, settleSpills } from './spill';

/** A workbook loaded into HyperFormula: the engine plus the way back from model sheets to engine sheet ids. */
export interface LoadedWorkbook {
  workbook: XlsxWorkbook;
  engine: HyperFormula;
  /** Engine sheet id of each workbook sheet, by sheet name. */
  sheetIds: Map<string, number>;
  /** Problems loading (a defined name the engine rejected, ...), on top of workbook.warnings. */
  warnings: string[];
  /** The formula the engine evaluates for each formula cell (with `=`; references.ts rewrites some). */
  engineFormulas: Map<XlsxCell, string>;
  /**
   * The formula as typed, for cells whose engine formula references.ts rewrote (INDIRECT resolved, a range
   * intersected, a name aliased), keyed `sheetId:row:col`, with what the engine showed for it after loading: a grid
   * shows the typed formula while the cell still holds that.
   */
  typed: Map<string, { engine: string; typed: string }>;
  /**
   * Resolves INDIRECT & co again after an edit (the playground): the cells their text reads may have changed. A
   * formula the user has replaced since is left alone.
   */
  refresh(): void;
}

function valueContent(cell: XlsxCell): RawCellContent {
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
  const aliases = nameAliases(workbook.names, (name) => engine.isItPossibleToAddNamedExpression(name, '=0'));
  const references: ReferenceFormula[] = [];
  /** Every formula with a reference call: `references` (resolved in passes) and those the file alone resolved. */
  const all: ReferenceFormula[] = [];
  const engineFormulas = new Map<XlsxCell, string>();
  /** Formula cells whose engine formula is not the file's (normalised) one: their normalised formula. */
  const rewritten = new Map<XlsxCell, { sheet: number; normalized: string }>();
  const unchanged = (c: XlsxCell, normalized: string, formula: string | undefined) =>
    formula === (c.array ? engineArrayFormula(normalized, c) : `=${normalized}`);
  const resolver = new ReferenceResolver(engine, sheetIds, workbook, aliases);
  engine.suspendEvaluation();
  try {
    for (const s of workbook.sheets) sheetIds.set(s.name, engine.getSheetId(engine.addSheet(s.name))!);
    for (const n of workbook.names) {
      const scope = n.scope === undefined ? undefined : sheetIds.get(n.scope);
      if (n.scope !== undefined && scope === undefined) continue;
      const expression = '=' + renameNames(normalizeFormula(n.formula), aliases);
      const name = aliases.get(n.name.toLowerCase()) ?? n.name;
      if (engine.isItPossibleToAddNamedExpression(name, expression, scope))
        engine.addNamedExpression(name, expression, scope);
      else
        warnings.push(
          `defined name '${n.name}' (${n.formula}) cannot be used by the engine; formulas that use it will show #NAME?`,
        );
    }
    for (const s of workbook.sheets) {
      const rows: RawCellContent[][] = [];
      const lambdas = namedLambdas(workbook, s.name);
      for (const c of s.cells) {
        if (c.spillOf) continue;
        while (rows.length <= c.row) rows.push([]);
        if (c.formula === undefined || c.dataTable) {
          rows[c.row][c.col] = valueContent(c);
          continue;
        }
        const normalized = normalizeFormula(c.formula);
        // A name defined as a LAMBDA is called like a function, which the engine cannot: the LAMBDA replaces it.
        const inlined = inlineNamedLambdas(normalized, lambdas);
        const body = (!c.array && namedRange(workbook, s.name, inlined)) || renameNames(inlined, aliases);
        let formula = engineFormula(body, c);
        if (needsResolving(body, engine)) {
          const unreadable = /\b(OFFSET|CHOOSE)\s*\(/i.test(body) && !engine.validateFormula('=' + body);
          const f: ReferenceFormula = { sheet: s.name, cell: c, body, normalized, unreadable };
          const resolved = resolver.fromFile(f);
          all.push(f);
          if (resolved === undefined) references.push(f);
          else formula = resolved;
        }
        rows[c.row][c.col] = formula;
        engineFormulas.set(c, formula);
        if (!unchanged(c, normalized, formula)) rewritten.set(c, { sheet: sheetIds.get(s.name)!, normalized });
      }
      for (const r of rows) for (let j = 0; j < r.length; j++) if (r[j] === undefined) r[j] = null;
      engine.setSheetContent(sheetIds.get(s.name)!, rows);
    }
  } finally {
    engine.resumeEvaluation();
  }
  for (const r of references) rewritten.delete(r.cell);
  for (const [c, f] of resolver.inPasses(references)) engineFormulas.set(c, f);
  for (const r of references)
    if (!unchanged(r.cell, r.normalized, engineFormulas.get(r.cell)))
      rewritten.set(r.cell, { sheet: sheetIds.get(r.sheet)!, normalized: r.normalized });
  const sheetCells = workbook.sheets.map((s) => ({ id: sheetIds.get(s.name)!, cells: s.cells }));
  for (const [c, f] of settleSpills(engine, sheetCells)) engineFormulas.set(c, f);
  const typed = new Map<string, { engine: string; typed: string }>();
  for (const [c, { sheet, normalized }] of rewritten) {
    const shown = engine.getCellSerialized({ sheet, row: c.row, col: c.col });
    if (typeof shown === 'string') typed.set(`${sheet}:${c.row}:${c.col}`, { engine: shown, typed: '=' + normalized });
  }
  const at = (f: ReferenceFormula) => ({ sheet: sheetIds.get(f.sheet)!, row: f.cell.row, col: f.cell.col });
  const shownNow = new Map(all.map((f) => [f, engine.getCellSerialized(at(f))]));
  const refresh = () => {
    try {
      for (const f of all) if (engine.getCellSerialized(at(f)) !== shownNow.get(f)) shownNow.delete(f);
      const live = all.filter((f) => shownNow.has(f));
      const byCell = new Map(live.map((f) => [f.cell, f]));
      const current = new Map(live.map((f) => [f.cell, engineFormulas.get(f.cell)!]));
      for (const [c, text] of resolver.inPasses(live, current)) {
        const f = byCell.get(c)!;
        engineFormulas.set(c, text);
        const shown = engine.getCellSerialized(at(f));
        shownNow.set(f, shown);
        if (typeof shown === 'string')
          typed.set(`${at(f).sheet}:${c.row}:${c.col}`, { engine: shown, typed: '=' + f.normalized });
      }
    } catch {
      shownNow.clear(); // a sheet renamed or removed: the formulas stay as they are
    }
  };
  return { workbook, engine, sheetIds, warnings, engineFormulas, typed, refresh };
}

/**
 * Reads .xlsx bytes and loads them into a headless HyperFormula engine, evaluated and ready for queries
 * (`engine.getCellValue({ sheet: sheetIds.get('Pipeline')!, row: 8, col: 1 })`). The one entry point for the CLI,
 * the audit and the playground. Throws XlsxFileError for a bad file.
 */
export async function loadXlsxIntoEngine(data: Uint8Array, options: ReadOptions = {}): Promise<LoadedWorkbook> {
  return engineFromWorkbook(await readXlsx(data, options));
}

/** The names defined as a LAMBDA that formulas on `sheet` see (a sheet's own name hides a workbook one), by lower case. */
function namedLambdas(workbook: XlsxWorkbook, sheet: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const local of [false, true])
    for (const n of workbook.names) {
      if ((n.scope !== undefined) !== local || (local && n.scope !== sheet)) continue;
      const f = normalizeFormula(n.formula);
      if (isLambdaFormula(f)) out.set(n.name.toLowerCase(), f.replace(/^=\s*/, ''));
    }
  return out;
}
