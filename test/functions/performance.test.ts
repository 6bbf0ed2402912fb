/**
 * The performance declarations in the headless engine, on worked examples and on the real CRM sample
 * (../shared/data/crm: Maven Analytics "CRM Sales Opportunities"), against figures computed here in plain code.
 */
import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import { DetailedCellError } from 'hyperformula';
import { evaluateFormula } from '../../src/hosts/headless/engine';
import { evaluateOver } from '../support/engine';
import { quadrant, whitespaceFn } from '../../src/functions/performance';
import { SalesOpsError } from '../../src/models/errors';
import { thrown } from '../support/errors';

const CRM = path.resolve(__dirname, '../../../shared/data/crm');

function readCsv(file: string): Record<string, string>[] {
  const text = fs.readFileSync(path.join(CRM, file), 'utf8');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => (Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / DAY_MS;

describe('on the CRM sample data', () => {
  const pipeline = readCsv('sales_pipeline.csv');
  const accounts = readCsv('accounts.csv');
  const products = readCsv('products.csv');
  const deals = pipeline.map((r) => [
    r.opportunity_id,
    r.sales_agent,
    r.product,
    r.account,
    r.deal_stage,
    r.engage_date,
    r.close_date,
    r.close_value === '' ? null : Number(r.close_value),
  ]);
  const n = deals.length;

  it('reads the data the README describes (8,800 deals, the GTXPro spelling, blank accounts)', () => {
    expect(n).toBe(8_800);
    expect(pipeline.some((r) => r.product === 'GTXPro')).toBe(true);
    expect(products.some((r) => r.product === 'GTX Pro')).toBe(true);
    expect(pipeline.filter((r) => r.account === '').length).toBe(1_425);
  });

  it('CYCLELENGTH of won deals equals the plain average of close - engage days', () => {
    const won = pipeline.filter((r) => r.deal_stage === 'Won');
    const expected = won.reduce((s, r) => s + days(r.engage_date, r.close_date), 0) / won.length;
    const out = evaluateOver({ Deals: deals }, `=SALESOPS.CYCLELENGTH(Deals!F1:F${n}, Deals!G1:G${n}, Deals!E1:E${n})`);
    expect(out[0][0]).toBeCloseTo(expected, 9);
  });

  it('CYCLELENGTH without outcomes averages every closed deal (won and lost) and skips open ones', () => {
    const closed = pipeline.filter((r) => r.engage_date !== '' && r.close_date !== '');
    expect(closed.length).toBe(pipeline.filter((r) => r.deal_stage === 'Won' || r.deal_stage === 'Lost').length);
    const expected = closed.reduce((s, r) => s + days(r.engage_date, r.close_date), 0) / closed.length;
    const out = evaluateOver({ Deals: deals }, `=SALESOPS.CYCLELENGTH(Deals!F1:F${n}, Deals!G1:G${n})`);
    expect(out[0][0]).toBeCloseTo(expected, 9);
  });

  /** The plain-code whitespace grid: products spelled as in products.csv ("GTXPro" in the pipeline is "GTX Pro"). */
  function expectedGrid(sold: Record<string, string>[]): number[][] {
    const spelling: Record<string, string> = { GTXPro: 'GTX Pro' };
    const bought = new Set(
      sold.filter((r) => r.account !== '').map((r) => `${r.account}|${spelling[r.product] ?? r.product}`),
    );
    return accounts.map((a) => {
      const row = products.map((p) => (bought.has(`${a.account}|${p.product}`) ? 0 : Number(p.sales_price)));
      return [...row, row.reduce((s, x) => s + x, 0)];
    });
  }

  const productRow = [products.map((p) => p.product), products.map((p) => Number(p.sales_price))];
  const accountColumn = accounts.map((a) => [a.account]);
  const a = accounts.length;
  const p = products.length;

  it('WHITESPACE of won products per account, valued at list price, matches the plain grid', () => {
    const expected = expectedGrid(pipeline.filter((r) => r.deal_stage === 'Won'));
    const won = deals.filter((d) => d[4] === 'Won');
    const w = won.length;
    const out = evaluateOver(
      { Accounts: accountColumn, Products: productRow, Won: won },
      `=SALESOPS.WHITESPACE(Accounts!A1:A${a}, Products!A1:G1, Won!D1:D${w}, Won!C1:C${w}, Products!A2:G2)`,
    );
    expect(out.slice(0, a).map((r) => r.slice(0, p + 1))).toEqual(expected);
    // The spelling matters: some account bought GTX Pro only under the pipeline's "GTXPro" name.
    const gtxPro = products.findIndex((x) => x.product === 'GTX Pro');
    expect(expected.filter((r) => r[gtxPro] === 0).length).toBeGreaterThan(0);
  });

  it('WHITESPACE over the whole pipeline ignores the 1,425 deals with a blank account', () => {
    const expected = expectedGrid(pipeline);
    const rows = whitespaceFn(
      accountColumn,
      [productRow[0]],
      deals.map((d) => [d[3]]),
      deals.map((d) => [d[2]]),
      [productRow[1]],
    );
    expect(rows).toEqual(expected);
  });

  it("QUADRANT and QUOTAHIT on each agent's won value, 2017 H2 against H1, match plain code", () => {
    // Won value per agent per half of 2017 (by close date); agents with no won deals in either half are left out.
    const agents = [...new Set(pipeline.map((r) => r.sales_agent))];
    const half = (r: Record<string, string>) => (r.close_date < '2017-07-01' ? 'H1' : 'H2');
    const value = new Map<string, { H1: number; H2: number }>(agents.map((g) => [g, { H1: 0, H2: 0 }]));
    for (const r of pipeline)
      if (r.deal_stage === 'Won' && r.close_date.startsWith('2017'))
        value.get(r.sales_agent)![half(r)] += Number(r.close_value);
    const reps = agents.filter((g) => value.get(g)!.H1 > 0 || value.get(g)!.H2 > 0);
    const current = reps.map((g) => value.get(g)!.H2);
    const previous = reps.map((g) => value.get(g)!.H1);
    const sorted = [...current].sort((x, y) => x - y);
    const m =
      sorted.length % 2
        ? sorted[(sorted.length - 1) / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    const expected = current.map((c, i) =>
      c >= m
        ? c >= previous[i]
          ? 'Rising star'
          : 'Falling star'
        : c >= previous[i]
          ? 'Improving laggard'
          : 'Deteriorating laggard',
    );
    const k = reps.length;
    const sheet = reps.map((_, i) => [current[i], previous[i], current[i] / 200_000]);
    const out = evaluateOver({ Reps: sheet }, `=SALESOPS.QUADRANT(Reps!A1:A${k}, Reps!B1:B${k})`);
    expect(out.slice(0, k).map((r) => r[0])).toEqual(expected);
    // quota achievement at an assumed half-year quota of 200,000 per agent
    const hit = current.filter((c) => c >= 200_000).length / k;
    expect(evaluateOver({ Reps: sheet }, `=SALESOPS.QUOTAHIT(Reps!C1:C${k})`)[0][0]).toBeCloseTo(hit, 12);
  });
});

describe('argument cleaning', () => {
  it.each<[string, number]>([
    // ISO text and serial dates mixed: 2017-01-01 is serial 42736; 42736 + 12 days
    ['=SALESOPS.CYCLELENGTH({"2017-01-01";42736}, {42748;"2017-01-13"})', 12],
    // a custom won label: only the "Closed Won" deal (5 days) counts
    ['=SALESOPS.CYCLELENGTH({1;1}, {6;11}, {"Closed Won";"Closed Lost"}, "closed won")', 5],
    // percent text and a threshold of 90%: 95% and 120% of 3
    ['=SALESOPS.QUOTAHIT({"95%";"120%";"80%"}, "90%")', 2 / 3],
  ])('%s returns %d', (formula, expected) => {
    expect(evaluateFormula(formula)).toBeCloseTo(expected, 9);
  });

  it.each<[string, string, RegExp]>([
    [
      '=SALESOPS.CYCLELENGTH({"2017-01-01"}, {"soon"})',
      '#VALUE!',
      /^close_dates row 1 holds text "soon"; expected a date/,
    ],
    [
      '=SALESOPS.CYCLELENGTH({"2017-01-01";"2017-01-02"}, {"2017-01-05"})',
      '#VALUE!',
      /^start_dates has 2 rows but close_dates has 1/,
    ],
    ['=SALESOPS.QUOTAHIT({1;2}, "most")', '#VALUE!', /^threshold holds text "most"/],
    ['=SALESOPS.QUOTAHIT({1,2;3,4})', '#VALUE!', /^attainments must be a single row or column/],
  ])('%s is %s', (formula, code, message) => {
    const v = evaluateFormula(formula) as DetailedCellError;
    expect(v).toBeInstanceOf(DetailedCellError);
    expect([v.value, v.message]).toEqual([code, expect.stringMatching(message)]);
  });

  it('spills a blank row for a blank account and pads nothing else', () => {
    // A bought X: 0, 1, total 1; blank account: blank row
    expect(whitespaceFn([['A'], [null]], [['X', 'Y']], [['A']], [['X']])).toEqual([
      [0, 1, 1],
      ['', '', ''],
    ]);
  });

  it('returns the per-row error of a rep without a previous value inside the spill', () => {
    const rows = quadrant([[5], [7]], [[4], [null]]);
    expect(rows[0]).toEqual(['Improving laggard']); // median 6: 5 < 6, up from 4
    expect(rows[1][0]).toBeInstanceOf(SalesOpsError);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['text in current', () => quadrant([['high']], [[1]]), /^current row 1 holds text "high"/],
    ['text in a threshold', () => quadrant([[1]], [[1]], 'median'), /^threshold holds text "median"/],
    [
      'text in product_values',
      () => whitespaceFn([['A']], [['X']], [['A']], [['X']], [['cheap']]),
      /^product_values row 1 holds text "cheap"/,
    ],
    [
      'a product block',
      () =>
        whitespaceFn(
          [['A']],
          [
            ['X', 'Y'],
            ['Z', 'W'],
          ],
          [['A']],
          [['X']],
        ),
      /^products must be a single row or column/,
    ],
  ])('%s is #VALUE!', (_name, f, message) => {
    const e = thrown(f);
    expect([e.code, e.message]).toEqual(['VALUE', expect.stringMatching(message)]);
  });
});
