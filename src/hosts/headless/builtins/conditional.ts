/**
 * SUMIF, SUMIFS, COUNTIF, COUNTIFS, AVERAGEIF, AVERAGEIFS, MINIFS, MAXIFS over one criteria module (./criteria.ts),
 * as Microsoft documents them:
 * - COUNTIF(range, criteria), COUNTIFS(range1, criteria1, ...): every cell of the range counts, a whole column too
 *   (its empty cells match "<>x" or a blank criteria: Excel answers 1,048,575 for COUNTIF(G:G,"<>x") with one x);
 * - SUMIF(range, criteria, [sum_range]): sum_range is read from its top-left cell at range's size (Microsoft: "the
 *   sum_range argument does not have to be the same size and shape as the range argument");
 * - the *IFS functions need every range of the same size (#VALUE! otherwise);
 * - numbers are summed, averaged, compared; text, TRUE/FALSE and empty cells of the value range are skipped; an error
 *   in a value cell that matches is the result;
 * - AVERAGEIF(S) with no number matched is #DIV/0!; MINIFS/MAXIFS with none is 0.
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { criteriaMatcher, numberOf, type Matcher } from './criteria';

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/** A range argument: its values and its declared size (a whole column is 1,048,576 rows even where the sheet ends). */
interface Area {
  data: unknown[][];
  height: number;
  width: number;
}

function area(v: unknown): Area {
  if (v instanceof SimpleRangeValue) {
    const data = v.data as unknown[][];
    const r = (v as unknown as { range?: { start: { row: number; col: number }; end: { row: number; col: number } } })
      .range;
    let height = v.height();
    let width = v.width();
    if (r && !Number.isFinite(r.end.row)) height = MAX_ROWS - r.start.row;
    if (r && !Number.isFinite(r.end.col)) width = MAX_COLS - r.start.col;
    return { data, height, width };
  }
  return { data: [[v]], height: 1, width: 1 };
}

const cellAt = (a: Area, r: number, c: number): unknown => a.data[r]?.[c] ?? EmptyValue;

type Pair = { area: Area; match: Matcher };

/** The positions (row, col) of the cells within the sheet's data where all pairs match (cells beyond are empty). */
function* matching(pairs: Pair[], height: number, width: number): Generator<[number, number]> {
  const dataH = Math.min(height, Math.max(...pairs.map((p) => p.area.data.length)));
  for (let r = 0; r < dataH; r++) {
    for (let c = 0; c < width; c++) if (pairs.every((p) => p.match(cellAt(p.area, r, c)))) yield [r, c];
  }
}

/** How many cells match; the empty rows beyond the sheet's data are counted at once, not visited one by one. */
function countMatching(pairs: Pair[], height: number, width: number): number {
  const dataH = Math.min(height, Math.max(...pairs.map((p) => p.area.data.length)));
  let n = 0;
  for (let r = 0; r < dataH; r++)
    for (let c = 0; c < width; c++) if (pairs.every((p) => p.match(cellAt(p.area, r, c)))) n++;
  if (height > dataH && pairs.every((p) => p.match(EmptyValue))) n += (height - dataH) * width;
  return n;
}

type Reducer = 'sum' | 'average' | 'min' | 'max';

