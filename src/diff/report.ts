/** The comparison as markdown (CLI default), JSON (--json, the issue's shape) and a "SalesOps Compare" sheet. */
import type { CellInput, Snapshot, Workbook } from '../workbook/workbook';
import { cellAddress, quoteSheetName } from '../workbook/a1';
import { reportBlocks } from '../audit/report';
import { formatNumber } from './snapshot';
import { GROUP_OF, GROUP_ORDER, type Change, type ChangeGroup, type ChangeValue, type DiffReport } from './types';

export const COMPARE_SHEET = 'SalesOps Compare';

const GROUP_TITLE: Record<ChangeGroup, string> = {
  structure: 'Structure',
  'names and tables': 'Names and tables',
  formulas: 'Formulas',
  inputs: 'Inputs',
  results: 'Results',
};

/** A value for reading: numbers with separators (up to 6 decimals), formulas as written, blank as "(blank)". */
export function showChangeValue(v: ChangeValue): string {
  if (v === null) return '(blank)';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}

/** Where a change is: "Reps!D12", "Reps rows 12:14", "Rate (Tiers!B3)", "sheet Tiers". */
export function changeWhere(c: Change): string {
  if (c.kind === 'name' || c.kind === 'table') return `${c.kind === 'table' ? 'table ' : ''}${c.name}`;
  if (c.rows) return `${quoteSheetName(c.sheet)}!${c.rows}`;
  if (c.columns) return `${quoteSheetName(c.sheet)}!${c.columns}`;
  if (c.address) return `${quoteSheetName(c.sheet)}!${c.address}`;
  return `sheet ${c.sheet}`;
}

/** One line of plain language per change. */
export function describeChange(c: Change, byAddress?: Map<string, Change>): string {
  const from = showChangeValue(c.before);
  const to = showChangeValue(c.after);
  switch (c.kind) {
    case 'sheet-added':
      return `sheet ${c.sheet} added`;
    case 'sheet-removed':
      return `sheet ${c.sheet} removed`;
    case 'sheet-renamed':
      return `sheet ${from} renamed to ${to}`;
    case 'rows-inserted':
    case 'columns-inserted':
      return `${c.kind === 'rows-inserted' ? 'row(s)' : 'column(s)'} ${c.rows ?? c.columns} inserted (${to})`;
    case 'rows-deleted':
    case 'columns-deleted':
      return `${c.kind === 'rows-deleted' ? 'row(s)' : 'column(s)'} ${c.rows ?? c.columns} deleted (they held ${from})`;
    case 'name':
    case 'table':
      return c.before === null
        ? `${c.kind} ${c.name} added: ${to}`
        : c.after === null
          ? `${c.kind} ${c.name} removed (was ${from})`
          : `${c.kind} ${c.name} re-pointed from ${from} to ${to}`;
    case 'formula-to-value':
      return `formula ${from} replaced by the typed value ${to}`;
    case 'value-to-formula':
      return `typed value ${from} replaced by the formula ${to}`;
    case 'result': {
      const base = `changed from ${from} to ${to}`;
      if (!c.because?.length) return `${base} (no changed input or formula found upstream)`;
      const shown = c.because.slice(0, 4).map((b) => {
        const cause = byAddress?.get(b);
        if (!cause) return `${b} changed`;
        if (
          cause.kind === 'input' ||
          cause.kind === 'formula' ||
          cause.kind === 'formula-to-value' ||
          cause.kind === 'value-to-formula'
        )
          return `${b} changed from ${showChangeValue(cause.before)} to ${showChangeValue(cause.after)}`;
        if (cause.rows || cause.columns) return `${b} ${cause.kind.endsWith('inserted') ? 'inserted' : 'deleted'}`;
        return describeChange(cause);
      });
      return `${base} because ${shown.join(', ')}${c.because.length > 4 ? ` and ${c.because.length - 4} more` : ''}`;
    }
    default:
      return `changed from ${from} to ${to}`;
  }
}

/** The causes by the address `because` uses, to describe them. */
export function causesByAddress(report: DiffReport): Map<string, Change> {
  const m = new Map<string, Change>();
  for (const c of report.changes)
    if (c.kind !== 'result') m.set(c.kind === 'name' || c.kind === 'table' ? (c.name ?? '') : changeWhere(c), c);
  return m;
}

