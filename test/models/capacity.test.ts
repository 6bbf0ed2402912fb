import {
  capacity,
  capacityPerHire,
  checkRamp,
  headcount,
  monthOfSerial,
  rampFactor,
  rampFactorAtTenure,
  rre,
  rreByMonth,
} from '../../src/models/capacity';
import { monthIndex, serialFromYmd } from '../../src/models/dates';
import { thrown } from '../support/errors';

const d = serialFromYmd;
const RAMP3 = [0.25, 0.5, 0.75];

describe('rampFactor (issue 4 examples: hired 2026-02-01, ramp {0.25, 0.5, 0.75})', () => {
  it.each([
    // March is tenure month 2 (Feb = 1): 0.5
    ['2026-03-15', d(2026, 3, 15), 0.5],
    // January 2027 is tenure month 12, past the 3-month ramp: 1
    ['2027-01-01', d(2027, 1, 1), 1],
    // before the hire month: 0
    ['2026-01-31', d(2026, 1, 31), 0],
    // the hire month counts whatever the day: month 1 = 0.25
    ['2026-02-28', d(2026, 2, 28), 0.25],
    // April is tenure month 3: 0.75; May is month 4, past the ramp: 1
    ['2026-04-30', d(2026, 4, 30), 0.75],
    ['2026-05-01', d(2026, 5, 1), 1],
  ])('on %s is %d', (_label, asOf, want) => {
    expect(rampFactor(d(2026, 2, 1), asOf, RAMP3)).toBe(want);
  });

  it('treats an empty ramp as fully ramped from the hire month', () => {
    expect(rampFactorAtTenure([], 1)).toBe(1);
    expect(rampFactorAtTenure([], 0)).toBe(0);
  });

  it.each([[[0.25, 1.5]], [[-0.1]], [[NaN]]])('refuses ramp %j naming the item', (ramp) => {
    const e = thrown(() => checkRamp(ramp));
    expect(e.code).toBe('VALUE');
    expect(e.message).toMatch(/^ramp item \d/);
  });
});

describe('monthOfSerial', () => {
  it('agrees with the Date-based monthIndex of dates.ts on every 97th serial and on month edges', () => {
    for (let s = 0; s <= 2958465; s += 97) expect(monthOfSerial(s)).toBe(monthIndex(s));
    // 2024-02-29 (leap day) and 2024-03-01: months 2024*12+1 and 2024*12+2
    expect(monthOfSerial(d(2024, 2, 29))).toBe(2024 * 12 + 1);
    expect(monthOfSerial(d(2024, 3, 1))).toBe(2024 * 12 + 2);
    expect(monthOfSerial(d(2026, 12, 31))).toBe(2026 * 12 + 11);
  });
});

describe('rre', () => {
  const hires = [d(2025, 1, 15), d(2026, 2, 1), d(2026, 3, 20), null];
  it.each([
    // 2026-03-15: rep 1 fully ramped (1), rep 2 in tenure month 2 (0.5), rep 3 not yet hired, blank row ignored: 1.5
    ['no end dates', null, d(2026, 3, 15), 1.5],
    // rep 1 left 2026-03-01 (before as-of): only rep 2's 0.5
    ['rep 1 gone', [d(2026, 3, 1), null, null, null], d(2026, 3, 15), 0.5],
    // the end date is the last day, inclusive: rep 1 still counts on 2026-03-15: 1.5
    ['rep 1 leaving that day', [d(2026, 3, 15), null, null, null], d(2026, 3, 15), 1.5],
    // 2026-03-31: rep 3 hired 2026-03-20 is in tenure month 1: 1 + 0.5 + 0.25 = 1.75
    ['month end', null, d(2026, 3, 31), 1.75],
    // 2026-03-19: rep 3 not yet employed even though March is its hire month: 1.5
    ['day before a hire', null, d(2026, 3, 19), 1.5],
  ])('%s', (_label, endDates, asOf, want) => {
    expect(rre({ hireDates: hires, endDates, asOf, ramp: RAMP3 })).toBeCloseTo(want, 12);
  });

  it.each([
    [
      'end before hire',
      { hireDates: [d(2026, 2, 1)], endDates: [d(2026, 1, 1)], asOf: d(2026, 3, 1), ramp: RAMP3 },
      /end_dates row 1 is before the hire date/,
    ],
    [
      'sizes differ',
      { hireDates: [d(2026, 2, 1), d(2026, 3, 1)], endDates: [null], asOf: d(2026, 3, 1), ramp: RAMP3 },
      /end_dates has 1 rows but hire_dates has 2/,
    ],
    ['ramp above 1', { hireDates: [d(2026, 2, 1)], asOf: d(2026, 3, 1), ramp: [2] }, /ramp item 1 is 2/],
  ])('refuses %s with #VALUE!', (_label, input, message) => {
    const e = thrown(() => rre(input));
    expect(e.code).toBe('VALUE');
    expect(e.message).toMatch(message);
  });
});

