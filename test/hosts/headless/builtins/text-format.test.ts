/** TEXT, FIXED, DOLLAR: Microsoft's documented examples (support.microsoft.com, each function's page). */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { run } from '../../../support/engine';

describe('TEXT', () => {
  it.each([
    // "Here are some popular examples" on Microsoft's TEXT function page.
    ['=TEXT(1234.567,"$#,##0.00")', '$1,234.57'],
    ['=TEXT(0.285,"0.0%")', '28.5%'],
    ['=TEXT(4.34,"# ?/?")', '4 1/3'],
    ['=TRIM(TEXT(0.34,"# ?/?"))', '1/3'],
    ['=TEXT(12200000,"0.00E+00")', '1.22E+07'],
    ['=TEXT(1234567898,"[<=9999999]###-####;(###) ###-####")', '(123) 456-7898'],
    ['=TEXT(1234,"0000000")', '0001234'],
    // 2012-03-14 is serial 40982 (the page's example date, 03/14/12); it was a Wednesday.
    ['=TEXT(40982,"MM/DD/YY")', '03/14/12'],
    ['=TEXT(40982,"DDDD")', 'Wednesday'],
    ['=TEXT(40982.5612,"H:MM AM/PM")', '1:28 PM'],
  ])('%s is %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });

  it('formats numeric text as its number and passes other text and booleans through', () => {
    // "12" reads as 12 (as Excel coerces text to numbers); "abc" has no number to format.
    expect(evaluateFormula('=TEXT("12","0.00")')).toBe('12.00');
    expect(evaluateFormula('=TEXT("abc","0.00")')).toBe('abc');
    // The fourth section is for text: @ stands for the text.
    expect(run([['0;0;0;"<"@">"']], '=TEXT("abc",Data!A1)')).toBe('<abc>');
    expect(evaluateFormula('=TEXT(TRUE,"0")')).toBe('TRUE');
  });

  it('refuses a date format for a serial outside Excel dates and an invalid format with #VALUE!', () => {
    // Serial 2958466 is the day after 9999-12-31, Excel's last date.
    const late = run([], '=TEXT(2958466,"yyyy")') as { value: string; message: string };
    expect(late.value).toBe('#VALUE!');
    expect(late.message).toContain('outside Excel');
    expect((run([], '=TEXT(-1,"d/m/y")') as { value: string }).value).toBe('#VALUE!');
    const bad = run([], '=TEXT(12,"mm###")') as { value: string; message: string };
    expect(bad.value).toBe('#VALUE!');
    expect(bad.message).toContain('not a valid number format');
  });
});

describe('FIXED', () => {
  it.each([
    // Microsoft's FIXED page: A2 = 1234.567, A3 = -1234.567, A4 = 44.332.
    ['=FIXED(1234.567, 1)', '1,234.6'],
    ['=FIXED(1234.567, -1)', '1,230'],
    ['=FIXED(-1234.567, -1, TRUE)', '-1230'],
    ['=FIXED(44.332)', '44.33'],
  ])('%s is %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });
});

describe('DOLLAR', () => {
  it.each([
    // Microsoft's DOLLAR page: A2 = 1234.567, A3 = -1234.567, A4 = -0.123, A5 = 99.888.
    ['=DOLLAR(1234.567, 2)', '$1,234.57'],
    ['=DOLLAR(1234.567, -2)', '$1,200'],
    ['=DOLLAR(-1234.567, -2)', '($1,200)'],
    ['=DOLLAR(-0.123, 4)', '($0.1230)'],
    ['=DOLLAR(99.888)', '$99.89'],
  ])('%s is %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });
});
