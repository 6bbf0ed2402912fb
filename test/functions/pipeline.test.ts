/**
 * The pipeline declarations in the headless engine: ranges from sheets (blank rows, numbers as text, date cells),
 * spilled shapes, and every error path with its code and a message naming the argument.
 */
import { DetailedCellError } from 'hyperformula';
import { evaluateFormula } from '../../src/hosts/headless/engine';
import { evaluateOver, expectErrorCell, run } from '../support/engine';

describe('SALESOPS.WEIGHTEDPIPE with a period', () => {
  // Deals sheet: A amount, B stage, C close date. Stage table Trial 60%, Final call 80%, Won 100%.
  // Period 2026-01-01 .. 2026-03-31 (inclusive at both ends).
  const deals: unknown[][] = [
    [1000, 'Trial', '=DATE(2026,1,1)'], // on period_start: counts, 1,000 x 0.6 = 600
    [500, 'Final call', '=DATE(2026,3,31)'], // on period_end: counts, 500 x 0.8 = 400
    [2000, 'Won', '=DATE(2025,12,31)'], // one day before the period: out
    [4000, 'Trial', '=DATE(2026,4,1)'], // one day after the period: out
    [null, null, null], // blank row: skipped
    ['1,200', 'trial', '2026-02-15'], // text amount "1,200" and ISO text date inside: 1,200 x 0.6 = 720
    [300, 'Won', null], // no close date: outside every period
  ];
  const table = [
    ['Trial', 0.6],
    ['Final call', '80%'],
    ['Won', 1],
  ];
  const sheets = { Deals: deals, Stages: table };

  it('counts deals closing on period_start and on period_end, not one day outside: 600 + 400 + 720 = 1,720', () => {
    const v = evaluateOver(
      sheets,
      '=SALESOPS.WEIGHTEDPIPE(Deals!A1:A7, Deals!B1:B7, Stages!A1:B3, Deals!C1:C7, DATE(2026,1,1), DATE(2026,3,31))',
    );
    expect(v[0][0]).toBeCloseTo(1720, 9);
  });

  it('with only period_end, counts everything up to it: 600 + 400 + 2,000 + 720 = 3,720', () => {
    const v = evaluateOver(
      sheets,
      '=SALESOPS.WEIGHTEDPIPE(Deals!A1:A7, Deals!B1:B7, Stages!A1:B3, Deals!C1:C7, , "2026-03-31")',
    );
    expect(v[0][0]).toBeCloseTo(3720, 9);
  });

  it('moves the window by one day: period 2026-01-02 .. 2026-03-30 leaves only the 1,200 deal: 720', () => {
    const v = evaluateOver(
      sheets,
      '=SALESOPS.WEIGHTEDPIPE(Deals!A1:A7, Deals!B1:B7, Stages!A1:B3, Deals!C1:C7, "2026-01-02", "2026-03-30")',
    );
    expect(v[0][0]).toBeCloseTo(720, 9);
  });

  it('without a period sums every row with an amount: 600 + 400 + 2,000 + 2,400 + 720 + 300 = 6,420', () => {
    const v = evaluateOver(sheets, '=SALESOPS.WEIGHTEDPIPE(Deals!A1:A7, Deals!B1:B7, Stages!A1:B3, Deals!C1:C7)');
    expect(v[0][0]).toBeCloseTo(6420, 9);
  });

  it.each([
    [
      '=SALESOPS.WEIGHTEDPIPE(Deals!A1:A7, Deals!B1:B7, Stages!A1:B3, , DATE(2026,1,1), DATE(2026,3,31))',
      'period_start and period_end are given but close_dates is not',
    ],
    [
      '=SALESOPS.WEIGHTEDPIPE(Deals!A1:A7, Deals!B1:B7, Stages!A1:B3, , "2026-01-01")',
      'period_start is given but close_dates is not',
    ],
    [
      '=SALESOPS.WEIGHTEDPIPE(Deals!A1:A7, Deals!B1:B7, Stages!A1:B3, , , "2026-03-31")',
      'period_end is given but close_dates is not',
    ],
  ])('refuses a period without close dates instead of ignoring it: %s', (formula, message) => {
    expectErrorCell(evaluateOver(sheets, formula)[0][0], '#VALUE!', message);
  });

  it.each([
    [0, '=NA()', '#N/A', 'amounts row 2 holds #N/A'],
    [1, '=1/0', '#DIV/0!', 'stages row 2 holds #DIV/0!'],
    [2, '=NA()', '#N/A', 'close_dates row 2 holds #N/A'],
  ])('passes an error cell in column %d through, naming the argument and row', (col, cell, code, message) => {
    const broken = deals.map((r) => r.slice());
    broken[1][col] = cell;
    const v = evaluateOver(
      { Deals: broken, Stages: table },
      '=SALESOPS.WEIGHTEDPIPE(Deals!A1:A7, Deals!B1:B7, Stages!A1:B3, Deals!C1:C7, "2026-01-01", "2026-03-31")',
    );
    expectErrorCell(v[0][0], code, message);
  });

  it('names the stage_table row holding an error cell', () => {
    const v = evaluateOver(
      {
        Deals: deals,
        Stages: [
          ['Trial', 0.6],
          ['Final call', '=NA()'],
          ['Won', 1],
        ],
      },
      '=SALESOPS.WEIGHTEDPIPE(Deals!A1:A7, Deals!B1:B7, Stages!A1:B3)',
    );
    expectErrorCell(v[0][0], '#N/A', 'stage_table row 2 probability holds #N/A');
  });
});

