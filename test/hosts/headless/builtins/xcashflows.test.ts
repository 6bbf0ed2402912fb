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
