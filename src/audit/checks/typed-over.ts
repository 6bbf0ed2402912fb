/** Numbers typed where a column of formulas (one relative pattern) runs: an override that will not update. */
import { cellAddress } from '../../workbook/a1';
import type { Grid, ParsedFormula } from '../grid';
import { cellName, describeCells, fmt, mergeCells } from '../cells';
import type { Finding } from '../types';
import { groupBy, isFigure, majority, patternAt, pos, shown } from './shared';
import type { Check } from './check';

/** Numbers typed where a column of formulas (one relative pattern) runs. */
export function typedOverFormulas(grid: Grid): Finding[] {
  const findings: Finding[] = [];
  const columns = groupBy(grid.formulas, (f) => `${f.sheetKey}|${f.col}`);
  for (const list of columns.values()) {
    if (list.length < 3) continue;
    list.sort((a, b) => a.row - b.row);
    const sheet = list[0].sheet;
    const col = list[0].col;
    const major = majority(list);
    if (!major) continue;
    const rep = major.members[0];
    const typed: { row: number; value: number }[] = [];
    const isNumber = (row: number) =>
      typeof grid.value(sheet, row, col) === 'number' && !grid.formulaAt(sheet, row, col);
    // inside the column: a number whose nearest formulas above and below share the majority pattern
    for (let i = 0; i + 1 < list.length; i++) {
      const above = list[i];
      const below = list[i + 1];
      if (below.row - above.row < 2 || above.rel !== major.rel || below.rel !== major.rel) continue;
      let allNumbers = true;
      for (let r = above.row + 1; r < below.row && allNumbers; r++) allNumbers = isNumber(r);
      if (!allNumbers) continue;
      for (let r = above.row + 1; r < below.row; r++)
        typed.push({ row: r, value: grid.value(sheet, r, col) as number });
    }
    // just past either end: a number in a row whose inputs (what the pattern would read) are filled like the rest
    const ends = [
      { row: list[0].row - 1, next: list[0] },
      { row: list[list.length - 1].row + 1, next: list[list.length - 1] },
    ];
    for (const { row, next } of ends) {
      if (row < 0 || next.rel !== major.rel || !isNumber(row)) continue;
      if (inputsFilled(grid, rep, row, col)) typed.push({ row, value: grid.value(sheet, row, col) as number });
    }
    if (typed.length === 0) continue;
    const cells = mergeCells(typed.map((t) => ({ sheet, row: t.row, col })));
    const first = typed[0];
    const expected = patternAt(rep, first.row, col);
    findings.push({
      kind: 'typed-over-formula',
      severity: 'high',
      title: `${describeCells(cells, 3)}: number typed in a column of formulas`,
      detail: `${cellName({ sheet, row: first.row, col })} holds the number ${fmt(first.value)} where ${major.members.length} cells of column ${cellAddress(0, col).replace(/\d+$/, '')} (${describeCells(mergeCells(major.members.map(pos)), 3)}) compute ${shown(rep)}; it will not update when its inputs change.`,
      cells,
      action: `Put the formula back (${expected} in ${cellAddress(first.row, col)}); if an override is intended, keep it in a separate, labelled adjustment column.`,
    });
  }
  return findings;
}

/**
 * True when the pattern, moved to `row`, reads the same kind of cells the pattern reads where it runs: every
 * same-sheet single cell it reads (with a relative row) holds something, a figure where the pattern reads a figure
 * (not the header above the column), and it reads one at all.
 */
function inputsFilled(grid: Grid, rep: ParsedFormula, row: number, col: number): boolean {
  let relative = 0;
  for (const t of rep.tokens) {
    if (t.kind !== 'ref' || t.end || t.sheet || t.workbook || t.start.row === null || t.start.col === null) continue;
    if (t.start.rowAbs) continue;
    relative++;
    const r = t.start.row + (row - rep.row);
    const c = t.start.colAbs ? t.start.col : t.start.col + (col - rep.col);
    if (r < 0 || grid.isEmpty(rep.sheet, r, c)) return false;
    if (isFigure(grid, rep.sheet, t.start.row, t.start.col) && !isFigure(grid, rep.sheet, r, c)) return false;
  }
  return relative > 0;
}

export const typedOverFormulasCheck: Check = {
  name: 'numbers typed over formulas',
  kinds: ['typed-over-formula'],
  run: ({ grid }) => typedOverFormulas(grid),
};
