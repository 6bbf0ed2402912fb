/**
 * Bonds with an odd (short or long) first or last coupon period: ODDFPRICE, ODDFYIELD, ODDLPRICE, ODDLYIELD.
 *
 * Microsoft documents ODDFPRICE's formulas for a short and a long first period (DFC, DSC, E, A, N, NC, NL_i, DC_i,
 * A_i) and ODDLPRICE's for the last period; the quasi-coupon schedules and day counts below are the ones the
 * ExcelFinancialFunctions library (fsprojects, oddbonds.fs, tested against Excel) derived, reimplemented here over
 * ./daycount. The yields are the rates at which the price equals pr (ODDLYIELD has Microsoft's closed form).
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import {
  addMonths,
  compareDates,
  coupDays,
  couponDates,
  coupNum,
  dateArg,
  days360US,
  daysBetween,
  daysInMonth,
  isLastDay,
  type Ymd,
} from './daycount';

const NUM = { argumentType: FunctionArgumentType.NUMBER };
const BASIS = { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 };
const num = (fn: string, what: string) => new CellError(ErrorType.NUM, `${fn}: ${what}`);

const later = (a: Ymd, b: Ymd) => (compareDates(a, b) >= 0 ? a : b);
const earlier = (a: Ymd, b: Ymd) => (compareDates(a, b) <= 0 ? a : b);
const days = (a: Ymd, b: Ymd, basis: number) => Math.max(0, daysBetween(a, b, basis));
/** Basis 0 counts a period's own length with both ends moved to the 30th (the odd-last-period convention). */
const periodDays = (a: Ymd, b: Ymd, basis: number) =>
  basis === 0 ? Math.max(0, days360US(a, b, true)) : days(a, b, basis);

/** Whole quasi-coupon periods from settlement forward to `anchor` (the count N_q of Microsoft's long-period formula). */
function quasiPeriods(anchor: Ymd, settl: Ymd, months: number): number {
  let eom = isLastDay(anchor);
  if (!eom && anchor.m !== 2 && anchor.d > 28 && anchor.d < daysInMonth(anchor.y, anchor.m)) eom = isLastDay(settl);
  const start = addMonths(settl, 0, eom);
  let n = compareDates(settl, start) < 0 ? 1 : 0;
  let front = addMonths(start, months, eom);
  while (compareDates(front, anchor) < 0) {
    n++;
    front = addMonths(front, months, eom);
  }
  return n;
}

export interface OddFirst {
  settl: Ymd;
  mat: Ymd;
  issue: Ymd;
  first: Ymd;
  rate: number;
  redemption: number;
  freq: number;
  basis: number;
}

/** ODDFPRICE at yield `yld` (Microsoft's short- and long-first-period formulas). */
export function oddFirstPrice(b: OddFirst, yld: number): number {
  const { settl, mat, issue, first, rate, redemption, freq: m, basis } = b;
  const months = 12 / m;
  const coupon = (100 * rate) / m;
  const e = coupDays(settl, first, m, basis);
  const dfc = days(issue, first, basis);
  const x = 1 + yld / m;
  if (dfc < e) {
    const n = coupNum(settl, mat, m);
    const dsc = days(settl, first, basis);
    const a = days(issue, settl, basis);
    const y = dsc / e;
    let p = redemption / Math.pow(x, n - 1 + y) + (coupon * dfc) / e / Math.pow(x, y);
    for (let k = 2; k <= n; k++) p += coupon / Math.pow(x, k - 1 + y);
    return p - (a / e) * coupon;
  }
  // Long first period: sum over the NC quasi-coupon periods between issue and the first coupon.
  const nc = coupNum(issue, first, m);
  let late = first;
  let dcnl = 0;
  let anl = 0;
  for (let i = nc; i >= 1; i--) {
    const early = addMonths(late, -months);
    const nl = basis === 1 ? days(early, late, basis) : e;
    const dci = i > 1 ? nl : days(issue, late, basis);
    const a = days(later(issue, early), earlier(settl, late), basis);
    dcnl += dci / nl;
    anl += a / nl;
    late = early;
  }
  const { pcd, ncd } = couponDates(settl, first, m);
  const dsc = basis === 2 || basis === 3 ? days(settl, ncd, basis) : e - daysBetween(pcd, settl, basis);
  const nq = quasiPeriods(first, settl, months);
  const n = coupNum(first, mat, m);
  const y = dsc / e;
  let p = redemption / Math.pow(x, y + nq + n) + (coupon * dcnl) / Math.pow(x, nq + y);
  for (let k = 1; k <= n; k++) p += coupon / Math.pow(x, k + nq + y);
  return p - coupon * anl;
}

