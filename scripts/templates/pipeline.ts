/** The Pipeline review template. */
import ExcelJS from 'exceljs';
import {
  FMT,
  serial,
  Template,
  heading,
  section,
  label,
  Scalar,
  input,
  output,
  arrayFormula,
  headers,
  table,
} from './sheet';
import { readCsv, crmDeals, listPrices, dealAmount, PIPELINE_STAGES, PIPELINE_INPUTS } from './crm';
import { colName } from './capacity';

export function pipelineReview(): Template {
  const t = new Template();
  const ws = t.sheet('Pipeline', [46, 16, 14, 16, 16, 4, 14, 14, 14, 14, 4, 26, 12, 10, 10, 4, 16, 12, 10, 10]);
  const data = t.sheet('Deals', [12, 20, 15, 22, 12, 12, 12, 12, 12, 12, 14, 14]);
  const I = PIPELINE_INPUTS;
  const deals = crmDeals();
  const prices = listPrices();
  const teams = readCsv('sales_teams.csv');

  // Deals sheet: the CRM pipeline (Maven Analytics, public domain) plus derived columns.
  heading(data, 'Deals (Maven Analytics CRM sample, public domain; 8,800 opportunities, Oct 2016 - Dec 2017)', [
    'Amount is the close value of a won deal and the product\u2019s list price otherwise (open deals carry no value in the source).',
    'Probability, Forecast category and Furthest stage follow the stage table on the Pipeline sheet (a lost deal had been engaged).',
  ]);
  const top = 5;
  const rows = deals.map((d, i) => {
    const r = top + 1 + i;
    return [
      d.id,
      d.agent,
      d.product,
      d.account || null,
      d.stage,
      d.engage ? serial(d.engage) : null,
      d.close ? serial(d.close) : null,
      d.closeValue,
      dealAmount(d, prices),
      { formula: `VLOOKUP(E${r},StageTable,2,FALSE)` },
      { formula: `VLOOKUP(E${r},StageTable,3,FALSE)` },
      { formula: `IF(E${r}="Lost",IF(F${r}="","Prospecting","Engaging"),E${r})` },
    ];
  });
  table(
    data,
    'tblDeals',
    top,
    1,
    [
      { name: 'Opportunity' },
      { name: 'Agent' },
      { name: 'Product' },
      { name: 'Account' },
      { name: 'Stage' },
      { name: 'Engage date', fmt: FMT.date },
      { name: 'Close date', fmt: FMT.date },
      { name: 'Close value', fmt: FMT.money },
      { name: 'Amount', fmt: FMT.money },
      { name: 'Probability', fmt: FMT.pct },
      { name: 'Forecast category' },
      { name: 'Furthest stage' },
    ],
    rows,
  );
  const first = top + 1;
  const last = top + deals.length;
  // The derived columns as shared formulas (one master per column): a fraction of the file size of 26,400 formulas.
  for (let r = first + 1; r <= last; r++)
    for (const c of [10, 11, 12])
      data.getCell(r, c).value = { sharedFormula: `${colName(c)}${first}` } as ExcelJS.CellSharedFormulaValue;
  const col = (name: string, c: number) => t.name(name, data, first, c, last, c);
  col('Agent', 2);
  col('Product', 3);
  col('Stage', 5);
  col('EngageDate', 6);
  col('CloseDate', 7);
  col('Amount', 9);
  col('Probability', 10);
  col('Category', 11);
  col('Furthest', 12);

  heading(ws, 'Pipeline review', [
    'the deals are on the Deals sheet; edit the yellow cells (stage probabilities and categories, quota, simulation, periods, agent quota).',
    'Expected bookings count won deals at 100% and open deals at their stage probability; coverage = open pipeline / (quota - closed).',
    'Historical win probability (SALESOPS.STAGEPROB) shows what the data says each stage is worth: use it to set the stage table.',
  ]);
  section(ws, 6, 1, 'Inputs: stage table');
  table(
    ws,
    'tblStages',
    7,
    1,
    [
      { name: 'Stage', input: true },
      { name: 'Win probability', fmt: FMT.pct, input: true },
      { name: 'Forecast category', input: true },
    ],
    PIPELINE_STAGES.map((s) => [s.stage, s.probability, s.category]),
  );
  t.name('StageProb', ws, 8, 1, 11, 2);
  t.name('StageTable', ws, 8, 1, 11, 3);
  headers(ws, 7, 5, ['Funnel order']);
  ['Prospecting', 'Engaging', 'Won'].forEach((s, i) => input(ws, 8 + i, 5, s));
  t.name('StageOrder', ws, 8, 5, 10, 5);
  headers(ws, 7, 7, ['Stage', 'Historical win probability', 'Won', 'Closed']);
  arrayFormula(ws, 8, 7, 3, 4, `SALESOPS.STAGEPROB(Furthest,Stage,${t.ref('StageOrder', ws)})`, [
    undefined,
    FMT.pct1,
    FMT.int,
    FMT.int,
  ]);

  section(ws, 13, 1, 'Inputs');
  const inputs: [string, string, Scalar, string][] = [
    ['Bookings quota for the period', 'Quota', I.quota, FMT.money],
    ['Monte Carlo trials', 'Trials', I.trials, FMT.int],
    ['Monte Carlo seed (same seed, same result)', 'Seed', I.seed, FMT.int],
    ['Annual quota per agent', 'AgentQuota', I.agentQuota, FMT.money],
    ['Previous period start', 'PrevStart', serial(I.prevStart), FMT.date],
    ['Previous period end', 'PrevEnd', serial(I.prevEnd), FMT.date],
    ['Current period start', 'CurStart', serial(I.curStart), FMT.date],
    ['Current period end', 'CurEnd', serial(I.curEnd), FMT.date],
  ];
  inputs.forEach(([text, name, value, fmt], i) => {
    label(ws, 14 + i, 1, text);
    input(ws, 14 + i, 2, value, fmt);
    t.name(name, ws, 14 + i, 2);
  });
  headers(ws, 13, 4, ['Percentiles']);
  [0.1, 0.5, 0.9].forEach((p, i) => input(ws, 14 + i, 4, p, FMT.pct));
  t.name('Percentiles', ws, 14, 4, 16, 4);

  const o = 24;
  section(ws, o - 1, 1, 'Pipeline');
  const kpis: [string, string, string][] = [
    ['Opportunities', 'COUNTA(Stage)', FMT.int],
    [
      'Expected bookings: won + weighted open pipeline (SALESOPS.WEIGHTEDPIPE)',
      'SALESOPS.WEIGHTEDPIPE(Amount,Stage,StageProb)',
      FMT.money,
    ],
    ['Won bookings', 'SUMIFS(Amount,Stage,"Won")', FMT.money],
    ['Weighted open pipeline', `B${o + 1}-B${o + 2}`, FMT.money],
    ['Open pipeline (forecast)', `E${o + 3}`, FMT.money],
    ['Coverage of the remaining quota (SALESOPS.COVERAGE)', `SALESOPS.COVERAGE(B${o + 4},Quota,B${o + 2})`, '0.00"x"'],
    ['Win rate, won / (won + lost) (SALESOPS.WINRATE)', 'SALESOPS.WINRATE(Stage)', FMT.pct1],
    ['Coverage needed at this win rate (1 / win rate)', `1/B${o + 6}`, '0.00"x"'],
  ];
  kpis.forEach(([text, f, fmt], i) => {
    label(ws, o + i, 1, text);
    output(ws, o + i, 2, f, fmt);
  });
  headers(ws, o - 1, 4, ['Forecast category', 'Amount']);
  arrayFormula(ws, o, 4, 5, 2, 'SALESOPS.FORECAST(Amount,Category,Quota)', [undefined, FMT.money]);
  headers(ws, o - 1, 7, ['Stage', 'Reached', 'To next', 'From first']);
  arrayFormula(ws, o, 7, 3, 4, `SALESOPS.FUNNEL(Furthest,${t.ref('StageOrder', ws)})`, [
    undefined,
    FMT.int,
    FMT.pct1,
    FMT.pct1,
  ]);
  headers(ws, o - 1, 12, ['Monte Carlo: percentile', 'Bookings']);
  arrayFormula(
    ws,
    o,
    12,
    3,
    2,
    `SALESOPS.FORECAST.MONTECARLO(Amount,Probability,${t.ref('Percentiles', ws)},Trials,Seed)`,
    [FMT.pct, FMT.money],
  );
  label(ws, o + 4, 12, 'Won deals count at 100%, lost at 0%: the range is the open pipeline\u2019s.');

  // Team performance (issue 11): per agent, with win rates per agent and per product in columns that stay empty below.
  const p = o + 10;
  section(ws, p, 1, 'Team performance');
  const perf: [string, string, string][] = [
    [
      'Sales cycle of won deals, days (SALESOPS.CYCLELENGTH)',
      'SALESOPS.CYCLELENGTH(EngageDate,CloseDate,Stage)',
      FMT.days,
    ],
    [
      'Quota achievement rate: agents at or above quota (SALESOPS.QUOTAHIT)',
      `SALESOPS.QUOTAHIT(E${p + 5}:E${p + 4 + teams.length})`,
      FMT.pct1,
    ],
    ['Agents at or above quota', `COUNTIF(E${p + 5}:E${p + 4 + teams.length},">=1")`, FMT.int],
  ];
  perf.forEach(([text, f, fmt], i) => {
    label(ws, p + 1 + i, 1, text);
    output(ws, p + 1 + i, 2, f, fmt);
  });
  const a0 = p + 4;
  const agentRows = teams.map((tm, i) => {
    const r = a0 + 1 + i;
    return [
      tm.sales_agent,
      tm.manager,
      tm.regional_office,
      { formula: `SUMIFS(Amount,Agent,A${r},Stage,"Won")` },
      { formula: `D${r}/AgentQuota` },
      { formula: `SUMIFS(Amount,Agent,A${r},Stage,"Won",CloseDate,">="&PrevStart,CloseDate,"<="&PrevEnd)` },
      { formula: `SUMIFS(Amount,Agent,A${r},Stage,"Won",CloseDate,">="&CurStart,CloseDate,"<="&CurEnd)` },
    ];
  });
  table(
    ws,
    'tblAgents',
    a0,
    1,
    [
      { name: 'Agent' },
      { name: 'Manager' },
      { name: 'Office' },
      { name: 'Won bookings', fmt: FMT.money },
      { name: 'Attainment', fmt: FMT.pct },
      { name: 'Previous period', fmt: FMT.money },
      { name: 'Current period', fmt: FMT.money },
    ],
    agentRows,
  );
  const al = a0 + teams.length;
  headers(ws, a0, 9, ['Quadrant']);
  arrayFormula(ws, a0 + 1, 9, teams.length, 1, `SALESOPS.QUADRANT(G${a0 + 1}:G${al},F${a0 + 1}:F${al})`);
  ws.getColumn(9).width = 22;
  const agentsWithDeals = new Set(deals.map((d) => d.agent)).size;
  const productCount = new Set(deals.map((d) => d.product)).size;
  headers(ws, a0, 12, ['Win rate by agent', 'Win rate', 'Won', 'Lost']);
  arrayFormula(ws, a0 + 1, 12, agentsWithDeals, 4, `SALESOPS.WINRATE.BY(${t.ref('Agent', ws)},Stage)`, [
    undefined,
    FMT.pct1,
    FMT.int,
    FMT.int,
  ]);
  headers(ws, a0, 17, ['Win rate by product', 'Win rate', 'Won', 'Lost']);
  arrayFormula(ws, a0 + 1, 17, productCount, 4, `SALESOPS.WINRATE.BY(${t.ref('Product', ws)},Stage)`, [
    undefined,
    FMT.pct1,
    FMT.int,
    FMT.int,
  ]);
  return t;
}
