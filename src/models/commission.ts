/**
 * Incentive compensation math as comp products define it (Spiff, Xactly, CaptivateIQ, QuotaPath, Oracle IC):
 * tiered commission (marginal or retroactive) with gates, decelerators, accelerators, a payout cap and a
 * year-to-date true-up; a line-by-line explanation of every payout; draws with recovery; crediting through
 * opportunity splits; and on-target earnings.
 */
import { naError, valueError } from './errors';

/** One row of a tier table: the tier starts at `floor` x quota and pays `rate` on bookings in it. */
export interface Tier {
  floor: number; // attainment floor as a fraction of quota (0, 1 = 100%, 1.2 = 120%)
  rate: number; // commission rate, 0..1 (0 is a gate)
  row: number; // row in the tier table, for messages
}

/** Marginal: each slice of bookings at its tier's rate (Spiff `mamount`); retro: all bookings at the rate reached. */
export type CommissionMethod = 'marginal' | 'retro';

export interface CommissionInput {
  bookings: number;
  quota: number;
  tiers: readonly Tier[];
  method?: CommissionMethod;
  /** Caps the payout (before paid_to_date is subtracted). */
  cap?: number | null;
  /** Already paid this year: the result is the year-to-date amount minus this (true-up). */
  paidToDate?: number | null;
}

/** Floors above this are almost surely percentages typed as whole numbers (120 for 120%). */
const MAX_FLOOR = 10;

function pct(x: number): string {
  return `${Math.round(x * 1e6) / 1e4}%`;
}

/**
 * Tier tables already checked, by identity. Only frozen tables (and frozen rows) are remembered, so a table cannot
 * change after its check: the declaration layer freezes the tables it builds and reuses them across the thousands
 * of COMMISSION cells that share one tier range, and each of those cells then skips the row-by-row checks.
 */
const checkedTiers = new WeakSet<readonly Tier[]>();

/** "enter 12% or 0.12" when reading x as a percentage lands in 0..max; otherwise the allowed range. */
function percentHint(x: number, max: number): string {
  return x / 100 <= max ? `enter ${x}% or ${x / 100}` : `enter a value from 0 to ${max} (0% to ${pct(max)})`;
}

/**
 * Checks a tier table: first floor 0, floors strictly ascending, rates from 0 to 100% (decelerators, i.e. a
 * lower rate above a higher one, are allowed here; a 0 rate is a gate). Each error names the tier row.
 */
export function checkTiers(tiers: readonly Tier[]): void {
  if (checkedTiers.has(tiers)) return;
  if (tiers.length === 0) throw valueError('tiers is empty; give at least one row: floor 0 and a rate');
  tiers.forEach((t, i) => {
    const where = `tiers row ${t.row}`;
    if (!Number.isFinite(t.floor)) throw valueError(`${where}: floor is not a number`);
    if (!Number.isFinite(t.rate)) throw valueError(`${where}: rate is not a number`);
    if (i === 0 && t.floor !== 0)
      throw valueError(`${where}: the first floor is ${pct(t.floor)}; the first tier must start at 0`);
    if (t.floor < 0) throw valueError(`${where}: floor ${pct(t.floor)} is negative`);
    if (t.floor > MAX_FLOOR)
      throw valueError(`${where}: floor ${t.floor} is ${pct(t.floor)} of quota; ${percentHint(t.floor, MAX_FLOOR)}`);
    if (i > 0 && !(t.floor > tiers[i - 1].floor)) {
      throw valueError(
        `${where}: floor ${pct(t.floor)} is not above the floor of tiers row ${tiers[i - 1].row} (${pct(tiers[i - 1].floor)}); floors must ascend`,
      );
    }
    if (t.rate < 0) throw valueError(`${where}: rate ${pct(t.rate)} is negative; rates are 0 (a gate) or more`);
    if (t.rate > 1) throw valueError(`${where}: rate ${t.rate} is above 100%; ${percentHint(t.rate, 1)}`);
  });
  if (Object.isFrozen(tiers) && tiers.every((t) => Object.isFrozen(t))) checkedTiers.add(tiers);
}

/**
 * Under "retro" all bookings are paid at the rate of the tier reached, so a tier whose rate is below the one
 * beneath it would make the payout fall when bookings cross its floor (10% to quota, 5% above: 99,999 pays
 * 9,999.90 but 100,000 pays 5,000). Refused, naming the tier row; "marginal" keeps decelerators (still monotone).
 */
