/**
 * VLOOKUP, HLOOKUP, MATCH, LOOKUP: Microsoft's documented examples of each (data re-entered here), with the answers
 * the docs give, plus the error rules of the docs worked out by hand.
 */
import { run, expectErrorCell } from '../../../support/engine';

// VLOOKUP doc, example 1: density, viscosity, temperature (sorted ascending by density).
const DENSITY = [
  [0.457, 3.55, 500],
  [0.525, 3.25, 400],
  [0.606, 2.93, 300],
  [0.675, 2.75, 250],
  [0.746, 2.57, 200],
  [0.835, 2.38, 150],
  [0.946, 2.17, 100],
  [1.09, 1.95, 50],
  [1.29, 1.71, 0],
];

describe('VLOOKUP', () => {
  it('approximate match finds the largest value <= the lookup value (doc example 1)', () => {
    // =VLOOKUP(1,A2:C10,2) is 2.17: 0.946 is the largest density <= 1.
    expect(run(DENSITY, '=VLOOKUP(1,Data!A1:C9,2)')).toBe(2.17);
    // =VLOOKUP(1,A2:C10,3,TRUE) is 100.
    expect(run(DENSITY, '=VLOOKUP(1,Data!A1:C9,3,TRUE)')).toBe(100);
    // =VLOOKUP(0.7,A2:C10,3,FALSE) is #N/A: no exact 0.7.
    expectErrorCell(run(DENSITY, '=VLOOKUP(0.7,Data!A1:C9,3,FALSE)'), '#N/A', 'not found');
    // =VLOOKUP(0.1,A2:C10,2,TRUE) is #N/A: 0.1 is below the smallest value.
    expectErrorCell(run(DENSITY, '=VLOOKUP(0.1,Data!A1:C9,2,TRUE)'), '#N/A', 'not found');
    // =VLOOKUP(2,A2:C10,2,TRUE) is 1.71.
    expect(run(DENSITY, '=VLOOKUP(2,Data!A1:C9,2,TRUE)')).toBe(1.71);
  });

  it('exact match ignores case and takes wildcards; index errors are #VALUE! and #REF!', () => {
    const fruit = [
      ['Apple', 'Manzana'],
      ['Orange', 'Naranja'],
      ['Strawberry', 'Fresa'],
    ];
    expect(run(fruit, '=VLOOKUP("apple",Data!A1:B3,2,FALSE)')).toBe('Manzana');
    expect(run(fruit, '=VLOOKUP("Str*",Data!A1:B3,2,FALSE)')).toBe('Fresa');
    expectErrorCell(run(fruit, '=VLOOKUP("Apple",Data!A1:B3,0,FALSE)'), '#VALUE!', 'less than 1');
    expectErrorCell(run(fruit, '=VLOOKUP("Apple",Data!A1:B3,3,FALSE)'), '#REF!', 'beyond');
    expectErrorCell(run(fruit, '=VLOOKUP("Apple","Nothing",1)'), '#VALUE!', 'is text');
  });

  it('works on arrays: =VLOOKUP(2,{1,"a";2,"b";3,"c"},2,FALSE) is "b"', () => {
    expect(run([[0]], '=VLOOKUP(2,{1,"a";2,"b";3,"c"},2,FALSE)')).toBe('b');
  });
});

describe('HLOOKUP', () => {
  // HLOOKUP doc: Axles, Bearings, Bolts over 4, 4, 9 / 5, 7, 10 / 6, 8, 11.
  const PARTS = [
    ['Axles', 'Bearings', 'Bolts'],
    [4, 4, 9],
    [5, 7, 10],
    [6, 8, 11],
  ];
  it('gives the doc example results', () => {
    expect(run(PARTS, '=HLOOKUP("Axles",Data!A1:C4,2,TRUE)')).toBe(4);
    expect(run(PARTS, '=HLOOKUP("Bearings",Data!A1:C4,3,FALSE)')).toBe(7);
    // "B" is not there; approximate match takes the largest text <= "B": "Axles".
    expect(run(PARTS, '=HLOOKUP("B",Data!A1:C4,3,TRUE)')).toBe(5);
    expect(run(PARTS, '=HLOOKUP("Bolts",Data!A1:C4,4)')).toBe(11);
    // =HLOOKUP(3,{1,2,3;"a","b","c";"d","e","f"},2,TRUE) is "c".
    expect(run([[0]], '=HLOOKUP(3,{1,2,3;"a","b","c";"d","e","f"},2,TRUE)')).toBe('c');
  });
});

describe('MATCH', () => {
  // MATCH doc: Bananas 25, Oranges 38, Apples 40, Pears 41.
  const COUNTS = [[25], [38], [40], [41]];
  it('gives the doc example results', () => {
    // =MATCH(39,B2:B5,1) is 2: 38 is the largest value <= 39.
    expect(run(COUNTS, '=MATCH(39,Data!A1:A4,1)')).toBe(2);
    expect(run(COUNTS, '=MATCH(41,Data!A1:A4,0)')).toBe(4);
    // =MATCH(40,B2:B5,-1) is #N/A because the range is not in descending order (hand check: the binary search for
    // the smallest value >= 40 on ascending data lands before the start).
    expectErrorCell(run(COUNTS, '=MATCH(40,Data!A1:A4,-1)'), '#N/A', 'not found');
  });

  it('type -1 on descending data, the last of equal items for type 1, wildcards for type 0', () => {
    expect(run([[41], [40], [38], [25]], '=MATCH(39,Data!A1:A4,-1)')).toBe(2);
    expect(run([['Alpha'], ['Beta'], ['Delta'], ['Delta'], ['Gamma']], '=MATCH("delta",Data!A1:A5)')).toBe(4);
    expect(run([['Patata'], ['ata'], ['Mulata']], '=MATCH("??l*",Data!A1:A3,0)')).toBe(3);
  });
});

