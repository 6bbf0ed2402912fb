/**
 * Time-value-of-money and depreciation functions where HyperFormula differs from Excel: PMT/PV/FV at rate <= -1,
 * IPMT/PPMT outside 1..nper+1, CUMIPMT/CUMPRINC argument rules, DB/DDB with fractional arguments, EFFECT/NOMINAL
 * validation, NPV over references (empty cells and logical values skipped), MIRR at a finance rate of -1, RATE that
 * never returns a rate <= -1. Each rule follows Microsoft's documentation of the function, and the fidelity corpus
 * (../shared/fidelity/ironcalc/FINANCIAL) where the documentation is silent.
 */
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { StatPlugin } from './stat-args';

const NUM = { argumentType: FunctionArgumentType.NUMBER };
const OPT0 = { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 };
const ANY = { argumentType: FunctionArgumentType.ANY };
const num = (fn: string, what: string) => new CellError(ErrorType.NUM, `${fn}: ${what}`);

/** The payment per period of an annuity (Microsoft, PMT). */
export function pmt(rate: number, nper: number, pv: number, fv = 0, type = 0): number {
  if (rate === 0) return -(pv + fv) / nper;
  const g = Math.pow(1 + rate, nper);
  return (-(fv + pv * g) * rate) / ((1 + rate * type) * (g - 1));
}
/** The future value after nper periods (Microsoft, FV). */
export function fv(rate: number, nper: number, payment: number, pv = 0, type = 0): number {
  if (rate === 0) return -(pv + payment * nper);
  const g = Math.pow(1 + rate, nper);
  return -(pv * g + (payment * (1 + rate * type) * (g - 1)) / rate);
}
/** The present value (Microsoft, PV). */
export function pv(rate: number, nper: number, payment: number, fvalue = 0, type = 0): number {
  if (rate === 0) return -(fvalue + payment * nper);
  const g = Math.pow(1 + rate, nper);
  return -(fvalue + (payment * (1 + rate * type) * (g - 1)) / rate) / g;
}
/** The interest part of payment `per` (1-based): the balance before it times the rate. */
export function ipmt(rate: number, per: number, nper: number, pvalue: number, fvalue = 0, type = 0): number {
  const p = pmt(rate, nper, pvalue, fvalue, type);
  if (per === 1) return type === 1 ? 0 : -pvalue * rate;
  const balance = type === 1 ? fv(rate, per - 2, p, pvalue, 1) - p : fv(rate, per - 1, p, pvalue, 0);
  return balance * rate;
}

/**
 * The principal part of payment `per` of a loan pv over nper periods (fv 0), without subtracting two nearly equal
 * numbers: at a high rate the payment is almost all interest, and payment - interest would keep only a few digits
 * (Excel's CUMPRINC(0.7, 36, 8000, 2, 10, 1) = -0.0047565423422487 is exact to the last digit). With g = (1+r)^nper,
 * the first principal part is -pv*r/(g-1) (type 0: payment + pv*r = -pv*r*g/(g-1) + pv*r) and each later one is
 * (1+r) times the one before; with type 1 the first payment is all principal and the second is -pv*r/(g-1).
 */
function principalPart(rate: number, per: number, nper: number, pv: number, type: number): number {
  const g = Math.pow(1 + rate, nper);
  if (type === 1 && per === 1) return pmt(rate, nper, pv, 0, 1);
  return (-pv * rate * Math.pow(1 + rate, per - 1 - type)) / (g - 1);
}

/** A value that must be a number: logical values (from a cell or typed) are #VALUE! for these functions. */
function strictNumber(fn: string, name: string, v: unknown): number | CellError {
  if (v instanceof CellError) return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && 'val' in v) return (v as { val: number }).val;
  if (v === null || v === undefined || typeof v === 'symbol') return 0;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return new CellError(ErrorType.VALUE, `${fn}: ${name} must be a number`);
}

