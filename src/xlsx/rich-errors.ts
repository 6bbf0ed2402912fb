/**
 * Excel 365's newer errors (#SPILL!, #CALC!, #FIELD!, ...) as Excel saves them: the cell is `<c t="e" vm="N">` with
 * the cached text #VALUE! (what an older reader can show), and `vm` is a 1-based index into xl/metadata.xml's
 * `<valueMetadata>`. Its `<rc t v>` names a metadata type (`t`, 1-based in `<metadataTypes>`) that is XLRICHVALUE and
 * a block of that type's `<futureMetadata>` (`v`, 0-based), whose `<xlrd:rvb i>` is a rich value (0-based) in
 * xl/richData/rdrichvalue.xml. A rich value of the structure `_error` (rdrichvaluestructure.xml) carries the key
 * `errorType`: 8 #SPILL!, 9 #CONNECT!, 10 #BLOCKED!, 11 #UNKNOWN!, 12 #FIELD!, 13 #CALC!, 14 #BUSY!, 18 #EXTERNAL!
 * ([MS-XLSX] 2.3.6.1 rich value types; the same numbers as Office's ErrorCellValueType). ironcalc's ERROR.TYPE.xlsx
 * caches #CALC! as errorType 13 and #SPILL! as 8; its SEQUENCE(0,0) and FILTER with no match are 13.
 * Free of the engine, like the rest of src/xlsx.
 */
import type JSZip from 'jszip';
import { readPart, readRels, resolveTarget } from './package';
import { attribute } from './xml';

/** errorType of an `_error` rich value -> the error Excel shows. */
export const RICH_ERROR_TYPES: Readonly<Record<number, string>> = {
  8: '#SPILL!',
  9: '#CONNECT!',
  10: '#BLOCKED!',
  11: '#UNKNOWN!',
  12: '#FIELD!',
  13: '#CALC!',
  14: '#BUSY!',
  18: '#EXTERNAL!',
};

/** The cached text Excel writes for a rich error, which readers without rich data show. */
export const RICH_ERROR_CACHED_TEXT = '#VALUE!';

/** Is this error code one Excel saves as a rich value (cached as #VALUE! with a `vm`)? */
export function isRichErrorCode(code: string): boolean {
  return Object.values(RICH_ERROR_TYPES).includes(code);
}

/** The rich errors of a workbook: the error of each `vm` index that points at one, and the first `vm` of each error. */
export interface RichErrors {
  byVm: Map<number, string>;
  vmOf: Map<string, number>;
}

/** Elements `<name ...>...</name>` or `<name .../>` (any prefix), in order: [attributes, content]. */
function elements(xml: string, name: string): [string, string][] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>)`, 'g');
  return [...xml.matchAll(re)].map((m) => [m[1], m[2] ?? '']);
}

/**
 * Reads the `vm` indexes of a workbook whose values are rich errors. A workbook without metadata or rich data
 * (anything not saved by Excel 365), or with parts this does not understand, has none: its error cells read as their
 * cached text, as before.
 */
export async function readRichErrors(zip: JSZip, workbookPart: string): Promise<RichErrors> {
  const rels = await readRels(zip, workbookPart);
  const part = async (type: RegExp) => {
    const rel = rels.find((r) => !r.external && type.test(r.type));
    return rel ? readPart(zip, resolveTarget(workbookPart, rel.target), 'a rich data part') : null;
  };
  const metadata = await part(/\/sheetMetadata$/);
  const values = metadata && (await part(/\/rdRichValue$/));
  const structures = values && (await part(/\/rdRichValueStructure$/));
  // Fresh maps each time: the writer adds the rich errors it creates to them.
  if (!metadata || !values || !structures) return { byVm: new Map(), vmOf: new Map() };

  // Key position of errorType in each structure of type _error.
  const errorKey = elements(structures, 's').map(([attrs, inner]) =>
    attribute(attrs, 't') === '_error'
      ? elements(inner, 'k').findIndex(([k]) => attribute(k, 'n') === 'errorType')
      : -1,
  );
  const richError = elements(values, 'rv').map(([attrs, inner]) => {
    const key = errorKey[Number(attribute(attrs, 's') ?? -1)] ?? -1;
    if (key < 0) return undefined;
    const v = elements(inner, 'v')[key]?.[1];
    return v === undefined ? undefined : RICH_ERROR_TYPES[Number(v.trim())];
  });

  const typeNames = elements(metadata, 'metadataType').map(([attrs]) => attribute(attrs, 'name'));
  const future = elements(metadata, 'futureMetadata').find(([attrs]) => attribute(attrs, 'name') === 'XLRICHVALUE');
  const richOfBlock = future
    ? elements(future[1], 'bk').map(([, inner]) => {
        const rvb = elements(inner, 'rvb')[0];
        return rvb ? Number(attribute(rvb[0], 'i')) : undefined;
      })
    : [];
  const valueMetadata = elements(metadata, 'valueMetadata')[0]?.[1] ?? '';
  const out: RichErrors = { byVm: new Map(), vmOf: new Map() };
  elements(valueMetadata, 'bk').forEach(([, inner], i) => {
    const rc = elements(inner, 'rc')[0];
    if (!rc || typeNames[Number(attribute(rc[0], 't')) - 1] !== 'XLRICHVALUE') return;
    const rich = richOfBlock[Number(attribute(rc[0], 'v'))];
    const code = rich === undefined ? undefined : richError[rich];
    if (!code) return;
    out.byVm.set(i + 1, code);
    if (!out.vmOf.has(code)) out.vmOf.set(code, i + 1);
  });
  return out;
}
