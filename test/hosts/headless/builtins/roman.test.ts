/** ROMAN and ARABIC: Microsoft's documented examples and Excel's limits. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell } from '../../../support/engine';

describe('ROMAN', () => {
  it.each([
    // ROMAN doc: 499 in the five forms, and 2013.
    ['=ROMAN(499,0)', 'CDXCIX'],
    ['=ROMAN(499,1)', 'LDVLIV'],
    ['=ROMAN(499,2)', 'XDIX'],
    ['=ROMAN(499,3)', 'VDIV'],
    ['=ROMAN(499,4)', 'ID'],
    ['=ROMAN(2013,0)', 'MMXIII'],
    // TRUE is classic, FALSE simplified (the doc's form table): 99 is XCIX and IC.
    ['=ROMAN(99,TRUE)', 'XCIX'],
    ['=ROMAN(99,FALSE)', 'IC'],
    // The number is truncated: 3999.9999999 is MMMCMXCIX; 0.3 is the empty text.
    ['=ROMAN(3999.9999999)', 'MMMCMXCIX'],
    ['=ROMAN(0.3)', ''],
    ['=ROMAN("16")', 'XVI'],
  ])('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });

  it('is #VALUE! for a number out of range or a bad form', () => {
    // "If number is negative ... or greater than 3999, the #VALUE! error value is returned."
    expectErrorCell(evaluateFormula('=ROMAN(4000)'), '#VALUE!', 'above 3999');
    expectErrorCell(evaluateFormula('=ROMAN(-13)'), '#VALUE!', 'negative');
    expectErrorCell(evaluateFormula('=ROMAN(5, 5)'), '#VALUE!', '0 to 4');
    expectErrorCell(evaluateFormula('=ROMAN(5, "hello")'), '#VALUE!', 'not a number');
  });
});

describe('ARABIC', () => {
  it.each([
    // ARABIC doc: "LVII" = 57, "mcmxii" = 1912, "mxmvii" = 1997 (case ignored), "" = 0.
    ['=ARABIC("LVII")', 57],
    ['=ARABIC("mcmxii")', 1912],
    ['=ARABIC("mxmvii")', 1997],
    ['=ARABIC("")', 0],
    // Negative numerals are supported ("-MMXI"); leading and trailing spaces are ignored.
    ['=ARABIC("-MMXI")', -2011],
    ['=ARABIC("  XIV ")', 14],
    // Any string of the letters reads by the additive rule: C<M subtracts, so CMM = -100 + 1000 + 1000 = 1900.
    ['=ARABIC("CMM")', 1900],
    ['=ARABIC("ixix")', 18],
  ])('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });

  it('is #VALUE! for numbers, logical values and other letters', () => {
    // "Values that return a #VALUE! error value include numbers, dates, and text that is not a valid Roman numeral."
    expectErrorCell(evaluateFormula('=ARABIC(126)'), '#VALUE!', 'not a number');
    expectErrorCell(evaluateFormula('=ARABIC(TRUE)'), '#VALUE!', 'as text');
    expectErrorCell(evaluateFormula('=ARABIC("A")'), '#VALUE!', 'not a Roman numeral');
    expectErrorCell(evaluateFormula('=ARABIC(REPT("M",256))'), '#VALUE!', '255');
  });
});
