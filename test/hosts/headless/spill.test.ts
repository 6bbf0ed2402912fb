/**
 * Array formulas written back as Excel writes them (issue 15, item 13). Each workbook is built here with the
 * project's own writer, recalculated, and the written file read back: the formula's range, its cells and values.
 * Microsoft's rules followed (each test works its expected values out by hand):
 * - "Dynamic array formulas and spilled array behavior": a dynamic array (cm="1") spills as far as its result goes
 *   and its range is resized when the result grows or shrinks;
 * - "How to correct a #SPILL! error": when the spill range is not blank the formula shows #SPILL! and spills nothing;
 * - "Guidelines and examples of array formulas": a legacy (Ctrl+Shift+Enter) array keeps the range selected; a
 *   result larger than it is cut, a smaller one leaves #N/A in the extra cells, and a single row or column is
 *   repeated across the range.
 */
import JSZip from 'jszip';
import { XMLValidator } from 'fast-xml-parser';
import { CellErrorValue } from '../../../src/functions/clean';
import { recalcXlsx } from '../../../src/hosts/headless/recalc';
import { writeWorkbook, type CellSpec } from '../../../src/xlsx/create';
import { readXlsx } from '../../../src/xlsx/read';
import type { XlsxValue } from '../../../src/xlsx/types';

const SHEET = 'xl/worksheets/sheet1.xml';

/** Recalculates a one-sheet workbook given by cell address; returns the written sheet XML and the file read back. */
async function recalc(cells: Record<string, CellSpec>) {
  const r = await recalcXlsx(await writeWorkbook({ sheets: [{ name: 'S', cells }] }));
  const xml = await (await JSZip.loadAsync(r.output)).file(SHEET)!.async('string');
  expect(XMLValidator.validate(xml)).toBe(true);
  const back = (await readXlsx(r.output)).sheets[0];
  const value = (address: string): XlsxValue | undefined => back.cells.find((c) => c.address === address)?.value;
  const cell = (address: string) => back.cells.find((c) => c.address === address);
  return { r, xml, value, cell, back };
}

