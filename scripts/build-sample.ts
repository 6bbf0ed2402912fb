/**
 * Derives the playground's sample planning workbook (src/playground/sample/planning.json) from the Maven Analytics
 * "CRM + Sales + Opportunities" data set in ../shared/data/crm/ (public domain, so a derived sample may ship).
 *
 * - Pipeline: every open deal (Engaging / Prospecting) with its product's list price as the amount (open deals have
 *   no close value), a stage table (Engaging = the historical win rate won / (won + lost); Prospecting = 10%, an
 *   input to edit), and SALESOPS.WEIGHTEDPIPE over the deals.
 * - Team: every agent with a hire date derived deterministically (the first day of the month of the agent's first
 *   engaged deal; agents with no deals are a 2018 hiring plan, one a month from February in name order), and
 *   SALESOPS.CAPACITY for the 2018 plan year. A note cell on the sheet says how the dates were made.
 *
 * Run: npx tsx scripts/build-sample.ts [--data <crm dir>]. The output is committed; re-running gives the same bytes.
 */
import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';

type Row = Record<string, string>;
type Cell = string | number | boolean | null;

const root = path.resolve(__dirname, '..');
const argData = process.argv.indexOf('--data');
const dataDir = argData > 0 ? path.resolve(process.argv[argData + 1]) : path.resolve(root, '../shared/data/crm');
const outFile = path.join(root, 'src/playground/sample/planning.json');

