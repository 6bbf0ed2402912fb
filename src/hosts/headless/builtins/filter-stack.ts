/**
 * FILTER, VSTACK and HSTACK as Excel 365 computes them (Microsoft's doc of each). FILTER keeps the rows (or columns)
 * of array whose include value is TRUE or a non-zero number; include must be one column as tall as the array or one
 * row as wide; an error in include is the result, and text there is #VALUE!; nothing kept is if_empty or Excel's
 * #CALC! (here #VALUE! with a message starting "#CALC!", which is also what the ironcalc workbook's Excel cached).
 * The stacks pad short inputs with #N/A. Empty cells spill as 0 in all three, as Excel shows them (HyperFormula left
 * them empty and returned #N/A for an empty FILTER).
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';
import { calcError, gridOf, result } from './array-shape';

type SizeOf = { arraySizeForAst(a: unknown, s: unknown): ArraySize };

export class FilterStackPlugin extends ExcelPlugin {
  static implementedFunctions = {
    FILTER: {
      method: 'filter',
      sizeOfResultArrayMethod: 'filterSize',
      vectorizationForbidden: true,
      parameters: [
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
    VSTACK: {
      method: 'vstack',
      sizeOfResultArrayMethod: 'vstackSize',
      vectorizationForbidden: true,
      parameters: [{ argumentType: FunctionArgumentType.RANGE }],
      repeatLastArgs: 1,
    },
    HSTACK: {
      method: 'hstack',
      sizeOfResultArrayMethod: 'hstackSize',
      vectorizationForbidden: true,
      parameters: [{ argumentType: FunctionArgumentType.RANGE }],
      repeatLastArgs: 1,
    },
  };

  private sizes(ast: ProcedureAst, state: InterpreterState): ArraySize[] {
    return (ast.args as unknown[]).map((a) => (this as unknown as SizeOf).arraySizeForAst(a, state));
  }

  filterSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const s = this.sizes(ast, state)[0];
    return new ArraySize(Math.max(1, s.width), Math.max(1, s.height));
  }
  vstackSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const s = this.sizes(ast, state);
    return new ArraySize(
      Math.max(1, ...s.map((x) => x.width)),
      Math.max(
        1,
        s.reduce((t, x) => t + x.height, 0),
      ),
    );
  }
  hstackSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const s = this.sizes(ast, state);
    return new ArraySize(
      Math.max(
        1,
        s.reduce((t, x) => t + x.width, 0),
      ),
      Math.max(1, ...s.map((x) => x.height)),
    );
  }

  filter(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('FILTER'),
      (array: unknown, include: unknown, ifEmpty: unknown) => {
        const g = gridOf(array);
        const inc = gridOf(include);
        const byRow = inc[0].length === 1 && inc.length === g.length;
        const byCol = inc.length === 1 && inc[0].length === g[0].length;
        if (!byRow && !byCol)
          return new CellError(
            ErrorType.VALUE,
            'FILTER: include must be one column as tall as array or one row as wide',
          );
        const flags: boolean[] = [];
        for (const v of inc.flat()) {
          if (v instanceof CellError) return v;
          if (typeof v === 'string')
            return new CellError(ErrorType.VALUE, `FILTER: include holds the text "${v}", not TRUE/FALSE`);
          flags.push(
            v !== EmptyValue &&
              Boolean(typeof v === 'object' && v !== null && 'val' in v ? (v as { val: number }).val : v),
          );
        }
        const kept =
          byRow && (!byCol || g.length > 1) ? g.filter((_, i) => flags[i]) : g.map((r) => r.filter((_, j) => flags[j]));
        if (kept.length === 0 || kept[0].length === 0) {
          if (ifEmpty !== undefined)
            return ifEmpty === EmptyValue ? 0 : (ifEmpty as number | string | boolean | CellError);
          return calcError('FILTER', 'no row matches include');
        }
        return result(kept);
      },
    );
  }

  private stack(fn: string, ast: ProcedureAst, state: InterpreterState, vertical: boolean): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (...arrays: unknown[]) => {
      const grids = arrays.map(gridOf);
      const pad = (): CellError => new CellError(ErrorType.NA, `${fn}: padding of a smaller array`);
      if (vertical) {
        const w = Math.max(...grids.map((g) => g[0].length));
        return result(grids.flatMap((g) => g.map((r) => [...r, ...Array.from({ length: w - r.length }, pad)])));
      }
      const h = Math.max(...grids.map((g) => g.length));
      return result(
        Array.from({ length: h }, (_, i) =>
          grids.flatMap((g) => (i < g.length ? g[i] : Array.from({ length: g[0].length }, pad))),
        ),
      );
    });
  }
  vstack(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.stack('VSTACK', ast, state, true);
  }
  hstack(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.stack('HSTACK', ast, state, false);
  }
}
