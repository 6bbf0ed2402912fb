/**
 * Error values: formula cells showing an error, the source of a chain first (a cell whose error comes from another
 * error cell it reads is a consequence, of medium severity). The values are the workbook's: Excel's saved results
 * where the file has them (see recalc-differs.ts for where the recalculation disagrees).
 */
import { isCellError } from '../../workbook/workbook';
import { cellAddress } from '../../workbook/a1';
import { sheetKey, showValue, type Grid, type ParsedFormula } from '../grid';
import { cellName, describeCells, mergeCells, type Pos } from '../cells';
import type { Finding } from '../types';
import { groupBy, inArea, pos } from './shared';
import type { Check } from './check';

export function errorValues(grid: Grid): Finding[] {
  const errors = grid.formulas.filter(
    (f) => isCellError(f.value) && (f.value as { error: string }).error !== '#CYCLE!',
  );
  const errorCells = new Map<string, Pos[]>();
  for (const f of errors) {
    const list = errorCells.get(f.sheetKey) ?? [];
    list.push(pos(f));
    errorCells.set(f.sheetKey, list);
  }
  // A cell whose error comes from another error cell it reads is a consequence: fix the source first.
  const readsError = (f: ParsedFormula): Pos | null => {
    for (const t of f.tokens) {
      if (t.kind !== 'ref' || t.workbook) continue;
      const { sheet, area } = grid.refTarget(t, f.sheet);
      const hit = (errorCells.get(sheetKey(sheet)) ?? []).find(
        (p) => !(p.row === f.row && p.col === f.col && sheetKey(p.sheet) === f.sheetKey) && inArea(p, area),
      );
      if (hit) return hit;
    }
    return null;
  };
  const findings: Finding[] = [];
  const rows = errors.map((f) => ({ f, source: readsError(f), v: f.value as { error: string; message?: string } }));
  for (const group of groupBy(
    rows,
    (x) => `${x.f.sheetKey}|${x.f.rel}|${x.v.error}|${x.v.message ?? ''}|${x.source ? 'p' : 'r'}`,
  ).values()) {
    const { f, v, source } = group[0];
    const cells = mergeCells(group.map((x) => pos(x.f)));
    const salesops = /SALESOPS\./i.test(f.formula);
    findings.push({
      kind: 'error-value',
      severity: source ? 'medium' : 'high',
      title: `${describeCells(cells, 3)} show${group.length > 1 ? '' : 's'} ${v.error}${source ? ` (from ${cellName(source)})` : ''}`,
      detail: `${cellName(pos(f))} is ${f.formula} and shows ${showValue(f.value)}.${messageNote(f, v, salesops)}`,
      cells,
      action: source
        ? `Fix ${cellName(source)} first; this error is passed on from it.`
        : v.message
          ? `Do what the message says: ${v.message}.`
          : `Check the inputs ${f.formula} reads; every total built on ${cellAddress(f.row, f.col)} is wrong until it is fixed.`,
    });
  }
  return findings;
}

/** Where an error's message came from, when the host did not give it. */
function messageNote(f: ParsedFormula, v: { error: string; message?: string }, salesops: boolean): string {
  if (v.message)
    return f.messageFrom
      ? ` The host showed only ${v.error}: the message is what SALESOPS.${f.messageFrom} gives for these inputs.`
      : '';
  return salesops
    ? ' The host did not give the SALESOPS message, and the audit could not work it out (an argument is a calculation, or the error does not come from the SALESOPS call).'
    : '';
}

export const errorValuesCheck: Check = {
  name: 'error values',
  kinds: ['error-value'],
  run: ({ grid }) => errorValues(grid),
};
