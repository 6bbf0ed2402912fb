/** DOLLARDE, DOLLARFR: Microsoft's documented examples. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, run } from '../../../support/engine';

describe('DOLLARDE and DOLLARFR', () => {
  it.each([
    // DOLLARDE's page: 1.02 read as 1 and 2/16 is 1.125; 1.1 read as 1 and 10/32 is 1.3125.
    ['=DOLLARDE(1.02,16)', 1.125],
    ['=DOLLARDE(1.1,32)', 1.3125],
    // DOLLARFR's page: 1.125 as 1 and 2/16 is 1.02; as 1 and 4/32 is 1.04.
    ['=DOLLARFR(1.125,16)', 1.02],
    ['=DOLLARFR(1.125,32)', 1.04],
  ])('%s is %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBeCloseTo(expected as number, 12);
  });

  it('refuses TRUE/FALSE and fractions below 1 as Excel does', () => {
    expectErrorCell(run([[true]], '=DOLLARDE(Data!A1,2)'), '#VALUE!', 'is TRUE, not a number');
    // "If fraction is less than 0, DOLLARDE returns the #NUM! error value"; from 0 to 1, #DIV/0!.
    expectErrorCell(evaluateFormula('=DOLLARDE(1.02,-1)'), '#NUM!', 'negative');
    expectErrorCell(evaluateFormula('=DOLLARFR(1.02,0.5)'), '#DIV/0!', 'below 1');
  });
});
