/**
 * TEXT, FIXED and DOLLAR: a number as text in one of Excel's number formats. The format language (sections `;`,
 * `#,##0`, `0.0%`, `E+`, dates `mmm`/`ddd`, quoted literals, `_)` and `*` padding, `@` for text) is the numfmt
 * package's, which implements ECMA-376's number formats as Excel does; this file adds Excel's rules around it.
 *
 * https://support.microsoft.com/office/text-function-20d5ac4d-7b94-49fd-bb38-93d29371225c
 * https://support.microsoft.com/office/fixed-function-ffd5723c-324c-45e9-8b96-e41be2a8274a
 * https://support.microsoft.com/office/dollar-function-a6cd05d9-9740-4ad3-a469-8109d18ff611
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin } from 'hyperformula';
import * as numfmt from 'numfmt';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { numericValue, parseNumberText, toNumber, toText } from './text-values';

/** Excel's dates run from serial 0 (shown as 1900-01-00) to 2958465 (9999-12-31); a date format outside is #VALUE!. */
const OPTIONS = { leap1900: true, dateSpanLarge: false, dateErrorThrows: true, throws: true } as const;

const formatters = new Map<string, ReturnType<typeof numfmt.getFormatInfo> & { ok: boolean }>();

/** Whether the format shows a date or time (then a serial outside Excel's dates is #VALUE!). */
function isDateFormat(format: string): boolean {
  let info = formatters.get(format);
  if (!info) {
    try {
      info = { ...numfmt.getFormatInfo(format), ok: true };
    } catch {
      info = { ok: false } as never;
    }
    formatters.set(format, info!);
  }
  return Boolean(info!.ok && info!.isDate);
}

/** `value` in `format` as Excel's TEXT shows it, or #VALUE! for a format Excel refuses or a date it cannot show. */
export function formatNumber(value: number | string, format: string, fn = 'TEXT'): string | CellError {
  if (format === '') return '';
  if (typeof value === 'number' && isDateFormat(format) && (value < 0 || value >= 2958466)) {
    return new CellError(
      ErrorType.VALUE,
      `${fn}: ${value} is outside Excel's dates (0 to 2958465) for the date format "${format}"`,
    );
  }
  try {
    return numfmt.format(format, value, OPTIONS);
  } catch (e) {
    return new CellError(
      ErrorType.VALUE,
      `${fn}: the format "${format}" is not a valid number format (${(e as Error).message})`,
    );
  }
}

/** Excel's ROUND: half away from zero, on the decimal digits as Excel shows them (15 significant). */
export function roundHalfAway(n: number, digits: number): number {
  const p = Number(n.toPrecision(15));
  if (digits >= 0) {
    const shifted = Number(Math.abs(p) + 'e' + digits);
    return Math.sign(p) * Number(Math.round(shifted) + 'e-' + digits);
  }
  const f = 10 ** -digits;
  return Math.sign(p) * Math.round(Math.abs(p) / f) * f;
}

function decimalsArg(v: unknown, fn: string): number | CellError {
  if (v === undefined || v === EmptyValue) return v === undefined ? 2 : 0;
  const d = toNumber(v, `${fn} decimals`);
  if (d instanceof CellError) return d;
  if (d > 127) return new CellError(ErrorType.VALUE, `${fn}: decimals ${d} is above Excel's limit of 127`);
  return Math.trunc(d);
}

export class TextFormatPlugin extends FunctionPlugin {
  static implementedFunctions = {
    TEXT: {
      method: 'text',
      parameters: [{ argumentType: FunctionArgumentType.SCALAR }, { argumentType: FunctionArgumentType.SCALAR }],
    },
    FIXED: {
      method: 'fixed',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
    DOLLAR: {
      method: 'dollar',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
  };

  text(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('TEXT'), (value: unknown, formatArg: unknown) => {
      if (value instanceof CellError) return value;
      const format = toText(formatArg, 'TEXT format_text');
      if (format instanceof CellError) return format;
      // Text that reads as a number is formatted as that number; other text goes to the format's text section
      // (or comes back unchanged); TRUE/FALSE come back as words; an empty cell is 0.
      const n = numericValue(value);
      if (n !== undefined) return formatNumber(n, format);
      if (value === EmptyValue || value === undefined || value === null) return formatNumber(0, format);
      if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
      const s = String(value);
      const parsed = parseNumberText(s);
      return formatNumber(parsed ?? s, format);
    });
  }

  fixed(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('FIXED'),
      (numberArg: unknown, decimalsRaw: unknown, noCommasArg: unknown) => {
        const n = toNumber(numberArg, 'FIXED number');
        if (n instanceof CellError) return n;
        const d = decimalsArg(decimalsRaw, 'FIXED');
        if (d instanceof CellError) return d;
        let noCommas = false;
        if (noCommasArg instanceof CellError) return noCommasArg;
        if (noCommasArg !== undefined && noCommasArg !== EmptyValue) {
          if (typeof noCommasArg === 'string') {
            const u = noCommasArg.toUpperCase();
            if (u !== 'TRUE' && u !== 'FALSE')
              return new CellError(ErrorType.VALUE, `FIXED: no_commas "${noCommasArg}" is not TRUE or FALSE`);
            noCommas = u === 'TRUE';
          } else noCommas = Boolean(numericValue(noCommasArg) ?? noCommasArg);
        }
        const rounded = roundHalfAway(n, d);
        const pattern = (noCommas ? '0' : '#,##0') + (d > 0 ? '.' + '0'.repeat(d) : '');
        return formatNumber(rounded, `${pattern};-${pattern}`, 'FIXED');
      },
    );
  }

  dollar(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('DOLLAR'), (numberArg: unknown, decimalsRaw: unknown) => {
      const n = toNumber(numberArg, 'DOLLAR number');
      if (n instanceof CellError) return n;
      const d = decimalsArg(decimalsRaw, 'DOLLAR');
      if (d instanceof CellError) return d;
      const rounded = roundHalfAway(n, d);
      // en-US currency format: $1,234.57 and ($1,234.57) for a negative amount.
      const pattern = '"$"#,##0' + (d > 0 ? '.' + '0'.repeat(d) : '');
      return formatNumber(rounded, `${pattern};(${pattern})`, 'DOLLAR');
    });
  }
}
