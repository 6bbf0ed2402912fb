/**
 * Real .xlsx files in the headless host: read a workbook (values, formulas, shared and array formulas, defined
 * names), load it into the HyperFormula engine, evaluate, and write a copy in which only cached values changed.
 *
 * Reading and writing work on the zip parts themselves (jszip + fast-xml-parser, and a positional scan of each
 * sheet's `<sheetData>`), never through a spreadsheet library's model: a recalculated copy keeps every part other
 * than the patched sheets byte for byte (styles, `cm` attributes, xl/metadata.xml, calcChain, ...), and within a
 * sheet only the `<v>` and `t` of formula cells (and of the cells an array formula spills into) change.
 *
 * HyperFormula is GPL-3.0: only the CLI, the playground and tests import this file.
 *
 * Entry points:
 * - {@link readXlsx}: bytes -> {@link XlsxWorkbook}
 * - {@link loadXlsxIntoEngine} / {@link engineFromWorkbook}: a live HyperFormula engine over the workbook
 * - {@link recalcXlsx}: bytes -> recalculated bytes + every formula cell's result
 * - {@link writeWorkbook}: a brand-new .xlsx from values and formulas (tests, templates)
 */
import * as zlib from 'zlib';
import JSZip from 'jszip';
import { XMLParser } from 'fast-xml-parser';
import { DetailedCellError } from 'hyperformula';
import type { HyperFormula, RawCellContent } from 'hyperformula';
import { CellErrorValue } from '../../functions/clean';
import { NAMESPACE } from '../../functions/declaration';
import { declarations } from '../../functions/generated/registry';
import { EXCEL_ERROR_LITERALS } from '../../models/errors';
import { createEngine } from './engine';
import { MAX_COLUMNS, MAX_ROWS, cellAddress, functionRenamer, parseCellAddress, parseRange, rewriteFormula } from './formula-refs';

/** A problem with the file itself (not a zip, damaged, encrypted, too big): one line, safe to show a user. */
export class XlsxFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxFileError';
    Object.setPrototypeOf(this, XlsxFileError.prototype);
  }
}

/** A cell's value as stored in the file: number, text, boolean, error (CellErrorValue) or null for none. */
export type XlsxValue = number | string | boolean | CellErrorValue | null;

export interface XlsxCell {
  /** 0-based position and its A1 address. */
  row: number;
  col: number;
  address: string;
  /** The cached value in the file (for a formula cell: Excel's last result). */
  value: XlsxValue;
  /** Formula text as Excel stores it, without `=`; for shared-formula followers, the master's moved to this cell. */
  formula?: string;
  /** Set on the anchor of an array formula (`<f t="array" ref=..>`); dynamic when Excel marked it `cm` (spilled). */
  array?: { ref: string; dynamic: boolean };
  /** Set on a cell inside an array formula's range other than its anchor: the anchor's address. Not loaded. */
  spillOf?: string;
  /** A what-if data table cell (`t="dataTable"`): the engine cannot evaluate it; its cached value is kept. */
  dataTable?: boolean;
}

export interface XlsxSheet {
  name: string;
  /** Zip path of the worksheet part (xl/worksheets/sheet1.xml). */
  part: string;
  /** Cells that hold a value or a formula, in document order. */
  cells: XlsxCell[];
  /** Excel tables on the sheet (xl/tables/*.xml): name and A1 range including the header row. */
  tables: { name: string; ref: string }[];
}

export interface XlsxDefinedName {
  name: string;
  /** As stored, without `=` (Pipeline!$A$2:$B$7). */
  formula: string;
  /** Sheet name for a sheet-scoped name; undefined for a workbook name. */
  scope?: string;
}

export interface XlsxWorkbook {
  /** Worksheets in workbook order (chart sheets and dialog sheets are left out). */
  sheets: XlsxSheet[];
  names: XlsxDefinedName[];
  /** The file uses the 1904 date system (date serials differ from the engine's by 1462 days). */
  date1904: boolean;
  /** Things the reader noticed but could not honour. */
  warnings: string[];
}

export interface ReadOptions {
  /** Refuse workbooks with more value/formula cells than this (default 1,000,000): a clear error, never an out-of-memory crash. */
  maxCells?: number;
}

/** Default limit of cells loaded from one workbook. */
export const DEFAULT_MAX_CELLS = 1_000_000;
/** A worksheet part larger than this (uncompressed) is refused before it is inflated. */
const MAX_PART_BYTES = 400 * 1024 * 1024;

/** What the patcher needs and readers do not: the zip and where each cell's XML sits. */
interface Internals {
  zip: JSZip;
  xml: Map<string, string>; // part -> sheet XML
  /** Per sheet part: start and end offset of each cell's `<c>` element, in the order of XlsxSheet.cells. */
  spans: Map<string, { starts: number[]; ends: number[] }>;
}
const internals = new WeakMap<XlsxWorkbook, Internals>();

