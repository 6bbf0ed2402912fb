/**
 * Recalc on real workbooks never loses what Excel computed and never aborts on one formula (issue 15, items 9-13 and
 * iterative calculation). Each workbook is made here; each expected value is worked out by hand in its test.
 */
import JSZip from 'jszip';
import { XMLValidator } from 'fast-xml-parser';
import { CellErrorValue } from '../../../src/functions/clean';
import { recalcXlsx } from '../../../src/hosts/headless/recalc';
import { writeWorkbook, type WorkbookSpec } from '../../../src/xlsx/create';
import { readXlsx } from '../../../src/xlsx/read';
import { escapeXstring } from '../../../src/xlsx/xml';

const SHEET = 'xl/worksheets/sheet1.xml';

/** A workbook from a spec, with parts edited as a file from Excel or a script would have them. */
async function workbook(spec: WorkbookSpec, edit?: (part: string, xml: string) => string): Promise<Buffer> {
  const bytes = await writeWorkbook(spec);
  if (!edit) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  for (const part of ['xl/workbook.xml', SHEET]) zip.file(part, edit(part, await zip.file(part)!.async('string')));
  return zip.generateAsync({ type: 'nodebuffer' });
}

async function part(bytes: Buffer, name = SHEET): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file(name)!.async('string');
}

const cell = (r: Awaited<ReturnType<typeof recalcXlsx>>, address: string) =>
  r.cells.find((c) => c.address === address)!;

describe('an engine failure in one formula', () => {
  it('becomes that cell #VALUE! (REPT longer than 32,767 characters, as Microsoft documents) and the rest computes', async () => {
    // REPT("ab", 1e9) would be 2e9 characters: Excel's REPT returns #VALUE! beyond 32,767; the engine threw instead.
    const r = await recalcXlsx(await workbook({ sheets: [{ name: 'S', rows: [['=REPT("ab",1000000000)', '=1+1']] }] }));
    expect(cell(r, 'A1').error?.code).toBe('#VALUE!');
    expect(cell(r, 'A1').error?.message).toMatch(/REPT/);
    expect(cell(r, 'B1').value).toBe(2);
  });
});

