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

describe('spill size through defined names', () => {
  it('sizes a spill by the range a defined name points at', () => {
    // QUOTA.PHASE(1,200,000, Seasonality) with Seasonality = {20,25,25,30} in A1:D1: 240,000; 300,000; 300,000; 360,000.
    const hf = createEngine({ S: [[20, 25, 25, 30], ['=SALESOPS.QUOTA.PHASE(1200000, Seasonality)']] });
    hf.addNamedExpression('Seasonality', '=S!$A$1:$D$1');
    hf.setCellContents({ sheet: 0, row: 1, col: 0 }, '=SALESOPS.QUOTA.PHASE(1200000, Seasonality)');
    const out = hf.getSheetValues(0)[1];
    expect(out.slice(0, 4)).toEqual([240000, 300000, 300000, 360000]);
    hf.destroy();
  });
});
