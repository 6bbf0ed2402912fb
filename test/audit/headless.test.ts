/**
 * The audit over the real headless workbook (HyperFormula with the SALESOPS plugin): values, errors and their
 * SALESOPS messages come from the engine, as in the CLI and the playground.
 */
import { createEngine } from '../../src/hosts/headless/engine';
import { HeadlessWorkbook } from '../../src/hosts/headless/workbook';
import { auditWorkbook } from '../../src/audit/audit';

function workbook(): HeadlessWorkbook {
  return new HeadlessWorkbook(
    createEngine({
      Deals: [
        ['Amount', 'Stage'],
        [1000, 'Trial'],
        [500, 'Negotiaton'],
        ['=SALESOPS.WEIGHTEDPIPE(A2:A3,B2:B3,Stages!A2:B4)'],
        ['=A4+A2'],
      ],
      // Demo (0.4) then Trial (0.3): not rising
      Stages: [
        ['Stage', 'P'],
        ['Demo', 0.4],
        ['Trial', 0.3],
        ['Won', 1],
      ],
      Org: [
        ['Id', 'Parent', 'Quota', 'Rollup'],
        // East carries 500 but its reps add to 200 + 250 = 450
        ['Co', null, null, '=SALESOPS.QUOTA.ROLLUP(A2:A5,B2:B5,C2:C5)'],
        ['East', 'Co', 500],
        ['r1', 'East', 200],
        ['r2', 'East', 250],
      ],
      Loop: [['=B1+1', '=A1']],
    } as never),
  );
}

describe('audit over the headless workbook', () => {
  it('finds the planted faults with the engine’s values and messages', async () => {
    const wb = workbook();
    const report = await auditWorkbook(wb);
    const found = report.findings.map(
      (f) => `${f.kind} ${f.severity} ${f.cells.map((c) => `${c.sheet}!${c.address}`).join(' ')}`,
    );
    expect(found.sort()).toEqual(
      [
        'error-value high Deals!A4',
        'error-value medium Deals!A5',
        'circular-reference high Loop!A1:B1',
        'stage-probability medium Stages!B3',
        'rollup-mismatch medium Org!C3:C5',
      ].sort(),
    );
    const error = report.findings.find((f) => f.kind === 'error-value' && f.severity === 'high')!;
    // the message the SALESOPS function gave, carried by the engine
    expect(error.detail).toMatch(/#N\/A \(.*unknown stage 'Negotiaton'/);
    expect(error.action).toMatch(/unknown stage 'Negotiaton'/);
    // the rollup's spilled result (Co 950, East 950, r1 200, r2 250) is read back and agrees with its parts
    expect(report.findings.some((f) => f.title.startsWith('Rollup result'))).toBe(false);
  });

  it('leaves every sheet as it was', async () => {
    const wb = workbook();
    const before = await Promise.all(
      ['Deals', 'Stages', 'Org', 'Loop'].map(async (s) => [
        await wb.readFormulas(s),
        await wb.readRange({ sheet: s, address: 'A1:D5' }),
      ]),
    );
    await auditWorkbook(wb);
    const after = await Promise.all(
      ['Deals', 'Stages', 'Org', 'Loop'].map(async (s) => [
        await wb.readFormulas(s),
        await wb.readRange({ sheet: s, address: 'A1:D5' }),
      ]),
    );
    expect(after).toEqual(before);
    expect(await wb.listSheets()).toEqual(['Deals', 'Stages', 'Org', 'Loop']);
  });
});
