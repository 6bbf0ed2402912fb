/**
 * Everything a headless workbook holds, for "Undo restores exactly" tests: sheet names in order, every cell's
 * serialized content (values and formulas as typed) and every defined name.
 */
import type { HeadlessWorkbook } from '../../src/hosts/headless/workbook';

export function everything(wb: HeadlessWorkbook): { names: string[]; sheets: unknown; definedNames: unknown } {
  return {
    names: wb.engine.getSheetNames(),
    sheets: wb.engine.getAllSheetsSerialized(),
    definedNames: wb.engine.getAllNamedExpressionsSerialized(),
  };
}
