/** BITAND, BITOR, BITXOR, BITLSHIFT, BITRSHIFT: the examples of Microsoft's doc page of each function. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell } from '../../../support/engine';

describe('bit functions', () => {
  it.each([
    ['=BITAND(1,5)', 1],
    ['=BITAND(13,25)', 9],
    ['=BITOR(23,10)', 31],
    ['=BITXOR(5,3)', 6],
    ['=BITLSHIFT(4,2)', 16],
    ['=BITRSHIFT(13,2)', 3],
    // Beyond 32 bits: (2^48 - 1) OR 1 = 2^48 - 1 = 281474976710655.
    ['=BITOR(2^48-1,1)', 281474976710655],
    // 12 x 2^34 = 206158430208 (the shift 34.67 is truncated).
    ['=BITLSHIFT(12,34.67)', 206158430208],
  ])('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });

  it('gives the documented errors', () => {
    // "If either argument is greater than (2^48)-1, BITAND returns the #NUM! error value"; also non-integers.
    expectErrorCell(evaluateFormula('=BITAND(2^48,3)'), '#NUM!', '2^48-1');
    expectErrorCell(evaluateFormula('=BITOR(12.6,1)'), '#NUM!', 'whole number');
    // "If the absolute value of shift_amount is greater than 53, BITLSHIFT returns the #NUM! error value."
    expectErrorCell(evaluateFormula('=BITLSHIFT(12,-54)'), '#NUM!', 'between -53 and 53');
  });
});
