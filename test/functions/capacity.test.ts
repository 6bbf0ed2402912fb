/** SALESOPS capacity functions through the headless engine: argument cleaning, shapes and error messages. */
import { DetailedCellError } from 'hyperformula';
import { createEngine, evaluateFormula } from '../../src/hosts/headless/engine';
import { first } from '../support/engine';

describe('capacity functions on a sheet', () => {
  // Reps: hire date (ISO text or serial), end date, productivity. Serial 45672 = 2025-01-15, 46054 = 2026-02-01.
  const reps = [
    [45672, null, 600_000],
    ['2026-02-01', null, 2_400_000],
    [null, null, null],
    ['2026-03-10', '2026-03-20', 1_200_000],
  ];
  const hf = createEngine({
    Reps: reps,
    Ramp: [[0.25, 0.5, 0.75]],
    Calc: [
      // per-rep productivity, Q1 2026: 50,000 x 3 + 200,000 x (0.25 + 0.5) + rep 4 (ends in its hire month: 0) = 300,000
      ['=SALESOPS.CAPACITY(Reps!A1:A4,Reps!C1:C4,Ramp!A1:C1,"2026-01-01","2026-03-31",0,Reps!B1:B4)'],
      // one productivity 1.2M, no end dates: 300,000 + 75,000 + rep 4 in March at 0.25: 25,000 = 400,000
      ['=SALESOPS.CAPACITY(Reps!A1:A4,1200000,Ramp!A1:C1,"2026-01-01","2026-03-31")'],
      // RRE on 2026-03-15: rep 1 ramped (1) + rep 2 month 2 (0.5) + rep 4 hired 03-10, month 1 (0.25) = 1.75
      ['=SALESOPS.RRE(Reps!A1:A4,"2026-03-15",Ramp!A1:C1,Reps!B1:B4)'],
      // on 2026-03-25 rep 4 has left (last day 03-20): 1.5
      ['=SALESOPS.RRE(Reps!A1:A4,"2026-03-25",Ramp!A1:C1,Reps!B1:B4)'],
      ['=SALESOPS.RAMP(Reps!A2,"2026-03-15",Ramp!A1:C1)'],
    ],
  });
  afterAll(() => hf.destroy());
  const at = (row: number) => hf.getCellValue({ sheet: hf.getSheetId('Calc')!, row, col: 0 }) as number;

  it('takes a per-rep productivity column and end dates', () => expect(at(0)).toBeCloseTo(300_000, 6));
  it('counts a planned hire from its month', () => expect(at(1)).toBeCloseTo(400_000, 6));
  it('counts reps employed on the date for RRE', () => {
    expect(at(2)).toBeCloseTo(1.75, 12);
    expect(at(3)).toBeCloseTo(1.5, 12);
  });
  it('reads a single cell as the hire date for RAMP', () => expect(at(4)).toBe(0.5));
});

describe('RAMP over a column of hire dates', () => {
  it('spills one factor per hire date on the as-of date, blank for a blank row', () => {
    // as of 2026-03-15, ramp {0.25, 0.5, 0.75}; tenure month = (2026*12+3) - (hire year*12 + hire month) + 1:
    // 2025-01-15 (serial 45672): month 15 -> past the ramp, 1; 2026-02-01: month 2 -> 0.5; blank -> blank;
    // 2026-03-10: month 1 -> 0.25; 2026-04-01: month 0, before the hire month -> 0; 2026-01-31: month 3 -> 0.75.
    const hf = createEngine({
      Reps: [[45672], ['2026-02-01'], [null], ['2026-03-10'], ['=DATE(2026,4,1)'], ['2026-01-31']],
      Calc: [['=SALESOPS.RAMP(Reps!A1:A6,"2026-03-15",{0.25,0.5,0.75})']],
    });
    try {
      const v = hf.getSheetValues(hf.getSheetId('Calc')!);
      expect(v.map((r) => r[0])).toEqual([1, 0.5, '', 0.25, 0, 0.75]);
    } finally {
      hf.destroy();
    }
  });

  it('names the row of a bad hire date', () => {
    const v = first(
      evaluateFormula('=SALESOPS.RAMP({"2026-02-01";"next week"},"2026-03-15",{0.5})'),
    ) as DetailedCellError;
    expect([v.value, v.message]).toEqual(['#VALUE!', expect.stringMatching(/^hire_date row 2 holds text "next week"/)]);
  });
});

