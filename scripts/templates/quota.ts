/** The Quota plan template. */
import { FMT, Template, heading, section, label, Scalar, input, output, arrayFormula, headers, table } from './sheet';

export const QUOTA_INPUTS = {
  target: 10_000_000,
  overassignment: 0.2,
  roundTo: 1000,
  territories: [
    { territory: 'New York', region: 'East', prior: 1_450_000 },
    { territory: 'Boston', region: 'East', prior: 980_000 },
    { territory: 'Atlanta', region: 'East', prior: 760_000 },
    { territory: 'Chicago', region: 'Central', prior: 1_210_000 },
    { territory: 'Dallas', region: 'Central', prior: 890_000 },
    { territory: 'Denver', region: 'West', prior: 640_000 },
    { territory: 'San Francisco', region: 'West', prior: 1_530_000 },
    { territory: 'Seattle', region: 'West', prior: 840_000 },
  ],
  seasonality: [6, 7, 9, 7, 8, 9, 6, 6, 9, 9, 10, 14],
};

export function quotaPlan(): Template {
  const t = new Template();
  const ws = t.sheet('Quota', [30, 14, 18, 16, 4, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12]);
  const I = QUOTA_INPUTS;
  heading(ws, 'Quota plan', [
    'edit the yellow cells; quota to assign = target x (1 + over-assignment), split in proportion to each territory\u2019s prior-year bookings.',
    'Seasonality weights phase the assigned quota by month; the org rollup adds each territory\u2019s quota up to its region and the company.',
    'Allocated quotas are rounded to the "Round to" step and still add up exactly to the rounded total (largest remainder).',
  ]);
  section(ws, 6, 1, 'Inputs');
  const inputs: [string, string, Scalar, string][] = [
    ['Company bookings target', 'Target', I.target, FMT.money],
    ['Over-assignment (quota above the target)', 'OverAssignment', I.overassignment, FMT.pct],
    ['Round each quota to', 'RoundTo', I.roundTo, FMT.money],
  ];
  inputs.forEach(([text, name, value, fmt], i) => {
    label(ws, 7 + i, 1, text);
    input(ws, 7 + i, 2, value, fmt);
    t.name(name, ws, 7 + i, 2);
  });

  const top = 12;
  section(ws, top - 1, 1, 'Allocation by territory (prior-year bookings are the weights)');
  table(
    ws,
    'tblTerritories',
    top,
    1,
    [
      { name: 'Territory', input: true },
      { name: 'Region', input: true },
      { name: 'Prior-year bookings', fmt: FMT.money, input: true },
    ],
    I.territories.map((x) => [x.territory, x.region, x.prior]),
  );
  const n = I.territories.length;
  const last = top + n;
  t.name('Weights', ws, top + 1, 3, last, 3);
  headers(ws, top, 4, ['Allocated quota']);
  arrayFormula(ws, top + 1, 4, n, 1, `SALESOPS.QUOTA.ALLOCATE(Target,${t.ref('Weights', ws)},OverAssignment,RoundTo)`, [
    FMT.money,
  ]);
  t.name('Allocated', ws, top + 1, 4, last, 4);
  label(ws, last + 1, 1, 'Total assigned quota', true);
  output(ws, last + 1, 4, 'SUM(Allocated)', FMT.money);
  label(ws, last + 2, 1, 'Target x (1 + over-assignment) (check)');
  output(ws, last + 2, 4, 'Target*(1+OverAssignment)', FMT.money);
  label(ws, last + 3, 1, 'Attainment factor needed (target / assigned)');
  output(ws, last + 3, 4, `Target/D${last + 1}`, FMT.pct1);

  const p0 = last + 5;
  section(ws, p0, 1, 'Seasonality: monthly phasing of the assigned quota');
  label(ws, p0 + 1, 1, 'Month');
  I.seasonality.forEach((_, j) => {
    const c = ws.getCell(p0 + 1, 6 + j);
    c.value = new Date(Date.UTC(2026, j, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    c.font = { bold: true };
  });
  label(ws, p0 + 2, 1, 'Seasonality weight (share of the year, %)');
  I.seasonality.forEach((w, j) => input(ws, p0 + 2, 6 + j, w, FMT.int));
  t.name('Seasonality', ws, p0 + 2, 6, p0 + 2, 17);
  label(ws, p0 + 3, 1, 'Assigned quota by month');
  arrayFormula(
    ws,
    p0 + 3,
    6,
    1,
    12,
    `SALESOPS.QUOTA.PHASE(D${last + 1},${t.ref('Seasonality', ws)})`,
    new Array(12).fill(FMT.money),
  );
  label(ws, p0 + 4, 1, 'Sum of the months (check)');
  output(ws, p0 + 4, 6, `SUM(F${p0 + 3}:Q${p0 + 3})`, FMT.money);

  const r0 = p0 + 7;
  section(ws, r0 - 1, 1, 'Org rollup (each row: its own quota plus everything below it)');
  headers(ws, r0, 1, ['Id', 'Parent', 'Own quota', 'Rollup']);
  const regions = [...new Set(I.territories.map((x) => x.region))];
  const org: [string, string, string | number][] = [
    ['Company', '', 0],
    ...regions.map((r): [string, string, number] => [r, 'Company', 0]),
  ];
  I.territories.forEach((x, i) => org.push([x.territory, x.region, `D${top + 1 + i}`]));
  org.forEach(([id, parent, own], i) => {
    input(ws, r0 + 1 + i, 1, id);
    input(ws, r0 + 1 + i, 2, parent || null);
    if (typeof own === 'string') output(ws, r0 + 1 + i, 3, own, FMT.money);
    else input(ws, r0 + 1 + i, 3, own, FMT.money);
  });
  const rl = r0 + org.length;
  arrayFormula(
    ws,
    r0 + 1,
    4,
    org.length,
    1,
    `SALESOPS.QUOTA.ROLLUP(A${r0 + 1}:A${rl},B${r0 + 1}:B${rl},C${r0 + 1}:C${rl})`,
    [FMT.money],
  );
  t.name('Rollup', ws, r0 + 1, 4, rl, 4);
  return t;
}
