/** FILTER, VSTACK, HSTACK: Microsoft's doc rules on small arrays worked out by hand. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, first } from '../../../support/engine';

describe('FILTER / VSTACK / HSTACK', () => {
  it.each([
    // FILTER keeps the rows whose include is TRUE (or non-zero).
    [
      '=FILTER({1,"a";2,"b";3,"c"},{TRUE;FALSE;1})',
      [
        [1, 'a'],
        [3, 'c'],
      ],
    ],
    // A one-row include filters columns.
    ['=FILTER({1,2,3},{0,1,1})', [[2, 3]]],
    // Nothing kept: if_empty.
    ['=FILTER({1;2},{0;0},"none")', [['none']]],
    // VSTACK doc: "=VSTACK(A2:C3,E2:G3)" stacks vertically; HSTACK side by side; short inputs padded with #N/A.
    [
      '=VSTACK({1,2},{3,4})',
      [
        [1, 2],
        [3, 4],
      ],
    ],
    [
      '=HSTACK({1;2},{3;4})',
      [
        [1, 3],
        [2, 4],
      ],
    ],
  ])('%s', (formula, expected) => {
    expect(evaluateFormula(formula)).toEqual(expected);
  });

  it('pads and errs as Excel does', () => {
    const v = evaluateFormula('=VSTACK({1,2},{3})') as unknown[][];
    expect(v[1][0]).toBe(3);
    expectErrorCell(v[1][1], '#N/A', 'padding');
    // FILTER doc: "If the include argument contains ... text, FILTER returns #VALUE!"; an empty result is #CALC!.
    expectErrorCell(first(evaluateFormula('=FILTER({3;5},{"yes";1})')), '#VALUE!', 'text "yes"');
    expectErrorCell(first(evaluateFormula('=FILTER({3;5},{0;0})')), '#VALUE!', '#CALC!');
    expectErrorCell(first(evaluateFormula('=FILTER({3;5},{1;0;1})')), '#VALUE!', 'include must be');
  });
});
