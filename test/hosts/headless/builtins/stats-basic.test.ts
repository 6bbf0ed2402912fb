/** Descriptive statistics, checked against the examples in Microsoft's documentation of each function. */
import { DetailedCellError } from 'hyperformula';
import { run } from '../../../support/engine';

const near = (formula: string, expected: number, digits = 8, data: unknown[][] = [[]]) =>
  expect(run(data, formula) as number).toBeCloseTo(expected, digits);
const errorOf = (formula: string, data: unknown[][] = [[]]) => (run(data, formula) as DetailedCellError).value;

describe('GEOMEAN, TRIMMEAN, KURT', () => {
  it('GEOMEAN(4,5,8,7,11,4,3) = 5.476986969', () => near('=GEOMEAN(4,5,8,7,11,4,3)', 5.476986969));
  it('GEOMEAN ignores text and logical values in a referenced cell, refuses 0', () => {
    near('=GEOMEAN(Data!A1,Data!A2,Data!A3)', 2, 12, [[2], ['x'], [true]]);
    expect(errorOf('=GEOMEAN(2,0)')).toBe('#NUM!');
  });
  it('TRIMMEAN({4,5,6,7,2,3,4,5,1,2,3},0.2) = 3.777777778', () =>
    near('=TRIMMEAN({4,5,6,7,2,3,4,5,1,2,3},0.2)', 3.777777778));
  it('TRIMMEAN with percent 1 is #NUM!', () => expect(errorOf('=TRIMMEAN({1,2,3},1)')).toBe('#NUM!'));
  it('KURT(3,4,5,2,3,4,5,6,4,7) = -0.151799637', () => near('=KURT(3,4,5,2,3,4,5,6,4,7)', -0.151799637));
  it('KURT of three numbers is #DIV/0!', () => expect(errorOf('=KURT(1,2,3)')).toBe('#DIV/0!'));
});

describe('RANK.EQ, RANK.AVG', () => {
  const data = [[7], [3.5], [3.5], [1], [2]];
  it('RANK.EQ over 7, 3.5, 3.5, 1, 2: 7 ascending is 5, 2 descending is 4, 3.5 ascending is 3', () => {
    expect(run(data, '=RANK.EQ(7,Data!A1:A5,1)')).toBe(5);
    expect(run(data, '=RANK.EQ(2,Data!A1:A5)')).toBe(4);
    expect(run(data, '=RANK.EQ(3.5,Data!A1:A5,1)')).toBe(3);
  });
  it('RANK.AVG(94, {89,88,92,101,94,97,95}) = 4', () => {
    expect(run([[89], [88], [92], [101], [94], [97], [95]], '=RANK.AVG(94,Data!A1:A7)')).toBe(4);
  });
  it('ties average their ranks: 3.5 descending in 7, 3.5, 3.5, 1, 2 is 2.5; a missing number is #N/A', () => {
    expect(run(data, '=RANK.AVG(3.5,Data!A1:A5)')).toBe(2.5);
    expect(errorOf('=RANK.EQ(9,Data!A1:A5)', data)).toBe('#N/A');
  });
});

describe('MODE', () => {
  it('MODE.SNGL(5.6,4,4,3,2,4) = 4', () => expect(run([[]], '=MODE.SNGL(5.6,4,4,3,2,4)')).toBe(4));
  it('MODE.MULT({1,2,3,4,3,2,1,2,3,5,6,1}) = 1, 2, 3 down a column', () => {
    expect(run([[]], '=MODE.MULT({1,2,3,4,3,2,1,2,3,5,6,1})')).toEqual([[1], [2], [3]]);
  });
  it('no repeated value is #N/A', () => expect(errorOf('=MODE.SNGL(1,2,3)')).toBe('#N/A'));
});

describe('PERCENTRANK.INC/.EXC', () => {
  const inc = '{13,12,11,8,4,3,2,1,1,1}';
  it('PERCENTRANK.INC over 13,12,11,8,4,3,2,1,1,1: 2 -> 0.333, 4 -> 0.555, 8 -> 0.666, 5 -> 0.583', () => {
    expect(run([[]], `=PERCENTRANK.INC(${inc},2)`)).toBe(0.333);
    expect(run([[]], `=PERCENTRANK.INC(${inc},4)`)).toBe(0.555);
    expect(run([[]], `=PERCENTRANK.INC(${inc},8)`)).toBe(0.666);
    expect(run([[]], `=PERCENTRANK.INC(${inc},5)`)).toBe(0.583);
  });
  it('PERCENTRANK.EXC over 1,2,3,6,6,6,7,8,9: 7 -> 0.7, 5.43 -> 0.381, 5.43 to 1 digit -> 0.3', () => {
    const exc = '{1,2,3,6,6,6,7,8,9}';
    expect(run([[]], `=PERCENTRANK.EXC(${exc},7)`)).toBe(0.7);
    expect(run([[]], `=PERCENTRANK.EXC(${exc},5.43)`)).toBe(0.381);
    expect(run([[]], `=PERCENTRANK.EXC(${exc},5.43,1)`)).toBe(0.3);
  });
  it('x outside the data is #N/A', () => expect(errorOf(`=PERCENTRANK.INC(${inc},20)`)).toBe('#N/A'));
});