export function checkRetroTiers(tiers: readonly Tier[]): void {
  for (let i = 1; i < tiers.length; i++) {
    const t = tiers[i];
    const below = tiers[i - 1];
    if (t.rate < below.rate) {
      throw valueError(
        `tiers row ${t.row}: rate ${pct(t.rate)} is below the ${pct(below.rate)} of tiers row ${below.row}; under "retro" every booking is paid at the rate reached, so a falling rate would pay less for more bookings. Use "marginal" for a decelerator, or rates that never fall`,
      );
    }
  }
}

function checkCommissionInput(input: CommissionInput): void {
  const { bookings, quota, cap, paidToDate } = input;
  if (!Number.isFinite(bookings)) throw valueError('bookings is not a finite number');
  // a zero quota is an invalid argument: #VALUE! with its message (Excel drops a #DIV/0!'s)
  if (quota === 0) throw valueError('quota is 0; tier floors are fractions of quota, so quota must be above 0');
  if (!(quota > 0)) throw valueError(`quota is ${quota}; it must be above 0`);
  if (cap != null && !(cap >= 0)) throw valueError(`cap is ${cap}; a payout cap must be 0 or more`);
  if (paidToDate != null && !Number.isFinite(paidToDate)) throw valueError('paid_to_date is not a finite number');
  checkTiers(input.tiers);
  if (input.method === 'retro') checkRetroTiers(input.tiers);
}

/** Index of the highest tier whose floor the bookings reached (floor inclusive); tier 0 for negative bookings. */
function reachedTier(bookings: number, quota: number, tiers: readonly Tier[]): number {
  let k = 0;
  for (let i = 1; i < tiers.length; i++) if (bookings >= tiers[i].floor * quota) k = i;
  return k;
}

/**
 * Bookings that fall in tier i: the slice between its floor and the next floor (in currency). Negative bookings
 * (net reversals) all fall in the first tier, so they claw back at its rate.
 */
function sliceOf(bookings: number, quota: number, tiers: readonly Tier[], i: number): number {
  const lo = tiers[i].floor * quota;
  const hi = i + 1 < tiers.length ? tiers[i + 1].floor * quota : Infinity;
  const s = Math.min(bookings, hi) - lo;
  return i === 0 ? s : Math.max(0, s);
}

/** Tiered payout before cap and true-up. */
function grossCommission(bookings: number, quota: number, tiers: readonly Tier[], method: CommissionMethod): number {
  if (method === 'retro') return tiers[reachedTier(bookings, quota, tiers)].rate * bookings;
  let total = 0;
  for (let i = 0; i < tiers.length; i++) total += tiers[i].rate * sliceOf(bookings, quota, tiers, i);
  return total;
}

/** Gross -> capped -> minus paid to date; the one place the final payout is formed. */
function netCommission(gross: number, cap: number | null | undefined, paidToDate: number | null | undefined): number {
  const capped = cap != null && gross > cap ? cap : gross;
  return capped - (paidToDate ?? 0);
}

/**
 * Tiered commission. Tier floors are fractions of quota; "marginal" pays each slice at its tier's rate, "retro"
 * pays all bookings at the rate of the highest tier reached (floor inclusive); under "retro" rates must never fall
 * from one tier to the next ({@link checkRetroTiers}), so the payout never falls as bookings grow. A 0 rate is a gate. The payout is
 * capped at `cap`, then `paidToDate` is subtracted (a negative result is an overpayment to recover).
 * Example: quota 100,000, tiers {0: 8%, 100%: 12%, 120%: 15%}, bookings 130,000: marginal
 * 8,000 + 2,400 + 1,500 = 11,900; retro 15% x 130,000 = 19,500; retro capped at 15,000 = 15,000.
 */
export function tieredCommission(input: CommissionInput): number {
  checkCommissionInput(input);
  const gross = grossCommission(input.bookings, input.quota, input.tiers, input.method ?? 'marginal');
  return netCommission(gross, input.cap, input.paidToDate);
}

/** One line of a commission explanation. Tier lines fill every field; adjustment lines only label and payout. */
export interface CommissionLine {
  label: string; // "Tier 2", "Cap of 15,000", "Paid to date", "Total"
  floor: number | null; // tier floor in currency
  ceiling: number | null; // tier ceiling in currency; null for the top tier
  bookings: number | null; // bookings in the tier (the total line: all bookings)
  rate: number | null; // rate applied to the tier's bookings
  payout: number;
}

