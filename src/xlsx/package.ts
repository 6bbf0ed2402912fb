/**
 * The zip package of an .xlsx: what the bytes are (sniffing before unzipping, so that the message says what the
 * user has), reading parts with size limits and checksums, and relationships (OPC part names). Free of the engine.
 */
import * as zlib from 'zlib';
import JSZip from 'jszip';
import { XMLParser } from 'fast-xml-parser';

/** The settings every part is parsed with: attributes by local name, text kept as it is (entities decoded by xml.ts). */
export const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  trimValues: false,
  isArray: (name) => ['Relationship', 'sheet', 'definedName', 'si', 'r', 'Override'].includes(name),
});

/** A problem with the file itself (not a zip, damaged, encrypted, too big): one line, safe to show a user. */
export class XlsxFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxFileError';
    Object.setPrototypeOf(this, XlsxFileError.prototype);
  }
}

/** Default limit of cells loaded from one workbook. */
export const DEFAULT_MAX_CELLS = 1_000_000;
/** A worksheet part larger than this (uncompressed) is refused before it is inflated. */
export const MAX_PART_BYTES = 400 * 1024 * 1024;

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Recognises what the bytes are before unzipping, so that the message says what the user has. */
export function sniff(data: Uint8Array): void {
  if (data.length >= 8 && CFB_SIGNATURE.every((b, i) => data[i] === b)) {
    // An encrypted .xlsx is an OLE compound file holding EncryptionInfo and EncryptedPackage streams (MS-OFFCRYPTO 2.3.4).
    const utf16 = (s: string) => Buffer.from(s, 'utf16le');
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (buf.includes(utf16('EncryptionInfo')) || buf.includes(utf16('EncryptedPackage'))) {
      throw new XlsxFileError(
        'the workbook is password-protected (encrypted); open it in Excel, remove the password (File > Info > Protect Workbook) and save it again',
      );
    }
    throw new XlsxFileError(
      'this is an old binary Excel file (.xls) or another OLE document, not an .xlsx; save it as Excel Workbook (.xlsx)',
    );
  }
  const zipSignature =
    data.length >= 4 &&
    data[0] === 0x50 &&
    data[1] === 0x4b &&
    (data[2] === 3 || data[2] === 5) &&
    (data[3] === 4 || data[3] === 6);
  if (!zipSignature)
    throw new XlsxFileError(
      `this is not an .xlsx workbook (an .xlsx is a zip archive; this file ${data.length === 0 ? 'is empty' : 'does not start like one'})`,
    );
}

/** Sniffs and unzips; throws XlsxFileError with a one-line reason for a file that is not a readable .xlsx. */
export async function openPackage(data: Uint8Array): Promise<JSZip> {
  sniff(data);
  try {
    return await JSZip.loadAsync(data);
  } catch (e) {
    throw new XlsxFileError(
      `the file is not a readable .xlsx: the zip archive is truncated or damaged (${oneLine(e)})`,
    );
  }
}

export async function readPart(zip: JSZip, part: string, what: string): Promise<string | null> {
  const file = zip.file(part);
  if (!file) return null;
  const size = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  if (size > MAX_PART_BYTES)
    throw new XlsxFileError(
      `${what} is ${Math.round(size / 1048576)} MB uncompressed, more than the ${MAX_PART_BYTES / 1048576} MB this tool reads`,
    );
  let bytes: Uint8Array;
  try {
    bytes = await file.async('uint8array');
  } catch (e) {
    throw new XlsxFileError(`the zip archive is damaged: ${part} cannot be read (${oneLine(e)})`);
  }
  // Checked here, per part read, rather than by jszip's checkCRC32 (which inflates every part once more on load).
  const expected = (file as unknown as { _data?: { crc32?: number } })._data?.crc32;
  if (typeof expected === 'number' && typeof zlib.crc32 === 'function' && zlib.crc32(bytes) >>> 0 !== expected >>> 0)
    throw new XlsxFileError(`the zip archive is damaged: ${part} fails its checksum`);
  return new TextDecoder('utf-8').decode(bytes);
}

export function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** Resolves a relationship target against the folder of the part that owns it (OPC part names). */
export function resolveTarget(ownerPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ownerPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The relationships part of a part (xl/workbook.xml -> xl/_rels/workbook.xml.rels). */
export function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export async function readRels(
  zip: JSZip,
  part: string,
): Promise<{ id: string; type: string; target: string; external: boolean }[]> {
  const xml = await readPart(zip, relsPath(part), 'the relationships part');
  if (!xml) return [];
  const rels = (parser.parse(xml)?.Relationships?.Relationship ?? []) as Record<string, string>[];
  return rels.map((r) => ({
    id: r.Id,
    type: r.Type ?? '',
    target: r.Target ?? '',
    external: r.TargetMode === 'External',
  }));
}
