/**
 * The commission declarations as a user meets them: argument cleaning (ranges, percent text, title rows, omitted
 * arguments) in the headless engine, and EXPLAIN agreeing with COMMISSION cell for cell.
 */
import fc from 'fast-check';
import { DetailedCellError } from 'hyperformula';
import { commission, commissionExplain, credit, draw, ote } from '../../src/functions/commission';
import { createEngine, evaluateFormula } from '../../src/hosts/headless/engine';
import { sheetValues } from '../support/engine';
import { thrown } from '../support/errors';

const ISSUE_TIERS = '{0,0.08;1,0.12;1.2,0.15}';

describe('SALESOPS.COMMISSION in the engine', () => {
  it.each([
    // the issue's figures with the method spelled in other ways
    [`=SALESOPS.COMMISSION(130000, 100000, ${ISSUE_TIERS}, "Retroactive")`, 19_500],
    [`=SALESOPS.COMMISSION(130000, 100000, ${ISSUE_TIERS}, " MARGINAL ")`, 11_900],
    // omitted method and cap, paid_to_date given: 11,900 - 4,800 = 7,100
    [`=SALESOPS.COMMISSION(130000, 100000, ${ISSUE_TIERS}, , , 4800)`, 7_100],
    // rates and floors as percent text: 8%, 12% at 100%, 15% at 120% (same table)
    ['=SALESOPS.COMMISSION(130000, 100000, {0,"8%";"100%","12%";"120%","15%"})', 11_900],
    // money as text with separators: "$130,000" and "100,000"
    [`=SALESOPS.COMMISSION("$130,000", "100,000", ${ISSUE_TIERS})`, 11_900],
  ])('%s returns %d', (formula, expected) => {
    expect(evaluateFormula(formula)).toBeCloseTo(expected, 9);
  });

  it('sums a range of monthly bookings (blanks are 0) and skips a title row in the tier table', () => {
    // Jan 40,000 + Feb blank + Mar 20,000 + Apr 70,000 = 130,000 year to date: 11,900 marginal
    const values = sheetValues([
      [40_000, null, 20_000, 70_000, '=SALESOPS.COMMISSION(A1:D1, 100000, A3:B6)'],
      [],
      ['Floor', 'Rate'],
      [0, 0.08],
      [1, 0.12],
      [1.2, 0.15],
    ]);
    expect(values[0][4]).toBeCloseTo(11_900, 9);
  });

  it.each<[string, string, RegExp]>([
    [
      `=SALESOPS.COMMISSION(130000, 100000, ${ISSUE_TIERS}, "stepped")`,
      '#VALUE!',
      /^method is "stepped"; enter "marginal"/,
    ],
    [
      `=SALESOPS.COMMISSION({1000,"lots"}, 100000, ${ISSUE_TIERS})`,
      '#VALUE!',
      /^bookings row 1 column 2 holds text "lots"/,
    ],
    [`=SALESOPS.COMMISSION(130000, "big", ${ISSUE_TIERS})`, '#VALUE!', /^quota holds text "big"/],
    ['=SALESOPS.COMMISSION(130000, 100000, {0,0.08,1})', '#VALUE!', /^tiers must have 2 columns, not 3/],
    ['=SALESOPS.COMMISSION(130000, 100000, {0,0.08;1,"high"})', '#VALUE!', /^tiers row 2 rate holds text "high"/],
    [
      '=SALESOPS.COMMISSION(130000, 100000, {0,0.08;1,12})',
      '#VALUE!',
      /^tiers row 2: rate 12 is above 100%; enter 12% or 0.12/,
    ],
    [`=SALESOPS.COMMISSION(130000, 100000, ${ISSUE_TIERS}, , -5)`, '#VALUE!', /^cap is -5/],
    [`=SALESOPS.COMMISSION(130000, 100000, ${ISSUE_TIERS}, , , "some")`, '#VALUE!', /^paid_to_date holds text "some"/],
    [`=SALESOPS.COMMISSION(130000, 0, ${ISSUE_TIERS})`, '#VALUE!', /^quota is 0/],
    [`=SALESOPS.COMMISSION(1/0, 100000, ${ISSUE_TIERS})`, '#DIV/0!', /^bookings holds #DIV\/0!/],
    // typed as a percentage: the message gives the allowed range, not "enter 1.5% or 0.015"
    [
      '=SALESOPS.COMMISSION(130000, 100000, {0,"8%";1,"150%"})',
      '#VALUE!',
      /^tiers row 2: rate 150% is above 100%; enter a rate from 0% to 100%$/,
    ],
    [
      '=SALESOPS.COMMISSION(130000, 100000, {0,"8%";"1200%","10%"})',
      '#VALUE!',
      /^tiers row 2: floor 1200% is above 1000% of quota; enter a floor from 0% to 1000%$/,
    ],
    // retro refuses a rate that falls: 12% to 120%, then 10%
    [
      '=SALESOPS.COMMISSION(130000, 100000, {0,0.08;1,0.12;1.2,0.1}, "retro")',
      '#VALUE!',
      /^tiers row 3: rate 10% is below the 12% of tiers row 2; under "retro"/,
    ],
  ])('%s is %s', (formula, code, message) => {
    const v = evaluateFormula(formula);
    expect(v).toBeInstanceOf(DetailedCellError);
    expect([(v as DetailedCellError).value, (v as DetailedCellError).message]).toEqual([
      code,
      expect.stringMatching(message),
    ]);
  });
});

describe('one tier range shared by many COMMISSION cells (the tier table is read once per distinct table)', () => {
  it('follows edits of the shared tier range and keeps two tier ranges apart', () => {
    // Plan A (A1:B2): 10% to quota, 20% above. Plan B (D1:E2): 5% flat to quota, 5% above.
    // Quota 100,000. Bookings 50,000 / 150,000 / 100,000 on plan A: 5,000; 10,000 + 10,000 = 20,000; 10,000.
    // The same 150,000 on plan B: 7,500.
    const hf = createEngine({
      Sheet1: [
        [0, 0.1, null, 0, 0.05],
        [1, 0.2, null, 1, 0.05],
        ['=SALESOPS.COMMISSION(50000, 100000, $A$1:$B$2)'],
        ['=SALESOPS.COMMISSION(150000, 100000, $A$1:$B$2)'],
        ['=SALESOPS.COMMISSION(150000, 100000, $D$1:$E$2)'],
        ['=SALESOPS.COMMISSION(100000, 100000, $A$1:$B$2)'],
      ],
    });
    const sheet = hf.getSheetId('Sheet1')!;
    const pay = () => [2, 3, 4, 5].map((row) => hf.getCellValue({ sheet, row, col: 0 }));
    try {
      expect(pay()).toEqual([5_000, 20_000, 7_500, 10_000].map((x) => expect.closeTo(x, 9)));
      // edit plan A's top rate to 30%: 150,000 pays 10,000 + 15,000 = 25,000; the others are below quota or on plan B
      hf.setCellContents({ sheet, row: 1, col: 1 }, 0.3);
      expect(pay()).toEqual([5_000, 25_000, 7_500, 10_000].map((x) => expect.closeTo(x, 9)));
      // break plan A (rate 30 instead of 30%): every plan-A cell fails, plan B still pays
      hf.setCellContents({ sheet, row: 1, col: 1 }, 30);
      const broken = pay();
      for (const i of [0, 1, 3])
        expect([(broken[i] as DetailedCellError).value, (broken[i] as DetailedCellError).message]).toEqual([
          '#VALUE!',
          expect.stringMatching(/^tiers row 2: rate 30 is above 100%; enter 30% or 0.3/),
        ]);
      expect(broken[2]).toBeCloseTo(7_500, 9);
      // and back: 20% again
      hf.setCellContents({ sheet, row: 1, col: 1 }, 0.2);
      expect(pay()).toEqual([5_000, 20_000, 7_500, 10_000].map((x) => expect.closeTo(x, 9)));
    } finally {
      hf.destroy();
    }
  });

  it('reads the same cells the same way whichever method uses them: retro refuses a falling rate the marginal cell accepts', () => {
    // 10% to quota, 5% above; 200,000 on 100,000: marginal 10,000 + 5,000 = 15,000; retro refused.
    const tiers = [
      [0, 0.1],
      [1, 0.05],
    ];
    expect(commission([[200_000]], 100_000, tiers)).toBeCloseTo(15_000, 9);
    expect(thrown(() => commission([[200_000]], 100_000, tiers, 'retro')).message).toMatch(
      /^tiers row 2: rate 5% is below the 10% of tiers row 1/,
    );
    expect(commission([[200_000]], 100_000, tiers, 'marginal')).toBeCloseTo(15_000, 9);
  });
});

describe('SALESOPS.COMMISSION.EXPLAIN', () => {
  it('spills beside the bookings and its total row equals COMMISSION in the same sheet', () => {
    // Tier rows: 8,000 + 2,400 + 1,500; cap 15,000 does not bind (adjustment 0); paid 4,800: total 11,900 - 4,800 = 7,100.
    const values = sheetValues([
      ['=SALESOPS.COMMISSION(130000, 100000, A3:B5, "marginal", 15000, 4800)', null, null, null, null, null],
      [],
      [0, 0.08, '=SALESOPS.COMMISSION.EXPLAIN(130000, 100000, A3:B5, "marginal", 15000, 4800)'],
      [1, 0.12],
      [1.2, 0.15],
    ]);
    const spill = values.slice(2, 9).map((r) => r.slice(2, 8));
    expect(spill[0]).toEqual(['Line', 'Tier floor', 'Tier ceiling', 'Bookings in tier', 'Rate', 'Payout']);
    expect(spill.map((r) => r[0])).toEqual([
      'Line',
      'Tier 1',
      'Tier 2',
      'Tier 3',
      'Cap of 15,000',
      'Paid to date',
      'Total',
    ]);
    expect(spill.slice(1).map((r) => r[5])).toEqual(
      [8_000, 2_400, 1_500, 0, -4_800, 7_100].map((x) => expect.closeTo(x, 9)),
    );
    expect(spill[6][5]).toBe(values[0][0]);
  });

  it('property: for random plans, the total row equals COMMISSION evaluated in the engine', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300_000 }),
        fc.integer({ min: 1_000, max: 200_000 }),
        fc.constantFrom('marginal', 'retro'),
        fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: null }),
        (bookings, quota, method, cap) => {
          // a gate and a decelerator under marginal; retro needs rates that never fall, so it gets an accelerator instead
          const plan = method === 'marginal' ? '{0,0;0.5,0.06;1,0.1;1.5,0.04}' : '{0,0;0.5,0.06;1,0.1;1.5,0.14}';
          const args = `${bookings}, ${quota}, ${plan}, "${method}", ${cap ?? ''}`;
          const values = sheetValues([[`=SALESOPS.COMMISSION(${args})`], [`=SALESOPS.COMMISSION.EXPLAIN(${args})`]]);
          const rows = values.slice(1).filter((r) => r[0] === 'Total');
          expect(rows).toHaveLength(1);
          expect(rows[0][5]).toBe(values[0][0]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a bad tier table with the row named', () => {
    const e = thrown(() =>
      commissionExplain([[130_000]], 100_000, [
        [0, 0.08],
        [1.2, 0.12],
        [1, 0.15],
      ]),
    );
    expect([e.code, e.message]).toEqual([
      'VALUE',
      expect.stringMatching(/^tiers row 3: floor 100% is not above the floor of tiers row 2/),
    ]);
  });

  it('agrees with the COMMISSION declaration when called directly', () => {
    const rows = commissionExplain([[150_000]], 100_000, [
      [0, 0.05],
      [1, 0.06],
      [1.25, 0.07],
    ]);
    // published example: 5,000 + 1,500 + 1,750 = 8,250
    expect(rows[rows.length - 1][5]).toBeCloseTo(8_250, 9);
    expect(
      commission([[150_000]], 100_000, [
        [0, 0.05],
        [1, 0.06],
        [1.25, 0.07],
      ]),
    ).toBe(rows[rows.length - 1][5]);
  });
});

