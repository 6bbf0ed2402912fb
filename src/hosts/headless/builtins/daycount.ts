/**
 * Excel's day-count conventions (the `basis` argument of the securities functions) and coupon schedules, shared by
 * ACCRINT, the COUP* functions, PRICE/YIELD, DISC/INTRATE and friends.
 *
 * basis 0: US (NASD) 30/360, 1: actual/actual, 2: actual/360, 3: actual/365, 4: European 30/360 (Microsoft's
 * documentation of every securities function lists these five). Excel's exact treatment of end-of-February, of the
 * year length for actual/actual and of coupon dates stepped back from maturity is not documented by Microsoft; the
 * rules below are the ones the ExcelFinancialFunctions library (fsprojects, tested against Excel) established, and the
 * fidelity corpus (../shared/fidelity/ironcalc/FINANCIAL) confirms them.
 */

export interface Ymd {
  y: number;
  m: number; // 1-12
  d: number;
}

const MS_PER_DAY = 86_400_000;
/** Serial 1 is 1900-01-01; Excel counts a fictitious 1900-02-29 (serial 60), so later serials count from 1899-12-30. */
export function fromSerial(serial: number): Ymd {
  const s = Math.floor(serial);
  if (s === 60) return { y: 1900, m: 2, d: 29 };
  const base = s < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const dt = new Date(base + s * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function toSerial(d: Ymd): number {
  if (d.y === 1900 && d.m === 2 && d.d === 29) return 60;
  const t = Date.UTC(d.y, d.m - 1, d.d);
  const s = Math.round((t - Date.UTC(1899, 11, 30)) / MS_PER_DAY);
  return s <= 60 ? s - 1 : s;
}

export const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}
const isLastDay = (d: Ymd) => d.d === daysInMonth(d.y, d.m);
const isLastOfFeb = (d: Ymd) => d.m === 2 && isLastDay(d);
const cmp = (a: Ymd, b: Ymd) => a.y - b.y || a.m - b.m || a.d - b.d;

/** Adds months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28); `lastDay` snaps to it. */
export function addMonths(d: Ymd, n: number, lastDay = false): Ymd {
  const total = d.y * 12 + (d.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const dim = daysInMonth(y, m);
  return { y, m, d: lastDay ? dim : Math.min(d.d, dim) };
}

/** Actual days between two dates. */
export const actualDays = (a: Ymd, b: Ymd): number => toSerial(b) - toSerial(a);

function diff360(sd: number, sm: number, sy: number, ed: number, em: number, ey: number): number {
  return (ey - sy) * 360 + (em - sm) * 30 + (ed - sd);
}

/** US (NASD) 30/360; `both` also moves an end date of 31 (or end of February) to 30 regardless of the start. */
export function days360US(a: Ymd, b: Ymd, both = false): number {
  let sd = a.d;
  let ed = b.d;
  if (isLastOfFeb(b) && (isLastOfFeb(a) || both)) ed = 30;
  if (ed === 31 && (sd >= 30 || both)) ed = 30;
  if (sd === 31) sd = 30;
  if (isLastOfFeb(a)) sd = 30;
  return diff360(sd, a.m, a.y, ed, b.m, b.y);
}

/** European 30/360: a 31st counts as the 30th. */
export function days360EU(a: Ymd, b: Ymd): number {
  return diff360(Math.min(a.d, 30), a.m, a.y, Math.min(b.d, 30), b.m, b.y);
}

/** Days from a to b as the basis counts them (the numerator of a year or coupon fraction). */
export function daysBetween(a: Ymd, b: Ymd, basis: number): number {
  if (basis === 0) return days360US(a, b);
  if (basis === 4) return days360EU(a, b);
  return actualDays(a, b);
}

/** Whether [a, b] is at most one year long (Excel's actual/actual year-fraction rule). */
function withinAYear(a: Ymd, b: Ymd): boolean {
  if (a.y === b.y) return true;
  return b.y === a.y + 1 && (a.m > b.m || (a.m === b.m && a.d >= b.d));
}

/** Whether a span of at most a year counts a leap day (a leap year alone, or a Feb 29 inside the span). */
function countsLeapDay(a: Ymd, b: Ymd): boolean {
  if (a.y === b.y) return isLeap(a.y);
  if (isLeap(a.y) && (a.m < 2 || (a.m === 2 && a.d <= 29))) return true;
  return isLeap(b.y) && (b.m > 2 || (b.m === 2 && b.d === 29));
}

/** Days in the year for a span starting at a and ending at b (basis 1 averages the years a span over a year covers). */
export function daysInYear(a: Ymd, b: Ymd, basis: number): number {
  if (basis === 3) return 365;
  if (basis !== 1) return 360;
  if (!withinAYear(a, b)) {
    const years = b.y - a.y + 1;
    return actualDays({ y: a.y, m: 1, d: 1 }, { y: b.y + 1, m: 1, d: 1 }) / years;
  }
  return countsLeapDay(a, b) ? 366 : 365;
}

/** YEARFRAC(start, end, basis) for start <= end. */
export function yearFrac(a: Ymd, b: Ymd, basis: number): number {
  if (cmp(a, b) === 0) return 0;
  if (cmp(a, b) > 0) return yearFrac(b, a, basis);
  return daysBetween(a, b, basis) / daysInYear(a, b, basis);
}

/**
 * Steps from `start` by `months` (negative: back) until reaching `end`; returns the date reached and the one before
 * it. Each step moves from the previous date, as Excel's coupon schedule does (a schedule is end-of-month when the
 * anchor date is).
 */
function stepUntil(start: Ymd, end: Ymd, months: number, lastDay: boolean): { front: Ymd; trailing: Ymd } {
  let front = start;
  let trailing = end;
  for (let i = 0; i < 100_000; i++) {
    if (months > 0 ? cmp(front, end) >= 0 : cmp(front, end) <= 0) break;
    trailing = front;
    front = addMonths(front, months, lastDay);
  }
  return { front, trailing };
}

/** The coupon dates around settlement: previous (pcd) and next (ncd), stepped back from maturity. */
export function couponDates(settl: Ymd, mat: Ymd, freq: number): { pcd: Ymd; ncd: Ymd } {
  const r = stepUntil(mat, settl, -(12 / freq), isLastDay(mat));
  return { pcd: r.front, ncd: r.trailing };
}

/** COUPNUM: coupons payable between settlement and maturity. */
export function coupNum(settl: Ymd, mat: Ymd, freq: number): number {
  const { pcd } = couponDates(settl, mat, freq);
  const months = (mat.y - pcd.y) * 12 + (mat.m - pcd.m);
  return (months * freq) / 12;
}

/** COUPDAYS: days in the coupon period holding settlement. */
export function coupDays(settl: Ymd, mat: Ymd, freq: number, basis: number): number {
  if (basis === 1) {
    const { pcd, ncd } = couponDates(settl, mat, freq);
    return actualDays(pcd, ncd);
  }
  return (basis === 3 ? 365 : 360) / freq;
}

/** COUPDAYBS: days from the coupon period's start to settlement. */
export function coupDayBs(settl: Ymd, mat: Ymd, freq: number, basis: number): number {
  const { pcd } = couponDates(settl, mat, freq);
  return daysBetween(pcd, settl, basis);
}

/** COUPDAYSNC: days from settlement to the next coupon date. */
export function coupDaysNc(settl: Ymd, mat: Ymd, freq: number, basis: number): number {
  const { pcd, ncd } = couponDates(settl, mat, freq);
  if (basis === 0) return days360US(pcd, ncd, true) - days360US(pcd, settl);
  return daysBetween(settl, ncd, basis);
}

/** Serial number argument as a date, or undefined when out of Excel's range (before 1900 or after 9999). */
export function dateArg(serial: number): Ymd | undefined {
  const s = Math.floor(serial);
  if (!Number.isFinite(s) || s < 0 || s > 2_958_465) return undefined;
  return fromSerial(s);
}

export { cmp as compareDates, isLastDay };
