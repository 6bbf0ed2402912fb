/**
 * Excel's database functions DSUM, DCOUNT, DCOUNTA, DGET, DMAX, DMIN, DAVERAGE, DPRODUCT, DSTDEV, DSTDEVP, DVAR, DVARP
 * (https://support.microsoft.com/office/dsum-function-53181285-0c4b-4f5a-aaa3-529a322be41b and the other D* pages),
 * over the criteria rules of ./criteria.ts, as Excel computes them in ../shared/fidelity/ironcalc/DATABASE:
 * - database: a range whose first row names the fields; a range with only that row is #VALUE!;
 * - field: a header's text (case-insensitive; a TRUE header reads "TRUE", a 1 header "1") or a 1-based column number
 *   (truncated: 6.99 is 6); anything else, or a multi-cell range, is #VALUE!;
 * - criteria: its first row names fields, each row below is one alternative (OR), the cells of a row all hold (AND);
 *   an empty cell sets no condition, so an empty row matches every record; a condition under a header that names no
 *   field of the database matches nothing;
 * - a text condition without an operator matches text beginning with it ("b" matches "balpha"; Microsoft's Advanced
 *   Filter criteria doc: "all items beginning with that text"), "=text" matches it exactly; a date text (">=2024-07-01")
 *   compares as its serial number;
 * - DGET: no match #VALUE!, several #NUM!; DAVERAGE none #DIV/0!; DSTDEV/DVAR fewer than two #DIV/0!, DSTDEVP/DVARP none
 *   #DIV/0!; DSUM, DCOUNT, DMAX, DMIN, DPRODUCT none 0.
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { criteriaMatcher, numberOf, textToNumber, type Matcher } from './criteria';

const isEmpty = (v: unknown) => v === EmptyValue || v === null || v === undefined;

const grid = (v: unknown): unknown[][] => (v instanceof SimpleRangeValue ? (v.data as unknown[][]) : [[v]]);

/** A header cell's text as Excel compares field names: TRUE for a boolean, the number's digits, upper-cased. */
function headerText(v: unknown): string | undefined {
  if (isEmpty(v) || v instanceof CellError) return undefined;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const n = numberOf(v);
  return (n !== undefined ? String(n) : String(v)).toUpperCase();
}

/** Days since 1899-12-30 for a date text Excel reads (2024-07-01, 7/1/2024), else undefined. */
function dateSerial(s: string): number | undefined {
  let y: number, m: number, d: number;
  let r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s.trim());
  if (r) [y, m, d] = [+r[1], +r[2], +r[3]];
  else if ((r = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s.trim()))) [y, m, d] = [+r[3], +r[1], +r[2]];
  else return undefined;
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** The matcher for one criteria cell under the database functions' rules (see the header). */
function databaseMatcher(c: unknown): Matcher {
  if (typeof c !== 'string') return criteriaMatcher(c);
  const m = /^(<=|>=|<>|=|<|>)?([\s\S]*)$/.exec(c)!;
  const serial = dateSerial(m[2]);
  if (serial !== undefined) return criteriaMatcher(`${m[1] ?? '='}${serial}`);
  // only a plain text condition becomes "begins with"; numbers, TRUE/FALSE and error texts keep their meaning
  if (
    m[1] === undefined &&
    m[2] !== '' &&
    textToNumber(c) === undefined &&
    !/^(true|false)$/i.test(c) &&
    !c.startsWith('#')
  )
    return criteriaMatcher(`${c}*`);
  return criteriaMatcher(c);
}

type Records = { fieldValues: unknown[] } | CellError;

export class DatabasePlugin extends FunctionPlugin {
  static implementedFunctions = Object.fromEntries(
    [
      'DSUM',
      'DCOUNT',
      'DCOUNTA',
      'DGET',
      'DMAX',
      'DMIN',
      'DAVERAGE',
      'DPRODUCT',
      'DSTDEV',
      'DSTDEVP',
      'DVAR',
      'DVARP',
    ].map((name) => [
      name,
      {
        method: 'database',
        parameters: [
          { argumentType: FunctionArgumentType.RANGE },
          // field is optional for DCOUNT and DCOUNTA (Microsoft's DCOUNT page: omitted, it counts the matching records)
          { argumentType: FunctionArgumentType.ANY, optionalArg: name === 'DCOUNT' || name === 'DCOUNTA' },
          { argumentType: FunctionArgumentType.RANGE },
        ],
      },
    ]),
  );

  database(ast: ProcedureAst, state: InterpreterState): unknown {
    const name = ast.procedureName;
    return this.runFunction(ast.args, state, this.metadata(name), (db: unknown, field: unknown, criteria: unknown) => {
      const records = select(name, grid(db), field, grid(criteria));
      if (records instanceof CellError) return records;
      // DGET hands back the record's value as the engine holds it (number, text, boolean, date)
      return reduce(name, records.fieldValues) as number;
    });
  }
}

