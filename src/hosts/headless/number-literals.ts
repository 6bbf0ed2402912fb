/**
 * Number literals as Excel writes them and the engine reads them. Excel writes an exponent with a capital E (it shows
 * and saves `=1E-20*A1`; Microsoft, "Display numbers in scientific (exponential) notation"), HyperFormula's parser
 * reads only a small e and refuses the formula ("Parsing error ... found: E"). A number literal's E becomes e;
 * text in double quotes, sheet names in single quotes and table columns in brackets are left alone, as is an E inside
 * a name or a reference (a literal starts a token: it follows no letter, digit, `_`, `.` or `$`).
 */
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
