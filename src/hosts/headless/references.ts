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
import { DetailedCellError, type HyperFormula } from 'hyperformula';
import { CellErrorValue } from '../../functions/clean';
import { type Area, columnLetters, intersect, parseA1Ref, parseArea, refText } from '../../workbook/a1';
import { normalizeFormula } from '../../xlsx/normalize';
import type { XlsxCell, XlsxWorkbook } from '../../xlsx/types';
import { hasReferenceCall, resolveReferenceCalls, type ArgValue, type ReferenceContext } from './indirect';
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
    if (one) return '=' + refText(one);
    const where = ref.top === ref.bottom ? `column ${columnLetters(cell.col)}` : `row ${cell.row + 1}`;
    return errorFormula('#VALUE!', `the range ${body} does not meet the formula's ${where} (implicit intersection)`);
  }
  return '=' + body;
}

/** A formula that is only Excel's error `code`, with the reason as its message (builtins/reference-errors.ts). */
function errorFormula(code: string, why: string): string {
  const fn = code === '#REF!' ? 'ERROR.REF' : code === '#VALUE!' ? 'ERROR.VALUE' : undefined;
  // The engine's parser does not read a doubled quote inside a string ("a""b"): quotes become apostrophes.
  return fn ? `=${fn}("${why.replace(/"/g, "'")}")` : `=${code}`;
}

