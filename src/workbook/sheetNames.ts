/**
 * Sheet names when a template's sheets join an open workbook: pure helpers shared by both Workbook hosts.
 * Existing sheets are never renamed; an inserted sheet whose name is taken gets " (2)", " (3)", ... as Excel does
 * when it copies a sheet, and formulas that point at a renamed sheet are re-pointed.
 */

import { quoteSheetName } from './a1';

/** Excel's sheet-name limit. */
const MAX_SHEET_NAME = 31;

/** A name for each wanted sheet that clashes (ignoring case, as Excel does) neither with `existing` nor with each other. */
export function uniqueSheetNames(wanted: readonly string[], existing: readonly string[]): string[] {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  return wanted.map((name) => {
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      candidate = name.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/**
 * Index of the quote that closes the string literal or quoted sheet name opening at `start` (formula[start] is " or
 * '); a doubled quote inside is an escaped one. formula.length when it never closes.
 */
export function closingQuote(formula: string, start: number): number {
  const q = formula[start];
  let j = start + 1;
  while (j < formula.length && !(formula[j] === q && formula[j + 1] !== q)) j += formula[j] === q ? 2 : 1;
  return j;
}

/**
 * Re-points the sheet prefixes of a formula (`Deals!A1`, `'Deals'!A1`) through `renames` (old name -> new name,
 * matched ignoring case); string literals are copied as they are.
 */
export function renameSheetRefs(formula: string, renames: ReadonlyMap<string, string>): string {
  if (!renames.size) return formula;
  const lower = new Map([...renames].map(([k, v]) => [k.toLowerCase(), v]));
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      const j = closingQuote(formula, i);
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      const j = closingQuote(formula, i);
      const name = formula.slice(i + 1, j).replace(/''/g, "'");
      const to = formula[j + 1] === '!' ? lower.get(name.toLowerCase()) : undefined;
      out += to === undefined ? formula.slice(i, j + 1) : quoteSheetName(to);
      i = j + 1;
      continue;
    }
    const m = /^[A-Za-z_][\w.]*(?=!)/.exec(formula.slice(i));
    if (m && (i === 0 || !/[\w.]/.test(formula[i - 1]))) {
      const to = lower.get(m[0].toLowerCase());
      out += to === undefined ? m[0] : quoteSheetName(to);
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
