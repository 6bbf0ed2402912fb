/**
 * Time value of money and depreciation: Microsoft's documented examples, and hand calculations (in comments) for the
 * edge cases the documentation states only in words.
 */
import { DetailedCellError } from 'hyperformula';
import { run } from '../../../support/engine';

const near = (formula: string, expected: number, digits = 2, data: unknown[][] = [[]]) =>
  expect(run(data, formula) as number).toBeCloseTo(expected, digits);
const errorOf = (formula: string, data: unknown[][] = [[]]) => (run(data, formula) as DetailedCellError).value;

describe('PMT, PV, FV, IPMT, PPMT', () => {
  it('PMT(8%/12, 10, 10000) = -1037.03 (Microsoft)', () => near('=PMT(0.08/12,10,10000)', -1037.03));
  it('PMT at a rate of -1 or below is #NUM!', () => expect(errorOf('=PMT(-1,1,-100)')).toBe('#NUM!'));
  it('PV(0.08/12, 12*20, 500) = -59777.15 (Microsoft)', () => near('=PV(0.08/12,12*20,500)', -59777.15));
  it('PV(-3, 5, 100): g = (-2)^5 = -32, -(100 * (g - 1) / -3) / g = 34.375 (hand)', () =>
    near('=PV(-3,5,100)', 34.375, 10));
  it('FV(0.06/12, 10, -200, -500, 1) = 2581.40 (Microsoft)', () => near('=FV(0.06/12,10,-200,-500,1)', 2581.4));
  it('FV at rate -1 with a negative nper divides by zero', () => expect(errorOf('=FV(-1,-2,1)')).toBe('#DIV/0!'));
  it('IPMT(10%/12, 1, 36, 8000) = -66.67 and IPMT(10%, 3, 3, 8000) = -292.45 (Microsoft)', () => {
    near('=IPMT(0.1/12,1,36,8000)', -66.67);
    near('=IPMT(0.1,3,3,8000)', -292.45);
  });
  it('PPMT(10%/12, 1, 24, 2000) = -75.62 (Microsoft)', () => near('=PPMT(0.1/12,1,24,2000)', -75.62));
  it('a period below 1 or past nper is #NUM!', () => {
    expect(errorOf('=IPMT(0.1,0.5,36,8000)')).toBe('#NUM!');
    expect(errorOf('=PPMT(0.1,4,3,8000)')).toBe('#NUM!');
  });
});

describe('CUMIPMT, CUMPRINC', () => {
  it('CUMIPMT(9%/12, 360, 125000, 13, 24, 0) = -11135.23; first month -937.50 (Microsoft)', () => {
    near('=CUMIPMT(0.09/12,360,125000,13,24,0)', -11135.23);
    near('=CUMIPMT(0.09/12,360,125000,1,1,0)', -937.5);
  });
  it('CUMPRINC(9%/12, 360, 125000, 13, 24, 0) = -934.1071234 (Microsoft)', () =>
    near('=CUMPRINC(0.09/12,360,125000,13,24,0)', -934.1071234, 6));
  it('keeps every digit when the payment is almost all interest (rate 70%, type 1)', () => {
    // Hand calculation: with g = 1.7^36, principal parts 2..10 are -8000*0.7*1.7^(k-2)/(g-1), a geometric sum
    // -8000*(1.7^9 - 1)/(1.7^36 - 1) = -0.0047565423422487083 (50-digit arithmetic); payment - interest keeps ~8 digits.
    const v = run([[]], '=CUMPRINC(0.7,36,8000,2,10,1)') as number;
    expect(v / -0.0047565423422487083).toBeCloseTo(1, 12);
  });
  it('a logical value is #VALUE!, start after end is #NUM!', () => {
    expect(errorOf('=CUMIPMT(0.01,36,8000,Data!A1,10,0)', [[true]])).toBe('#VALUE!');
    expect(errorOf('=CUMPRINC(0.01,36,8000,5,4,0)')).toBe('#NUM!');
  });
});

