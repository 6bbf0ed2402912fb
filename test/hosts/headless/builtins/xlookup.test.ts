/**
 * XLOOKUP and XMATCH: the rules of Microsoft's docs of each (match_mode 0/-1/1/2, search_mode 1/-1/2/-2,
 * if_not_found, a whole row returned from a 2-D return_array), on small tables whose answers are worked out by hand.
 */
import { run, expectErrorCell, first } from '../../../support/engine';

// Microsoft's XLOOKUP doc, example 1: a country's dialling code (column A country, column B code, here as a number).
const COUNTRIES = [
  ['China', 86],
  ['India', 91],
  ['United States', 1],
  ['Indonesia', 62],
  ['Brazil', 55],
  ['Pakistan', 92],
];
// Microsoft's XLOOKUP doc, example 2 style: employee id, name, department.
const STAFF = [
  [8389, 'Dianne Pugh', 'Finance'],
  [4390, 'Ned Lanning', 'Marketing'],
  [4937, 'Ernest Hawkins', 'Sales'],
];
// An income-bracket table sorted ascending (limit, rate), as in the doc's tax-rate example.
const BRACKETS = [
  [0, 0.1],
  [9701, 0.22],
  [39476, 0.24],
  [84201, 0.32],
  [160726, 0.35],
  [204101, 0.37],
];

describe('XLOOKUP', () => {
  it('finds an exact match (doc example 1: Brazil is +55)', () => {
    expect(run(COUNTRIES, '=XLOOKUP("Brazil",Data!A1:A6,Data!B1:B6)')).toBe(55);
    // Text compares without regard to case.
    expect(run(COUNTRIES, '=XLOOKUP("brazil",Data!A1:A6,Data!B1:B6)')).toBe(55);
  });

  it('returns the whole row of a 2-D return array, which spills (doc example 2: name and department)', () => {
    expect(run(STAFF, '=XLOOKUP(4390,Data!A1:A3,Data!B1:C3)')).toEqual([['Ned Lanning', 'Marketing']]);
  });

  it('returns #N/A or if_not_found when nothing matches', () => {
    expectErrorCell(run(COUNTRIES, '=XLOOKUP("Chile",Data!A1:A6,Data!B1:B6)'), '#N/A', 'not found');
    // An omitted if_not_found (,,) is still #N/A.
    expectErrorCell(run(COUNTRIES, '=XLOOKUP("Chile",Data!A1:A6,Data!B1:B6,,0)'), '#N/A', 'not found');
    expect(run(COUNTRIES, '=XLOOKUP("Chile",Data!A1:A6,Data!B1:B6,"none")')).toBe('none');
  });

  it('match_mode -1 and 1 give the next smaller / larger item (tax brackets)', () => {
    // 46523 is between 39476 and 84201: next smaller is 39476 (24%), next larger 84201 (32%).
    expect(run(BRACKETS, '=XLOOKUP(46523,Data!A1:A6,Data!B1:B6,,-1)')).toBe(0.24);
    expect(run(BRACKETS, '=XLOOKUP(46523,Data!A1:A6,Data!B1:B6,,1)')).toBe(0.32);
    // The same with binary search on the ascending column.
    expect(run(BRACKETS, '=XLOOKUP(46523,Data!A1:A6,Data!B1:B6,,-1,2)')).toBe(0.24);
    expect(run(BRACKETS, '=XLOOKUP(46523,Data!A1:A6,Data!B1:B6,,1,2)')).toBe(0.32);
    // Nothing smaller than -5: #N/A.
    expectErrorCell(run(BRACKETS, '=XLOOKUP(-5,Data!A1:A6,Data!B1:B6,,-1)'), '#N/A', 'not found');
  });

  it('match_mode 2 matches wildcards; ~ escapes them', () => {
    expect(run(COUNTRIES, '=XLOOKUP("Ind*",Data!A1:A6,Data!B1:B6,,2)')).toBe(91);
    expect(run(COUNTRIES, '=XLOOKUP("?hina",Data!A1:A6,Data!B1:B6,,2)')).toBe(86);
    expect(run([['a*'], ['ab']], '=XLOOKUP("a~*",Data!A1:A2,Data!A1:A2,,2)')).toBe('a*');
  });

  it('search_mode -1 finds the last match; -2 binary-searches descending data', () => {
    const dup = [
      [1, 'first'],
      [2, 'x'],
      [1, 'last'],
    ];
    expect(run(dup, '=XLOOKUP(1,Data!A1:A3,Data!B1:B3)')).toBe('first');
    expect(run(dup, '=XLOOKUP(1,Data!A1:A3,Data!B1:B3,,0,-1)')).toBe('last');
    // Descending 50, 30, 10: next larger than 20 is 30 (row 2).
    expect(
      run(
        [
          [50, 'a'],
          [30, 'b'],
          [10, 'c'],
        ],
        '=XLOOKUP(20,Data!A1:A3,Data!B1:B3,,1,-2)',
      ),
    ).toBe('b');
  });

  it('keeps numbers and text apart and returns 0 for an empty return cell', () => {
    expectErrorCell(run([['="5"', 'text']], '=XLOOKUP(5,Data!A1:A1,Data!B1:B1)'), '#N/A', 'not found');
    expect(run([['k', null]], '=XLOOKUP("k",Data!A1:A1,Data!B1:B1)')).toBe(0);
  });

  it('an omitted lookup_value finds a blank cell (doc: "If omitted, XLOOKUP returns blank cells it finds")', () => {
    const withBlank = [
      ['a', 1],
      ['b', 2],
      [null, 3],
    ];
    expect(run(withBlank, '=XLOOKUP(,Data!A1:A3,Data!B1:B3)')).toBe(3);
    expect(run(withBlank, '=XLOOKUP(,Data!A1:A3,Data!B1:B3,,1,2)')).toBe(3);
  });

  it('reports bad arguments', () => {
    expectErrorCell(
      run(COUNTRIES, '=XLOOKUP("Brazil",Data!A1:B6,Data!B1:B6)'),
      '#VALUE!',
      'lookup_array must be one row or one column',
    );
    expectErrorCell(
      run(COUNTRIES, '=XLOOKUP("Brazil",Data!A1:A6,Data!B1:B5)'),
      '#VALUE!',
      'return_array must have as many rows',
    );
    expectErrorCell(run(COUNTRIES, '=XLOOKUP("Brazil",Data!A1:A6,Data!B1:B6,,4)'), '#VALUE!', 'match_mode');
    expectErrorCell(run(COUNTRIES, '=XLOOKUP("Brazil",Data!A1:A6,Data!B1:B6,,0,0)'), '#VALUE!', 'search_mode');
    expectErrorCell(run(COUNTRIES, '=XLOOKUP(1/0,Data!A1:A6,Data!B1:B6)'), '#DIV/0!', '');
  });
});

