/**
 * Lead scoring (HubSpot / Pardot rules: points added or subtracted, group limits, a total limit, 0 for no match),
 * the fit x engagement grade and time decay. Expected values are hand calculations shown beside each case, and on
 * the real X Education leads (../shared/data/leads/Leads.csv) a plain-code scorer written here in the test.
 */
import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import { SalesOpsError } from '../../src/models/errors';
import type { FieldValue } from '../../src/models/expressions';
import { decayedPoints, leadGrades, leadScores, type ScoringRule } from '../../src/models/leadscore';

function rules(...rows: [string, number, string?, number?][]): ScoringRule[] {
  return rows.map(([criterion, points, group, limit], i) => ({
    row: i + 1,
    criterion,
    points,
    group: group ?? null,
    groupLimit: limit ?? null,
  }));
}

describe('leadScores', () => {
  // The worked example: pricing_visits > 0: +10; email_opens: +1; email_clicks: +3; bad_details: -5;
  // persona_fit: +5. Lead: 2 pricing visits, 4 opens, 2 clicks, good details, fits the persona.
  // 10 (visits > 0, once) + 4 x 1 + 2 x 3 + 0 (bad_details FALSE) + 5 = 25.
  const headers = ['Pricing Visits', 'Email Opens', 'Email Clicks', 'Bad Details', 'Persona Fit'];
  const worked = rules(
    ['pricing_visits > 0', 10],
    ['email_opens', 1],
    ['email_clicks', 3],
    ['bad_details', -5],
    ['persona_fit', 5],
  );

  it.each<[string, FieldValue[], number]>([
    ['the worked example', [2, 4, 2, false, true], 25],
    ['bad details, no persona: 10 + 4 + 6 - 5 + 0', [2, 4, 2, true, false], 15],
    ['one visit only: 10', [1, 0, 0, false, false], 10],
    ['a lead matching nothing scores 0, not blank', [0, 0, 0, false, false], 0],
    ['blank fields are null-safe: only persona fit, 5', [null, null, null, null, true], 5],
    ['negative total: bad details only, -5', [0, 0, 0, true, false], -5],
  ])('%s', (_what, lead, score) => {
    expect(leadScores({ headers, leads: [lead], rules: worked })).toEqual([score]);
  });

  it('caps each group at its limit and the total at total_limit', () => {
    const r = rules(
      ['email_opens', 2, 'Engagement', 10], // 2 per open, at most 10
      ['email_clicks', 5, 'engagement'], // same group (names ignore case)
      ['pricing_visits > 0', 20], // ungrouped
      ['bad_details', -15, 'Red flags', 10], // a negative group loses at most 10
    );
    const leads: FieldValue[][] = [
      [0, 3, 0, false, false], // 6 (under the cap) + 0 = 6
      [0, 4, 1, false, false], // 8 + 5 = 13 -> 10
      [1, 1, 0, true, false], // 2 + 20 + max(-10, -15) = 12
      [1, 20, 4, false, false], // min(10, 40 + 20) + 20 = 30 -> total limit 25
    ];
    expect(leadScores({ headers, leads, rules: r })).toEqual([6, 10, 12, 30]);
    expect(leadScores({ headers, leads, rules: r, totalLimit: 25 })).toEqual([6, 10, 12, 25]);
  });

  it('scores blank lead rows blank and keeps the other rows', () => {
    expect(
      leadScores({
        headers,
        leads: [
          [null, null, '', null, null],
          [1, 0, 0, false, false],
        ],
        rules: worked,
      }),
    ).toEqual(['', 10]);
  });

  it('gives a lead whose value does not fit a per-row #VALUE! naming the lead row and the rule, and scores the rest', () => {
    const out = leadScores({
      headers,
      leads: [
        [2, 4, 2, false, true],
        ['lots', 0, 0, false, false],
        [1, 'many', 0, false, false],
      ],
      rules: worked,
    });
    expect(out[0]).toBe(25);
    expect(out[1]).toBeInstanceOf(SalesOpsError);
    expect((out[1] as SalesOpsError).code).toBe('VALUE');
    expect((out[1] as SalesOpsError).message).toBe(
      'leads row 2: rules row 1 (pricing_visits > 0): cannot order text "lots" and 0 with >',
    );
    expect((out[2] as SalesOpsError).message).toBe(
      'leads row 3: rules row 2 (email_opens): gave text "many"; a criterion must give TRUE/FALSE or a number',
    );
  });

  it("passes an error cell through as that lead's error only when a rule reads it", () => {
    const err = new SalesOpsError('NA', 'leads row 1 column 2 holds #N/A');
    const out = leadScores({ headers, leads: [[1, err, 0, false, false]], rules: rules(['pricing_visits > 0', 10]) });
    expect(out).toEqual([10]); // no rule reads email_opens
    const out2 = leadScores({ headers, leads: [[1, err, 0, false, false]], rules: worked });
    expect((out2[0] as SalesOpsError).message).toMatch(
      /^leads row 1: rules row 2 \(email_opens\): email_opens holds an error \(leads row 1 column 2 holds #N\/A\)/,
    );
  });

  it('gives a division by zero as a per-row error', () => {
    const out = leadScores({
      headers,
      leads: [[1, 0, 0, false, false]],
      rules: rules(['pricing_visits / email_opens', 1]),
    });
    expect((out[0] as SalesOpsError).message).toMatch(/leads row 1: rules row 1 .*infinity \(a division by zero\?\)/);
  });

  it.each<[string, () => unknown, RegExp]>([
    [
      'a refused criterion names the rule row',
      () =>
        leadScores({
          headers,
          leads: [[1, 1, 1, false, false]],
          rules: rules(['email_opens > 1', 1], ['email_opens.constructor', 5]),
        }),
      /^rules row 2: property access/,
    ],
    [
      'an unknown field names the rule row',
      () => leadScores({ headers, leads: [], rules: rules(['revenue > 1', 1]) }),
      /^rules row 1: unknown field revenue/,
    ],
    [
      'a syntax error names the rule row',
      () => leadScores({ headers, leads: [], rules: rules(['email_opens >', 1]) }),
      /^rules row 1: cannot read the criterion/,
    ],
    [
      'a negative group limit',
      () => leadScores({ headers, leads: [], rules: rules(['email_opens', 1, 'G', -5]) }),
      /^rules row 1: group limit is -5/,
    ],
    [
      'two limits for one group',
      () => leadScores({ headers, leads: [], rules: rules(['email_opens', 1, 'G', 5], ['email_clicks', 1, 'g', 6]) }),
      /^rules row 2: group "g" has limit 6 here but 5 on rules row 1/,
    ],
    [
      'a limit without a group',
      () => leadScores({ headers, leads: [], rules: rules(['email_opens', 1, '', 5]) }),
      /^rules row 1: a group limit is given but no group/,
    ],
    [
      'headers and leads of different widths',
      () => leadScores({ headers, leads: [[1, 2]], rules: worked }),
      /^headers has 5 columns but leads has 2/,
    ],
    [
      'two headers naming one field',
      () => leadScores({ headers: ['Email Opens', 'email_opens'], leads: [], rules: worked }),
      /^headers column 1 .* and column 2 .* both name the field email_opens/,
    ],
    [
      'a non-finite total limit',
      () => leadScores({ headers, leads: [], rules: worked, totalLimit: Infinity }),
      /^total_limit/,
    ],
  ])('%s is a #VALUE!', (_what, call, message) => {
    expect(call).toThrow(SalesOpsError);
    try {
      call();
    } catch (e) {
      expect((e as SalesOpsError).code).toBe('VALUE');
      expect((e as Error).message).toMatch(message);
    }
  });

  it('compiles the rules up front (a bad rule fails even with no leads) and scores many leads', () => {
    expect(() => leadScores({ headers, leads: [], rules: rules(['nope', 1]) })).toThrow(/unknown field nope/);
    const leads = Array.from({ length: 1000 }, (_, i): FieldValue[] => [i % 2, i % 3, 0, false, false]);
    const out = leadScores({ headers, leads, rules: worked });
    // lead i: 10 if i odd, plus (i mod 3) opens x 1
    expect(out.every((s, i) => s === (i % 2 ? 10 : 0) + (i % 3))).toBe(true);
  });
});

describe('leadScores on the real X Education leads (Leads.csv, 9,240 rows)', () => {
  const file = path.resolve(__dirname, '../../../shared/data/leads/Leads.csv');
  const parsed = Papa.parse<string[]>(fs.readFileSync(file, 'utf8'), { skipEmptyLines: true });
  const [headerRow, ...body] = parsed.data;
  // Cells as Excel would hold them: numbers as numbers, empty cells blank.
  const leads: FieldValue[][] = body.map((r) =>
    r.map((c) => (c === '' ? null : /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)),
  );
  const col = (name: string) => headerRow.indexOf(name);

  const scoringRules = rules(
    ['totalvisits >= 5', 10],
    ['total_time_spent_on_website / 100', 1, 'Engagement', 15],
    ['last_activity == "Email Opened"', 3, 'Engagement'],
    ['lead_source == "Google"', 5], // the data has both "Google" and "google": equality ignores case
    ['do_not_email == "Yes"', -20],
    ['contains(tags, "will revert")', 15],
    ['oneOf(what_is_your_current_occupation, "Working Professional", "Businessman")', 8, 'Fit', 10],
    ['city == "Select" or isBlank(city)', -4, 'Fit'],
  );

  /** The same rules in plain code, written independently of the evaluator. */
  function plainScore(r: string[]): number {
    const s = (name: string) => r[col(name)] ?? '';
    const n = (name: string) => (s(name) === '' ? 0 : Number(s(name)));
    let engagement = n('Total Time Spent on Website') / 100 + (s('Last Activity') === 'Email Opened' ? 3 : 0);
    engagement = Math.min(15, Math.max(-15, engagement));
    const occupation = s('What is your current occupation');
    let fit =
      (occupation === 'Working Professional' || occupation === 'Businessman' ? 8 : 0) +
      (s('City') === 'Select' || s('City') === '' ? -4 : 0);
    fit = Math.min(10, Math.max(-10, fit));
    let score = engagement + fit;
    if (n('TotalVisits') >= 5) score += 10;
    if (s('Lead Source').toLowerCase() === 'google') score += 5;
    if (s('Do Not Email') === 'Yes') score -= 20;
    if (s('Tags').toLowerCase().includes('will revert')) score += 15;
    return Math.min(40, score);
  }

  it('reads 9,240 leads with 37 named columns', () => {
    expect(body.length).toBe(9240);
    expect(headerRow.filter((h) => h !== '').length).toBe(37);
  });

  it('scores every lead as the plain-code scorer does', () => {
    const scores = leadScores({ headers: headerRow, leads, rules: scoringRules, totalLimit: 40 });
    expect(scores.length).toBe(9240);
    let mismatches = 0;
    for (let i = 0; i < body.length; i++) {
      const want = plainScore(body[i]);
      if (typeof scores[i] !== 'number' || Math.abs((scores[i] as number) - want) > 1e-9) mismatches++;
    }
    expect(mismatches).toBe(0);
    // The rules separate the outcome: converted leads (Converted = 1) score higher on average.
    const mean = (flag: string) => {
      const xs = body.map((r, i) => [r[col('Converted')], scores[i] as number] as const).filter(([c]) => c === flag);
      return xs.reduce((a, [, s]) => a + s, 0) / xs.length;
    };
    expect(mean('1')).toBeGreaterThan(mean('0'));
  });
});

describe('leadGrades', () => {
  // Issue 6: fit thresholds {80, 50}, engagement {60, 30}: fit 85 / engagement 40 is "A2"; fit 10 / 70 is "C1".
  it.each<[number, number, string]>([
    [85, 40, 'A2'],
    [10, 70, 'C1'],
    [80, 60, 'A1'], // at a threshold counts
    [50, 30, 'B2'],
    [49.99, 29.99, 'C3'],
  ])('fit %s / engagement %s is %s', (fit, eng, grade) => {
    expect(leadGrades([fit], [eng], [80, 50], [60, 30])).toEqual([grade]);
  });

  it('grades blank pairs blank, passes an error score through, and gives a half-blank pair a per-row error', () => {
    const err = new SalesOpsError('VALUE', 'leads row 2: ...');
    const out = leadGrades([null, err, 90, null], [null, 50, null, 10], [80, 50], [60, 30]);
    expect(out.slice(0, 2)).toEqual(['', err]);
    expect((out[2] as SalesOpsError).message).toBe('engagement_scores row 3 is blank but fit_scores row 3 is 90');
    expect((out[3] as SalesOpsError).message).toBe('fit_scores row 4 is blank but engagement_scores row 4 is 10');
  });

  it.each<[string, () => unknown, RegExp]>([
    [
      'ascending fit thresholds',
      () => leadGrades([1], [1], [50, 80], [60, 30]),
      /^fit_thresholds must be descending .*item 2 \(80\) is not below item 1 \(50\)/,
    ],
    [
      'equal engagement thresholds',
      () => leadGrades([1], [1], [80], [30, 30]),
      /^engagement_thresholds must be descending/,
    ],
    ['no thresholds', () => leadGrades([1], [1], [], [30]), /^fit_thresholds is empty/],
    ['sizes differ', () => leadGrades([1, 2], [1], [80], [30]), /^fit_scores has 2 rows but engagement_scores has 1/],
  ])('%s is a #VALUE!', (_what, call, message) => {
    expect(call).toThrow(message);
  });
});

describe('decayedPoints', () => {
  // 10 points one half-life old are worth 10 x 0.5 = 5; two half-lives, 2.5 ("50% per month": 10 -> 5 -> 2.5)
  it.each<[number[], number[], number, number, number]>([
    [[10], [100], 130, 30, 5],
    [[10], [100], 160, 30, 2.5],
    [[10], [100], 100, 30, 10], // today: full value
    [[10, 20], [100, 130], 160, 30, 12.5], // 10 x 0.25 + 20 x 0.5
    [[10], [100], 115, 30, 10 * Math.SQRT1_2], // half a half-life: x 0.5^0.5
    [[-8], [100], 107, 7, -4], // negative points decay too
  ])('points %j on %j as of %s, half-life %s: %s', (points, dates, asOf, halfLife, expected) => {
    expect(decayedPoints(points, dates, asOf, halfLife)).toBeCloseTo(expected, 9);
  });

  it('skips blank points', () => {
    expect(decayedPoints([null, 10], [null, 100], 130, 30)).toBeCloseTo(5, 9);
  });

  it.each<[string, () => unknown, string, RegExp]>([
    [
      'an event after as_of',
      () => decayedPoints([10], [200], 100, 30),
      'VALUE',
      /^event_dates row 1 is 100 days after as_of/,
    ],
    [
      'a blank date',
      () => decayedPoints([10], [null], 100, 30),
      'VALUE',
      /^event_dates row 1 is blank but points row 1 is 10/,
    ],
    ['a zero half-life', () => decayedPoints([10], [1], 100, 0), 'VALUE', /^half_life_days is 0/],
    ['a negative half-life', () => decayedPoints([10], [1], 100, -3), 'VALUE', /^half_life_days is -3/],
    ['sizes differ', () => decayedPoints([10, 1], [1], 100, 3), 'VALUE', /^points has 2 rows but event_dates has 1/],
  ])('%s', (_what, call, code, message) => {
    try {
      call();
      throw new Error('did not throw');
    } catch (e) {
      expect((e as SalesOpsError).code).toBe(code);
      expect((e as Error).message).toMatch(message);
    }
  });
});
