/**
 * The xlsx layer's reader and writer: sheets, values, formulas, shared strings, and bad files, with no engine.
 */
import JSZip from 'jszip';
import { CellErrorValue } from '../../src/functions/clean';
import { writeWorkbook } from '../../src/xlsx/create';
import { XlsxFileError } from '../../src/xlsx/package';
import { readXlsx } from '../../src/xlsx/read';
import { excelStyleWorkbook } from '../support/excel-style-workbook';

describe('readXlsx', () => {
  it('reads sheets in workbook order, values, formulas, shared-formula followers, array ranges and names', async () => {
    const wb = await readXlsx(await writeWorkbook(excelStyleWorkbook()));
    expect(wb.sheets.map((s) => s.name)).toEqual(['Pipeline', 'Team Capacity']);
    const cell = (sheet: number, address: string) => wb.sheets[sheet].cells.find((c) => c.address === address);
    expect(cell(0, 'A6')?.value).toBe('Final call');
    expect(cell(0, 'E3')?.value).toBe(2500);
    // H3 is a follower of H2's shared formula, one row down: relative E2,F2 move to E3,F3; $A$2:$B$7 stays.
    expect(cell(0, 'H3')?.formula).toBe('_xldudf_SALESOPS_WEIGHTEDPIPE(E3,F3,$A$2:$B$7)');
    expect(cell(0, 'H5')?.formula).toBe('_xldudf_SALESOPS_WEIGHTEDPIPE(E5,F5,$A$2:$B$7)');
    expect(cell(0, 'G2')?.array).toEqual({ ref: 'G2:G5', dynamic: true });
    expect(cell(0, 'B12')?.array).toEqual({ ref: 'B12', dynamic: false });
    expect(cell(0, 'G4')?.spillOf).toBe('G2');
    expect(cell(1, 'A3')?.value).toBe('2026-02-01');
    expect(wb.names).toEqual([
      { name: 'Stages', formula: 'Pipeline!$A$2:$B$7' },
      { name: 'Ramp', formula: "'Team Capacity'!$C$2:$E$2", scope: 'Team Capacity' },
    ]);
  });

  it('takes the sheet order from workbook.xml and each sheet part from its relationship, not from the part names', async () => {
    const zip = await JSZip.loadAsync(
      await writeWorkbook({
        sheets: [
          { name: 'First', rows: [[1]] },
          { name: 'Second', rows: [[2]] },
        ],
      }),
    );
    const rels = (await zip.file('xl/_rels/workbook.xml.rels')!.async('string'))
      .replace('worksheets/sheet1.xml', 'worksheets/TMP')
      .replace('worksheets/sheet2.xml', 'worksheets/sheet1.xml')
      .replace('worksheets/TMP', 'worksheets/sheet2.xml');
    zip.file('xl/_rels/workbook.xml.rels', rels);
    const wb = await readXlsx(await zip.generateAsync({ type: 'uint8array' }));
    expect(wb.sheets.map((s) => [s.name, s.cells[0].value])).toEqual([
      ['First', 2],
      ['Second', 1],
    ]);
  });

  it('reads shared strings with rich text, inline strings, entities, booleans and error cells', async () => {
    const zip = await JSZip.loadAsync(await writeWorkbook({ sheets: [{ name: 'S', rows: [['x']] }] }));
    zip.file(
      'xl/sharedStrings.xml',
      '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>Final </t></r><r><rPr><b/></rPr><t xml:space="preserve">call &amp; co</t></r></si></sst>',
    );
    zip.file(
      'xl/worksheets/sheet1.xml',
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">' +
        '<c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>R&amp;D &#8364;5</t></is></c><c r="C1" t="b"><v>1</v></c>' +
        '<c r="D1" t="e"><v>#N/A</v></c><c r="E1" s="3"/><c r="F1"><v>1.5E3</v></c></row></sheetData></worksheet>',
    );
    const wb = await readXlsx(await zip.generateAsync({ type: 'uint8array' }));
    const values = wb.sheets[0].cells.map((c) => [c.address, c.value]);
    expect(values).toEqual([
      ['A1', 'Final call & co'],
      ['B1', 'R&D €5'],
      ['C1', true],
      ['D1', new CellErrorValue('#N/A')],
      ['F1', 1500],
    ]);
  });

  it('reads a literal CR LF in a cached value as a line feed, and _x000D_ as a carriage return', async () => {
    // XML 1.0 section 2.11: a parser passes "\r\n" and a lone "\r" on as "\n"; Excel writes a kept CR as _x000D_.
    const zip = await JSZip.loadAsync(await writeWorkbook({ sheets: [{ name: 'S', rows: [['x']] }] }));
    zip.file(
      'xl/worksheets/sheet1.xml',
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">' +
        '<c r="A1" t="str"><f>CHAR(10)</f><v xml:space="preserve">\r\n</v></c>' +
        '<c r="B1" t="str"><f>CHAR(13)</f><v>_x000D_</v></c><c r="C1" t="str"><f>"a"</f><v>a\rb&#13;</v></c>' +
        '</row></sheetData></worksheet>',
    );
    const wb = await readXlsx(await zip.generateAsync({ type: 'uint8array' }));
    expect(wb.sheets[0].cells.map((c) => c.value)).toEqual(['\n', '\r', 'a\nb\r']);
  });
});