// ---------------------------------------------------------------------------------------------- reading

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Recognises what the bytes are before unzipping, so that the message says what the user has. */
function sniff(data: Uint8Array): void {
  if (data.length >= 8 && CFB_SIGNATURE.every((b, i) => data[i] === b)) {
    // An encrypted .xlsx is an OLE compound file holding EncryptionInfo and EncryptedPackage streams (MS-OFFCRYPTO 2.3.4).
    const utf16 = (s: string) => Buffer.from(s, 'utf16le');
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (buf.includes(utf16('EncryptionInfo')) || buf.includes(utf16('EncryptedPackage'))) {
      throw new XlsxFileError('the workbook is password-protected (encrypted); open it in Excel, remove the password (File > Info > Protect Workbook) and save it again');
    }
    throw new XlsxFileError('this is an old binary Excel file (.xls) or another OLE document, not an .xlsx; save it as Excel Workbook (.xlsx)');
  }
  const zipSignature = data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && (data[2] === 3 || data[2] === 5) && (data[3] === 4 || data[3] === 6);
  if (!zipSignature) throw new XlsxFileError(`this is not an .xlsx workbook (an .xlsx is a zip archive; this file ${data.length === 0 ? 'is empty' : 'does not start like one'})`);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  trimValues: false,
  isArray: (name) => ['Relationship', 'sheet', 'definedName', 'si', 'r', 'Override'].includes(name),
});

