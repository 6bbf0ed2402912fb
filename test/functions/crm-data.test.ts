/**
 * The pipeline and forecast functions over the real CRM data set (Maven Analytics "CRM Sales Opportunities",
 * ../shared/data/crm/sales_pipeline.csv: 8,800 deals, CRLF, deal_stage Won / Lost / Engaging / Prospecting), in the
 * headless engine, against figures this test computes with plain code from the CSV.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DetailedCellError } from 'hyperformula';
import { createEngine } from '../../src/hosts/headless/engine';

const DATA = path.resolve(__dirname, '../../../shared/data/crm');

interface Deal {
  agent: string;
  product: string;
  stage: string;
  engage: string; // ISO date or ''
  close: string;
  value: number | null;
}

function readCsv(file: string): string[][] {
  return fs
    .readFileSync(path.join(DATA, file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0)
    .slice(1)
    .map((l) => l.split(','));
}

const deals: Deal[] = readCsv('sales_pipeline.csv').map((c) => ({
  agent: c[1],
  product: c[2],
  stage: c[4],
  engage: c[5],
  close: c[6],
  value: c[7] === '' ? null : Number(c[7]),
}));
// The pipeline says "GTXPro" where products.csv says "GTX Pro": join on the name without spaces.
const listPrice = new Map(readCsv('products.csv').map((c) => [c[0].replace(/\s/g, ''), Number(c[2])]));
const priceOf = (d: Deal) => listPrice.get(d.product.replace(/\s/g, ''))!;
const dayNumber = (iso: string) => Date.parse(iso + 'T00:00:00Z') / 86_400_000;
const isOpen = (d: Deal) => d.stage === 'Engaging' || d.stage === 'Prospecting';

// ---- independent figures, plain code ----
const won = deals.filter((d) => d.stage === 'Won');
const lost = deals.filter((d) => d.stage === 'Lost');
const open = deals.filter(isOpen);
const wonRevenue = won.reduce((s, d) => s + d.value!, 0);
const winRate = won.length / (won.length + lost.length);
const wonCycle = won.reduce((s, d) => s + dayNumber(d.close) - dayNumber(d.engage), 0) / won.length;
const engagingValue = deals.filter((d) => d.stage === 'Engaging').reduce((s, d) => s + priceOf(d), 0);
const prospectingValue = deals.filter((d) => d.stage === 'Prospecting').reduce((s, d) => s + priceOf(d), 0);

/** Sheet Deals: A agent, B stage, C engage, D close, E amount (close value, or list price when open), F category, G furthest stage, H open amount, I open probability, J open age. */
const asOf = Math.max(
  ...deals
    .flatMap((d) => [d.engage, d.close])
    .filter(Boolean)
    .map(dayNumber),
);
const CATEGORY: Record<string, string> = { Won: 'Won', Lost: 'Lost', Engaging: 'Best Case', Prospecting: 'Pipeline' };
const FURTHEST: Record<string, string> = {
  Won: 'Won',
  Lost: 'Engaging',
  Engaging: 'Engaging',
  Prospecting: 'Prospecting',
};
const rows = deals.map((d) => [
  d.agent,
  d.stage,
  d.engage || null,
  d.close || null,
  isOpen(d) ? priceOf(d) : d.value,
  CATEGORY[d.stage],
  FURTHEST[d.stage],
  d.stage === 'Engaging' ? priceOf(d) : null,
  d.stage === 'Engaging' ? winRate : null,
  d.stage === 'Engaging' ? asOf - dayNumber(d.engage) : null,
]);
const wonDates = won.map((d) => [d.engage, d.close]);

// Monthly won revenue by close month, and a naive forecast (last month's actual) for the accuracy check.
const byMonth = new Map<string, number>();
for (const d of won) byMonth.set(d.close.slice(0, 7), (byMonth.get(d.close.slice(0, 7)) ?? 0) + d.value!);
const months = [...byMonth.keys()].sort();
const actuals = months.slice(1).map((m) => byMonth.get(m)!);
const naive = months.slice(0, -1).map((m) => byMonth.get(m)!);

// A stage table for the CRM's four stages (an illustrative plan, not derived from the data).
const STAGE_P: Record<string, number> = { Prospecting: 0.1, Engaging: 0.6, Won: 1, Lost: 0 };
const STAGE_TABLE = '{"Prospecting",0.1;"Engaging",0.6;"Won",1;"Lost",0}';
// Quarter 2017-04-01 .. 2017-06-30, inclusive; ISO dates compare as text.
const inQ2 = (d: Deal) => d.close !== '' && d.close >= '2017-04-01' && d.close <= '2017-06-30';

