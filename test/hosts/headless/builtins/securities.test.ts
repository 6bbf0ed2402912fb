/**
 * Securities functions, checked against the examples in Microsoft's documentation of each function (support.microsoft.com,
 * "<NAME> function", Example section) and DAX's documentation where it gives more digits.
 */
import { DetailedCellError } from 'hyperformula';
import { run } from '../../../support/engine';

const near = (formula: string, expected: number, digits = 8) =>
  expect(run([[]], formula) as number).toBeCloseTo(expected, digits);
const errorOf = (formula: string) => (run([[]], formula) as DetailedCellError).value;

describe('ACCRINT and ACCRINTM (Microsoft examples)', () => {
  it('ACCRINT: issue 1-Mar-08, first interest 31-Aug-08, settlement 1-May-08, 10%, par 1000, semiannual, 30/360', () => {
    near('=ACCRINT(39508,39691,39569,0.1,1000,2,0)', 16.666666667);
    near('=ACCRINT(DATE(2008,3,5),39691,39569,0.1,1000,2,0,FALSE)', 15.555555556);
    near('=ACCRINT(DATE(2008,4,5),39691,39569,0.1,1000,2,0,TRUE)', 7.222222222);
  });
  it('ACCRINTM: issue 1-Apr-08, maturity 15-Jun-08, 10%, par 1000, actual/365 gives 20.54794521', () => {
    near('=ACCRINTM(39539,39614,0.1,1000,3)', 20.54794521);
  });
  it('bad arguments are #NUM!', () => {
    expect(errorOf('=ACCRINT(39508,39691,39569,0,1000,2,0)')).toBe('#NUM!');
    expect(errorOf('=ACCRINT(39508,39691,39569,0.1,1000,3,0)')).toBe('#NUM!');
    expect(errorOf('=ACCRINT(39569,39691,39508,0.1,1000,2,0)')).toBe('#NUM!');
    expect(errorOf('=ACCRINTM(39614,39539,0.1,1000,3)')).toBe('#NUM!');
  });
});

describe('COUP* (Microsoft examples: settlement 25-Jan-11, maturity 15-Nov-11, semiannual, actual/actual)', () => {
  it('COUPDAYS 181, COUPDAYBS 71, COUPDAYSNC 110, COUPNCD 15-May-11, COUPPCD 15-Nov-10, COUPNUM 2', () => {
    expect(run([[]], '=COUPDAYS(DATE(2011,1,25),DATE(2011,11,15),2,1)')).toBe(181);
    expect(run([[]], '=COUPDAYBS(DATE(2011,1,25),DATE(2011,11,15),2,1)')).toBe(71);
    expect(run([[]], '=COUPDAYSNC(DATE(2011,1,25),DATE(2011,11,15),2,1)')).toBe(110);
    expect(run([[]], '=COUPNCD(DATE(2011,1,25),DATE(2011,11,15),2,1)=DATE(2011,5,15)')).toBe(true);
    expect(run([[]], '=COUPPCD(DATE(2011,1,25),DATE(2011,11,15),2,1)=DATE(2010,11,15)')).toBe(true);
    expect(run([[]], '=COUPNUM(DATE(2007,1,25),DATE(2008,11,15),2,1)')).toBe(4);
  });
  it('settlement on or after maturity is #NUM!', () => {
    expect(errorOf('=COUPDAYS(DATE(2011,11,15),DATE(2011,11,15),2,1)')).toBe('#NUM!');
  });
});

describe('PRICE and YIELD (Microsoft examples)', () => {
  it('PRICE: 15-Feb-08 to 15-Nov-17, 5.75% coupon, 6.5% yield, semiannual, 30/360 gives 94.63436162', () => {
    near('=PRICE(DATE(2008,2,15),DATE(2017,11,15),0.0575,0.065,100,2,0)', 94.63436162);
  });
  it('YIELD: 15-Feb-08 to 15-Nov-16, 5.75% coupon, price 95.04287 gives 6.5%', () => {
    near('=YIELD(DATE(2008,2,15),DATE(2016,11,15),0.0575,95.04287,100,2,0)', 0.065, 6);
  });
});

