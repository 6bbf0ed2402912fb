/**
 * Reading an .xlsx: values, formulas (shared formulas moved to each follower, array formulas with their range),
 * defined names and tables, from the zip parts themselves (jszip + fast-xml-parser, and a positional scan of each
 * sheet's `<sheetData>`), never through a spreadsheet library's model. The scan keeps where each cell's `<c>`
 * element sits so that write.ts can patch cached values in place. Free of the engine: `salesops balance` reads
 * tables through it without loading HyperFormula.
 */
import type JSZip from 'jszip';
import { CellErrorValue } from '../functions/clean';
import { MAX_COLUMNS, MAX_ROWS, cellAddress, parseArea, parseCell, qualifiedAddress } from '../workbook/a1';
import { rewriteFormula } from './formula-refs';
import {
  DEFAULT_MAX_CELLS,
  XlsxFileError,
  oneLine,
  openPackage,
  parser,
  readPart,
  readRels,
  resolveTarget,
} from './package';
import { type RichErrors, readRichErrors } from './rich-errors';
import type { ReadOptions, XlsxCell, XlsxDefinedName, XlsxSheet, XlsxValue, XlsxWorkbook } from './types';
import { attribute, attributes, decodeXmlText } from './xml';

/** What the patcher needs and readers do not: the zip and where each cell's XML sits. */
export interface Internals {
  zip: JSZip;
  xml: Map<string, string>; // part -> sheet XML
  /** Per sheet part: start and end offset of each cell's `<c>` element, in the order of XlsxSheet.cells. */
  spans: Map<string, { starts: number[]; ends: number[] }>;
  /** Excel 365's rich errors (#CALC!, #SPILL!, ...) by `vm` index, and a `vm` for each (rich-errors.ts). */
  richErrors: RichErrors;
  /** Zip path of the workbook part (xl/workbook.xml), which owns the metadata and rich data parts. */
  workbookPart: string;
}
const internals = new WeakMap<XlsxWorkbook, Internals>();

/** The zip and the cell spans behind a workbook that readXlsx returned (for patching its cached values). */
export function workbookInternals(workbook: XlsxWorkbook): Internals {
  const found = internals.get(workbook);
  if (!found) throw new Error('this workbook was not read by readXlsx');
  return found;
}

/** The Excel tables a worksheet part links to (name and ref), so task panes can offer them by name. */
async function readTables(zip: JSZip, sheetPart: string): Promise<{ name: string; ref: string }[]> {
  const out: { name: string; ref: string }[] = [];
  for (const rel of await readRels(zip, sheetPart)) {
    if (rel.external || !/\/table$/.test(rel.type)) continue;
    const xml = await readPart(zip, resolveTarget(sheetPart, rel.target), 'a table part');
    const t = xml ? (parser.parse(xml)?.table as Record<string, string> | undefined) : undefined;
    const name = decodeXmlText(String(t?.displayName ?? t?.name ?? ''));
    if (name && t?.ref) out.push({ name, ref: String(t.ref) });
  }
  return out;
}

/** Concatenated text of a shared-string item or inline string: plain `<t>` or rich-text runs `<r><t>`. */
function itemText(si: unknown): string {
  if (si === null || si === undefined) return '';
  if (typeof si === 'string') return decodeXmlText(si);
  const o = si as Record<string, unknown>;
  const t = (x: unknown): string =>
    typeof x === 'string'
      ? decodeXmlText(x)
      : x && typeof x === 'object' && '#text' in x
        ? decodeXmlText(String((x as Record<string, unknown>)['#text']))
        : '';
  if (o.t !== undefined) return t(o.t);
  if (Array.isArray(o.r)) return o.r.map((run) => t((run as Record<string, unknown>).t)).join('');
  return '';
}

const CANONICAL_ADDRESS = /^[A-Z]{1,3}[1-9]\d{0,6}$/;

