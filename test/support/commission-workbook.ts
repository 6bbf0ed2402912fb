/**
 * A realistic commission workbook for the audit tests (CLI and browser): 20 reps from the real CRM data (won
 * close_value summed per agent, ../shared/data/crm/sales_pipeline.csv), a 300,000 quota, three tiers,
 * SALESOPS.COMMISSION per row stored as Excel stores add-in functions, a total row, and one row whose formula
 * slipped to the next row's bookings.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeWorkbook, type CellSpec } from '../../src/xlsx/create';

const CSV = path.resolve(__dirname, '../../../shared/data/crm/sales_pipeline.csv');
export const QUOTA = 300000;

/** Won bookings per agent, in plain code: the first 20 agents by name. */
export function bookingsByAgent(): [string, number][] {
  const lines = fs.readFileSync(CSV, 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
  const sums = new Map<string, number>();
  for (const line of lines) {
    const [, agent, , , stage, , , value] = line.split(',');
    if (stage === 'Won') sums.set(agent, (sums.get(agent) ?? 0) + Number(value));
  }
  return [...sums].sort((a, b) => a[0].localeCompare(b[0])).slice(0, 20);
}

/** Marginal commission by hand: 8% of bookings up to quota, 12% from 100% to 120%, 15% above. */
export function marginal(bookings: number): number {
  const slice = (lo: number, hi: number) => Math.max(0, Math.min(bookings, hi * QUOTA) - lo * QUOTA);
  return slice(0, 1) * 0.08 + slice(1, 1.2) * 0.12 + slice(1.2, Infinity) * 0.15;
}

export const SLIP_ROW = 12; // D12 reads B13 instead of B12

/**
 * The workbook as Excel would have saved it: every formula with its cached result (the hand-computed commission of
 * the bookings it reads, the column sums). With `engineGap`, Tiers!E1 holds =B4*100 (the top rate in percent) with
 * the value 14 Excel saved before the rate was raised from 14% to 15% under manual calculation: a formula Excel shows
 * without error where the recalculation (15) disagrees, whatever the engine computes better by then.
 */
export async function commissionWorkbook(options: { engineGap?: boolean } = {}): Promise<Buffer> {
  const reps = bookingsByAgent();
  const rows: CellSpec[][] = [['Rep', 'Bookings', 'Quota', 'Commission']];
  let commissionTotal = 0;
  reps.forEach(([agent, bookings], i) => {
    const r = i + 2;
    const b = r === SLIP_ROW ? r + 1 : r;
    const commission = marginal(reps[b - 2][1]);
    commissionTotal += commission;
    rows.push([
      agent,
      bookings,
      QUOTA,
      { formula: `_xldudf_SALESOPS_COMMISSION(B${b},C${r},Tiers!$A$2:$B$4)`, value: commission },
    ]);
  });
  const bookingsTotal = reps.reduce((s, [, v]) => s + v, 0);
  rows.push(
    [],
    [
      'Total',
      { formula: 'SUM(B2:B21)', value: bookingsTotal },
      { formula: 'SUM(C2:C21)', value: QUOTA * reps.length },
      { formula: 'SUM(D2:D21)', value: commissionTotal },
    ],
  );
  const tiers: CellSpec[][] = [
    ['Floor', 'Rate'],
    [0, 0.08],
    [1, 0.12],
    [1.2, 0.15],
  ];
  if (options.engineGap) tiers[0].push(null, 'Top rate %', { formula: 'B4*100', value: 14 });
  return writeWorkbook({
    sheets: [
      { name: 'Reps', rows },
      { name: 'Tiers', rows: tiers },
    ],
  });
}
