/**
 * An .xlsx file read into a WorkbookSnapshot without the formula engine (jszip + fast-xml-parser + a scan of the
 * sheet XML): the task pane compares the open workbook with an uploaded file and must not bundle HyperFormula.
 * Values are the file's cached values; shared formulas are expanded to each cell (ECMA-376 18.3.1.40: a follower
 * holds the master's formula moved by its offset); cells an array formula fills are marked with their anchor.
 */
import JSZip from 'jszip';
import { XMLParser } from 'fast-xml-parser';
import type { CellValue } from '../workbook/workbook';
import { createTokenizer, renderA1 } from '../audit/formula';
import { columnIndex, parseArea } from '../workbook/a1';
import { SheetBuilder, type NameSnapshot, type TableSnapshot, type WorkbookSnapshot } from './snapshot';

/** A problem with the file itself: one line, safe to show (the CLI prints it as is, as for the other commands). */
export class XlsxFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxFileError';
    Object.setPrototypeOf(this, XlsxFileError.prototype);
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  trimValues: false,
  isArray: (name) => ['Relationship', 'sheet', 'definedName', 'si', 'r'].includes(name),
});

function decode(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Says what the bytes are when they are not an .xlsx (an encrypted or old binary file is an OLE compound file). */
function sniff(data: Uint8Array): void {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (data.length >= 8 && ole.every((b, i) => data[i] === b)) {
    throw new XlsxFileError('this is a password-protected workbook or an old binary Excel file (.xls), not an .xlsx; save it as Excel Workbook (.xlsx) without a password');
  }
  const zip = data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && (data[2] === 3 || data[2] === 5) && (data[3] === 4 || data[3] === 6);
  if (!zip) throw new XlsxFileError(`this is not an .xlsx workbook (an .xlsx is a zip archive; this file ${data.length === 0 ? 'is empty' : 'does not start like one'})`);
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

async function part(zip: JSZip, name: string): Promise<string | null> {
  const f = zip.file(name);
  if (!f) return null;
  try {
    return await f.async('string');
  } catch (e) {
    throw new XlsxFileError(`the zip archive is damaged: ${name} cannot be read (${oneLine(e)})`);
  }
}

function resolveTarget(owner: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = owner.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

async function rels(zip: JSZip, owner: string): Promise<{ id: string; type: string; target: string }[]> {
  const i = owner.lastIndexOf('/');
  const xml = await part(zip, `${owner.slice(0, i + 1)}_rels/${owner.slice(i + 1)}.rels`);
  if (!xml) return [];
  return ((parser.parse(xml)?.Relationships?.Relationship ?? []) as Record<string, string>[]).map((r) => ({ id: r.Id, type: r.Type ?? '', target: r.Target ?? '' }));
}

function itemText(si: unknown): string {
  if (si === null || si === undefined) return '';
  if (typeof si === 'string') return decode(si);
  const o = si as Record<string, unknown>;
  const t = (x: unknown): string => (typeof x === 'string' ? decode(x) : x && typeof x === 'object' && '#text' in x ? decode(String((x as Record<string, unknown>)['#text'])) : '');
  if (o.t !== undefined) return t(o.t);
  if (Array.isArray(o.r)) return o.r.map((run) => t((run as Record<string, unknown>).t)).join('');
  return '';
}

function attr(text: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*"([^"]*)"`).exec(text);
  return m ? decode(m[1]) : undefined;
}

function cellValue(t: string | undefined, v: string | null, inline: string | null, sst: string[]): CellValue {
  if (t === 's') return v === null ? null : (sst[Number(v)] ?? null);
  if (t === 'inlineStr') return inline;
  if (v === null) return null;
  if (t === 'str') return decode(v);
  if (t === 'b') return v.trim() === '1' || v.trim().toLowerCase() === 'true';
  if (t === 'e') return { error: decode(v).trim() };
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : decode(v);
}

const CELL_OR_ROW = /<(?:[\w.-]+:)?row\b([^>]*)>|<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;
const F_ELEMENT = /<(?:[\w.-]+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?f>)/;
const V_ELEMENT = /<(?:[\w.-]+:)?v\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?v>)/;
const T_TEXT = /<(?:[\w.-]+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?t>)/g;
const CELL_REF = /^([A-Z]{1,3})(\d{1,7})$/;