/** Days between Excel's serial 0 (1899-12-30 in the 1900 system, counting its leap-year bug) and 1970-01-01. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A cached value from a `<c>` element's type and text. */
function cellValue(t: string | undefined, v: string | null, inline: string | null, sst: string[]): XlsxValue {
  switch (t) {
    case 's': {
      const s = v === null ? undefined : sst[Number(v)];
      return s ?? null;
    }
    case 'inlineStr':
      return inline ?? (v === null ? null : decodeXmlText(v));
    case 'str':
      return v === null ? null : decodeXmlText(v);
    case 'b':
      return v === null ? null : v.trim() === '1' || v.trim().toLowerCase() === 'true';
    case 'e':
      return v === null ? null : new CellErrorValue(decodeXmlText(v).trim());
    case 'd': {
      if (v === null) return null;
      const ms = Date.parse(v.trim().length <= 10 ? v.trim() + 'T00:00:00Z' : v.trim().replace(/Z?$/, 'Z'));
      return Number.isFinite(ms) ? (ms - EXCEL_EPOCH_MS) / 86_400_000 : decodeXmlText(v);
    }
    default: {
      if (v === null || v.trim() === '') return null;
      const n = Number(v);
      return Number.isFinite(n) ? n : decodeXmlText(v);
    }
  }
}

const CELL_OR_ROW = /<(?:[\w.-]+:)?row\b([^>]*)>|<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;
export const F_ELEMENT = /<(?:[\w.-]+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?f>)/;
export const V_ELEMENT = /<(?:[\w.-]+:)?v\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?v>)/;
export const IS_ELEMENT = /<(?:[\w.-]+:)?is\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?is>)/;
const T_TEXT = /<(?:[\w.-]+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?t>)/g;
// Phonetic runs (<rPh>) hold furigana, not cell text.
const PHONETIC = /<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g;

interface Counter {
  cells: number;
  max: number;
}

