/**
 * Formula text as Excel stores it in an .xlsx, made ready for the headless engine:
 * - shared formulas: a follower's formula is the master's with every relative reference moved by the distance
 *   between the two cells (ECMA-376 Part 1, 18.3.1.40 `f`, "shared formula");
 * - function names: Excel saves add-in functions as `_xldudf_SALESOPS_QUOTA_ROLLUP(` (sometimes behind an
 *   external-link prefix `[1]!`), newer built-ins as `_xlfn.` / `_xlws.` / `_xlfn._xlws.`, and functions it did not
 *   know when saving as `_xludf.`; the engine wants the plain `SALESOPS.QUOTA.ROLLUP(` / `SORT(` form.
 *
 * One small tokenizer does both. It copies string literals ("..."), quoted sheet names ('...'), bracketed parts
 * (structured references, external-workbook indexes) and error literals verbatim, and recognises references with
 * `$` anchors, sheet prefixes (`Data!`, `'My Sheet'!`, `Jan:Mar!`), areas (`A1:B2`), whole columns (`A:C`) and whole
 * rows (`2:5`). A reference is only a reference when it is not part of a longer name (`LOG10(` is a function).
 */
import { EXCEL_ERROR_PATTERN } from '../models/errors';

import { MAX_COLUMNS, MAX_ROWS, columnIndex, columnLetters } from '../workbook/a1';

export interface RewriteOptions {
  /** Move relative references by this many rows and columns (shared-formula followers). */
  shift?: { rows: number; cols: number };
  /** New name for a function (the text before `(`); `external` is a `[1]!` prefix in front of it, if any. */
  functionName?: (name: string) => string;
}

