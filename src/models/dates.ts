/**
 * Excel date serials (days since 1899-12-30, the 1900 date system as Excel stores it for dates after 1900-03-01).
 * Models work in serials so that Excel, the CLI and the playground compute identical numbers.
 */
const EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export interface YearMonthDay {
  year: number;
  month: number; // 1..12
  day: number;
}

export function serialFromYmd(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - EPOCH_UTC) / DAY_MS);
}

export function ymdFromSerial(serial: number): YearMonthDay {
  const d = new Date(EPOCH_UTC + Math.floor(serial) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** A month counter (year * 12 + month - 1) for month arithmetic: months between two dates is a subtraction. */
export function monthIndex(serial: number): number {
  const { year, month } = ymdFromSerial(serial);
  return year * 12 + (month - 1);
}

/** ISO date text of a serial, e.g. 46054 -> "2026-02-01". */
export function isoFromSerial(serial: number): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
