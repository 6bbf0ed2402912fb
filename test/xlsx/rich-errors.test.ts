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
import { writeWorkbook } from '../../src/xlsx/create';
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

  it('adds the metadata and rich data parts, their relationships and content types to a file that has none', async () => {
    const wb = await readXlsx(await richErrorWorkbook(formulaRow, []));
    const warnings: string[] = [];
    const out = await patchWorkbook(
      wb,
      [
        { sheet: 'S', address: 'A1', formula: '=B1', error: { code: '#CALC!', message: 'empty' } },
        { sheet: 'S', address: 'B1', formula: '=C1', error: { code: '#SPILL!', message: '' } },
      ],
      warnings,
    );
    expect(warnings).toEqual([]);
    expect(await sheetXml(out)).toContain('<c r="A1" t="e" vm="1"><f>B1</f><v>#VALUE!</v></c><c r="B1" t="e" vm="2">');
    expect(await codes(out)).toEqual({ A1: '#CALC!', B1: '#SPILL!' });
    const zip = await JSZip.loadAsync(out);
    // errorType 13 is #CALC!, 8 #SPILL! ([MS-XLSX]); structure 0 is _error (errorType, subType).
    expect(await zip.file('xl/richData/rdrichvalue.xml')!.async('string')).toContain(
      '<rv s="0"><v>13</v><v>0</v></rv><rv s="0"><v>8</v><v>0</v></rv>',
    );
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('<Override PartName="/xl/metadata.xml"');
    expect(types).toContain(
      '<Override PartName="/xl/richData/rdrichvalue.xml" ContentType="application/vnd.ms-excel.rdrichvalue+xml"/>',
    );
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    expect(rels).toMatch(
      /Type="http:\/\/schemas\.microsoft\.com\/office\/2017\/06\/relationships\/rdRichValueStructure" Target="richData\/rdrichvaluestructure\.xml"/,
    );
  });

  it('appends to existing metadata and rich values (of another error), keeping their indexes', async () => {
    // The file holds #CALC! as vm 1 (XLDAPR is metadata type 1, XLRICHVALUE 2); #SPILL! is new: vm 2, rich value 1.
    const wb = await readXlsx(await richErrorWorkbook(formulaRow, [13], true));
    const out = await patchWorkbook(
      wb,
      [{ sheet: 'S', address: 'A1', formula: '=B1', error: { code: '#SPILL!', message: '' } }],
      [],
    );
    expect(await sheetXml(out)).toContain('<c r="A1" t="e" vm="2">');
    const meta = await (await JSZip.loadAsync(out)).file('xl/metadata.xml')!.async('string');
    expect(meta).toContain(
      '<valueMetadata count="2"><bk><rc t="2" v="0"/></bk><bk><rc t="2" v="1"/></bk></valueMetadata>',
    );
    expect(await codes(out)).toEqual({ A1: '#SPILL!', B1: 2 });
  });

  it('adds XLRICHVALUE to metadata that holds only the dynamic-array type, futureMetadata before cellMetadata', async () => {
    const zip = await JSZip.loadAsync(await richErrorWorkbook(formulaRow, []));
    zip.file(
      'xl/metadata.xml',
      '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>',
    );
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file(
      'xl/_rels/workbook.xml.rels',
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdM" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/></Relationships>',
      ),
    );
    const wb = await readXlsx(await zip.generateAsync({ type: 'uint8array' }));
    const out = await patchWorkbook(
      wb,
      [{ sheet: 'S', address: 'A1', formula: '=B1', error: { code: '#CALC!', message: '' } }],
      [],
    );
    const meta = await (await JSZip.loadAsync(out)).file('xl/metadata.xml')!.async('string');
    // XLRICHVALUE is metadata type 2; the cellMetadata block of the dynamic arrays (cm="1") is unchanged.
    expect(meta).toMatch(
      /<metadataTypes count="2">.*name="XLRICHVALUE".*<\/metadataTypes><futureMetadata name="XLDAPR".*<futureMetadata name="XLRICHVALUE" count="1">.*<\/futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"\/><\/bk><\/cellMetadata><valueMetadata count="1"><bk><rc t="2" v="0"\/><\/bk><\/valueMetadata><\/metadata>$/,
    );
    expect(await codes(out)).toEqual({ A1: '#CALC!', B1: 2 });
  });

  it('reads a #SPILL! whose _error structure has more keys, and adds #CALC! under a structure of its own', async () => {
    // Excel writes a #SPILL! with its offsets: keys colOffset, errorType, rwOffset, subType; errorType 8 is 2nd.
    const zip = await JSZip.loadAsync(
      await richErrorWorkbook(formulaRow.replace('<c r="A1">', '<c r="A1" t="e" vm="1">'), [8]),
    );
    const rd = 'http://schemas.microsoft.com/office/spreadsheetml/2017/richdata';
    zip.file(
      'xl/richData/rdrichvaluestructure.xml',
      `<rvStructures xmlns="${rd}" count="1"><s t="_error"><k n="colOffset" t="i"/><k n="errorType" t="i"/><k n="rwOffset" t="i"/><k n="subType" t="i"/></s></rvStructures>`,
    );
    zip.file(
      'xl/richData/rdrichvalue.xml',
      `<rvData xmlns="${rd}" count="1"><rv s="0"><v>0</v><v>8</v><v>1</v><v>1</v></rv></rvData>`,
    );
    const wb = await readXlsx(await zip.generateAsync({ type: 'uint8array' }));
    expect(wb.sheets[0].cells[0].value).toEqual(new CellErrorValue('#SPILL!'));
    const out = await patchWorkbook(
      wb,
      [{ sheet: 'S', address: 'B1', formula: '=C1', error: { code: '#CALC!', message: '' } }],
      [],
    );
    const parts = await JSZip.loadAsync(out);
    expect(await parts.file('xl/richData/rdrichvaluestructure.xml')!.async('string')).toContain(
      '<k n="subType" t="i"/></s><s t="_error"><k n="errorType" t="i"/><k n="subType" t="i"/></s></rvStructures>',
    );
    expect(await parts.file('xl/richData/rdrichvalue.xml')!.async('string')).toContain(
      '<rv s="1"><v>13</v><v>0</v></rv>',
    );
    expect(await codes(out)).toEqual({ A1: '#SPILL!', B1: '#CALC!' });
  });

  it('writes plain #VALUE! and says so where it cannot edit the metadata part (a prefixed root)', async () => {
    const zip = await JSZip.loadAsync(await richErrorWorkbook(formulaRow, [13]));
    const meta = await zip.file('xl/metadata.xml')!.async('string');
    zip.file(
      'xl/metadata.xml',
      meta.replace('<metadata xmlns=', '<x:metadata xmlns:x=').replace('</metadata>', '</x:metadata>'),
    );
    const wb = await readXlsx(await zip.generateAsync({ type: 'uint8array' }));
    const warnings: string[] = [];
    const out = await patchWorkbook(
      wb,
      [{ sheet: 'S', address: 'A1', formula: '=B1', error: { code: '#SPILL!', message: '' } }],
      warnings,
    );
    expect(await sheetXml(out)).toContain('<c r="A1" t="e"><f>B1</f><v>#VALUE!</v></c>');
    expect(warnings).toEqual([
      "1 cell(s) (S!A1 #SPILL!) give an Excel 365 error that could not be added to the file's rich values; written as #VALUE!, which Excel shows until it recalculates",
    ]);
  });
});

describe('new workbooks (the playground download, templates)', () => {
  it('store #CALC! and #SPILL! as Excel 365 does, beside dynamic-array metadata; classic errors as their text', async () => {
    const out = await writeWorkbook({
      sheets: [
        {
          name: 'S',
          rows: [
            [
              { value: new CellErrorValue('#CALC!') },
              { formula: '=A1', value: new CellErrorValue('#SPILL!'), array: 'B1', dynamic: true },
              { value: new CellErrorValue('#N/A') },
            ],
          ],
        },
      ],
    });
    const xml = await (await JSZip.loadAsync(out)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain('<c r="A1" t="e" vm="1"><v>#VALUE!</v></c>');
    expect(xml).toContain('<c r="B1" t="e" vm="2" cm="1"><f t="array" ref="B1">A1</f><v>#VALUE!</v></c>');
    expect(xml).toContain('<c r="C1" t="e"><v>#N/A</v></c>');
    expect(await codes(out)).toEqual({ A1: '#CALC!', B1: '#SPILL!', C1: '#N/A' });
  });
});