const n = deals.length;
const formulas: Record<string, string> = {
  weighted: `=SALESOPS.WEIGHTEDPIPE(Deals!E1:E${n}, Deals!B1:B${n}, ${STAGE_TABLE})`,
  weightedQ2: `=SALESOPS.WEIGHTEDPIPE(Deals!E1:E${n}, Deals!B1:B${n}, ${STAGE_TABLE}, Deals!D1:D${n}, "2017-04-01", "2017-06-30")`,
  forecast: `=SALESOPS.FORECAST(Deals!E1:E${n}, Deals!F1:F${n}, 10000000)`,
  winrate: `=SALESOPS.WINRATE(Deals!B1:B${n})`,
  byAgent: `=SALESOPS.WINRATE.BY(Deals!A1:A${n}, Deals!B1:B${n})`,
  stagedays: `=SALESOPS.STAGEDAYS(Won!A1:B${won.length}, {"Engaging","Closed"})`,
  funnel: `=SALESOPS.FUNNEL(Deals!G1:G${n}, {"Prospecting";"Engaging";"Won"})`,
  stageprob: `=SALESOPS.STAGEPROB(Deals!G1:G${n}, Deals!B1:B${n}, {"Prospecting";"Engaging"})`,
  cycle: `=SALESOPS.FORECAST.CYCLE(Deals!H1:H${n}, Deals!J1:J${n}, ${wonCycle})`,
  montecarlo: `=SALESOPS.FORECAST.MONTECARLO(Deals!H1:H${n}, Deals!I1:I${n}, {0.1;0.5;0.9}, 10000)`,
  velocity: `=SALESOPS.VELOCITY(${open.length}, ${wonRevenue / won.length}, ${winRate}, ${wonCycle})`,
  accuracy: `=SALESOPS.FORECAST.ACCURACY(Months!A1:A${actuals.length}, Months!B1:B${actuals.length}, "MAPE")`,
  coverage: `=SALESOPS.COVERAGE(${engagingValue + prospectingValue}, 12000000, ${wonRevenue})`,
  coverageMet: `=SALESOPS.COVERAGE(${engagingValue + prospectingValue}, 10000000, ${wonRevenue})`,
};

const SCALARS = ['weighted', 'weightedQ2', 'winrate', 'cycle', 'velocity', 'accuracy', 'coverage', 'coverageMet'];
const SPILLS = Object.keys(formulas).filter((k) => !SCALARS.includes(k));
// One engine: the one-value formulas in sheet Out, each spilling formula in a sheet of its own so spills cannot collide.
const hf = createEngine({
  Deals: rows,
  Won: wonDates,
  Months: actuals.map((a, i) => [a, naive[i]]),
  Out: SCALARS.map((k) => [formulas[k]]),
  ...Object.fromEntries(SPILLS.map((k) => [`Out_${k}`, [[formulas[k]]]])),
} as never);
afterAll(() => hf.destroy());

/** The value of a one-value formula. */
function value(name: string): unknown {
  const anchor = hf.getCellValue({ sheet: hf.getSheetId('Out')!, row: SCALARS.indexOf(name), col: 0 });
  if (anchor instanceof DetailedCellError) throw new Error(`${name}: ${anchor.value} ${anchor.message}`);
  return anchor;
}
/** The spilled block of a spilling formula. */
function spill(name: string): unknown[][] {
  const sheet = hf.getSheetId(`Out_${name}`)!;
  const anchor = hf.getCellValue({ sheet, row: 0, col: 0 });
  if (anchor instanceof DetailedCellError) throw new Error(`${name}: ${anchor.value} ${anchor.message}`);
  return hf.getSheetValues(sheet);
}

