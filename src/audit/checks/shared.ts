/** What several checks share: grouping, runs of formulas, the majority pattern, and how a pattern reads elsewhere. */
import type { Area } from '../formula';
import { relativeForm, renderA1 } from '../formula';
import type { Grid, ParsedFormula } from '../grid';
import type { Pos } from '../cells';

export const pos = (f: ParsedFormula): Pos => ({ sheet: f.sheet, row: f.row, col: f.col });

export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** Consecutive runs (by row within a column, or by column within a row) of formula cells of one sheet. */
export function blocks(formulas: ParsedFormula[], byColumn: boolean): ParsedFormula[][] {
  const out: ParsedFormula[][] = [];
  const lines = groupBy(formulas, (f) => `${f.sheetKey}|${byColumn ? f.col : f.row}`);
  for (const line of lines.values()) {
    line.sort((a, b) => (byColumn ? a.row - b.row : a.col - b.col));
    let run: ParsedFormula[] = [];
    for (const f of line) {
      const prev = run[run.length - 1];
      if (prev && (byColumn ? f.row === prev.row + 1 : f.col === prev.col + 1)) run.push(f);
      else {
        if (run.length) out.push(run);
        run = [f];
      }
    }
    if (run.length) out.push(run);
  }
  return out;
}

/** The most common relative form of a block when it is a strict majority. */
export function majority(block: ParsedFormula[]): { rel: string; members: ParsedFormula[] } | null {
  const counts = groupBy(block, (f) => f.rel);
  let best: ParsedFormula[] = [];
  for (const list of counts.values()) if (list.length > best.length) best = list;
  if (best.length < 2 || best.length * 2 <= block.length) return null;
  return { rel: best[0].rel, members: best };
}

/** A figure: a number, or a formula cell (whatever it shows). Labels and blanks are not. */
export function isFigure(grid: Grid, sheet: string, row: number, col: number): boolean {
  return grid.formulaAt(sheet, row, col) !== undefined || typeof grid.value(sheet, row, col) === 'number';
}

/** A formula's relative (R1C1) pattern as users read it (sheet names as written). */
export function shown(f: ParsedFormula): string {
  return relativeForm(f.tokens, f.row, f.col, true);
}

/** A formula rendered as it would read in another cell if copied there. */
export function patternAt(rep: ParsedFormula, row: number, col: number): string {
  return renderA1(rep.tokens, row - rep.row, col - rep.col);
}

export function inArea(p: { row: number; col: number }, a: Area): boolean {
  return p.row >= a.top && p.row <= a.bottom && p.col >= a.left && p.col <= a.right;
}
