/** BETA, GAMMA, normal and lognormal distributions: Microsoft's examples for each function and exact values. */
import { DetailedCellError } from 'hyperformula';
import { run } from '../../../support/engine';

const value = (formula: string) => run([[]], formula) as number;
const near = (formula: string, expected: number, digits: number) =>
  expect(value(formula)).toBeCloseTo(expected, digits);
const code = (formula: string) => (run([[]], formula) as DetailedCellError).value;

describe('BETA.DIST and BETA.INV', () => {
  it("Microsoft's examples: BETA.DIST(2, 8, 10, TRUE, 1, 3) = 0.6854706, FALSE = 1.4837646; BETA.INV(0.685470581, 8, 10, 1, 3) = 2", () => {
    near('=BETA.DIST(2,8,10,TRUE,1,3)', 0.6854706, 7);
    near('=BETA.DIST(2,8,10,FALSE,1,3)', 1.4837646, 7);
    near('=BETA.INV(0.685470581,8,10,1,3)', 2, 8);
  });
  it('by hand: alpha = beta = 1 is uniform on [A, B], so the density is 1 / (B - A)', () => {
    expect(value('=BETA.DIST(0.234,1,1,TRUE,0.15,1.2)')).toBeCloseTo(0.084 / 1.05, 15);
    expect(value('=BETA.DIST(0.5,1,1,FALSE,0,4)')).toBeCloseTo(0.25, 15);
  });
  it('x at A is 0 and at B is 1; outside [A, B], A = B and probability 0 or 1 are #NUM!', () => {
    expect(value('=BETA.DIST(0.234,2,2.5,TRUE,0.234,1.2)')).toBe(0);
    expect(value('=BETA.DIST(1,1,1,TRUE)')).toBe(1);
    expect(code('=BETA.DIST(0.23,2,2.5,TRUE,0.234,1.2)')).toBe('#NUM!');
    expect(code('=BETA.DIST(0.234,2,2.5,TRUE,0.234,0.234)')).toBe('#NUM!');
    expect(code('=BETA.INV(0,1,2)')).toBe('#NUM!');
    expect(code('=BETA.INV(1,1,2)')).toBe('#NUM!');
  });
  it('BETA.INV in the far tail: x^100 = p on [0, 1] inverts to p^(1/100)', () => {
    expect(value('=BETA.INV(0.5^100,100,1)')).toBeCloseTo(0.5, 14);
  });
});

describe('GAMMA, GAMMA.DIST, GAMMA.INV', () => {
  it("Microsoft's examples: GAMMA(2.5) = 1.329, GAMMA(-3.75) = 0.268, GAMMA(0) and GAMMA(-2) #NUM!", () => {
    near('=GAMMA(2.5)', 1.329, 3);
    near('=GAMMA(-3.75)', 0.268, 3);
    expect(code('=GAMMA(0)')).toBe('#NUM!');
    expect(code('=GAMMA(-2)')).toBe('#NUM!');
  });
  it('exact values: GAMMA(2.5) = 3/4 √π, GAMMA(-0.5) = -2 √π; GAMMA(172) overflows to #NUM!', () => {
    expect(value('=GAMMA(2.5)')).toBeCloseTo(0.75 * Math.sqrt(Math.PI), 15);
    expect(value('=GAMMA(-0.5)')).toBeCloseTo(-2 * Math.sqrt(Math.PI), 14);
    expect(code('=GAMMA(172)')).toBe('#NUM!');
  });
  it("Microsoft's examples: GAMMA.DIST(10.00001131, 9, 2, FALSE) = 0.032639, TRUE = 0.068094; GAMMA.INV(0.068094, 9, 2) = 10.0000112", () => {
    near('=GAMMA.DIST(10.00001131,9,2,FALSE)', 0.032639, 6);
    near('=GAMMA.DIST(10.00001131,9,2,TRUE)', 0.068094, 6);
    near('=GAMMA.INV(0.068094,9,2)', 10.0000112, 6);
  });
  it('GAMMA.INV finds x far in the left tail: P(9, 1E-5) = 1E-45 / 9! to first order, so x = 10 at scale 1E6', () => {
    // P(a, x) = x^a e^-x / Γ(a+1) (1 + x/(a+1) + ...); at a = 9, x = 1E-5 the correction is 1E-6.
    expect(value('=GAMMA.INV(GAMMA.DIST(10,9,1000000,TRUE),9,1000000)')).toBeCloseTo(10, 9);
  });
});

describe('large shapes', () => {
  it('the gamma median is a - 1/3 to first order: GAMMA.INV(0.5, 1E9, 1) = 999999999.667', () => {
    expect(value('=GAMMA.INV(0.5,1000000000,1)')).toBeCloseTo(1e9 - 1 / 3, 3);
  });
  it('beyond what the series can settle (shape 1E12) GAMMA.DIST is #NUM!, not an unconverged number', () => {
    expect(code('=GAMMA.DIST(1000000000000,1000000000000,1,TRUE)')).toBe('#NUM!');
  });
});

