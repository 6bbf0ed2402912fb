/**
 * The audit engine over test workbooks with planted faults: each fault is found with the right cells, each clean
 * workbook gives no finding, SALESOPS cells are listed and explained, and the workbook is never changed.
 */
import { auditWorkbook, AuditCancelled } from '../../src/audit/audit';
import { F, FakeWorkbook, type Cell } from './fake-workbook';
import { TIERS, commissionSheet, of, cells, audit } from './commission-plan';

describe('clean workbooks give no finding', () => {
  it.each([
    ['commission plan', () => commissionSheet()],
    [
      'pipeline with a rising stage table',
      () => ({
        Deals: [
          ['Amount', 'Stage'],
          [1000, 'Trial'],
          [500, 'Final call'],
          [2000, 'Demo'],
          [F('=SALESOPS.WEIGHTEDPIPE(A2:A4,B2:B4,Stages!A2:B6)', 1800)],
        ],
        Stages: [
          ['Stage', 'P'],
          ['Demo', 0.4],
          ['Trial', '60%'],
          ['Final call', 0.8],
          ['Won', 1],
          ['Closed Lost', 0],
        ],
      }),
    ],
    [
      'org rollup with blank parent values',
      () => ({
        // C: company; E, W regions; r1, r2 under E; r3 under W. Rollup by hand: C 60, E 30, W 30, r1 10, r2 20, r3 30.
        Org: [
          ['Id', 'Parent', 'Quota', 'Rollup'],
          ['C', null, null, F('=SALESOPS.QUOTA.ROLLUP(A2:A7,B2:B7,C2:C7)', 60)],
          ['E', 'C', null, 30],
          ['W', 'C', null, 30],
          ['r1', 'E', 10, 10],
          ['r2', 'E', 20, 20],
          ['r3', 'W', 30, 30],
        ],
      }),
    ],
    [
      'quota allocation that adds up',
      // 1,000,000 x 1.2 over weights 3:2:5 = 360,000 / 240,000 / 600,000 (issue 4's example)
      () => ({
        Plan: [
          ['Target', 1000000],
          ['Over', 0.2],
          ['Weight', 'Quota'],
          [3, F('=SALESOPS.QUOTA.ALLOCATE($B$1,A4:A6,$B$2)', 360000)],
          [2, 240000],
          [5, 600000],
        ],
      }),
    ],
    [
      'capacity with a ramp in 0..1',
      () => ({
        Team: [
          ['Hired', 'Ramp', 'Productivity', 'From', 'To'],
          ['2025-01-15', 0.25, 1200000, '2026-01-01', '2026-03-31'],
          ['2026-02-01', 0.5],
          [null, 0.75],
          [F('=SALESOPS.CAPACITY(A2:A3,C2,B2:B4,D2,E2)', 375000)],
        ],
      }),
    ],
  ])('%s', async (_name, build) => {
    const report = await audit(build() as Record<string, Cell[][]>);
    expect(report.findings).toEqual([]);
    expect(report.summary.salesopsFormulas).toBeGreaterThan(0);
  });
});