function md(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Changes by group, in report order. */
export function groupChanges(
  report: DiffReport,
): { group: ChangeGroup; title: string; items: { change: Change; index: number }[] }[] {
  return GROUP_ORDER.map((group) => ({
    group,
    title: GROUP_TITLE[group],
    items: report.changes.map((change, index) => ({ change, index })).filter((x) => GROUP_OF[x.change.kind] === group),
  })).filter((g) => g.items.length);
}

export function summaryLine(report: DiffReport): string {
  if (!report.changes.length)
    return 'The workbooks are the same: no change in sheets, names, tables, formulas, inputs or results.';
  return `${report.changes.length} change(s): ${groupChanges(report)
    .map((g) => `${g.title.toLowerCase()} ${g.items.length}`)
    .join(', ')}.`;
}

export function toMarkdown(report: DiffReport, labels: { before: string; after: string }): string {
  const lines = [
    '# Workbook comparison',
    '',
    `Before: ${labels.before}; after: ${labels.after}. ${summaryLine(report)}`,
    '',
  ];
  const causes = causesByAddress(report);
  for (const g of groupChanges(report)) {
    lines.push(`## ${g.title} (${g.items.length})`, '');
    if (g.group === 'results') {
      lines.push('| Cell | Before | After | Because |', '|---|---|---|---|');
      for (const { change: c } of g.items) {
        const because = c.because?.length
          ? describeChange(c, causes).replace(/^.*? because /, '')
          : 'no changed input or formula found upstream';
        lines.push(
          `| ${md(changeWhere(c))} | ${md(showChangeValue(c.before))} | ${md(showChangeValue(c.after))} | ${md(because)} |`,
        );
      }
    } else {
      lines.push('| Where | Change | Before | After |', '|---|---|---|---|');
      // a blank cell is "(blank)"; an inserted row or a new name has no before at all
      const show = (v: ChangeValue) =>
        v === null && (g.group === 'structure' || g.group === 'names and tables') ? '' : showChangeValue(v);
      for (const { change: c } of g.items)
        lines.push(`| ${md(changeWhere(c))} | ${c.kind} | ${md(show(c.before))} | ${md(show(c.after))} |`);
    }
    lines.push('');
  }
  const explained = Object.entries(report.explanations);
  if (explained.length) {
    lines.push('## SALESOPS results explained', '');
    for (const [cell, e] of explained) {
      lines.push(`### ${cell}: ${e.title}${e.note ? ` (${e.note})` : ''}`, '');
      const [head, ...rows] = e.table;
      if (head) {
        lines.push(`| ${head.map((h) => md(String(h))).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
        for (const r of rows)
          lines.push(
            `| ${r.map((v) => md(typeof v === 'number' ? formatNumber(Math.round(v * 1e4) / 1e4) : v)).join(' | ')} |`,
          );
      }
      lines.push('');
    }
  }
  if (report.notes.length) lines.push('## Notes', '', ...report.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

/** `{ "changes": [...] }`, exactly the issue's shape. */
export function toJson(report: DiffReport): string {
  return JSON.stringify({ changes: report.changes }, null, 2);
}

function asText(v: ChangeValue): CellInput {
  if (typeof v === 'string') return /^[=+\-@]/.test(v) ? `'${v}` : v;
  return v;
}

/** The rows of the report sheet (6 columns). */
export function compareRows(report: DiffReport, labels: { before: string; after: string }): CellInput[][] {
  const causes = causesByAddress(report);
  const rows: CellInput[][] = [
    ['SalesOps workbook comparison'],
    [asText(`Before: ${labels.before}; after: ${labels.after}. ${summaryLine(report)}`)],
    [],
    ['Group', 'Change', 'Where', 'Before', 'After', 'Because'],
  ];
  for (const g of groupChanges(report))
    for (const { change: c } of g.items)
      rows.push([
        g.title,
        c.kind,
        asText(changeWhere(c)),
        asText(c.before),
        asText(c.after),
        c.kind === 'result' ? asText(describeChange(c, causes).replace(/^.*? because /, '')) : null,
      ]);
  if (report.notes.length) rows.push([], ['Notes'], ...report.notes.map((n) => [asText(n)]));
  return rows.map((r) => Array.from({ length: 6 }, (_, j) => r[j] ?? null));
}

/** Writes the comparison to a new "SalesOps Compare" sheet (a clash gets a suffix); no other sheet changes. */
export async function writeCompareSheet(
  wb: Workbook,
  report: DiffReport,
  labels: { before: string; after: string },
): Promise<{ sheet: string; snapshot: Snapshot }> {
  const rows = compareRows(report, labels);
  const { name, snapshot } = await wb.addSheet(COMPARE_SHEET);
  for (const block of reportBlocks(rows))
    await wb.write(
      { sheet: name, address: `${cellAddress(block.top, 0)}:${cellAddress(block.top + block.rows.length - 1, 5)}` },
      block.rows,
    );
  return { sheet: name, snapshot };
}
