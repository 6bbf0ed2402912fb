/**
 * Fidelity to Excel: recalculates workbooks that Excel saved and compares every formula cell (and every cell an
 * array formula fills) with the value Excel cached in the file. Excel is the reference: a cell counts as equal when
 * the headless host gives Excel's value, or keeps Excel's cached value for a stated reason (a data table, a formula
 * the engine cannot read); everything else is a difference, listed with its formula, Excel's value and ours.
 *
 * Used by `npm run fidelity -- <files or folders>` (scripts/fidelity.ts) and by test/fidelity, which holds the figures.
 * HyperFormula is GPL-3.0: like the rest of the headless host, only the CLI, scripts and tests import this.
 */
import { CellErrorValue } from '../functions/clean';
import { engineFromWorkbook } from '../hosts/headless/load';
import { formulaResults } from '../hosts/headless/recalc';
import { readXlsx } from '../xlsx/read';
import type { FormulaCellResult, ResultValue, XlsxCell, XlsxValue } from '../xlsx/types';
import { parseArea } from '../workbook/a1';

/** Functions whose result legitimately differs from the cached value on every recalculation. */
const VOLATILE = /\b(RAND|RANDBETWEEN|RANDARRAY|NOW|TODAY)\s*\(/i;

/** One formula cell whose recalculated value is not Excel's. */
export interface FidelityDifference {
  sheet: string;
  address: string;
  formula: string;
  excel: string;
  ours: string;
  /** What most likely differs: the function whose result is wrong, or the error the engine gave. */
  cause: string;
}

export interface WorkbookFidelity {
  file: string;
  /** Formula cells compared (array formulas count every cell of their range that Excel cached). */
  cells: number;
  /** Cells whose recalculated value equals Excel's (numbers to 1e-9 relative). */
  equal: number;
  /** Cells not evaluated whose cached value was kept (counted as equal: the output is Excel's value). */
  kept: number;
  /** Cells that call RAND/NOW/TODAY..., left out of the comparison. */
  volatile: number;
  differences: FidelityDifference[];
  /** The run could not finish: the whole workbook counts as failed. */
  aborted?: string;
  ms: number;
}

/** Equal as Excel would show them: numbers to 15 significant digits (within 1e-9 relative), text exactly. */
export function sameValue(excel: ResultValue | null, ours: ResultValue | null): boolean {
  const a = excel;
  const b = ours;
  if (a === null || b === null) {
    // An empty cached value is Excel's empty string or an empty spill cell; ours as "" or empty is the same.
    const other = a === null ? b : a;
    return other === null || other === '';
  }
  if (typeof a === 'object' || typeof b === 'object')
    return typeof a === 'object' && typeof b === 'object' && a.error === b.error;
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return true;
    const scale = Math.max(Math.abs(a), Math.abs(b));
    return Math.abs(a - b) <= Math.max(1e-9 * scale, 1e-12);
  }
  return a === b;
}