describe('SALESOPS.DRAW', () => {
  it('takes periods across a row and recovers later', () => {
    // guarantee 1,000; earnings 500, 700, 400, 1,800: balances 500, 800, 1,400, then 1,800 recovers 800 -> 600, pays 1,000
    const values = sheetValues([[500, 700, 400, 1_800], ['=SALESOPS.DRAW(A1:D1, 1000, TRUE)']]);
    expect(values.slice(1, 5).map((r) => r.slice(0, 4))).toEqual([
      [500, 0, 500, 1_000],
      [300, 0, 800, 1_000],
      [600, 0, 1_400, 1_000],
      [0, 800, 600, 1_000],
    ]);
  });

  it('spills blank rows for periods not yet closed', () => {
    expect(draw([[500], [null], ['']], 1_000)).toEqual([
      [500, 0, 500, 1_000],
      ['', '', '', ''],
      ['', '', '', ''],
    ]);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['a blank guarantee', () => draw([[500]], null), /^guarantee is blank/],
    ['text in earnings', () => draw([[500], ['n/a']], 1_000), /^earnings row 2 holds text "n\/a"/],
    [
      'recoverable as text',
      () => draw([[500]], 1_000, 'maybe'),
      /^recoverable holds text "maybe"; expected TRUE or FALSE/,
    ],
    [
      'a 2-D earnings block',
      () =>
        draw(
          [
            [1, 2],
            [3, 4],
          ],
          1_000,
        ),
      /^earnings must be a single row or column/,
    ],
  ])('%s is #VALUE!', (_name, f, message) => {
    const e = thrown(f);
    expect([e.code, e.message]).toEqual(['VALUE', expect.stringMatching(message)]);
  });
});

