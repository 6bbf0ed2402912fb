/**
 * The LAMBDA family computed headless: MAP, REDUCE, SCAN, BYROW, BYCOL, MAKEARRAY (builtins/lambda.ts), a LAMBDA called
 * in place, a LET or a defined name bound to a LAMBDA, ISOMITTED (lambda-rewrite.ts). Examples are Microsoft's doc
 * examples for each function over the data 1 2 3 / 4 5 6 in A1:C2, each result worked by hand in the comment.
 */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { engineFromWorkbook } from '../../../../src/hosts/headless/load';
import { rewriteLambdaCalls } from '../../../../src/hosts/headless/lambda-rewrite';
import type { XlsxCell, XlsxWorkbook } from '../../../../src/xlsx/types';
import { expectErrorCell, run } from '../../../support/engine';

const DATA = [
  [1, 2, 3],
  [4, 5, 6],
];

describe('MAP', () => {
  it("squares the values above 4 (Microsoft's MAP example 1)", () => {
    // =MAP(A1:C2, LAMBDA(a, IF(a>4,a*a,a))): 1 2 3 4 stay, 5 -> 25, 6 -> 36.
    expect(run(DATA, '=MAP(Data!A1:C2, LAMBDA(a, IF(a>4,a*a,a)))')).toEqual([
      [1, 2, 3],
      [4, 25, 36],
    ]);
  });

  it('maps two arrays position by position, with the _xlpm. names Excel saves', () => {
    // AND of each pair (Microsoft's MAP example 2): TRUE only where both are TRUE.
    expect(
      evaluateFormula('=MAP({TRUE;TRUE;FALSE},{TRUE;FALSE;FALSE},LAMBDA(_xlpm.a,_xlpm.b,AND(_xlpm.a,_xlpm.b)))'),
    ).toEqual([[true], [false], [false]]);
  });
});

describe('REDUCE and SCAN', () => {
  it("sums the squared values (Microsoft's REDUCE example 1): 1+4+9+16+25+36 = 91", () => {
    expect(run(DATA, '=REDUCE(0, Data!A1:C2, LAMBDA(a,b,a+b^2))')).toBe(91);
  });

  it("counts the even values (Microsoft's REDUCE example 3): 24, 100 and 12 are even", () => {
    expect(evaluateFormula('=REDUCE(0,{24,100,97,12,37},LAMBDA(a,n,IF(ISEVEN(n),1+a,a)))')).toBe(3);
  });

  it("multiplies only the values above 50 (Microsoft's REDUCE example 2): 100 x 97 x 76 = 737,200", () => {
    expect(evaluateFormula('=REDUCE(1,{24;100;97;11;37;42;76},LAMBDA(a,b,IF(b>50,a*b,a)))')).toBe(737200);
  });

  it("lists factorials and running text (Microsoft's SCAN examples 1 and 2)", () => {
    // 1, 1x2, 1x2x3, ... 720, row by row.
    expect(run(DATA, '=SCAN(1, Data!A1:C2, LAMBDA(a,b,a*b))')).toEqual([
      [1, 2, 6],
      [24, 120, 720],
    ]);
    expect(evaluateFormula('=SCAN("",{"a","b","c";"d","e","f"},LAMBDA(a,b,a&b))')).toEqual([
      ['a', 'ab', 'abc'],
      ['abcd', 'abcde', 'abcdef'],
    ]);
  });

  it('keeps an omitted initial value at Excel (the doc gives two readings of it)', () => {
    expectErrorCell(evaluateFormula('=REDUCE(,{1,2},LAMBDA(a,b,a*b))'), '#NAME?', 'REDUCE is not supported headless');
  });
});

describe('BYROW, BYCOL, MAKEARRAY', () => {
  it("takes each row's maximum and sum of squares (Microsoft's BYROW examples)", () => {
    expect(run(DATA, '=BYROW(Data!A1:C2, LAMBDA(array, MAX(array)))')).toEqual([[3], [6]]);
    // 1+4+9 = 14, 16+25+36 = 77.
    expect(run(DATA, '=BYROW(Data!A1:C2, LAMBDA(array, SUMSQ(array)))')).toEqual([[14], [77]]);
  });

  it("takes each column's maximum and sum of squares (Microsoft's BYCOL examples)", () => {
    expect(run(DATA, '=BYCOL(Data!A1:C2, LAMBDA(array, MAX(array)))')).toEqual([[4, 5, 6]]);
    // 1+16 = 17, 4+25 = 29, 9+36 = 45.
    expect(run(DATA, '=BYCOL(Data!A1:C2, LAMBDA(array, SUMSQ(array)))')).toEqual([[17, 29, 45]]);
  });

  it('makes a multiplication table from 1-based indexes (MAKEARRAY doc: rows and cols from 1)', () => {
    expect(evaluateFormula('=MAKEARRAY(3, 3, LAMBDA(r,c, r*c))')).toEqual([
      [1, 2, 3],
      [2, 4, 6],
      [3, 6, 9],
    ]);
    // Microsoft's MAKEARRAY doc: rows below 1 are #VALUE!.
    expectErrorCell(evaluateFormula('=MAKEARRAY(0, 3, LAMBDA(r,c, r*c))'), '#VALUE!', 'rows 0');
  });

  it('nests: an inner LAMBDA sees the outer parameter, and its own parameter of the same name hides it', () => {
    // x = 1: 0 + 10 x 1 + 20 x 1 = 30; x = 2: 60.
    expect(evaluateFormula('=MAP({1,2}, LAMBDA(x, REDUCE(0, {10,20}, LAMBDA(a,b, a+b*x))))')).toEqual([[30, 60]]);
    expect(evaluateFormula('=MAP({1,2}, LAMBDA(x, MAP(x, LAMBDA(x, x*10))))')).toEqual([[10, 20]]);
  });

  it('keeps what it cannot evaluate: a body that needs a reference, a LAMBDA with the wrong parameter count', () => {
    expectErrorCell(run(DATA, '=MAP(Data!A1, LAMBDA(x, ROW(x)))') as never, '#NAME?', 'MAP is not supported');
    expectErrorCell(evaluateFormula('=MAP({1}, LAMBDA(x, y, x+y))'), '#NAME?', 'MAP is not supported');
    expectErrorCell(evaluateFormula('=LAMBDA(_xlpm.x,_xlpm.x+1)'), '#NAME?', 'LAMBDA is not supported headless');
  });
});