function show(v: ResultValue | null): string {
  if (v === null) return '(empty)';
  if (typeof v === 'object') return v.error;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

function cachedResult(v: XlsxValue): ResultValue | null {
  if (v instanceof CellErrorValue) return { error: v.code, message: '' };
  return v;
}

function ourResult(r: FormulaCellResult): ResultValue {
  return r.error ? { error: r.error.code, message: r.error.message } : r.value!;
}

/** The likely cause of a difference: a function the engine lacks, or the outermost function of the formula. */
export function causeOf(formula: string, ours: ResultValue | null): string {
  const calls = [...formula.matchAll(/([A-Z_][A-Z0-9._]*)\s*\(/gi)].map((m) =>
    m[1].toUpperCase().replace(/^(_XLFN\.|_XLWS\.|_XLUDF\.)+/, ''),
  );
  if (ours !== null && typeof ours === 'object' && ours.error === '#NAME?') {
    const missing = /function name ([A-Z0-9_.]+)/i.exec(ours.message)?.[1]?.replace(/^(_XLFN\.|_XLWS\.)+/i, '');
    return `missing ${missing ?? calls[0] ?? 'name'}`;
  }
  if (ours !== null && typeof ours === 'object' && /circular|cycle/i.test(ours.message)) return 'circular reference';
  return calls[0] ?? 'no function (reference or arithmetic)';
}

/** Recalculates one workbook in memory and compares every formula cell with Excel's cached value. */
export async function measureWorkbook(file: string, data: Uint8Array): Promise<WorkbookFidelity> {
  const started = Date.now();
  const result: WorkbookFidelity = { file, cells: 0, equal: 0, kept: 0, volatile: 0, differences: [], ms: 0 };
  try {
    const workbook = await readXlsx(data);
    const loaded = engineFromWorkbook(workbook);
    try {
      const results = new Map(formulaResults(loaded).map((r) => [`${r.sheet}!${r.address}`, r]));
      for (const sheet of workbook.sheets) {
        const cached = new Map(sheet.cells.map((c) => [c.address, c]));
        const members = new Map<string, XlsxCell[]>();
        for (const c of sheet.cells) {
          if (!c.spillOf) continue;
          const list = members.get(c.spillOf);
          if (list) list.push(c);
          else members.set(c.spillOf, [c]);
        }
        for (const cell of sheet.cells) {
          if (cell.formula === undefined && !cell.dataTable) continue;
          const r = results.get(`${sheet.name}!${cell.address}`);
          if (!r) continue;
          const formula = cell.formula ?? '(data table)';
          const compare = (address: string, excel: ResultValue | null, ours: ResultValue | null) => {
            if (excel === null && cached.get(address)?.value === undefined) return;
            result.cells++;
            if (VOLATILE.test(formula)) result.volatile++;
            else if (r.kept) result.kept++;
            else if (sameValue(excel, ours)) result.equal++;
            else
              result.differences.push({
                sheet: sheet.name,
                address,
                formula: '=' + formula,
                excel: show(excel),
                ours: show(ours),
                cause: causeOf(formula, ours),
              });
          };
          compare(cell.address, cachedResult(cell.value), ourResult(r));
          if (!r.spill) continue;
          const range = parseArea(r.spill.ref);
          if (!range) continue;
          // Every cell Excel spilled into, also those our result no longer reaches (a dynamic array that shrank).
          for (const member of members.get(cell.address) ?? []) {
            const [i, j] = [member.row - range.top, member.col - range.left];
            compare(member.address, cachedResult(member.value), r.spill.values[i]?.[j] ?? null);
          }
        }
      }
    } finally {
      loaded.engine.destroy();
    }
  } catch (e) {
    result.aborted = String((e as Error)?.message ?? e).split('\n')[0];
  }
  result.ms = Date.now() - started;
  return result;
}

/** Totals over several workbooks: equal counts kept cells (their output is Excel's value); volatile cells are left out. */
export function totals(results: readonly WorkbookFidelity[]): {
  cells: number;
  equal: number;
  kept: number;
  differ: number;
  aborted: number;
  /** Share of cells whose output is Excel's value (computed equal, or kept). */
  share: number;
  /** Share of cells the headless host computed to Excel's value (kept cells count against it). */
  computed: number;
} {
  let cells = 0;
  let equal = 0;
  let kept = 0;
  let differ = 0;
  let aborted = 0;
  for (const r of results) {
    if (r.aborted) {
      aborted++;
      continue;
    }
    cells += r.cells - r.volatile;
    equal += r.equal + r.kept;
    kept += r.kept;
    differ += r.differences.length;
  }
  return {
    cells,
    equal,
    kept,
    differ,
    aborted,
    share: cells ? equal / cells : 1,
    computed: cells ? (equal - kept) / cells : 1,
  };
}

/** Differences counted by cause, most frequent first. */
export function causes(results: readonly WorkbookFidelity[]): [cause: string, cells: number][] {
  const counts = new Map<string, number>();
  for (const r of results) for (const d of r.differences) counts.set(d.cause, (counts.get(d.cause) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
