/** BESSELI/J/K/Y: the examples of Microsoft's doc page of each function, symmetry rules and argument errors. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { besselI } from '../../../../src/hosts/headless/builtins/bessel';
import { expectErrorCell } from '../../../support/engine';

describe('BESSELI, BESSELJ, BESSELK, BESSELY', () => {
  it.each([
    // Microsoft's examples: "Modified Bessel function at 1.5 with an order of 1" etc.
    ['=BESSELI(1.5, 1)', 0.981666428],
    ['=BESSELJ(1.9, 2)', 0.329925728],
    ['=BESSELK(1.5, 1)', 0.277387804],
    ['=BESSELY(2.5, 1)', 0.145918138],
  ])('%s = %p (Microsoft)', (formula, expected) => {
    expect(evaluateFormula(formula)).toBeCloseTo(expected, 8);
  });

  it('computes I_n for a large x and for n >= 2 to the accuracy of the approximation', () => {
    // Abramowitz & Stegun table 9.8: I0(10) = 2815.716628, I1(10) = 2670.988304; I_n(x) for n >= 2 from the
    // recurrence I_{n+1} = I_{n-1} - (2n/x) I_n: I2(10) = 2815.716628 - 0.2 * 2670.988304 = 2281.518967.
    expect(besselI(10, 0) / 2815.716628).toBeCloseTo(1, 7);
    expect(besselI(10, 1) / 2670.988304).toBeCloseTo(1, 7);
    expect(besselI(10, 2) / 2281.518967).toBeCloseTo(1, 7);
  });

  it('uses the parity of the order for a negative x: I_n(-x) = (-1)^n I_n(x), J likewise', () => {
    expect(evaluateFormula('=BESSELI(-10, 0)')).toBeCloseTo(evaluateFormula('=BESSELI(10, 0)') as number, 6);
    expect(evaluateFormula('=BESSELI(-10, 1)')).toBeCloseTo(-(evaluateFormula('=BESSELI(10, 1)') as number), 6);
    expect(evaluateFormula('=BESSELI(-1.5, 1)')).toBeCloseTo(-0.981666428, 8);
    expect(evaluateFormula('=BESSELJ(-1.9, 2)')).toBeCloseTo(0.329925728, 8);
  });

  it('truncates a fractional order (Microsoft: "If n is not an integer, it is truncated")', () => {
    expect(evaluateFormula('=BESSELI(1.5, 1.9)')).toBeCloseTo(0.981666428, 8);
    expect(evaluateFormula('=BESSELY(2.5, 1.2)')).toBeCloseTo(0.145918138, 8);
  });

  it('reads numeric text and refuses logical values, negative orders and x <= 0 for K and Y', () => {
    expect(evaluateFormula('=BESSELK("1.5", 1)')).toBeCloseTo(0.277387804, 8);
    expectErrorCell(evaluateFormula('=BESSELI(TRUE, 1)'), '#VALUE!', 'BESSELI: x is a logical value');
    expectErrorCell(evaluateFormula('=BESSELJ(1, FALSE)'), '#VALUE!', 'BESSELJ: n is a logical value');
    expectErrorCell(evaluateFormula('=BESSELJ("one", 1)'), '#VALUE!', 'BESSELJ: x');
    expectErrorCell(evaluateFormula('=BESSELI(2, -1)'), '#NUM!', 'n must be 0 or more');
    expectErrorCell(evaluateFormula('=BESSELK(0, 1)'), '#NUM!', 'x must be greater than 0');
    expectErrorCell(evaluateFormula('=BESSELY(-1, 1)'), '#NUM!', 'x must be greater than 0');
    expectErrorCell(evaluateFormula('=BESSELI(1000, 0)'), '#NUM!', 'too large');
    expectErrorCell(evaluateFormula('=BESSELJ(1, 10^12)'), '#NUM!', 'n above 1000000 is not supported');
  });
});
