/**
 * Excel's #NULL! for the headless engine, which has neither the error nor the intersection operator (a space between
 * two references). Microsoft, "How to correct a #NULL! error": "=SUM(A1:A5 B1:B5)" gives #NULL! because the two
 * ranges do not intersect; "=CELL("address",(A1:A5 C1:C3))" shows the intersection's address where they do.
 * Formulas are rewritten before the engine reads them:
 * - `A1:C3 B2:D4` (two A1 references on the same sheet, rows or columns included) becomes the intersection itself
 *   (`B2:C3`), or ERROR.NULL(...) when the ranges do not meet;
 * - the literal `#NULL!` becomes ERROR.NULL(...), as does a cell holding the error #NULL! (see errorConstant).
 * ERROR.NULL is builtins/null-error.ts; recalc.ts writes its error back as #NULL!. An intersection of names
 * (`=Jan Sales`) is left alone: the engine cannot read it, so recalc keeps Excel's cached value.
 */
import { areaAddress, parseA1Ref } from '../../workbook/a1';
import { NULL_ERROR_PREFIX } from './builtins/null-error';

const nullError = (why: string) => `ERROR.NULL("${why.replace(/"/g, '""')}")`;

const SHEET = `(?:'(?:[^']|'')+'|[A-Za-z_][\\w.]*)!`;
const AREA = `\\$?[A-Za-z]{1,3}\\$?\\d+(?::\\$?[A-Za-z]{1,3}\\$?\\d+)?|\\$?[A-Za-z]{1,3}:\\$?[A-Za-z]{1,3}|\\$?\\d+:\\$?\\d+`;
const REF = `(${SHEET})?(${AREA})`;
// Two references with only spaces between them, not part of a longer name, call or reference on either side.
const INTERSECTION = new RegExp(`(^|[^\\w.$!:'\\]])${REF}[ ]+${REF}(?=$|[^\\w.(!:$'\\[])`, 'g');
const NULL_LITERAL = /#NULL!/gi;

function intersect(part: string): string {
  let out = part;
  for (let again = true; again;) {
    again = false;
    out = out.replace(INTERSECTION, (whole, before: string, s1 = '', r1: string, s2 = '', r2: string) => {
      const [a, b] = [parseA1Ref(r1), parseA1Ref(r2)];
      if (!a || !b || (s1 && s2 && s1.toLowerCase() !== s2.toLowerCase())) return whole;
      again = true;
      const sheet = s1 || s2;
      const meet = {
        top: Math.max(a.top, b.top),
        bottom: Math.min(a.bottom, b.bottom),
        left: Math.max(a.left, b.left),
        right: Math.min(a.right, b.right),
      };
      if (meet.top > meet.bottom || meet.left > meet.right)
        return before + nullError(`the ranges ${sheet}${r1} and ${sheet}${r2} do not intersect`);
      return before + sheet + areaAddress(meet);
    });
  }
  return out;
}

/** A formula (with `=`) with Excel's intersection operator and #NULL! literals in the form the engine reads. */
export function rewriteNull(formula: string): string {
  if (!formula.startsWith('=') || !(/#NULL!/i.test(formula) || /[\w$)] +[$'\w]/.test(formula))) return formula;
  // Text in double quotes is left as it is: split on string literals ("" inside one is an escaped quote).
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 ? part : intersect(part).replace(NULL_LITERAL, () => nullError('the formula gives the #NULL! error')),
    )
    .join('');
}

/** Engine content for a cell holding an error value: the engine knows every Excel error but #NULL!. */
export function errorConstant(code: string): string {
  return code.toUpperCase() === '#NULL!' ? '=' + nullError('the cell holds the #NULL! error') : code;
}

/** The reason of an engine error that stands for #NULL! (ERROR.NULL's), or null for any other error. */
export function nullErrorReason(e: { type: string; message?: string }): string | null {
  return e.type === 'ERROR' && e.message?.startsWith(NULL_ERROR_PREFIX)
    ? e.message.slice(NULL_ERROR_PREFIX.length).trim()
    : null;
}
