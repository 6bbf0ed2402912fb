/** LINEST, LOGEST, TREND, GROWTH, FREQUENCY: Microsoft's documented examples, and hand calculations where stated. */
import { DetailedCellError } from 'hyperformula';
import { run } from '../../../support/engine';

describe('LINEST and LOGEST', () => {
  it('LINEST({1,9,5,7},{0,4,2,3}) is slope 2, intercept 1 (Microsoft, LINEST example 1)', () => {
    const [[m, b]] = run([[]], '=LINEST({1,9,5,7},{0,4,2,3})') as number[][];
    expect(m).toBeCloseTo(2, 12);
    expect(b).toBeCloseTo(1, 12);
  });
  it('statistics of an exact fit y = 2x + 1 at x = 1, 2, 3 (hand: r2 1, df 1, ssresid 0)', () => {
    const out = run([[]], '=LINEST({3,5,7},{1,2,3},TRUE,TRUE)') as unknown[][];
    expect(out).toHaveLength(5);
    expect(out[2][0] as number).toBeCloseTo(1, 12);
    expect(out[3][1]).toBe(1);
    expect(out[4][1] as number).toBeCloseTo(0, 12);
  });
  it('LOGEST of y = 2 * 3^x at x = 1, 2, 3 (6, 18, 54) is m 3, b 2 (hand)', () => {
    const [[m, b]] = run([[]], '=LOGEST({6,18,54},{1,2,3})') as number[][];
    expect(m).toBeCloseTo(3, 10);
    expect(b).toBeCloseTo(2, 10);
  });
  it('a text known_y is #VALUE!, mismatched sizes are #REF!', () => {
    expect((run([[1], ['a'], [3]], '=LINEST(Data!A1:A3)') as DetailedCellError).value).toBe('#VALUE!');
    expect(
      (
        run(
          [
            [1, 1],
            [2, 2],
            [3, 3],
          ],
          '=TREND(Data!A1:A3,Data!B1:B2)',
        ) as DetailedCellError
      ).value,
    ).toBe('#REF!');
  });
});

describe('TREND and GROWTH', () => {
  it('TREND({1,9,5,7},{0,4,2,3},{5}) = 11 on the line 2x + 1 (hand)', () => {
    expect(run([[]], '=TREND({1,9,5,7},{0,4,2,3},{5})') as number).toBeCloseTo(11, 10);
  });
  it('GROWTH over months 11-16 (Microsoft example): fitted 32618.20377 ... 218821.8762, month 17 320196.7184', () => {
    const data = [[11, 33100], [12, 47300], [13, 69000], [14, 102000], [15, 150000], [16, 220000], [17], [18]];
    const fitted = run(data, '=GROWTH(Data!B1:B6,Data!A1:A6)') as number[][];
    expect(fitted[0][0]).toBeCloseTo(32618.20377, 4);
    expect(fitted[5][0]).toBeCloseTo(218821.8762, 3);
    const next = run(data, '=GROWTH(Data!B1:B6,Data!A1:A6,Data!A7:A8)') as number[][];
    expect(next[0][0]).toBeCloseTo(320196.7184, 3);
  });
});

describe('FREQUENCY', () => {
  it('scores 79,85,78,85,50,81,95,88,97 in bins 70, 79, 89 give 1, 2, 4, 2 (Microsoft example)', () => {
    expect(run([[]], '=FREQUENCY({79,85,78,85,50,81,95,88,97},{70,79,89})')).toEqual([[1], [2], [4], [2]]);
  });
});
