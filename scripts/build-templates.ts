/**
 * `npm run templates`: builds the starter workbooks of src/taskpane/templates/catalog.ts into assets/templates/.
 *
 * Each workbook is written with exceljs (Excel tables for data, sheet-scoped defined names for inputs and data
 * columns, light-yellow input cells, labels, number formats, column widths, a "How to use" note), then run through
 * the headless recalc (recalcXlsx, the library behind `salesops recalc`) so that it opens with computed values.
 *
 * Storage choices (see README "Templates"):
 * - SALESOPS functions are written as Excel stores add-in functions in a file, `_xldudf_SALESOPS_QUOTA_ALLOCATE(`;
 *   the xlsx loader maps that back to SALESOPS.QUOTA.ALLOCATE with the registry ids.
 * - Functions that return a range are legacy array formulas (`<f t="array" ref="D10:D17">`) over exactly the
 *   cells they fill: exceljs cannot write the dynamic-array metadata (xl/metadata.xml). Excel 365 shows them as
 *   {=...}; to change the size, select the block and re-enter the formula with Ctrl+Shift+Enter.
 * - Defined names are local to each sheet of the template (written into workbook.xml after exceljs, which only
 *   writes workbook-wide names), so two templates in one workbook never fight over `Target`.
 * - The workbook asks Excel for a full recalculation on load (calcPr fullCalcOnLoad).
 *
 * The Pipeline review and Territory plan use the Maven Analytics CRM sample (public domain, ../shared/data/crm/).
 * The lead list of Lead scoring is synthetic (the leads data set's licence is unknown).
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { recalcXlsx } from '../src/hosts/headless/recalc';
import { escapeXml } from '../src/xlsx/xml';
import { TEMPLATES } from '../src/taskpane/templates/catalog';
import { columnLetters, quoteSheetName } from '../src/workbook/a1';

export const CRM_DIR = path.resolve(__dirname, '../../shared/data/crm');
export const OUT_DIR = path.resolve(__dirname, '../assets/templates');

// ---------------------------------------------------------------------------------------------- helpers

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const OUTPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin', color: { argb: 'FFBFBFBF' } }, bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } }, left: { style: 'thin', color: { argb: 'FFBFBFBF' } }, right: { style: 'thin', color: { argb: 'FFBFBFBF' } } };

export const FMT = {
  money: '#,##0;[Red]-#,##0',
  number: '#,##0.00',
  int: '0',
  pct: '0%',
  pct1: '0.0%',
  date: 'yyyy-mm-dd',
  month: 'mmm yyyy',
  days: '0.0',
};

/** Excel serial of an ISO date (1900 system). */
export function serial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** `SALESOPS.QUOTA.ALLOCATE(` -> `_xldudf_SALESOPS_QUOTA_ALLOCATE(`, as Excel saves add-in functions. */
export function udf(formula: string): string {
  return formula.replace(/\bSALESOPS\.([A-Z][A-Z0-9.]*)\(/g, (_, id: string) => `_xldudf_SALESOPS_${id.replace(/\./g, '_')}(`);
}

/** `$A$1:$B$3` for 1-based row/column bounds. */
function absRange(top: number, left: number, bottom: number, right: number): string {
  const col = (c: number) => columnLetters(c - 1);
  const a = `$${col(left)}$${top}`;
  const b = `$${col(right)}$${bottom}`;
  return a === b ? a : `${a}:${b}`;
}

/** A template under construction: the exceljs workbook and its names (made local to every sheet of the template). */
class Template {
  readonly wb = new ExcelJS.Workbook();
  readonly names: { name: string; ref: string }[] = [];
  private readonly blocks = new Map<string, { sheet: string; range: string }>();

  constructor() {
    this.wb.creator = 'SalesOps Planner';
    this.wb.created = new Date(Date.UTC(2026, 0, 1));
    this.wb.modified = new Date(Date.UTC(2026, 0, 1));
    this.wb.calcProperties.fullCalcOnLoad = true;
  }

  sheet(name: string, widths: number[]): ExcelJS.Worksheet {
    const ws = this.wb.addWorksheet(name, { views: [{ showGridLines: true }] });
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    return ws;
  }

  /** A defined name over a block of `ws` (1-based bounds). */
  name(name: string, ws: ExcelJS.Worksheet, top: number, left: number, bottom = top, right = left): void {
    this.names.push({ name, ref: `${quoteSheetName(ws.name)}!${absRange(top, left, bottom, right)}` });
    this.blocks.set(name, { sheet: ws.name, range: absRange(top, left, bottom, right) });
  }

  /**
   * The block behind a name as a plain reference, for the arguments that set a spilling function's size: the
   * headless engine predicts a spill from its arguments' shapes and sees a defined name as one cell.
   */
  ref(name: string, from: ExcelJS.Worksheet): string {
    const b = this.blocks.get(name);
    if (!b) throw new Error(`no name '${name}'`);
    return b.sheet === from.name ? b.range : `${quoteSheetName(b.sheet)}!${b.range}`;
  }

  /** Bytes with the names written into workbook.xml (sheet-scoped), before the recalc. */
  async bytes(): Promise<Buffer> {
    const raw = Buffer.from(await this.wb.xlsx.writeBuffer());
    const zip = await JSZip.loadAsync(raw);
    let xml = await zip.file('xl/workbook.xml')!.async('string');
    const sheetCount = this.wb.worksheets.length;
    const defs: string[] = [];
    for (let i = 0; i < sheetCount; i++) for (const n of this.names) defs.push(`<definedName name="${escapeXml(n.name)}" localSheetId="${i}">${escapeXml(n.ref)}</definedName>`);
    xml = xml.replace(/<definedNames\/>|<definedNames>[\s\S]*?<\/definedNames>/, '');
    xml = xml.replace(/<calcPr\b/, `<definedNames>${defs.join('')}</definedNames><calcPr`);
    zip.file('xl/workbook.xml', xml);
    // Fixed entry dates: a rebuild of unchanged templates gives the same bytes.
    const date = new Date(Date.UTC(2026, 0, 1));
    zip.forEach((_, f) => {
      f.date = date;
    });
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  }
}

/** Title and a short "How to use" note at the top of a sheet (rows 1 to 1 + lines). */
function heading(ws: ExcelJS.Worksheet, title: string, lines: string[]): void {
  const t = ws.getCell('A1');
  t.value = title;
  t.font = { bold: true, size: 14, color: { argb: 'FF107C41' } };
  lines.forEach((line, i) => {
    const c = ws.getCell(2 + i, 1);
    c.value = i === 0 ? `How to use: ${line}` : line;
    c.font = { italic: true, color: { argb: 'FF595959' } };
  });
}

function section(ws: ExcelJS.Worksheet, row: number, col: number, text: string): void {
  const c = ws.getCell(row, col);
  c.value = text;
  c.font = { bold: true, color: { argb: 'FF1F4E78' } };
}

function label(ws: ExcelJS.Worksheet, row: number, col: number, text: string, bold = false): void {
  const c = ws.getCell(row, col);
  c.value = text;
  if (bold) c.font = { bold: true };
}

type Scalar = number | string | boolean | null;

/** An input cell: light yellow, bordered, formatted. */
function input(ws: ExcelJS.Worksheet, row: number, col: number, value: Scalar, numFmt?: string): void {
  const c = ws.getCell(row, col);
  c.value = value;
  c.fill = INPUT_FILL;
  c.border = THIN;
  if (numFmt) c.numFmt = numFmt;
}

/** An output formula cell (SALESOPS written in the `_xldudf_` form). */
function output(ws: ExcelJS.Worksheet, row: number, col: number, formula: string, numFmt?: string): void {
  const c = ws.getCell(row, col);
  c.value = { formula: udf(formula) } as ExcelJS.CellFormulaValue;
  c.fill = OUTPUT_FILL;
  c.border = THIN;
  if (numFmt) c.numFmt = numFmt;
}

/**
 * A legacy array formula over rows x cols from (row, col), with a number format per column; every cell of the
 * block is written (styled) so that the recalc caches each value.
 */
function arrayFormula(ws: ExcelJS.Worksheet, row: number, col: number, rows: number, cols: number, text: string, formats: (string | undefined)[] = []): void {
  const ref = absRange(row, col, row + rows - 1, col + cols - 1).replace(/\$/g, '');
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const cell = ws.getCell(row + r, col + c);
      cell.fill = OUTPUT_FILL;
      cell.border = THIN;
      if (formats[c]) cell.numFmt = formats[c]!;
      if (r === 0 && c === 0) cell.value = { formula: udf(text), shareType: 'array', ref } as unknown as ExcelJS.CellFormulaValue;
    }
}

