/**
 * Values to and from text: VALUE, NUMBERVALUE, VALUETOTEXT, ARRAYTOTEXT.
 *
 * https://support.microsoft.com/office/value-function-257d0108-07dc-437d-ae1c-bc2d3953d8c2
 * https://support.microsoft.com/office/numbervalue-function-1b05c8cf-2bfa-4437-af70-596c7ea7d879
 * https://support.microsoft.com/office/valuetotext-function-5fff61a2-301a-4ab2-9ffa-0a5242a08fea
 * https://support.microsoft.com/office/arraytotext-function-9cdcad46-2fa5-4c6b-ac92-14e7bc862b8b
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { generalText, numericValue, parseNumberText, toNumber, toText } from './text-values';
import { MAX_TEXT } from './text-basic';

/** Excel's text of each error. */
const ERROR_TEXT: Record<string, string> = {
  [ErrorType.DIV_BY_ZERO]: '#DIV/0!',
  [ErrorType.NA]: '#N/A',
  [ErrorType.NAME]: '#NAME?',
  [ErrorType.NUM]: '#NUM!',
  [ErrorType.REF]: '#REF!',
  [ErrorType.VALUE]: '#VALUE!',
  [ErrorType.SPILL]: '#SPILL!',
  [ErrorType.CYCLE]: '#REF!',
};

/** A value as VALUETOTEXT/ARRAYTOTEXT write it: strict (format 1) quotes text so that it reads back as text. */
function valueText(v: unknown, strict: boolean): string {
  if (v instanceof CellError) return ERROR_TEXT[v.type] ?? '#VALUE!';
  if (typeof v === 'string') return strict ? `"${v.replace(/"/g, '""')}"` : v;
  return generalText(v);
}

/** The format argument: 0 (concise, the default) or 1 (strict); anything else is #VALUE!. */
function formatArg(v: unknown, fn: string): boolean | CellError {
  if (v === undefined || v === EmptyValue) return false;
  const n = toNumber(v, `${fn} format`);
  if (n instanceof CellError) return n;
  if (Math.trunc(n) !== 0 && Math.trunc(n) !== 1)
    return new CellError(ErrorType.VALUE, `${fn}: format must be 0 (concise) or 1 (strict), not ${n}`);
  return Math.trunc(n) === 1;
}

/** NUMBERVALUE's text with explicit separators: digits, one decimal separator, group separators before it, trailing %. */
function numberWithSeparators(text: string, decimal: string, group: string): number | undefined {
  let s = text.replace(/\s+/g, '');
  if (s === '') return 0;
  let percents = 0;
  while (s.endsWith('%')) {
    percents++;
    s = s.slice(0, -1);
  }
  const at = s.indexOf(decimal);
  if (at >= 0 && s.indexOf(decimal, at + 1) >= 0) return undefined;
  const whole = at >= 0 ? s.slice(0, at) : s;
  const frac = at >= 0 ? s.slice(at + 1) : '';
  if (group && frac.includes(group)) return undefined;
  const intPart = group ? whole.split(group).join('') : whole;
  const plain = frac ? `${intPart}.${frac}` : intPart;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(plain)) return undefined;
  return Number(plain) / 100 ** percents;
}

export class TextConvertPlugin extends FunctionPlugin {
  static implementedFunctions = {
    VALUE: { method: 'value', parameters: [{ argumentType: FunctionArgumentType.SCALAR }] },
    NUMBERVALUE: {
      method: 'numbervalue',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
    VALUETOTEXT: {
      method: 'valuetotext',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
    ARRAYTOTEXT: {
      method: 'arraytotext',
      parameters: [
        { argumentType: FunctionArgumentType.ANY },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
      vectorizationForbidden: true,
    },
  };

  /** Text that reads as a number, date or time becomes that number; an empty cell is 0; TRUE/FALSE and "" are #VALUE!. */
  value(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('VALUE'), (v: unknown) => {
      if (v instanceof CellError) return v;
      const n = numericValue(v);
      if (n !== undefined) return n;
      if (v === EmptyValue || v === undefined) return 0;
      if (typeof v === 'boolean')
        return new CellError(ErrorType.VALUE, `VALUE: ${v ? 'TRUE' : 'FALSE'} is not text that reads as a number`);
      const parsed = parseNumberText(String(v));
      return parsed ?? new CellError(ErrorType.VALUE, `VALUE: "${String(v)}" does not read as a number, date or time`);
    });
  }

  numbervalue(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('NUMBERVALUE'), (v: unknown, d: unknown, g: unknown) => {
      if (v instanceof CellError) return v;
      const n = numericValue(v);
      if (n !== undefined) return n;
      if (v === EmptyValue || v === undefined) return 0;
      const text = toText(v, 'NUMBERVALUE text');
      if (text instanceof CellError) return text;
      // "If multiple characters are used in the Decimal_separator or Group_separator arguments, only the first
      // character is used"; without them the separators are the locale's (here . and ,).
      const dec = d === undefined ? '.' : toText(d, 'NUMBERVALUE decimal_separator');
      if (dec instanceof CellError) return dec;
      const grp = g === undefined ? ',' : toText(g, 'NUMBERVALUE group_separator');
      if (grp instanceof CellError) return grp;
      if (dec === '') return new CellError(ErrorType.VALUE, 'NUMBERVALUE: decimal_separator is empty');
      if (grp !== '' && grp[0] === dec[0])
        return new CellError(ErrorType.VALUE, 'NUMBERVALUE: the decimal and group separators are the same');
      const parsed = numberWithSeparators(text, dec[0], grp ? grp[0] : '');
      return (
        parsed ??
        new CellError(ErrorType.VALUE, `NUMBERVALUE: "${text}" is not a number with decimal separator "${dec[0]}"`)
      );
    });
  }

  valuetotext(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('VALUETOTEXT'), (v: unknown, f: unknown) => {
      const strict = formatArg(f, 'VALUETOTEXT');
      if (strict instanceof CellError) return strict;
      return valueText(v, strict);
    });
  }

  arraytotext(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('ARRAYTOTEXT'), (a: unknown, f: unknown) => {
      const strict = formatArg(f, 'ARRAYTOTEXT');
      if (strict instanceof CellError) return strict;
      const rows = a instanceof SimpleRangeValue ? (a.data as unknown[][]) : [[a]];
      const out = strict
        ? `{${rows.map((r) => r.map((v) => (v === EmptyValue ? '' : valueText(v, true))).join(',')).join(';')}}`
        : rows
            .flat()
            .map((v) => (v === EmptyValue ? '' : valueText(v, false)))
            .join(', ');
      return out.length > MAX_TEXT
        ? new CellError(ErrorType.VALUE, 'ARRAYTOTEXT: the result is longer than 32,767 characters')
        : out;
    });
  }
}
