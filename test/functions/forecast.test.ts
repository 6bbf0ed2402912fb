/**
 * The forecast declarations in the headless engine: ranges from sheets (blank rows, numbers as text, percentages),
 * spilled shapes, Monte Carlo determinism in the engine, and every error path with its code and message.
 */
import { DetailedCellError } from 'hyperformula';
import { evaluateFormula } from '../../src/hosts/headless/engine';
import { expectErrorCell, run } from '../support/engine';

describe('SALESOPS.FORECAST', () => {
  it('reads amounts as numbers or text, skips blank rows, and spills four lines without a quota (fifth row blank)', () => {
    // Closed 1,000 + 250 = 1,250; Commit 500; Best Case 300; Pipeline 2,000; Lost 700 nowhere.
    // Commit 500 + 1,250 = 1,750; Best Case 300 + 500 + 1,250 = 2,050; Open Pipeline 2,000 + 300 + 500 = 2,800.
    const data = [
      [1000, 'Closed Won'],
      ['$500', 'Commit'],
      [null, null],
      ['300', 'upside'],
      [2000, 'Pipeline'],
      [700, 'Lost'],
      [250, 'won'],
    ];
    expect(run(data, '=SALESOPS.FORECAST(Data!A1:A7, Data!B1:B7)')).toEqual([
      ['Closed', 1250],
      ['Commit', 1750],
      ['Best Case', 2050],
      ['Open Pipeline', 2800],
    ]); // the declared fifth row (gap to quota) stays empty without a quota
  });
});

describe('SALESOPS.COVERAGE, VELOCITY, FORECAST.CYCLE, FORECAST.ACCURACY', () => {
  it.each([
    // 4.8M / (2M - 0.4M) = 3
    ['=SALESOPS.COVERAGE(4800000, 2000000, 400000)', 3],
    // cells hold text numbers: "4,800,000" / ("2,000,000" - 0) = 2.4
    ['=SALESOPS.COVERAGE("4,800,000", "2,000,000")', 2.4],
    // 40 x 25,000 x 0.25 / 90 = 2,777.777...
    ['=SALESOPS.VELOCITY(40, 25000, "25%", 90)', 250000 / 90],
    // 10,000 x 60/120 + 4,000 x 1 + 2,000 x 30/120 = 9,500
    ['=SALESOPS.FORECAST.CYCLE({10000;4000;2000}, {60;150;30}, 120)', 9500],
    // per-deal cycles: 1,000 x 30/60 + 1,000 x 30/90 = 833.33
    ['=SALESOPS.FORECAST.CYCLE({1000;1000}, {30;30}, {60;90})', 500 + 1000 / 3],
    ['=SALESOPS.FORECAST.ACCURACY({100;200}, {110;180})', 0.1],
    ['=SALESOPS.FORECAST.ACCURACY({100;200}, {110;180}, "bias")', 5],
    ['=SALESOPS.FORECAST.ACCURACY({100;300}, {110;240}, "WMAPE")', 0.175],
  ])('%s = %d', (formula, expected) => {
    expect(evaluateFormula(formula) as number).toBeCloseTo(expected, 9);
  });
});

