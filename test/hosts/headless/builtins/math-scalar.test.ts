/** EXP, SIGN, LOG, POWER, QUOTIENT, COMBIN, COMBINA and BASE: Microsoft's documented examples and Excel's errors. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, sheetValues } from '../../../support/engine';

describe('EXP / SIGN / LOG / POWER / QUOTIENT', () => {
  it.each([
    // EXP doc: =EXP(1) is e, =EXP(2) is e^2.
    ['=EXP(1)', Math.E],
    ['=EXP(2)', 7.38905609893065],
    // SIGN doc: SIGN(10) = 1, SIGN(4-4) = 0, SIGN(-0.00001) = -1.
    ['=SIGN(10)', 1],
    ['=SIGN(4-4)', 0],
    ['=SIGN(-0.00001)', -1],
    // LOG doc: LOG(10) = 1, LOG(8, 2) = 3, LOG(86, 2.7182818) = 4.4543473.
    ['=LOG(10)', 1],
    ['=LOG(8, 2)', 3],
    ['=LOG(86, 2.7182818)', 4.4543473, 7],
    // POWER doc: POWER(5,2) = 25, POWER(98.6,3.2) = 2401077.222, POWER(4,5/4) = 5.656854.
    ['=POWER(5,2)', 25],
    ['=POWER(98.6,3.2)', 2401077.222, 3],
    ['=POWER(4,5/4)', 5.656854, 6],
    // QUOTIENT doc: QUOTIENT(5, 2) = 2, QUOTIENT(4.5, 3.1) = 1, QUOTIENT(-10, 3) = -3.
    ['=QUOTIENT(5, 2)', 2],
    ['=QUOTIENT(4.5, 3.1)', 1],
    ['=QUOTIENT(-10, 3)', -3],
  ])('%s = %p', (formula, expected, digits = 12) => {
    // The docs round their results; `digits` is how many decimals they show (12 for exact results).
    expect(evaluateFormula(formula)).toBeCloseTo(expected as number, digits as number);
  });

  it('reads text numbers as Excel does: " 10 " and "€100" are numbers, "" and a spaced date are #VALUE!', () => {
    // e^10 = 22026.465794806718 (hand: exp(10)).
    expect(evaluateFormula('=EXP(" 10 ")')).toBeCloseTo(22026.465794806718, 9);
    // SIGN of the euro amount 100 is 1 (the euro-locale Excel of the fidelity workbooks reads "€100" as 100).
    expect(evaluateFormula('=SIGN("€100")')).toBe(1);
    expect(evaluateFormula('=SIGN("100€")')).toBe(1);
    expectErrorCell(evaluateFormula('=EXP("")'), '#VALUE!', 'empty text');
    expectErrorCell(evaluateFormula('=SIGN(" 2024-01-10 ")'), '#VALUE!', 'not a number');
  });

  it('gives the documented errors', () => {
    // LOG with base 1 divides by ln(1) = 0; a number <= 0 has no logarithm.
    expectErrorCell(evaluateFormula('=LOG(10, 1)'), '#DIV/0!', 'base 1');
    expectErrorCell(evaluateFormula('=LOG(FALSE)'), '#NUM!', 'greater than 0');
    // POWER(0,0) is #NUM! in Excel; 0 to a negative power divides by 0; (-8)^(1/2) is not real.
    expectErrorCell(evaluateFormula('=POWER(0,0)'), '#NUM!', '0 to the power 0');
    expectErrorCell(evaluateFormula('=POWER(0,-1)'), '#DIV/0!', 'negative power');
    expectErrorCell(evaluateFormula('=POWER(-8,0.5)'), '#NUM!', 'fractional power');
    // e^710 is beyond the largest double (about e^709.78).
    expectErrorCell(evaluateFormula('=EXP(710)'), '#NUM!', 'too large');
    expectErrorCell(evaluateFormula('=QUOTIENT(3, 0)'), '#DIV/0!', 'denominator is 0');
    // QUOTIENT, an Analysis ToolPak function, refuses logical values.
    expect(sheetValues([[true, true, '=QUOTIENT(A1,B1)']])[0][2]).toMatchObject({ value: '#VALUE!' });
  });
});

describe('COMBIN / COMBINA / BASE', () => {
  it.each([
    // COMBIN doc: COMBIN(8,2) = 28 (teams of two from eight candidates).
    ['=COMBIN(8,2)', 28],
    // COMBINA doc: COMBINA(4,3) = 20, COMBINA(10,3) = 220.
    ['=COMBINA(4,3)', 20],
    ['=COMBINA(10,3)', 220],
    // Both truncate: COMBIN(10.9, 3.9) = C(10,3) = 120; COMBINA(3, 10) = C(12, 10) = 66 (number below chosen is fine).
    ['=COMBIN(10.9, 3.9)', 120],
    ['=COMBINA(3, 10)', 66],
    // C(0, 0) = 1 after truncating 1e-10 and 0.1.
    ['=COMBIN(0.0000000001, 0.1)', 1],
    ['=COMBINA(0, 0)', 1],
  ])('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });

  it('computes large coefficients without overflowing on the way', () => {
    // C(1000, 200) = 6.617155560659313e215 (Excel's value in COMBIN_COMBINA.xlsx; lgamma check: ln C = 496.94...).
    const v = evaluateFormula('=COMBIN(1000, 200)') as number;
    expect(v / 6.617155560659313e215).toBeCloseTo(1, 9);
    expectErrorCell(evaluateFormula('=COMBIN(2000, 1000)'), '#NUM!', 'too large');
  });

  it('gives the documented errors', () => {
    expectErrorCell(evaluateFormula('=COMBIN(3, 10)'), '#NUM!', 'less than number_chosen');
    expectErrorCell(evaluateFormula('=COMBIN(-10, 2)'), '#NUM!', 'at least 0');
    // COMBINA(0, 5): C(4, 5) = 0 combinations, which Excel reports as #NUM!.
    expectErrorCell(evaluateFormula('=COMBINA(0, 5)'), '#NUM!', 'number 0');
  });

  it('BASE: documented examples, and a fractional number truncated', () => {
    // BASE doc: BASE(7,2) = "111", BASE(100,16) = "64", BASE(15,2,10) = "0000001111".
    expect(evaluateFormula('=BASE(7,2)')).toBe('111');
    expect(evaluateFormula('=BASE(100,16)')).toBe('64');
    expect(evaluateFormula('=BASE(15,2,10)')).toBe('0000001111');
    // 12.567 truncates to 12 = 1100 in binary; 123.45678 to 123 = 7B.
    expect(evaluateFormula('=BASE(12.567,2,7)')).toBe('0001100');
    expect(evaluateFormula('=BASE(123.45678,16)')).toBe('7B');
    expectErrorCell(evaluateFormula('=BASE(-1,2)'), '#NUM!', '[0, 2^53)');
    expectErrorCell(evaluateFormula('=BASE(5,37)'), '#NUM!', '2 to 36');
  });
});

describe('PI / SQRTPI', () => {
  it('PI is the full double, as Excel caches it', () => {
    // Excel saves =PI() as 3.141592653589793 (the ironcalc workbooks); the doc shows 3.14159265358979.
    expect(evaluateFormula('=PI()')).toBe(3.141592653589793);
    // PI()-1E-12 keeps its digits: 3.141592653589793 - 0.000000000001 = 3.141592653588793 (hand).
    expect(evaluateFormula('=PI()-0.000000000001')).toBeCloseTo(3.141592653588793, 15);
  });

  it("SQRTPI: Microsoft's examples", () => {
    // SQRTPI doc: SQRTPI(1) = 1.772454, SQRTPI(2) = 2.506628; a negative number is #NUM!.
    expect(evaluateFormula('=SQRTPI(1)')).toBeCloseTo(1.772454, 6);
    expect(evaluateFormula('=SQRTPI(2)')).toBeCloseTo(2.506628, 6);
    expectErrorCell(evaluateFormula('=SQRTPI(-1)'), '#NUM!', 'negative');
  });
});
