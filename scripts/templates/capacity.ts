/** The Capacity plan template. */
import {
  THIN,
  FMT,
  serial,
  absRange,
  Template,
  heading,
  section,
  label,
  Scalar,
  input,
  output,
  arrayFormula,
  table,
} from './sheet';

export const CAPACITY_INPUTS = {
  planStart: '2026-01-01',
  /** Width of the monthly block: the plan is this many months from planStart (the plan end follows). */
  months: 12,
  productivity: 1_200_000,
  attrition: 0.15,
  target: 14_000_000,
  ramp: [0, 0.25, 0.5, 0.75],
  reps: [
    { rep: 'Avery Stone', role: 'Account executive', hire: '2023-04-03', end: null },
    { rep: 'Blake Chen', role: 'Account executive', hire: '2024-01-08', end: null },
    { rep: 'Casey Morgan', role: 'Account executive', hire: '2024-09-02', end: '2026-06-30' },
    { rep: 'Devon Patel', role: 'Account executive', hire: '2025-03-03', end: null },
    { rep: 'Emery Walsh', role: 'Account executive', hire: '2025-08-18', end: null },
    { rep: 'Finley Ruiz', role: 'Account executive', hire: '2025-11-03', end: null },
    { rep: 'New hire 1', role: 'Planned hire', hire: '2026-02-02', end: null },
    { rep: 'New hire 2', role: 'Planned hire', hire: '2026-04-01', end: null },
    { rep: 'New hire 3', role: 'Planned hire', hire: '2026-07-01', end: null },
    { rep: 'New hire 4', role: 'Planned hire', hire: '2026-10-01', end: null },
  ] as { rep: string; role: string; hire: string; end: string | null }[],
};