/** XML character data to text: the five entities, numeric references, and Excel's `_xHHHH_` escapes (ECMA-376 ST_Xstring). */
export function decodeXmlText(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

async function readPart(zip: JSZip, part: string, what: string): Promise<string | null> {
  const file = zip.file(part);
  if (!file) return null;
  const size = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  if (size > MAX_PART_BYTES) throw new XlsxFileError(`${what} is ${Math.round(size / 1048576)} MB uncompressed, more than the ${MAX_PART_BYTES / 1048576} MB this tool reads`);
  let bytes: Uint8Array;
  try {
    bytes = await file.async('uint8array');
  } catch (e) {
    throw new XlsxFileError(`the zip archive is damaged: ${part} cannot be read (${oneLine(e)})`);
  }
  // Checked here, per part read, rather than by jszip's checkCRC32 (which inflates every part once more on load).
  const expected = (file as unknown as { _data?: { crc32?: number } })._data?.crc32;
  if (typeof expected === 'number' && typeof zlib.crc32 === 'function' && (zlib.crc32(bytes) >>> 0) !== expected >>> 0) throw new XlsxFileError(`the zip archive is damaged: ${part} fails its checksum`);
  return new TextDecoder('utf-8').decode(bytes);
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** Resolves a relationship target against the folder of the part that owns it (OPC part names). */
function resolveTarget(ownerPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ownerPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

async function readRels(zip: JSZip, part: string): Promise<{ id: string; type: string; target: string; external: boolean }[]> {
  const xml = await readPart(zip, relsPath(part), 'the relationships part');
  if (!xml) return [];
  const rels = (parser.parse(xml)?.Relationships?.Relationship ?? []) as Record<string, string>[];
  return rels.map((r) => ({ id: r.Id, type: r.Type ?? '', target: r.Target ?? '', external: r.TargetMode === 'External' }));
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
  const t = (x: unknown): string => (typeof x === 'string' ? decodeXmlText(x) : x && typeof x === 'object' && '#text' in x ? decodeXmlText(String((x as Record<string, unknown>)['#text'])) : '');
  if (o.t !== undefined) return t(o.t);
  if (Array.isArray(o.r)) return o.r.map((run) => t((run as Record<string, unknown>).t)).join('');
  return '';
}

const ATTRIBUTE_RE = new Map<string, RegExp>();
const CANONICAL_ADDRESS = /^[A-Z]{1,3}[1-9]\d{0,6}$/;

/** One attribute of a start tag's attribute text, by local name (the hot path: one per cell, no full parse). */
function attribute(text: string, name: string): string | undefined {
  let re = ATTRIBUTE_RE.get(name);
  if (!re) ATTRIBUTE_RE.set(name, (re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(text);
  if (!m) return undefined;
  const v = m[1] ?? m[2];
  return v.includes('&') ? decodeXmlText(v) : v;
}

/** Attributes of an XML start tag's attribute text, by local name. */
function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[2]] = decodeXmlText(m[3] ?? m[4] ?? '');
  return out;
}

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
const F_ELEMENT = /<(?:[\w.-]+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?f>)/;
const V_ELEMENT = /<(?:[\w.-]+:)?v\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?v>)/;
const IS_ELEMENT = /<(?:[\w.-]+:)?is\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?is>)/;
const T_TEXT = /<(?:[\w.-]+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?t>)/g;
// Phonetic runs (<rPh>) hold furigana, not cell text.
const PHONETIC = /<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g;

interface Counter {
  cells: number;
  max: number;
}

/** Scans one worksheet's XML: every `<c>` with its span, cached value and formula. */
function scanSheet(name: string, xml: string, sst: string[], counter: Counter, spans: { starts: number[]; ends: number[] }, warnings: string[]): XlsxCell[] {
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
      if (!(row >= 0 && row < MAX_ROWS)) throw new XlsxFileError(`sheet '${name}': row ${r} is outside Excel's 1,048,576 rows`);
      continue;
    }
    const attrs = { r: attribute(m[2], 'r'), t: attribute(m[2], 't'), cm: attribute(m[2], 'cm') };
    if (attrs.r) {
      const p = parseCellAddress(attrs.r);
      if (!p) throw new XlsxFileError(`sheet '${name}': cell reference '${attrs.r}' is not a valid address`);
      row = p.row;
      col = p.col;
    } else {
      col++;
      if (row < 0) row = 0;
      if (col >= MAX_COLUMNS) throw new XlsxFileError(`sheet '${name}': row ${row + 1} has more than ${MAX_COLUMNS} columns`);
    }
    const inner = m[3] ?? '';
    const f = inner ? F_ELEMENT.exec(inner) : null;
    const v = inner ? V_ELEMENT.exec(inner) : null;
    const is = attrs.t === 'inlineStr' && inner ? IS_ELEMENT.exec(inner) : null;
    const inline = is ? [...(is[1] ?? '').replace(PHONETIC, '').matchAll(T_TEXT)].map((t) => decodeXmlText(t[1] ?? '')).join('') : null;
    const value = cellValue(attrs.t, v ? (v[1] ?? '') : null, inline, sst);
    // A styled empty cell is skipped, unless an array formula above spills into it (its value gets patched).
    if (!f && value === null && !arrayRanges.some((a) => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right)) continue;
    if (++counter.cells > counter.max) {
      throw new XlsxFileError(
        `sheet '${name}' reaches row ${(row + 1).toLocaleString('en-US')} and the workbook holds more than ${counter.max.toLocaleString('en-US')} cells, the most this tool loads; use --max-cells to raise the limit or split the data`,
      );
    }
    const cell: XlsxCell = { row, col, address: attrs.r && CANONICAL_ADDRESS.test(attrs.r) ? attrs.r : cellAddress(row, col), value };
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
        const range = parseRange(cell.array.ref);
        if (range) arrayRanges.push(range);
      } else if (fa.t === 'dataTable') {
        cell.dataTable = true;
        dataTables++;
      } else cell.formula = text;
    }
    cells.push(cell);
    spans.starts.push(m.index);
    spans.ends.push(m.index + m[0].length);
  }
  for (const { cell, si } of followers) {
    const master = masters.get(si);
    if (!master) {
      warnings.push(`${qualified(name, cell.address)}: shared formula ${si} has no master cell; its cached value was kept`);
      continue;
    }
    cell.formula = rewriteFormula(master.formula, { shift: { rows: cell.row - master.row, cols: cell.col - master.col } });
  }
  if (dataTables) warnings.push(`sheet '${name}': ${dataTables} what-if data table cell(s) cannot be evaluated headless; their cached values were kept`);
  // Excel caches each spilled value in the cells of an array formula's range: the engine computes them instead.
  if (arrays.length) {
    const byPos = new Map(cells.map((c) => [c.row * MAX_COLUMNS + c.col, c]));
    for (const anchor of arrays) {
      const range = parseRange(anchor.array!.ref);
      if (!range) continue;
      for (let r = range.top; r <= range.bottom; r++)
        for (let c = range.left; c <= range.right; c++) {
          const cell = byPos.get(r * MAX_COLUMNS + c);
          if (cell && cell !== anchor && !cell.formula) cell.spillOf = anchor.address;
        }
    }
  }
  return cells;
}

export function qualified(sheet: string, address: string): string {
  return `${/^[A-Za-z_][\w.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${address}`;
}

