/**
 * Excel's criteria, shared by SUMIF(S), COUNTIF(S), AVERAGEIF(S), MINIFS, MAXIFS (and meant for the D* database
 * functions). Rules from Microsoft's COUNTIF and SUMIFS docs
 * (https://support.microsoft.com/office/countif-function-e0de10c6-f885-4e71-abb4-1f464816df34) and Excel's cached
 * results in ../shared/fidelity/ironcalc (COUNTIF.xlsx, COUNTIFS.xlsx, SUMIFS.xlsx):
 * - a criteria text may start with =, <>, >, <, >= or <=; without one it means =;
 * - text compares without regard to case; with = and <> the wildcards * (any run) and ? (one character) apply and ~
 *   escapes them; >, <, >=, <= compare text cells only, in the same case-insensitive order;
 * - a criteria that reads as a number ("5", ">=1e3", 5) matches numbers, and with = also text that reads as it
 *   (COUNTIF over 23 and "23" with 23 is 2), yet <>23 excludes only the number (COUNTIF(range,"<>23") counts "23");
 * - TRUE/FALSE (the value or the text, any case) match booleans only, not the text "TRUE";
 * - "=" or "" matches empty cells and empty text; "<>" matches every cell that is not empty, empty text included;
 * - a blank criteria cell is the number 0 (COUNTIF over TRUE, 1, 0, FALSE and empty cells with a blank criteria is 1);
 * - <> anything matches empty cells, other types and errors too (it is "not equal");
 * - an error as criteria (a cell holding #N/A) matches the cells holding that same error; no other criteria matches an
 *   error cell except through <>.
 */
import { CellError, EmptyValue, ErrorType } from 'hyperformula';
import { NULL_ERROR_PREFIX } from './null-error';

/** A test of one cell value against a criteria. */
export type Matcher = (v: unknown) => boolean;

type Op = '=' | '<>' | '<' | '>' | '<=' | '>=';

/** The number inside a number-typed value (date, percent, currency), or the number itself. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (
    typeof v === 'object' &&
    v !== null &&
    !(v instanceof CellError) &&
    'val' in v &&
    typeof (v as { val: unknown }).val === 'number'
  )
    return (v as { val: number }).val;
  return undefined;
}

/** Text that reads as a number in Excel's criteria: plain, scientific, thousands separators, a trailing %. */
export function textToNumber(s: string): number | undefined {
  const t = s.trim();
  if (!t) return undefined;
  const pct = t.endsWith('%');
  const body = (pct ? t.slice(0, -1) : t).replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return undefined;
  const n = Number(body);
  return pct ? n / 100 : n;
}

const isEmpty = (v: unknown) => v === EmptyValue || v === null || v === undefined;

/** A wildcard pattern (* ? with ~ escapes) as a case-insensitive whole-text regular expression. */
function wildcardRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '~' && i + 1 < pattern.length && '*?~'.includes(pattern[i + 1])) re += '\\' + pattern[++i];
    else if (ch === '*') re += '[\\s\\S]*';
    else if (ch === '?') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

function compare(op: Op, c: number): boolean {
  switch (op) {
    case '=':
      return c === 0;
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    default:
      return c >= 0;
  }
}

const ERROR_TEXTS: Record<string, string> = {
  '#N/A': 'NA',
  '#DIV/0!': 'DIV_BY_ZERO',
  '#VALUE!': 'VALUE',
  '#REF!': 'REF',
  '#NAME?': 'NAME',
  '#NUM!': 'NUM',
  '#NULL!': 'NULL',
};

/** TRUE/FALSE criteria: the boolean, or the text TRUE/FALSE in any case; <, > compare booleans (FALSE < TRUE). */
function booleanMatcher(op: Op, b: boolean): Matcher {
  const eq = (v: unknown) => v === b;
  if (op === '=') return eq;
  if (op === '<>') return (v) => !eq(v);
  return (v) => typeof v === 'boolean' && compare(op, Number(v) - Number(b));
}

/** The matcher for one criteria value (a number, text, boolean, empty or an error). */
export function criteriaMatcher(criteria: unknown): Matcher {
  if (criteria instanceof CellError) return (v) => v instanceof CellError && v.type === criteria.type;
  if (isEmpty(criteria)) return (v) => numberOf(v) === 0;
  if (typeof criteria === 'boolean') return booleanMatcher('=', criteria);
  const n = numberOf(criteria);
  if (n !== undefined) return (v) => numberOf(v) === n || (typeof v === 'string' && textToNumber(v) === n);
  const text = String(criteria);
  const m = /^(<=|>=|<>|=|<|>)?([\s\S]*)$/.exec(text)!;
  const op = (m[1] ?? '=') as Op;
  const operand = m[2];
  if (operand === '') {
    // "=" and "" match empty cells (and empty text); "<>" every non-empty cell; "<" / ">" on nothing match nothing.
    if (op === '=') return (v) => isEmpty(v) || v === '';
    if (op === '<>') return (v) => !isEmpty(v);
    return () => false;
  }
  const num = textToNumber(operand);
  if (num !== undefined) {
    if (op === '=') return (v) => numberOf(v) === num || (typeof v === 'string' && textToNumber(v) === num);
    if (op === '<>') return (v) => numberOf(v) !== num;
    return (v) => {
      const x = numberOf(v);
      return x !== undefined && compare(op, x < num ? -1 : x > num ? 1 : 0);
    };
  }
  const upper = operand.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return booleanMatcher(op, upper === 'TRUE');
  if (ERROR_TEXTS[upper]) {
    const type = ERROR_TEXTS[upper];
    // The engine has no #NULL!: null-error.ts gives it as the generic error with a message starting "#NULL!".
    const is = (v: unknown) =>
      v instanceof CellError &&
      (type === 'NULL' ? v.type === ErrorType.ERROR && !!v.message?.startsWith(NULL_ERROR_PREFIX) : v.type === type);
    if (op === '=') return is;
    if (op === '<>') return (v) => !is(v);
    return () => false;
  }
  if (op === '=' || op === '<>') {
    const re = /[*?~]/.test(operand) ? wildcardRegex(operand) : null;
    const low = operand.toLowerCase();
    const eq = (v: unknown) => typeof v === 'string' && (re ? re.test(v) : v.toLowerCase() === low);
    return op === '=' ? eq : (v) => !eq(v);
  }
  const low = operand.toLowerCase();
  return (v) =>
    typeof v === 'string' && v !== '' && compare(op, v.toLowerCase().localeCompare(low, 'en', { sensitivity: 'base' }));
}
