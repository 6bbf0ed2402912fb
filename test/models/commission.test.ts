import fc from 'fast-check';
import {
  checkRetroTiers,
  checkTiers,
  explainCommission,
  tieredCommission,
  type CommissionInput,
  type Tier,
} from '../../src/models/commission';
import { thrown } from '../support/errors';

/** A tier table from [floor, rate] pairs, rows numbered from 1. */
const tiers = (...rows: [number, number][]): Tier[] => rows.map(([floor, rate], i) => ({ floor, rate, row: i + 1 }));

// The issue's plan: quota 100,000; 8% up to 100%, 12% from 100% to 120%, 15% above 120%.
const ISSUE = tiers([0, 0.08], [1, 0.12], [1.2, 0.15]);
// A published tier example: 5% up to 100k, 6% from 100k to 125k, 7% above (quota 100k).
const PUBLISHED = tiers([0, 0.05], [1, 0.06], [1.25, 0.07]);

describe('tieredCommission: worked examples', () => {
  it.each<[string, Partial<CommissionInput> & { bookings: number }, number]>([
    // 100,000 x 8% + 20,000 x 12% + 10,000 x 15% = 8,000 + 2,400 + 1,500 = 11,900 (the issue's marginal figure)
    ['issue, marginal', { bookings: 130_000 }, 11_900],
    // 130,000 reaches the 120% tier: 130,000 x 15% = 19,500 (the issue's retro figure)
    ['issue, retro', { bookings: 130_000, method: 'retro' }, 19_500],
    // 19,500 capped at 15,000 (the issue's capped figure)
    ['issue, retro capped', { bookings: 130_000, method: 'retro', cap: 15_000 }, 15_000],
    // 11,900 is under a 15,000 cap: the cap does not bind
    ['issue, marginal under the cap', { bookings: 130_000, cap: 15_000 }, 11_900],
    // below quota both methods pay 8%: 90,000 x 8% = 7,200
    ['below quota, marginal', { bookings: 90_000 }, 7_200],
    ['below quota, retro', { bookings: 90_000, method: 'retro' }, 7_200],
    // exactly at quota: marginal 100,000 x 8% = 8,000; retro reaches the 100% tier (floor inclusive): 100,000 x 12% = 12,000
    ['at quota, marginal', { bookings: 100_000 }, 8_000],
    ['at quota, retro', { bookings: 100_000, method: 'retro' }, 12_000],
    // 110,000: marginal 8,000 + 10,000 x 12% = 9,200; retro 110,000 x 12% = 13,200
    ['accelerator, marginal', { bookings: 110_000 }, 9_200],
    ['accelerator, retro', { bookings: 110_000, method: 'retro' }, 13_200],
    // nothing booked pays nothing
    ['zero bookings', { bookings: 0 }, 0],
    // a net reversal claws back at the first tier's rate: -10,000 x 8% = -800
    ['negative bookings (clawback)', { bookings: -10_000 }, -800],
    // year-to-date true-up: YTD 130,000 earns 11,900; 4,800 was paid on 60,000 in Q1 (60,000 x 8%): 11,900 - 4,800 = 7,100
    ['YTD true-up', { bookings: 130_000, paidToDate: 4_800 }, 7_100],
    // overpaid: YTD 50,000 earns 4,000 but 4,800 was paid: -800 to recover
    ['YTD true-up, overpaid', { bookings: 50_000, paidToDate: 4_800 }, -800],
    // cap then true-up: retro 19,500 -> capped 15,000 -> minus 9,000 paid = 6,000
    ['cap then true-up', { bookings: 130_000, method: 'retro', cap: 15_000, paidToDate: 9_000 }, 6_000],
    // a 0 cap pays nothing
    ['zero cap', { bookings: 130_000, cap: 0 }, 0],
  ])('%s', (_name, args, expected) => {
    expect(tieredCommission({ quota: 100_000, tiers: ISSUE, ...args })).toBeCloseTo(expected, 9);
  });

  it('pays the published example: 150,000 on 5% to 100k, 6% to 125k, 7% above is 8,250', () => {
    // 100,000 x 5% + 25,000 x 6% + 25,000 x 7% = 5,000 + 1,500 + 1,750 = 8,250
    expect(tieredCommission({ bookings: 150_000, quota: 100_000, tiers: PUBLISHED })).toBeCloseTo(8_250, 9);
    // retro on the same plan: 150,000 x 7% = 10,500
    expect(tieredCommission({ bookings: 150_000, quota: 100_000, tiers: PUBLISHED, method: 'retro' })).toBeCloseTo(
      10_500,
      9,
    );
  });

  describe('gates (a tier at rate 0)', () => {
    // Nothing below 50% of quota, 10% above.
    const GATE = tiers([0, 0], [0.5, 0.1]);
    it.each<[number, 'marginal' | 'retro', number]>([
      [40_000, 'marginal', 0], // under the gate
      [40_000, 'retro', 0],
      [49_999, 'retro', 0], // one short of the gate
      [80_000, 'marginal', 3_000], // (80,000 - 50,000) x 10% = 3,000: the gated slice is never paid
      [80_000, 'retro', 8_000], // 80,000 x 10% = 8,000: once through the gate, all bookings pay
      [50_000, 'retro', 5_000], // the gate's floor is inclusive: 50,000 x 10%
    ])('bookings %d, %s pays %d', (bookings, method, expected) => {
      expect(tieredCommission({ bookings, quota: 100_000, tiers: GATE, method })).toBeCloseTo(expected, 9);
    });
  });

  it('applies a decelerator (a lower rate above a floor) under marginal, and refuses it under retro', () => {
    // 10% to 150% of quota, 5% above. Bookings 200,000:
    // marginal 150,000 x 10% + 50,000 x 5% = 15,000 + 2,500 = 17,500.
    // retro would pay 200,000 x 5% = 10,000, less than the 149,999 x 10% = 14,999.90 one booking earlier: refused.
    const DECEL = tiers([0, 0.1], [1.5, 0.05]);
    expect(tieredCommission({ bookings: 200_000, quota: 100_000, tiers: DECEL })).toBeCloseTo(17_500, 9);
    const e = thrown(() => tieredCommission({ bookings: 200_000, quota: 100_000, tiers: DECEL, method: 'retro' }));
    expect([e.code, e.message]).toEqual([
      'VALUE',
      expect.stringMatching(/^tiers row 2: rate 5% is below the 10% of tiers row 1; under "retro"/),
    ]);
    expect(e.message).toContain('pay less for more bookings');
  });

  it('accepts equal rates on consecutive tiers under retro (a flat step is still monotone)', () => {
    // 6% to 100%, 6% to 150%, 9% above; 160,000 on a 100,000 quota reaches the 150% tier: 160,000 x 9% = 14,400
    const FLAT_STEP = tiers([0, 0.06], [1, 0.06], [1.5, 0.09]);
    expect(tieredCommission({ bookings: 160_000, quota: 100_000, tiers: FLAT_STEP, method: 'retro' })).toBeCloseTo(
      14_400,
      9,
    );
  });

  it('works with a single flat tier', () => {
    // 7% flat on 42,000 = 2,940 by either method
    expect(tieredCommission({ bookings: 42_000, quota: 50_000, tiers: tiers([0, 0.07]) })).toBeCloseTo(2_940, 9);
    expect(tieredCommission({ bookings: 42_000, quota: 50_000, tiers: tiers([0, 0.07]), method: 'retro' })).toBeCloseTo(
      2_940,
      9,
    );
  });
});