describe('capacity (Kellogg bookings capacity model)', () => {
  const base = { annualProductivity: 1_200_000, ramp: RAMP3, periodStart: d(2026, 1, 1), periodEnd: d(2026, 3, 31) };
  it.each([
    // platform example: rep 1 ramped, 3 months x 100,000 = 300,000; rep 2 hired Feb: 100,000 x (0.25 + 0.5) = 75,000
    ['two reps, Q1 2026', { hireDates: [d(2025, 1, 15), d(2026, 2, 1)] }, 375_000],
    // per-rep productivity: 600,000/12 x 3 = 150,000; 2,400,000/12 x 0.75 = 150,000
    [
      'per-rep productivity',
      { hireDates: [d(2025, 1, 15), d(2026, 2, 1)], annualProductivity: [600_000, 2_400_000] },
      300_000,
    ],
    // blank rows (no hire date) are skipped even with a blank productivity
    ['blank row skipped', { hireDates: [d(2025, 1, 15), null], annualProductivity: [1_200_000, null] }, 300_000],
    // hiring plan: a rep hired 2026-03-10 counts from March at 0.25: 25,000
    ['future hire', { hireDates: [d(2026, 3, 10)] }, 25_000],
    // a hire after the period adds nothing
    ['hire after the period', { hireDates: [d(2026, 4, 1)] }, 0],
    // end date 2026-03-10: counts Jan and Feb only: 200,000
    ['end date mid-period', { hireDates: [d(2025, 1, 15)], endDates: [d(2026, 3, 10)] }, 200_000],
    // attrition 50%: survival 1, 0.5^(1/12) = 0.943874313, 0.5^(2/12) = 0.890898718; 100,000 x 2.834773031
    ['existing rep, 50% attrition', { hireDates: [d(2025, 1, 1)], annualAttrition: 0.5 }, 283_477.3031],
    // planned hire in March with 50% attrition: survival starts at its hire month, so 100,000 x 0.25 x 1
    ['planned hire, attrition from hire month', { hireDates: [d(2026, 3, 1)], annualAttrition: 0.5 }, 25_000],
  ])('%s', (_label, over, want) => {
    expect(capacity({ ...base, ...over } as never)).toBeCloseTo(want, 2);
  });

  it('counts a year-long hiring plan with attrition from each hire month', () => {
    // ramp {0.5}, 1.2M, 50% attrition, 2026: hire in Nov: Nov 0.5 x 1 + Dec 1 x 0.5^(1/12) = 1.443874313 -> 144,387.43
    const v = capacity({
      hireDates: [d(2026, 11, 1)],
      annualProductivity: 1_200_000,
      ramp: [0.5],
      periodStart: d(2026, 1, 1),
      periodEnd: d(2026, 12, 31),
      annualAttrition: 0.5,
    });
    expect(v).toBeCloseTo(144_387.4313, 3);
  });

  it.each([
    ['ramp above 1', { ramp: [1.5] }, 'VALUE', /ramp item 1 is 1.5/],
    ['attrition of 1', { annualAttrition: 1 }, 'VALUE', /annual_attrition is 1/],
    ['period end before start', { periodEnd: d(2025, 12, 31) }, 'VALUE', /period_end is before period_start/],
    [
      'productivity sizes differ',
      { annualProductivity: [1, 2, 3] },
      'VALUE',
      /annual_productivity has 3 rows but hire_dates has 2/,
    ],
    ['end dates sizes differ', { endDates: [null] }, 'VALUE', /end_dates has 1 rows but hire_dates has 2/],
    [
      'end before hire',
      { endDates: [null, d(2026, 1, 1)] },
      'VALUE',
      /end_dates row 2 is before the hire date in hire_dates row 2/,
    ],
    ['negative productivity', { annualProductivity: -1 }, 'VALUE', /annual_productivity is negative/],
    [
      'negative productivity in a row',
      { annualProductivity: [1, -1] },
      'VALUE',
      /annual_productivity row 2 is negative/,
    ],
    ['blank productivity for a rep', { annualProductivity: [1, null] }, 'VALUE', /annual_productivity row 2 is blank/],
  ])('refuses %s', (_label, over, code, message) => {
    const e = thrown(() => capacity({ ...base, hireDates: [d(2025, 1, 15), d(2026, 2, 1)], ...over } as never));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});

describe('rreByMonth', () => {
  const base = { ramp: RAMP3, periodStart: d(2026, 1, 1), periodEnd: d(2026, 3, 31) };
  it.each([
    // Jan: 1 + 0; Feb: 1 + 0.25; Mar: 1 + 0.5
    ['two reps', { hireDates: [d(2025, 1, 15), d(2026, 2, 1)] }, [1, 1.25, 1.5]],
    // rep 1 ends 2026-03-10: gone in March; rep 2 as above
    [
      'with an end date',
      { hireDates: [d(2025, 1, 15), d(2026, 2, 1)], endDates: [d(2026, 3, 10), null] },
      [1, 1.25, 0.5],
    ],
    // one ramped rep, 50% attrition: 1, 0.5^(1/12), 0.5^(2/12)
    ['attrition', { hireDates: [d(2025, 1, 1)], annualAttrition: 0.5 }, [1, 0.943874313, 0.890898718]],
  ])('%s', (_label, over, want) => {
    const got = rreByMonth({ ...base, ...over });
    expect(got).toHaveLength(want.length);
    want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 8));
  });

  it('adds up to capacity / (productivity / 12) when every rep has the same productivity', () => {
    // (1 + 1.25 + 1.5) x 100,000 = 375,000: the CAPACITY example
    const hireDates = [d(2025, 1, 15), d(2026, 2, 1)];
    const months = rreByMonth({ ...base, hireDates });
    expect(months.reduce((a, b) => a + b, 0) * 100_000).toBeCloseTo(375_000, 6);
    expect(capacity({ ...base, hireDates, annualProductivity: 1_200_000 })).toBeCloseTo(375_000, 6);
  });

  it('refuses a ramp above 1', () => {
    expect(thrown(() => rreByMonth({ ...base, hireDates: [d(2026, 1, 1)], ramp: [1.2] })).message).toMatch(
      /ramp item 1/,
    );
  });
});

