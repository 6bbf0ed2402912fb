/**
 * Excel's pre-2010 distribution names (compatibility functions) go to the same full-precision plugins as the new
 * names; values are the examples of Microsoft's page for each compatibility function.
 */
import { DetailedCellError } from 'hyperformula';
import { run } from '../../../support/engine';

const near = (formula: string, expected: number, digits: number) =>
  expect(run([[]], formula) as number).toBeCloseTo(expected, digits);

describe('compatibility names', () => {
  it('TDIST(1.959999998, 60, 2) = 0.054644930, TINV(0.546449, 60) = 0.606533', () => {
    near('=TDIST(1.959999998,60,2)', 0.05464493, 8);
    near('=TINV(0.546449,60)', 0.606533, 6);
  });
  it('FDIST(15.2068649, 6, 4) = 0.01, FINV(0.01, 6, 4) = 15.206865', () => {
    near('=FDIST(15.2068649,6,4)', 0.01, 8);
    near('=FINV(0.01,6,4)', 15.206865, 6);
  });
  it('BETADIST(2, 8, 10, 1, 3) = 0.6854706, BETAINV(0.685470581, 8, 10, 1, 3) = 2', () => {
    near('=BETADIST(2,8,10,1,3)', 0.6854706, 7);
    near('=BETAINV(0.685470581,8,10,1,3)', 2, 8);
  });
  it('NORMSDIST(1.333333) = 0.908789, NORMSINV(0.908789) = 1.3333, NORMDIST(42, 40, 1.5, TRUE) = 0.9087888', () => {
    near('=NORMSDIST(1.333333)', 0.908789, 6);
    near('=NORMSINV(0.908789)', 1.3333, 4);
    near('=NORMDIST(42,40,1.5,TRUE)', 0.9087888, 7);
  });
  it('LOGNORMDIST(4, 3.5, 1.2) = 0.0390836, LOGINV(0.039084, 3.5, 1.2) = 4.0000252', () => {
    near('=LOGNORMDIST(4,3.5,1.2)', 0.0390836, 7);
    near('=LOGINV(0.039084,3.5,1.2)', 4.0000252, 6);
  });
  it('NEGBINOMDIST(10, 5, 0.25) = 0.05504866 and takes no cumulative argument', () => {
    near('=NEGBINOMDIST(10,5,0.25)', 0.05504866, 8);
    expect((run([[]], '=NEGBINOMDIST(10,5,0.25,TRUE)') as DetailedCellError).value).toBe('#N/A');
  });
  it('BINOMDIST(6, 10, 0.5, FALSE) = 0.2050781, CRITBINOM(6, 0.5, 0.75) = 4, POISSON(2, 5, TRUE) = 0.124652', () => {
    near('=BINOMDIST(6,10,0.5,FALSE)', 0.2050781, 7);
    expect(run([[]], '=CRITBINOM(6,0.5,0.75)')).toBe(4);
    near('=POISSON(2,5,TRUE)', 0.124652, 6);
  });
  it('GAMMADIST(10.00001131, 9, 2, FALSE) = 0.032639, GAMMAINV(0.068094, 9, 2) = 10.0000112', () => {
    near('=GAMMADIST(10.00001131,9,2,FALSE)', 0.032639, 6);
    near('=GAMMAINV(0.068094,9,2)', 10.0000112, 6);
  });
  it('CHIDIST(18.307, 10) = 0.0500006, CHIINV(0.050001, 10) = 18.30697', () => {
    near('=CHIDIST(18.307,10)', 0.0500006, 7);
    near('=CHIINV(0.050001,10)', 18.30697, 5);
  });
});
