/**
 * Writing cached values back into the workbook readXlsx read: only the `<v>` and `t` of formula cells (and of the
 * cells an array formula spills into) change; every other byte of every part is kept (styles, `cm` attributes,
 * xl/metadata.xml, calcChain, ...). Free of the engine: the results come from the caller.
 */
import { MAX_COLUMNS, areaAddress, cellAddress, parseArea, parseCell } from '../workbook/a1';
import { IS_ELEMENT, V_ELEMENT, F_ELEMENT, workbookInternals } from './read';
import type { FormulaCellResult, ResultValue, XlsxWorkbook } from './types';
import { escapeXml, escapeXstring } from './xml';

/** `<v>` text and `t` attribute of a cached value (no `t` for numbers; neither for an empty cell). */
function cachedXml(v: ResultValue | null): { t: string | null; v: string | null } {
  if (v === null) return { t: null, v: null };
  if (typeof v === 'number') return { t: null, v: Object.is(v, -0) ? '0' : String(v) };
  if (typeof v === 'boolean') return { t: 'b', v: v ? '1' : '0' };
  if (typeof v === 'string') return { t: 'str', v: escapeXstring(v) };
  return { t: 'e', v: escapeXml(v.error) };
}

/**
 * One `<c>` element with its `t` attribute and `<v>` replaced, and with `ref` the range of its array formula (a
 * dynamic array that grew or shrank); every other byte kept.
 */
