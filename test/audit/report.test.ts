/** The audit report: markdown for the CLI, JSON, and the "SalesOps Audit" sheet written through the Workbook interface. */
import { auditWorkbook } from '../../src/audit/audit';
import {
  REPORT_BLOCK_ROWS,
  reportBlocks,
  reportRows,
  toJson,
  toMarkdown,
  writeReportSheet,
} from '../../src/audit/report';
import type { AuditReport, InventoryItem } from '../../src/audit/types';
import { F, FakeWorkbook, type Cell } from './fake-workbook';

const TIERS: Cell[][] = [
  ['Floor', 'Rate'],
  [0, 0.08],
  [1, 0.12],
  [1.2, 0.15],
];

function workbook(): FakeWorkbook {
  // D4 reads B5 (a slip); by hand D2: 130,000 on 100,000 = 8,000 + 2,400 + 1,500 = 11,900
  return new FakeWorkbook({
    Reps: [
      ['Rep', 'Bookings', 'Quota', 'Commission'],
      ['Ann', 130000, 100000, F('=SALESOPS.COMMISSION(B2,C2,Tiers!$A$2:$B$4)', 11900)],
      ['Bo', 90000, 100000, F('=SALESOPS.COMMISSION(B3,C3,Tiers!$A$2:$B$4)', 7200)],
      ['Cy', 80000, 100000, F('=SALESOPS.COMMISSION(B5,C4,Tiers!$A$2:$B$4)', 5600)],
      ['Di', 70000, 100000, F('=SALESOPS.COMMISSION(B5,C5,Tiers!$A$2:$B$4)', 5600)],
    ],
    Tiers: TIERS,
  });
}

describe('report', () => {
  it('prints markdown with the findings table and each SALESOPS formula explained', async () => {
    const md = toMarkdown(await auditWorkbook(workbook()));
    expect(md).toContain('2 sheet(s), 4 formula(s), 4 SALESOPS formula(s). Findings: 1 high, 0 medium, 0 low.');
    expect(md).toContain('| Severity | Finding | Cells | What to do |');
    expect(md).toMatch(
      /\| high \| Reps!D4: formula differs from the column around it\. .* \| Reps!D4 \| If D4 should follow its neighbours, enter =SALESOPS\.COMMISSION\(B4,C4,Tiers!\$A\$2:\$B\$4\)/,
    );
    expect(md).toContain('### Reps!D2: `=SALESOPS.COMMISSION(B2,C2,Tiers!$A$2:$B$4)`');
    expect(md).toContain('- Reads: Reps!B2 (1 x 1, bookings); Reps!C2 (1 x 1, quota); Tiers!A2:B4 (3 x 2, tiers)');
    expect(md).toContain('| Total |  |  | 130,000 |  | 11,900 |');
  });

  it('gives JSON that reads back to the same report', async () => {
    const report = await auditWorkbook(workbook());
    expect(JSON.parse(toJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('lays the sheet out as a rectangle, with formula text kept as text', async () => {
    const rows = reportRows(await auditWorkbook(workbook()));
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([7]));
    expect(rows[0][0]).toBe('SalesOps formula audit');
    const inventoryHeader = rows.findIndex((r) => r[0] === 'Sheet' && r[1] === 'Cell');
    expect(rows[inventoryHeader + 1].slice(0, 4)).toEqual([
      'Reps',
      'D2',
      "'=SALESOPS.COMMISSION(B2,C2,Tiers!$A$2:$B$4)",
      11900,
    ]);
  });

  it('writes only to a new "SalesOps Audit" sheet, with a suffix when the name is taken', async () => {
    const wb = workbook();
    const report = await auditWorkbook(wb);
    const first = await writeReportSheet(wb, report);
    const second = await writeReportSheet(wb, report);
    expect([first.sheet, second.sheet]).toEqual(['SalesOps Audit', 'SalesOps Audit (2)']);
    const rows = reportRows(report).length;
    // asks for the same name twice; the workbook picks the suffix
    expect(wb.mutations).toEqual([
      'addSheet SalesOps Audit',
      `write SalesOps Audit!A1:G${rows}`,
      'addSheet SalesOps Audit',
      `write SalesOps Audit (2)!A1:G${rows}`,
    ]);
    expect(first.snapshot.createdSheet).toBe(true);
  });

  it('writes a big report in blocks of 2,000 rows, in order, covering every row once', async () => {
    const report = await auditWorkbook(workbook());
    // 4,500 inventory rows: with the 9 header rows and the findings that makes more than two blocks
    const one = report.inventory[0];
    const big: AuditReport = {
      ...report,
      inventory: Array.from({ length: 4500 }, (_, i): InventoryItem => ({ ...one, address: `D${i + 2}` })),
    };
    const rows = reportRows(big);
    const wb = workbook();
    await writeReportSheet(wb, big);
    expect(REPORT_BLOCK_ROWS).toBe(2000);
    const n = rows.length;
    expect(wb.mutations).toEqual([
      'addSheet SalesOps Audit',
      'write SalesOps Audit!A1:G2000',
      'write SalesOps Audit!A2001:G4000',
      `write SalesOps Audit!A4001:G${n}`,
    ]);
    // what landed on the sheet is the report, row for row
    const written = wb.dump('SalesOps Audit');
    expect(written).toHaveLength(n);
    expect(written[n - 1].slice(0, 2)).toEqual(['Reps', 'D4501']);
    expect(written[2000].slice(0, 2)).toEqual(rows[2000].slice(0, 2));
  });

  it('ends a block early when its text grows past the byte budget', () => {
    // one cell of 10 ASCII characters: 10 + 4 for the cell + 2 for the row = 16 bytes; a 40-byte budget holds 2 rows
    const rows = Array.from({ length: 5 }, (_, i) => [`row ${i}`.padEnd(10, '.')]);
    const blocks = reportBlocks(rows, 2000, 40);
    expect(blocks.map((b) => [b.top, b.rows.length])).toEqual([
      [0, 2],
      [2, 2],
      [4, 1],
    ]);
    // a single row longer than the budget still goes, alone; 'é' counts 2 bytes (14 x 2 + 4 + 2 = 34, +16 > 40)
    expect(reportBlocks([['x'.repeat(100)], ['y']], 2000, 40).map((b) => b.rows.length)).toEqual([1, 1]);
    expect(reportBlocks([['é'.repeat(14)], ['x'.repeat(10)]], 2000, 40).map((b) => b.rows.length)).toEqual([1, 1]);
    expect(reportBlocks([['e'.repeat(14)], ['x'.repeat(10)]], 2000, 40).map((b) => b.rows.length)).toEqual([2]);
  });
});
