/** The Lead scoring template. */
import { FMT, Template, heading, section, label, input, output, arrayFormula, headers, table } from './sheet';
import { colName } from './capacity';

export const LEAD_INPUTS = {
  fitRules: [
    ['employees >= 200', 15, 'Size', 25],
    ['employees >= 1000', 10, 'Size', 25],
    ['oneOf(country, "US", "CA", "GB")', 15, 'Region', ''],
    ['contains(job_title, "VP") or contains(job_title, "Director") or contains(job_title, "Head")', 25, 'Persona', ''],
    ['industry == "Education"', -20, 'Industry', ''],
  ] as (string | number)[][],
  engagementRules: [
    ['pricing_visits > 0', 15, 'Web', ''],
    ['email_opens', 2, 'Email', 20],
    ['email_clicks', 5, 'Email', 20],
    ['webinar == "Yes"', 10, 'Events', ''],
    ['bad_email', -25, 'Quality', ''],
  ] as (string | number)[][],
  scoreLimit: 100,
  fitThresholds: [50, 25],
  engagementThresholds: [40, 20],
  mqlScore: 60,
  headers: [
    'Lead',
    'Company',
    'Country',
    'Employees',
    'Industry',
    'Job title',
    'Pricing visits',
    'Email opens',
    'Email clicks',
    'Webinar',
    'Bad email',
  ],
  leads: [
    ['L-001', 'Northwind Traders', 'US', 1200, 'Retail', 'VP Sales', 3, 6, 2, 'Yes', false],
    ['L-002', 'Contoso Health', 'CA', 450, 'Healthcare', 'Sales Ops Analyst', 0, 2, 0, 'No', false],
    ['L-003', 'Fabrikam Labs', 'DE', 80, 'Manufacturing', 'Head of RevOps', 1, 9, 4, 'No', false],
    ['L-004', 'Tailspin Toys', 'GB', 260, 'Retail', 'Marketing Manager', 0, 1, 0, 'No', false],
    ['L-005', 'Wide World Importers', 'US', 3400, 'Logistics', 'Director of Sales', 2, 3, 1, 'Yes', false],
    ['L-006', 'Adventure Works U', 'US', 2200, 'Education', 'IT Director', 0, 4, 1, 'No', false],
    ['L-007', 'Blue Yonder Air', 'FR', 150, 'Travel', 'Student', 0, 0, 0, 'No', true],
    ['L-008', 'Coho Vineyard', 'US', 35, 'Food', 'Owner', 4, 12, 6, 'Yes', false],
    ['L-009', 'Litware Inc', 'CA', 980, 'Software', 'VP Engineering', 0, 1, 0, 'No', false],
    ['L-010', 'Proseware', 'IN', 600, 'Software', 'Sales Director', 2, 5, 3, 'Yes', false],
    ['L-011', 'Woodgrove Bank', 'GB', 5200, 'Finance', 'Analyst', 1, 2, 1, 'No', false],
    ['L-012', 'Lucerne Publishing', 'US', 120, 'Media', 'Head of Growth', 0, 7, 2, 'No', true],
  ] as (string | number | boolean)[][],
};

