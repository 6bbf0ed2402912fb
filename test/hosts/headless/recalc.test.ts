/**
 * Real .xlsx files through the headless host: read, evaluate, write back only cached values.
 *
 * The workbooks are built here; every expected value is worked out by hand below (issue 2's worked examples):
 *   stages Discovery 10%, Qualified 20%, Demo 40%, Trial 60%, Final call 80%, Won 100%
 *   deals  Acme 1,000 Trial -> 600; Beta 2,500 Demo -> 1,000; Gamma 400 Won -> 400; Delta 1,200 Discovery -> 120
 *   weighted pipeline = 600 + 1,000 + 400 + 120 = 2,120
 *   CAPACITY: ramp {0.25,0.5,0.75}, 1.2M a year (100,000 a month), reps hired 2025-01-15 and 2026-02-01,
 *   period 2026-01-01..2026-03-31: rep 1 is fully ramped, 3 x 100,000 = 300,000; rep 2 works Feb (month 1, 25%)
 *   and Mar (month 2, 50%): 25,000 + 50,000 = 75,000; total 375,000.
 * Excel serials (1900 system): 2024-01-01 = 45292, so 2025-01-01 = 45292 + 366 = 45658, 2025-01-15 = 45672,
 * 2026-01-01 = 45658 + 365 = 46023, 2026-03-31 = 46023 + 31 + 28 + 30 = 46112.
 */
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { writeWorkbook } from '../../../src/xlsx/create';
import { loadXlsxIntoEngine } from '../../../src/hosts/headless/load';
import { recalcXlsx } from '../../../src/hosts/headless/recalc';
import { excelStyleWorkbook } from '../../support/excel-style-workbook';

/** Every `<c>` of a sheet's XML by address: its t attribute and <v> text (undefined when absent). */
function cellsOf(xml: string): Map<string, { t?: string; v?: string }> {
  const out = new Map<string, { t?: string; v?: string }>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const t = / t="([^"]*)"/.exec(m[2])?.[1];
    const v = /<v>([^<]*)<\/v>/.exec(m[3] ?? '')?.[1];
    out.set(m[1], { t, v });
  }
  return out;
}

/** The sheet XML without cached values: what must not change at all. */
function withoutCachedValues(xml: string): string {
  return xml
    .replace(/<v>[^<]*<\/v>|<v\/>/g, '')
    .replace(/(<c\b[^>]*?) t="[^"]*"/g, '$1')
    .replace(/(<c\b[^>]*?)><\/c>/g, '$1/>');
}

async function parts(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const name of Object.keys(zip.files))
    if (!zip.files[name].dir) out.set(name, await zip.files[name].async('uint8array'));
  return out;
}

const text = (b: Uint8Array | undefined) => Buffer.from(b ?? new Uint8Array()).toString('utf8');

