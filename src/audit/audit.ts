/**
 * The formula audit: reads a workbook through the Workbook interface (never writing to it), lists every SALESOPS
 * formula with its definition, the ranges it reads and an explanation, and finds what finance should look at
 * before signing off. Shared by the task pane's Audit tab and `npx salesops audit`.
 */
import type { Workbook } from '../workbook/workbook';
import type { AuditOptions, AuditProgress, AuditReport, Finding, InventoryItem, RangeRead, Severity } from './types';
import { areaAddress } from '../workbook/a1';
import { readGrid, sheetKey, type Grid, type ParsedFormula } from './grid';
import { salesOpsCalls, isSalesOpsFormula } from './salesops';
import { explain, inputsExplanation, recoverErrorMessage } from './explain';
import { isCellError } from '../workbook/workbook';
import { CHECKS, sameResult, type Disagreement } from './checks';

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** Thrown when the caller's AbortSignal stops the audit. */
export class AuditCancelled extends Error {
  constructor() {
    super('The audit was cancelled.');
    this.name = 'AuditCancelled';
  }
}

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AuditCancelled();
}

/** Lets the UI paint between chunks of work. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function readsOf(f: ParsedFormula, grid: Grid, params: Map<string, string>): RangeRead[] {
  const out: RangeRead[] = [];
  const seen = new Set<string>();
  for (const t of f.tokens) {
    if (t.kind !== 'ref' && t.kind !== 'name') continue;
    let target: { sheet: string; area: { top: number; left: number; bottom: number; right: number } } | null = null;
    if (t.kind === 'ref' && !t.workbook) target = grid.refTarget(t, f.sheet);
    else if (t.kind === 'name' && !t.workbook) target = grid.namedRange(t, f.sheet);
    if (!target) {
      if (t.workbook && !seen.has(t.text)) {
        seen.add(t.text);
        out.push({ sheet: t.text, address: '(another workbook)', rows: 0, cols: 0 });
      }
      continue;
    }
    const address = areaAddress(target.area);
    const key = `${sheetKey(target.sheet)}!${address}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const param = params.get(key);
    out.push({
      sheet: target.sheet,
      address,
      rows: target.area.bottom - target.area.top + 1,
      cols: target.area.right - target.area.left + 1,
      ...(param ? { param } : {}),
    });
  }
  return out;
}

function inventoryItem(f: ParsedFormula, grid: Grid, withExplanation: boolean): InventoryItem {
  const found = salesOpsCalls(f, grid);
  const params = new Map<string, string>();
  for (const c of found)
    for (const [name, a] of c.args) {
      const k = a.kind === 'range' ? `${sheetKey(a.sheet)}!${areaAddress(a.area)}` : null;
      if (k && !params.has(k)) params.set(k, name);
    }
  const main = found[0];
  return {
    sheet: f.sheet,
    address: f.address.replace(/\$/g, ''),
    formula: f.formula,
    value: f.value,
    functions: found.map((c) => c.decl.id),
    definition: main.decl.metadata.description ?? '',
    reads: readsOf(f, grid, params),
    explanation: withExplanation
      ? explain(main)
      : inputsExplanation(main, 'explanations are limited to the first cells of a large workbook (maxExplanations)'),
  };
}

/**
 * Gives SALESOPS error cells whose host showed only the code (Excel) the message the function gives for the
 * arguments the cell passes. Returns how many were left without, past `limit` re-runs.
 */
function recoverMessages(grid: Grid, salesops: ParsedFormula[], limit: number): number {
  let runs = 0;
  let skipped = 0;
  for (const f of salesops) {
    const v = f.value;
    if (!isCellError(v) || v.message || v.error === '#CYCLE!') continue;
    if (runs >= limit) {
      skipped++;
      continue;
    }
    runs++;
    const found = recoverErrorMessage(salesOpsCalls(f, grid), v.error);
    if (found) {
      f.value = { error: v.error, message: found.message };
      f.messageFrom = found.function;
    }
  }
  return skipped;
}