describe('tieredCommission: errors name the argument and the row', () => {
  it.each<[string, Partial<CommissionInput>, string, RegExp]>([
    ['empty tier table', { tiers: [] }, 'VALUE', /^tiers is empty/],
    ['first floor not 0', { tiers: tiers([0.1, 0.08], [1, 0.12]) }, 'VALUE', /tiers row 1: the first floor is 10%/],
    [
      'floors descending',
      { tiers: tiers([0, 0.08], [1.2, 0.12], [1, 0.15]) },
      'VALUE',
      /tiers row 3: floor 100% is not above the floor of tiers row 2 \(120%\)/,
    ],
    [
      'floors repeated',
      { tiers: tiers([0, 0.08], [1, 0.12], [1, 0.15]) },
      'VALUE',
      /tiers row 3: floor 100% is not above/,
    ],
    ['negative floor', { tiers: tiers([0, 0.08], [-1, 0.12]) }, 'VALUE', /tiers row 2: floor -100% is negative/],
    [
      'floor typed as a whole percent',
      { tiers: tiers([0, 0.08], [120, 0.12]) },
      'VALUE',
      /tiers row 2: floor 120 is 12000% of quota; enter 120% or 1.2/,
    ],
    ['negative rate', { tiers: tiers([0, 0.08], [1, -0.12]) }, 'VALUE', /tiers row 2: rate -12% is negative/],
    [
      'rate typed as a whole percent',
      { tiers: tiers([0, 8], [1, 0.12]) },
      'VALUE',
      /tiers row 1: rate 8 is above 100%; enter 8% or 0.08/,
    ],
    // 150 read as a percentage is 1.5, still above 100%: the hint gives the range instead of "enter 150% or 1.5"
    [
      'rate above 100 points',
      { tiers: tiers([0, 150]) },
      'VALUE',
      /tiers row 1: rate 150 is above 100%; enter a value from 0 to 1 \(0% to 100%\)$/,
    ],
    [
      'floor above 1000 points',
      { tiers: tiers([0, 0.08], [1500, 0.1]) },
      'VALUE',
      /tiers row 2: floor 1500 is 150000% of quota; enter a value from 0 to 10 \(0% to 1000%\)$/,
    ],
    [
      'retro with a falling rate',
      { method: 'retro', tiers: tiers([0, 0.08], [1, 0.12], [1.2, 0.1]) },
      'VALUE',
      /^tiers row 3: rate 10% is below the 12% of tiers row 2/,
    ],
    ['rate not a number', { tiers: tiers([0, NaN]) }, 'VALUE', /tiers row 1: rate is not a number/],
    // an invalid argument: #VALUE! with its message (Excel drops a #DIV/0!'s), issue 16
    ['zero quota', { quota: 0 }, 'VALUE', /^quota is 0/],
    ['negative quota', { quota: -5 }, 'VALUE', /^quota is -5/],
    ['negative cap', { cap: -1 }, 'VALUE', /^cap is -1/],
    ['bookings not finite', { bookings: Infinity }, 'VALUE', /^bookings/],
    ['paid_to_date not finite', { paidToDate: NaN }, 'VALUE', /^paid_to_date/],
  ])('%s', (_name, args, code, message) => {
    const e = thrown(() => tieredCommission({ bookings: 130_000, quota: 100_000, tiers: ISSUE, ...args }));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it('accepts a decelerating table (rates need not ascend) for marginal; checkRetroTiers names the falling row', () => {
    expect(() => checkTiers(tiers([0, 0.1], [1, 0.05]))).not.toThrow();
    expect(() => checkRetroTiers(tiers([0, 0.05], [1, 0.1]))).not.toThrow();
    expect(thrown(() => checkRetroTiers(tiers([0, 0.05], [1, 0.1], [2, 0.09]))).message).toMatch(
      /^tiers row 3: rate 9% is below the 10% of tiers row 2/,
    );
  });

  it('remembers a checked table only when it is frozen, so a table edited after its check is checked again', () => {
    const frozen = Object.freeze(tiers([0, 0.08], [1, 0.12]).map((t) => Object.freeze(t)));
    checkTiers(frozen);
    expect(tieredCommission({ bookings: 130_000, quota: 100_000, tiers: frozen })).toBeCloseTo(8_000 + 3_600, 9); // 100,000 x 8% + 30,000 x 12%
    const open = tiers([0, 0.08], [1, 0.12]);
    checkTiers(open);
    open[1].rate = 12; // edited after its check: the next call sees it
    expect(thrown(() => tieredCommission({ bookings: 1, quota: 100_000, tiers: open })).message).toMatch(
      /^tiers row 2: rate 12 is above 100%/,
    );
  });
});

describe('explainCommission', () => {
  it('explains the issue example line by line (marginal)', () => {
    // Tier 1: 0..100,000, 100,000 in tier at 8% = 8,000; tier 2: 100,000..120,000, 20,000 at 12% = 2,400;
    // tier 3: 120,000.., 10,000 at 15% = 1,500; total 11,900 on 130,000.
    const lines = explainCommission({ bookings: 130_000, quota: 100_000, tiers: ISSUE });
    expect(lines.map((l) => l.label)).toEqual(['Tier 1', 'Tier 2', 'Tier 3', 'Total']);
    const rows = lines.map((l) => [l.floor, l.ceiling, l.bookings, l.rate, l.payout]);
    const want = [
      [0, 100_000, 100_000, 0.08, 8_000],
      [100_000, 120_000, 20_000, 0.12, 2_400],
      [120_000, null, 10_000, 0.15, 1_500],
      [null, null, 130_000, null, 11_900],
    ];
    rows.forEach((r, i) =>
      r.forEach((v, j) =>
        want[i][j] === null ? expect(v).toBeNull() : expect(v).toBeCloseTo(want[i][j] as number, 9),
      ),
    );
  });

  it('shows the reached rate on every tier under retro, with cap and paid-to-date rows that add up', () => {
    // retro at 15%: 100,000 x 15% = 15,000; 20,000 x 15% = 3,000; 10,000 x 15% = 1,500 (sum 19,500);
    // cap 15,000 removes 4,500; paid 5,000 removes 5,000; total 15,000 - 5,000 = 10,000.
    const lines = explainCommission({
      bookings: 130_000,
      quota: 100_000,
      tiers: ISSUE,
      method: 'retro',
      cap: 15_000,
      paidToDate: 5_000,
    });
    expect(lines.map((l) => l.label)).toEqual(['Tier 1', 'Tier 2', 'Tier 3', 'Cap of 15,000', 'Paid to date', 'Total']);
    expect(lines.map((l) => l.rate)).toEqual([0.15, 0.15, 0.15, null, null, null]);
    const payouts = [15_000, 3_000, 1_500, -4_500, -5_000, 10_000];
    lines.forEach((l, i) => expect(l.payout).toBeCloseTo(payouts[i], 9));
  });

  it('keeps a cap row with a 0 adjustment when the cap does not bind, so the spill keeps its shape', () => {
    // marginal 11,900 under a 20,000 cap: the cap removes 0
    const lines = explainCommission({ bookings: 130_000, quota: 100_000, tiers: ISSUE, cap: 20_000 });
    expect(lines[3].label).toBe('Cap of 20,000');
    expect(lines[3].payout).toBe(0);
    expect(lines[4].payout).toBeCloseTo(11_900, 9);
  });

  it('shows unreached tiers at their own rate with nothing in them (retro below quota)', () => {
    // 90,000 reaches only tier 1: 90,000 x 8% = 7,200; tiers 2 and 3 hold 0
    const lines = explainCommission({ bookings: 90_000, quota: 100_000, tiers: ISSUE, method: 'retro' });
    expect(lines.map((l) => l.bookings)).toEqual([90_000, 0, 0, 90_000]);
    expect(lines.map((l) => l.rate)).toEqual([0.08, 0.12, 0.15, null]);
    expect(lines[3].payout).toBeCloseTo(7_200, 9);
  });

  it('refuses what tieredCommission refuses', () => {
    const e = thrown(() => explainCommission({ bookings: 1, quota: 100_000, tiers: tiers([0, 0.08], [1, -0.12]) }));
    expect([e.code, e.message]).toEqual(['VALUE', expect.stringMatching(/^tiers row 2: rate/)]);
  });
});

/** Random valid tier tables: floors ascending from 0 (in 0..3 x quota), rates 0..30% (any order, gates included). */
const tierTableArb = (ascendingRates: boolean) =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { maxLength: 5 }),
      fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 6, maxLength: 6 }),
    )
    .map(([steps, rates]) => {
      const floors = [0, ...steps.sort((a, b) => a - b).map((s) => s / 100)];
      const rs = rates.slice(0, floors.length).map((r) => r / 100);
      if (ascendingRates) rs.sort((a, b) => a - b);
      return floors.map((floor, i) => ({ floor, rate: rs[i], row: i + 1 }));
    });