const ERROR_LITERAL = new RegExp(EXCEL_ERROR_PATTERN, 'iy');
const SHEET_PREFIX = /[A-Za-z_\\][\w.\\]*(?::[A-Za-z_\\][\w.\\]*)?!/y;
const CELL = '(\\$?)([A-Za-z]{1,3})(\\$?)(\\d{1,7})';
const AREA = new RegExp(`${CELL}(?::${CELL})?(?![\\w.(!\\[])`, 'y');
const COLUMNS = /(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![\w.(!])/y;
const ROWS = /(\$?)(\d{1,7}):(\$?)(\d{1,7})(?![\w.(])/y;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const NAME = /[A-Za-z_\\][\w.\\]*/y;
const EXTERNAL_PREFIX = /\[\d+\]!$/;

function match(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** Moves one column part; null when it falls off the grid. */
function moveCol(abs: string, letters: string, by: number): string | null {
  const c = columnIndex(letters) + (abs ? 0 : by);
  return c < 0 || c >= MAX_COLUMNS ? null : abs + columnLetters(c);
}

function moveRow(abs: string, digits: string, by: number): string | null {
  const r = Number(digits) + (abs ? 0 : by);
  return r < 1 || r > MAX_ROWS ? null : abs + String(r);
}

function validCell(letters: string, digits: string): boolean {
  const c = columnIndex(letters);
  const r = Number(digits);
  return c >= 0 && c < MAX_COLUMNS && r >= 1 && r <= MAX_ROWS;
}

/**
 * Reads a quoted string or sheet name starting at `at` (the quote: `"` or `'`, doubled inside); returns the index
 * after the closing quote (the text's length when it is not closed).
 */
export function skipQuoted(text: string, at: number, quote = text[at]): number {
  let i = at + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

/**
 * The top-level arguments of the call whose "(" is at `open` (commas inside quotes, parentheses and array constants
 * do not split), and the index of its ")"; undefined when the parentheses do not balance.
 */
export function splitArgs(text: string, open: number): { args: string[]; close: number } | undefined {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") i = skipQuoted(text, i) - 1;
    else if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') {
      if (depth === 0) {
        args.push(text.slice(start, i));
        return { args, close: i };
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return undefined;
}

/** Reads a bracketed part (`[1]`, `Table1[[#This Row],[Amount]]`); returns the index after the matching `]`. */
function skipBracket(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    if (text[i] === "'" && depth > 0) {
      i++; // an escaped character inside a structured reference
      continue;
    }
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * Tries to read a reference (area, whole columns, whole rows) at `at`; returns its (moved) text and end, or null.
 * A reference that moves off the grid becomes #REF!, as in Excel.
 */
function readReference(
  text: string,
  at: number,
  shift: { rows: number; cols: number },
): { out: string; end: number } | null {
  let m = match(AREA, text, at);
  if (m && validCell(m[2], m[4]) && (!m[6] || validCell(m[6], m[8]))) {
    const parts = [moveCol(m[1], m[2], shift.cols), moveRow(m[3], m[4], shift.rows)];
    if (m[6]) parts.push(':', moveCol(m[5], m[6], shift.cols), moveRow(m[7], m[8], shift.rows));
    return { out: parts.includes(null) ? '#REF!' : parts.join(''), end: at + m[0].length };
  }
  m = match(COLUMNS, text, at);
  if (m && columnIndex(m[2]) < MAX_COLUMNS && columnIndex(m[4]) < MAX_COLUMNS) {
    const a = moveCol(m[1], m[2], shift.cols);
    const b = moveCol(m[3], m[4], shift.cols);
    return { out: a && b ? `${a}:${b}` : '#REF!', end: at + m[0].length };
  }
  m = match(ROWS, text, at);
  if (m && Number(m[2]) >= 1 && Number(m[4]) >= 1 && Number(m[2]) <= MAX_ROWS && Number(m[4]) <= MAX_ROWS) {
    const a = moveRow(m[1], m[2], shift.rows);
    const b = moveRow(m[3], m[4], shift.rows);
    return { out: a && b ? `${a}:${b}` : '#REF!', end: at + m[0].length };
  }
  return null;
}

/** Rewrites a formula (without or with its leading `=`): moves relative references and renames functions. */
export function rewriteFormula(formula: string, options: RewriteOptions = {}): string {
  const shift = options.shift ?? { rows: 0, cols: 0 };
  let out = '';
  let i = 0;
  // A reference or name may start here only when the previous character cannot continue a name.
  const atWordStart = () => i === 0 || !/[\w.\\$]/.test(formula[i - 1]);
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      const end = skipQuoted(formula, i, '"');
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '[') {
      const end = skipBracket(formula, i);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '#') {
      const m = match(ERROR_LITERAL, formula, i);
      const end = m ? i + m[0].length : i + 1;
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (ch === "'") {
      const end = skipQuoted(formula, i, "'");
      out += formula.slice(i, end);
      i = end;
      if (formula[i] === '!') {
        out += '!';
        i++;
        const ref = readReference(formula, i, shift);
        if (ref) {
          out += ref.out;
          i = ref.end;
        }
      }
      continue;
    }
    if (atWordStart() && /[A-Za-z_\\$\d.]/.test(ch)) {
      const prefix = match(SHEET_PREFIX, formula, i);
      if (prefix && !/^\d/.test(prefix[0])) {
        out += prefix[0];
        i += prefix[0].length;
        const ref = readReference(formula, i, shift);
        if (ref) {
          out += ref.out;
          i = ref.end;
        }
        continue;
      }
      const ref = readReference(formula, i, shift);
      if (ref) {
        out += ref.out;
        i = ref.end;
        continue;
      }
      const num = /[\d.]/.test(ch) ? match(NUMBER, formula, i) : null;
      if (num) {
        out += num[0];
        i += num[0].length;
        continue;
      }
      const name = match(NAME, formula, i);
      if (name) {
        i += name[0].length;
        if (formula[i] === '(' && options.functionName) {
          const renamed = options.functionName(name[0]);
          // `[1]!SALESOPS...(`: the external-link prefix only points at the add-in, which the engine has built in.
          if (renamed !== name[0] && EXTERNAL_PREFIX.test(out)) out = out.replace(EXTERNAL_PREFIX, '');
          out += renamed;
        } else out += name[0];
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * A function renamer for {@link rewriteFormula}: strips `_xlfn.`, `_xlws.`, `_xludf.` and `_xldudf_`, and maps
 * `SALESOPS_QUOTA_ROLLUP` / `SALESOPS.QUOTA.ROLLUP` (any case) to the declared id, so that the underscore form,
 * in which Excel replaced every dot, maps back unambiguously.
 */
export function functionRenamer(namespace: string, declaredIds: readonly string[]): (name: string) => string {
  const ns = namespace.toUpperCase();
  const byKey = new Map(declaredIds.map((id) => [id.toUpperCase().replace(/\./g, '_'), id]));
  return (name: string) => {
    let n = name;
    for (;;) {
      const m = /^(?:_xlfn\.|_xlws\.|_xludf\.)/i.exec(n);
      if (!m) break;
      n = n.slice(m[0].length);
    }
    n = n.replace(/^_xldudf_/i, '');
    const upper = n.toUpperCase();
    if (upper.startsWith(ns + '_') || upper.startsWith(ns + '.')) {
      const key = upper.slice(ns.length + 1).replace(/\./g, '_');
      const id = byKey.get(key);
      return `${namespace}.${id ?? upper.slice(ns.length + 1).replace(/_/g, '.')}`;
    }
    return n;
  };
}