describe('LAMBDA called in place, by a LET name or a defined name; ISOMITTED', () => {
  it("applies Microsoft's LAMBDA examples", () => {
    // LAMBDA doc: =LAMBDA(number, number + 1)(1) returns 2.
    expect(evaluateFormula('=LAMBDA(number, number + 1)(1)')).toBe(2);
    // Pythagoras with the names Excel saves: sqrt(3^2 + 4^2) = 5.
    expect(evaluateFormula('=LAMBDA(_xlpm.x,_xlpm.y, SQRT(_xlpm.x*_xlpm.x+_xlpm.y*_xlpm.y))(3,4)')).toBe(5);
    expect(rewriteLambdaCalls('=LAMBDA(x,x&"x")("x(")')).toBe('=(("x(")&"x")');
  });

  it('calls a LAMBDA bound by LET: area(6, 7) = 42', () => {
    expect(evaluateFormula('=LET(area, LAMBDA(x,y,x*y), area(6,7))')).toBe(42);
    // Passed to MAP by its LET name: 1+1, 2+1.
    expect(evaluateFormula('=LET(f, LAMBDA(x,x+1), MAP({1,2}, f))')).toEqual([[2, 3]]);
  });

  it("answers ISOMITTED (Microsoft's ISOMITTED example) and leaves a volatile argument used twice alone", () => {
    const f = '=LAMBDA(x,y, IF(ISOMITTED(y),"Missing second argument",x+y))';
    expect(evaluateFormula(`${f}(1,)`)).toBe('Missing second argument');
    expect(evaluateFormula(`${f}(1,2)`)).toBe(3);
    // An optional parameter ([b], saved as _xlop.b) left out: 12 / 2 = 6.
    expect(evaluateFormula('=LAMBDA(_xlpm.a,_xlop.b,IF(ISOMITTED(_xlpm.b),_xlpm.a/2,_xlpm.a*_xlpm.b))(12)')).toBe(6);
    expect(rewriteLambdaCalls('=LAMBDA(x,x-x)(RAND())')).toBe('=LAMBDA(x,x-x)(RAND())');
    // A required parameter left out is Excel's #VALUE!: not rewritten, so the cell is kept.
    expect(rewriteLambdaCalls('=LAMBDA(x,y,x+y)(1)')).toBe('=LAMBDA(x,y,x+y)(1)');
  });

  it("calls a name defined as a LAMBDA (Microsoft's LAMBDA doc: ToCelsius(104) = (5/9) x 72 = 40)", () => {
    const cell = (row: number, col: number, address: string, value: number, formula?: string): XlsxCell =>
      ({ row, col, address, value, formula }) as XlsxCell;
    const workbook: XlsxWorkbook = {
      sheets: [
        {
          name: 'Sheet1',
          part: 'xl/worksheets/sheet1.xml',
          cells: [
            cell(0, 0, 'A1', 104),
            cell(0, 1, 'B1', 0, 'ToCelsius(A1)'),
            cell(1, 1, 'B2', 0, 'SUM(MAP(A1, ToCelsius))'),
          ],
          tables: [],
        },
      ],
      names: [{ name: 'ToCelsius', formula: '_xlfn.LAMBDA(_xlpm.temp, (5/9) * (_xlpm.temp-32))' }],
      date1904: false,
      warnings: [],
    };
    const { engine } = engineFromWorkbook(workbook);
    try {
      expect(engine.getCellValue({ sheet: 0, row: 0, col: 1 })).toBeCloseTo(40, 12);
      expect(engine.getCellValue({ sheet: 0, row: 1, col: 1 })).toBeCloseTo(40, 12);
    } finally {
      engine.destroy();
    }
  });
});