describe('PERMUT, PERMUTATIONA, PROB, INTERCEPT, BINOM.DIST.RANGE', () => {
  it('PERMUT(100,3) = 970200, PERMUT(3,2) = 6; PERMUT(1,2) is #NUM!', () => {
    expect(run([[]], '=PERMUT(100,3)')).toBe(970200);
    expect(run([[]], '=PERMUT(3,2)')).toBe(6);
    expect(errorOf('=PERMUT(1,2)')).toBe('#NUM!');
  });
  it('PERMUTATIONA(3,2) = 9, PERMUTATIONA(2,2) = 4', () => {
    expect(run([[]], '=PERMUTATIONA(3,2)')).toBe(9);
    expect(run([[]], '=PERMUTATIONA(2,2)')).toBe(4);
  });
  it('PROB over x 0..3 with 0.2, 0.3, 0.1, 0.4: x = 2 -> 0.1, 1..3 -> 0.8', () => {
    near('=PROB({0,1,2,3},{0.2,0.3,0.1,0.4},2)', 0.1, 12);
    near('=PROB({0,1,2,3},{0.2,0.3,0.1,0.4},1,3)', 0.8, 12);
    expect(errorOf('=PROB({0,1},{0.2,0.3},1)')).toBe('#NUM!');
  });
  it('INTERCEPT({2,3,9,1,8},{6,5,11,7,5}) = 0.0483871', () =>
    near('=INTERCEPT({2,3,9,1,8},{6,5,11,7,5})', 0.0483871, 6));
  it('BINOM.DIST.RANGE(60,0.75,48) = 0.084, (60,0.75,45,50) = 0.524', () => {
    near('=BINOM.DIST.RANGE(60,0.75,48)', 0.084, 3);
    near('=BINOM.DIST.RANGE(60,0.75,45,50)', 0.524, 3);
  });
});

describe('SMALL, LARGE, COUNTBLANK', () => {
  it("Microsoft's examples: SMALL({3,4,5,2,3,4,6,4,7}, 4) = 4, SMALL({1,4,8,3,7,12,54,8,23}, 2) = 3", () => {
    const data = [
      [3, 1],
      [4, 4],
      [5, 8],
      [2, 3],
      [3, 7],
      [4, 12],
      [6, 54],
      [4, 8],
      [7, 23],
    ];
    expect(run(data, '=SMALL(Data!A1:A9,4)')).toBe(4);
    expect(run(data, '=SMALL(Data!B1:B9,2)')).toBe(3);
  });
  it("Microsoft's examples: LARGE over {3,5,3,5,4; 4,2,4,6,7}: 3rd largest 5, 7th largest 4", () => {
    const data = [
      [3, 4],
      [5, 2],
      [3, 4],
      [5, 6],
      [4, 7],
    ];
    expect(run(data, '=LARGE(Data!A1:B5,3)')).toBe(5);
    expect(run(data, '=LARGE(Data!A1:B5,7)')).toBe(4);
  });
  it('a value typed directly is coerced, a referenced TRUE or text is not a number', () => {
    expect(run([[]], '=SMALL("3.4",1)')).toBe(3.4);
    expect(run([[]], '=SMALL(TRUE,1)')).toBe(1);
    expect(errorOf('=SMALL("Hello",1)')).toBe('#VALUE!');
    expect(errorOf('=SMALL(Data!A1,1)', [[true]])).toBe('#NUM!');
    expect(run([[]], '=SMALL({1,"-1"},1)')).toBe(1);
    expect(errorOf('=LARGE({1,2},0)')).toBe('#NUM!');
  });
  it('COUNTBLANK counts empty cells and formulas that return "" (Microsoft), not errors or zeros', () => {
    const data = [
      [1, null],
      ['=""', 0],
      [null, '=NA()'],
    ];
    expect(run(data, '=COUNTBLANK(Data!A1:B3)')).toBe(3);
    expect(run(data, '=COUNTBLANK(Data!A2)')).toBe(1);
  });
});

describe('MODE.MULT without a mode', () => {
  it('is a single #N/A, not a spill of errors (Microsoft: #N/A when no value repeats)', () => {
    expect(errorOf('=MODE.MULT({1,2,3,4})')).toBe('#N/A');
    expect(run([[]], '=MODE.MULT({1,2,3,4,1,2,3,4})')).toEqual([[1], [2], [3], [4]]);
  });
});

describe('FORECAST, FORECAST.LINEAR', () => {
  it("Microsoft's example: FORECAST(30, {6,7,9,15,21}, {20,28,31,38,40}) = 10.607253", () => {
    near('=FORECAST(30,{6,7,9,15,21},{20,28,31,38,40})', 10.607253, 6);
    near('=FORECAST.LINEAR(30,{6,7,9,15,21},{20,28,31,38,40})', 10.607253, 6);
  });
  it('by hand: points on y = 2x + 1 forecast 21 at x = 10; pairs with text are left out', () => {
    near('=FORECAST(10,{3,5,7},{1,2,3})', 21, 12);
    near('=FORECAST(10,Data!A1:A4,Data!B1:B4)', 21, 12, [
      [3, 1],
      ['n/a', 9],
      [5, 2],
      [7, 3],
    ]);
  });
  it('x as text is #VALUE!, ranges of different sizes #N/A, known_x without spread #DIV/0!', () => {
    expect(errorOf('=FORECAST("a",{1,2},{1,2})')).toBe('#VALUE!');
    expect(errorOf('=FORECAST(1,{1,2},{1,2,3})')).toBe('#N/A');
    expect(errorOf('=FORECAST(1,{1,2},{3,3})')).toBe('#DIV/0!');
  });
});
