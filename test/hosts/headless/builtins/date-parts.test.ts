/** DATE and DATEVALUE: the examples of Microsoft's doc pages and Excel's limits and 1900 leap-year bug. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, first } from '../../../support/engine';

describe('DATE', () => {
  it.each([
    // DATE doc: DATE(2011,1,1) is 1/1/2011 = serial 40544.
    ['=DATE(2011,1,1)', 40544],
    // "DATE(2008,14,2) returns ... February 2, 2009": 2008-01-01 is 39448, + 366 (2008 is leap) + 32 = 39846.
    ['=DATE(2008,14,2)', 39846],
    // "DATE(2008,-3,2) returns ... September 2, 2007": 2007-01-01 is 39083, + 244 = 39327.
    ['=DATE(2008,-3,2)', 39327],
    // "DATE(2008,1,35) returns ... February 4, 2008": 39448 + 34 = 39482.
    ['=DATE(2008,1,35)', 39482],
    // "DATE(2008,1,-15) returns ... December 16, 2007": 39448 - 16 = 39432.
    ['=DATE(2008,1,-15)', 39432],
    // "DATE(108,1,2) returns January 2, 2008 (1900+108)".
    ['=DATE(108,1,2)', 39449],
    // Excel's 1900 leap-year bug: 29 February 1900 is serial 60, 1 March 1900 is 61.
    ['=DATE(1900,2,29)', 60],
    ['=DATE(1900,3,1)', 61],
    ['=DATE(9999,12,31)', 2958465],
  ])('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });

  it('is #NUM! outside Excel years', () => {
    // "If year is less than 0 or is 10000 or greater, Excel returns the #NUM! error value."
    expectErrorCell(evaluateFormula('=DATE(10000,1,1)'), '#NUM!', '0 to 9999');
    expectErrorCell(evaluateFormula('=DATE(-1,1,1)'), '#NUM!', '0 to 9999');
    // Months carrying past December 9999 are #NUM! in Excel even when the days come back (DATE.xlsx).
    expectErrorCell(evaluateFormula('=DATE(9999,13,-1)'), '#NUM!', 'year 10000');
  });

  it('broadcasts arrays as Excel does: #N/A where a shorter array has no element', () => {
    // Years 2022, 2023, 2024 with months {1; 10} and day 1: 2022-01-01 = 44562, 2023-10-01 = 45200, then #N/A.
    const out = evaluateFormula('=DATE({2022;2023;2024},{1;10},1)') as unknown[][];
    expect([out[0][0], out[1][0]]).toEqual([44562, 45200]);
    expectErrorCell(out[2][0], '#N/A', 'differ in size');
    // A single row of years against one month: 2023-01-02 = 44928, 2024-01-02 = 45293.
    expect(evaluateFormula('=DATE({2023,2024},1,2)')).toEqual([[44928, 45293]]);
  });
});

describe('DATEVALUE', () => {
  it.each([
    // DATEVALUE doc: "8/22/2011" = 40777, "22-MAY-2011" = 40685, "2011/02/23" = 40597.
    ['=DATEVALUE("8/22/2011")', 40777],
    ['=DATEVALUE("22-MAY-2011")', 40685],
    ['=DATEVALUE("2011/02/23")', 40597],
    // The 1900 bug's phantom day and the day after it.
    ['=DATEVALUE("29-Feb-1900")', 60],
    ['=DATEVALUE("1-Mar-1900")', 61],
    // "Any time information in date_text is ignored": 2024-02-29 is 45351.
    ['=DATEVALUE("2024-02-29 06:00")', 45351],
  ])('%s = %p', (formula, expected) => {
    expect(first(evaluateFormula(formula))).toBe(expected);
  });

  it('is #VALUE! for text that is not a date', () => {
    expectErrorCell(evaluateFormula('=DATEVALUE("hello")'), '#VALUE!', 'not a date');
    expectErrorCell(evaluateFormula('=DATEVALUE(45000)'), '#VALUE!', 'must be text');
  });
});
