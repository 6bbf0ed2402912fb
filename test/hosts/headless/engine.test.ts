/** Engine settings that make the headless host agree with Excel. */
import { createEngine, evaluateFormula, prepareFormula } from '../../../src/hosts/headless/engine';

describe('headless engine', () => {
  it.each([
    // Excel serials: 2026-01-01 is 46023 and 2026-02-01 is 46054 (the DATE function in Excel's 1900 system).
    ['=DATE(2026,1,1)', 46023],
    ['=DATE(2026,2,1)', 46054],
    ['=DATE(1900,3,1)', 61], // Excel counts a 29 Feb 1900 that never was
    ['=TRUE', true],
    ['=IF(FALSE, 1, 2)', 2],
    // Booleans inside array literals crash HyperFormula unless rewritten; SUM ignores booleans in arrays as Excel does.
    ['=SUM({1,TRUE,2})', 3],
    ['=COUNTA({TRUE,FALSE,"x"})', 3],
  ])('%s is %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toEqual(expected);
  });

  it('rewrites bare booleans only inside array literals and outside strings', () => {
    expect(prepareFormula('={1,FALSE;TRUE,"TRUE"}')).toBe('={1,FALSE();TRUE(),"TRUE"}');
    expect(prepareFormula('=IF(TRUE,{1,2},0)')).toBe('=IF(TRUE,{1,2},0)');
    expect(prepareFormula('={TRUE()}')).toBe('={TRUE()}');
    expect(prepareFormula('=SUM(TRUEVALUES!A1:A2)')).toBe('=SUM(TRUEVALUES!A1:A2)');
  });

  it('applies the same rewrite to later edits', () => {
    const hf = createEngine({ S: [[1]] });
    hf.setCellContents({ sheet: 0, row: 0, col: 1 }, '=SUM({5,FALSE})');
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 1 })).toBe(5);
    hf.destroy();
  });
});

describe('whole-sheet loads', () => {
  it('prepare formulas given to setSheetContent too', () => {
    const hf = createEngine({ S: [] });
    hf.setSheetContent(0, [['=SUM({2,TRUE,3})']]);
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 0 })).toBe(5);
    hf.destroy();
  });
});
