/**
 * ROMAN and ARABIC as Excel computes them (Microsoft's docs of ROMAN and ARABIC, and the ironcalc ARABIC_ROMAN
 * workbook saved by Excel).
 * - ROMAN(number, [form]): the number is truncated; 0 (or below 1 after truncation) is the empty text; a negative
 *   number or one above 3999 is #VALUE! (not #NUM!). form 0-4 (truncated) picks classic to simplified; TRUE is 0,
 *   FALSE is 4, text that reads as a number counts ("2"); other values, or a form outside 0-4, are #VALUE!.
 * - ARABIC(text): case is ignored, leading and trailing spaces are ignored, "" is 0, a leading "-" negates, at most
 *   255 characters; a number, a logical value or a letter other than IVXLCDM is #VALUE!. Excel reads any string of
 *   the seven letters, not only well-formed numerals, by the additive rule: a letter worth less than the letter after
 *   it is subtracted, else added ("mxmvii" = 1997 in the doc; the workbook's "CMM" = 1900, "ICIC" = 198).
 */
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { MathArgsPlugin } from './math-scalar';

const SCALAR = { argumentType: FunctionArgumentType.SCALAR };
const OPTIONAL = { argumentType: FunctionArgumentType.SCALAR, optionalArg: true };

const LETTERS: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** The shorter subtractive pairs each form allows, beyond the classic ones (IV, IX, XL, XC, CD, CM). */
function romanForm(value: number, form: number): string {
  const steps: [string, number, number][] = [
    ['M', 1000, 0],
    ['IM', 999, 4],
    ['VM', 995, 3],
    ['XM', 990, 2],
    ['LM', 950, 1],
    ['CM', 900, 0],
    ['D', 500, 0],
    ['ID', 499, 4],
    ['VD', 495, 3],
    ['XD', 490, 2],
    ['LD', 450, 1],
    ['CD', 400, 0],
    ['C', 100, 0],
    ['IC', 99, 2],
    ['VC', 95, 1],
    ['XC', 90, 0],
    ['L', 50, 0],
    ['IL', 49, 2],
    ['VL', 45, 1],
    ['XL', 40, 0],
    ['X', 10, 0],
    ['IX', 9, 0],
    ['V', 5, 0],
    ['IV', 4, 0],
    ['I', 1, 0],
  ];
  let out = '';
  let rest = value;
  for (const [token, worth, minForm] of steps) {
    if (form < minForm) continue;
    while (rest >= worth) {
      out += token;
      rest -= worth;
    }
  }
  return out;
}

/** The value of a string of Roman letters by the additive rule, or undefined for another character. */
export function arabicValue(text: string): number | undefined {
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const v = LETTERS[text[i]];
    if (v === undefined) return undefined;
    const next = i + 1 < text.length ? LETTERS[text[i + 1]] : 0;
    total += next !== undefined && v < next ? -v : v;
  }
  return total;
}

export class RomanPlugin extends MathArgsPlugin {
  static implementedFunctions = {
    ROMAN: { method: 'roman', parameters: [SCALAR, OPTIONAL] },
    ARABIC: { method: 'arabic', parameters: [SCALAR] },
  };

  roman(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('ROMAN'), (v: unknown, f: unknown) => {
      const x = this.xnum(v, 'ROMAN', 'number');
      if (x instanceof CellError) return x;
      const n = Math.trunc(x);
      if (n < 0) return new CellError(ErrorType.VALUE, `ROMAN: number ${x} is negative`);
      if (n > 3999) return new CellError(ErrorType.VALUE, `ROMAN: number ${x} is above 3999`);
      let form = 0;
      if (f === false) form = 4;
      else if (f !== undefined && f !== true) {
        const m = this.xnum(f, 'ROMAN', 'form');
        if (m instanceof CellError) return m;
        form = Math.trunc(m);
        if (form < 0 || form > 4) return new CellError(ErrorType.VALUE, `ROMAN: form ${m} must be 0 to 4`);
      }
      return romanForm(n, form);
    });
  }

  arabic(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('ARABIC'), (v: unknown) => {
      if (v instanceof CellError) return v;
      if (typeof v !== 'string')
        return new CellError(ErrorType.VALUE, 'ARABIC: text must be a Roman numeral as text, not a number');
      if (v.length > 255) return new CellError(ErrorType.VALUE, 'ARABIC: text is longer than 255 characters');
      let t = v.trim().toUpperCase();
      const negative = t.startsWith('-');
      if (negative) t = t.slice(1);
      const n = arabicValue(t);
      if (n === undefined || (negative && t === ''))
        return new CellError(ErrorType.VALUE, `ARABIC: "${v}" is not a Roman numeral`);
      return negative ? -n : n;
    });
  }
}
