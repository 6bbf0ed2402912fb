import { expectErrorCell, run } from '../../../support/engine';

// Microsoft's example for the database functions (DSUM, DAVERAGE, DGET, ... pages, e.g.
// https://support.microsoft.com/office/dsum-function-53181285-0c4b-4f5a-aaa3-529a322be41b): criteria in A1:F3,
// database in A5:E11. Expected values are the doc's, or worked by hand from the table in the comment.
const trees = [
  ['Tree', 'Height', 'Age', 'Yield', 'Profit', 'Height'],
  ['="=Apple"', '>10', null, null, null, '<16'],
  ['="=Pear"', null, null, null, null, null],
  [null],
  ['Tree', 'Height', 'Age', 'Yield', 'Profit'],
  ['Apple', 18, 20, 14, 105],
  ['Pear', 12, 12, 10, 96],
  ['Cherry', 13, 14, 9, 105],
  ['Apple', 14, 15, 10, 75],
  ['Pear', 9, 8, 8, 76.8],
  ['Apple', 8, 9, 6, 45],
];
const db = (f: string) => run(trees, `=${f.replace(/\b([A-F]\d+(?::[A-F]\d+)?)\b/g, 'Data!$1')}`);

describe('database functions', () => {
  it("Microsoft's DSUM examples", () => {
    expect(db('DSUM(A5:E11,"Profit",A1:A2)')).toBe(225); // apple trees: 105 + 75 + 45
    expect(db('DSUM(A5:E11,"Profit",A1:F3)')).toBeCloseTo(247.8, 9); // apples 10..16 high (75) + all pears (96 + 76.8); doc shows $248
  });

  it("Microsoft's DAVERAGE, DCOUNT, DCOUNTA, DMAX, DMIN, DPRODUCT examples", () => {
    expect(db('DAVERAGE(A5:E11,"Yield",A1:B2)')).toBe(12); // apples over 10 high: yields 14 and 10
    expect(db('DAVERAGE(A5:E11,3,A5:E11)')).toBe(13); // every tree's age: 78 / 6
    expect(db('DCOUNT(A5:E11,"Age",A1:F2)')).toBe(1); // the one apple between 10 and 16 high
    expect(db('DCOUNTA(A5:E11,"Profit",A1:F2)')).toBe(1);
    expect(db('DCOUNT(A5:E11,,A1:A3)')).toBe(5); // field omitted: the matching records, 3 apples and 2 pears
    expect(db('DMAX(A5:E11,"Profit",A1:F3)')).toBe(96); // 75, 96, 76.8
    expect(db('DMIN(A5:E11,"Profit",A1:B2)')).toBe(75); // 105, 75
    expect(db('DPRODUCT(A5:E11,"Yield",A1:F3)')).toBe(800); // 10 * 10 * 8
  });

  it("Microsoft's DSTDEV, DSTDEVP, DVAR, DVARP examples (apple and pear yields 14, 10, 10, 8, 6)", () => {
    // mean 9.6, squared deviations 19.36 + 0.16 + 0.16 + 2.56 + 12.96 = 35.2
    expect(db('DVAR(A5:E11,"Yield",A1:A3)')).toBeCloseTo(8.8, 12); // 35.2 / 4
    expect(db('DVARP(A5:E11,"Yield",A1:A3)')).toBeCloseTo(7.04, 12); // 35.2 / 5
    expect(db('DSTDEV(A5:E11,"Yield",A1:A3)')).toBeCloseTo(2.966479, 6);
    expect(db('DSTDEVP(A5:E11,"Yield",A1:A3)')).toBeCloseTo(2.6533, 6);
  });

  it("DGET: one match is the value, several #NUM!, none #VALUE! (Microsoft's DGET page)", () => {
    expectErrorCell(db('DGET(A5:E11,"Yield",A1:A3)'), '#NUM!', 'records match');
    expect(db('DGET(A5:E11,"Yield",A1:F2)')).toBe(10); // only the apple 14 high
    expectErrorCell(db('DGET(A5:E11,"Yield",A4:A5)'), '#VALUE!', 'no record'); // a blank criteria header names no field: its condition "Tree" matches no record
  });

  it('field by header text in any case, by truncated number, else #VALUE!', () => {
    expect(db('DSUM(A5:E11,"PROFIT",A1:A2)')).toBe(225);
    expect(db('DSUM(A5:E11,5.9,A1:A2)')).toBe(225);
    expectErrorCell(db('DSUM(A5:E11,6,A1:A2)'), '#VALUE!', 'field 6');
    expectErrorCell(db('DSUM(A5:E11,"Revenue",A1:A2)'), '#VALUE!', 'not a header');
    expectErrorCell(db('DSUM(A5:E5,"Profit",A1:A2)'), '#VALUE!', 'only its header row');
  });

  it('a plain text condition matches text beginning with it; "=text" only that text (Advanced Filter criteria rules)', () => {
    const rows = [
      ['Name', 'N'],
      ['Berlin', 1],
      ['Berlino', 2],
      ['Bern', 4],
      ['Name'],
      ['Berlin'],
      ['Name'],
      ['="=Berlin"'],
    ];
    expect(run(rows, '=DSUM(Data!A1:B4,"N",Data!A5:A6)')).toBe(3); // Berlin and Berlino: 1 + 2
    expect(run(rows, '=DSUM(Data!A1:B4,"N",Data!A7:A8)')).toBe(1);
  });
});
