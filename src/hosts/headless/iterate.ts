/**
 * Iterative calculation, as Excel does it when a workbook turns it on (File > Options > Formulas > Enable iterative
 * calculation; `<calcPr iterate="1" iterateCount="100" iterateDelta="0.001">`): "Maximum Iterations" recalculations
 * at most, stopping as soon as no value changes by more than "Maximum Change" between two recalculations.
 *
 * HyperFormula has no iteration: every cell of a circular reference (and every cell that reads one) is a CYCLE
 * error. Those cells are taken out of the engine's graph: each holds a plain value, and each round evaluates their formulas
 * one after the other in sheet order (engine.calculateFormula, which reads the sheet but adds nothing to it), each
 * seeing the values already updated in the round (as Excel's calculation chain does), and stores each new value.
 * The values start from Excel's cached results (0 where the file has none, as Excel starts a new circular reference
 * from 0): a workbook Excel saved converged is then reproduced to the digit, where starting from 0 would stop within
 * iterateDelta of it.
 */
import { DetailedCellError, type HyperFormula, type RawCellContent } from 'hyperformula';
import { CellErrorValue } from '../../functions/clean';
import type { XlsxValue } from '../../xlsx/types';

export interface CycleCell {
  sheet: number;
  row: number;
  col: number;
  /** The formula as the engine reads it, with `=`. */
  formula: string;
  /** Excel's cached value, the starting point. */
  cached: XlsxValue;
}

export interface IterationOutcome {
  iterations: number;
  converged: boolean;
  /** The largest change in the last round. */
  change: number;
}

type Value = number | string | boolean | CellErrorValue;

function startValue(v: XlsxValue): Value {
  return v === null ? 0 : v;
}

function content(v: Value): RawCellContent {
  if (v instanceof CellErrorValue) return v.code;
  return typeof v === 'string' ? "'" + v : v;
}

function evaluate(engine: HyperFormula, c: CycleCell): Value {
  let raw: unknown;
  try {
    raw = engine.calculateFormula(c.formula, c.sheet);
  } catch (e) {
    return new CellErrorValue('#VALUE!', e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  if (Array.isArray(raw)) raw = raw[0]?.[0];
  if (raw instanceof DetailedCellError)
    return new CellErrorValue(raw.value.startsWith('#') ? raw.value : '#VALUE!', raw.message ?? '');
  if (raw === null || raw === undefined) return 0;
  if (typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  return String(raw);
}

function change(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b);
  if (a instanceof CellErrorValue && b instanceof CellErrorValue) return a.code === b.code ? 0 : Infinity;
  return a === b ? 0 : Infinity;
}

/** Resolves the cycle cells by iteration; leaves each holding its final value in the engine. */
export function iterateCycles(
  engine: HyperFormula,
  cells: readonly CycleCell[],
  limits: { count: number; delta: number },
): IterationOutcome {
  let values: Value[] = cells.map((c) => startValue(c.cached));
  const store = (vs: Value[]) =>
    engine.batch(() => {
      cells.forEach((c, i) => engine.setCellContents({ sheet: c.sheet, row: c.row, col: c.col }, [[content(vs[i])]]));
    });
  store(values);
  let iterations = 0;
  let largest = Infinity;
  while (iterations < limits.count) {
    iterations++;
    largest = 0;
    // In order, each cell seeing the values already updated in this round, as Excel walks its calculation chain.
    values = values.map((before, i) => {
      const c = cells[i];
      const v = evaluate(engine, c);
      largest = Math.max(largest, change(v, before));
      engine.setCellContents({ sheet: c.sheet, row: c.row, col: c.col }, [[content(v)]]);
      return v;
    });
    // Excel stops when the largest change is below Maximum Change ("iterateDelta").
    if (largest < limits.delta || largest === 0) return { iterations, converged: true, change: largest };
  }
  return { iterations, converged: largest < limits.delta, change: largest };
}
