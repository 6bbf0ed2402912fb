/**
 * Numbers stored as text, as users type them: thousands separators, a currency sign, accounting negatives and
 * percentages ("60%" is 0.6, as Excel reads it when typed into a cell).
 */
const NUMBER_TEXT = /^\(?[-+]?[$€£¥]?\s*[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][-+]?\d+)?\)?%?$/;

/** Parses "1,200", "$1,200.50", "(300)", "60%", "1e6"; null when the text is not a number. */
export function parseNumberText(text: string): number | null {
  const t = text.trim();
  if (!t || !NUMBER_TEXT.test(t) || !/\d/.test(t)) return null;
  const negative = t.startsWith('(') && t.endsWith(')');
  if (t.startsWith('(') !== t.endsWith(')')) return null;
  const percent = t.endsWith('%');
  const n = Number(t.replace(/[()$€£¥,%\s]/g, ''));
  if (!Number.isFinite(n)) return null;
  return (negative ? -n : n) / (percent ? 100 : 1);
}