/** The engine formula for a resolved body: a body that is only an error gets the resolver's reason. */
function resolvedFormula(resolved: string, ctx: ReferenceContext, cell: XlsxCell): string {
  const t = resolved.trim();
  if (ctx.failure && /^#(REF!|VALUE!)$/.test(t)) return errorFormula(t, ctx.failure);
  return engineFormula(resolved, cell);
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

/**
 * For a formula that is only a defined name (`=Price`), the range the name refers to when it is more than one cell,
 * so that the formula is implicitly intersected like a bare range (Microsoft: "Implicit intersection operator: @"
 * applies to names of ranges as to ranges); null otherwise. A sheet-scoped name wins over a workbook name.
 */
export function namedRange(workbook: XlsxWorkbook, sheet: string, body: string): string | null {
  if (!/^[A-Za-z_\\][\w.\\]*$/.test(body)) return null;
  const lower = body.toLowerCase();
  const name =
    workbook.names.find((n) => n.scope === sheet && n.name.toLowerCase() === lower) ??
    workbook.names.find((n) => n.scope === undefined && n.name.toLowerCase() === lower);
  const ref = name ? parseA1Ref(normalizeFormula(name.formula)) : null;
  if (!ref || (ref.top === ref.bottom && ref.left === ref.right)) return null;
  return refText(ref);
}

/** A formula cell whose references are resolved by passes: where it is and its normalised body (no `=`). */
export interface ReferenceFormula {
  sheet: string;
  cell: XlsxCell;
  /** The engine's body: normalised, names aliased. */
  body: string;
  /** The file's formula, normalised (what the user typed). */
  normalized: string;
  /** The engine cannot read the formula as it is: OFFSET and CHOOSE are resolved here too. */
  unreadable: boolean;
}

/** The formula cells whose engine formula needs resolving (INDIRECT etc., or an OFFSET the engine cannot read). */
export function needsResolving(body: string, engine: HyperFormula): boolean {
  return (
    hasReferenceCall(body) &&
    (/\b(INDIRECT|ANCHORARRAY|TRIMRANGE|FORMULATEXT)\s*\(/i.test(body) ||
      /\bISREF\s*\(\s*(OFFSET|CHOOSE)\s*\(/i.test(body) ||
      !engine.validateFormula('=' + body))
  );
}

function engineValue(v: unknown): ArgValue {
  while (Array.isArray(v)) v = v[0];
  if (v instanceof DetailedCellError) return { error: v.value };
  if (v === undefined || v === null) return null;
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : String(v);
}

/**
 * Resolves INDIRECT / OFFSET / ANCHORARRAY / TRIMRANGE / CHOOSE / FORMULATEXT for the engine. `fromFile` resolves
 * what the file alone decides (arguments that are constants or cells holding constants: `INDIRECT("A1")`,
 * `INDIRECT(A2)` with "B2" typed in A2) before the engine is built, so that most formulas load already rewritten;
 * `inPasses` resolves the rest in the engine (see there).
 */
export class ReferenceResolver {
  private readonly bySheet: Map<string, Map<string, XlsxCell>>;
  private readonly arrays: Map<string, Area[]>;
  private readonly sheets: string[];

  constructor(
    private readonly engine: HyperFormula,
    private readonly sheetIds: Map<string, number>,
    private readonly workbook: XlsxWorkbook,
    private readonly aliases: Map<string, string>,
  ) {
    this.sheets = workbook.sheets.map((s) => s.name);
    this.bySheet = new Map(workbook.sheets.map((s) => [s.name, new Map(s.cells.map((c) => [`${c.row},${c.col}`, c]))]));
    this.arrays = new Map(
      workbook.sheets.map((s) => [
        s.name,
        s.cells.flatMap((c) => (c.array ? [parseArea(c.array.ref) ?? []].flat() : [])),
      ]),
    );
  }

  private sheetOf(name: string | undefined, formulaSheet: string): string | undefined {
    if (name === undefined) return formulaSheet;
    return this.sheets.find((s) => s.toLowerCase() === name.toLowerCase());
  }

  private context(f: ReferenceFormula, fromFile: boolean): ReferenceContext {
    const { engine, sheetIds } = this;
    const cellAt = (sheet: string, row: number, col: number) => this.bySheet.get(sheet)?.get(`${row},${col}`);
    const single = (text: string) => {
      const ref = /^[$A-Za-z'].*\d$/.test(text) ? parseA1Ref(text) : null;
      if (!ref || ref.top !== ref.bottom || ref.left !== ref.right) return undefined;
      const sheet = this.sheetOf(ref.sheet, f.sheet);
      return sheet === undefined ? undefined : { sheet, row: ref.top, col: ref.left };
    };
    const evaluate = (text: string): ArgValue | undefined => {
      const t = text.trim();
      if (/^"(?:[^"]|"")*"$/.test(t)) return t.slice(1, -1).replace(/""/g, '"');
      if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(t)) return Number(t);
      const at = single(t);
      if (fromFile) {
        if (!at) return concatenation(t, evaluate);
        const c = cellAt(at.sheet, at.row, at.col);
        if (c?.formula !== undefined || c?.spillOf || c?.dataTable) return undefined;
        if (!c && this.arrays.get(at.sheet)!.some((a) => within(a, at.row, at.col))) return undefined;
        const v = c?.value ?? null;
        return v instanceof CellErrorValue ? { error: v.code } : v;
      }
      if (at) return engineValue(engine.getCellValue({ sheet: sheetIds.get(at.sheet)!, row: at.row, col: at.col }));
      try {
        return engineValue(engine.calculateFormula('=' + t, sheetIds.get(f.sheet)!));
      } catch {
        return undefined;
      }
    };
    const spill = (sheet: string, row: number, col: number): Area | null | undefined => {
      const anchor = cellAt(sheet, row, col);
      if (!anchor?.array) return null;
      const ref = parseArea(anchor.array.ref);
      if (!anchor.array.dynamic) return ref;
      if (fromFile) return undefined;
      // A dynamic array fills what its result needs now, which may differ from the range Excel saved.
      const id = sheetIds.get(sheet)!;
      const free = (r: number, c: number) =>
        engine.isCellPartOfArray({ sheet: id, row: r, col: c }) && cellAt(sheet, r, c)?.formula === undefined;
      let height = 1;
      while (free(row + height, col)) height++;
      let width = 1;
      while (free(row, col + width)) width++;
      return { top: row, left: col, bottom: row + height - 1, right: col + width - 1 };
    };
    const typed = (sheet: string, row: number, col: number): string | undefined | false => {
      if (fromFile) return false;
      const c = cellAt(sheet, row, col);
      if (c?.formula === undefined || c.dataTable) return undefined;
      const text = '=' + normalizeFormula(c.formula);
      return engine.getCellSerialized({ sheet: sheetIds.get(sheet)!, row, col }) === text ? undefined : text;
    };
    const ctx: ReferenceContext = {
      sheets: this.sheets,
      sheet: f.sheet,
      row: f.cell.row,
      col: f.cell.col,
      evaluate,
      name: (text) => this.scopedName(f.sheet, text),
      spill,
      typed,
    };
    if (!fromFile) {
      ctx.filled = (sheet, row, col) => {
        const address = { sheet: sheetIds.get(sheet)!, row, col };
        return engine.getCellValue(address) !== null || engine.doesCellHaveFormula(address);
      };
      ctx.size = (sheet) => engine.getSheetDimensions(sheetIds.get(sheet)!);
    }
    return ctx;
  }

  private scopedName(sheet: string, text: string): string | undefined {
    const lower = text.toLowerCase();
    const names = this.workbook.names;
    const found =
      names.find((n) => n.scope === sheet && n.name.toLowerCase() === lower) ??
      names.find((n) => n.scope === undefined && n.name.toLowerCase() === lower);
    return found ? (this.aliases.get(lower) ?? found.name) : undefined;
  }

  /** The engine formula for a formula the file alone resolves; undefined when it needs the engine's values. */
  fromFile(f: ReferenceFormula): string | undefined {
    const ctx = this.context(f, true);
    const resolved = resolveReferenceCalls(f.body, ctx, f.unreadable);
    return resolved === undefined ? undefined : resolvedFormula(resolved, ctx, f.cell);
  }

  /**
   * Resolves the remaining formulas in the engine: each pass evaluates every such formula's arguments in the
   * current state, sets the rewritten formulas that changed, and recalculates; it stops when a pass changes nothing
   * (or after MAX_PASSES). A formula that cannot be resolved keeps its original text. Returns the engine formula of
   * each formula the passes rewrote.
   */
  inPasses(formulas: ReferenceFormula[], current = new Map<XlsxCell, string>()): Map<XlsxCell, string> {
    const set = new Map<XlsxCell, string>();
    for (let pass = 0; pass < MAX_PASSES && formulas.length; pass++) {
      const changes: [ReferenceFormula, string][] = [];
      for (const f of formulas) {
        const ctx = this.context(f, false);
        const resolved = resolveReferenceCalls(f.body, ctx, f.unreadable);
        const next = resolved === undefined ? engineFormula(f.body, f.cell) : resolvedFormula(resolved, ctx, f.cell);
        if (next !== (current.get(f.cell) ?? engineFormula(f.body, f.cell))) changes.push([f, next]);
      }
      if (!changes.length) break;
      this.engine.batch(() => {
        for (const [f, next] of changes) {
          current.set(f.cell, next);
          set.set(f.cell, next);
          const address = { sheet: this.sheetIds.get(f.sheet)!, row: f.cell.row, col: f.cell.col };
          this.engine.setCellContents(address, [[next]]);
        }
      });
    }
    return set;
  }
}

/**
 * `"B"&A5` from the file: each part of a top-level & chain known without the engine, joined as text (a whole number
 * as its digits, TRUE/FALSE as Excel writes them; other numbers need Excel's General format and wait for the engine).
 */
function concatenation(text: string, part: (t: string) => ArgValue | undefined): ArgValue | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      const q = ch;
      for (i++; i < text.length && !(text[i] === q && text[i + 1] !== q); i++) if (text[i] === q) i++;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '&' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (!parts.length) return undefined;
  parts.push(text.slice(start));
  let out = '';
  for (const p of parts) {
    const v = part(p);
    if (v === undefined) return undefined;
    if (v !== null && typeof v === 'object') return v;
    if (typeof v === 'number' && !Number.isSafeInteger(v)) return undefined;
    out += v === null ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
  }
  return out;
}

function within(a: Area, row: number, col: number): boolean {
  return row >= a.top && row <= a.bottom && col >= a.left && col <= a.right;
}
