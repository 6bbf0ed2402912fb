/** The audit engine finds each fault planted in the commission plan, with the right cells. */
import { F, type Cell } from './fake-workbook';
import { commissionSheet, of, cells, audit } from './commission-plan';

describe('planted faults are found with the right cells', () => {
  it('one commission row pointing at another sheet: inconsistent formula naming the majority pattern', async () => {
    const report = await audit(
      commissionSheet((rows) => (rows[6][3] = F('=SALESOPS.COMMISSION(Q3!B7,C7,Tiers!$A$2:$B$4)', 0))),
    );
    const found = of(report, 'inconsistent-formula');
    expect(found).toHaveLength(1);
    expect(cells(found[0])).toEqual(['Reps!D7']);
    expect(found[0].severity).toBe('high');
    // the majority pattern, and the formula as it should read in D7
    expect(found[0].detail).toContain('=SALESOPS.COMMISSION(RC[-2],RC[-1],Tiers!R2C1:R4C2)');
    expect(found[0].action).toContain('=SALESOPS.COMMISSION(B7,C7,Tiers!$A$2:$B$4)');
    expect(report.findings).toHaveLength(1);
  });

  it('a number typed over the commission column', async () => {
    const report = await audit(commissionSheet((rows) => (rows[8][3] = 12345)));
    const found = of(report, 'typed-over-formula');
    expect(found.map(cells)).toEqual([['Reps!D9']]);
    expect(found[0].detail).toContain('12,345');
    expect(report.findings).toHaveLength(1);
  });

  it('a number typed over the last row of the column', async () => {
    const report = await audit(commissionSheet((rows) => (rows[20][3] = 5000)));
    expect(of(report, 'typed-over-formula').map(cells)).toEqual([['Reps!D21']]);
  });

  it('a hard-coded rate inside a formula column', async () => {
    const report = await audit({
      Pay: [
        ['Bookings', 'Bonus'],
        [100, F('=A2*0.1', 10)],
        [200, F('=A3*0.1', 20)],
        [300, F('=A4*0.1', 30)],
      ],
    });
    const found = of(report, 'hard-coded-constant');
    expect(found.map(cells)).toEqual([['Pay!B2:B4']]);
    expect(found[0].title).toContain('0.1');
  });

  it('a non-monotone stage table and a probability above 1', async () => {
    const report = await audit({
      Deals: [['Amount', 'Stage'], [1000, 'Trial'], [F('=SALESOPS.WEIGHTEDPIPE(A2:A2,B2:B2,Stages!A2:B5)', 300)]],
      // Trial (row 4) at 0.3 falls below Demo at 0.4; Won at 60 is outside 0..1
      Stages: [
        ['Stage', 'P'],
        ['Qualified', 0.2],
        ['Demo', 0.4],
        ['Trial', 0.3],
        ['Won', 60],
      ],
    });
    const found = of(report, 'stage-probability');
    expect(found.map(cells).sort()).toEqual([['Stages!B4'], ['Stages!B5']]);
  });

  it('a stage table given as a defined name', async () => {
    const report = await audit(
      {
        Deals: [['Amount', 'Stage'], [1000, 'Demo'], [F('=SALESOPS.WEIGHTEDPIPE(A2,B2,Stages)', 400)]],
        // Demo (row 3) at 0.3 falls below Qualified at 0.5
        Setup: [
          ['Stage', 'P'],
          ['Qualified', 0.5],
          ['Demo', 0.3],
        ],
      },
      [{ name: 'Stages', sheet: 'Setup', address: 'A2:B3' }],
    );
    expect(of(report, 'stage-probability').map(cells)).toEqual([['Setup!B3']]);
    expect(report.inventory[0].reads).toEqual([
      { sheet: 'Deals', address: 'A2', rows: 1, cols: 1, param: 'amounts' },
      { sheet: 'Deals', address: 'B2', rows: 1, cols: 1, param: 'stages' },
      { sheet: 'Setup', address: 'A2:B3', rows: 2, cols: 2, param: 'stage_table' },
    ]);
  });

  it('commission tier floors not ascending (reported once for all 20 cells that use them)', async () => {
    const sheets = commissionSheet();
    sheets.Tiers[3][0] = 0.9; // floors 0, 1, 0.9
    const report = await audit(sheets);
    const found = of(report, 'commission-tiers');
    expect(found.map(cells)).toEqual([['Tiers!A4']]);
  });

  it('a rollup whose children do not add up to the parent, and one that counts a total twice', async () => {
    const report = await audit({
      Org: [
        ['Id', 'Parent', 'Quota'],
        // E carries 500 but r1 + r2 = 200 + 250 = 450; W carries 300 = r3's 300 (a total typed into the values).
        // The rollup as the function computes it: E 500 + 450 = 950, W 300 + 300 = 600, C 950 + 600 = 1,550.
        ['C', null, null, F('=SALESOPS.QUOTA.ROLLUP(A2:A7,B2:B7,C2:C7)', 1550)],
        ['E', 'C', 500, 950],
        ['W', 'C', 300, 600],
        ['r1', 'E', 200, 200],
        ['r2', 'E', 250, 250],
        ['r3', 'W', 300, 300],
      ],
    });
    const found = of(report, 'rollup-mismatch');
    const east = found.find((f) => f.title.includes("'E'"))!;
    const west = found.find((f) => f.title.includes("'W'"))!;
    expect(cells(east)).toEqual(['Org!C3', 'Org!C5:C6']);
    expect(east.detail).toContain('450');
    expect(cells(west)).toEqual(['Org!C4', 'Org!C7']);
    expect(west.severity).toBe('high');
    expect(found).toHaveLength(2);
  });

  it('a rollup result with a value pasted over it', async () => {
    const report = await audit({
      // by hand: C = 10 + 20 = 30; the pasted 25 in D3 should be 10
      Org: [
        ['Id', 'Parent', 'Quota', 'Rollup'],
        ['C', null, null, F('=SALESOPS.QUOTA.ROLLUP(A2:A4,B2:B4,C2:C4)', 30)],
        ['a', 'C', 10, 25],
        ['b', 'C', 20, 20],
      ],
    });
    expect(of(report, 'rollup-mismatch').map(cells)).toEqual([['Org!D3']]);
  });

  it('a quota allocation whose parts do not add up to its total', async () => {
    // 1,000,000 x 1.2 = 1,200,000 but the parts add to 360,000 + 240,000 + 500,000 = 1,100,000
    const report = await audit({
      Plan: [
        ['Target', 1000000],
        ['Over', 0.2],
        ['Weight', 'Quota'],
        [3, F('=SALESOPS.QUOTA.ALLOCATE($B$1,A4:A6,$B$2)', 360000)],
        [2, 240000],
        [5, 500000],
      ],
    });
    const found = of(report, 'quota-allocation');
    expect(found.map(cells)).toEqual([['Plan!B4:B6']]);
    expect(found[0].detail).toContain('1,100,000');
    expect(found[0].detail).toContain('1,200,000');
  });

  it('a ramp above 1', async () => {
    const report = await audit({
      Team: [
        ['Hired', 'Ramp'],
        ['2026-01-01', 0.5],
        [null, 1.5],
        [
          F('=SALESOPS.CAPACITY(A2:A2,1200000,B2:B3,"2026-01-01","2026-12-31")', {
            error: '#VALUE!',
            message: 'ramp item 2 is 1.5',
          }),
        ],
      ],
    });
    expect(of(report, 'ramp-above-one').map(cells)).toEqual([['Team!B3']]);
  });

  it('an error value carries the SALESOPS message', async () => {
    const message = "stages row 1: unknown stage 'Negotiaton' (not in stage_table)";
    const report = await audit({
      Deals: [
        ['Amount', 'Stage'],
        [1000, 'Negotiaton'],
        [F('=SALESOPS.WEIGHTEDPIPE(A2,B2,Stages!A2:B3)', { error: '#N/A', message }), F('=A3*2', { error: '#N/A' })],
      ],
      Stages: [
        ['Stage', 'P'],
        ['Demo', 0.4],
        ['Trial', 0.6],
      ],
    });
    const found = of(report, 'error-value');
    expect(found.map(cells)).toEqual([['Deals!A3'], ['Deals!B3']]);
    expect(found[0].severity).toBe('high');
    expect(found[0].detail).toContain(message);
    // B3 only passes A3's error on
    expect(found[1].severity).toBe('medium');
    expect(found[1].action).toContain('Deals!A3');
  });

  it('references to another workbook', async () => {
    const report = await audit({
      Pay: [
        ['Bookings', 'Bonus'],
        [100, F('=A2*[1]Rates!$B$2', 0)],
        [200, F("=A3*'[Comp.xlsx]Rates'!$B$2", 0)],
      ],
    });
    const found = of(report, 'external-reference');
    expect(found.flatMap(cells)).toEqual(['Pay!B2', 'Pay!B3']);
  });

  it('circular references, direct and through a range', async () => {
    const report = await audit({
      Loop: [
        [F('=B1+1'), F('=A1*2')],
        [5, F('=SUM(A2:A3)')],
        [6, null],
      ],
      Sums: [[1], [2], [F('=SUM(A1:A10)')]],
    });
    const found = of(report, 'circular-reference');
    expect(found.map(cells).sort()).toEqual([['Loop!A1:B1'], ['Sums!A3']]);
    // B2 reads A2:A3, which holds no formula: not a loop
    expect(found.flatMap(cells)).not.toContain('Loop!B2');
  });

  it('a loop through a long range and a chain of 10,000 cells', async () => {
    const rows: Cell[][] = [[F('=A10000+1')]];
    for (let r = 2; r <= 10000; r++) rows.push([F(`=A${r - 1}+1`)]);
    rows.push([F('=SUM(A1:A10000)')]);
    const report = await audit({ Chain: rows });
    const found = of(report, 'circular-reference');
    expect(found.map(cells)).toEqual([['Chain!A1:A10000']]);
  });

  it('a reference to an empty cell', async () => {
    const report = await audit({
      Pay: [
        ['Bookings', 'Rate', 'Bonus'],
        [100, 0.1, F('=A2*B2', 10)],
        [200, null, F('=A3*B3', 0)],
      ],
    });
    const found = of(report, 'empty-reference');
    expect(found.map(cells)).toEqual([['Pay!C3', 'Pay!B3']]);
  });
});
