/* Custom-function declarations for performance analysis: clean arguments, call src/models/performance. */
import { cycleLength, quadrants, quotaHitRate, whitespace } from '../models/performance';
import { dateVector, isOmitted, numberVector, optionalNumber, optionalText, textVector } from './clean';

/**
 * Account whitespace: the account x product grid with 0 where the account already bought the product and the product's value (or 1) where it has not, plus a last column with each account's total cross-sell opportunity. Names match ignoring case and spaces ("GTXPro" is "GTX Pro"); sales with a blank account, or outside the listed accounts and products, are ignored.
 * @customfunction WHITESPACE
 * @param accounts The accounts, one per output row.
 * @param products The products, one per output column.
 * @param sold_accounts The account of each sale (e.g. each won deal).
 * @param sold_products The product of each sale, aligned with sold_accounts.
 * @param [product_values] The value of each product (e.g. list price), aligned with products; 1 when omitted.
 * @returns One row per account: a column per product, then the total.
 * @spill len(accounts) x len(products)+1
 * @example =SALESOPS.WHITESPACE({"Acme";"Beta"}, {"GTX Pro","MG Special"}, {"Acme";"Beta";""}, {"GTXPro";"GTX Pro";"MG Special"}) returns {0,1,1;0,1,1}
 * @example =SALESOPS.WHITESPACE({"Acme";"Beta"}, {"GTX Pro","MG Special"}, {"acme"}, {"MG Special"}, {4821,55}) returns {4821,0,4821;4821,55,4876}
 * @example =SALESOPS.WHITESPACE({"Acme"}, {"GTX Pro","MG Special"}, {"Acme"}, {"MG Special"}, {4821}) returns #VALUE!
 * @error #VALUE! when products is empty, holds a blank or a product twice, product_values differs from products in size or holds a blank or negative value, sold_accounts and sold_products differ in size, or the grid would exceed 5,000,000 cells (accounts x (products + 1))
 */
export function whitespaceFn(
  accounts: any[][],
  products: any[][],
  sold_accounts: any[][],
  sold_products: any[][],
  product_values?: any[][],
): any[][] {
  const productList = textVector(products, 'products');
  const rows = whitespace({
    accounts: textVector(accounts, 'accounts'),
    products: productList,
    soldAccounts: textVector(sold_accounts, 'sold_accounts'),
    soldProducts: textVector(sold_products, 'sold_products'),
    productValues: isOmitted(product_values) ? null : numberVector(product_values, 'product_values'),
  });
  return rows.map((r) => r ?? new Array(productList.length + 1).fill(''));
}

/**
 * Rep quadrant by level and trend: "Rising star" (current at or above the threshold and not below previous), "Falling star" (at or above, declining), "Improving laggard" (below, not declining), "Deteriorating laggard" (below, declining). The threshold defaults to the median of current. A blank current spills blank; a rep without a previous value gets #VALUE! in its row.
 * @customfunction QUADRANT
 * @param current Each rep's result this period (attainment, bookings, ...).
 * @param previous The same measure last period, aligned with current.
 * @param [threshold] The level that separates stars from laggards; the median of current when omitted.
 * @returns One quadrant name per rep.
 * @spill len(current) x 1
 * @example =SALESOPS.QUADRANT({120;80;60;110}, {100;90;50;130}) returns {"Rising star";"Deteriorating laggard";"Improving laggard";"Falling star"}
 * @example =SALESOPS.QUADRANT({1.2;0.8}, {1.3;0.5}, 1) returns {"Falling star";"Improving laggard"}
 * @example =SALESOPS.QUADRANT({120;80}, {100}) returns #VALUE!
 * @error #VALUE! when current and previous differ in size, current holds no numbers, a value is text, or (in its row only) a rep has a current value but no previous one
 */
export function quadrant(current: any[][], previous: any[][], threshold?: any): any[][] {
  const q = quadrants(
    numberVector(current, 'current'),
    numberVector(previous, 'previous'),
    optionalNumber(threshold, 'threshold', null),
  );
  return q.map((x) => [x ?? '']);
}

/**
 * Average sales-cycle length in days, from start (e.g. engage date) to close, over deals with both dates; with outcomes, only deals whose outcome is the won label (default "Won", ignoring case). Open deals without a close date are ignored.
 * @customfunction CYCLELENGTH
 * @param start_dates Each deal's start date (date or ISO text).
 * @param close_dates Each deal's close date, aligned; blank for open deals.
 * @param [outcomes] Each deal's outcome or stage (e.g. Won, Lost), aligned.
 * @param [won_label] The outcome that counts as won; "Won" when omitted.
 * @returns Average days from start to close.
 * @example =SALESOPS.CYCLELENGTH({"2017-01-01";"2017-01-01";"2017-01-01";"2017-02-01"}, {"2017-01-11";"2017-01-21";"2017-02-15";""}, {"Won";"won";"Lost";"Engaging"}) returns 15
 * @example =SALESOPS.CYCLELENGTH({"2017-01-01";"2017-03-01"}, {"2017-01-31";"2017-03-11"}) returns 20
 * @example =SALESOPS.CYCLELENGTH({"2017-01-01"}, {"2017-01-31"}, {"Lost"}) returns #DIV/0!
 * @example =SALESOPS.CYCLELENGTH({"2017-02-01"}, {"2017-01-31"}) returns #VALUE!
 * @error #VALUE! when ranges differ in size, a date is not a date, or a deal closes before it starts
 * @error #DIV/0! when no deal (no won deal, with outcomes) has both a start and a close date
 */
export function cycleLengthFn(start_dates: any[][], close_dates: any[][], outcomes?: any[][], won_label?: any): number {
  return cycleLength({
    startDates: dateVector(start_dates, 'start_dates'),
    closeDates: dateVector(close_dates, 'close_dates'),
    outcomes: isOmitted(outcomes) ? null : textVector(outcomes, 'outcomes'),
    wonLabel: optionalText(won_label, 'won_label', 'Won'),
  });
}

/**
 * Quota achievement rate: the share of reps whose attainment is at or above the threshold (default 100%). Blank attainments are left out.
 * @customfunction QUOTAHIT
 * @param attainments Each rep's attainment (bookings / quota), e.g. 105% or 1.05.
 * @param [threshold] The attainment that counts as hitting quota; 100% when omitted.
 * @returns The share of reps at or above the threshold.
 * @example =SALESOPS.QUOTAHIT({1.2;0.95;1;0.6}) returns 0.5
 * @example =SALESOPS.QUOTAHIT({"120%";"95%";"";"60%"}, 0.9) returns 0.6667
 * @example =SALESOPS.QUOTAHIT({"";""}) returns #DIV/0!
 * @example =SALESOPS.QUOTAHIT({1.2;"high"}) returns #VALUE!
 * @error #VALUE! when an attainment or the threshold is text
 * @error #DIV/0! when attainments holds no numbers
 */
export function quotaHit(attainments: any[][], threshold?: any): number {
  return quotaHitRate(numberVector(attainments, 'attainments'), optionalNumber(threshold, 'threshold', 1));
}
