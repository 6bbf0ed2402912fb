/**
 * Performance analysis that closes the planning loop: account whitespace (cross-sell grid), rep quadrants
 * (level x trend), sales-cycle length and the quota achievement rate.
 */
import { sameLength } from './shapes';
import { div0Error, valueError, type SalesOpsError } from './errors';

/**
 * Key under which account and product names are compared: case-insensitive and blind to spaces, so that CRM
 * spellings such as "GTXPro" and "GTX Pro" (the Maven CRM sample has both) name the same product.
 */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '');
}

/** Largest whitespace grid (accounts x (products + 1) cells) built in one call; beyond it the call is a #VALUE!. */
export const MAX_WHITESPACE_CELLS = 5_000_000;

export interface WhitespaceInput {
  accounts: (string | null)[];
  products: (string | null)[];
  soldAccounts: (string | null)[];
  soldProducts: (string | null)[];
  /** The value of selling each product (e.g. its list price), aligned with products; 1 when omitted. */
  productValues?: (number | null)[] | null;
}

/**
 * The account x product whitespace grid: 0 where the account has bought the product, the product's value (or 1)
 * where it has not, plus a last column with the row's total: the cross-sell opportunity per account. Names match
 * case- and space-insensitively. Sales with a blank account or product, or naming an account or product outside
 * the grid, are ignored (the grid may be one territory or one product line). A blank account gives a null row.
 * Example: accounts A, B; products X (value 100), Y (value 50); A bought X: A -> 0, 50, total 50; B -> 100, 50, 150.
 * A grid above {@link MAX_WHITESPACE_CELLS} cells is refused with #VALUE! (whose message Excel shows) before it is built.
 */
export function whitespace(input: WhitespaceInput): (number[] | null)[] {
  const { accounts, products, soldAccounts, soldProducts, productValues } = input;
  if (products.length === 0) throw valueError('products is empty; list the products to look for');
  const cells = accounts.length * (products.length + 1);
  if (cells > MAX_WHITESPACE_CELLS) {
    throw valueError(
      `the grid would be ${accounts.length.toLocaleString('en-US')} accounts x ${(products.length + 1).toLocaleString('en-US')} columns (${products.length.toLocaleString('en-US')} products and the total) = ${cells.toLocaleString('en-US')} cells, above the limit of ${MAX_WHITESPACE_CELLS.toLocaleString('en-US')}; split accounts or products into smaller ranges`,
    );
  }
  sameLength('sold_accounts', soldAccounts, 'sold_products', soldProducts);
  if (productValues && productValues.length !== products.length) {
    throw valueError(
      `product_values has ${productValues.length} items but products has ${products.length}; give one value per product`,
    );
  }
  const column = new Map<string, number>();
  const values = products.map((p, j) => {
    if (p === null) throw valueError(`products item ${j + 1} is blank; name every product`);
    const key = nameKey(p);
    if (column.has(key)) throw valueError(`products item ${j + 1}: '${p}' is listed twice`);
    column.set(key, j);
    if (!productValues) return 1;
    const v = productValues[j];
    if (v === null) throw valueError(`product_values item ${j + 1} is blank; enter the value of '${p}'`);
    if (v < 0) throw valueError(`product_values item ${j + 1} is ${v}; a product's value cannot be negative`);
    return v;
  });
  // Products bought per account key, as column indexes.
  const bought = new Map<string, Set<number>>();
  for (let i = 0; i < soldAccounts.length; i++) {
    const a = soldAccounts[i];
    const p = soldProducts[i];
    if (a === null || p === null) continue;
    const j = column.get(nameKey(p));
    if (j === undefined) continue;
    const key = nameKey(a);
    let set = bought.get(key);
    if (!set) bought.set(key, (set = new Set()));
    set.add(j);
  }
  return accounts.map((a) => {
    if (a === null) return null;
    const set = bought.get(nameKey(a));
    const row = values.map((v, j) => (set?.has(j) ? 0 : v));
    let total = 0;
    for (const v of row) total += v;
    row.push(total);
    return row;
  });
}