function headers(ws: ExcelJS.Worksheet, row: number, col: number, names: string[]): void {
  names.forEach((h, i) => {
    const c = ws.getCell(row, col + i);
    c.value = h;
    c.font = { bold: true };
    c.border = { bottom: { style: 'thin' } };
  });
}

/** An Excel table at (row, col) with a header row; `inputs` marks the columns styled as inputs. */
function table(
  ws: ExcelJS.Worksheet,
  name: string,
  row: number,
  col: number,
  columns: { name: string; fmt?: string; input?: boolean }[],
  rows: (Scalar | { formula: string })[][],
): void {
  const addr = absRange(row, col, row, col).replace(/\$/g, '');
  ws.addTable({
    name,
    ref: addr,
    headerRow: true,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: columns.map((c) => ({ name: c.name, filterButton: true })),
    rows: rows.map((r) => r.map((v) => (v !== null && typeof v === 'object' ? ({ formula: udf(v.formula) } as ExcelJS.CellFormulaValue) : v))),
  });
  columns.forEach((c, j) => {
    for (let i = 0; i < rows.length; i++) {
      const cell = ws.getCell(row + 1 + i, col + j);
      if (c.fmt) cell.numFmt = c.fmt;
      if (c.input) cell.fill = INPUT_FILL;
    }
  });
}

// ---------------------------------------------------------------------------------------------- CRM data

export interface CrmDeal {
  id: string;
  agent: string;
  product: string;
  account: string;
  stage: string;
  engage: string;
  close: string;
  closeValue: number | null;
}

