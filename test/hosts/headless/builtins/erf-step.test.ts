/** ERF/ERFC (and .PRECISE), GESTEP, DELTA: the examples of Microsoft's doc page of each function. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell } from '../../../support/engine';

describe('ERF, ERFC, GESTEP, DELTA', () => {
  it.each([
    ['=ERF(0.745)', 0.70792892],
    ['=ERF(1)', 0.84270079],
    ['=ERF.PRECISE(0.745)', 0.70792892],
    ['=ERF.PRECISE(1)', 0.84270079],
    ['=ERFC(1)', 0.15729921],
    ['=ERFC.PRECISE(1)', 0.15729921],
    // ERF(lower, upper) = erf(upper) - erf(lower): erf(1) - erf(0) = 0.84270079.
    ['=ERF(0,1)', 0.84270079],
  ])('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBeCloseTo(expected as number, 8);
  });

  it('keeps the digits of a tiny ERFC (not 1 - ERF)', () => {
    // erfc(6) = 2.1519736712498913e-17 (Abramowitz & Stegun tables; 1 - erf(6) would be 0 in doubles).
    expect((evaluateFormula('=ERFC(6)') as number) / 2.1519736712498913e-17).toBeCloseTo(1, 9);
  });

  it.each([
    ['=GESTEP(5, 4)', 1],
    ['=GESTEP(5, 5)', 1],
    ['=GESTEP(-4, -5)', 1],
    ['=GESTEP(-1)', 0],
    ['=DELTA(5, 4)', 0],
    ['=DELTA(5, 5)', 1],
    ['=DELTA(0.5)', 0],
  ])('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });

  it('refuses logical values, as Excel does', () => {
    expectErrorCell(evaluateFormula('=GESTEP(TRUE)'), '#VALUE!', 'logical value');
    expectErrorCell(evaluateFormula('=ERF(TRUE)'), '#VALUE!', 'logical value');
  });
});