/** Scans one worksheet's XML: every `<c>` with its span, cached value and formula. */
function scanSheet(
  name: string,
  xml: string,
  sst: string[],
  counter: Counter,
  spans: { starts: number[]; ends: number[] },
  warnings: string[],
  richErrors: RichErrors,
): XlsxCell[] {
  const cells: XlsxCell[] = [];
  const masters = new Map<string, { formula: string; row: number; col: number }>();
  const followers: { cell: XlsxCell; si: string }[] = [];
  const arrays: XlsxCell[] = [];
  const arrayRanges: { top: number; left: number; bottom: number; right: number }[] = [];
  let row = -1;
  let col = -1;
  let dataTables = 0;
  const start = xml.search(/<(?:[\w.-]+:)?sheetData\b/);
  if (start < 0) return cells;
  CELL_OR_ROW.lastIndex = start;
  for (let m = CELL_OR_ROW.exec(xml); m; m = CELL_OR_ROW.exec(xml)) {
    if (m[1] !== undefined) {
      const r = attribute(m[1], 'r');
      row = r ? Number(r) - 1 : row + 1;
      col = -1;
      if (!(row >= 0 && row < MAX_ROWS))
        throw new XlsxFileError(`sheet '${name}': row ${r} is outside Excel's 1,048,576 rows`);
      continue;
    }
    const attrs = {
      r: attribute(m[2], 'r'),
      t: attribute(m[2], 't'),
      cm: attribute(m[2], 'cm'),
      vm: attribute(m[2], 'vm'),
    };
    if (attrs.r) {
      const p = parseCell(attrs.r);
      if (!p) throw new XlsxFileError(`sheet '${name}': cell reference '${attrs.r}' is not a valid address`);
      row = p.row;
      col = p.col;
    } else {
      col++;
      if (row < 0) row = 0;
      if (col >= MAX_COLUMNS)
        throw new XlsxFileError(`sheet '${name}': row ${row + 1} has more than ${MAX_COLUMNS} columns`);
    }
    const inner = m[3] ?? '';
    const f = inner ? F_ELEMENT.exec(inner) : null;
    const v = inner ? V_ELEMENT.exec(inner) : null;
    const is = attrs.t === 'inlineStr' && inner ? IS_ELEMENT.exec(inner) : null;
    const inline = is
      ? [...(is[1] ?? '').replace(PHONETIC, '').matchAll(T_TEXT)].map((t) => decodeXmlText(t[1] ?? '')).join('')
      : null;
    let value = cellValue(attrs.t, v ? (v[1] ?? '') : null, inline, sst);
    // Excel 365 caches #CALC!, #SPILL!, ... as #VALUE! with a `vm` pointing at the real error (rich-errors.ts).
    const rich =
      attrs.vm !== undefined && value instanceof CellErrorValue ? richErrors.byVm.get(Number(attrs.vm)) : undefined;
    if (rich) value = new CellErrorValue(rich);
    // A styled empty cell is skipped, unless an array formula above spills into it (its value gets patched).
    if (
      !f &&
      value === null &&
      !arrayRanges.some((a) => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right)
    )
      continue;
    if (++counter.cells > counter.max) {
      throw new XlsxFileError(
        `sheet '${name}' reaches row ${(row + 1).toLocaleString('en-US')} and the workbook holds more than ${counter.max.toLocaleString('en-US')} cells, the most this tool loads; use --max-cells to raise the limit or split the data`,
      );
    }
    const cell: XlsxCell = {
      row,
      col,
      address: attrs.r && CANONICAL_ADDRESS.test(attrs.r) ? attrs.r : cellAddress(row, col),
      value,
    };
    if (f) {
      const fa = attributes(f[1]);
      const text = decodeXmlText(f[2] ?? '');
      if (fa.t === 'shared' && fa.si !== undefined) {
        if (text.trim() !== '') {
          masters.set(fa.si, { formula: text, row, col });
          cell.formula = text;
        } else followers.push({ cell, si: fa.si });
      } else if (fa.t === 'array') {
        cell.formula = text;
        cell.array = { ref: fa.ref ?? cell.address, dynamic: attrs.cm !== undefined };
        arrays.push(cell);
        const range = parseArea(cell.array.ref);
        if (range) arrayRanges.push(range);
      } else if (fa.t === 'dataTable') {
        cell.dataTable = true;
        dataTables++;
      } else if (text.trim() !== '') cell.formula = text;
      // else an empty <f/> (Excel writes <f ca="1"/> in the cells of an array range that holds a volatile function):
      // no formula of its own; inside an array range it is one of the anchor's cells, below.
    }
    cells.push(cell);
    spans.starts.push(m.index);
    spans.ends.push(m.index + m[0].length);
  }
  for (const { cell, si } of followers) {
    const master = masters.get(si);
    if (!master) {
      warnings.push(
        `${qualifiedAddress(name, cell.address)}: shared formula ${si} has no master cell; its cached value was kept`,
      );
      continue;
    }
    cell.formula = rewriteFormula(master.formula, {
      shift: { rows: cell.row - master.row, cols: cell.col - master.col },
    });
  }
  if (dataTables)
    warnings.push(
      `sheet '${name}': ${dataTables} what-if data table cell(s) cannot be evaluated headless; their cached values were kept`,
    );
  // Excel caches each spilled value in the cells of an array formula's range: the engine computes them instead.
  if (arrays.length) {
    const byPos = new Map(cells.map((c) => [c.row * MAX_COLUMNS + c.col, c]));
    for (const anchor of arrays) {
      const range = parseArea(anchor.array!.ref);
      if (!range) continue;
      for (let r = range.top; r <= range.bottom; r++)
        for (let c = range.left; c <= range.right; c++) {
          const cell = byPos.get(r * MAX_COLUMNS + c);
          if (cell && cell !== anchor && cell.formula === undefined && !cell.dataTable) cell.spillOf = anchor.address;
        }
    }
  }
  return cells;
}