describe('discount securities (Microsoft examples)', () => {
  it('DISC(1-Jul-18, 1-Jan-48, 97.975, 100, 1) = 0.000686384169121348', () => {
    near('=DISC(DATE(2018,7,1),DATE(2048,1,1),97.975,100,1)', 0.000686384169121348, 12);
  });
  it('INTRATE(15-Feb-08, 15-May-08, 1000000, 1014420, 2) = 5.77%', () => {
    near('=INTRATE(DATE(2008,2,15),DATE(2008,5,15),1000000,1014420,2)', 0.05768, 5);
  });
  it('RECEIVED(15-Feb-08, 15-May-08, 1000000, 5.75%, 2) = 1014584.654', () => {
    near('=RECEIVED(DATE(2008,2,15),DATE(2008,5,15),1000000,0.0575,2)', 1014584.654, 2);
  });
  it('PRICEDISC(16-Feb-08, 1-Mar-08, 5.25%, 100, 2) = 99.79583333', () => {
    near('=PRICEDISC(DATE(2008,2,16),DATE(2008,3,1),0.0525,100,2)', 99.79583333);
  });
  it('YIELDDISC(16-Feb-08, 1-Mar-08, 99.795, 100, 2) = 0.052823', () => {
    near('=YIELDDISC(DATE(2008,2,16),DATE(2008,3,1),99.795,100,2)', 0.052823, 6);
  });
  it('PRICEMAT(15-Feb-08, 13-Apr-08, issue 11-Nov-07, 6.1%, 6.1%, 0) = 99.98449888', () => {
    near('=PRICEMAT(DATE(2008,2,15),DATE(2008,4,13),DATE(2007,11,11),0.061,0.061,0)', 99.98449888);
  });
  it('YIELDMAT(15-Mar-08, 3-Nov-08, issue 8-Nov-07, 6.25%, 100.0123, 0) = 0.060954', () => {
    near('=YIELDMAT(DATE(2008,3,15),DATE(2008,11,3),DATE(2007,11,8),0.0625,100.0123,0)', 0.060954, 6);
  });
  it('a price of 0 is #NUM!', () => {
    expect(errorOf('=DISC(DATE(2018,7,1),DATE(2048,1,1),0,100,1)')).toBe('#NUM!');
  });
});

describe('Treasury bills (Microsoft examples: settlement 31-Mar-08, maturity 1-Jun-08)', () => {
  it('TBILLEQ at 9.14% = 9.42%, TBILLPRICE at 9% = 98.45, TBILLYIELD at 98.45 = 9.14%', () => {
    near('=TBILLEQ(DATE(2008,3,31),DATE(2008,6,1),0.0914)', 0.0942, 4);
    near('=TBILLPRICE(DATE(2008,3,31),DATE(2008,6,1),0.09)', 98.45, 2);
    near('=TBILLYIELD(DATE(2008,3,31),DATE(2008,6,1),98.45)', 0.0914, 4);
  });
  it('past 182 days TBILLEQ is the bond-equivalent yield: 365 days at 50% gives price 49.3056 and (-1 + sqrt(1 + 100/49.3056 - 1)) / 0.5 (hand)', () => {
    const price = 100 * (1 - (0.5 * 365) / 360);
    near('=TBILLEQ(DATE(2008,1,1),DATE(2008,12,31),0.5)', (-1 + Math.sqrt(1 + (100 / price - 1))) / 0.5, 10);
  });
  it('a logical value is #VALUE!, more than a year is #NUM!', () => {
    expect((run([[true]], '=TBILLPRICE(Data!A1,DATE(2008,6,1),0.09)') as DetailedCellError).value).toBe('#VALUE!');
    expect(errorOf('=TBILLPRICE(DATE(2008,3,31),DATE(2009,6,1),0.09)')).toBe('#NUM!');
  });
});
