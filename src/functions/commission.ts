/* Custom-function declarations for incentive compensation: clean arguments, call src/models/commission. */
import {
  creditedBookings,
  drawSchedule,
  explainCommission,
  onTargetEarnings,
  tieredCommission,
  type CommissionMethod,
  type Split,
  type Tier,
} from '../models/commission';
import { SalesOpsError, valueError } from '../models/errors';
import {
  asMatrix,
  isBlank,
  isOmitted,
  numberVector,
  optionalBoolean,
  optionalNumber,
  optionalText,
  parseNumberText,
  percentText,
  requiredNumber,
  requiredText,
  sameLength,
  table,
  textVector,
  toFraction,
  toNumber,
  typedAsPercent,
  vector,
} from './clean';

/** Sum of a cell or range of bookings (a month, or the months of a year to date); blanks count as 0. */
function bookingsTotal(v: unknown): number {
  const m = asMatrix(v);
  let total = 0;
  for (let r = 0; r < m.length; r++) {
    const row = m[r];
    for (let c = 0; c < row.length; c++) {
      const x = row[c];
      if (typeof x === 'number' && Number.isFinite(x)) total += x;
      else if (!isBlank(x))
        total += toNumber(
          x,
          m.length === 1 && row.length === 1
            ? 'bookings'
            : `bookings row ${r + 1}${row.length > 1 ? ` column ${c + 1}` : ''}`,
        );
    }
  }
  return total;
}

/** The tier table: floor | rate, one row per tier; a first row of column titles ("Floor", "Rate") is skipped. */
function parseTierTable(v: unknown): readonly Tier[] {
  const rows = table(v, 'tiers', 2);
  const first = rows[0]?.cells[0];
  const start = typeof first === 'string' && parseNumberText(first) === null ? 1 : 0;
  const tiers: Tier[] = [];
  for (let i = start; i < rows.length; i++) {
    const { row, cells } = rows[i];
    const floor = toNumber(cells[0], `tiers row ${row} floor`);
    const rate = toNumber(cells[1], `tiers row ${row} rate`);
    // A value typed as a percentage ("150%") was not meant as 150 percent points: say the range, not "enter 1.5%".
    if (typedAsPercent(cells[0]) && floor > MAX_FLOOR) {
      throw valueError(
        `tiers row ${row}: floor ${String(cells[0]).trim()} is above ${percentText(MAX_FLOOR)} of quota; enter a floor from 0% to ${percentText(MAX_FLOOR)}`,
      );
    }
    if (typedAsPercent(cells[1]) && rate > 1)
      throw valueError(`tiers row ${row}: rate ${String(cells[1]).trim()} is above 100%; enter a rate from 0% to 100%`);
    tiers.push(Object.freeze({ floor, rate, row }));
  }
  // Frozen, so the model may remember that it has checked this very table and skip the checks on the next cell.
  return Object.freeze(tiers) as Tier[];
}

/** Highest floor the model accepts (1000% of quota); above it a floor is almost surely a whole-number percentage. */
const MAX_FLOOR = 10;

/**
 * Recently read tier tables, most recent first, keyed on the cells as given (numbers, text, booleans, blanks).
 * Ten thousand COMMISSION cells usually share one tier range: each recalculation parses and checks it once, and
 * every other cell only compares its few cells with the remembered ones. A table that failed is remembered with
 * its error. Tables with error cells, or larger than TIER_MEMO_CELLS, are parsed every time.
 */
const tierMemo: { cells: unknown[][]; result: readonly Tier[] | SalesOpsError }[] = [];
const TIER_MEMO_SIZE = 8;
const TIER_MEMO_CELLS = 256;

function sameCells(a: unknown[][], b: unknown[][]): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r];
    const y = b[r];
    if (x.length !== y.length) return false;
    for (let c = 0; c < x.length; c++) if (x[c] !== y[c]) return false;
  }
  return true;
}

