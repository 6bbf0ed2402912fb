/** REGEXTEST, REGEXEXTRACT, REGEXREPLACE: examples in the style of Microsoft's pages, each checked by hand. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, sheetValues } from '../../../support/engine';

describe('regular expressions', () => {
  it.each([
    // REGEXEXTRACT's page: names from "DylanWilliams" with "[A-Z][a-z]+".
    ['=REGEXEXTRACT("DylanWilliams","[A-Z][a-z]+")', 'Dylan'],
    // REGEXREPLACE's page: swap first and last name with capture groups.
    ['=REGEXREPLACE("DylanWilliams","([A-Z][a-z]+)([A-Z][a-z]+)","$2, $1")', 'Williams, Dylan'],
    // Hide the first part of a phone number: "555-" matches [0-9]+-.
    ['=REGEXREPLACE("Sonia Rees: 555-0102","[0-9]+-","***-")', 'Sonia Rees: ***-0102'],
    // occurrence 2 replaces only the second match; case_sensitivity 1 ignores case.
    ['=REGEXREPLACE("a1b2c3","[0-9]","#",2)', 'a1b#c3'],
    ['=REGEXTEST("Mr. Sherlock Holmes","[A-Z]her")', true],
    ['=REGEXTEST("Mr. Sherlock Holmes","[0-9]+")', false],
    ['=REGEXTEST("ABC","abc",1)', true],
  ])('%s is %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });

  it('REGEXEXTRACT with return_mode 1 spills every match along a row', () => {
    expect(sheetValues([['LonelyPlanet', '=REGEXEXTRACT(A1,"[A-Z][a-z]+",1)']])).toEqual([
      ['LonelyPlanet', 'Lonely', 'Planet'],
    ]);
  });

  it('is #N/A with no match and #VALUE! for a pattern that does not compile', () => {
    expectErrorCell(evaluateFormula('=REGEXEXTRACT("abc","[0-9]")'), '#N/A', 'matches nothing');
    expectErrorCell(evaluateFormula('=REGEXTEST("abc","(")'), '#VALUE!', 'not a valid regular expression');
  });
});