export function leadScoring(): Template {
  const t = new Template();
  const ws = t.sheet('Leads', [16, 22, 10, 12, 15, 20, 14, 12, 12, 10, 10, 3, 12, 14, 12, 10, 8]);
  const I = LEAD_INPUTS;
  heading(ws, 'Lead scoring', [
    'edit the yellow rules and the lead list (synthetic sample leads); criteria use the lead columns by header (lower case, spaces as _).',
    'A TRUE criterion earns its points once; a number earns points x that number; a group limit caps the group; a lead matching nothing scores 0.',
    'Grade = fit letter (A at or above the first fit threshold) + engagement digit (1 at or above the first engagement threshold); MQL = score and grade.',
  ]);
  const ruleCols = [
    { name: 'Criterion', input: true },
    { name: 'Points', input: true },
    { name: 'Group', input: true },
    { name: 'Group limit', input: true },
  ];
  section(ws, 6, 1, 'Inputs: fit rules (who the lead is)');
  const blank = (r: (string | number)[]) => r.map((v) => (v === '' ? null : v));
  table(ws, 'tblFitRules', 7, 1, ruleCols, I.fitRules.map(blank));
  const f1 = 8;
  const fl = 7 + I.fitRules.length;
  t.name('FitRules', ws, f1, 1, fl, 4);
  const e0 = fl + 2;
  section(ws, e0, 1, 'Inputs: engagement rules (what the lead did)');
  table(ws, 'tblEngagementRules', e0 + 1, 1, ruleCols, I.engagementRules.map(blank));
  const el = e0 + 1 + I.engagementRules.length;
  t.name('EngagementRules', ws, e0 + 2, 1, el, 4);
  ws.getColumn(1).width = 16;

  // Thresholds to the right of the rules.
  const inputs: [string, string, number, string][] = [
    ['Score limit', 'ScoreLimit', I.scoreLimit, FMT.int],
    ['MQL score at least', 'MqlScore', I.mqlScore, FMT.int],
  ];
  inputs.forEach(([text, name, value, fmt], i) => {
    label(ws, 7 + i, 6, text);
    input(ws, 7 + i, 7, value, fmt);
    t.name(name, ws, 7 + i, 7);
  });
  label(ws, 9, 6, 'Fit thresholds (A, B)');
  I.fitThresholds.forEach((v, j) => input(ws, 9, 7 + j, v, FMT.int));
  t.name('FitThresholds', ws, 9, 7, 9, 6 + I.fitThresholds.length);
  label(ws, 10, 6, 'Engagement thresholds (1, 2)');
  I.engagementThresholds.forEach((v, j) => input(ws, 10, 7 + j, v, FMT.int));
  t.name('EngagementThresholds', ws, 10, 7, 10, 6 + I.engagementThresholds.length);

  const l0 = el + 3;
  section(ws, l0 - 1, 1, 'Lead list (scores, grade and MQL to the right)');
  table(
    ws,
    'tblLeads',
    l0,
    1,
    I.headers.map((h) => ({ name: h, input: true })),
    I.leads,
  );
  const n = I.leads.length;
  const ll = l0 + n;
  const lastCol = I.headers.length;
  t.name('LeadHeaders', ws, l0, 1, l0, lastCol);
  t.name('LeadRows', ws, l0 + 1, 1, ll, lastCol);
  const o = lastCol + 2;
  headers(ws, l0, o, ['Fit score', 'Engagement', 'Score', 'Grade', 'MQL']);
  arrayFormula(ws, l0 + 1, o, n, 1, `SALESOPS.LEADSCORE(LeadHeaders,${t.ref('LeadRows', ws)},FitRules)`, [FMT.int]);
  arrayFormula(ws, l0 + 1, o + 1, n, 1, `SALESOPS.LEADSCORE(LeadHeaders,${t.ref('LeadRows', ws)},EngagementRules)`, [
    FMT.int,
  ]);
  const c = (k: number) => colName(o + k);
  for (let i = 0; i < n; i++) {
    const r = l0 + 1 + i;
    output(ws, r, o + 2, `MIN(${c(0)}${r}+${c(1)}${r},ScoreLimit)`, FMT.int);
    output(ws, r, o + 4, `AND(${c(2)}${r}>=MqlScore,LEFT(${c(3)}${r},1)<>"C")`);
  }
  arrayFormula(
    ws,
    l0 + 1,
    o + 3,
    n,
    1,
    `SALESOPS.LEADGRADE(${c(0)}${l0 + 1}:${c(0)}${ll},${c(1)}${l0 + 1}:${c(1)}${ll},FitThresholds,EngagementThresholds)`,
  );
  label(ws, ll + 2, 1, 'MQLs', true);
  output(ws, ll + 2, 2, `COUNTIF(${c(4)}${l0 + 1}:${c(4)}${ll},TRUE)`, FMT.int);
  return t;
}
