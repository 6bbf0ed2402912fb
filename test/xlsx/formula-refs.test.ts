/**
 * The formula tokenizer: moving relative references for shared-formula followers, and mapping Excel's storage
 * names of functions to the engine's. Every expected text is worked out by hand from ECMA-376's shared-formula
 * rule: a follower at (row + dr, col + dc) of its master moves every reference part without `$` by dr / dc.
 */
import { functionRenamer, rewriteFormula } from '../../src/xlsx/formula-refs';

describe('shared-formula translation', () => {
  it.each([
    // formula, rows down, cols right, expected
    ['A1', 1, 1, 'B2'],
    ['$A$1', 5, 5, '$A$1'],
    ['$A1', 2, 3, '$A3'],
    ['A$1', 2, 3, 'D$1'],
    ['SUM(A1:B2)', 1, 0, 'SUM(A2:B3)'],
    ['SUM($A$2:$B$7,C2)', 3, 0, 'SUM($A$2:$B$7,C5)'],
    ["'My Sheet'!C3*2", 1, 1, "'My Sheet'!D4*2"],
    ["'It''s'!A1", 0, 1, "'It''s'!B1"],
    ['Data!A:A', 0, 2, 'Data!C:C'],
    ['SUM($A:B)', 0, 1, 'SUM($A:C)'],
    ['SUM(3:4)', 2, 0, 'SUM(5:6)'],
    ['SUM($3:4)', 2, 0, 'SUM($3:6)'],
    ['Jan:Mar!B2', 1, 0, 'Jan:Mar!B3'],
    ['LOG10(A1)', 1, 0, 'LOG10(A2)'], // LOG10 looks like a cell but is followed by (
    ['"A1 and B2"&A1', 1, 0, '"A1 and B2"&A2'], // text is never a reference
    ['"say ""A1"""&A1', 0, 1, '"say ""A1"""&B1'],
    ['Table1[[#This Row],[A1]]+A1', 1, 0, 'Table1[[#This Row],[A1]]+A2'],
    ['Rate_2026*A1', 1, 0, 'Rate_2026*A2'], // a name, not a reference
    ['Stages', 4, 4, 'Stages'],
    ['1.5E+3+A1', 1, 0, '1.5E+3+A2'],
    ['IFERROR(A1,#N/A)+#REF!', 1, 0, 'IFERROR(A2,#N/A)+#REF!'],
    ['_xldudf_SALESOPS_WEIGHTEDPIPE(E2,F2,$A$2:$B$7)', 1, 0, '_xldudf_SALESOPS_WEIGHTEDPIPE(E3,F3,$A$2:$B$7)'],
    ['[1]!_xldudf_SALESOPS_CAPACITY(A2:A3,B2)', 0, 1, '[1]!_xldudf_SALESOPS_CAPACITY(B2:B3,C2)'],
    ['A1', -1, 0, '#REF!'], // off the top of the sheet, as Excel shows it
    ['XFD1', 0, 1, '#REF!'],
  ] as const)('%s moved %i rows, %i cols is %s', (formula, rows, cols, expected) => {
    expect(rewriteFormula(formula, { shift: { rows, cols } })).toBe(expected);
  });
});

describe('function names as Excel stores them', () => {
  const rename = functionRenamer('SALESOPS', ['WEIGHTEDPIPE', 'CAPACITY', 'QUOTA.ROLLUP', 'COMMISSION.EXPLAIN']);
  it.each([
    ['_xldudf_SALESOPS_WEIGHTEDPIPE(E2:E5,F2:F5,Stages)', 'SALESOPS.WEIGHTEDPIPE(E2:E5,F2:F5,Stages)'],
    ['[1]!_xldudf_SALESOPS_CAPACITY(A2:A3,B2)', 'SALESOPS.CAPACITY(A2:A3,B2)'],
    ['[1]!SALESOPS_CAPACITY(A2)', 'SALESOPS.CAPACITY(A2)'],
    ['_xldudf_SALESOPS_QUOTA_ROLLUP(A1:A3)', 'SALESOPS.QUOTA.ROLLUP(A1:A3)'],
    ['_xldudf_salesops_commission_explain(A1)', 'SALESOPS.COMMISSION.EXPLAIN(A1)'],
    ['_xludf.SALESOPS.QUOTA.ROLLUP(A1)', 'SALESOPS.QUOTA.ROLLUP(A1)'],
    ['SALESOPS.WEIGHTEDPIPE(A1,B1,C1:D2)', 'SALESOPS.WEIGHTEDPIPE(A1,B1,C1:D2)'],
    ['_xlfn._xlws.SORT(E2:E5,1,-1)', 'SORT(E2:E5,1,-1)'],
    ['_xlfn.STDEV.S(A1:A9)+_xlws.FILTER(A1:A3,B1:B3)', 'STDEV.S(A1:A9)+FILTER(A1:A3,B1:B3)'],
    ['"_xlfn.SORT(" & _xlfn.CONCAT(A1)', '"_xlfn.SORT(" & CONCAT(A1)'], // text untouched
    ['[1]!Other', '[1]!Other'], // an external name, not a function: kept
  ])('%s reads as %s', (stored, plain) => {
    expect(rewriteFormula(stored, { functionName: rename })).toBe(plain);
  });
});