describe('recalcXlsx on a workbook saved in the _xldudf_ form with dynamic arrays', () => {
  let input: Buffer;
  let inputCopy: Buffer;
  let result: Awaited<ReturnType<typeof recalcXlsx>>;
  let before: Map<string, Uint8Array>;
  let after: Map<string, Uint8Array>;
  beforeAll(async () => {
    input = await writeWorkbook(excelStyleWorkbook());
    inputCopy = Buffer.from(input);
    result = await recalcXlsx(input);
    before = await parts(input);
    after = await parts(result.output);
  });

  it('leaves the input bytes untouched', () => {
    expect(input.equals(inputCopy)).toBe(true);
  });

  it('evaluates SALESOPS and built-in formulas to the hand-worked values', () => {
    const v = (sheet: string, address: string) => result.cells.find((c) => c.sheet === sheet && c.address === address);
    expect(v('Pipeline', 'B9')?.value).toBeCloseTo(2120, 9);
    expect(v('Pipeline', 'B9')?.formula).toBe('=SALESOPS.WEIGHTEDPIPE(E2:E5,F2:F5,Stages)');
    expect(v('Pipeline', 'B10')?.value).toBeCloseTo(2120, 9); // sum of the spilled G2:G5
    expect(v('Pipeline', 'B11')?.value).toBeCloseTo(2120, 9); // sum of the shared-formula cells H2:H5
    expect(v('Pipeline', 'B12')?.value).toBe(1000); // only Acme is in Trial
    expect(v('Pipeline', 'B13')?.error?.code).toBe('#N/A');
    expect(v('Pipeline', 'B13')?.error?.message).toMatch(/Negotiaton/);
    expect(v('Pipeline', 'B14')?.value).toBe('Trial deal');
    expect(v('Pipeline', 'C14')?.value).toBe(true);
    expect(v('Team Capacity', 'B5')?.value).toBeCloseTo(375000, 6);
    expect(v('Pipeline', 'B16')?.value).toBeCloseTo(377120, 6); // 375,000 + 2,120
    const spill = v('Pipeline', 'G2')?.spill;
    expect(spill?.ref).toBe('G2:G5');
    [600, 1000, 400, 120].forEach((x, i) => expect(spill?.values[i][0]).toBeCloseTo(x, 9));
  });

  it('writes the results as cached values: numbers without t, text as t="str", TRUE as t="b", errors as t="e"', () => {
    const cells = cellsOf(text(after.get('xl/worksheets/sheet1.xml')));
    const num = (a: string) => {
      expect(cells.get(a)?.t).toBeUndefined();
      return Number(cells.get(a)?.v);
    };
    [
      ['G2', 600],
      ['G3', 1000],
      ['G4', 400],
      ['G5', 120],
      ['H2', 600],
      ['H3', 1000],
      ['H4', 400],
      ['H5', 120],
      ['I2', 2500],
      ['I3', 1200],
      ['I4', 1000],
      ['I5', 400],
      ['J2', 2500],
      ['J3', 1200],
      ['B9', 2120],
      ['B10', 2120],
      ['B11', 2120],
      ['B12', 1000],
      ['B16', 377120],
    ].forEach(([a, x]) => expect(num(a as string)).toBeCloseTo(x as number, 6));
    // The FILTER now returns 2 rows: the 2 stale spill cells below are left out (no style), as Excel shrinks a spill.
    expect(cells.get('J4')).toBeUndefined();
    expect(cells.get('J5')).toBeUndefined();
    expect(cells.get('B13')).toEqual({ t: 'e', v: '#N/A' });
    expect(cells.get('B14')).toEqual({ t: 'str', v: 'Trial deal' });
    expect(cells.get('C14')).toEqual({ t: 'b', v: '1' });
    expect(Number(cellsOf(text(after.get('xl/worksheets/sheet2.xml'))).get('B5')?.v)).toBeCloseTo(375000, 6);
  });

  it('keeps every other zip part byte for byte, including xl/metadata.xml', () => {
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(before.has('xl/metadata.xml')).toBe(true);
    for (const [name, bytes] of before) {
      if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
      expect({ name, same: Buffer.from(bytes).equals(Buffer.from(after.get(name)!)) }).toEqual({ name, same: true });
    }
  });

  it('changes nothing in the sheets but <v> and t, and the range of the dynamic array that shrank', () => {
    for (const name of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) {
      const old = text(before.get(name));
      const now = text(after.get(name));
      expect(now).not.toBe(old);
      // The FILTER in J2 spilled J2:J5 when saved and spills 2 rows now (above): Excel writes its range as J2:J3 and
      // leaves out the unstyled cells J4 and J5.
      const resized = name.endsWith('sheet1.xml')
        ? old.replace('ref="J2:J5"', 'ref="J2:J3"').replace(/<c r="J[45]"[^>]*?(\/>|>.*?<\/c>)/g, '')
        : old;
      expect(withoutCachedValues(now)).toBe(withoutCachedValues(resized));
    }
    const sheet = text(after.get('xl/worksheets/sheet1.xml'));
    expect(sheet).toContain('<c r="G2" cm="1"><f t="array" ref="G2:G5">E2:E5*VLOOKUP(F2:F5,$A$2:$B$7,2,FALSE)</f>');
    expect(sheet).toContain('<f t="shared" si="0"/>');
  });

  it('recalculating its own output again gives the same bytes in every sheet (cached values are already current)', async () => {
    const again = await parts((await recalcXlsx(result.output)).output);
    for (const [name, bytes] of after)
      expect({ name, same: Buffer.from(bytes).equals(Buffer.from(again.get(name)!)) }).toEqual({ name, same: true });
  });
});

describe('formulas the engine cannot read', () => {
  it('keeps the cached value of a structured or external reference, untouched, and says so', async () => {
    // Excel computed 42 and 7 when it saved; the headless engine has no tables or links, so they must survive as is.
    const input = await writeWorkbook({
      sheets: [
        {
          name: 'S',
          rows: [[1, { formula: 'SUM(Table1[Amount])', value: 42 }, { formula: '[2]Other!A1', value: 7 }, '=A1*3']],
        },
      ],
    });
    const result = await recalcXlsx(input);
    expect(result.cells.map((c) => [c.address, c.value, !!c.kept])).toEqual([
      ['B1', 42, true],
      ['C1', 7, true],
      ['D1', 3, false],
    ]);
    expect(result.cells.map((c) => c.kept)).toEqual([
      expect.stringMatching(/^the engine cannot read this formula/),
      expect.stringMatching(/another workbook/),
      undefined,
    ]);
    const sheet = text((await parts(result.output)).get('xl/worksheets/sheet1.xml'));
    expect(sheet).toContain(
      '<c r="B1"><f>SUM(Table1[Amount])</f><v>42</v></c><c r="C1"><f>[2]Other!A1</f><v>7</v></c><c r="D1"><f>A1*3</f><v>3</v></c>',
    );
  });
});