function patchCell(element: string, v: ResultValue | null, ref?: string): string {
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
  if (ref !== undefined)
    inner = inner.replace(F_ELEMENT, (f) => f.replace(/^(<[^>]*?\sref\s*=\s*)("[^"]*"|'[^']*')/, `$1"${ref}"`));
  if (V_ELEMENT.test(inner)) inner = inner.replace(V_ELEMENT, () => vXml);
  else {
    const f = F_ELEMENT.exec(inner);
    inner = f ? inner.slice(0, f.index + f[0].length) + vXml + inner.slice(f.index + f[0].length) : vXml + inner;
  }
  return `<${prefix}c${attrs}>${inner}${element.slice(close)}`;
}

/**
 * A cell a dynamic array no longer spills into, as Excel saves it: no value, no type, no `<f ca="1"/>` of the
 * array; a cell with a style (or any attribute but its address) stays as an empty `<c>`, one without is left out.
 */
function emptyCell(element: string): string {
  const open = /^<([\w.-]+:)?c\b([^>]*?)\/?>/.exec(element)!;
  const attrs = open[2].replace(/\s(t|cm|vm)\s*=\s*("[^"]*"|'[^']*')/g, '').replace(/\s+$/, '');
  if (attrs.replace(/\sr\s*=\s*("[^"]*"|'[^']*')/, '').trim() === '') return '';
  return `<${open[1] ?? ''}c${attrs}/>`;
}

/**
 * Writes each formula result (and each array formula's spilled values) into a copy of the workbook's zip and
 * returns its bytes; cells whose result was kept are left as they are. Adds a warning per sheet for array cells
 * the file has no `<c>` for.
 */
export async function patchWorkbook(
  workbook: XlsxWorkbook,
  cells: FormulaCellResult[],
  warnings: string[],
): Promise<Buffer> {
  const { zip, xml, spans: allSpans } = workbookInternals(workbook);
  const results = new Map(cells.map((r) => [`${r.sheet}\u0000${r.address}`, r]));
  for (const s of workbook.sheets) {
    const edits: { start: number; end: number; text: string }[] = [];
    const missing: { row: number; col: number; v: ResultValue | null }[] = [];
    const byPos = new Map(s.cells.map((c, i) => [c.row * MAX_COLUMNS + c.col, i]));
    const source = xml.get(s.part)!;
    const spans = allSpans.get(s.part)!;
    const edit = (index: number, v: ResultValue | null, ref?: string) => {
      const [start, end] = [spans.starts[index], spans.ends[index]];
      edits.push({ start, end, text: patchCell(source.slice(start, end), v, ref) });
    };
    const clear = (index: number) => {
      const [start, end] = [spans.starts[index], spans.ends[index]];
      edits.push({ start, end, text: emptyCell(source.slice(start, end)) });
    };
    // What each array cell gets: a spilled value, or nothing where a dynamic array no longer reaches (another array
    // that now spills there wins over the one that left it).
    const spilled = new Map<number, ResultValue | null>();
    const released = new Set<number>();
    for (const [index, c] of s.cells.entries()) {
      if (c.formula === undefined) continue;
      const r = results.get(`${s.name}\u0000${c.address}`);
      if (!r || r.kept) continue;
      const ref = r.spill && c.array && r.spill.ref !== c.array.ref ? r.spill.ref : undefined;
      edit(index, r.error ? { error: r.error.code, message: r.error.message } : r.value!, ref);
      if (!r.spill) continue;
      const range = parseArea(r.spill.ref)!;
      const inside = (cell: { row: number; col: number }) =>
        cell.row >= range.top && cell.row <= range.bottom && cell.col >= range.left && cell.col <= range.right;
      const old = ref ? parseArea(c.array!.ref) : null;
      for (let row = old?.top ?? 0; old && row <= old.bottom; row++)
        for (let col = old.left; col <= old.right; col++) {
          const i = byPos.get(row * MAX_COLUMNS + col);
          if (i !== undefined && s.cells[i].spillOf === c.address && !inside({ row, col })) released.add(i);
        }
      r.spill.values.forEach((row, i) =>
        row.forEach((v, j) => {
          if (i === 0 && j === 0) return;
          const target = byPos.get((range.top + i) * MAX_COLUMNS + range.left + j);
          const member = target === undefined ? undefined : s.cells[target];
          // A cell of another array's old range is free once that array has shrunk (the engine placed this one there).
          if (member && (member.spillOf === c.address || (ref && member.spillOf !== undefined)))
            spilled.set(target!, v);
          else if (!member && v !== null) missing.push({ row: range.top + i, col: range.left + j, v });
        }),
      );
    }
    for (const [index, v] of spilled) edit(index, v);
    for (const index of released) if (!spilled.has(index)) clear(index);
    if (!edits.length && !missing.length) continue;
    edits.sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const e of edits) {
      out += source.slice(at, e.start) + e.text;
      at = e.end;
    }
    out += source.slice(at);
    if (missing.length) {
      const added = insertCells(out, missing);
      if (added === null) {
        const shown = missing.slice(0, 3).map((m) => cellAddress(m.row, m.col));
        warnings.push(
          `sheet '${s.name}': ${missing.length} cell(s) of array formula ranges (${shown.join(', ')}${missing.length > 3 ? ', ...' : ''}) have no cell in the file and its rows carry no numbers to place them; Excel fills them when it opens the workbook`,
        );
      } else out = widenDimension(added, missing);
    }
    zip.file(s.part, out);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/**
 * The sheet's `<dimension ref>` (the used range, ECMA-376 Part 1, 18.3.1.35) widened to take in cells added past it
 * (a dynamic array that grew); the sheet is left as it is when it has no dimension or one that is not an area.
 */
function widenDimension(xml: string, cells: { row: number; col: number }[]): string {
  const dim = /(<(?:[\w.-]+:)?dimension\b[^>]*?\sref\s*=\s*)("([^"]*)"|'([^']*)')/.exec(xml);
  const area = dim ? parseArea(dim[3] ?? dim[4]) : null;
  if (!dim || !area) return xml;
  const wide = { ...area };
  for (const c of cells) {
    wide.top = Math.min(wide.top, c.row);
    wide.bottom = Math.max(wide.bottom, c.row);
    wide.left = Math.min(wide.left, c.col);
    wide.right = Math.max(wide.right, c.col);
  }
  const ref = areaAddress(wide);
  if (ref === areaAddress(area)) return xml;
  return xml.slice(0, dim.index) + `${dim[1]}"${ref}"` + xml.slice(dim.index + dim[0].length);
}

const CELL_ELEMENT =
  /<(?:[\w.-]+:)?c\b[^>]*?\sr\s*=\s*["']\$?([A-Za-z]{1,3})\d+["'][^>]*?(?:\/>|>[\s\S]*?<\/(?:[\w.-]+:)?c>)/g;
const ROW_ELEMENT = /<((?:[\w.-]+:)?)row\b([^>]*?)(\/?)>/g;

/**
 * Adds `<c>` elements for array-range cells the file lacks (a workbook written by a script: Excel writes one `<c>`
 * per cell of the range), each in its `<row>` in column order, creating the `<row>` where there is none, in row
 * order (ECMA-376 Part 1, 18.3.1.73 `row`, 18.3.1.4 `c`: rows ascending, cells ascending within a row). Returns
 * null when a row without an `r` attribute makes the positions uncertain.
 */
function insertCells(xml: string, cells: { row: number; col: number; v: ResultValue | null }[]): string | null {
  const open = /<((?:[\w.-]+:)?)sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!open) return null;
  const prefix = open[1];
  if (open[2]) {
    const opened = open[0].replace(/\s*\/>$/, '>') + `</${prefix}sheetData>`;
    return insertCells(xml.slice(0, open.index) + opened + xml.slice(open.index + open[0].length), cells);
  }
  const bodyStart = open.index + open[0].length;
  const bodyEnd = xml.indexOf(`</${prefix}sheetData>`, bodyStart);
  if (bodyEnd < 0) return null;
  const body = xml.slice(bodyStart, bodyEnd);
  const byRow = new Map<number, { col: number; v: ResultValue | null; text: string }[]>();
  for (const c of cells) {
    const list = byRow.get(c.row) ?? [];
    list.push({ col: c.col, v: c.v, text: newCell(prefix, c.row, c.col, c.v) });
    byRow.set(c.row, list);
  }
  // The row elements of the body: index of each, its number, and where its content ends.
  const rows: { row: number; start: number; end: number; openEnd: number; selfClosing: boolean; tag: string }[] = [];
  ROW_ELEMENT.lastIndex = 0;
  for (let m = ROW_ELEMENT.exec(body); m; m = ROW_ELEMENT.exec(body)) {
    const r = /(?:^|\s)r\s*=\s*["'](\d+)["']/.exec(m[2]);
    if (!r) return null;
    const selfClosing = m[3] === '/';
    const close = selfClosing ? m.index + m[0].length : body.indexOf(`</${m[1]}row>`, m.index);
    if (close < 0) return null;
    rows.push({
      row: Number(r[1]) - 1,
      start: m.index,
      end: close,
      openEnd: m.index + m[0].length,
      selfClosing,
      tag: m[0],
    });
    ROW_ELEMENT.lastIndex = selfClosing ? close : close + `</${m[1]}row>`.length;
  }
  const edits: { at: number; end: number; text: string }[] = [];
  for (const [row, list] of byRow) {
    list.sort((a, b) => a.col - b.col);
    const existing = rows.find((r) => r.row === row);
    if (!existing) {
      const after = rows.find((r) => r.row > row);
      edits.push({
        at: after ? after.start : body.length,
        end: after ? after.start : body.length,
        text: `<${prefix}row r="${row + 1}">${list.map((c) => c.text).join('')}</${prefix}row>`,
      });
      continue;
    }
    if (existing.selfClosing) {
      edits.push({
        at: existing.start,
        end: existing.end,
        text: existing.tag.replace(/\s*\/>$/, '>') + list.map((c) => c.text).join('') + `</${prefix}row>`,
      });
      continue;
    }
    // Existing cells of the row, by column, to insert each new one before the first cell to its right.
    const inner = body.slice(existing.openEnd, existing.end);
    const positions = [...inner.matchAll(CELL_ELEMENT)].map((m) => ({
      col: parseCell(m[1] + '1')!.col,
      at: existing.openEnd + m.index!,
      end: existing.openEnd + m.index! + m[0].length,
      element: m[0],
    }));
    for (const c of list) {
      // A styled empty cell the reader skipped (a dynamic array grew into it): its value goes in, its style stays.
      const same = positions.find((p) => p.col === c.col);
      if (same) {
        edits.push({ at: same.at, end: same.end, text: patchCell(same.element, c.v) });
        continue;
      }
      const before = positions.find((p) => p.col > c.col);
      const at = before ? before.at : existing.end;
      edits.push({ at, end: at, text: c.text });
    }
  }
  edits.sort((a, b) => a.at - b.at);
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += body.slice(pos, e.at) + e.text;
    pos = e.end;
  }
  out += body.slice(pos);
  return xml.slice(0, bodyStart) + out + xml.slice(bodyEnd);
}

function newCell(prefix: string, row: number, col: number, v: ResultValue | null): string {
  const cached = cachedXml(v);
  const t = cached.t ? ` t="${cached.t}"` : '';
  return cached.v === null
    ? `<${prefix}c r="${cellAddress(row, col)}"/>`
    : `<${prefix}c r="${cellAddress(row, col)}"${t}><${prefix}v>${cached.v}</${prefix}v></${prefix}c>`;
}
