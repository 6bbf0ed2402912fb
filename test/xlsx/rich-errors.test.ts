/**
 * Excel 365's rich errors in the xlsx layer, without the engine. Excel saves #CALC!, #SPILL!, ... as
 * `<c t="e" vm="N"><v>#VALUE!</v></c>` with `vm` leading through xl/metadata.xml to an `_error` rich value whose
 * errorType is the error ([MS-XLSX] rich value types; Office's ErrorCellValueType): 8 #SPILL!, 9 #CONNECT!,
 * 10 #BLOCKED!, 11 #UNKNOWN!, 12 #FIELD!, 13 #CALC!, 14 #BUSY!, 18 #EXTERNAL!.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { CellErrorValue } from '../../src/functions/clean';
import { readXlsx } from '../../src/xlsx/read';
import { patchWorkbook } from '../../src/xlsx/write';
import { richErrorWorkbook } from '../support/rich-errors';

const codes = async (bytes: Uint8Array) =>
  Object.fromEntries(
    (await readXlsx(bytes)).sheets[0].cells.map((c) => [
      c.address,
      c.value instanceof CellErrorValue ? c.value.code : c.value,
    ]),
  );
const e = (address: string, vm: number) => `<c r="${address}" t="e" vm="${vm}"><v>#VALUE!</v></c>`;

describe('reading rich errors', () => {
  it('decodes each errorType of the spec through valueMetadata, futureMetadata and the _error rich value', async () => {
    const types = [8, 9, 10, 11, 12, 13, 14, 18];
    const row = `<row r="1">${types.map((_, i) => e(String.fromCharCode(65 + i) + '1', i + 1)).join('')}</row>`;
    expect(await codes(await richErrorWorkbook(row, types))).toEqual({
      A1: '#SPILL!',
      B1: '#CONNECT!',
      C1: '#BLOCKED!',
      D1: '#UNKNOWN!',
      E1: '#FIELD!',
      F1: '#CALC!',
      G1: '#BUSY!',
      H1: '#EXTERNAL!',
    });
  });

  it('finds XLRICHVALUE by name among the metadata types (XLDAPR first, as with spilled formulas)', async () => {
    const row = `<row r="1">${e('A1', 2)}${e('B1', 1)}<c r="C1" t="e"><v>#VALUE!</v></c></row>`;
    // vm 2 is the second rich value (8, #SPILL!), vm 1 the first (13, #CALC!); C1 has no vm: a plain #VALUE!.
    expect(await codes(await richErrorWorkbook(row, [13, 8], true))).toEqual({
      A1: '#SPILL!',
      B1: '#CALC!',
      C1: '#VALUE!',
    });
  });

  it('reads the cached #VALUE! where the file has no rich data or the vm leads nowhere', async () => {
    expect(await codes(await richErrorWorkbook(`<row r="1">${e('A1', 1)}</row>`, []))).toEqual({ A1: '#VALUE!' });
    expect(await codes(await richErrorWorkbook(`<row r="1">${e('A1', 5)}</row>`, [13]))).toEqual({ A1: '#VALUE!' });
  });

  it("reads ironcalc's ERROR.TYPE.xlsx, saved by Excel: A8 holds #CALC! (errorType 13), A14 #SPILL! (8)", async () => {
    const file = path.join(__dirname, '../../../shared/fidelity/ironcalc/INFORMATION/ERROR.TYPE.xlsx');
    const read = await codes(fs.readFileSync(file));
    expect([read.A8, read.A14]).toEqual(['#CALC!', '#SPILL!']);
  });
});

describe('writing rich errors', () => {
  const sheetXml = async (b: Buffer) => (await JSZip.loadAsync(b)).file('xl/worksheets/sheet1.xml')!.async('string');
  const formulaRow = '<row r="1"><c r="A1"><f>B1</f><v>1</v></c><c r="B1"><f>C1</f><v>2</v></c></row>';

  it('writes #CALC! and #SPILL! as Excel does: #VALUE! with the vm of the matching rich value, read back as such', async () => {
    const wb = await readXlsx(await richErrorWorkbook(formulaRow, [13, 8], true));
    const warnings: string[] = [];
    const out = await patchWorkbook(
      wb,
      [
        { sheet: 'S', address: 'A1', formula: '=B1', error: { code: '#SPILL!', message: '' } },
        { sheet: 'S', address: 'B1', formula: '=C1', error: { code: '#CALC!', message: '' } },
      ],
      warnings,
    );
    expect(await sheetXml(out)).toContain(
      '<c r="A1" t="e" vm="2"><f>B1</f><v>#VALUE!</v></c><c r="B1" t="e" vm="1"><f>C1</f><v>#VALUE!</v></c>',
    );
    expect(warnings).toEqual([]);
    expect(await codes(out)).toEqual({ A1: '#SPILL!', B1: '#CALC!' });
  });

  it('drops the vm of a cell whose new value is not a rich error', async () => {
    const row = `<row r="1"><c r="A1" t="e" vm="1"><f>B1</f><v>#VALUE!</v></c></row>`;
    const wb = await readXlsx(await richErrorWorkbook(row, [13]));
    const out = await patchWorkbook(wb, [{ sheet: 'S', address: 'A1', formula: '=B1', value: 7 }], []);
    expect(await sheetXml(out)).toContain('<c r="A1"><f>B1</f><v>7</v></c>');
  });

  it('writes plain #VALUE! and says so where the file holds no rich value for the error', async () => {
    const wb = await readXlsx(await richErrorWorkbook(formulaRow, []));
    const warnings: string[] = [];
    const out = await patchWorkbook(
      wb,
      [{ sheet: 'S', address: 'A1', formula: '=B1', error: { code: '#CALC!', message: 'empty' } }],
      warnings,
    );
    expect(await sheetXml(out)).toContain('<c r="A1" t="e"><f>B1</f><v>#VALUE!</v></c>');
    expect(warnings).toEqual([
      '1 cell(s) (S!A1 #CALC!) give an Excel 365 error the file holds no rich value for; written as #VALUE!, which Excel shows until it recalculates',
    ]);
  });
});
