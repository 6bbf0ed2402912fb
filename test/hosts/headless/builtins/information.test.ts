/** ISODD, ISEVEN, ISREF, TYPE, ERROR.TYPE, CELL: Microsoft's documented examples and rules. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, run, sheetValues } from '../../../support/engine';

describe('ISODD and ISEVEN', () => {
  it.each([
    // Microsoft's ISODD page: =ISODD(-1) TRUE, =ISODD(2.5) FALSE, =ISODD(5) TRUE ("if number is not an integer,
    // it is truncated").
    ['=ISODD(-1)', true],
    ['=ISODD(2.5)', false],
    ['=ISODD(5)', true],
    // ISEVEN's page: =ISEVEN(-1) FALSE, =ISEVEN(2.5) TRUE, =ISEVEN(5) FALSE.
    ['=ISEVEN(-1)', false],
    ['=ISEVEN(2.5)', true],
    ['=ISEVEN(5)', false],
    // Truncation, not rounding: -5.5 is -5 (odd), 3.4 is 3 (odd).
    ['=ISODD(-5.5)', true],
    ['=ISODD(3.4)', true],
  ])('%s is %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });

  it('is #VALUE! for a logical value or text that is not a number', () => {
    expectErrorCell(evaluateFormula('=ISODD(TRUE)'), '#VALUE!', 'TRUE is not a number');
    expectErrorCell(evaluateFormula('=ISEVEN("abc")'), '#VALUE!', 'not a number');
  });
});

describe('TYPE, ERROR.TYPE, ISREF', () => {
  it.each([
    // Microsoft's TYPE page, A2 = "Smith": TYPE(A2) 2, TYPE("MR. "&A2) 2, TYPE(2+A2) 16, TYPE({1,2;3,4}) 64.
    ['=TYPE(Data!A1)', 2],
    ['=TYPE("MR. "&Data!A1)', 2],
    ['=TYPE(2+Data!A1)', 16],
    ['=TYPE({1,2;3,4})', 64],
    ['=TYPE(TRUE)', 4],
    ['=TYPE(Data!B1)', 1],
    // ERROR.TYPE's table: #DIV/0! is 2, #N/A is 7.
    ['=ERROR.TYPE(1/0)', 2],
    ['=ERROR.TYPE(NA())', 7],
    // ISREF: "Value refers to a reference."
    ['=ISREF(Data!A1)', true],
    ['=ISREF(Data!A1:Data!A3)', true],
    ['=ISREF(5)', false],
  ])('%s is %p', (formula, expected) => {
    expect(run([['Smith']], formula)).toBe(expected);
  });

  it('ERROR.TYPE of #CALC! is 14', () => {
    // ERROR.TYPE's table lists #CALC! as 14; FILTER with no row included is #CALC! (FILTER's doc: "an empty array").
    expect(evaluateFormula('=ERROR.TYPE(FILTER({1,2},{FALSE,FALSE}))')).toBe(14);
  });

  it('ERROR.TYPE of a value that is not an error is #N/A', () => {
    // "If error_val is not an error, ERROR.TYPE returns the #N/A error value."
    expectErrorCell(evaluateFormula('=ERROR.TYPE(5)'), '#N/A', 'not an error');
  });
});

describe('CELL', () => {
  it.each([
    // Microsoft's CELL page: =CELL("row",A20) is 20; "address" is the first cell of the reference as text.
    ['=CELL("row",Data!A20)', 20],
    ['=CELL("col",Data!C2)', 3],
    ['=CELL("address",Data!A2:Data!A4)', '$A$2'],
    ['=CELL("contents",Data!A1)', 75],
    ['=CELL("type",Data!A2)', 'l'],
    ['=CELL("type",Data!A1)', 'v'],
    ['=CELL("type",Data!A9)', 'b'],
  ])('%s is %p', (formula, expected) => {
    expect(run([[75], ['Hello, world!']], formula)).toBe(expected);
  });

  it('is #VALUE! for an unknown info_type', () => {
    expectErrorCell(run([[1]], '=CELL("hello",Data!A1)'), '#VALUE!', 'not one Excel knows');
  });
});

describe('SINGLE (the @ operator)', () => {
  it('takes the value of a range at the formula row (implicit intersection)', () => {
    // Hand-checked: =@A1:A3 in row 2 reads A2.
    expect(
      sheetValues([
        [1, null],
        [2, '=SINGLE(A1:A3)*10'],
        [3, null],
      ])[1][1],
    ).toBe(20);
  });
});
