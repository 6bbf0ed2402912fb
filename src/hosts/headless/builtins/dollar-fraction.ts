/**
 * DOLLARDE and DOLLARFR: a price written as a fraction (1.02 for 1 2/16) to a decimal and back. As HyperFormula's,
 * with Excel's argument rules: TRUE/FALSE are #VALUE! (HyperFormula read them as 1/0), a fraction below 0 is #NUM!,
 * from 0 to below 1 #DIV/0!; a fraction that is not an integer is truncated.
 *
 * https://support.microsoft.com/office/dollarde-function-db85aab0-1677-428a-9dfd-a38476693427
 * https://support.microsoft.com/office/dollarfr-function-0835d163-3023-4a33-9824-3042c5d4f495
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { toNumber } from './text-values';

type Direction = 'DOLLARDE' | 'DOLLARFR';

function convert(fn: Direction, dollarArg: unknown, fractionArg: unknown): number | CellError {
  for (const [v, name] of [
    [dollarArg, fn === 'DOLLARDE' ? 'fractional_dollar' : 'decimal_dollar'],
    [fractionArg, 'fraction'],
  ] as const) {
    if (typeof v === 'boolean')
      return new CellError(ErrorType.VALUE, `${fn}: ${name} is ${v ? 'TRUE' : 'FALSE'}, not a number`);
  }
  const dollar = toNumber(dollarArg, `${fn} dollar`);
  if (dollar instanceof CellError) return dollar;
  const f = toNumber(fractionArg, `${fn} fraction`);
  if (f instanceof CellError) return f;
  const fraction = Math.trunc(f);
  if (fraction < 0) return new CellError(ErrorType.NUM, `${fn}: fraction ${f} is negative`);
  if (fraction < 1) return new CellError(ErrorType.DIV_BY_ZERO, `${fn}: fraction ${f} is below 1`);
  const whole = Math.trunc(dollar);
  // The fraction's digits: 16ths are written in two decimal places (1.02 is 1 2/16), tenths in one.
  const scale = 10 ** Math.ceil(Math.log10(fraction));
  const part = dollar - whole;
  return fn === 'DOLLARDE' ? whole + (part * scale) / fraction : whole + (part * fraction) / scale;
}

export class DollarFractionPlugin extends FunctionPlugin {
  static implementedFunctions = {
    DOLLARDE: {
      method: 'dollarde',
      parameters: [{ argumentType: FunctionArgumentType.SCALAR }, { argumentType: FunctionArgumentType.SCALAR }],
    },
    DOLLARFR: {
      method: 'dollarfr',
      parameters: [{ argumentType: FunctionArgumentType.SCALAR }, { argumentType: FunctionArgumentType.SCALAR }],
    },
  };

  dollarde(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('DOLLARDE'), (d: unknown, f: unknown) =>
      convert('DOLLARDE', d, f),
    );
  }

  dollarfr(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('DOLLARFR'), (d: unknown, f: unknown) =>
      convert('DOLLARFR', d, f),
    );
  }
}
