/** What a check is: a name, the kinds of finding it reports, and a function of the audit's picture of the workbook. */
import type { CellValue } from '../../workbook/workbook';
import type { Grid, ParsedFormula } from '../grid';
import type { Finding, FindingKind } from '../types';

/** A formula cell whose recalculated value is not the one Excel saved in the file. */
export interface Disagreement {
  formula: ParsedFormula;
  /** Excel's saved result (what the audit reports as the cell's value). */
  saved: CellValue;
  /** What the recalculation gives. */
  recomputed: CellValue;
}

export interface CheckContext {
  grid: Grid;
  /** The SALESOPS formula cells, in sheet order. */
  salesops: ParsedFormula[];
  /** Cells where the recalculation disagrees with Excel's saved results (empty when the host is Excel itself). */
  disagreements: Disagreement[];
}

export interface Check {
  /** What it looks for, in words (progress and docs). */
  name: string;
  kinds: FindingKind[];
  run(ctx: CheckContext): Finding[];
}
