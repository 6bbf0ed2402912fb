/**
 * TOCOL, TOROW, CHOOSECOLS, CHOOSEROWS, DROP, TAKE, EXPAND, WRAPROWS, WRAPCOLS: the behaviour Microsoft's doc of each
 * describes, on small arrays whose results are worked out by hand in each case.
 */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, first } from '../../../support/engine';

describe('array-shaping functions', () => {
  it.each([
    // TOCOL scans by row by default; TRUE scans by column.
    ['=TOCOL({1,2;3,4})', [[1], [2], [3], [4]]],
    ['=TOCOL({1,2;3,4},0,TRUE)', [[1], [3], [2], [4]]],
    ['=TOROW({1,2;3,4})', [[1, 2, 3, 4]]],
    // CHOOSECOLS doc: "=CHOOSECOLS(A2:E7,1,3,5,1)" picks columns 1, 3, 5 and 1 again; -1 is the last column.
    [
      '=CHOOSECOLS({1,2,3;4,5,6},1,3,1)',
      [
        [1, 3, 1],
        [4, 6, 4],
      ],
    ],
    ['=CHOOSECOLS({1,2,3;4,5,6},-1)', [[3], [6]]],
    [
      '=CHOOSEROWS({1,2;3,4;5,6},3,1)',
      [
        [5, 6],
        [1, 2],
      ],
    ],
    // TAKE doc: "=TAKE(A2:C4,2)" returns the first two rows; negative counts take from the end.
    [
      '=TAKE({1,2,3;4,5,6;7,8,9},2)',
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ],
    [
      '=TAKE({1,2,3;4,5,6;7,8,9},,3)',
      [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
    ],
    [
      '=TAKE({1,2,3;4,5,6;7,8,9},-2,2)',
      [
        [4, 5],
        [7, 8],
      ],
    ],
    // DROP doc: "=DROP(A2:C4,2)" leaves the last row; "=DROP(A2:C4,-2,2)" leaves row 1, column 3.
    ['=DROP({1,2,3;4,5,6;7,8,9},2)', [[7, 8, 9]]],
    ['=DROP({1,2,3;4,5,6;7,8,9},-2,2)', 3],
    // EXPAND doc: "=EXPAND(A2:B3,3,3,"-")" pads to 3 x 3 with "-".
    [
      '=EXPAND({1,2;3,4},3,3,"-")',
      [
        [1, 2, '-'],
        [3, 4, '-'],
        ['-', '-', '-'],
      ],
    ],
    // WRAPROWS doc: wraps a row into rows of 3, padding the last one.
    [
      '=WRAPROWS({"A","B","C","D","E","F","G"},3,"x")',
      [
        ['A', 'B', 'C'],
        ['D', 'E', 'F'],
        ['G', 'x', 'x'],
      ],
    ],
    [
      '=WRAPCOLS({"A","B","C","D","E"},2,"x")',
      [
        ['A', 'C', 'E'],
        ['B', 'D', 'x'],
      ],
    ],
  ])('%s', (formula, expected) => {
    expect(evaluateFormula(formula)).toEqual(expected);
  });

  // A failed call fills its reserved range with the error; the anchor cell is the one Excel shows.
  it('gives the documented errors', () => {
    // CHOOSECOLS: "If the absolute value of any of the col_num arguments is zero or exceeds the number of columns ... #VALUE!".
    expectErrorCell(first(evaluateFormula('=CHOOSECOLS({1,2},3)')), '#VALUE!', 'column 3 is outside');
    // EXPAND: rows smaller than the array's is #VALUE!.
    expectErrorCell(first(evaluateFormula('=EXPAND({1;2;3},2)')), '#VALUE!', 'smaller than the array');
    // WRAPROWS: "If wrap_count is less than 1, WRAPROWS returns a #NUM!"; a 2-D vector is #VALUE!.
    expectErrorCell(first(evaluateFormula('=WRAPROWS({1,2,3},0)')), '#NUM!', 'at least 1');
    expectErrorCell(first(evaluateFormula('=WRAPROWS({1,2;3,4},2)')), '#VALUE!', 'one row or one column');
    // DROP of every row is an empty array: Excel's #CALC!.
    expectErrorCell(first(evaluateFormula('=DROP({1;2},2)')), '#VALUE!', '#CALC!');
  });
});