describe('LOOKUP', () => {
  // LOOKUP doc, vector form: frequencies 4.14, 4.19, 5.17, 5.77, 6.39 and colors red, orange, yellow, green, blue.
  const FREQ = [
    [4.14, 'red'],
    [4.19, 'orange'],
    [5.17, 'yellow'],
    [5.77, 'green'],
    [6.39, 'blue'],
  ];
  it('vector form (doc examples)', () => {
    expect(run(FREQ, '=LOOKUP(4.19,Data!A1:A5,Data!B1:B5)')).toBe('orange');
    expect(run(FREQ, '=LOOKUP(5.75,Data!A1:A5,Data!B1:B5)')).toBe('yellow');
    expect(run(FREQ, '=LOOKUP(7.66,Data!A1:A5,Data!B1:B5)')).toBe('blue');
    expectErrorCell(run(FREQ, '=LOOKUP(0,Data!A1:A5,Data!B1:B5)'), '#N/A', 'not found');
  });

  it('array form (doc examples)', () => {
    expect(run([[0]], '=LOOKUP("C",{"a","b","c","d";1,2,3,4})')).toBe(3);
    expect(run([[0]], '=LOOKUP("bump",{"a",1;"b",2;"c",3})')).toBe(2);
  });
});

describe('INDEX', () => {
  // INDEX doc, array form example 1: Apples/Lemons over Bananas/Pears.
  const FRUIT = [
    ['Apples', 'Lemons'],
    ['Bananas', 'Pears'],
  ];
  it('gives the doc example results', () => {
    // =INDEX(A2:B3,2,2) is Pears; =INDEX(A2:B3,2,1) is Bananas.
    expect(run(FRUIT, '=INDEX(Data!A1:B2,2,2)')).toBe('Pears');
    expect(run(FRUIT, '=INDEX(Data!A1:B2,2,1)')).toBe('Bananas');
    // Doc example 2: =INDEX({1,2;3,4},0,2) returns the second column {2;4}.
    expect(run([[0]], '=INDEX({1,2;3,4},0,2)')).toEqual([[2], [4]]);
  });

  it('one index on a one-row array is a column number; 0 or omitted takes the whole row/column', () => {
    expect(run([[0]], '=INDEX({1,2,3},2)')).toBe(2);
    expect(run([[0]], '=INDEX({1,2,3;4,5,6},2)')).toEqual([[4, 5, 6]]);
    expect(run([[0]], '=INDEX({1,2,3,4},,)')).toEqual([[1, 2, 3, 4]]);
    expect(run([[0]], '=INDEX({1,2,3},1,0,1)')).toEqual([[1, 2, 3]]);
  });

  it('reports positions outside the array', () => {
    expectErrorCell(run([[1], [2], [3]], '=INDEX(Data!A1:A3,100)'), '#REF!', 'outside the 3x1 array');
    expectErrorCell(run([[0]], '=INDEX({1,2,3},1,0,2)'), '#REF!', 'area_num 2');
    expectErrorCell(run([[0]], '=INDEX({1,2,3},-1)'), '#VALUE!', 'must not be negative');
  });
});

describe('a blank cell found by a lookup is a reference to an empty cell, as in Excel', () => {
  // Excel's lookups return a reference: the empty cell they find shows 0 in the formula's cell, but joined with & it
  // is "" and it equals "" (the =VLOOKUP(...)&"" idiom). By hand for this table: "b" has no value in column B.
  const table = [
    ['a', 1],
    ['b', null],
  ];
  it('INDEX, VLOOKUP, HLOOKUP and LOOKUP show 0 for it in the cell', () => {
    expect(run(table, '=INDEX(Data!B1:B2,2)')).toBe(0);
    expect(run(table, '=VLOOKUP("b",Data!A1:B2,2,FALSE)')).toBe(0);
    expect(run(table, '=LOOKUP("b",Data!A1:A2,Data!B1:B2)')).toBe(0);
    expect(
      run(
        [
          ['a', 'b'],
          [1, null],
        ],
        '=HLOOKUP("b",Data!A1:B2,2,FALSE)',
      ),
    ).toBe(0);
  });
  it('and "" to & and to a comparison with "" (an org tree walking parents: INDEX(parents, MATCH(id, ids, 0))&"")', () => {
    expect(run(table, '=INDEX(Data!B1:B2,2)&""')).toBe('');
    expect(run(table, '=VLOOKUP("b",Data!A1:B2,2,FALSE)&""')).toBe('');
    expect(run(table, '=INDEX(Data!B1:B2,MATCH("b",Data!A1:A2,0))=""')).toBe(true);
    expect(run(table, '=INDEX(Data!B1:B2,MATCH("a",Data!A1:A2,0))&""')).toBe('1');
  });
});
