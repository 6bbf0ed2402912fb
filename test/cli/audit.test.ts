/**
 * `salesops audit` on a realistic commission workbook: 20 reps from the real CRM data (won close_value summed per
 * agent, ../shared/data/crm/sales_pipeline.csv), a 300,000 quota, three tiers, SALESOPS.COMMISSION per row stored as
 * Excel stores add-in functions, a total row, and one row whose formula slipped to the next row's bookings.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { run } from '../../src/cli/audit';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import type { AuditReport } from '../../src/audit/types';
import { bookingsByAgent, commissionWorkbook, marginal, SLIP_ROW } from '../support/commission-workbook';

const BIN = path.resolve(__dirname, '../../bin/salesops.js');
function capture(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

let dir: string;
let input: string;
let bytes: Buffer;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-audit-'));
  input = path.join(dir, 'commission.xlsx');
  bytes = await commissionWorkbook();
  fs.writeFileSync(input, bytes);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('salesops audit', () => {
  it('lists the 20 commission formulas and finds the one-row slip (JSON)', async () => {
    const io = capture();
    expect(await run([input, '--json'], io)).toBe(0);
    const report = JSON.parse(io.out) as AuditReport;
    expect(report.summary).toMatchObject({ sheets: 2, formulas: 23, salesopsFormulas: 20 });
    expect(report.inventory.map((i) => i.address)).toEqual(Array.from({ length: 20 }, (_, i) => `D${i + 2}`));
    expect(report.findings).toHaveLength(1);
    const [slip] = report.findings;
    expect(slip).toMatchObject({
      kind: 'inconsistent-formula',
      severity: 'high',
      cells: [{ sheet: 'Reps', address: `D${SLIP_ROW}` }],
    });
    expect(slip.action).toContain(`=SALESOPS.COMMISSION(B${SLIP_ROW},C${SLIP_ROW},Tiers!$A$2:$B$4)`);
    expect(fs.readFileSync(input).equals(bytes)).toBe(true);
  });

  it('explains each commission with the engine value equal to the hand-computed payout', async () => {
    const io = capture();
    await run([input, '--json'], io);
    const report = JSON.parse(io.out) as AuditReport;
    const reps = bookingsByAgent();
    const d2 = report.inventory[0];
    expect(d2.value as number).toBeCloseTo(marginal(reps[0][1]), 6);
    const total = d2.explanation.table.find((r) => r[0] === 'Total')!;
    expect(d2.explanation.kind).toBe('commission');
    expect(total[5] as number).toBeCloseTo(marginal(reps[0][1]), 6);
    expect(d2.reads).toEqual([
      { sheet: 'Reps', address: 'B2', rows: 1, cols: 1, param: 'bookings' },
      { sheet: 'Reps', address: 'C2', rows: 1, cols: 1, param: 'quota' },
      { sheet: 'Tiers', address: 'A2:B4', rows: 3, cols: 2, param: 'tiers' },
    ]);
  });

  it('prints markdown by default, through the dispatcher', async () => {
    const io = capture();
    expect(await main(['audit', input], io)).toBe(0);
    expect(io.out).toMatch(/^# SalesOps formula audit\n/);
    expect(io.out).toContain('2 sheet(s), 23 formula(s), 20 SALESOPS formula(s). Findings: 1 high, 0 medium, 0 low.');
    expect(io.out).toContain(`| high | Reps!D${SLIP_ROW}: formula differs from the column around it.`);
    expect(io.out).toContain('### Reps!D2: `=SALESOPS.COMMISSION(B2,C2,Tiers!$A$2:$B$4)`');
    expect(io.out.match(/^### Reps!D\d+:/gm)).toHaveLength(20);
  });

  it.each([
    [[], 2, /missing the input workbook/],
    [['nope.xlsx'], 1, /nope\.xlsx: no such file/],
    [['a.xlsx', 'b.xlsx'], 2, /expected one input file/],
    [['x.xlsx', '--max-cells', 'many'], 2, /--max-cells must be a whole number/],
  ])('refuses %j with exit %i', async (args, code, message) => {
    const io = capture();
    expect(await main(['audit', ...(args as string[])], io)).toBe(code);
    expect(io.err).toMatch(message);
  });

  it('reports the workbook, not the engine: the values Excel saved, and one low finding where the recalculation differs', async () => {
    // Tiers!E1 =B4*100: Excel saved 14 (before the rate became 15%, manual calculation); recalculated 0.15 x 100 = 15.
    const gap = path.join(dir, 'commission-gap.xlsx');
    fs.writeFileSync(gap, await commissionWorkbook({ engineGap: true }));
    const io = capture();
    expect(await run([gap, '--json'], io)).toBe(0);
    const report = JSON.parse(io.out) as AuditReport;
    // exactly one high finding, the slip; no error finding at all (Excel saved no error)
    expect(
      report.findings
        .filter((f) => f.severity === 'high')
        .map((f) => `${f.kind} ${f.cells[0].sheet}!${f.cells[0].address}`),
    ).toEqual([`inconsistent-formula Reps!D${SLIP_ROW}`]);
    expect(report.findings.filter((f) => f.kind === 'error-value')).toEqual([]);
    // one separate low finding lists the cell where the recalculation disagrees with Excel
    const differs = report.findings.filter((f) => f.kind === 'recalc-differs');
    expect(differs).toHaveLength(1);
    expect(differs[0]).toMatchObject({ severity: 'low', cells: [{ sheet: 'Tiers', address: 'E1' }] });
    expect(differs[0].detail).toContain('Tiers!E1 =B4*100: Excel saved 14, the recalculation gives 15');
    // nothing else (100 converts to percent: no hard-coded constant)
    expect(report.findings.map((f) => `${f.severity} ${f.kind} ${f.cells[0].sheet}!${f.cells[0].address}`)).toEqual([
      `high inconsistent-formula Reps!D${SLIP_ROW}`,
      'low recalc-differs Tiers!E1',
    ]);
  });

  it('runs as `npx salesops audit` (bin/salesops.js) in a child process', () => {
    const res = spawnSync(process.execPath, [BIN, 'audit', input, '--json'], { encoding: 'utf8', timeout: 60000 });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const report = JSON.parse(res.stdout) as AuditReport;
    expect(report.findings.map((f) => `${f.kind} ${f.cells[0].sheet}!${f.cells[0].address}`)).toEqual([
      `inconsistent-formula Reps!D${SLIP_ROW}`,
    ]);
  }, 60000);
});
