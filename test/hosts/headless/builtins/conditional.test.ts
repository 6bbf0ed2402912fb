import { run } from '../../../support/engine';

// Microsoft's COUNTIF examples (https://support.microsoft.com/office/countif-function-e0de10c6-f885-4e71-abb4-1f464816df34)
const fruit = [
  ['apples', 32],
  ['oranges', 54],
  ['peaches', 75],
  ['apples', 86],
];
// Microsoft's SUMIF examples (https://support.microsoft.com/office/sumif-function-169b8c99-c05c-4483-a712-1697a653039b)
const property = [
  [100000, 7000],
  [200000, 14000],
  [300000, 21000],
  [400000, 28000],
];

const type = (t: string) => expect.objectContaining({ type: t });

describe('COUNTIF / COUNTIFS', () => {
  it("Microsoft's examples", () => {
    expect(run(fruit, '=COUNTIF(Data!A1:A4,"apples")')).toBe(2);
    expect(run(fruit, '=COUNTIF(Data!A1:A4,Data!A3)')).toBe(1);
    expect(run(fruit, '=COUNTIF(Data!B1:B4,">55")')).toBe(2);
    expect(run(fruit, '=COUNTIF(Data!B1:B4,"<>"&Data!B3)')).toBe(3);
    expect(run(fruit, '=COUNTIF(Data!B1:B4,">=32")-COUNTIF(Data!B1:B4,">85")')).toBe(3);
    expect(run(fruit, '=COUNTIF(Data!A1:A4,"*")')).toBe(4);
    expect(run(fruit, '=COUNTIF(Data!A1:A4,"?????es")')).toBe(2);
  });

  it('text ignores case; ~ escapes a wildcard; text order for > (hand-checked)', () => {
    expect(run([['APPLES'], ['a*b'], ['axb']], '=COUNTIF(Data!A1:A3,"apples")')).toBe(1);
    expect(run([['APPLES'], ['a*b'], ['axb']], '=COUNTIF(Data!A1:A3,"a~*b")')).toBe(1);
    // "banana" and "cherry" sort after "b", "APPLES" before it
    expect(run([['APPLES'], ['banana'], ['cherry']], '=COUNTIF(Data!A1:A3,">b")')).toBe(2);
  });

  it('empty cells: "" and "=" count them, "<>" counts the rest, a whole column counts its 1,048,576 cells', () => {
    const data = [['x'], [null], ['']];
    expect(run(data, '=COUNTIF(Data!A1:A3,"")')).toBe(2);
    expect(run(data, '=COUNTIF(Data!A1:A3,"<>")')).toBe(2);
    // column A of Data holds "x", an empty cell and "": every cell but "x" is not "x"
    expect(run(data, '=COUNTIF(Data!A:A,"<>x")')).toBe(1_048_575);
  });

  it('numbers match number-like text with =, an error criteria counts that error', () => {
    expect(run([[23], ['="23"'], [true]], '=COUNTIF(Data!A1:A3,23)')).toBe(2);
    expect(run([[23], ['="23"'], [true]], '=COUNTIF(Data!A1:A3,"<>23")')).toBe(2);
    expect(run([['=NA()'], [1], ['=NA()']], '=COUNTIF(Data!A1:A3,NA())')).toBe(2);
  });

  it('COUNTIFS needs every criteria on the same row; unequal ranges are #VALUE!', () => {
    // rows with fruit "apples" and amount > 50: only (apples, 86)
    expect(run(fruit, '=COUNTIFS(Data!A1:A4,"apples",Data!B1:B4,">50")')).toBe(1);
    expect(run(fruit, '=COUNTIFS(Data!A1:A4,"apples",Data!B1:B3,">50")')).toEqual(type('VALUE'));
  });
});

describe('SUMIF / SUMIFS / AVERAGEIF(S) / MINIFS / MAXIFS', () => {
  it("Microsoft's SUMIF examples", () => {
    expect(run(property, '=SUMIF(Data!A1:A4,">160000",Data!B1:B4)')).toBe(63000);
    expect(run(property, '=SUMIF(Data!A1:A4,">160000")')).toBe(900000);
    expect(run(property, '=SUMIF(Data!A1:A4,300000,Data!B1:B4)')).toBe(21000);
  });

  it('SUMIFS, AVERAGEIFS, MINIFS, MAXIFS over the same rows (hand calculation)', () => {
    // values with property > 150000: 14000, 21000, 28000 -> sum 63000, average 21000, min 14000, max 28000
    expect(run(property, '=SUMIFS(Data!B1:B4,Data!A1:A4,">150000")')).toBe(63000);
    expect(run(property, '=AVERAGEIFS(Data!B1:B4,Data!A1:A4,">150000")')).toBe(21000);
    expect(run(property, '=MINIFS(Data!B1:B4,Data!A1:A4,">150000")')).toBe(14000);
    expect(run(property, '=MAXIFS(Data!B1:B4,Data!A1:A4,">150000",Data!A1:A4,"<400000")')).toBe(21000);
  });

  it('no match: AVERAGEIF(S) is #DIV/0!, MINIFS/MAXIFS 0; an error in a matched value is the result', () => {
    expect(run(property, '=AVERAGEIF(Data!A1:A4,">1000000",Data!B1:B4)')).toEqual(type('DIV_BY_ZERO'));
    expect(run(property, '=AVERAGEIFS(Data!B1:B4,Data!A1:A4,">1000000")')).toEqual(type('DIV_BY_ZERO'));
    expect(run(property, '=MINIFS(Data!B1:B4,Data!A1:A4,">1000000")')).toBe(0);
    expect(
      run(
        [
          [1, '=NA()'],
          [2, 5],
        ],
        '=SUMIF(Data!A1:A2,">0",Data!B1:B2)',
      ),
    ).toEqual(type('NA'));
  });
});
