/** What the comparison of two workbooks reports. */
import type { RangeRef } from '../workbook/workbook';
import type { Explanation } from '../audit/types';

export type ChangeKind =
  | 'sheet-added'
  | 'sheet-removed'
  | 'sheet-renamed'
  | 'rows-inserted'
  | 'rows-deleted'
  | 'columns-inserted'
  | 'columns-deleted'
  | 'formula'
  | 'formula-to-value'
  | 'value-to-formula'
  | 'input'
  | 'result'
  | 'name'
  | 'table';

export type ChangeValue = number | string | boolean | null;

/** One difference, in the JSON shape (plus `name` for defined names and tables). */
export interface Change {
  kind: ChangeKind;
  /** The sheet in `after` (in `before` for what was removed); for a name, the sheet it points at ('' for none). */
  sheet: string;
  /** A1 cell (or a name's or table's range) in `after`, in `before` for what was removed. */
  address?: string;
  /** "12:14": rows inserted (numbers of `after`) or deleted (numbers of `before`). */
  rows?: string;
  /** "D:E": columns inserted or deleted. */
  columns?: string;
  /** The defined name or table the change is about. */
  name?: string;
  before: ChangeValue;
  after: ChangeValue;
  /** For a result: the input, formula, name and structure changes it depends on (Sheet!A1, Sheet!12:12, a name). */
  because?: string[];
}

export type ChangeGroup = 'structure' | 'names and tables' | 'formulas' | 'inputs' | 'results';

export const GROUP_OF: Record<ChangeKind, ChangeGroup> = {
  'sheet-added': 'structure',
  'sheet-removed': 'structure',
  'sheet-renamed': 'structure',
  'rows-inserted': 'structure',
  'rows-deleted': 'structure',
  'columns-inserted': 'structure',
  'columns-deleted': 'structure',
  name: 'names and tables',
  table: 'names and tables',
  formula: 'formulas',
  'formula-to-value': 'formulas',
  'value-to-formula': 'formulas',
  input: 'inputs',
  result: 'results',
};

export const GROUP_ORDER: ChangeGroup[] = ['structure', 'names and tables', 'formulas', 'inputs', 'results'];

export interface DiffReport {
  /** Every change, grouped (GROUP_ORDER) and ranked within each group. */
  changes: Change[];
  /** Where each change is in the workbook it belongs to (`after`, or `before` for removals), to select it. */
  ranges: (RangeRef | null)[];
  /** The audit's explanation of a changed SALESOPS result, by "Sheet!A1" (the first ones only). */
  explanations: Record<string, Explanation>;
  summary: { sheetsBefore: number; sheetsAfter: number; cellsBefore: number; cellsAfter: number };
  notes: string[];
}
