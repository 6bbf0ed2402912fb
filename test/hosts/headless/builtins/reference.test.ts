import { expectErrorCell, run } from '../../../support/engine';

// Microsoft's CHOOSE examples (https://support.microsoft.com/office/choose-function-fc5c184f-cb62-4ec7-a46e-38653b98f5bc)
const parts = [
  ['1st', 'Nails', 23],
  ['2nd', 'Screws', 45],
  ['3rd', 'Nuts', 12],
  ['Finished', 'Bolts', 10],
  [null, null, '=1/0'],
];

describe('CHOOSE', () => {
  it("Microsoft's examples", () => {
    expect(run(parts, '=CHOOSE(2,Data!A1,Data!A2,Data!A3,Data!A4)')).toBe('2nd');
    expect(run(parts, '=CHOOSE(4,Data!B1,Data!B2,Data!B3,Data!B4)')).toBe('Bolts');
    expect(run(parts, '=CHOOSE(3,"Wide",115,"world",8)')).toBe('world');
  });

  it('a chosen range comes back whole (23 + 45 + 12 = 80)', () => {
    expect(run(parts, '=SUM(CHOOSE(2,Data!C1:C2,Data!C1:C3,Data!C1:C4))')).toBe(80);
    expect(run(parts, '=CHOOSE(2,Data!C1:C2,Data!C1:C3)')).toEqual([[23], [45], [12]]); // spills the chosen range
  });

  it('truncates a fractional index ("If index_num is a fraction, it is truncated"); out of range is #VALUE!', () => {
    expect(run(parts, '=CHOOSE(1.9,"a","b")')).toBe('a');
    expect(run(parts, '=CHOOSE(TRUE,"a","b")')).toBe('a');
    expectErrorCell(run(parts, '=CHOOSE(0,"a","b")'), '#VALUE!', 'index_num 0');
    expectErrorCell(run(parts, '=CHOOSE(3,"a","b")'), '#VALUE!', 'index_num 3');
    expectErrorCell(run(parts, '=CHOOSE("x","a","b")'), '#VALUE!', 'index_num');
  });

  it('an error among the values not chosen is no error', () => {
    expect(run(parts, '=CHOOSE(1,0,Data!C5)')).toBe(0);
    expectErrorCell(run(parts, '=CHOOSE(2,0,Data!C5)'), '#DIV/0!', '');
  });
});

// Microsoft's ADDRESS examples (https://support.microsoft.com/office/address-function-d0c26c0d-3991-446b-8de4-ab46431d4f89)
describe('ADDRESS', () => {
  it("Microsoft's examples", () => {
    expect(run([[]], '=ADDRESS(2,3)')).toBe('$C$2');
    expect(run([[]], '=ADDRESS(2,3,2)')).toBe('C$2');
    expect(run([[]], '=ADDRESS(2,3,2,FALSE)')).toBe('R2C[3]');
    expect(run([[]], '=ADDRESS(2,3,1,FALSE,"[Book1]Sheet1")')).toBe("'[Book1]Sheet1'!R2C3");
    expect(run([[]], '=ADDRESS(2,3,1,FALSE,"EXCEL SHEET")')).toBe("'EXCEL SHEET'!R2C3");
  });

  it('truncates row and column; outside the sheet or abs_num beyond 1..4 is #VALUE!', () => {
    expect(run([[]], '=ADDRESS(23.4,34.7,2)')).toBe('AH$23'); // column 34 is AH
    expect(run([[]], '=ADDRESS(1,16384,4)')).toBe('XFD1');
    expectErrorCell(run([[]], '=ADDRESS(0,3)'), '#VALUE!', 'row_num 0');
    expectErrorCell(run([[]], '=ADDRESS(-1,3,1,FALSE)'), '#VALUE!', 'row_num -1');
    expectErrorCell(run([[]], '=ADDRESS(1,16385)'), '#VALUE!', 'column_num 16385');
    expectErrorCell(run([[]], '=ADDRESS(2,3,5)'), '#VALUE!', 'abs_num 5');
  });
});