function readCsv(file: string): Record<string, string>[] {
  const text = fs.readFileSync(path.join(CRM_DIR, file), 'utf8');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

export function crmDeals(): CrmDeal[] {
  return readCsv('sales_pipeline.csv').map((r) => ({
    id: r.opportunity_id,
    agent: r.sales_agent,
    product: r.product,
    account: r.account,
    stage: r.deal_stage,
    engage: r.engage_date,
    close: r.close_date,
    closeValue: r.close_value === '' ? null : Number(r.close_value),
  }));
}

/** List price by product name, with the pipeline's "GTXPro" spelling mapped to "GTX Pro". */
export function listPrices(): Map<string, number> {
  const m = new Map(readCsv('products.csv').map((r) => [r.product, Number(r.sales_price)]));
  m.set('GTXPro', m.get('GTX Pro')!);
  return m;
}

/** A deal's amount: the close value of a won deal, the product's list price otherwise (open and lost deals). */
export function dealAmount(d: CrmDeal, prices: Map<string, number>): number {
  return d.stage === 'Won' ? (d.closeValue ?? 0) : prices.get(d.product)!;
}

export const PIPELINE_STAGES: { stage: string; probability: number; category: string }[] = [
  { stage: 'Prospecting', probability: 0.1, category: 'Pipeline' },
  { stage: 'Engaging', probability: 0.4, category: 'Best Case' },
  { stage: 'Won', probability: 1, category: 'Closed' },
  { stage: 'Lost', probability: 0, category: 'Omitted' },
];

export const PIPELINE_INPUTS = {
  quota: 12_000_000,
  trials: 2000,
  seed: 1,
  agentQuota: 350_000,
  prevStart: '2017-07-01',
  prevEnd: '2017-09-30',
  curStart: '2017-10-01',
  curEnd: '2017-12-31',
};

// ---------------------------------------------------------------------------------------------- Capacity plan

export const CAPACITY_INPUTS = {
  planStart: '2026-01-01',
  /** Width of the monthly block: the plan is this many months from planStart (the plan end follows). */
  months: 12,
  productivity: 1_200_000,
  attrition: 0.15,
  target: 14_000_000,
  ramp: [0, 0.25, 0.5, 0.75],
  reps: [
    { rep: 'Avery Stone', role: 'Account executive', hire: '2023-04-03', end: null },
    { rep: 'Blake Chen', role: 'Account executive', hire: '2024-01-08', end: null },
    { rep: 'Casey Morgan', role: 'Account executive', hire: '2024-09-02', end: '2026-06-30' },
    { rep: 'Devon Patel', role: 'Account executive', hire: '2025-03-03', end: null },
    { rep: 'Emery Walsh', role: 'Account executive', hire: '2025-08-18', end: null },
    { rep: 'Finley Ruiz', role: 'Account executive', hire: '2025-11-03', end: null },
    { rep: 'New hire 1', role: 'Planned hire', hire: '2026-02-02', end: null },
    { rep: 'New hire 2', role: 'Planned hire', hire: '2026-04-01', end: null },
    { rep: 'New hire 3', role: 'Planned hire', hire: '2026-07-01', end: null },
    { rep: 'New hire 4', role: 'Planned hire', hire: '2026-10-01', end: null },
  ] as { rep: string; role: string; hire: string; end: string | null }[],
};

function capacityPlan(): Template {
  const t = new Template();
  const ws = t.sheet('Capacity', [46, 16, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13]);
  const I = CAPACITY_INPUTS;
  const months = I.months;
  heading(ws, 'Capacity plan', [
    'edit the yellow cells (plan start, productivity, attrition, target, ramp) and the hiring plan table; green cells are computed.',
    'Ramp is the share of full productivity in each month of tenure, hire month first; after the last month a rep is fully ramped.',
    `The plan is the ${months} months from the plan start (the monthly block below); the plan end follows. Capacity = expected RRE x productivity / months per year.`,
  ]);
  section(ws, 6, 1, 'Inputs');
  label(ws, 7, 1, 'Plan start (the plan is the months of the monthly block from here)');
  input(ws, 7, 2, serial(I.planStart), FMT.date);
  t.name('PlanStart', ws, 7, 2);
  // The plan end is derived from the monthly block, so SALESOPS.CAPACITY and the months below always cover the
  // same months (an editable end date would silently stop matching the fixed-width block).
  label(ws, 8, 1, 'Plan end (last day of the last month of the monthly block)');
  output(ws, 8, 2, 'EOMONTH(PlanStart,PlanMonths-1)', FMT.date);
  t.name('PlanEnd', ws, 8, 2);
  const inputs: [string, string, Scalar, string][] = [
    ['Annual bookings of a fully ramped rep (productivity)', 'Productivity', I.productivity, FMT.money],
    ['Annual attrition (share of reps leaving per year)', 'Attrition', I.attrition, FMT.pct],
    ['Bookings target for the plan period', 'Target', I.target, FMT.money],
  ];
  inputs.forEach(([text, name, value, fmt], i) => {
    label(ws, 9 + i, 1, text);
    input(ws, 9 + i, 2, value, fmt);
    t.name(name, ws, 9 + i, 2);
  });
  label(ws, 12, 1, 'Ramp by month of tenure (hire month first)');
  I.ramp.forEach((r, j) => input(ws, 12, 2 + j, r, FMT.pct));
  t.name('Ramp', ws, 12, 2, 12, 1 + I.ramp.length);

  const top = 17;
  const last = top + I.reps.length;
  const m0 = last + 3; // "Month of the plan" row of the monthly block
  label(ws, 13, 1, 'Months in the plan (columns of the monthly block)');
  // The block as a plain range: the headless engine fails on COLUMNS(<defined name>) (see the report of issue 9).
  output(ws, 13, 2, `COLUMNS(${absRange(m0 + 1, 2, m0 + 1, 1 + months)})`, FMT.int);
  t.name('PlanMonths', ws, 13, 2);
  // A fixed conversion, labelled and named so that no formula hides a 12 (the audit flags hidden constants).
  label(ws, 14, 1, 'Months per year (fixed: a month\u2019s productivity = annual / months per year)');
  const mpy = ws.getCell(14, 2);
  mpy.value = 12;
  mpy.border = THIN;
  mpy.numFmt = FMT.int;
  t.name('MonthsPerYear', ws, 14, 2);

  section(ws, top - 1, 1, 'Hiring plan (one row per rep; planned hires have future dates; leave End date blank while employed)');
  table(
    ws,
    'tblHiringPlan',
    top,
    1,
    [{ name: 'Rep', input: true }, { name: 'Role', input: true }, { name: 'Hire date', fmt: FMT.date, input: true }, { name: 'End date', fmt: FMT.date, input: true }],
    I.reps.map((r) => [r.rep, r.role, serial(r.hire), r.end === null ? null : serial(r.end)]),
  );
  t.name('HireDates', ws, top + 1, 3, last, 3);
  t.name('EndDates', ws, top + 1, 4, last, 4);

  section(ws, m0 - 1, 1, `Capacity by month (the ${months} months from the plan start)`);
  label(ws, m0, 1, 'Month of the plan', true);
  for (let j = 0; j < months; j++) {
    const c = ws.getCell(m0, 2 + j);
    c.value = j + 1;
    c.font = { bold: true };
    c.numFmt = FMT.int;
  }
  label(ws, m0 + 1, 1, 'Month', true);
  for (let j = 0; j < months; j++) output(ws, m0 + 1, 2 + j, `EDATE(PlanStart,${colName(2 + j)}$${m0}-1)`, FMT.month);
  t.name('Months', ws, m0 + 1, 2, m0 + 1, 1 + months);
  const lastCol = colName(1 + months);
  label(ws, m0 + 2, 1, 'Expected ramped rep equivalents (RRE)');
  arrayFormula(ws, m0 + 2, 2, 1, months, `SALESOPS.RRE.BYMONTH(HireDates,${t.ref('Months', ws)},Ramp,Attrition,EndDates)`, new Array(months).fill(FMT.number));
  label(ws, m0 + 3, 1, 'Capacity (RRE x productivity / months per year)');
  for (let j = 0; j < months; j++) output(ws, m0 + 3, 2 + j, `${colName(2 + j)}${m0 + 2}*Productivity/MonthsPerYear`, FMT.money);
  label(ws, m0 + 4, 1, 'Cumulative capacity');
  for (let j = 0; j < months; j++) output(ws, m0 + 4, 2 + j, `SUM($B${m0 + 3}:${colName(2 + j)}${m0 + 3})`, FMT.money);

  const s0 = m0 + 6;
  section(ws, s0, 1, 'Summary');
  const summary: [string, string, string][] = [
    ['Capacity for the plan period (SALESOPS.CAPACITY)', 'SALESOPS.CAPACITY(HireDates,Productivity,Ramp,PlanStart,PlanEnd,Attrition,EndDates)', FMT.money],
    ['Sum of the monthly capacity (check: equals the line above)', `SUM(B${m0 + 3}:${lastCol}${m0 + 3})`, FMT.money],
    ['Gap to target (target - capacity)', `Target-B${s0 + 1}`, FMT.money],
    ['Capacity as a share of the target', `B${s0 + 1}/Target`, FMT.pct1],
    ['Additional reps needed, hired at the plan start (SALESOPS.HEADCOUNT)', `SALESOPS.HEADCOUNT(Target,Productivity,Ramp,PlanMonths,Attrition,B${s0 + 1})`, FMT.int],
    ['Expected RRE in the last month of the plan', `${lastCol}${m0 + 2}`, FMT.number],
  ];
  summary.forEach(([text, f, fmt], i) => {
    label(ws, s0 + 1 + i, 1, text);
    output(ws, s0 + 1 + i, 2, f, fmt);
  });
  t.name('Capacity', ws, s0 + 1, 2);
  t.name('RepsNeeded', ws, s0 + 5, 2);
  return t;
}

function colName(c: number): string {
  return absRange(1, c, 1, c).replace(/\$|1$/g, '');
}

// ---------------------------------------------------------------------------------------------- Quota plan

export const QUOTA_INPUTS = {
  target: 10_000_000,
  overassignment: 0.2,
  roundTo: 1000,
  territories: [
    { territory: 'New York', region: 'East', prior: 1_450_000 },
    { territory: 'Boston', region: 'East', prior: 980_000 },
    { territory: 'Atlanta', region: 'East', prior: 760_000 },
    { territory: 'Chicago', region: 'Central', prior: 1_210_000 },
    { territory: 'Dallas', region: 'Central', prior: 890_000 },
    { territory: 'Denver', region: 'West', prior: 640_000 },
    { territory: 'San Francisco', region: 'West', prior: 1_530_000 },
    { territory: 'Seattle', region: 'West', prior: 840_000 },
  ],
  seasonality: [6, 7, 9, 7, 8, 9, 6, 6, 9, 9, 10, 14],
};

function quotaPlan(): Template {
  const t = new Template();
  const ws = t.sheet('Quota', [30, 14, 18, 16, 4, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12]);
  const I = QUOTA_INPUTS;
  heading(ws, 'Quota plan', [
    'edit the yellow cells; quota to assign = target x (1 + over-assignment), split in proportion to each territory\u2019s prior-year bookings.',
    'Seasonality weights phase the assigned quota by month; the org rollup adds each territory\u2019s quota up to its region and the company.',
    'Allocated quotas are rounded to the "Round to" step and still add up exactly to the rounded total (largest remainder).',
  ]);
  section(ws, 6, 1, 'Inputs');
  const inputs: [string, string, Scalar, string][] = [
    ['Company bookings target', 'Target', I.target, FMT.money],
    ['Over-assignment (quota above the target)', 'OverAssignment', I.overassignment, FMT.pct],
    ['Round each quota to', 'RoundTo', I.roundTo, FMT.money],
  ];
  inputs.forEach(([text, name, value, fmt], i) => {
    label(ws, 7 + i, 1, text);
    input(ws, 7 + i, 2, value, fmt);
    t.name(name, ws, 7 + i, 2);
  });

  const top = 12;
  section(ws, top - 1, 1, 'Allocation by territory (prior-year bookings are the weights)');
  table(
    ws,
    'tblTerritories',
    top,
    1,
    [{ name: 'Territory', input: true }, { name: 'Region', input: true }, { name: 'Prior-year bookings', fmt: FMT.money, input: true }],
    I.territories.map((x) => [x.territory, x.region, x.prior]),
  );
  const n = I.territories.length;
  const last = top + n;
  t.name('Weights', ws, top + 1, 3, last, 3);
  headers(ws, top, 4, ['Allocated quota']);
  arrayFormula(ws, top + 1, 4, n, 1, `SALESOPS.QUOTA.ALLOCATE(Target,${t.ref('Weights', ws)},OverAssignment,RoundTo)`, [FMT.money]);
  t.name('Allocated', ws, top + 1, 4, last, 4);
  label(ws, last + 1, 1, 'Total assigned quota', true);
  output(ws, last + 1, 4, 'SUM(Allocated)', FMT.money);
  label(ws, last + 2, 1, 'Target x (1 + over-assignment) (check)');
  output(ws, last + 2, 4, 'Target*(1+OverAssignment)', FMT.money);
  label(ws, last + 3, 1, 'Attainment factor needed (target / assigned)');
  output(ws, last + 3, 4, `Target/D${last + 1}`, FMT.pct1);

  const p0 = last + 5;
  section(ws, p0, 1, 'Seasonality: monthly phasing of the assigned quota');
  label(ws, p0 + 1, 1, 'Month');
  I.seasonality.forEach((_, j) => {
    const c = ws.getCell(p0 + 1, 6 + j);
    c.value = new Date(Date.UTC(2026, j, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    c.font = { bold: true };
  });
  label(ws, p0 + 2, 1, 'Seasonality weight (share of the year, %)');
  I.seasonality.forEach((w, j) => input(ws, p0 + 2, 6 + j, w, FMT.int));
  t.name('Seasonality', ws, p0 + 2, 6, p0 + 2, 17);
  label(ws, p0 + 3, 1, 'Assigned quota by month');
  arrayFormula(ws, p0 + 3, 6, 1, 12, `SALESOPS.QUOTA.PHASE(D${last + 1},${t.ref('Seasonality', ws)})`, new Array(12).fill(FMT.money));
  label(ws, p0 + 4, 1, 'Sum of the months (check)');
  output(ws, p0 + 4, 6, `SUM(F${p0 + 3}:Q${p0 + 3})`, FMT.money);

  const r0 = p0 + 7;
  section(ws, r0 - 1, 1, 'Org rollup (each row: its own quota plus everything below it)');
  headers(ws, r0, 1, ['Id', 'Parent', 'Own quota', 'Rollup']);
  const regions = [...new Set(I.territories.map((x) => x.region))];
  const org: [string, string, string | number][] = [['Company', '', 0], ...regions.map((r): [string, string, number] => [r, 'Company', 0])];
  I.territories.forEach((x, i) => org.push([x.territory, x.region, `D${top + 1 + i}`]));
  org.forEach(([id, parent, own], i) => {
    input(ws, r0 + 1 + i, 1, id);
    input(ws, r0 + 1 + i, 2, parent || null);
    if (typeof own === 'string') output(ws, r0 + 1 + i, 3, own, FMT.money);
    else input(ws, r0 + 1 + i, 3, own, FMT.money);
  });
  const rl = r0 + org.length;
  arrayFormula(ws, r0 + 1, 4, org.length, 1, `SALESOPS.QUOTA.ROLLUP(A${r0 + 1}:A${rl},B${r0 + 1}:B${rl},C${r0 + 1}:C${rl})`, [FMT.money]);
  t.name('Rollup', ws, r0 + 1, 4, rl, 4);
  return t;
}

// ---------------------------------------------------------------------------------------------- Pipeline review

function pipelineReview(): Template {
  const t = new Template();
  const ws = t.sheet('Pipeline', [46, 16, 14, 16, 16, 4, 14, 14, 14, 14, 4, 26, 12, 10, 10, 4, 16, 12, 10, 10]);
  const data = t.sheet('Deals', [12, 20, 15, 22, 12, 12, 12, 12, 12, 12, 14, 14]);
  const I = PIPELINE_INPUTS;
  const deals = crmDeals();
  const prices = listPrices();
  const teams = readCsv('sales_teams.csv');

  // Deals sheet: the CRM pipeline (Maven Analytics, public domain) plus derived columns.
  heading(data, 'Deals (Maven Analytics CRM sample, public domain; 8,800 opportunities, Oct 2016 - Dec 2017)', [
    'Amount is the close value of a won deal and the product\u2019s list price otherwise (open deals carry no value in the source).',
    'Probability, Forecast category and Furthest stage follow the stage table on the Pipeline sheet (a lost deal had been engaged).',
  ]);
  const top = 5;
  const rows = deals.map((d, i) => {
    const r = top + 1 + i;
    return [
      d.id,
      d.agent,
      d.product,
      d.account || null,
      d.stage,
      d.engage ? serial(d.engage) : null,
      d.close ? serial(d.close) : null,
      d.closeValue,
      dealAmount(d, prices),
      { formula: `VLOOKUP(E${r},StageTable,2,FALSE)` },
      { formula: `VLOOKUP(E${r},StageTable,3,FALSE)` },
      { formula: `IF(E${r}="Lost",IF(F${r}="","Prospecting","Engaging"),E${r})` },
    ];
  });
  table(
    data,
    'tblDeals',
    top,
    1,
    [
      { name: 'Opportunity' },
      { name: 'Agent' },
      { name: 'Product' },
      { name: 'Account' },
      { name: 'Stage' },
      { name: 'Engage date', fmt: FMT.date },
      { name: 'Close date', fmt: FMT.date },
      { name: 'Close value', fmt: FMT.money },
      { name: 'Amount', fmt: FMT.money },
      { name: 'Probability', fmt: FMT.pct },
      { name: 'Forecast category' },
      { name: 'Furthest stage' },
    ],
    rows,
  );
  const first = top + 1;
  const last = top + deals.length;
  // The derived columns as shared formulas (one master per column): a fraction of the file size of 26,400 formulas.
  for (let r = first + 1; r <= last; r++) for (const c of [10, 11, 12]) data.getCell(r, c).value = { sharedFormula: `${colName(c)}${first}` } as ExcelJS.CellSharedFormulaValue;
  const col = (name: string, c: number) => t.name(name, data, first, c, last, c);
  col('Agent', 2);
  col('Product', 3);
  col('Stage', 5);
  col('EngageDate', 6);
  col('CloseDate', 7);
  col('Amount', 9);
  col('Probability', 10);
  col('Category', 11);
  col('Furthest', 12);

  heading(ws, 'Pipeline review', [
    'the deals are on the Deals sheet; edit the yellow cells (stage probabilities and categories, quota, simulation, periods, agent quota).',
    'Expected bookings count won deals at 100% and open deals at their stage probability; coverage = open pipeline / (quota - closed).',
    'Historical win probability (SALESOPS.STAGEPROB) shows what the data says each stage is worth: use it to set the stage table.',
  ]);
  section(ws, 6, 1, 'Inputs: stage table');
  table(
    ws,
    'tblStages',
    7,
    1,
    [{ name: 'Stage', input: true }, { name: 'Win probability', fmt: FMT.pct, input: true }, { name: 'Forecast category', input: true }],
    PIPELINE_STAGES.map((s) => [s.stage, s.probability, s.category]),
  );
  t.name('StageProb', ws, 8, 1, 11, 2);
  t.name('StageTable', ws, 8, 1, 11, 3);
  headers(ws, 7, 5, ['Funnel order']);
  ['Prospecting', 'Engaging', 'Won'].forEach((s, i) => input(ws, 8 + i, 5, s));
  t.name('StageOrder', ws, 8, 5, 10, 5);
  headers(ws, 7, 7, ['Stage', 'Historical win probability', 'Won', 'Closed']);
  arrayFormula(ws, 8, 7, 3, 4, `SALESOPS.STAGEPROB(Furthest,Stage,${t.ref('StageOrder', ws)})`, [undefined, FMT.pct1, FMT.int, FMT.int]);

  section(ws, 13, 1, 'Inputs');
  const inputs: [string, string, Scalar, string][] = [
    ['Bookings quota for the period', 'Quota', I.quota, FMT.money],
    ['Monte Carlo trials', 'Trials', I.trials, FMT.int],
    ['Monte Carlo seed (same seed, same result)', 'Seed', I.seed, FMT.int],
    ['Annual quota per agent', 'AgentQuota', I.agentQuota, FMT.money],
    ['Previous period start', 'PrevStart', serial(I.prevStart), FMT.date],
    ['Previous period end', 'PrevEnd', serial(I.prevEnd), FMT.date],
    ['Current period start', 'CurStart', serial(I.curStart), FMT.date],
    ['Current period end', 'CurEnd', serial(I.curEnd), FMT.date],
  ];
  inputs.forEach(([text, name, value, fmt], i) => {
    label(ws, 14 + i, 1, text);
    input(ws, 14 + i, 2, value, fmt);
    t.name(name, ws, 14 + i, 2);
  });
  headers(ws, 13, 4, ['Percentiles']);
  [0.1, 0.5, 0.9].forEach((p, i) => input(ws, 14 + i, 4, p, FMT.pct));
  t.name('Percentiles', ws, 14, 4, 16, 4);

  const o = 24;
  section(ws, o - 1, 1, 'Pipeline');
  const kpis: [string, string, string][] = [
    ['Opportunities', 'COUNTA(Stage)', FMT.int],
    ['Expected bookings: won + weighted open pipeline (SALESOPS.WEIGHTEDPIPE)', 'SALESOPS.WEIGHTEDPIPE(Amount,Stage,StageProb)', FMT.money],
    ['Won bookings', 'SUMIFS(Amount,Stage,"Won")', FMT.money],
    ['Weighted open pipeline', `B${o + 1}-B${o + 2}`, FMT.money],
    ['Open pipeline (forecast)', `E${o + 3}`, FMT.money],
    ['Coverage of the remaining quota (SALESOPS.COVERAGE)', `SALESOPS.COVERAGE(B${o + 4},Quota,B${o + 2})`, '0.00"x"'],
    ['Win rate, won / (won + lost) (SALESOPS.WINRATE)', 'SALESOPS.WINRATE(Stage)', FMT.pct1],
    ['Coverage needed at this win rate (1 / win rate)', `1/B${o + 6}`, '0.00"x"'],
  ];
  kpis.forEach(([text, f, fmt], i) => {
    label(ws, o + i, 1, text);
    output(ws, o + i, 2, f, fmt);
  });
  headers(ws, o - 1, 4, ['Forecast category', 'Amount']);
  arrayFormula(ws, o, 4, 5, 2, 'SALESOPS.FORECAST(Amount,Category,Quota)', [undefined, FMT.money]);
  headers(ws, o - 1, 7, ['Stage', 'Reached', 'To next', 'From first']);
  arrayFormula(ws, o, 7, 3, 4, `SALESOPS.FUNNEL(Furthest,${t.ref('StageOrder', ws)})`, [undefined, FMT.int, FMT.pct1, FMT.pct1]);
  headers(ws, o - 1, 12, ['Monte Carlo: percentile', 'Bookings']);
  arrayFormula(ws, o, 12, 3, 2, `SALESOPS.FORECAST.MONTECARLO(Amount,Probability,${t.ref('Percentiles', ws)},Trials,Seed)`, [FMT.pct, FMT.money]);
  label(ws, o + 4, 12, 'Won deals count at 100%, lost at 0%: the range is the open pipeline\u2019s.');

  // Team performance (issue 11): per agent, with win rates per agent and per product in columns that stay empty below.
  const p = o + 10;
  section(ws, p, 1, 'Team performance');
  const perf: [string, string, string][] = [
    ['Sales cycle of won deals, days (SALESOPS.CYCLELENGTH)', 'SALESOPS.CYCLELENGTH(EngageDate,CloseDate,Stage)', FMT.days],
    ['Quota achievement rate: agents at or above quota (SALESOPS.QUOTAHIT)', `SALESOPS.QUOTAHIT(E${p + 5}:E${p + 4 + teams.length})`, FMT.pct1],
    ['Agents at or above quota', `COUNTIF(E${p + 5}:E${p + 4 + teams.length},">=1")`, FMT.int],
  ];
  perf.forEach(([text, f, fmt], i) => {
    label(ws, p + 1 + i, 1, text);
    output(ws, p + 1 + i, 2, f, fmt);
  });
  const a0 = p + 4;
  const agentRows = teams.map((tm, i) => {
    const r = a0 + 1 + i;
    return [
      tm.sales_agent,
      tm.manager,
      tm.regional_office,
      { formula: `SUMIFS(Amount,Agent,A${r},Stage,"Won")` },
      { formula: `D${r}/AgentQuota` },
      { formula: `SUMIFS(Amount,Agent,A${r},Stage,"Won",CloseDate,">="&PrevStart,CloseDate,"<="&PrevEnd)` },
      { formula: `SUMIFS(Amount,Agent,A${r},Stage,"Won",CloseDate,">="&CurStart,CloseDate,"<="&CurEnd)` },
    ];
  });
  table(
    ws,
    'tblAgents',
    a0,
    1,
    [
      { name: 'Agent' },
      { name: 'Manager' },
      { name: 'Office' },
      { name: 'Won bookings', fmt: FMT.money },
      { name: 'Attainment', fmt: FMT.pct },
      { name: 'Previous period', fmt: FMT.money },
      { name: 'Current period', fmt: FMT.money },
    ],
    agentRows,
  );
  const al = a0 + teams.length;
  headers(ws, a0, 9, ['Quadrant']);
  arrayFormula(ws, a0 + 1, 9, teams.length, 1, `SALESOPS.QUADRANT(G${a0 + 1}:G${al},F${a0 + 1}:F${al})`);
  ws.getColumn(9).width = 22;
  const agentsWithDeals = new Set(deals.map((d) => d.agent)).size;
  const productCount = new Set(deals.map((d) => d.product)).size;
  headers(ws, a0, 12, ['Win rate by agent', 'Win rate', 'Won', 'Lost']);
  arrayFormula(ws, a0 + 1, 12, agentsWithDeals, 4, `SALESOPS.WINRATE.BY(${t.ref('Agent', ws)},Stage)`, [undefined, FMT.pct1, FMT.int, FMT.int]);
  headers(ws, a0, 17, ['Win rate by product', 'Win rate', 'Won', 'Lost']);
  arrayFormula(ws, a0 + 1, 17, productCount, 4, `SALESOPS.WINRATE.BY(${t.ref('Product', ws)},Stage)`, [undefined, FMT.pct1, FMT.int, FMT.int]);
  return t;
}

// ---------------------------------------------------------------------------------------------- Comp plan

export const COMP_INPUTS = {
  tiers: [
    [0, 0.08],
    [1, 0.12],
    [1.2, 0.15],
  ],
  method: 'marginal',
  cap: 60_000,
  guarantee: 2_500,
  chosenRep: 'Dana Ortiz',
  reps: [
    { rep: 'Ari Lopez', quota: 400_000, bookings: 310_000 },
    { rep: 'Bea Novak', quota: 400_000, bookings: 452_000 },
    { rep: 'Dana Ortiz', quota: 450_000, bookings: 540_000 },
    { rep: 'Eli Brooks', quota: 350_000, bookings: 198_000 },
    { rep: 'Gus Hale', quota: 500_000, bookings: 505_000 },
    { rep: 'Kim Sato', quota: 300_000, bookings: 560_000 },
  ],
  monthly: [12_000, 18_000, 55_000, 20_000, 26_000, 64_000, 30_000, 22_000, 71_000, 41_000, 58_000, 123_000],
};

function compPlan(): Template {
  const t = new Template();
  const ws = t.sheet('Comp', [40, 16, 16, 16, 16, 16, 14, 14, 14, 14]);
  const I = COMP_INPUTS;
  heading(ws, 'Comp plan', [
    'edit the yellow cells: tier floors are attainment (100% = quota) and ascending from 0%; each slice of bookings earns its tier\u2019s rate ("marginal"), or all bookings earn the highest tier reached ("retro").',
    'Tiers above 100% are accelerators; the cap limits the payout. Pick a rep in "Rep to explain" for a line-by-line calculation.',
    'The draw block tops each month up to the guarantee and recovers the draw from later earnings above it (recoverable draw).',
  ]);
  section(ws, 6, 1, 'Inputs: commission tiers');
  table(ws, 'tblTiers', 7, 1, [{ name: 'Attainment floor', fmt: FMT.pct, input: true }, { name: 'Rate', fmt: FMT.pct1, input: true }], I.tiers);
  t.name('Tiers', ws, 8, 1, 7 + I.tiers.length, 2);
  const i0 = 8 + I.tiers.length + 1;
  const inputs: [string, string, Scalar, string | undefined][] = [
    ['Method ("marginal" or "retro")', 'Method', I.method, undefined],
    ['Payout cap per rep', 'Cap', I.cap, FMT.money],
    ['Monthly guarantee (draw)', 'Guarantee', I.guarantee, FMT.money],
    ['Rep to explain', 'ChosenRep', I.chosenRep, undefined],
  ];
  inputs.forEach(([text, name, value, fmt], i) => {
    label(ws, i0 + i, 1, text);
    input(ws, i0 + i, 2, value, fmt);
    t.name(name, ws, i0 + i, 2);
  });
  ws.getCell(i0, 2).dataValidation = { type: 'list', allowBlank: false, formulae: ['"marginal,retro"'] };

  const r0 = i0 + inputs.length + 2;
  section(ws, r0 - 1, 1, 'Commission per rep (annual quota, bookings to date)');
  const repRows = I.reps.map((r, i) => {
    const row = r0 + 1 + i;
    return [r.rep, r.quota, r.bookings, { formula: `C${row}/B${row}` }, { formula: `SALESOPS.COMMISSION(C${row},B${row},Tiers,Method,Cap)` }];
  });
  table(
    ws,
    'tblCompReps',
    r0,
    1,
    [
      { name: 'Rep', input: true },
      { name: 'Quota', fmt: FMT.money, input: true },
      { name: 'Bookings', fmt: FMT.money, input: true },
      { name: 'Attainment', fmt: FMT.pct },
      { name: 'Commission', fmt: FMT.money },
    ],
    repRows,
  );
  const rl = r0 + I.reps.length;
  t.name('RepNames', ws, r0 + 1, 1, rl, 1);
  t.name('RepQuotas', ws, r0 + 1, 2, rl, 2);
  t.name('RepBookings', ws, r0 + 1, 3, rl, 3);
  ws.getCell(i0 + 3, 2).dataValidation = { type: 'list', allowBlank: false, formulae: [`$A$${r0 + 1}:$A$${rl}`] };
  label(ws, rl + 1, 1, 'Total commission', true);
  output(ws, rl + 1, 5, `SUM(E${r0 + 1}:E${rl})`, FMT.money);

  const e0 = rl + 4;
  section(ws, e0 - 2, 1, 'Explanation for the rep to explain (SALESOPS.COMMISSION.EXPLAIN)');
  label(ws, e0 - 1, 1, 'Quota of the rep to explain');
  output(ws, e0 - 1, 2, 'INDEX(RepQuotas,MATCH(ChosenRep,RepNames,0))', FMT.money);
  label(ws, e0 - 1, 3, 'Bookings');
  output(ws, e0 - 1, 4, 'INDEX(RepBookings,MATCH(ChosenRep,RepNames,0))', FMT.money);
  t.name('ChosenQuota', ws, e0 - 1, 2);
  t.name('ChosenBookings', ws, e0 - 1, 4);
  // Title row + one row per tier + the cap row + the total: rows(tiers) + 3.
  arrayFormula(ws, e0, 1, I.tiers.length + 3, 6, `SALESOPS.COMMISSION.EXPLAIN(ChosenBookings,ChosenQuota,${t.ref('Tiers', ws)},Method,Cap)`, [undefined, FMT.money, FMT.money, FMT.money, FMT.pct1, FMT.money]);

  const d0 = e0 + I.tiers.length + 3 + 3;
  section(ws, d0 - 1, 1, 'Monthly draw for the rep to explain: enter the monthly bookings');
  headers(ws, d0, 1, ['Month', 'Bookings', 'Commission earned YTD', 'Earned this month', '', 'Draw', 'Recovery', 'Balance to recover', 'Payout']);
  I.monthly.forEach((b, j) => {
    const r = d0 + 1 + j;
    ws.getCell(r, 1).value = new Date(Date.UTC(2026, j, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' }) + ' 2026';
    input(ws, r, 2, b, FMT.money);
    output(ws, r, 3, `SALESOPS.COMMISSION(B$${d0 + 1}:B${r},ChosenQuota,Tiers,Method,Cap)`, FMT.money);
    // C of the row above is the header text on the first month: N() makes it 0, one formula for every month.
    output(ws, r, 4, `C${r}-N(C${r - 1})`, FMT.money);
  });
  const dl = d0 + I.monthly.length;
  arrayFormula(ws, d0 + 1, 6, I.monthly.length, 4, `SALESOPS.DRAW(D${d0 + 1}:D${dl},Guarantee)`, [FMT.money, FMT.money, FMT.money, FMT.money]);
  label(ws, dl + 1, 1, 'Total', true);
  output(ws, dl + 1, 4, `SUM(D${d0 + 1}:D${dl})`, FMT.money);
  output(ws, dl + 1, 9, `SUM(I${d0 + 1}:I${dl})`, FMT.money);
  return t;
}

// ---------------------------------------------------------------------------------------------- Lead scoring

export const LEAD_INPUTS = {
  fitRules: [
    ['employees >= 200', 15, 'Size', 25],
    ['employees >= 1000', 10, 'Size', 25],
    ['oneOf(country, "US", "CA", "GB")', 15, 'Region', ''],
    ['contains(job_title, "VP") or contains(job_title, "Director") or contains(job_title, "Head")', 25, 'Persona', ''],
    ['industry == "Education"', -20, 'Industry', ''],
  ] as (string | number)[][],
  engagementRules: [
    ['pricing_visits > 0', 15, 'Web', ''],
    ['email_opens', 2, 'Email', 20],
    ['email_clicks', 5, 'Email', 20],
    ['webinar == "Yes"', 10, 'Events', ''],
    ['bad_email', -25, 'Quality', ''],
  ] as (string | number)[][],
  scoreLimit: 100,
  fitThresholds: [50, 25],
  engagementThresholds: [40, 20],
  mqlScore: 60,
  headers: ['Lead', 'Company', 'Country', 'Employees', 'Industry', 'Job title', 'Pricing visits', 'Email opens', 'Email clicks', 'Webinar', 'Bad email'],
  leads: [
    ['L-001', 'Northwind Traders', 'US', 1200, 'Retail', 'VP Sales', 3, 6, 2, 'Yes', false],
    ['L-002', 'Contoso Health', 'CA', 450, 'Healthcare', 'Sales Ops Analyst', 0, 2, 0, 'No', false],
    ['L-003', 'Fabrikam Labs', 'DE', 80, 'Manufacturing', 'Head of RevOps', 1, 9, 4, 'No', false],
    ['L-004', 'Tailspin Toys', 'GB', 260, 'Retail', 'Marketing Manager', 0, 1, 0, 'No', false],
    ['L-005', 'Wide World Importers', 'US', 3400, 'Logistics', 'Director of Sales', 2, 3, 1, 'Yes', false],
    ['L-006', 'Adventure Works U', 'US', 2200, 'Education', 'IT Director', 0, 4, 1, 'No', false],
    ['L-007', 'Blue Yonder Air', 'FR', 150, 'Travel', 'Student', 0, 0, 0, 'No', true],
    ['L-008', 'Coho Vineyard', 'US', 35, 'Food', 'Owner', 4, 12, 6, 'Yes', false],
    ['L-009', 'Litware Inc', 'CA', 980, 'Software', 'VP Engineering', 0, 1, 0, 'No', false],
    ['L-010', 'Proseware', 'IN', 600, 'Software', 'Sales Director', 2, 5, 3, 'Yes', false],
    ['L-011', 'Woodgrove Bank', 'GB', 5200, 'Finance', 'Analyst', 1, 2, 1, 'No', false],
    ['L-012', 'Lucerne Publishing', 'US', 120, 'Media', 'Head of Growth', 0, 7, 2, 'No', true],
  ] as (string | number | boolean)[][],
};

function leadScoring(): Template {
  const t = new Template();
  const ws = t.sheet('Leads', [16, 22, 10, 12, 15, 20, 14, 12, 12, 10, 10, 3, 12, 14, 12, 10, 8]);
  const I = LEAD_INPUTS;
  heading(ws, 'Lead scoring', [
    'edit the yellow rules and the lead list (synthetic sample leads); criteria use the lead columns by header (lower case, spaces as _).',
    'A TRUE criterion earns its points once; a number earns points x that number; a group limit caps the group; a lead matching nothing scores 0.',
    'Grade = fit letter (A at or above the first fit threshold) + engagement digit (1 at or above the first engagement threshold); MQL = score and grade.',
  ]);
  const ruleCols = [{ name: 'Criterion', input: true }, { name: 'Points', input: true }, { name: 'Group', input: true }, { name: 'Group limit', input: true }];
  section(ws, 6, 1, 'Inputs: fit rules (who the lead is)');
  const blank = (r: (string | number)[]) => r.map((v) => (v === '' ? null : v));
  table(ws, 'tblFitRules', 7, 1, ruleCols, I.fitRules.map(blank));
  const f1 = 8;
  const fl = 7 + I.fitRules.length;
  t.name('FitRules', ws, f1, 1, fl, 4);
  const e0 = fl + 2;
  section(ws, e0, 1, 'Inputs: engagement rules (what the lead did)');
  table(ws, 'tblEngagementRules', e0 + 1, 1, ruleCols, I.engagementRules.map(blank));
  const el = e0 + 1 + I.engagementRules.length;
  t.name('EngagementRules', ws, e0 + 2, 1, el, 4);
  ws.getColumn(1).width = 16;

  // Thresholds to the right of the rules.
  const inputs: [string, string, number, string][] = [
    ['Score limit', 'ScoreLimit', I.scoreLimit, FMT.int],
    ['MQL score at least', 'MqlScore', I.mqlScore, FMT.int],
  ];
  inputs.forEach(([text, name, value, fmt], i) => {
    label(ws, 7 + i, 6, text);
    input(ws, 7 + i, 7, value, fmt);
    t.name(name, ws, 7 + i, 7);
  });
  label(ws, 9, 6, 'Fit thresholds (A, B)');
  I.fitThresholds.forEach((v, j) => input(ws, 9, 7 + j, v, FMT.int));
  t.name('FitThresholds', ws, 9, 7, 9, 6 + I.fitThresholds.length);
  label(ws, 10, 6, 'Engagement thresholds (1, 2)');
  I.engagementThresholds.forEach((v, j) => input(ws, 10, 7 + j, v, FMT.int));
  t.name('EngagementThresholds', ws, 10, 7, 10, 6 + I.engagementThresholds.length);

  const l0 = el + 3;
  section(ws, l0 - 1, 1, 'Lead list (scores, grade and MQL to the right)');
  table(ws, 'tblLeads', l0, 1, I.headers.map((h) => ({ name: h, input: true })), I.leads);
  const n = I.leads.length;
  const ll = l0 + n;
  const lastCol = I.headers.length;
  t.name('LeadHeaders', ws, l0, 1, l0, lastCol);
  t.name('LeadRows', ws, l0 + 1, 1, ll, lastCol);
  const o = lastCol + 2;
  headers(ws, l0, o, ['Fit score', 'Engagement', 'Score', 'Grade', 'MQL']);
  arrayFormula(ws, l0 + 1, o, n, 1, `SALESOPS.LEADSCORE(LeadHeaders,${t.ref('LeadRows', ws)},FitRules)`, [FMT.int]);
  arrayFormula(ws, l0 + 1, o + 1, n, 1, `SALESOPS.LEADSCORE(LeadHeaders,${t.ref('LeadRows', ws)},EngagementRules)`, [FMT.int]);
  const c = (k: number) => colName(o + k);
  for (let i = 0; i < n; i++) {
    const r = l0 + 1 + i;
    output(ws, r, o + 2, `MIN(${c(0)}${r}+${c(1)}${r},ScoreLimit)`, FMT.int);
    output(ws, r, o + 4, `AND(${c(2)}${r}>=MqlScore,LEFT(${c(3)}${r},1)<>"C")`);
  }
  arrayFormula(ws, l0 + 1, o + 3, n, 1, `SALESOPS.LEADGRADE(${c(0)}${l0 + 1}:${c(0)}${ll},${c(1)}${l0 + 1}:${c(1)}${ll},FitThresholds,EngagementThresholds)`);
  label(ws, ll + 2, 1, 'MQLs', true);
  output(ws, ll + 2, 2, `COUNTIF(${c(4)}${l0 + 1}:${c(4)}${ll},TRUE)`, FMT.int);
  return t;
}

// ---------------------------------------------------------------------------------------------- Territory plan

/** Each account's current owner: the agent with the most won value on it (ties: the first by name). */
export function currentOwners(deals: CrmDeal[]): Map<string, string> {
  const won = new Map<string, Map<string, number>>();
  for (const d of deals) {
    if (d.stage !== 'Won' || !d.account) continue;
    const m = won.get(d.account) ?? new Map<string, number>();
    m.set(d.agent, (m.get(d.agent) ?? 0) + (d.closeValue ?? 0));
    won.set(d.account, m);
  }
  const out = new Map<string, string>();
  for (const [account, m] of won) {
    const best = [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    out.set(account, best[0]);
  }
  return out;
}

export const TERRITORY_INPUTS = { tolerance: 0.1 };

function territoryPlan(): Template {
  const t = new Template();
  const ws = t.sheet('Territory', [22, 12, 3, 14, 12, 12, 12, 3, 14, 12, 12, 12, 3, 12]);
  const acc = t.sheet('Accounts', [24, 14, 12, 14, 12, 18, 22]);
  const accounts = readCsv('accounts.csv');
  const teams = readCsv('sales_teams.csv');
  const owners = currentOwners(crmDeals());

  heading(acc, 'Accounts (Maven Analytics CRM sample, public domain)', [
    'Current owner is the agent with the most won value on the account in the pipeline data; edit the yellow owners to try an alignment.',
  ]);
  const top = 4;
  table(
    acc,
    'tblAccounts',
    top,
    1,
    [
      { name: 'Account' },
      { name: 'Sector' },
      { name: 'Established' },
      { name: 'Revenue ($M)', fmt: FMT.number },
      { name: 'Employees', fmt: '#,##0' },
      { name: 'Office location' },
      { name: 'Current owner', input: true },
    ],
    accounts.map((a) => [a.account, a.sector, Number(a.year_established), Number(a.revenue), Number(a.employees), a.office_location, owners.get(a.account) ?? null]),
  );
  const last = top + accounts.length;
  t.name('Owners', acc, top + 1, 7, last, 7);
  t.name('Revenue', acc, top + 1, 4, last, 4);
  t.name('Employees', acc, top + 1, 5, last, 5);

  heading(ws, 'Territory plan', [
    'the accounts and their current owners are on the Accounts sheet; loads update live as you edit owners or capacity weights.',
    'Share = the rep\u2019s part of the total; target share = the rep\u2019s capacity weight / all weights; deviation = share / target - 1.',
    'The Territory tab of the add-in proposes a balanced alignment within the tolerance.',
  ]);
  label(ws, 6, 1, 'Tolerance (largest acceptable deviation)');
  input(ws, 6, 4, TERRITORY_INPUTS.tolerance, FMT.pct);
  t.name('Tolerance', ws, 6, 4);
  const r0 = 9;
  section(ws, r0 - 1, 1, 'Reps');
  table(ws, 'tblTerritoryReps', r0, 1, [{ name: 'Rep', input: true }, { name: 'Capacity weight', fmt: FMT.number, input: true }], teams.map((tm) => [tm.sales_agent, 1]));
  const rl = r0 + teams.length;
  t.name('Reps', ws, r0 + 1, 1, rl, 1);
  t.name('RepWeights', ws, r0 + 1, 2, rl, 2);
  section(ws, r0 - 1, 4, 'Revenue load');
  headers(ws, r0, 4, ['Revenue ($M)', 'Share', 'Target', 'Deviation']);
  arrayFormula(ws, r0 + 1, 4, teams.length, 4, `SALESOPS.TERRITORY.LOAD(Owners,Revenue,${t.ref('Reps', ws)},RepWeights)`, [FMT.number, FMT.pct1, FMT.pct1, FMT.pct1]);
  section(ws, r0 - 1, 9, 'Employee load');
  headers(ws, r0, 9, ['Employees', 'Share', 'Target', 'Deviation']);
  arrayFormula(ws, r0 + 1, 9, teams.length, 4, `SALESOPS.TERRITORY.LOAD(Owners,Employees,${t.ref('Reps', ws)},RepWeights)`, ['#,##0', FMT.pct1, FMT.pct1, FMT.pct1]);
  headers(ws, r0, 14, ['Accounts']);
  for (let i = 0; i < teams.length; i++) output(ws, r0 + 1 + i, 14, `COUNTIF(Owners,A${r0 + 1 + i})`, FMT.int);

  const s0 = rl + 2;
  section(ws, s0, 1, 'Balance');
  const summary: [string, string, string][] = [
    ['Largest revenue deviation', `MAX(G${r0 + 1}:G${rl})`, FMT.pct1],
    ['Smallest revenue deviation', `MIN(G${r0 + 1}:G${rl})`, FMT.pct1],
    ['Reps outside the tolerance (revenue)', `COUNTIF(G${r0 + 1}:G${rl},">"&Tolerance)+COUNTIF(G${r0 + 1}:G${rl},"<"&-Tolerance)`, FMT.int],
    ['Reps outside the tolerance (employees)', `COUNTIF(L${r0 + 1}:L${rl},">"&Tolerance)+COUNTIF(L${r0 + 1}:L${rl},"<"&-Tolerance)`, FMT.int],
    ['Accounts without an owner', 'COUNTBLANK(Owners)', FMT.int],
  ];
  summary.forEach(([text, f, fmt], i) => {
    label(ws, s0 + 1 + i, 1, text);
    output(ws, s0 + 1 + i, 4, f, fmt);
  });
  return t;
}

// ---------------------------------------------------------------------------------------------- build

const BUILDERS: Record<string, () => Template> = {
  'capacity-plan': capacityPlan,
  'quota-plan': quotaPlan,
  'pipeline-review': pipelineReview,
  'comp-plan': compPlan,
  'lead-scoring': leadScoring,
  'territory-plan': territoryPlan,
};

/** Builds one template: exceljs workbook -> recalculated bytes; throws when a formula shows an error or a warning. */
export async function buildTemplate(id: string): Promise<Buffer> {
  const build = BUILDERS[id];
  if (!build) throw new Error(`unknown template '${id}'; known: ${Object.keys(BUILDERS).join(', ')}`);
  const raw = await build().bytes();
  const { output, cells, warnings } = await recalcXlsx(raw);
  const errors = cells.filter((c) => c.error || c.spill?.values.some((row) => row.some((v) => v !== null && typeof v === 'object')));
  if (errors.length || warnings.length) {
    const first = errors[0];
    throw new Error(
      `template '${id}': ${errors.length} formula(s) show an error${first ? ` (first ${first.sheet}!${first.address} ${first.formula}: ${first.error?.code ?? 'in its spill'} ${first.error?.message ?? ''})` : ''}; warnings: ${warnings.join('; ') || 'none'}`,
    );
  }
  // Fixed zip entry dates: the recalc's zip keeps exceljs's entries but stamps the patched sheets with now.
  const zip = await JSZip.loadAsync(output);
  const date = new Date(Date.UTC(2026, 0, 1));
  zip.forEach((_, f) => {
    f.date = date;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const t of TEMPLATES) {
    const bytes = await buildTemplate(t.id);
    const file = path.join(OUT_DIR, `${t.id}.xlsx`);
    fs.writeFileSync(file, bytes);
    console.log(`templates: ${t.title} -> ${path.relative(process.cwd(), file)} (${Math.round(bytes.length / 1024)} KB)`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`templates: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
