/**
 * The one reader of account and rep tables, for the Territory tab (src/taskpane/territory/mapping.ts) and
 * `salesops balance` (src/cli/balance.ts): both find their columns their own way (the pane by the user's choice, the
 * command line by header and --map), then hand the cells here, so that the same table gives the same accounts, reps
 * and errors in both. The rules:
 * - Rows whose cells are all blank are skipped. Every other row needs an id (accounts and reps alike).
 * - Numbers: number cells, or text as users type it: "1,200", "$1,200.50", "(300)", "1e6", and percentages ("60%" is
 *   0.6, as Excel reads it). A metric cell must hold a number (0 for none): a blank is refused, because balancing on
 *   a guessed 0 would be a silent wrong plan. lat, lon, weight and max_accounts may be blank (none, or weight 1).
 * - "locked" is yes/no: TRUE/FALSE (a logical cell or the text, any case), yes/no, y/n, 1/0 and x; a blank cell is
 *   not locked. Anything else ("maybe", 2) is refused rather than guessed.
 * - An error cell (#N/A, #REF!, ...) anywhere the reader looks is refused.
 * Each refusal is a SalesOpsError (#VALUE!) naming the table, the row (the header is row 1, or the row numbers the
 * caller gives, e.g. the file's) and the column by its header:
 * "Accounts row 3, column 'locked' is 'maybe'; enter TRUE/FALSE, yes/no, y/n, 1/0 or x (blank: not locked)".
 */
import { valueError } from '../errors';
import { parseNumberText } from '../number-text';
import type { TerritoryAccount, TerritoryRep } from './types';

/** A table as read from a sheet or a file: a header row and data rows of raw cells. */
export interface TerritoryTable {
  /** How messages name the table ("Accounts", "--accounts plan.csv"). */
  name: string;
  headers: string[];
  rows: unknown[][];
  /** The row number of each data row in messages; default: index + 2 (the header is row 1). */
  rowNumbers?: number[];
}

/** Column indexes of the account fields (-1: none). */
export interface AccountTableColumns {
  id: number;
  owner: number;
  locked: number;
  family: number;
  lat: number;
  lon: number;
  /** The balanced metrics' columns in order; -1 is the built-in account count (1 per account, no column). */
  metrics: number[];
}

/** Column indexes of the rep fields (-1: none). */
export interface RepTableColumns {
  id: number;
  weight: number;
  lat: number;
  lon: number;
  maxAccounts: number;
}

/** The values "locked" accepts, lower case (a logical cell is taken as it is). */
export const LOCKED_TRUE = ['true', 'yes', 'y', '1', 'x'];
export const LOCKED_FALSE = ['false', 'no', 'n', '0'];

function isBlankCell(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** The error text of an error cell from either host (`{ error }` from the workbook, `{ code }` from xlsx), else null. */
function errorOf(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const e = (v as { error?: unknown }).error ?? (v as { code?: unknown }).code;
  return typeof e === 'string' ? e : null;
}

class Cells {
  constructor(
    private readonly table: TerritoryTable,
    private readonly index: number,
  ) {}
  private where(col: number): string {
    const row = this.table.rowNumbers?.[this.index] ?? this.index + 2;
    return `${this.table.name} row ${row}, column '${this.table.headers[col] ?? `#${col + 1}`}'`;
  }
  private raw(col: number): unknown {
    const v = this.table.rows[this.index][col];
    const error = errorOf(v);
    if (error !== null) throw valueError(`${this.where(col)} shows ${error}; fix or clear that cell`);
    return v;
  }
  text(col: number): string | null {
    if (col < 0) return null;
    const v = this.raw(col);
    return isBlankCell(v) ? null : String(v).trim();
  }
  id(col: number, what: string): string {
    const t = this.text(col);
    if (t === null) throw valueError(`${this.where(col)} is blank; every ${what} needs an id`);
    return t;
  }
  number(col: number, required: boolean): number | null {
    if (col < 0) return null;
    const v = this.raw(col);
    if (isBlankCell(v)) {
      if (required) throw valueError(`${this.where(col)} is blank; enter a number (0 for none)`);
      return null;
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumberText(v) : null;
    if (n === null || !Number.isFinite(n)) throw valueError(`${this.where(col)} is '${String(v)}', not a number`);
    return n;
  }
  locked(col: number): boolean {
    if (col < 0) return false;
    const v = this.raw(col);
    if (isBlankCell(v)) return false;
    if (typeof v === 'boolean') return v;
    const t = String(v).trim().toLowerCase();
    if (LOCKED_TRUE.includes(t)) return true;
    if (LOCKED_FALSE.includes(t)) return false;
    throw valueError(
      `${this.where(col)} is '${String(v)}'; enter TRUE/FALSE, yes/no, y/n, 1/0 or x (blank: not locked)`,
    );
  }
}

function dataRows(table: TerritoryTable): number[] {
  const out: number[] = [];
  table.rows.forEach((row, i) => {
    if (!row.every(isBlankCell)) out.push(i);
  });
  return out;
}

/** The accounts of a table, all-blank rows skipped; `rows` are the indexes (into table.rows) they came from. */
export function readAccountTable(
  table: TerritoryTable,
  cols: AccountTableColumns,
): { accounts: TerritoryAccount[]; rows: number[] } {
  const rows = dataRows(table);
  const accounts = rows.map((i): TerritoryAccount => {
    const c = new Cells(table, i);
    return {
      id: c.id(cols.id, 'account'),
      metrics: cols.metrics.map((m) => (m < 0 ? 1 : (c.number(m, true) as number))),
      owner: c.text(cols.owner),
      locked: c.locked(cols.locked),
      family: c.text(cols.family),
      lat: c.number(cols.lat, false),
      lon: c.number(cols.lon, false),
    };
  });
  return { accounts, rows };
}

/** The reps of a table, all-blank rows skipped. */
export function readRepTable(table: TerritoryTable, cols: RepTableColumns): TerritoryRep[] {
  return dataRows(table).map((i): TerritoryRep => {
    const c = new Cells(table, i);
    return {
      id: c.id(cols.id, 'rep'),
      weight: c.number(cols.weight, false) ?? 1,
      lat: c.number(cols.lat, false),
      lon: c.number(cols.lon, false),
      maxAccounts: c.number(cols.maxAccounts, false),
    };
  });
}
