/**
 * The Excel host for custom functions: associates every declared SALESOPS function with Excel
 * (CustomFunctions.associate) and turns a thrown SalesOpsError into CustomFunctions.Error (its message only where
 * Excel shows one: #VALUE! and #N/A).
 * Loaded in the shared runtime (taskpane.html). Never imports HyperFormula.
 */
import { declarations } from '../../functions/generated/registry';
import { NAMESPACE, type Declaration } from '../../functions/declaration';
import { CODES_WITH_MESSAGE_IN_EXCEL, SalesOpsError, internalErrorMessage, type ErrorCode } from '../../models/errors';
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
  if (typeof o.code === 'string' && o.code.startsWith('#'))
    return new CellErrorValue(o.code, typeof o.message === 'string' ? o.message : '');
  if (o.type === 'Error' || o.errorType !== undefined)
    return new CellErrorValue(typeof o.basicValue === 'string' ? o.basicValue : '#VALUE!', '');
  if ('basicValue' in o) return o.basicValue;
  return v;
}

/** The CustomFunctions.ErrorCode member of each of our codes (the enum's values are the catalogue's #TEXTs). */
const ERROR_CODE_MEMBER: Record<ErrorCode, keyof typeof CustomFunctions.ErrorCode> = {
  VALUE: 'invalidValue',
  NA: 'notAvailable',
  NUM: 'invalidNumber',
  DIV0: 'divisionByZero',
};

/**
 * The CustomFunctions.Error for a code and message. Excel shows a custom message only with #VALUE! and #N/A
 * (Microsoft's CustomFunctions.ErrorCode reference: with #DIV/0! and #NUM! "a custom error message can't be used"),
 * so the others go without one: what the user sees is the code, as with Excel's own #DIV/0!.
 */
export function excelError(code: ErrorCode, message: string): CustomFunctions.Error {
  const excelCode = CustomFunctions.ErrorCode[ERROR_CODE_MEMBER[code]];
  return CODES_WITH_MESSAGE_IN_EXCEL.includes(code)
    ? new CustomFunctions.Error(excelCode, message)
    : new CustomFunctions.Error(excelCode);
}

/** The Excel error for anything a declaration throws; unexpected exceptions become #VALUE! naming the function. */
export function toExcelError(e: unknown, id: string): CustomFunctions.Error {
  if (e instanceof SalesOpsError) return excelError(e.code, e.message);
  return excelError('VALUE', internalErrorMessage(`${NAMESPACE}.${id}`, e));
}

function toExcelValue(v: unknown, id: string): unknown {
  if (v instanceof SalesOpsError) return toExcelError(v, id);
  if (typeof v === 'number' && !Number.isFinite(v))
    return excelError('NUM', `${NAMESPACE}.${id}: the result is not a finite number`);
  return v ?? '';
}

/**
 * Wraps one declaration for Excel: same arguments, errors as CustomFunctions.Error (per cell inside a spill). The
 * result keeps the shape functions.json declares: Excel shows #VALUE! for a range returned where one value is
 * declared, or the reverse; that is a bug here, so it is said as one (an internal error naming the function).
 */
export function forExcel(d: Declaration): (...args: unknown[]) => unknown {
  const matrix = d.metadata.result.dimensionality === 'matrix';
  return (...args: unknown[]) => {
    let result: unknown;
    try {
      result = d.implementation(...args.map(plainExcelValue));
    } catch (e) {
      throw toExcelError(e, d.id);
    }
    if (Array.isArray(result) !== matrix) {
      throw toExcelError(
        new Error(
          matrix
            ? 'returned one value where functions.json declares a range'
            : 'returned a range where functions.json declares one value',
        ),
        d.id,
      );
    }
    if (Array.isArray(result))
      return (result as unknown[]).map((row) =>
        Array.isArray(row) ? row.map((v) => toExcelValue(v, d.id)) : [toExcelValue(row, d.id)],
      );
    return toExcelValue(result, d.id);
  };
}

/** Associates every declared function; called once when the shared runtime loads. */
export function associateAll(): void {
  for (const d of declarations) CustomFunctions.associate(d.id, forExcel(d));
}
