/**
 * A brand-new .xlsx from values and formulas (tests, templates, the playground's download): shared strings, shared
 * and array formulas, dynamic-array metadata and defined names, written as Excel 365 writes them.
 */
import JSZip from 'jszip';
import { CellErrorValue } from '../functions/clean';
import { NAMESPACE } from '../functions/declaration';
import { declarations } from '../functions/generated/registry';
import { cellAddress, parseCell } from '../workbook/a1';
import { functionRenamer, rewriteFormula } from './formula-refs';
import { RICH_ERROR_CACHED_TEXT, isRichErrorCode } from './rich-errors';
import { addRichErrors } from './rich-errors-write';
import { escapeXml, escapeXstring } from './xml';

/** Stands for a rich error's `vm` in a cell's attributes until the rich values are added (a character XML bars). */
const RICH_MARK = '\u0001';

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
    const p = parseCell(address);
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
  const udf = functionRenamer(
    NAMESPACE,
    declarations.map((d) => d.id),
  );
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
  /** Rich errors (#CALC!, #SPILL!, ...) used: their cells carry a marker that becomes their `vm` at the end. */
  const richUsed = new Set<string>();
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
    return (
      XML_DECL +
      `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="${dim}"/><sheetData>${body}</sheetData></worksheet>`
    );
  });

  function valueXml(v: number | string | boolean | CellErrorValue | null | undefined): { t: string; v: string } | null {
    if (v === null || v === undefined) return null;
    if (typeof v === 'number') return { t: '', v: String(v) };
    if (typeof v === 'boolean') return { t: ' t="b"', v: v ? '1' : '0' };
    // Excel 365 stores its newer errors as #VALUE! with a vm pointing at a rich error value (rich-errors.ts).
    if (v instanceof CellErrorValue && isRichErrorCode(v.code)) {
      richUsed.add(v.code);
      return { t: ` t="e"${RICH_MARK}${v.code}${RICH_MARK}`, v: RICH_ERROR_CACHED_TEXT };
    }
    if (v instanceof CellErrorValue) return { t: ' t="e"', v: escapeXml(v.code) };
    return { t: ' t="str"', v: escapeXstring(v) };
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
    else if (v.shared)
      f = v.shared.ref
        ? `<f t="shared" ref="${v.shared.ref}" si="${v.shared.si}">${text}</f>`
        : `<f t="shared" si="${v.shared.si}"/>`;
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
      sheetXml
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      (dynamicUsed
        ? '<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>'
        : '') +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    XML_DECL +
      `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
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
      sheetXml
        .map(
          (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
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
      strings
        .map((s) => `<si><t${/^\s|\s$/.test(s) ? ' xml:space="preserve"' : ''}>${escapeXstring(s)}</t></si>`)
        .join('') +
      '</sst>',
  );
  if (dynamicUsed) zip.file('xl/metadata.xml', METADATA_XML);
  if (richUsed.size) {
    const rich = { byVm: new Map<number, string>(), vmOf: new Map<string, number>() };
    await addRichErrors(zip, 'xl/workbook.xml', [...richUsed], rich); // when it cannot, the cells stay plain #VALUE!
    const mark = new RegExp(`${RICH_MARK}([^${RICH_MARK}]+)${RICH_MARK}`, 'g');
    sheetXml.forEach((xml, i) =>
      zip.file(
        `xl/worksheets/sheet${i + 1}.xml`,
        xml.replace(mark, (_, code: string) => (rich.vmOf.has(code) ? ` vm="${rich.vmOf.get(code)}"` : '')),
      ),
    );
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