describe('SALESOPS.CREDIT', () => {
  it('reads a split table from the sheet with blank rows and mixed-case types', () => {
    // D1 10,000: Ann 60% / Bo 40% revenue + Cy 100% overlay; D2 5,000: Ann 100%. Ann: 6,000 + 5,000 = 11,000
    const values = sheetValues([
      [
        'D1',
        10_000,
        'D1',
        'Ann',
        '60%',
        'revenue',
        '=SALESOPS.CREDIT(A1:A2, B1:B2, C1:C5, D1:D5, E1:E5, "ANN", F1:F5)',
      ],
      ['D2', 5_000, 'D1', 'Bo', '40%', 'REVENUE'],
      [null, null, null, null, null, null],
      [null, null, 'D1', 'Cy', 1, 'Overlay'],
      [null, null, 'D2', 'Ann', 1, null],
    ]);
    expect(values[0][6]).toBeCloseTo(11_000, 9);
  });

  it.each<[string, () => unknown, string, RegExp]>([
    [
      'an unknown split type',
      () => credit([['D1']], [[1]], [['D1']], [['A']], [[1]], 'A', [['Primary']]),
      'VALUE',
      /^split_types row 1 is "Primary"; enter "Revenue" or "Overlay"/,
    ],
    [
      'a revenue split typed as 60',
      () => credit([['D1']], [[1]], [['D1']], [['A']], [[60]], 'A'),
      'VALUE',
      /^split_percents row 1 is 60, above 1; enter 60% or 0.6/,
    ],
    [
      'a revenue split typed as "150%"',
      () => credit([['D1']], [[1]], [['D1']], [['A']], [['150%']], 'A'),
      'VALUE',
      /^split_percents row 1 is 150%, above 100%; enter a percentage from 0% to 100%$/,
    ],
    [
      'an overlay typed as "1500%"',
      () => credit([['D1']], [[1]], [['D1']], [['A']], [['1500%']], 'A', [['overlay']]),
      'VALUE',
      /^split_percents row 1 is 1500%, above 1000%; enter a percentage from 0% to 1000%$/,
    ],
    [
      'an overlay typed as 150',
      () => credit([['D1']], [[1]], [['D1'], ['D1']], [['A'], ['B']], [[1], [150]], 'A', [['revenue'], ['overlay']]),
      'VALUE',
      /^split_percents row 2 is 150, above 10/,
    ],
    [
      'a split without a rep',
      () => credit([['D1']], [[1]], [['D1']], [[null]], [[1]], 'A'),
      'VALUE',
      /^split_reps row 1 is blank/,
    ],
    [
      'a split without a percent',
      () => credit([['D1']], [[1]], [['D1']], [['A']], [[null]], 'A'),
      'VALUE',
      /^split_percents row 1 is blank/,
    ],
    [
      'a split without a deal',
      () => credit([['D1']], [[1]], [[null]], [['A']], [[1]], 'A'),
      'VALUE',
      /^split_deal_ids row 1 is blank/,
    ],
    [
      'ids and amounts of different sizes',
      () => credit([['D1'], ['D2']], [[1]], [['D1']], [['A']], [[1]], 'A'),
      'VALUE',
      /^deal_ids has 2 rows but amounts has 1/,
    ],
    [
      'split columns of different sizes',
      () => credit([['D1']], [[1]], [['D1']], [['A'], ['B']], [[1]], 'A'),
      'VALUE',
      /^split_deal_ids has 1 rows but split_reps has 2/,
    ],
    ['a blank rep', () => credit([['D1']], [[1]], [['D1']], [['A']], [[1]], ''), 'VALUE', /^rep is blank/],
    [
      'revenue splits not totalling 100%',
      () => credit([['D7']], [[1]], [['D7'], ['D7']], [['A'], ['B']], [[0.5], [0.3]], 'A'),
      'VALUE',
      /^deal 'D7': revenue splits total 80%/,
    ],
    [
      'an unknown deal',
      () => credit([['D1']], [[1]], [['D1'], ['X']], [['A'], ['B']], [[1], [1]], 'A'),
      'NA',
      /^split_deal_ids row 2: unknown deal 'X'/,
    ],
  ])('%s', (_name, f, code, message) => {
    const e = thrown(f);
    expect([e.code, e.message]).toEqual([code, expect.stringMatching(message)]);
  });
});

