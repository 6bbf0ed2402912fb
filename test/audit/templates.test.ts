/**
 * `salesops audit` on the shipped templates (assets/templates/*.xlsx): a clean template gives no finding, and the
 * templates' sheet-scoped defined names are followed, so each SALESOPS cell reads its named inputs and gets its
 * explanation (COMMISSION.EXPLAIN lines, weighted pipeline by stage, RRE by month). Expected figures come from plain
 * loops over the templates' own input cells.
 */
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/audit';
import type { CliIO } from '../../src/cli/io';
import { readXlsx } from '../../src/xlsx/read';
import { type XlsxValue, type XlsxWorkbook } from '../../src/xlsx/types';
import type { AuditReport, InventoryItem } from '../../src/audit/types';
import { cellAddress, parseRange } from '../../src/workbook/a1';

const DIR = path.resolve(__dirname, '../../assets/templates');
const TEMPLATES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.xlsx'))
  .sort();

const reports = new Map<string, AuditReport>();
async function audit(file: string): Promise<AuditReport> {
  const hit = reports.get(file);
  if (hit) return hit;
  let out = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: () => undefined };
  expect(await run([path.join(DIR, file), '--json'], io)).toBe(0);
  const report = JSON.parse(out) as AuditReport;
  reports.set(file, report);
  return report;
}

interface FileCells {
  /** A cell's stored value (for a formula: the cached result) by sheet and A1 address. */
  value(sheet: string, address: string): XlsxValue;
  /** The values of a defined name's range (any scope), row by row. */
  named(name: string): XlsxValue[][];
  /** Formula cells as stored (without '='). */
  formulas: { sheet: string; address: string; formula: string }[];
}

/** The template read straight from the file (no engine, no audit), to work expected figures out from. */
async function fileCells(file: string): Promise<FileCells> {
  const wb: XlsxWorkbook = await readXlsx(fs.readFileSync(path.join(DIR, file)));
  const map = new Map<string, XlsxValue>();
  const formulas: FileCells['formulas'] = [];
  for (const s of wb.sheets)
    for (const c of s.cells) {
      map.set(`${s.name}!${c.address}`, c.value);
      if (c.formula !== undefined) formulas.push({ sheet: s.name, address: c.address, formula: c.formula });
    }
  const value = (sheet: string, address: string) => map.get(`${sheet}!${address}`) ?? null;
  const block = (sheet: string, a1: string) => {
    const { start, end } = parseRange(a1.replace(/\$/g, ''));
    const rows: XlsxValue[][] = [];
    for (let r = start.row; r <= end.row; r++) {
      const row: XlsxValue[] = [];
      for (let c = start.col; c <= end.col; c++) row.push(value(sheet, cellAddress(r, c)));
      rows.push(row);
    }
    return rows;
  };
  const named = (name: string) => {
    const n = wb.names.find((x) => x.name === name);
    if (!n) throw new Error(`${file} has no name ${name}`);
    const { sheet } = parseRange(n.formula.replace(/\$/g, ''));
    return block(sheet!, n.formula.replace(/^.*!/, ''));
  };
  return { value, named, formulas };
}

const item = (report: AuditReport, address: string): InventoryItem =>
  report.inventory.find((i) => i.address === address)!;

describe('the shipped templates', () => {
  it('are all here', () => {
    expect(TEMPLATES).toEqual(
      expect.arrayContaining(['capacity-plan.xlsx', 'comp-plan.xlsx', 'pipeline-review.xlsx', 'quota-plan.xlsx']),
    );
  });

  it.each(TEMPLATES)(
    '%s audits clean: no finding of any severity',
    async (file) => {
      const report = await audit(file);
      expect(report.summary.salesopsFormulas).toBeGreaterThan(0);
      expect(report.findings.map((f) => `${f.severity} ${f.kind}: ${f.title}`)).toEqual([]);
    },
    120_000,
  ); // the pipeline review holds 26,558 formulas: about 12 s of CPU, more on a busy machine

  it.each(TEMPLATES)(
    '%s: every SALESOPS cell reads ranges, and no explanation gives up on a named input',
    async (file) => {
      const report = await audit(file);
      for (const i of report.inventory) {
        expect(i.reads.length).toBeGreaterThan(0);
        // before sheet-scoped names were followed, every named argument counted as "a calculation"
        expect(i.explanation.note ?? '').not.toMatch(/calculation|could not run/);
      }
    },
  );
});

