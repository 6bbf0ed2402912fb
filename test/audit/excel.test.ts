/**
 * The audit over the Excel host (office-addin-mock, test/hosts/excel/fakeExcel.ts). Excel hands the pane only an
 * error's code ('#N/A'), so the audit re-runs the SALESOPS function on the cell's arguments to give finance the
 * message; the headless engine, which carries the message itself, gives the same text for the same workbook.
 */
import { ExcelWorkbook } from '../../src/hosts/excel/workbook';
import { HeadlessWorkbook } from '../../src/hosts/headless/workbook';
import { createEngine } from '../../src/hosts/headless/engine';
import { auditWorkbook } from '../../src/audit/audit';
import type { AuditReport, Finding } from '../../src/audit/types';
import { fakeExcel, type FakeExcel } from '../hosts/excel/fakeExcel';

let excel: FakeExcel | undefined;
afterEach(() => excel?.uninstall());

const sheets = {
  Deals: [
    ['Amount', 'Stage', 'Rate'],
    // 'Negotiaton' is not in the stage table: #N/A with a message naming the row and the stage
    [1000, 'Negotiaton', 0.1],
    ['=SALESOPS.WEIGHTEDPIPE(A2,B2,Stages!A2:B3)', '=A3*2', '=SALESOPS.WEIGHTEDPIPE(A2*2,B2,Stages!A2:B3)'],
  ],
  Stages: [
    ['Stage', 'P'],
    ['Demo', 0.4],
    ['Trial', 0.6],
  ],
};

async function excelReport(): Promise<AuditReport> {
  excel = fakeExcel({ sheets, computed: { 'Deals!A3': '#N/A', 'Deals!B3': '#N/A', 'Deals!C3': '#N/A' } });
  excel.install();
  return auditWorkbook(new ExcelWorkbook());
}

const errorAt = (r: AuditReport, address: string): Finding =>
  r.findings.find((f) => f.kind === 'error-value' && f.cells[0].address === address)!;

describe('error messages over the Excel host', () => {
  it('recovers the SALESOPS message Excel does not pass on, the same the headless engine carries', async () => {
    const fromExcel = await excelReport();
    const headless = await auditWorkbook(new HeadlessWorkbook(createEngine(sheets as never)));
    const engineMessage = (headless.inventory.find((i) => i.address === 'A3')!.value as { message: string }).message;
    expect(engineMessage).toMatch(/unknown stage 'Negotiaton'/);

    const a3 = errorAt(fromExcel, 'A3');
    expect(a3.severity).toBe('high');
    expect(a3.detail).toContain(`#N/A (${engineMessage})`);
    expect(a3.detail).toContain(
      'The host showed only #N/A: the message is what SALESOPS.WEIGHTEDPIPE gives for these inputs.',
    );
    expect(a3.action).toBe(`Do what the message says: ${engineMessage}.`);
    expect(fromExcel.inventory.find((i) => i.address === 'A3')!.value).toEqual({
      error: '#N/A',
      message: engineMessage,
    });
  });

  it('says so when the call cannot be re-run (an argument is a calculation), and leaves passed-on errors to their source', async () => {
    const report = await excelReport();
    const c3 = errorAt(report, 'C3');
    expect(c3.detail).toContain('could not work it out');
    expect(c3.action).toMatch(/^Check the inputs/);
    // B3 (=A3*2) is not a SALESOPS cell: it passes A3's error on
    const b3 = errorAt(report, 'B3');
    expect(b3.severity).toBe('medium');
    expect(b3.action).toContain('Deals!A3');
  });

  it('does not re-run a call whose error is not its own: =SALESOPS.X(...) that evaluates fine keeps no message', async () => {
    // the host shows #DIV/0! for a cell whose SALESOPS call itself succeeds (1,000 x 0.4 = 400)
    excel = fakeExcel({
      sheets: { Deals: [[1000, 'Demo'], ['=SALESOPS.WEIGHTEDPIPE(A1,B1,Stages!A2:B3)/0']], Stages: sheets.Stages },
      computed: { 'Deals!A2': '#DIV/0!' },
    });
    excel.install();
    const report = await auditWorkbook(new ExcelWorkbook());
    expect(report.inventory[0].value).toEqual({ error: '#DIV/0!' });
  });
});
