/**
 * The formula audit of a 50,000-formula workbook in the headless engine: 10,000 reps x 5 formula columns
 * (SALESOPS.COMMISSION, attainment, effective rate, a gate flag, share of budget), with one slipped row and one
 * number typed over a formula. Baseline: merely reading the formulas through the Workbook interface (readFormulas),
 * which every audit must do; the ratio says what the checks, explanations and report cost on top.
 */
import { performance } from 'perf_hooks';
import { createEngine } from '../src/hosts/headless/engine';
import { HeadlessWorkbook } from '../src/hosts/headless/workbook';
import { auditWorkbook } from '../src/audit/audit';
import { toJson, toMarkdown } from '../src/audit/report';
import { rng, result, type Bench } from './lib';

const REPS = 10_000;

function sheets(): Record<string, unknown[][]> {
  const r = rng(7);
  // K1: the commission budget; K2: the attainment gate
  const rows: unknown[][] = [
    ['Rep', 'Bookings', 'Quota', 'Commission', 'Attainment', 'Rate', 'Gate', 'Share', '', 'Budget', 5_000_000],
  ];
  for (let i = 0; i < REPS; i++) {
    const n = i + 2;
    const slip = n === 5000 ? n + 1 : n;
    rows.push([
      `Rep ${i + 1}`,
      Math.round(50_000 + r() * 150_000),
      100_000,
      n === 7000 ? 9_999 : `=SALESOPS.COMMISSION(B${slip},C${n},Tiers!$A$2:$B$4)`,
      `=B${n}/C${n}`,
      `=D${n}/B${n}`,
      `=IF(E${n}>=$K$2,"Paid","Gated")`,
      `=D${n}/$K$1`,
      ...(i === 0 ? ['', 'Gate at', 0.5] : []),
    ]);
  }
  return {
    Reps: rows,
    Tiers: [
      ['Floor', 'Rate'],
      [0, 0.08],
      [1, 0.12],
      [1.2, 0.15],
    ],
  };
}

async function median(fn: () => Promise<unknown>, repeats: number): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export const benches: Bench[] = [
  {
    name: 'audit of a 50,000-formula workbook vs reading its formulas',
    run: async () => {
      const hf = createEngine(sheets() as never);
      const wb = new HeadlessWorkbook(hf);
      try {
        const formulas = await wb.readFormulas();
        const report = await auditWorkbook(wb);
        const found = report.findings.map((f) => `${f.kind} ${f.cells[0].sheet}!${f.cells[0].address}`);
        // 5 formula columns x 10,000 rows, minus the typed-over cell (D7000)
        if (formulas.length !== 49_999 || report.summary.formulas !== formulas.length)
          throw new Error(`expected 49,999 formulas, read ${formulas.length}, audited ${report.summary.formulas}`);
        if (!found.includes('inconsistent-formula Reps!D5000') || !found.includes('typed-over-formula Reps!D7000'))
          throw new Error(`planted faults not found: ${found.join('; ')}`);
        const read = await median(() => wb.readFormulas(), 3);
        const audit = await median(() => auditWorkbook(wb), 3);
        const withReport = await median(async () => {
          const r = await auditWorkbook(wb);
          return toMarkdown(r).length + toJson(r).length;
        }, 1);
        return [
          result(
            'audit 50k formulas (ratio = read time / audit time)',
            audit,
            read,
            undefined,
            `${report.inventory.length} SALESOPS cells, ${report.findings.length} findings; audit is ${(audit / read).toFixed(1)}x the read`,
          ),
          result('audit 50k formulas + markdown and JSON report', withReport, read),
        ];
      } finally {
        hf.destroy();
      }
    },
  },
];