function scanSheet(name: string, xml: string, sst: string[], tokenize: (f: string) => ReturnType<ReturnType<typeof createTokenizer>>): SheetBuilder {
  const b = new SheetBuilder(name);
  const masters = new Map<string, { formula: string; row: number; col: number }>();
  const followers: { row: number; col: number; si: string }[] = [];
  const arrays: { row: number; col: number; ref: string }[] = [];
  let row = -1;
  let col = -1;
  const start = xml.search(/<(?:[\w.-]+:)?sheetData\b/);
  if (start < 0) return b;
  CELL_OR_ROW.lastIndex = start;
  for (let m = CELL_OR_ROW.exec(xml); m; m = CELL_OR_ROW.exec(xml)) {
    if (m[1] !== undefined) {
      const r = attr(m[1], 'r');
      row = r ? Number(r) - 1 : row + 1;
      col = -1;
      continue;
    }
    const r = attr(m[2], 'r');
    const ref = r ? CELL_REF.exec(r) : null;
    if (ref) {
      row = Number(ref[2]) - 1;
      col = columnIndex(ref[1]);
    } else {
      col++;
      if (row < 0) row = 0;
    }
    const t = attr(m[2], 't');
    const inner = m[3] ?? '';
    const f = inner ? F_ELEMENT.exec(inner) : null;
    const v = inner ? V_ELEMENT.exec(inner) : null;
    const inline = t === 'inlineStr' ? [...inner.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '').matchAll(T_TEXT)].map((x) => decode(x[1] ?? '')).join('') : null;
    const value = cellValue(t, v ? (v[1] ?? '') : null, inline, sst);
    if (!f && (value === null || value === '')) continue;
    if (!f) {
      b.set(row, col, { value });
      continue;
    }
    const ft = attr(f[1], 't');
    const text = decode(f[2] ?? '');
    if (ft === 'shared' && text.trim() === '') {
      followers.push({ row, col, si: attr(f[1], 'si') ?? '' });
      b.set(row, col, { value });
      continue;
    }
    if (ft === 'shared') masters.set(attr(f[1], 'si') ?? '', { formula: text, row, col });
    if (ft === 'array') arrays.push({ row, col, ref: attr(f[1], 'ref') ?? '' });
    if (ft === 'dataTable') b.set(row, col, { value });
    else b.set(row, col, { value, formula: '=' + text });
  }
  for (const x of followers) {
    const master = masters.get(x.si);
    const cell = b.get(x.row, x.col)!;
    if (master) cell.formula = renderA1(tokenize(master.formula), x.row - master.row, x.col - master.col);
  }
  for (const a of arrays) {
    const area = parseArea(a.ref);
    if (!area) continue;
    for (let r = area.top; r <= area.bottom; r++)
      for (let c = area.left; c <= area.right; c++) {
        const cell = b.get(r, c);
        if (cell && !cell.formula) cell.spillOf = { row: a.row, col: a.col };
      }
  }
  return b;
}

/** Reads .xlsx bytes into a snapshot; throws XlsxFileError with a one-line reason for a file that is not one. */
export async function readXlsxSnapshot(data: Uint8Array): Promise<WorkbookSnapshot> {
  sniff(data);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch (e) {
    throw new XlsxFileError(`the file is not a readable .xlsx: the zip archive is truncated or damaged (${oneLine(e)})`);
  }
  const officeDoc = (await rels(zip, '')).find((r) => /\/officeDocument$/.test(r.type));
  const wbPart = officeDoc ? resolveTarget('', officeDoc.target) : 'xl/workbook.xml';
  const wbXml = await part(zip, wbPart);
  if (!wbXml) throw new XlsxFileError(`this is a zip archive but not an Excel workbook (it has no ${wbPart})`);
  let wbDoc: Record<string, any> | undefined;
  try {
    wbDoc = parser.parse(wbXml)?.workbook;
  } catch (e) {
    throw new XlsxFileError(`the workbook part ${wbPart} is not valid XML (${oneLine(e)})`);
  }
  if (!wbDoc) throw new XlsxFileError(`${wbPart} is not a SpreadsheetML workbook`);
  const wbRels = await rels(zip, wbPart);
  const sstRel = wbRels.find((r) => /\/sharedStrings$/.test(r.type));
  const sstXml = sstRel ? await part(zip, resolveTarget(wbPart, sstRel.target)) : null;
  const sst = sstXml ? ((parser.parse(sstXml)?.sst?.si ?? []) as unknown[]).map(itemText) : [];
  const declared = (wbDoc.sheets?.sheet ?? []) as Record<string, string>[];
  if (!declared.length) throw new XlsxFileError('the workbook has no sheets');
  const allNames = declared.map((s) => decode(s.name ?? ''));
  const tokenize = createTokenizer();
  const snapshot: WorkbookSnapshot = { sheets: [], names: [], tables: [] };
  for (const [i, s] of declared.entries()) {
    const rel = wbRels.find((r) => r.id === s.id);
    if (!rel || !/\/worksheet$/.test(rel.type)) continue; // chart and dialog sheets hold no cells
    const sheetPart = resolveTarget(wbPart, rel.target);
    const xml = await part(zip, sheetPart);
    if (xml === null) throw new XlsxFileError(`the workbook lists sheet '${allNames[i]}' but the file has no ${sheetPart}`);
    snapshot.sheets.push(scanSheet(allNames[i], xml, sst, tokenize).build());
    for (const tr of await rels(zip, sheetPart)) {
      if (!/\/table$/.test(tr.type)) continue;
      const txml = await part(zip, resolveTarget(sheetPart, tr.target));
      const t = txml ? (parser.parse(txml)?.table as Record<string, string> | undefined) : undefined;
      const name = decode(String(t?.displayName ?? t?.name ?? ''));
      if (name && t?.ref) snapshot.tables.push({ name, sheet: allNames[i], ref: String(t.ref) } satisfies TableSnapshot);
    }
  }
  for (const d of (wbDoc.definedNames?.definedName ?? []) as (Record<string, string> | string)[]) {
    if (typeof d !== 'object') continue;
    const name = decode(d.name ?? '');
    const ref = decode(String(d['#text'] ?? '')).trim();
    // Excel's own names (print areas, filters, future-function placeholders) are not the user's
    if (!name || !ref || /^_xl(nm|fn|ws|pm)\./i.test(name)) continue;
    const scope = d.localSheetId !== undefined ? allNames[Number(d.localSheetId)] : undefined;
    snapshot.names.push({ name, ref, ...(scope !== undefined ? { scope } : {}) } satisfies NameSnapshot);
  }
  return snapshot;
}
