/** What the template tests share: each template loaded once, cell readers, and the figures computed independently. */
import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import { DetailedCellError } from 'hyperformula';
import { loadXlsxIntoEngine, type LoadedWorkbook } from '../../src/hosts/headless/load';
import { parseCell } from '../../src/workbook/a1';
import {
  CAPACITY_INPUTS,
  COMP_INPUTS,
  LEAD_INPUTS,
  PIPELINE_INPUTS,
  PIPELINE_STAGES,
  QUOTA_INPUTS,
  TERRITORY_INPUTS,
} from '../../scripts/build-templates';

export const DIR = path.resolve(__dirname, '../../assets/templates');
export const CRM = path.resolve(__dirname, '../../../shared/data/crm');
export const file = (id: string) => path.join(DIR, `${id}.xlsx`);

// Loading the Pipeline review (8,800 real deals, about 26,000 formulas) takes tens of seconds under jest: each
// template is loaded once and shared by its tests.
export const loaded = new Map<string, LoadedWorkbook>();
export async function open(id: string): Promise<LoadedWorkbook> {
  if (!loaded.has(id)) loaded.set(id, await loadXlsxIntoEngine(fs.readFileSync(file(id))));
  return loaded.get(id)!;
}
afterAll(() => {
  for (const l of loaded.values()) l.engine.destroy();
});

