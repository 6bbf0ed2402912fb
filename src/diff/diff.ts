/**
 * Compares two versions of a workbook: what changed in the structure, the names and tables, the formulas, the
 * inputs and the results, each result with the changes it depends on; grouped and ranked. Shared by
 * `npx salesops diff` and the task pane's Compare. Reads only.
 */
import type { NamedRangeInfo } from '../workbook/workbook';
import { Grid } from '../audit/grid';
import { isSalesOpsFormula, salesOpsCalls } from '../audit/salesops';
import { explain } from '../audit/explain';
import type { Explanation } from '../audit/types';
import { cellRef, compareSnapshots, type Found } from './compare';
import { refTarget } from './names';
import { traceResults, causeAddress } from './trace';
import type { WorkbookSnapshot } from './snapshot';
import { GROUP_OF, GROUP_ORDER, type Change, type ChangeKind, type DiffReport } from './types';

export interface DiffOptions {
  /** SALESOPS results explained with the audit's explanation: at most this many (default 50). */
  maxExplanations?: number;
}

const KIND_ORDER: ChangeKind[] = [
  'sheet-renamed',
  'sheet-added',
  'sheet-removed',
  'rows-inserted',
  'rows-deleted',
  'columns-inserted',
  'columns-deleted',
  'name',
  'table',
  'formula',
  'formula-to-value',
  'value-to-formula',
  'input',
  'result',
];

/** How much a result moved, for ranking: relative change of numbers; any other change counts as 1. */
function magnitude(f: Found): number {
  if (typeof f.before === 'number' && typeof f.after === 'number') {
    const d = Math.abs(f.after - f.before);
    const base = Math.max(Math.abs(f.before), Math.abs(f.after));
    return base === 0 ? 0 : d / base;
  }
  return 1;
}

function rank(found: Found[], sheetOrder: Map<string, number>): Found[] {
  const uses = new Map<string, number>();
  for (const f of found) for (const b of f.because ?? []) uses.set(b, (uses.get(b) ?? 0) + 1);
  const group = (f: Found) => GROUP_ORDER.indexOf(GROUP_OF[f.kind]);
  const pos = (f: Found) => [sheetOrder.get(f.sheet.toLowerCase()) ?? 1e6, f.at?.row ?? -1, f.at?.col ?? -1];
  return found
    .map((f, i) => ({ f, i, key: pos(f), uses: uses.get(causeAddress(f)) ?? 0, size: magnitude(f) }))
    .sort((x, y) => {
      const g = group(x.f) - group(y.f);
      if (g) return g;
      // the causes that explain the most results first; results that moved the most first
      if (x.uses !== y.uses) return y.uses - x.uses;
      if (x.f.kind === 'result' && x.size !== y.size) return y.size - x.size;
      const k = KIND_ORDER.indexOf(x.f.kind) - KIND_ORDER.indexOf(y.f.kind);
      if (k) return k;
      for (let j = 0; j < 3; j++) if (x.key[j] !== y.key[j]) return x.key[j] - y.key[j];
      return x.i - y.i;
    })
    .map((x) => x.f);
}

/** The audit's explanation of changed SALESOPS results (in `after`), for the first `max` of them. */
function explanations(after: WorkbookSnapshot, results: Found[], max: number): Record<string, Explanation> {
  const out: Record<string, Explanation> = {};
  const wanted = results
    .filter(
      (f) =>
        f.kind === 'result' && typeof f.after !== 'string' && f.at && /SALESOPS/i.test(cellFormula(after, f) ?? ''),
    )
    .slice(0, max);
  if (!wanted.length) return out;
  const names: NamedRangeInfo[] = [];
  for (const n of after.names) {
    const t = refTarget(n.ref);
    if (t)
      names.push({
        name: n.name,
        sheet: t.sheet,
        address: t.address,
        ...(n.scope !== undefined ? { scope: n.scope } : {}),
      });
  }
  const grid = new Grid(names);
  for (const s of after.sheets) {
    const rows = s.rows.length;
    // the audit reads argument values from dense sheets: skip sheets too large to lay out (explanations only)
    if (!rows || !s.width || rows * s.width > 5_000_000) continue;
    const values = Array.from({ length: rows }, (_, r) => {
      const line = new Array(s.width).fill(null);
      const row = s.rows[r];
      if (row) row.cols.forEach((c, k) => (line[c] = row.cells[k].value));
      return line;
    });
    grid.addSheet({ name: s.name, used: { top: 0, left: 0, bottom: rows - 1, right: s.width - 1 }, values });
  }
  for (const f of wanted) {
    const formula = cellFormula(after, f)!;
    const parsed = grid.addFormula({ sheet: f.sheet, address: f.address!, formula, value: null });
    if (!parsed || !isSalesOpsFormula(parsed)) continue;
    const calls = salesOpsCalls(parsed, grid);
    if (calls.length) out[cellRef(f.sheet, f.address!)] = explain(calls[0]);
  }
  return out;
}

function cellFormula(after: WorkbookSnapshot, f: Found): string | undefined {
  const s = after.sheets.find((x) => x.name === f.sheet);
  const row = s?.rows[f.at!.row];
  const k = row ? row.cols.indexOf(f.at!.col) : -1;
  return k >= 0 ? row!.cells[k].formula : undefined;
}

/** Compares `before` with `after` (both read the same way or not: a file and an open workbook compare fine). */
export function diffSnapshots(
  before: WorkbookSnapshot,
  after: WorkbookSnapshot,
  options: DiffOptions = {},
): DiffReport {
  const compared = compareSnapshots(before, after);
  traceResults(compared);
  const sheetOrder = new Map<string, number>();
  after.sheets.forEach((s, i) => sheetOrder.set(s.name.toLowerCase(), i));
  before.sheets.forEach((s, i) => {
    if (!sheetOrder.has(s.name.toLowerCase())) sheetOrder.set(s.name.toLowerCase(), 1000 + i);
  });
  const ranked = rank(compared.found, sheetOrder);
  const changes: Change[] = ranked.map((f) => {
    const c = { kind: f.kind, sheet: f.sheet } as Change;
    if (f.address !== undefined) c.address = f.address;
    if (f.rows !== undefined) c.rows = f.rows;
    if (f.columns !== undefined) c.columns = f.columns;
    if (f.name !== undefined) c.name = f.name;
    c.before = f.before;
    c.after = f.after;
    if (f.because) c.because = f.because;
    return c;
  });
  const cells = (s: WorkbookSnapshot) =>
    s.sheets.reduce((n, sh) => n + sh.rows.reduce((m, r) => m + (r ? r.cells.length : 0), 0), 0);
  const notes: string[] = [];
  const unexplained = ranked.filter((f) => f.kind === 'result' && f.because?.length === 0).length;
  if (unexplained)
    notes.push(
      `${unexplained} result(s) changed with no input, formula or structure change upstream: a volatile function (TODAY, RAND), a link to another workbook, or a file saved before it was recalculated.`,
    );
  return {
    changes,
    ranges: ranked.map((f) => f.range),
    explanations: explanations(after, ranked, options.maxExplanations ?? 50),
    summary: {
      sheetsBefore: before.sheets.length,
      sheetsAfter: after.sheets.length,
      cellsBefore: cells(before),
      cellsAfter: cells(after),
    },
    notes,
  };
}
