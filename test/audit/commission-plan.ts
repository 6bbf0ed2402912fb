/** The commission plan the audit tests plant faults in, and helpers to audit it and read findings. */
import { auditWorkbook } from '../../src/audit/audit';
import type { AuditReport, Finding, FindingKind } from '../../src/audit/types';
import { F, FakeWorkbook, type Cell } from './fake-workbook';

export const TIERS: Cell[][] = [
  ['Floor', 'Rate'],
  [0, 0.08],
  [1, 0.12],
  [1.2, 0.15],
];

/** Marginal commission by hand: 8% up to quota, 12% from 100% to 120%, 15% above (issue 6's plan). */
export function marginal(bookings: number, quota: number): number {
  const slice = (lo: number, hi: number) => Math.max(0, Math.min(bookings, hi * quota) - lo * quota);
  return slice(0, 1) * 0.08 + slice(1, 1.2) * 0.12 + slice(1.2, Infinity) * 0.15;
}

/** 20 reps: bookings, quota, and D = SALESOPS.COMMISSION(B, C, Tiers!$A$2:$B$4) per row. */
export function commissionSheet(edit?: (rows: Cell[][]) => void): Record<string, Cell[][]> {
  const rows: Cell[][] = [['Rep', 'Bookings', 'Quota', 'Commission']];
  for (let i = 0; i < 20; i++) {
    const r = i + 2;
    const bookings = 60000 + i * 5000;
    rows.push([
      `Rep ${i + 1}`,
      bookings,
      100000,
      F(`=SALESOPS.COMMISSION(B${r},C${r},Tiers!$A$2:$B$4)`, marginal(bookings, 100000)),
    ]);
  }
  edit?.(rows);
  const q3: Cell[][] = rows.map((r, i) => (i === 0 ? ['Rep', 'Bookings'] : [r[0], 1000 * i]));
  return { Reps: rows, Tiers: TIERS.map((r) => [...r]), Q3: q3 };
}

export const of = (report: AuditReport, kind: FindingKind): Finding[] => report.findings.filter((f) => f.kind === kind);
export const cells = (f: Finding) => f.cells.map((c) => `${c.sheet}!${c.address}`);

export async function audit(
  sheets: Record<string, Cell[][]>,
  names = [] as { name: string; sheet: string; address: string; scope?: string }[],
): Promise<AuditReport> {
  return auditWorkbook(new FakeWorkbook(sheets, names));
}
