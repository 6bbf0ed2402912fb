/** XNPV and XIRR: Microsoft's documented example (the same five dated cash flows for both), and Excel's error rules. */
import { DetailedCellError } from 'hyperformula';
import { run } from '../../../support/engine';

// Values and dates of Microsoft's example: 1-Jan-08 -10000, 1-Mar-08 2750, 30-Oct-08 4250, 15-Feb-09 3250, 1-Apr-09 2750.
const data = [
  [-10000, 39448],
  [2750, 39508],
  [4250, 39751],
  [3250, 39859],
  [2750, 39904],
];

describe('XNPV and XIRR', () => {
  it('XNPV(9%, ...) = 2086.65 (Microsoft)', () => {
    expect(run(data, '=XNPV(0.09,Data!A1:A5,Data!B1:B5)') as number).toBeCloseTo(2086.65, 2);
  });
  it('XIRR(...) = 0.373362535 (Microsoft)', () => {
    expect(run(data, '=XIRR(Data!A1:A5,Data!B1:B5)') as number).toBeCloseTo(0.373362535, 8);
  });
  it("refines the rate by bisection to Excel's accuracy, on an interval from 0 or from -1", () => {
    // Hand calculation: -100 now and 121 after 730 days solve (1 + r)^2 = 1.21, r = 10%; Microsoft gives XIRR's
    // accuracy as 0.000001 percent, so the result is within 1e-8 * (1 + r) of 10% (a bisection midpoint, not 0.1).
    const up = run(
      [
        [-100, 40000],
        [121, 40730],
      ],
      '=XIRR(Data!A1:A2,Data!B1:B2)',
    ) as number;
    expect(Math.abs(up - 0.1)).toBeLessThan(1.1e-8);
    // -100 now and 64 after 730 days: (1 + r)^2 = 0.64, r = -20%, bisected from [-1, -0.1].
    const down = run(
      [
        [-100, 40000],
        [64, 40730],
      ],
      '=XIRR(Data!A1:A2,Data!B1:B2)',
    ) as number;
    expect(Math.abs(down + 0.2)).toBeLessThan(1.3e-8);
  });
  it('a date before the first is #NUM!; a text value is #NUM! in XNPV, #VALUE! in XIRR', () => {
    const early = data.map((r, i) => (i === 2 ? [r[0], 39000] : r));
    expect((run(early, '=XNPV(0.09,Data!A1:A5,Data!B1:B5)') as DetailedCellError).value).toBe('#NUM!');
    const text = data.map((r, i) => (i === 2 ? ['x', r[1]] : r));
    expect((run(text, '=XNPV(0.09,Data!A1:A5,Data!B1:B5)') as DetailedCellError).value).toBe('#NUM!');
    expect((run(text, '=XIRR(Data!A1:A5,Data!B1:B5)') as DetailedCellError).value).toBe('#VALUE!');
  });
  it('cash flows of one sign have no rate: #NUM!', () => {
    expect(
      (
        run(
          [
            [1, 39448],
            [2, 39508],
          ],
          '=XIRR(Data!A1:A2,Data!B1:B2)',
        ) as DetailedCellError
      ).value,
    ).toBe('#NUM!');
  });
});
