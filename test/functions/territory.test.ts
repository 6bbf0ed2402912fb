/**
 * SALESOPS.TERRITORY.LOAD through the headless engine: a live balance that follows hand-edited owners, weights,
 * blank rows, and every error with its code and a message naming the argument. Expected figures are worked by hand.
 */
import { DetailedCellError } from 'hyperformula';
import { createEngine, evaluateFormula } from '../../src/hosts/headless/engine';
import { expectErrorCell } from '../support/engine';

describe('SALESOPS.TERRITORY.LOAD in a sheet', () => {
  // Accounts: owner, potential. Ann 100 + 300 = 400, Bob 200, Cy 0 of 600; target 1/3 each (weights 1).
  const accounts = [
    ['Ann', 100],
    ['Bob', 200],
    ['Ann', 300],
  ];
  const reps = [['Ann'], ['Bob'], ['Cy']];

  it('spills load, share, target share and deviation per rep, and follows an edited owner', () => {
    const hf = createEngine({
      Accounts: accounts,
      Reps: reps,
      Out: [['=SALESOPS.TERRITORY.LOAD(Accounts!A1:A3, Accounts!B1:B3, Reps!A1:A3)']],
    } as never);
    try {
      const out = () => hf.getSheetValues(hf.getSheetId('Out')!) as number[][];
      // Ann: 400/600 = 0.6667, deviation 0.6667 / 0.3333 - 1 = 1; Bob: 1/3, deviation 0; Cy: 0, deviation -1
      expect(out()[0][0]).toBe(400);
      expect(out()[0][1]).toBeCloseTo(2 / 3, 12);
      expect(out()[0][2]).toBeCloseTo(1 / 3, 12);
      expect(out()[0][3]).toBeCloseTo(1, 12);
      expect(out()[1][3]).toBeCloseTo(0, 12);
      expect(out()[2]).toEqual([0, 0, expect.closeTo(1 / 3, 12), expect.closeTo(-1, 12)]);
      // The manager hands Ann's 300 account to Cy: Ann 100, Bob 200, Cy 300 of 600
      hf.setCellContents({ sheet: hf.getSheetId('Accounts')!, row: 2, col: 0 }, 'Cy');
      expect(out().map((r) => r[0])).toEqual([100, 200, 300]);
      expect(out()[2][3]).toBeCloseTo(0.5 / (1 / 3) - 1, 12); // 0.5
    } finally {
      hf.destroy();
    }
  });

  it('uses capacity weights: a rep at 0.5 next to one at 1 has target share 1/3', () => {
    const out = evaluateFormula('=SALESOPS.TERRITORY.LOAD({"A";"B"}, {50;50}, {"A";"B"}, {1;0.5})') as number[][];
    // A: share 0.5 vs target 2/3 -> -0.25; B: 0.5 vs 1/3 -> +0.5
    expect(out[0][2]).toBeCloseTo(2 / 3, 12);
    expect(out[0][3]).toBeCloseTo(-0.25, 12);
    expect(out[1][3]).toBeCloseTo(0.5, 12);
  });

  it('gives a rep at weight 0 that carries load a #DIV/0! deviation and keeps the other cells', () => {
    const out = evaluateFormula('=SALESOPS.TERRITORY.LOAD({"A";"B"}, {30;10}, {"A";"B"}, {1;0})') as unknown[][];
    expect(out[1][0]).toBe(10);
    expect(out[1][2]).toBe(0);
    expect((out[1][3] as DetailedCellError).value).toBe('#DIV/0!');
    expect((out[1][3] as DetailedCellError).message).toMatch(/reps row 2: 'B' has weight 0/);
    expect(out[0][3]).toBeCloseTo(0.75 / 1 - 1, 12);
  });

  it('gives #NUM! naming metric when the loads add up past the largest number', () => {
    const hf = createEngine({
      S: [['A', 9e307], ['A', 9e307], ['A', 9e307], ['=SALESOPS.TERRITORY.LOAD(A1:A3, B1:B3, A1)']],
    } as never);
    try {
      const v = hf.getCellValue({ sheet: 0, row: 3, col: 0 }) as DetailedCellError;
      expect(v.value).toBe('#NUM!');
      expect(v.message).toMatch(/metric adds up to more than the largest number/);
    } finally {
      hf.destroy();
    }
  });

  it.each([
    [
      'an owner not in reps',
      '=SALESOPS.TERRITORY.LOAD({"A";"Z"}, {1;2}, {"A";"B"})',
      '#VALUE!',
      /owners row 2: 'Z' is not in reps/,
    ],
    [
      'sizes that differ',
      '=SALESOPS.TERRITORY.LOAD({"A";"B"}, {1}, {"A";"B"})',
      '#VALUE!',
      /owners has 2 rows but metric has 1/,
    ],
    ['text in metric', '=SALESOPS.TERRITORY.LOAD({"A"}, {"lots"}, {"A"})', '#VALUE!', /metric row 1 holds text "lots"/],
    [
      'weights of another size',
      '=SALESOPS.TERRITORY.LOAD({"A"}, {1}, {"A";"B"}, {1})',
      '#VALUE!',
      /weights has 1 rows but reps has 2/,
    ],
    ['a negative weight', '=SALESOPS.TERRITORY.LOAD({"A"}, {1}, {"A";"B"}, {1;-1})', '#VALUE!', /weights row 2 is -1/],
    ['all weights 0', '=SALESOPS.TERRITORY.LOAD({"A"}, {1}, {"A"}, {0})', '#VALUE!', /weights are all 0/],
    [
      'a rep listed twice',
      '=SALESOPS.TERRITORY.LOAD({"A"}, {1}, {"A";"a"})',
      '#VALUE!',
      /reps row 2: rep 'a' appears twice/,
    ],
    ['an error in owners', '=SALESOPS.TERRITORY.LOAD({"A";#N/A}, {1;2}, {"A"})', '#N/A', /owners row 2 holds #N\/A/],
  ])('%s', (_name, formula, code, message) => {
    expectErrorCell(evaluateFormula(formula), code, message);
  });
});