describe('text results are written as Excel writes them (ST_Xstring)', () => {
  it('escapes control characters as _xHHHH_ and a literal _xHHHH_ as _x005F_xHHHH_', () => {
    expect(escapeXstring('a\u0001b')).toBe('a_x0001_b');
    expect(escapeXstring('x\u001Fy')).toBe('x_x001F_y');
    expect(escapeXstring('_x0041_')).toBe('_x005F_x0041_');
    expect(escapeXstring('tab\tand\nline')).toBe('tab\tand\nline'); // XML holds tab and line feed as they are
    expect(escapeXstring('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
  });

  it('writes CHAR(1) as _x0001_: the output is valid XML and reads back as the same text', async () => {
    // "a"&CHAR(1)&"b" is the three characters a, U+0001, b; "_x0041_" is seven plain characters.
    const r = await recalcXlsx(
      await workbook({ sheets: [{ name: 'S', rows: [['="a"&CHAR(1)&"b"', '="_x"&"0041_"']] }] }),
    );
    const xml = await part(r.output);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<v>a_x0001_b</v>');
    expect(xml).toContain('<v>_x005F_x0041_</v>');
    const back = await readXlsx(r.output);
    expect(back.sheets[0].cells.map((c) => c.value)).toEqual(['a\u0001b', '_x0041_']);
  });
});

describe('array formulas', () => {
  it('keeps <f ca="1"/> cells inside an array range as the array\'s cells, not empty formulas', async () => {
    // {=A1:A3*2} over B1:B3 with A = 1, 2, 3 gives 2, 4, 6; Excel marks B2:B3 <f ca="1"/> when the array is volatile.
    const bytes = await workbook(
      {
        sheets: [
          {
            name: 'S',
            rows: [
              [1, { formula: 'A1:A3*2', array: 'B1:B3', value: 0 }],
              [2, 0],
              [3, 0],
            ],
          },
        ],
      },
      (p, xml) =>
        p === SHEET ? xml.replace(/<c r="(B[23])"><v>0<\/v><\/c>/g, '<c r="$1"><f ca="1"/><v>0</v></c>') : xml,
    );
    const wb = await readXlsx(bytes);
    expect(wb.sheets[0].cells.filter((c) => c.spillOf === 'B1').map((c) => c.address)).toEqual(['B2', 'B3']);
    const r = await recalcXlsx(bytes);
    const xml = await part(r.output);
    expect(xml).toContain('<c r="B2"><f ca="1"/><v>4</v></c>');
    expect(xml).toContain('<c r="B3"><f ca="1"/><v>6</v></c>');
  });

  it('writes the cells of an array range that the file has no <c> for, in row and column order', async () => {
    // {=A1:A3*10} over C1:C3: 10, 20, 30. The script that wrote the file put only the anchor; row 3 has no <row>.
    const edited = await workbook({
      sheets: [
        { name: 'S', rows: [[1, 'x', { formula: 'A1:A3*10', array: 'C1:C3' }, 'end'], [2, null, null, 'd2'], [], [9]] },
      ],
    });
    expect(await part(edited)).not.toContain('<row r="3">');
    // A3 is missing from the file, so A1:A3 is 1, 2, (empty = 0): the results are 10, 20, 0.
    const r = await recalcXlsx(edited);
    const xml = await part(r.output);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(
      /<row r="2">.*<c r="C2"><v>20<\/v><\/c><c r="D2" t="s">.*<\/row><row r="3"><c r="C3"><v>0<\/v><\/c><\/row><row r="4">/,
    );
    expect(r.warnings.join('\n')).not.toMatch(/have no cell in the file/);
  });
});

describe("what the engine cannot evaluate keeps Excel's cached value", () => {
  it('CUBE functions, external links and a function the engine lacks: kept with the reason; dependents use the kept value', async () => {
    const r = await recalcXlsx(
      await workbook({
        sheets: [
          {
            name: 'S',
            rows: [
              [{ formula: 'CUBEVALUE("ThisWorkbookDataModel","[Measures].[Sales]")', value: 42 }, '=A1+1'],
              [{ formula: '[1]Prices!$B$2*2', value: 10 }, '=A2/2'],
              [{ formula: 'NOSUCHFUNCTION(1)', value: 7 }, '=A3*3'],
            ],
          },
        ],
      }),
    );
    expect([cell(r, 'A1').value, cell(r, 'A1').kept]).toEqual([42, expect.stringMatching(/CUBE/)]);
    expect([cell(r, 'A2').value, cell(r, 'A2').kept]).toEqual([10, expect.stringMatching(/another workbook/)]);
    expect([cell(r, 'A3').value, cell(r, 'A3').kept]).toEqual([
      7,
      expect.stringMatching(/lacks the function NOSUCHFUNCTION/),
    ]);
    // 42 + 1 = 43, 10 / 2 = 5, 7 x 3 = 21: computed from Excel's values, not from #NAME?.
    expect([cell(r, 'B1').value, cell(r, 'B2').value, cell(r, 'B3').value]).toEqual([43, 5, 21]);
    expect(cell(r, 'B1').kept).toBeUndefined();
    // The kept cells are written back unchanged.
    const xml = await part(r.output);
    expect(xml).toMatch(/<c r="A1"><f>CUBEVALUE[^<]*<\/f><v>42<\/v><\/c>/);
  });

  it('a circular reference without iterative calculation keeps the cached values and says so', async () => {
    const r = await recalcXlsx(
      await workbook({
        sheets: [
          {
            name: 'S',
            rows: [
              [
                { formula: 'B1+1', value: 3 },
                { formula: 'A1', value: 2 },
              ],
            ],
          },
        ],
      }),
    );
    expect(cell(r, 'A1').value).toBe(3);
    expect(cell(r, 'A1').kept).toMatch(/circular reference.*iterative calculation/);
    expect(cell(r, 'B1').value).toBe(2);
  });
});

describe('iterative calculation', () => {
  it('resolves interest on average debt as Excel does with iterate="1"', async () => {
    // Opening debt 1,000; closing = opening + interest; interest = 10% x (opening + closing) / 2.
    // interest = 0.05 x (2,000 + interest) -> 0.95 x interest = 100 -> interest = 105.263157..., closing 1,105.263157...
    const bytes = await workbook({ sheets: [{ name: 'S', rows: [[1000, '=A1+C1', '=0.1*(A1+B1)/2']] }] }, (p, xml) =>
      p === 'xl/workbook.xml'
        ? xml.replace(
            '<calcPr calcId="191029"/>',
            '<calcPr calcId="191029" iterate="1" iterateCount="100" iterateDelta="0.000001"/>',
          )
        : xml,
    );
    expect((await readXlsx(bytes)).iterate).toEqual({ count: 100, delta: 0.000001 });
    const r = await recalcXlsx(bytes);
    expect(cell(r, 'C1').value).toBeCloseTo(100 / 0.95, 5);
    expect(cell(r, 'B1').value).toBeCloseTo(1000 + 100 / 0.95, 5);
    expect(r.report.iteration).toEqual(expect.objectContaining({ converged: true, cells: 2 }));
  });

  it('stops at iterateCount: one iteration from 0 gives the first step only', async () => {
    // Iteration 1 from B1 = C1 = 0, in sheet order: B1 = 1,000 + 0 = 1,000, then C1 = 0.1 x (1,000 + 1,000) / 2 = 100.
    const bytes = await workbook({ sheets: [{ name: 'S', rows: [[1000, '=A1+C1', '=0.1*(A1+B1)/2']] }] }, (p, xml) =>
      p === 'xl/workbook.xml'
        ? xml.replace(
            '<calcPr calcId="191029"/>',
            '<calcPr calcId="191029" iterate="1" iterateCount="1" iterateDelta="0.001"/>',
          )
        : xml,
    );
    const r = await recalcXlsx(bytes);
    expect([cell(r, 'B1').value, cell(r, 'C1').value]).toEqual([1000, 100]);
    expect(r.report.iteration?.converged).toBe(false);
  });
});

describe('error values typed in cells', () => {
  it('reads #NULL! as an error, not text', async () => {
    const wb = await readXlsx(
      await workbook({ sheets: [{ name: 'S', rows: [[{ value: new CellErrorValue('#NULL!') }]] }] }),
    );
    expect(wb.sheets[0].cells[0].value).toEqual(new CellErrorValue('#NULL!'));
  });
});

describe('LAMBDA', () => {
  it('computes a MAP over a LAMBDA and keeps what the engine cannot settle', async () => {
    // Excel: MAP({1,2}, LAMBDA(x, x*2)) spills 2, 4. REDUCE with its initial value left out: Microsoft's doc says it
    // starts from the first value (2 x 3 = 6), which the engine does not decide, so the cached 6 is kept.
    const r = await recalcXlsx(
      await workbook({
        sheets: [
          {
            name: 'S',
            rows: [
              [{ formula: 'MAP({1,2},LAMBDA(x,x*2))', value: 2 }],
              [{ formula: 'REDUCE(,{2,3},LAMBDA(a,b,a*b))', value: 6 }],
            ],
          },
        ],
      }),
    );
    expect(cell(r, 'A1').value).toBe(2);
    expect(cell(r, 'A1').kept).toBeUndefined();
    expect(cell(r, 'A2').value).toBe(6);
    expect(cell(r, 'A2').kept).toMatch(/REDUCE is not supported headless/);
  });
});
