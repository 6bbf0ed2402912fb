/** DRAW, CREDIT and OTE models: drawSchedule, creditedBookings, onTargetEarnings. */
import fc from 'fast-check';
import { creditedBookings, drawSchedule, onTargetEarnings, type Split } from '../../src/models/commission';
import { thrown } from '../support/errors';

describe('drawSchedule', () => {
  it("pays the issue's example: guarantee 1,000, earnings 500, 700, 400", () => {
    // draws 1,000-500 = 500, 1,000-700 = 300, 1,000-400 = 600; balance 500, 800, 1,400; every period pays 1,000
    expect(drawSchedule([500, 700, 400], 1_000)).toEqual([
      { draw: 500, recovery: 0, balance: 500, payout: 1_000 },
      { draw: 300, recovery: 0, balance: 800, payout: 1_000 },
      { draw: 600, recovery: 0, balance: 1_400, payout: 1_000 },
    ]);
  });

  it('recovers from later earnings above the guarantee, never paying less than the guarantee', () => {
    // Periods 4-6 earn 1,800, 1,900, 1,500 after the 1,400 balance:
    // p4 recovers min(1,400, 1,800-1,000) = 800, balance 600, pays 1,800-800 = 1,000
    // p5 recovers min(600, 1,900-1,000) = 600, balance 0, pays 1,900-600 = 1,300
    // p6 has nothing to recover: pays 1,500
    expect(drawSchedule([500, 700, 400, 1_800, 1_900, 1_500], 1_000).slice(3)).toEqual([
      { draw: 0, recovery: 800, balance: 600, payout: 1_000 },
      { draw: 0, recovery: 600, balance: 0, payout: 1_300 },
      { draw: 0, recovery: 0, balance: 0, payout: 1_500 },
    ]);
  });

  it('never recovers a non-recoverable draw', () => {
    // draws 500, 300 are paid and forgotten; 1,800 is paid in full
    expect(drawSchedule([500, 700, 1_800], 1_000, false)).toEqual([
      { draw: 500, recovery: 0, balance: 0, payout: 1_000 },
      { draw: 300, recovery: 0, balance: 0, payout: 1_000 },
      { draw: 0, recovery: 0, balance: 0, payout: 1_800 },
    ]);
  });

  it('tops up a chargeback period to the guarantee', () => {
    // earnings -200 (a reversal): draw 1,200, payout 1,000, balance 1,200
    expect(drawSchedule([-200], 1_000)).toEqual([{ draw: 1_200, recovery: 0, balance: 1_200, payout: 1_000 }]);
  });

  it('leaves trailing blank periods (not yet closed) blank', () => {
    expect(drawSchedule([500, null, null], 1_000)).toEqual([
      { draw: 500, recovery: 0, balance: 500, payout: 1_000 },
      null,
      null,
    ]);
  });

  it.each<[string, (number | null)[], number, RegExp]>([
    ['negative guarantee', [500], -1, /^guarantee is -1/],
    ['no periods', [], 1_000, /^earnings is empty/],
    ['only blanks', [null, null], 1_000, /^earnings holds no numbers/],
    [
      'a blank before a closed period',
      [500, null, 700],
      1_000,
      /^earnings row 2 is blank but a later period has earnings/,
    ],
  ])('%s is #VALUE!', (_name, earnings, guarantee, message) => {
    const e = thrown(() => drawSchedule(earnings, guarantee));
    expect([e.code, e.message]).toEqual(['VALUE', expect.stringMatching(message)]);
  });

  it('property: each period pays at least the guarantee, the balance is draws minus recoveries, and total pay is earnings plus the balance still owed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -500, max: 5_000 }), { minLength: 1, maxLength: 24 }),
        fc.integer({ min: 0, max: 3_000 }),
        (earnings, guarantee) => {
          const s = drawSchedule(earnings, guarantee) as {
            draw: number;
            recovery: number;
            balance: number;
            payout: number;
          }[];
          let draws = 0;
          let recoveries = 0;
          s.forEach((p) => {
            draws += p.draw;
            recoveries += p.recovery;
            expect(p.payout).toBeGreaterThanOrEqual(guarantee);
            expect(p.balance).toBe(draws - recoveries);
            expect(p.balance).toBeGreaterThanOrEqual(0);
          });
          const paid = s.reduce((x, p) => x + p.payout, 0);
          const earned = earnings.reduce((x, e) => x + e, 0);
          expect(paid).toBe(earned + s[s.length - 1].balance);
        },
      ),
    );
  });
});

