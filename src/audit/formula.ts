/**
 * A small A1 formula tokenizer for the audit: references (with `$` anchors, sheet and workbook prefixes, areas,
 * whole columns and rows), function calls, names, literals and operators; the relative (R1C1) form of a formula,
 * which is what Excel's "inconsistent formula" check compares; and the arguments of each SALESOPS call.
 *
 * Pure TypeScript: the task pane and the CLI both use it, so it imports no engine.
 */
import { EXCEL_ERROR_PATTERN } from '../models/errors';

import { MAX_COLUMNS, MAX_ROWS, columnIndex, columnLetters, type Area } from '../workbook/a1';

export type { Area };

/** One end of a reference: 0-based row/col, each absolute ($) or relative; null row/col for whole columns/rows. */
export interface RefEnd {
  row: number | null;
  col: number | null;
  rowAbs: boolean;
  colAbs: boolean;
}

export type Token =
  | {
      kind: 'ref';
      text: string;
      prefix: string;
      sheet: string | null;
      workbook: string | null;
      start: RefEnd;
      end: RefEnd | null;
    }
  | { kind: 'func'; text: string; name: string } // the name, without the '(' (a 'paren' token follows)
  | { kind: 'name'; text: string; sheet: string | null; workbook: string | null }
  | { kind: 'number'; text: string; value: number }
  | { kind: 'string'; text: string; value: string }
  | { kind: 'bool'; text: string; value: boolean }
  | { kind: 'error'; text: string }
  | { kind: 'op'; text: string }
  | { kind: 'paren' | 'close' | 'comma' | 'semi' | 'lbrace' | 'rbrace' | 'bracket'; text: string };

const CELL = /\$?([A-Za-z]{1,3})\$?(\d{1,7})/y;
const AREA_TAIL = /:(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})/y;
const COLS = /(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})/y;
const ROWS = /(\$?)(\d{1,7}):(\$?)(\d{1,7})/y;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const WORD = /[A-Za-z_\\\u00C0-\uFFFF][\w.\\?\u00C0-\uFFFF]*/y;
// Excel's error literals, and the engine's own #CYCLE! and #ERROR! (a workbook it recalculated may hold them)
const ERROR = new RegExp(`${EXCEL_ERROR_PATTERN}|#CYCLE!|#ERROR!`, 'iy');
const OPS = ['<=', '>=', '<>', '+', '-', '*', '/', '^', '&', '=', '<', '>', '%', ':', '@', '#'];

