/**
 * `npx salesops <command> ...`: the dispatcher. Each command lives in its own module, loaded only when used,
 * and exports `run(args, io)` resolving to an exit code. Errors end as one line on stderr and a non-zero exit.
 */
import { CliError, errorLine, processIO, type CliIO } from './io';

type Run = (args: string[], io: CliIO) => Promise<number>;

/** One line per command: its summary and how to load it (require, not import(): tsx's CommonJS hook resolves .ts only for require). */
const commands: Record<string, [summary: string, load: () => Promise<{ run: Run }>]> = {
  recalc: [
    'evaluate every formula of a workbook and write a copy with the new cached values',
    async () => require('./recalc'),
  ],
  audit: [
    'list every SALESOPS formula with an explanation and find broken formula patterns (markdown, or --json)',
    async () => require('./audit'),
  ],
  diff: [
    'compare two versions of a workbook: structure, names and tables, formulas, inputs, and results with why (exit 1 when they differ)',
    async () => require('./diff'),
  ],
  balance: [
    'balance territories: a proposed owner per account within a tolerance of each share (plan.csv + JSON summary)',
    async () => require('./balance'),
  ],
  help: ['list the commands', async () => ({ run: help })],
};

async function help(_args: string[], io: CliIO): Promise<number> {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  io.stdout('usage: salesops <command> [options]   (salesops <command> --help for its options)\n\ncommands:\n');
  for (const [name, [summary]] of Object.entries(commands)) io.stdout(`  ${name.padEnd(width)}  ${summary}\n`);
  return 0;
}

/** Runs the CLI; resolves to the process exit code (0 ok, 1 failed, 2 usage error). Never throws. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h') return await help(args, io);
    const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
    if (!command) throw new CliError(`unknown command '${name}'; commands: ${Object.keys(commands).join(', ')}`, 2);
    return await (await command[1]()).run(args, io);
  } catch (e) {
    io.stderr(
      `salesops${name && Object.prototype.hasOwnProperty.call(commands, name) ? ' ' + name : ''}: ${errorLine(e)}\n`,
    );
    return e instanceof CliError ? e.exitCode : 1;
  }
}
