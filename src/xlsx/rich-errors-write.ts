/**
 * Adding rich error values (#CALC!, #SPILL!, ...) to a workbook that lacks one a recalculated cell needs, as Excel
 * 365 stores them (rich-errors.ts describes the chain): an `_error` rich value in xl/richData/rdrichvalue.xml (with
 * its structure in rdrichvaluestructure.xml), a block in xl/metadata.xml's `<futureMetadata name="XLRICHVALUE">`, and
 * a `<valueMetadata>` block whose 1-based position is the cell's `vm`. Parts the file lacks are created with their
 * relationship from the workbook part and their content type; existing parts get entries appended, so every `vm`,
 * `cm` and rich value index already in the file keeps its meaning. CT_Metadata's child order (ECMA-376 Part 1,
 * 18.9.11: metadataTypes, metadataStrings, mdxMetadata, futureMetadata, cellMetadata, valueMetadata, extLst) is kept.
 */
import type JSZip from 'jszip';
import { readPart, readRels, relsPath, resolveTarget } from './package';
import { RICH_ERROR_TYPES, type RichErrors } from './rich-errors';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RD = 'http://schemas.microsoft.com/office/spreadsheetml/2017/richdata';
const REL_METADATA = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata';
const REL_VALUES = 'http://schemas.microsoft.com/office/2017/06/relationships/rdRichValue';
const REL_STRUCTURES = 'http://schemas.microsoft.com/office/2017/06/relationships/rdRichValueStructure';
const CT_METADATA = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml';
const CT_VALUES = 'application/vnd.ms-excel.rdrichvalue+xml';
const CT_STRUCTURES = 'application/vnd.ms-excel.rdrichvaluestructure+xml';
/** The rich value extension of a futureMetadata block (the uri Excel writes). */
const RVB_EXT = '{3e2802c4-a4d2-4d8b-9148-e3be6c30e623}';
const ERROR_STRUCTURE = '<s t="_error"><k n="errorType" t="i"/><k n="subType" t="i"/></s>';

