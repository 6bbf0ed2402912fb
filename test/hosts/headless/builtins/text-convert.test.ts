/** VALUE, NUMBERVALUE, VALUETOTEXT, ARRAYTOTEXT: Microsoft's documented examples. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, run } from '../../../support/engine';

describe('VALUE and NUMBERVALUE', () => {
  it.each([
    // VALUE's page: =VALUE("$1,000") is 1000; =VALUE("16:48:00")-VALUE("12:00:00") is 0.2 (4 h 48 min).
    ['=VALUE("$1,000")', 1000],
    ['=VALUE("16:48:00")-VALUE("12:00:00")', 0.2],
    ['=VALUE("40%")', 0.4],
    ['=VALUE(Data!A1)', 0],
    // NUMBERVALUE's page: =NUMBERVALUE("2.500,27",",",".") is 2500.27; =NUMBERVALUE("3.5%") is 0.035.
    ['=NUMBERVALUE("2.500,27",",",".")', 2500.27],
    ['=NUMBERVALUE("3.5%")', 0.035],
    ['=NUMBERVALUE(" 1 234.5 ")', 1234.5],
  ])('%s is %p', (formula, expected) => {
    expect(run([[null]], formula)).toBeCloseTo(expected as number, 10);
  });

  it('is #VALUE! for text that is no number, and for TRUE', () => {
    expectErrorCell(evaluateFormula('=VALUE("qwerty")'), '#VALUE!', 'does not read as a number');
    expectErrorCell(evaluateFormula('=VALUE(TRUE)'), '#VALUE!', 'TRUE is not text');
    expectErrorCell(evaluateFormula('=NUMBERVALUE("1.2.3")'), '#VALUE!', 'is not a number');
  });
});

describe('VALUETOTEXT and ARRAYTOTEXT', () => {
  it.each([
    // VALUETOTEXT's page: TRUE, 1234.01234, "Hello", #VALUE!, "Seattle", 1234 in concise (0) and strict (1) form.
    ['=VALUETOTEXT(TRUE,0)', 'TRUE'],
    ['=VALUETOTEXT(1234.01234,0)', '1234.01234'],
    ['=VALUETOTEXT("Hello",0)', 'Hello'],
    ['=VALUETOTEXT("Hello",1)', '"Hello"'],
    ['=VALUETOTEXT(1234,1)', '1234'],
    ['=VALUETOTEXT(1/0)', '#DIV/0!'],
    // ARRAYTOTEXT's page: the array {TRUE,#VALUE!;1234.01234,"Seattle";"Hello",1123} in both formats.
    ['=ARRAYTOTEXT(Data!A1:Data!B3,0)', 'TRUE, #VALUE!, 1234.01234, Seattle, Hello, 1123'],
    ['=ARRAYTOTEXT(Data!A1:Data!B3,1)', '{TRUE,#VALUE!;1234.01234,"Seattle";"Hello",1123}'],
  ])('%s is %p', (formula, expected) => {
    expect(
      run(
        [
          [true, '=1+"x"'],
          [1234.01234, 'Seattle'],
          ['Hello', 1123],
        ],
        formula,
      ),
    ).toBe(expected);
  });
});
