/**
 * The territory table reader's documented rule (src/models/territory/table.ts), value by value: which "locked" values
 * it takes, how it reads numbers typed as text, and what it refuses, naming the row and the column.
 */
import { readAccountTable, readRepTable, type TerritoryTable } from '../../../src/models/territory';
import { SalesOpsError } from '../../../src/models/errors';

const COLS = { id: 0, metrics: [1], owner: 2, locked: 3, family: -1, lat: -1, lon: -1 };
function accounts(rows: unknown[][]): TerritoryTable {
  return { name: 'Accounts', headers: ['id', 'potential', 'owner', 'locked'], rows };
}
function thrown(f: () => unknown): SalesOpsError {
  try {
    f();
  } catch (e) {
    return e as SalesOpsError;
  }
  throw new Error('did not throw');
}

describe('readAccountTable', () => {
  it.each([
    [true, true],
    [false, false],
    ['TRUE', true],
    ['false', false],
    ['Yes', true],
    ['no', false],
    ['y', true],
    ['N', false],
    ['1', true],
    ['0', false],
    [1, true],
    [0, false],
    ['x', true],
    ['X', true],
    [' x ', true],
    [null, false],
    ['', false],
  ])('reads locked %j as %j', (cell, locked) => {
    expect(readAccountTable(accounts([['a1', 10, 'A', cell]]), COLS).accounts[0].locked).toBe(locked);
  });

  it.each([['maybe'], [2], ['locked'], ['-']])('refuses locked %j naming the row and the column', (cell) => {
    const e = thrown(() =>
      readAccountTable(
        accounts([
          ['a1', 10, 'A', null],
          ['a2', 10, 'A', cell],
        ]),
        COLS,
      ),
    );
    expect([e.code, e.message]).toEqual([
      'VALUE',
      `Accounts row 3, column 'locked' is '${cell}'; enter TRUE/FALSE, yes/no, y/n, 1/0 or x (blank: not locked)`,
    ]);
  });

  // 60% is 60/100 = 0.6; "1,200" is 1200; "$1,200.50" 1200.5; "(300)" is -300 (accounting negative)
  it.each([
    ['60%', 0.6],
    ['1,200', 1200],
    ['$1,200.50', 1200.5],
    ['(300)', -300],
    [' 7 ', 7],
    [12.5, 12.5],
  ])('reads the number %j as %d', (cell, n) => {
    expect(readAccountTable(accounts([['a1', cell, 'A', null]]), COLS).accounts[0].metrics).toEqual([n]);
  });

  it('skips all-blank rows, keeps the row numbers of the rest, and counts the built-in metric as 1', () => {
    const { accounts: list, rows } = readAccountTable(
      accounts([
        ['a1', 5, '', null],
        [null, '', ' ', null],
        ['a2', 7, 'B', 'y'],
      ]),
      { ...COLS, metrics: [1, -1] },
    );
    expect(rows).toEqual([0, 2]);
    expect(list).toEqual([
      { id: 'a1', metrics: [5, 1], owner: null, locked: false, family: null, lat: null, lon: null },
      { id: 'a2', metrics: [7, 1], owner: 'B', locked: true, family: null, lat: null, lon: null },
    ]);
  });

  it.each([
    [[['a1', null, 'A', null]], "Accounts row 2, column 'potential' is blank; enter a number (0 for none)"],
    [[[null, 10, 'A', null]], "Accounts row 2, column 'id' is blank; every account needs an id"],
    [[['a1', { error: '#N/A' }, 'A', null]], "Accounts row 2, column 'potential' shows #N/A; fix or clear that cell"],
    [[['a1', 10, { code: '#REF!' }, null]], "Accounts row 2, column 'owner' shows #REF!; fix or clear that cell"],
    [[['a1', 'ten', 'A', null]], "Accounts row 2, column 'potential' is 'ten', not a number"],
  ])('refuses %j', (rows, message) => {
    expect(thrown(() => readAccountTable(accounts(rows), COLS)).message).toBe(message);
  });

  it('names rows by the numbers the caller gives (a file whose table starts lower)', () => {
    const t = { ...accounts([['a1', 'x', 'A', null]]), rowNumbers: [9] };
    expect(thrown(() => readAccountTable(t, COLS)).message).toBe(
      "Accounts row 9, column 'potential' is 'x', not a number",
    );
  });
});

describe('readRepTable', () => {
  it('reads weights typed as percentages and leaves blank optional cells as none', () => {
    const t: TerritoryTable = {
      name: 'Reps',
      headers: ['id', 'weight', 'max'],
      rows: [
        ['A', '60%', null],
        ['B', null, '12'],
      ],
    };
    expect(readRepTable(t, { id: 0, weight: 1, lat: -1, lon: -1, maxAccounts: 2 })).toEqual([
      { id: 'A', weight: 0.6, lat: null, lon: null, maxAccounts: null },
      { id: 'B', weight: 1, lat: null, lon: null, maxAccounts: 12 },
    ]);
  });
});
