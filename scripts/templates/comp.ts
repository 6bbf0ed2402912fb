/** The Comp plan template. */
import { FMT, Template, heading, section, label, Scalar, input, output, arrayFormula, headers, table } from './sheet';

export const COMP_INPUTS = {
  tiers: [
    [0, 0.08],
    [1, 0.12],
    [1.2, 0.15],
  ],
  method: 'marginal',
  cap: 60_000,
  guarantee: 2_500,
  chosenRep: 'Dana Ortiz',
  reps: [
    { rep: 'Ari Lopez', quota: 400_000, bookings: 310_000 },
    { rep: 'Bea Novak', quota: 400_000, bookings: 452_000 },
    { rep: 'Dana Ortiz', quota: 450_000, bookings: 540_000 },
    { rep: 'Eli Brooks', quota: 350_000, bookings: 198_000 },
    { rep: 'Gus Hale', quota: 500_000, bookings: 505_000 },
    { rep: 'Kim Sato', quota: 300_000, bookings: 560_000 },
  ],
  monthly: [12_000, 18_000, 55_000, 20_000, 26_000, 64_000, 30_000, 22_000, 71_000, 41_000, 58_000, 123_000],
};

export function compPlan(): Template {
  const t = new Template();
  const ws = t.sheet('Comp', [40, 16, 16, 16, 16, 16, 14, 14, 14, 14]);
  const I = COMP_INPUTS;
  heading(ws, 'Comp plan', [
    'edit the yellow cells: tier floors are attainment (100% = quota) and ascending from 0%; each slice of bookings earns its tier\u2019s rate ("marginal"), or all bookings earn the highest tier reached ("retro").',
    'Tiers above 100% are accelerators; the cap limits the payout. Pick a rep in "Rep to explain" for a line-by-line calculation.',
    'The draw block tops each month up to the guarantee and recovers the draw from later earnings above it (recoverable draw).',
  ]);
  section(ws, 6, 1, 'Inputs: commission tiers');
  table(
    ws,
    'tblTiers',
    7,
    1,
    [
      { name: 'Attainment floor', fmt: FMT.pct, input: true },
      { name: 'Rate', fmt: FMT.pct1, input: true },
    ],
    I.tiers,
  );
  t.name('Tiers', ws, 8, 1, 7 + I.tiers.length, 2);
  const i0 = 8 + I.tiers.length + 1;
  const inputs: [string, string, Scalar, string | undefined][] = [
    ['Method ("marginal" or "retro")', 'Method', I.method, undefined],
    ['Payout cap per rep', 'Cap', I.cap, FMT.money],
    ['Monthly guarantee (draw)', 'Guarantee', I.guarantee, FMT.money],
    ['Rep to explain', 'ChosenRep', I.chosenRep, undefined],
  ];
  inputs.forEach(([text, name, value, fmt], i) => {
    label(ws, i0 + i, 1, text);
    input(ws, i0 + i, 2, value, fmt);
    t.name(name, ws, i0 + i, 2);
  });
  ws.getCell(i0, 2).dataValidation = { type: 'list', allowBlank: false, formulae: ['"marginal,retro"'] };

  const r0 = i0 + inputs.length + 2;
  section(ws, r0 - 1, 1, 'Commission per rep (annual quota, bookings to date)');
  const repRows = I.reps.map((r, i) => {
    const row = r0 + 1 + i;
    return [
      r.rep,
      r.quota,
      r.bookings,
      { formula: `C${row}/B${row}` },
      { formula: `SALESOPS.COMMISSION(C${row},B${row},Tiers,Method,Cap)` },
    ];
  });
  table(
    ws,
    'tblCompReps',
    r0,
    1,
    [
      { name: 'Rep', input: true },
      { name: 'Quota', fmt: FMT.money, input: true },
      { name: 'Bookings', fmt: FMT.money, input: true },
      { name: 'Attainment', fmt: FMT.pct },
      { name: 'Commission', fmt: FMT.money },
    ],
    repRows,
  );
  const rl = r0 + I.reps.length;
  t.name('RepNames', ws, r0 + 1, 1, rl, 1);
  t.name('RepQuotas', ws, r0 + 1, 2, rl, 2);
  t.name('RepBookings', ws, r0 + 1, 3, rl, 3);
  ws.getCell(i0 + 3, 2).dataValidation = { type: 'list', allowBlank: false, formulae: [`$A$${r0 + 1}:$A$${rl}`] };
  label(ws, rl + 1, 1, 'Total commission', true);
  output(ws, rl + 1, 5, `SUM(E${r0 + 1}:E${rl})`, FMT.money);

  const e0 = rl + 4;
  section(ws, e0 - 2, 1, 'Explanation for the rep to explain (SALESOPS.COMMISSION.EXPLAIN)');
  label(ws, e0 - 1, 1, 'Quota of the rep to explain');
  output(ws, e0 - 1, 2, 'INDEX(RepQuotas,MATCH(ChosenRep,RepNames,0))', FMT.money);
  label(ws, e0 - 1, 3, 'Bookings');
  output(ws, e0 - 1, 4, 'INDEX(RepBookings,MATCH(ChosenRep,RepNames,0))', FMT.money);
  t.name('ChosenQuota', ws, e0 - 1, 2);
  t.name('ChosenBookings', ws, e0 - 1, 4);
  // Title row + one row per tier + the cap row + the total: rows(tiers) + 3.
  arrayFormula(
    ws,
    e0,
    1,
    I.tiers.length + 3,
    6,
    `SALESOPS.COMMISSION.EXPLAIN(ChosenBookings,ChosenQuota,${t.ref('Tiers', ws)},Method,Cap)`,
    [undefined, FMT.money, FMT.money, FMT.money, FMT.pct1, FMT.money],
  );

  const d0 = e0 + I.tiers.length + 3 + 3;
  section(ws, d0 - 1, 1, 'Monthly draw for the rep to explain: enter the monthly bookings');
  headers(ws, d0, 1, [
    'Month',
    'Bookings',
    'Commission earned YTD',
    'Earned this month',
    '',
    'Draw',
    'Recovery',
    'Balance to recover',
    'Payout',
  ]);
  I.monthly.forEach((b, j) => {
    const r = d0 + 1 + j;
    ws.getCell(r, 1).value =
      new Date(Date.UTC(2026, j, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' }) + ' 2026';
    input(ws, r, 2, b, FMT.money);
    output(ws, r, 3, `SALESOPS.COMMISSION(B$${d0 + 1}:B${r},ChosenQuota,Tiers,Method,Cap)`, FMT.money);
    // C of the row above is the header text on the first month: N() makes it 0, one formula for every month.
    output(ws, r, 4, `C${r}-N(C${r - 1})`, FMT.money);
  });
  const dl = d0 + I.monthly.length;
  arrayFormula(ws, d0 + 1, 6, I.monthly.length, 4, `SALESOPS.DRAW(D${d0 + 1}:D${dl},Guarantee)`, [
    FMT.money,
    FMT.money,
    FMT.money,
    FMT.money,
  ]);
  label(ws, dl + 1, 1, 'Total', true);
  output(ws, dl + 1, 4, `SUM(D${d0 + 1}:D${dl})`, FMT.money);
  output(ws, dl + 1, 9, `SUM(I${d0 + 1}:I${dl})`, FMT.money);
  return t;
}
