import { ExcelWorkbook, READ_BLOCK_ROWS, fromExcel, refFromExcelAddress } from '../../../src/hosts/excel/workbook';
import { fakeExcel, type FakeExcel } from './fakeExcel';

let excel: FakeExcel;
afterEach(() => excel?.uninstall());

function setup(opts: Parameters<typeof fakeExcel>[0]): ExcelWorkbook {
  excel = fakeExcel(opts);
  excel.install();
  return new ExcelWorkbook();
}

const deals = {
  Deals: [
    ['Amount', 'Stage', null],
    [1000, 'Trial', '=A2*0.6'],
    [500, 'Demo', '=A3*0.4'],
  ],
  Stages: [
    ['Trial', 0.6],
    ['Demo', 0.4],
  ],
};

describe('ExcelWorkbook against office-addin-mock', () => {
  it('lists sheets, tables (headers, data rows) and named ranges', async () => {
    const wb = setup({
      sheets: deals,
      tables: [{ name: 'DealTable', sheet: 'Deals', address: 'A1:B3' }],
      names: [
        { name: 'StageTable', type: 'Range', formula: '=Stages!$A$1:$B$2' },
        { name: 'Rate', type: 'Double', formula: '=0.2' },
      ],
    });
    expect(await wb.listSheets()).toEqual(['Deals', 'Stages']);
    expect(await wb.listTables()).toEqual([{ name: 'DealTable', sheet: 'Deals', address: 'A1:B3', headers: ['Amount', 'Stage'], rowCount: 2 }]);
    expect(await wb.listNamedRanges()).toEqual([{ name: 'StageTable', sheet: 'Stages', address: 'A1:B2' }]);
  });

  it('lists each sheet’s local names (worksheet.names) with their sheet as scope', async () => {
    const wb = setup({
      sheets: deals,
      names: [
        { name: 'StageTable', type: 'Range', formula: '=Stages!$A$1:$B$2' },
        { name: 'Rate', type: 'Range', formula: '=Stages!$B$1', scope: 'Stages' },
        { name: 'Rate', type: 'Range', formula: '=Deals!$C$2', scope: 'Deals' },
        { name: 'Months', type: 'Double', formula: '=12', scope: 'Deals' },
      ],
    });
    expect(await wb.listNamedRanges()).toEqual([
      { name: 'StageTable', sheet: 'Stages', address: 'A1:B2' },
      { name: 'Rate', sheet: 'Deals', address: 'C2', scope: 'Deals' },
      { name: 'Rate', sheet: 'Stages', address: 'B1', scope: 'Stages' },
    ]);
  });

  it('reads a table with its header row split off', async () => {
    const wb = setup({ sheets: deals, tables: [{ name: 'DealTable', sheet: 'Deals', address: 'A1:B3' }] });
    const t = await wb.readTable('DealTable');
    expect(t).toEqual({ sheet: 'Deals', address: 'A1:B3', headers: ['Amount', 'Stage'], values: [[1000, 'Trial'], [500, 'Demo']] });
  });

  it('reads a 12,001-row range in blocks of 5,000 rows, one sync per block', async () => {
    const rows = Array.from({ length: 12001 }, (_, i) => [i + 1, `r${i + 1}`]);
    const wb = setup({ sheets: { Big: rows } });
    const data = await wb.readRange({ sheet: 'Big', address: 'A1:B12001' });
    expect(READ_BLOCK_ROWS).toBe(5000);
    // 12,001 rows = 5,000 + 5,000 + 2,001
    expect(excel.rangeReads).toEqual(['Big!A1:B5000', 'Big!A5001:B10000', 'Big!A10001:B12001']);
    expect(excel.syncs).toBe(3);
    expect(data.values.length).toBe(12001);
    expect(data.values[12000]).toEqual([12001, 'r12001']);
    expect(data.values[5000]).toEqual([5001, 'r5001']);
  });

  it('reports every formula with the value it shows, and the used range', async () => {
    const wb = setup({ sheets: deals, computed: { 'Deals!C2': 600, 'Deals!C3': '#N/A' } });
    expect(await wb.usedRange('Deals')).toBe('A1:C3');
    expect(await wb.readFormulas('Deals')).toEqual([
      { sheet: 'Deals', address: 'C2', formula: '=A2*0.6', value: 600 },
      { sheet: 'Deals', address: 'C3', formula: '=A3*0.4', value: { error: '#N/A' } },
    ]);
  });

  it('gives null for the used range of an empty sheet', async () => {
    const wb = setup({ sheets: { Empty: [] } });
    expect(await wb.usedRange('Empty')).toBeNull();
  });

  it('reads the selection without its sheet prefix and selects a range', async () => {
    const wb = setup({ sheets: deals, selection: 'Stages!B2' });
    expect(await wb.getSelection()).toEqual({ sheet: 'Stages', address: 'B2' });
    await wb.select({ sheet: 'Deals', address: 'A2:B3' });
    expect(excel.selected).toEqual(['Deals!A2:B3']);
  });

  it('writes formulas and values, returning a snapshot that restores what was there', async () => {
    const wb = setup({ sheets: deals });
    const snap = await wb.write({ sheet: 'Deals', address: 'B2:C2' }, [['Demo', null]]);
    expect(snap).toEqual({ sheet: 'Deals', address: 'B2:C2', createdSheet: false, contents: [['Trial', '=A2*0.6']] });
    expect(excel.cells.Deals[1]).toEqual([1000, 'Demo', null]);
    await wb.restore(snap);
    expect(excel.cells.Deals[1]).toEqual([1000, 'Trial', '=A2*0.6']);
  });

  it('suspends API recalculation only for big writes (10,000 cells and more)', async () => {
    const wb = setup({ sheets: { S: [] } });
    await wb.write({ sheet: 'S', address: 'A1:B2' }, [[1, 2], [3, 4]]);
    expect(excel.suspendCalls).toBe(0);
    const big = Array.from({ length: 5000 }, (_, i) => [i, i * 2]);
    await wb.write({ sheet: 'S', address: 'A1:B5000' }, big);
    expect(excel.suspendCalls).toBe(1);
    expect(excel.cells.S[4999]).toEqual([4999, 9998]);
  });

  it.each([
    ['1.20', [{ mergeUndoGroup: true }]],
    ['1.19', []],
  ])('with ExcelApi %s a write asks for one undo group: %o', async (apiVersion, expected) => {
    const wb = setup({ sheets: deals, apiVersion });
    await wb.write({ sheet: 'Deals', address: 'A2' }, [[2000]]);
    expect(excel.runOptions).toEqual(expected);
  });

  it('adds a sheet with a suffix on a clash; restoring its snapshot deletes it', async () => {
    const wb = setup({ sheets: deals });
    const { name, snapshot } = await wb.addSheet('deals');
    expect(name).toBe('deals (2)');
    expect(await wb.listSheets()).toEqual(['Deals', 'Stages', 'deals (2)']);
    await wb.restore(snapshot);
    expect(excel.deleted).toEqual(['deals (2)']);
  });

  it('refuses a write whose size does not match, naming the range', async () => {
    const wb = setup({ sheets: deals });
    await expect(wb.write({ sheet: 'Deals', address: 'A1:B2' }, [[1, 2]])).rejects.toThrow('Deals!A1:B2: it is 2 x 2 cells but 1 x 2 values');
  });
});

describe('Excel value helpers', () => {
  it.each([
    ['', null],
    ['#DIV/0!', { error: '#DIV/0!' }],
    ['#SPILL!', { error: '#SPILL!' }],
    ['#hashtag', '#hashtag'],
    [0, 0],
    [false, false],
  ])('fromExcel(%p) is %p', (v, expected) => {
    expect(fromExcel(v)).toEqual(expected);
  });

  it("splits quoted sheet names from Excel's addresses", () => {
    expect(refFromExcelAddress("'Q1 plan'!C4:D9")).toEqual({ sheet: 'Q1 plan', address: 'C4:D9' });
  });
});
