/**
 * SALESOPS.WEIGHTEDPIPE over 100,000 deals against the native model in the same engine:
 * a helper column =VLOOKUP(stage, table, 2, 0) per row and =SUMPRODUCT(amounts, helper).
 */
import { createEngine } from '../src/hosts/headless/engine';
import { rng, result, timeMs, type Bench } from './lib';

const STAGES: [string, number][] = [
  ['Discovery', 0.1],
  ['Qualified', 0.2],
  ['Demo', 0.4],
  ['Trial', 0.6],
  ['Final call', 0.8],
  ['Won', 1],
];

function sheets(n: number, native: boolean): Record<string, unknown[][]> {
  const r = rng(42);
  const deals: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const row: unknown[] = [Math.round(r() * 100000), STAGES[Math.floor(r() * STAGES.length)][0]];
    if (native) row.push(`=VLOOKUP(B${i + 1},Stages!$A$1:$B$6,2,0)`);
    deals.push(row);
  }
  const out = native
    ? `=SUMPRODUCT(Deals!A1:A${n},Deals!C1:C${n})`
    : `=SALESOPS.WEIGHTEDPIPE(Deals!A1:A${n},Deals!B1:B${n},Stages!A1:B6)`;
  return { Deals: deals, Stages: STAGES, Out: [[out]] };
}

export const benches: Bench[] = [
  {
    name: 'WEIGHTEDPIPE 100,000 deals vs SUMPRODUCT + VLOOKUP helper column',
    run: () => {
      const n = 100_000;
      const measure = (native: boolean) => {
        const data = sheets(n, native);
        let hf = createEngine(data as never);
        hf.destroy();
        const build = timeMs(() => {
          hf = createEngine(data as never);
          hf.destroy();
        }, 3);
        hf = createEngine(data as never);
        const deals = hf.getSheetId('Deals')!;
        let k = 0;
        const recalc = timeMs(() => hf.setCellContents({ sheet: deals, row: 7, col: 0 }, 1000 + k++), 5);
        const value = hf.getCellValue({ sheet: hf.getSheetId('Out')!, row: 0, col: 0 });
        hf.destroy();
        return { build, recalc, value };
      };
      const ours = measure(false);
      const native = measure(true);
      if (
        typeof ours.value !== 'number' ||
        Math.abs((ours.value as number) - (native.value as number)) > 1e-6 * Math.abs(native.value as number)
      ) {
        throw new Error(`results differ: ours ${String(ours.value)} native ${String(native.value)}`);
      }
      return [
        result('WEIGHTEDPIPE 100k: build (load + first calc)', ours.build, native.build, 2),
        result('WEIGHTEDPIPE 100k: recalc after one edit', ours.recalc, native.recalc, 2),
      ];
    },
  },
];