describe('a dynamic array is resized when its result changes size', () => {
  it('grows: the range takes the new rows, their cells are written, a styled empty cell keeps its style', async () => {
    // FILTER(A1:A5, A1:A5>2) over 5, 1, 7, 3, 9 keeps 5, 7, 3, 9 (4 rows) in order. The file was saved when it
    // returned 2 rows (B1:B2); B3 has no <c> and B4 is an empty cell formatted as a percentage (s="2").
    const { xml, value, cell } = await recalc({
      A1: 5,
      A2: 1,
      A3: 7,
      A4: 3,
      A5: 9,
      B1: { formula: '_xlfn._xlws.FILTER(A1:A5,A1:A5>2)', array: 'B1:B2', dynamic: true, value: 5 },
      B2: 1,
      B4: { value: null, format: 'percent' },
    });
    expect(xml).toContain('<c r="B1" cm="1"><f t="array" ref="B1:B4">_xlfn._xlws.FILTER(A1:A5,A1:A5&gt;2)</f><v>5</v>');
    expect(['B1', 'B2', 'B3', 'B4'].map(value)).toEqual([5, 7, 3, 9]);
    expect(xml).toContain('<c r="B3"><v>3</v></c>');
    expect(xml).toContain('<c r="B4" s="2"><v>9</v></c>');
    expect(xml.match(/<c r="B4"/g)).toHaveLength(1);
    expect(['B2', 'B3', 'B4'].map((a) => cell(a)?.spillOf)).toEqual(['B1', 'B1', 'B1']);
  });

  it('grows past the used range: new <row> elements in order and the sheet dimension widened', async () => {
    // SEQUENCE(4) = 1, 2, 3, 4 in A1:A4; the file was saved with A1:A2, so its dimension is A1:A2 and rows 3-4 are absent.
    const { xml, value } = await recalc({
      A1: { formula: '_xlfn.SEQUENCE(4)', array: 'A1:A2', dynamic: true, value: 1 },
      A2: 2,
    });
    expect(xml).toContain('<dimension ref="A1:A4"/>');
    expect(xml).toMatch(/<row r="2">.*<\/row><row r="3"><c r="A3"><v>3<\/v><\/c><\/row><row r="4"><c r="A4"><v>4<\/v>/);
    expect(['A1', 'A2', 'A3', 'A4'].map(value)).toEqual([1, 2, 3, 4]);
  });

  it('shrinks: the range loses the rows, the cells it no longer reaches are left out or kept empty when styled', async () => {
    // FILTER(A1:A4, A1:A4>2) over 1, 5, 2, 8 keeps 5, 8. Saved when it spilled 4 rows (B1:B4 = 1, 5, 2, 8); B4 is
    // formatted as a percentage, so its empty <c> stays for the style, while B3's goes.
    const { xml, value, cell } = await recalc({
      A1: 1,
      A2: 5,
      A3: 2,
      A4: 8,
      B1: { formula: '_xlfn._xlws.FILTER(A1:A4,A1:A4>2)', array: 'B1:B4', dynamic: true, value: 1 },
      B2: 5,
      B3: 2,
      B4: { value: 8, format: 'percent' },
    });
    expect(xml).toContain('<f t="array" ref="B1:B2">');
    expect(['B1', 'B2'].map(value)).toEqual([5, 8]);
    expect(xml).not.toContain('<c r="B3"');
    expect(xml).toContain('<c r="B4" s="2"/>');
    expect([cell('B3'), cell('B4')]).toEqual([undefined, undefined]);
  });

  it('a spill blocked by a value shows #SPILL! in the anchor alone; the rest of its old range is emptied', async () => {
    // A1:A4*10 = 10, 20, 30, 40 needs B1:B4, but B4 holds the text "note": #SPILL! in B1, range B1 only; B2 (in the
    // old range B1:B2) is emptied and B4 keeps "note".
    const { xml, value, r } = await recalc({
      A1: 1,
      A2: 2,
      A3: 3,
      A4: 4,
      B1: { formula: 'A1:A4*10', array: 'B1:B2', dynamic: true, value: 10 },
      B2: 20,
      B4: 'note',
    });
    expect(r.cells.find((c) => c.address === 'B1')?.error?.code).toBe('#SPILL!');
    // Excel saves #SPILL! as #VALUE! with a vm pointing at a rich error value (errorType 8), added to the file here.
    expect(xml).toContain('<c r="B1" cm="1" t="e" vm="1"><f t="array" ref="B1">A1:A4*10</f><v>#VALUE!</v></c>');
    expect(xml).not.toContain('<c r="B2"');
    expect([value('B1'), value('B2'), value('B4')]).toEqual([new CellErrorValue('#SPILL!'), undefined, 'note']);
  });

  it('a value below the rows FILTER returns does not block it (the engine reserves the input size)', async () => {
    // FILTER(A1:A5, A1:A5>3) over 1, 5, 1, 7, 1 keeps 5, 7: B1:B2. B5 holds "x", three rows below the result: Excel
    // spills without #SPILL! (only the cells the result needs must be empty). UNIQUE(A1:A5) = 1, 5, 7 in C1:C3, with
    // C5 = "y" below it. FORMULATEXT(B1) still shows the formula as typed.
    const { xml, value } = await recalc({
      A1: 1,
      A2: 5,
      A3: 1,
      A4: 7,
      A5: 1,
      B1: { formula: '_xlfn._xlws.FILTER(A1:A5,A1:A5>3)', array: 'B1', dynamic: true, value: 0 },
      B5: 'x',
      C1: { formula: '_xlfn.UNIQUE(A1:A5)', array: 'C1', dynamic: true, value: 0 },
      C5: 'y',
      D1: '=_xlfn.FORMULATEXT(B1)',
      D2: '=SUM(B1:B2)',
    });
    expect(xml).toContain('<f t="array" ref="B1:B2">');
    expect(xml).toContain('<f t="array" ref="C1:C3">');
    expect(['B1', 'B2', 'B5', 'C1', 'C2', 'C3', 'C5'].map(value)).toEqual([5, 7, 'x', 1, 5, 7, 'y']);
    expect([value('D1'), value('D2')]).toEqual(['=FILTER(A1:A5,A1:A5>3)', 12]);
  });

  it('a spill blocked by another formula shows #SPILL! too', async () => {
    // SEQUENCE(3) = 1, 2, 3 needs C1:C3; C3 holds =A1+1 (= 6, A1 being 5).
    const { xml, value } = await recalc({
      A1: 5,
      C1: { formula: '_xlfn.SEQUENCE(3)', array: 'C1', dynamic: true, value: 1 },
      C3: '=A1+1',
    });
    expect(xml).toContain('<f t="array" ref="C1">');
    expect([value('C1'), value('C3')]).toEqual([new CellErrorValue('#SPILL!'), 6]);
  });

  it("grows into the cells another dynamic array's old range no longer covers", async () => {
    // The file says A3's formula spilled A3:C3 (7, 8, 9); =D1 returns the one value 7 now, so B3 and C3 are free.
    // B1 = A5:A8*1 (1, 2, 3, 4) needs B1:B4, which crosses B3: it spills there, and C3 is emptied.
    const { xml, value } = await recalc({
      A3: { formula: 'D1', array: 'A3:C3', dynamic: true, value: 7 },
      B3: 8,
      C3: 9,
      D1: 7,
      A5: 1,
      A6: 2,
      A7: 3,
      A8: 4,
      B1: { formula: 'A5:A8*1', array: 'B1:B2', dynamic: true, value: 1 },
      B2: 2,
    });
    expect(xml).toContain('<f t="array" ref="A3">D1</f>');
    expect(xml).toContain('<f t="array" ref="B1:B4">A5:A8*1</f>');
    expect(['B1', 'B2', 'B3', 'B4', 'A3', 'C3'].map(value)).toEqual([1, 2, 3, 4, 7, undefined]);
  });

  it('an empty cell inside the result shows 0, as Excel spills a reference to an empty cell', async () => {
    // =A1:A3 with A2 empty spills 1, 0, 3 (Excel shows 0 for an empty cell a formula refers to).
    const { xml, value } = await recalc({
      A1: 1,
      A3: 3,
      B1: { formula: 'A1:A3', array: 'B1:B3', dynamic: true, value: 1 },
      B2: 0,
      B3: 3,
    });
    expect(xml).toContain('<f t="array" ref="B1:B3">A1:A3</f>');
    expect(['B1', 'B2', 'B3'].map(value)).toEqual([1, 0, 3]);
  });

  it('a formula that fails as a whole shows its error in the anchor alone, the old range emptied', async () => {
    // Microsoft's DROP: "If rows or columns is 0 or drops all of the array, #CALC! is returned" (one value, so
    // nothing spills): DROP(A1:A4, 1, 1) drops the only column. The file had spilled 3 values into B1:B3 before.
    const { xml, value, cell } = await recalc({
      A1: 1,
      A2: 2,
      A3: 3,
      A4: 4,
      B1: { formula: '_xlfn.DROP(A1:A4,1)', array: 'B1:B3', dynamic: true, value: 2 },
      B2: 3,
      B3: 4,
      C1: { formula: '_xlfn.DROP(A1:A4,1,1)', array: 'C1:C3', dynamic: true, value: 2 },
      C2: 3,
      C3: 4,
    });
    expect(['B1', 'B2', 'B3'].map(value)).toEqual([2, 3, 4]);
    expect(xml).toMatch(/<f t="array" ref="C1">_xlfn.DROP\(A1:A4,1,1\)<\/f>/);
    expect((value('C1') as CellErrorValue).code).toBe('#CALC!');
    expect(cell('C2')?.value ?? null).toBeNull();
    expect(cell('C3')?.value ?? null).toBeNull();
  });
});

