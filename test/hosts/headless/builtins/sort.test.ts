/** SORT, SORTBY, UNIQUE: the rules of Microsoft's doc of each, on small arrays worked out by hand. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, first } from '../../../support/engine';

describe('SORT / SORTBY / UNIQUE', () => {
  it.each([
    // SORT sorts rows by the first column, ascending, by default; sort_order -1 is descending.
    [
      '=SORT({3,"c";1,"a";2,"b"})',
      [
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ],
    ],
    [
      '=SORT({3,"c";1,"a";2,"b"},2,-1)',
      [
        [3, 'c'],
        [2, 'b'],
        [1, 'a'],
      ],
    ],
    // by_col TRUE sorts the columns by the first row.
    [
      '=SORT({3,1,2;"c","a","b"},1,1,TRUE)',
      [
        [1, 2, 3],
        ['a', 'b', 'c'],
      ],
    ],
    // Excel's order: numbers, then text (case-insensitive, ties keep their order), then logical values.
    ['=SORT({"b";TRUE;"A";2;"a"})', [[2], ['A'], ['a'], ['b'], [true]]],
    // SORTBY doc: sort names by a second array (ages).
    ['=SORTBY({"Tom";"Fred";"Amy"},{52;65;22})', [['Amy'], ['Tom'], ['Fred']]],
    ['=SORTBY({"Tom";"Fred";"Amy"},{52;65;22},-1)', [['Fred'], ['Tom'], ['Amy']]],
    // Two keys: by group, then by value descending.
    ['=SORTBY({1;2;3;4},{"x";"y";"x";"y"},1,{1;2;3;4},-1)', [[3], [1], [4], [2]]],
    // UNIQUE doc: duplicates removed in order of first appearance; exactly_once keeps values that occur once.
    ['=UNIQUE({1;2;2;3;1})', [[1], [2], [3]]],
    ['=UNIQUE({1;2;2;3;1},FALSE,TRUE)', [[3]]],
    ['=UNIQUE({"a";"A";"b"})', [['a'], ['b']]],
  ])('%s', (formula, expected) => {
    expect(evaluateFormula(formula)).toEqual(expected);
  });

  it('gives the documented errors', () => {
    expectErrorCell(first(evaluateFormula('=SORT({1;2},3)')), '#VALUE!', 'sort_index 3');
    expectErrorCell(first(evaluateFormula('=SORT({1;2},1,2)')), '#VALUE!', 'must be 1 (ascending) or -1');
    expectErrorCell(first(evaluateFormula('=SORTBY({1;2;3},{1;2})')), '#VALUE!', 'by_array1 must be one column');
  });
});
