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
import { writeWorkbook } from '../../src/hosts/headless/xlsx';

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
  return fs.readFileSync(p, 'utf8').trim().split('\n').map((l) => l.split(','));
}

describe('salesops balance', () => {
  it('writes plan.csv id,owner and prints the summary (csv input, --map, a locked account)', async () => {
    const acc = write('accounts.csv', ACCOUNTS);
    const reps = write('reps.csv', REPS);
    const out = path.join(dir, 'plan.csv');
    const before = fs.readFileSync(acc);
    const io = capture();
    const code = await main(['balance', '--accounts', acc, '--reps', reps, '--metrics', 'potential', '--map', 'account=id,revenue=potential', '--out', out], io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(readPlan(out)).toEqual([['id', 'owner'], ['a1', 'A'], ['a2', 'B'], ['a3', 'B'], ['a4', 'A']]);
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
        { name: 'Accounts', rows: [['id', 'potential', 'owner', 'locked'], ['a1', 10, 'A', null], ['a2', 20, 'A', null], ['a3', 30, 'A', null], ['a4', 40, 'A', true]] },
        { name: 'Reps', rows: [['id'], ['A'], ['B']] },
      ],
    });
    const file = path.join(dir, 'book.xlsx');
    fs.writeFileSync(file, book);
    const out = path.join(dir, 'plan.csv');
    const io = capture();
    expect(await main(['balance', '--accounts', `${file}:Accounts`, '--reps', `${file}:reps`, '--metrics', 'potential', '--out', out], io)).toBe(0);
    expect(readPlan(out)).toEqual([['id', 'owner'], ['a1', 'A'], ['a2', 'B'], ['a3', 'B'], ['a4', 'A']]);
  });

  it('solves in exact mode with HiGHS and reports the bound and a zero gap', async () => {
    const acc = write('accounts.csv', ACCOUNTS);
    const reps = write('reps.csv', REPS);
    const out = path.join(dir, 'plan.csv');
    const io = capture();
    const code = await main(['balance', '--accounts', acc, '--reps', reps, '--metrics', 'potential', '--map', 'account=id,revenue=potential', '--mode', 'exact', '--time-limit', '10', '--out', out], io);
    expect(code).toBe(0);
    const summary = JSON.parse(io.out);
    expect(summary.mode).toBe('exact');
    expect(summary.objective).toBeCloseTo(0.5, 9); // the only balanced plans move 2 of 4 accounts
    expect(summary.lowerBound).toBeCloseTo(0.5, 6);
    expect(summary.gap).toBeCloseTo(0, 6);
    expect(readPlan(out)).toEqual([['id', 'owner'], ['a1', 'A'], ['a2', 'B'], ['a3', 'B'], ['a4', 'A']]);
  });

  it('says on stderr which constraint blocks the tolerance and still writes the most balanced plan', async () => {
    const acc = write('accounts.csv', 'id,potential,owner\nbig,100,A\ns1,10,A\ns2,10,B\ns3,10,B\n');
    const reps = write('reps.csv', REPS);
    const out = path.join(dir, 'plan.csv');
    const io = capture();
    expect(await main(['balance', '--accounts', acc, '--reps', reps, '--metrics', 'potential', '--out', out], io)).toBe(0);
    expect(io.err).toMatch(/account 'big' has potential 100, more than the largest upper band 68.25/);
    expect(JSON.parse(io.out).feasible).toBe(false);
    expect(readPlan(out).length).toBe(5);
  });

  it.each([
    ['no --accounts', ['--reps', 'r.csv', '--metrics', 'x', '--out', 'p.csv'], 2, /missing --accounts/],
    ['a bad mode', ['--accounts', 'a.csv', '--reps', 'r.csv', '--metrics', 'x', '--mode', 'slow', '--out', 'p.csv'], 2, /--mode is 'slow'; use fast or exact/],
    ['a bad tolerance', ['--accounts', 'a.csv', '--reps', 'r.csv', '--metrics', 'x', '--tolerance', 'five', '--out', 'p.csv'], 2, /--tolerance is 'five'/],
    ['an unknown priority', ['--accounts', 'a.csv', '--reps', 'r.csv', '--metrics', 'x', '--weights', 'speed=1', '--out', 'p.csv'], 2, /unknown priority 'speed'/],
    ['a missing file', ['--accounts', 'nope.csv', '--reps', 'r.csv', '--metrics', 'x', '--out', 'p.csv'], 1, /--accounts nope.csv: no such file/],
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
    expect(await main(['balance', '--accounts', acc, '--reps', reps, '--metrics', 'workload', '--map', 'account=id', '--out', out], io)).toBe(1);
    expect(io.err).toMatch(/--accounts .*accounts.csv has no 'workload' column \(headers: account, revenue, owner, locked\)/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('names the row of a value that is not a number', async () => {
    const acc = write('accounts.csv', 'id,potential\na1,10\na2,lots\n');
    const io = capture();
    expect(await main(['balance', '--accounts', acc, '--reps', write('reps.csv', REPS), '--metrics', 'potential', '--out', path.join(dir, 'p.csv')], io)).toBe(1);
    expect(io.err).toMatch(/accounts.csv row 3: potential is 'lots', not a number/);
  });

  it('never replaces an existing plan without --force, and never writes over an input', async () => {
    const acc = write('accounts.csv', ACCOUNTS);
    const reps = write('reps.csv', REPS);
    const out = write('plan.csv', 'keep me');
    const io = capture();
    expect(await main(['balance', '--accounts', acc, '--reps', reps, '--metrics', 'potential', '--map', 'account=id,revenue=potential', '--out', out], io)).toBe(1);
    expect(io.err).toMatch(/already exists; pass --force/);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    const io2 = capture();
    expect(await main(['balance', '--accounts', acc, '--reps', reps, '--metrics', 'potential', '--map', 'account=id,revenue=potential', '--out', acc, '--force'], io2)).toBe(2);
    expect(io2.err).toMatch(/is the --accounts file/);
    expect(fs.readFileSync(acc, 'utf8')).toBe(ACCOUNTS);
  });
});
