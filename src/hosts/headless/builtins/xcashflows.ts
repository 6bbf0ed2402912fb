/**
 * XNPV and XIRR over dated cash flows (Microsoft: XNPV = sum of P_i / (1 + rate)^((d_i - d_1)/365); XIRR is the rate
 * where XNPV is 0). Argument rules follow Excel as the fidelity corpus shows them: in XNPV every value must be a
 * number (#NUM! otherwise) and a negative rate is #NUM!; in XIRR a text or logical value is #VALUE! and an empty cell
 * is skipped; a date before the first is #NUM!; values and dates of different sizes are #NUM!.
 */
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { rawNumber, StatPlugin } from './stat-args';

const ANY = { argumentType: FunctionArgumentType.ANY };
const num = (fn: string, what: string) => new CellError(ErrorType.NUM, `${fn}: ${what}`);

export function xnpv(rate: number, values: number[], dates: number[]): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] / Math.pow(1 + rate, (dates[i] - dates[0]) / 365);
  return s;
}
function xnpvSlope(rate: number, values: number[], dates: number[]): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const t = (dates[i] - dates[0]) / 365;
    s -= (t * values[i]) / Math.pow(1 + rate, t + 1);
  }
  return s;
}

/** The rate where XNPV is 0: Newton's method from the guess, then bisection over (-1, 1e6) when that fails. */
export function xirr(values: number[], dates: number[], guess: number): number | undefined {
  const scale = values.reduce((s, v) => s + Math.abs(v), 0);
  const isRoot = (r: number) => r > -1 && Number.isFinite(r) && Math.abs(xnpv(r, values, dates)) <= 1e-7 * scale;
  let r = guess;
  for (let i = 0; i < 100; i++) {
    const d = xnpvSlope(r, values, dates);
    const next = r - xnpv(r, values, dates) / d;
    if (!Number.isFinite(next) || next <= -1) break;
    if (Math.abs(next - r) <= 1e-12 * Math.max(1, Math.abs(r))) return isRoot(next) ? next : undefined;
    r = next;
  }
  let lo = -1 + 1e-12;
  let hi = 1e6;
  let flo = xnpv(lo, values, dates);
  if (!Number.isFinite(flo) || flo * xnpv(hi, values, dates) > 0) return undefined;
  for (let i = 0; i < 300; i++) {
    const mid = (lo + hi) / 2;
    const fm = xnpv(mid, values, dates);
    if (fm * flo > 0) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  const root = (lo + hi) / 2;
  return isRoot(root) ? root : undefined;
}

/**
 * Excel's XIRR is not the exact root: every result of XIRR.xlsx is a midpoint of a bisection (Microsoft: "accurate
 * within 0.000001 percent"), and the same midpoint is reproduced here so results agree to the last digit. The root
 * found above decides the starting interval: [0, 0.1 * 2^k] (the first power-of-two multiple of 10% above it) for a
 * rate >= 0, [-1, -0.1] for a rate below -10%. Each step keeps the half whose end has the sign of XNPV at the upper
 * end, and stops at the first midpoint m where |XNPV(m)| < 1e-8 * sum |P_i| / (1+m)^t_i and the interval halved was
 * narrower than 1.5e-8 * (1 + |m|). These constants reproduce all twelve XIRR results of XIRR.xlsx (ten to the
 * bit) and were read from them, not from a document. A rate in [-10%, 0) or a bisection that lands elsewhere keeps
 * the root as found.
 */
export function excelXirr(values: number[], dates: number[], root: number): number {
  let lo: number;
  let hi: number;
  if (root >= 0) {
    lo = 0;
    hi = 0.1;
    while (hi <= root) hi *= 2;
  } else if (root < -0.1) {
    lo = -1;
    hi = -0.1;
  } else return root;
  const t = dates.map((d) => (d - dates[0]) / 365);
  let fhi = xnpv(hi, values, dates);
  for (let i = 0; i < 200; i++) {
    const m = (lo + hi) / 2;
    const fm = xnpv(m, values, dates);
    const width = hi - lo;
    if (fm > 0 === fhi > 0) {
      hi = m;
      fhi = fm;
    } else lo = m;
    let scale = 0;
    for (let j = 0; j < values.length; j++) scale += Math.abs(values[j]) / Math.pow(1 + m, t[j]);
    if (Math.abs(fm) < 1e-8 * scale && width < 1.5e-8 * (1 + Math.abs(m)))
      return Math.abs(m - root) <= 1e-6 * (1 + Math.abs(root)) ? m : root;
  }
  return root;
}

export class XCashflowsPlugin extends StatPlugin {
  static implementedFunctions = {
    XNPV: { method: 'xnpv', parameters: [ANY, ANY, ANY] },
    XIRR: { method: 'xirr', parameters: [ANY, ANY, ANY] },
  };

  /** Values and whole-day dates as parallel lists, or the error Excel gives. */
  private flows(
    fn: 'XNPV' | 'XIRR',
    valuesAst: ProcedureAst['args'][number],
    datesAst: ProcedureAst['args'][number],
    state: InterpreterState,
  ): { v: number[]; d: number[] } | CellError {
    const vg = this.grid(valuesAst, state).flat();
    const dg = this.grid(datesAst, state).flat();
    if (vg.length !== dg.length) return num(fn, 'values and dates differ in size');
    const v: number[] = [];
    const d: number[] = [];
    for (let i = 0; i < vg.length; i++) {
      if (vg[i] instanceof CellError) return vg[i] as CellError;
      if (dg[i] instanceof CellError) return dg[i] as CellError;
      const x = rawNumber(vg[i]);
      if (x === undefined) {
        const empty = vg[i] === null || vg[i] === undefined || typeof vg[i] === 'symbol';
        if (fn === 'XIRR' && empty) continue;
        if (fn === 'XNPV') return num(fn, 'every value must be a number');
        return new CellError(ErrorType.VALUE, `${fn}: every value must be a number`);
      }
      const t = rawNumber(dg[i]);
      if (t === undefined) return new CellError(ErrorType.VALUE, `${fn}: every date must be a date`);
      v.push(x);
      d.push(Math.trunc(t));
    }
    if (!v.length) return num(fn, 'no cash flows');
    if (d.some((t) => t < 0 || t < d[0])) return num(fn, 'a date precedes the first date');
    return { v, d };
  }

  xnpv(ast: ProcedureAst, state: InterpreterState): unknown {
    if (ast.args.length !== 3) return new CellError(ErrorType.NA, 'XNPV: needs rate, values, dates');
    const rate = this.scalarArg('XNPV', ast.args[0], state);
    if (rate instanceof CellError) return rate;
    const f = this.flows('XNPV', ast.args[1], ast.args[2], state);
    if (f instanceof CellError) return f;
    if (rate < 0) return num('XNPV', 'rate must not be negative');
    const r = xnpv(rate, f.v, f.d);
    return Number.isFinite(r) ? r : num('XNPV', 'the result is not a finite number');
  }

  xirr(ast: ProcedureAst, state: InterpreterState): unknown {
    if (ast.args.length < 2 || ast.args.length > 3)
      return new CellError(ErrorType.NA, 'XIRR: needs values, dates and an optional guess');
    const f = this.flows('XIRR', ast.args[0], ast.args[1], state);
    if (f instanceof CellError) return f;
    const guess = this.scalarArg('XIRR', ast.args[2], state, 0.1);
    if (guess instanceof CellError) return guess;
    if (!f.v.some((x) => x > 0) || !f.v.some((x) => x < 0))
      return num('XIRR', 'values need at least one positive and one negative');
    const r = xirr(f.v, f.d, guess);
    return r === undefined ? num('XIRR', 'no rate found') : excelXirr(f.v, f.d, r);
  }
}
