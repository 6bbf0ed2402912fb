import {
  funnel,
  stageDays,
  stageProbabilities,
  weightedPipeline,
  weightedPipelineByStage,
  winRate,
  winRateBy,
  type WeightedPipelineInput,
} from '../../src/models/pipeline';
import { SalesOpsError } from '../../src/models/errors';
import { thrown } from '../support/errors';

const STAGES = [
  { stage: 'Discovery', probability: 0.1, row: 1 },
  { stage: 'Trial', probability: 0.6, row: 2 },
  { stage: 'Final call', probability: 0.8, row: 3 },
];

describe('weightedPipeline (unchanged behaviour)', () => {
  it('is amount x stage probability summed: 1,000 in Trial (60%) + 500 in Final call (80%) = 600 + 400', () => {
    expect(weightedPipeline({ amounts: [1000, 500], stages: ['Trial', 'final call'], stageTable: STAGES })).toBeCloseTo(
      1000,
      9,
    );
  });
});

describe('weightedPipelineByStage', () => {
  // Hand calculation: Discovery 2,000 x 0.1 = 200; Trial (1,000 + 3,000) x 0.6 = 2,400; Final call 500 x 0.8 = 400.
  const input: WeightedPipelineInput = {
    amounts: [1000, 2000, 500, null, 3000],
    stages: ['Trial', 'Discovery', 'Final Call', null, 'trial'],
    stageTable: STAGES,
  };

  it('splits the weighted pipeline by stage in stage-table order', () => {
    const rows = weightedPipelineByStage(input);
    expect(rows.map((r) => [r.stage, r.deals])).toEqual([
      ['Discovery', 1],
      ['Trial', 2],
      ['Final call', 1],
    ]);
    expect(rows[0].amount).toBeCloseTo(2000, 9);
    expect(rows[0].weighted).toBeCloseTo(200, 9);
    expect(rows[1].amount).toBeCloseTo(4000, 9);
    expect(rows[1].weighted).toBeCloseTo(2400, 9);
    expect(rows[2].weighted).toBeCloseTo(400, 9);
  });

  it('adds up to weightedPipeline (invariant), also with a period filter', () => {
    const withPeriod = {
      ...input,
      closeDates: [46000, 46100, 46020, null, 46010],
      periodStart: 46000,
      periodEnd: 46050,
    };
    for (const x of [input, withPeriod]) {
      const parts = weightedPipelineByStage(x).reduce((s, r) => s + r.weighted, 0);
      expect(parts).toBeCloseTo(weightedPipeline(x), 9);
    }
    // In the period: Trial 1,000 (46000) and 3,000 (46010), Final call 500 (46020); Discovery (46100) is outside.
    const rows = weightedPipelineByStage(withPeriod);
    expect(rows[0].weighted).toBe(0);
    expect(rows[1].weighted).toBeCloseTo(2400, 9);
  });

  it('lists a stage with no deals as zero and merges a repeated stage', () => {
    const rows = weightedPipelineByStage({
      amounts: [100],
      stages: ['Trial'],
      stageTable: [...STAGES, { stage: 'TRIAL', probability: 0.6, row: 4 }],
    });
    expect(rows.map((r) => [r.stage, r.weighted])).toEqual([
      ['Discovery', 0],
      ['Trial', 60],
      ['Final call', 0],
    ]);
  });

  it.each([
    [
      'an unknown stage',
      { amounts: [1], stages: ['Negotiaton'], stageTable: STAGES },
      'NA',
      "stages row 1: unknown stage 'Negotiaton'",
    ],
    ['a blank stage', { amounts: [1], stages: [null], stageTable: STAGES }, 'VALUE', 'stages row 1 is blank'],
    [
      'sizes that differ',
      { amounts: [1, 2], stages: ['Trial'], stageTable: STAGES },
      'VALUE',
      'amounts has 2 rows but stages has 1',
    ],
  ])('refuses %s like weightedPipeline', (_what, bad, code, message) => {
    const e = thrown(() => weightedPipelineByStage(bad as WeightedPipelineInput));
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
  });
});

describe('winRate', () => {
  it('is won / (won + lost), open deals ignored: Won, Lost, Won, Engaging, won = 3 / 4', () => {
    expect(winRate(['Won', 'Lost', 'Won', 'Engaging', ' won ', null])).toEqual({ won: 3, lost: 1, rate: 0.75 });
  });

  it('takes other labels: Closed Won x1, Closed Lost x2 = 1/3', () => {
    expect(
      winRate(['Closed Won', 'Closed Lost', 'closed lost'], { won: 'Closed Won', lost: 'Closed Lost' }).rate,
    ).toBeCloseTo(1 / 3, 12);
  });

  it.each([
    ['no closed deal', ['Engaging', null], { won: 'Won', lost: 'Lost' }, 'DIV0', 'outcomes holds no won'],
    ['equal labels', ['Won'], { won: 'Won', lost: 'won' }, 'VALUE', 'won_label and lost_label'],
    ['a blank won label', ['Won'], { won: ' ', lost: 'Lost' }, 'VALUE', 'won_label is blank'],
    ['a blank lost label', ['Won'], { won: 'Won', lost: '' }, 'VALUE', 'lost_label is blank'],
  ])('refuses %s', (_what, outcomes, labels, code, message) => {
    const e = thrown(() => winRate(outcomes as (string | null)[], labels));
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
  });
});