describe('SALESOPS.WINRATE', () => {
  it('reads a sheet column with blanks and other labels: Closed Won 2, Closed Lost 1, open 1 -> 2/3', () => {
    const data = [['Closed Won'], ['Closed Lost'], [null], ['Negotiation'], ['closed won']];
    expect(run(data, '=SALESOPS.WINRATE(Data!A1:A5, "Closed Won", "Closed Lost")')).toBeCloseTo(2 / 3, 12);
  });
});

describe('SALESOPS.WINRATE.BY', () => {
  it('spills group, win rate, won, lost in first-appearance order, padded with blanks below', () => {
    // Ann: Won, Lost, Won -> 2/3; Bob: Lost, Lost -> 0; Cy: open only -> #DIV/0! in its cell, counts 0 and 0.
    const data = [
      ['Ann', 'Won'],
      ['Bob', 'Lost'],
      ['Cy', 'Engaging'],
      ['Ann', 'Lost'],
      ['bob', 'Lost'],
      ['Ann', 'Won'],
    ];
    const v = run(data, '=SALESOPS.WINRATE.BY(Data!A1:A6, Data!B1:B6)') as unknown[][];
    expect(v.slice(0, 2)).toEqual([
      ['Ann', 2 / 3, 2, 1],
      ['Bob', 0, 0, 2],
    ]);
    expect(v[2][0]).toBe('Cy');
    expect((v[2][1] as DetailedCellError).value).toBe('#DIV/0!');
    expect((v[2][1] as DetailedCellError).message).toContain("group 'Cy'");
    // the rest of the declared 6 x 4 area stays empty (padded with truly empty cells, so the sheet ends at row 3)
    expect(
      v
        .slice(3)
        .flat()
        .every((x) => x === '' || x === null),
    ).toBe(true);
    expect(v.length).toBe(3);
  });
});

describe('SALESOPS.FUNNEL', () => {
  it('reads a stage_order row and furthest stages with blank rows', () => {
    // Prospect x2, Demo x1, Closed x1 -> reached 4, 2, 1; to next 2/4, 1/2; from first 1, 0.5, 0.25.
    const data = [['Prospect', 'Demo', 'Closed'], ['Prospect'], [null], ['demo'], ['Closed'], ['Prospect']];
    const v = run(data, '=SALESOPS.FUNNEL(Data!A2:A6, Data!A1:C1)') as unknown[][];
    expect(v.slice(0, 3)).toEqual([
      ['Prospect', 4, 0.5, 1],
      ['Demo', 2, 0.5, 0.5],
      ['Closed', 1, '', 0.25],
    ]);
  });
});