describe('CRM sales pipeline (8,800 deals)', () => {
  it('reads the file as documented: 8,800 deals, 4,238 won, 2,473 lost', () => {
    expect([deals.length, won.length, lost.length, open.length]).toEqual([8800, 4238, 2473, 2089]);
  });

  it('WEIGHTEDPIPE with Prospecting 10%, Engaging 60%, Won 100%, Lost 0% is the plain-code sum of amount x stage probability', () => {
    // Amount as on the Deals sheet: close value for closed deals, list price for open ones; a blank amount is skipped.
    let expected = 0;
    for (const d of deals) {
      const amount = isOpen(d) ? priceOf(d) : d.value;
      if (amount !== null) expected += amount * STAGE_P[d.stage];
    }
    // Equivalently: won revenue + 60% of the Engaging list value + 10% of the Prospecting list value.
    expect(expected).toBeCloseTo(wonRevenue + 0.6 * engagingValue + 0.1 * prospectingValue, 6);
    expect(value('weighted') as number).toBeCloseTo(expected, 6);
  });

  it('WEIGHTEDPIPE over Q2 2017 close dates counts only the deals closing in the quarter (won at 100%, lost at 0%)', () => {
    // Open deals have no close date, so only closed deals fall in a period: the Q2 figure is the won revenue of Q2.
    const q2Won = won.filter(inQ2).reduce((s, d) => s + d.value!, 0);
    expect(won.filter(inQ2).length).toBeGreaterThan(0);
    expect(value('weightedQ2') as number).toBeCloseTo(q2Won, 6);
  });

  it('WINRATE is won / (won + lost) = 4,238 / 6,711', () => {
    expect(value('winrate') as number).toBeCloseTo(winRate, 12);
    expect(winRate).toBeCloseTo(4238 / 6711, 12);
  });

  it('FORECAST: Closed is the won revenue; Best Case adds Engaging list prices; Open Pipeline is the open list value', () => {
    const v = spill('forecast');
    expect(v.map((r) => r[0])).toEqual(['Closed', 'Commit', 'Best Case', 'Open Pipeline', 'Gap to quota']);
    expect(v[0][1] as number).toBeCloseTo(wonRevenue, 6);
    expect(v[1][1] as number).toBeCloseTo(wonRevenue, 6);
    expect(v[2][1] as number).toBeCloseTo(wonRevenue + engagingValue, 6);
    expect(v[3][1] as number).toBeCloseTo(engagingValue + prospectingValue, 6);
    expect(v[4][1] as number).toBeCloseTo(10_000_000 - wonRevenue, 6);
  });

  it('WINRATE.BY agent matches a per-agent count, in first-appearance order', () => {
    const order: string[] = [];
    const tally = new Map<string, { won: number; lost: number }>();
    for (const d of deals) {
      if (!tally.has(d.agent)) {
        order.push(d.agent);
        tally.set(d.agent, { won: 0, lost: 0 });
      }
      if (d.stage === 'Won') tally.get(d.agent)!.won++;
      if (d.stage === 'Lost') tally.get(d.agent)!.lost++;
    }
    const v = spill('byAgent');
    expect(v.slice(0, order.length).map((r) => r[0])).toEqual(order);
    order.forEach((agent, i) => {
      const t = tally.get(agent)!;
      expect([v[i][2], v[i][3]]).toEqual([t.won, t.lost]);
      expect(v[i][1] as number).toBeCloseTo(t.won / (t.won + t.lost), 12);
    });
    expect(v.length).toBe(order.length); // the rest of the declared spill is empty: the sheet ends at the last group
  });

  it('STAGEDAYS over won deals gives the won cycle length (engage to close)', () => {
    const v = spill('stagedays');
    expect(v[0][0]).toBe('Engaging');
    expect(v[0][1] as number).toBeCloseTo(wonCycle, 9);
    expect(v[0].slice(2)).toEqual([won.length, won.length]);
  });

  it('FUNNEL: everyone prospected, engaged = all but Prospecting, won = 4,238', () => {
    const engaged = deals.filter((d) => d.stage !== 'Prospecting').length;
    const v = spill('funnel');
    expect(v.map((r) => [r[0], r[1]])).toEqual([
      ['Prospecting', 8800],
      ['Engaging', engaged],
      ['Won', won.length],
    ]);
    expect(v[1][2] as number).toBeCloseTo(won.length / engaged, 12);
    expect(v[2][3] as number).toBeCloseTo(won.length / 8800, 12);
  });

  it('STAGEPROB: every lost deal had engaged, so both stages give the win rate', () => {
    const v = spill('stageprob');
    expect(v[0][1] as number).toBeCloseTo(winRate, 12);
    expect(v[1][1] as number).toBeCloseTo(winRate, 12);
    expect(v[1].slice(2)).toEqual([won.length, won.length + lost.length]);
  });

  it('FORECAST.CYCLE of Engaging deals: list price x min(age / won cycle, 1)', () => {
    const expected = deals
      .filter((d) => d.stage === 'Engaging')
      .reduce((s, d) => s + priceOf(d) * Math.min((asOf - dayNumber(d.engage)) / wonCycle, 1), 0);
    expect(value('cycle') as number).toBeCloseTo(expected, 6);
  });

  it('FORECAST.MONTECARLO of Engaging deals at the win rate: P50 near the mean, P90 - P50 near 1.28 sd', () => {
    const engaging = deals.filter((d) => d.stage === 'Engaging').map(priceOf);
    const mean = engaging.reduce((s, a) => s + a * winRate, 0);
    const sd = Math.sqrt(engaging.reduce((s, a) => s + a * a * winRate * (1 - winRate), 0));
    const v = spill('montecarlo');
    const [p10, p50, p90] = v.map((r) => r[1] as number);
    expect(Math.abs(p50 - mean)).toBeLessThan(0.1 * sd);
    expect((p90 - p50) / sd).toBeGreaterThan(1.2816 * 0.9);
    expect((p90 - p50) / sd).toBeLessThan(1.2816 * 1.1);
    expect(p10).toBeLessThan(p50);
  });

  it('VELOCITY and COVERAGE from the same figures', () => {
    expect(value('velocity') as number).toBeCloseTo((open.length * (wonRevenue / won.length) * winRate) / wonCycle, 6);
    expect(value('coverage') as number).toBeCloseTo((engagingValue + prospectingValue) / (12_000_000 - wonRevenue), 9);
  });

  it('COVERAGE against a 10M quota is #VALUE! (whose message Excel shows): the won revenue (10,005,534) already beats it', () => {
    expect(wonRevenue).toBeGreaterThan(10_000_000);
    expect(() => value('coverageMet')).toThrow('#VALUE! the quota is already met');
  });

  it('FORECAST.ACCURACY: MAPE of a last-month naive forecast of monthly won revenue', () => {
    const mape = actuals.reduce((s, a, i) => s + Math.abs((a - naive[i]) / a), 0) / actuals.length;
    expect(value('accuracy') as number).toBeCloseTo(mape, 12);
  });
});