function sticky(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

/** True when the character after a reference could continue a name (then it was not a reference). */
function continuesName(s: string, i: number): boolean {
  return i < s.length && /[\w.(!\u00C0-\uFFFF]/.test(s[i]);
}

/** A cell, area, whole-column or whole-row reference at i, or null; returns the token and where it ends. */
function readReference(
  s: string,
  i: number,
  sheet: string | null,
  workbook: string | null,
  prefix: string,
): { token: Token; next: number } | null {
  const cell = sticky(CELL, s, i);
  if (cell) {
    const c = columnIndex(cell[1]);
    if (c < MAX_COLUMNS) {
      const startEnd: RefEnd = {
        row: Number(cell[2]) - 1,
        col: c,
        rowAbs: cell[0].lastIndexOf('$') > 0,
        colAbs: cell[0].startsWith('$'),
      };
      let j = i + cell[0].length;
      let end: RefEnd | null = null;
      const tail = sticky(AREA_TAIL, s, j);
      if (tail && !continuesName(s, j + tail[0].length)) {
        end = { row: Number(tail[4]) - 1, col: columnIndex(tail[2]), rowAbs: tail[3] === '$', colAbs: tail[1] === '$' };
        j += tail[0].length;
      }
      if (!continuesName(s, j))
        return {
          token: { kind: 'ref', text: prefix + s.slice(i, j), prefix, sheet, workbook, start: startEnd, end },
          next: j,
        };
    }
  }
  const cols = sticky(COLS, s, i);
  if (cols && !continuesName(s, i + cols[0].length)) {
    const j = i + cols[0].length;
    return {
      token: {
        kind: 'ref',
        text: prefix + cols[0],
        prefix,
        sheet,
        workbook,
        start: { row: null, col: columnIndex(cols[2]), rowAbs: true, colAbs: cols[1] === '$' },
        end: { row: null, col: columnIndex(cols[4]), rowAbs: true, colAbs: cols[3] === '$' },
      },
      next: j,
    };
  }
  const rows = sticky(ROWS, s, i);
  if (rows && !continuesName(s, i + rows[0].length)) {
    return {
      token: {
        kind: 'ref',
        text: prefix + rows[0],
        prefix,
        sheet,
        workbook,
        start: { row: Number(rows[2]) - 1, col: null, rowAbs: rows[1] === '$', colAbs: true },
        end: { row: Number(rows[4]) - 1, col: null, rowAbs: rows[3] === '$', colAbs: true },
      },
      next: i + rows[0].length,
    };
  }
  return null;
}

/** Splits a sheet prefix "[1]Data" / "C:\x\[Book.xlsx]Data" into workbook and sheet. */
function splitWorkbook(raw: string): { workbook: string | null; sheet: string } {
  const m = /^(.*\[[^\]]*\])(.*)$/.exec(raw);
  return m ? { workbook: m[1], sheet: m[2] } : { workbook: null, sheet: raw };
}

const PUNCTUATION: Record<string, Token['kind'] | undefined> = {
  '(': 'paren',
  ')': 'close',
  ',': 'comma',
  ';': 'semi',
  '{': 'lbrace',
  '}': 'rbrace',
};

/** A letter, '_' or a non-ASCII letter: what a name, a function or a sheet name starts with. */
function isWordStart(c: number): boolean {
  return isLetter(c) || c === 95 || c >= 0xc0;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Cheap pre-test before the reference regexes: 1-3 letters then a digit, '$' or ':', or digits then ':'. */
function mayStartReference(s: string, i: number): boolean {
  let k = i;
  while (k < s.length && k - i < 3 && isLetter(s.charCodeAt(k))) k++;
  if (k > i) {
    const c = s.charCodeAt(k);
    return isDigit(c) || c === 36 || c === 58;
  }
  while (k < s.length && isDigit(s.charCodeAt(k))) k++;
  return k > i && (s.charCodeAt(k) === 58 || s.charCodeAt(k) === 36);
}

/** Tokenizes a formula (with or without the leading '='). Whitespace is dropped; unknown characters become ops. */
export function tokenize(formula: string): Token[] {
  return lex(formula.startsWith('=') ? formula.slice(1) : formula);
}

/** The lexer; with `spans`, records each token's [start, end) in s (pairs, in token order). */
function lex(s: string, spans?: number[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  let from = 0;
  while (i < s.length) {
    if (spans) {
      if (out.length * 2 > spans.length) spans.push(from, i);
      from = i;
    }
    const ch = s[i];
    const code = s.charCodeAt(i);
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let value = '';
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          break;
        }
        value += s[j++];
      }
      out.push({ kind: 'string', text: s.slice(i, j + 1), value });
      i = j + 1;
      continue;
    }
    // A sheet (or workbook) prefix: 'My Sheet'!, [1]Data!, Data!
    let prefix: { sheet: string; workbook: string | null; raw: string; next: number } | null = null;
    let word: RegExpExecArray | null = null;
    if (ch === "'") {
      let j = i + 1;
      let name = '';
      while (j < s.length) {
        if (s[j] === "'") {
          if (s[j + 1] === "'") {
            name += "'";
            j += 2;
            continue;
          }
          break;
        }
        name += s[j++];
      }
      if (s[j + 1] === '!') {
        const { workbook, sheet } = splitWorkbook(name);
        prefix = { sheet, workbook, raw: s.slice(i, j + 2), next: j + 2 };
      }
    } else if (ch === '[') {
      const close = s.indexOf(']', i);
      if (close > i) {
        const word = sticky(WORD, s, close + 1);
        const after = close + 1 + (word ? word[0].length : 0);
        if (s[after] === '!')
          prefix = {
            sheet: word ? word[0] : '',
            workbook: s.slice(i, close + 1),
            raw: s.slice(i, after + 1),
            next: after + 1,
          };
        else {
          // A structured reference part (Table1[Col]) or anything bracketed: copied as one token.
          out.push({ kind: 'bracket', text: s.slice(i, close + 1) });
          i = close + 1;
          continue;
        }
      }
    } else if (isWordStart(code)) {
      word = sticky(WORD, s, i);
      if (word && s[i + word[0].length] === '!')
        prefix = { sheet: word[0], workbook: null, raw: word[0] + '!', next: i + word[0].length + 1 };
    }
    if (prefix) {
      const ref = readReference(s, prefix.next, prefix.sheet || null, prefix.workbook, prefix.raw);
      if (ref) {
        out.push(ref.token);
        i = ref.next;
        continue;
      }
      const after = sticky(WORD, s, prefix.next);
      const name = after ? after[0] : '';
      out.push({ kind: 'name', text: prefix.raw + name, sheet: prefix.sheet || null, workbook: prefix.workbook });
      i = prefix.next + name.length;
      continue;
    }
    if (ch === '$' || mayStartReference(s, i)) {
      const ref = readReference(s, i, null, null, '');
      if (ref) {
        out.push(ref.token);
        i = ref.next;
        continue;
      }
    }
    if (isDigit(code) || code === 46) {
      const num = sticky(NUMBER, s, i);
      if (num) {
        out.push({ kind: 'number', text: num[0], value: Number(num[0]) });
        i += num[0].length;
        continue;
      }
    }
    if (ch === '#') {
      const err = sticky(ERROR, s, i);
      if (err) {
        out.push({ kind: 'error', text: err[0].toUpperCase() });
        i += err[0].length;
        continue;
      }
    }
    if (!word && (isWordStart(code) || code === 92)) word = sticky(WORD, s, i);
    if (word) {
      const w = word[0];
      i += w.length;
      if (s[i] === '(') out.push({ kind: 'func', text: w, name: w.toUpperCase() });
      else if (/^(TRUE|FALSE)$/i.test(w)) out.push({ kind: 'bool', text: w.toUpperCase(), value: /^TRUE$/i.test(w) });
      else out.push({ kind: 'name', text: w, sheet: null, workbook: null });
      continue;
    }
    const kind = PUNCTUATION[ch];
    if (kind) {
      out.push({ kind, text: ch } as Token);
      i++;
      continue;
    }
    const op = OPS.find((o) => s.startsWith(o, i)) ?? ch;
    out.push({ kind: 'op', text: op });
    i += op.length;
  }
  if (spans && out.length * 2 > spans.length) spans.push(from, i);
  return out;
}

