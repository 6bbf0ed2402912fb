/**
 * Excel 365's rich errors through the headless host: a cell holding #CALC!, #SPILL!, ... (saved by Excel as #VALUE!
 * with a vm, test/support/rich-errors.ts) reaches the engine as that error, and a formula giving one is written back
 * as Excel writes it. Expected numbers are Microsoft's ERROR.TYPE table ("ERROR.TYPE function"): #NULL! 1, #DIV/0! 2,
 * #VALUE! 3, #REF! 4, #NAME? 5, #NUM! 6, #N/A 7, #GETTING_DATA 8, #SPILL! 9, #CONNECT! 10, #BLOCKED! 11,
 * #UNKNOWN! 12, #FIELD! 13, #CALC! 14, anything else #N/A. Rich value errorTypes ([MS-XLSX]): 8 #SPILL!,
 * 9 #CONNECT!, 10 #BLOCKED!, 11 #UNKNOWN!, 12 #FIELD!, 13 #CALC!, 14 #BUSY!.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { CellErrorValue } from '../../../src/functions/clean';
import { measureWorkbook } from '../../../src/fidelity/fidelity';
import { recalcXlsx } from '../../../src/hosts/headless/recalc';
import { readXlsx } from '../../../src/xlsx/read';
import { richErrorWorkbook } from '../../support/rich-errors';

const e = (address: string, vm: number) => `<c r="${address}" t="e" vm="${vm}"><v>#VALUE!</v></c>`;
const f = (address: string, formula: string, cached = '<v>0</v>') => `<c r="${address}"><f>${formula}</f>${cached}</c>`;
const byAddress = (cells: Awaited<ReturnType<typeof recalcXlsx>>['cells']) =>
  Object.fromEntries(cells.map((c) => [c.address, c.error ? c.error.code : c.value]));

describe('rich error constants in the engine', () => {
  // Column A: the errors, one per errorType; column B: ERROR.TYPE of each; column C: ISERROR; column D: =A.
  const types = [8, 9, 10, 11, 12, 13, 14];
  const rows = types
    .map(
      (_, i) =>
        `<row r="${i + 1}">${e(`A${i + 1}`, i + 1)}${f(`B${i + 1}`, `ERROR.TYPE(A${i + 1})`)}${f(`C${i + 1}`, `ISERROR(A${i + 1})`)}${f(`D${i + 1}`, `A${i + 1}`)}</row>`,
    )
    .join('');
  let result: Awaited<ReturnType<typeof recalcXlsx>>;
  beforeAll(async () => {
    result = await recalcXlsx(await richErrorWorkbook(rows, types));
  });

  it("ERROR.TYPE gives Microsoft's number for each error its table lists; ISERROR is TRUE for all", () => {
    const got = byAddress(result.cells);
    // #BUSY! (row 7) is left out: the table gives it no number.
    expect(types.slice(0, 6).map((_, i) => got[`B${i + 1}`])).toEqual([9, 10, 11, 12, 13, 14]);
    expect(types.every((_, i) => got[`C${i + 1}`] === true)).toBe(true);
  });

  it('a formula reading the cell gives the same error, written as #VALUE! with the vm of that rich value', async () => {
    const got = byAddress(result.cells);
    expect(types.map((_, i) => got[`D${i + 1}`])).toEqual([
      '#SPILL!',
      '#CONNECT!',
      '#BLOCKED!',
      '#UNKNOWN!',
      '#FIELD!',
      '#CALC!',
      '#BUSY!',
    ]);
    const xml = await (await JSZip.loadAsync(result.output)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain('<c r="D6" t="e" vm="6"><f>A6</f><v>#VALUE!</v></c>');
    const back = (await readXlsx(result.output)).sheets[0].cells.find((c) => c.address === 'D6')!.value;
    expect(back).toEqual(new CellErrorValue('#CALC!'));
  });
});

describe('a formula whose result is #CALC!', () => {
  // SEQUENCE(0,0) is an empty array: #CALC! (Microsoft, "How to correct a #CALC! error": empty arrays), cached by
  // Excel as #VALUE! with vm 1 (errorType 13), as ironcalc's SEQUENCE.xlsx C16 is.
  const row = `<row r="1"><c r="A1" t="e" vm="1"><f>_xlfn.SEQUENCE(0,0)</f><v>#VALUE!</v></c>${f('B1', 'ERROR.TYPE(A1)', '<v>14</v>')}</row>`;

  it('is computed as #CALC!, written with its vm, and equals Excel in the fidelity comparison (recalc --verify)', async () => {
    const input = await richErrorWorkbook(row, [13]);
    const result = await recalcXlsx(input);
    expect(byAddress(result.cells)).toEqual({ A1: '#CALC!', B1: 14 });
    const xml = await (await JSZip.loadAsync(result.output)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain('<c r="A1" t="e" vm="1"><f>_xlfn.SEQUENCE(0,0)</f><v>#VALUE!</v></c>');
    const measured = await measureWorkbook('seq.xlsx', input);
    expect([measured.cells, measured.equal, measured.differences]).toEqual([2, 2, []]);
  });
});

describe("ironcalc's ERROR.TYPE.xlsx, saved by Excel", () => {
  it('gives 14 for its #CALC! cell (B8) and 9 for its #SPILL! cell (B14), as Excel cached', async () => {
    const file = path.join(__dirname, '../../../../shared/fidelity/ironcalc/INFORMATION/ERROR.TYPE.xlsx');
    const result = await recalcXlsx(fs.readFileSync(file));
    const got = byAddress(result.cells);
    expect([got.B8, got.B14]).toEqual([14, 9]);
  });
});