describe('RRE.BYMONTH shapes', () => {
  it('returns a column for a column of months', () => {
    // 2026-01..03 for reps hired 2025-01-15 and 2026-02-01, ramp {0.25,0.5,0.75}: 1, 1.25, 1.5
    expect(
      evaluateFormula(
        '=SALESOPS.RRE.BYMONTH({"2025-01-15";"2026-02-01"},{"2026-01-01";"2026-02-01";"2026-03-01"},{0.25,0.5,0.75})',
      ),
    ).toEqual([[1], [1.25], [1.5]]);
  });
  it('skips months not listed but keeps attrition counting from the first month', () => {
    // one ramped rep, 50% attrition: January 1, April 0.5^(3/12) = 0.840896
    const v = evaluateFormula(
      '=SALESOPS.RRE.BYMONTH({"2025-01-01"},{"2026-01-15","2026-04-30"},{0.5},0.5)',
    ) as number[][];
    expect(v[0][0]).toBeCloseTo(1, 12);
    expect(v[0][1]).toBeCloseTo(0.840896415, 8);
  });
});

describe('errors name the argument and the problem', () => {
  it.each([
    ['=SALESOPS.RAMP("2026-02-01","2026-03-15",{0.25,"high",0.75})', '#VALUE!', /ramp row 2 holds text "high"/],
    ['=SALESOPS.RAMP("2026-02-01","2026-03-15",{0.25,1.5})', '#VALUE!', /ramp item 2 is 1.5/],
    ['=SALESOPS.RAMP("next week","2026-03-15",{0.5})', '#VALUE!', /hire_date holds text "next week"/],
    [
      '=SALESOPS.RRE({"2026-02-01"},"2026-03-15",{0.5},{"2026-01-01"})',
      '#VALUE!',
      /end_dates row 1 is before the hire date/,
    ],
    [
      '=SALESOPS.RRE({"2026-02-01";"2026-03-01"},"2026-03-15",{0.5},{"2026-04-01";"2026-04-01";"2026-04-01"})',
      '#VALUE!',
      /end_dates has 3 rows but hire_dates has 2/,
    ],
    ['=SALESOPS.RRE({"2026-02-01";"x"},"2026-03-15",{0.5})', '#VALUE!', /hire_dates row 2 holds text "x"/],
    [
      '=SALESOPS.CAPACITY({"2026-01-01";"2026-02-01"},{1;2;3},{0.5},"2026-01-01","2026-12-31")',
      '#VALUE!',
      /annual_productivity has 3 rows but hire_dates has 2/,
    ],
    [
      '=SALESOPS.CAPACITY({"2026-01-01";"2026-02-01"},{1;"lots"},{0.5},"2026-01-01","2026-12-31")',
      '#VALUE!',
      /annual_productivity row 2 holds text "lots"/,
    ],
    [
      '=SALESOPS.CAPACITY({"2026-01-01"},1200000,{0.5},"2026-12-31","2026-01-01")',
      '#VALUE!',
      /period_end is before period_start/,
    ],
    [
      '=SALESOPS.CAPACITY({"2026-01-01"},1200000,{0.5},"2026-01-01","2026-12-31",1)',
      '#VALUE!',
      /annual_attrition is 1/,
    ],
    ['=SALESOPS.HEADCOUNT(1000000,1200000,{0,0,0},3)', '#VALUE!', /a hire adds no capacity/],
    ['=SALESOPS.HEADCOUNT("a lot",1200000,{0.5},12)', '#VALUE!', /target holds text "a lot"/],
    ['=SALESOPS.HEADCOUNT(1000000,1200000,{0.5},2.5)', '#VALUE!', /months is 2.5/],
    [
      '=SALESOPS.RRE.BYMONTH({"2026-01-01"},{"2026-04-01";"2026-01-01"},{0.5})',
      '#VALUE!',
      /months row 2 is not after row 1/,
    ],
    [
      '=SALESOPS.RRE.BYMONTH({"2026-01-01"},{"2026-04-01";"2026-04-15"},{0.5})',
      '#VALUE!',
      /months row 2 is not after row 1/,
    ],
  ])('%s is %s', (formula, code, message) => {
    const v = first(evaluateFormula(formula)) as DetailedCellError;
    expect(v).toBeInstanceOf(DetailedCellError);
    expect(v.value).toBe(code);
    expect(v.message).toMatch(message);
  });
});

describe('HEADCOUNT issue example', () => {
  it('needs 3 reps for 3,000,000 at 1,050,000 a hire', () => {
    // 100,000 x (0.25 + 0.5 + 0.75 + 9) = 1,050,000; 3,000,000 / 1,050,000 = 2.86 -> 3
    expect(evaluateFormula('=SALESOPS.HEADCOUNT(3000000,1200000,{"25%";"50%";"75%"},12)')).toBe(3);
  });
});
