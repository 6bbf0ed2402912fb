/**
 * `salesops diff <before.xlsx> <after.xlsx> [--json] [--out report.md] [--force]`: compares two versions of a
 * workbook (src/diff) and prints every difference grouped and ranked, markdown by default or JSON. Reads the
 * files' cached values without the formula engine. Exit 0: the same; 1: they differ; 2: an error.
 */
import * as fs from 'fs';
import { readXlsxSnapshot } from '../diff/read-xlsx';
import { diffSnapshots } from '../diff/diff';
import { summaryLine, toJson, toMarkdown } from '../diff/report';
import type { WorkbookSnapshot } from '../diff/snapshot';
import { CliError, errorLine, parseArgs, processIO, sameFile, writeFileAtomic, type CliIO } from './io';

export const usage = `usage: salesops diff <before.xlsx> <after.xlsx> [--json] [--out report.md] [--force]
  Compares two versions of a workbook: sheets added, removed or renamed; rows and columns inserted or deleted;
  formulas changed in meaning; formulas replaced by typed values and the reverse; inputs; results, each with the
  input and formula changes it depends on; names and tables added, removed or re-pointed.
  --json   the report as JSON: { "changes": [ { kind, sheet, address | rows | columns, before, after, because? } ] }
  --out    write the report to this file instead of standard output (--force replaces an existing file)
Exit status: 0 the workbooks are the same, 1 they differ, 2 an error. Neither file is changed.
`;

async function read(file: string): Promise<WorkbookSnapshot> {
  if (!fs.existsSync(file)) throw new CliError(`${file}: no such file`, 2);
  if (!fs.statSync(file).isFile()) throw new CliError(`${file} is not a file`, 2);
  try {
    return await readXlsxSnapshot(fs.readFileSync(file));
  } catch (e) {
    if (e instanceof Error && e.name === 'XlsxFileError') throw new CliError(`${file}: ${e.message}`, 2);
    throw e;
  }
}

export async function run(args: string[], io: CliIO = processIO): Promise<number> {
  const { positional, flags, options } = parseArgs(args, {
    flags: ['--json', '--force', '--help', '-h'],
    options: ['--out'],
  });
  if (flags.has('--help') || flags.has('-h')) {
    io.stdout(usage);
    return 0;
  }
  if (positional.length !== 2)
    throw new CliError(
      `expected two workbooks (salesops diff <before.xlsx> <after.xlsx>), got ${positional.length}`,
      2,
    );
  const [beforeFile, afterFile] = positional;
  const out = options.get('--out');
  if (out && (sameFile(out, beforeFile) || sameFile(out, afterFile)))
    throw new CliError(`--out ${out} is one of the workbooks being compared; choose another file`, 2);
  if (out && fs.existsSync(out) && !flags.has('--force'))
    throw new CliError(`${out} already exists; pass --force to replace it`, 2);
  try {
    const [before, after] = [await read(beforeFile), await read(afterFile)];
    const report = diffSnapshots(before, after);
    const text = flags.has('--json')
      ? toJson(report) + '\n'
      : toMarkdown(report, { before: beforeFile, after: afterFile });
    if (out) {
      writeFileAtomic(out, new TextEncoder().encode(text), flags.has('--force'));
      io.stdout(`${summaryLine(report)} Report written to ${out}.\n`);
    } else io.stdout(text);
    return report.changes.length ? 1 : 0;
  } catch (e) {
    // 1 means "they differ": every failure is 2
    if (e instanceof CliError) throw new CliError(e.message, 2);
    throw new CliError(errorLine(e), 2);
  }
}
