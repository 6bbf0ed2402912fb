/**
 * Big inputs (issue 10): 1,000,000-row ranges give a result or a clear error, never a hang or a crash.
 * Every declared function is called with million-row columns in each range argument; then one full-height
 * column (1,048,576 rows, Excel's limit) goes through the headless engine.
 */
import { declarations } from '../../src/functions/generated/registry';
import { createEngine } from '../../src/hosts/headless/engine';
import { SalesOpsError } from '../../src/models/errors';

const N = 1_000_000;
const numbers = Array.from({ length: N }, (_, i) => [(i % 97) + 1]);
const texts = Array.from({ length: N }, (_, i) => [['Won', 'Lost', 'Trial', 'Ann'][i % 4]]);

describe('million-row ranges', () => {
  it.each(declarations.map((d) => [d.id, d] as const))('SALESOPS.%s returns a value or a SalesOpsError', (_id, d) => {
    for (const column of [numbers, texts]) {
      const args = d.metadata.parameters.map((p) => (p.dimensionality === 'matrix' ? column : p.optional ? null : 1));
      try {
        const out = d.implementation(...args);
        if (typeof out === 'number') expect(Number.isFinite(out)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(SalesOpsError);
        expect((e as Error).message.length).toBeGreaterThan(5);
      }
    }
  });

  it('evaluates WEIGHTEDPIPE over a full 1,048,576-row column in the engine', () => {
    const rows = 1_048_576;
    // Every deal is 1,000 in Trial (60%) except the last row, which is blank: 1,048,575 x 600.
    const deals: unknown[][] = Array.from({ length: rows - 1 }, () => [1000, 'Trial']);
    const hf = createEngine({
      Deals: deals as never,
      Out: [['=SALESOPS.WEIGHTEDPIPE(Deals!A:A, Deals!B:B, {"Trial",0.6})']],
    });
    try {
      expect(hf.getCellValue({ sheet: hf.getSheetId('Out')!, row: 0, col: 0 })).toBeCloseTo(1_048_575 * 600, 3);
    } finally {
      hf.destroy();
    }
  }, 120_000);
});
