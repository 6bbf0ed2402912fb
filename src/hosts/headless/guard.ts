/**
 * One formula must never abort a whole workbook. HyperFormula's function implementations can throw plain JavaScript
 * errors on inputs Excel answers with an error value: `REPT("x", 1e9)` throws "Invalid string length" (Excel:
 * #VALUE!, "If the result of the REPT function is longer than 32,767 characters, REPT returns the #VALUE! error
 * value"), and a function returning an array inside an argument the engine vectorises throws "Function returning
 * array cannot be vectorized". Such a throw escapes evaluation and, on load, ends the whole run.
 *
 * `guardEngine` wraps, on one engine instance only, the two places where a function's own code runs: the
 * interpreter's evaluation of a function call and the array-size prediction made while the dependency graph is
 * built. A throw there becomes a #VALUE! error of that call, with a message naming the function and the engine's
 * reason, so the failing cell shows an error (or keeps Excel's cached value, see recalc.ts) and every other cell is
 * computed. These are private fields of HyperFormula (3.x): when they are not found the guard does nothing.
 */
import { ArraySize, CellError, ErrorType, type HyperFormula } from 'hyperformula';

/** Message prefix of the errors the guard makes, so that recalc can tell them from a formula's own errors. */
export const ENGINE_FAILURE = 'the engine failed evaluating';

interface FunctionCallAst {
  type: string;
  procedureName?: string;
}

type Evaluate = (ast: FunctionCallAst, state: unknown) => unknown;
type Predict = (ast: FunctionCallAst, state: unknown) => unknown;

export function guardEngine(engine: HyperFormula): void {
  const interpreter = (engine as unknown as { evaluator?: { interpreter?: Record<string, unknown> } }).evaluator
    ?.interpreter;
  if (!interpreter || typeof interpreter.evaluateAstWithoutPostprocessing !== 'function') return;
  const evaluate = (interpreter.evaluateAstWithoutPostprocessing as Evaluate).bind(interpreter);
  interpreter.evaluateAstWithoutPostprocessing = (ast: FunctionCallAst, state: unknown) => {
    if (ast.type !== 'FUNCTION_CALL') return evaluate(ast, state);
    try {
      return evaluate(ast, state);
    } catch (e) {
      return new CellError(ErrorType.VALUE, `${ENGINE_FAILURE} ${ast.procedureName ?? 'a function'}: ${reason(e)}`);
    }
  };
  const predictor = interpreter.arraySizePredictor as Record<string, unknown> | undefined;
  if (predictor && typeof predictor.checkArraySizeForFunction === 'function') {
    const predict = (predictor.checkArraySizeForFunction as Predict).bind(predictor);
    predictor.checkArraySizeForFunction = (ast: FunctionCallAst, state: unknown) => {
      try {
        return predict(ast, state);
      } catch {
        return ArraySize.scalar(); // the evaluation then reports the failure as the cell's error
      }
    };
  }
}

function reason(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
