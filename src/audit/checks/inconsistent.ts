/**
 * Inconsistent formulas, as in Excel's error checking and Inquire: a cell whose formula differs from the block (column
 * or row) of formulas around it in relative (R1C1) form, or from the same cell on sheets laid out alike.
 */
import { cellAddress } from '../../workbook/a1';
import { sheetKey, type Grid, type ParsedFormula } from '../grid';
import { cellName, describeCells, mergeCells } from '../cells';
import type { Finding } from '../types';
import { blocks, groupBy, isFigure, majority, patternAt, pos, shown } from './shared';
import type { Check } from './check';

/** True when the formula reads an area of its own sheet that covers at least two other cells of the block (a total). */
function isTotalOf(f: ParsedFormula, block: ParsedFormula[], grid: Grid): boolean {
  for (const t of f.tokens) {
    if (t.kind !== 'ref' || !t.end || t.workbook) continue;
    const { sheet, area } = grid.refTarget(t, f.sheet);
    if (sheetKey(sheet) !== f.sheetKey) continue;
    const inside = block.filter(
      (g) => g !== f && g.row >= area.top && g.row <= area.bottom && g.col >= area.left && g.col <= area.right,
    ).length;
    if (inside >= 2) return true;
  }
  return false;
}

/**
 * The first (or last) cell of a running pattern, which cannot follow it: =B28 before =B29+C28..., =PlanStart before
 * =EDATE(B29,1)..., =C38 before =C39-C38... Copied into that cell, the pattern of `rep` would read past the start of
 * the series: a relative single cell off the sheet, or a label or blank where `rep` itself reads a figure (the
 * row's label or the column's header), so the cell has to be written differently.
 */
function startsSeries(f: ParsedFormula, rep: ParsedFormula, grid: Grid): boolean {
  for (const t of rep.tokens) {
    if (t.kind !== 'ref' || t.end || t.workbook || t.start.row === null || t.start.col === null) continue;
    if (t.start.rowAbs && t.start.colAbs) continue;
    const { sheet } = grid.refTarget(t, rep.sheet);
    const r = t.start.rowAbs ? t.start.row : t.start.row + (f.row - rep.row);
    const c = t.start.colAbs ? t.start.col : t.start.col + (f.col - rep.col);
    if (r < 0 || c < 0) return true;
    if (isFigure(grid, sheet, t.start.row, t.start.col) && !isFigure(grid, sheet, r, c)) return true;
  }
  return false;
}

export function inconsistentFormulas(grid: Grid): Finding[] {
  const findings: Finding[] = [];
  const flagged = new Set<ParsedFormula>();
  const flaggedKeys = new Set<string>();
  for (const byColumn of [true, false]) {
    for (const block of blocks(grid.formulas, byColumn)) {
      if (block.length < 3) continue;
      const major = majority(block);
      if (!major) continue;
      const deviants = block.filter((f) => f.rel !== major.rel && !flagged.has(f));
      const edge = (f: ParsedFormula) => f === block[0] || f === block[block.length - 1];
      const real = deviants.filter(
        (f) => !(edge(f) && (isTotalOf(f, block, grid) || startsSeries(f, major.members[0], grid))),
      );
      for (const group of groupBy(real, (f) => f.rel).values()) {
        group.forEach((f) => {
          flagged.add(f);
          flaggedKeys.add(`${f.sheetKey}|${f.row}|${f.col}`);
        });
        const first = group[0];
        const cells = mergeCells(group.map(pos));
        const expected = patternAt(major.members[0], first.row, first.col);
        const where = describeCells(mergeCells(major.members.map(pos)), 4);
        findings.push({
          kind: 'inconsistent-formula',
          severity: 'high',
          title: `${describeCells(cells, 3)}: formula differs from the ${byColumn ? 'column' : 'row'} around it`,
          detail: `${cellName(pos(first))} is ${first.formula}, but ${major.members.length} of ${block.length} cells in ${describeCells(mergeCells(block.map(pos)), 2)} follow the pattern ${shown(major.members[0])} (${where}); copied here it would read ${expected}.`,
          cells,
          action: `If ${cellAddress(first.row, first.col)} should follow its neighbours, enter ${expected}; if it is a deliberate exception, label it so the next reviewer knows.`,
        });
      }
    }
  }
  return [...findings, ...inconsistentAcrossSheets(grid, flaggedKeys)];
}

/**
 * Inconsistent across sheets: sheets laid out alike (one per region, per month...) should hold the same formula at
 * the same address. Sheets count as parallel when they share at least 80% of their formula addresses; at each
 * address held by three or more parallel sheets, a strict majority pattern names the odd ones out.
 */
export function inconsistentAcrossSheets(grid: Grid, alreadyFlagged: Set<string>): Finding[] {
  const bySheet = groupBy(grid.formulas, (f) => f.sheetKey);
  if (bySheet.size < 3) return [];
  const addresses = new Map<string, Set<string>>();
  for (const [k, list] of bySheet) addresses.set(k, new Set(list.map((f) => `${f.row},${f.col}`)));
  const overlap = (a: Set<string>, b: Set<string>) => {
    let common = 0;
    for (const x of a) if (b.has(x)) common++;
    return common / Math.max(a.size, b.size);
  };
  const keys = [...bySheet.keys()];
  const parallel = new Map<string, Set<string>>();
  for (const a of keys)
    parallel.set(a, new Set(keys.filter((b) => b !== a && overlap(addresses.get(a)!, addresses.get(b)!) >= 0.8)));
  const findings: Finding[] = [];
  const atAddress = groupBy(
    grid.formulas.filter((f) => parallel.get(f.sheetKey)!.size >= 2),
    (f) => `${f.row},${f.col}`,
  );
  const odd: { f: ParsedFormula; major: ParsedFormula[] }[] = [];
  for (const cells of atAddress.values()) {
    if (cells.length < 3) continue;
    const major = majority(cells);
    if (!major) continue;
    for (const f of cells) {
      if (f.rel === major.rel || alreadyFlagged.has(`${f.sheetKey}|${f.row}|${f.col}`)) continue;
      if (!major.members.some((m) => parallel.get(f.sheetKey)!.has(m.sheetKey))) continue;
      odd.push({ f, major: major.members });
    }
  }
  for (const group of groupBy(odd, (o) => `${o.f.sheetKey}|${o.f.rel}|${o.major[0].rel}`).values()) {
    const first = group[0];
    const cells = mergeCells(group.map((o) => pos(o.f)));
    const sheets = [...new Set(first.major.map((m) => m.sheet))];
    findings.push({
      kind: 'inconsistent-formula',
      severity: 'high',
      title: `${describeCells(cells, 3)}: formula differs from the same cell on ${sheets.length} sheets laid out alike`,
      detail: `${cellName(pos(first.f))} is ${first.f.formula}, but ${sheets.slice(0, 4).join(', ')}${sheets.length > 4 ? ' and others' : ''} hold ${shown(first.major[0])} at ${cellAddress(first.f.row, first.f.col)} (${first.major[0].formula} on ${first.major[0].sheet}).`,
      cells,
      action: `If ${first.f.sheet} should follow the other sheets, enter ${first.major[0].formula} in ${cellAddress(first.f.row, first.f.col)}; if the difference is deliberate, label it.`,
    });
  }
  return findings;
}

export const inconsistentFormulasCheck: Check = {
  name: 'inconsistent formulas',
  kinds: ['inconsistent-formula'],
  run: ({ grid }) => inconsistentFormulas(grid),
};