function money(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/**
 * The calculation behind {@link tieredCommission}, line by line: one line per tier (floor and ceiling in currency,
 * bookings in the tier, the rate applied, payout), a cap line when a cap is given (its payout is the amount the
 * cap removes, 0 when it does not bind), a paid-to-date line when paid_to_date is given, and a total line whose
 * payout is exactly tieredCommission(input). The lines' payouts add up to the total.
 * Under "retro" every tier up to the one reached shows the reached rate: that is what retroactive means.
 */
export function explainCommission(input: CommissionInput): CommissionLine[] {
  checkCommissionInput(input);
  const { bookings, quota, tiers, cap, paidToDate } = input;
  const method = input.method ?? 'marginal';
  const reached = reachedTier(bookings, quota, tiers);
  const lines: CommissionLine[] = tiers.map((t, i) => {
    const slice = sliceOf(bookings, quota, tiers, i);
    const rate = method === 'retro' && i <= reached ? tiers[reached].rate : t.rate;
    return {
      label: `Tier ${i + 1}`,
      floor: t.floor * quota,
      ceiling: i + 1 < tiers.length ? tiers[i + 1].floor * quota : null,
      bookings: slice,
      rate,
      payout: rate * slice,
    };
  });
  const gross = grossCommission(bookings, quota, tiers, method);
  if (cap != null)
    lines.push({
      label: `Cap of ${money(cap)}`,
      floor: null,
      ceiling: null,
      bookings: null,
      rate: null,
      payout: gross > cap ? cap - gross : 0,
    });
  if (paidToDate != null)
    lines.push({ label: 'Paid to date', floor: null, ceiling: null, bookings: null, rate: null, payout: -paidToDate });
  lines.push({
    label: 'Total',
    floor: null,
    ceiling: null,
    bookings,
    rate: null,
    payout: netCommission(gross, cap, paidToDate),
  });
  return lines;
}

/** One period of a draw schedule. */
export interface DrawPeriod {
  draw: number; // paid to bring the period up to the guarantee
  recovery: number; // recovered from earnings above the guarantee (recoverable draws only)
  balance: number; // draw still to recover after this period (0 for non-recoverable draws)
  payout: number; // earnings + draw - recovery
}

/**
 * Draw against commission, period by period (Oracle Incentive Compensation "draw and recovery"): the draw tops
 * earnings up to the guarantee, draw = max(0, guarantee - earnings). A recoverable draw adds to an outstanding
 * balance that later periods repay from earnings above the guarantee, recovery = min(balance, earnings -
 * guarantee), so a period never pays less than the guarantee. A non-recoverable draw is never repaid.
 * `null` earnings are periods not yet closed: allowed only after the last closed period; their result is null.
 * Example: guarantee 1,000, earnings 500, 700, 400, 1,800: draws 500, 300, 600, 0; balance 500, 800, 1,400, 600;
 * the fourth period recovers 800 and pays 1,000.
 */
export function drawSchedule(
  earnings: (number | null)[],
  guarantee: number,
  recoverable = true,
): (DrawPeriod | null)[] {
  if (!(guarantee >= 0)) throw valueError(`guarantee is ${guarantee}; it must be 0 or more`);
  if (earnings.length === 0) throw valueError('earnings is empty; give one number per period');
  let last = earnings.length - 1;
  while (last >= 0 && earnings[last] === null) last--;
  if (last < 0)
    throw valueError('earnings holds no numbers; give one number per period (0 for a period with no earnings)');
  let balance = 0;
  return earnings.map((e, i) => {
    if (e === null) {
      if (i < last)
        throw valueError(
          `earnings row ${i + 1} is blank but a later period has earnings; enter 0 for a period with no earnings`,
        );
      return null;
    }
    const draw = Math.max(0, guarantee - e);
    const recovery = recoverable ? Math.min(balance, Math.max(0, e - guarantee)) : 0;
    if (recoverable) balance = balance + draw - recovery;
    return { draw, recovery, balance, payout: e + draw - recovery };
  });
}

/** Revenue splits of a deal total 100%; overlay splits (specialists, managers) add credit on top and may total anything. */
export type SplitType = 'revenue' | 'overlay';

export interface Deal {
  id: string | null;
  amount: number | null;
}

export interface Split {
  dealId: string;
  rep: string;
  percent: number; // fraction of the deal's amount
  type: SplitType;
  row: number; // row in the split table, for messages
}

/** Key under which ids and names are compared: case-insensitive, surrounding spaces ignored. */
function nameKey(s: string): string {
  return s.trim().toLowerCase();
}

/** Tolerance on a 100% revenue-split total (percentages such as 33.33% + 33.33% + 33.34% add up in floating point). */
const SPLIT_TOLERANCE = 1e-9;

/**
 * Bookings credited to one rep through opportunity splits (Salesforce opportunity splits): the sum over the rep's
 * split rows of deal amount x split percent, revenue and overlay alike. A deal with revenue split rows must have
 * them total 100% (#VALUE! naming the deal otherwise); overlay splits may total anything. A deal with no revenue
 * split rows (no split rows at all, as most deals of a CRM export, or only overlays) is not split: its revenue is
 * credited to nobody here, and its overlays still credit their reps. A split naming a deal that is not in the deal
 * list is #N/A naming the row.
 * Example: deal D1 for 10,000 split 60% Ann / 40% Bo (revenue) plus a 100% overlay to Cy: Ann 6,000, Cy 10,000.
 */
export function creditedBookings(deals: Deal[], splits: Split[], rep: string): number {
  const amounts = new Map<string, { id: string; amount: number | null; revenue: number; revenueRows: number }>();
  deals.forEach((d, i) => {
    if (d.id === null) {
      if (d.amount !== null)
        throw valueError(`deal_ids row ${i + 1} is blank but amounts row ${i + 1} is ${d.amount}; enter the deal id`);
      return;
    }
    const key = nameKey(d.id);
    if (amounts.has(key)) throw valueError(`deal_ids row ${i + 1}: deal '${d.id}' appears twice; list each deal once`);
    amounts.set(key, { id: d.id, amount: d.amount, revenue: 0, revenueRows: 0 });
  });
  const who = nameKey(rep);
  let credited = 0;
  for (const s of splits) {
    const deal = amounts.get(nameKey(s.dealId));
    if (!deal) throw naError(`split_deal_ids row ${s.row}: unknown deal '${s.dealId}' (not in deal_ids)`);
    if (!(s.percent >= 0)) throw valueError(`split_percents row ${s.row} is ${s.percent}; a split cannot be negative`);
    if (s.type === 'revenue') {
      deal.revenue += s.percent;
      deal.revenueRows++;
    }
    if (deal.amount !== null && nameKey(s.rep) === who) credited += deal.amount * s.percent;
  }
  for (const d of amounts.values()) {
    // A deal without an amount credits nothing; a deal without revenue split rows is not split (credits nobody).
    if (d.amount === null || d.revenueRows === 0) continue;
    if (Math.abs(d.revenue - 1) > SPLIT_TOLERANCE) {
      throw valueError(
        `deal '${d.id}': revenue splits total ${pct(d.revenue)}, not 100%; fix its rows in the split table`,
      );
    }
  }
  return credited;
}

export interface OnTargetEarnings {
  ote: number; // base + target incentive
  payMix: string; // base / incentive share of OTE, e.g. "50/50"
  targetRate: number; // target incentive / quota
}

function share(x: number): string {
  return String(Math.round(x * 1000) / 10);
}

/**
 * On-target earnings: OTE = base + target incentive; pay mix = base share / incentive share of OTE ("60/40");
 * target commission rate = target incentive / quota.
 * Example: base 60,000, target incentive 40,000, quota 800,000: OTE 100,000, pay mix "60/40", rate 5%.
 */
export function onTargetEarnings(base: number, targetIncentive: number, quota: number): OnTargetEarnings {
  if (!(base >= 0)) throw valueError(`base is ${base}; it must be 0 or more`);
  if (!(targetIncentive >= 0)) throw valueError(`target_incentive is ${targetIncentive}; it must be 0 or more`);
  // invalid arguments: #VALUE! with their message (Excel drops a #DIV/0!'s)
  if (quota === 0) throw valueError('quota is 0; the target commission rate is target_incentive / quota');
  if (!(quota > 0)) throw valueError(`quota is ${quota}; it must be above 0`);
  const ote = base + targetIncentive;
  if (ote === 0) throw valueError('base and target_incentive are both 0; the pay mix is a share of OTE');
  return { ote, payMix: `${share(base / ote)}/${share(targetIncentive / ote)}`, targetRate: targetIncentive / quota };
}