describe('what a clean plan legitimately does is not a finding', () => {
  it.each([
    [
      'a running total seeded by its first cell (=B2, then =C2+B3 ...) across and down',
      () => ({
        Across: [
          ['Month', 'Jan', 'Feb', 'Mar', 'Apr'],
          ['Bookings', 10, 20, 30, 40],
          ['Cumulative', F('=B2', 10), F('=B3+C2', 30), F('=C3+D2', 60), F('=D3+E2', 100)],
        ],
        Down: [
          ['Month', 'Bookings', 'YTD', 'In month'],
          ['Jan', 10, F('=B2', 10), F('=C2', 10)],
          ['Feb', 20, F('=C2+B3', 30), F('=C3-C2', 20)],
          ['Mar', 30, F('=C3+B4', 60), F('=C4-C3', 30)],
          ['Apr', 40, F('=C4+B5', 100), F('=C5-C4', 40)],
        ],
      }),
    ],
    [
      'a month row seeded from an input (=Start, then =EDATE(B2,1) ...)',
      () => ({
        Plan: [
          ['Start', 46023],
          ['Month', F('=B1', 46023), F('=EDATE(B2,1)', 46054), F('=EDATE(C2,1)', 46082), F('=EDATE(D2,1)', 46113)],
        ],
      }),
    ],
    [
      'parent rows holding 0 above a column of formulas that copy the allocation',
      () => ({
        // C2:C3 are the parents' own quota (0); C4:C7 copy the allocated quotas from F2:F5 (header in F1)
        Org: [
          ['Id', 'Parent', 'Own', null, null, 'Allocated'],
          ['Co', null, 0, null, null, 100],
          ['East', 'Co', 0, null, null, 200],
          ['a', 'East', F('=F2', 100), null, null, 300],
          ['b', 'East', F('=F3', 200), null, null, 400],
          ['c', 'East', F('=F4', 300)],
          ['d', 'East', F('=F5', 400)],
        ],
      }),
    ],
    [
      'a test of a blank cell (F2="", ISBLANK, LEN)',
      () => ({
        Deals: [
          ['Stage', 'Engaged', 'Furthest', 'Flag', 'Length', 'Open'],
          [
            'Lost',
            null,
            F('=IF(A2="Lost",IF(B2="","Prospecting","Engaging"),A2)', 'Prospecting'),
            F('=IF(ISBLANK(B2),"new","old")', 'new'),
            F('=LEN(B2)', 0),
            F('=IF(""<>B2,0,1)', 1),
          ],
          [
            'Lost',
            42663,
            F('=IF(A3="Lost",IF(B3="","Prospecting","Engaging"),A3)', 'Engaging'),
            F('=IF(ISBLANK(B3),"new","old")', 'old'),
            F('=LEN(B3)', 5),
            F('=IF(""<>B3,0,1)', 0),
          ],
          [
            'Won',
            null,
            F('=IF(A4="Lost",IF(B4="","Prospecting","Engaging"),A4)', 'Won'),
            F('=IF(ISBLANK(B4),"new","old")', 'new'),
            F('=LEN(B4)', 0),
            F('=IF(""<>B4,0,1)', 1),
          ],
        ],
      }),
    ],
    [
      'unit conversions typed in formulas (12 months, 52 weeks, 365 days, 7, 24, 100, 1000)',
      () => ({
        Units: [
          [1200000, F('=A1/12', 100000), F('=A1/52', 0), F('=A1/365', 0)],
          [7, F('=A2*24', 168), F('=A2/7', 1), F('=A1/1000', 1200)],
          [0.25, F('=A3*100', 25), null, null],
        ],
      }),
    ],
  ])('%s', async (_name, build) => {
    const report = await audit(build() as Record<string, Cell[][]>);
    expect(report.findings.map((f) => `${f.kind} ${f.title}`)).toEqual([]);
  });
});

describe('faults next to those exceptions are still found', () => {
  it('a running total that slips in the middle, and a first cell that misses the pattern where it applies', async () => {
    const report = await audit({
      // C4 should be =C3+B4 (it skips March's bookings)
      Down: [
        ['Month', 'Bookings', 'YTD'],
        ['Jan', 10, F('=B2', 10)],
        ['Feb', 20, F('=C2+B3', 30)],
        ['Mar', 30, F('=C3', 30)],
        ['Apr', 40, F('=C4+B5', 70)],
        ['May', 50, F('=C5+B6', 120)],
      ],
      // D2 reads B3 (the next rep's bookings): the pattern =Bn*Cn applies in row 2 too, so it is a slip
      Pay: [
        ['Rep', 'Bookings', 'Rate', 'Bonus'],
        ['a', 100, 0.1, F('=B3*C2', 20)],
        ['b', 200, 0.1, F('=B3*C3', 20)],
        ['c', 300, 0.1, F('=B4*C4', 30)],
        ['d', 400, 0.1, F('=B5*C5', 40)],
      ],
    });
    expect(of(report, 'inconsistent-formula').map(cells).sort()).toEqual([['Down!C4'], ['Pay!D2']]);
  });

  it('a number typed just above a column of formulas whose inputs are filled in that row', async () => {
    const report = await audit({
      Pay: [
        ['Rep', 'Bookings', 'Bonus'],
        ['a', 100, 9],
        ['b', 200, F('=B3*0.1', 20)],
        ['c', 300, F('=B4*0.1', 30)],
        ['d', 400, F('=B5*0.1', 40)],
      ],
    });
    expect(of(report, 'typed-over-formula').map(cells)).toEqual([['Pay!C2']]);
  });

  it('a blank read as a number next to a blank test in the same formula', async () => {
    // B3 is tested for "" (fine) but C3, the rate, is blank and multiplied
    const report = await audit({
      Pay: [
        ['Bookings', 'Start', 'Rate', 'Bonus'],
        [100, 1, 0.1, F('=IF(B2="",0,A2*C2)', 10)],
        [200, null, null, F('=IF(B3="",0,A3*C3)', 0)],
      ],
    });
    const found = of(report, 'empty-reference');
    expect(found.map(cells)).toEqual([['Pay!D3', 'Pay!C3']]);
  });

  it('a rate typed next to a unit conversion', async () => {
    const report = await audit({
      Pay: [
        [1200000, F('=A1/12*0.08', 8000)],
        [600000, F('=A2/12*0.08', 4000)],
      ],
    });
    const found = of(report, 'hard-coded-constant');
    expect(found.map((f) => f.title)).toEqual([expect.stringContaining('(0.08)')]);
  });
});

