/**
 * Small workbooks with Excel 365's rich errors, laid out as Excel saves them (ironcalc's ERROR.TYPE.xlsx is the
 * model): `<c t="e" vm="N"><v>#VALUE!</v></c>`, xl/metadata.xml (valueMetadata -> futureMetadata XLRICHVALUE ->
 * rich value), and xl/richData/rdrichvalue.xml with `_error` values (errorType, subType).
 */
import JSZip from 'jszip';
import { writeWorkbook } from '../../src/xlsx/create';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RD = 'http://schemas.microsoft.com/office/spreadsheetml/2017/richdata';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL17 = 'http://schemas.microsoft.com/office/2017/06/relationships';

/**
 * A one-sheet workbook (sheet "S") whose sheetData is `rows` (the `<row>` elements) and whose rich values are the
 * `_error` values of `errorTypes`, in order: vm="1" is errorTypes[0], vm="2" errorTypes[1], ... With `dynamicArrays`,
 * XLDAPR comes first among the metadata types (as in Excel's files with spilled formulas), so `rc t` is 2.
 */
export async function richErrorWorkbook(rows: string, errorTypes: number[], dynamicArrays = false): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await writeWorkbook({ sheets: [{ name: 'S', rows: [['x']] }] }));
  zip.file('xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`);
  if (!errorTypes.length) return zip.generateAsync({ type: 'nodebuffer' });
  const rich = dynamicArrays ? 2 : 1;
  const types =
    (dynamicArrays ? '<metadataType name="XLDAPR" minSupportedVersion="120000"/>' : '') +
    '<metadataType name="XLRICHVALUE" minSupportedVersion="120000"/>';
  const blocks = errorTypes
    .map(
      (_, i) =>
        `<bk><extLst><ext uri="{3e2802c4-a4d2-4d8b-9148-e3be6c30e623}"><xlrd:rvb i="${i}"/></ext></extLst></bk>`,
    )
    .join('');
  zip.file(
    'xl/metadata.xml',
    `<metadata xmlns="${MAIN}" xmlns:xlrd="${RD}"><metadataTypes count="${rich}">${types}</metadataTypes>` +
      `<futureMetadata name="XLRICHVALUE" count="${errorTypes.length}">${blocks}</futureMetadata>` +
      `<valueMetadata count="${errorTypes.length}">${errorTypes.map((_, i) => `<bk><rc t="${rich}" v="${i}"/></bk>`).join('')}</valueMetadata></metadata>`,
  );
  zip.file(
    'xl/richData/rdrichvalue.xml',
    `<rvData xmlns="${RD}" count="${errorTypes.length}">${errorTypes.map((t) => `<rv s="0"><v>${t}</v><v>0</v></rv>`).join('')}</rvData>`,
  );
  zip.file(
    'xl/richData/rdrichvaluestructure.xml',
    `<rvStructures xmlns="${RD}" count="1"><s t="_error"><k n="errorType" t="i"/><k n="subType" t="i"/></s></rvStructures>`,
  );
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  zip.file(
    'xl/_rels/workbook.xml.rels',
    rels.replace(
      '</Relationships>',
      `<Relationship Id="rIdM" Type="${REL}/sheetMetadata" Target="metadata.xml"/>` +
        `<Relationship Id="rIdV" Type="${REL17}/rdRichValue" Target="richData/rdrichvalue.xml"/>` +
        `<Relationship Id="rIdS" Type="${REL17}/rdRichValueStructure" Target="richData/rdrichvaluestructure.xml"/></Relationships>`,
    ),
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}