/**
 * The workbook as Excel saved it: each formula cell's value becomes Excel's saved result where the file has one, so
 * that the checks report the workbook and not the recalculation; returns the cells where the two disagree.
 */
function useSavedValues(grid: Grid, savedValue: NonNullable<AuditOptions['savedValue']>): Disagreement[] {
  const out: Disagreement[] = [];
  for (const f of grid.formulas) {
    const saved = savedValue(f.sheet, f.row, f.col);
    if (saved === undefined) continue;
    if (!sameResult(saved, f.value)) out.push({ formula: f, saved, recomputed: f.value });
    f.value = saved;
    grid.setValue(f.sheet, f.row, f.col, saved);
  }
  return out;
}

/** Audits a workbook. Reads only; the report can then be written to a new sheet with writeReportSheet. */
export async function auditWorkbook(wb: Workbook, options: AuditOptions = {}): Promise<AuditReport> {
  const progress = (p: AuditProgress) => options.onProgress?.(p);
  const all = await wb.listSheets();
  const wanted = options.sheets ? all.filter((s) => options.sheets!.some((x) => sheetKey(x) === sheetKey(s))) : all;
  progress({ phase: 'reading', done: 0, total: wanted.length });
  const grid = await readGrid(wb, wanted, (done) => {
    checkAbort(options.signal);
    progress({ phase: 'reading', done, total: wanted.length });
  });
  checkAbort(options.signal);
  const disagreements = options.savedValue ? useSavedValues(grid, options.savedValue) : [];

  const salesops = grid.formulas.filter(isSalesOpsFormula);
  const unrecovered = recoverMessages(grid, salesops, options.maxMessageRecoveries ?? 500);
  salesops.sort(
    (a, b) =>
      wanted.findIndex((s) => sheetKey(s) === a.sheetKey) - wanted.findIndex((s) => sheetKey(s) === b.sheetKey) ||
      a.row - b.row ||
      a.col - b.col,
  );
  const inventory: InventoryItem[] = [];
  const maxExplanations = options.maxExplanations ?? 2000;
  const chunk = 500;
  for (let i = 0; i < salesops.length; i++) {
    inventory.push(inventoryItem(salesops[i], grid, i < maxExplanations));
    if ((i + 1) % chunk === 0) {
      progress({ phase: 'inventory', done: i + 1, total: salesops.length });
      await breathe();
      checkAbort(options.signal);
    }
  }
  progress({ phase: 'inventory', done: salesops.length, total: salesops.length });

  const ctx = { grid, salesops, disagreements };
  const findings: Finding[] = [];
  for (let i = 0; i < CHECKS.length; i++) {
    progress({ phase: 'checks', done: i, total: CHECKS.length });
    findings.push(...CHECKS[i].run(ctx));
    await breathe();
    checkAbort(options.signal);
  }
  const order = (f: Finding) => wanted.findIndex((s) => sheetKey(s) === sheetKey(f.cells[0]?.sheet ?? ''));
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || order(a) - order(b));
  progress({ phase: 'done', done: CHECKS.length, total: CHECKS.length });

  const notes: string[] = [];
  if (unrecovered > 0)
    notes.push(
      `${unrecovered} SALESOPS error cell(s) show only their code: the audit re-ran the functions of the first ${options.maxMessageRecoveries ?? 500} to find their messages.`,
    );
  if (salesops.length > maxExplanations)
    notes.push(
      `Explanations were computed for the first ${maxExplanations} of ${salesops.length} SALESOPS cells; the rest show their inputs.`,
    );
  if (grid.formulas.some((f) => f.tokens.some((t) => t.kind === 'bracket')))
    notes.push('Structured references (Table[Column]) are not followed by the reference checks.');
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return {
    host: wb.host,
    summary: {
      sheets: wanted.length,
      formulas: grid.formulas.length,
      salesopsFormulas: salesops.length,
      findings: { high: count('high'), medium: count('medium'), low: count('low') },
    },
    findings,
    inventory,
    notes,
  };
}