describe('creditedBookings', () => {
  // D1 10,000: Ann 60% and Bo 40% revenue, Cy 100% overlay; D2 5,000: Ann 100% revenue.
  const deals = [
    { id: 'D1', amount: 10_000 },
    { id: 'D2', amount: 5_000 },
  ];
  const split = (dealId: string, rep: string, percent: number, type: Split['type'] = 'revenue', row = 1): Split => ({
    dealId,
    rep,
    percent,
    type,
    row,
  });
  const splits = [
    split('D1', 'Ann', 0.6),
    split('D1', 'Bo', 0.4),
    split('D1', 'Cy', 1, 'overlay'),
    split('D2', 'Ann', 1),
  ];

  it.each([
    ['Ann', 11_000], // 10,000 x 60% + 5,000 x 100% = 6,000 + 5,000
    ['Bo', 4_000], // 10,000 x 40%
    ['Cy', 10_000], // overlay 10,000 x 100%, on top of the revenue splits
    ['  ann ', 11_000], // names match ignoring case and surrounding spaces
    ['Dee', 0], // no splits, no credit
  ])('credits %s with %d', (rep, expected) => {
    expect(creditedBookings(deals, splits, rep)).toBeCloseTo(expected, 9);
  });

  it('accepts a three-way 33.33/33.33/33.34 revenue split', () => {
    // 9,000 x 33.34% = 3,000.60
    const s = [split('D1', 'A', 0.3333), split('D1', 'B', 0.3333), split('D1', 'C', 0.3334)];
    expect(creditedBookings([{ id: 'D1', amount: 9_000 }], s, 'C')).toBeCloseTo(3_000.6, 9);
  });

  it('lets overlays total more than 100%', () => {
    // two overlays at 100% each on a 1,000 deal: each gets 1,000
    const s = [split('D1', 'A', 1), split('D1', 'SE', 1, 'overlay'), split('D1', 'Mgr', 1, 'overlay')];
    expect(creditedBookings([{ id: 'D1', amount: 1_000 }], s, 'Mgr')).toBeCloseTo(1_000, 9);
  });

  it('credits nobody for a deal with no split rows, so a CRM list of mostly unsplit deals works', () => {
    // D1 10,000 split Ann 60% / Bo 40%; D2 5,000 and D3 7,000 have no split rows: Ann 6,000, Bo 4,000, nobody else.
    const list = [
      { id: 'D1', amount: 10_000 },
      { id: 'D2', amount: 5_000 },
      { id: 'D3', amount: 7_000 },
    ];
    const s = [split('D1', 'Ann', 0.6), split('D1', 'Bo', 0.4)];
    expect(creditedBookings(list, s, 'Ann')).toBeCloseTo(6_000, 9);
    expect(creditedBookings(list, s, 'Bo')).toBeCloseTo(4_000, 9);
    expect(creditedBookings(list, [], 'Ann')).toBe(0);
  });

  it('credits the overlay of a deal that has only overlay splits (its revenue is not split: nobody gets it)', () => {
    // D1 1,000 with only a 50% overlay to the SE: SE 500; no revenue rows, so no 100% check and no revenue credit.
    const s = [split('D1', 'SE', 0.5, 'overlay')];
    expect(creditedBookings([{ id: 'D1', amount: 1_000 }], s, 'SE')).toBeCloseTo(500, 9);
    expect(creditedBookings([{ id: 'D1', amount: 1_000 }], s, 'Ann')).toBe(0);
  });

  it('needs no splits for a deal without an amount', () => {
    expect(
      creditedBookings(
        [
          { id: 'D1', amount: 1_000 },
          { id: 'D2', amount: null },
        ],
        [split('D1', 'A', 1)],
        'A',
      ),
    ).toBe(1_000);
  });

  it.each<[string, { id: string | null; amount: number | null }[], Split[], string, RegExp]>([
    [
      'revenue splits under 100%',
      [{ id: 'D1', amount: 1 }],
      [split('D1', 'A', 0.6), split('D1', 'B', 0.3)],
      'VALUE',
      /^deal 'D1': revenue splits total 90%, not 100%/,
    ],
    [
      'revenue splits over 100%',
      [{ id: 'D1', amount: 1 }],
      [split('D1', 'A', 0.6), split('D1', 'B', 0.6)],
      'VALUE',
      /^deal 'D1': revenue splits total 120%/,
    ],
    // a revenue split row of 0% is a split (of nothing): the deal's revenue rows still must total 100%
    [
      'a lone 0% revenue split',
      [{ id: 'D1', amount: 1 }],
      [split('D1', 'A', 0)],
      'VALUE',
      /^deal 'D1': revenue splits total 0%, not 100%/,
    ],
    [
      'an unsplit deal beside a bad split',
      [
        { id: 'D1', amount: 1 },
        { id: 'D2', amount: 1 },
      ],
      [split('D2', 'A', 0.5)],
      'VALUE',
      /^deal 'D2': revenue splits total 50%/,
    ],
    [
      'an unknown deal',
      [{ id: 'D1', amount: 1 }],
      [split('D1', 'A', 1), split('D9', 'A', 1, 'revenue', 2)],
      'NA',
      /^split_deal_ids row 2: unknown deal 'D9'/,
    ],
    [
      'a deal listed twice',
      [
        { id: 'D1', amount: 1 },
        { id: 'd1', amount: 2 },
      ],
      [],
      'VALUE',
      /^deal_ids row 2: deal 'd1' appears twice/,
    ],
    [
      'an amount without a deal id',
      [{ id: null, amount: 5 }],
      [],
      'VALUE',
      /^deal_ids row 1 is blank but amounts row 1 is 5/,
    ],
    [
      'a negative split',
      [{ id: 'D1', amount: 1 }],
      [split('D1', 'A', -0.5, 'overlay', 3)],
      'VALUE',
      /^split_percents row 3 is -0.5/,
    ],
  ])('%s', (_name, d, s, code, message) => {
    const e = thrown(() => creditedBookings(d, s, 'A'));
    expect([e.code, e.message]).toEqual([code, expect.stringMatching(message)]);
  });
});

