/**
 * Array formulas as Excel writes them back (issue 15, item 13). Two kinds, told apart by the `cm` attribute that
 * points at the XLDAPR (dynamic array) cell metadata:
 * - A dynamic array (Excel 365) spills as far as its result goes: its range (`<f t="array" ref=..>`) grows or
 *   shrinks with the result, and when the cells it needs are not empty the formula shows #SPILL! in its own cell
 *   alone ("Dynamic array formulas and spilled array behavior", "How to correct a #SPILL! error").
 * - A legacy array (Ctrl+Shift+Enter) keeps the range the user selected: a result larger than the range is cut to it,
 *   a smaller one is repeated along a single row or column and the rest shows #N/A ("Guidelines and examples of
 *   array formulas"). It never shows #SPILL!.
 * load.ts hands the engine `engineArrayFormula`; recalc.ts asks `arrayResult` for what goes in each cell.
 * HyperFormula is GPL-3.0: only the CLI, the playground and tests import this file.
 */
import { DetailedCellError, type HyperFormula } from 'hyperformula';
import { MAX_COLUMNS, MAX_ROWS, areaAddress, parseArea, type Area } from '../../workbook/a1';
import type { ResultValue, XlsxCell } from '../../xlsx/types';

type Cell = ResultValue | null;

/**
 * The engine text of an array formula's anchor. ARRAYFORMULA turns on array arithmetic for its argument (A1:A3*2);
 * ARRAY_CONSTRAIN cuts the result to at most `rows` x `cols`, which keeps a legacy array within its range (the
 * engine would otherwise spill past it, or show #SPILL! where a cell beyond it holds a value), and lets a bare
 * reference (`=A2:A5`) through, which ARRAYFORMULA alone refuses ("Cell range not allowed").
 */
export function engineArrayFormula(formula: string, cell: Pick<XlsxCell, 'row' | 'col' | 'array'>): string {
  const range = cell.array && !cell.array.dynamic ? parseArea(cell.array.ref) : null;
  const rows = range ? range.bottom - cell.row + 1 : MAX_ROWS - cell.row;
  const cols = range ? range.right - cell.col + 1 : MAX_COLUMNS - cell.col;
  return `=ARRAYFORMULA(ARRAY_CONSTRAIN(${formula},${Math.max(rows, 1)},${Math.max(cols, 1)}))`;
}

/** What an array formula puts in its range: the range (new for a dynamic array) and each cell's value, row by row. */
export interface ArrayResult {
  ref: string;
  values: Cell[][];
}

const NA: ResultValue = { error: '#N/A', message: 'outside the array formula result' };

/**
 * The values an array formula puts in each cell of its range, as Excel does. `result` turns an engine value into a
 * cached value; `excelError` an engine error into Excel's. An empty cell inside the result (a reference to an empty
 * cell) shows 0, as a formula does. When the formula fails (an error in its cell and nothing spilled) a legacy array
 * shows the error in every cell and a dynamic array in its own cell only.
 */
export function arrayResult(
  engine: HyperFormula,
  sheet: number,
  anchor: XlsxCell,
  result: (v: unknown) => ResultValue,
): ArrayResult {
  const at = (i: number, j: number) => engine.getCellValue({ sheet, row: anchor.row + i, col: anchor.col + j });
  const first = at(0, 0);
  const size = resultSize(engine, sheet, anchor);
  // A formula that failed as a whole: the engine fills the block it reserved with that one error (DROP leaving
  // nothing is #CALC! in the anchor alone in Excel, not a column of #CALC!), or leaves the rest of the block empty.
  let failed = first instanceof DetailedCellError;
  if (failed && !erroredBlock(engine, sheet, anchor))
    for (let i = 0; failed && i < size.height; i++)
      for (let j = 0; j < size.width; j++) if ((i || j) && at(i, j) !== null) failed = false;
  const dynamic = anchor.array!.dynamic;
  const value = (i: number, j: number): ResultValue => {
    const raw = at(i, j);
    return raw === null ? 0 : result(raw);
  };
  if (dynamic) {
    const [height, width] = failed ? [1, 1] : [size.height, size.width];
    const values: Cell[][] = [];
    for (let i = 0; i < height; i++) values.push(Array.from({ length: width }, (_, j) => value(i, j)));
    const area: Area = {
      top: anchor.row,
      left: anchor.col,
      bottom: anchor.row + height - 1,
      right: anchor.col + width - 1,
    };
    return { ref: areaAddress(area), values };
  }
  const range = parseArea(anchor.array!.ref) ?? {
    top: anchor.row,
    left: anchor.col,
    bottom: anchor.row,
    right: anchor.col,
  };
  const { height, width } = size;
  const values: Cell[][] = [];
  for (let i = 0; i <= range.bottom - anchor.row; i++) {
    const row: Cell[] = [];
    for (let j = 0; j <= range.right - anchor.col; j++) {
      if (i === 0 && j === 0) row.push(result(first));
      else if (failed) row.push(result(first));
      else if (i < height && j < width) row.push(value(i, j));
      // A single value fills the range; a single row repeats down it and a single column across it.
      else if (height === 1 && width === 1) row.push(value(0, 0));
      else if (height === 1 && j < width) row.push(value(0, j));
      else if (width === 1 && i < height) row.push(value(i, 0));
      else row.push(NA);
    }
    values.push(row);
  }
  return { ref: anchor.array!.ref, values };
}