describe('sheet-scoped defined names', () => {
  it('resolve to the host sheet’s own name first, then the workbook name; Sheet!Name picks that sheet’s', async () => {
    const report = await audit(
      {
        // each region sheet has its own local Stages; Summary uses the workbook-level one, and East's by prefix
        East: [
          ['Stage', 'P'],
          ['Demo', 0.5],
          ['Won', 1],
          [1000, 'Demo'],
          [F('=SALESOPS.WEIGHTEDPIPE(A4,B4,Stages)', 500)],
        ],
        West: [
          ['Stage', 'P'],
          ['Demo', 0.2],
          ['Won', 1],
          [1000, 'Demo'],
          [F('=SALESOPS.WEIGHTEDPIPE(A4,B4,Stages)', 200)],
        ],
        Setup: [
          ['Stage', 'P'],
          ['Demo', 0.3],
          ['Won', 1],
        ],
        Summary: [
          [1000, 'Demo'],
          [F('=SALESOPS.WEIGHTEDPIPE(A1,B1,Stages)', 300)],
          [F('=SALESOPS.WEIGHTEDPIPE(A1,B1,East!Stages)', 500)],
        ],
      },
      [
        { name: 'Stages', sheet: 'Setup', address: 'A2:B3' },
        { name: 'Stages', sheet: 'East', address: 'A2:B3', scope: 'East' },
        { name: 'Stages', sheet: 'West', address: 'A2:B3', scope: 'West' },
      ],
    );
    const table = (address: string, sheet: string) =>
      report.inventory.find((i) => i.sheet === sheet && i.address === address)!;
    const stageRead = (sheet: string, address: string) =>
      table(address, sheet).reads.find((r) => r.param === 'stage_table');
    expect(stageRead('East', 'A5')).toMatchObject({ sheet: 'East', address: 'A2:B3' });
    expect(stageRead('West', 'A5')).toMatchObject({ sheet: 'West', address: 'A2:B3' });
    expect(stageRead('Summary', 'A2')).toMatchObject({ sheet: 'Setup', address: 'A2:B3' });
    expect(stageRead('Summary', 'A3')).toMatchObject({ sheet: 'East', address: 'A2:B3' });
    // the explanations use each cell's own table: Demo 1,000 x 0.5 on East, x 0.2 on West, x 0.3 from Setup
    const weighted = (sheet: string, address: string) =>
      table(address, sheet).explanation.table.find((r) => r[0] === 'Total')![4];
    expect([
      weighted('East', 'A5'),
      weighted('West', 'A5'),
      weighted('Summary', 'A2'),
      weighted('Summary', 'A3'),
    ]).toEqual([500, 200, 300, 500]);
  });

  it('a local name’s inputs get the planning-model checks', async () => {
    const report = await audit(
      {
        Team: [
          ['Hired', 'Ramp'],
          ['2026-01-01', 0.5],
          [null, 1.5],
          [F('=SALESOPS.CAPACITY(A2:A2,1200000,Ramp,"2026-01-01","2026-12-31")', 0)],
        ],
      },
      [{ name: 'Ramp', sheet: 'Team', address: 'B2:B3', scope: 'Team' }],
    );
    expect(of(report, 'ramp-above-one').map(cells)).toEqual([['Team!B3']]);
  });
});