describe('writeWorkbook', () => {
  it('stores SALESOPS functions in the _xldudf_ form when asked, and the plain form by default', async () => {
    const spec = (addinFunctions?: 'xldudf') =>
      writeWorkbook({
        addinFunctions,
        sheets: [{ name: 'S', rows: [['=SALESOPS.WEIGHTEDPIPE(A2,B2,C2:D3)+SUM(A2)']] }],
      });
    const stored = async (b: Buffer) => (await JSZip.loadAsync(b)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(await stored(await spec('xldudf'))).toContain('<f>_xldudf_SALESOPS_WEIGHTEDPIPE(A2,B2,C2:D3)+SUM(A2)</f>');
    expect(await stored(await spec())).toContain('<f>SALESOPS.WEIGHTEDPIPE(A2,B2,C2:D3)+SUM(A2)</f>');
  });
});

describe('bad files', () => {
  /** A minimal OLE compound file header plus directory entries named as in an encrypted .xlsx (MS-OFFCRYPTO 2.3.4). */
  function compoundFile(streams: string[]): Buffer {
    const header = Buffer.alloc(512);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
    const entries = ['Root Entry', ...streams].map((name) => {
      const e = Buffer.alloc(128);
      e.write(name, 0, 'utf16le');
      e.writeUInt16LE((name.length + 1) * 2, 64);
      return e;
    });
    return Buffer.concat([header, ...entries]);
  }

  let valid: Buffer;
  beforeAll(async () => {
    valid = await writeWorkbook(excelStyleWorkbook());
  });

  it.each([
    ['a truncated zip', () => valid.subarray(0, Math.floor(valid.length / 2)), /truncated or damaged/],
    ['a text file', () => Buffer.from('Stage,Amount\nTrial,1000\n'), /not an \.xlsx workbook/],
    ['an empty file', () => Buffer.alloc(0), /is empty/],
    ['a password-protected workbook', () => compoundFile(['EncryptionInfo', 'EncryptedPackage']), /password-protected/],
    ['a legacy .xls', () => compoundFile(['Workbook']), /old binary Excel file \(\.xls\)/],
  ])('refuses %s with a one-line reason', async (_what, make, message) => {
    const error = await readXlsx(make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxFileError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuses a zip that is not a workbook, and a part whose data is corrupt', async () => {
    const other = new JSZip();
    other.file('readme.txt', 'hello');
    await expect(readXlsx(await other.generateAsync({ type: 'uint8array' }))).rejects.toThrow(
      /zip archive but not an Excel workbook/,
    );
    // Flip bytes inside the first sheet's stored (uncompressed) data: its CRC no longer matches.
    const zip = await JSZip.loadAsync(valid);
    const stored = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    const at = stored.indexOf('<sheetData>');
    stored.write('<sheetDatX>', at);
    await expect(readXlsx(stored)).rejects.toThrow(/damaged/);
  });

  it('refuses a workbook with more cells than the limit before loading it', async () => {
    // excelStyleWorkbook has more than 20 cells on its first sheet alone.
    await expect(readXlsx(valid, { maxCells: 20 })).rejects.toThrow(
      /sheet 'Pipeline' reaches row \d+ and the workbook holds more than 20 cells/,
    );
  });
});
