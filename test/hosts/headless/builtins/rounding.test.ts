/** ROUND, ROUNDUP, ROUNDDOWN, TRUNC, INT, MROUND: the examples of Microsoft's doc page of each function. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell } from '../../../support/engine';

describe('rounding functions', () => {
  it.each([
    ['=ROUND(2.15, 1)', 2.2],
    ['=ROUND(2.149, 1)', 2.1],
    ['=ROUND(-1.475, 2)', -1.48],
    ['=ROUND(21.5, -1)', 20],
    ['=ROUND(626.3,-3)', 1000],
    ['=ROUND(1.98,-1)', 0],
    ['=ROUND(-50.55,-2)', -100],
    // Excel rounds the decimal it shows: 2.675 -> 2.68 (the nearest double is just below 2.675).
    ['=ROUND(2.675, 2)', 2.68],
    ['=ROUNDUP(3.2,0)', 4],
    ['=ROUNDUP(76.9,0)', 77],
    ['=ROUNDUP(3.14159, 3)', 3.142],
    ['=ROUNDUP(-3.14159, 1)', -3.2],
    ['=ROUNDUP(31415.92654, -2)', 31500],
    ['=ROUNDDOWN(3.2, 0)', 3],
    ['=ROUNDDOWN(76.9,0)', 76],
    ['=ROUNDDOWN(3.14159, 3)', 3.141],
    ['=ROUNDDOWN(-3.14159, 1)', -3.1],
    ['=ROUNDDOWN(31415.92654, -2)', 31400],
    ['=TRUNC(8.9)', 8],
    ['=TRUNC(-8.9)', -8],
    ['=TRUNC(0.45)', 0],
    ['=INT(8.9)', 8],
    ['=INT(-8.9)', -9],
    ['=MROUND(10, 3)', 9],
    ['=MROUND(-10, -3)', -9],
    ['=MROUND(1.3, 0.2)', 1.4],
  ])('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });

  it('gives the documented errors', () => {
    // MROUND doc: "=MROUND(5, -2) Returns an error, because -2 and 5 have different signs (#NUM!)".
    expectErrorCell(evaluateFormula('=MROUND(5, -2)'), '#NUM!', 'different signs');
    expectErrorCell(evaluateFormula('=ROUND("x", 1)'), '#VALUE!', 'number "x"');
    expectErrorCell(evaluateFormula('=MROUND(,5)'), '#N/A', 'missing');
  });
});
