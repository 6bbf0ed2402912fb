import fc from 'fast-check';
import { allocateQuota, attainment, phaseQuota, rampQuota, rollupQuota } from '../../src/models/quota';
import { serialFromYmd } from '../../src/models/dates';
import { SalesOpsError } from '../../src/models/errors';
import { thrown } from '../support/errors';

const d = serialFromYmd;

describe('allocateQuota', () => {
  it.each([
    // issue 4: 1,000,000 x 1.2 = 1,200,000 over weights 3:2:5 (sum 10): 360,000, 240,000, 600,000
    ['issue example', { target: 1_000_000, weights: [3, 2, 5], overassignment: 0.2 }, [360_000, 240_000, 600_000]],
    // no over-assignment: 1,000 x 1/3 = 333.333... each
    ['even split', { target: 1000, weights: [1, 1, 1] }, [1000 / 3, 1000 / 3, 1000 / 3]],
    // a blank weight gets a blank part; 900 over 1:2 = 300, 600
    ['blank weight', { target: 900, weights: [1, null, 2] }, [300, null, 600]],
    // round_to 1: 100 units, 33.33 each -> floors 33,33,33 (99); equal remainders: the earlier row gets the spare unit
    ['ties go to the earlier row', { target: 100, weights: [1, 1, 1], roundTo: 1 }, [34, 33, 33]],
    // round_to 10: 100 units; exact 14.286, 28.571, 57.143 -> floors 14, 28, 57 (99); largest remainder .571 -> row 2
    ['largest remainder', { target: 1000, weights: [1, 2, 4], roundTo: 10 }, [140, 290, 570]],
    // 1,234,567 x 1.1 = 1,358,023.7 -> 1,358 thousands; exact 452.667, 452.667, 452.667 -> 452 x 3 = 1,356; 2 spare to rows 1, 2
    [
      'rounded total',
      { target: 1_234_567, weights: [1, 1, 1], overassignment: 0.1, roundTo: 1000 },
      [453_000, 453_000, 452_000],
    ],
    // round_to 0.1 gives tidy decimals: 1 over 1:1:1 -> 10 tenths -> 4, 3, 3 tenths
    ['decimal step', { target: 1, weights: [1, 1, 1], roundTo: 0.1 }, [0.4, 0.3, 0.3]],
  ])('%s', (_label, input, want) => {
    const got = allocateQuota(input);
    want.forEach((w, i) => (w === null ? expect(got[i]).toBeNull() : expect(got[i]).toBeCloseTo(w, 9)));
  });

  it('keeps exact multiples of round_to without binary noise', () => {
    expect(allocateQuota({ target: 1, weights: [1, 1, 1], roundTo: 0.1 })).toEqual([0.4, 0.3, 0.3]);
  });

  it('makes rounded parts add up exactly to the rounded total, each within one step of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 })
          .filter((w) => w.some((x) => x > 0)),
        fc.constantFrom(1, 10, 1000),
        (target, weights, step) => {
          const parts = allocateQuota({ target, weights, overassignment: 0.2, roundTo: step }) as number[];
          const total = target * 1.2;
          const units = Math.round(total / step);
          const sumW = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(units * step, 6);
          parts.forEach((p, i) => {
            expect(Math.abs(p - (units * step * weights[i]) / sumW)).toBeLessThan(step + 1e-6);
            expect(Math.round(p / step) * step).toBeCloseTo(p, 9);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each([
    ['negative weight', { target: 1, weights: [1, -2] }, 'VALUE', /weights row 2 is -2/],
    ['weights add to 0', { target: 1, weights: [0, null] }, 'DIV0', /weights add up to 0/],
    ['negative target', { target: -1, weights: [1] }, 'VALUE', /target is -1/],
    ['negative over-assignment', { target: 1, weights: [1], overassignment: -0.1 }, 'VALUE', /overassignment is -0.1/],
    ['zero round_to', { target: 1, weights: [1], roundTo: 0 }, 'VALUE', /round_to is 0/],
  ])('refuses %s', (_label, input, code, message) => {
    const e = thrown(() => allocateQuota(input));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});

describe('phaseQuota', () => {
  it('splits the issue example: 1,200,000 over {20, 25, 25, 30}', () => {
    // weights sum to 100: 12,000 per point -> 240,000; 300,000; 300,000; 360,000
    const got = phaseQuota(1_200_000, [20, 25, 25, 30]);
    [240_000, 300_000, 300_000, 360_000].forEach((w, i) => expect(got[i]).toBeCloseTo(w, 9));
  });
  it('splits by working days with a blank period left blank', () => {
    // 21 + 20 + 23 = 64 days; 640,000 / 64 = 10,000 a day
    expect(phaseQuota(640_000, [21, null, 20, 23])).toEqual([210_000, null, 200_000, 230_000]);
  });
  it.each([
    ['negative', [1, -1], 'VALUE', /seasonality row 2 is -1/],
    ['all zero', [0, 0], 'DIV0', /seasonality add up to 0/],
  ])('refuses %s seasonality', (_label, weights, code, message) => {
    const e = thrown(() => phaseQuota(100, weights));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});

describe('rollupQuota', () => {
  it('rolls up a small org (company C, regions E and W, reps under them)', () => {
    // E = 10 + 20 = 30; W = 30; C = 5 (own) + 30 + 30 = 65
    const got = rollupQuota({
      ids: ['C', 'E', 'W', 'r1', 'r2', 'r3'],
      parentIds: [null, 'C', 'C', 'E', 'E', 'W'],
      values: [5, null, 0, 10, 20, 30],
    });
    expect(got).toEqual([65, 30, 30, 10, 20, 30]);
  });

  it('takes children listed before their parents, ids in any case, blank rows blank', () => {
    // r1 (7) under m (parent given as "M"), m under top; top = 7 + 1 + 2 = 10; m = 7 + 2 = 9
    const got = rollupQuota({
      ids: ['r1', null, 'm', 'top'],
      parentIds: ['M', null, ' top ', null],
      values: [7, null, 2, 1],
    });
    expect(got).toEqual([7, null, 9, 10]);
  });

  it('handles a 50,000-deep chain without recursion', () => {
    // a chain where every node is worth 1: the node at position i (0-based) has n - i nodes at or below it
    const n = 50_000;
    const ids = Array.from({ length: n }, (_, i) => `n${i}`);
    const parentIds = ids.map((_, i) => (i === 0 ? null : `n${i - 1}`));
    const got = rollupQuota({ ids, parentIds, values: ids.map(() => 1) });
    expect(got[0]).toBe(n);
    expect(got[n - 1]).toBe(1);
    expect(got[12_345]).toBe(n - 12_345);
  });

  it('keeps the invariant: each parent equals its own value plus its children', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: -100, max: 100 })), { minLength: 1, maxLength: 60 }),
        (spec) => {
          // node i's parent is some earlier node (spec[i][0] mod i), node 0 is the root
          const ids = spec.map((_, i) => `x${i}`);
          const parents = spec.map(([p], i) => (i === 0 ? null : `x${p % i}`));
          const values = spec.map(([, v]) => v);
          const got = rollupQuota({ ids, parentIds: parents, values }) as number[];
          ids.forEach((id, i) => {
            const kids = parents.map((p, j) => (p === id ? got[j] : 0)).reduce((a, b) => a + b, 0);
            expect(got[i]).toBe(values[i] + kids);
          });
          expect(got[0]).toBe(values.reduce((a, b) => a + b, 0));
        },
      ),
      { numRuns: 100 },
    );
  });

  it.each([
    [
      'a duplicate id',
      { ids: ['C', 'E', 'e'], parentIds: [null, 'C', 'C'], values: [1, 2, 3] },
      /ids rows 2 and 3: duplicate id 'e'/,
    ],
    [
      'a missing parent',
      { ids: ['C', 'E', 'W'], parentIds: [null, 'X', 'C'], values: [1, 2, 3] },
      /parent_ids row 2: parent 'X' is not in ids/,
    ],
    [
      'several missing parents',
      { ids: ['C', 'E', 'W'], parentIds: [null, 'X', 'Y'], values: [1, 2, 3] },
      /parent_ids rows 2, 3: parent 'X' and others are not in ids/,
    ],
    [
      'a two-row cycle',
      { ids: ['C', 'A', 'B', 'r'], parentIds: [null, 'B', 'A', 'A'], values: [1, 2, 3, 4] },
      /cycle through rows 2, 3/,
    ],
    ['a self-parent', { ids: ['C', 'A'], parentIds: [null, 'a'], values: [1, 2] }, /cycle through rows 2;/],
    ['a value without an id', { ids: ['C', null], parentIds: [null, null], values: [1, 2] }, /ids row 2 is blank/],
    [
      'parent_ids of another size',
      { ids: ['C', 'A'], parentIds: [null], values: [1, 2] },
      /parent_ids has 1 rows but ids has 2/,
    ],
    [
      'values of another size',
      { ids: ['C', 'A'], parentIds: [null, 'C'], values: [1] },
      /values has 1 rows but ids has 2/,
    ],
  ])('refuses %s with #VALUE! naming the rows', (_label, input, message) => {
    const e = thrown(() => rollupQuota(input));
    expect(e.code).toBe('VALUE');
    expect(e.message).toMatch(message);
  });
});

describe('attainment', () => {
  it('divides per row, with one quota for every row or one per row', () => {
    // 90,000 / 100,000 = 0.9; 150,000 / 120,000 = 1.25; blank booking = 0
    expect(attainment([90_000, 150_000, null], [100_000, 120_000, 50_000])).toEqual([0.9, 1.25, 0]);
    // one quota of 200,000: 0.5, 0.25
    expect(attainment([100_000, 50_000], [200_000])).toEqual([0.5, 0.25]);
    // a row blank in both stays blank
    expect(attainment([null], [null])).toEqual(['']);
  });

  it.each([
    ['zero quota', [30_000], [0], 'DIV0', /quota is 0/],
    ['zero quota in a row', [1, 30_000], [1, 0], 'DIV0', /quota row 2 is 0/],
    ['negative quota', [1], [-5], 'VALUE', /quota is -5/],
    ['blank quota', [1, 5], [1, null], 'VALUE', /quota row 2 is blank for bookings row 2/],
  ])('gives a cell error for %s', (_label, bookings, quota, code, message) => {
    const cells = attainment(bookings, quota);
    const bad = cells[cells.length - 1] as SalesOpsError;
    expect(bad).toBeInstanceOf(SalesOpsError);
    expect(bad.code).toBe(code);
    expect(bad.message).toMatch(message);
  });

  it('refuses quota ranges of another size', () => {
    const e = thrown(() => attainment([1, 2], [1, 2, 3]));
    expect(e.code).toBe('VALUE');
    expect(e.message).toMatch(/quota has 3 rows but bookings has 2/);
  });
});

describe('rampQuota', () => {
  const ramp = [0, 0.25, 0.5];
  it.each([
    // issue 4: 1,200,000 / 12 = 100,000; hired 2026-01-10: Jan 0, Feb 0.25, Mar 0.5 -> 75,000
    ['issue example, Q1 2026', d(2026, 1, 10), d(2026, 1, 1), d(2026, 3, 31), 75_000],
    // Q2 2026: tenure months 4-6, ramp over: 3 x 100,000
    ['Q2 2026', d(2026, 1, 10), d(2026, 4, 1), d(2026, 6, 30), 300_000],
    // hired 2026-03-01: Jan and Feb before hire (0), March month 1 (0) -> 0
    ['hired in the last month', d(2026, 3, 1), d(2026, 1, 1), d(2026, 3, 31), 0],
    // hired 2025-12-15: Jan month 2 (0.25), Feb 0.5, Mar 1 -> 175,000
    ['hired the month before', d(2025, 12, 15), d(2026, 1, 1), d(2026, 3, 31), 175_000],
  ])('%s', (_label, hire, start, end, want) => {
    expect(rampQuota({ annualQuota: 1_200_000, hireDate: hire, periodStart: start, periodEnd: end, ramp })).toBeCloseTo(
      want,
      9,
    );
  });

  it.each([
    [
      'period end before start',
      { periodStart: d(2026, 3, 31), periodEnd: d(2026, 1, 1) },
      /period_end is before period_start/,
    ],
    ['ramp above 1', { ramp: [0, 1.25] }, /ramp item 2 is 1.25/],
    ['negative quota', { annualQuota: -1 }, /annual_quota is -1/],
  ])('refuses %s', (_label, over, message) => {
    const e = thrown(() =>
      rampQuota({
        annualQuota: 1_200_000,
        hireDate: d(2026, 1, 10),
        periodStart: d(2026, 1, 1),
        periodEnd: d(2026, 3, 31),
        ramp,
        ...over,
      }),
    );
    expect(e.code).toBe('VALUE');
    expect(e.message).toMatch(message);
  });
});