/** Sums, averages or takes the min/max of the numbers of `values` where every pair matches. */
function aggregate(
  name: string,
  kind: Reducer,
  values: Area,
  pairs: Pair[],
  height: number,
  width: number,
): number | CellError {
  let sum = 0;
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  // cells beyond the value range's data are empty: they add no number
  for (const [r, c] of matching(pairs, Math.min(height, values.data.length), width)) {
    const v = cellAt(values, r, c);
    if (v instanceof CellError) return v;
    const x = numberOf(v);
    if (x === undefined) continue;
    sum += x;
    count++;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (kind === 'sum') return sum;
  if (kind === 'average')
    return count ? sum / count : new CellError(ErrorType.DIV_BY_ZERO, `${name}: no cell matches the criteria`);
  if (!count) return 0;
  return kind === 'min' ? min : max;
}

const RANGE = { argumentType: FunctionArgumentType.RANGE };
const CRITERIA = { argumentType: FunctionArgumentType.SCALAR, passSubtype: true };

export class ConditionalPlugin extends FunctionPlugin {
  static implementedFunctions = {
    COUNTIF: { method: 'countif', parameters: [RANGE, CRITERIA] },
    COUNTIFS: { method: 'countifs', parameters: [RANGE, CRITERIA], repeatLastArgs: 2 },
    SUMIF: { method: 'sumif', parameters: [RANGE, CRITERIA, { ...RANGE, optionalArg: true }] },
    AVERAGEIF: { method: 'averageif', parameters: [RANGE, CRITERIA, { ...RANGE, optionalArg: true }] },
    SUMIFS: { method: 'sumifs', parameters: [RANGE, RANGE, CRITERIA], repeatLastArgs: 2 },
    AVERAGEIFS: { method: 'averageifs', parameters: [RANGE, RANGE, CRITERIA], repeatLastArgs: 2 },
    MINIFS: { method: 'minifs', parameters: [RANGE, RANGE, CRITERIA], repeatLastArgs: 2 },
    MAXIFS: { method: 'maxifs', parameters: [RANGE, RANGE, CRITERIA], repeatLastArgs: 2 },
  };

  countif(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('COUNTIF'), (range: unknown, criteria: unknown) => {
      const a = area(range);
      return countMatching([{ area: a, match: criteriaMatcher(criteria) }], a.height, a.width);
    });
  }

  countifs(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('COUNTIFS'), (...args: unknown[]) => {
      const pairs = this.pairs('COUNTIFS', args, 0);
      if (pairs instanceof CellError) return pairs;
      return countMatching(pairs, pairs[0].area.height, pairs[0].area.width);
    });
  }

  sumif(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('SUMIF'),
      (range: unknown, criteria: unknown, values?: unknown) => this.single('SUMIF', 'sum', range, criteria, values),
    );
  }

  averageif(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('AVERAGEIF'),
      (range: unknown, criteria: unknown, values?: unknown) =>
        this.single('AVERAGEIF', 'average', range, criteria, values),
    );
  }

  sumifs(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('SUMIFS'), (...args: unknown[]) =>
      this.multi('SUMIFS', 'sum', args),
    );
  }

  averageifs(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('AVERAGEIFS'), (...args: unknown[]) =>
      this.multi('AVERAGEIFS', 'average', args),
    );
  }

  minifs(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('MINIFS'), (...args: unknown[]) =>
      this.multi('MINIFS', 'min', args),
    );
  }

  maxifs(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('MAXIFS'), (...args: unknown[]) =>
      this.multi('MAXIFS', 'max', args),
    );
  }

  /** SUMIF/AVERAGEIF: the value range starts at sum_range's top-left cell and takes range's size. */
  private single(name: string, kind: Reducer, range: unknown, criteria: unknown, values: unknown): number | CellError {
    const a = area(range);
    const v = values === undefined ? a : area(values);
    return aggregate(name, kind, v, [{ area: a, match: criteriaMatcher(criteria) }], a.height, a.width);
  }

  private multi(name: string, kind: Reducer, args: unknown[]): number | CellError {
    const values = area(args[0]);
    const pairs = this.pairs(name, args, 1);
    if (pairs instanceof CellError) return pairs;
    if (values.height !== pairs[0].area.height || values.width !== pairs[0].area.width) {
      return new CellError(
        ErrorType.VALUE,
        `${name}: the value range is ${values.height}x${values.width}, criteria_range1 is ${pairs[0].area.height}x${pairs[0].area.width}; they must be the same size`,
      );
    }
    return aggregate(name, kind, values, pairs, values.height, values.width);
  }

  /** The (range, criteria) pairs from `from` on; every range of the size of the first, or #VALUE!. */
  private pairs(name: string, args: unknown[], from: number): Pair[] | CellError {
    const pairs: Pair[] = [];
    for (let i = from; i + 1 < args.length + 1; i += 2) {
      if (i + 1 >= args.length)
        return new CellError(ErrorType.NA, `${name}: criteria_range${pairs.length + 1} has no criteria`);
      const a = area(args[i]);
      if (pairs.length && (a.height !== pairs[0].area.height || a.width !== pairs[0].area.width)) {
        return new CellError(
          ErrorType.VALUE,
          `${name}: criteria_range${pairs.length + 1} is ${a.height}x${a.width}, criteria_range1 is ${pairs[0].area.height}x${pairs[0].area.width}; they must be the same size`,
        );
      }
      pairs.push({ area: a, match: criteriaMatcher(args[i + 1]) });
    }
    return pairs;
  }
}