/** Median of a non-empty list (the mean of the two middle values for an even count). */
export function median(xs: number[]): number {
  if (xs.length === 0) throw valueError('median of an empty list');
  const s = xs.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export type Quadrant = 'Rising star' | 'Falling star' | 'Improving laggard' | 'Deteriorating laggard';

/**
 * Rep quadrant by level and trend: at or above the threshold and improving (current >= previous) is a
 * "Rising star", at or above and declining a "Falling star"; below, "Improving laggard" or "Deteriorating laggard".
 * An unchanged result counts as improving (not declining). The threshold defaults to the median of `current`.
 * A blank current gives null (no rep on that row); a rep with a current value but no previous one gets a per-row
 * #VALUE! (no trend without both periods).
 * Example: current 120, 80, 60, 110 and previous 100, 90, 50, 130, median threshold 95: Rising star,
 * Deteriorating laggard, Improving laggard, Falling star.
 */
export function quadrants(
  current: (number | null)[],
  previous: (number | null)[],
  threshold?: number | null,
): (Quadrant | SalesOpsError | null)[] {
  sameLength('current', current, 'previous', previous);
  const present = current.filter((x): x is number => x !== null);
  if (present.length === 0) throw valueError('current holds no numbers');
  const level = threshold ?? median(present);
  return current.map((c, i) => {
    if (c === null) return null;
    const p = previous[i];
    if (p === null)
      return valueError(`previous row ${i + 1} is blank for a rep with a current value; a trend needs both periods`);
    const improving = c >= p;
    if (c >= level) return improving ? 'Rising star' : 'Falling star';
    return improving ? 'Improving laggard' : 'Deteriorating laggard';
  });
}

export interface CycleLengthInput {
  startDates: (number | null)[]; // Excel serials
  closeDates: (number | null)[];
  outcomes?: (string | null)[] | null;
  wonLabel?: string;
}

/**
 * Average sales-cycle length in days (close date - start date), over deals with both dates; with outcomes, only
 * deals whose outcome equals the won label (default "Won", case-insensitive). Open deals (blank close) are ignored.
 * Example: deals of 10, 20 and 45 days, the last one lost: won cycle length (10 + 20) / 2 = 15.
 */
export function cycleLength(input: CycleLengthInput): number {
  const { startDates, closeDates, outcomes } = input;
  sameLength('start_dates', startDates, 'close_dates', closeDates);
  if (outcomes) sameLength('outcomes', outcomes, 'start_dates', startDates);
  const won = (input.wonLabel ?? 'Won').trim().toLowerCase();
  let days = 0;
  let n = 0;
  for (let i = 0; i < startDates.length; i++) {
    const s = startDates[i];
    const c = closeDates[i];
    if (s === null || c === null) continue;
    if (outcomes) {
      const o = outcomes[i];
      if (o === null || o.trim().toLowerCase() !== won) continue;
    }
    if (c < s)
      throw valueError(
        `close_dates row ${i + 1} is before start_dates row ${i + 1}; a deal cannot close before it starts`,
      );
    days += c - s;
    n++;
  }
  if (n === 0)
    throw div0Error(
      outcomes
        ? `no deal with outcome "${input.wonLabel ?? 'Won'}" has both a start and a close date`
        : 'no deal has both a start and a close date',
    );
  return days / n;
}

/** Allowance for attainments computed in floating point (0.7 + 0.3 is 0.9999999999999999, which is 100%). */
const ATTAINMENT_TOLERANCE = 1e-9;

/**
 * Quota achievement rate: the share of reps whose attainment is at or above the threshold (default 100%).
 * Blank attainments (no quota this period) are left out.
 * Example: attainments 120%, 95%, 100%, 60%: 2 of 4 at or above 100% = 50%.
 */
export function quotaHitRate(attainments: (number | null)[], threshold = 1): number {
  if (!Number.isFinite(threshold)) throw valueError('threshold is not a finite number');
  let hit = 0;
  let n = 0;
  for (const a of attainments) {
    if (a === null) continue;
    n++;
    if (a >= threshold - ATTAINMENT_TOLERANCE) hit++;
  }
  if (n === 0) throw div0Error('attainments holds no numbers; the rate is reps at quota / reps');
  return hit / n;
}
