import { ExcelWorkbook, READ_BLOCK_ROWS, fromExcel, refFromExcelAddress } from '../../../src/hosts/excel/workbook';
import * as fs from 'fs';
import * as path from 'path';
import { fakeExcel, type FakeExcel } from './fakeExcel';
import { xlsxSheetNames } from '../../../src/xlsx/rename';

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
    expect(await wb.listTables()).toEqual([
      { name: 'DealTable', sheet: 'Deals', address: 'A1:B3', headers: ['Amount', 'Stage'], rowCount: 2 },
    ]);
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
    expect(t).toEqual({
      sheet: 'Deals',
      address: 'A1:B3',
      headers: ['Amount', 'Stage'],
      values: [
        [1000, 'Trial'],
        [500, 'Demo'],
      ],
    });
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
    expect(snap).toEqual({
      sheet: 'Deals',
      address: 'B2:C2',
      createdSheet: false,
      contents: [['Trial', '=A2*0.6']],
      text: [[true, false]],
      numberFormats: [['General', 'General']],
    });
    expect(excel.cells.Deals[1]).toEqual([1000, 'Demo', null]);
    await wb.restore(snap);
    expect(excel.cells.Deals[1]).toEqual([1000, 'Trial', '=A2*0.6']);
  });

  describe('Undo puts back exactly what was there', () => {
    // Row 1: text that Excel would parse if typed again (a quote-prefixed "00123", "2026-02-01" and "=x", and text in
    // a cell formatted as text), a real date with its format, a percentage, a formula, a blank.
    const sheetsWithText = { Plan: [['00123', '2026-02-01', '=x', '0042', 46054, 0.25, '=F1*2', null]] };
    const options = {
      sheets: sheetsWithText,
      textCells: ['Plan!A1', 'Plan!B1', 'Plan!C1', 'Plan!D1'],
      formats: { 'Plan!D1': '@', 'Plan!E1': 'yyyy-mm-dd', 'Plan!F1': '0%' },
      computed: { 'Plan!G1': 0.5 },
    };

    it('text stays text, formats come back, formulas stay formulas', async () => {
      const wb = setup(options);
      const before = {
        cells: JSON.parse(JSON.stringify(excel.cells)),
        text: [...excel.textCells].sort(),
        formats: Object.fromEntries(excel.formats),
      };
      const snap = await wb.snapshot({ sheet: 'Plan', address: 'A1:H1' });
      expect(snap.contents).toEqual([['00123', '2026-02-01', '=x', '0042', 46054, 0.25, '=F1*2', null]]);
      expect(snap.text).toEqual([[true, true, true, true, false, false, false, false]]);
      expect(snap.numberFormats).toEqual([
        ['General', 'General', 'General', '@', 'yyyy-mm-dd', '0%', 'General', 'General'],
      ]);

      // the pane writes over all of it; a date typed into H1 makes Excel give it a date format
      await wb.write({ sheet: 'Plan', address: 'A1:H1' }, [[1, 2, 3, 4, 5, 6, 7, '2026-03-01']]);
      expect(excel.cells.Plan[0]).toEqual([1, 2, 3, 4, 5, 6, 7, 46082]);
      expect(excel.formats.get('Plan!H1')).toBe('yyyy-mm-dd');

      await wb.restore(snap);
      expect(excel.cells).toEqual(before.cells);
      expect([...excel.textCells].sort()).toEqual(before.text);
      expect(Object.fromEntries(excel.formats)).toEqual(before.formats);
    });

    it('the fake parses like Excel: restoring the bare formulas, as before, would have changed the cells', async () => {
      const wb = setup(options);
      const snap = await wb.snapshot({ sheet: 'Plan', address: 'A1:H1' });
      await wb.write({ sheet: 'Plan', address: 'A1:H1' }, [[1, 2, 3, 4, 5, 6, 7, 8]]);
      await wb.restore({ ...snap, text: undefined, numberFormats: undefined });
      // "00123" came back as the number 123, "2026-02-01" as a date serial, "=x" as a formula
      expect(excel.cells.Plan[0].slice(0, 3)).toEqual([123, 46054, '=x']);
      expect(excel.textCells.has('Plan!C1')).toBe(false);
    });

    it('a snapshot with text cells but no formats writes them with a leading apostrophe', async () => {
      const wb = setup(options);
      const snap = await wb.snapshot({ sheet: 'Plan', address: 'A1:C1' });
      await wb.write({ sheet: 'Plan', address: 'A1:C1' }, [[1, 2, 3]]);
      await wb.restore({ ...snap, numberFormats: undefined });
      expect(excel.cells.Plan[0].slice(0, 3)).toEqual(['00123', '2026-02-01', '=x']);
      expect(['Plan!A1', 'Plan!B1', 'Plan!C1'].every((k) => excel.textCells.has(k))).toBe(true);
    });

    it('restores in one sync, as one undo step on ExcelApi 1.20', async () => {
      const wb = setup({ ...options, apiVersion: '1.20' });
      const snap = await wb.snapshot({ sheet: 'Plan', address: 'A1:H1' });
      const syncs = excel.syncs;
      await wb.restore(snap);
      expect(excel.syncs - syncs).toBe(1);
      expect(excel.runOptions).toEqual([{ mergeUndoGroup: true }]);
    });
  });

  it('suspends API recalculation only for big writes (10,000 cells and more)', async () => {
    const wb = setup({ sheets: { S: [] } });
    await wb.write({ sheet: 'S', address: 'A1:B2' }, [
      [1, 2],
      [3, 4],
    ]);
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
    await expect(wb.write({ sheet: 'Deals', address: 'A1:B2' }, [[1, 2]])).rejects.toThrow(
      'Deals!A1:B2: it is 2 x 2 cells but 1 x 2 values',
    );
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

  it('inserts a template with insertWorksheetsFromBase64 (ExcelApi 1.13), renaming a clashing sheet in the file first', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(__dirname, '../../../assets/templates/comp-plan.xlsx')));
    const names = await xlsxSheetNames(bytes);
    const wb = setup({ sheets: { ...deals, [names[0]]: [['mine']] }, apiVersion: '1.13' });
    const result = await wb.insertSheetsFromXlsx(bytes);
    // the clashing first sheet gets the " (2)" suffix; the others keep their names; they go at the end
    expect(result.inserted).toEqual([`${names[0]} (2)`, ...names.slice(1)]);
    expect(excel.inserted).toHaveLength(1);
    expect(excel.inserted[0].options).toEqual({ positionType: 'End', sheetNamesToInsert: result.inserted });
    // the file Excel was given carries the renamed sheet; the user's own sheet is untouched
    expect(await xlsxSheetNames(new Uint8Array(Buffer.from(excel.inserted[0].base64, 'base64')))).toEqual(
      result.inserted,
    );
    expect(excel.cells[names[0]]).toEqual([['mine']]);
    expect(result.snapshots.map((s) => s.createdSheet)).toEqual(result.inserted.map(() => true));
  });

  it('refuses to insert sheets where ExcelApi 1.13 is missing, with code unsupported, touching nothing', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(__dirname, '../../../assets/templates/comp-plan.xlsx')));
    const wb = setup({ sheets: deals, apiVersion: '1.12' });
    await expect(wb.insertSheetsFromXlsx(bytes)).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/ExcelApi 1\.13/),
    });
    expect(excel.inserted).toEqual([]);
  });

  it("splits quoted sheet names from Excel's addresses", () => {
    expect(refFromExcelAddress("'Q1 plan'!C4:D9")).toEqual({ sheet: 'Q1 plan', address: 'C4:D9' });
  });
});