describe('headcount', () => {
  const base = { annualProductivity: 1_200_000, ramp: RAMP3, months: 12 };
  it.each([
    // issue 4: each hire brings 100,000 x (0.25 + 0.5 + 0.75 + 9) = 1,050,000; 3,000,000 / 1,050,000 = 2.86 -> 3
    ['issue example', { target: 3_000_000 }, 3],
    // exactly 3 hires: 3 x 1,050,000 = 3,150,000
    ['exact fit', { target: 3_150_000 }, 3],
    // one more euro needs a 4th
    ['just over', { target: 3_150_001 }, 4],
    // existing capacity 1,000,000 leaves 2,000,000: 1.90 -> 2
    ['with existing capacity', { target: 3_000_000, existingCapacity: 1_000_000 }, 2],
    // target already met
    ['already met', { target: 900_000, existingCapacity: 1_000_000 }, 0],
    // ramp {0.5}, 3 months, 50% attrition: 100,000 x (0.5 + 0.943874 + 0.890899) = 233,477.30 per hire; 500,000 -> 2.14 -> 3
    ['attrition', { target: 500_000, ramp: [0.5], months: 3, annualAttrition: 0.5 }, 3],
  ])('%s', (_label, over, want) => {
    expect(headcount({ ...base, ...over } as never)).toBe(want);
  });

  it('prices one hire as in the hand calculation', () => {
    expect(capacityPerHire(1_200_000, RAMP3, 12)).toBeCloseTo(1_050_000, 6);
    expect(capacityPerHire(1_200_000, [0.5], 3, 0.5)).toBeCloseTo(233_477.3031, 3);
  });

  it.each([
    // #VALUE!, whose message Excel shows (issue 16)
    ['zero capacity per hire', { target: 1, ramp: [0, 0, 0], months: 3 }, 'VALUE', /a hire adds no capacity/],
    ['fractional months', { target: 1, months: 2.5 }, 'VALUE', /months is 2.5/],
    ['zero months', { target: 1, months: 0 }, 'VALUE', /months is 0/],
    ['negative target', { target: -1 }, 'VALUE', /target is -1/],
    ['negative productivity', { target: 1, annualProductivity: -5 }, 'VALUE', /annual_productivity is -5/],
    ['negative existing', { target: 1, existingCapacity: -5 }, 'VALUE', /existing_capacity is -5/],
    ['ramp above 1', { target: 1, ramp: [3] }, 'VALUE', /ramp item 1 is 3/],
    ['attrition above 1', { target: 1, annualAttrition: 1.5 }, 'VALUE', /annual_attrition is 1.5/],
  ])('refuses %s', (_label, over, code, message) => {
    const e = thrown(() => headcount({ ...base, ...over } as never));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});
