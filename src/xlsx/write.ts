/**
 * Writing cached values back into the workbook readXlsx read: only the `<v>` and `t` of formula cells (and of the
 * cells an array formula spills into) change; every other byte of every part is kept (styles, `cm` attributes,
 * xl/metadata.xml, calcChain, ...). Free of the engine: the results come from the caller.
 */
import { MAX_COLUMNS, cellAddress, parseArea } from '../workbook/a1';
import { IS_ELEMENT, V_ELEMENT, F_ELEMENT, workbookInternals } from './read';
import type { FormulaCellResult, ResultValue, XlsxWorkbook } from './types';
import { escapeXml } from './xml';

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

/**
 * Writes each formula result (and each array formula's spilled values) into a copy of the workbook's zip and
 * returns its bytes; cells whose result was kept are left as they are. Adds a warning per sheet for array cells
 * the file has no `<c>` for.
 */
export async function patchWorkbook(workbook: XlsxWorkbook, cells: FormulaCellResult[], warnings: string[]): Promise<Buffer> {
  const { zip, xml, spans: allSpans } = workbookInternals(workbook);
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
      const range = parseArea(r.spill.ref)!;
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
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
