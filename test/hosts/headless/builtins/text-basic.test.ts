/** CHAR, REPT, FIND, SEARCH, SUBSTITUTE, EXACT: Microsoft's documented examples and stated limits. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, run } from '../../../support/engine';

describe('text basics', () => {
  it.each([
    // CHAR's page: =CHAR(65) is "A", =CHAR(33) is "!"; on Windows CHAR uses the ANSI character set (Windows-1252),
    // where 128 is the euro sign and 150 the en dash.
    ['=CHAR(65)', 'A'],
    ['=CHAR(33)', '!'],
    ['=CHAR(128)', '\u20ac'],
    ['=CHAR(150)', '\u2013'],
    // REPT's page: =REPT("*-", 3) is "*-*-*-"; =REPT("-",10) is ten dashes.
    ['=REPT("*-", 3)', '*-*-*-'],
    ['=REPT("-",10)', '----------'],
    ['=REPT("ab",2.9)', 'abab'],
    // FIND's page, A2 = "Miriam McGovern": =FIND("M",A2) 1, =FIND("m",A2) 6, =FIND("M",A2,3) 8.
    ['=FIND("M",Data!A1)', 1],
    ['=FIND("m",Data!A1)', 6],
    ['=FIND("M",Data!A1,3)', 8],
    // SEARCH's page, A2 = "Statements", A3 = "Profit Margin": =SEARCH("e",A2,6) 7; =SEARCH(A4,A3) 8 for "margin".
    ['=SEARCH("e",Data!A2,6)', 7],
    ['=SEARCH("margin",Data!A3)', 8],
    // Wildcards: ? is one character, * any run, ~ makes the next character literal.
    ['=SEARCH("m?rgin",Data!A3)', 8],
    ['=SEARCH("p*m",Data!A3)', 1],
    ['=SEARCH("~*","a*b")', 2],
    // SUBSTITUTE's page: =SUBSTITUTE(A2, "Sales", "Cost") on "Sales Data" is "Cost Data";
    // =SUBSTITUTE(A3, "1", "2", 1) on "Quarter 1, 2008" is "Quarter 2, 2008"; instance 3 of "1" in "Quarter 1, 2011".
    ['=SUBSTITUTE("Sales Data", "Sales", "Cost")', 'Cost Data'],
    ['=SUBSTITUTE("Quarter 1, 2008", "1", "2", 1)', 'Quarter 2, 2008'],
    ['=SUBSTITUTE("Quarter 1, 2011", "1", "2", 3)', 'Quarter 1, 2012'],
    ['=SUBSTITUTE("abc", "", "x")', 'abc'],
    // EXACT's page: "word"/"word" TRUE, "Word"/"word" FALSE, "w ord"/"word" FALSE; numbers compare as shown.
    ['=EXACT("word","word")', true],
    ['=EXACT("Word","word")', false],
    ['=EXACT("w ord","word")', false],
    ['=EXACT(1/3,"0.333333333333333")', true],
    // CONCATENATE's page: =CONCATENATE("Stream population for ", A2, " ", A3, " is ", A4, "/mile.") style joins;
    // numbers join as shown in General format.
    ['=CONCATENATE("Population: ",1/4," per mile")', 'Population: 0.25 per mile'],
  ])('%s is %p', (formula, expected) => {
    expect(run([['Miriam McGovern'], ['Statements'], ['Profit Margin']], formula)).toBe(expected);
  });

  it('gives #VALUE! where Excel does', () => {
    // REPT: "If the result of the REPT function is longer than 32,767 characters, REPT returns the #VALUE! error."
    expectErrorCell(evaluateFormula('=REPT("Hwllo",123456789)'), '#VALUE!', "over Excel's 32,767");
    expectErrorCell(evaluateFormula('=REPT("a",-1)'), '#VALUE!', 'negative');
    // FIND/SEARCH: start_num greater than the length of within_text, or find_text not found.
    expectErrorCell(evaluateFormula('=FIND("ana","ana",2)'), '#VALUE!', 'is not in the text');
    expectErrorCell(evaluateFormula('=SEARCH("a","abc",4)'), '#VALUE!', 'outside the text');
    expectErrorCell(evaluateFormula('=SEARCH("Lat???","Late")'), '#VALUE!', 'is not in the text');
    expectErrorCell(evaluateFormula('=CHAR(256)'), '#VALUE!', 'outside 1 to 255');
  });
});
