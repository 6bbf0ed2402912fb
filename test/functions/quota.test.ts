/** SALESOPS quota functions through the headless engine, including a rollup of the real CRM org and bookings. */
import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import { DetailedCellError } from 'hyperformula';
import { createEngine, evaluateFormula } from '../../src/hosts/headless/engine';
import { first } from '../support/engine';

const DATA = path.resolve(__dirname, '../../../shared/data/crm');

function readCsv(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fs.readFileSync(path.join(DATA, file), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

describe('QUOTA.ROLLUP on the Maven CRM org (agent -> manager -> regional office -> company)', () => {
  const teams = readCsv('sales_teams.csv');
  const deals = readCsv('sales_pipeline.csv');
  // Won bookings per agent, summed in plain code.
  const won = new Map<string, number>();
  for (const d of deals)
    if (d.deal_stage === 'Won') won.set(d.sales_agent, (won.get(d.sales_agent) ?? 0) + Number(d.close_value));
  const managers = [...new Set(teams.map((t) => t.manager))];
  const regions = [...new Set(teams.map((t) => t.regional_office))];
  const regionOf = new Map(teams.map((t) => [t.manager, t.regional_office]));
  // Agents first, then managers, regions and the company: the function must not need parents before children.
  const rows: unknown[][] = [
    ...teams.map((t) => [t.sales_agent, t.manager, won.get(t.sales_agent) ?? null]),
    ...managers.map((m) => [m, regionOf.get(m), null]),
    ...regions.map((r) => [r, 'Company', null]),
    ['Company', null, null],
  ];
  const n = rows.length;
  const hf = createEngine({
    Org: rows as never,
    Out: [[`=SALESOPS.QUOTA.ROLLUP(Org!A1:A${n},Org!B1:B${n},Org!C1:C${n})`]],
  });
  afterAll(() => hf.destroy());
  const out = (row: number) => hf.getCellValue({ sheet: hf.getSheetId('Out')!, row, col: 0 }) as number;

  it('has the shape the data README describes: 35 agents, one manager per region', () => {
    expect(teams).toHaveLength(35);
    expect(new Set(managers.map((m) => regionOf.get(m))).size).toBe(regions.length);
  });

  it('gives each region the won bookings of its agents, and the company all won bookings', () => {
    const byRegion = new Map<string, number>();
    for (const t of teams)
      byRegion.set(t.regional_office, (byRegion.get(t.regional_office) ?? 0) + (won.get(t.sales_agent) ?? 0));
    regions.forEach((r, i) => expect(out(teams.length + managers.length + i)).toBeCloseTo(byRegion.get(r)!, 6));
    const all = deals.filter((d) => d.deal_stage === 'Won').reduce((a, d) => a + Number(d.close_value), 0);
    expect(out(n - 1)).toBeCloseTo(all, 6);
  });

  it('gives each manager the sum of the team, and an agent with no deals 0', () => {
    managers.forEach((m, i) => {
      const team = teams.filter((t) => t.manager === m).reduce((a, t) => a + (won.get(t.sales_agent) ?? 0), 0);
      expect(out(teams.length + i)).toBeCloseTo(team, 6);
    });
    const idle = teams.findIndex((t) => !won.has(t.sales_agent));
    expect(idle).toBeGreaterThanOrEqual(0); // the README: 5 agents have no deals
    expect(out(idle)).toBe(0);
  });
});

describe('ATTAINMENT on the real bookings', () => {
  it("divides each agent's won bookings by a quota, per row", () => {
    const deals = readCsv('sales_pipeline.csv').filter((d) => d.deal_stage === 'Won');
    const agents = [...new Set(deals.map((d) => d.sales_agent))].slice(0, 5);
    const bookings = agents.map((a) =>
      deals.filter((d) => d.sales_agent === a).reduce((s, d) => s + Number(d.close_value), 0),
    );
    const hf = createEngine({
      S: agents.map((_, i) => [bookings[i], 500_000]),
      Out: [['=SALESOPS.ATTAINMENT(S!A1:A5,S!B1:B5)']],
    });
    agents.forEach((_, i) =>
      expect(hf.getCellValue({ sheet: hf.getSheetId('Out')!, row: i, col: 0 })).toBeCloseTo(bookings[i] / 500_000, 12),
    );
    hf.destroy();
  });
});

describe('shapes', () => {
  it.each([
    // rows stay rows: 1,200,000 over {20,25,25,30}
    ['=SALESOPS.QUOTA.PHASE(1200000,{20,25,25,30})', [[240_000, 300_000, 300_000, 360_000]]],
    // columns stay columns, blank weights give blank parts: 900 over 1:2
    ['=SALESOPS.QUOTA.ALLOCATE(900,{1;"";2})', [[300], [''], [600]]],
    // one quota for every row: 50/200, 300/200
    ['=SALESOPS.ATTAINMENT({50;300},200)', [[0.25], [1.5]]],
    // per-rep ramped quota, Q1 2026, ramp {0,0.25,0.5}: hired 2026-01-10 -> 75,000; 2025-11-01 -> Jan 0.5 + Feb 1 + Mar 1 -> 250,000
    [
      '=SALESOPS.RAMPQUOTA(1200000,{"2026-01-10","2025-11-01"},"2026-01-01","2026-03-31",{0,0.25,0.5})',
      [[75_000, 250_000]],
    ],
  ])('%s', (formula, want) => {
    expect(evaluateFormula(formula)).toEqual(want);
  });

  it('puts a #DIV/0! only in the row with a zero quota', () => {
    const v = evaluateFormula('=SALESOPS.ATTAINMENT({90000;30000;10000},{100000;0;20000})') as unknown[][];
    expect(v[0][0]).toBeCloseTo(0.9, 12);
    expect((v[1][0] as DetailedCellError).value).toBe('#DIV/0!');
    expect((v[1][0] as DetailedCellError).message).toMatch(/quota row 2 is 0/);
    expect(v[2][0]).toBeCloseTo(0.5, 12);
  });
});

describe('errors name the argument and the problem', () => {
  it.each([
    ['=SALESOPS.QUOTA.ALLOCATE(1000000,{3;-2;5})', '#VALUE!', /weights row 2 is -2/],
    ['=SALESOPS.QUOTA.ALLOCATE(1000000,{3;"big";5})', '#VALUE!', /weights row 2 holds text "big"/],
    ['=SALESOPS.QUOTA.ALLOCATE(1000000,{0;0})', '#DIV/0!', /weights add up to 0/],
    ['=SALESOPS.QUOTA.ALLOCATE(1000000,{3;2},20)', '#VALUE!', /overassignment is 20, above 1; enter 20% or 0.2/],
    // typed as a percentage already: the allowed range, not "enter 1.5% or 0.015"
    [
      '=SALESOPS.QUOTA.ALLOCATE(1000000,{3;2},"150%")',
      '#VALUE!',
      /^overassignment is 150%, above 100%; enter a percentage from 0% to 100%$/,
    ],
    [
      '=SALESOPS.QUOTA.ALLOCATE(1000000,{3;2},"-20%")',
      '#VALUE!',
      /^overassignment is -20%; it cannot be negative \(enter a percentage from 0% to 100%\)$/,
    ],
    // 15,000 read as a percentage (150) is still out of range: the range again
    [
      '=SALESOPS.QUOTA.ALLOCATE(1000000,{3;2},15000)',
      '#VALUE!',
      /^overassignment is 15000, above 1; enter a fraction from 0 to 1 \(a percentage from 0% to 100%\)$/,
    ],
    [
      '=SALESOPS.WEIGHTEDPIPE({1000},{"Trial"},{"Trial","160%"})',
      '#VALUE!',
      /^stage_table row 1 probability is 160%, above 100%; enter a percentage from 0% to 100%$/,
    ],
    ['=SALESOPS.QUOTA.ALLOCATE(1000000,{3;2},0.2,-5)', '#VALUE!', /round_to is -5/],
    ['=SALESOPS.QUOTA.ROLLUP({"C";"E";"E"},{"";"C";"C"},{1;2;3})', '#VALUE!', /ids rows 2 and 3: duplicate id 'E'/],
    ['=SALESOPS.QUOTA.ROLLUP({"C";"E"},{"";"X"},{1;2})', '#VALUE!', /parent_ids row 2: parent 'X' is not in ids/],
    ['=SALESOPS.QUOTA.ROLLUP({"C";"A";"B"},{"";"B";"A"},{1;2;3})', '#VALUE!', /cycle through rows 2, 3/],
    ['=SALESOPS.QUOTA.ROLLUP({"C";"A"},{"";"C"},{1;"two"})', '#VALUE!', /values row 2 holds text "two"/],
    ['=SALESOPS.QUOTA.ROLLUP({"C";"A"},{"";"C"},{1;2;3})', '#VALUE!', /values has 3 rows but ids has 2/],
    ['=SALESOPS.QUOTA.PHASE(1200000,{20,"high",25})', '#VALUE!', /seasonality row 2 holds text "high"/],
    ['=SALESOPS.QUOTA.PHASE(1200000,{0,0})', '#DIV/0!', /seasonality add up to 0/],
    ['=SALESOPS.ATTAINMENT({1;2},{1;2;3})', '#VALUE!', /quota has 3 rows but bookings has 2/],
    ['=SALESOPS.ATTAINMENT(90000,0)', '#DIV/0!', /quota is 0/],
    [
      '=SALESOPS.RAMPQUOTA(1200000,"2026-01-10","2026-03-31","2026-01-01",{0,0.25})',
      '#VALUE!',
      /period_end is before period_start/,
    ],
    ['=SALESOPS.RAMPQUOTA(1200000,"2026-01-10","2026-01-01","2026-03-31",{0,1.25})', '#VALUE!', /ramp item 2 is 1.25/],
    [
      '=SALESOPS.RAMPQUOTA("n/a","2026-01-10","2026-01-01","2026-03-31",{0})',
      '#VALUE!',
      /annual_quota holds text "n\/a"/,
    ],
  ])('%s is %s', (formula, code, message) => {
    const v = first(evaluateFormula(formula)) as DetailedCellError;
    expect(v).toBeInstanceOf(DetailedCellError);
    expect(v.value).toBe(code);
    expect(v.message).toMatch(message);
  });
});
