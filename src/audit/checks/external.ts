/** References to other workbooks: figures that depend on a file whoever signs off may not have. */
import type { Grid, ParsedFormula } from '../grid';
import { cellName, describeCells, mergeCells } from '../cells';
import type { Finding } from '../types';
import { groupBy, pos } from './shared';
import type { Check } from './check';

export function externalReferences(grid: Grid): Finding[] {
  const hits: { f: ParsedFormula; refs: string[] }[] = [];
  for (const f of grid.formulas) {
    const refs = f.tokens.filter((t) => (t.kind === 'ref' || t.kind === 'name') && t.workbook).map((t) => t.text);
    if (refs.length) hits.push({ f, refs });
  }
  const findings: Finding[] = [];
  for (const group of groupBy(hits, (h) => `${h.f.sheetKey}|${h.f.rel}`).values()) {
    const cells = mergeCells(group.map((h) => pos(h.f)));
    const refs = [...new Set(group.flatMap((h) => h.refs))];
    findings.push({
      kind: 'external-reference',
      severity: 'high',
      title: `${describeCells(cells, 3)}: read${group.length > 1 ? '' : 's'} another workbook (${refs.slice(0, 3).join(', ')})`,
      detail: `${cellName(pos(group[0].f))} is ${group[0].f.formula}. Its value depends on a file that whoever signs off may not have, and it goes stale when that file moves or changes.`,
      cells,
      action:
        'Copy the figures into this workbook (a labelled inputs sheet) and reference them there, or document where the linked file lives and when it was last refreshed.',
    });
  }
  return findings;
}

export const externalReferencesCheck: Check = {
  name: 'external references',
  kinds: ['external-reference'],
  run: ({ grid }) => externalReferences(grid),
};
