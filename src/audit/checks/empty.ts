/** References to empty cells: an empty cell counts as 0, which hides a missing input. */
import type { Token } from '../formula';
import type { Grid, ParsedFormula } from '../grid';
import { cellName, describeCells, mergeCells, type Pos } from '../cells';
import type { Finding } from '../types';
import { groupBy, pos } from './shared';
import type { Check } from './check';

/** Functions whose argument is tested for being blank (or for its kind): a blank there is read on purpose. */
const BLANK_TESTS = new Set([
  'ISBLANK',
  'ISNUMBER',
  'ISTEXT',
  'ISNONTEXT',
  'ISLOGICAL',
  'ISERROR',
  'ISERR',
  'ISNA',
  'ISFORMULA',
  'ISREF',
  'COUNTBLANK',
  'COUNTA',
  'LEN',
  'N',
  'T',
  'TYPE',
]);

/**
 * Token positions of references read on purpose even when blank: compared with "" (`F2=""`, `""<>F2`), or the
 * whole argument of a blank test (ISBLANK(F2), LEN(F2)).
 */
export function blankTestedRefs(tokens: Token[]): Set<number> {
  const out = new Set<number>();
  const isEmptyText = (t: Token | undefined) => t?.kind === 'string' && t.value === '';
  const isCompare = (t: Token | undefined) => t?.kind === 'op' && (t.text === '=' || t.text === '<>');
  // the function (or '(' group) each token sits in, to tell a whole argument of ISBLANK(...) from a part of one
  const stack: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'func') {
      stack.push(t.name.replace(/^_XLFN\./, ''));
      i++; // its '('
      continue;
    }
    if (t.kind === 'paren' || t.kind === 'lbrace') stack.push('(');
    else if (t.kind === 'close' || t.kind === 'rbrace') stack.pop();
    if (t.kind !== 'ref') continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if ((isCompare(next) && isEmptyText(tokens[i + 2])) || (isCompare(prev) && isEmptyText(tokens[i - 2]))) out.add(i);
    else if (
      BLANK_TESTS.has(stack[stack.length - 1] ?? '') &&
      (prev?.kind === 'paren' || prev?.kind === 'comma') &&
      (next?.kind === 'close' || next?.kind === 'comma')
    )
      out.add(i);
  }
  return out;
}

export function emptyReferences(grid: Grid): Finding[] {
  const hits: { f: ParsedFormula; empty: Pos[] }[] = [];
  for (const f of grid.formulas) {
    const empty: Pos[] = [];
    let tested: Set<number> | null = null;
    for (let i = 0; i < f.tokens.length; i++) {
      const t = f.tokens[i];
      if (t.kind !== 'ref' || t.end || t.workbook || t.start.row === null || t.start.col === null) continue;
      const { sheet } = grid.refTarget(t, f.sheet);
      if (!grid.hasSheet(sheet)) continue;
      if (!grid.isEmpty(sheet, t.start.row, t.start.col) || grid.formulaAt(sheet, t.start.row, t.start.col)) continue;
      tested ??= blankTestedRefs(f.tokens);
      if (!tested.has(i)) empty.push({ sheet, row: t.start.row, col: t.start.col });
    }
    if (empty.length) hits.push({ f, empty });
  }
  const findings: Finding[] = [];
  for (const group of groupBy(hits, (h) => `${h.f.sheetKey}|${h.f.rel}`).values()) {
    const cells = mergeCells(group.map((h) => pos(h.f)));
    const empty = mergeCells(group.flatMap((h) => h.empty));
    findings.push({
      kind: 'empty-reference',
      severity: 'low',
      title: `${describeCells(cells, 3)} read${group.length > 1 ? '' : 's'} empty cell${empty.length > 1 || group.length > 1 ? 's' : ''} (${describeCells(empty, 3)})`,
      detail: `${cellName(pos(group[0].f))} is ${group[0].f.formula}; an empty cell counts as 0, which hides a missing input.`,
      cells: [...cells, ...empty],
      action: `Fill ${describeCells(empty, 3)} (enter 0 if zero is meant), or point the formula at the right cells.`,
    });
  }
  return findings;
}

export const emptyReferencesCheck: Check = {
  name: 'references to empty cells',
  kinds: ['empty-reference'],
  run: ({ grid }) => emptyReferences(grid),
};
