/**
 * The one A1 module. Every expectation is worked by hand: columns count in bijective base 26 (A = 1 .. Z = 26,
 * AA = 27), shifted to 0-based, so AA = 26 and XFD = 24*676 + 6*26 + 4 - 1 = 16383, Excel's last column.
 */
import {
  MAX_COLUMNS,
  areaAddress,
  cellAddress,
  columnIndex,
  columnLetters,
  parseArea,
  parseCell,
  parseRange,
  qualifiedAddress,
  quoteSheetName,
  rangeAddress,
  stripSheet,
  unquoteSheetName,
} from '../../src/workbook/a1';

describe('column letters (0-based)', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD'],
  ])('column %i is %s (and back)', (i, letters) => {
    expect(columnLetters(i)).toBe(letters);
    expect(columnIndex(letters)).toBe(i);
    expect(columnIndex(letters.toLowerCase())).toBe(i);
  });

  it('XFD is the last of the 16,384 columns', () => {
    expect(columnIndex('XFD')).toBe(MAX_COLUMNS - 1);
  });
});

describe('cells and areas', () => {
  it('names 0-based cells', () => {
    expect(cellAddress(0, 0)).toBe('A1');
    expect(cellAddress(9, 27)).toBe('AB10');
    expect(cellAddress(1_048_575, 16_383)).toBe('XFD1048576');
  });

  it('parses cells with and without $, and refuses what is off the grid', () => {
    expect(parseCell('B2')).toEqual({ row: 1, col: 1 });
    expect(parseCell('$B$7')).toEqual({ row: 6, col: 1 });
    expect(parseCell('XFE1')).toBeNull(); // one column past XFD
    expect(parseCell('A1048577')).toBeNull(); // one row past the last
    expect(parseCell('B0')).toBeNull();
    expect(parseCell('Total')).toBeNull();
  });

  it('parses areas with corners in any order', () => {
    expect(parseArea('D2:D5')).toEqual({ top: 1, left: 3, bottom: 4, right: 3 });
    expect(parseArea('$D$10:B2')).toEqual({ top: 1, left: 1, bottom: 9, right: 3 });
    expect(parseArea('C3')).toEqual({ top: 2, left: 2, bottom: 2, right: 2 });
    expect(parseArea('A1:B2:C3')).toBeNull();
    expect(areaAddress({ top: 1, left: 1, bottom: 9, right: 3 })).toBe('B2:D10');
    expect(areaAddress({ top: 2, left: 2, bottom: 2, right: 2 })).toBe('C3');
    expect(rangeAddress({ row: 0, col: 0 }, { row: 0, col: 0 })).toBe('A1');
  });

  it('parses sheet-qualified ranges and names a bad address', () => {
    expect(parseRange("'Q1 plan'!$D$10:B2")).toEqual({
      sheet: 'Q1 plan',
      start: { row: 1, col: 1 },
      end: { row: 9, col: 3 },
    });
    expect(parseRange("'Bob''s'!A1").sheet).toBe("Bob's");
    expect(parseRange('A2:B3')).toEqual({ sheet: undefined, start: { row: 1, col: 0 }, end: { row: 2, col: 1 } });
    expect(() => parseRange('B0')).toThrow("'B0' is not a cell address");
    expect(stripSheet("'My sheet'!A1:B2")).toBe('A1:B2');
  });
});

describe('sheet names as Excel writes them in formulas', () => {
  it.each([
    ['Deals', 'Deals'],
    ['Sheet1', 'Sheet1'], // letters then digits, but SHEET1 is no column (4 letters), so bare
    ['Plan_2026', 'Plan_2026'],
    ['Q1', "'Q1'"], // column Q, row 1: a cell reference
    ['AB12', "'AB12'"],
    ['R1C1', "'R1C1'"], // an R1C1 reference
    ['R2', "'R2'"],
    ['C', "'C'"], // the whole current column in R1C1 notation
    ['RC', "'RC'"],
    ['TRUE', "'TRUE'"],
    ['Q1 plan', "'Q1 plan'"],
    ["Bob's", "'Bob''s'"],
    ['2026', "'2026'"], // starts with a digit
    ['Deals (2)', "'Deals (2)'"],
    ['Sales-EU', "'Sales-EU'"],
  ])('%s is written %s', (name, written) => {
    expect(quoteSheetName(name)).toBe(written);
    expect(unquoteSheetName(written)).toBe(name);
  });

  it('qualifies an address', () => {
    expect(qualifiedAddress('Q1', 'B2')).toBe("'Q1'!B2");
    expect(qualifiedAddress('Deals', 'A1:B3')).toBe('Deals!A1:B3');
  });
});
