/**
 * `salesops audit <in.xlsx> [--json] [--max-cells N]`: loads a workbook into the headless engine, audits every
 * formula (src/audit) and prints the report: markdown by default, JSON with --json. Reads only; writes no file.
 */
import * as fs from 'fs';
import { DEFAULT_MAX_CELLS } from '../xlsx/package';
import { loadXlsxIntoEngine, type LoadedWorkbook } from '../hosts/headless/load';
import { normalizeFormula } from '../xlsx/normalize';
import { HeadlessWorkbook } from '../hosts/headless/workbook';
import type { CellValue, FormulaCell } from '../workbook/workbook';
import { CellErrorValue } from '../functions/clean';
import { auditWorkbook } from '../audit/audit';
import { toJson, toMarkdown } from '../audit/report';
import { CliError, parseArgs, processIO, type CliIO } from './io';

export const usage = `usage: salesops audit <in.xlsx> [--json] [--max-cells N]
  Lists every SALESOPS formula (definition, ranges read, explanation) and finds inconsistent formulas, numbers typed
  over formulas, hard-coded constants, error values, planning-model problems, empty, external and circular references.
  --json       print the report as JSON instead of markdown
  --max-cells  refuse workbooks with more cells than this (default ${DEFAULT_MAX_CELLS.toLocaleString('en-US')})
The workbook is never changed.
`;

/**
 * The headless workbook, but formulas read as the file stores them (normalised function names), so that what the
 * engine cannot evaluate (a link to another workbook) is still seen by the audit.
 */
class FileFormulasWorkbook extends HeadlessWorkbook {
  private readonly stored = new Map<string, string>();

  constructor(loaded: LoadedWorkbook) {
    super(loaded.engine);
    for (const s of loaded.workbook.sheets)
      for (const c of s.cells)
        if (c.formula !== undefined && !c.spillOf)
          this.stored.set(`${s.name}!${c.address}`, '=' + normalizeFormula(c.formula));
  }

  override async readFormulas(sheet?: string): Promise<FormulaCell[]> {
    const cells = await super.readFormulas(sheet);
    return cells.map((c) => {
      const stored = this.stored.get(`${c.sheet}!${c.address}`);
      return stored ? { ...c, formula: stored } : c;
    });
  }
}

/** Excel's saved result of each formula cell that has one (a formula cell without `<v>` has none). */
function savedValues(loaded: LoadedWorkbook): (sheet: string, row: number, col: number) => CellValue | undefined {
  const saved = new Map<string, CellValue>();
  for (const s of loaded.workbook.sheets)
    for (const c of s.cells) {
      if (c.formula === undefined || c.spillOf || c.value === null) continue;
      const v = c.value;
      saved.set(
        `${s.name.toLowerCase()}\u0000${c.row}\u0000${c.col}`,
        v instanceof CellErrorValue ? { error: v.code } : v,
      );
    }
  return (sheet, row, col) => saved.get(`${sheet.toLowerCase()}\u0000${row}\u0000${col}`);
}

export async function run(args: string[], io: CliIO = processIO): Promise<number> {
  const { positional, flags, options } = parseArgs(args, {
    flags: ['--json', '--help', '-h'],
    options: ['--max-cells'],
  });
  if (flags.has('--help') || flags.has('-h')) {
    io.stdout(usage);
    return 0;
  }
  if (positional.length !== 1)
    throw new CliError(
      positional.length
        ? `expected one input file, got ${positional.length}: ${positional.join(' ')}`
        : 'missing the input workbook (salesops audit <in.xlsx> [--json])',
      2,
    );
  const input = positional[0];
  const maxCellsText = options.get('--max-cells');
  const maxCells = maxCellsText === undefined ? DEFAULT_MAX_CELLS : Number(maxCellsText);
  if (!Number.isInteger(maxCells) || maxCells < 1)
    throw new CliError(`--max-cells must be a whole number above 0, not '${maxCellsText}'`, 2);
  if (!fs.existsSync(input)) throw new CliError(`${input}: no such file`);
  if (!fs.statSync(input).isFile()) throw new CliError(`${input} is not a file`);

  let loaded: LoadedWorkbook;
  try {
    loaded = await loadXlsxIntoEngine(fs.readFileSync(input), { maxCells });
  } catch (e) {
    if (e instanceof Error && e.name === 'XlsxFileError') throw new CliError(`${input}: ${e.message}`);
    throw e;
  }
  try {
    // the audit reports the workbook as Excel saved it; the engine's recalculation is compared with it
    const report = await auditWorkbook(new FileFormulasWorkbook(loaded), { savedValue: savedValues(loaded) });
    report.notes.push(...loaded.workbook.warnings, ...loaded.warnings);
    io.stdout(flags.has('--json') ? toJson(report) + '\n' : toMarkdown(report));
    return 0;
  } finally {
    loaded.engine.destroy();
  }
}