/** The odd last period's sums over its quasi-coupon periods: DC/NL, A/NL and DSC/NL (Microsoft, ODDLPRICE). */
function oddLastSums(
  settl: Ymd,
  mat: Ymd,
  last: Ymd,
  freq: number,
  basis: number,
): { dcnl: number; anl: number; dscnl: number } {
  const months = 12 / freq;
  const nc = coupNum(last, mat, freq);
  let early = last;
  let dcnl = 0;
  let anl = 0;
  let dscnl = 0;
  for (let i = 1; i <= nc; i++) {
    const late = addMonths(early, months);
    const nl = periodDays(early, late, basis);
    const dci = i < nc ? nl : periodDays(early, mat, basis);
    const a = compareDates(late, settl) < 0 ? dci : compareDates(early, settl) < 0 ? days(early, settl, basis) : 0;
    const dsc = days(later(settl, early), earlier(mat, late), basis);
    dcnl += dci / nl;
    anl += a / nl;
    dscnl += dsc / nl;
    early = late;
  }
  return { dcnl, anl, dscnl };
}

/** The yield at which `price(y)` equals pr: Newton's method from the coupon rate, bisection when it fails. */
function solveYield(price: (y: number) => number, pr: number, start: number, freq: number): number | undefined {
  const f = (y: number) => price(y) - pr;
  let y = start;
  for (let i = 0; i < 100; i++) {
    const fy = f(y);
    const h = 1e-6 * Math.max(1, Math.abs(y));
    const d = (f(y + h) - f(y - h)) / (2 * h);
    const next = y - fy / d;
    if (!Number.isFinite(next) || next <= -freq) break;
    if (Math.abs(next - y) < 1e-14 * Math.max(1, Math.abs(y))) return next;
    y = next;
  }
  let lo = -freq + 1e-9;
  let hi = 100;
  if (!(f(lo) * f(hi) < 0)) return undefined;
  for (let i = 0; i < 300; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) * f(lo) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function checkFreqBasis(fn: string, freq: number, basis: number): CellError | undefined {
  if (![1, 2, 4].includes(Math.trunc(freq))) return num(fn, 'frequency must be 1, 2 or 4');
  if (Math.trunc(basis) < 0 || Math.trunc(basis) > 4) return num(fn, 'basis must be 0 to 4');
  return undefined;
}
function toDates(fn: string, named: [string, number][]): Ymd[] | CellError {
  const out: Ymd[] = [];
  for (const [name, serial] of named) {
    const d = dateArg(serial);
    if (!d) return num(fn, `${name} is not a valid date`);
    out.push(d);
  }
  return out;
}

export class OddCouponsPlugin extends FunctionPlugin {
  static implementedFunctions = {
    ODDFPRICE: { method: 'oddfprice', parameters: [NUM, NUM, NUM, NUM, NUM, NUM, NUM, NUM, BASIS] },
    ODDFYIELD: { method: 'oddfyield', parameters: [NUM, NUM, NUM, NUM, NUM, NUM, NUM, NUM, BASIS] },
    ODDLPRICE: { method: 'oddlprice', parameters: [NUM, NUM, NUM, NUM, NUM, NUM, NUM, BASIS] },
    ODDLYIELD: { method: 'oddlyield', parameters: [NUM, NUM, NUM, NUM, NUM, NUM, NUM, BASIS] },
  };

  /** ODDFPRICE/ODDFYIELD: maturity > first_coupon > settlement > issue; rate and yld >= 0, pr and redemption > 0. */
  private oddFirst(ast: ProcedureAst, state: InterpreterState, fn: 'ODDFPRICE' | 'ODDFYIELD'): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata(fn),
      (
        s: number,
        m: number,
        i: number,
        f: number,
        rate: number,
        x: number,
        red: number,
        freq: number,
        basis: number,
      ) => {
        const d = toDates(fn, [
          ['settlement', s],
          ['maturity', m],
          ['issue', i],
          ['first_coupon', f],
        ]);
        if (d instanceof CellError) return d;
        const bad = checkFreqBasis(fn, freq, basis);
        if (bad) return bad;
        const [settl, mat, issue, first] = d;
        if (!(compareDates(mat, first) > 0 && compareDates(first, settl) > 0 && compareDates(settl, issue) > 0)) {
          return num(fn, 'dates must satisfy maturity > first_coupon > settlement > issue');
        }
        if (rate < 0) return num(fn, 'rate must not be negative');
        if (fn === 'ODDFPRICE' ? x < 0 : x <= 0)
          return num(fn, fn === 'ODDFPRICE' ? 'yld must not be negative' : 'pr must be greater than 0');
        if (red <= 0) return num(fn, 'redemption must be greater than 0');
        const bond: OddFirst = {
          settl,
          mat,
          issue,
          first,
          rate,
          redemption: red,
          freq: Math.trunc(freq),
          basis: Math.trunc(basis),
        };
        if (fn === 'ODDFPRICE') return oddFirstPrice(bond, x);
        const y = solveYield((yy) => oddFirstPrice(bond, yy), x, rate, bond.freq);
        return y === undefined ? num(fn, 'no yield gives that price') : y;
      },
    );
  }
  oddfprice(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.oddFirst(ast, state, 'ODDFPRICE');
  }
  oddfyield(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.oddFirst(ast, state, 'ODDFYIELD');
  }

  /** ODDLPRICE/ODDLYIELD: maturity > settlement > last_interest (Microsoft's formulas for the odd last period). */
  private oddLast(ast: ProcedureAst, state: InterpreterState, fn: 'ODDLPRICE' | 'ODDLYIELD'): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata(fn),
      (s: number, m: number, l: number, rate: number, x: number, red: number, freq: number, basis: number) => {
        const d = toDates(fn, [
          ['settlement', s],
          ['maturity', m],
          ['last_interest', l],
        ]);
        if (d instanceof CellError) return d;
        const bad = checkFreqBasis(fn, freq, basis);
        if (bad) return bad;
        const [settl, mat, last] = d;
        if (!(compareDates(mat, settl) > 0 && compareDates(settl, last) > 0))
          return num(fn, 'dates must satisfy maturity > settlement > last_interest');
        if (rate < 0) return num(fn, 'rate must not be negative');
        if (fn === 'ODDLPRICE' ? x < 0 : x <= 0)
          return num(fn, fn === 'ODDLPRICE' ? 'yld must not be negative' : 'pr must be greater than 0');
        if (red <= 0) return num(fn, 'redemption must be greater than 0');
        const f = Math.trunc(freq);
        const { dcnl, anl, dscnl } = oddLastSums(settl, mat, last, f, Math.trunc(basis));
        const coupon = (100 * rate) / f;
        const total = dcnl * coupon + red;
        if (fn === 'ODDLPRICE') return total / ((dscnl * x) / f + 1) - anl * coupon;
        const paid = anl * coupon + x;
        return ((total - paid) / paid) * (f / dscnl);
      },
    );
  }
  oddlprice(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.oddLast(ast, state, 'ODDLPRICE');
  }
  oddlyield(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.oddLast(ast, state, 'ODDLYIELD');
  }
}
