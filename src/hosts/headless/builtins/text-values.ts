/** How Excel turns a cell value into text where a function joins or compares text (CONCAT, TEXTJOIN, &). */
import { EmptyValue } from 'hyperformula';

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
  return String(p);
}

/** A cell value as text: numbers in General format, booleans as TRUE/FALSE, empty as "". */
export function generalText(v: unknown): string {
  if (v === EmptyValue || v === null || v === undefined) return '';
  if (typeof v === 'number') return generalNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object' && v !== null && 'val' in v) return generalNumber((v as { val: number }).val);
  return String(v);
}
