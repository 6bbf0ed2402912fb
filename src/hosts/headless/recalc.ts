/**
 * Recalculating an .xlsx in the headless engine: every formula cell's result (array formulas with what they put in
 * each cell of their range, as Excel does), and a copy of the file with only cached values changed.
 * HyperFormula is GPL-3.0: only the CLI, the playground and tests import this file.
 */
import { DetailedCellError, type RawCellContent } from 'hyperformula';
import { CellErrorValue } from '../../functions/clean';
import { EXCEL_ERROR_LITERALS } from '../../models/errors';
import { parseArea } from '../../workbook/a1';
import { normalizeFormula } from '../../xlsx/normalize';
import { readXlsx } from '../../xlsx/read';
import type { FormulaCellResult, ReadOptions, ResultValue, XlsxCell, XlsxValue } from '../../xlsx/types';
import { patchWorkbook } from '../../xlsx/write';
import { ENGINE_FAILURE } from './guard';
import { iterateCycles, type IterationOutcome } from './iterate';
import { engineFromWorkbook, type LoadedWorkbook } from './load';
import { arrayResult } from './spill';
import { errorConstant, nullErrorReason } from './null-error';

/** Excel error text for an engine error; the engine's own kinds (#CYCLE!, #ERROR!, #LIC!) are not Excel's. */
function excelError(e: DetailedCellError): { error: string; message: string } {
  if ((EXCEL_ERROR_LITERALS as readonly string[]).includes(e.value))
    return { error: e.value, message: e.message ?? '' };
  // The engine has no #NULL!: null-error.ts gives it as its generic error with a message starting "#NULL!".
  const nullReason = nullErrorReason(e);
  if (nullReason !== null) return { error: '#NULL!', message: nullReason };
  if (e.type === 'CYCLE')
    return { error: '#VALUE!', message: 'circular reference: the formula depends on its own result' };
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
  return v instanceof DetailedCellError && v.type === 'ERROR' && /pars/i.test(v.message ?? '')
    ? `the engine cannot read this formula (${v.message.split('\n')[0].trim()})`
    : null;
}

/** Why a formula cell keeps Excel's cached value instead of the engine's result; null when the engine's stands. */
function keepReason(c: XlsxCell, raw: unknown, parses: (c: XlsxCell) => boolean): string | null {
  if (c.dataTable) return 'what-if data tables are not evaluated headless';
  const formula = c.formula ?? '';
  if (c.value !== null && CUBE.test(formula))
    return "CUBE functions read the workbook's data model (Power Pivot, OLAP), which only Excel has";
  if (c.value !== null && EXTERNAL.test(withoutStrings(formula)))
    return 'the formula reads another workbook (an external link), which is not opened headless';
  // A parse error reaches the cells that read an unreadable one too: only the cell whose own formula fails is kept.
  const parse = unreadable(raw);
  if (parse && !parses(c)) return parse;
  if (parse) return null;
  if (c.value === null) return null; // nothing cached to keep: the engine's result (or error) is all there is
  if (!(raw instanceof DetailedCellError)) return null;
  const message = raw.message ?? '';
  if (message.startsWith(ENGINE_FAILURE)) return message;
  const cachedName = c.value instanceof CellErrorValue && c.value.code === '#NAME?';
  // builtins/lambda.ts answers LAMBDA, MAP, ... (and a LET it cannot rewrite) with this message.
  if (raw.value === '#NAME?' && /is not supported headless/.test(message)) return message.split(':')[0];
  if (raw.value === '#NAME?' && !cachedName) {
    // Only where this cell's own formula names what is missing: its dependents recompute from the kept value.
    const fn = /function name ([\w.]+)/i.exec(message)?.[1];
    if (fn && new RegExp(`(^|[^\\w.])(_xlfn\\.|_xlws\\.)*${fn.replace(/\./g, '\\.')}\\s*\\(`, 'i').test(formula))
      return `the engine lacks the function ${fn.toUpperCase()}`;
    const name = /named expression ([\w.]+)/i.exec(message)?.[1];
    if (name && new RegExp(`(^|[^\\w.])${name.replace(/\./g, '\\.')}($|[^\\w.(])`, 'i').test(formula))
      return `the engine cannot use the name ${name}`;
  }
  return null;
}

