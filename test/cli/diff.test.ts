/**
 * `salesops diff` through the CLI dispatcher (src/cli/main.ts): exit 0 for the same workbook, 1 with the JSON
 * changes of a tier rate edit, the markdown report to --out, 2 with one line for a damaged file. Values by hand as
 * in test/diff/diff.test.ts: 12% -> 14% moves Ann (130,000 booked on 100,000) from 11,900 to 12,300.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { plan } from '../support/plan-workbook';

function capture(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

let dir: string;
let q1: string;
let q1copy: string;
let q2: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-diff-'));
  q1 = path.join(dir, 'q1.xlsx');
  q1copy = path.join(dir, 'q1-copy.xlsx');
  q2 = path.join(dir, 'q2.xlsx');
  fs.writeFileSync(q1, await plan());
  fs.writeFileSync(q1copy, await plan());
  fs.writeFileSync(
    q2,
    await plan({
      tiers: [
        [0, 0.08],
        [1, 0.14],
        [1.2, 0.15],
      ],
    }),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('salesops diff', () => {
  it('exits 0 with no changes for the same workbook', async () => {
    const io = capture();
    expect(await main(['diff', q1, q1copy, '--json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual({ changes: [] });
    expect(io.err).toBe('');
  });

  it('exits 1 and lists the tier edit with the commissions it changed (JSON)', async () => {
    const io = capture();
    expect(await main(['diff', q1, q2, '--json'], io)).toBe(1);
    const { changes } = JSON.parse(io.out) as { changes: Record<string, unknown>[] };
    expect(changes[0]).toEqual({ kind: 'input', sheet: 'Tiers', address: 'B3', before: 0.12, after: 0.14 });
    expect(changes.filter((c) => c.kind === 'result').map((c) => [c.address, c.before, c.after, c.because])).toEqual([
      ['D2', 11_900, 12_300, ['Tiers!B3']],
      ['D4', 9_200, 9_400, ['Tiers!B3']],
      ['D9', 45_100, 45_700, ['Tiers!B3']],
    ]);
  });

  it('writes the markdown report to --out and never over an existing file without --force', async () => {
    const out = path.join(dir, 'report.md');
    const io = capture();
    expect(await main(['diff', q1, q2, '--out', out], io)).toBe(1);
    expect(io.out).toBe(`4 change(s): inputs 1, results 3. Report written to ${out}.\n`);
    const md = fs.readFileSync(out, 'utf8');
    expect(md).toContain('| Reps!D2 | 11,900 | 12,300 | Tiers!B3 changed from 0.12 to 0.14 |');
    expect(md).toContain('### Reps!D2: Commission line by line');
    const again = capture();
    expect(await main(['diff', q1, q2, '--out', out], again)).toBe(2);
    expect(again.err).toBe(`salesops diff: ${out} already exists; pass --force to replace it\n`);
  });

  it('exits 2 with one line for a damaged file, a missing file or a wrong call', async () => {
    const bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(bad, (await plan()).subarray(0, 200));
    const io = capture();
    expect(await main(['diff', q1, bad], io)).toBe(2);
    expect(io.err).toMatch(
      /^salesops diff: .*bad\.xlsx: the file is not a readable \.xlsx: the zip archive is truncated or damaged/,
    );
    expect(io.err.trim().split('\n')).toHaveLength(1);
    const missing = capture();
    expect(await main(['diff', q1, path.join(dir, 'nope.xlsx')], missing)).toBe(2);
    expect(missing.err).toContain('nope.xlsx: no such file');
    const usage = capture();
    expect(await main(['diff', q1], usage)).toBe(2);
  });
});