export class FinancePlugin extends StatPlugin {
  static implementedFunctions = {
    PMT: { method: 'pmt', parameters: [NUM, NUM, NUM, OPT0, OPT0] },
    PV: { method: 'pv', parameters: [NUM, NUM, NUM, OPT0, OPT0] },
    FV: { method: 'fv', parameters: [NUM, NUM, NUM, OPT0, OPT0] },
    IPMT: { method: 'ipmt', parameters: [NUM, NUM, NUM, NUM, OPT0, OPT0] },
    PPMT: { method: 'ppmt', parameters: [NUM, NUM, NUM, NUM, OPT0, OPT0] },
    CUMIPMT: { method: 'cumipmt', parameters: [ANY, ANY, ANY, ANY, ANY, ANY] },
    CUMPRINC: { method: 'cumprinc', parameters: [ANY, ANY, ANY, ANY, ANY, ANY] },
    DB: {
      method: 'db',
      parameters: [NUM, NUM, NUM, NUM, { argumentType: FunctionArgumentType.NUMBER, defaultValue: 12 }],
    },
    DDB: {
      method: 'ddb',
      parameters: [NUM, NUM, NUM, NUM, { argumentType: FunctionArgumentType.NUMBER, defaultValue: 2 }],
    },
    EFFECT: { method: 'effect', parameters: [ANY, ANY] },
    NOMINAL: { method: 'nominal', parameters: [ANY, ANY] },
    NPV: { method: 'npv', parameters: [ANY], repeatLastArgs: 1 },
    MIRR: { method: 'mirr', parameters: [ANY, ANY, ANY] },
    RATE: {
      method: 'rate',
      parameters: [NUM, NUM, NUM, OPT0, OPT0, { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0.1 }],
    },
  };