const CUBE = /(^|[^\w.])(_xlfn\.)?CUBE(VALUE|MEMBER|SET|SETCOUNT|RANKEDMEMBER|MEMBERPROPERTY|KPIMEMBER)\s*\(/i;
// `[1]Sheet!A1`, `'[2]My sheet'!B2`, `[1]!Name`: the bracketed index of an external workbook; but `[1]!SALESOPS_X(`
// is Excel's way of naming an add-in function (formula-refs.ts drops that prefix), not another workbook.
const EXTERNAL = /\[\d+\](?!!?[\w.]+\s*\()[^\]]*!/;

function withoutStrings(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"/g, '""');
}

/** What Excel cached, as a result. */
function cachedResult(v: XlsxValue): ResultValue {
  return v instanceof CellErrorValue ? { error: v.code, message: '' } : (v ?? 0);
}

/** Engine content for a cached value (text stays text, errors stay errors). */
function constant(v: XlsxValue): RawCellContent {
  if (v instanceof CellErrorValue) return errorConstant(v.code);
  return typeof v === 'string' ? "'" + v : v;
}

/** How recalculation went beyond each cell's result: iteration, and the cells whose cached values were kept. */
export interface RecalcReport {
  /** Set when the workbook turns on iterative calculation and has circular references. */
  iteration?: IterationOutcome & { cells: number };
}

/**
 * Every formula cell of a loaded workbook with its evaluated value or error (array formulas with their spill).
 * What the engine cannot evaluate keeps Excel's cached value, with the reason in `kept`: data tables, formulas the
 * engine cannot read, CUBE functions, external links, a function or name the engine lacks (where Excel cached a
 * value), a failure of the engine itself, and circular references when the workbook does not turn on iterative
 * calculation (Excel then warns and leaves the values as they were). A kept cell is set to its cached value in the
 * engine, so that the cells reading it compute from Excel's value rather than from an error. With iterative
 * calculation on, circular references are resolved as Excel does (iterate.ts).
 */
export function formulaResults(loaded: LoadedWorkbook, report: RecalcReport = {}): FormulaCellResult[] {
  const { engine, workbook } = loaded;
  const kept = new Map<XlsxCell, string>();
  const formulaCells: { name: string; sheet: number; cell: XlsxCell; members: XlsxCell[] }[] = [];
  for (const s of workbook.sheets) {
    const sheet = loaded.sheetIds.get(s.name)!;
    const byAnchor = new Map<string, XlsxCell[]>();
    // Pushed, not copied: a 100,000-cell spill would copy its list once per cell.
    for (const c of s.cells) {
      if (!c.spillOf) continue;
      const list = byAnchor.get(c.spillOf);
      if (list) list.push(c);
      else byAnchor.set(c.spillOf, [c]);
    }
    for (const c of s.cells)
      if (c.formula !== undefined || c.dataTable)
        formulaCells.push({ name: s.name, sheet, cell: c, members: byAnchor.get(c.address) ?? [] });
  }
  const parses = (c: XlsxCell) => c.formula !== undefined && engine.validateFormula('=' + normalizeFormula(c.formula));
  const valueOf = (f: { sheet: number; cell: XlsxCell }) =>
    f.cell.dataTable ? null : engine.getCellValue({ sheet: f.sheet, row: f.cell.row, col: f.cell.col });
  const keepAll = (list: { sheet: number; cell: XlsxCell; members: XlsxCell[] }[]) =>
    engine.batch(() => {
      for (const f of list) {
        if (f.cell.dataTable) continue;
        for (const c of [f.cell, ...f.members])
          engine.setCellContents({ sheet: f.sheet, row: c.row, col: c.col }, [[constant(c.value)]]);
      }
    });
  // A few rounds: keeping one cell's value can turn a dependent's error into a number, never the reverse.
  for (let round = 0; round < 4; round++) {
    const now = formulaCells
      .filter((f) => !kept.has(f.cell))
      .flatMap((f) => {
        const why = keepReason(f.cell, valueOf(f), parses);
        return why ? [{ f, why }] : [];
      });
    if (!now.length) break;
    for (const { f, why } of now) kept.set(f.cell, why);
    keepAll(now.map((k) => k.f));
  }
  const cycles = formulaCells.filter((f) => !kept.has(f.cell) && isCycle(valueOf(f)));
  if (cycles.length && workbook.iterate && cycles.every((f) => !f.cell.array)) {
    const cells = cycles.map((f) => ({
      sheet: f.sheet,
      row: f.cell.row,
      col: f.cell.col,
      formula: loaded.engineFormulas.get(f.cell) ?? '=' + normalizeFormula(f.cell.formula!),
      cached: f.cell.value,
    }));
    report.iteration = { ...iterateCycles(engine, cells, workbook.iterate), cells: cells.length };
  } else if (cycles.length) {
    const why = workbook.iterate
      ? 'circular reference through an array formula, which is not iterated headless'
      : 'circular reference, and the workbook does not turn on iterative calculation (Excel warns and keeps the last values)';
    for (const f of cycles) if (f.cell.value !== null) kept.set(f.cell, why);
    keepAll(cycles.filter((f) => f.cell.value !== null));
  }
  const out: FormulaCellResult[] = [];
  for (const { name, sheet, cell: c, members } of formulaCells) {
    const r: FormulaCellResult = {
      sheet: name,
      address: c.address,
      formula: c.dataTable ? '(data table)' : '=' + normalizeFormula(c.formula!),
    };
    const why = kept.get(c);
    if (why) {
      r.kept = why;
      setResult(r, cachedResult(c.value));
      if (c.array && members.length) r.spill = { ref: c.array.ref, values: cachedSpill(c, members) };
    } else {
      setResult(r, resultValue(valueOf({ sheet, cell: c })));
      if (c.array) r.spill = arrayResult(engine, sheet, c, resultValue);
    }
    out.push(r);
  }
  return out;
}

/** The values Excel cached over an array formula's range (the anchor first), for a kept array formula. */
function cachedSpill(anchor: XlsxCell, members: XlsxCell[]): (ResultValue | null)[][] {
  const range = parseArea(anchor.array!.ref)!;
  const rows: (ResultValue | null)[][] = [];
  for (let i = 0; i <= range.bottom - range.top; i++)
    rows.push(new Array<ResultValue | null>(range.right - range.left + 1).fill(null));
  rows[anchor.row - range.top][anchor.col - range.left] = cachedResult(anchor.value);
  for (const m of members) if (m.value !== null) rows[m.row - range.top][m.col - range.left] = cachedResult(m.value);
  return rows;
}

function isCycle(v: unknown): boolean {
  return v instanceof DetailedCellError && v.type === 'CYCLE';
}

function setResult(r: FormulaCellResult, v: ResultValue): void {
  if (typeof v === 'object') r.error = { code: v.error, message: v.message };
  else r.value = v;
}

export interface RecalcResult {
  /** The recalculated workbook: the input's zip parts, with only cached values changed in the sheets. */
  output: Buffer;
  cells: FormulaCellResult[];
  warnings: string[];
  report: RecalcReport;
}

/**
 * Recalculates an .xlsx: every formula (SALESOPS and built-in) evaluated in the headless engine, and a copy written
 * by patching only the cached values in each sheet's XML. Throws XlsxFileError for a bad file.
 */
export async function recalcXlsx(data: Uint8Array, options: ReadOptions = {}): Promise<RecalcResult> {
  const workbook = await readXlsx(data, options);
  const loaded = engineFromWorkbook(workbook);
  try {
    const report: RecalcReport = {};
    const cells = formulaResults(loaded, report);
    const warnings = [...workbook.warnings, ...loaded.warnings];
    if (report.iteration && !report.iteration.converged) {
      warnings.push(
        `iterative calculation over ${report.iteration.cells} circular cell(s) stopped after ${report.iteration.iterations} iteration(s) with a last change of ${report.iteration.change}, above the workbook's maximum change`,
      );
    }
    const output = await patchWorkbook(workbook, cells, warnings);
    return { output, cells, warnings, report };
  } finally {
    loaded.engine.destroy();
  }
}