describe('inventory and explanations', () => {
  it('lists every SALESOPS formula with its definition, the ranges it reads and their sizes', async () => {
    const report = await audit(commissionSheet());
    expect(report.inventory).toHaveLength(20);
    const d2 = report.inventory[0];
    expect(d2).toMatchObject({
      sheet: 'Reps',
      address: 'D2',
      formula: '=SALESOPS.COMMISSION(B2,C2,Tiers!$A$2:$B$4)',
      functions: ['COMMISSION'],
    });
    expect(d2.definition).toMatch(/^Tiered commission on bookings against a quota/);
    expect(d2.reads).toEqual([
      { sheet: 'Reps', address: 'B2', rows: 1, cols: 1, param: 'bookings' },
      { sheet: 'Reps', address: 'C2', rows: 1, cols: 1, param: 'quota' },
      { sheet: 'Tiers', address: 'A2:B4', rows: 3, cols: 2, param: 'tiers' },
    ]);
  });

  it('explains a commission cell with the COMMISSION.EXPLAIN lines', async () => {
    // Bookings 130,000 on quota 100,000: 100,000 x 8% + 20,000 x 12% + 10,000 x 15% = 8,000 + 2,400 + 1,500 = 11,900
    const report = await audit({
      Reps: [
        ['Rep', 'Bookings', 'Quota', 'Commission'],
        ['Ann', 130000, 100000, F('=SALESOPS.COMMISSION(B2,C2,Tiers!$A$2:$B$4)', 11900)],
      ],
      Tiers: TIERS,
    });
    const e = report.inventory[0].explanation;
    expect(e.kind).toBe('commission');
    const total = e.table.find((r) => r[0] === 'Total')!;
    expect(total[5]).toBeCloseTo(11900, 9);
    const tier2 = e.table.find((r) => r[0] === 'Tier 2')!;
    expect(tier2[3]).toBeCloseTo(20000, 9);
    expect(tier2[5]).toBeCloseTo(2400, 9);
  });

  it('explains a weighted pipeline by stage', async () => {
    // Trial: 1,000 x 60% = 600; Final call: 500 x 80% = 400; total 1,000
    const report = await audit({
      Deals: [
        ['Amount', 'Stage'],
        [1000, 'Trial'],
        [500, 'Final call'],
        [F('=SALESOPS.WEIGHTEDPIPE(A2:A3,B2:B3,Stages!A2:B3)', 1000)],
      ],
      Stages: [
        ['Stage', 'P'],
        ['Trial', 0.6],
        ['Final call', 0.8],
      ],
    });
    const e = report.inventory[0].explanation;
    expect(e.kind).toBe('pipeline-by-stage');
    expect(e.table.find((r) => r[0] === 'Trial')![4]).toBeCloseTo(600, 9);
    expect(e.table.find((r) => r[0] === 'Final call')![4]).toBeCloseTo(400, 9);
    expect(e.table.find((r) => r[0] === 'Total')![4]).toBeCloseTo(1000, 9);
  });

  it('explains a capacity cell by month', async () => {
    // Ramp {0.25, 0.5, 0.75}; rep 1 hired 2025-01-15 is fully ramped (1) all quarter; rep 2 hired 2026-02-01 is at
    // 0 in Jan, 0.25 in Feb (its first month), 0.5 in Mar: RRE 1, 1.25, 1.5; capacity = RRE x 1,200,000 / 12.
    const report = await audit({
      Team: [
        ['Hired', 'Ramp'],
        ['2025-01-15', 0.25],
        ['2026-02-01', 0.5],
        [null, 0.75],
        [F('=SALESOPS.CAPACITY(A2:A3,1200000,B2:B4,"2026-01-01","2026-03-31")', 375000)],
      ],
    });
    const e = report.inventory[0].explanation;
    expect(e.kind).toBe('capacity-by-month');
    expect(e.table.slice(1).map((r) => r[0])).toEqual(['2026-01', '2026-02', '2026-03', 'Total']);
    expect(e.table.slice(1).map((r) => r[1])).toEqual([1, 1.25, 1.5, 3.75]);
    expect(e.table[4][2]).toBeCloseTo(375000, 6);
  });

  it('gives other functions their inputs and definition', async () => {
    const report = await audit({
      Plan: [['Annual', 1200000], [F('=SALESOPS.QUOTA.PHASE(B1,{20;25;25;30})', 240000)], [300000], [300000], [360000]],
    });
    const e = report.inventory[0].explanation;
    expect(e.kind).toBe('inputs');
    expect(e.table).toEqual([
      ['Parameter', 'Given as', 'Size', 'Values'],
      ['annual', 'Plan!B1', '1 x 1', '1200000'],
      ['seasonality', 'array typed in the formula', '4 x 1', '20; 25; 25; 30'],
    ]);
  });

  it('falls back to inputs when an argument is a calculation', async () => {
    const report = await audit({
      Reps: [['Ann', 130000, 100000, F('=SALESOPS.COMMISSION(B1*2,C1,Tiers!$A$2:$B$4)', 0)]],
      Tiers: TIERS,
    });
    expect(report.inventory[0].explanation).toMatchObject({
      kind: 'inputs',
      note: expect.stringContaining('calculation'),
    });
  });
});