/** Reads an .xlsx (bytes) into a workbook model; throws XlsxFileError with a one-line reason for a bad file. */
export async function readXlsx(data: Uint8Array, options: ReadOptions = {}): Promise<XlsxWorkbook> {
  const zip = await openPackage(data);
  const rootRels = await readRels(zip, '');
  const officeDoc = rootRels.find((r) => /\/officeDocument$/.test(r.type));
  const workbookPart = officeDoc ? resolveTarget('', officeDoc.target) : 'xl/workbook.xml';
  const workbookXml = await readPart(zip, workbookPart, 'the workbook part');
  if (!workbookXml) {
    if (zip.file('xl/workbook.bin'))
      throw new XlsxFileError('this is a binary workbook (.xlsb), not an .xlsx; save it as Excel Workbook (.xlsx)');
    throw new XlsxFileError(`this is a zip archive but not an Excel workbook (it has no ${workbookPart})`);
  }
  let wbDoc: Record<string, any>;
  try {
    wbDoc = parser.parse(workbookXml)?.workbook;
  } catch (e) {
    throw new XlsxFileError(`the workbook part ${workbookPart} is not valid XML (${oneLine(e)})`);
  }
  if (!wbDoc) throw new XlsxFileError(`${workbookPart} is not a SpreadsheetML workbook`);
  const rels = await readRels(zip, workbookPart);
  const relById = new Map(rels.map((r) => [r.id, r]));
  const warnings: string[] = [];
  const date1904 = ['1', 'true'].includes(String(wbDoc.workbookPr?.date1904 ?? '').toLowerCase());
  if (date1904) warnings.push('the workbook uses the 1904 date system; date serials are evaluated in the 1900 system');

  const sstRel = rels.find((r) => /\/sharedStrings$/.test(r.type));
  const sstXml = sstRel
    ? await readPart(zip, resolveTarget(workbookPart, sstRel.target), 'the shared strings part')
    : null;
  const sst = sstXml ? ((parser.parse(sstXml)?.sst?.si ?? []) as unknown[]).map(itemText) : [];

  const declared = (wbDoc.sheets?.sheet ?? []) as Record<string, string>[];
  const allSheetNames = declared.map((s) => decodeXmlText(s.name ?? ''));
  const richErrors = await readRichErrors(zip, workbookPart);
  const internal: Internals = { zip, xml: new Map(), spans: new Map(), richErrors, workbookPart };
  const counter: Counter = { cells: 0, max: options.maxCells ?? DEFAULT_MAX_CELLS };
  const sheets: XlsxSheet[] = [];
  for (const [i, s] of declared.entries()) {
    const rel = relById.get(s.id);
    if (!rel || !/\/worksheet$/.test(rel.type)) continue; // chart sheets, dialog sheets, macro sheets
    const part = resolveTarget(workbookPart, rel.target);
    const xml = await readPart(zip, part, `sheet '${allSheetNames[i]}'`);
    if (xml === null)
      throw new XlsxFileError(`the workbook lists sheet '${allSheetNames[i]}' but the file has no ${part}`);
    internal.xml.set(part, xml);
    const spans = { starts: [] as number[], ends: [] as number[] };
    internal.spans.set(part, spans);
    sheets.push({
      name: allSheetNames[i],
      part,
      cells: scanSheet(allSheetNames[i], xml, sst, counter, spans, warnings, richErrors),
      tables: await readTables(zip, part),
    });
  }
  if (!declared.length) throw new XlsxFileError('the workbook has no sheets');

  const names: XlsxDefinedName[] = [];
  for (const d of (wbDoc.definedNames?.definedName ?? []) as (Record<string, string> | string)[]) {
    if (typeof d !== 'object') continue;
    const name = decodeXmlText(d.name ?? '');
    const formula = decodeXmlText(String(d['#text'] ?? '')).trim();
    // Excel's own names: print areas, filter ranges, and placeholders for functions an old Excel did not know.
    if (!name || !formula || /^_xl(nm|fn|ws|pm)\./i.test(name)) continue;
    const scope = d.localSheetId !== undefined ? allSheetNames[Number(d.localSheetId)] : undefined;
    names.push(scope === undefined ? { name, formula } : { name, formula, scope });
  }
  const calcPr = (wbDoc.calcPr ?? {}) as Record<string, string>;
  const workbook: XlsxWorkbook = { sheets, names, date1904, warnings };
  if (['1', 'true'].includes(String(calcPr.iterate ?? '').toLowerCase())) {
    const count = Number(calcPr.iterateCount ?? 100);
    const delta = Number(calcPr.iterateDelta ?? 0.001);
    workbook.iterate = {
      count: Number.isInteger(count) && count > 0 ? Math.min(count, 32767) : 100,
      delta: Number.isFinite(delta) && delta >= 0 ? delta : 0.001,
    };
  }
  internals.set(workbook, internal);
  return workbook;
}
