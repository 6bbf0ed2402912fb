/**
 * BIN2DEC, BIN2OCT, BIN2HEX, OCT2*, HEX2*, DEC2BIN, DEC2OCT, DEC2HEX as Excel computes them (Microsoft's doc of each):
 * at most 10 digits, the 10th (most significant) bit being the sign in two's complement (BIN2DEC("1111111111") is -1,
 * DEC2HEX(-512) is "FFFFFFFE00"); a negative result is always 10 characters and ignores places; places must be 1..10
 * (truncated) and at least the digits needed, else #NUM!; digits outside the base or more than 10 are #NUM!;
 * a logical value is #VALUE! (like Excel's other engineering functions); decimals are truncated (DEC2BIN(2.7) = "10").
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';

const BASES = { BIN: 2, OCT: 8, DEC: 10, HEX: 16 } as const;
type Base = keyof typeof BASES;
const DIGITS: Record<number, RegExp> = { 2: /^[01]{1,10}$/, 8: /^[0-7]{1,10}$/, 16: /^[0-9a-f]{1,10}$/i };

/** The signed value of 10-digit two's-complement text in `radix`. */
function fromBase(text: string, radix: number): number {
  const v = parseInt(text, radix);
  const full = radix ** 10;
  return text.length === 10 && v >= full / 2 ? v - full : v;
}

export class BaseConvertPlugin extends ExcelPlugin {
  static implementedFunctions = Object.fromEntries(
    (Object.keys(BASES) as Base[]).flatMap((from) =>
      (Object.keys(BASES) as Base[])
        .filter((to) => to !== from && !(from === 'DEC' && to === 'DEC'))
        .map((to) => [
          `${from}2${to}`,
          {
            method: `convert${from}2${to}`,
            parameters: [
              { argumentType: FunctionArgumentType.SCALAR },
              ...(to === 'DEC' ? [] : [{ argumentType: FunctionArgumentType.SCALAR, optionalArg: true }]),
            ],
          },
        ]),
    ),
  );

  /** The argument's value: a decimal number for DEC, else the signed value of its digits. */
  private input(fn: string, v: unknown, from: Base): number | CellError {
    if (v instanceof CellError) return v;
    if (typeof v === 'boolean') return new CellError(ErrorType.VALUE, `${fn}: number is a logical value`);
    if (from === 'DEC') {
      const n = this.num(v, fn, 'number');
      return n instanceof CellError ? n : Math.trunc(n);
    }
    const radix = BASES[from];
    if (v === EmptyValue) return 0;
    const text = typeof v === 'number' ? (Number.isInteger(v) && v >= 0 ? String(v) : '-') : String(v).trim();
    if (!DIGITS[radix].test(text))
      return new CellError(
        ErrorType.NUM,
        `${fn}: "${String(v)}" is not a number of at most 10 ${from.toLowerCase()} digits`,
      );
    return fromBase(text, radix);
  }

  private output(fn: string, n: number, to: Base, places: unknown): string | number | CellError {
    if (to === 'DEC') return n;
    const radix = BASES[to];
    const half = radix ** 10 / 2;
    if (n < -half || n >= half)
      return new CellError(ErrorType.NUM, `${fn}: ${n} is outside what 10 ${to.toLowerCase()} digits hold`);
    let p: number | undefined;
    if (places !== undefined) {
      // A reference to an empty cell is places 0: #NUM! (Excel: DEC2BIN(12, <empty>) is #NUM!).
      if (places === EmptyValue) return new CellError(ErrorType.NUM, `${fn}: places is empty (0)`);
      if (places instanceof CellError) return places;
      if (typeof places === 'boolean') return new CellError(ErrorType.VALUE, `${fn}: places is a logical value`);
      const q = this.num(places, fn, 'places');
      if (q instanceof CellError) return q;
      p = Math.trunc(q);
      if (p < 1 || p > 10) return new CellError(ErrorType.NUM, `${fn}: places must be 1 to 10`);
    }
    if (n < 0) return (radix ** 10 + n).toString(radix).toUpperCase();
    const text = n.toString(radix).toUpperCase();
    if (p === undefined) return text;
    if (text.length > p) return new CellError(ErrorType.NUM, `${fn}: ${text} needs more than ${p} places`);
    return text.padStart(p, '0');
  }

  private convert(from: Base, to: Base, ast: ProcedureAst, state: InterpreterState): unknown {
    const fn = `${from}2${to}`;
    return this.runFunction(ast.args, state, this.metadata(fn), (v: unknown, places: unknown) => {
      const n = this.input(fn, v, from);
      return n instanceof CellError ? n : this.output(fn, n, to, places);
    });
  }
}

for (const id of Object.keys(BaseConvertPlugin.implementedFunctions)) {
  const [from, to] = id.split('2') as [Base, Base];
  (BaseConvertPlugin.prototype as unknown as Record<string, unknown>)[`convert${id}`] = function (
    this: BaseConvertPlugin,
    ast: ProcedureAst,
    state: InterpreterState,
  ) {
    return (
      this as unknown as { convert: (f: Base, t: Base, a: ProcedureAst, s: InterpreterState) => unknown }
    ).convert(from, to, ast, state);
  };
}
