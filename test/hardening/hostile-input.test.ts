/**
 * Hostile input for every declared SALESOPS function (issue 10): random ranges of mixed numbers, text, blanks,
 * booleans, error values, huge and negative numbers, mismatched sizes and empty ranges.
 * - Called directly, a declaration either returns or throws a SalesOpsError (never a TypeError or RangeError).
 * - Through the headless engine, no cell holds NaN or Infinity, and every error carries a message; empty ranges are
 *   cells of empty sheets that exist, so they reach the function (never a #REF! for a missing sheet).
 */
import fc from 'fast-check';
import { DetailedCellError } from 'hyperformula';
import { declarations } from '../../src/functions/generated/registry';
import { createEngine } from '../../src/hosts/headless/engine';
import { SalesOpsError } from '../../src/models/errors';
import { argsArb, hostileWorkbook } from '../support/hostile';

function checkValue(v: unknown, where: string): void {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`${where}: returned ${v}`);
  if (Array.isArray(v))
    v.forEach((row, i) => (Array.isArray(row) ? row : [row]).forEach((x, j) => checkValue(x, `${where}[${i}][${j}]`)));
}

describe('empty ranges reach every function', () => {
  it.each(declarations.map((d) => [d.id, d] as const))(
    'SALESOPS.%s given an empty sheet range in every range argument',
    (_id, d) => {
      // Every range argument is A1:A1 of its own empty sheet; scalars are 1. The function runs and answers with a
      // value or its own error (with a message), never the engine's #REF! for a missing sheet.
      const sheets: Record<string, unknown[][]> = {};
      const refs = d.metadata.parameters.map((p, i) => {
        if (p.dimensionality !== 'matrix') return p.optional ? '' : '1';
        sheets[`Empty${i}`] = [];
        return `Empty${i}!A1:A1`;
      });
      while (refs.length && refs[refs.length - 1] === '') refs.pop();
      sheets.Out = [[`=SALESOPS.${d.id}(${refs.join(',')})`]];
      const hf = createEngine(sheets as never);
      try {
        const v = hf.getCellValue({ sheet: hf.getSheetId('Out')!, row: 0, col: 0 });
        checkValue(v, d.id);
        if (v instanceof DetailedCellError) {
          // a missing sheet shows as #REF! itself or inside a range ("outcomes row 1 holds #REF! (Sheet does not exist.)")
          expect(v.type).not.toBe('REF');
          expect(v.message).not.toMatch(/#REF!/);
          expect((v.message ?? '').length).toBeGreaterThan(5);
        }
      } finally {
        hf.destroy();
      }
    },
  );
});

describe.each(declarations.map((d) => [d.id, d] as const))('SALESOPS.%s under hostile input', (_id, d) => {
  it('returns a finite value or throws a SalesOpsError with a message', () => {
    fc.assert(
      fc.property(argsArb(d), (args) => {
        try {
          checkValue(d.implementation(...args), d.id);
        } catch (e) {
          if (!(e instanceof SalesOpsError))
            throw new Error(
              `${d.id} threw ${(e as Error)?.name}: ${(e as Error)?.message} for ${JSON.stringify(args)}`,
            );
          expect(e.message.length).toBeGreaterThan(5);
        }
      }),
      { numRuns: 150, seed: 20261125 },
    );
  });

  it('never shows NaN, Infinity or an error without a message in the engine', () => {
    fc.assert(
      fc.property(argsArb(d), (args) => {
        // Lay each range argument out on its own sheet and pass scalars as literals.
        const { sheets } = hostileWorkbook(d, args);
        const hf = createEngine(sheets as never);
        try {
          const out = hf.getSheetValues(hf.getSheetId('Out')!);
          for (const row of out)
            for (const v of row) {
              checkValue(v, d.id);
              // #REF! (or a range holding one: "Sheet does not exist") would mean an argument never reached the function
              if (v instanceof DetailedCellError)
                expect({ formula: sheets.Out[0][0], ref: v.type === 'REF' || /#REF!/.test(v.message ?? '') }).toEqual({
                  formula: sheets.Out[0][0],
                  ref: false,
                });
              if (v instanceof DetailedCellError && v.type !== 'SPILL')
                expect({ formula: sheets.Out[0][0], message: (v.message ?? '').length > 5 }).toEqual({
                  formula: sheets.Out[0][0],
                  message: true,
                });
            }
        } finally {
          hf.destroy();
        }
      }),
      { numRuns: 40, seed: 20261125 },
    );
  });
});
