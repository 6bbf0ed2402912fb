import * as fs from 'fs';
import * as path from 'path';
import { createEngine } from '../../../src/hosts/headless/engine';
import { HeadlessWorkbook } from '../../../src/hosts/headless/workbook';
import { isCellError } from '../../../src/workbook/workbook';

function sample(): HeadlessWorkbook {
  const engine = createEngine({
    Deals: [
      ['Amount', 'Stage'],
      [1000, 'Trial'],
      [500, 'Demo'],
      [null, null],
      ['=SUM(A2:A3)', null],
    ],
    Stages: [
      ['Trial', 0.6],
      ['Demo', 0.4],
    ],
  });
  engine.addNamedExpression('StageTable', '=Stages!$A$1:$B$2');
  return new HeadlessWorkbook(engine, [{ name: 'DealTable', sheet: 'Deals', address: 'A1:B3' }]);
}

describe('HeadlessWorkbook', () => {
  it('lists sheets, tables with headers, and named ranges', async () => {
    const wb = sample();
    expect(await wb.listSheets()).toEqual(['Deals', 'Stages']);
    expect(await wb.listTables()).toEqual([
      { name: 'DealTable', sheet: 'Deals', address: 'A1:B3', headers: ['Amount', 'Stage'], rowCount: 2 },
    ]);
    expect(await wb.listNamedRanges()).toEqual([{ name: 'StageTable', sheet: 'Stages', address: 'A1:B2' }]);
  });

  it('lists sheet-scoped names with their sheet as scope, after the workbook names', async () => {
    const wb = sample();
    // the same name local to each sheet, over different cells; a named constant is not a range and is left out
    wb.engine.addNamedExpression('Rate', '=Stages!$B$1', wb.sheetId('Stages'));
    wb.engine.addNamedExpression('Rate', '=Deals!$A$2', wb.sheetId('Deals'));
    wb.engine.addNamedExpression('Months', '=12', wb.sheetId('Deals'));
    expect(await wb.listNamedRanges()).toEqual([
      { name: 'StageTable', sheet: 'Stages', address: 'A1:B2' },
      { name: 'Rate', sheet: 'Deals', address: 'A2', scope: 'Deals' },
      { name: 'Rate', sheet: 'Stages', address: 'B1', scope: 'Stages' },
    ]);
  });

  it('reads a table and a range with headers split off', async () => {
    const wb = sample();
    const t = await wb.readTable('dealtable');
    expect(t.headers).toEqual(['Amount', 'Stage']);
    expect(t.values).toEqual([
      [1000, 'Trial'],
      [500, 'Demo'],
    ]);
    const r = await wb.readRange({ sheet: 'Deals', address: 'A5' });
    // =SUM(A2:A3) = 1000 + 500
    expect(r.values).toEqual([[1500]]);
  });

  it('reports the used range and every formula with its value', async () => {
    const wb = sample();
    expect(await wb.usedRange('Deals')).toBe('A1:B5');
    expect(await wb.usedRange('Stages')).toBe('A1:B2');
    expect(await wb.readFormulas()).toEqual([{ sheet: 'Deals', address: 'A5', formula: '=SUM(A2:A3)', value: 1500 }]);
  });

  it('writes, recalculates dependents, and restores the snapshot exactly', async () => {
    const wb = sample();
    let changes = 0;
    const off = wb.onChange(() => changes++);
    const snap = await wb.write({ sheet: 'Deals', address: 'A2:B2' }, [[2000, '=A3*2']]);
    expect(snap.contents).toEqual([[1000, 'Trial']]);
    // 2000 + 500
    expect((await wb.readRange({ sheet: 'Deals', address: 'A5' })).values).toEqual([[2500]]);
    expect((await wb.readRange({ sheet: 'Deals', address: 'B2' })).values).toEqual([[1000]]);
    expect(changes).toBeGreaterThan(0);
    await wb.restore(snap);
    expect((await wb.readRange({ sheet: 'Deals', address: 'A2:B2' })).values).toEqual([[1000, 'Trial']]);
    expect((await wb.readRange({ sheet: 'Deals', address: 'A5' })).values).toEqual([[1500]]);
    off();
  });

  it('keeps formulas in snapshots and restores them', async () => {
    const wb = sample();
    const snap = await wb.write({ sheet: 'Deals', address: 'A5' }, [[7]]);
    expect(snap.contents).toEqual([['=SUM(A2:A3)']]);
    await wb.restore(snap);
    expect(await wb.readFormulas('Deals')).toEqual([
      { sheet: 'Deals', address: 'A5', formula: '=SUM(A2:A3)', value: 1500 },
    ]);
  });

  it('apply then undo gives back every cell exactly, text that reads like a number, date or formula included', async () => {
    // typed as text with a leading apostrophe: "00123", "2026-02-01", "=x"; then a number, a boolean, a formula, a blank
    const wb = new HeadlessWorkbook(
      createEngine({ Plan: [["'00123", "'2026-02-01", "'=x", 42, true, '=D1*2', null]] } as never),
    );
    const every = () => ({
      inputs: [0, 1, 2, 3, 4, 5, 6].map((col) => wb.cellInput('Plan', { row: 0, col })),
      values: wb.valuesAt('Plan', { row: 0, col: 0 }, { row: 0, col: 6 }),
    });
    const before = every();
    expect(before.values).toEqual([['00123', '2026-02-01', '=x', 42, true, 84, null]]);
    const snap = await wb.write({ sheet: 'Plan', address: 'A1:G1' }, [[1, 2, 3, 4, 5, 6, 7]]);
    expect(every()).not.toEqual(before);
    await wb.restore(snap);
    expect(every()).toEqual(before);
  });

  it('adds a sheet with a suffix on a clash, and its snapshot deletes it', async () => {
    const wb = sample();
    const a = await wb.addSheet('Deals');
    expect(a.name).toBe('Deals (2)');
    const b = await wb.addSheet('Deals');
    expect(b.name).toBe('Deals (3)');
    await wb.restore(a.snapshot);
    expect(await wb.listSheets()).toEqual(['Deals', 'Stages', 'Deals (3)']);
  });

  it('undoing an inserted template removes its sheets and their tables, and the table list still works', async () => {
    const wb = sample();
    const before = await wb.listTables();
    const bytes = new Uint8Array(
      fs.readFileSync(path.join(__dirname, '../../../assets/templates/territory-plan.xlsx')),
    );
    const ins = await wb.insertSheetsFromXlsx(bytes);
    expect((await wb.listTables()).length).toBeGreaterThan(before.length);
    for (const s of [...ins.snapshots].reverse()) await wb.restore(s);
    expect(await wb.listSheets()).toEqual(['Deals', 'Stages']);
    expect(await wb.listTables()).toEqual(before);
  });

  it('tracks the selection and tells listeners about select()', async () => {
    const wb = sample();
    const seen: string[] = [];
    wb.onSelect((r) => seen.push(`${r.sheet}!${r.address}`));
    await wb.select({ sheet: 'Stages', address: 'B2:A1' });
    expect(await wb.getSelection()).toEqual({ sheet: 'Stages', address: 'A1:B2' });
    expect(seen).toEqual(['Stages!A1:B2']);
  });

  it('shows SALESOPS errors with their code and message', async () => {
    const wb = sample();
    await wb.write({ sheet: 'Deals', address: 'D1' }, [['=SALESOPS.WEIGHTEDPIPE(A2:A3, B2:B3, {"Trial",0.6})']]);
    const [[v]] = (await wb.readRange({ sheet: 'Deals', address: 'D1' })).values;
    expect(isCellError(v)).toBe(true);
    // Demo is not in the one-row stage table: #N/A naming the stage
    expect(v).toEqual({ error: '#N/A', message: expect.stringContaining('Demo') });
  });

  it.each([
    [{ sheet: 'Nope', address: 'A1' }, [[1]], "no sheet named 'Nope'"],
    [{ sheet: 'Deals', address: 'A1:B1' }, [[1]], 'it is 1 x 2 cells but 1 x 1 values'],
    [{ sheet: 'Deals', address: 'ZZZZ1' }, [[1]], "'ZZZZ1' is not a cell address"],
  ])('refuses a bad write to %o', async (ref, values, message) => {
    await expect(sample().write(ref, values)).rejects.toThrow(message);
  });

  it('names an unknown table', async () => {
    await expect(sample().readTable('Quotas')).rejects.toThrow("no table named 'Quotas'. Tables: DealTable");
  });
});
