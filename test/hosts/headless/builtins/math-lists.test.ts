/** PRODUCT, MULTINOMIAL and SERIESSUM: Microsoft's documented examples and Excel's argument rules. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, sheetValues } from '../../../support/engine';

describe('PRODUCT', () => {
  it("Microsoft's example: 5, 15, 30", () => {
    // PRODUCT doc: PRODUCT(A2:A4) = 2250; PRODUCT(A2:A4, 2) = 4500.
    const out = sheetValues([[5, '=PRODUCT(A1:A3)'], [15, '=PRODUCT(A1:A3, 2)'], [30]]);
    expect([out[0][1], out[1][1]]).toEqual([2250, 4500]);
  });

  it('is 0 when no argument holds a number (an empty or text cell)', () => {
    // Excel: PRODUCT(A1) of an empty cell, and of a text cell, is 0 (PRODUCT_SUM.xlsx), not the empty product 1.
    const out = sheetValues([[null, 'seven', '=PRODUCT(A1)', '=PRODUCT(B1)', '=PRODUCT(A1:B1)', '=PRODUCT(B1, 3)']]);
    expect(out[0].slice(2)).toEqual([0, 0, 0, 3]);
  });

  it('reads typed arguments as numbers and refuses typed text', () => {
    // Typed "7" and TRUE count (7 x 1 = 7); typed "seven" is #VALUE!.
    expect(evaluateFormula('=PRODUCT("7", TRUE)')).toBe(7);
    expectErrorCell(evaluateFormula('=PRODUCT("seven")'), '#VALUE!', 'not a number');
  });
});

describe('MULTINOMIAL', () => {
  it.each([
    // MULTINOMIAL doc: (2+3+4)! / (2! 3! 4!) = 362880 / 288 = 1260.
    ['=MULTINOMIAL(2, 3, 4)', 1260],
    // Truncated: 1.7, 1.2, 3.4, 2.3 -> 1, 1, 3, 2: 7! / (1 1 6 2) = 420.
    ['=MULTINOMIAL(1.7, 1.2, 3.4, 2.3)', 420],
    ['=MULTINOMIAL({1,0,3})', 4],
  ])('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });

  it('counts an empty cell of a range as 0 and refuses logical values', () => {
    // {1, empty, 5}: 6! / (1! 0! 5!) = 6.
    expect(sheetValues([[1, null, 5, '=MULTINOMIAL(A1:C1)']])[0][3]).toBe(6);
    expectErrorCell(evaluateFormula('=MULTINOMIAL(TRUE, 1, 2)'), '#VALUE!', 'not a number');
    expectErrorCell(evaluateFormula('=MULTINOMIAL(-1, 2, 3)'), '#NUM!', 'negative');
  });
});

describe('SERIESSUM', () => {
  it("Microsoft's example: cos(pi/4) by its power series", () => {
    // SERIESSUM doc: x = PI()/4, coefficients 1, -1/2!, 1/4!, -1/6!, n 0, m 2: 0.707103 (cos(pi/4) = 0.707107).
    const out = sheetValues([['=PI()/4', 1, '=-1/FACT(2)', '=1/FACT(4)', '=-1/FACT(6)', '=SERIESSUM(A1,0,2,B1:E1)']]);
    expect(out[0][5]).toBeCloseTo(0.707103, 6);
  });

  it('gives Excel errors for 0^0 and logical values', () => {
    // 2 x (1 + 2x + 3x^2) at x = 2, n = 0, m = 1: 1 + 4 + 12 = 17.
    expect(evaluateFormula('=SERIESSUM(2,0,1,{1,2,3})')).toBe(17);
    expectErrorCell(evaluateFormula('=SERIESSUM(0,0,2,{1,2,3})'), '#NUM!', 'power 0');
    expectErrorCell(evaluateFormula('=SERIESSUM(TRUE,0,1,{1,2})'), '#VALUE!', 'logical value');
  });
});
