/**
 * `npx salesops balance` end to end: bin/salesops.js in a child process (tsx's require hook, as a user runs it), fast
 * and exact mode on small CSV files. The exact mode once failed only there ("Cannot find module
 * .../src/solver/territory-highs"), because the in-process tests never go through the bin.
 *
 * Worked example (by hand): potential 10, 20, 30, 40, all owned by A, a4 (40) locked with "x"; reps A and B with
 * weights 50% and 50% (equal shares); plus or minus 5%: each rep's band is 47.5 to 52.5. A keeps the locked 40, so it
 * needs between 7.5 and 12.5 more: only a1 (10) fits, and B takes a2 + a3 = 50. Two of four accounts move: disruption
 * 2/4 = 0.5, no coordinates so no travel, objective 1 x 0.5 = 0.5. The plan is the only one within the bands, so the
 * exact mode proves it optimal (gap 0).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';

const BIN = path.resolve(__dirname, '../../bin/salesops.js');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-bin-'));
  fs.writeFileSync(
    path.join(dir, 'accounts.csv'),
    'id,potential,owner,locked\na1,10,A,\na2,20,A,no\na3,30,A,n\na4,40,A,x\n',
  );
  fs.writeFileSync(path.join(dir, 'reps.csv'), 'id,weight\nA,50%\nB,50%\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function balance(mode: string, out: string, accounts = 'accounts.csv') {
  const args = [
    BIN,
    'balance',
    '--accounts',
    path.join(dir, accounts),
    '--reps',
    path.join(dir, 'reps.csv'),
    '--metrics',
    'potential',
    '--mode',
    mode,
    '--out',
    path.join(dir, out),
  ];
  return spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120000 });
}

describe('salesops balance through bin/salesops.js', () => {
  it.each(['fast', 'exact'])(
    '--mode %s writes the hand-worked plan and its summary',
    (mode) => {
      const res = balance(mode, `plan-${mode}.csv`);
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
      expect(fs.readFileSync(path.join(dir, `plan-${mode}.csv`), 'utf8')).toBe('id,owner\na1,A\na2,B\na3,B\na4,A\n');
      const summary = JSON.parse(res.stdout);
      expect(summary).toMatchObject({ mode, feasible: true, accountsMoved: 2 });
      expect(summary.objective).toBeCloseTo(0.5, 9);
      if (mode === 'exact') expect(summary.gap).toBe(0);
    },
    120000,
  );

  it('refuses a "locked" value it cannot read, naming the row and the column, and writes nothing', () => {
    fs.writeFileSync(path.join(dir, 'maybe.csv'), 'id,potential,owner,locked\na1,10,A,\na2,20,A,maybe\n');
    const res = balance('fast', 'plan-maybe.csv', 'maybe.csv');
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(
      /^salesops balance: --accounts .*maybe\.csv row 3, column 'locked' is 'maybe'; enter TRUE\/FALSE, yes\/no, y\/n, 1\/0 or x \(blank: not locked\)\n$/,
    );
    expect(fs.existsSync(path.join(dir, 'plan-maybe.csv'))).toBe(false);
  }, 120000);
});
