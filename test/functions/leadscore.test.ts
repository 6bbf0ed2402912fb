/**
 * SALESOPS.LEADSCORE, LEADGRADE and DECAY through the headless engine: sheet ranges in, spilled results out,
 * per-row errors as error cells, and every argument error with its code and a message naming the argument.
 * Expected values are hand calculations shown beside each case.
 */
import { DetailedCellError } from 'hyperformula';
import { evaluateFormula } from '../../src/hosts/headless/engine';
import { expectErrorCell, sheetValues } from '../support/engine';

describe('SALESOPS.LEADSCORE in a sheet', () => {
  const leads = [
    ['Pricing Visits', 'Email Opens', 'Email Clicks', 'Bad Details', 'Persona Fit', 'Country'],
    [2, 4, 2, false, true, 'US'], // the worked example: 10 + 4 + 6 + 0 + 5 = 25
    [0, 0, 0, false, false, 'DE'], // matches nothing: 0
    [1, 10, 0, true, false, 'us'], // 10 + 10 - 5 = 15, plus 7 for the US = 22
    [null, null, null, null, null, null], // a blank row: blank
    ['=NA()', 3, 0, false, false, 'FR'], // pricing_visits holds #N/A: this row only is an error
  ];
  const rules = [
    ['pricing_visits > 0', 10],
    ['email_opens', 1],
    ['email_clicks', 3],
    ['bad_details', -5],
    ['persona_fit', 5],
    ['country == "US"', 7],
  ];

  it('spills one score per lead row, with per-row errors', () => {
    const out = sheetValues(
      { Leads: leads, Rules: rules, Out: [['=SALESOPS.LEADSCORE(Leads!A1:F1, Leads!A2:F6, Rules!A1:B6)']] },
      'Out',
    );
    // lead 1 also earns +7 for the US: 25 + 7 = 32
    expect(out.slice(0, 4).map((r) => r[0])).toEqual([32, 0, 22, '']);
    const err = out[4][0] as DetailedCellError;
    expect(err).toBeInstanceOf(DetailedCellError);
    expect(err.value).toBe('#VALUE!');
    expect(err.message).toMatch(
      /^leads row 5: rules row 1 \(pricing_visits > 0\): pricing_visits holds an error \(leads row 5 column 1 holds #N\/A/,
    );
  });

  it('caps the total at total_limit and groups at their limits', () => {
    const grouped = [
      ['email_opens', 2, 'Engagement', 12],
      ['email_clicks', 3, 'Engagement'],
      ['pricing_visits > 0', 10],
    ];
    // lead 1: min(12, 8 + 6) + 10 = 22 -> total limit 20; lead 3: min(12, 20) + 10 = 22 -> 20; lead 2: 0
    const out = sheetValues(
      {
        Leads: leads.slice(0, 4),
        Rules: grouped,
        Out: [['=SALESOPS.LEADSCORE(Leads!A1:F1, Leads!A2:F4, Rules!A1:D3, 20)']],
      },
      'Out',
    );
    expect(out.map((r) => r[0])).toEqual([20, 0, 20]);
  });

  it('reads a header starting with a digit as _2023_revenue', () => {
    // "2023 Revenue" 250,000 / 90,000 / 120,000; rule _2023_revenue > 100000: +15; _2023_revenue / 100000: +1 per 100k.
    // lead 1: 15 + 2.5 = 17.5; lead 2: 0 + 0.9 = 0.9; lead 3: 15 + 1.2 = 16.2.
    const data = [['2023 Revenue'], [250_000], [90_000], [120_000]];
    const out = sheetValues(
      {
        Leads: data,
        Rules: [
          ['_2023_revenue > 100000', 15],
          ['_2023_revenue / 100000', 1],
        ],
        Out: [['=SALESOPS.LEADSCORE(Leads!A1, Leads!A2:A4, Rules!A1:B2)']],
      },
      'Out',
    );
    expect(out.map((r) => r[0])).toEqual([17.5, 0.9, 16.2].map((x) => expect.closeTo(x, 9)));
  });

  it.each([
    [
      'a leading-digit field spelled without its _',
      '=SALESOPS.LEADSCORE({"2023 Revenue"}, {1}, {"2023_revenue > 1",1})',
      '#VALUE!',
      /^rules row 1: unknown field _revenue \(fields are: _2023_revenue\); headers match ignoring case, with spaces as _ and a _ before a leading digit/,
    ],
    [
      'rules with five columns',
      '=SALESOPS.LEADSCORE({"a"}, {1}, {"a",1,"g",5,6})',
      '#VALUE!',
      /^rules must have 2 to 4 columns, not 5/,
    ],
    [
      'text points',
      '=SALESOPS.LEADSCORE({"a"}, {1}, {"a","lots"})',
      '#VALUE!',
      /^rules row 1 points holds text "lots"; expected a number/,
    ],
    [
      'text group limit',
      '=SALESOPS.LEADSCORE({"a"}, {1}, {"a",1,"g","x"})',
      '#VALUE!',
      /^rules row 1 group limit holds text "x"/,
    ],
    [
      'text total_limit',
      '=SALESOPS.LEADSCORE({"a"}, {1}, {"a",1}, "high")',
      '#VALUE!',
      /^total_limit holds text "high"/,
    ],
    ['a blank criterion', '=SALESOPS.LEADSCORE({"a"}, {1}, {"",1})', '#VALUE!', /^rules row 1: the criterion is blank/],
    [
      'an unknown field',
      '=SALESOPS.LEADSCORE({"a"}, {1}, {"b > 1",1})',
      '#VALUE!',
      /^rules row 1: unknown field b \(fields are: a\)/,
    ],
    [
      'property access',
      '=SALESOPS.LEADSCORE({"a"}, {1}, {"a.constructor",1})',
      '#VALUE!',
      /^rules row 1: property access/,
    ],
    [
      'createUnit',
      `=SALESOPS.LEADSCORE({"a"}, {1}, {"a",1;"createUnit('x')",1})`,
      '#VALUE!',
      /^rules row 2: the function createUnit is not allowed/,
    ],
    [
      'headers narrower than leads',
      '=SALESOPS.LEADSCORE({"a"}, {1,2}, {"a",1})',
      '#VALUE!',
      /^headers has 1 columns but leads has 2/,
    ],
  ])('%s: %s is %s', (_what, formula, code, message) => {
    expectErrorCell(evaluateFormula(formula), code, message);
  });
});

describe('SALESOPS.LEADGRADE in a sheet', () => {
  it('grades a column of LEADSCORE results, passing a score error through', () => {
    const out = sheetValues(
      {
        S: [
          [85, 40], // A2 (issue 6)
          [10, 70], // C1 (issue 6)
          ['=NA()', 50], // error passes through
          [null, null], // blank
        ],
        Out: [['=SALESOPS.LEADGRADE(S!A1:A4, S!B1:B4, {80,50}, {60,30})']],
      },
      'Out',
    );
    expect(out.slice(0, 2).map((r) => r[0])).toEqual(['A2', 'C1']);
    expect((out[2][0] as DetailedCellError).value).toBe('#N/A');
    expect(out[3][0]).toBe('');
  });

  it.each([
    [
      'text in fit scores gives that row an error',
      '=SALESOPS.LEADGRADE({90;"high"}, {70;70}, {80}, {60})',
      1,
      '#VALUE!',
      /^fit_scores row 2 holds text "high"/,
    ],
    [
      'ascending thresholds',
      '=SALESOPS.LEADGRADE({85}, {40}, {50,80}, {60,30})',
      null,
      '#VALUE!',
      /^fit_thresholds must be descending/,
    ],
    [
      'a blank threshold',
      '=SALESOPS.LEADGRADE({85}, {40}, {80,""}, {60})',
      null,
      '#VALUE!',
      /^fit_thresholds row 2 is blank/,
    ],
    [
      'sizes differ',
      '=SALESOPS.LEADGRADE({85;20}, {40}, {80}, {60})',
      null,
      '#VALUE!',
      /^fit_scores has 2 rows but engagement_scores has 1/,
    ],
  ])('%s', (_what, formula, row, code, message) => {
    const v = evaluateFormula(formula);
    const cell = (row === null ? v : (v as unknown[][])[row][0]) as DetailedCellError;
    expect(cell.value).toBe(code);
    expect(cell.message).toMatch(message);
  });
});

describe('SALESOPS.DECAY', () => {
  it.each([
    // 2026-01-01 to 2026-03-02 is 60 days (31 + 28 + 1): 10 x 0.5^2 = 2.5; 2026-01-31 is 30 days: 20 x 0.5 = 10
    ['=SALESOPS.DECAY({10;20}, {"2026-01-01";"2026-01-31"}, "2026-03-02", 30)', 12.5],
    // blank points rows are skipped: 8 x 0.5^(14/7) = 2
    ['=SALESOPS.DECAY({8;""}, {"2026-01-01";""}, "2026-01-15", 7)', 2],
  ])('%s is %s', (formula, expected) => {
    expect(evaluateFormula(formula) as number).toBeCloseTo(expected, 9);
  });

  it.each([
    [
      'a future event',
      '=SALESOPS.DECAY({10}, {"2026-02-01"}, "2026-01-01", 30)',
      '#VALUE!',
      /^event_dates row 1 is 31 days after as_of/,
    ],
    ['a zero half-life', '=SALESOPS.DECAY({10}, {"2026-01-01"}, "2026-02-01", 0)', '#VALUE!', /^half_life_days is 0/],
    [
      'a text half-life',
      '=SALESOPS.DECAY({10}, {"2026-01-01"}, "2026-02-01", "month")',
      '#VALUE!',
      /^half_life_days holds text "month"/,
    ],
    [
      'a bad as_of',
      '=SALESOPS.DECAY({10}, {"2026-01-01"}, "soon", 30)',
      '#VALUE!',
      /^as_of holds text "soon"; expected a date/,
    ],
    [
      'a bad event date',
      '=SALESOPS.DECAY({10}, {"yesterday"}, "2026-02-01", 30)',
      '#VALUE!',
      /^event_dates row 1 holds text "yesterday"/,
    ],
    [
      'text points',
      '=SALESOPS.DECAY({"ten"}, {"2026-01-01"}, "2026-02-01", 30)',
      '#VALUE!',
      /^points row 1 holds text "ten"/,
    ],
  ])('%s: %s is %s', (_what, formula, code, message) => {
    const v = evaluateFormula(formula) as DetailedCellError;
    expect(v.value).toBe(code);
    expect(v.message).toMatch(message);
  });
});
