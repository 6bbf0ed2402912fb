/**
 * `salesops balance --accounts <csv|xlsx[:sheet]> --reps <csv|xlsx[:sheet]> --metrics potential,workload --out plan.csv`:
 * balances territories (src/models/territory/; exact mode through HiGHS in a worker thread) and writes the proposed
 * owner per account as `id,owner`; prints the summary as JSON. Inputs are only read; the plan is written atomically.
 */
import * as fs from 'fs';
import Papa from 'papaparse';
import {
  ACCOUNT_COUNT_METRIC,
  balanceTerritory,
  DEFAULT_TOLERANCE,
  readAccountTable,
  readRepTable,
  type TerritoryResult,
  type TerritoryTable,
} from '../models/territory';
import { readXlsx } from '../xlsx/read';
import type { XlsxValue } from '../xlsx/types';
import { CliError, parseArgs, processIO, sameFile, writeFileAtomic, type CliIO } from './io';

export const usage = `usage: salesops balance --accounts <file.csv|file.xlsx[:sheet]> --reps <file.csv|file.xlsx[:sheet]>
                        --metrics potential,workload --out plan.csv [options]
  Gives every account an owner so that each rep's load on every metric lies within the tolerance of its
  capacity-weighted share, moving as few accounts and causing as little travel as the priorities say.
  Accounts columns (found by header, any case): id, the metrics named, optional lat, lon, owner, locked (TRUE/FALSE,
  yes/no, y/n, 1/0 or x; blank = not locked), family. Numbers may be typed as 1,200 or 60%; a metric cell must not be blank.
  Reps columns: id, optional weight (1 = a full share), lat, lon, max_accounts.
  --metrics     metric columns to balance, comma-separated; '${ACCOUNT_COUNT_METRIC}' (without such a column) is the
                built-in account count, 1 per account, e.g. --metrics ${ACCOUNT_COUNT_METRIC},potential
  --tolerance   allowed deviation from each rep's share (default ${DEFAULT_TOLERANCE} = plus or minus 5%)
  --mode        fast (heuristic, default) or exact (MILP with HiGHS; best within --time-limit)
  --time-limit  seconds for the search (exact mode default 60)
  --weights     priorities, e.g. disruption=1,travel=0.2: disruption is the share of accounts moved away from their
                owner (0..1); travel is distance to the rep's home relative to a random assignment (0..1)
  --disruption  count moved 'accounts' (default) or moved 'potential'
  --map         rename headers, e.g. account=id,revenue=potential: a plain header=name applies to both files;
                accounts.header=name or reps.header=name to one, e.g. accounts.sales_agent=owner,reps.sales_agent=id
  --seed        seed of the fast mode's search (same seed, same plan)
  --force       replace --out if it exists
Prints the summary (per metric balance, per rep loads, moves, travel, bound and gap) as JSON.
`;

interface Table {
  headers: string[];
  rows: unknown[][];
  /** File row number of each data row, for messages. */
  fileRows: number[];
  name: string;
}

function splitSource(spec: string): { file: string; sheet: string | null } {
  const m = /^(.*\.xlsx)(?::(.+))?$/i.exec(spec);
  return m ? { file: m[1], sheet: m[2] ?? null } : { file: spec, sheet: null };
}

async function readTable(spec: string, arg: string): Promise<Table> {
  const { file, sheet } = splitSource(spec);
  if (!fs.existsSync(file)) throw new CliError(`${arg} ${file}: no such file`);
  if (!fs.statSync(file).isFile()) throw new CliError(`${arg} ${file} is not a file`);
  if (/\.xlsx$/i.test(file)) {
    let wb: Awaited<ReturnType<typeof readXlsx>>;
    try {
      wb = await readXlsx(fs.readFileSync(file));
    } catch (e) {
      // a damaged, encrypted or non-xlsx file: one line that names the file (as recalc and audit say it)
      if (e instanceof Error && e.name === 'XlsxFileError') throw new CliError(`${arg} ${file}: ${e.message}`);
      throw e;
    }
    const ws = sheet === null ? wb.sheets[0] : wb.sheets.find((s) => s.name.toLowerCase() === sheet.toLowerCase());
    if (!ws)
      throw new CliError(`${arg} ${file}: no sheet '${sheet}' (sheets: ${wb.sheets.map((s) => s.name).join(', ')})`);
    const grid: XlsxValue[][] = [];
    for (const c of ws.cells) {
      (grid[c.row] ??= [])[c.col] = c.value;
    }
    const first = grid.findIndex((r) => r && r.some((v) => v !== null && v !== undefined && v !== ''));
    if (first < 0) throw new CliError(`${arg} ${file}: sheet '${ws.name}' is empty`);
    const headers = Array.from(grid[first], (v) => String(v ?? '').trim());
    const rows: unknown[][] = [];
    const fileRows: number[] = [];
    for (let r = first + 1; r < grid.length; r++) {
      const row = grid[r];
      if (!row || row.every((v) => v === null || v === undefined || v === '')) continue;
      rows.push(headers.map((_, c) => row[c] ?? null));
      fileRows.push(r + 1);
    }
    return { headers, rows, fileRows, name: `${arg} ${file}${sheet ? ':' + ws.name : ''}` };
  }
  const parsed = Papa.parse<string[]>(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), {
    skipEmptyLines: 'greedy',
  });
  if (parsed.data.length === 0) throw new CliError(`${arg} ${file} is empty`);
  const [head, ...body] = parsed.data;
  return {
    headers: head.map((h) => h.trim()),
    rows: body,
    fileRows: body.map((_, i) => i + 2),
    name: `${arg} ${file}`,
  };
}

