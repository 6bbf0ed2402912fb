/**
 * Excel's securities functions HyperFormula lacks: ACCRINT, ACCRINTM, the COUP* family, PRICE, YIELD, DISC, INTRATE,
 * RECEIVED, PRICEDISC, YIELDDISC, PRICEMAT, YIELDMAT. Dates are truncated to whole days, frequency and basis to
 * integers, as Microsoft's documentation of each function says; the day counts come from ./daycount.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import {
  addMonths,
  compareDates,
  coupDayBs,
  coupDays,
  coupDaysNc,
  couponDates,
  coupNum,
  dateArg,
  days360US,
  daysBetween,
  daysInYear,
  isLastDay,
  toSerial,
  yearFrac,
  type Ymd,
} from './daycount';

const NUM = { argumentType: FunctionArgumentType.NUMBER };
const ANY = { argumentType: FunctionArgumentType.ANY };
const BASIS = { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 };
const num = (fn: string, what: string) => new CellError(ErrorType.NUM, `${fn}: ${what}`);

/** Validated dates, frequency and basis, or the #NUM! error naming the argument at fault. */
function dates(fn: string, named: [string, number][]): Ymd[] | CellError {
  const out: Ymd[] = [];
  for (const [name, serial] of named) {
    const d = dateArg(serial);
    if (!d) return num(fn, `${name} is not a valid date`);
    out.push(d);
  }
  return out;
}
function checkFreqBasis(fn: string, freq: number, basis: number): CellError | undefined {
  if (![1, 2, 4].includes(Math.trunc(freq))) return num(fn, 'frequency must be 1, 2 or 4');
  if (Math.trunc(basis) < 0 || Math.trunc(basis) > 4) return num(fn, 'basis must be 0 to 4');
  return undefined;
}

/**
 * ACCRINT: par * rate / frequency * sum over the quasi-coupon periods of (accrued days / the period's normal length)
 * (Microsoft, ACCRINT function). The schedule is anchored on first_interest, stepped by 12/frequency months; with
 * calc_method TRUE full periods between issue and settlement count whole, with FALSE they count nothing (accrual
 * from first_interest).
 */
export function accrint(
  issue: Ymd,
  first: Ymd,
  settl: Ymd,
  rate: number,
  par: number,
  freq: number,
  basis: number,
  calc: boolean,
): number {
  const months = 12 / freq;
  const eom = isLastDay(first);
  const regPcd = addMonths(first, -months, eom);
  let pcd = regPcd;
  if (calc && compareDates(settl, first) > 0) {
    // The coupon date just before (or on) settlement, walking forward from first_interest.
    let front = first;
    let trailing = first;
    while (compareDates(front, settl) < 0) {
      trailing = front;
      front = addMonths(front, months, eom);
    }
    pcd = trailing;
  }
  const start = compareDates(issue, pcd) > 0 ? issue : pcd;
  const normal = basis === 1 ? toSerial(first) - toSerial(regPcd) : (basis === 3 ? 365 : 360) / freq;
  let acc = daysBetween(start, settl, basis) / normal;
  let front = pcd;
  while (compareDates(front, issue) > 0) {
    const end = front;
    front = addMonths(front, -months, eom);
    if (compareDates(issue, front) <= 0) {
      acc += calc ? 1 : 0;
    } else {
      const numer = basis === 0 ? days360US(issue, end) : daysBetween(issue, end, basis);
      const denom =
        basis === 0
          ? days360US(front, end, true)
          : basis === 3
            ? 365 / freq
            : basis === 2
              ? days360US(front, end)
              : daysBetween(front, end, basis);
      acc += numer / denom;
    }
  }
  return ((par * rate) / freq) * acc;
}