describe('winRateBy', () => {
  it('gives win rate per group in first-appearance order (A 2 of 3, B 0 of 1, C open only)', () => {
    const rows = winRateBy(['A', 'B', 'a', 'C', 'B', 'A'], ['Won', 'Lost', 'Lost', 'Engaging', 'Engaging', 'Won']);
    expect(rows.map((r) => [r.group, r.won, r.lost])).toEqual([
      ['A', 2, 1],
      ['B', 0, 1],
      ['C', 0, 0],
    ]);
    expect(rows[0].rate).toBeCloseTo(2 / 3, 12);
    expect(rows[1].rate).toBe(0);
    // A group with only open deals has no win rate: a #DIV/0! cell naming the group, not a failed spill.
    const c = rows[2].rate as SalesOpsError;
    expect(c.code).toBe('DIV0');
    expect(c.message).toContain("group 'C'");
  });

  it('skips rows with a blank outcome and puts a blank group under (blank)', () => {
    const rows = winRateBy([null, 'A', null, 'B'], ['Won', null, 'Lost', null]);
    expect(rows.map((r) => [r.group, r.won, r.lost])).toEqual([['(blank)', 1, 1]]);
  });

  it('agrees with winRate over each group (invariant)', () => {
    const groups = ['x', 'y', 'x', 'y', 'y', 'x', 'z'];
    const outcomes = ['Won', 'Won', 'Lost', 'Lost', 'Lost', 'Won', 'Lost'];
    for (const r of winRateBy(groups, outcomes)) {
      expect(r.rate).toBeCloseTo(winRate(outcomes.filter((_, i) => groups[i] === r.group)).rate, 12);
    }
  });

  it.each([
    ['sizes that differ', ['A', 'B'], ['Won'], 'VALUE', 'groups has 2 rows but outcomes has 1'],
    ['no outcomes', ['A'], [null], 'VALUE', 'outcomes is empty'],
  ])('refuses %s', (_what, groups, outcomes, code, message) => {
    const e = thrown(() => winRateBy(groups as (string | null)[], outcomes as (string | null)[]));
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
  });
});

describe('funnel', () => {
  const ORDER = ['Lead', 'Qualified', 'Proposal', 'Won'];
  it('counts reached and conversions (issue example: Lead x4, Qualified x3, Proposal x2, Won x1)', () => {
    const furthest = [
      ...Array(4).fill('Lead'),
      ...Array(3).fill('Qualified'),
      ...Array(2).fill('proposal'),
      'Won',
      null,
    ];
    const rows = funnel(furthest, ORDER);
    // reached: 10, 6, 3, 1; to next 6/10, 3/6, 1/3; from first 1, 6/10, 3/10, 1/10
    expect(rows.map((r) => [r.stage, r.reached])).toEqual([
      ['Lead', 10],
      ['Qualified', 6],
      ['Proposal', 3],
      ['Won', 1],
    ]);
    expect(rows[0].toNext).toBeCloseTo(0.6, 12);
    expect(rows[1].toNext).toBeCloseTo(0.5, 12);
    expect(rows[2].toNext).toBeCloseTo(1 / 3, 12);
    expect(rows[3].toNext).toBeNull();
    expect(rows.map((r) => r.fromFirst)).toEqual([1, 0.6, 0.3, 0.1]);
  });

  it('gives a #DIV/0! cell for the conversion out of a stage nobody reached', () => {
    const rows = funnel(['Lead', 'Lead'], ORDER);
    expect(rows[0].toNext).toBe(0);
    const e = rows[1].toNext as SalesOpsError;
    expect(e.code).toBe('DIV0');
    expect(e.message).toContain("'Qualified'");
    expect(rows[1].fromFirst).toBe(0);
  });

  it.each([
    ['an unknown stage', ['Lead', 'Qualifed'], ORDER, 'NA', "furthest_stages row 2: unknown stage 'Qualifed'"],
    [
      'a repeated stage in the order',
      ['Lead'],
      ['Lead', ' LEAD'],
      'VALUE',
      "stage_order item 2: stage ' LEAD' appears twice",
    ],
    ['an empty order', ['Lead'], [], 'VALUE', 'stage_order is empty'],
    ['no opportunities', [null], ORDER, 'VALUE', 'furthest_stages holds no opportunities'],
  ])('refuses %s', (_what, furthest, order, code, message) => {
    const e = thrown(() => funnel(furthest as (string | null)[], order as string[]));
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
  });
});

