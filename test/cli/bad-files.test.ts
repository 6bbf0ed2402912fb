/**
 * Bad files through the real bin/salesops.js for the commands that read workbooks besides recalc (recalc.test.ts has
 * its own): `audit` and `balance` end a damaged zip, a non-xlsx file or a password-protected workbook with exit 1 and
 * one line on stderr naming the file, never a stack trace, and never change the file they were given.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { writeWorkbook } from '../../src/xlsx/create';
import { encryptedWorkbook, notXlsx } from '../support/bad-files';

const BIN = path.resolve(__dirname, '../../bin/salesops.js');
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });

let dir: string;
let good: Buffer;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-badfiles-'));
  good = await writeWorkbook({
    sheets: [
      {
        name: 'Accounts',
        rows: [
          ['id', 'potential'],
          ['a1', 10],
          ['a2', 20],
        ],
        cells: { C2: { formula: 'SUM(B2:B3)', value: 30 } },
      },
    ],
  });
  fs.writeFileSync(path.join(dir, 'reps.csv'), 'id\nr1\nr2\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const bad: [string, () => Buffer, RegExp][] = [
  [
    'a truncated zip',
    () => good.subarray(0, good.length - 40),
    /in\.xlsx: the file is not a readable \.xlsx: the zip archive is truncated or damaged/,
  ],
  ['a non-xlsx file', notXlsx, /in\.xlsx: this is not an \.xlsx workbook/],
  ['a password-protected workbook', encryptedWorkbook, /in\.xlsx: the workbook is password-protected/],
];

const commands: [string, (file: string) => string[]][] = [
  ['audit', (file) => ['audit', file]],
  [
    'balance --accounts',
    (file) => [
      'balance',
      '--accounts',
      file,
      '--reps',
      path.join(dir, 'reps.csv'),
      '--metrics',
      'potential',
      '--out',
      path.join(dir, 'plan.csv'),
    ],
  ],
  [
    'balance --reps',
    (file) => [
      'balance',
      '--accounts',
      path.join(dir, 'reps.csv'),
      '--reps',
      file,
      '--metrics',
      'potential',
      '--out',
      path.join(dir, 'plan.csv'),
    ],
  ],
];

describe.each(commands)('salesops %s', (_name, argv) => {
  it.each(bad)(
    '%s: exit 1, one line naming the file, no stack trace, file unchanged, no output',
    (_what, make, message) => {
      const input = path.join(dir, 'in.xlsx');
      const bytes = make();
      fs.writeFileSync(input, bytes);
      const r = run(argv(input));
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(fs.readFileSync(input).equals(bytes)).toBe(true);
      expect(fs.existsSync(path.join(dir, 'plan.csv'))).toBe(false);
    },
  );
});

it('balance reads a good workbook without changing a byte of it', () => {
  const input = path.join(dir, 'accounts.xlsx');
  fs.writeFileSync(input, good);
  const out = path.join(dir, 'ok-plan.csv');
  const r = run([
    'balance',
    '--accounts',
    `${input}:Accounts`,
    '--reps',
    path.join(dir, 'reps.csv'),
    '--metrics',
    'potential',
    '--tolerance',
    '1',
    '--out',
    out,
  ]);
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  expect(fs.readFileSync(input).equals(good)).toBe(true);
  // two accounts, two reps: every account gets exactly one owner among r1, r2
  const lines = fs.readFileSync(out, 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('id,owner');
  expect(
    lines
      .slice(1)
      .map((l) => l.split(',')[0])
      .sort(),
  ).toEqual(['a1', 'a2']);
  for (const l of lines.slice(1)) expect(['r1', 'r2']).toContain(l.split(',')[1]);
});
