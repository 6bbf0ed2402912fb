/** BINOM.DIST, BINOM.INV, NEGBINOM.DIST, POISSON.DIST: Microsoft's examples for each function and hand calculations. */
import { DetailedCellError } from 'hyperformula';
import { run } from '../../../support/engine';

const value = (formula: string) => run([[]], formula) as number;
const near = (formula: string, expected: number, digits: number) =>
  expect(value(formula)).toBeCloseTo(expected, digits);
/** Relative agreement to `digits` significant digits (for tiny probabilities, where toBeCloseTo says nothing). */
const rel = (formula: string, expected: number, digits: number) =>
  expect(Math.abs(value(formula) / expected - 1)).toBeLessThan(10 ** -digits);
const code = (formula: string) => (run([[]], formula) as DetailedCellError).value;

describe('BINOM.DIST and BINOM.INV', () => {
  it("Microsoft's examples: BINOM.DIST(6, 10, 0.5, FALSE) = 0.2050781, BINOM.INV(6, 0.5, 0.75) = 4", () => {
    near('=BINOM.DIST(6,10,0.5,FALSE)', 0.2050781, 7);
    expect(value('=BINOM.INV(6,0.5,0.75)')).toBe(4);
  });
  it('BINOM.DIST(2, 10, 0.5, TRUE) = (1 + 10 + 45) / 1024 by hand; counts are truncated', () => {
    expect(value('=BINOM.DIST(2,10,0.5,TRUE)')).toBeCloseTo(56 / 1024, 15);
    expect(value('=BINOM.DIST(2.99,10.99,0.5,TRUE)')).toBeCloseTo(56 / 1024, 15);
  });
  it('keeps full precision with a million trials: P(X <= 1) = (1-p)^(n-1) (1 - p + n p)', () => {
    // n = 1,000,000, p = 0.00001: (1 - 1e-5)^999999 x (1 - 1e-5 + 10); Excel 0.0004993787976951216 (jStat 0.0004993788).
    const expected = Math.exp(999999 * Math.log1p(-1e-5)) * (1 - 1e-5 + 10);
    rel('=BINOM.DIST(1,1000000,0.00001,TRUE)', expected, 13);
  });
  it('keeps relative precision in a far tail: P(X <= 1) of 100 trials at 0.99 = 0.01^100 + 100 x 0.99 x 0.01^99', () => {
    rel('=BINOM.DIST(1,100,0.99,TRUE)', 1e-200 + 100 * 0.99 * 1e-198, 12);
  });
  it('a billion fair trials: P(X <= n/2) = 1/2 + P(X = n/2)/2 with P(X = n/2) ≈ √(2/(πn))', () => {
    const n = 1e9;
    expect(value('=BINOM.DIST(500000000,1000000000,0.5,TRUE)')).toBeCloseTo(
      0.5 + 0.5 * Math.sqrt(2 / (Math.PI * n)),
      13,
    );
    expect(value('=BINOM.INV(1000000000,0.5,0.5)')).toBe(500000000);
  });
  it('BINOM.INV is the smallest k whose cumulative probability reaches alpha, at both ends: by hand for 10 fair trials', () => {
    // P(X <= 0) = 1/1024 and P(X <= 1) = 11/1024: alpha 0.001 gives 0, alpha 0.005 gives 1; P(X <= 9) = 1023/1024.
    expect(value('=BINOM.INV(10,0.5,0.0009)')).toBe(0);
    expect(value('=BINOM.INV(10,0.5,0.005)')).toBe(1);
    expect(value('=BINOM.INV(10,0.5,0.9995)')).toBe(10);
  });
  it('errors: an error in any argument wins over a bad value; number_s > trials and probability > 1 are #NUM!', () => {
    expect(code('=BINOM.DIST(3,2,3,1/0)')).toBe('#DIV/0!');
    expect(code('=BINOM.DIST(3,2,0.5,TRUE)')).toBe('#NUM!');
    expect(code('=BINOM.DIST(2,10,2,TRUE)')).toBe('#NUM!');
    expect(code('=BINOM.INV(10,1,0.8)')).toBe('#NUM!');
    expect(code('=BINOM.INV(10,0.5,1)')).toBe('#NUM!');
  });
});

describe('NEGBINOM.DIST', () => {
  it("Microsoft's example: NEGBINOM.DIST(10, 5, 0.25, TRUE) = 0.3135141, FALSE = 0.0550487", () => {
    near('=NEGBINOM.DIST(10,5,0.25,TRUE)', 0.3135141, 7);
    near('=NEGBINOM.DIST(10,5,0.25,FALSE)', 0.0550487, 7);
  });
  it('no failures before 100 successes at 0.01 is 0.01^100 = 1E-200 (Excel 1.0000000000000348E-200)', () => {
    rel('=NEGBINOM.DIST(0,100,0.01,TRUE)', 1e-200, 12);
  });
  it('probability 0 or 1 and number_s below 1 are #NUM!', () => {
    expect(code('=NEGBINOM.DIST(2,10,0,TRUE)')).toBe('#NUM!');
    expect(code('=NEGBINOM.DIST(2,10,1,TRUE)')).toBe('#NUM!');
    expect(code('=NEGBINOM.DIST(5,0,0.5,TRUE)')).toBe('#NUM!');
  });
});

describe('POISSON.DIST', () => {
  it("Microsoft's example: POISSON.DIST(2, 5, TRUE) = 0.124652, FALSE = 0.084224", () => {
    near('=POISSON.DIST(2,5,TRUE)', 0.124652, 6);
    near('=POISSON.DIST(2,5,FALSE)', 0.084224, 6);
  });
  it('by hand: P(X <= 2) for mean 5 = e^-5 (1 + 5 + 12.5); POISSON is the same function', () => {
    expect(value('=POISSON(2,5,TRUE)')).toBeCloseTo(Math.exp(-5) * 18.5, 15);
  });
  it('large counts do not overflow: P(X <= 1000000) for mean 5 is 1, for mean 1000000 just above one half', () => {
    expect(value('=POISSON.DIST(1000000,5,TRUE)')).toBe(1);
    // The median of a Poisson of mean λ lies within [λ - ln 2, λ + 1/3], so P(X <= λ) is a little over 1/2 (Excel
    // 0.5002659614862837).
    const p = value('=POISSON.DIST(1000000,1000000,TRUE)');
    expect(p).toBeGreaterThan(0.5);
    expect(p).toBeLessThan(0.501);
  });
  it('a billion events: P(X <= λ) = 1/2 + 2/(3√(2πλ)) to first order (Ramanujan), the sum does not overflow', () => {
    const lambda = 1e9;
    expect(value('=POISSON.DIST(1000000000,1000000000,TRUE)')).toBeCloseTo(
      0.5 + 2 / (3 * Math.sqrt(2 * Math.PI * lambda)),
      12,
    );
  });
  it('beyond what the series can settle (mean 1E15) the answer is #NUM!, not an unconverged number', () => {
    expect(code('=POISSON.DIST(1000000000000000,1000000000000000,TRUE)')).toBe('#NUM!');
  });
  it('a negative x, even one that truncates to 0, is #NUM!', () => {
    expect(code('=POISSON.DIST(-0.000001,5,TRUE)')).toBe('#NUM!');
  });
});
