/**
 * Excel's reference semantics that the engine lacks, applied to the engine's copy of each formula at load:
 * - implicit intersection: a formula that is not an array formula and whose value is a bare range (`=L:L`,
 *   `=$E$2:$K$2`) shows the range's cell in its own row or column (reference-text.ts `intersect`); an array formula
 *   whose value is a bare range spills the range, blanks as 0 (spill.ts engineArrayFormula);
 * - defined names the engine refuses although Excel allows them (`named1`: HyperFormula reads any letters followed
 *   by digits as a cell, while Excel's columns stop at XFD) are given an engine alias;
 * - INDIRECT, OFFSET with computed arguments, ANCHORARRAY and TRIMRANGE are resolved into the references they give
 *   (indirect.ts), in passes until nothing changes.
 * The workbook model keeps the original formula text; only what the engine evaluates changes.
 * HyperFormula is GPL-3.0: only the CLI, the playground and tests import this file.
 */
import type { HyperFormula } from 'hyperformula';
import { type Area, parseArea } from '../../workbook/a1';
import type { XlsxCell, XlsxWorkbook } from '../../xlsx/types';
import { hasReferenceCall, resolveReferenceCalls, type ReferenceContext } from './indirect';
import { intersect, parseA1Ref, refText } from './reference-text';
import { engineArrayFormula } from './spill';

/** Most rounds of resolve-and-recalculate: a chain of INDIRECTs reading INDIRECTs settles in one round per link. */
const MAX_PASSES = 10;

/** The engine's formula (with `=`) for a formula body as normalised, with implicit intersection applied. */
export function engineFormula(body: string, cell: Pick<XlsxCell, 'row' | 'col' | 'array'>): string {
  const ref = body.includes(':') ? parseA1Ref(body) : null;
  // An array formula spills: spill.ts constrains it to its range (legacy) and shows a blank in the result as 0.
  if (cell.array) return engineArrayFormula(body, cell);
  if (ref) {
    const one = intersect(ref, cell);
    return one ? '=' + refText(one) : '=#VALUE!';
  }
  return '=' + body;
}

/** Engine aliases for defined names Excel allows and the engine refuses: lower-case name -> alias. */
export function nameAliases(names: XlsxWorkbook['names'], accepts: (name: string) => boolean): Map<string, string> {
  const aliases = new Map<string, string>();
  const taken = new Set(names.map((n) => n.name.toLowerCase()));
  for (const n of names) {
    if (accepts(n.name) || !/^[A-Za-z_\\][\w.\\]*$/.test(n.name)) continue;
    let alias = n.name + '_';
    while (taken.has(alias.toLowerCase())) alias += '_';
    if (!accepts(alias)) continue;
    taken.add(alias.toLowerCase());
    aliases.set(n.name.toLowerCase(), alias);
  }
  return aliases;
}

/** A formula with each aliased name replaced (outside quotes; not a function call, sheet prefix or part of a name). */
export function renameNames(formula: string, aliases: Map<string, string>): string {
  if (!aliases.size) return formula;
  return formula.replace(
    /("(?:[^"]|"")*"|'(?:[^']|'')*')|(?<![\w.$!\\])([A-Za-z_\\][\w.\\]*)(?![\w.\\]*\s*[(!])/g,
    (all, quoted: string | undefined, name: string | undefined) =>
      quoted !== undefined || name === undefined ? all : (aliases.get(name.toLowerCase()) ?? all),
  );
}

/** A formula cell whose references are resolved by passes: where it is and its normalised body (no `=`). */
export interface ReferenceFormula {
  sheet: string;
  cell: XlsxCell;
  body: string;
}

/** The formula cells whose engine formula needs resolving (INDIRECT etc., or an OFFSET the engine cannot read). */
export function needsResolving(body: string, engine: HyperFormula): boolean {
  return (
    hasReferenceCall(body) &&
    (/\b(INDIRECT|ANCHORARRAY|TRIMRANGE)\s*\(/i.test(body) || !engine.validateFormula('=' + body))
  );
}

/**
 * Resolves INDIRECT / OFFSET / ANCHORARRAY / TRIMRANGE in the engine: each pass evaluates every such formula's
 * arguments in the current state, sets the rewritten formulas that changed, and recalculates; it stops when a pass
 * changes nothing (or after MAX_PASSES). A formula that cannot be resolved keeps its original text. Returns the
 * engine formula of each resolved cell.
 */
export function resolveReferences(
  engine: HyperFormula,
  sheetIds: Map<string, number>,
  workbook: XlsxWorkbook,
  formulas: ReferenceFormula[],
  aliases: Map<string, string>,
): Map<XlsxCell, string> {
  const current = new Map<XlsxCell, string>();
  if (!formulas.length) return current;
  const bySheet = new Map(workbook.sheets.map((s) => [s.name, new Map(s.cells.map((c) => [`${c.row},${c.col}`, c]))]));
  const spill = (sheet: string, row: number, col: number): Area | null => {
    const cells = bySheet.get(sheet);
    const anchor = cells?.get(`${row},${col}`);
    if (!anchor?.array) return null;
    const ref = parseArea(anchor.array.ref);
    if (!anchor.array.dynamic) return ref;
    // A dynamic array fills what its result needs now, which may differ from the range Excel saved.
    const id = sheetIds.get(sheet)!;
    const free = (r: number, c: number) =>
      engine.isCellPartOfArray({ sheet: id, row: r, col: c }) && cells?.get(`${r},${c}`)?.formula === undefined;
    let height = 1;
    while (free(row + height, col)) height++;
    let width = 1;
    while (free(row, col + width)) width++;
    return { top: row, left: col, bottom: row + height - 1, right: col + width - 1 };
  };
  const scoped = (sheet: string, text: string): string | undefined => {
    const lower = text.toLowerCase();
    const found =
      workbook.names.find((n) => n.scope === sheet && n.name.toLowerCase() === lower) ??
      workbook.names.find((n) => n.scope === undefined && n.name.toLowerCase() === lower);
    return found ? (aliases.get(lower) ?? found.name) : undefined;
  };
  const offsets = new Map(formulas.map((f) => [f, !engine.validateFormula('=' + f.body)]));
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const changes: [ReferenceFormula, string][] = [];
    for (const f of formulas) {
      const ctx: ReferenceContext = {
        engine,
        sheetIds,
        sheet: f.sheet,
        row: f.cell.row,
        col: f.cell.col,
        name: (text) => scoped(f.sheet, text),
        spill,
      };
      const resolved = resolveReferenceCalls(f.body, ctx, offsets.get(f)!);
      const next = engineFormula(resolved ?? f.body, f.cell);
      if (next !== (current.get(f.cell) ?? engineFormula(f.body, f.cell))) changes.push([f, next]);
    }
    if (!changes.length) break;
    engine.batch(() => {
      for (const [f, next] of changes) {
        current.set(f.cell, next);
        engine.setCellContents({ sheet: sheetIds.get(f.sheet)!, row: f.cell.row, col: f.cell.col }, [[next]]);
      }
    });
  }
  return current;
}
