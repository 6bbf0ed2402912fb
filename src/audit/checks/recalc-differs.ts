/**
 * Where the recalculation disagrees with Excel. The audit reports the workbook as Excel saved it: its error findings
 * and every other check read Excel's saved results where the file has them. A formula cell whose recalculated value
 * (the headless engine's) is not Excel's is then no finding about the workbook: either the workbook was saved
 * without recalculating (manual calculation) or the engine computes that formula differently from Excel. They are
 * listed once, in one low-severity finding, so that a reviewer knows which figures the audit could not confirm.
 */
import { isCellError, type CellValue } from '../../workbook/workbook';
import { showValue } from '../grid';
import { cellName, describeCells, mergeCells } from '../cells';
import type { Finding } from '../types';
import { pos } from './shared';
import type { Check, Disagreement } from './check';

/**
 * Equal as Excel shows them: numbers within 1e-9 relative (Excel keeps 15 significant digits), text exactly, errors by
 * code, and an empty saved result equal to empty text (the rule of src/fidelity, which the audit cannot import:
 * it runs in the task pane, where the headless engine must not be bundled).
 */
export function sameResult(saved: CellValue, recomputed: CellValue): boolean {
  const empty = (v: CellValue) => v === null || v === undefined || v === '';
  if (empty(saved) || empty(recomputed)) return empty(saved) && empty(recomputed);
  if (isCellError(saved) || isCellError(recomputed))
    return isCellError(saved) && isCellError(recomputed) && saved.error === recomputed.error;
  if (typeof saved === 'number' && typeof recomputed === 'number') {
    const scale = Math.max(Math.abs(saved), Math.abs(recomputed));
    return Math.abs(saved - recomputed) <= Math.max(1e-9 * scale, 1e-12);
  }
  return saved === recomputed;
}

/** Functions whose result differs on every recalculation: not a disagreement. */
const VOLATILE = /\b(RAND|RANDBETWEEN|RANDARRAY|NOW|TODAY)\s*\(/i;

export function recalcDiffers(disagreements: Disagreement[]): Finding[] {
  const list = disagreements.filter((d) => !VOLATILE.test(d.formula.formula));
  if (list.length === 0) return [];
  const cells = mergeCells(list.map((d) => pos(d.formula)));
  const shown = (v: CellValue) => (v === null || v === '' ? '(empty)' : showValue(v));
  const examples = list
    .slice(0, 5)
    .map(
      (d) =>
        `${cellName(pos(d.formula))} ${d.formula.formula}: Excel saved ${shown(d.saved)}, the recalculation gives ${shown(d.recomputed)}`,
    )
    .join('; ');
  return [
    {
      kind: 'recalc-differs',
      severity: 'low',
      title: `${list.length} formula cell(s) recalculate to a value other than the one Excel saved (${describeCells(cells, 3)})`,
      detail: `The findings use Excel's saved values. ${examples}${list.length > 5 ? `; and ${list.length - 5} more` : ''}.`,
      cells,
      action:
        'If the workbook was saved with manual calculation, recalculate in Excel (F9) and save it again; otherwise these are formulas the headless engine computes differently from Excel: check their figures in Excel.',
    },
  ];
}

export const recalcDiffersCheck: Check = {
  name: 'recalculation against Excel',
  kinds: ['recalc-differs'],
  run: ({ disagreements }) => recalcDiffers(disagreements),
};
