/**
 * `salesops recalc`: in-process through main() for the rules (never the input, --force, atomic writes, --json),
 * and as a real child process through bin/salesops.js for the bad-file cases (exit code, one line, no stack).
 *
 * Worked examples (issue 2): a 1,000 deal in Trial (60%) is worth 600, a 2,500 deal in Demo (40%) 1,000;
 * 600 + 1,000 = 1,600. CAPACITY with ramp {0.25,0.5,0.75}, 1.2M, reps hired 2025-01-15 and 2026-02-01, period
 * 2026-01-01..2026-03-31 = 300,000 + 25,000 + 50,000 = 375,000.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { CliError, sameFile, writeFileAtomic, type CliIO } from '../../src/cli/io';
import { writeWorkbook } from '../../src/xlsx/create';
import { STAGES } from '../support/fixtures';
import { encryptedWorkbook, notXlsx } from '../support/bad-files';

const BIN = path.resolve(__dirname, '../../bin/salesops.js');
async function pipelineWorkbook(): Promise<Buffer> {
  return writeWorkbook({
    sheets: [
      {
        name: 'Pipeline',
        rows: [
          ['Stage', 'Probability', 'Amount', 'Deal stage'],
          ...STAGES.map(([s, p], i) => [
            s,
            p,
            i === 0 ? 1000 : i === 1 ? 2500 : null,
            i === 0 ? 'Trial' : i === 1 ? 'Demo' : null,
          ]),
        ],
        cells: {
          A9: { formula: '_xldudf_SALESOPS_WEIGHTEDPIPE(C2:C3,D2:D3,A2:B7)', value: 0 },
          A10: { formula: 'SUM(C2:C3)', value: 0 },
          A11: { formula: '_xldudf_SALESOPS_WEIGHTEDPIPE(C2,"Negotiaton",A2:B7)', value: 0 },
          A12: {
            formula:
              '_xldudf_SALESOPS_CAPACITY({"2025-01-15";"2026-02-01"},1200000,{0.25,0.5,0.75},"2026-01-01","2026-03-31")',
            value: 0,
          },
        },
      },
    ],
  });
}

function capture(): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}

let dir: string;
let input: string;
let inputBytes: Buffer;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-recalc-'));
  input = path.join(dir, 'in.xlsx');
  inputBytes = await pipelineWorkbook();
  fs.writeFileSync(input, inputBytes);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const tempFilesIn = (d: string) => fs.readdirSync(d).filter((f) => f.endsWith('.tmp'));

describe('salesops recalc', () => {
  it('writes the recalculated copy and prints every formula cell as JSON with --json', async () => {
    const out = path.join(dir, 'out.xlsx');
    const io = capture();
    expect(await main(['recalc', input, '--out', out, '--json'], io)).toBe(0);
    expect(io.err).toBe('');
    const report = JSON.parse(io.out) as {
      cells: {
        sheet: string;
        address: string;
        formula: string;
        value?: number;
        error?: { code: string; message: string };
      }[];
    };
    const cell = (a: string) => report.cells.find((c) => c.address === a)!;
    expect(report.cells.map((c) => `${c.sheet}!${c.address}`)).toEqual([
      'Pipeline!A9',
      'Pipeline!A10',
      'Pipeline!A11',
      'Pipeline!A12',
    ]);
    expect(cell('A9')).toEqual({
      sheet: 'Pipeline',
      address: 'A9',
      formula: '=SALESOPS.WEIGHTEDPIPE(C2:C3,D2:D3,A2:B7)',
      value: expect.any(Number),
    });
    expect(cell('A9').value).toBeCloseTo(1600, 9);
    expect(cell('A10').value).toBe(3500);
    expect(cell('A11').error).toEqual({ code: '#N/A', message: expect.stringMatching(/Negotiaton/) });
    expect(cell('A12').value).toBeCloseTo(375000, 6);
    const sheet = await (await JSZip.loadAsync(fs.readFileSync(out))).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain(
      '<c r="A11" t="e"><f>_xldudf_SALESOPS_WEIGHTEDPIPE(C2,&quot;Negotiaton&quot;,A2:B7)</f><v>#N/A</v></c>',
    );
    expect(fs.readFileSync(input).equals(inputBytes)).toBe(true);
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('prints a one-line summary without --json', async () => {
    const io = capture();
    expect(await main(['recalc', input, '--out', path.join(dir, 'out.xlsx')], io)).toBe(0);
    expect(io.out).toMatch(
      /^recalculated 4 formula cell\(s\) in 1 sheet\(s\) -> .*out\.xlsx; 1 show an error, first Pipeline!A11 #N\/A\n$/,
    );
  });

  it.each([
    ['the same path', (p: string) => p],
    ['a different spelling', (p: string) => path.join(path.dirname(p), 'sub', '..', '.', path.basename(p))],
    ['a relative path', (p: string) => path.relative(process.cwd(), p)],
    [
      'a symbolic link',
      (p: string) => (
        fs.symlinkSync(p, path.join(path.dirname(p), 'link.xlsx')),
        path.join(path.dirname(p), 'link.xlsx')
      ),
    ],
    [
      'a hard link',
      (p: string) => (fs.linkSync(p, path.join(path.dirname(p), 'hard.xlsx')), path.join(path.dirname(p), 'hard.xlsx')),
    ],
  ])('refuses to write over the input given as %s, even with --force', async (_how, spell) => {
    fs.mkdirSync(path.join(dir, 'sub'));
    const io = capture();
    expect(await main(['recalc', input, '--out', spell(input), '--force'], io)).toBe(1);
    expect(io.err).toMatch(/^salesops recalc: --out .* is the input file; recalc never writes over its input/);
    expect(fs.readFileSync(input).equals(inputBytes)).toBe(true);
  });

  it('refuses an existing --out unless --force, and then replaces it', async () => {
    const out = path.join(dir, 'out.xlsx');
    fs.writeFileSync(out, 'keep me');
    const io = capture();
    expect(await main(['recalc', input, '--out', out], io)).toBe(1);
    expect(io.err).toBe(`salesops recalc: --out ${out} already exists; pass --force to replace it\n`);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    expect(await main(['recalc', input, '--out', out, '--force'], capture())).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it.each([
    [['recalc'], 2, /missing the input workbook/],
    [['recalc', 'in.xlsx'], 2, /missing --out/],
    [['recalc', 'a.xlsx', 'b.xlsx', '--out', 'c.xlsx'], 2, /expected one input file, got 2/],
    [['recalc', 'in.xlsx', '--out', 'x.xlsx', '--fast'], 2, /unknown option --fast/],
    [['recalc', 'in.xlsx', '--out'], 2, /--out needs a value/],
    [
      ['recalc', 'in.xlsx', '--out', 'x.xlsx', '--max-cells', 'lots'],
      2,
      /--max-cells must be a whole number above 0, not 'lots'/,
    ],
    [['recalc', 'missing.xlsx', '--out', 'x.xlsx'], 1, /missing\.xlsx: no such file/],
    [['frobnicate'], 2, /unknown command 'frobnicate'; commands: recalc, .*help/],
  ])('%j exits %i with one line', async (argv, code, message) => {
    const io = capture();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await main(argv as string[], io)).toBe(code);
    } finally {
      process.chdir(cwd);
    }
    expect(io.err).toMatch(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });

  it('lists its commands', async () => {
    const io = capture();
    expect(await main(['help'], io)).toBe(0);
    expect(io.out).toMatch(/recalc +evaluate every formula/);
  });
});

describe('atomic writes', () => {
  it('writes to a temporary file in the target folder, then links or renames it into place', () => {
    const target = path.join(dir, 'report.xlsx');
    // The module object itself (an ES import gives a copy of its properties, which a spy would not reach).
    const link = jest.spyOn(require('fs') as typeof fs, 'linkSync');
    try {
      writeFileAtomic(target, Buffer.from('new'), false);
      const [temp, final] = link.mock.calls[0] as [string, string];
      expect(path.dirname(temp)).toBe(dir);
      expect(final).toBe(target);
    } finally {
      link.mockRestore();
    }
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('does not replace a file that appeared meanwhile, and leaves no temporary file', () => {
    const target = path.join(dir, 'report.xlsx');
    fs.writeFileSync(target, 'theirs');
    expect(() => writeFileAtomic(target, Buffer.from('ours'), false)).toThrow(CliError);
    expect(fs.readFileSync(target, 'utf8')).toBe('theirs');
    writeFileAtomic(target, Buffer.from('ours'), true);
    expect(fs.readFileSync(target, 'utf8')).toBe('ours');
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('knows two spellings of one file', () => {
    expect(sameFile(input, path.join(dir, '.', 'x', '..', 'in.xlsx'))).toBe(true);
    expect(sameFile(input, path.join(dir, 'other.xlsx'))).toBe(false);
  });
});

describe('bad files through bin/salesops.js', () => {
  const run = (file: string) =>
    spawnSync(process.execPath, [BIN, 'recalc', file, '--out', path.join(path.dirname(file), 'out.xlsx')], {
      encoding: 'utf8',
      timeout: 120_000,
    });

  it.each([
    [
      'a truncated zip',
      () => inputBytes.subarray(0, inputBytes.length - 40),
      /in\.xlsx: the file is not a readable \.xlsx: the zip archive is truncated or damaged/,
    ],
    ['a non-xlsx file', notXlsx, /in\.xlsx: this is not an \.xlsx workbook/],
    ['a password-protected workbook', encryptedWorkbook, /in\.xlsx: the workbook is password-protected/],
  ])('%s: exit 1, one line on stderr, no stack trace, no output file', (_what, make, message) => {
    fs.writeFileSync(input, make());
    const r = run(input);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'out.xlsx'))).toBe(false);
  });

  it('a sheet with 1,048,576 rows: exit 1 with the limit named, no stack trace, quickly', async () => {
    const zip = await JSZip.loadAsync(inputBytes);
    const rows: string[] = [];
    for (let r = 1; r <= 1_048_576; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    zip.file(
      'xl/worksheets/sheet1.xml',
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
    );
    fs.writeFileSync(
      input,
      await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } }),
    );
    const r = run(input);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^salesops recalc: .*in\.xlsx: sheet 'Pipeline' reaches row 1,000,001 and the workbook holds more than 1,000,000 cells, the most this tool loads; use --max-cells/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, 'out.xlsx'))).toBe(false);
  }, 120_000);

  it('a good file end to end: exit 0 and the output written', () => {
    const r = run(input);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/recalculated 4 formula cell\(s\)/);
    expect(fs.existsSync(path.join(dir, 'out.xlsx'))).toBe(true);
  }, 60_000);
});