/** How many elements named `name` (any prefix) `xml` holds. */
function count(xml: string, name: string): number {
  return [...xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${name}\\b`, 'g'))].length;
}

/** `xml` with `text` inserted before the closing tag of its first element `name`, and its count attribute set. */
function append(xml: string, name: string, text: string, newCount: number): string | null {
  const open = new RegExp(`<((?:[\\w.-]+:)?)${name}\\b([^>]*?)(/?)>`).exec(xml);
  if (!open) return null;
  const attrs = /\scount\s*=/.test(open[2])
    ? open[2].replace(/(\scount\s*=\s*)("[^"]*"|'[^']*')/, `$1"${newCount}"`)
    : `${open[2]} count="${newCount}"`;
  if (open[3])
    return (
      xml.slice(0, open.index) +
      `<${open[1]}${name}${attrs}>${text}</${open[1]}${name}>` +
      xml.slice(open.index + open[0].length)
    );
  const close = xml.indexOf(`</${open[1]}${name}>`, open.index);
  if (close < 0) return null;
  return (
    xml.slice(0, open.index) +
    `<${open[1]}${name}${attrs}>` +
    xml.slice(open.index + open[0].length, close) +
    text +
    xml.slice(close)
  );
}

/**
 * Inserts `text` right after the last of the elements `after` (local names of direct children of the root, each
 * closed by `</name>` or self-closing), so that it takes its place in the schema's child order.
 */
function insertAfter(xml: string, after: string[], text: string): string | null {
  let at = -1;
  for (const name of after) {
    const closing = [
      ...xml.matchAll(new RegExp(`</(?:[\\w.-]+:)?${name}>|<(?:[\\w.-]+:)?${name}\\b[^>]*/>`, 'g')),
    ].pop();
    if (closing) at = Math.max(at, closing.index + closing[0].length);
  }
  return at < 0 ? null : xml.slice(0, at) + text + xml.slice(at);
}

/** Adds a relationship from `owner` and a content type override for a new part. */
async function addPart(zip: JSZip, owner: string, part: string, target: string, type: string, contentType: string) {
  const relsPart = relsPath(owner);
  const rels = (await readPart(zip, relsPart, 'the relationships part')) ?? '';
  const ids = new Set([...rels.matchAll(/\sId\s*=\s*"([^"]*)"/g)].map((m) => m[1]));
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  zip.file(
    relsPart,
    rels.replace('</Relationships>', `<Relationship Id="rId${n}" Type="${type}" Target="${target}"/></Relationships>`),
  );
  const types = (await readPart(zip, '[Content_Types].xml', 'the content types part')) ?? '';
  if (!types.includes(`PartName="/${part}"`))
    zip.file(
      '[Content_Types].xml',
      types.replace('</Types>', `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`),
    );
}

/**
 * Gives each of `codes` a `vm` in the workbook, adding rich values and metadata where it has none, and records
 * them in `rich`. Returns false (nothing changed) when the existing parts are laid out in a way this does not
 * edit (a prefixed metadata root, a missing rels part): the caller then writes plain #VALUE!.
 */
export async function addRichErrors(
  zip: JSZip,
  workbookPart: string,
  codes: string[],
  rich: RichErrors,
): Promise<boolean> {
  const missing = [...new Set(codes)].filter((c) => !rich.vmOf.has(c));
  const errorType = (code: string) =>
    Number(Object.keys(RICH_ERROR_TYPES).find((k) => RICH_ERROR_TYPES[Number(k)] === code));
  if (!missing.length) return true;
  const rels = await readRels(zip, workbookPart);
  if (!zip.file(relsPath(workbookPart))) return false;
  const find = (type: string) => {
    const rel = rels.find((r) => !r.external && r.type === type);
    return rel ? resolveTarget(workbookPart, rel.target) : null;
  };
  const folder = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
  const [metaPart, valuesPart, structuresPart] = [find(REL_METADATA), find(REL_VALUES), find(REL_STRUCTURES)];
  let meta = metaPart ? await readPart(zip, metaPart, 'the metadata part') : null;
  let values = valuesPart ? await readPart(zip, valuesPart, 'a rich data part') : null;
  let structures = structuresPart ? await readPart(zip, structuresPart, 'a rich data part') : null;
  if ((metaPart && meta === null) || (valuesPart && values === null) || (structuresPart && structures === null))
    return false;
  if (meta !== null && !/<metadata\b/.test(meta)) return false; // a prefixed SpreadsheetML root: left alone
  if ((values === null) !== (structures === null)) return false;

  // The index of an _error structure with exactly the keys errorType, subType (the values written below), added when
  // the part has none: Excel also writes _error structures with more keys (a #SPILL!'s colOffset, rwOffset).
  structures ??= `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<rvStructures xmlns="${RD}" count="0"></rvStructures>`;
  const kinds = [...structures.matchAll(/<(?:[\w.-]+:)?s\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?s>)/g)].map((m) => {
    const keys = [...(m[2] ?? '').matchAll(/<(?:[\w.-]+:)?k\b[^>]*?\sn\s*=\s*"([^"]*)"/g)].map((k) => k[1]);
    return /\st\s*=\s*"_error"/.test(m[1]) && keys.join() === 'errorType,subType';
  });
  let structure = kinds.indexOf(true);
  if (structure < 0) {
    structure = kinds.length;
    structures = append(structures, 'rvStructures', ERROR_STRUCTURE, kinds.length + 1);
    if (structures === null) return false;
  }
  values ??= `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<rvData xmlns="${RD}" count="0"></rvData>`;
  meta ??= `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<metadata xmlns="${MAIN}" xmlns:xlrd="${RD}"><metadataTypes count="0"></metadataTypes></metadata>`;

  // XLRICHVALUE's 1-based index among the metadata types, added when absent.
  const types = [...meta.matchAll(/<(?:[\w.-]+:)?metadataType\b([^>]*)>/g)].map(
    (m) => /\sname\s*=\s*"([^"]*)"/.exec(m[1])?.[1],
  );
  let typeIndex = types.indexOf('XLRICHVALUE') + 1;
  let next: string | null = meta;
  if (!typeIndex) {
    typeIndex = types.length + 1;
    const type =
      '<metadataType name="XLRICHVALUE" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1"/>';
    next = append(next, 'metadataTypes', type, typeIndex);
  }
  if (next !== null && !/<(?:[\w.-]+:)?futureMetadata\b[^>]*name\s*=\s*"XLRICHVALUE"/.test(next))
    next = insertAfter(
      next,
      ['metadataTypes', 'metadataStrings', 'mdxMetadata', 'futureMetadata'],
      '<futureMetadata name="XLRICHVALUE" count="0"></futureMetadata>',
    );
  if (next !== null && !/<(?:[\w.-]+:)?valueMetadata\b/.test(next))
    next = insertAfter(
      next,
      ['metadataTypes', 'metadataStrings', 'mdxMetadata', 'futureMetadata', 'cellMetadata'],
      '<valueMetadata count="0"></valueMetadata>',
    );
  if (next === null) return false;
  meta = next;

  const added = new Map<string, number>();
  for (const code of missing) {
    const rv = count(values, 'rv');
    const withValue = append(values, 'rvData', `<rv s="${structure}"><v>${errorType(code)}</v><v>0</v></rv>`, rv + 1);
    // The XLRICHVALUE futureMetadata element (its blocks numbered from 0) gets a block pointing at the rich value.
    const fm = /<((?:[\w.-]+:)?)futureMetadata\b[^>]*name\s*=\s*"XLRICHVALUE"[^>]*?(\/?)>/.exec(meta)!;
    const fmEnd = fm[2] ? fm.index + fm[0].length : meta.indexOf(`</${fm[1]}futureMetadata>`, fm.index);
    const blocks = count(meta.slice(fm.index + fm[0].length, fmEnd), 'bk');
    const rvb = `<bk><extLst><ext uri="${RVB_EXT}"><xlrd:rvb xmlns:xlrd="${RD}" i="${rv}"/></ext></extLst></bk>`;
    const tail = append(meta.slice(fm.index), 'futureMetadata', rvb, blocks + 1);
    if (withValue === null || tail === null) return false;
    const withBlock = meta.slice(0, fm.index) + tail;
    // And a valueMetadata block (its 1-based position is the vm) pointing at that futureMetadata block.
    const vmBlocks = count(/<(?:[\w.-]+:)?valueMetadata\b[\s\S]*$/.exec(withBlock)![0], 'bk');
    const withVm = append(withBlock, 'valueMetadata', `<bk><rc t="${typeIndex}" v="${blocks}"/></bk>`, vmBlocks + 1);
    if (withVm === null) return false;
    values = withValue;
    meta = withVm;
    added.set(code, vmBlocks + 1);
  }

  const write = async (part: string | null, fallback: string, text: string, rel: string, ct: string) => {
    if (part) zip.file(part, text);
    else {
      zip.file(folder + fallback, text);
      await addPart(zip, workbookPart, folder + fallback, fallback, rel, ct);
    }
  };
  await write(metaPart, 'metadata.xml', meta, REL_METADATA, CT_METADATA);
  await write(valuesPart, 'richData/rdrichvalue.xml', values, REL_VALUES, CT_VALUES);
  await write(structuresPart, 'richData/rdrichvaluestructure.xml', structures, REL_STRUCTURES, CT_STRUCTURES);
  for (const [code, vm] of added) {
    rich.vmOf.set(code, vm);
    rich.byVm.set(vm, code);
  }
  return true;
}
