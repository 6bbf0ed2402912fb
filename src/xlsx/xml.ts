/**
 * XML text for the xlsx layer: entity and `_xHHHH_` decoding, escaping,
 * and a fast attribute reader for start tags. Pure TypeScript with no dependency: the task pane bundle uses it too.
 */
/** XML character data to text: the five entities and numeric character references. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e === 'amp'
      ? '&'
      : e === 'lt'
        ? '<'
        : e === 'gt'
          ? '>'
          : e === 'quot'
            ? '"'
            : e === 'apos'
              ? "'"
              : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

/**
 * XML character data to text: line ends, entities, then Excel's `_xHHHH_` escapes (ECMA-376 Part 1, 22.9.2.19
 * ST_Xstring). A literal CR LF or CR in the file is a line feed (XML 1.0, 2.11 End-of-Line Handling: what any XML
 * reader, Excel's included, sees); a carriage return kept in the text is written `_x000D_` or `&#13;`. Cell values
 * are read by a positional scan, not the parser, so the normalization is done here (PROPER.xlsx caches
 * "Day\r\nTo" raw, which is "Day\nTo", the same text as its shared-string input).
 */
export function decodeXmlText(text: string): string {
  const s = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return decodeEntities(s).replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const ATTRIBUTE_RE = new Map<string, RegExp>();

/** One attribute of a start tag's attribute text, by local name (the hot path: one per cell, no full parse). */
export function attribute(text: string, name: string): string | undefined {
  let re = ATTRIBUTE_RE.get(name);
  if (!re) ATTRIBUTE_RE.set(name, (re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(text);
  if (!m) return undefined;
  const v = m[1] ?? m[2];
  return v.includes('&') ? decodeXmlText(v) : v;
}

/** Attributes of an XML start tag's attribute text, by local name. */
export function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out[m[2]] = decodeXmlText(m[3] ?? m[4] ?? '');
  return out;
}

// Characters XML 1.0 cannot hold (C0 controls but tab and line feed; U+FFFE, U+FFFF), and the carriage return,
// which XML parsers turn into a line feed.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Text as Excel writes it in a cell value or shared string (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): a character XML
 * cannot hold becomes `_xHHHH_` (CHAR(1) -> `_x0001_`), and an underscore that would otherwise read as the start of
 * such an escape is itself escaped (`_x0041_` typed as text -> `_x005F_x0041_`); then the XML escapes.
 */
export function escapeXstring(s: string): string {
  const hex = (c: string) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  return escapeXml(s.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_').replace(NOT_XML, hex));
}
