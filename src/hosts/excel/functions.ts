/**
 * The Excel host for custom functions: associates every declared SALESOPS function with Excel
 * (CustomFunctions.associate) and turns a thrown SalesOpsError into CustomFunctions.Error with its message.
 * Loaded in the shared runtime (taskpane.html). Never imports HyperFormula.
 */
import { declarations } from '../../functions/generated/registry';
import type { Declaration } from '../../functions/declaration';
import { SalesOpsError } from '../../models/errors';
import { CellErrorValue } from '../../functions/clean';

/**
 * One argument value as Excel hands it over, in the plain form the declarations take (the same the headless host
 * gives): functions.json sets allowErrorForDataTypeAny, so an error cell arrives as an error object with its code
 * (CustomFunctions.Error), and allowCustomDataForDataTypeAny, so a data type (a formatted number, an entity) arrives
 * as an object whose basicValue is what the cell shows as a plain value.
 */
export function plainExcelValue(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map((row) => (Array.isArray(row) ? row.map(plainExcelValue) : plainExcelValue(row)));
  const o = v as { code?: unknown; message?: unknown; basicValue?: unknown; type?: unknown; errorType?: unknown };
  if (typeof o.code === 'string' && o.code.startsWith('#')) return new CellErrorValue(o.code, typeof o.message === 'string' ? o.message : '');
  if (o.type === 'Error' || o.errorType !== undefined) return new CellErrorValue(typeof o.basicValue === 'string' ? o.basicValue : '#VALUE!', '');
  if ('basicValue' in o) return o.basicValue;
  return v;
}

function excelErrorCode(code: SalesOpsError['code']): CustomFunctions.ErrorCode {
  switch (code) {
    case 'NA':
      return CustomFunctions.ErrorCode.notAvailable;
    case 'NUM':
      return CustomFunctions.ErrorCode.invalidNumber;
    case 'DIV0':
      return CustomFunctions.ErrorCode.divisionByZero;
    default:
      return CustomFunctions.ErrorCode.invalidValue;
  }
}

/** The Excel error for anything a declaration throws; unexpected exceptions become #VALUE! naming the function. */
export function toExcelError(e: unknown, id: string): CustomFunctions.Error {
  if (e instanceof SalesOpsError) return new CustomFunctions.Error(excelErrorCode(e.code), e.message);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `SALESOPS.${id}: internal error: ${e instanceof Error ? e.message : String(e)}`);
}

function toExcelValue(v: unknown, id: string): unknown {
  if (v instanceof SalesOpsError) return toExcelError(v, id);
  if (typeof v === 'number' && !Number.isFinite(v)) return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidNumber, `SALESOPS.${id}: the result is not a finite number`);
  return v ?? '';
}

/** Wraps one declaration for Excel: same arguments, errors as CustomFunctions.Error (per cell inside a spill). */
export function forExcel(d: Declaration): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    try {
      const result = d.implementation(...args.map(plainExcelValue));
      if (Array.isArray(result)) return (result as unknown[]).map((row) => (Array.isArray(row) ? row.map((v) => toExcelValue(v, d.id)) : [toExcelValue(row, d.id)]));
      return toExcelValue(result, d.id);
    } catch (e) {
      throw toExcelError(e, d.id);
    }
  };
}

/** Associates every declared function; called once when the shared runtime loads. */
export function associateAll(): void {
  for (const d of declarations) CustomFunctions.associate(d.id, forExcel(d));
}