describe('SALESOPS.STAGEDAYS', () => {
  it('reads date cells and ISO text: 10 and 20 days in Lead, 5 in Qualified', () => {
    // Deal 1: Lead 2026-01-01, Qualified 2026-01-11, Won 2026-01-16 -> Lead 10, Qualified 5.
    // Deal 2: Lead 2026-02-01, Won 2026-02-21 (skipped Qualified) -> Lead 20. Lead average 15.
    const data = [
      ['2026-01-01', '2026-01-11', '=DATE(2026,1,16)'],
      ['=DATE(2026,2,1)', null, '2026-02-21'],
    ];
    const v = run(data, '=SALESOPS.STAGEDAYS(Data!A1:C2, {"Lead","Qualified","Won"})') as unknown[][];
    expect(v).toEqual([
      ['Lead', 15, 2, 2],
      ['Qualified', 5, 1, 1],
      ['Won', '', 0, 2],
    ]);
  });
});

describe('SALESOPS.STAGEPROB', () => {
  it('gives the stage table from history: won x1, lost at Demo x1 and at Lead x2', () => {
    // Lead: 1 / (1 + 3) = 0.25; Demo: 1 / (1 + 1) = 0.5.
    const data = [
      ['Demo', 'Won'],
      ['Demo', 'Lost'],
      ['Lead', 'Lost'],
      ['Lead', 'Lost'],
      ['Lead', 'Open'],
    ];
    expect(run(data, '=SALESOPS.STAGEPROB(Data!A1:A5, Data!B1:B5, {"Lead";"Demo"})')).toEqual([
      ['Lead', 0.25, 1, 4],
      ['Demo', 0.5, 1, 2],
    ]);
  });
});

describe('errors name the argument and the problem', () => {
  it.each([
    ['=SALESOPS.WINRATE({"Engaging";"Prospecting"})', '#DIV/0!', 'outcomes holds no won'],
    ['=SALESOPS.WINRATE({"Won";"Lost"}, "Won", "won")', '#VALUE!', 'won_label and lost_label'],
    ['=SALESOPS.WINRATE({"Won",1;"Lost",2})', '#VALUE!', 'outcomes must be a single row or column'],
    ['=SALESOPS.WINRATE({"Won"}, {"a","b"})', '#VALUE!', 'won_label must be a single value'],
    ['=SALESOPS.WINRATE.BY({"Ann";"Bob"}, {"Won";"Lost";"Won"})', '#VALUE!', 'groups has 2 rows but outcomes has 3'],
    ['=SALESOPS.WINRATE.BY({"Ann"}, {"Won"}, "Won", "WON")', '#VALUE!', 'won_label and lost_label'],
    [
      '=SALESOPS.FUNNEL({"Lead";"Qualifed"}, {"Lead";"Qualified";"Won"})',
      '#N/A',
      "furthest_stages row 2: unknown stage 'Qualifed'",
    ],
    ['=SALESOPS.FUNNEL({"Lead"}, {"Lead";"lead"})', '#VALUE!', 'stage_order item 2'],
    ['=SALESOPS.FUNNEL({"Lead"}, {""})', '#VALUE!', 'stage_order is empty'],
    [
      '=SALESOPS.STAGEDAYS({"2026-01-01","2025-12-01"}, {"Lead","Won"})',
      '#VALUE!',
      "stage_entered_dates row 1: the 'Won' date is before the 'Lead' date",
    ],
    [
      '=SALESOPS.STAGEDAYS({"2026-01-01","soon"}, {"Lead","Won"})',
      '#VALUE!',
      'stage_entered_dates row 1 column 2 holds text "soon"',
    ],
    [
      '=SALESOPS.STAGEDAYS({"2026-01-01","2026-01-05"}, {"Lead","Qualified","Won"})',
      '#VALUE!',
      'has 2 columns but stage_order lists 3',
    ],
    [
      '=SALESOPS.STAGEPROB({"Lead";"Demoo"}, {"Won";"Lost"}, {"Lead";"Demo"})',
      '#N/A',
      "stages row 2: unknown stage 'Demoo'",
    ],
    [
      '=SALESOPS.STAGEPROB({"Lead"}, {"Lost";"Won"}, {"Lead";"Demo"})',
      '#VALUE!',
      'stages has 1 rows but outcomes has 2',
    ],
  ])('%s is %s', (formula, code, message) => {
    expectErrorCell(evaluateFormula(formula), code, message);
  });

  it('passes an error cell in a range through with its code, naming the row', () => {
    const v = run([['Won'], ['=NA()']], '=SALESOPS.WINRATE(Data!A1:A2)') as DetailedCellError;
    expect(v.value).toBe('#N/A');
    expect(v.message).toContain('outcomes row 2 holds #N/A');
  });
});
