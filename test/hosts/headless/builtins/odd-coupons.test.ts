/** Odd first and last coupon periods: the examples of Microsoft's ODDFPRICE, ODDFYIELD, ODDLPRICE, ODDLYIELD pages. */
import { DetailedCellError } from 'hyperformula';
import { run } from '../../../support/engine';

const value = (formula: string) => run([[]], formula) as number;

describe('odd first period', () => {
  it('ODDFPRICE(11-Nov-08, 1-Mar-21, issue 15-Oct-08, first 1-Mar-09, 7.85%, 6.25%, 100, 2, 1) = 113.60', () => {
    expect(
      value('=ODDFPRICE(DATE(2008,11,11),DATE(2021,3,1),DATE(2008,10,15),DATE(2009,3,1),0.0785,0.0625,100,2,1)'),
    ).toBeCloseTo(113.6, 2);
  });
  it('ODDFYIELD(11-Nov-08, 1-Mar-21, issue 15-Oct-08, first 1-Mar-09, 5.75%, 84.50, 100, 2, 0) = 7.72%', () => {
    expect(
      value('=ODDFYIELD(DATE(2008,11,11),DATE(2021,3,1),DATE(2008,10,15),DATE(2009,3,1),0.0575,84.5,100,2,0)'),
    ).toBeCloseTo(0.0772, 4);
  });
  it('ODDFYIELD inverts ODDFPRICE: the yield of the price at 6.25% is 6.25%', () => {
    const f =
      '=ODDFYIELD(DATE(2008,11,11),DATE(2021,3,1),DATE(2008,10,15),DATE(2009,3,1),0.0785,ODDFPRICE(DATE(2008,11,11),DATE(2021,3,1),DATE(2008,10,15),DATE(2009,3,1),0.0785,0.0625,100,2,1),100,2,1)';
    expect(value(f)).toBeCloseTo(0.0625, 10);
  });
  it('dates out of order are #NUM!', () => {
    const r = run(
      [[]],
      '=ODDFPRICE(DATE(2008,10,1),DATE(2021,3,1),DATE(2008,10,15),DATE(2009,3,1),0.0785,0.0625,100,2,1)',
    );
    expect((r as DetailedCellError).value).toBe('#NUM!');
  });
});

describe('odd last period', () => {
  it('ODDLPRICE(7-Feb-08, 15-Jun-08, last 15-Oct-07, 3.75%, 4.05%, 100, 2, 0) = 99.87828601', () => {
    expect(value('=ODDLPRICE(DATE(2008,2,7),DATE(2008,6,15),DATE(2007,10,15),0.0375,0.0405,100,2,0)')).toBeCloseTo(
      99.87828601,
      6,
    );
  });
  it('ODDLYIELD(20-Apr-08, 15-Jun-08, last 24-Dec-07, 3.75%, 99.875, 100, 2, 0) = 4.52%', () => {
    expect(value('=ODDLYIELD(DATE(2008,4,20),DATE(2008,6,15),DATE(2007,12,24),0.0375,99.875,100,2,0)')).toBeCloseTo(
      0.0452,
      4,
    );
  });
});
