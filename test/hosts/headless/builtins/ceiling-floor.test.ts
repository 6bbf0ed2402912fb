/** CEILING/FLOOR family: the examples of Microsoft's doc page of each function (support.microsoft.com). */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell } from '../../../support/engine';

const cases: [string, number][] = [
  // CEILING: "Rounds 2.5 up to nearest multiple of 1 (3)", "-2.5 up to nearest multiple of -2 (-4)", ...
  ['=CEILING(2.5, 1)', 3],
  ['=CEILING(-2.5, -2)', -4],
  ['=CEILING(-2.5, 2)', -2],
  ['=CEILING(1.5, 0.1)', 1.5],
  ['=CEILING(0.234, 0.01)', 0.24],
  // FLOOR
  ['=FLOOR(3.7,2)', 2],
  ['=FLOOR(-2.5,-2)', -2],
  ['=FLOOR(1.58,0.1)', 1.5],
  ['=FLOOR(0.234,0.01)', 0.23],
  // CEILING.MATH
  ['=CEILING.MATH(24.3,5)', 25],
  ['=CEILING.MATH(6.7)', 7],
  ['=CEILING.MATH(-8.1,2)', -8],
  ['=CEILING.MATH(-5.5,2,-1)', -6],
  // FLOOR.MATH
  ['=FLOOR.MATH(24.3,5)', 20],
  ['=FLOOR.MATH(6.7)', 6],
  ['=FLOOR.MATH(-8.1,2)', -10],
  ['=FLOOR.MATH(-5.5,2,-1)', -4],
  // CEILING.PRECISE and ISO.CEILING (same examples on both pages)
  ['=CEILING.PRECISE(4.3)', 5],
  ['=CEILING.PRECISE(-4.3)', -4],
  ['=CEILING.PRECISE(4.3, 2)', 6],
  ['=CEILING.PRECISE(4.3,-2)', 6],
  ['=CEILING.PRECISE(-4.3,2)', -4],
  ['=CEILING.PRECISE(-4.3,-2)', -4],
  ['=ISO.CEILING(4.3)', 5],
  ['=ISO.CEILING(-4.3,-2)', -4],
  // FLOOR.PRECISE
  ['=FLOOR.PRECISE(-3.2,-1)', -4],
  ['=FLOOR.PRECISE(3.2, 1)', 3],
  ['=FLOOR.PRECISE(-3.2, 1)', -4],
  ['=FLOOR.PRECISE(3.2,-1)', 3],
  ['=FLOOR.PRECISE(3.2)', 3],
];

describe('CEILING / FLOOR family', () => {
  it.each(cases)('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBeCloseTo(expected, 12);
  });

  it('gives the documented errors', () => {
    // FLOOR doc: "=FLOOR(2.5,-2) Returns an error value, because 2.5 and -2 have different signs (#NUM!)".
    expectErrorCell(evaluateFormula('=FLOOR(2.5,-2)'), '#NUM!', 'positive significance');
    // FLOOR: "If significance is 0, FLOOR returns #DIV/0!"; CEILING with 0 is 0.
    expectErrorCell(evaluateFormula('=FLOOR(3,0)'), '#DIV/0!', 'significance is 0');
    expect(evaluateFormula('=CEILING(3,0)')).toBe(0);
    expectErrorCell(evaluateFormula('=CEILING("eight",1)'), '#VALUE!', 'number "eight" is not a number');
    expectErrorCell(evaluateFormula('=CEILING(1,"")'), '#VALUE!', 'significance is empty text');
  });

  it('reads numbers and dates typed as text, as Excel does', () => {
    expect(evaluateFormula('=CEILING(" 10 ",3)')).toBe(12);
    // 2024-01-10 is serial 45301 (DATE(2024,1,10)).
    expect(evaluateFormula('=FLOOR("2024-01-10",1)')).toBe(45301);
  });
});