describe('RATE', () => {
  it('RATE(4*12, -200, 8000) = 0.77% a month, 9.24% a year (Microsoft)', () => {
    near('=RATE(4*12,-200,8000)', 0.0077, 4);
    near('=RATE(4*12,-200,8000)*12', 0.0924, 4);
  });
  it('finds a root near -1 that is one, and refuses the degenerate root -1 of type 1', () => {
    // Hand calculation: RATE(2, -200, 8000, 0, 1) with x = 1 + r: 8000x^2 - 200x(x + 1) = x(7800x - 200) = 0, so
    // x = 200/7800 and r = -38/39 = -0.974358974.
    near('=RATE(2,-200,8000,0,1)', -38 / 39, 8);
    // RATE(10, -1200, 2000, 0, 1): Newton from 10% runs to -1, which solves every type-1 equation with fv 0
    // (the factor 1 + r); Excel's answer is #NUM!.
    expect(errorOf('=RATE(10,-1200,2000,0,1)')).toBe('#NUM!');
    expect(errorOf('=RATE(0,-200,8000)')).toBe('#NUM!');
    expect(errorOf('=RATE(12,-200,8000,0,0,-1)')).toBe('#VALUE!');
  });
});

describe('DB, DDB', () => {
  it('DB(1000000, 100000, 6, 1, 7) = 186083.33, period 2 = 259639.42, period 7 = 15845.10 (Microsoft)', () => {
    near('=DB(1000000,100000,6,1,7)', 186083.33);
    near('=DB(1000000,100000,6,2,7)', 259639.42);
    near('=DB(1000000,100000,6,7,7)', 15845.1);
  });
  it('DB truncates month: DB(100, 10, 4, 3, 9.2222) equals DB(100, 10, 4, 3, 9)', () => {
    expect(run([[]], '=DB(100,10,4,3,9.2222)=DB(100,10,4,3,9)')).toBe(true);
  });
  it('DDB(2400, 300, 3650, 1) = 1.32, DDB(2400, 300, 120, 1, 2) = 40.00, DDB(2400, 300, 10, 10) = 22.12 (Microsoft)', () => {
    near('=DDB(2400,300,3650,1)', 1.32);
    near('=DDB(2400,300,120,1,2)', 40);
    near('=DDB(2400,300,10,10)', 22.12);
  });
  it('DDB past the life is #NUM!', () => expect(errorOf('=DDB(100,10,4,4.5,2)')).toBe('#NUM!'));
});

describe('EFFECT, NOMINAL, NPV, MIRR', () => {
  it('EFFECT(5.25%, 4) = 0.053542667 and NOMINAL(5.3543%, 4) = 0.052500319 (Microsoft)', () => {
    near('=EFFECT(0.0525,4)', 0.053542667, 8);
    near('=NOMINAL(0.053543,4)', 0.052500319, 8);
  });
  it('EFFECT of a zero rate is #NUM!, of a logical value #VALUE!', () => {
    expect(errorOf('=EFFECT(0,4)')).toBe('#NUM!');
    expect(errorOf('=EFFECT(Data!A1,4)', [[true]])).toBe('#VALUE!');
  });
  it('NPV(10%, -10000, 3000, 4200, 6800) = 1188.44 (Microsoft)', () =>
    near('=NPV(0.1,-10000,3000,4200,6800)', 1188.44));
  it('NPV skips empty cells and logical values in references: 7 / 1.07 = 6.5420560748 (hand)', () => {
    near('=NPV(0.07,Data!A1,Data!B1,Data!C1,Data!D1)', 7 / 1.07, 10, [[true, false, null, 7]]);
  });
  it('MIRR(-120000, 39000, 30000, 21000, 37000, 46000; 10%, 12%) = 12.61% (Microsoft)', () => {
    near('=MIRR({-120000,39000,30000,21000,37000,46000},0.1,0.12)', 0.126094, 5);
  });
  it('MIRR with finance rate -1 on an outflow at time 0: (4 / 5)^1 - 1 = -0.2 (hand)', () =>
    near('=MIRR({-5,4},-1,0.2)', -0.2, 12));
});