describe('a legacy array keeps its range', () => {
  it('a larger result is cut to the range, never #SPILL!, even with a value right below it', async () => {
    // {=A1:A4*2} entered over B1:B2: 2, 4 are shown, 6 and 8 are cut; B3 holds "x", which does not block.
    const { xml, value } = await recalc({
      A1: 1,
      A2: 2,
      A3: 3,
      A4: 4,
      B1: { formula: 'A1:A4*2', array: 'B1:B2', value: 0 },
      B2: 0,
      B3: 'x',
    });
    expect(xml).toContain('<c r="B1"><f t="array" ref="B1:B2">A1:A4*2</f><v>2</v></c>');
    expect(['B1', 'B2', 'B3', 'B4'].map(value)).toEqual([2, 4, 'x', undefined]);
  });

  it('a smaller result: a single column is repeated across the range, #N/A below it', async () => {
    // {=A1:A2*10} entered over B1:C3: the column 10, 20 is repeated in C; row 3 is beyond the result: #N/A.
    const { value } = await recalc({
      A1: 1,
      A2: 2,
      B1: { formula: 'A1:A2*10', array: 'B1:C3', value: 0 },
      C1: 0,
      B2: 0,
      C2: 0,
      B3: 0,
      C3: 0,
    });
    const na = new CellErrorValue('#N/A');
    expect(['B1', 'C1', 'B2', 'C2', 'B3', 'C3'].map(value)).toEqual([10, 10, 20, 20, na, na]);
  });

  it('a 2 x 2 result in a 3 x 3 range: #N/A in the extra row and column; one value fills its whole range', async () => {
    // {={1,2;3,4}} over A1:C3 shows 1 2 #N/A / 3 4 #N/A / #N/A x3. {=SUM(E1:E2)} over F1:F2 (E = 5, 6) shows 11 twice.
    const cells: Record<string, CellSpec> = {
      A1: { formula: '{1,2;3,4}', array: 'A1:C3', value: 0 },
      E1: 5,
      E2: 6,
      F1: { formula: 'SUM(E1:E2)', array: 'F1:F2', value: 0 },
    };
    const { value } = await recalc(cells);
    const na = new CellErrorValue('#N/A');
    const grid = ['A', 'B', 'C'].flatMap((c) => [1, 2, 3].map((r) => value(`${c}${r}`)));
    // Column by column: A1 A2 A3, B1 B2 B3, C1 C2 C3.
    expect(grid).toEqual([1, 3, na, 2, 4, na, na, na, na]);
    expect([value('F1'), value('F2')]).toEqual([11, 11]);
  });
});