describe('normal and lognormal distributions', () => {
  it("Microsoft's examples: NORM.DIST(42, 40, 1.5, TRUE) = 0.9087888, FALSE = 0.10934; NORM.INV(0.908789, 40, 1.5) = 42.000002", () => {
    near('=NORM.DIST(42,40,1.5,TRUE)', 0.9087888, 7);
    near('=NORM.DIST(42,40,1.5,FALSE)', 0.10934, 5);
    near('=NORM.INV(0.908789,40,1.5)', 42.000002, 6);
  });
  it("Microsoft's examples: NORM.S.DIST(1.333333, TRUE) = 0.908788726, FALSE = 0.164010148; NORM.S.INV(0.908789) = 1.3333347", () => {
    near('=NORM.S.DIST(1.333333,TRUE)', 0.908788726, 9);
    near('=NORM.S.DIST(1.333333,FALSE)', 0.164010148, 9);
    near('=NORM.S.INV(0.908789)', 1.3333347, 7);
  });
  it('the far tail: Φ(-10) = 7.6198530241605E-24 (published tables) and NORM.S.INV of it is -10 (Excel; jStat #NUM!)', () => {
    expect(value('=NORM.S.DIST(-10,TRUE)') / 7.6198530241605e-24).toBeCloseTo(1, 12);
    expect(value('=NORM.S.INV(NORM.S.DIST(-10,TRUE))')).toBeCloseTo(-10, 13);
  });
  it("Microsoft's examples: LOGNORM.DIST(4, 3.5, 1.2, TRUE) = 0.0390836, FALSE = 0.0176176; LOGNORM.INV(0.039084, 3.5, 1.2) = 4.0000252", () => {
    near('=LOGNORM.DIST(4,3.5,1.2,TRUE)', 0.0390836, 7);
    near('=LOGNORM.DIST(4,3.5,1.2,FALSE)', 0.0176176, 7);
    near('=LOGNORM.INV(0.039084,3.5,1.2)', 4.0000252, 6);
  });
  it("GAUSS: Microsoft's example GAUSS(2) = 0.47725; near 0 it is z/√(2π) (1 - z²/6) without cancellation", () => {
    near('=GAUSS(2)', 0.47725, 5);
    expect(value('=GAUSS(0.0000001)') / (1e-7 / Math.sqrt(2 * Math.PI))).toBeCloseTo(1, 14);
  });
  it('standard_dev <= 0 and probability outside (0, 1) are #NUM!', () => {
    expect(code('=NORM.DIST(42,40,0,TRUE)')).toBe('#NUM!');
    expect(code('=NORM.INV(1,40,1.5)')).toBe('#NUM!');
    expect(code('=LOGNORM.INV(0,3.5,1.2)')).toBe('#NUM!');
  });
});

describe('CHISQ.DIST, CHISQ.DIST.RT, CHISQ.INV, CHISQ.INV.RT', () => {
  it("Microsoft's examples: CHISQ.DIST(0.5, 1, TRUE) = 0.52049988, CHISQ.DIST(2, 3, FALSE) = 0.20755375", () => {
    near('=CHISQ.DIST(0.5,1,TRUE)', 0.52049988, 8);
    near('=CHISQ.DIST(2,3,FALSE)', 0.20755375, 8);
  });
  it("Microsoft's examples: CHISQ.INV(0.93, 1) = 3.283020287, CHISQ.INV(0.6, 2) = 1.832581464", () => {
    near('=CHISQ.INV(0.93,1)', 3.283020287, 9);
    near('=CHISQ.INV(0.6,2)', 1.832581464, 9);
  });
  it("Microsoft's examples: CHISQ.DIST.RT(18.307, 10) = 0.0500006, CHISQ.INV.RT(0.050001, 10) = 18.30697346", () => {
    near('=CHISQ.DIST.RT(18.307,10)', 0.0500006, 7);
    near('=CHISQ.INV.RT(0.050001,10)', 18.30697346, 8);
  });
  it('closed forms for 2 degrees of freedom: the right tail is e^(-x/2), so CHISQ.INV(0.6, 2) = -2 ln 0.4', () => {
    expect(value('=CHISQ.INV(0.6,2)')).toBeCloseTo(-2 * Math.log(0.4), 14);
    expect(value('=CHISQ.DIST.RT(100,2)') / Math.exp(-50)).toBeCloseTo(1, 13);
    expect(value('=CHISQ.INV.RT(10^-20,2)')).toBeCloseTo(-2 * Math.log(1e-20), 11);
  });
  it('degrees of freedom are truncated; x < 0 and deg_freedom < 1 are #NUM!', () => {
    expect(value('=CHISQ.DIST(8,3.34,TRUE)')).toBe(value('=CHISQ.DIST(8,3,TRUE)'));
    expect(code('=CHISQ.DIST(-1,3,TRUE)')).toBe('#NUM!');
    expect(code('=CHISQ.DIST.RT(1,0.5)')).toBe('#NUM!');
  });
});
