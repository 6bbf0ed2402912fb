/**
 * EDATE, EOMONTH and DAYS360 as Excel computes them (Microsoft's pages of each function): months are truncated toward
 * zero (EDATE(d, -4.7) moves 4 months back), a logical value is #VALUE! (DAYS360 reads it as 1 or 0), a result outside 1900..9999 is #NUM!. A serial
 * number is read to the nearest second (46000.999999 is day 46001, as Excel shows it) and serial 0 is Excel's
 * "January 0, 1900". DAYS360's US method moves a start on the last day of February or the 31st to the 30th, and an end
 * on the 31st to the 30th only when the start is then the 30th; the European method moves every 31st to the 30th.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { daysInMonth, fromSerial, toSerial, type Ymd } from './daycount';
import { implicitIntersection } from './stat-args';

const ANY = { argumentType: FunctionArgumentType.ANY };
const MAX_SERIAL = 2_958_465; // 9999-12-31

/** A serial number as a calendar date (to the nearest second; 0 is January 0, 1900), or undefined out of range. */
export function serialDate(serial: number): Ymd | undefined {
  const s = Math.floor(serial + 0.5 / 86_400);
  if (s < 0 || s > MAX_SERIAL) return undefined;
  return s === 0 ? { y: 1900, m: 1, d: 0 } : fromSerial(s);
}

export class DateMathPlugin extends FunctionPlugin {
  static implementedFunctions = {
    EDATE: { method: 'edate', parameters: [ANY, ANY] },
    EOMONTH: { method: 'eomonth', parameters: [ANY, ANY] },
    DAYS360: {
      method: 'days360',
      parameters: [ANY, ANY, { argumentType: FunctionArgumentType.BOOLEAN, defaultValue: false }],
    },
  };

  /** A numeric argument: numbers and text that reads as a number or date; a logical value is #VALUE!. */
  private number(
    fn: string,
    name: string,
    raw: unknown,
    state: InterpreterState,
    logicalOk = false,
  ): number | CellError {
    const v = raw instanceof SimpleRangeValue ? implicitIntersection(raw, state) : raw;
    if (v === undefined) return new CellError(ErrorType.VALUE, `${fn}: ${name} must be one value, not a range`);
    if (v instanceof CellError) return v;
    if (typeof v === 'boolean' && logicalOk) return v ? 1 : 0;
    if (typeof v === 'boolean')
      return new CellError(ErrorType.VALUE, `${fn}: ${name} must be a number, not a logical value`);
    const c = this.coerceScalarToNumberOrError(v as never) as unknown;
    if (c instanceof CellError) return new CellError(ErrorType.VALUE, `${fn}: ${name} must be a number`);
    if (typeof c === 'number') return c;
    if (typeof c === 'object' && c !== null && 'val' in c) return (c as { val: number }).val;
    return new CellError(ErrorType.VALUE, `${fn}: ${name} must be a number`);
  }

  private shift(ast: ProcedureAst, state: InterpreterState, fn: 'EDATE' | 'EOMONTH'): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (a: unknown, b: unknown) => {
      const start = this.number(fn, 'start_date', a, state);
      if (start instanceof CellError) return start;
      const months = this.number(fn, 'months', b, state);
      if (months instanceof CellError) return months;
      const d = serialDate(start);
      if (!d) return new CellError(ErrorType.NUM, `${fn}: start_date is not a valid date`);
      const total = d.y * 12 + (d.m - 1) + Math.trunc(months);
      const y = Math.floor(total / 12);
      const m = total - y * 12 + 1;
      const last = daysInMonth(y, m);
      const day = fn === 'EOMONTH' ? last : Math.min(d.d, last);
      if (y < 1900 || y > 9999) return new CellError(ErrorType.NUM, `${fn}: the result is outside 1900-9999`);
      // Day 0 (from serial 0) stays the day before the 1st of the target month.
      return day === 0 ? toSerial({ y, m, d: 1 }) - 1 : toSerial({ y, m, d: day });
    });
  }
  edate(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.shift(ast, state, 'EDATE');
  }
  eomonth(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.shift(ast, state, 'EOMONTH');
  }

  days360(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('DAYS360'), (a: unknown, b: unknown, european: boolean) => {
      const s = this.number('DAYS360', 'start_date', a, state, true);
      if (s instanceof CellError) return s;
      const e = this.number('DAYS360', 'end_date', b, state, true);
      if (e instanceof CellError) return e;
      const sd = serialDate(s);
      const ed = serialDate(e);
      if (!sd || !ed) return new CellError(ErrorType.NUM, 'DAYS360: a date is out of range');
      let d1 = sd.d;
      let d2 = ed.d;
      if (european) {
        d1 = Math.min(d1, 30);
        d2 = Math.min(d2, 30);
      } else {
        if (d1 === 31 || (sd.m === 2 && d1 === daysInMonth(sd.y, 2))) d1 = 30;
        if (d2 === 31 && d1 === 30) d2 = 30;
      }
      return (ed.y - sd.y) * 360 + (ed.m - sd.m) * 30 + (d2 - d1);
    });
  }
}
