/** Bad inputs the CLI must refuse with one clear line: shared by the recalc, audit and balance tests. */

/** A minimal OLE compound file with the streams of an encrypted .xlsx (MS-OFFCRYPTO 2.3.4). */
export function encryptedWorkbook(): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const entries = ['Root Entry', 'EncryptionInfo', 'EncryptedPackage'].map((name) => {
    const e = Buffer.alloc(128);
    e.write(name, 0, 'utf16le');
    return e;
  });
  return Buffer.concat([header, ...entries]);
}

/** The start of a PDF: a file that is not a zip at all. */
export const notXlsx = (): Buffer => Buffer.from('%PDF-1.7\n1 0 obj\n');
