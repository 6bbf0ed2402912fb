/** Reads the "returns ..." part of a documented example and compares it with an engine value. */
import { DetailedCellError } from 'hyperformula';

export type Expected = number | string | boolean | { error: string } | Expected[][];

/** Parses: 600 | 2777.78 | "text" | TRUE | #N/A | {1,2;3,4} (array literal, rows split by ';'). */
export function parseExpected(text: string): Expected {
  const t = text.trim();
  if (t.startsWith('{') && t.endsWith('}')) {
    return splitTop(t.slice(1, -1), ';').map((row) => splitTop(row, ',').map((c) => parseExpected(c) as Expected));
  }
  if (t.startsWith('#')) return { error: t };
  if (t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1);
  if (/^(TRUE|FALSE)$/i.test(t)) return /^TRUE$/i.test(t);
  const n = Number(t.replace(/,/g, ''));
  if (!Number.isNaN(n) && t !== '') return n;
  throw new Error(`cannot read expected value '${t}'`);
}

function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inStr = false;
  for (const ch of s) {
    if (ch === '"') inStr = !inStr;
    if (ch === sep && !inStr) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim());
}

/** Numbers match to the number of decimals the example states (2777.78 matches 2777.777...). */
function matches(actual: unknown, want: Expected): boolean {
  // A spilling function that fails shows one error in its cell, as in Excel: {#N/A} and #N/A mean the same.
  // A one-cell spill reads back as its value, and a failed spill as its one error: {25} and 25, {#N/A} and #N/A agree.
  if (Array.isArray(want) && want.length === 1 && want[0].length === 1 && !Array.isArray(actual))
    return matches(actual, want[0][0] as Expected);
  if (Array.isArray(want)) {
    if (!Array.isArray(actual) || actual.length < want.length) return false;
    // the engine pads a spill to its declared size with blanks: extra cells must be blank
    return (actual as unknown[][]).every((row, i) =>
      row.every((v, j) => (want[i]?.[j] === undefined ? v === '' || v === null : matches(v, want[i][j] as Expected))),
    );
  }
  if (typeof want === 'object')
    return actual instanceof DetailedCellError
      ? actual.value === want.error
      : (actual as { value?: string })?.value === want.error;
  if (typeof want === 'number') {
    if (typeof actual !== 'number') return false;
    const decimals = (String(want).split('.')[1] ?? '').length;
    return decimals === 0
      ? Math.abs(actual - want) < 1e-9 * Math.max(1, Math.abs(want))
      : Math.abs(actual - want) <= 0.5 * 10 ** -decimals + 1e-12;
  }
  return actual === want;
}

export function sameValue(actual: unknown, want: Expected): { ok: boolean; actual: unknown; expected: unknown } {
  const show = actual instanceof DetailedCellError ? `${actual.value} ${actual.message}` : actual;
  return { ok: matches(actual, want), actual: show ?? null, expected: want };
}
