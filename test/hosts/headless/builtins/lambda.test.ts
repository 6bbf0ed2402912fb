/** LET (rewritten before the engine) and what of the LAMBDA family stays a recognisable #NAME?: Microsoft's LET doc examples. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { rewriteLet } from '../../../../src/hosts/headless/let-rewrite';
import { expectErrorCell, sheetValues } from '../../../support/engine';

describe('LET', () => {
  it("evaluates Microsoft's LET examples", () => {
    // LET doc, example 1: "=LET(x, 5, SUM(x, 1))" returns 6.
    expect(evaluateFormula('=LET(x, 5, SUM(x, 1))')).toBe(6);
    // A later value may use an earlier name: y = 2 x 3 = 6, x + y = 8.
    expect(evaluateFormula('=LET(x,2,y,x*3,x+y)')).toBe(8);
  });

  it('reads the _xlpm. names Excel saves, and an inner LET shadows an outer name', () => {
    // 2 + (2 + 2) x 8 = 34: the inner x is 2, the outer x is 8.
    expect(evaluateFormula('=2+LET(_xlpm.x,8,LET(_xlpm.x,2, _xlpm.x+_xlpm.x)*_xlpm.x)')).toBe(34);
    expect(sheetValues([[4, '=LET(_xlpm.x,A1,_xlpm.y,34, _xlpm.x+_xlpm.y)']])[0][1]).toBe(38);
  });

  it('leaves text, function names and names outside the LET alone', () => {
    expect(rewriteLet('=LET(a,"x,y",b,a&"LET(",b&a)')).toBe('=((("x,y")&"LET(")&("x,y"))');
    expect(rewriteLet('=ISLETTER(1)')).toBe('=ISLETTER(1)');
    // x outside the LET is not its name: Excel shows #NAME? for it, and so does the engine.
    expectErrorCell(evaluateFormula('=x+LET(_xlpm.x,1,_xlpm.x)'), '#NAME?', 'x');
  });

  it('keeps a LET whose substitution would change its meaning and says it is not supported', () => {
    // RAND() bound once and used twice is one number in Excel (x-x = 0); substituted it would be two.
    expect(rewriteLet('=LET(x,RAND(),x-x)')).toBe('=LET(x,RAND(),x-x)');
    expectErrorCell(evaluateFormula('=LET(x,RAND(),x-x)'), '#NAME?', 'LET is not supported headless');
  });
});

describe('LAMBDA family', () => {
  it('answers #NAME? "... is not supported headless" where it is not computed (lambda-family.test.ts has the rest)', () => {
    expectErrorCell(evaluateFormula('=LAMBDA(_xlpm.x,_xlpm.x+1)'), '#NAME?', 'LAMBDA is not supported headless');
    expectErrorCell(evaluateFormula('=ISOMITTED(1)'), '#NAME?', 'ISOMITTED is not supported headless');
  });
});