/** Reads an .xlsx (bytes) into a workbook model; throws XlsxFileError with a one-line reason for a bad file. */
export async function readXlsx(data: Uint8Array, options: ReadOptions = {}): Promise<XlsxWorkbook> {
  sniff(data);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch (e) {
    throw new XlsxFileError(`the file is not a readable .xlsx: the zip archive is truncated or damaged (${oneLine(e)})`);
  }
  const rootRels = await readRels(zip, '');
  const officeDoc = rootRels.find((r) => /\/officeDocument$/.test(r.type));
  const workbookPart = officeDoc ? resolveTarget('', officeDoc.target) : 'xl/workbook.xml';
  const workbookXml = await readPart(zip, workbookPart, 'the workbook part');
  if (!workbookXml) {
    if (zip.file('xl/workbook.bin')) throw new XlsxFileError('this is a binary workbook (.xlsb), not an .xlsx; save it as Excel Workbook (.xlsx)');
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
  const sstXml = sstRel ? await readPart(zip, resolveTarget(workbookPart, sstRel.target), 'the shared strings part') : null;
  const sst = sstXml ? ((parser.parse(sstXml)?.sst?.si ?? []) as unknown[]).map(itemText) : [];

  const declared = (wbDoc.sheets?.sheet ?? []) as Record<string, string>[];
  const allSheetNames = declared.map((s) => decodeXmlText(s.name ?? ''));
  const internal: Internals = { zip, xml: new Map(), spans: new Map() };
  const counter: Counter = { cells: 0, max: options.maxCells ?? DEFAULT_MAX_CELLS };
  const sheets: XlsxSheet[] = [];
  for (const [i, s] of declared.entries()) {
    const rel = relById.get(s.id);
    if (!rel || !/\/worksheet$/.test(rel.type)) continue; // chart sheets, dialog sheets, macro sheets
    const part = resolveTarget(workbookPart, rel.target);
    const xml = await readPart(zip, part, `sheet '${allSheetNames[i]}'`);
    if (xml === null) throw new XlsxFileError(`the workbook lists sheet '${allSheetNames[i]}' but the file has no ${part}`);
    internal.xml.set(part, xml);
    const spans = { starts: [] as number[], ends: [] as number[] };
    internal.spans.set(part, spans);
    sheets.push({ name: allSheetNames[i], part, cells: scanSheet(allSheetNames[i], xml, sst, counter, spans, warnings), tables: await readTables(zip, part) });
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
  const workbook: XlsxWorkbook = { sheets, names, date1904, warnings };
  internals.set(workbook, internal);
  return workbook;
}

// ---------------------------------------------------------------------------------------------- engine

const renameFunction = functionRenamer(NAMESPACE, declarations.map((d) => d.id));

/** Formula text (with or without `=`) in the form the headless engine reads: `_xldudf_`, `_xlfn.` etc. removed. */
export function normalizeFormula(formula: string): string {
  return rewriteFormula(formula, { functionName: renameFunction });
}

/** A workbook loaded into HyperFormula: the engine plus the way back from model sheets to engine sheet ids. */
export interface LoadedWorkbook {
  workbook: XlsxWorkbook;
  engine: HyperFormula;
  /** Engine sheet id of each workbook sheet, by sheet name. */
  sheetIds: Map<string, number>;
  /** Problems loading (a defined name the engine rejected, ...), on top of workbook.warnings. */
  warnings: string[];
}

function engineContent(cell: XlsxCell): RawCellContent {
  if (cell.formula !== undefined && !cell.dataTable) {
    const f = normalizeFormula(cell.formula);
    // Without array arithmetic the engine evaluates A1:A3*2 only inside ARRAYFORMULA(); Excel marks such cells t="array".
    return cell.array ? `=ARRAYFORMULA(${f})` : `=${f}`;
  }
  const v = cell.value;
  if (v instanceof CellErrorValue) return v.code;
  // A leading apostrophe keeps text as text: "2026-01-01" or "1,200" typed as text must not become a number.
  if (typeof v === 'string') return "'" + v;
  return v;
}

/**
 * Loads a workbook model into a new headless engine (SALESOPS functions registered, Excel settings): sheets in
 * workbook order, defined names (workbook and sheet scope), values, and formulas normalised for the engine. Cached
 * values inside array formulas' ranges are left out so that the formulas spill into them. The engine evaluates on
 * load; call `engine.destroy()` when done.
 */
export function engineFromWorkbook(workbook: XlsxWorkbook): LoadedWorkbook {
  const engine = createEngine({});
  const sheetIds = new Map<string, number>();
  const warnings: string[] = [];
  engine.suspendEvaluation();
  try {
    for (const s of workbook.sheets) sheetIds.set(s.name, engine.getSheetId(engine.addSheet(s.name))!);
    for (const n of workbook.names) {
      const scope = n.scope === undefined ? undefined : sheetIds.get(n.scope);
      if (n.scope !== undefined && scope === undefined) continue;
      const expression = '=' + normalizeFormula(n.formula);
      if (engine.isItPossibleToAddNamedExpression(n.name, expression, scope)) engine.addNamedExpression(n.name, expression, scope);
      else warnings.push(`defined name '${n.name}' (${n.formula}) cannot be used by the engine; formulas that use it will show #NAME?`);
    }
    for (const s of workbook.sheets) {
      const rows: RawCellContent[][] = [];
      for (const c of s.cells) {
        if (c.spillOf) continue;
        while (rows.length <= c.row) rows.push([]);
        rows[c.row][c.col] = engineContent(c);
      }
      for (const r of rows) for (let j = 0; j < r.length; j++) if (r[j] === undefined) r[j] = null;
      engine.setSheetContent(sheetIds.get(s.name)!, rows);
    }
  } finally {
    engine.resumeEvaluation();
  }
  return { workbook, engine, sheetIds, warnings };
}

/**
 * Reads .xlsx bytes and loads them into a headless HyperFormula engine, evaluated and ready for queries
 * (`engine.getCellValue({ sheet: sheetIds.get('Pipeline')!, row: 8, col: 1 })`). The one entry point for the CLI,
 * the audit and the playground. Throws XlsxFileError for a bad file.
 */
export async function loadXlsxIntoEngine(data: Uint8Array, options: ReadOptions = {}): Promise<LoadedWorkbook> {
  return engineFromWorkbook(await readXlsx(data, options));
}

/** A cell result as Excel would cache it. */
export type ResultValue = number | string | boolean | { error: string; message: string };

export interface FormulaCellResult {
  sheet: string;
  address: string;
  /** As the user sees it in Excel: `=SALESOPS.WEIGHTEDPIPE(...)` (storage prefixes removed). */
  formula: string;
  value?: number | string | boolean;
  error?: { code: string; message: string };
  /** For an array formula: its range and the values spilled into it (row by row, the anchor first). */
  spill?: { ref: string; values: (ResultValue | null)[][] };
  /** Not evaluated (a data table, a formula the engine cannot read): the cached value was kept. */
  kept?: string;
}

/** Excel error text for an engine error; the engine's own kinds (#CYCLE!, #ERROR!, #LIC!) are not Excel's. */
function excelError(e: DetailedCellError): { error: string; message: string } {
  if ((EXCEL_ERROR_LITERALS as readonly string[]).includes(e.value)) return { error: e.value, message: e.message ?? '' };
  if (e.type === 'CYCLE') return { error: '#VALUE!', message: 'circular reference: the formula depends on its own result' };
  return { error: '#VALUE!', message: e.message || `the engine reported ${e.value}` };
}

function resultValue(v: unknown): ResultValue {
  if (v instanceof DetailedCellError) return excelError(v);
  if (v === null || v === undefined) return 0; // a formula whose result is an empty cell shows 0 in Excel
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** The engine's failure to read a formula at all (structured references, external links): keep Excel's cache. */
function unreadable(v: unknown): string | null {
  return v instanceof DetailedCellError && v.type === 'ERROR' && /pars/i.test(v.message ?? '') ? `the engine cannot read this formula (${v.message.split('\n')[0].trim()})` : null;
}

/** Every formula cell of a loaded workbook with its evaluated value or error (array formulas with their spill). */
export function formulaResults(loaded: LoadedWorkbook): FormulaCellResult[] {
  const out: FormulaCellResult[] = [];
  for (const s of loaded.workbook.sheets) {
    const sheet = loaded.sheetIds.get(s.name)!;
    for (const c of s.cells) {
      if (c.formula === undefined && !c.dataTable) continue;
      const r: FormulaCellResult = { sheet: s.name, address: c.address, formula: c.dataTable ? '(data table)' : '=' + normalizeFormula(c.formula!) };
      const raw = c.dataTable ? null : loaded.engine.getCellValue({ sheet, row: c.row, col: c.col });
      const why = c.dataTable ? 'what-if data tables are not evaluated headless' : unreadable(raw);
      if (why) {
        r.kept = why;
        const cached = c.value instanceof CellErrorValue ? { error: c.value.code, message: '' } : (c.value ?? 0);
        setResult(r, cached);
      } else {
        setResult(r, resultValue(raw));
        if (c.array) r.spill = { ref: c.array.ref, values: spillValues(loaded, sheet, c) };
      }
      out.push(r);
    }
  }
  return out;
}

function setResult(r: FormulaCellResult, v: ResultValue): void {
  if (typeof v === 'object') r.error = { code: v.error, message: v.message };
  else r.value = v;
}

/**
 * The values an array formula puts in each cell of its range, following Excel: a legacy (CSE) array repeats a
 * single value over the range, and a single row or column along it, and shows #N/A beyond the result; when the
 * formula fails every cell shows its error. A dynamic array fills only what it returns: the rest is empty (null).
 */
function spillValues(loaded: LoadedWorkbook, sheet: number, anchor: XlsxCell): (ResultValue | null)[][] {
  const range = parseRange(anchor.array!.ref) ?? { top: anchor.row, left: anchor.col, bottom: anchor.row, right: anchor.col };
  const engine = loaded.engine;
  const first = engine.getCellValue({ sheet, row: anchor.row, col: anchor.col });
  const partOf = (row: number, col: number) => engine.isCellPartOfArray({ sheet, row, col });
  let height = 1;
  while (anchor.row + height <= range.bottom && partOf(anchor.row + height, anchor.col)) height++;
  let width = 1;
  while (anchor.col + width <= range.right && partOf(anchor.row, anchor.col + width)) width++;
  const dynamic = anchor.array!.dynamic;
  const rows: (ResultValue | null)[][] = [];
  for (let i = 0; i <= range.bottom - anchor.row; i++) {
    const row: (ResultValue | null)[] = [];
    for (let j = 0; j <= range.right - anchor.col; j++) {
      const at = (r: number, c: number) => resultValue(engine.getCellValue({ sheet, row: anchor.row + r, col: anchor.col + c }));
      if (i === 0 && j === 0) row.push(resultValue(first));
      else if (first instanceof DetailedCellError) row.push(dynamic ? null : excelError(first));
      else if (i < height && j < width) {
        // The engine reserves the size it predicted (FILTER: its input's) and leaves what the result did not fill EMPTY.
        const raw = engine.getCellValue({ sheet, row: anchor.row + i, col: anchor.col + j });
        row.push(raw !== null ? resultValue(raw) : dynamic ? null : { error: '#N/A', message: 'outside the array formula result' });
      }
      else if (dynamic) row.push(null);
      else if (height === 1 && width === 1) row.push(at(0, 0));
      else if (height === 1 && j < width) row.push(at(0, j));
      else if (width === 1 && i < height) row.push(at(i, 0));
      else row.push({ error: '#N/A', message: 'outside the array formula result' });
    }
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------- writing back

/** `<v>` text and `t` attribute of a cached value (no `t` for numbers; neither for an empty cell). */
function cachedXml(v: ResultValue | null): { t: string | null; v: string | null } {
  if (v === null) return { t: null, v: null };
  if (typeof v === 'number') return { t: null, v: Object.is(v, -0) ? '0' : String(v) };
  if (typeof v === 'boolean') return { t: 'b', v: v ? '1' : '0' };
  if (typeof v === 'string') return { t: 'str', v: escapeXml(v) };
  return { t: 'e', v: escapeXml(v.error) };
}

/** One `<c>` element with its `t` attribute and `<v>` replaced; every other byte kept. */
function patchCell(element: string, v: ResultValue | null): string {
  const cached = cachedXml(v);
  const open = /^<([\w.-]+:)?c\b([^>]*?)(\/?)>/.exec(element)!;
  const prefix = open[1] ?? '';
  let attrs = open[2];
  const tAttr = /(\s)t\s*=\s*("[^"]*"|'[^']*')/;
  if (tAttr.test(attrs)) attrs = cached.t ? attrs.replace(tAttr, `$1t="${cached.t}"`) : attrs.replace(tAttr, '');
  else if (cached.t) attrs += ` t="${cached.t}"`;
  const vXml = cached.v === null ? '' : `<${prefix}v>${cached.v}</${prefix}v>`;
  if (open[3]) return vXml ? `<${prefix}c${attrs}>${vXml}</${prefix}c>` : `<${prefix}c${attrs}/>`;
  const close = element.lastIndexOf('<');
  let inner = element.slice(open[0].length, close).replace(IS_ELEMENT, '');
  if (V_ELEMENT.test(inner)) inner = inner.replace(V_ELEMENT, () => vXml);
  else {
    const f = F_ELEMENT.exec(inner);
    inner = f ? inner.slice(0, f.index + f[0].length) + vXml + inner.slice(f.index + f[0].length) : vXml + inner;
  }
  return `<${prefix}c${attrs}>${inner}${element.slice(close)}`;
}

export interface RecalcResult {
  /** The recalculated workbook: the input's zip parts, with only cached values changed in the sheets. */
  output: Buffer;
  cells: FormulaCellResult[];
  warnings: string[];
}

/**
 * Recalculates an .xlsx: every formula (SALESOPS and built-in) evaluated in the headless engine, and a copy written
 * by patching only the cached values in each sheet's XML. Throws XlsxFileError for a bad file.
 */
export async function recalcXlsx(data: Uint8Array, options: ReadOptions = {}): Promise<RecalcResult> {
  const workbook = await readXlsx(data, options);
  const loaded = engineFromWorkbook(workbook);
  try {
    const cells = formulaResults(loaded);
    const warnings = [...workbook.warnings, ...loaded.warnings];
    for (const c of cells) if (c.kept && !c.formula.startsWith('(')) warnings.push(`${qualified(c.sheet, c.address)}: ${c.kept}; its cached value was kept`);
    const { zip, xml, spans: allSpans } = internals.get(workbook)!;
    const results = new Map(cells.map((r) => [`${r.sheet}\u0000${r.address}`, r]));
    for (const s of workbook.sheets) {
      const edits: { start: number; end: number; text: string }[] = [];
      const missing: string[] = [];
      const byPos = new Map(s.cells.map((c, i) => [c.row * MAX_COLUMNS + c.col, i]));
      const source = xml.get(s.part)!;
      const spans = allSpans.get(s.part)!;
      const edit = (index: number, v: ResultValue | null) => {
        const [start, end] = [spans.starts[index], spans.ends[index]];
        edits.push({ start, end, text: patchCell(source.slice(start, end), v) });
      };
      for (const [index, c] of s.cells.entries()) {
        if (c.formula === undefined) continue;
        const r = results.get(`${s.name}\u0000${c.address}`);
        if (!r || r.kept) continue;
        edit(index, r.error ? { error: r.error.code, message: r.error.message } : r.value!);
        if (!r.spill) continue;
        const range = parseRange(r.spill.ref)!;
        r.spill.values.forEach((row, i) =>
          row.forEach((v, j) => {
            if (i === 0 && j === 0) return;
            const target = byPos.get((range.top + i) * MAX_COLUMNS + range.left + j);
            if (target !== undefined && s.cells[target].spillOf === c.address) edit(target, v);
            else if (target === undefined) missing.push(cellAddress(range.top + i, range.left + j));
          }),
        );
      }
      if (missing.length) {
        warnings.push(`sheet '${s.name}': ${missing.length} cell(s) of array formula ranges (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}) have no cell in the file; Excel fills them when it opens the workbook`);
      }
      if (!edits.length) continue;
      edits.sort((a, b) => a.start - b.start);
      let out = '';
      let at = 0;
      for (const e of edits) {
        out += source.slice(at, e.start) + e.text;
        at = e.end;
      }
      zip.file(s.part, out + source.slice(at));
    }
    const output = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
    return { output, cells, warnings };
  } finally {
    loaded.engine.destroy();
  }
}

// ---------------------------------------------------------------------------------------------- new workbooks

/** A cell of a new workbook: a value, a formula text starting with `=`, or a formula with storage details. */
export type CellSpec =
  | number
  | string
  | boolean
  | null
  | undefined
  | {
      /** Formula as stored (with or without `=`); omitted for shared-formula followers. */
      formula?: string;
      /** Cached value to store with the formula (omit for none), or the value of a plain cell. */
      value?: number | string | boolean | CellErrorValue | null;
      /** Array formula range (`D2:D5`) for the anchor. */
      array?: string;
      /** With `array`: mark it a dynamic (spilled) array: `cm="1"` and xl/metadata.xml, as Excel 365 saves it. */
      dynamic?: boolean;
      /** Shared formula group: the master gives `ref` and `formula`; followers give only `si`. */
      shared?: { si: number; ref?: string };
      /** Number format: 'date' (yyyy-mm-dd) or 'percent'. */
      format?: 'date' | 'percent';
    };

export interface SheetSpec {
  name: string;
  /** Rows from A1 down; `rows[0][0]` is A1. */
  rows?: CellSpec[][];
  /** Cells by address, on top of `rows`. */
  cells?: Record<string, CellSpec>;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** Defined names: `{ name: 'Stages', ref: 'Pipeline!$A$2:$B$7' }`; `sheet` makes the name local to that sheet. */
  names?: { name: string; ref: string; sheet?: string }[];
  /** How SALESOPS functions are stored: 'plain' (SALESOPS.X) or 'xldudf' (_xldudf_SALESOPS_X, as Excel saves add-in functions). */
  addinFunctions?: 'plain' | 'xldudf';
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const STYLES_XML =
  XML_DECL +
  `<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

// Excel 365's metadata for dynamic arrays: cell metadata 1 (cm="1") points at the XLDAPR future metadata.
const METADATA_XML =
  XML_DECL +
  `<metadata xmlns="${MAIN_NS}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">` +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>' +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>';

function specCells(sheet: SheetSpec): Map<number, Map<number, CellSpec>> {
  const rows = new Map<number, Map<number, CellSpec>>();
  const put = (r: number, c: number, v: CellSpec) => {
    if (v === undefined) return;
    if (!rows.has(r)) rows.set(r, new Map());
    rows.get(r)!.set(c, v);
  };
  (sheet.rows ?? []).forEach((row, r) => row.forEach((v, c) => put(r, c, v)));
  for (const [address, v] of Object.entries(sheet.cells ?? {})) {
    const p = parseCellAddress(address);
    if (!p) throw new Error(`writeWorkbook: sheet '${sheet.name}' cell '${address}' is not an A1 address`);
    put(p.row, p.col, v);
  }
  return rows;
}

/**
 * Creates a new .xlsx from values and formulas (shared strings, shared and array formulas, dynamic-array metadata,
 * defined names). Formulas are stored as given (plus the `_xldudf_` form when asked), with the given cached values.
 */
export async function writeWorkbook(spec: WorkbookSpec): Promise<Buffer> {
  if (!spec.sheets.length) throw new Error('writeWorkbook: a workbook needs at least one sheet');
  const udf = functionRenamer(NAMESPACE, declarations.map((d) => d.id));
  const storeFormula = (f: string) => {
    const text = f.startsWith('=') ? f.slice(1) : f;
    if (spec.addinFunctions !== 'xldudf') return text;
    return rewriteFormula(text, {
      functionName: (n) => {
        const plain = udf(n);
        return plain.toUpperCase().startsWith(NAMESPACE + '.') ? `_xldudf_${plain.replace(/\./g, '_')}` : n;
      },
    });
  };
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const sst = (s: string) => {
    if (!stringIndex.has(s)) {
      stringIndex.set(s, strings.length);
      strings.push(s);
    }
    return stringIndex.get(s)!;
  };
  let dynamicUsed = false;
  const zip = new JSZip();
  const sheetXml = spec.sheets.map((sheet) => {
    const rows = specCells(sheet);
    let maxRow = 0;
    let maxCol = 0;
    const body = [...rows.keys()]
      .sort((a, b) => a - b)
      .map((r) => {
        const cells = rows.get(r)!;
        const xml = [...cells.keys()]
          .sort((a, b) => a - b)
          .map((c) => {
            maxRow = Math.max(maxRow, r);
            maxCol = Math.max(maxCol, c);
            return cellXml(cellAddress(r, c), cells.get(c)!);
          })
          .join('');
        return `<row r="${r + 1}">${xml}</row>`;
      })
      .join('');
    const dim = rows.size ? `A1:${cellAddress(maxRow, maxCol)}` : 'A1';
    return XML_DECL + `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="${dim}"/><sheetData>${body}</sheetData></worksheet>`;
  });

  function valueXml(v: number | string | boolean | CellErrorValue | null | undefined): { t: string; v: string } | null {
    if (v === null || v === undefined) return null;
    if (typeof v === 'number') return { t: '', v: String(v) };
    if (typeof v === 'boolean') return { t: ' t="b"', v: v ? '1' : '0' };
    if (v instanceof CellErrorValue) return { t: ' t="e"', v: escapeXml(v.code) };
    return { t: ' t="str"', v: escapeXml(v) };
  }

  function cellXml(address: string, v: CellSpec): string {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return `<c r="${address}"><v>${v}</v></c>`;
    if (typeof v === 'boolean') return `<c r="${address}" t="b"><v>${v ? 1 : 0}</v></c>`;
    if (typeof v === 'string') {
      if (v.startsWith('=') && v.length > 1) return `<c r="${address}"><f>${escapeXml(storeFormula(v))}</f></c>`;
      return `<c r="${address}" t="s"><v>${sst(v)}</v></c>`;
    }
    const style = v.format === 'date' ? ' s="1"' : v.format === 'percent' ? ' s="2"' : '';
    if (v.formula === undefined && !v.shared) {
      if (typeof v.value === 'string') return `<c r="${address}"${style} t="s"><v>${sst(v.value)}</v></c>`;
      const plain = valueXml(v.value);
      return plain ? `<c r="${address}"${style}${plain.t}><v>${plain.v}</v></c>` : `<c r="${address}"${style}/>`;
    }
    let f: string;
    const text = v.formula === undefined ? '' : escapeXml(storeFormula(v.formula));
    if (v.array) f = `<f t="array" ref="${v.array}">${text}</f>`;
    else if (v.shared) f = v.shared.ref ? `<f t="shared" ref="${v.shared.ref}" si="${v.shared.si}">${text}</f>` : `<f t="shared" si="${v.shared.si}"/>`;
    else f = `<f>${text}</f>`;
    const cm = v.array && v.dynamic ? ' cm="1"' : '';
    if (cm) dynamicUsed = true;
    const cached = valueXml(v.value);
    return `<c r="${address}"${style}${cached?.t ?? ''}${cm}>${f}${cached ? `<v>${cached.v}</v>` : ''}</c>`;
  }

  const sheetNames = spec.sheets.map((s) => s.name);
  const definedNames = (spec.names ?? [])
    .map((n) => {
      const local = n.sheet === undefined ? '' : ` localSheetId="${sheetNames.indexOf(n.sheet)}"`;
      return `<definedName name="${escapeXml(n.name)}"${local}>${escapeXml(storeFormula(n.ref))}</definedName>`;
    })
    .join('');
  zip.file(
    '[Content_Types].xml',
    XML_DECL +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheetXml.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      (dynamicUsed ? '<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>' : '') +
      '</Types>',
  );
  zip.file('_rels/.rels', XML_DECL + `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file(
    'xl/workbook.xml',
    XML_DECL +
      `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/><sheets>` +
      sheetNames.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      `</sheets>${definedNames ? `<definedNames>${definedNames}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`,
  );
  const n = sheetXml.length;
  zip.file(
    'xl/_rels/workbook.xml.rels',
    XML_DECL +
      `<Relationships xmlns="${PKG_REL_NS}">` +
      sheetXml.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
      (dynamicUsed ? `<Relationship Id="rId${n + 3}" Type="${REL_NS}/sheetMetadata" Target="metadata.xml"/>` : '') +
      '</Relationships>',
  );
  sheetXml.forEach((xml, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, xml));
  zip.file('xl/styles.xml', STYLES_XML);
  zip.file(
    'xl/sharedStrings.xml',
    XML_DECL +
      `<sst xmlns="${MAIN_NS}" count="${strings.length}" uniqueCount="${strings.length}">` +
      strings.map((s) => `<si><t${/^\s|\s$/.test(s) ? ' xml:space="preserve"' : ''}>${escapeXml(s)}</t></si>`).join('') +
      '</sst>',
  );
  if (dynamicUsed) zip.file('xl/metadata.xml', METADATA_XML);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

