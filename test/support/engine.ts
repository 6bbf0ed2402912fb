/** Formula runners over the headless engine, shared by the function tests. Each builds an engine and destroys it. */
import { DetailedCellError } from 'hyperformula';
import { createEngine } from '../../src/hosts/headless/engine';

/** Evaluates `formula` in sheet Out over a Data sheet; returns the spilled values or the single value (or its error). */
export function run(data: unknown[][], formula: string): unknown {
  const hf = createEngine({ Data: data, Out: [[formula]] } as never);
  try {
    const out = hf.getSheetId('Out')!;
    const anchor = hf.getCellValue({ sheet: out, row: 0, col: 0 });
    if (anchor instanceof DetailedCellError) return anchor;
    const size = hf.getSheetDimensions(out);
    return size.height > 1 || size.width > 1 ? hf.getSheetValues(out) : anchor;
  } finally {
    hf.destroy();
  }
}

/** Evaluates `formula` in sheet Out over the given sheets; returns all of Out's values (2-D, even for one value). */
export function evaluateOver(sheets: Record<string, unknown[][]>, formula: string): unknown[][] {
  return sheetValues({ ...sheets, Out: [[formula]] }, 'Out');
}

/**
 * The values of sheet `name` in a workbook of sheets with formulas in them. A bare 2-D array of cell contents is a
 * workbook with the one sheet Sheet1.
 */
export function sheetValues(sheets: Record<string, unknown[][]> | unknown[][], name = 'Sheet1'): unknown[][] {
  const hf = createEngine((Array.isArray(sheets) ? { Sheet1: sheets } : sheets) as never);
  try {
    return hf.getSheetValues(hf.getSheetId(name)!) as unknown[][];
  } finally {
    hf.destroy();
  }
}

/** The top-left value of a spilled result, or the value itself. */
export function first(v: unknown): unknown {
  return Array.isArray(v) ? (v as unknown[][])[0][0] : v;
}

/** Expects an error cell with this code and a message containing `message` (a string) or matching it (a RegExp). */
export function expectErrorCell(v: unknown, code: string, message: string | RegExp): void {
  expect(v).toBeInstanceOf(DetailedCellError);
  const e = v as DetailedCellError;
  expect(e.value).toBe(code);
  if (typeof message === 'string') expect(e.message).toContain(message);
  else expect(e.message).toMatch(message);
}