/** The engine's value of one cell ("Sheet!B7"). */
export function value(l: LoadedWorkbook, ref: string): unknown {
  const [sheet, a1] = ref.split('!');
  const p = parseCell(a1)!;
  const v = l.engine.getCellValue({ sheet: l.sheetIds.get(sheet)!, row: p.row, col: p.col });
  if (v instanceof DetailedCellError) throw new Error(`${ref} is ${v.value}: ${v.message}`);
  return v;
}
export const num = (l: LoadedWorkbook, ref: string) => value(l, ref) as number;
export function column(l: LoadedWorkbook, sheet: string, col: string, from: number, to: number): unknown[] {
  const out: unknown[] = [];
  for (let r = from; r <= to; r++) out.push(value(l, `${sheet}!${col}${r}`));
  return out;
}
/** Excel serial of an ISO date, 1900 system: days since 1899-12-30. */
export const serial = (iso: string) =>
  (Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86_400_000;
export const csv = (name: string) =>
  Papa.parse<Record<string, string>>(fs.readFileSync(path.join(CRM, name), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
export const cols = (from: string, n: number) =>
  Array.from({ length: n }, (_, j) => String.fromCharCode(from.charCodeAt(0) + j));

// ---------------------------------------------------------------------------------------------- independent figures

/** Capacity plan by plain month arithmetic: month index = year * 12 + month; tenure month 1 = hire month. */
export const CAP = (() => {
  const I = CAPACITY_INPUTS;
  const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
  const rampAt = (tenure: number) => (tenure < 1 ? 0 : tenure <= I.ramp.length ? I.ramp[tenure - 1] : 1);
  /** Expected RRE in each of the plan's 12 months from `start`. */
  const rreFrom = (start: string) =>
    Array.from({ length: 12 }, (_, m) => {
      const first = monthIndex(start);
      let sum = 0;
      for (const r of I.reps) {
        const hire = monthIndex(r.hire);
        const stop = r.end === null ? Infinity : monthIndex(r.end); // gone from the end date's month on
        const month = first + m;
        if (month < hire || month >= stop) continue;
        const since = month - Math.max(first, hire); // survival counts from the later of plan start and hire month
        sum += rampAt(month - hire + 1) * Math.pow(1 - I.attrition, since / 12);
      }
      return sum;
    });
  const rre = rreFrom(I.planStart);
  const monthly = I.productivity / 12;
  const capacity = rre.reduce((a, b) => a + b, 0) * monthly;
  // One hire at plan start: 100,000 x sum over m = 0..11 of ramp(m + 1) x 0.85^(m / 12).
  let perHire = 0;
  for (let m = 0; m < 12; m++) perHire += rampAt(m + 1) * Math.pow(1 - I.attrition, m / 12) * monthly;
  const need = Math.ceil((I.target - capacity) / perHire);
  return { rreFrom, rre, monthly, capacity, perHire, need };
})();

/** Quota plan: largest-remainder allocation in whole thousands, seasonality phasing, regional rollup. */
export const QUOTA = (() => {
  const I = QUOTA_INPUTS;
  const weights = I.territories.map((t) => t.prior);
  const total = weights.reduce((a, b) => a + b, 0);
  const units = Math.round((I.target * (1 + I.overassignment)) / I.roundTo); // 12,000 thousands
  const raw = weights.map((w) => (units * w) / total);
  const parts = raw.map(Math.floor);
  let left = units - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) if (left-- > 0) parts[i]++;
  const allocated = parts.map((p) => p * I.roundTo);
  const assigned = allocated.reduce((a, b) => a + b, 0);
  const seasonTotal = I.seasonality.reduce((a, b) => a + b, 0);
  const months = I.seasonality.map((w) => (assigned * w) / seasonTotal);
  const byRegion = (region: string) =>
    I.territories.reduce((a, t, i) => a + (t.region === region ? allocated[i] : 0), 0);
  return { allocated, assigned, months, byRegion };
})();

/** Pipeline review from the CRM CSVs (close value of a won deal, list price otherwise). */
export const PIPE = (() => {
  const I = PIPELINE_INPUTS;
  const prices = new Map(csv('products.csv').map((r) => [r.product, Number(r.sales_price)]));
  const deals = csv('sales_pipeline.csv').map((r) => ({
    agent: r.sales_agent,
    product: r.product,
    stage: r.deal_stage,
    engage: r.engage_date,
    close: r.close_date,
    // "GTXPro" in the pipeline is "GTX Pro" in products.csv
    amount:
      r.deal_stage === 'Won' ? Number(r.close_value) : prices.get(r.product === 'GTXPro' ? 'GTX Pro' : r.product)!,
  }));
  type Deal = (typeof deals)[number];
  const prob = new Map(PIPELINE_STAGES.map((s) => [s.stage, s.probability]));
  const sumWhere = (f: (d: Deal) => boolean) => deals.reduce((a, d) => a + (f(d) ? d.amount : 0), 0);
  const count = (stage: string) => deals.filter((d) => d.stage === stage).length;
  const won = sumWhere((d) => d.stage === 'Won');
  const engaging = sumWhere((d) => d.stage === 'Engaging');
  const prospecting = sumWhere((d) => d.stage === 'Prospecting');
  let weighted = 0;
  for (const d of deals) weighted += d.amount * prob.get(d.stage)!;
  const winRate = count('Won') / (count('Won') + count('Lost'));
  const forecast = [won, won, engaging + won, engaging + prospecting, I.quota - won];
  const reached = [deals.length, count('Engaging') + count('Won') + count('Lost'), count('Won')];
  const wonDeals = deals.filter((d) => d.stage === 'Won');
  const cycle = wonDeals.reduce((a, d) => a + serial(d.close) - serial(d.engage), 0) / wonDeals.length;
  const inPeriod = (d: Deal, from: string, to: string) => d.stage === 'Won' && d.close >= from && d.close <= to;
  const agents = csv('sales_teams.csv').map((t) => ({
    agent: t.sales_agent,
    booked: sumWhere((d) => d.agent === t.sales_agent && d.stage === 'Won'),
    prev: sumWhere((d) => d.agent === t.sales_agent && inPeriod(d, I.prevStart, I.prevEnd)),
    cur: sumWhere((d) => d.agent === t.sales_agent && inPeriod(d, I.curStart, I.curEnd)),
  }));
  const hit = agents.filter((r) => r.booked / I.agentQuota >= 1).length;
  /** Win rate by group, groups in the order they first appear in the pipeline. */
  const byGroup = (key: 'agent' | 'product') => {
    const m = new Map<string, { won: number; lost: number }>();
    for (const d of deals) {
      const g = m.get(d[key]) ?? { won: 0, lost: 0 };
      if (d.stage === 'Won') g.won++;
      if (d.stage === 'Lost') g.lost++;
      m.set(d[key], g);
    }
    return [...m.entries()];
  };
  return {
    deals,
    prob,
    count,
    won,
    engaging,
    prospecting,
    weighted,
    winRate,
    forecast,
    reached,
    cycle,
    agents,
    hit,
    byGroup,
  };
})();

/** Comp plan: marginal tiers by hand (each slice between tier floors x quota at its rate, then the cap), and the draw. */
export const COMP = (() => {
  const I = COMP_INPUTS;
  const marginal = (bookings: number, quota: number) => {
    let pay = 0;
    I.tiers.forEach(([floor, rate], k) => {
      const lo = floor * quota;
      const hi = k + 1 < I.tiers.length ? I.tiers[k + 1][0] * quota : Infinity;
      pay += Math.max(0, Math.min(bookings, hi) - lo) * rate;
    });
    return Math.min(pay, I.cap);
  };
  const perRep = I.reps.map((r) => marginal(r.bookings, r.quota));
  // Monthly for Dana Ortiz (quota 450,000): YTD commission true-up per month, then the recoverable draw.
  let ytd = 0;
  let paidBefore = 0;
  let balance = 0;
  const months = I.monthly.map((b) => {
    ytd += b;
    const earned = marginal(ytd, 450_000) - paidBefore;
    paidBefore += earned;
    let drawn = 0;
    let recovery = 0;
    let payout: number;
    if (earned < I.guarantee) {
      drawn = I.guarantee - earned;
      balance += drawn;
      payout = I.guarantee;
    } else {
      recovery = Math.min(balance, earned - I.guarantee);
      balance -= recovery;
      payout = earned - recovery;
    }
    return { earned, drawn, recovery, balance, payout };
  });
  return { marginal, perRep, months };
})();

/** Lead scoring: the template's rules written as plain code (group limit 25 on Size, 20 on Email). */
export const LEADS = (() => {
  const I = LEAD_INPUTS;
  const leads = I.leads.map((r) => ({
    country: r[2] as string,
    employees: r[3] as number,
    industry: r[4] as string,
    title: (r[5] as string).toLowerCase(),
    pricing: r[6] as number,
    opens: r[7] as number,
    clicks: r[8] as number,
    webinar: r[9] as string,
    bad: r[10] as boolean,
  }));
  const rows = leads.map((x) => {
    const fit =
      Math.min((x.employees >= 200 ? 15 : 0) + (x.employees >= 1000 ? 10 : 0), 25) +
      (['US', 'CA', 'GB'].includes(x.country) ? 15 : 0) +
      (/vp|director|head/.test(x.title) ? 25 : 0) +
      (x.industry === 'Education' ? -20 : 0);
    const engagement =
      (x.pricing > 0 ? 15 : 0) +
      Math.min(2 * x.opens + 5 * x.clicks, 20) +
      (x.webinar === 'Yes' ? 10 : 0) +
      (x.bad ? -25 : 0);
    const score = Math.min(fit + engagement, I.scoreLimit);
    const grade = (fit >= 50 ? 'A' : fit >= 25 ? 'B' : 'C') + (engagement >= 40 ? '1' : engagement >= 20 ? '2' : '3');
    return { fit, engagement, score, grade, mql: score >= I.mqlScore && grade[0] !== 'C' };
  });
  return { rows, mqls: rows.filter((r) => r.mql).length };
})();

/** Territory plan: current owner = the agent with the most won value on the account (ties: first by name). */
export const TERR = (() => {
  const accounts = csv('accounts.csv');
  const teams = csv('sales_teams.csv');
  const wonBy = new Map<string, Map<string, number>>();
  for (const d of csv('sales_pipeline.csv')) {
    if (d.deal_stage !== 'Won' || !d.account) continue;
    const m = wonBy.get(d.account) ?? new Map<string, number>();
    m.set(d.sales_agent, (m.get(d.sales_agent) ?? 0) + Number(d.close_value));
    wonBy.set(d.account, m);
  }
  const owner = (account: string) => {
    let best: [string, number] | null = null;
    for (const [agent, v] of wonBy.get(account) ?? [])
      if (!best || v > best[1] || (v === best[1] && agent < best[0])) best = [agent, v];
    return best ? best[0] : null;
  };
  const totalRevenue = accounts.reduce((a, x) => a + Number(x.revenue), 0);
  const target = 1 / teams.length; // equal capacity weights
  const reps = teams.map((t) => {
    const mine = accounts.filter((a) => owner(a.account) === t.sales_agent);
    const revenue = mine.reduce((a, x) => a + Number(x.revenue), 0);
    const share = revenue / totalRevenue;
    return {
      agent: t.sales_agent,
      revenue,
      share,
      deviation: share / target - 1,
      employees: mine.reduce((a, x) => a + Number(x.employees), 0),
      accounts: mine.length,
    };
  });
  const outside = reps.filter((r) => Math.abs(r.deviation) > TERRITORY_INPUTS.tolerance).length;
  return { accounts, teams, owner, target, reps, outside };
})();

export type Figure = [ref: string, expected: number | string | boolean];

/** Each template's key outputs and the independent figure each must equal (the same figures as the tests below). */
export const KEY_FIGURES: Record<string, () => Figure[]> = {
  'capacity-plan': () => [
    ...cols('B', 12).map((c, m): Figure => [`Capacity!${c}32`, CAP.rre[m]]),
    ['Capacity!B8', serial('2026-12-31')],
    ['Capacity!B37', CAP.capacity],
    ['Capacity!B38', CAP.capacity],
    ['Capacity!B39', CAPACITY_INPUTS.target - CAP.capacity],
    ['Capacity!B41', CAP.need],
  ],
  'quota-plan': () => [
    ...QUOTA.allocated.map((v, i): Figure => [`Quota!D${13 + i}`, v]),
    ['Quota!D21', 12_000_000],
    ...cols('F', 12).map((c, j): Figure => [`Quota!${c}28`, QUOTA.months[j]]),
    ['Quota!D33', 12_000_000],
    ['Quota!D34', QUOTA.byRegion('East')],
    ['Quota!D35', QUOTA.byRegion('Central')],
    ['Quota!D36', QUOTA.byRegion('West')],
  ],
  'pipeline-review': () => [
    ['Pipeline!B24', 8800],
    ['Pipeline!B25', PIPE.weighted],
    ['Pipeline!B26', PIPE.won],
    ['Pipeline!B30', PIPE.winRate],
    ...PIPE.forecast.map((v, i): Figure => [`Pipeline!E${24 + i}`, v]),
    ...PIPE.reached.map((v, i): Figure => [`Pipeline!H${24 + i}`, v]),
    ['Pipeline!B35', PIPE.cycle],
    ['Pipeline!B36', PIPE.hit / PIPE.agents.length],
    ...PIPE.agents.map((r, i): Figure => [`Pipeline!D${39 + i}`, r.booked]),
    ...PIPE.byGroup('agent').map(([, g], i): Figure => [`Pipeline!M${39 + i}`, g.won / (g.won + g.lost)]),
  ],
  'comp-plan': () => [
    ...COMP.perRep.map((v, i): Figure => [`Comp!E${19 + i}`, v]),
    ['Comp!E25', COMP.perRep.reduce((a, b) => a + b, 0)],
    ['Comp!F33', 46_800],
    ...COMP.months.map((m, j): Figure => [`Comp!I${38 + j}`, m.payout]),
  ],
  'lead-scoring': () => [
    ...LEADS.rows.flatMap((x, i): Figure[] => [
      [`Leads!M${24 + i}`, x.fit],
      [`Leads!N${24 + i}`, x.engagement],
      [`Leads!O${24 + i}`, x.score],
      [`Leads!P${24 + i}`, x.grade],
      [`Leads!Q${24 + i}`, x.mql],
    ]),
    ['Leads!B37', LEADS.mqls],
  ],
  'territory-plan': () => [
    ...TERR.reps.flatMap((r, i): Figure[] => [
      [`Territory!D${10 + i}`, r.revenue],
      [`Territory!G${10 + i}`, r.deviation],
      [`Territory!N${10 + i}`, r.accounts],
    ]),
    ['Territory!D49', TERR.outside],
  ],
};

/** Numbers equal to 1e-9 relative (sums in another order differ in the last bits); anything else exactly. */
export function expectSame(actual: unknown, expected: number | string | boolean, ref: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual).toBe('number');
    if (Math.abs((actual as number) - expected) > 1e-9 * Math.max(1, Math.abs(expected)))
      throw new Error(`${ref} is ${String(actual)}, expected ${expected}`);
  } else expect([ref, actual]).toEqual([ref, expected]);
}

// ---------------------------------------------------------------------------------------------- every template