/** Where the digits of a formula go when it is copied: a fixed part of some token, or a reference's row. */
type Slot = { fixed: string } | { token: number; end: boolean };

interface Template {
  tokens: Token[];
  slots: Slot[];
}

const DIGITS = /\d+/g;

/** The digit runs of s, with positions. */
function digitRuns(s: string): { at: number; text: string }[] {
  const runs: { at: number; text: string }[] = [];
  DIGITS.lastIndex = 0;
  for (let m = DIGITS.exec(s); m; m = DIGITS.exec(s)) runs.push({ at: m.index, text: m[0] });
  return runs;
}

function buildTemplate(s: string, runs: { at: number; text: string }[]): Template | null {
  const spans: number[] = [];
  const tokens = lex(s, spans);
  const slots: Slot[] = [];
  let t = 0;
  for (let r = 0; r < runs.length;) {
    while (t < tokens.length && spans[2 * t + 1] <= runs[r].at) t++;
    if (t >= tokens.length || runs[r].at < spans[2 * t] || runs[r].at + runs[r].text.length > spans[2 * t + 1])
      return null;
    // the runs inside this token
    const inside: number[] = [];
    while (r < runs.length && runs[r].at + runs[r].text.length <= spans[2 * t + 1]) inside.push(r++);
    const tok = tokens[t];
    const rows = tok.kind === 'ref' ? (tok.start.row !== null ? 1 : 0) + (tok.end && tok.end.row !== null ? 1 : 0) : 0;
    inside.forEach((k, j) => {
      const rowIndex = j - (inside.length - rows);
      slots.push(rowIndex >= 0 ? { token: t, end: rowIndex === 1 } : { fixed: runs[k].text });
    });
  }
  return { tokens, slots };
}

