/**
 * The Territory tab and `salesops balance` read the same table the same way (issue 18): one table goes through the
 * pane's path (columns guessed from the headers, readAccounts/readReps, the balancing job) and through the command
 * line's (a CSV file, `salesops balance`), and both give the same plan, or the same error naming the same row and
 * column. The pane gets typed cells as Excel hands them (numbers, a logical TRUE, text); the CSV has them as text.
 *
 * Worked example (by hand): reps A and B with weights typed as text "60%" and "40%" (0.6 and 0.4: targets 60% and
 * 40% of the potential). Accounts, all owned by A: a1 30 locked "x", a2 25 "no", a3 20 locked TRUE, a4 10 "n", a5 15
 * "0"; total 100, so A's band is 57 to 63 and B's 38 to 42 (plus or minus 5%). A keeps the locked 30 + 20 = 50 and
 * needs 7 to 13 more: only a4 (10) fits (a5 is 15, a2 25), so B takes a2 + a5 = 40. Two of five accounts move.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/io';
import {
  guessAccountColumns,
  guessRepColumns,
  metricNamesOf,
  readAccounts,
  readReps,
} from '../../../src/taskpane/territory/mapping';
import { runTerritoryJob } from '../../../src/taskpane/territory/job';
import type { CellValue, RangeData } from '../../../src/workbook/workbook';

type Table = CellValue[][];
const REPS: Table = [
  ['id', 'weight'],
  ['A', '60%'],
  ['B', '40%'],
];
const ACCOUNTS: Table = [
  ['id', 'potential', 'owner', 'locked'],
  ['a1', 30, 'A', 'x'],
  ['a2', 25, 'A', 'no'],
  ['a3', 20, 'A', true],
  ['a4', 10, 'A', 'n'],
  ['a5', 15, 'A', '0'],
];

function rangeData(table: Table, sheet: string): RangeData {
  return { sheet, address: 'A1', headers: table[0].map(String), values: table.slice(1) } as RangeData;
}

/** The pane's path: guessed columns, its readers, the job it runs (the pane's own options: 5%, its priorities, seed 1). */
function pane(accountsTable: Table, repsTable: Table): { owners: string[] } | { error: string } {
  try {
    const a = rangeData(accountsTable, 'Accounts');
    const r = rangeData(repsTable, 'Reps');
    const cols = guessAccountColumns(a);
    const { accounts } = readAccounts(a, cols);
    const reps = readReps(r, guessRepColumns(r));
    const result = runTerritoryJob(
      {
        accounts,
        reps,
        options: {
          metricNames: metricNamesOf(a.headers, cols),
          tolerance: 0.05,
          weights: { disruption: 1, travel: 0.2 },
          seed: 1,
        },
      },
      () => undefined,
    );
    return { owners: result.assignments.map((x) => x.owner) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-same-table-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function csv(table: Table): string {
  return (
    table.map((row) => row.map((v) => (v === true ? 'TRUE' : v === null ? '' : String(v))).join(',')).join('\n') + '\n'
  );
}

/** The command line's path: the same table as CSV files, `salesops balance` with its defaults. */
async function cli(
  accountsTable: Table,
  repsTable: Table,
  name: string,
): Promise<{ owners: string[] } | { error: string }> {
  const acc = path.join(dir, `${name}-accounts.csv`);
  const reps = path.join(dir, `${name}-reps.csv`);
  const out = path.join(dir, `${name}-plan.csv`);
  fs.writeFileSync(acc, csv(accountsTable));
  fs.writeFileSync(reps, csv(repsTable));
  const io: CliIO & { err: string } = { err: '', stdout: () => undefined, stderr: (t: string) => void (io.err += t) };
  if ((await main(['balance', '--accounts', acc, '--reps', reps, '--metrics', 'potential', '--out', out], io)) !== 0)
    return { error: io.err };
  return {
    owners: fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[1]),
  };
}

describe('the pane and the command line read one table the same way', () => {
  it('gives the same plan: the hand-worked one', async () => {
    const expected = { owners: ['A', 'B', 'A', 'A', 'B'] };
    expect(pane(ACCOUNTS, REPS)).toEqual(expected);
    expect(await cli(ACCOUNTS, REPS, 'ok')).toEqual(expected);
  });

  const withCell = (table: Table, row: number, col: number, v: CellValue): Table =>
    table.map((r, i) => (i === row ? r.map((x, j) => (j === col ? v : x)) : r));
  it.each([
    [
      'a "locked" that is neither yes nor no',
      withCell(ACCOUNTS, 2, 3, 'maybe'),
      REPS,
      "row 3, column 'locked' is 'maybe'; enter TRUE/FALSE, yes/no, y/n, 1/0 or x (blank: not locked)",
    ],
    [
      'a number that is not one',
      withCell(ACCOUNTS, 4, 1, 'lots'),
      REPS,
      "row 5, column 'potential' is 'lots', not a number",
    ],
    [
      'a blank metric',
      withCell(ACCOUNTS, 5, 1, null),
      REPS,
      "row 6, column 'potential' is blank; enter a number (0 for none)",
    ],
  ])('gives the same error for %s', async (_name, accounts, reps, tail) => {
    const fromPane = pane(accounts, reps) as { error: string };
    const fromCli = (await cli(accounts, reps, 'bad')) as { error: string };
    // the pane names the table "Accounts"; the command line names the file: the rest is one message
    expect(fromPane.error).toBe(`Accounts ${tail}`);
    expect(fromCli.error).toMatch(
      new RegExp(`^salesops balance: --accounts \\S+bad-accounts\\.csv ${tail.replace(/[()/.?*+[\]]/g, '\\$&')}\\n$`),
    );
  });

  it('gives the same error for a rep row without an id', async () => {
    const reps: Table = [...REPS, [null, '10%']];
    const fromPane = pane(ACCOUNTS, reps) as { error: string };
    const fromCli = (await cli(ACCOUNTS, reps, 'norep')) as { error: string };
    expect(fromPane.error).toBe("Reps row 4, column 'id' is blank; every rep needs an id");
    expect(fromCli.error).toMatch(
      /^salesops balance: --reps \S+norep-reps\.csv row 4, column 'id' is blank; every rep needs an id\n$/,
    );
  });
});