  /**
   * RATE: Newton's method on pv*(1+r)^n + pmt*(1/r + type)*((1+r)^n - 1) + fv = 0 from the guess (Microsoft: "RATE is
   * calculated by iteration"; #NUM! when it does not converge to within 0.0000001). With type 1 and fv 0 the
   * equation has the factor (1+r), so -1 always solves it; it is no rate (every payment is worth nothing) and Excel
   * gives #NUM! when the iteration ends there (RATE.xlsx: RATE(10, -1200, 2000, 0, 1)).
   */
  rate(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('RATE'),
      (nper: number, payment: number, p: number, f: number, type: number, guess: number) => {
        if (nper <= 0) return num('RATE', 'nper must be greater than 0');
        if (guess <= -1) return new CellError(ErrorType.VALUE, 'RATE: guess must be greater than -1');
        const t = type ? 1 : 0;
        const eps = 1e-7;
        let r = guess;
        for (let i = 0; i < 50; i++) {
          if (r <= -1) break;
          // Near 0, (1/r)((1+r)^n - 1) is n to first order: the linear form avoids dividing by a tiny r.
          const g = Math.pow(1 + r, nper);
          const y =
            Math.abs(r) < eps
              ? p * (1 + nper * r) + payment * (1 + r * t) * nper + f
              : p * g + payment * (1 / r + t) * (g - 1) + f;
          if (Math.abs(y) < eps) {
            if (1 + r < 1e-6) break;
            return r;
          }
          const dg = nper * Math.pow(1 + r, nper - 1);
          const dy =
            Math.abs(r) < eps
              ? p * nper + payment * t * nper
              : p * dg + payment * (1 / r + t) * dg - (payment * (g - 1)) / (r * r);
          r -= y / dy;
        }
        return num('RATE', 'the iteration found no rate; try another guess');
      },
    );
  }

  pmt(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('PMT'),
      (rate: number, nper: number, p: number, f: number, type: number) => {
        if (rate <= -1) return num('PMT', 'rate must be greater than -1');
        if (nper === 0) return num('PMT', 'nper must not be 0');
        const r = pmt(rate, nper, p, f, type !== 0 ? 1 : 0);
        return Number.isFinite(r) ? r : num('PMT', 'no payment solves these arguments');
      },
    );
  }
  pv(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('PV'),
      (rate: number, nper: number, p: number, f: number, type: number) => {
        const r = pv(rate, nper, p, f, type !== 0 ? 1 : 0);
        return Number.isFinite(r) ? r : num('PV', 'the result is not a finite number');
      },
    );
  }
  /** FV: at rate -1 a negative nper divides by zero (#DIV/0!, as Excel). */
  fv(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('FV'),
      (rate: number, nper: number, p: number, v: number, type: number) => {
        if (rate === -1 && nper < 0)
          return new CellError(ErrorType.DIV_BY_ZERO, 'FV: rate -1 with a negative nper divides by zero');
        const r = fv(rate, nper, p, v, type !== 0 ? 1 : 0);
        return Number.isFinite(r) ? r : num('FV', 'the result is not a finite number');
      },
    );
  }
  private payPart(ast: ProcedureAst, state: InterpreterState, fn: 'IPMT' | 'PPMT'): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata(fn),
      (rate: number, per: number, nper: number, p: number, f: number, type: number) => {
        // A fractional period is used as it is; Excel accepts per up to (not including) nper + 1.
        if (per < 1 || per >= nper + 1) return num(fn, 'per must be between 1 and nper');
        if (rate <= -1) return num(fn, 'rate must be greater than -1');
        const t = type !== 0 ? 1 : 0;
        const i = ipmt(rate, per, nper, p, f, t);
        const r = fn === 'IPMT' ? i : pmt(rate, nper, p, f, t) - i;
        return Number.isFinite(r) ? r : num(fn, 'the result is not a finite number');
      },
    );
  }
  ipmt(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.payPart(ast, state, 'IPMT');
  }
  ppmt(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.payPart(ast, state, 'PPMT');
  }

  /** CUMIPMT/CUMPRINC: periods and type truncated; rate, nper, pv > 0; 1 <= start <= end <= nper (Microsoft). */
  private cumulative(ast: ProcedureAst, state: InterpreterState, fn: 'CUMIPMT' | 'CUMPRINC'): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (...raw: unknown[]) => {
      const names = ['rate', 'nper', 'pv', 'start_period', 'end_period', 'type'];
      const v: number[] = [];
      for (let i = 0; i < 6; i++) {
        const n = strictNumber(fn, names[i], raw[i]);
        if (n instanceof CellError) return n;
        v.push(n);
      }
      const [rate, nper, p] = v;
      // Excel counts the whole periods inside [start_period, end_period]: the start rounds up, the end down.
      if (v[3] < 1) return num(fn, 'start_period must be at least 1');
      const start = Math.ceil(v[3]);
      const end = Math.floor(v[4]);
      const type = v[5];
      if (rate <= 0 || nper <= 0 || p <= 0) return num(fn, 'rate, nper and pv must be greater than 0');
      if (start < 1 || end < start || end > nper)
        return num(fn, 'periods must satisfy 1 <= start_period <= end_period <= nper');
      if (type !== 0 && type !== 1) return num(fn, 'type must be 0 or 1');
      let total = 0;
      for (let per = start; per <= end; per++)
        total += fn === 'CUMIPMT' ? ipmt(rate, per, nper, p, 0, type) : principalPart(rate, per, nper, p, type);
      return total;
    });
  }
  cumipmt(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.cumulative(ast, state, 'CUMIPMT');
  }
  cumprinc(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.cumulative(ast, state, 'CUMPRINC');
  }

  /**
   * DB: fixed-declining balance with the rate rounded to three places (Microsoft's formula); period and month are
   * truncated, life is not; a salvage above cost gives a negative depreciation, as Excel's does.
   */
  db(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('DB'),
      (cost: number, salvage: number, life: number, period: number, month: number) => {
        const per = Math.trunc(period);
        const m = Math.trunc(month);
        if (cost < 0 || salvage < 0) return num('DB', 'cost and salvage must not be negative');
        if (life <= 0 || per <= 0) return num('DB', 'life and period must be greater than 0');
        if (m < 1 || m > 12) return num('DB', 'month must be 1 to 12');
        if (per > life + 1 || (m === 12 && per > life)) return num('DB', 'period is beyond the life');
        if (cost === 0) return 0;
        const rate = Math.round((1 - Math.pow(salvage / cost, 1 / life)) * 1000) / 1000;
        let total = (cost * rate * m) / 12;
        if (per === 1) return total;
        for (let i = 2; i < per; i++) total += (cost - total) * rate;
        if (per > life) return ((cost - total) * rate * (12 - m)) / 12;
        return (cost - total) * rate;
      },
    );
  }
  /** DDB: cost * r * (1 - r)^(period - 1) with r = factor / life (capped at 1), never below salvage (Microsoft). */
  ddb(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('DDB'),
      (cost: number, salvage: number, life: number, period: number, factor: number) => {
        if (cost < 0 || salvage < 0) return num('DDB', 'cost and salvage must not be negative');
        if (life <= 0 || period <= 0 || factor <= 0)
          return num('DDB', 'life, period and factor must be greater than 0');
        if (period > life) return num('DDB', 'period must not exceed life');
        const r = Math.min(1, factor / life);
        const before = period - 1 === 0 ? cost : cost * Math.pow(1 - r, period - 1);
        const dep = Math.min(before * r, before - salvage);
        return Math.max(0, dep);
      },
    );
  }

  private rateAndPeriods(
    fn: string,
    ast: ProcedureAst,
    state: InterpreterState,
    f: (rate: number, n: number) => number,
  ): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (a: unknown, b: unknown) => {
      const rate = strictNumber(fn, fn === 'EFFECT' ? 'nominal_rate' : 'effect_rate', a);
      if (rate instanceof CellError) return rate;
      const n = strictNumber(fn, 'npery', b);
      if (n instanceof CellError) return n;
      const npery = Math.trunc(n);
      if (rate <= 0) return num(fn, 'the rate must be greater than 0');
      if (npery < 1) return num(fn, 'npery must be at least 1');
      return f(rate, npery);
    });
  }
  effect(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.rateAndPeriods('EFFECT', ast, state, (r, n) => Math.pow(1 + r / n, n) - 1);
  }
  nominal(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.rateAndPeriods('NOMINAL', ast, state, (r, n) => n * (Math.pow(1 + r, 1 / n) - 1));
  }

  /** NPV(rate, value1, ...): values at the end of periods 1, 2, ...; in references only numbers count (Microsoft). */
  npv(ast: ProcedureAst, state: InterpreterState): unknown {
    if (ast.args.length < 2) return new CellError(ErrorType.NA, 'NPV: needs a rate and at least one value');
    const rate = this.scalarArg('NPV', ast.args[0], state);
    if (rate instanceof CellError) return rate;
    const values = this.numbers('NPV', ast.args.slice(1), state);
    if (values instanceof CellError) return values;
    if (rate === -1) return new CellError(ErrorType.DIV_BY_ZERO, 'NPV: rate -1 divides by zero');
    let total = 0;
    for (let i = 0; i < values.length; i++) total += values[i] / Math.pow(1 + rate, i + 1);
    return total;
  }

  /**
   * MIRR = (-FV of the inflows at reinvest_rate / PV of the outflows at finance_rate)^(1/(n-1)) - 1 (Microsoft).
   * With no inflows the result is -1; with no outflows, #DIV/0!.
   */
  mirr(ast: ProcedureAst, state: InterpreterState): unknown {
    if (ast.args.length !== 3) return new CellError(ErrorType.NA, 'MIRR: needs values, finance_rate, reinvest_rate');
    const values = this.numbers('MIRR', [ast.args[0]], state);
    if (values instanceof CellError) return values;
    const f = this.scalarArg('MIRR', ast.args[1], state);
    if (f instanceof CellError) return f;
    const r = this.scalarArg('MIRR', ast.args[2], state);
    if (r instanceof CellError) return r;
    const n = values.length;
    let inflow = 0;
    let outflow = 0;
    values.forEach((v, i) => {
      if (v > 0) inflow += v * Math.pow(1 + r, n - 1 - i);
      else if (v < 0) outflow += v / Math.pow(1 + f, i);
    });
    if (outflow === 0 || n < 2)
      return new CellError(ErrorType.DIV_BY_ZERO, 'MIRR: values need at least one negative and one more value');
    const res = Math.pow(-inflow / outflow, 1 / (n - 1)) - 1;
    if (Number.isNaN(res)) return num('MIRR', 'the rates give no real result');
    return Number.isFinite(res)
      ? res
      : new CellError(ErrorType.DIV_BY_ZERO, 'MIRR: the rates make the result undefined');
  }
}
