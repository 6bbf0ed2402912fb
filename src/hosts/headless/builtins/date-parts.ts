/**
 * DATE and DATEVALUE as Excel computes them (Microsoft's docs of DATE and DATEVALUE).
 * - DATE(year, month, day): each argument truncated; a year 0-1899 is added to 1900, below 0 or from 10000 is #NUM!;
 *   months and days beyond their range carry over (DATE(2022,13,1) is 2023-01-01, day 60 of January is in March).
 *   Excel's calendar keeps its 1900 leap-year bug: serial 60 is 29 February 1900, so every day counts on from the
 *   first of the (normalized) month in that calendar. A month that carries outside the years 1900-9999, or a result
 *   before serial 0 or after 9999-12-31 (2958465), is #NUM! (DATE(9999,13,-1) and DATE(0,0,1) in DATE.xlsx).
 *   Given arrays, DATE computes element by element over the largest shape, as Excel broadcasts: an array of one row
 *   or one column is repeated, and where a larger array has no element the result is #N/A
 *   (DATE(A2:A6,B2:B4,C2:C3) in DATE.xlsx).
 * - DATEVALUE(date_text): the text as Excel reads a date (numfmt, day first as the engine's dateFormats, then month
 *   first), spaces around it ignored, a time part dropped ("2024-02-29 06:00" is 45351), a time alone is 0; the 1900
 *   bug's 29-Feb-1900 is 60 and 1-Mar-1900 61. Text that is not a date is #VALUE!; so is a date outside 1900-9999.
 */
import { ArraySize, CellError, ErrorType, FunctionArgumentType, SimpleRangeValue } from 'hyperformula';
import * as numfmt from 'numfmt';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';

const ANY = { argumentType: FunctionArgumentType.ANY };
/** HyperFormula's NumberType.NUMBER_DATE (not exported): results typed as dates, as the engine's own DATE returns. */
const NUMBER_DATE = 'NUMBER_DATE' as never;
const MAX_SERIAL = 2958465;
const DAY_MS = 86_400_000;
/** numfmt's format ids of parsed text that holds a date (d/m/y, d-mmm-yy, d-mmm, mmm-yy, date and time). */
const DATE_FORMATS = new Set([14, 15, 16, 17, 22]);
/** ... and of a time alone (h:mm AM/PM, h:mm:ss, mm:ss and the like), whose date is 0. */
const TIME_FORMATS = new Set([18, 19, 20, 21, 45, 46, 47]);

/** Excel's serial of the first day of a month (year and month already normalized), with 1900's phantom 29 February. */
function firstOfMonth(year: number, month: number): number {
  const days = (Date.UTC(year, month - 1, 1) - Date.UTC(1899, 11, 31)) / DAY_MS;
  return year > 1900 || (year === 1900 && month > 2) ? days + 1 : days;
}

/** DATE of three numbers: the serial, or #NUM!. */
export function excelDate(y: number, m: number, d: number): number | CellError {
  let year = Math.trunc(y);
  if (year < 0 || year >= 10000) return new CellError(ErrorType.NUM, `DATE: year ${y} must be 0 to 9999`);
  if (year < 1900) year += 1900;
  const months = year * 12 + Math.trunc(m) - 1;
  const ny = Math.floor(months / 12);
  // Excel checks the year the months carry into before it adds the days: DATE(9999,13,-1) is #NUM! although
  // 9999-12-30 exists, and DATE(0,0,1) (December 1899) is #NUM!.
  if (ny < 1900 || ny > 9999)
    return new CellError(ErrorType.NUM, `DATE(${y}, ${m}, ${d}): the month falls in year ${ny}, outside 1900-9999`);
  const serial = firstOfMonth(ny, months - ny * 12 + 1) + Math.trunc(d) - 1;
  if (serial < 0 || serial > MAX_SERIAL)
    return new CellError(ErrorType.NUM, `DATE(${y}, ${m}, ${d}) is outside 1900-01-00 to 9999-12-31`);
  return serial;
}

type Grid = unknown[][];
const gridOf = (v: unknown): Grid => (v instanceof SimpleRangeValue ? v.data : [[v]]);

export class DatePartsPlugin extends ExcelPlugin {
  static implementedFunctions = {
    DATE: {
      method: 'date',
      sizeOfResultArrayMethod: 'dateSize',
      parameters: [ANY, ANY, ANY],
      vectorizationForbidden: true,
      returnNumberType: NUMBER_DATE,
    },
    DATEVALUE: {
      method: 'datevalue',
      parameters: [{ argumentType: FunctionArgumentType.SCALAR }],
      returnNumberType: NUMBER_DATE,
    },
  };

  dateSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const sizes = (ast.args as unknown[]).map((a) =>
      (this as unknown as { arraySizeForAst(a: unknown, s: unknown): ArraySize }).arraySizeForAst(a, state),
    );
    return new ArraySize(Math.max(1, ...sizes.map((s) => s.width)), Math.max(1, ...sizes.map((s) => s.height)));
  }

  date(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('DATE'), (...args: unknown[]) => {
      const names = ['year', 'month', 'day'];
      const one = (vals: unknown[]): number | CellError => {
        const xs: number[] = [];
        for (let i = 0; i < 3; i++) {
          const n = this.num(vals[i], 'DATE', names[i]);
          if (n instanceof CellError) return n;
          xs.push(n);
        }
        return excelDate(xs[0], xs[1], xs[2]);
      };
      if (!args.some((a) => a instanceof SimpleRangeValue)) return one(args);
      const grids = args.map(gridOf);
      const h = Math.max(...grids.map((g) => g.length));
      const w = Math.max(...grids.map((g) => g[0].length));
      const at = (g: Grid, r: number, c: number): unknown => {
        const rr = g.length === 1 ? 0 : r;
        const cc = g[0].length === 1 ? 0 : c;
        return rr < g.length && cc < g[0].length ? g[rr][cc] : undefined;
      };
      const out = Array.from({ length: h }, (_, r) =>
        Array.from({ length: w }, (_, c) => {
          const vals = grids.map((g) => at(g, r, c));
          if (vals.some((v) => v === undefined))
            return new CellError(ErrorType.NA, 'DATE: the arrays differ in size and one has no value here');
          return one(vals);
        }),
      );
      return SimpleRangeValue.onlyValues(out as never);
    });
  }

  datevalue(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('DATEVALUE'), (v: unknown) => {
      if (v instanceof CellError) return v;
      if (typeof v !== 'string')
        return new CellError(ErrorType.VALUE, 'DATEVALUE: date_text must be text, such as "2024-01-10"');
      const t = v.trim();
      const p = numfmt.parseValue(t, { locale: 'en-GB' }) ?? numfmt.parseValue(t, { locale: 'en' });
      const id = p?.formatId as number | undefined;
      if (p && typeof p.value === 'number' && id !== undefined) {
        if (TIME_FORMATS.has(id)) return 0;
        if (DATE_FORMATS.has(id) && p.value >= 1 && p.value < MAX_SERIAL + 1) return Math.floor(p.value);
      }
      return new CellError(ErrorType.VALUE, `DATEVALUE: "${v}" is not a date Excel can read`);
    });
  }
}