function tableOf(t: Table): TerritoryTable {
  return { name: t.name, headers: t.headers, rows: t.rows, rowNumbers: t.fileRows };
}

/** Column index by name (after --map renames), case-insensitive; -1 when absent. */
function columnOf(table: Table, name: string, map: Map<string, string>): number {
  const renamed = table.headers.map((h) => (map.get(h.toLowerCase()) ?? h).toLowerCase());
  return renamed.indexOf(name.toLowerCase());
}

function requireColumn(table: Table, name: string, map: Map<string, string>, prefix: 'accounts' | 'reps'): number {
  const c = columnOf(table, name, map);
  if (c < 0)
    throw new CliError(
      `${table.name} has no '${name}' column (headers: ${table.headers.join(', ')}); rename one with --map ${prefix}.header=${name}`,
    );
  return c;
}

/**
 * --map as one rename table per file: `header=name` applies to both files, `accounts.header=name` and
 * `reps.header=name` to one (and win over the plain form). Headers compare without case.
 */
export function parseMap(text: string): {
  accounts: Map<string, string>;
  reps: Map<string, string>;
  named: { file: 'accounts' | 'reps' | null; from: string; entry: string }[];
} {
  const accounts = new Map<string, string>();
  const reps = new Map<string, string>();
  const named: { file: 'accounts' | 'reps' | null; from: string; entry: string }[] = [];
  const entries = [...parseKeyValues(text, '--map')];
  for (const [from, to] of entries) {
    if (/^(accounts|reps)\./.test(from)) continue;
    accounts.set(from, to.toLowerCase());
    reps.set(from, to.toLowerCase());
    named.push({ file: null, from, entry: `${from}=${to}` });
  }
  for (const [key, to] of entries) {
    const m = /^(accounts|reps)\.(.+)$/.exec(key);
    if (!m) continue;
    const file = m[1] as 'accounts' | 'reps';
    const from = m[2].trim();
    if (!from) throw new CliError(`--map: '${key}=${to}' names no header after '${file}.'`, 2);
    (file === 'accounts' ? accounts : reps).set(from, to.toLowerCase());
    named.push({ file, from, entry: `${key}=${to}` });
  }
  return { accounts, reps, named };
}

function parseKeyValues(text: string, option: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new CliError(`${option}: '${part}' is not name=value`, 2);
    out.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return out;
}

function numberOption(
  text: string | undefined,
  option: string,
  check: (n: number) => boolean,
  hint: string,
): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || !check(n)) throw new CliError(`${option} is '${text}'; ${hint}`, 2);
  return n;
}

/** The summary printed as JSON: everything but the per-account list (that is plan.csv). */
export function summaryJson(result: TerritoryResult): object {
  const { assignments: _assignments, ...rest } = result;
  return {
    ...rest,
    reps: result.reps.map((r) => ({ ...r, deviations: r.deviations.map((d) => (Number.isFinite(d) ? d : null)) })),
    metrics: result.metrics.map((m) => ({
      ...m,
      largestDeviation: Number.isFinite(m.largestDeviation) ? m.largestDeviation : null,
    })),
  };
}

