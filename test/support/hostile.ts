/**
 * The hostile-input generators (issue 10), shared by test/hardening/hostile-input.test.ts (declarations and the
 * headless engine) and test/hosts/excel/runtime-contract.test.ts (the simulated Excel runtime): random ranges of
 * mixed numbers, text, blanks, booleans, error values, huge and negative numbers, mismatched sizes and empty ranges.
 */
import fc from 'fast-check';
import { CellErrorValue } from '../../src/functions/clean';
import type { Declaration } from '../../src/functions/declaration';

export const scalarArb = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1e12, max: 1e12, noNaN: true }),
  fc.constantFrom(0, 1, -1, 0.5, 1e15, -1e15, 1e300, 46054, 2958466),
  fc.constantFrom(
    '',
    ' ',
    'abc',
    'Won',
    'Lost',
    'Trial',
    '60%',
    '1,200',
    '2026-02-01',
    '2026-13-45',
    'x == 1',
    'constructor',
    '__proto__',
    'import("fs")',
    'marginal',
    'retro',
    'MAPE',
  ),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(new CellErrorValue('#N/A', 'upstream'), new CellErrorValue('#VALUE!', '')),
);

export const matrixArb = fc.oneof(
  fc
    .integer({ min: 1, max: 6 })
    .chain((rows) =>
      fc
        .integer({ min: 1, max: 4 })
        .chain((cols) =>
          fc.array(fc.array(scalarArb, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
        ),
    ),
  fc.constant([] as unknown[][]),
  fc.constant([[null]] as unknown[][]),
);

/** Arguments for a declaration: ranges for matrix parameters, single values for the others, optionals sometimes left out (null). */
export function argsArb(d: Declaration) {
  const arbs: fc.Arbitrary<unknown>[] = d.metadata.parameters.map((p) => {
    const base: fc.Arbitrary<unknown> = p.dimensionality === 'matrix' ? matrixArb : scalarArb;
    return p.optional ? fc.option(base, { nil: null }) : base;
  });
  return fc.tuple(...arbs);
}

/**
 * A workbook that passes `args` to the function through the engine: each range on its own sheet (an error value as
 * =NA() or =1/0, an empty range as A1:A1 of an empty sheet that exists, so the range still reaches the function),
 * scalars as literals (a text with a quote in a cell of its own), a null argument left empty. `formula` is in sheet
 * Out, A1.
 */
export function hostileWorkbook(
  d: Declaration,
  args: readonly unknown[],
): { sheets: Record<string, unknown[][]>; formula: string } {
  const sheets: Record<string, unknown[][]> = {};
  const refs = args.map((a, i) => {
    if (a === null) return '';
    if (Array.isArray(a)) {
      if (a.length === 0) {
        sheets[`Arg${i}`] = [];
        return `Arg${i}!A1:A1`;
      }
      sheets[`Arg${i}`] = (a as unknown[][]).map((row) =>
        row.map((x) => (x instanceof CellErrorValue ? (x.code === '#N/A' ? '=NA()' : '=1/0') : x)),
      );
      return `Arg${i}!A1:${String.fromCharCode(64 + (a as unknown[][])[0].length)}${a.length}`;
    }
    if (a instanceof CellErrorValue) return 'NA()';
    // HyperFormula reads no "" escape inside a string literal: a text with a quote goes in a cell of its own
    if (typeof a === 'string' && a.includes('"')) {
      sheets[`Arg${i}`] = [[a]];
      return `Arg${i}!A1`;
    }
    if (typeof a === 'string') return `"${a}"`;
    if (typeof a === 'boolean') return a ? 'TRUE()' : 'FALSE()';
    return String(a);
  });
  // trailing optional arguments left out are dropped; a required one stays as an empty argument (F(1,,)), as Excel
  // never takes a formula with too few arguments
  while (refs.length && refs[refs.length - 1] === '' && d.metadata.parameters[refs.length - 1]?.optional) refs.pop();
  const formula = `=SALESOPS.${d.id}(${refs.join(',')})`;
  sheets.Out = [[formula]];
  return { sheets, formula };
}
