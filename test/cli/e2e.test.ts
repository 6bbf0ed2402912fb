/**
 * `salesops recalc` end to end, as a user runs it: bin/salesops.js in a child process, on workbooks written here.
 * Hand-worked: A1 = 2, A2 = 3, B1 = A1 + A2 = 5, B2 = B1 x 10 = 50.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import JSZip from 'jszip';
import { XMLValidator } from 'fast-xml-parser';
import { writeWorkbook } from '../../src/xlsx/create';

const BIN = path.resolve(__dirname, '../../bin/salesops.js');
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-e2e-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function save(name: string, cached: { b1: number; b2: number }): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    await writeWorkbook({
      sheets: [
        {
          name: 'Plan',
          rows: [
            [2, { formula: 'A1+A2', value: cached.b1 }],
            [3, { formula: 'B1*10', value: cached.b2 }],
          ],
        },
      ],
    }),
  );
  return file;
}

describe('salesops recalc through bin/salesops.js', () => {
  it('writes a valid workbook with the new cached values and exits 0', async () => {
    const input = await save('stale.xlsx', { b1: 0, b2: 0 });
    const out = path.join(dir, 'out.xlsx');
    const r = run(['recalc', input, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/recalculated 2 formula cell\(s\) in 1 sheet\(s\)/);
    const xml = await (await JSZip.loadAsync(fs.readFileSync(out))).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<c r="B1"><f>A1+A2</f><v>5</v></c>');
    expect(xml).toContain('<c r="B2"><f>B1*10</f><v>50</v></c>');
  }, 150_000);

  it('--verify lists the cells whose cached value is stale and exits 1, writing nothing', async () => {
    const input = await save('verify-stale.xlsx', { b1: 5, b2: 0 });
    const before = fs.readdirSync(dir).sort();
    const r = run(['recalc', input, '--verify']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Plan!B2\t=B1*10\tExcel: 0\tours: 50');
    expect(r.stdout).toMatch(/1 of 2 formula cell\(s\) differ/);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  }, 150_000);

  it("--verify exits 0 when every cached value is Excel's result", async () => {
    const input = await save('verify-current.xlsx', { b1: 5, b2: 50 });
    const r = run(['recalc', input, '--verify', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expect.objectContaining({ compared: 2, equal: 2, differences: [] }));
  }, 150_000);
});