function applyTemplate(tpl: Template, runs: { at: number; text: string }[]): Token[] | null {
  const out = tpl.tokens.slice();
  for (let k = 0; k < tpl.slots.length; k++) {
    const slot = tpl.slots[k];
    const text = runs[k].text;
    if ('fixed' in slot) {
      if (slot.fixed !== text) return null;
      continue;
    }
    if (text.length > 7) return null;
    const row = Number(text) - 1;
    let tok = out[slot.token] as Extract<Token, { kind: 'ref' }>;
    if (tok === tpl.tokens[slot.token]) {
      tok = { ...tok, start: { ...tok.start }, end: tok.end ? { ...tok.end } : null };
      out[slot.token] = tok;
    }
    if (slot.end) tok.end!.row = row;
    else tok.start.row = row;
  }
  for (let t = 0; t < out.length; t++) {
    const tok = out[t];
    if (tok !== tpl.tokens[t] && tok.kind === 'ref')
      tok.text = tok.prefix + a1End(tok.start, 0, 0) + (tok.end ? ':' + a1End(tok.end, 0, 0) : '');
  }
  return out;
}

/**
 * A tokenizer that remembers formulas it has seen by their shape (digits blanked): a formula copied down a column
 * is lexed once, and each copy only gets its own row numbers. Token objects are shared between copies: read-only.
 */
export function createTokenizer(): (formula: string) => Token[] {
  const templates = new Map<string, Template | null>();
  return (formula: string) => {
    const s = formula.startsWith('=') ? formula.slice(1) : formula;
    const runs = digitRuns(s);
    if (runs.length === 0) return lex(s);
    const key = s.replace(DIGITS, '#');
    const tpl = templates.get(key);
    if (tpl === undefined) {
      const made = buildTemplate(s, runs);
      templates.set(key, made);
      return made ? made.tokens : lex(s);
    }
    return (tpl && applyTemplate(tpl, runs)) ?? lex(s);
  };
}

function r1c1End(e: RefEnd, row: number, col: number): string {
  const r = e.row === null ? '' : e.rowAbs ? `R${e.row + 1}` : e.row === row ? 'R' : `R[${e.row - row}]`;
  const c = e.col === null ? '' : e.colAbs ? `C${e.col + 1}` : e.col === col ? 'C' : `C[${e.col - col}]`;
  return r + c;
}

