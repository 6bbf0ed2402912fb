/**
 * XML text for the xlsx layer: entity and `_xHHHH_` decoding, escaping,
 * and a fast attribute reader for start tags. Pure TypeScript with no dependency: the task pane bundle uses it too.
 */
/** XML character data to text: the five entities and numeric character references. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

/** XML character data to text: entities, then Excel's `_xHHHH_` escapes (ECMA-376 Part 1, 22.9.2.19 ST_Xstring). */
export function decodeXmlText(s: string): string {
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
  for (const m of text.matchAll(/([\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[2]] = decodeXmlText(m[3] ?? m[4] ?? '');
  return out;
}