describe('the audit only reads', () => {
  it('never writes, adds sheets or restores', async () => {
    const wb = new FakeWorkbook(commissionSheet((rows) => (rows[8][3] = 12345)));
    const before = wb.dump('Reps');
    await auditWorkbook(wb);
    expect(wb.mutations).toEqual([]);
    expect(wb.dump('Reps')).toEqual(before);
  });

  it('reports progress and can be cancelled', async () => {
    const phases: string[] = [];
    await auditWorkbook(new FakeWorkbook(commissionSheet()), { onProgress: (p) => phases.push(p.phase) });
    expect(phases[0]).toBe('reading');
    expect(phases[phases.length - 1]).toBe('done');
    const controller = new AbortController();
    controller.abort();
    await expect(
      auditWorkbook(new FakeWorkbook(commissionSheet()), { signal: controller.signal }),
    ).rejects.toBeInstanceOf(AuditCancelled);
  });
});

describe('unusual references', () => {
  it('does not choke on whole columns, a missing sheet, or structured references', async () => {
    const report = await audit({
      Pay: [
        ['Bookings', 'Total'],
        [100, F('=SUM(A:A)', 100)],
        [200, F('=SALESOPS.QUOTA.PHASE(A2,Gone!A:A)', { error: '#REF!' })],
        [300, F('=SUM(Table1[Bookings])', 600)],
      ],
    });
    expect(report.summary.formulas).toBe(3);
    expect(
      report.findings.filter((f) => f.kind === 'error-value').flatMap((f) => f.cells.map((c) => c.address)),
    ).toEqual(['B3']);
    expect(report.notes.join(' ')).toMatch(/Structured references/);
  });
});

describe('inconsistent across sheets laid out alike', () => {
  /** One sheet per region: bookings in B, quota in C, attainment =B/C in D (rows 2..3), total in D4. */
  const region = (attainment2 = '=B2/C2'): Cell[][] => [
    ['Rep', 'Bookings', 'Quota', 'Attainment'],
    ['a', 90, 100, F(attainment2, 0.9)],
    ['b', 120, 100, F('=B3/C3', 1.2)],
    [null, null, null, F('=AVERAGE(D2:D3)', 1.05)],
  ];

  it('finds the one region whose D2 differs from the same cell on the other regions', async () => {
    const report = await audit({ East: region(), West: region('=B2/100'), Central: region(), South: region() });
    const found = of(report, 'inconsistent-formula');
    expect(found.map(cells)).toEqual([['West!D2']]);
    expect(found[0].detail).toContain('East, Central, South hold =RC[-2]/RC[-1] at D2');
    expect(found[0].action).toContain('enter =B2/C2 in D2');
  });

  it('stays quiet for sheets that are not laid out alike', async () => {
    const report = await audit({
      East: region(),
      Notes: [[F('=1+1', 2)], [F('=A1', 2)]],
      Summary: [
        [null, null, null, null],
        [null, null, null, F('=East!D2', 0.9)],
      ],
    });
    expect(of(report, 'inconsistent-formula')).toEqual([]);
  });
});
