/** Student's t and F distributions: the examples of Microsoft's page for each function. */
import { DetailedCellError } from 'hyperformula';
import { run } from '../../../support/engine';

const near = (formula: string, expected: number, digits: number) =>
  expect(run([[]], formula) as number).toBeCloseTo(expected, digits);

describe('t distribution', () => {
  it('T.DIST(60, 1, TRUE) = 0.99469533, T.DIST(8, 3, FALSE) = 0.00073691', () => {
    near('=T.DIST(60,1,TRUE)', 0.99469533, 8);
    near('=T.DIST(8,3,FALSE)', 0.00073691, 8);
  });
  it('T.DIST.2T(1.959999998, 60) = 0.054645, T.DIST.RT(1.959999998, 60) = 0.027322', () => {
    near('=T.DIST.2T(1.959999998,60)', 0.054645, 6);
    near('=T.DIST.RT(1.959999998,60)', 0.027322, 6);
  });
  it('T.INV(0.75, 2) = 0.8164966, T.INV.2T(0.546449, 60) = 0.606533', () => {
    near('=T.INV(0.75,2)', 0.8164966, 7);
    near('=T.INV.2T(0.546449,60)', 0.606533, 6);
  });
  it('CONFIDENCE.T(0.05, 1, 50) = 0.284196855', () => near('=CONFIDENCE.T(0.05,1,50)', 0.284196855, 9));
  it('CONFIDENCE.T with alpha near 1 (t near 0): T.INV.2T(1 - e, 49) = e / (2 f(0)) to first order', () => {
    // f(0) = Γ(25) / (√(49π) Γ(24.5)), Γ(25) = 24!, Γ(24.5) = 47!! √π / 2^24; the next term is O(t³), 1E-12 relative.
    let fact = 1;
    for (let i = 2; i <= 24; i++) fact *= i;
    let dfact = 1;
    for (let i = 3; i <= 47; i += 2) dfact *= i;
    const f0 = fact / (Math.sqrt(49 * Math.PI) * ((dfact * Math.sqrt(Math.PI)) / 2 ** 24));
    const expected = 1e-6 / (2 * f0) / Math.sqrt(50);
    expect((run([[]], '=CONFIDENCE.T(0.999999,1,50)') as number) / expected).toBeCloseTo(1, 9);
  });
  it('degrees of freedom below 1 are #NUM!, CONFIDENCE.T of one sample #DIV/0!', () => {
    expect((run([[]], '=T.INV(0.75,0)') as DetailedCellError).value).toBe('#NUM!');
    expect((run([[]], '=CONFIDENCE.T(0.05,1,1)') as DetailedCellError).value).toBe('#DIV/0!');
  });
});

describe('F distribution', () => {
  it('F.DIST(15.2069, 6, 4, TRUE) = 0.99, FALSE = 0.0012238; F.DIST.RT(15.2068649, 6, 4) = 0.01', () => {
    near('=F.DIST(15.2069,6,4,TRUE)', 0.99, 6);
    near('=F.DIST(15.2069,6,4,FALSE)', 0.0012238, 7);
    near('=F.DIST.RT(15.2068649,6,4)', 0.01, 8);
  });
  it('F.INV(0.01, 6, 4) = 0.10930991, F.INV.RT(0.01, 6, 4) = 15.20686486', () => {
    near('=F.INV(0.01,6,4)', 0.10930991, 8);
    near('=F.INV.RT(0.01,6,4)', 15.20686486, 7);
  });
});
