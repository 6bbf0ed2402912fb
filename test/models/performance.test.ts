import { cycleLength, median, nameKey, quadrants, quotaHitRate, whitespace } from '../../src/models/performance';
import { SalesOpsError } from '../../src/models/errors';
import { thrown } from '../support/errors';

describe('whitespace', () => {
  it('marks bought products 0 and open ones at their value, with a total per account', () => {
    // A bought X; B bought nothing; values X 100, Y 50:
    // A: 0, 50, total 50; B: 100, 50, total 150
    expect(
      whitespace({
        accounts: ['A', 'B'],
        products: ['X', 'Y'],
        soldAccounts: ['A'],
        soldProducts: ['X'],
        productValues: [100, 50],
      }),
    ).toEqual([
      [0, 50, 50],
      [100, 50, 150],
    ]);
  });

  it('counts 1 per open product without values, matches names ignoring case and spaces, and ignores blanks and outsiders', () => {
    // "gtxpro" is "GTX Pro"; the blank-account sale and the sale of product "Z" (not in the grid) are ignored;
    // the sale to account "C" (not in the grid) is ignored. A: GTX Pro bought -> 0, 1, total 1; B: 1, 1, total 2.
    expect(
      whitespace({
        accounts: ['A', 'B'],
        products: ['GTX Pro', 'MG'],
        soldAccounts: [' a ', null, 'B', 'C'],
        soldProducts: ['gtxpro', 'MG', 'Z', 'MG'],
      }),
    ).toEqual([
      [0, 1, 1],
      [1, 1, 2],
    ]);
  });

  it('gives a blank account a null row and counts a repeated sale once', () => {
    // A bought X twice: still one 0; total 0 + 1 = 1
    expect(
      whitespace({ accounts: ['A', null], products: ['X', 'Y'], soldAccounts: ['A', 'A'], soldProducts: ['X', 'X'] }),
    ).toEqual([[0, 1, 1], null]);
  });

  it.each<[string, Parameters<typeof whitespace>[0], RegExp]>([
    ['no products', { accounts: ['A'], products: [], soldAccounts: [], soldProducts: [] }, /^products is empty/],
    [
      'a blank product',
      { accounts: ['A'], products: ['X', null], soldAccounts: [], soldProducts: [] },
      /^products item 2 is blank/,
    ],
    [
      'a product listed twice',
      { accounts: ['A'], products: ['GTX Pro', 'GTXPro'], soldAccounts: [], soldProducts: [] },
      /^products item 2: 'GTXPro' is listed twice/,
    ],
    [
      'sold columns of different sizes',
      { accounts: ['A'], products: ['X'], soldAccounts: ['A'], soldProducts: [] },
      /^sold_accounts has 1 rows but sold_products has 0/,
    ],
    [
      'values of the wrong size',
      { accounts: ['A'], products: ['X', 'Y'], soldAccounts: [], soldProducts: [], productValues: [1] },
      /^product_values has 1 items but products has 2/,
    ],
    [
      'a blank value',
      { accounts: ['A'], products: ['X'], soldAccounts: [], soldProducts: [], productValues: [null] },
      /^product_values item 1 is blank/,
    ],
    [
      'a negative value',
      { accounts: ['A'], products: ['X'], soldAccounts: [], soldProducts: [], productValues: [-3] },
      /^product_values item 1 is -3/,
    ],
  ])('%s is #VALUE!', (_name, input, message) => {
    const e = thrown(() => whitespace(input));
    expect([e.code, e.message]).toEqual(['VALUE', expect.stringMatching(message)]);
  });

  it('refuses a grid above 5,000,000 cells with #VALUE! (whose message Excel shows) before building it, and builds one just under', () => {
    // 1,000,000 accounts x (4 products + total) = 5,000,000 cells: at the limit, built. With a fifth product:
    // 1,000,000 x 6 = 6,000,000 cells: refused.
    const accounts = Array.from({ length: 1_000_000 }, (_, i) => `A${i}`);
    const four = ['P1', 'P2', 'P3', 'P4'];
    const grid = whitespace({ accounts, products: four, soldAccounts: ['A0'], soldProducts: ['P1'] });
    expect(grid.length).toBe(1_000_000);
    expect(grid[0]).toEqual([0, 1, 1, 1, 3]);
    const e = thrown(() => whitespace({ accounts, products: [...four, 'P5'], soldAccounts: [], soldProducts: [] }));
    expect(e.code).toBe('VALUE');
    expect(e.message).toBe(
      'the grid would be 1,000,000 accounts x 6 columns (5 products and the total) = 6,000,000 cells, above the limit of 5,000,000; split accounts or products into smaller ranges',
    );
  });

  it('refuses a 1,000,000 x 1,000,000 grid at once (no hang)', () => {
    const big = Array.from({ length: 1_000_000 }, (_, i) => `X${i}`);
    // refused before the grid is built (jest's own timeout catches a hang; speed belongs in npm run bench)
    expect(thrown(() => whitespace({ accounts: big, products: big, soldAccounts: [], soldProducts: [] })).code).toBe(
      'VALUE',
    );
  });

  it('keys names without case or spaces', () => {
    expect(nameKey(' GTX  Pro ')).toBe(nameKey('gtxpro'));
  });
});

