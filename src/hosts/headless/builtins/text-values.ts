/** How Excel turns a cell value into text where a function joins or compares text (CONCAT, TEXTJOIN, &). */
import { CellError, EmptyValue, ErrorType, SimpleRangeValue } from 'hyperformula';
import * as numfmt from 'numfmt';

/**
 * A number as Excel shows it in a General-format cell: up to 15 significant digits, no trailing zeros, scientific
 * notation below 1e-9 or from 1e21 (ECMA-376 Part 1, 18.8.30 General; Excel shows =CONCAT(1/3) as 0.333333333333333).
 */
export function generalNumber(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e21 || abs < 1e-9) {
    const [m, e] = n.toExponential(14).split('e');
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const exp = Number(e);
    return `${mant}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const p = Number(n.toPrecision(15));
  const s = String(p);
  if (!s.includes('e')) return s;
  // JavaScript writes 1e-7 and below in exponent form; Excel writes the digits out down to 1e-9 (0.000000007123456).
  const [mant, e] = s.split('e');
  const digits = mant.replace('-', '').replace('.', '');
  const zeros = -Number(e) - 1;
  return `${p < 0 ? '-' : ''}0.${'0'.repeat(zeros)}${digits}`;
}

/** A cell value as text: numbers in General format, booleans as TRUE/FALSE, empty as "". */
export function generalText(v: unknown): string {
  if (v === EmptyValue || v === null || v === undefined) return '';
  if (typeof v === 'number') return generalNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object' && v !== null && 'val' in v) return generalNumber((v as { val: number }).val);
  return String(v);
}

/** A rich number (a date, percent or currency result) or a plain number, as its numeric value; undefined otherwise. */
export function numericValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && 'val' in v && typeof (v as { val: unknown }).val === 'number')
    return (v as { val: number }).val;
  return undefined;
}

/**
 * Text as Excel reads it where a number is expected ("1,234", " 12 ", "$5", "12%", "1e3", "(12)", dates and times as
 * their serials). Undefined when the text is not a number. TRUE/FALSE typed as text are not numbers.
 */
export function parseNumberText(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return Number(s);
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    const inner = parseNumberText(paren[1]);
    return inner === undefined || inner < 0 ? undefined : -inner;
  }
  // Dates day first, as the engine reads them (engine.ts dateFormats) and as the corpus's en-GB Excel does; a dollar
  // amount is read with en-US's currency.
  const parsed =
    numfmt.parseValue(s, { locale: 'en-GB' }) ?? (s.includes('$') ? numfmt.parseValue(s, { locale: 'en' }) : undefined);
  if (!parsed || typeof parsed.value !== 'number') return undefined;
  return parsed.value;
}

/** A value as a number the way Excel's text functions coerce it: booleans 1/0, empty 0, numeric text parsed. */
export function toNumber(v: unknown, what: string): number | CellError {
  if (v instanceof CellError) return v;
  const n = numericValue(v);
  if (n !== undefined) return n;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === EmptyValue || v === null || v === undefined) return 0;
  if (typeof v === 'string') {
    const p = parseNumberText(v);
    if (p !== undefined) return p;
    return new CellError(ErrorType.VALUE, `${what}: "${v.length > 40 ? v.slice(0, 40) + '...' : v}" is not a number`);
  }
  return new CellError(ErrorType.VALUE, `${what}: expected a single value, not a range`);
}

/** A value as text (General format for numbers); errors pass through; a range is #VALUE!. */
export function toText(v: unknown, what: string): string | CellError {
  if (v instanceof CellError) return v;
  if (v instanceof SimpleRangeValue)
    return new CellError(ErrorType.VALUE, `${what}: expected a single value, not a range`);
  return generalText(v);
}
