/** The audit report as markdown (CLI default), JSON (--json), and a "SalesOps Audit" sheet (the task pane). */
import type { CellInput, RangeRef, Snapshot, Workbook } from '../workbook/workbook';
import type { AuditReport, Finding, InventoryItem } from './types';
import { cellAddress, quoteSheetName } from '../workbook/a1';
import { showValue } from './grid';
import { describeCells } from './cells';

export const REPORT_SHEET = 'SalesOps Audit';

function cellText(v: string | number): string {
  return typeof v === 'number'
    ? Number.isInteger(v)
      ? v.toLocaleString('en-US')
      : v.toLocaleString('en-US', { maximumFractionDigits: 4 })
    : v;
}

/** Markdown table cell: pipes escaped, line breaks flattened. */
function md(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function where(refs: RangeRef[], max = 4): string {
  return describeCells(refs, max);
}

export function toMarkdown(report: AuditReport): string {
  const { summary } = report;
  const lines: string[] = [];
  lines.push('# SalesOps formula audit', '');
  lines.push(
    `${summary.sheets} sheet(s), ${summary.formulas} formula(s), ${summary.salesopsFormulas} SALESOPS formula(s). ` +
      `Findings: ${summary.findings.high} high, ${summary.findings.medium} medium, ${summary.findings.low} low.`,
    '',
  );
  lines.push('## Findings', '');
  if (report.findings.length === 0) lines.push('No findings.', '');
  else {
    lines.push('| Severity | Finding | Cells | What to do |', '|---|---|---|---|');
    for (const f of report.findings)
      lines.push(`| ${f.severity} | ${md(f.title)}. ${md(f.detail)} | ${md(where(f.cells))} | ${md(f.action)} |`);
    lines.push('');
  }
  lines.push('## SALESOPS formulas', '');
  if (report.inventory.length === 0) lines.push('No SALESOPS formulas.', '');
  for (const item of report.inventory) {
    lines.push(`### ${quoteSheetName(item.sheet)}!${item.address}: \`${item.formula}\``, '');
    lines.push(`- Value: ${showValue(item.value) || '(blank)'}`);
    lines.push(`- Definition: ${item.definition}`);
    if (item.reads.length)
      lines.push(
        `- Reads: ${item.reads.map((r) => `${quoteSheetName(r.sheet)}!${r.address} (${r.rows} x ${r.cols}${r.param ? `, ${r.param}` : ''})`).join('; ')}`,
      );
    lines.push(`- ${item.explanation.title}${item.explanation.note ? ` (${item.explanation.note})` : ''}:`, '');
    const [head, ...rows] = item.explanation.table;
    if (head) {
      lines.push(`| ${head.map((h) => md(cellText(h))).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
      for (const r of rows) lines.push(`| ${r.map((c) => md(cellText(c))).join(' | ')} |`);
    }
    lines.push('');
  }
  if (report.notes.length) {
    lines.push('## Notes', '');
    for (const n of report.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  return lines.join('\n');
}

export function toJson(report: AuditReport): string {
  return JSON.stringify(report, null, 2);
}

/** Text that Excel would read as a formula or number is written with a leading apostrophe, so it stays text. */
function asText(s: string): CellInput {
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}

function findingRow(f: Finding): CellInput[] {
  return [f.severity, asText(f.title), asText(f.detail), asText(where(f.cells, 10)), asText(f.action)];
}

function inventoryRow(i: InventoryItem): CellInput[] {
  const v = i.value;
  const value: CellInput = v === null || typeof v === 'number' || typeof v === 'boolean' ? v : asText(showValue(v));
  const explanation = i.explanation.table
    .slice(1)
    .map((r) => r.map(cellText).join(' '))
    .join('; ');
  return [
    i.sheet,
    i.address,
    asText(i.formula),
    value,
    asText(i.definition),
    asText(i.reads.map((r) => `${quoteSheetName(r.sheet)}!${r.address} (${r.rows}x${r.cols})`).join('; ')),
    asText(`${i.explanation.title}: ${explanation}`.slice(0, 30000)),
  ];
}

/** The rows of the report sheet (rectangular, 7 columns). */
export function reportRows(report: AuditReport): CellInput[][] {
  const { summary } = report;
  const width = 7;
  const rows: CellInput[][] = [
    ['SalesOps formula audit'],
    [
      `${summary.sheets} sheet(s), ${summary.formulas} formula(s), ${summary.salesopsFormulas} SALESOPS formula(s); findings: ${summary.findings.high} high, ${summary.findings.medium} medium, ${summary.findings.low} low`,
    ],
    [],
    ['Findings'],
    ['Severity', 'Finding', 'Detail', 'Cells', 'What to do'],
    ...report.findings.map(findingRow),
    [],
    ['SALESOPS formulas'],
    ['Sheet', 'Cell', 'Formula', 'Value', 'Definition', 'Reads', 'Explanation'],
    ...report.inventory.map(inventoryRow),
  ];
  if (report.notes.length) rows.push([], ['Notes'], ...report.notes.map((n) => [asText(n)]));
  return rows.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? null));
}

/** Rows per write of the report sheet: each write stays well under Excel on the web's request payload limit. */
export const REPORT_BLOCK_ROWS = 2000;
/**
 * Bytes per write (UTF-8, estimated): long explanation texts end a block early. Excel on the web refuses requests
 * past about 5 MB; 2 MB leaves room for the JSON around the values.
 */
export const REPORT_BLOCK_BYTES = 2_000_000;

/** UTF-8 size of a cell's text plus a little for the JSON around it. */
function cellBytes(v: CellInput): number {
  if (v === null) return 5;
  const s = String(v);
  let n = 4;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return n;
}

/** Splits rows into consecutive blocks of at most `maxRows` rows and (but for a single huge row) `maxBytes` bytes. */
export function reportBlocks(
  rows: CellInput[][],
  maxRows = REPORT_BLOCK_ROWS,
  maxBytes = REPORT_BLOCK_BYTES,
): { top: number; rows: CellInput[][] }[] {
  const out: { top: number; rows: CellInput[][] }[] = [];
  let top = 0;
  let chars = 0;
  for (let i = 0; i < rows.length; i++) {
    const size = rows[i].reduce((n: number, v) => n + cellBytes(v), 2);
    if (i > top && (i - top >= maxRows || chars + size > maxBytes)) {
      out.push({ top, rows: rows.slice(top, i) });
      top = i;
      chars = 0;
    }
    chars += size;
  }
  if (rows.length > top) out.push({ top, rows: rows.slice(top) });
  return out;
}

/**
 * Writes the report to a new "SalesOps Audit" sheet (a clash gets a suffix); touches no other sheet. The rows go in
 * blocks (reportBlocks), one write each, so a large inventory never makes one oversized request.
 */
export async function writeReportSheet(
  wb: Workbook,
  report: AuditReport,
): Promise<{ sheet: string; snapshot: Snapshot }> {
  const rows = reportRows(report);
  const { name, snapshot } = await wb.addSheet(REPORT_SHEET);
  const width = rows[0].length;
  for (const block of reportBlocks(rows)) {
    await wb.write(
      {
        sheet: name,
        address: `${cellAddress(block.top, 0)}:${cellAddress(block.top + block.rows.length - 1, width - 1)}`,
      },
      block.rows,
    );
  }
  return { sheet: name, snapshot };
}