export async function run(args: string[], io: CliIO = processIO): Promise<number> {
  const { positional, flags, options } = parseArgs(args, {
    flags: ['--force', '--help', '-h'],
    options: [
      '--accounts',
      '--reps',
      '--metrics',
      '--tolerance',
      '--mode',
      '--time-limit',
      '--weights',
      '--disruption',
      '--map',
      '--seed',
      '--out',
      '-o',
    ],
  });
  if (flags.has('--help') || flags.has('-h')) {
    io.stdout(usage);
    return 0;
  }
  if (positional.length) throw new CliError(`unexpected argument '${positional[0]}'; see salesops balance --help`, 2);
  for (const required of ['--accounts', '--reps', '--metrics']) {
    if (!options.has(required)) throw new CliError(`missing ${required}; see salesops balance --help`, 2);
  }
  const out = options.get('--out') ?? options.get('-o');
  if (!out) throw new CliError('missing --out plan.csv', 2);
  const mode = options.get('--mode') ?? 'fast';
  if (mode !== 'fast' && mode !== 'exact') throw new CliError(`--mode is '${mode}'; use fast or exact`, 2);
  const tolerance = numberOption(
    options.get('--tolerance'),
    '--tolerance',
    (n) => n >= 0,
    'enter a fraction 0 or above, like 0.05 for plus or minus 5%',
  );
  const timeLimit = numberOption(options.get('--time-limit'), '--time-limit', (n) => n > 0, 'enter seconds above 0');
  const seed = numberOption(options.get('--seed'), '--seed', (n) => Number.isInteger(n), 'enter a whole number');
  const weightText = parseKeyValues(options.get('--weights') ?? '', '--weights');
  const weights: { disruption?: number; travel?: number } = {};
  for (const [k, v] of weightText) {
    if (k !== 'disruption' && k !== 'travel')
      throw new CliError(`--weights: unknown priority '${k}'; use disruption and travel`, 2);
    weights[k] = numberOption(v, `--weights ${k}`, (n) => n >= 0, 'enter a number 0 or above');
  }
  const disruption = options.get('--disruption') ?? 'accounts';
  if (disruption !== 'accounts' && disruption !== 'potential')
    throw new CliError(`--disruption is '${disruption}'; use accounts or potential`, 2);
  const map = parseMap(options.get('--map') ?? '');
  const metricNames = (options.get('--metrics') as string)
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  if (metricNames.length === 0) throw new CliError('--metrics is empty; name at least one metric column', 2);
  if (fs.existsSync(out) && !flags.has('--force'))
    throw new CliError(`--out ${out} already exists; pass --force to replace it`);

  for (const arg of ['--accounts', '--reps']) {
    if (sameFile(splitSource(options.get(arg) as string).file, out))
      throw new CliError(`--out ${out} is the ${arg} file; the input is never changed, choose another name`, 2);
  }
  const accountsTable = await readTable(options.get('--accounts') as string, '--accounts');
  const repsTable = await readTable(options.get('--reps') as string, '--reps');
  // A --map entry must name a header of its file (a plain one, of either file): a typo would silently do nothing.
  const has = (t: Table, h: string) => t.headers.some((x) => x.toLowerCase() === h);
  for (const n of map.named) {
    const tables =
      n.file === 'accounts' ? [accountsTable] : n.file === 'reps' ? [repsTable] : [accountsTable, repsTable];
    if (!tables.some((t) => has(t, n.from))) {
      throw new CliError(
        `--map ${n.entry}: ${tables.map((t) => `${t.name} (headers: ${t.headers.join(', ')})`).join(' and ')} ${tables.length > 1 ? 'have' : 'has'} no '${n.from}' column`,
      );
    }
  }
  const a = {
    id: requireColumn(accountsTable, 'id', map.accounts, 'accounts'),
    // 'accounts' without such a column is the built-in account count (-1: 1 per account)
    metrics: metricNames.map((m) =>
      m.toLowerCase() === ACCOUNT_COUNT_METRIC && columnOf(accountsTable, m, map.accounts) < 0
        ? -1
        : requireColumn(accountsTable, m, map.accounts, 'accounts'),
    ),
    lat: columnOf(accountsTable, 'lat', map.accounts),
    lon: columnOf(accountsTable, 'lon', map.accounts),
    owner: columnOf(accountsTable, 'owner', map.accounts),
    locked: columnOf(accountsTable, 'locked', map.accounts),
    family: columnOf(accountsTable, 'family', map.accounts),
  };
  // The cells are read by the model's table reader, the same as the task pane reads them.
  const { accounts } = readAccountTable(tableOf(accountsTable), a);
  const p = {
    id: requireColumn(repsTable, 'id', map.reps, 'reps'),
    weight: columnOf(repsTable, 'weight', map.reps),
    lat: columnOf(repsTable, 'lat', map.reps),
    lon: columnOf(repsTable, 'lon', map.reps),
    max: columnOf(repsTable, 'max_accounts', map.reps),
  };
  const reps = readRepTable(tableOf(repsTable), {
    id: p.id,
    weight: p.weight,
    lat: p.lat,
    lon: p.lon,
    maxAccounts: p.max,
  });

  const modelOptions = {
    metricNames,
    tolerance,
    weights,
    disruptionBasis: disruption as 'accounts' | 'potential',
    seed,
    timeLimitSeconds: timeLimit,
  };
  let result: TerritoryResult;
  if (mode === 'exact') {
    // require, not import(): under bin/salesops.js tsx's CommonJS hook resolves .ts files for require only (as
    // main.ts loads the commands); a dynamic import() there fails with "Cannot find module .../territory-highs".
    const { balanceTerritoryExact } =
      require('../solver/territory-highs') as typeof import('../solver/territory-highs');
    result = await balanceTerritoryExact(accounts, reps, { ...modelOptions, timeLimitSeconds: timeLimit ?? 60 });
  } else result = balanceTerritory(accounts, reps, modelOptions);

  const csv =
    Papa.unparse({ fields: ['id', 'owner'], data: result.assignments.map((x) => [x.id, x.owner]) }, { newline: '\n' }) +
    '\n';
  writeFileAtomic(out, new TextEncoder().encode(csv), flags.has('--force'));
  io.stdout(JSON.stringify(summaryJson(result), null, 2) + '\n');
  if (!result.feasible) io.stderr(`salesops balance: ${result.message}\n`);
  return 0;
}
