/**
 * `salesops recalc <in.xlsx> --out <out.xlsx> [--json] [--force] [--max-cells N]`: evaluates every formula of a
 * workbook (SALESOPS and built-in) in the headless engine and writes a copy in which only cached values changed.
 * The input is never written; an existing output is replaced only with --force; the output appears atomically.
 */
import * as fs from 'fs';
import * as path from 'path';
import { measureWorkbook } from '../fidelity/fidelity';
import { recalcXlsx } from '../hosts/headless/recalc';
import type { FormulaCellResult } from '../xlsx/types';
import { qualifiedAddress } from '../workbook/a1';
import { DEFAULT_MAX_CELLS } from '../xlsx/package';
import { CliError, parseArgs, sameFile, writeFileAtomic, type CliIO } from './io';

export const usage = `usage: salesops recalc <in.xlsx> --out <out.xlsx> [--json] [--force] [--max-cells N]
       salesops recalc <in.xlsx> --verify [--json]
  Evaluates every formula (SALESOPS and built-in) and writes a copy with the new cached values. A cell the engine
  cannot evaluate (CUBE functions, external links, data tables, a function it lacks, a circular reference without
  iterative calculation) keeps Excel's cached value; stderr says how many, --json lists them with the reason.
  --out        the file to write (never the input)
  --verify     recalculate in memory and list every cell whose result differs from Excel's cached value; writes
               nothing; exit 1 when any differs
  --json       print every formula cell (sheet, address, formula, value or error code and message) as JSON
  --force      replace --out if it exists
  --max-cells  refuse workbooks with more cells than this (default ${DEFAULT_MAX_CELLS.toLocaleString('en-US')})
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const { positional, flags, options } = parseArgs(args, {
    flags: ['--json', '--force', '--verify', '--help', '-h'],
    options: ['--out', '-o', '--max-cells'],
  });
  if (flags.has('--help') || flags.has('-h')) {
    io.stdout(usage);
    return 0;
  }
  if (positional.length !== 1)
    throw new CliError(
      positional.length
        ? `expected one input file, got ${positional.length}: ${positional.join(' ')}`
        : 'missing the input workbook (salesops recalc <in.xlsx> --out <out.xlsx>)',
      2,
    );
  const input = positional[0];
  if (flags.has('--verify')) return verify(input, flags.has('--json'), io);
  const out = options.get('--out') ?? options.get('-o');
  if (!out) throw new CliError('missing --out <out.xlsx>: recalc never writes over its input', 2);
  const maxCellsText = options.get('--max-cells');
  const maxCells = maxCellsText === undefined ? DEFAULT_MAX_CELLS : Number(maxCellsText);
  if (!Number.isInteger(maxCells) || maxCells < 1)
    throw new CliError(`--max-cells must be a whole number above 0, not '${maxCellsText}'`, 2);

  if (!fs.existsSync(input)) throw new CliError(`${input}: no such file`);
  if (!fs.statSync(input).isFile()) throw new CliError(`${input} is not a file`);
  if (sameFile(input, out))
    throw new CliError(`--out ${out} is the input file; recalc never writes over its input, choose another name`);
  if (fs.existsSync(out)) {
    if (fs.statSync(out).isDirectory()) throw new CliError(`--out ${out} is a folder; give a file name`);
    if (!flags.has('--force')) throw new CliError(`--out ${out} already exists; pass --force to replace it`);
  }
  if (!fs.existsSync(path.dirname(path.resolve(out))))
    throw new CliError(`--out ${out}: the folder ${path.dirname(out)} does not exist`);

  const bytes = fs.readFileSync(input);
  let result;
  try {
    result = await recalcXlsx(bytes, { maxCells });
  } catch (e) {
    if (e instanceof Error && e.name === 'XlsxFileError') throw new CliError(`${input}: ${e.message}`);
    throw e;
  }
  writeFileAtomic(out, result.output, flags.has('--force'));

  for (const w of result.warnings) io.stderr(`salesops recalc: warning: ${w}\n`);
  const kept = keptSummary(result.cells);
  if (kept) io.stderr(`salesops recalc: ${kept}\n`);
  if (flags.has('--json')) {
    const cells = result.cells.map((c) => ({
      sheet: c.sheet,
      address: c.address,
      formula: c.formula,
      ...(c.error ? { error: c.error } : { value: c.value }),
      ...(c.spill ? { spill: c.spill } : {}),
      ...(c.kept ? { kept: c.kept } : {}),
    }));
    io.stdout(JSON.stringify({ input, output: out, cells, warnings: result.warnings }, null, 2) + '\n');
  } else {
    const errors = result.cells.filter((c) => c.error);
    const sheets = new Set(result.cells.map((c) => c.sheet)).size;
    io.stdout(
      `recalculated ${result.cells.length} formula cell(s) in ${sheets} sheet(s) -> ${out}` +
        (errors.length
          ? `; ${errors.length} show an error, first ${qualifiedAddress(errors[0].sheet, errors[0].address)} ${errors[0].error!.code}`
          : '') +
        '\n',
    );
  }
  return 0;
}

/** One line: how many cells kept Excel's cached value, by reason, most frequent first; '' when none. */
export function keptSummary(cells: readonly FormulaCellResult[]): string {
  const reasons = new Map<string, number>();
  for (const c of cells) if (c.kept) reasons.set(c.kept, (reasons.get(c.kept) ?? 0) + 1);
  if (!reasons.size) return '';
  const total = [...reasons.values()].reduce((a, b) => a + b, 0);
  const shown = [...reasons]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([why, n]) => `${n}: ${why}`);
  return `kept Excel's cached value in ${total} cell(s) the engine cannot evaluate (${shown.join('; ')}${reasons.size > 3 ? '; ...' : ''}); --json lists them`;
}

/** `--verify`: recalculates in memory and lists the cells whose result is not Excel's cached value. */
async function verify(input: string, json: boolean, io: CliIO): Promise<number> {
  if (!fs.existsSync(input)) throw new CliError(`${input}: no such file`);
  if (!fs.statSync(input).isFile()) throw new CliError(`${input} is not a file`);
  const result = await measureWorkbook(input, fs.readFileSync(input));
  if (result.aborted) throw new CliError(`${input}: ${result.aborted}`);
  const compared = result.cells - result.volatile;
  if (json) {
    io.stdout(
      JSON.stringify(
        {
          input,
          compared,
          equal: result.equal,
          kept: result.kept,
          volatile: result.volatile,
          differences: result.differences,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    for (const d of result.differences)
      io.stdout(`${qualifiedAddress(d.sheet, d.address)}\t${d.formula}\tExcel: ${d.excel}\tours: ${d.ours}\n`);
    io.stdout(
      `${result.differences.length ? `${result.differences.length} of ${compared} formula cell(s) differ` : `all ${compared} formula cell(s) equal`} from Excel's cached values` +
        (result.kept ? ` (${result.kept} kept Excel's value)` : '') +
        (result.volatile ? `; ${result.volatile} volatile cell(s) (RAND, NOW, ...) not compared` : '') +
        '\n',
    );
  }
  return result.differences.length ? 1 : 0;
}