describe('SALESOPS.FORECAST.MONTECARLO', () => {
  it('spills percentile and total rows, default P10/P50/P90 (issue example: 1,000 at 30%)', () => {
    expect(evaluateFormula('=SALESOPS.FORECAST.MONTECARLO({1000}, {0.3})')).toEqual([
      [0.1, 0],
      [0.5, 0],
      [0.9, 1000],
    ]);
  });

  it('takes percentiles as "P90", "25%" or 0.75 in a row, and probabilities as percentages', () => {
    // Certain 1,000 (100%) plus nothing else: every percentile is 1,000.
    expect(evaluateFormula('=SALESOPS.FORECAST.MONTECARLO({1000;500}, {"100%";"0%"}, {"P90","25%",0.75})')).toEqual([
      [0.9, 1000],
      [0.25, 1000],
      [0.75, 1000],
    ]);
  });

  it('is the same in two engines for the same seed and trials (deterministic), and differs for another seed', () => {
    const data = Array.from({ length: 200 }, (_, i) => [500 + ((i * 71) % 900), ((i * 29) % 100) / 100]);
    const a = run(data, '=SALESOPS.FORECAST.MONTECARLO(Data!A1:A200, Data!B1:B200, {0.1;0.5;0.9}, 2000, 42)');
    const b = run(data, '=SALESOPS.FORECAST.MONTECARLO(Data!A1:A200, Data!B1:B200, {0.1;0.5;0.9}, 2000, 42)');
    const c = run(data, '=SALESOPS.FORECAST.MONTECARLO(Data!A1:A200, Data!B1:B200, {0.1;0.5;0.9}, 2000, 43)');
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

describe('errors name the argument and the problem', () => {
  it.each([
    [
      '=SALESOPS.FORECAST({100;200}, {"Closed";"Maybe"})',
      '#N/A',
      "categories row 2: unknown forecast category 'Maybe'",
    ],
    ['=SALESOPS.FORECAST({100;"lots"}, {"Closed";"Commit"})', '#VALUE!', 'amounts row 2 holds text "lots"'],
    ['=SALESOPS.FORECAST({100}, {"Closed"}, "big")', '#VALUE!', 'quota holds text "big"'],
    // #VALUE!, whose message Excel shows (issue 16)
    ['=SALESOPS.COVERAGE(4800000, 2000000, 2100000)', '#VALUE!', 'quota is already met'],
    // quota 0, nothing closed: 0 - 0 = 0 remains, so the quota is met, never a division by zero
    ['=SALESOPS.COVERAGE(4800000, 0)', '#VALUE!', 'the quota is already met (closed 0 >= quota 0)'],
    ['=SALESOPS.COVERAGE(4800000, 0, 0)', '#VALUE!', 'the quota is already met'],
    ['=SALESOPS.COVERAGE({1,2}, 10)', '#VALUE!', 'open_pipeline must be a single value'],
    ['=SALESOPS.VELOCITY(40, 25000, 25, 90)', '#VALUE!', 'win_rate is 25'],
    ['=SALESOPS.VELOCITY(40, 25000, 0.25, 0)', '#VALUE!', 'cycle_days is 0'],
    ['=SALESOPS.VELOCITY(40, "", 0.25, 90)', '#VALUE!', 'avg_deal is blank'],
    ['=SALESOPS.FORECAST.CYCLE({10000}, {-5}, 120)', '#VALUE!', 'ages_days row 1 is -5'],
    ['=SALESOPS.FORECAST.CYCLE({10000;5}, {5;5}, {120;0})', '#VALUE!', 'typical_cycle_days row 2 is 0'],
    ['=SALESOPS.FORECAST.MONTECARLO({1000}, {30})', '#VALUE!', 'probabilities row 1 is 30'],
    ['=SALESOPS.FORECAST.MONTECARLO({1000}, {0.3}, , 0)', '#VALUE!', 'trials is 0'],
    ['=SALESOPS.FORECAST.MONTECARLO({1000}, {0.3}, , , -2)', '#VALUE!', 'seed is -2'],
    [
      '=SALESOPS.FORECAST.MONTECARLO({1000}, {0.3}, {"P150"})',
      '#VALUE!',
      'percentiles item 1 is P150, above P100; enter a percentile from P0 to P100',
    ],
    [
      '=SALESOPS.FORECAST.MONTECARLO({1000}, {0.3}, {"150%"})',
      '#VALUE!',
      'percentiles item 1 is 150%, above 100%; enter a percentage from 0% to 100%',
    ],
    [
      '=SALESOPS.FORECAST.MONTECARLO({1000}, {"130%"})',
      '#VALUE!',
      'probabilities row 1 is 130%, above 100%; enter a percentage from 0% to 100%',
    ],
    [
      '=SALESOPS.VELOCITY(40, 25000, "2500%", 90)',
      '#VALUE!',
      'win_rate is 2500%, above 100%; enter a percentage from 0% to 100%',
    ],
    ['=SALESOPS.FORECAST.MONTECARLO({1000}, {0.3}, {"median"})', '#VALUE!', 'percentiles item 1 holds text "median"'],
    ['=SALESOPS.FORECAST.ACCURACY({0;200}, {10;180})', '#DIV/0!', 'actuals row 1 is 0'],
    ['=SALESOPS.FORECAST.ACCURACY({100;200}, {110;180}, "RMSE")', '#VALUE!', "measure is 'RMSE'"],
    ['=SALESOPS.FORECAST.ACCURACY({100;200}, {110})', '#VALUE!', 'actuals has 2 rows but forecasts has 1'],
  ])('%s is %s', (formula, code, message) => {
    expectErrorCell(evaluateFormula(formula), code, message);
  });

  it('passes an error cell in a range through with its code, naming the row', () => {
    const v = run([[100], ['=1/0']], '=SALESOPS.FORECAST.ACCURACY(Data!A1:A2, {90;90})') as DetailedCellError;
    expect(v.value).toBe('#DIV/0!');
    expect(v.message).toContain('actuals row 2 holds #DIV/0!');
  });
});
