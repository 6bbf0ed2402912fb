/** MUNIT, MDETERM, MINVERSE, MMULT: the examples of Microsoft's doc page of each function. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, first } from '../../../support/engine';

describe('MUNIT / MDETERM / MINVERSE', () => {
  it('spills the identity matrix', () => {
    // MUNIT doc: "=MUNIT(3)" returns the 3 x 3 unit matrix.
    expect(evaluateFormula('=MUNIT(3)')).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expectErrorCell(first(evaluateFormula('=MUNIT(0)')), '#VALUE!', 'at least 1');
  });

  it('computes determinants', () => {
    // MDETERM doc: "=MDETERM(A2:D5)" of {1,3,8,5;1,3,6,1;1,1,1,0;7,3,10,2} is 88; "=MDETERM({3,6,1;1,1,0;3,10,2})" is 1;
    // "=MDETERM({3,6;1,1})" is -3; "=MDETERM({1,3,8,5;1,3,6,1})" is #VALUE! (not square).
    expect(evaluateFormula('=MDETERM({1,3,8,5;1,3,6,1;1,1,1,0;7,3,10,2})')).toBeCloseTo(88, 9);
    expect(evaluateFormula('=MDETERM({3,6,1;1,1,0;3,10,2})')).toBeCloseTo(1, 12);
    expect(evaluateFormula('=MDETERM({3,6;1,1})')).toBeCloseTo(-3, 12);
    expectErrorCell(evaluateFormula('=MDETERM({1,3,8,5;1,3,6,1})'), '#VALUE!', 'not square');
  });

  it('inverts matrices', () => {
    // MINVERSE doc: the inverse of {4,-1;2,0} is {0,0.5;-1,2}.
    const inv = evaluateFormula('=MINVERSE({4,-1;2,0})') as number[][];
    expect(inv.flat().map((x) => Math.round(x * 1e12) / 1e12)).toEqual([0, 0.5, -1, 2]);
    // {1,2;2,4} has determinant 0.
    expectErrorCell(first(evaluateFormula('=MINVERSE({1,2;2,4})')), '#NUM!', 'singular');
  });

  it('multiplies matrices (MMULT)', () => {
    // MMULT doc: {1,3;7,2} x {2,0;0,2} = {2,6;14,4}.
    expect(evaluateFormula('=MMULT({1,3;7,2},{2,0;0,2})')).toEqual([
      [2, 6],
      [14, 4],
    ]);
    // Dates are numbers: DATE(2024,1,10) = 45301, so {45301} x {2} = 90602.
    expect(first(evaluateFormula('=MMULT(DATE(2024,1,10),2)'))).toBe(90602);
  });

  it('gives MMULT errors as Excel does', () => {
    // "If ... the number of columns in array1 is different from the number of rows in array2 ... #VALUE!".
    expectErrorCell(first(evaluateFormula('=MMULT({1,2,3},{1,2})')), '#VALUE!', '3 columns');
    expectErrorCell(first(evaluateFormula('=MMULT({1,"x"},{1;2})')), '#VALUE!', 'must hold a number');
    // An error inside an array is the result; 1e200 x 1e200 overflows a double.
    expectErrorCell(first(evaluateFormula('=MMULT({1,2},{1;1/0})')), '#DIV/0!', '');
    expectErrorCell(first(evaluateFormula('=MMULT(10^200,10^200)')), '#NUM!', 'too large');
  });
});
