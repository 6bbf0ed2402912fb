/**
 * ERROR.REF / ERROR.VALUE (src/hosts/headless/builtins/reference-errors.ts): the errors references.ts writes where a
 * rewritten formula is only Excel's #REF! or #VALUE!, carrying the reason. Excel's functions must see them as those
 * errors: ERROR.TYPE ("ERROR.TYPE function": #VALUE! is 3, #REF! is 4) and IFERROR.
 */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { DetailedCellError } from 'hyperformula';

describe('ERROR.REF and ERROR.VALUE', () => {
  it('are #REF! and #VALUE! with the given message', () => {
    const ref = evaluateFormula('=ERROR.REF("INDIRECT: ref_text is not a reference")') as DetailedCellError;
    expect(ref).toBeInstanceOf(DetailedCellError);
    expect([ref.value, ref.message]).toEqual(['#REF!', 'INDIRECT: ref_text is not a reference']);
    const value = evaluateFormula('=ERROR.VALUE("outside the range")') as DetailedCellError;
    expect([value.value, value.message]).toEqual(['#VALUE!', 'outside the range']);
  });

  it('count as those errors for ERROR.TYPE (#VALUE! 3, #REF! 4) and IFERROR', () => {
    expect(evaluateFormula('=ERROR.TYPE(ERROR.VALUE("x"))')).toBe(3);
    expect(evaluateFormula('=ERROR.TYPE(ERROR.REF("x"))')).toBe(4);
    expect(evaluateFormula('=IFERROR(ERROR.REF("x"), "caught")')).toBe('caught');
  });
});
