/**
 * SALESOPS.ROUTE through the headless engine: ranges in, one owner per lead spilled, per-row #N/A / #VALUE!, and
 * argument errors with their code and a message naming the argument. Owners are worked out by hand beside each case.
 */
import { DetailedCellError } from 'hyperformula';
import { evaluateFormula } from '../../src/hosts/headless/engine';
import { expectErrorCell, sheetValues } from '../support/engine';

describe('SALESOPS.ROUTE in a sheet', () => {
  const leads = [
    ['Country', 'Employees', 'Lead Source'],
    ['US', 50, 'Google'], // US queue: Ann (weight 2 of 2,1: Ann, Bob, Ann, ...)
    ['DE', 5000, 'Referral'], // enterprise rule first: Ed
    ['us', 20, 'google'], // US queue: Bob
    ['FR', 10, 'Direct'], // nothing matches: default Pool
    ['US', 'many', 'Google'], // rule 1 cannot read "many": #VALUE! for this row only
    [null, null, null], // blank row: blank
    ['US', 30, 'Google'], // US queue: Ann
  ];
  const rules = [
    ['employees >= 1000', 'Ed', null, null],
    ['country == "US"', 'US team', 'Ann, Bob', '2, 1'],
    ['country == "CA"', 'US team', null, null],
  ];

  it('spills one owner per lead, round-robin in lead order, with per-row errors', () => {
    const out = sheetValues(
      { Leads: leads, Rules: rules, Out: [['=SALESOPS.ROUTE(Leads!A1:C1, Leads!A2:C8, Rules!A1:D3, "Pool")']] },
      'Out',
    );
    expect(out.map((r) => (r[0] instanceof DetailedCellError ? r[0].value : r[0]))).toEqual([
      'Ann',
      'Ed',
      'Bob',
      'Pool',
      '#VALUE!',
      '',
      'Ann',
    ]);
    expect((out[4][0] as DetailedCellError).message).toBe(
      'leads row 5: rules row 1 (employees >= 1000): cannot order text "many" and 1000 with >=',
    );
  });

  it('gives unmatched leads #N/A naming the row when there is no default owner', () => {
    const out = sheetValues(
      { Leads: leads, Rules: rules, Out: [['=SALESOPS.ROUTE(Leads!A1:C1, Leads!A2:C5, Rules!A1:D3)']] },
      'Out',
    );
    const cell = out[3][0] as DetailedCellError;
    expect(cell.value).toBe('#N/A');
    expect(cell.message).toBe('leads row 4: no rule matches and no default_owner is given');
  });

  it('routes on a header that starts with a digit through its _ name', () => {
    // "2024 Deals" 12 / 3: rule _2024_deals >= 10 goes to Key accounts (Kim), the rest to the default Pool.
    const out = sheetValues(
      {
        Leads: [['2024 Deals'], [12], [3]],
        Rules: [['_2024_deals >= 10', 'Kim']],
        Out: [['=SALESOPS.ROUTE(Leads!A1, Leads!A2:A3, Rules!A1:B1, "Pool")']],
      },
      'Out',
    );
    expect(out.map((r) => r[0])).toEqual(['Kim', 'Pool']);
  });

  it('reads a single member weight given as a number cell', () => {
    const out = sheetValues(
      {
        Leads: leads,
        Rules: [['true', 'Solo', 'Zed', 3]],
        Out: [['=SALESOPS.ROUTE(Leads!A1:C1, Leads!A2:C3, Rules!A1:D1)']],
      },
      'Out',
    );
    expect(out.map((r) => r[0])).toEqual(['Zed', 'Zed']);
  });

  it.each([
    [
      'rules with one column',
      '=SALESOPS.ROUTE({"a"}, {1}, {"true"})',
      '#VALUE!',
      /^rules must have 2 to 4 columns, not 1/,
    ],
    [
      'a blank owner',
      '=SALESOPS.ROUTE({"a"}, {1}, {"true",""})',
      '#VALUE!',
      /^rules row 1: the owner or queue is blank/,
    ],
    [
      'bad weights',
      '=SALESOPS.ROUTE({"a"}, {1}, {"true","Q","Ann, Bob","2, x"})',
      '#VALUE!',
      /^rules row 1: member weight "x" is not a positive number/,
    ],
    [
      'a weight per member',
      '=SALESOPS.ROUTE({"a"}, {1}, {"true","Q","Ann, Bob","2"})',
      '#VALUE!',
      /^rules row 1: 2 queue members but 1 weights/,
    ],
    [
      'evaluate from the security notes',
      `=SALESOPS.ROUTE({"a"}, {1}, {"evaluate('1')","Ann"})`,
      '#VALUE!',
      /^rules row 1: the function evaluate is not allowed/,
    ],
    [
      'a __proto__ path',
      `=SALESOPS.ROUTE({"a"}, {1}, {"a['__proto__']","Ann"})`,
      '#VALUE!',
      /^rules row 1: property access/,
    ],
    [
      'a default owner range',
      '=SALESOPS.ROUTE({"a"}, {1}, {"true","Ann"}, {"x","y"})',
      '#VALUE!',
      /^default_owner must be a single value/,
    ],
  ])('%s: %s is %s', (_what, formula, code, message) => {
    expectErrorCell(evaluateFormula(formula), code, message);
  });
});