describe('loadXlsxIntoEngine', () => {
  it('gives a live engine over the workbook: edits recalculate like Excel', async () => {
    const loaded = await loadXlsxIntoEngine(await writeWorkbook(excelStyleWorkbook()));
    try {
      const pipeline = loaded.sheetIds.get('Pipeline')!;
      expect(loaded.engine.getCellValue({ sheet: pipeline, row: 8, col: 1 })).toBeCloseTo(2120, 9);
      // Acme moves from Trial (60%) to Won (100%): 2,120 - 600 + 1,000 = 2,520.
      loaded.engine.setCellContents({ sheet: pipeline, row: 1, col: 5 }, 'Won');
      expect(loaded.engine.getCellValue({ sheet: pipeline, row: 8, col: 1 })).toBeCloseTo(2520, 9);
    } finally {
      loaded.engine.destroy();
    }
  });
});

describe('files written by other tools', () => {
  it('recalculates a workbook written by exceljs (shared formula, styles, theme) and keeps its other parts', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Deals');
    ws.getCell('A1').value = 2;
    ws.getCell('A2').value = 3;
    ws.getCell('A1').font = { bold: true };
    ws.getCell('B1').value = {
      formula: 'A1*10',
      result: 0,
      shareType: 'shared',
      ref: 'B1:B2',
    } as ExcelJS.CellFormulaValue;
    ws.getCell('B2').value = { sharedFormula: 'B1', result: 0 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell('A3').value = { formula: 'SUM(A1:A2)', result: 0 } as ExcelJS.CellFormulaValue;
    const input = Buffer.from(await book.xlsx.writeBuffer());
    const result = await recalcXlsx(input);
    // 2 + 3 = 5; B1 = 2 x 10 = 20; B2 (follower, one row down) = 3 x 10 = 30.
    expect(result.cells.map((c) => [c.address, c.value])).toEqual([
      ['B1', 20],
      ['B2', 30],
      ['A3', 5],
    ]);
    const before = await parts(input);
    const after = await parts(result.output);
    for (const [name, bytes] of before)
      if (name !== 'xl/worksheets/sheet1.xml')
        expect({ name, same: Buffer.from(bytes).equals(Buffer.from(after.get(name)!)) }).toEqual({ name, same: true });
  });

  it('reads sheets whose XML uses a namespace prefix (x:c, x:v), as the Open XML SDK writes them', async () => {
    const zip = await JSZip.loadAsync(
      await writeWorkbook({ sheets: [{ name: 'S', rows: [[4, 5, { formula: 'A1*B1', value: 0 }]] }] }),
    );
    const xml = (await zip.file('xl/worksheets/sheet1.xml')!.async('string'))
      .replace(/<(\/?)(\w+)/g, '<$1x:$2')
      .replace('xmlns=', 'xmlns:x=');
    zip.file('xl/worksheets/sheet1.xml', xml);
    const result = await recalcXlsx(await zip.generateAsync({ type: 'uint8array' }));
    expect(result.cells[0].value).toBe(20); // 4 x 5
    const out = await (await JSZip.loadAsync(result.output)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(out).toContain('<x:c r="C1"><x:f>A1*B1</x:f><x:v>20</x:v></x:c>');
  });
});

describe('recalcXlsx on a dynamic array whose first item is an error', () => {
  it('keeps the rest of the spill (SORT descending puts errors first: {3; #DIV/0!; 1} -> #DIV/0!, 3, 1)', async () => {
    const bytes = await writeWorkbook({
      sheets: [
        {
          name: 'S',
          rows: [
            [3, { formula: '_xlfn._xlws.SORT(A1:A3,1,-1)', array: 'B1:B3', dynamic: true, value: 0 }],
            [{ formula: '1/0', value: 0 }, { value: 0 }],
            [1, { value: 0 }],
          ],
        },
      ],
    } as never);
    const result = await recalcXlsx(bytes);
    const spill = result.cells.find((c) => c.sheet === 'S' && c.address === 'B1')?.spill;
    expect(spill?.values.map((r) => r[0])).toEqual([{ error: '#DIV/0!', message: expect.any(String) }, 3, 1]);
  });
});
