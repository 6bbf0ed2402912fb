/** The audit's tokenizer: references as Excel reads them, relative (R1C1) forms, literals and hidden constants. */
import * as fc from 'fast-check';
import {
  calls,
  createTokenizer,
  literalValue,
  relativeForm,
  renderA1,
  tokenize,
  type Token,
} from '../../src/audit/formula';
import { hiddenConstants } from '../../src/audit/checks';

const refs = (f: string) => tokenize(f).filter((t): t is Extract<Token, { kind: 'ref' }> => t.kind === 'ref');

describe('tokenize', () => {
  it('reads a sheet-qualified area with $ anchors', () => {
    const [r] = refs('=SUM(Data!$B$2:B10)');
    // $B$2 is row 2 col B (0-based 1,1), absolute; B10 is 0-based (9,1), relative
    expect(r).toMatchObject({
      sheet: 'Data',
      workbook: null,
      start: { row: 1, col: 1, rowAbs: true, colAbs: true },
      end: { row: 9, col: 1, rowAbs: false, colAbs: false },
    });
  });

  it.each([
    ['=[1]Rates!B2*B2', '[1]', 'Rates'],
    ["='C:\\plans\\[Book.xlsx]Plan 2026'!B2", 'C:\\plans\\[Book.xlsx]', 'Plan 2026'],
    ["='[Comp.xlsx]Tiers'!$A$2:$B$4", '[Comp.xlsx]', 'Tiers'],
  ])('marks %s as another workbook', (formula, workbook, sheet) => {
    expect(refs(formula)[0]).toMatchObject({ workbook, sheet });
  });

  it.each([
    ['=LOG10(100)', 0, 'LOG10'],
    ['=SALESOPS.COMMISSION(B2,C2,T)', 2, 'SALESOPS.COMMISSION'],
    ['=Q1!A1+TRUE', 1, null],
  ])('tells names and functions from references in %s', (formula, refCount, func) => {
    const tokens = tokenize(formula);
    expect(tokens.filter((t) => t.kind === 'ref')).toHaveLength(refCount);
    if (func) expect(tokens.find((t) => t.kind === 'func')).toMatchObject({ name: func });
  });

  it('reads whole columns and rows', () => {
    const [col, row] = refs('=SUM(A:B)+SUM(2:5)');
    expect(col).toMatchObject({ start: { col: 0, row: null }, end: { col: 1, row: null } });
    expect(row).toMatchObject({ start: { row: 1, col: null }, end: { row: 4, col: null } });
  });

  it('keeps string literals whole', () => {
    const t = tokenize('="A1 ""B2"""&C3');
    expect(t[0]).toMatchObject({ kind: 'string', value: 'A1 "B2"' });
    expect(refs('="A1 ""B2"""&C3')).toHaveLength(1);
  });
});

describe('relative (R1C1) form', () => {
  // Rows and columns are 0-based here (row 6 = Excel row 7). Excel's R1C1: from E7, B7 is RC[-3]; $C$1 is R1C3; Tiers!$A$2:$B$4 is R2C1:R4C2.
  it.each([
    ['=B7*C7', 6, 4, '=RC[-3]*RC[-2]'],
    ['=B8*C8', 7, 4, '=RC[-3]*RC[-2]'],
    ['=B7*$C$1', 6, 4, '=RC[-3]*R1C3'],
    ['=SALESOPS.COMMISSION(B2,C2,Tiers!$A$2:$B$4)', 1, 3, "=SALESOPS.COMMISSION(RC[-2],RC[-1],'tiers'!R2C1:R4C2)"],
    ['=SUM(B$2:B2)', 3, 1, '=SUM(R2C:R[-2]C)'], // in B4 (0-based row 3): B2 is two rows up
  ])('%s in row %i col %i is %s', (formula, row, col, want) => {
    expect(relativeForm(tokenize(formula), row, col)).toBe(want);
  });

  it('shows sheet names as written, quoted when needed, for messages', () => {
    expect(relativeForm(tokenize("=Tiers!$A$2+'My Sheet'!B3"), 1, 3, true)).toBe("=Tiers!R2C1+'My Sheet'!R[1]C[-2]");
  });

  it('renders a formula as copied to another cell', () => {
    expect(renderA1(tokenize('=SALESOPS.COMMISSION(B2,C2,Tiers!$A$2:$B$4)'), 5, 0)).toBe(
      '=SALESOPS.COMMISSION(B7,C7,Tiers!$A$2:$B$4)',
    );
    expect(renderA1(tokenize("='My Sheet'!B$2*C2"), 3, 1)).toBe("='My Sheet'!C$2*D5");
  });
});