const money = fc.integer({ min: 0, max: 400_000 });
const optionalMoney = fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: null });

describe('properties', () => {
  // Tolerance for comparing sums of floating-point products: 1e-9 of the amounts involved.
  const slack = (x: number) => 1e-9 * Math.max(1, Math.abs(x));

  it('marginal: for any table with non-negative rates (gates and decelerators included), any cap and paid_to_date, payout never decreases as bookings grow', () => {
    fc.assert(
      fc.property(
        tierTableArb(false),
        fc.integer({ min: 1_000, max: 200_000 }),
        money,
        money,
        optionalMoney,
        optionalMoney,
        (t, quota, a, b, cap, paid) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const pay = (bookings: number) => tieredCommission({ bookings, quota, tiers: t, cap, paidToDate: paid });
          expect(pay(lo)).toBeLessThanOrEqual(pay(hi) + slack(pay(hi)));
        },
      ),
    );
  });

  it('retro: for tables whose rates never fall as floors rise, and bookings >= 0, payout never decreases as bookings grow', () => {
    fc.assert(
      fc.property(
        tierTableArb(true),
        fc.integer({ min: 1_000, max: 200_000 }),
        money,
        money,
        optionalMoney,
        optionalMoney,
        (t, quota, a, b, cap, paid) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const pay = (bookings: number) =>
            tieredCommission({ bookings, quota, tiers: t, method: 'retro', cap, paidToDate: paid });
          expect(pay(lo)).toBeLessThanOrEqual(pay(hi) + slack(pay(hi)));
        },
      ),
    );
  });

  it('retro with a decelerator would NOT be monotone (99,999 would pay 9,999.90 and 100,000 only 5,000), so it is refused', () => {
    // 10% below quota, 5% from quota. Marginal on the same table stays monotone: 9,999.90 then 10,000.
    const t = tiers([0, 0.1], [1, 0.05]);
    expect(thrown(() => tieredCommission({ bookings: 99_999, quota: 100_000, tiers: t, method: 'retro' })).code).toBe(
      'VALUE',
    );
    expect(tieredCommission({ bookings: 99_999, quota: 100_000, tiers: t })).toBeCloseTo(9_999.9, 9);
    expect(tieredCommission({ bookings: 100_000, quota: 100_000, tiers: t })).toBeCloseTo(10_000, 9);
  });

  it('retro: any table with a falling rate is refused, naming the first tier row whose rate falls', () => {
    fc.assert(
      fc.property(tierTableArb(false), (t) => {
        const falls = t.findIndex((x, i) => i > 0 && x.rate < t[i - 1].rate);
        if (falls < 0)
          expect(() => tieredCommission({ bookings: 1_000, quota: 1_000, tiers: t, method: 'retro' })).not.toThrow();
        else
          expect(
            thrown(() => tieredCommission({ bookings: 1_000, quota: 1_000, tiers: t, method: 'retro' })).message,
          ).toMatch(new RegExp(`^tiers row ${t[falls].row}: rate`));
      }),
    );
  });

  it("EXPLAIN's total always equals COMMISSION, its payout lines add up to the total and its tier bookings add up to the bookings", () => {
    fc.assert(
      fc.property(
        tierTableArb(false),
        fc.integer({ min: 1_000, max: 200_000 }),
        fc.integer({ min: -50_000, max: 400_000 }),
        fc.constantFrom<'marginal' | 'retro'>('marginal', 'retro'),
        optionalMoney,
        optionalMoney,
        (drawn, quota, bookings, method, cap, paid) => {
          // retro accepts only rates that never fall: give it the same rates in ascending order
          const t =
            method === 'retro'
              ? drawn.map((x, i, all) => ({ ...x, rate: all.map((y) => y.rate).sort((a, b) => a - b)[i] }))
              : drawn;
          const input = { bookings, quota, tiers: t, method, cap, paidToDate: paid };
          const lines = explainCommission(input);
          const total = lines[lines.length - 1];
          expect(total.payout).toBe(tieredCommission(input));
          const parts = lines.slice(0, -1);
          const sum = parts.reduce((s, l) => s + l.payout, 0);
          expect(Math.abs(sum - total.payout)).toBeLessThanOrEqual(slack(Math.abs(bookings)));
          const booked = parts.reduce((s, l) => s + (l.bookings ?? 0), 0);
          expect(Math.abs(booked - bookings)).toBeLessThanOrEqual(slack(bookings));
        },
      ),
    );
  });
});
