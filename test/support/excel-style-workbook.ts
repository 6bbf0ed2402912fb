/**
 * A workbook as Excel 365 saves it with the add-in, shared by the xlsx reader and headless recalc tests; the hand-worked
 * values are in test/hosts/headless/recalc.test.ts.
 */
import type { WorkbookSpec } from '../../src/xlsx/create';
import { STAGES } from './fixtures';

export const DEALS: [string, number, string][] = [
  ['Acme', 1000, 'Trial'],
  ['Beta', 2500, 'Demo'],
  ['Gamma', 400, 'Won'],
  ['Delta', 1200, 'Discovery'],
];

/**
 * The workbook as Excel 365 saves it with the add-in: add-in functions in `_xldudf_` form (one behind `[1]!`),
 * built-ins with `_xlfn._xlws.`, dynamic arrays with cm="1" and xl/metadata.xml, a shared formula, a legacy
 * array formula, defined names (one sheet-scoped), and stale cached values everywhere (0), including in the cells
 * the dynamic arrays spill into.
 */
export function excelStyleWorkbook(): WorkbookSpec {
  const rows: WorkbookSpec['sheets'][0]['rows'] = [
    ['Stage', 'Probability', null, 'Deal', 'Amount', 'Stage', 'Weighted', 'Per deal', 'Sorted', 'Over 1000'],
  ];
  for (let i = 0; i < 6; i++) {
    const deal = DEALS[i];
    const row: NonNullable<WorkbookSpec['sheets'][0]['rows']>[0] = [STAGES[i][0], STAGES[i][1], null];
    if (deal) {
      const first = i === 0;
      row.push(
        deal[0],
        deal[1],
        deal[2],
        first
          ? { formula: 'E2:E5*VLOOKUP(F2:F5,$A$2:$B$7,2,FALSE)', array: 'G2:G5', dynamic: true, value: 0 }
          : { value: 0 },
        first
          ? { formula: '_xldudf_SALESOPS_WEIGHTEDPIPE(E2,F2,$A$2:$B$7)', shared: { si: 0, ref: 'H2:H5' }, value: 0 }
          : { shared: { si: 0 }, value: 0 },
        first ? { formula: '_xlfn._xlws.SORT(E2:E5,1,-1)', array: 'I2:I5', dynamic: true, value: 0 } : { value: 0 },
        // Stale: this FILTER spilled 4 rows before the data changed; now only 2 amounts are over 1,000.
        first
          ? { formula: '_xlfn._xlws.FILTER(E2:E5,E2:E5>1000)', array: 'J2:J5', dynamic: true, value: 0 }
          : { value: 0 },
      );
    }
    rows.push(row);
  }
  return {
    sheets: [
      {
        name: 'Pipeline',
        rows,
        cells: {
          A9: 'Total weighted',
          B9: { formula: '[1]!_xldudf_SALESOPS_WEIGHTEDPIPE(E2:E5,F2:F5,Stages)', value: 0 },
          B10: { formula: 'SUM(G2:G5)', value: 0 },
          B11: { formula: 'SUM(H2:H5)', value: 0 },
          B12: { formula: 'SUM(E2:E5*(F2:F5="Trial"))', array: 'B12', value: 0 },
          B13: { formula: '_xldudf_SALESOPS_WEIGHTEDPIPE(E2,"Negotiaton",A2:B7)', value: 0 },
          B14: { formula: 'F2&" deal"', value: 0 },
          C14: { formula: 'E2>500', value: 0 },
          B16: { formula: "'Team Capacity'!B5+B9", value: 0 },
        },
      },
      {
        name: 'Team Capacity',
        rows: [
          ['Hire date', 'Productivity', 'Ramp', null, null, 'Start', 'End'],
          [
            { value: 45672, format: 'date' },
            1200000,
            0.25,
            0.5,
            0.75,
            { value: 46023, format: 'date' },
            { value: 46112, format: 'date' },
          ],
          ['2026-02-01'], // typed as text: stays text and SALESOPS reads it as a date
        ],
        cells: { A5: 'Capacity', B5: { formula: '_xldudf_SALESOPS_CAPACITY(A2:A3,B2,Ramp,F2,G2)', value: 0 } },
      },
    ],
    names: [
      { name: 'Stages', ref: 'Pipeline!$A$2:$B$7' },
      { name: 'Ramp', ref: "'Team Capacity'!$C$2:$E$2", sheet: 'Team Capacity' },
    ],
  };
}