/** The engine's vertex for an array formula's anchor (HyperFormula 3.x keeps it on the internal `dependencyGraph`). */
function anchorVertex(engine: HyperFormula, sheet: number, anchor: XlsxCell): Record<string, unknown> | undefined {
  const address = { sheet, row: anchor.row, col: anchor.col };
  const graph = (engine as unknown as { dependencyGraph?: { getCell?: (a: typeof address) => unknown } })
    .dependencyGraph;
  return graph?.getCell?.(address) as Record<string, unknown> | undefined;
}

/** True when the engine holds the array formula's whole result as one error (HyperFormula's ErroredArray). */
function erroredBlock(engine: HyperFormula, sheet: number, anchor: XlsxCell): boolean {
  const array = anchorVertex(engine, sheet, anchor)?.array;
  return typeof array === 'object' && array !== null && 'error' in array;
}

/**
 * The block the engine reserved for an array formula: the size of its array vertex (HyperFormula 3.x keeps it on
 * `dependencyGraph`, 1 x 1 for an error such as #SPILL!). Without that internal, the cells the engine marks part of
 * an array from the anchor on, within the range in the file (an adjacent array would count too beyond it).
 */
function reservedSize(engine: HyperFormula, sheet: number, anchor: XlsxCell): { height: number; width: number } {
  const vertex = anchorVertex(engine, sheet, anchor);
  if (vertex && Number.isInteger(vertex.width) && Number.isInteger(vertex.height))
    return { height: Math.max(1, vertex.height as number), width: Math.max(1, vertex.width as number) };
  const range = parseArea(anchor.array!.ref) ?? { bottom: anchor.row, right: anchor.col };
  const partOf = (row: number, col: number) => engine.isCellPartOfArray({ sheet, row, col });
  let height = 1;
  while (anchor.row + height <= range.bottom && partOf(anchor.row + height, anchor.col)) height++;
  let width = 1;
  while (anchor.col + width <= range.right && partOf(anchor.row, anchor.col + width)) width++;
  return { height, width };
}

/**
 * Height and width of an array formula's result. The engine reserves the block it predicted before evaluating
 * (FILTER: as large as its input) and leaves what the result did not fill empty, so when the block holds an empty
 * cell the formula is evaluated once more on its own (`calculateFormula` returns the result at its true size).
 */
function resultSize(engine: HyperFormula, sheet: number, anchor: XlsxCell): { height: number; width: number } {
  const { height, width } = reservedSize(engine, sheet, anchor);
  if (height === 1 && width === 1) return { height, width };
  let empty = false;
  for (let i = 0; !empty && i < height; i++)
    for (let j = 0; !empty && j < width; j++)
      empty = engine.getCellValue({ sheet, row: anchor.row + i, col: anchor.col + j }) === null;
  if (!empty) return { height, width };
  const text = engine.getCellFormula({ sheet, row: anchor.row, col: anchor.col });
  if (text === undefined) return { height, width };
  try {
    const whole = engine.calculateFormula(text, sheet);
    if (!Array.isArray(whole)) return { height: 1, width: 1 };
    return { height: Math.min(height, whole.length), width: Math.min(width, whole[0]?.length ?? 1) };
  } catch {
    return { height, width };
  }
}

const BOUND = /,\s*(\d+)\s*,\s*(\d+)\s*\)\s*\)\s*$/;

/**
 * The engine reserves a dynamic array's block from a prediction made before evaluating (FILTER and UNIQUE: as large
 * as their input) and shows #SPILL! when anything lies in that block, even past the result that Excel spills:
 * FILTER(A1:A5, A1:A5>3) returning 2 rows is blocked by a value in B5, where Excel spills B1:B2. For each dynamic
 * array shown #SPILL!, the result is evaluated on its own and the anchor set again with the result's size as the
 * bound of its ARRAY_CONSTRAIN (engineArrayFormula), so the engine reserves only what the result fills and shows
 * #SPILL! only where Excel does. Returns the anchors set again, with their new engine formula.
 */
export function settleSpills(engine: HyperFormula, sheets: { id: number; cells: XlsxCell[] }[]): Map<XlsxCell, string> {
  const settled = new Map<XlsxCell, string>();
  for (const { id: sheet, cells } of sheets)
    for (const cell of cells) {
      if (!cell.array?.dynamic || cell.formula === undefined) continue;
      const address = { sheet, row: cell.row, col: cell.col };
      const shown = engine.getCellValue(address);
      if (!(shown instanceof DetailedCellError && shown.type === 'SPILL')) continue;
      const text = engine.getCellFormula(address);
      const bound = text === undefined ? null : BOUND.exec(text);
      if (!text || !bound) continue;
      let whole: unknown;
      try {
        whole = engine.calculateFormula(text, sheet);
      } catch {
        continue;
      }
      const [height, width] = Array.isArray(whole) ? [whole.length, (whole[0] as unknown[])?.length ?? 1] : [1, 1];
      if (height >= Number(bound[1]) && width >= Number(bound[2])) continue;
      const next = text.slice(0, bound.index) + `,${height},${width}))`;
      engine.setCellContents(address, [[next]]);
      const now = engine.getCellValue(address);
      if (now instanceof DetailedCellError && now.type === 'SPILL') engine.setCellContents(address, [[text]]);
      else settled.set(cell, next);
    }
  return settled;
}