describe('comp-plan: each commission cell gets its COMMISSION.EXPLAIN lines', () => {
  /** Marginal commission by hand: each slice of bookings between two tier floors (x quota) at its tier's rate, capped. */
  function marginal(bookings: number, quota: number, tiers: [number, number][], cap: number): number {
    let pay = 0;
    tiers.forEach(([floor, rate], k) => {
      const hi = k + 1 < tiers.length ? tiers[k + 1][0] * quota : Infinity;
      pay += Math.max(0, Math.min(bookings, hi) - floor * quota) * rate;
    });
    return Math.min(pay, cap);
  }

  it('the rep table and the running draw block', async () => {
    const report = await audit('comp-plan.xlsx');
    const file = await fileCells('comp-plan.xlsx');
    const num = (v: XlsxValue) => v as number;
    expect(file.named('Method')).toEqual([['marginal']]);
    const tiers = file.named('Tiers').map((r): [number, number] => [num(r[0]), num(r[1])]);
    const cap = num(file.named('Cap')[0][0]);
    // the draw block's quota: the chosen rep's, looked up by name
    const names = file.named('RepNames').map((r) => r[0]);
    const chosenQuota = num(file.named('RepQuotas')[names.indexOf(file.named('ChosenRep')[0][0])][0]);
    const sum = (sheet: string, a1: string) => {
      const { start, end } = parseRange(a1.replace(/\$/g, ''));
      let total = 0;
      for (let r = start.row; r <= end.row; r++) total += num(file.value(sheet, cellAddress(r, start.col)));
      return total;
    };
    const expected: [string, number][] = [];
    for (const f of file.formulas) {
      const m = /SALESOPS_COMMISSION\(([^,]+),([^,]+),Tiers,Method,Cap\)$/.exec(f.formula);
      if (!m) continue;
      const quota = m[2] === 'ChosenQuota' ? chosenQuota : num(file.value(f.sheet, m[2]));
      expected.push([f.address, marginal(sum(f.sheet, m[1]), quota, tiers, cap)]);
    }
    // six reps and twelve months
    expect(expected).toHaveLength(18);
    for (const [address, pay] of expected) {
      const e = item(report, address).explanation;
      expect([address, e.kind]).toEqual([address, 'commission']);
      expect(e.table[0]).toEqual(['Line', 'Tier floor', 'Tier ceiling', 'Bookings in tier', 'Rate', 'Payout']);
      expect(e.table.filter((r) => String(r[0]).startsWith('Tier'))).toHaveLength(tiers.length);
      const total = e.table.find((r) => r[0] === 'Total')!;
      expect([address, total[5]]).toEqual([address, expect.closeTo(pay, 6)]);
    }
    // the named inputs are among what the first rep's cell reads: Tiers, Method and Cap are local to the Comp sheet
    const first = report.inventory.find((i) => i.address === expected[0][0])!;
    expect(
      first.reads
        .filter((r) => r.param === 'tiers' || r.param === 'method' || r.param === 'cap')
        .map((r) => `${r.sheet} ${r.rows}x${r.cols} ${r.param}`),
    ).toEqual([`Comp ${tiers.length}x2 tiers`, 'Comp 1x1 method', 'Comp 1x1 cap']);
  });
});

describe('pipeline-review and capacity-plan explanations', () => {
  it('the weighted pipeline (Amount, Stage, StageProb: names local to the Pipeline sheet) by stage', async () => {
    const report = await audit('pipeline-review.xlsx');
    const file = await fileCells('pipeline-review.xlsx');
    const prob = new Map(file.named('StageProb').map((r) => [String(r[0]), r[1] as number]));
    const amounts = file.named('Amount').map((r) => r[0] as number);
    const stages = file.named('Stage').map((r) => String(r[0]));
    const byStage = new Map<string, { deals: number; weighted: number }>();
    stages.forEach((stage, k) => {
      const s = byStage.get(stage) ?? { deals: 0, weighted: 0 };
      s.deals++;
      s.weighted += amounts[k] * prob.get(stage)!;
      byStage.set(stage, s);
    });
    const wp = report.inventory.find((i) => i.functions[0] === 'WEIGHTEDPIPE')!;
    expect(wp.explanation.kind).toBe('pipeline-by-stage');
    expect(wp.reads.map((r) => `${r.sheet} ${r.rows}x${r.cols} ${r.param}`)).toEqual([
      `Deals ${amounts.length}x1 amounts`,
      `Deals ${amounts.length}x1 stages`,
      `Pipeline ${prob.size}x2 stage_table`,
    ]);
    let total = 0;
    for (const [stage, s] of byStage) {
      const row = wp.explanation.table.find((r) => r[0] === stage)!;
      expect([stage, row[2], row[4]]).toEqual([stage, s.deals, expect.closeTo(s.weighted, 4)]);
      total += s.weighted;
    }
    expect(wp.explanation.table.find((r) => r[0] === 'Total')![4]).toBeCloseTo(total, 4);
  });

  it('the capacity cell by month, its first month worked out from the hiring plan', async () => {
    const report = await audit('capacity-plan.xlsx');
    const file = await fileCells('capacity-plan.xlsx');
    const one = (name: string) => file.named(name)[0][0] as number;
    const monthOf = (serial: number) => {
      const d = new Date(Date.UTC(1899, 11, 30) + serial * 86400000);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    };
    // Ramp by month of tenure (hire month first), 1 after; in the first plan month no attrition applies yet.
    const ramp = file.named('Ramp')[0] as number[];
    const start = monthOf(one('PlanStart'));
    const hires = file.named('HireDates').map((r) => r[0] as number | null);
    const ends = file.named('EndDates').map((r) => r[0] as number | null);
    let rre = 0;
    hires.forEach((hire, k) => {
      const end = ends[k];
      if (hire === null || monthOf(hire) > start || (end !== null && monthOf(end) <= start)) return;
      const tenure = start - monthOf(hire); // 0 in the hire month
      rre += tenure < ramp.length ? ramp[tenure] : 1;
    });
    const cap = report.inventory.find((i) => i.functions[0] === 'CAPACITY')!;
    expect(cap.explanation.kind).toBe('capacity-by-month');
    const months = cap.explanation.table.slice(1, -1);
    expect(months).toHaveLength(monthOf(one('PlanEnd')) - start + 1);
    expect(months[0][1]).toBeCloseTo(rre, 9);
    // capacity per month = RRE x productivity / 12
    expect(months[0][2]).toBeCloseTo((rre * one('Productivity')) / 12, 6);
  });
});
