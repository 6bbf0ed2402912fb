/** COT, CSC, SEC, COTH, CSCH, SECH, ACOT and ACOTH: Microsoft's documented examples and Excel's rules. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell } from '../../../support/engine';

describe('reciprocal trigonometric functions', () => {
  it.each([
    // Each function's doc example (results as the docs round them).
    ['=COT(30)', -0.156, 3],
    ['=CSC(15)', 1.538, 3],
    ['=SEC(45)', 1.9, 2],
    ['=COTH(2)', 1.037, 3],
    ['=CSCH(1.5)', 0.4696, 4],
    ['=SECH(1)', 0.6481, 4],
    ['=ACOT(2)', 0.4636, 4],
    ['=ACOTH(6)', 0.168, 3],
  ])('%s = %p', (formula, expected, digits) => {
    expect(evaluateFormula(formula)).toBeCloseTo(expected, digits);
  });

  it('ACOT is in (0, pi): negative numbers give angles above pi/2', () => {
    // ACOT doc: "the principal value ... in the range 0 (zero) to pi". ACOT(-1) = 3pi/4 (hand).
    expect(evaluateFormula('=ACOT(-1)')).toBeCloseTo((3 * Math.PI) / 4, 12);
    expect(evaluateFormula('=ACOT(0)')).toBeCloseTo(Math.PI / 2, 12);
  });

  it("reduces by Excel's x87 pi near a pole", () => {
    // Excel's sin of the double PI() is 1.22514845490862E-16 (pi_x87 - PI(), pi_x87 = 0xC90FDAA22168C235 / 2^62),
    // so CSC(PI()) = 1 / 1.22514845490862E-16 = 8.16227...E15 (hand), not 1 / 1.2246E-16.
    expect((evaluateFormula('=CSC(PI())') as number) / (1 / 1.22514845490862e-16)).toBeCloseTo(1, 12);
    // Excel's cached values in TRIGONOMETRIC.xlsx: COT(PI()-1E-12) and SEC(PI()/2-1E-12).
    expect((evaluateFormula('=COT(PI()-0.000000000001)') as number) / -999788629259.2037).toBeCloseTo(1, 12);
    expect((evaluateFormula('=SEC(PI()/2-0.000000000001)') as number) / 999849864538.9548).toBeCloseTo(1, 12);
  });

  it('hyperbolic functions of a huge number stay finite', () => {
    // coth(1e13) = 1 and sech(1e13) = 0 (Excel's values in TRIGONOMETRIC.xlsx).
    expect(evaluateFormula('=COTH(9999999999999)')).toBe(1);
    expect(evaluateFormula('=SECH(9999999999999)')).toBe(0);
  });

  it('gives the documented errors', () => {
    expectErrorCell(evaluateFormula('=COT(0)'), '#DIV/0!', 'number is 0');
    expectErrorCell(evaluateFormula('=CSCH(0)'), '#DIV/0!', 'number is 0');
    // "The absolute value of Number must be less than 2^27."
    expectErrorCell(evaluateFormula('=SEC(2^27)'), '#NUM!', '2^27');
    // ACOTH needs |number| > 1.
    expectErrorCell(evaluateFormula('=ACOTH(0.5)'), '#NUM!', 'greater than 1');
    expectErrorCell(evaluateFormula('=SECH("")'), '#VALUE!', 'empty text');
    expectErrorCell(evaluateFormula('=ACOT("x")'), '#VALUE!', 'not a number');
  });
});
