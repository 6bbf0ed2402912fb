/** BIN2DEC ... HEX2OCT, DEC2BIN/OCT/HEX: the examples of Microsoft's doc page of each function. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell } from '../../../support/engine';

describe('number-system conversions', () => {
  it.each([
    ['=BIN2DEC(1100100)', 100],
    ['=BIN2DEC(1111111111)', -1],
    ['=BIN2HEX(11111011, 4)', '00FB'],
    ['=BIN2HEX(1110)', 'E'],
    ['=BIN2HEX(1111111111)', 'FFFFFFFFFF'],
    ['=BIN2OCT(1001, 3)', '011'],
    ['=BIN2OCT(1100100)', '144'],
    ['=BIN2OCT(1111111111)', '7777777777'],
    ['=DEC2BIN(9, 4)', '1001'],
    ['=DEC2BIN(-100)', '1110011100'],
    ['=DEC2HEX(100, 4)', '0064'],
    ['=DEC2HEX(-54)', 'FFFFFFFFCA'],
    ['=DEC2HEX(28)', '1C'],
    ['=DEC2OCT(58, 3)', '072'],
    ['=DEC2OCT(-100)', '7777777634'],
    ['=HEX2BIN("F", 8)', '00001111'],
    ['=HEX2BIN("B7")', '10110111'],
    ['=HEX2BIN("FFFFFFFFFF")', '1111111111'],
    ['=HEX2DEC("A5")', 165],
    ['=HEX2DEC("FFFFFFFF5B")', -165],
    ['=HEX2DEC("3DA408B9")', 1034160313],
    ['=HEX2OCT("F", 3)', '017'],
    ['=HEX2OCT("3B4E")', '35516'],
    ['=HEX2OCT("FFFFFFFF00")', '7777777400'],
    ['=OCT2BIN(3, 3)', '011'],
    ['=OCT2BIN(7777777000)', '1000000000'],
    ['=OCT2DEC(54)', 44],
    ['=OCT2DEC(7777777533)', -165],
    ['=OCT2HEX(100, 4)', '0040'],
    ['=OCT2HEX(7777777533)', 'FFFFFFFF5B'],
  ])('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });

  it('gives the documented errors', () => {
    // "If number contains more than 10 characters (10 bits), BIN2DEC returns the #NUM! error value."
    expectErrorCell(evaluateFormula('=BIN2DEC(10000000000)'), '#NUM!', 'at most 10');
    expectErrorCell(evaluateFormula('=HEX2DEC("QWERTY")'), '#NUM!', 'hex digits');
    // "If DEC2BIN requires more than places characters, it returns the #NUM! error value."
    expectErrorCell(evaluateFormula('=DEC2BIN(9, 2)'), '#NUM!', 'more than 2 places');
    // "If number < -512 or if number > 511, DEC2BIN returns the #NUM! error value."
    expectErrorCell(evaluateFormula('=DEC2BIN(512)'), '#NUM!', 'outside');
    expectErrorCell(evaluateFormula('=DEC2BIN(TRUE)'), '#VALUE!', 'logical value');
  });
});
