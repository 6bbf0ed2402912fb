/**
 * Renames sheets inside an .xlsx before Excel inserts it (insertWorksheetsFromBase64 takes the file's names as they
 * are): the sheet names in xl/workbook.xml, every formula in the worksheets and every defined name are re-pointed.
 * jszip only: this runs in the task pane bundle (no HyperFormula).
 */
import JSZip from 'jszip';
import { renameSheetRefs } from '../../workbook/sheetNames';

const decode = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
const encode = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The worksheet names of an .xlsx, in workbook order. */
export async function xlsxSheetNames(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('xl/workbook.xml')?.async('string');
  if (!xml) throw new Error('The template is not an Excel workbook (it has no xl/workbook.xml).');
  return [...xml.matchAll(/<sheet\b[^>]*?\sname="([^"]*)"/g)].map((m) => decode(m[1]));
}

/** A copy of the .xlsx with sheets renamed (old -> new) and formulas and defined names following them. */
export async function renameXlsxSheets(bytes: Uint8Array, renames: ReadonlyMap<string, string>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const formulas = (xml: string) => xml.replace(/(<f\b[^>]*>)([^<]*)(<\/f>)/g, (_, open: string, text: string, close: string) => open + encode(renameSheetRefs(decode(text), renames)) + close);
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  zip.file(
    'xl/workbook.xml',
    wb
      .replace(/(<sheet\b[^>]*?\sname=")([^"]*)(")/g, (_, a: string, name: string, b: string) => a + encode(renames.get(decode(name)) ?? decode(name)) + b)
      .replace(/(<definedName\b[^>]*>)([^<]*)(<\/definedName>)/g, (_, a: string, text: string, b: string) => a + encode(renameSheetRefs(decode(text), renames)) + b),
  );
  for (const part of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p))) zip.file(part, formulas(await zip.file(part)!.async('string')));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Base64 of bytes, in chunks (String.fromCharCode on a whole workbook overflows the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
