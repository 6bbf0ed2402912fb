/**
 * Renames sheets and Excel tables inside an .xlsx before it joins an open workbook (Excel's
 * insertWorksheetsFromBase64 takes the file's names as they are, and table names are workbook-wide: a second
 * `tblReps` cannot exist). Sheet names in xl/workbook.xml, table parts (`name`, `displayName`), and every formula
 * that names them (cells, defined names, data validation, conditional formatting, calculated table columns) are
 * re-pointed. jszip only: this runs in the task pane bundle (no HyperFormula).
 */
import JSZip from 'jszip';
import { closingQuote, renameSheetRefs } from '../workbook/sheetNames';
import { decodeEntities as decode, escapeXml as encode } from './xml';

/** Elements whose text is a formula: cells, data validation, conditional formatting, x14 extensions, table columns. */
const FORMULA_ELEMENTS =
  /(<(f|formula|formula1|formula2|xm:f|calculatedColumnFormula|totalsRowFormula)\b[^>]*>)([^<]*)(<\/\2>)/g;

const isTablePart = (p: string) => /^xl\/tables\/[^/]+\.xml$/.test(p);
const isSheetPart = (p: string) => /^xl\/worksheets\/[^/]+\.xml$/.test(p);

/** The worksheet names of an .xlsx, in workbook order. */
export async function xlsxSheetNames(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('xl/workbook.xml')?.async('string');
  if (!xml) throw new Error('The template is not an Excel workbook (it has no xl/workbook.xml).');
  return [...xml.matchAll(/<sheet\b[^>]*?\sname="([^"]*)"/g)].map((m) => decode(m[1]));
}

/** The Excel table names of an .xlsx (the `displayName` formulas use), in part order. */
export async function xlsxTableNames(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files)
    .filter(isTablePart)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const names: string[] = [];
  for (const p of parts) {
    const open = /<table\b[^>]*>/.exec(await zip.file(p)!.async('string'))?.[0] ?? '';
    const name = /\sdisplayName="([^"]*)"/.exec(open)?.[1] ?? /\sname="([^"]*)"/.exec(open)?.[1];
    if (name) names.push(decode(name));
  }
  return names;
}

/** Excel's table-name limit. */
const MAX_TABLE_NAME = 255;

/**
 * New names for the tables of a file that clash (ignoring case, as Excel does) with names already in the open
 * workbook (`taken`: its tables and defined names): `tblReps` -> `tblReps_2`, `_3`, ..., never a name of the file
 * itself. Only the renamed tables are in the map (old -> new).
 */
export function uniqueTableNames(wanted: readonly string[], taken: readonly string[]): Map<string, string> {
  const used = new Set([...taken, ...wanted].map((n) => n.toLowerCase()));
  const clashes = new Set(taken.map((n) => n.toLowerCase()));
  const out = new Map<string, string>();
  for (const name of wanted) {
    if (!clashes.has(name.toLowerCase())) continue;
    let candidate = name;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) {
      const suffix = `_${n}`;
      candidate = name.slice(0, MAX_TABLE_NAME - suffix.length) + suffix;
    }
    used.add(candidate.toLowerCase());
    out.set(name, candidate);
  }
  return out;
}

/**
 * Re-points table names in a formula through `renames` (old -> new, matched ignoring case): structured references
 * (`tblReps[Quota]`, `tblReps[[#This Row],[Quota]]`, `tblReps[#All]`) and a bare table name (`SUM(tblReps)`).
 * String literals, quoted sheet names, the column part inside brackets, function names (`NAME(`), sheet prefixes
 * (`NAME!`) and names after `!` (another sheet's or workbook's) are left as they are.
 */
export function renameTableRefs(formula: string, renames: ReadonlyMap<string, string>): string {
  if (!renames.size) return formula;
  const lower = new Map([...renames].map(([k, v]) => [k.toLowerCase(), v]));
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // a string literal or a quoted sheet name
      const j = closingQuote(formula, i);
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '[') {
      // the column part of a structured reference (or an external workbook index): nested brackets, ' escapes
      let depth = 0;
      let j = i;
      for (; j < formula.length; j++) {
        if (formula[j] === "'") j++;
        else if (formula[j] === '[') depth++;
        else if (formula[j] === ']' && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^[A-Za-z_\\][\w.\\]*/.exec(formula.slice(i));
    if (m) {
      const next = formula[i + m[0].length];
      const prev = i > 0 ? formula[i - 1] : '';
      const to = next === '(' || next === '!' || prev === '!' ? undefined : lower.get(m[0].toLowerCase());
      out += to ?? m[0];
      i += m[0].length;
      continue;
    }
    // digits and the rest of a number (1.5E3) are copied with what follows them, so `E3` is never read as a name
    const n = /^\d[\d.]*(?:[eE][+-]?\d+)?/.exec(formula.slice(i));
    if (n) {
      out += n[0];
      i += n[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * A copy of the .xlsx with sheets renamed (old -> new) and, optionally, tables renamed (old -> new; see
 * {@link uniqueTableNames}); formulas, defined names and table parts follow.
 */
export async function renameXlsxSheets(
  bytes: Uint8Array,
  renames: ReadonlyMap<string, string>,
  tableRenames: ReadonlyMap<string, string> = new Map(),
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const rename = (text: string) => renameTableRefs(renameSheetRefs(text, renames), tableRenames);
  const formulas = (xml: string) =>
    xml.replace(
      FORMULA_ELEMENTS,
      (_, open: string, _tag: string, text: string, close: string) => open + encode(rename(decode(text))) + close,
    );
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  zip.file(
    'xl/workbook.xml',
    wb
      .replace(
        /(<sheet\b[^>]*?\sname=")([^"]*)(")/g,
        (_, a: string, name: string, b: string) => a + encode(renames.get(decode(name)) ?? decode(name)) + b,
      )
      .replace(
        /(<definedName\b[^>]*>)([^<]*)(<\/definedName>)/g,
        (_, a: string, text: string, b: string) => a + encode(rename(decode(text))) + b,
      ),
  );
  for (const part of Object.keys(zip.files).filter(isSheetPart))
    zip.file(part, formulas(await zip.file(part)!.async('string')));
  if (tableRenames.size) {
    const lower = new Map([...tableRenames].map(([k, v]) => [k.toLowerCase(), v]));
    const attr = (xml: string, element: RegExp, names: RegExp) =>
      xml.replace(element, (open) =>
        open.replace(names, (all, a: string, name: string, b: string) =>
          lower.has(decode(name).toLowerCase()) ? a + encode(lower.get(decode(name).toLowerCase())!) + b : all,
        ),
      );
    for (const part of Object.keys(zip.files).filter(isTablePart)) {
      const xml = await zip.file(part)!.async('string');
      zip.file(part, formulas(attr(xml, /<table\b[^>]*>/, /(\s(?:name|displayName)=")([^"]*)(")/g)));
    }
    // A pivot cache built on a table names it as its source.
    for (const part of Object.keys(zip.files).filter((p) => /^xl\/pivotCache\/[^/]+\.xml$/.test(p))) {
      const xml = await zip.file(part)!.async('string');
      zip.file(part, attr(xml, /<worksheetSource\b[^>]*>/g, /(\sname=")([^"]*)(")/g));
    }
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A copy of the .xlsx with tables renamed (old -> new), formulas following; sheet names unchanged. */
export function renameXlsxTables(bytes: Uint8Array, tableRenames: ReadonlyMap<string, string>): Promise<Uint8Array> {
  return renameXlsxSheets(bytes, new Map(), tableRenames);
}

/** Base64 of bytes, in chunks (String.fromCharCode on a whole workbook overflows the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