describe('XMATCH', () => {
  it('gives the position (XMATCH doc: "Gra?" with wildcards in Apple, Grape, Pear, Banana, Cherry is 2)', () => {
    const fruit = [['Apple'], ['Grape'], ['Pear'], ['Banana'], ['Cherry']];
    expect(run(fruit, '=XMATCH("Grape",Data!A1:A5)')).toBe(2);
    expect(run(fruit, '=XMATCH("Gra?e",Data!A1:A5,2)')).toBe(2);
    expectErrorCell(run(fruit, '=XMATCH("Kiwi",Data!A1:A5)'), '#N/A', 'not found');
  });

  it('next larger / smaller (XMATCH doc: sales bonus tiers, 4 of 5 tiers)', () => {
    const tiers = [[0], [10000], [20000], [30000], [40000]];
    // 35000: next smaller is 30000 (position 4), next larger 40000 (position 5).
    expect(run(tiers, '=XMATCH(35000,Data!A1:A5,-1)')).toBe(4);
    expect(run(tiers, '=XMATCH(35000,Data!A1:A5,1)')).toBe(5);
    expect(first(run(tiers, '=XMATCH(20000,Data!A1:A5,0,2)'))).toBe(3);
  });

  it('match_mode 3 matches a regular expression (case-sensitive); search_mode -1 finds the last', () => {
    const words = [['spain'], ['Germany'], ['Italy'], ['Norway']];
    // "[A-Z][a-z]+y" needs a capital then lower-case letters ending in y: Germany (2), Italy (3), Norway (4).
    expect(run(words, '=XMATCH("[A-Z][a-z]+y",Data!A1:A4,3)')).toBe(2);
    expect(run(words, '=XMATCH("[A-Z][a-z]+y",Data!A1:A4,3,-1)')).toBe(4);
    expectErrorCell(run(words, '=XMATCH("[A-Z",Data!A1:A4,3)'), '#VALUE!', 'not a valid regular expression');
  });
});