describe('onTargetEarnings', () => {
  it.each([
    // 60,000 + 40,000 = 100,000; 60/40; 40,000 / 800,000 = 5%
    [60_000, 40_000, 800_000, 100_000, '60/40', 0.05],
    // 75,000 + 75,000 = 150,000; 50/50; 75,000 / 1,000,000 = 7.5%
    [75_000, 75_000, 1_000_000, 150_000, '50/50', 0.075],
    // 100,000 + 60,000 = 160,000; 62.5/37.5; 60,000 / 600,000 = 10%
    [100_000, 60_000, 600_000, 160_000, '62.5/37.5', 0.1],
    // all variable: 0/100
    [0, 50_000, 500_000, 50_000, '0/100', 0.1],
  ])('base %d, incentive %d, quota %d', (base, ti, quota, ote, mix, rate) => {
    const r = onTargetEarnings(base, ti, quota);
    expect(r.ote).toBeCloseTo(ote, 9);
    expect(r.payMix).toBe(mix);
    expect(r.targetRate).toBeCloseTo(rate, 12);
  });

  it.each<[string, number, number, number, string, RegExp]>([
    ['negative base', -1, 1, 1, 'VALUE', /^base is -1/],
    ['negative incentive', 1, -1, 1, 'VALUE', /^target_incentive is -1/],
    ['zero quota', 1, 1, 0, 'VALUE', /^quota is 0/],
    ['negative quota', 1, 1, -1, 'VALUE', /^quota is -1/],
    ['zero OTE', 0, 0, 1, 'VALUE', /base and target_incentive are both 0/],
  ])('%s', (_name, base, ti, quota, code, message) => {
    const e = thrown(() => onTargetEarnings(base, ti, quota));
    expect([e.code, e.message]).toEqual([code, expect.stringMatching(message)]);
  });
});