describe('quadrants', () => {
  it('classifies against the median by default', () => {
    // current 120, 80, 60, 110 -> sorted 60, 80, 110, 120 -> median (80 + 110) / 2 = 95
    // 120 >= 95 and up from 100: Rising star; 80 < 95 and down from 90: Deteriorating laggard;
    // 60 < 95 and up from 50: Improving laggard; 110 >= 95 and down from 130: Falling star
    expect(quadrants([120, 80, 60, 110], [100, 90, 50, 130])).toEqual([
      'Rising star',
      'Deteriorating laggard',
      'Improving laggard',
      'Falling star',
    ]);
  });

  it('uses a given threshold, counts the threshold itself as at-or-above and an unchanged result as improving', () => {
    // threshold 100%: 1.0 (= threshold, unchanged) is a Rising star; 0.9 unchanged is an Improving laggard
    expect(quadrants([1, 0.9], [1, 0.9], 1)).toEqual(['Rising star', 'Improving laggard']);
  });

  it('leaves blank reps blank and flags a missing previous value in its row only', () => {
    const q = quadrants([5, null, 7], [4, 3, null]);
    // median of 5 and 7 is 6: 5 < 6 and up from 4: Improving laggard
    expect(q[0]).toBe('Improving laggard');
    expect(q[1]).toBeNull();
    expect(q[2]).toBeInstanceOf(SalesOpsError);
    expect([(q[2] as SalesOpsError).code, (q[2] as SalesOpsError).message]).toEqual([
      'VALUE',
      expect.stringMatching(/^previous row 3 is blank/),
    ]);
  });

  it.each<[string, (number | null)[], (number | null)[], RegExp]>([
    ['different sizes', [1, 2], [1], /^current has 2 rows but previous has 1/],
    ['no current values', [null], [1], /^current holds no numbers/],
  ])('%s is #VALUE!', (_name, c, p, message) => {
    const e = thrown(() => quadrants(c, p));
    expect([e.code, e.message]).toEqual(['VALUE', expect.stringMatching(message)]);
  });

  it.each([
    [[3], 3],
    [[5, 1, 3], 3], // sorted 1, 3, 5
    [[4, 1, 3, 2], 2.5], // sorted 1, 2, 3, 4: (2 + 3) / 2
  ])('median of %j is %d', (xs, m) => {
    expect(median(xs)).toBe(m);
  });
});

describe('cycleLength', () => {
  it('averages won deals with both dates', () => {
    // 10 and 20 days won, 45 lost, one open: (10 + 20) / 2 = 15
    expect(
      cycleLength({
        startDates: [100, 100, 100, 200],
        closeDates: [110, 120, 145, null],
        outcomes: ['Won', ' WON ', 'Lost', 'Engaging'],
      }),
    ).toBe(15);
  });

  it('averages every closed deal without outcomes, and takes another won label', () => {
    // 30 and 10 days: 20; with label "Closed Won" only the second (10 days) counts
    expect(cycleLength({ startDates: [1, 50], closeDates: [31, 60] })).toBe(20);
    expect(
      cycleLength({
        startDates: [1, 50],
        closeDates: [31, 60],
        outcomes: ['Won', 'closed won'],
        wonLabel: 'Closed Won',
      }),
    ).toBe(10);
  });

  it('ignores a deal without a start date', () => {
    // only the 4-day deal has both dates
    expect(cycleLength({ startDates: [null, 10], closeDates: [20, 14] })).toBe(4);
  });

  it.each<[string, Parameters<typeof cycleLength>[0], string, RegExp]>([
    [
      'close before start',
      { startDates: [10, 20], closeDates: [15, 19] },
      'VALUE',
      /^close_dates row 2 is before start_dates row 2/,
    ],
    ['sizes differ', { startDates: [1], closeDates: [2, 3] }, 'VALUE', /^start_dates has 1 rows but close_dates has 2/],
    [
      'outcomes size differs',
      { startDates: [1], closeDates: [2], outcomes: [] },
      'VALUE',
      /^outcomes has 0 rows but start_dates has 1/,
    ],
    [
      'no won deals',
      { startDates: [1], closeDates: [2], outcomes: ['Lost'] },
      'DIV0',
      /^no deal with outcome "Won" has both a start and a close date/,
    ],
    ['no closed deals', { startDates: [1], closeDates: [null] }, 'DIV0', /^no deal has both a start and a close date/],
  ])('%s', (_name, input, code, message) => {
    const e = thrown(() => cycleLength(input));
    expect([e.code, e.message]).toEqual([code, expect.stringMatching(message)]);
  });
});

describe('quotaHitRate', () => {
  it.each<[(number | null)[], number | undefined, number]>([
    [[1.2, 0.95, 1, 0.6], undefined, 0.5], // 1.2 and 1.0 of 4
    [[1.2, 0.95, null, 0.6], 0.9, 2 / 3], // blank left out: 1.2 and 0.95 of 3
    [[0.7 + 0.3 - 1e-15], undefined, 1], // 0.9999999999999989 is 100% up to rounding
    [[0.999], undefined, 0], // 99.9% is short
    [[0, 0], 0, 1], // a 0 threshold: everyone
  ])('%j at %s is %d', (xs, threshold, rate) => {
    expect(quotaHitRate(xs, threshold)).toBeCloseTo(rate, 12);
  });

  it.each<[string, (number | null)[], number, string, RegExp]>([
    ['no attainments', [null], 1, 'DIV0', /^attainments holds no numbers/],
    ['a non-finite threshold', [1], NaN, 'VALUE', /^threshold is not a finite number/],
  ])('%s', (_name, xs, threshold, code, message) => {
    const e = thrown(() => quotaHitRate(xs, threshold));
    expect([e.code, e.message]).toEqual([code, expect.stringMatching(message)]);
  });
});
