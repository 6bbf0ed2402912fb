import { OfficeMockObject } from 'office-addin-mock';
import { associateAll, forExcel, toExcelError } from '../../../src/hosts/excel/functions';
import { declarations } from '../../../src/functions/generated/registry';
import metadata from '../../../src/functions/generated/functions.json';
import { SalesOpsError } from '../../../src/models/errors';
import { STAGES } from '../../support/fixtures';

/** CustomFunctions.Error as Office's runtime defines it: a code and an optional message. */
class MockCustomFunctionsError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

const associated = new Map<string, (...args: unknown[]) => unknown>();
const g = globalThis as Record<string, unknown>;

beforeAll(async () => {
  const mock = new OfficeMockObject({
    associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn),
    Error: MockCustomFunctionsError,
    ErrorCode: {
      invalidValue: '#VALUE!',
      notAvailable: '#N/A',
      divisionByZero: '#DIV/0!',
      invalidNumber: '#NUM!',
      nullReference: '#NULL!',
      invalidName: '#NAME?',
      invalidReference: '#REF!',
    },
  });
  // The runtime's enum is plain data; the mock hands out properties only after load + sync, as Office.js does.
  mock.load('ErrorCode');
  await mock.sync();
  g.CustomFunctions = mock;
  associateAll();
});
afterAll(() => {
  delete g.CustomFunctions;
});

function byId(id: string) {
  const d = declarations.find((x) => x.id === id);
  if (!d) throw new Error(`no declaration ${id}`);
  return d;
}

describe('Excel custom-function adapter (office-addin-mock CustomFunctions)', () => {
  it('associates exactly the ids listed in functions.json', () => {
    expect([...associated.keys()].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
  });

  it('runs the issue worked example through the associated function: a 1,000 deal in Trial (60%) is worth 600', () => {
    expect(associated.get('WEIGHTEDPIPE')!([[1000]], [['Trial']], STAGES, null, null, null)).toBeCloseTo(600, 9);
  });

  it('runs CAPACITY: reps hired 2025-01-15 and 2026-02-01, Q1 2026 = 300,000 + 75,000 (issue worked example)', () => {
    // Rep 1 fully ramped: 3 months x 100,000. Rep 2 hired Feb: Feb 25% + Mar 50% of 100,000 = 75,000.
    expect(
      associated.get('CAPACITY')!(
        [['2025-01-15'], ['2026-02-01']],
        [[1200000]],
        [[0.25, 0.5, 0.75]],
        '2026-01-01',
        '2026-03-31',
        null,
        null,
      ),
    ).toBeCloseTo(375000, 6);
  });

  it.each([
    ['an unknown stage', [[1000]], [['Negotiaton']], '#N/A', 'Negotiaton'],
    ['a probability above 1', [[1000]], [['Trial']], '#VALUE!', '60%'],
    ['amounts and stages of different sizes', [[1000], [2000]], [['Trial']], '#VALUE!', 'stages'],
  ])('throws CustomFunctions.Error for %s', (_what, amounts, stageCol, code, inMessage) => {
    const table = _what === 'a probability above 1' ? [['Trial', 60]] : STAGES;
    let thrown: unknown;
    try {
      associated.get('WEIGHTEDPIPE')!(amounts, stageCol, table, null, null, null);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(MockCustomFunctionsError);
    expect((thrown as MockCustomFunctionsError).code).toBe(code);
    expect((thrown as MockCustomFunctionsError).message).toContain(inMessage);
  });

  it.each([
    ['NA', '#N/A', 'quota row 3: zero quota'],
    ['VALUE', '#VALUE!', 'quota row 3: zero quota'],
    // Microsoft's CustomFunctions.ErrorCode reference: with #DIV/0! and #NUM! "a custom error message can't be used"
    ['NUM', '#NUM!', undefined],
    ['DIV0', '#DIV/0!', undefined],
  ] as const)('maps SalesOpsError %s to %s, with the message only where Excel shows one', (code, excel, message) => {
    const e = toExcelError(
      new SalesOpsError(code, 'quota row 3: zero quota'),
      'X',
    ) as unknown as MockCustomFunctionsError;
    expect(e.code).toBe(excel);
    expect(e.message).toBe(message);
  });

  it('functions.json lets error cells reach the functions, so Excel gives the same message as the headless engine', () => {
    expect((metadata as { allowErrorForDataTypeAny?: boolean }).allowErrorForDataTypeAny).toBe(true);
    // an error cell inside amounts arrives as Excel's error object; the function names the argument and row
    const amounts = [[1000], [new MockCustomFunctionsError('#N/A')]];
    let thrown: MockCustomFunctionsError | undefined;
    try {
      associated.get('WEIGHTEDPIPE')!(amounts, [['Trial'], ['Demo']], STAGES, null, null, null);
    } catch (e) {
      thrown = e as MockCustomFunctionsError;
    }
    expect(thrown).toBeInstanceOf(MockCustomFunctionsError);
    expect(thrown!.code).toBe('#N/A');
    expect(thrown!.message).toMatch(/amounts row 2 holds #N\/A/);
  });

  it('reads a formatted-number data type by its basic value: 1,000 in Trial (60%) is still 600', () => {
    const formatted = { type: 'FormattedNumber', basicValue: 1000, numberFormat: '$#,##0' };
    expect(associated.get('WEIGHTEDPIPE')!([[formatted]], [['Trial']], STAGES, null, null, null)).toBeCloseTo(600, 9);
  });

  it('turns a bug into #VALUE! naming the function', () => {
    const e = toExcelError(new TypeError('boom'), 'WEIGHTEDPIPE') as unknown as MockCustomFunctionsError;
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toBe('SALESOPS.WEIGHTEDPIPE: internal error: boom');
  });

  it('returns per-cell errors inside a spilled result and blanks for nulls', () => {
    const d = {
      ...byId('FORECAST'),
      implementation: () => [
        [1, new SalesOpsError('NA', 'row 2: unknown stage')],
        [null, Infinity],
      ],
    };
    const out = forExcel(d)() as unknown[][];
    expect(out[0][0]).toBe(1);
    expect(out[0][1]).toEqual(new MockCustomFunctionsError('#N/A', 'row 2: unknown stage'));
    expect(out[1][0]).toBe('');
    expect((out[1][1] as MockCustomFunctionsError).code).toBe('#NUM!');
  });

  it('keeps the result shape functions.json declares: a range from a one-value function is a bug said as one', () => {
    const scalar = { ...byId('WEIGHTEDPIPE'), implementation: () => [[600]] };
    expect(() => forExcel(scalar)()).toThrow(
      expect.objectContaining({
        code: '#VALUE!',
        message: 'SALESOPS.WEIGHTEDPIPE: internal error: returned a range where functions.json declares one value',
      }),
    );
    const matrix = { ...byId('RAMP'), implementation: () => 0.5 };
    expect(() => forExcel(matrix)()).toThrow(
      expect.objectContaining({
        code: '#VALUE!',
        message: 'SALESOPS.RAMP: internal error: returned one value where functions.json declares a range',
      }),
    );
  });

  it('runs RAMP as Excel calls it: one hire date arrives as [[date]] and the answer is the one-cell range [[0.5]]', () => {
    // hired 2026-02-01, on 2026-03-15 in month 2 of tenure: ramp {25%, 50%, 75%} gives 0.5 (the documented example)
    expect(associated.get('RAMP')!([['2026-02-01']], '2026-03-15', [[0.25, 0.5, 0.75]])).toEqual([[0.5]]);
  });
});
