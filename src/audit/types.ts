/** What the audit reports: an inventory of SALESOPS formulas with explanations, and findings with what to do. */
import type { CellValue, RangeRef } from '../workbook/workbook';

export type Severity = 'high' | 'medium' | 'low';

export type FindingKind =
  | 'inconsistent-formula'
  | 'typed-over-formula'
  | 'hard-coded-constant'
  | 'error-value'
  | 'stage-probability'
  | 'commission-tiers'
  | 'quota-allocation'
  | 'rollup-mismatch'
  | 'ramp-above-one'
  | 'empty-reference'
  | 'external-reference'
  | 'circular-reference'
  | 'recalc-differs';

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** One line: what is wrong. */
  title: string;
  /** The evidence: the pattern, the values, the message. */
  detail: string;
  /** The cells involved (contiguous cells merged into areas), the first being the one to look at. */
  cells: RangeRef[];
  /** What to do about it. */
  action: string;
}

/** A range a formula reads, with its size. */
export interface RangeRead extends RangeRef {
  /** The SALESOPS parameter it is passed as, when it is a direct argument. */
  param?: string;
  rows: number;
  cols: number;
}

export interface Explanation {
  kind: 'commission' | 'pipeline-by-stage' | 'capacity-by-month' | 'inputs';
  title: string;
  /** A small table (first row: headers). */
  table: (string | number)[][];
  /** Why a richer explanation was not given, when it was not. */
  note?: string;
}

export interface InventoryItem {
  sheet: string;
  address: string;
  formula: string;
  value: CellValue;
  /** The SALESOPS functions the formula calls (without the namespace), outermost first. */
  functions: string[];
  /** The plain-language definition of the outermost SALESOPS function (from the declarations). */
  definition: string;
  reads: RangeRead[];
  explanation: Explanation;
}

export interface AuditSummary {
  sheets: number;
  formulas: number;
  salesopsFormulas: number;
  findings: Record<Severity, number>;
}

export interface AuditReport {
  host: string;
  summary: AuditSummary;
  findings: Finding[];
  inventory: InventoryItem[];
  /** Limits of this audit (what it could not check and why). */
  notes: string[];
}

export interface AuditProgress {
  phase: 'reading' | 'inventory' | 'checks' | 'done';
  done: number;
  total: number;
}

export interface AuditOptions {
  /** Only these sheets (default: every sheet). */
  sheets?: string[];
  onProgress?: (p: AuditProgress) => void;
  /** Stops the audit (it rejects with an AbortError-like Error). */
  signal?: AbortSignal;
  /** Explanations are computed for at most this many SALESOPS cells (default 2,000); the rest get inputs only. */
  maxExplanations?: number;
  /**
   * SALESOPS error cells shown without their message (Excel gives the pane only the code) get it by re-running the
   * function on the cell's arguments, for at most this many cells (default 500).
   */
  maxMessageRecoveries?: number;
  /**
   * Excel's saved result of a formula cell (0-based row and column), where the workbook was read from a file that
   * has one; undefined where it has none. Given by hosts that recalculate (the command line): the audit then reports
   * those saved values, and lists in one low finding the cells where the recalculation disagrees with them.
   */
  savedValue?: (sheet: string, row: number, col: number) => CellValue | undefined;
}
