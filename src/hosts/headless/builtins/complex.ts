/**
 * Excel's complex-number functions (COMPLEX, IMREAL, IMAGINARY, IMABS, IMARGUMENT, IMCONJUGATE, IMSUM, IMSUB,
 * IMPRODUCT, IMDIV, IMPOWER, IMSQRT, IMEXP, IMLN, IMLOG10, IMLOG2 and the trigonometric and hyperbolic IM*).
 * A complex number is text "x+yi" or "x+yj" (Microsoft's COMPLEX doc); a plain number is a real one and an empty cell
 * is 0. Results are text with each part to 15 significant digits, so IMPOWER("2+3i",3) is "-46+9.00000000000001i"
 * as in Microsoft's IMPOWER example (Excel computes powers and roots in polar form). Text that is not a complex
 * number is #NUM!; a logical value is #VALUE!; mixing "i" and "j" in one IMSUM/IMPRODUCT is #VALUE!.
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';

interface Complex {
  re: number;
  im: number;
  suffix?: 'i' | 'j';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parses Excel's complex text; undefined when it is not one. */
export function parseComplex(text: string): Complex | undefined {
  if (text === '') return { re: 0, im: 0 };
  const last = text[text.length - 1];
  if (last !== 'i' && last !== 'j') return NUMBER.test(text) ? { re: Number(text), im: 0 } : undefined;
  const body = text.slice(0, -1);
  let k = -1;
  for (let i = body.length - 1; i > 0; i--) {
    if ((body[i] === '+' || body[i] === '-') && !/e/i.test(body[i - 1])) {
      k = i;
      break;
    }
  }
  const rePart = k < 0 ? '' : body.slice(0, k);
  const imPart = k < 0 ? body : body.slice(k);
  if (rePart !== '' && !NUMBER.test(rePart)) return undefined;
  let im: number;
  if (imPart === '' || imPart === '+') im = 1;
  else if (imPart === '-') im = -1;
  else if (NUMBER.test(imPart)) im = Number(imPart);
  else return undefined;
  return { re: rePart === '' ? 0 : Number(rePart), im, suffix: last };
}

/** One part to 15 significant digits, as Excel writes it: decimals down to 1e-19, then "1.2E-45". */
export function complexPart(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return '0';
  const p = Number(x.toPrecision(15));
  const abs = Math.abs(p);
  if (abs >= 1e-19 && abs < 1e21) {
    if (abs >= 1e-6) return String(p);
    const digits = Math.min(100, 14 - Math.floor(Math.log10(abs)));
    return p.toFixed(digits).replace(/0+$/, '').replace(/\.$/, '');
  }
  const [m, e] = p.toExponential(14).split('e');
  const mant = m.replace(/\.?0+$/, '');
  return `${mant}E${e.startsWith('-') ? '-' : '+'}${e.replace(/^[+-]/, '')}`;
}

/** Excel's text of a complex number: "3+4i", "i", "-2.5j", "7". */
export function formatComplex(z: Complex, suffix: 'i' | 'j' = 'i'): string | CellError {
  if (!Number.isFinite(z.re) || !Number.isFinite(z.im)) return new CellError(ErrorType.NUM, 'the result is too large');
  const re = complexPart(z.re);
  const imAbs = complexPart(Math.abs(z.im));
  if (imAbs === '0') return re;
  const im = (imAbs === '1' ? '' : imAbs) + suffix;
  if (re === '0') return (z.im < 0 ? '-' : '') + im;
  return `${re}${z.im < 0 ? '-' : '+'}${im}`;
}