function memoizable(m: unknown[][]): boolean {
  let n = 0;
  for (const row of m) {
    n += row.length;
    if (n > TIER_MEMO_CELLS) return false;
    for (const x of row)
      if (!(x === null || x === undefined || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean'))
        return false;
  }
  return true;
}

function tierTable(v: unknown): readonly Tier[] {
  const m = asMatrix(v);
  for (let i = 0; i < tierMemo.length; i++) {
    const hit = tierMemo[i];
    if (!sameCells(hit.cells, m)) continue;
    if (i > 0) tierMemo.unshift(...tierMemo.splice(i, 1));
    if (hit.result instanceof SalesOpsError) throw hit.result;
    return hit.result;
  }
  if (!memoizable(m)) return parseTierTable(m);
  let result: readonly Tier[] | SalesOpsError;
  try {
    result = parseTierTable(m);
  } catch (e) {
    if (!(e instanceof SalesOpsError)) throw e;
    result = e;
  }
  tierMemo.unshift({ cells: m.map((row) => row.slice()), result });
  if (tierMemo.length > TIER_MEMO_SIZE) tierMemo.pop();
  if (result instanceof SalesOpsError) throw result;
  return result;
}

function commissionMethod(v: unknown): CommissionMethod {
  // Fast paths for the cases thousands of cells share: the method left out, or typed as "marginal" / "retro".
  if (v === null || v === undefined) return 'marginal';
  if (v === 'marginal' || v === 'retro') return v;
  const m = optionalText(v, 'method', 'marginal').toLowerCase();
  if (m === 'marginal') return 'marginal';
  if (m === 'retro' || m === 'retroactive') return 'retro';
  throw valueError(
    `method is "${m}"; enter "marginal" (each slice at its tier's rate) or "retro" (all bookings at the rate reached)`,
  );
}

function commissionInput(
  bookings: unknown,
  quota: unknown,
  tiers: unknown,
  method: unknown,
  cap: unknown,
  paid_to_date: unknown,
) {
  return {
    bookings: bookingsTotal(bookings),
    quota: requiredNumber(quota, 'quota'),
    tiers: tierTable(tiers),
    method: commissionMethod(method),
    cap: optionalNumber(cap, 'cap', null),
    paidToDate: optionalNumber(paid_to_date, 'paid_to_date', null),
  };
}

/**
 * Tiered commission on bookings against a quota. Tier floors are fractions of quota (ascending, the first 0); "marginal" (the default) pays each slice of bookings at its tier's rate, "retro" pays all bookings at the rate of the highest tier reached, so under "retro" rates may not fall from one tier to the next (the payout would drop as bookings grow; use "marginal" for a decelerator). A tier at rate 0 is a gate. The payout is capped at cap, then paid_to_date is subtracted (year-to-date true-up).
 * @customfunction COMMISSION
 * @param bookings Bookings credited: one number, or a range (e.g. the months to date) that is summed.
 * @param quota The quota the tier floors refer to (same period as bookings).
 * @param tiers Two columns: attainment floor as a fraction of quota (0, 100%, 120%, ...) and the rate paid in that tier.
 * @param [method] "marginal" (default) or "retro".
 * @param [cap] Maximum payout.
 * @param [paid_to_date] Commission already paid for these bookings; it is subtracted from the result.
 * @returns The commission payable.
 * @example =SALESOPS.COMMISSION(130000, 100000, {0,0.08;1,0.12;1.2,0.15}) returns 11900
 * @example =SALESOPS.COMMISSION(108000, 90000, {0,0.08;1,0.12;1.2,0.15}) returns 9360
 * @example =SALESOPS.COMMISSION(130000, 100000, {0,0.08;1,0.12;1.2,0.15}, "retro") returns 19500
 * @example =SALESOPS.COMMISSION(130000, 100000, {0,0.08;1,0.12;1.2,0.15}, "retro", 15000) returns 15000
 * @example =SALESOPS.COMMISSION(150000, 100000, {0,0.05;1,0.06;1.25,0.07}) returns 8250
 * @example =SALESOPS.COMMISSION({40000,20000,70000}, 100000, {0,0.08;1,0.12;1.2,0.15}, "marginal", , 9000) returns 2900
 * @example =SALESOPS.COMMISSION(40000, 100000, {0,0;0.5,0.1}, "retro") returns 0
 * @example =SALESOPS.COMMISSION(130000, 100000, {0.1,0.08;1,0.12}) returns #VALUE!
 * @example =SALESOPS.COMMISSION(130000, 100000, {0,0.08;1.2,0.12;1,0.15}) returns #VALUE!
 * @example =SALESOPS.COMMISSION(130000, 0, {0,0.08;1,0.12}) returns #VALUE!
 * @example =SALESOPS.COMMISSION(200000, 100000, {0,0.1;1.5,0.05}) returns 17500
 * @example =SALESOPS.COMMISSION(200000, 100000, {0,0.1;1.5,0.05}, "retro") returns #VALUE!
 * @error #VALUE! when bookings holds text, quota is 0 or negative (tier floors are fractions of quota), the tier table does not have 2 columns, its first floor is not 0, floors do not ascend, a rate is negative or above 100% (12 instead of 12%), a rate falls from one tier to the next under "retro", method is not "marginal" or "retro", or cap is negative
 */
export function commission(
  bookings: any[][],
  quota: any,
  tiers: any[][],
  method?: any,
  cap?: any,
  paid_to_date?: any,
): number {
  return tieredCommission(commissionInput(bookings, quota, tiers, method, cap, paid_to_date));
}

/**
 * The commission calculation line by line, for the rep and the auditor: a title row, then per tier its floor and ceiling in currency, the bookings in the tier, the rate applied and the payout; a cap row (the amount the cap removes) when cap is given; a paid-to-date row when paid_to_date is given; and a total row equal to SALESOPS.COMMISSION with the same arguments.
 * @customfunction COMMISSION.EXPLAIN
 * @param bookings Bookings credited: one number, or a range that is summed.
 * @param quota The quota the tier floors refer to.
 * @param tiers Two columns: attainment floor as a fraction of quota and the rate paid in that tier.
 * @param [method] "marginal" (default) or "retro".
 * @param [cap] Maximum payout.
 * @param [paid_to_date] Commission already paid for these bookings.
 * @returns Columns: line, tier floor, tier ceiling, bookings in tier, rate, payout.
 * @spill rows(tiers)+4 x 6
 * @example =SALESOPS.COMMISSION.EXPLAIN(130000, 100000, {0,0.08;1,0.12;1.2,0.15}) returns {"Line","Tier floor","Tier ceiling","Bookings in tier","Rate","Payout";"Tier 1",0,100000,100000,0.08,8000;"Tier 2",100000,120000,20000,0.12,2400;"Tier 3",120000,"",10000,0.15,1500;"Total","","",130000,"",11900}
 * @example =SALESOPS.COMMISSION.EXPLAIN(130000, 100000, {0,0.08;1,0.12;1.2,0.15}, "retro", 15000, 5000) returns {"Line","Tier floor","Tier ceiling","Bookings in tier","Rate","Payout";"Tier 1",0,100000,100000,0.15,15000;"Tier 2",100000,120000,20000,0.15,3000;"Tier 3",120000,"",10000,0.15,1500;"Cap of 15,000","","","","",-4500;"Paid to date","","","","",-5000;"Total","","",130000,"",10000}
 * @example =SALESOPS.COMMISSION.EXPLAIN(130000, 100000, {0,0.08;1,-0.12}) returns #VALUE!
 * @error #VALUE! when the arguments are refused as in SALESOPS.COMMISSION (a bad tier table, a falling rate under "retro", text in bookings, an unknown method, a negative cap, a quota of 0)
 */
export function commissionExplain(
  bookings: any[][],
  quota: any,
  tiers: any[][],
  method?: any,
  cap?: any,
  paid_to_date?: any,
): any[][] {
  const lines = explainCommission(commissionInput(bookings, quota, tiers, method, cap, paid_to_date));
  const cell = (x: number | null) => (x === null ? '' : x);
  return [
    ['Line', 'Tier floor', 'Tier ceiling', 'Bookings in tier', 'Rate', 'Payout'],
    ...lines.map((l) => [l.label, cell(l.floor), cell(l.ceiling), cell(l.bookings), cell(l.rate), l.payout]),
  ];
}

/**
 * Draw against commission per period (Oracle Incentive Compensation draw and recovery): the draw tops each period's earnings up to the guarantee; a recoverable draw (the default) is repaid from later earnings above the guarantee, never paying less than the guarantee. One row per period: draw, recovery, balance still to recover, payout. Blank periods at the end (not yet closed) spill blank.
 * @customfunction DRAW
 * @param earnings Commission earned per period: a row or column of periods.
 * @param guarantee The guaranteed minimum pay per period.
 * @param [recoverable] TRUE (default): draws are recovered from later earnings; FALSE: draws are never recovered.
 * @returns Columns: draw, recovery, balance, payout; one row per period.
 * @spill len(earnings) x 4
 * @example =SALESOPS.DRAW({500;700;400}, 1000) returns {500,0,500,1000;300,0,800,1000;600,0,1400,1000}
 * @example =SALESOPS.DRAW({500,700,400,1800,1900}, 1000) returns {500,0,500,1000;300,0,800,1000;600,0,1400,1000;0,800,600,1000;0,600,0,1300}
 * @example =SALESOPS.DRAW({500;700;1800}, 1000, FALSE) returns {500,0,0,1000;300,0,0,1000;0,0,0,1800}
 * @example =SALESOPS.DRAW({500;700}, -1000) returns #VALUE!
 * @error #VALUE! when earnings is empty, a block, holds text or no numbers, or has a blank period before a later period with earnings; or when guarantee is negative or recoverable is not TRUE/FALSE
 */
export function draw(earnings: any[][], guarantee: any, recoverable?: any): any[][] {
  const periods = drawSchedule(
    numberVector(earnings, 'earnings'),
    requiredNumber(guarantee, 'guarantee'),
    optionalBoolean(recoverable, 'recoverable', true),
  );
  return periods.map((p) => (p === null ? ['', '', '', ''] : [p.draw, p.recovery, p.balance, p.payout]));
}

/** Overlay percents above this are almost surely whole-number percentages (150 for 150%). */
const MAX_OVERLAY = 10;

/**
 * Bookings credited to one rep through a split table (Salesforce opportunity splits): the sum of deal amount times the rep's split percent. A deal's revenue splits must total 100% (#VALUE! naming the deal otherwise); overlay splits (specialists, managers) may total anything. A deal with no revenue split rows is not split and credits its revenue to nobody (a CRM deal list where only some deals are split works as is); its overlays still credit. Without split_types every split is a revenue split. Ids and names match ignoring case.
 * @customfunction CREDIT
 * @param deal_ids Deal ids, one row per deal.
 * @param amounts Deal amounts, aligned with deal_ids.
 * @param split_deal_ids The deal of each split row.
 * @param split_reps The rep of each split row.
 * @param split_percents Each split's share of the deal (60% or 0.6).
 * @param rep The rep whose credited bookings to return.
 * @param [split_types] "Revenue" or "Overlay" per split row; blank means revenue.
 * @returns The rep's credited bookings.
 * @example =SALESOPS.CREDIT({"D1";"D2"}, {10000;5000}, {"D1";"D1";"D2";"D1"}, {"Ann";"Bo";"Ann";"Cy"}, {0.6;0.4;1;1}, "Ann", {"Revenue";"Revenue";"Revenue";"Overlay"}) returns 11000
 * @example =SALESOPS.CREDIT({"D1";"D2"}, {10000;5000}, {"D1";"D1";"D2";"D1"}, {"Ann";"Bo";"Ann";"Cy"}, {0.6;0.4;1;1}, "cy", {"Revenue";"Revenue";"Revenue";"Overlay"}) returns 10000
 * @example =SALESOPS.CREDIT({"D1";"D2";"D3"}, {10000;5000;7000}, {"D1";"D1"}, {"Ann";"Bo"}, {0.6;0.4}, "Ann") returns 6000
 * @example =SALESOPS.CREDIT({"D1"}, {10000}, {"D1";"D1"}, {"Ann";"Bo"}, {"60%";"30%"}, "Ann") returns #VALUE!
 * @example =SALESOPS.CREDIT({"D1"}, {10000}, {"D9"}, {"Ann"}, {1}, "Ann") returns #N/A
 * @error #VALUE! when a deal's revenue splits do not total 100%, a deal id appears twice, a split row lacks its deal, rep or percent, a percent is negative or above 100% (1000% for an overlay), a split type is not Revenue or Overlay, or aligned ranges differ in size
 * @error #N/A when a split names a deal that is not in deal_ids (the message names the split row)
 */
export function credit(
  deal_ids: any[][],
  amounts: any[][],
  split_deal_ids: any[][],
  split_reps: any[][],
  split_percents: any[][],
  rep: any,
  split_types?: any[][],
): number {
  const ids = textVector(deal_ids, 'deal_ids');
  const dealAmounts = numberVector(amounts, 'amounts');
  sameLength('deal_ids', ids, 'amounts', dealAmounts);
  const splitDeals = textVector(split_deal_ids, 'split_deal_ids');
  const reps = textVector(split_reps, 'split_reps');
  // Percent cells as typed (cleaned below), so "150%" is told the allowed range rather than "enter 1.5%".
  const percents = vector(split_percents, 'split_percents');
  const types = isOmitted(split_types) ? null : textVector(split_types, 'split_types');
  sameLength('split_deal_ids', splitDeals, 'split_reps', reps);
  sameLength('split_deal_ids', splitDeals, 'split_percents', percents);
  if (types) sameLength('split_deal_ids', splitDeals, 'split_types', types);
  const splits: Split[] = [];
  for (let i = 0; i < splitDeals.length; i++) {
    const dealId = splitDeals[i];
    const who = reps[i];
    const p = isBlank(percents[i]) ? null : percents[i];
    if (dealId === null && who === null && p === null) continue; // blank row
    const row = i + 1;
    if (dealId === null) throw valueError(`split_deal_ids row ${row} is blank; enter the deal of this split`);
    if (who === null) throw valueError(`split_reps row ${row} is blank; enter the rep of this split`);
    if (p === null) throw valueError(`split_percents row ${row} is blank; enter the split percent`);
    const typeText = (types?.[i] ?? 'revenue').toLowerCase();
    if (typeText !== 'revenue' && typeText !== 'overlay')
      throw valueError(`split_types row ${row} is "${types?.[i]}"; enter "Revenue" or "Overlay"`);
    const type = typeText as Split['type'];
    splits.push({
      dealId,
      rep: who,
      percent: toFraction(p, `split_percents row ${row}`, type === 'revenue' ? 1 : MAX_OVERLAY),
      type,
      row,
    });
  }
  return creditedBookings(
    ids.map((id, i) => ({ id, amount: dealAmounts[i] })),
    splits,
    requiredText(rep, 'rep'),
  );
}

/**
 * On-target earnings: OTE = base + target incentive, the pay mix (base share / incentive share of OTE, e.g. "60/40") and the target commission rate (target incentive / quota).
 * @customfunction OTE
 * @param base Base salary for the period.
 * @param target_incentive Variable pay at 100% of quota for the same period.
 * @param quota Quota for the same period.
 * @returns One row: OTE, pay mix, target commission rate.
 * @spill 1 x 3
 * @example =SALESOPS.OTE(60000, 40000, 800000) returns {100000,"60/40",0.05}
 * @example =SALESOPS.OTE(75000, 75000, 1000000) returns {150000,"50/50",0.075}
 * @example =SALESOPS.OTE(60000, 40000, 0) returns #VALUE!
 * @example =SALESOPS.OTE(-60000, 40000, 800000) returns #VALUE!
 * @error #VALUE! when base or target_incentive is negative or text, quota is 0 or negative, or base and target_incentive are both 0 (the pay mix is a share of OTE)
 */
export function ote(base: any, target_incentive: any, quota: any): any[][] {
  const r = onTargetEarnings(
    requiredNumber(base, 'base'),
    requiredNumber(target_incentive, 'target_incentive'),
    requiredNumber(quota, 'quota'),
  );
  return [[r.ote, r.payMix, r.targetRate]];
}
