/** SEQUENCE: the examples of Microsoft's doc page and Excel's defaults for omitted arguments. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, first, sheetValues } from '../../../support/engine';

describe('SEQUENCE', () => {
  it("Microsoft's example: SEQUENCE(4,5) spills 1..20 in 4 rows of 5", () => {
    expect(evaluateFormula('=SEQUENCE(4,5)')).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15],
      [16, 17, 18, 19, 20],
    ]);
  });

  it('defaults every omitted argument to 1, rows included', () => {
    // SEQUENCE(3,,10): 3 rows, 1 column, from 10 by 1.
    expect(evaluateFormula('=SEQUENCE(3,,10)')).toEqual([[10], [11], [12]]);
    // SEQUENCE(,4,,2.5): 1 row of 4 from 1 by 2.5: 1, 3.5, 6, 8.5.
    expect(evaluateFormula('=SEQUENCE(,4,,2.5)')).toEqual([[1, 3.5, 6, 8.5]]);
    // Sizes are truncated: SEQUENCE(2.3, 2, 7) is 2 x 2 from 7.
    expect(evaluateFormula('=SEQUENCE(2.3,2,7)')).toEqual([
      [7, 8],
      [9, 10],
    ]);
  });

  it('refuses sizes below 1 and says to type a computed size', () => {
    // 0 rows (0.3 truncated) is an empty array, #CALC! in Excel (the engine's #VALUE! with a #CALC! message).
    expectErrorCell(first(evaluateFormula('=SEQUENCE(0,0)')), '#VALUE!', /^#CALC! SEQUENCE/);
    expectErrorCell(first(evaluateFormula('=SEQUENCE(0.3)')), '#VALUE!', /^#CALC! SEQUENCE/);
    expectErrorCell(first(evaluateFormula('=SEQUENCE(-1)')), '#VALUE!', 'must not be negative');
    const out = sheetValues([[3, '=SEQUENCE(A1)']]);
    expect(out[0][1]).toMatchObject({ value: '#SPILL!' });
  });
});
