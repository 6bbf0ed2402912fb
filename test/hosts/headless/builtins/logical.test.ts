/** AND, OR, XOR, IFS: Microsoft's documented examples and its stated rules on text and empty cells. */
import { createEngine, evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, run } from '../../../support/engine';

describe('AND, OR, XOR', () => {
  it.each([
    // Microsoft's AND/OR pages, A2 = 50: =AND(A2>1,A2<100) is TRUE; =OR(A2>1,A2<100) is TRUE.
    ['=AND(Data!A1>1,Data!A1<100)', true],
    ['=OR(Data!A1>1,Data!A1<100)', true],
    ['=AND(Data!A1<Data!A2,Data!A1<100)', false],
    // XOR's page: =XOR(3>0,2<9) is FALSE (both TRUE); =XOR(3>12,4>6) is FALSE (both FALSE).
    ['=XOR(3>0,2<9)', false],
    ['=XOR(3>12,4>6)', false],
    // "If an array or reference argument contains text or empty cells, those values are ignored": A3 is text, A4
    // is empty, so only TRUE counts.
    ['=AND(Data!A3:Data!A5)', true],
    ['=OR(Data!A3:Data!A4,FALSE)', false],
    // Typed directly, "TRUE" is a logical value and 1 is TRUE.
    ['=AND("TRUE",1)', true],
    ['=XOR(TRUE,1,1)', true],
  ])('%s is %p', (formula, expected) => {
    expect(run([[50], [25], ['text'], [null], [true]], formula)).toBe(expected);
  });

  it('is #VALUE! with no logical value and for text typed directly', () => {
    // "If the specified range contains no logical values, AND returns the #VALUE! error value."
    expectErrorCell(run([['a'], [null]], '=AND(Data!A1:Data!A2)'), '#VALUE!', 'no logical value');
    expectErrorCell(evaluateFormula('=OR("yes",TRUE)'), '#VALUE!', '"yes" is not a logical value');
    expectErrorCell(evaluateFormula('=AND(TRUE,1/0)'), '#DIV/0!', '');
  });
});

describe('IFS', () => {
  it.each([
    // Microsoft's IFS example: =IFS(A2>89,"A",A2>79,"B",A2>69,"C",A2>59,"D",TRUE,"F") for scores 93, 89, 70, 59.
    [93, 'A'],
    [89, 'B'],
    [70, 'C'],
    [59, 'F'],
  ])('a score of %p is %p', (score, grade) => {
    expect(run([[score]], '=IFS(Data!A1>89,"A",Data!A1>79,"B",Data!A1>69,"C",Data!A1>59,"D",TRUE,"F")')).toBe(grade);
  });

  it('stops at the first TRUE condition and is #N/A when none is TRUE', () => {
    // Conditions after the first TRUE one are not evaluated, so the 1/0 there does not matter.
    expect(evaluateFormula('=IFS(TRUE,1,1/0,2)')).toBe(1);
    // "If no TRUE conditions are found, this function returns #N/A error."
    expectErrorCell(evaluateFormula('=IFS(FALSE,1,1>2,2)'), '#N/A', 'no condition is TRUE');
  });
});

describe('IF and IFERROR over arrays of different sizes', () => {
  it('repeats a one-row array and fills beyond the smaller array with #N/A, as Excel', () => {
    // Hand-checked: the condition {TRUE,FALSE} has two columns, the values three: the third column has no
    // condition, so Excel shows #N/A there; a one-column condition is repeated across the result. ARRAYFORMULA is
    // how the engine marks an array formula (Excel's t="array" cells load this way).
    const hf = createEngine({
      Sheet1: [['=ARRAYFORMULA(IF({TRUE,FALSE},{1,2,3},{10,11,12}))'], ['=ARRAYFORMULA(IF({TRUE},{1,2,3},0))']],
    } as never);
    try {
      const row = hf.getSheetValues(0);
      expect(row[0].slice(0, 2)).toEqual([1, 11]);
      expect((row[0][2] as { value: string }).value).toBe('#N/A');
      expect(row[1]).toEqual([1, 2, 3]);
    } finally {
      hf.destroy();
    }
  });

  it('IF without value_if_false is FALSE; IFERROR replaces errors only', () => {
    expect(evaluateFormula('=IF(1>2,"yes")')).toBe(false);
    // IFERROR's page: =IFERROR(A2/B2,"Error in calculation") with 210/35 is 6 and 55/0 is the message.
    expect(evaluateFormula('=IFERROR(210/35,"Error in calculation")')).toBe(6);
    expect(evaluateFormula('=IFERROR(55/0,"Error in calculation")')).toBe('Error in calculation');
  });
});