function readCsv(name: string): Row[] {
  const text = fs.readFileSync(path.join(dataDir, name), 'utf8');
  const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`${name}: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  return parsed.data;
}

/** The product name as products.csv spells it (the pipeline says "GTXPro" for "GTX Pro"). */
function productKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

function monthStart(iso: string): string {
  return iso.slice(0, 7) + '-01';
}

export interface SampleWorkbook {
  source: string;
  sheets: Record<string, Cell[][]>;
  /** Column widths in pixels per sheet, for the grid. */
  widths: Record<string, number[]>;
  /** Rows (0-based) shown bold: titles and headers. */
  boldRows: Record<string, number[]>;
  /** Input cells (A1 ranges) shown in Excel's "Input" style: the numbers a planner is meant to change. */
  inputs: Record<string, string[]>;
  /** The cells the playground selects first and the browser test edits. */
  cells: { winProbability: string; weightedPipe: string; productivity: string; capacity: string };
}

export function buildSample(): SampleWorkbook {
  const deals = readCsv('sales_pipeline.csv');
  const teams = readCsv('sales_teams.csv');
  const prices = new Map(readCsv('products.csv').map((p) => [productKey(p.product), Number(p.sales_price)]));

  const won = deals.filter((d) => d.deal_stage === 'Won').length;
  const lost = deals.filter((d) => d.deal_stage === 'Lost').length;
  const winRate = Math.round((won / (won + lost)) * 1000) / 1000;

  const open = deals
    .filter((d) => d.deal_stage === 'Engaging' || d.deal_stage === 'Prospecting')
    .sort((a, b) =>
      a.deal_stage === b.deal_stage
        ? a.opportunity_id.localeCompare(b.opportunity_id)
        : a.deal_stage.localeCompare(b.deal_stage),
    );
  const first = 11; // first deal row (1-based)
  const last = first + open.length - 1;
  const pipeline: Cell[][] = [
    ['Open pipeline: weighted by stage', null, null, null, null, null, null],
    ['Maven Analytics CRM sample (public domain): every open deal', null, null, null, null, null, null],
    ['Stage', 'Win probability', null, null, null, null, null],
    ['Prospecting', 0.1, null, null, null, null, null],
    ['Engaging', winRate, null, null, null, null, null],
    [null, null, null, null, null, null, null],
    [
      'Weighted pipeline',
      `=SALESOPS.WEIGHTEDPIPE(F${first}:F${last}, E${first}:E${last}, A4:B5)`,
      null,
      null,
      null,
      null,
      null,
    ],
    ['Open pipeline (list price)', `=SUM(F${first}:F${last})`, null, null, null, null, null],
    [
      `Amount = the product's list price (open deals have no close value). Engaging = historical win rate: ${won} won / ${won + lost} closed.`,
      null,
      null,
      null,
      null,
      null,
      null,
    ],
    ['Opportunity', 'Agent', 'Account', 'Product', 'Stage', 'Amount', 'Engage date'],
    ...open.map((d) => {
      const price = prices.get(productKey(d.product));
      if (price === undefined)
        throw new Error(`sales_pipeline.csv ${d.opportunity_id}: unknown product '${d.product}'`);
      return [
        d.opportunity_id,
        d.sales_agent,
        d.account || null,
        d.product,
        d.deal_stage,
        price,
        d.engage_date || null,
      ] as Cell[];
    }),
  ];

  const firstEngaged = new Map<string, string>();
  const won2017 = new Map<string, number>();
  for (const d of deals) {
    if (d.engage_date && (!firstEngaged.has(d.sales_agent) || d.engage_date < firstEngaged.get(d.sales_agent)!))
      firstEngaged.set(d.sales_agent, d.engage_date);
    if (d.deal_stage === 'Won' && d.close_date.startsWith('2017'))
      won2017.set(d.sales_agent, (won2017.get(d.sales_agent) ?? 0) + Number(d.close_value));
  }
  const agents = [...teams].sort(
    (a, b) => a.regional_office.localeCompare(b.regional_office) || a.sales_agent.localeCompare(b.sales_agent),
  );
  const planned = agents
    .filter((a) => !firstEngaged.has(a.sales_agent))
    .map((a) => a.sales_agent)
    .sort();
  const hireDate = (agent: string): string => {
    const f = firstEngaged.get(agent);
    if (f) return monthStart(f);
    return `2018-${String(2 + planned.indexOf(agent)).padStart(2, '0')}-01`;
  };
  const bookings = [...won2017.values()];
  const productivity = Math.round(bookings.reduce((s, v) => s + v, 0) / bookings.length / 1000) * 1000;
  const tFirst = 13;
  const tLast = tFirst + agents.length - 1;
  const team: Cell[][] = [
    ['Team capacity: 2018 plan', null, null, null, null],
    ['Kellogg bookings capacity model over the sales team', null, null, null, null],
    ['Plan start', '2018-01-01', null, null, null],
    ['Plan end', '2018-12-31', null, null, null],
    ['Annual productivity (ramped rep)', productivity, null, null, null],
    ['Ramp by month of tenure', 0.25, 0.5, 0.75, null],
    ['Annual attrition', 0.1, null, null, null],
    [null, null, null, null, null],
    ['Capacity 2018', `=SALESOPS.CAPACITY(D${tFirst}:D${tLast}, B5, B6:D6, B3, B4, B7)`, null, null, null],
    [
      `Hire dates are derived: the 1st of the month of each agent's first engaged deal; the ${planned.length} agents with no deals are a 2018 hiring plan, one a month from February (name order). Productivity = mean 2017 won bookings per agent.`,
      null,
      null,
      null,
      null,
    ],
    [null, null, null, null, null],
    ['Agent', 'Manager', 'Office', 'Hire date', 'Won 2017'],
    ...agents.map(
      (a) =>
        [
          a.sales_agent,
          a.manager,
          a.regional_office,
          hireDate(a.sales_agent),
          won2017.get(a.sales_agent) ?? 0,
        ] as Cell[],
    ),
  ];

  return {
    source:
      'Derived by scripts/build-sample.ts from ../shared/data/crm (Maven Analytics CRM + Sales + Opportunities, public domain).',
    sheets: { Pipeline: pipeline, Team: team },
    widths: { Pipeline: [190, 150, 150, 130, 110, 90, 110], Team: [230, 150, 90, 110, 100] },
    boldRows: { Pipeline: [0, 2, 6, 9], Team: [0, 8, 11] },
    inputs: { Pipeline: ['B4:B5'], Team: ['B3:B7', 'C6:D6'] },
    cells: { winProbability: 'Pipeline!B5', weightedPipe: 'Pipeline!B7', productivity: 'Team!B5', capacity: 'Team!B9' },
  };
}

if (require.main === module) {
  const sample = buildSample();
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(sample) + '\n');
  const rows = Object.entries(sample.sheets)
    .map(([n, r]) => `${n} ${r.length} rows`)
    .join(', ');
  console.log(
    `build-sample: ${path.relative(root, outFile)} (${rows}, ${(fs.statSync(outFile).size / 1024).toFixed(0)} KiB)`,
  );
}
