/** The Territory plan template. */
import { FMT, Template, heading, section, label, input, output, arrayFormula, headers, table } from './sheet';
import { CrmDeal, readCsv, crmDeals } from './crm';

/** Each account's current owner: the agent with the most won value on it (ties: the first by name). */
export function currentOwners(deals: CrmDeal[]): Map<string, string> {
  const won = new Map<string, Map<string, number>>();
  for (const d of deals) {
    if (d.stage !== 'Won' || !d.account) continue;
    const m = won.get(d.account) ?? new Map<string, number>();
    m.set(d.agent, (m.get(d.agent) ?? 0) + (d.closeValue ?? 0));
    won.set(d.account, m);
  }
  const out = new Map<string, string>();
  for (const [account, m] of won) {
    const best = [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    out.set(account, best[0]);
  }
  return out;
}

export const TERRITORY_INPUTS = { tolerance: 0.1 };

export function territoryPlan(): Template {
  const t = new Template();
  const ws = t.sheet('Territory', [22, 12, 3, 14, 12, 12, 12, 3, 14, 12, 12, 12, 3, 12]);
  const acc = t.sheet('Accounts', [24, 14, 12, 14, 12, 18, 22]);
  const accounts = readCsv('accounts.csv');
  const teams = readCsv('sales_teams.csv');
  const owners = currentOwners(crmDeals());

  heading(acc, 'Accounts (Maven Analytics CRM sample, public domain)', [
    'Current owner is the agent with the most won value on the account in the pipeline data; edit the yellow owners to try an alignment.',
  ]);
  const top = 4;
  table(
    acc,
    'tblAccounts',
    top,
    1,
    [
      { name: 'Account' },
      { name: 'Sector' },
      { name: 'Established' },
      { name: 'Revenue ($M)', fmt: FMT.number },
      { name: 'Employees', fmt: '#,##0' },
      { name: 'Office location' },
      { name: 'Current owner', input: true },
    ],
    accounts.map((a) => [
      a.account,
      a.sector,
      Number(a.year_established),
      Number(a.revenue),
      Number(a.employees),
      a.office_location,
      owners.get(a.account) ?? null,
    ]),
  );
  const last = top + accounts.length;
  t.name('Owners', acc, top + 1, 7, last, 7);
  t.name('Revenue', acc, top + 1, 4, last, 4);
  t.name('Employees', acc, top + 1, 5, last, 5);

  heading(ws, 'Territory plan', [
    'the accounts and their current owners are on the Accounts sheet; loads update live as you edit owners or capacity weights.',
    'Share = the rep\u2019s part of the total; target share = the rep\u2019s capacity weight / all weights; deviation = share / target - 1.',
    'The Territory tab of the add-in proposes a balanced alignment within the tolerance.',
  ]);
  label(ws, 6, 1, 'Tolerance (largest acceptable deviation)');
  input(ws, 6, 4, TERRITORY_INPUTS.tolerance, FMT.pct);
  t.name('Tolerance', ws, 6, 4);
  const r0 = 9;
  section(ws, r0 - 1, 1, 'Reps');
  table(
    ws,
    'tblTerritoryReps',
    r0,
    1,
    [
      { name: 'Rep', input: true },
      { name: 'Capacity weight', fmt: FMT.number, input: true },
    ],
    teams.map((tm) => [tm.sales_agent, 1]),
  );
  const rl = r0 + teams.length;
  t.name('Reps', ws, r0 + 1, 1, rl, 1);
  t.name('RepWeights', ws, r0 + 1, 2, rl, 2);
  section(ws, r0 - 1, 4, 'Revenue load');
  headers(ws, r0, 4, ['Revenue ($M)', 'Share', 'Target', 'Deviation']);
  arrayFormula(
    ws,
    r0 + 1,
    4,
    teams.length,
    4,
    `SALESOPS.TERRITORY.LOAD(Owners,Revenue,${t.ref('Reps', ws)},RepWeights)`,
    [FMT.number, FMT.pct1, FMT.pct1, FMT.pct1],
  );
  section(ws, r0 - 1, 9, 'Employee load');
  headers(ws, r0, 9, ['Employees', 'Share', 'Target', 'Deviation']);
  arrayFormula(
    ws,
    r0 + 1,
    9,
    teams.length,
    4,
    `SALESOPS.TERRITORY.LOAD(Owners,Employees,${t.ref('Reps', ws)},RepWeights)`,
    ['#,##0', FMT.pct1, FMT.pct1, FMT.pct1],
  );
  headers(ws, r0, 14, ['Accounts']);
  for (let i = 0; i < teams.length; i++) output(ws, r0 + 1 + i, 14, `COUNTIF(Owners,A${r0 + 1 + i})`, FMT.int);

  const s0 = rl + 2;
  section(ws, s0, 1, 'Balance');
  const summary: [string, string, string][] = [
    ['Largest revenue deviation', `MAX(G${r0 + 1}:G${rl})`, FMT.pct1],
    ['Smallest revenue deviation', `MIN(G${r0 + 1}:G${rl})`, FMT.pct1],
    [
      'Reps outside the tolerance (revenue)',
      `COUNTIF(G${r0 + 1}:G${rl},">"&Tolerance)+COUNTIF(G${r0 + 1}:G${rl},"<"&-Tolerance)`,
      FMT.int,
    ],
    [
      'Reps outside the tolerance (employees)',
      `COUNTIF(L${r0 + 1}:L${rl},">"&Tolerance)+COUNTIF(L${r0 + 1}:L${rl},"<"&-Tolerance)`,
      FMT.int,
    ],
    ['Accounts without an owner', 'COUNTBLANK(Owners)', FMT.int],
  ];
  summary.forEach(([text, f, fmt], i) => {
    label(ws, s0 + 1 + i, 1, text);
    output(ws, s0 + 1 + i, 4, f, fmt);
  });
  return t;
}
