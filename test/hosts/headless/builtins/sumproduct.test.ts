import { run } from '../../../support/engine';

// Microsoft's SUMPRODUCT example data (https://support.microsoft.com/office/sumproduct-function-16753e75-9f68-4874-94ac-4d2145a2fd2e)
const grocery = [
  ['Item', 'Case Cost', 'Cases'],
  ['Cherries', 10, 14],
  ['Oranges', 3, 17],
  ['Grapes', 5, 9],
  ['Lemons', 4, 11],
];

describe('SUMPRODUCT with arrays computed from ranges', () => {
  it("Microsoft's example: costs times cases", () => {
    // 10*14 + 3*17 + 5*9 + 4*11 = 140 + 51 + 45 + 44 = 280
    expect(run(grocery, '=SUMPRODUCT(Data!B2:B5,Data!C2:C5)')).toBe(280);
  });

  it('conditions multiplied cell by cell, outside an array formula', () => {
    // rows where the cost is >= 4: Cherries 140 + Grapes 45 + Lemons 44 = 229
    expect(run(grocery, '=SUMPRODUCT((Data!B2:B5>=4)*Data!B2:B5*Data!C2:C5)')).toBe(229);
    // item equal to "grapes" (text comparison ignores case): 5 * 9 = 45
    expect(run(grocery, '=SUMPRODUCT((Data!A2:A5="grapes")*Data!B2:B5*Data!C2:C5)')).toBe(45);
  });

  it('IFERROR over a range inside SUMPRODUCT replaces each error', () => {
    // 1/{1;0;4} = {1; #DIV/0!; 0.25} -> {1; 0; 0.25}, sum 1.25
    expect(run([[1], [0], [4]], '=SUMPRODUCT(IFERROR(1/Data!A1:A3,0))')).toBe(1.25);
  });

  it('text and TRUE/FALSE entries count as 0; an error is the result; unequal sizes are #VALUE!', () => {
    // {2, "x", TRUE} * {3, 3, 3}: 6 + 0 + 0 = 6
    expect(run([[2, 'x', true]], '=SUMPRODUCT(Data!A1:C1,{3,3,3})')).toBe(6);
    expect(run([[1, '=NA()']], '=SUMPRODUCT(Data!A1:B1)')).toMatchObject({ type: 'NA' });
    expect(run(grocery, '=SUMPRODUCT(Data!B2:B5,Data!C2:C4)')).toMatchObject({ type: 'VALUE' });
  });
});
