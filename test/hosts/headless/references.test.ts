/**
 * Excel's reference functions and implicit intersection in the headless host (src/hosts/headless/references.ts,
 * indirect.ts): INDIRECT, OFFSET with computed arguments, CHOOSE as a reference, ANCHORARRAY (`A1#`), TRIMRANGE,
 * a bare range in a single-cell formula, and defined names the engine would refuse. Each workbook is built here;
 * expected values are Microsoft's documented examples or worked out by hand in the comments.
 */
import JSZip from 'jszip';
import { recalcXlsx } from '../../../src/hosts/headless/recalc';
import { openWorkbookFile } from '../../../src/playground/files';
import { writeWorkbook, type WorkbookSpec } from '../../../src/xlsx/create';

type Recalc = Awaited<ReturnType<typeof recalcXlsx>>;

async function recalc(spec: WorkbookSpec): Promise<Recalc> {
  return recalcXlsx(await writeWorkbook(spec));
}

/** The result of one formula cell: its value, or its error code. */
function at(r: Recalc, address: string, sheet?: string): unknown {
  const c = r.cells.find((x) => x.address === address && (sheet === undefined || x.sheet === sheet));
  if (!c) throw new Error(`no formula cell ${address}`);
  expect(c.kept).toBeUndefined();
  return c.error ? c.error.code : c.value;
}

const message = (r: Recalc, address: string) => r.cells.find((x) => x.address === address)!.error?.message;
const spill = (r: Recalc, address: string) => r.cells.find((x) => x.address === address)!.spill!.values;