/** The field's column in the header row, or #VALUE! naming the problem. */
function fieldColumn(name: string, header: unknown[], field: unknown): number | CellError {
  if (field instanceof CellError) return field;
  if (field instanceof SimpleRangeValue) {
    if (field.width() * field.height() !== 1)
      return new CellError(ErrorType.VALUE, `${name}: field must be one cell, not a range`);
    field = field.data[0][0];
  }
  // a TRUE field is column 1 (Excel: DCOUNT(db,TRUE,..) counts the numbers of the first column)
  const n = typeof field === 'boolean' ? Number(field) : numberOf(field);
  if (n !== undefined) {
    const col = Math.trunc(n);
    if (col < 1 || col > header.length)
      return new CellError(
        ErrorType.VALUE,
        `${name}: field ${n} is not a column of the database (1 to ${header.length})`,
      );
    return col - 1;
  }
  const text = headerText(field);
  const col = text === undefined ? -1 : header.findIndex((h) => headerText(h) === text);
  if (col < 0)
    return new CellError(
      ErrorType.VALUE,
      `${name}: field ${text === undefined ? '(empty)' : `"${String(field)}"`} is not a header of the database`,
    );
  return col;
}

/** The field values of the records matching the criteria. */
function select(name: string, db: unknown[][], field: unknown, criteria: unknown[][]): Records {
  if (db.length < 2) return new CellError(ErrorType.VALUE, `${name}: the database has only its header row, no records`);
  const header = db[0];
  const omitted = (name === 'DCOUNT' || name === 'DCOUNTA') && (field === undefined || field === EmptyValue);
  // an omitted field counts records: each matching record stands for itself as the number 1
  const col = omitted ? -1 : fieldColumn(name, header, field);
  if (col instanceof CellError) return col;
  const texts = header.map(headerText);
  const critCols = (criteria[0] ?? []).map((h) => {
    const t = headerText(h);
    return t === undefined ? -1 : texts.indexOf(t);
  });
  const rows = criteria.slice(1).map((row) =>
    critCols.map((dbCol, j) => {
      const c = row[j];
      if (isEmpty(c)) return null;
      return { dbCol, match: databaseMatcher(c) };
    }),
  );
  const fieldValues: unknown[] = [];
  for (const record of db.slice(1)) {
    const hit = rows.some((conds) =>
      conds.every((cond) => cond === null || (cond.dbCol >= 0 && cond.match(record[cond.dbCol] ?? EmptyValue))),
    );
    if (hit) fieldValues.push(col < 0 ? 1 : (record[col] ?? EmptyValue));
  }
  return { fieldValues };
}

function reduce(name: string, values: unknown[]): unknown {
  if (name === 'DCOUNTA') return values.filter((v) => !isEmpty(v) && v !== '').length;
  if (name === 'DGET') {
    if (values.length === 0) return new CellError(ErrorType.VALUE, 'DGET: no record matches the criteria');
    if (values.length > 1)
      return new CellError(ErrorType.NUM, `DGET: ${values.length} records match the criteria, it needs exactly one`);
    return isEmpty(values[0]) ? 0 : values[0];
  }
  const nums: number[] = [];
  for (const v of values) {
    if (typeof v === 'boolean') continue;
    if (v instanceof CellError) {
      if (name === 'DCOUNT') continue;
      return v;
    }
    const n = numberOf(v);
    if (n !== undefined) nums.push(n);
  }
  const sum = nums.reduce((a, b) => a + b, 0);
  const k = nums.length;
  const variance = (sample: boolean): number | CellError => {
    if (k < (sample ? 2 : 1))
      return new CellError(ErrorType.DIV_BY_ZERO, `${name}: ${k} number(s) match the criteria, too few`);
    const mean = sum / k;
    return nums.reduce((a, x) => a + (x - mean) ** 2, 0) / (sample ? k - 1 : k);
  };
  const sqrt = (v: number | CellError) => (v instanceof CellError ? v : Math.sqrt(v));
  switch (name) {
    case 'DSUM':
      return sum;
    case 'DCOUNT':
      return k;
    case 'DMAX':
      return k ? Math.max(...nums) : 0;
    case 'DMIN':
      return k ? Math.min(...nums) : 0;
    case 'DAVERAGE':
      return k ? sum / k : new CellError(ErrorType.DIV_BY_ZERO, 'DAVERAGE: no number matches the criteria');
    case 'DPRODUCT':
      return k ? nums.reduce((a, b) => a * b, 1) : 0;
    case 'DVAR':
      return variance(true);
    case 'DVARP':
      return variance(false);
    case 'DSTDEV':
      return sqrt(variance(true));
    default:
      return sqrt(variance(false));
  }
}