describe('stageDays', () => {
  const ORDER = ['Lead', 'Qualified', 'Proposal', 'Won'];
  it('averages the days from each stage to the next stage entered', () => {
    // Deal 1: Lead day 0, Qualified 10, Proposal 25, Won 45 -> 10, 15, 20.
    // Deal 2: Lead 100, Proposal 130 (skipped Qualified), Won 131 -> Lead 30, Proposal 1.
    // Deal 3: Lead 200, Qualified 204, still in Qualified -> Lead 4; Qualified not measured.
    // Lead: (10 + 30 + 4) / 3 = 14.667; Qualified: 15 / 1; Proposal: (20 + 1) / 2 = 10.5.
    const rows = stageDays(
      [
        [0, 10, 25, 45],
        [100, null, 130, 131],
        [200, 204, null, null],
      ],
      ORDER,
    );
    expect(rows[0].averageDays).toBeCloseTo(44 / 3, 12);
    expect(rows[1].averageDays).toBeCloseTo(15, 12);
    expect(rows[2].averageDays).toBeCloseTo(10.5, 12);
    expect(rows[3].averageDays).toBeNull();
    expect(rows.map((r) => [r.stage, r.movedOn, r.entered])).toEqual([
      ['Lead', 3, 3],
      ['Qualified', 1, 2],
      ['Proposal', 2, 2],
      ['Won', 0, 2],
    ]);
  });

  it('allows a deal to enter two stages the same day (0 days) and gives #DIV/0! where nobody moved on', () => {
    const rows = stageDays([[5, 5, null]], ['A', 'B', 'C']);
    expect(rows[0].averageDays).toBe(0);
    expect((rows[1].averageDays as SalesOpsError).code).toBe('DIV0');
    expect((rows[1].averageDays as SalesOpsError).message).toContain("'B'");
  });

  it.each([
    [
      'dates out of order',
      [[10, 5]],
      ['A', 'B'],
      'VALUE',
      "stage_entered_dates row 1: the 'B' date is before the 'A' date",
    ],
    [
      'a column count that differs from the stages',
      [[1, 2]],
      ['A', 'B', 'C'],
      'VALUE',
      'stage_entered_dates has 2 columns but stage_order lists 3 stages',
    ],
    ['a repeated stage', [[1, 2]], ['A', 'a'], 'VALUE', 'stage_order item 2'],
  ])('refuses %s', (_what, dates, order, code, message) => {
    const e = thrown(() => stageDays(dates as number[][], order as string[]));
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
  });
});

describe('stageProbabilities', () => {
  it('is won / closed among deals that reached each stage; won deals reached every stage', () => {
    // Won x2; lost at Lead x2, Demo x1, Trial x1; one open deal (ignored).
    // Lead: 2 / (2 + 4) = 1/3; Demo: 2 / (2 + 2) = 1/2; Trial: 2 / (2 + 1) = 2/3.
    const rows = stageProbabilities(
      ['Trial', null, 'Lead', 'lead', 'Demo', 'Trial', 'Nonsense'],
      ['Won', 'Won', 'Lost', 'Lost', 'Lost', 'Lost', 'Open'],
      ['Lead', 'Demo', 'Trial'],
    );
    expect(rows.map((r) => [r.stage, r.won, r.closed])).toEqual([
      ['Lead', 2, 6],
      ['Demo', 2, 4],
      ['Trial', 2, 3],
    ]);
    expect(rows[0].probability).toBeCloseTo(1 / 3, 12);
    expect(rows[1].probability).toBeCloseTo(0.5, 12);
    expect(rows[2].probability).toBeCloseTo(2 / 3, 12);
  });

  it('gives #DIV/0! cells when no deal closed', () => {
    const rows = stageProbabilities(['Lead'], ['Open'], ['Lead', 'Demo']);
    expect(rows.map((r) => (r.probability as SalesOpsError).code)).toEqual(['DIV0', 'DIV0']);
  });

  it.each([
    ['an unknown stage on a lost deal', ['Demoo'], ['Lost'], 'NA', "stages row 1: unknown stage 'Demoo'"],
    ['a blank stage on a lost deal', [null], ['Lost'], 'VALUE', 'stages row 1 is blank for a lost deal'],
    ['sizes that differ', ['Lead'], ['Lost', 'Won'], 'VALUE', 'stages has 1 rows but outcomes has 2'],
  ])('refuses %s', (_what, stages, outcomes, code, message) => {
    const e = thrown(() => stageProbabilities(stages as (string | null)[], outcomes as string[], ['Lead', 'Demo']));
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
  });
});