export function capacityPlan(): Template {
  const t = new Template();
  const ws = t.sheet('Capacity', [46, 16, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13]);
  const I = CAPACITY_INPUTS;
  const months = I.months;
  heading(ws, 'Capacity plan', [
    'edit the yellow cells (plan start, productivity, attrition, target, ramp) and the hiring plan table; green cells are computed.',
    'Ramp is the share of full productivity in each month of tenure, hire month first; after the last month a rep is fully ramped.',
    `The plan is the ${months} months from the plan start (the monthly block below); the plan end follows. Capacity = expected RRE x productivity / months per year.`,
  ]);
  section(ws, 6, 1, 'Inputs');
  label(ws, 7, 1, 'Plan start (the plan is the months of the monthly block from here)');
  input(ws, 7, 2, serial(I.planStart), FMT.date);
  t.name('PlanStart', ws, 7, 2);
  // The plan end is derived from the monthly block, so SALESOPS.CAPACITY and the months below always cover the
  // same months (an editable end date would silently stop matching the fixed-width block).
  label(ws, 8, 1, 'Plan end (last day of the last month of the monthly block)');
  output(ws, 8, 2, 'EOMONTH(PlanStart,PlanMonths-1)', FMT.date);
  t.name('PlanEnd', ws, 8, 2);
  const inputs: [string, string, Scalar, string][] = [
    ['Annual bookings of a fully ramped rep (productivity)', 'Productivity', I.productivity, FMT.money],
    ['Annual attrition (share of reps leaving per year)', 'Attrition', I.attrition, FMT.pct],
    ['Bookings target for the plan period', 'Target', I.target, FMT.money],
  ];
  inputs.forEach(([text, name, value, fmt], i) => {
    label(ws, 9 + i, 1, text);
    input(ws, 9 + i, 2, value, fmt);
    t.name(name, ws, 9 + i, 2);
  });
  label(ws, 12, 1, 'Ramp by month of tenure (hire month first)');
  I.ramp.forEach((r, j) => input(ws, 12, 2 + j, r, FMT.pct));
  t.name('Ramp', ws, 12, 2, 12, 1 + I.ramp.length);

  const top = 17;
  const last = top + I.reps.length;
  const m0 = last + 3; // "Month of the plan" row of the monthly block
  label(ws, 13, 1, 'Months in the plan (columns of the monthly block)');
  // The block as a plain range: the headless engine fails on COLUMNS(<defined name>) (see the report of issue 9).
  output(ws, 13, 2, `COLUMNS(${absRange(m0 + 1, 2, m0 + 1, 1 + months)})`, FMT.int);
  t.name('PlanMonths', ws, 13, 2);
  // A fixed conversion, labelled and named so that no formula hides a 12 (the audit flags hidden constants).
  label(ws, 14, 1, 'Months per year (fixed: a month\u2019s productivity = annual / months per year)');
  const mpy = ws.getCell(14, 2);
  mpy.value = 12;
  mpy.border = THIN;
  mpy.numFmt = FMT.int;
  t.name('MonthsPerYear', ws, 14, 2);

  section(
    ws,
    top - 1,
    1,
    'Hiring plan (one row per rep; planned hires have future dates; leave End date blank while employed)',
  );
  table(
    ws,
    'tblHiringPlan',
    top,
    1,
    [
      { name: 'Rep', input: true },
      { name: 'Role', input: true },
      { name: 'Hire date', fmt: FMT.date, input: true },
      { name: 'End date', fmt: FMT.date, input: true },
    ],
    I.reps.map((r) => [r.rep, r.role, serial(r.hire), r.end === null ? null : serial(r.end)]),
  );
  t.name('HireDates', ws, top + 1, 3, last, 3);
  t.name('EndDates', ws, top + 1, 4, last, 4);

  section(ws, m0 - 1, 1, `Capacity by month (the ${months} months from the plan start)`);
  label(ws, m0, 1, 'Month of the plan', true);
  for (let j = 0; j < months; j++) {
    const c = ws.getCell(m0, 2 + j);
    c.value = j + 1;
    c.font = { bold: true };
    c.numFmt = FMT.int;
  }
  label(ws, m0 + 1, 1, 'Month', true);
  for (let j = 0; j < months; j++) output(ws, m0 + 1, 2 + j, `EDATE(PlanStart,${colName(2 + j)}$${m0}-1)`, FMT.month);
  t.name('Months', ws, m0 + 1, 2, m0 + 1, 1 + months);
  const lastCol = colName(1 + months);
  label(ws, m0 + 2, 1, 'Expected ramped rep equivalents (RRE)');
  arrayFormula(
    ws,
    m0 + 2,
    2,
    1,
    months,
    `SALESOPS.RRE.BYMONTH(HireDates,${t.ref('Months', ws)},Ramp,Attrition,EndDates)`,
    new Array(months).fill(FMT.number),
  );
  label(ws, m0 + 3, 1, 'Capacity (RRE x productivity / months per year)');
  for (let j = 0; j < months; j++)
    output(ws, m0 + 3, 2 + j, `${colName(2 + j)}${m0 + 2}*Productivity/MonthsPerYear`, FMT.money);
  label(ws, m0 + 4, 1, 'Cumulative capacity');
  for (let j = 0; j < months; j++) output(ws, m0 + 4, 2 + j, `SUM($B${m0 + 3}:${colName(2 + j)}${m0 + 3})`, FMT.money);

  const s0 = m0 + 6;
  section(ws, s0, 1, 'Summary');
  const summary: [string, string, string][] = [
    [
      'Capacity for the plan period (SALESOPS.CAPACITY)',
      'SALESOPS.CAPACITY(HireDates,Productivity,Ramp,PlanStart,PlanEnd,Attrition,EndDates)',
      FMT.money,
    ],
    ['Sum of the monthly capacity (check: equals the line above)', `SUM(B${m0 + 3}:${lastCol}${m0 + 3})`, FMT.money],
    ['Gap to target (target - capacity)', `Target-B${s0 + 1}`, FMT.money],
    ['Capacity as a share of the target', `B${s0 + 1}/Target`, FMT.pct1],
    [
      'Additional reps needed, hired at the plan start (SALESOPS.HEADCOUNT)',
      `SALESOPS.HEADCOUNT(Target,Productivity,Ramp,PlanMonths,Attrition,B${s0 + 1})`,
      FMT.int,
    ],
    ['Expected RRE in the last month of the plan', `${lastCol}${m0 + 2}`, FMT.number],
  ];
  summary.forEach(([text, f, fmt], i) => {
    label(ws, s0 + 1 + i, 1, text);
    output(ws, s0 + 1 + i, 2, f, fmt);
  });
  t.name('Capacity', ws, s0 + 1, 2);
  t.name('RepsNeeded', ws, s0 + 5, 2);
  return t;
}

export function colName(c: number): string {
  return absRange(1, c, 1, c).replace(/\$|1$/g, '');
}
