/** GCD and LCM: the examples of Microsoft's GCD and LCM doc pages, and Excel's argument rules. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, sheetValues } from '../../../support/engine';

describe('GCD / LCM', () => {
  it.each([
    ['=GCD(5, 2)', 1],
    ['=GCD(24, 36)', 12],
    ['=GCD(7, 1)', 1],
    ['=GCD(5, 0)', 5],
    ['=LCM(5, 2)', 10],
    ['=LCM(24, 36)', 72],
    // "If any value is not an integer, it is truncated": LCM(7.5, 4.5) = LCM(7, 4) = 28.
    ['=LCM(7.5, 4.5)', 28],
    ['=LCM("8", 2)', 8],
  ])('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });

  it('gives the documented errors', () => {
    // "If any argument is less than zero, GCD returns the #NUM! error value."
    expectErrorCell(evaluateFormula('=GCD(-1, 5)'), '#NUM!', 'negative');
    // "If any argument is nonnumeric, LCM returns the #VALUE! error value."
    expectErrorCell(evaluateFormula('=LCM("eight", 2)'), '#VALUE!', 'not a number');
    expectErrorCell(evaluateFormula('=LCM(TRUE, 2)'), '#VALUE!', 'logical value');
    // (2^31-1) x (2^30-1) is beyond 2^53.
    expectErrorCell(evaluateFormula('=LCM(2^31-1, 2^30-1)'), '#NUM!', '2^53');
  });

  it('skips a reference to an empty cell but counts an empty cell of a range as 0', () => {
    // LCM(10, 3, <empty>) = 30; LCM over {empty, 5} = LCM(0, 5) = 0.
    expect(sheetValues([[10, 3, null, '=LCM(A1,B1,C1)', '=LCM(C1:D1)']])[0].slice(3)).toEqual([30, 0]);
  });
});