describe('SALESOPS.CREDIT over a deal list where most deals are not split', () => {
  it('credits only the split deals, and reads unrelated unsplit deals without complaint', () => {
    // Deals D1..D5 (1,000 / 2,000 / 3,000 / 4,000 / 5,000); only D2 (Ann 50%, Bo 50%) and D4 (Ann 100% + Cy 25% overlay)
    // have split rows. Ann: 2,000 x 50% + 4,000 x 100% = 5,000; Bo: 1,000; Cy: 4,000 x 25% = 1,000; Dee: 0.
    const deals = [
      ['D1', 1_000],
      ['D2', 2_000],
      ['D3', 3_000],
      ['D4', 4_000],
      ['D5', 5_000],
    ];
    const splits = [
      ['D2', 'Ann', '50%', 'Revenue'],
      ['D2', 'Bo', '50%', 'Revenue'],
      ['D4', 'Ann', 1, null],
      ['D4', 'Cy', 0.25, 'Overlay'],
    ];
    const data: unknown[][] = deals.map((d, i) => [...d, ...(splits[i] ?? [null, null, null, null])]);
    const cell = (rep: string) =>
      `=SALESOPS.CREDIT(Data!A1:A5, Data!B1:B5, Data!C1:C4, Data!D1:D4, Data!E1:E4, "${rep}", Data!F1:F4)`;
    const values = sheetValues({ Data: data, Out: [[cell('Ann')], [cell('Bo')], [cell('Cy')], [cell('Dee')]] }, 'Out');
    expect(values.map((r) => r[0])).toEqual([5_000, 1_000, 1_000, 0].map((x) => expect.closeTo(x, 9)));
  });
});

describe('SALESOPS.OTE', () => {
  it('spills OTE, pay mix and target rate from cells', () => {
    // 60,000 + 40,000 = 100,000; "60/40"; 40,000 / 800,000 = 5%
    const values = sheetValues([[60_000, 40_000, 800_000], ['=SALESOPS.OTE(A1, B1, C1)']]);
    expect(values[1].slice(0, 3)).toEqual([100_000, '60/40', expect.closeTo(0.05, 12)]);
  });

  it('names the argument in errors', () => {
    const e = thrown(() => ote('lots', 1, 1));
    expect([e.code, e.message]).toEqual(['VALUE', expect.stringMatching(/^base holds text "lots"/)]);
  });
});