describe('INDIRECT', () => {
  // Microsoft's INDIRECT example: A2 "B2", A3 "B3", A4 "George" (B4 is named George), A5 5; B2 1.333, B3 45,
  // B4 10, B5 62. =INDIRECT(A2) is 1.333, =INDIRECT(A3) 45, =INDIRECT(A4) 10, =INDIRECT("B"&A5) 62.
  const doc: WorkbookSpec = {
    sheets: [
      {
        name: 'Sheet1',
        cells: {
          A2: 'B2',
          B2: 1.333,
          A3: 'B3',
          B3: 45,
          A4: 'George',
          B4: 10,
          A5: 5,
          B5: 62,
          D2: '=INDIRECT(A2)',
          D3: '=INDIRECT(A3)',
          D4: '=INDIRECT(A4)',
          D5: '=INDIRECT("B"&A5)',
        },
      },
    ],
    names: [{ name: 'George', ref: 'Sheet1!$B$4' }],
  };

  it("gives Microsoft's documented results: a cell named in text, a defined name, text built from a cell", async () => {
    const r = await recalc(doc);
    expect([at(r, 'D2'), at(r, 'D3'), at(r, 'D4'), at(r, 'D5')]).toEqual([1.333, 45, 10, 62]);
  });

  it('keeps the formula the user typed in the written file; only the cached values change', async () => {
    const r = await recalc(doc);
    const xml = await (await JSZip.loadAsync(r.output)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain('<f>INDIRECT(A2)</f>');
    expect(xml).toContain('<f>INDIRECT(&quot;B&quot;&amp;A5)</f>');
    expect(r.cells.find((c) => c.address === 'D2')!.formula).toBe('=INDIRECT(A2)');
  });

  it("shows the typed formula to FORMULATEXT (the formula bar text, Microsoft's FORMULATEXT doc)", async () => {
    const r = await recalc({
      sheets: [
        {
          name: 'S',
          cells: {
            A1: 'B1',
            B1: 5,
            C1: '=INDIRECT(A1)*2',
            C2: '=B:B',
            D1: '=_xlfn.FORMULATEXT(C1)',
            D2: '=_xlfn.FORMULATEXT(C2)',
            C3: '=INDIRECT("B"&"1")',
            D3: '=_xlfn.FORMULATEXT(C3)',
          },
        },
      ],
    });
    expect([at(r, 'D1'), at(r, 'D2'), at(r, 'D3')]).toEqual(['=INDIRECT(A1)*2', '=B:B', '=INDIRECT("B"&"1")']);
  });

  it('reads R1C1 text when a1 is FALSE, sheet-qualified text, ranges, and gives #REF! for text that is no reference', async () => {
    const r = await recalc({
      sheets: [
        {
          name: 'Main',
          cells: {
            A1: 2,
            A2: 3,
            A3: 4,
            // R2C1 is A2 (3); R[1]C[-1] from B2 is row 3, column A: A3 (4).
            B1: '=INDIRECT("R2C1",FALSE)',
            B2: '=INDIRECT("R[1]C[-1]",FALSE)',
            // 'Sheet 2'!B1 holds 7; SUM(A1:A3) = 2 + 3 + 4 = 9; ROW of C5 is 5.
            B3: `=INDIRECT("'Sheet 2'!B1")`,
            B4: '=SUM(INDIRECT("A1:A3"))',
            B5: '=ROW(INDIRECT("C5"))',
            B6: '=INDIRECT("not a reference")',
            B7: '=INDIRECT("Nowhere!A1")',
          },
        },
        { name: 'Sheet 2', cells: { B1: 7 } },
      ],
    });
    expect([at(r, 'B1'), at(r, 'B2'), at(r, 'B3'), at(r, 'B4'), at(r, 'B5')]).toEqual([3, 4, 7, 9, 5]);
    expect([at(r, 'B6'), at(r, 'B7')]).toEqual(['#REF!', '#REF!']);
    // Excel shows the code alone; the message says which argument and why.
    expect(message(r, 'B6')).toBe("INDIRECT: ref_text 'not a reference' is not an A1 reference or a defined name");
    expect(message(r, 'B7')).toBe("INDIRECT: ref_text 'Nowhere!A1' names a sheet the workbook does not have");
  });

  it('follows text that is itself computed by INDIRECT, in passes, and a range between two INDIRECTs', async () => {
    // C1 reads A1 ("A2"), so C1 is A2's text "B7"; D1 = INDIRECT(C1) = B7 = 42.
    // SUM(INDIRECT("B5"):INDIRECT("B7")) = SUM(B5:B7) = 1 + 2 + 42 = 45.
    const r = await recalc({
      sheets: [
        {
          name: 'S',
          cells: {
            A1: 'A2',
            A2: 'B7',
            B5: 1,
            B6: 2,
            B7: 42,
            D1: '=INDIRECT(C1)',
            C1: '=INDIRECT(A1)',
            E1: '=SUM(INDIRECT("B5"):INDIRECT("B7"))',
          },
        },
      ],
    });
    expect([at(r, 'C1'), at(r, 'D1'), at(r, 'E1')]).toEqual(['B7', 42, 45]);
  });

  it('reads a cell an array formula fills, though the file has no value there', async () => {
    // A1 spills SEQUENCE(3) over A1:A3 and C1 the texts "A2", "A1" over C1:C2 (the file holds only A1 and C1):
    // INDIRECT("A3") is 3, and INDIRECT(C2) reads "A1" from the spill: A1 = 1.
    const r = await recalc({
      sheets: [
        {
          name: 'S',
          cells: {
            A1: { formula: '_xlfn.SEQUENCE(3)', array: 'A1:A3', dynamic: true, value: 1 },
            C1: { formula: '{"A2";"A1"}', array: 'C1:C2', dynamic: true, value: 'A2' },
            B1: '=INDIRECT("A3")',
            B2: '=INDIRECT(C2)',
          },
        },
      ],
    });
    expect([at(r, 'B1'), at(r, 'B2')]).toEqual([3, 1]);
  });
});

describe('OFFSET with computed arguments and CHOOSE as a reference', () => {
  it("gives Microsoft's OFFSET results with the counts read from cells", async () => {
    // Microsoft's OFFSET examples: OFFSET(D3,3,-2,1,1) is B6; SUM(OFFSET(D3:F5,3,-2,3,3)) sums B6:D8;
    // OFFSET(D3,-3,-3) is off the sheet: #REF!. Here B6:D8 hold 1..9, so B6 = 1 and the sum is 45; the counts
    // come from H1:H2 (3, -2), which the engine's own OFFSET cannot take.
    const cells: Record<string, number | string> = { H1: 3, H2: -2, H3: -3 };
    ['B', 'C', 'D'].forEach((col, j) => [6, 7, 8].forEach((row, i) => (cells[`${col}${row}`] = 3 * i + j + 1)));
    Object.assign(cells, {
      J1: '=OFFSET(D3,H1,H2,1,1)',
      J2: '=SUM(OFFSET(D3:F5,H1,H2,3,3))',
      J3: '=OFFSET(D3,H3,H3)',
      // Fractions are truncated: 3.7 rows and -2.9 columns is OFFSET(D3,3,-2) = B6 = 1.
      J4: '=OFFSET(D3,H1+0.7,H2-0.9)',
      // Rows from ROW(): in row 5, (ROW()-4)*2 = 2, so OFFSET(B6,2,0) = B8 = 7.
      J5: '=OFFSET(B6,(ROW()-4)*2,0)',
    });
    const r = await recalc({ sheets: [{ name: 'S', cells }] });
    expect([at(r, 'J1'), at(r, 'J2'), at(r, 'J3'), at(r, 'J4'), at(r, 'J5')]).toEqual([1, 45, '#REF!', 1, 7]);
  });

  it('answers ISREF of a reference function without reading the cell (OFFSET(A1,6,5) from F7 is F7 itself)', async () => {
    // Microsoft's IS functions: ISREF(value) is TRUE when value refers to a reference. INDIRECT("no ref") is #REF!,
    // not a reference: FALSE.
    const r = await recalc({
      sheets: [{ name: 'S', cells: { F7: '=ISREF(OFFSET(A1,6,5))', F8: '=ISREF(INDIRECT("no ref"))' } }],
    });
    expect([at(r, 'F7'), at(r, 'F8')]).toEqual([true, false]);
  });

  it("sums A2:CHOOSE(2,A3,A4,A5) as A2:A4, Microsoft's CHOOSE example (80)", async () => {
    // Microsoft's CHOOSE example 2: A2 23, A3 45, A4 12, A5 10; =SUM(A2:CHOOSE(2,A3,A4,A5)) = 23 + 45 + 12 = 80.
    const r = await recalc({
      sheets: [{ name: 'S', cells: { A2: 23, A3: 45, A4: 12, A5: 10, B1: '=SUM(A2:CHOOSE(2,A3,A4,A5))' } }],
    });
    expect(at(r, 'B1')).toBe(80);
  });
});

describe('ANCHORARRAY, the spill reference A1#', () => {
  it('refers to the whole range a dynamic array spills, and is #REF! on a cell that holds no array', async () => {
    // A1 spills SEQUENCE(4) = 1, 2, 3, 4 into A1:A4: SUM(A1#) = 10, ROWS(A1#) = 4; C1 holds a number: C1# is #REF!.
    const r = await recalc({
      sheets: [
        {
          name: 'S',
          cells: {
            A1: { formula: '_xlfn.SEQUENCE(4)', array: 'A1:A4', dynamic: true, value: 1 },
            C1: 5,
            B1: '=SUM(_xlfn.ANCHORARRAY(A1))',
            B2: '=ROWS(_xlfn.ANCHORARRAY(A1))',
            B3: '=SUM(_xlfn.ANCHORARRAY(C1))',
          },
        },
      ],
    });
    expect([at(r, 'B1'), at(r, 'B2'), at(r, 'B3')]).toEqual([10, 4, '#REF!']);
  });
});

describe('TRIMRANGE', () => {
  // Values only in B3:C5 of A1:D10: B3 1, C4 2, B5 "x". Trimming both ends of rows and columns leaves B3:C5.
  const sheet = (extra: Record<string, unknown>) => ({
    sheets: [{ name: 'S', cells: { B3: 1, C4: 2, B5: 'x', ...extra } as never }],
  });

  it("excludes the blank outer rows and columns (Microsoft's TRIMRANGE doc), blanks inside shown as 0", async () => {
    const r = await recalc(
      sheet({
        F1: { formula: '_xlfn.TRIMRANGE(A1:D10)', array: 'F1:G3', dynamic: true, value: 1 },
        I1: '=ROWS(_xlfn.TRIMRANGE(A1:D10))',
        I2: '=COLUMNS(_xlfn.TRIMRANGE(A1:D10))',
        // Only trailing rows (2) and no columns (0): A1:D5, 5 rows and 4 columns.
        I3: '=ROWS(_xlfn.TRIMRANGE(A1:D10,2,0))*10+COLUMNS(_xlfn.TRIMRANGE(A1:D10,2,0))',
        // Only leading (1): B3:D10, 8 rows and 3 columns.
        I4: '=ROWS(_xlfn.TRIMRANGE(A1:D10,1,1))*10+COLUMNS(_xlfn.TRIMRANGE(A1:D10,1,1))',
      }),
    );
    expect(spill(r, 'F1')).toEqual([
      [1, 0],
      [0, 2],
      ['x', 0],
    ]);
    expect([at(r, 'I1'), at(r, 'I2'), at(r, 'I3'), at(r, 'I4')]).toEqual([3, 2, 54, 83]);
  });
});

describe('implicit intersection of a bare range', () => {
  // A1:A5 hold 10, 20, 30, 40, 50 and A1:E1's B1..E1 hold 2, 3, 4, 5 ("Implicit intersection operator: @":
  // a range gives the cell on the same row or column as the formula).
  const cells = { A1: 10, A2: 20, A3: 30, A4: 40, A5: 50, B1: 2, C1: 3, D1: 4, E1: 5 };

  it("takes the range's cell in the formula's row (a column range) or column (a row range); else #VALUE!", async () => {
    const r = await recalc({
      sheets: [
        {
          name: 'S',
          cells: {
            ...cells,
            G3: '=A1:A5', // row 3: A3 = 30
            G4: '=A:A', // row 4: A4 = 40
            G7: '=A1:A5', // row 7 is outside A1:A5: #VALUE!
            C9: '=A1:E1', // column C: C1 = 3
            D9: '=$1:$1', // column D: D1 = 4
            H9: '=A1:E1', // column H is outside A1:E1: #VALUE!
          },
        },
      ],
    });
    expect([at(r, 'G3'), at(r, 'G4'), at(r, 'G7'), at(r, 'C9'), at(r, 'D9'), at(r, 'H9')]).toEqual([
      30,
      40,
      '#VALUE!',
      3,
      4,
      '#VALUE!',
    ]);
    expect(message(r, 'G7')).toBe("the range A1:A5 does not meet the formula's row 7 (implicit intersection)");
  });

  it('intersects a defined name of a range the same way (=Price in the row of one of its cells)', async () => {
    // Price is B2:B4 (5, 6, 7): =Price in row 3 is B3 = 6; in row 6, outside the range, #VALUE!.
    const r = await recalc({
      sheets: [{ name: 'S', cells: { B2: 5, B3: 6, B4: 7, D3: '=Price', D6: '=Price', D7: '=SUM(Price)' } }],
      names: [{ name: 'Price', ref: 'S!$B$2:$B$4' }],
    });
    expect([at(r, 'D3'), at(r, 'D6'), at(r, 'D7')]).toEqual([6, '#VALUE!', 18]);
  });

  it('spills the range instead in a dynamic array formula, a blank cell as 0', async () => {
    // =A2:A4 entered in Excel 365 spills A2, A3, A4; with A3 cleared: 20, 0, 40.
    const r = await recalc({
      sheets: [
        {
          name: 'S',
          cells: { A2: 20, A4: 40, C2: { formula: 'A2:A4', array: 'C2:C4', dynamic: true, value: 20 } },
        },
      ],
    });
    expect(spill(r, 'C2')).toEqual([[20], [0], [40]]);
  });
});

describe('defined names the engine would refuse', () => {
  it('evaluates names that end in digits (named1, Sales2024), which Excel allows beyond column XFD', async () => {
    const r = await recalc({
      sheets: [{ name: 'S', cells: { A1: 11, A2: 22, B1: '=named1*2', B2: '=SUM(Sales2024)+NAMED1' } }],
      names: [
        { name: 'named1', ref: 'S!$A$1' },
        { name: 'Sales2024', ref: 'S!$A$1:$A$2' },
      ],
    });
    // named1 is A1 (11): 22; SUM(A1:A2) + 11 = 33 + 11 = 44.
    expect([at(r, 'B1'), at(r, 'B2')]).toEqual([22, 44]);
  });
});

describe('the playground grid', () => {
  it('shows the formula as typed, not the reference the engine evaluates, until the user edits the cell', async () => {
    const { workbook } = await openWorkbookFile(
      await writeWorkbook({ sheets: [{ name: 'S', cells: { A1: 'B1', B1: 5, C1: '=INDIRECT(A1)*2', C3: '=B:B' } }] }),
    );
    expect(workbook.cellInput('S', { row: 0, col: 2 })).toBe('=INDIRECT(A1)*2');
    expect(workbook.cellValue('S', { row: 0, col: 2 })).toBe(10); // B1 * 2
    expect(workbook.cellInput('S', { row: 2, col: 2 })).toBe('=B:B');
    workbook.engine.setCellContents({ sheet: 0, row: 0, col: 2 }, [['=B1+1']]);
    expect(workbook.cellInput('S', { row: 0, col: 2 })).toBe('=B1+1');
  });

  it('resolves INDIRECT again when the user edits the cell its text comes from, and after undo', async () => {
    const { workbook } = await openWorkbookFile(
      await writeWorkbook({ sheets: [{ name: 'S', cells: { A1: 'B1', B1: 5, B2: 7, C1: '=INDIRECT(A1)*2' } }] }),
    );
    const before = await workbook.write({ sheet: 'S', address: 'A1' }, [['B2']]);
    expect(workbook.cellValue('S', { row: 0, col: 2 })).toBe(14); // B2 * 2
    expect(workbook.cellInput('S', { row: 0, col: 2 })).toBe('=INDIRECT(A1)*2');
    await workbook.restore(before);
    expect(workbook.cellValue('S', { row: 0, col: 2 })).toBe(10); // B1 * 2 again
  });
});

describe('what cannot be resolved', () => {
  it("keeps Excel's cached value when the reference argument is an expression this host does not read", async () => {
    // INDEX returns a reference in Excel; as OFFSET's reference argument it is not resolved here.
    const r = await recalc({
      sheets: [
        {
          name: 'S',
          cells: { A1: 1, A2: 2, B1: { formula: 'SUM(INDIRECT(C1):OFFSET(INDEX(A1:A2,2),0,0))', value: 3 } },
        },
      ],
    });
    const c = r.cells.find((x) => x.address === 'B1')!;
    expect(c.kept).toBeDefined();
    expect(c.value).toBe(3);
  });
});
