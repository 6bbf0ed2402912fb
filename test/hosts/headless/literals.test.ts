/**
 * Literals as Excel saves them: exponents with a capital E (=1E-20*A1) and quotes doubled inside text; the engine
 * reads them through lowerExponents and splitDoubledQuotes.
 */
import { lowerExponents, splitDoubledQuotes } from '../../../src/hosts/headless/literals';
import { run } from '../../support/engine';

describe('lowerExponents', () => {
  it('lowers the E of number literals only', () => {
    expect(lowerExponents('=1E-20*A1')).toBe('=1e-20*A1');
    expect(lowerExponents('=2.5E+3+.5E2-3E0')).toBe('=2.5e+3+.5e2-3e0');
  });
  it('leaves text, quoted sheet names, table columns, names and references alone', () => {
    expect(lowerExponents('="1E5"&A1')).toBe('="1E5"&A1');
    expect(lowerExponents("='Q1E2'!A1+1E2")).toBe("='Q1E2'!A1+1e2");
    expect(lowerExponents('=SUM(T[1E2])')).toBe('=SUM(T[1E2])');
    expect(lowerExponents('=X1E2+A1')).toBe('=X1E2+A1');
  });
  it('the engine evaluates what Excel saved: =1E-20*2 is 2E-20 (by hand), text "1E5" stays text', () => {
    expect(run([[]], '=1E-20*2')).toBe(2e-20);
    expect(run([[]], '=2E3+1.5E+2')).toBe(2150);
    expect(run([[]], '="1E5"&"x"')).toBe('1E5x');
  });
});

describe('splitDoubledQuotes', () => {
  it('joins the pieces of a literal with CHAR(34), leaving sheet names and array constants alone', () => {
    expect(splitDoubledQuotes('="a""b"')).toBe('=("a"&CHAR(34)&"b")');
    expect(splitDoubledQuotes('=A2&""""')).toBe('=A2&(""&CHAR(34)&"")');
    expect(splitDoubledQuotes(`='It''s'!A1&""`)).toBe(`='It''s'!A1&""`);
    expect(splitDoubledQuotes('={"a""b"}')).toBe('={"a""b"}');
  });
  it('the engine evaluates what Excel saved (Microsoft\'s example ="Say ""hi"""; lengths counted by hand)', () => {
    // "Say ""hi""" holds the 8 characters  Say "hi"  ; """" is one quote character.
    expect(run([[]], '="Say ""hi"""')).toBe('Say "hi"');
    expect(run([[]], '=LEN("Say ""hi""")')).toBe(8);
    expect(run([['x']], '=Data!A1&""""')).toBe('x"');
    expect(run([[]], '="TEST""ABC"')).toBe('TEST"ABC');
  });
});