function sheetPrefix(t: { sheet: string | null; workbook: string | null }, display: boolean): string {
  if (!t.sheet && !t.workbook) return '';
  const name = `${t.workbook ?? ''}${t.sheet ?? ''}`;
  if (!display) return `'${name.toLowerCase()}'!`;
  return /^[A-Za-z_][\w.]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

/** A reference in R1C1 form relative to the cell (row, col) holding the formula (sheet names compared without case). */
export function refR1C1(t: Extract<Token, { kind: 'ref' }>, row: number, col: number, display = false): string {
  return sheetPrefix(t, display) + r1c1End(t.start, row, col) + (t.end ? ':' + r1c1End(t.end, row, col) : '');
}

/**
 * The relative (R1C1) form of a tokenized formula in the cell (row, col): equal for formulas copied down/across.
 * The comparison form lower-cases sheet names; `display` keeps them as written, for messages.
 */
export function relativeForm(tokens: Token[], row: number, col: number, display = false): string {
  let s = '=';
  for (const t of tokens) {
    if (t.kind === 'ref') s += refR1C1(t, row, col, display);
    else if (t.kind === 'func') s += t.name;
    else if (t.kind === 'name') s += t.text.toUpperCase();
    else s += t.text;
  }
  return s;
}

function a1End(e: RefEnd, dRow: number, dCol: number): string {
  const col = e.col === null ? '' : (e.colAbs ? '$' : '') + columnLetters(e.colAbs ? e.col : e.col + dCol);
  const row = e.row === null ? '' : (e.rowAbs ? '$' : '') + String((e.rowAbs ? e.row : e.row + dRow) + 1);
  return col + row;
}

/** Renders a tokenized formula back in A1 form as if copied by (dRow, dCol): relative references move. */
export function renderA1(tokens: Token[], dRow = 0, dCol = 0): string {
  let s = '=';
  let prev: Token | null = null;
  for (const t of tokens) {
    // keep words apart where the tokenizer dropped the space between them (intersection operator)
    if (prev && /[\w")]$/.test(prev.text) && /^[\w"'$[]/.test(t.text) && prev.kind !== 'func') s += ' ';
    if (t.kind === 'ref') {
      s += t.prefix + a1End(t.start, dRow, dCol) + (t.end ? ':' + a1End(t.end, dRow, dCol) : '');
    } else s += t.text;
    prev = t;
  }
  return s;
}

/** The cells a reference covers, placed relative to nothing (A1 refs are already absolute positions). */
export function refArea(t: Extract<Token, { kind: 'ref' }>, used?: Area): Area {
  const e = t.end ?? t.start;
  const top = t.start.row === null ? 0 : Math.min(t.start.row, e.row!);
  const bottom = t.start.row === null ? (used ? used.bottom : MAX_ROWS - 1) : Math.max(t.start.row, e.row!);
  const left = t.start.col === null ? 0 : Math.min(t.start.col, e.col!);
  const right = t.start.col === null ? (used ? used.right : MAX_COLUMNS - 1) : Math.max(t.start.col, e.col!);
  return { top, left, bottom, right };
}

/** One function call found in a formula: its name and the token spans of its arguments. */
export interface Call {
  name: string; // upper case, as written (SALESOPS.COMMISSION)
  at: number; // index of the func token
  args: Token[][];
}

/** Every function call of a tokenized formula (nested calls too), outermost first. */
export function calls(tokens: Token[]): Call[] {
  const out: Call[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'func') continue;
    const args: Token[][] = [];
    let cur: Token[] = [];
    let depth = 0;
    let j = i + 2; // skip the '('
    for (; j < tokens.length; j++) {
      const u = tokens[j];
      if (u.kind === 'paren' || u.kind === 'lbrace') depth++;
      else if ((u.kind === 'close' || u.kind === 'rbrace') && depth > 0) depth--;
      else if (u.kind === 'close') break;
      else if (u.kind === 'comma' && depth === 0) {
        args.push(cur);
        cur = [];
        continue;
      }
      cur.push(u);
    }
    if (cur.length || args.length) args.push(cur);
    out.push({ name: t.name, at: i, args });
  }
  return out;
}

export type Literal = number | string | boolean | null;

/** The value of an argument written as a literal (60%, -5, "Won", TRUE, {1,2;3,4}); undefined when it is not one. */
export function literalValue(arg: Token[]): Literal | Literal[][] | undefined {
  if (arg.length === 0) return null;
  if (arg[0].kind === 'lbrace' && arg[arg.length - 1].kind === 'rbrace') {
    const rows: Literal[][] = [[]];
    let sign = 1;
    for (const t of arg.slice(1, -1)) {
      if (t.kind === 'semi') rows.push([]);
      else if (t.kind === 'comma') continue;
      else if (t.kind === 'op' && t.text === '-') sign = -sign;
      else if (t.kind === 'number') {
        rows[rows.length - 1].push(sign * t.value);
        sign = 1;
      } else if (t.kind === 'string' || t.kind === 'bool') rows[rows.length - 1].push(t.value);
      else return undefined;
    }
    return rows;
  }
  let k = 0;
  let sign = 1;
  while (k < arg.length && arg[k].kind === 'op' && (arg[k].text === '-' || arg[k].text === '+')) {
    if (arg[k].text === '-') sign = -sign;
    k++;
  }
  const rest = arg.slice(k);
  const t = rest[0];
  if (rest.length === 1 && t.kind === 'number') return sign * t.value;
  if (rest.length === 2 && t.kind === 'number' && rest[1].kind === 'op' && rest[1].text === '%')
    return (sign * t.value) / 100;
  if (k === 0 && rest.length === 1 && (t.kind === 'string' || t.kind === 'bool')) return t.value;
  return undefined;
}