describe('literals and calls', () => {
  it.each([
    [
      '{0,0.08;1,0.12}',
      [
        [0, 0.08],
        [1, 0.12],
      ],
    ],
    ['{"Trial",-0.6}', [['Trial', -0.6]]],
    ['60%', 0.6],
    ['-5', -5],
    ['"retro"', 'retro'],
    ['B2*2', undefined],
  ])('literal %s', (text, want) => {
    const [call] = calls(tokenize(`=F(${text})`));
    expect(literalValue(call.args[0])).toEqual(want);
  });

  it('splits arguments at top-level commas only', () => {
    const [outer] = calls(tokenize('=SALESOPS.COMMISSION(SUM(B2,B3), C2, {0,0.08;1,0.12}, , 500)'));
    expect(outer.args.map((a) => a.map((t) => t.text).join(''))).toEqual([
      'SUM(B2,B3)',
      'C2',
      '{0,0.08;1,0.12}',
      '',
      '500',
    ]);
  });
});

describe('hidden constants', () => {
  it.each([
    ['=B2*0.1', [0.1]],
    ['=B2*1+0', []],
    ['=ROUND(B2*C2,2)+VLOOKUP(A2,T,3,0)', []],
    ['=B2*12%', [0.12]],
    ['=IF(B2>100000,B2*0.05,0)', [100000, 0.05]],
    ['=SALESOPS.WEIGHTEDPIPE(A2:A9,B2:B9,{"Trial",0.6})', [0.6]],
  ])('%s hides %j', (formula, want) => {
    expect(hiddenConstants(tokenize(formula))).toEqual(want);
  });
});

describe('the shape-caching tokenizer gives what tokenize gives', () => {
  it.each([
    [
      [
        '=SALESOPS.COMMISSION(B2,C2,Tiers!$A$2:$B$4)',
        '=SALESOPS.COMMISSION(B3,C3,Tiers!$A$2:$B$4)',
        '=SALESOPS.COMMISSION(B13,C12,Tiers!$A$2:$B$4)',
      ],
    ],
    [['=B2*0.1', '=B3*0.1', '=B4*0.2', '=B5*0.15']],
    [['=Q3!B2+LOG10(C2)', '=Q3!B3+LOG10(C3)', '=Q4!B3+LOG10(C3)', '=Q3!B99999999+1']],
    [['=SUM(2:5)', '=SUM(3:6)', '="Plan 2026 "&A2', '="Plan 2027 "&A3', "='Plan 2026'!A1", "='Plan 2027'!A1"]],
    [
      [
        '=SUM(A1:A10)',
        '=SUM(A2:A11)',
        '=[1]Rates!B2*B2',
        '=[2]Rates!B3*B3',
        '=A:A',
        '=DATE(2026,1,15)',
        '=DATE(2027,1,15)',
      ],
    ],
  ])('%j', (formulas) => {
    const cached = createTokenizer();
    for (const f of formulas) expect({ f, tokens: cached(f) }).toEqual({ f, tokens: tokenize(f) });
  });

  it('for generated copies of generated formulas', () => {
    const piece = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('', '$'),
          fc.constantFrom('A', 'B', 'XFD', 'AB'),
          fc.constantFrom('', '$'),
          fc.integer({ min: 1, max: 1048576 }),
        )
        .map(([a, c, b, r]) => `${a}${c}${b}${r}`),
      fc.constantFrom(
        'Data!B2',
        "'Q1 2026'!C3",
        'Q3!A1:B12',
        '[1]Ext!D4',
        '12',
        '0.25',
        '1E3',
        '"x9"',
        'SUM(C1:C9)',
        'LOG10(100)',
        '3:4',
        'TRUE',
      ),
    );
    const formula = fc
      .array(piece, { minLength: 1, maxLength: 5 })
      .chain((parts) => fc.constantFrom('+', '*', ',').map((op) => '=' + parts.join(op)));
    fc.assert(
      fc.property(fc.array(formula, { minLength: 1, maxLength: 8 }), (formulas) => {
        const cached = createTokenizer();
        // each formula, and a copy with every digit run changed
        for (const f of formulas.flatMap((x) => [x, x.replace(/\d+/g, (d) => String(Number(d) + 1))]))
          expect(cached(f)).toEqual(tokenize(f));
      }),
      { numRuns: 300 },
    );
  });
});
