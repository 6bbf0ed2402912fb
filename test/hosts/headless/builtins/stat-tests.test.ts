/** T.TEST and F.TEST: Microsoft's examples and closed forms of the t distribution with 2 degrees of freedom. */
import { DetailedCellError } from 'hyperformula';
import { evaluateOver, run } from '../../../support/engine';

const MS_DATA = [
  [3, 6],
  [4, 19],
  [5, 3],
  [8, 2],
  [9, 14],
  [1, 4],
  [2, 5],
  [4, 17],
  [5, 1],
];
const over = (data: unknown[][], formula: string) => evaluateOver({ Data: data }, formula)[0][0] as number;

describe('T.TEST', () => {
  it("Microsoft's example: T.TEST(A2:A10, B2:B10, 2, 1) = 0.196016 (paired, two-tailed)", () => {
    expect(over(MS_DATA, '=T.TEST(Data!A1:A9,Data!B1:B9,2,1)')).toBeCloseTo(0.196016, 6);
  });
  it('pairs by position and keeps only pairs of two numbers; tails and type are truncated', () => {
    // Pairs (1,2), (2,-3.3), (3,0): differences -1, 5.3, 3, mean 7.3/3, variance 10.16333..., t = mean / √(var/3).
    // With 2 degrees of freedom P(T > t) = (1 - t / √(t² + 2)) / 2 (the t distribution's closed form for df = 2).
    const data = [
      [1, 2],
      [2, -3.3],
      [3, 0],
      [4, true],
      [-3, 'no'],
      [true, 2],
      ['hello', 2],
    ];
    const d = [-1, 5.3, 3];
    const mean = (d[0] + d[1] + d[2]) / 3;
    const variance = d.reduce((a, x) => a + (x - mean) ** 2, 0) / 2;
    const t = mean / Math.sqrt(variance / 3);
    const oneTail = (1 - t / Math.sqrt(t * t + 2)) / 2;
    expect(over(data, '=T.TEST(Data!A1:A7,Data!B1:B7,1,1)')).toBeCloseTo(oneTail, 14);
    expect(over(data, '=T.TEST(Data!A1:A7,Data!B1:B7,2.2,1.9)')).toBeCloseTo(2 * oneTail, 14);
  });
  it('equal variance by hand: {1,2,3} against {4,5,6} gives t = -3/√(2/3) with 4 degrees of freedom', () => {
    // df = 4: P(T > t) = 1/2 - (3/4)(u - u³/3)... use the closed form P(|T| > t) = 1 - u(1 + (1 - u²)/2) with u = t/√(t²+4).
    const t = 3 / Math.sqrt(2 / 3);
    const u = t / Math.sqrt(t * t + 4);
    const twoTail = 1 - u * (1 + (1 - u * u) / 2);
    expect(run([[]], '=T.TEST({1,2,3},{4,5,6},2,2)') as number).toBeCloseTo(twoTail, 14);
  });
  it('tails 3 or type 4 is #NUM!; paired arrays of different sizes #N/A', () => {
    expect((run([[]], '=T.TEST({1,2,3},{4,5,6},3,2)') as DetailedCellError).value).toBe('#NUM!');
    expect((run([[]], '=T.TEST({1,2,3},{4,5,6},2,4)') as DetailedCellError).value).toBe('#NUM!');
    expect((run([[]], '=T.TEST({1,2,3},{4,5},2,1)') as DetailedCellError).value).toBe('#N/A');
  });
});

describe('F.TEST', () => {
  it("Microsoft's example: F.TEST({6,7,9,15,21}, {20,28,31,38,40}) = 0.64831785", () => {
    expect(run([[]], '=F.TEST({6,7,9,15,21},{20,28,31,38,40})') as number).toBeCloseTo(0.64831785, 8);
  });
  it('by hand: equal variances give F = 1 and probability 1; one number is #DIV/0!', () => {
    expect(run([[]], '=F.TEST({1,2,3},{5,6,7})') as number).toBeCloseTo(1, 14);
    expect((run([[]], '=F.TEST({1},{5,6,7})') as DetailedCellError).value).toBe('#DIV/0!');
  });
});

describe('Z.TEST and CHISQ.TEST', () => {
  it("Microsoft's examples: Z.TEST({3,6,7,8,6,5,4,2,1,9}, 4) = 0.090574, with x = 6: 0.863043", () => {
    expect(run([[]], '=Z.TEST({3,6,7,8,6,5,4,2,1,9},4)') as number).toBeCloseTo(0.090574, 6);
    expect(run([[]], '=Z.TEST({3,6,7,8,6,5,4,2,1,9},6)') as number).toBeCloseTo(0.863043, 6);
  });
  it('by hand with sigma given: {1,3} against 0 with sigma √2 is z = 2, the upper tail erfc(√2)/2', () => {
    // erfc(√2) = 0.0455002638963584 (A&S table 7.1), so P(Z > 2) = 0.0227501319481792.
    expect(run([[]], '=Z.TEST({1,3},0,SQRT(2))') as number).toBeCloseTo(0.0227501319481792, 15);
  });
  it("Microsoft's example: CHISQ.TEST of the 3 x 2 table = 0.0003082", () => {
    const formula = '=CHISQ.TEST({58,35;11,25;10,23},{45.35,47.65;17.56,18.44;16.09,16.91})';
    expect(run([[]], formula) as number).toBeCloseTo(0.0003082, 7);
  });
  it('CHISQ.TEST by hand: one row {1,2,3,4} against {3,4,2,3} is χ² = 4/3 + 1 + 1/2 + 1/3 with 3 degrees of freedom', () => {
    // χ² = 19/6; with 3 degrees of freedom P(χ² > x) = erfc(√(x/2)) + √(2x/π) e^(-x/2).
    const x = 19 / 6;
    const p = run([[]], '=CHISQ.TEST({1,2,3,4},{3,4,2,3})') as number;
    const expected = (run([[]], `=ERFC(SQRT(${x}/2))`) as number) + Math.sqrt((2 * x) / Math.PI) * Math.exp(-x / 2);
    expect(p).toBeCloseTo(expected, 13);
  });
  it('ranges of different shapes are #N/A, an expected 0 #DIV/0!', () => {
    expect((run([[]], '=CHISQ.TEST({1,2},{1;2})') as DetailedCellError).value).toBe('#N/A');
    expect((run([[]], '=CHISQ.TEST({1,2},{0,2})') as DetailedCellError).value).toBe('#DIV/0!');
  });
});
