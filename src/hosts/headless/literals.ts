/**
 * Literals as Excel writes them and the engine reads them.
 *
 * Number literals. Excel writes an exponent with a capital E (it shows
 * and saves `=1E-20*A1`; Microsoft, "Display numbers in scientific (exponential) notation"), HyperFormula's parser
 * reads only a small e and refuses the formula ("Parsing error ... found: E"). A number literal's E becomes e;
 * text in double quotes, sheet names in single quotes and table columns in brackets are left alone, as is an E inside
 * a name or a reference (a literal starts a token: it follows no letter, digit, `_`, `.` or `$`).
 */
import { skipQuoted } from '../../xlsx/formula-refs';

const LITERAL = /^(\d+(?:\.\d*)?|\.\d+)E([+-]?\d)/;

export function lowerExponents(formula: string): string {
  if (!/\dE/.test(formula)) return formula;
  let out = '';
  let quote: '"' | "'" | ']' | null = null;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') quote = ']';
    else if (/[\d.]/.test(ch) && !/[\w.$]/.test(formula[i - 1] ?? '')) {
      const m = LITERAL.exec(formula.slice(i));
      if (m) {
        out += `${m[1]}e${m[2]}`;
        i += m[0].length - 1;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

/**
 * Text literals with a quote inside. Excel doubles a quote inside a text literal (`="Say ""hi"""`; Microsoft, "Include
 * double quotes in a formula"); HyperFormula's parser ends the literal at the first quote and refuses the rest
 * ("Redundant input, expecting EOF"). Such a literal becomes its pieces joined with CHAR(34), in parentheses so it
 * stays one operand: `"a""b"` -> `("a"&CHAR(34)&"b")`. Inside an array constant (`{"a""b"}`), where only literals
 * may stand, it is left as it is (the engine then refuses the formula and recalc keeps Excel's value).
 */
export function splitDoubledQuotes(formula: string): string {
  if (!formula.includes('""')) return formula;
  let out = '';
  let depth = 0;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === "'" || ch === '"') {
      const end = skipQuoted(formula, i);
      const literal = formula.slice(i, end);
      const inner = literal.slice(1, -1);
      out +=
        ch === '"' && depth === 0 && inner.includes('""')
          ? '(' +
            inner
              .split('""')
              .map((part) => `"${part}"`)
              .join('&CHAR(34)&') +
            ')'
          : literal;
      i = end - 1;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    out += ch;
  }
  return out;
}
