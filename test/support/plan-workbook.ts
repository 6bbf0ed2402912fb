/**
 * Test workbooks for the comparison: a small comp plan (6 reps, SALESOPS.COMMISSION per row on three marginal
 * tiers, a total row) written as .xlsx with cached values worked out by hand (commissionByHand), and variants
 * with one hand-made change each.
 */
import { writeWorkbook, type CellSpec, type WorkbookSpec } from '../../src/xlsx/create';

export const QUOTA = 100_000;
/** Bookings of Rep 1..6: two above quota (130,000 and 110,000), the rest below. */
export const BOOKINGS = [130_000, 60_000, 110_000, 80_000, 90_000, 70_000];
export const TIERS: [number, number][] = [
  [0, 0.08],
  [1, 0.12],
  [1.2, 0.15],
];

/** Marginal commission by hand: each tier's rate on the bookings between its floor and the next (as % of quota). */
export function commissionByHand(bookings: number, tiers = TIERS, quota = QUOTA): number {
  let total = 0;
  tiers.forEach(([floor, rate], i) => {
    const lo = floor * quota;
    const hi = i + 1 < tiers.length ? tiers[i + 1][0] * quota : Infinity;
    total += Math.max(0, Math.min(bookings, hi) - lo) * rate;
  });
  return Math.round(total * 1e6) / 1e6;
}

export interface PlanOptions {
  bookings?: number[];
  /** Rep names (default Rep 1..n). */
  names?: string[];
  tiers?: [number, number][];
  tierSheet?: string;
  /** Row (1-based, on Reps) whose commission reads the next row's bookings. */
  slipRow?: number;
  /** Row (1-based) whose commission is typed over with this number. */
  typedOver?: { row: number; value: number };
  definedNames?: WorkbookSpec['names'];
  extraSheets?: WorkbookSpec['sheets'];
}

export function planSpec(o: PlanOptions = {}): WorkbookSpec {
  const bookings = o.bookings ?? BOOKINGS;
  const tiers = o.tiers ?? TIERS;
  const tierSheet = o.tierSheet ?? 'Tiers';
  const rows: CellSpec[][] = [['Rep', 'Bookings', 'Quota', 'Commission']];
  const last = bookings.length + 1;
  bookings.forEach((b, i) => {
    const r = i + 2;
    const read = r === o.slipRow ? r + 1 : r;
    const value = commissionByHand(bookings[read - 2] ?? 0, tiers);
    const d: CellSpec =
      o.typedOver?.row === r
        ? o.typedOver.value
        : { formula: `SALESOPS.COMMISSION(B${read},C${r},${tierSheet}!$A$2:$B$${tiers.length + 1})`, value };
    rows.push([o.names?.[i] ?? `Rep ${i + 1}`, b, QUOTA, d]);
  });
  const commissions = rows
    .slice(1)
    .map((r) => (typeof r[3] === 'number' ? r[3] : ((r[3] as { value: number }).value ?? 0)));
  rows.push(
    [],
    [
      'Total',
      { formula: `SUM(B2:B${last})`, value: bookings.reduce((s, x) => s + x, 0) },
      null,
      { formula: `SUM(D2:D${last})`, value: Math.round(commissions.reduce((s, x) => s + x, 0) * 1e6) / 1e6 },
    ],
  );
  return {
    sheets: [
      { name: 'Reps', rows },
      { name: tierSheet, rows: [['Floor', 'Rate'], ...tiers] },
      ...(o.extraSheets ?? []),
    ],
    names: o.definedNames,
  };
}

export async function plan(o: PlanOptions = {}): Promise<Buffer> {
  return writeWorkbook(planSpec(o));
}
