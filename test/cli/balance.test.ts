/**
 * `salesops balance` in-process through main(): csv and xlsx inputs, --map, plan.csv `id,owner`, the JSON summary,
 * exact mode, and the rules for files (inputs untouched, --force, no half-written plan) and usage errors.
 *
 * Worked example: potential 10, 20, 30, 40 all with A, the 40 locked; reps A and B; plus or minus 5% means
 * 47.5..52.5 each. A keeps the locked 40, so it must keep exactly 10 more (40 + 10 = 50); B takes 20 + 30 = 50.
 * Two accounts move: disruption 2/4 = 0.5.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { writeWorkbook } from '../../src/xlsx/create';

jest.setTimeout(60_000);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-balance-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function capture(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

function write(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

const ACCOUNTS = 'account,revenue,owner,locked\r\na1,10,A,\r\na2,20,A,\r\na3,30,A,\r\na4,40,A,TRUE\r\n';
const REPS = 'id,weight\nA,1\nB,1\n';

function readPlan(p: string): string[][] {
  return fs
    .readFileSync(p, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

describe('salesops balance', () => {
  it('writes plan.csv id,owner and prints the summary (csv input, --map, a locked account)', async () => {
    const acc = write('accounts.csv', ACCOUNTS);
    const reps = write('reps.csv', REPS);
    const out = path.join(dir, 'plan.csv');
    const before = fs.readFileSync(acc);
    const io = capture();
    const code = await main(
      [
        'balance',
        '--accounts',
        acc,
        '--reps',
        reps,
        '--metrics',
        'potential',
        '--map',
        'account=id,revenue=potential',
        '--out',
        out,
      ],
      io,
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(readPlan(out)).toEqual([
      ['id', 'owner'],
      ['a1', 'A'],
      ['a2', 'B'],
      ['a3', 'B'],
      ['a4', 'A'],
    ]);
    const summary = JSON.parse(io.out);
    expect(summary.feasible).toBe(true);
    expect(summary.accountsMoved).toBe(2);
    expect(summary.disruption).toBeCloseTo(0.5, 12);
    expect(summary.reps.map((r: { loads: number[] }) => r.loads[0])).toEqual([50, 50]);
    expect(summary.metrics[0]).toMatchObject({ name: 'potential', feasible: true, maxMinRatio: 1, tolerance: 0.05 });
    expect(summary.assignments).toBeUndefined(); // the per-account list is plan.csv
    expect(fs.readFileSync(acc)).toEqual(before);
  });

  it('reads xlsx input with a sheet name', async () => {
    const book = await writeWorkbook({
      sheets: [
        { name: 'Notes', rows: [['nothing here']] },
        {
          name: 'Accounts',
          rows: [
            ['id', 'potential', 'owner', 'locked'],
            ['a1', 10, 'A', null],
            ['a2', 20, 'A', null],
            ['a3', 30, 'A', null],
            ['a4', 40, 'A', true],
          ],
        },
        { name: 'Reps', rows: [['id'], ['A'], ['B']] },
      ],
    });
    const file = path.join(dir, 'book.xlsx');
    fs.writeFileSync(file, book);
    const out = path.join(dir, 'plan.csv');
    const io = capture();
    expect(
      await main(
        ['balance', '--accounts', `${file}:Accounts`, '--reps', `${file}:reps`, '--metrics', 'potential', '--out', out],
        io,
      ),
    ).toBe(0);
    expect(readPlan(out)).toEqual([
      ['id', 'owner'],
      ['a1', 'A'],
      ['a2', 'B'],
      ['a3', 'B'],
      ['a4', 'A'],
    ]);
  });

  it('solves in exact mode with HiGHS and reports the bound and a zero gap', async () => {
    const acc = write('accounts.csv', ACCOUNTS);
    const reps = write('reps.csv', REPS);
    const out = path.join(dir, 'plan.csv');
    const io = capture();
    const code = await main(
      [
        'balance',
        '--accounts',
        acc,
        '--reps',
        reps,
        '--metrics',
        'potential',
        '--map',
        'account=id,revenue=potential',
        '--mode',
        'exact',
        '--time-limit',
        '10',
        '--out',
        out,
      ],
      io,
    );
    expect(code).toBe(0);
    const summary = JSON.parse(io.out);
    expect(summary.mode).toBe('exact');
    expect(summary.objective).toBeCloseTo(0.5, 9); // the only balanced plans move 2 of 4 accounts
    expect(summary.lowerBound).toBeCloseTo(0.5, 6);
    expect(summary.gap).toBeCloseTo(0, 6);
    expect(readPlan(out)).toEqual([
      ['id', 'owner'],
      ['a1', 'A'],
      ['a2', 'B'],
      ['a3', 'B'],
      ['a4', 'A'],
    ]);
  });

  it('says on stderr which constraint blocks the tolerance and still writes the most balanced plan', async () => {
    const acc = write('accounts.csv', 'id,potential,owner\nbig,100,A\ns1,10,A\ns2,10,B\ns3,10,B\n');
    const reps = write('reps.csv', REPS);
    const out = path.join(dir, 'plan.csv');
    const io = capture();
    expect(await main(['balance', '--accounts', acc, '--reps', reps, '--metrics', 'potential', '--out', out], io)).toBe(
      0,
    );
    expect(io.err).toMatch(/account 'big' has potential 100, more than the largest upper band 68.25/);
    expect(JSON.parse(io.out).feasible).toBe(false);
    expect(readPlan(out).length).toBe(5);
  });

  describe('CRM-like headers: --map per file', () => {
    // The CRM export names the owner column sales_agent in the accounts and the rep id sales_agent in the teams file.
    // Potential 40, 30, 20, 10, all with Ann; reps Ann and Bob; plus or minus 25%: target 50, band 37.5 to 62.5.
    const CRM_ACCOUNTS = 'account,revenue,sales_agent\na1,40,Ann\na2,30,Ann\na3,20,Ann\na4,10,Ann\n';
    const CRM_TEAMS = 'sales_agent,manager,regional_office\nAnn,Dustin,Central\nBob,Dustin,Central\n';
    const MAP = 'account=id,revenue=potential,accounts.sales_agent=owner,reps.sales_agent=id';

    it('maps sales_agent to owner in the accounts and to id in the reps; potential alone moves 1 account', async () => {
      // Moving a1 (40) leaves Ann 60 and gives Bob 40, both in 37.5..62.5; no single other move does (Ann keeps >= 70).
      const out = path.join(dir, 'plan.csv');
      const io = capture();
      const code = await main(
        [
          'balance',
          '--accounts',
          write('accounts.csv', CRM_ACCOUNTS),
          '--reps',
          write('teams.csv', CRM_TEAMS),
          '--metrics',
          'potential',
          '--tolerance',
          '0.25',
          '--map',
          MAP,
          '--out',
          out,
        ],
        io,
      );
      expect(io.err).toBe('');
      expect(code).toBe(0);
      expect(readPlan(out)).toEqual([
        ['id', 'owner'],
        ['a1', 'Bob'],
        ['a2', 'Ann'],
        ['a3', 'Ann'],
        ['a4', 'Ann'],
      ]);
      expect(JSON.parse(io.out).accountsMoved).toBe(1);
    });

    it('balances the built-in account count too (--metrics accounts,potential): 2 accounts each, 2 move', async () => {
      // Account target 2, band 1.5 to 2.5: exactly 2 each. Pairs for Bob within 37.5..62.5 potential: {a1,a4} 50,
      // {a2,a3} 50, {a1,a3} 60, {a2,a4} 40; every one moves 2 of 4 accounts (disruption 0.5).
      const out = path.join(dir, 'plan.csv');
      const io = capture();
      const code = await main(
        [
          'balance',
          '--accounts',
          write('accounts.csv', CRM_ACCOUNTS),
          '--reps',
          write('teams.csv', CRM_TEAMS),
          '--metrics',
          'accounts,potential',
          '--tolerance',
          '0.25',
          '--map',
          MAP,
          '--out',
          out,
        ],
        io,
      );
      expect(code).toBe(0);
      const summary = JSON.parse(io.out);
      expect(summary.feasible).toBe(true);
      expect(summary.metrics.map((m: { name: string; total: number }) => [m.name, m.total])).toEqual([
        ['accounts', 4],
        ['potential', 100],
      ]);
      expect(summary.reps.map((r: { accounts: number; loads: number[] }) => [r.accounts, r.loads[0]])).toEqual([
        [2, 2],
        [2, 2],
      ]);
      for (const r of summary.reps) {
        expect(r.loads[1]).toBeGreaterThanOrEqual(37.5);
        expect(r.loads[1]).toBeLessThanOrEqual(62.5);
      }
      expect(summary.accountsMoved).toBe(2);
      expect(summary.disruption).toBeCloseTo(0.5, 12);
    });

    it('keeps the plain form for both files, and says which file lacks the column', async () => {
      // a plain sales_agent=owner renames the teams file's column too, leaving it no id
      const io = capture();
      const code = await main(
        [
          'balance',
          '--accounts',
          write('accounts.csv', CRM_ACCOUNTS),
          '--reps',
          write('teams.csv', CRM_TEAMS),
          '--metrics',
          'potential',
          '--map',
          'account=id,revenue=potential,sales_agent=owner',
          '--out',
          path.join(dir, 'p.csv'),
        ],
        io,
      );
      expect(code).toBe(1);
      expect(io.err).toMatch(
        /--reps .*teams.csv has no 'id' column \(headers: sales_agent, manager, regional_office\); rename one with --map reps.header=id/,
      );
    });

    it('refuses a --map entry that names no header of its file', async () => {
      const io = capture();
      const code = await main(
        [
          'balance',
          '--accounts',
          write('accounts.csv', CRM_ACCOUNTS),
          '--reps',
          write('teams.csv', CRM_TEAMS),
          '--metrics',
          'potential',
          '--map',
          'account=id,revenue=potential,reps.salesagent=id',
          '--out',
          path.join(dir, 'p.csv'),
        ],
        io,
      );
      expect(code).toBe(1);
      expect(io.err).toMatch(
        /--map reps.salesagent=id: --reps .*teams.csv \(headers: sales_agent, manager, regional_office\) has no 'salesagent' column/,
      );
    });
  });

  describe('reps lat, lon and max_accounts; accounts family', () => {
    // Rep A's home at (0,0), B's at (0,1), 111.195 km apart. Account x sits at A's home but is owned by B, y the
    // reverse; tolerance 0 on a count of 1 each. Keeping owners: disruption 0, travel (111.2 + 111.2) / (55.6 + 55.6)
    // = 2; swapping: disruption 1, travel 0. Travel weight 1: 1 < 2, swap. Travel weight 0.4: 0.8 < 1, keep.
    const ACC = 'id,n,lat,lon,owner\nx,1,0,0,B\ny,1,0,1,A\n';
    const REPS_HOME = 'id,lat,lon\nA,0,0\nB,0,1\n';
    it.each([
      [
        '1',
        [
          ['x', 'A'],
          ['y', 'B'],
        ],
        0,
      ],
      [
        '0.4',
        [
          ['x', 'B'],
          ['y', 'A'],
        ],
        111.195,
      ],
    ])('travel weight %s against disruption 1', async (travel, plan, meanKm) => {
      const out = path.join(dir, 'plan.csv');
      const io = capture();
      const code = await main(
        [
          'balance',
          '--accounts',
          write('a.csv', ACC),
          '--reps',
          write('r.csv', REPS_HOME),
          '--metrics',
          'n',
          '--tolerance',
          '0',
          '--weights',
          `disruption=1,travel=${travel}`,
          '--out',
          out,
        ],
        io,
      );
      expect(code).toBe(0);
      expect(readPlan(out)).toEqual([['id', 'owner'], ...(plan as string[][])]);
      expect(JSON.parse(io.out).travelMeanKm).toBeCloseTo(meanKm as number, 2);
    });

    it('keeps a rep to its max_accounts: 3 accounts of A (max 1), reps B and C, plus or minus 200%', async () => {
      // target 1 account-unit each, band 0 to 3: any split; A may keep 1, so 2 move (disruption 2/3)
      const out = path.join(dir, 'plan.csv');
      const io = capture();
      const code = await main(
        [
          'balance',
          '--accounts',
          write('a.csv', 'id,potential,owner\na1,1,A\na2,1,A\na3,1,A\n'),
          '--reps',
          write('r.csv', 'id,max_accounts\nA,1\nB,\nC,\n'),
          '--metrics',
          'potential',
          '--tolerance',
          '2',
          '--out',
          out,
        ],
        io,
      );
      expect(io.err).toBe('');
      expect(code).toBe(0);
      const summary = JSON.parse(io.out);
      expect(summary.feasible).toBe(true);
      expect(summary.reps[0].accounts).toBe(1);
      expect(summary.accountsMoved).toBe(2);
      expect(readPlan(out).filter((r) => r[1] === 'A').length).toBe(1);
    });

    it('keeps a family together: f1 (30, A) and f2 (20, B) of family F, x and y (25 each, B)', async () => {
      // Target 50, band 47.5 to 52.5. F (50) to A and x + y (50) to B moves only f2; F to B moves f1, x and y.
      const out = path.join(dir, 'plan.csv');
      const io = capture();
      const code = await main(
        [
          'balance',
          '--accounts',
          write('a.csv', 'id,potential,owner,family\nf1,30,A,F\nf2,20,B,F\nx,25,B,\ny,25,B,\n'),
          '--reps',
          write('r.csv', REPS),
          '--metrics',
          'potential',
          '--out',
          out,
        ],
        io,
      );
      expect(code).toBe(0);
      expect(readPlan(out)).toEqual([
        ['id', 'owner'],
        ['f1', 'A'],
        ['f2', 'A'],
        ['x', 'B'],
        ['y', 'B'],
      ]);
      expect(JSON.parse(io.out).accountsMoved).toBe(1);
    });
  });

  it.each([
    ['no --accounts', ['--reps', 'r.csv', '--metrics', 'x', '--out', 'p.csv'], 2, /missing --accounts/],
    [
      'a bad mode',
      ['--accounts', 'a.csv', '--reps', 'r.csv', '--metrics', 'x', '--mode', 'slow', '--out', 'p.csv'],
      2,
      /--mode is 'slow'; use fast or exact/,
    ],
    [
      'a bad tolerance',
      ['--accounts', 'a.csv', '--reps', 'r.csv', '--metrics', 'x', '--tolerance', 'five', '--out', 'p.csv'],
      2,
      /--tolerance is 'five'/,
    ],
    [
      'an unknown priority',
      ['--accounts', 'a.csv', '--reps', 'r.csv', '--metrics', 'x', '--weights', 'speed=1', '--out', 'p.csv'],
      2,
      /unknown priority 'speed'/,
    ],
    [
      'a missing file',
      ['--accounts', 'nope.csv', '--reps', 'r.csv', '--metrics', 'x', '--out', 'p.csv'],
      1,
      /--accounts nope.csv: no such file/,
    ],
  ])('refuses %s', async (_name, args, exitCode, message) => {
    const io = capture();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await main(['balance', ...(args as string[])], io)).toBe(exitCode);
    } finally {
      process.chdir(cwd);
    }
    expect(io.err).toMatch(message as RegExp);
    expect(io.err.split('\n').filter(Boolean).length).toBe(1);
  });

  it('names a missing metric column with the headers it found, and writes nothing', async () => {
    const acc = write('accounts.csv', ACCOUNTS);
    const reps = write('reps.csv', REPS);
    const out = path.join(dir, 'plan.csv');
    const io = capture();
    expect(
      await main(
        ['balance', '--accounts', acc, '--reps', reps, '--metrics', 'workload', '--map', 'account=id', '--out', out],
        io,
      ),
    ).toBe(1);
    expect(io.err).toMatch(
      /--accounts .*accounts.csv has no 'workload' column \(headers: account, revenue, owner, locked\)/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('names the row of a value that is not a number', async () => {
    const acc = write('accounts.csv', 'id,potential\na1,10\na2,lots\n');
    const io = capture();
    expect(
      await main(
        [
          'balance',
          '--accounts',
          acc,
          '--reps',
          write('reps.csv', REPS),
          '--metrics',
          'potential',
          '--out',
          path.join(dir, 'p.csv'),
        ],
        io,
      ),
    ).toBe(1);
    expect(io.err).toMatch(/accounts.csv row 3, column 'potential' is 'lots', not a number/);
  });

  it('never replaces an existing plan without --force, and never writes over an input', async () => {
    const acc = write('accounts.csv', ACCOUNTS);
    const reps = write('reps.csv', REPS);
    const out = write('plan.csv', 'keep me');
    const io = capture();
    expect(
      await main(
        [
          'balance',
          '--accounts',
          acc,
          '--reps',
          reps,
          '--metrics',
          'potential',
          '--map',
          'account=id,revenue=potential',
          '--out',
          out,
        ],
        io,
      ),
    ).toBe(1);
    expect(io.err).toMatch(/already exists; pass --force/);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    const io2 = capture();
    expect(
      await main(
        [
          'balance',
          '--accounts',
          acc,
          '--reps',
          reps,
          '--metrics',
          'potential',
          '--map',
          'account=id,revenue=potential',
          '--out',
          acc,
          '--force',
        ],
        io2,
      ),
    ).toBe(2);
    expect(io2.err).toMatch(/is the --accounts file/);
    expect(fs.readFileSync(acc, 'utf8')).toBe(ACCOUNTS);
  });
});