/** PRICE per Microsoft's documented formula (one coupon period left, or the discounted cash flows). */
export function price(
  settl: Ymd,
  mat: Ymd,
  rate: number,
  yld: number,
  redemption: number,
  freq: number,
  basis: number,
): number {
  const e = coupDays(settl, mat, freq, basis);
  const a = coupDayBs(settl, mat, freq, basis);
  // DSC as E - A: for actual/360 and actual/365 Excel measures the rest of the period on the basis's nominal length.
  const dsc = e - a;
  const n = coupNum(settl, mat, freq);
  const coupon = (100 * rate) / freq;
  if (n === 1) return (redemption + coupon) / (1 + (dsc / e) * (yld / freq)) - coupon * (a / e);
  const base = 1 + yld / freq;
  let p = redemption / Math.pow(base, n - 1 + dsc / e);
  for (let k = 1; k <= n; k++) p += coupon / Math.pow(base, k - 1 + dsc / e);
  return p - coupon * (a / e);
}

/** YIELD: closed form with one coupon period left (Microsoft), otherwise the yield at which PRICE equals pr. */
export function yieldOf(
  settl: Ymd,
  mat: Ymd,
  rate: number,
  pr: number,
  redemption: number,
  freq: number,
  basis: number,
): number | CellError {
  const n = coupNum(settl, mat, freq);
  if (n <= 1) {
    const e = coupDays(settl, mat, freq, basis);
    const a = coupDayBs(settl, mat, freq, basis);
    const dsr = e - a;
    const paid = pr / 100 + (a / e) * (rate / freq);
    return ((redemption / 100 + rate / freq - paid) / paid) * ((freq * e) / dsr);
  }
  // Newton's method from the coupon rate, falling back to bisection; PRICE falls as the yield rises.
  let y = rate > 0 ? rate : 0.05;
  for (let i = 0; i < 100; i++) {
    const f = price(settl, mat, rate, y, redemption, freq, basis) - pr;
    const h = 1e-7;
    const d = (price(settl, mat, rate, y + h, redemption, freq, basis) - pr - f) / h;
    const next = y - f / d;
    if (!Number.isFinite(next)) break;
    if (Math.abs(next - y) < 1e-12) return next;
    y = next;
  }
  let lo = -0.99 * freq;
  let hi = 10;
  if (
    (price(settl, mat, rate, lo, redemption, freq, basis) - pr) *
      (price(settl, mat, rate, hi, redemption, freq, basis) - pr) >
    0
  ) {
    return num('YIELD', 'no yield gives that price');
  }
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (price(settl, mat, rate, mid, redemption, freq, basis) - pr > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

type Coup = 'COUPDAYS' | 'COUPDAYBS' | 'COUPDAYSNC' | 'COUPNCD' | 'COUPPCD' | 'COUPNUM';

export class SecuritiesPlugin extends FunctionPlugin {
  static implementedFunctions = {
    ACCRINT: {
      method: 'accrint',
      parameters: [
        NUM,
        NUM,
        NUM,
        NUM,
        NUM,
        NUM,
        BASIS,
        { argumentType: FunctionArgumentType.BOOLEAN, defaultValue: true },
      ],
    },
    ACCRINTM: {
      method: 'accrintm',
      parameters: [NUM, NUM, NUM, { argumentType: FunctionArgumentType.NUMBER, defaultValue: 1000 }, BASIS],
    },
    COUPDAYS: { method: 'coupdays', parameters: [NUM, NUM, NUM, BASIS] },
    COUPDAYBS: { method: 'coupdaybs', parameters: [NUM, NUM, NUM, BASIS] },
    COUPDAYSNC: { method: 'coupdaysnc', parameters: [NUM, NUM, NUM, BASIS] },
    COUPNCD: { method: 'coupncd', parameters: [NUM, NUM, NUM, BASIS] },
    COUPPCD: { method: 'couppcd', parameters: [NUM, NUM, NUM, BASIS] },
    COUPNUM: { method: 'coupnum', parameters: [NUM, NUM, NUM, BASIS] },
    PRICE: { method: 'price', parameters: [NUM, NUM, NUM, NUM, NUM, NUM, BASIS] },
    YIELD: { method: 'yield', parameters: [NUM, NUM, NUM, NUM, NUM, NUM, BASIS] },
    DISC: { method: 'disc', parameters: [NUM, NUM, NUM, NUM, BASIS] },
    INTRATE: { method: 'intrate', parameters: [NUM, NUM, NUM, NUM, BASIS] },
    RECEIVED: { method: 'received', parameters: [NUM, NUM, NUM, NUM, BASIS] },
    PRICEDISC: { method: 'pricedisc', parameters: [NUM, NUM, NUM, NUM, BASIS] },
    YIELDDISC: { method: 'yielddisc', parameters: [NUM, NUM, NUM, NUM, BASIS] },
    PRICEMAT: { method: 'pricemat', parameters: [NUM, NUM, NUM, NUM, NUM, BASIS] },
    YIELDMAT: { method: 'yieldmat', parameters: [NUM, NUM, NUM, NUM, NUM, BASIS] },
    TBILLEQ: { method: 'tbilleq', parameters: [ANY, ANY, ANY] },
    TBILLPRICE: { method: 'tbillprice', parameters: [ANY, ANY, ANY] },
    TBILLYIELD: { method: 'tbillyield', parameters: [ANY, ANY, ANY] },
  };

  accrint(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('ACCRINT'),
      (i: number, f: number, s: number, rate: number, par: number, freq: number, basis: number, calc: boolean) => {
        const d = dates('ACCRINT', [
          ['issue', i],
          ['first_interest', f],
          ['settlement', s],
        ]);
        if (d instanceof CellError) return d;
        if (rate <= 0) return num('ACCRINT', 'rate must be greater than 0');
        if (par <= 0) return num('ACCRINT', 'par must be greater than 0');
        const bad = checkFreqBasis('ACCRINT', freq, basis);
        if (bad) return bad;
        if (compareDates(d[0], d[2]) >= 0) return num('ACCRINT', 'issue must be before settlement');
        return accrint(d[0], d[1], d[2], rate, par, Math.trunc(freq), Math.trunc(basis), calc);
      },
    );
  }

  /** ACCRINTM = par * rate * A / D, A and D by the basis (Microsoft, ACCRINTM function). */
  accrintm(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('ACCRINTM'),
      (i: number, s: number, rate: number, par: number, basis: number) => {
        const d = dates('ACCRINTM', [
          ['issue', i],
          ['settlement', s],
        ]);
        if (d instanceof CellError) return d;
        if (rate <= 0) return num('ACCRINTM', 'rate must be greater than 0');
        if (par <= 0) return num('ACCRINTM', 'par must be greater than 0');
        if (Math.trunc(basis) < 0 || Math.trunc(basis) > 4) return num('ACCRINTM', 'basis must be 0 to 4');
        if (compareDates(d[0], d[1]) >= 0) return num('ACCRINTM', 'issue must be before settlement');
        return par * rate * yearFrac(d[0], d[1], Math.trunc(basis));
      },
    );
  }

  private coup(ast: ProcedureAst, state: InterpreterState, fn: Coup): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (s: number, m: number, freq: number, basis: number) => {
      const d = dates(fn, [
        ['settlement', s],
        ['maturity', m],
      ]);
      if (d instanceof CellError) return d;
      const bad = checkFreqBasis(fn, freq, basis);
      if (bad) return bad;
      if (compareDates(d[0], d[1]) >= 0) return num(fn, 'settlement must be before maturity');
      const [settl, mat] = d;
      const f = Math.trunc(freq);
      const b = Math.trunc(basis);
      switch (fn) {
        case 'COUPDAYS':
          return coupDays(settl, mat, f, b);
        case 'COUPDAYBS':
          return coupDayBs(settl, mat, f, b);
        case 'COUPDAYSNC':
          return coupDaysNc(settl, mat, f, b);
        case 'COUPNCD':
          return toSerial(couponDates(settl, mat, f).ncd);
        case 'COUPPCD':
          return toSerial(couponDates(settl, mat, f).pcd);
        default:
          return coupNum(settl, mat, f);
      }
    });
  }
  coupdays(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.coup(ast, state, 'COUPDAYS');
  }
  coupdaybs(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.coup(ast, state, 'COUPDAYBS');
  }
  coupdaysnc(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.coup(ast, state, 'COUPDAYSNC');
  }
  coupncd(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.coup(ast, state, 'COUPNCD');
  }
  couppcd(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.coup(ast, state, 'COUPPCD');
  }
  coupnum(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.coup(ast, state, 'COUPNUM');
  }

  private bond(ast: ProcedureAst, state: InterpreterState, fn: 'PRICE' | 'YIELD'): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata(fn),
      (s: number, m: number, rate: number, third: number, redemption: number, freq: number, basis: number) => {
        const d = dates(fn, [
          ['settlement', s],
          ['maturity', m],
        ]);
        if (d instanceof CellError) return d;
        const bad = checkFreqBasis(fn, freq, basis);
        if (bad) return bad;
        if (compareDates(d[0], d[1]) >= 0) return num(fn, 'settlement must be before maturity');
        if (rate < 0) return num(fn, 'rate must not be negative');
        if (fn === 'PRICE' && third < 0) return num(fn, 'yld must not be negative');
        if (fn === 'YIELD' && third <= 0) return num(fn, 'pr must be greater than 0');
        if (redemption <= 0) return num(fn, 'redemption must be greater than 0');
        const f = Math.trunc(freq);
        const b = Math.trunc(basis);
        return fn === 'PRICE'
          ? price(d[0], d[1], rate, third, redemption, f, b)
          : yieldOf(d[0], d[1], rate, third, redemption, f, b);
      },
    );
  }
  price(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.bond(ast, state, 'PRICE');
  }
  yield(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.bond(ast, state, 'YIELD');
  }

  /** The discount-security functions: one year fraction from settlement to maturity (Microsoft's formulas). */
  private discount(
    ast: ProcedureAst,
    state: InterpreterState,
    fn: 'DISC' | 'INTRATE' | 'RECEIVED' | 'PRICEDISC' | 'YIELDDISC',
  ): unknown {
    const names: Record<string, [string, string]> = {
      DISC: ['pr', 'redemption'],
      INTRATE: ['investment', 'redemption'],
      RECEIVED: ['investment', 'discount'],
      PRICEDISC: ['discount', 'redemption'],
      YIELDDISC: ['pr', 'redemption'],
    };
    return this.runFunction(
      ast.args,
      state,
      this.metadata(fn),
      (s: number, m: number, x: number, y: number, basis: number) => {
        const d = dates(fn, [
          ['settlement', s],
          ['maturity', m],
        ]);
        if (d instanceof CellError) return d;
        if (x <= 0) return num(fn, `${names[fn][0]} must be greater than 0`);
        if (y <= 0) return num(fn, `${names[fn][1]} must be greater than 0`);
        const b = Math.trunc(basis);
        if (b < 0 || b > 4) return num(fn, 'basis must be 0 to 4');
        if (compareDates(d[0], d[1]) >= 0) return num(fn, 'settlement must be before maturity');
        const yf = daysBetween(d[0], d[1], b) / daysInYear(d[0], d[1], b);
        switch (fn) {
          case 'DISC':
            return (1 - x / y) / yf;
          case 'INTRATE':
            return (y - x) / x / yf;
          case 'RECEIVED': {
            const denom = 1 - y * yf;
            return denom <= 0 ? num(fn, 'the discount consumes the whole investment') : x / denom;
          }
          case 'PRICEDISC':
            return y * (1 - x * yf);
          default:
            return (y / x - 1) / yf;
        }
      },
    );
  }
  disc(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.discount(ast, state, 'DISC');
  }
  intrate(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.discount(ast, state, 'INTRATE');
  }
  received(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.discount(ast, state, 'RECEIVED');
  }
  pricedisc(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.discount(ast, state, 'PRICEDISC');
  }
  yielddisc(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.discount(ast, state, 'YIELDDISC');
  }

  /** PRICEMAT and YIELDMAT: interest at maturity, fractions of the year counted from issue (Microsoft's formulas). */
  private atMaturity(ast: ProcedureAst, state: InterpreterState, fn: 'PRICEMAT' | 'YIELDMAT'): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata(fn),
      (s: number, m: number, i: number, rate: number, x: number, basis: number) => {
        const d = dates(fn, [
          ['settlement', s],
          ['maturity', m],
          ['issue', i],
        ]);
        if (d instanceof CellError) return d;
        if (rate < 0) return num(fn, 'rate must not be negative');
        if (x < 0 || (fn === 'YIELDMAT' && x === 0))
          return num(fn, fn === 'PRICEMAT' ? 'yld must not be negative' : 'pr must be greater than 0');
        const b = Math.trunc(basis);
        if (b < 0 || b > 4) return num(fn, 'basis must be 0 to 4');
        const [settl, mat, issue] = d;
        if (compareDates(settl, mat) >= 0) return num(fn, 'settlement must be before maturity');
        const year = daysInYear(issue, settl, b);
        const dim = daysBetween(issue, mat, b) / year;
        const a = daysBetween(issue, settl, b) / year;
        const dsm = dim - a;
        if (fn === 'PRICEMAT') return (100 + dim * rate * 100) / (1 + dsm * x) - a * rate * 100;
        return (1 + dim * rate - (x / 100 + a * rate)) / (x / 100 + a * rate) / dsm;
      },
    );
  }
  pricemat(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.atMaturity(ast, state, 'PRICEMAT');
  }
  yieldmat(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.atMaturity(ast, state, 'YIELDMAT');
  }

  /**
   * Treasury bills: settlement before maturity, at most one year apart; a logical value is #VALUE! (Microsoft,
   * TBILLEQ/TBILLPRICE/TBILLYIELD). TBILLEQ past 182 days uses the bond-equivalent yield of a bill priced at
   * 100 * (1 - discount * DSM / 360), the root of the half-yearly compounding equation.
   */
  private tbill(ast: ProcedureAst, state: InterpreterState, fn: 'TBILLEQ' | 'TBILLPRICE' | 'TBILLYIELD'): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (a: unknown, b: unknown, c: unknown) => {
      const vals: number[] = [];
      for (const [name, v] of [
        ['settlement', a],
        ['maturity', b],
        [fn === 'TBILLYIELD' ? 'pr' : 'discount', c],
      ] as [string, unknown][]) {
        if (v instanceof CellError) return v;
        if (typeof v === 'boolean')
          return new CellError(ErrorType.VALUE, `${fn}: ${name} must be a number, not a logical value`);
        const c = this.coerceScalarToNumberOrError(v as never) as unknown;
        const n =
          typeof c === 'number'
            ? c
            : typeof c === 'object' && c !== null && 'val' in c
              ? (c as { val: number }).val
              : undefined;
        if (n === undefined) return new CellError(ErrorType.VALUE, `${fn}: ${name} must be a number`);
        vals.push(n);
      }
      const d = dates(fn, [
        ['settlement', vals[0]],
        ['maturity', vals[1]],
      ]);
      if (d instanceof CellError) return d;
      const [settl, mat] = d;
      const x = vals[2];
      if (compareDates(settl, mat) >= 0) return num(fn, 'settlement must be before maturity');
      if (compareDates(mat, addMonths(settl, 12)) > 0) return num(fn, 'maturity is more than a year after settlement');
      if (x <= 0) return num(fn, `${fn === 'TBILLYIELD' ? 'pr' : 'discount'} must be greater than 0`);
      const dsm = toSerial(mat) - toSerial(settl);
      if (fn === 'TBILLPRICE') {
        const p = 100 * (1 - (x * dsm) / 360);
        return p <= 0 ? num(fn, 'the discount leaves no price') : p;
      }
      if (fn === 'TBILLYIELD') return ((100 - x) / x) * (360 / dsm);
      if (dsm <= 182) return (365 * x) / (360 - x * dsm);
      const price = 100 * (1 - (x * dsm) / 360);
      // A bill of exactly 366 days (a leap year's span) counts it as a full year, as Excel's results show.
      const t = dsm / (dsm === 366 ? 366 : 365);
      const disc = t * t - (2 * t - 1) * (1 - 100 / price);
      if (price <= 0 || disc < 0) return num(fn, 'the discount leaves no price');
      return (-t + Math.sqrt(disc)) / (t - 0.5);
    });
  }
  tbilleq(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.tbill(ast, state, 'TBILLEQ');
  }
  tbillprice(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.tbill(ast, state, 'TBILLPRICE');
  }
  tbillyield(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.tbill(ast, state, 'TBILLYIELD');
  }
}
