/** Complex-number functions: the examples of Microsoft's doc page of each function (support.microsoft.com). */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell } from '../../../support/engine';

const text: [string, string][] = [
  ['=COMPLEX(3,4)', '3+4i'],
  ['=COMPLEX(3,4,"j")', '3+4j'],
  ['=COMPLEX(0,1)', 'i'],
  ['=COMPLEX(1,0)', '1'],
  ['=IMCONJUGATE("3+4i")', '3-4i'],
  ['=IMSUM("3+4i","5-3i")', '8+i'],
  ['=IMSUB("13+4i","5+3i")', '8+i'],
  ['=IMPRODUCT("3+4i","5-3i")', '27+11i'],
  ['=IMPRODUCT("1+2i",30)', '30+60i'],
  ['=IMDIV("-238+240i","10+24i")', '5+12i'],
  // IMPOWER's example shows Excel's polar computation: 9.00000000000001, not 9.
  ['=IMPOWER("2+3i", 3)', '-46+9.00000000000001i'],
  ['=IMSQRT("1+i")', '1.09868411346781+0.455089860562227i'],
  ['=IMEXP("1+i")', '1.46869393991589+2.28735528717884i'],
  ['=IMLN("3+4i")', '1.6094379124341+0.927295218001612i'],
  ['=IMLOG10("3+4i")', '0.698970004336019+0.402719196273373i'],
  ['=IMLOG2("3+4i")', '2.32192809488736+1.33780421245098i'],
  ['=IMCOS("1+i")', '0.833730025131149-0.988897705762865i'],
  ['=IMSIN("3+4i")', '3.85373803791938-27.0168132580039i'],
  ['=IMSINH("-3+4i")', '6.548120040911-7.61923172032141i'],
  ['=IMCOSH("4+3i")', '-27.0349456030742+3.85115333481178i'],
  ['=IMTAN("4+3i")', '0.00490825806749606+1.00070953606723i'],
  ['=IMCOT("4+3i")', '0.00490118239430447-0.999266927805902i'],
  ['=IMSEC("4+3i")', '-0.0652940278579471-0.0752249603027732i'],
  ['=IMCSC("4+3i")', '-0.0754898329158637+0.0648774713706355i'],
  ['=IMSECH("4+3i")', '-0.0362534969158689-0.00516434460775318i'],
  ['=IMCSCH("4+3i")', '-0.036275889628626-0.0051744731840194i'],
];

const numbers: [string, number][] = [
  ['=IMABS("5+12i")', 13],
  ['=IMAGINARY("3+4i")', 4],
  ['=IMAGINARY("0-j")', -1],
  ['=IMAGINARY(4)', 0],
  ['=IMREAL("6-9i")', 6],
  ['=IMARGUMENT("3+4i")', 0.92729522],
];

describe('complex-number functions', () => {
  it.each(text)('%s = %s', (formula, expected) => {
    expect(evaluateFormula(formula)).toBe(expected);
  });
  it.each(numbers)('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBeCloseTo(expected, 8);
  });
  it('keeps the "j" suffix and refuses mixed suffixes or bad text', () => {
    expect(evaluateFormula('=IMCONJUGATE("1-2j")')).toBe('1+2j');
    expectErrorCell(evaluateFormula('=IMSUM("1+i","2+j")'), '#VALUE!', 'mix the suffixes');
    expectErrorCell(evaluateFormula('=IMREAL("3+4k")'), '#NUM!', 'not a complex number');
    expectErrorCell(evaluateFormula('=COMPLEX(1,2,"k")'), '#VALUE!', 'suffix must be');
    expectErrorCell(evaluateFormula('=IMDIV("1+i",0)'), '#NUM!', 'inumber2 is 0');
  });
});