const cplx = (re: number, im: number): Complex => ({ re, im });
const mul = (a: Complex, b: Complex): Complex => cplx(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
function div(a: Complex, b: Complex): Complex {
  const d = b.re * b.re + b.im * b.im;
  return cplx((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
}
const isZero = (z: Complex): boolean => z.re === 0 && z.im === 0;
const sin = (z: Complex): Complex => cplx(Math.sin(z.re) * Math.cosh(z.im), Math.cos(z.re) * Math.sinh(z.im));
const cos = (z: Complex): Complex => cplx(Math.cos(z.re) * Math.cosh(z.im), -Math.sin(z.re) * Math.sinh(z.im));
const sinh = (z: Complex): Complex => cplx(Math.sinh(z.re) * Math.cos(z.im), Math.cosh(z.re) * Math.sin(z.im));
const cosh = (z: Complex): Complex => cplx(Math.cosh(z.re) * Math.cos(z.im), Math.sinh(z.re) * Math.sin(z.im));
const ONE = cplx(1, 0);
const ln = (z: Complex): Complex => cplx(Math.log(Math.hypot(z.re, z.im)), Math.atan2(z.im, z.re));
/** z^n in polar form, as Excel computes IMPOWER and IMSQRT. */
function pow(z: Complex, n: number): Complex {
  const r = Math.hypot(z.re, z.im) ** n;
  const t = Math.atan2(z.im, z.re) * n;
  return cplx(r * Math.cos(t), r * Math.sin(t));
}

type Unary = (z: Complex) => Complex | CellError;
const numErr = (fn: string, why: string): CellError => new CellError(ErrorType.NUM, `${fn}: ${why}`);

/** Functions of one complex number returning a complex number; a zero divisor is #NUM! as in Excel. */
const UNARY: Record<string, Unary> = {
  IMCONJUGATE: (z) => cplx(z.re, -z.im),
  IMSIN: sin,
  IMCOS: cos,
  IMSINH: sinh,
  IMCOSH: cosh,
  // tan, cot and sec by the double-angle forms, which give Excel's last digit (IMTAN and IMSEC doc examples).
  IMTAN: (z) =>
    ((d) => (d === 0 ? numErr('IMTAN', 'cos is 0') : cplx(Math.sin(2 * z.re) / d, Math.sinh(2 * z.im) / d)))(
      Math.cos(2 * z.re) + Math.cosh(2 * z.im),
    ),
  // Near 0, cosh 2y - cos 2x cancels to 0: cos/sin then (IMCOT(1E-16) is 1E+16 in Excel).
  IMCOT: (z) =>
    isZero(z)
      ? numErr('IMCOT', 'inumber is 0')
      : ((d) => (d === 0 ? div(cos(z), sin(z)) : cplx(Math.sin(2 * z.re) / d, -Math.sinh(2 * z.im) / d)))(
          Math.cosh(2 * z.im) - Math.cos(2 * z.re),
        ),
  IMSEC: (z) =>
    ((d) => cplx((2 * Math.cos(z.re) * Math.cosh(z.im)) / d, (2 * Math.sin(z.re) * Math.sinh(z.im)) / d))(
      Math.cos(2 * z.re) + Math.cosh(2 * z.im),
    ),
  IMCSC: (z) => (isZero(z) ? numErr('IMCSC', 'inumber is 0') : div(ONE, sin(z))),
  IMSECH: (z) => div(ONE, cosh(z)),
  IMCSCH: (z) => (isZero(z) ? numErr('IMCSCH', 'inumber is 0') : div(ONE, sinh(z))),
  IMEXP: (z) => cplx(Math.exp(z.re) * Math.cos(z.im), Math.exp(z.re) * Math.sin(z.im)),
  IMLN: (z) => (isZero(z) ? numErr('IMLN', 'the logarithm of 0') : ln(z)),
  IMLOG10: (z) =>
    isZero(z) ? numErr('IMLOG10', 'the logarithm of 0') : ((l) => cplx(l.re / Math.LN10, l.im / Math.LN10))(ln(z)),
  IMLOG2: (z) =>
    isZero(z) ? numErr('IMLOG2', 'the logarithm of 0') : ((l) => cplx(l.re / Math.LN2, l.im / Math.LN2))(ln(z)),
  IMSQRT: (z) => pow(z, 0.5),
};

/** Functions of one complex number returning a real number. */
const REAL: Record<string, (z: Complex) => number | CellError> = {
  IMREAL: (z) => z.re,
  IMAGINARY: (z) => z.im,
  IMABS: (z) => Math.hypot(z.re, z.im),
  IMARGUMENT: (z) =>
    isZero(z)
      ? new CellError(ErrorType.DIV_BY_ZERO, 'IMARGUMENT: the argument of 0 is undefined')
      : Math.atan2(z.im, z.re),
};

const ONE_ARG = { parameters: [{ argumentType: FunctionArgumentType.SCALAR }] };
const TWO_ARGS = {
  parameters: [{ argumentType: FunctionArgumentType.SCALAR }, { argumentType: FunctionArgumentType.SCALAR }],
};
const MANY = { parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 };

function methodName(id: string): string {
  return id.toLowerCase().replace(/\./g, '_');
}

export class ComplexPlugin extends ExcelPlugin {
  static implementedFunctions = {
    COMPLEX: {
      method: 'complex',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
    ...Object.fromEntries(
      [...Object.keys(UNARY), ...Object.keys(REAL)].map((id) => [id, { method: methodName(id), ...ONE_ARG }]),
    ),
    IMSUB: { method: 'imsub', ...TWO_ARGS },
    IMDIV: { method: 'imdiv', ...TWO_ARGS },
    IMPOWER: { method: 'impower', ...TWO_ARGS },
    IMSUM: { method: 'imsum', ...MANY },
    IMPRODUCT: { method: 'improduct', ...MANY },
  };

  /** A complex argument: text parsed, a number as a real one, an empty cell as 0. */
  private arg(v: unknown, fn: string, name = 'inumber'): Complex | CellError {
    if (v instanceof CellError) return v;
    if (v === EmptyValue || v === undefined || v === null) return cplx(0, 0);
    if (typeof v === 'boolean')
      return new CellError(ErrorType.VALUE, `${fn}: ${name} is a logical value, not a complex number`);
    if (typeof v === 'string') {
      const z = parseComplex(v);
      return z ?? new CellError(ErrorType.NUM, `${fn}: ${name} "${v}" is not a complex number like "3+4i"`);
    }
    if (v instanceof SimpleRangeValue)
      return new CellError(ErrorType.VALUE, `${fn}: ${name} must be one value, not a range`);
    const n = this.num(v, fn, name);
    return n instanceof CellError ? n : cplx(n, 0);
  }

  /** The suffix the result takes: the inputs' one; both "i" and "j" among them is #VALUE!. */
  private suffixOf(fn: string, zs: Complex[]): 'i' | 'j' | CellError {
    const s = new Set(zs.map((z) => z.suffix).filter((x) => x !== undefined));
    if (s.size > 1) return new CellError(ErrorType.VALUE, `${fn}: the numbers mix the suffixes "i" and "j"`);
    return [...s][0] ?? 'i';
  }

  private result(fn: string, inputs: Complex[], out: Complex | CellError): string | CellError {
    if (out instanceof CellError) return out;
    const suffix = this.suffixOf(fn, inputs);
    return suffix instanceof CellError ? suffix : formatComplex(out, suffix);
  }

  private unary(fn: string, ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (v: unknown) => {
      const z = this.arg(v, fn);
      if (z instanceof CellError) return z;
      if (fn in REAL) return REAL[fn](z);
      return this.result(fn, [z], UNARY[fn](z));
    });
  }

  private binary(
    fn: string,
    ast: ProcedureAst,
    state: InterpreterState,
    op: (a: Complex, b: Complex, bRaw: unknown) => Complex | CellError,
  ): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (x: unknown, y: unknown) => {
      const a = this.arg(x, fn, 'inumber1');
      if (a instanceof CellError) return a;
      const b = fn === 'IMPOWER' ? this.num(y, fn, 'number') : this.arg(y, fn, 'inumber2');
      if (b instanceof CellError) return b;
      return this.result(fn, typeof b === 'number' ? [a] : [a, b], op(a, typeof b === 'number' ? cplx(b, 0) : b, y));
    });
  }

  private fold(
    fn: string,
    ast: ProcedureAst,
    state: InterpreterState,
    start: Complex,
    op: (a: Complex, b: Complex) => Complex,
  ): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (...args: unknown[]) => {
      const zs: Complex[] = [];
      for (const a of args) {
        const values = a instanceof SimpleRangeValue ? a.valuesFromTopLeftCorner() : [a];
        for (const v of values) {
          const z = this.arg(v, fn);
          if (z instanceof CellError) return z;
          zs.push(z);
        }
      }
      return this.result(fn, zs, zs.reduce(op, start));
    });
  }

  complex(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('COMPLEX'), (r: unknown, i: unknown, s: unknown) => {
      const re = this.num(r, 'COMPLEX', 'real_num');
      if (re instanceof CellError) return re;
      const im = this.num(i, 'COMPLEX', 'i_num');
      if (im instanceof CellError) return im;
      if (s instanceof CellError) return s;
      const suffix = s === undefined || s === EmptyValue || s === '' ? 'i' : s;
      if (suffix !== 'i' && suffix !== 'j')
        return new CellError(ErrorType.VALUE, 'COMPLEX: suffix must be "i" or "j" (lowercase)');
      return formatComplex(cplx(re, im), suffix);
    });
  }

  imsub(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.binary('IMSUB', ast, state, (a, b) => cplx(a.re - b.re, a.im - b.im));
  }
  imdiv(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.binary('IMDIV', ast, state, (a, b) => (isZero(b) ? numErr('IMDIV', 'inumber2 is 0') : div(a, b)));
  }
  impower(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.binary('IMPOWER', ast, state, (a, b) =>
      isZero(a) && b.re <= 0
        ? numErr('IMPOWER', '0 to a power that is not positive')
        : isZero(a)
          ? cplx(0, 0)
          : pow(a, b.re),
    );
  }
  imsum(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.fold('IMSUM', ast, state, cplx(0, 0), (a, b) => cplx(a.re + b.re, a.im + b.im));
  }
  improduct(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.fold('IMPRODUCT', ast, state, ONE, mul);
  }
}

// One method per one-argument function (IMSIN -> imsin), each evaluating through `unary`.
for (const id of [...Object.keys(UNARY), ...Object.keys(REAL)]) {
  (ComplexPlugin.prototype as unknown as Record<string, unknown>)[methodName(id)] = function (
    this: ComplexPlugin,
    ast: ProcedureAst,
    state: InterpreterState,
  ) {
    return (this as unknown as { unary: ComplexPlugin['unary'] }).unary(id, ast, state);
  };
}
