/**
 * Each starter workbook's own figures (Capacity, Quota, Pipeline review, Comp, Lead scoring, Territory) against
 * figures computed independently in test/support/templates.ts, and `npm run templates` reproducing the committed files;
 * the checks every template shares are in templates.test.ts.
 */
import * as fs from 'fs';
import { loadXlsxIntoEngine } from '../../src/hosts/headless/load';
import { readXlsx } from '../../src/xlsx/read';
import { CellErrorValue } from '../../src/functions/clean';
import { TEMPLATES } from '../../src/taskpane/templates/catalog';
import { buildTemplate, CAPACITY_INPUTS, COMP_INPUTS, PIPELINE_INPUTS } from '../../scripts/build-templates';
import {
  file,
  open,
  value,
  num,
  column,
  serial,
  cols,
  CAP,
  QUOTA,
  PIPE,
  COMP,
  LEADS,
  TERR,
} from '../support/templates';

describe('Capacity plan', () => {
  const I = CAPACITY_INPUTS;

  it('RRE by month and capacity follow the hiring plan, ramp and attrition', async () => {
    const l = await open('capacity-plan');
    // January 2026 by hand: Avery, Blake, Casey, Devon and Emery are past the 4-month ramp (5 x 1); Finley, hired
    // November 2025, is in tenure month 3 (50%); no attrition yet in the first month: 5.5 RRE, 5.5 x 100,000 = 550,000.
    expect(num(l, 'Capacity!B32')).toBeCloseTo(5.5, 9);
    expect(num(l, 'Capacity!B33')).toBeCloseTo(550_000, 6);
    // December by hand: Casey left (end 2026-06-30); five fully ramped reps surviving 11 months (0.85^(11/12) =
    // 0.86159 each), hires of Feb, Apr, Jul fully ramped surviving 10, 8, 5 months (0.87334, 0.89732, 0.93453), the
    // October hire in tenure month 3 (50%) surviving 2 months (0.97328 x 0.5): 4.30793 + 0.87334 + 0.89732 + 0.93453 +
    // 0.48664 = 7.49976.
    expect(num(l, 'Capacity!M32')).toBeCloseTo(7.49976, 4);
    cols('B', 12).forEach((c, m) => expect(num(l, `Capacity!${c}32`)).toBeCloseTo(CAP.rre[m], 9));
    expect(num(l, 'Capacity!B37')).toBeCloseTo(CAP.capacity, 4);
    expect(num(l, 'Capacity!B38')).toBeCloseTo(CAP.capacity, 4);
    expect(num(l, 'Capacity!B39')).toBeCloseTo(I.target - CAP.capacity, 4);
    // cumulative: the last month equals the plan's capacity
    expect(num(l, 'Capacity!M34')).toBeCloseTo(CAP.capacity, 4);
  });

  it('reps needed: the smallest whole number of plan-start hires that closes the gap', async () => {
    const l = await open('capacity-plan');
    expect(num(l, 'Capacity!B41')).toBe(CAP.need);
    expect(CAP.capacity + CAP.need * CAP.perHire).toBeGreaterThanOrEqual(I.target);
    expect(CAP.capacity + (CAP.need - 1) * CAP.perHire).toBeLessThan(I.target);
  });

  it('months per year is a labelled named cell, and the plan end and months follow the plan start', async () => {
    const l = await open('capacity-plan');
    expect(value(l, 'Capacity!A14')).toMatch(/^Months per year/);
    expect(num(l, 'Capacity!B14')).toBe(12);
    expect(l.workbook.names.find((n) => n.name === 'MonthsPerYear')?.formula).toBe('Capacity!$B$14');
    const sheet = l.workbook.sheets[0];
    // no formula divides by a typed 12: capacity per month is RRE x productivity / MonthsPerYear
    expect(
      sheet.cells.filter((c) => c.formula !== undefined && /\b12\b/.test(c.formula)).map((c) => c.address),
    ).toEqual([]);
    expect(sheet.cells.find((c) => c.address === 'B33')?.formula).toBe('B32*Productivity/MonthsPerYear');
    // the plan end is derived (12 months from the plan start), not a second input that could disagree
    expect(sheet.cells.find((c) => c.address === 'B8')?.formula).toBe('EOMONTH(PlanStart,PlanMonths-1)');
    expect(num(l, 'Capacity!B8')).toBe(serial('2026-12-31'));
    expect(num(l, 'Capacity!B13')).toBe(12);
  });

  it('moving the plan start moves the monthly block, the plan end and SALESOPS.CAPACITY together (the check still matches)', async () => {
    const l = await loadXlsxIntoEngine(fs.readFileSync(file('capacity-plan')));
    try {
      const id = l.sheetIds.get('Capacity')!;
      l.engine.setCellContents({ sheet: id, row: 6, col: 1 }, serial('2026-04-01'));
      expect(num(l, 'Capacity!B31')).toBe(serial('2026-04-01'));
      expect(num(l, 'Capacity!M31')).toBe(serial('2027-03-01'));
      expect(num(l, 'Capacity!B8')).toBe(serial('2027-03-31'));
      const rre = CAP.rreFrom('2026-04-01');
      cols('B', 12).forEach((c, m) => expect(num(l, `Capacity!${c}32`)).toBeCloseTo(rre[m], 9));
      const capacity = rre.reduce((a, b) => a + b, 0) * CAP.monthly;
      expect(num(l, 'Capacity!B37')).toBeCloseTo(capacity, 4);
      expect(num(l, 'Capacity!B38')).toBeCloseTo(num(l, 'Capacity!B37'), 6);
      // April 2026 by hand: Casey (ends June 2026) and the five others hired by 2025 are ramped (6 x 1); the hires of
      // Feb 2026 (tenure 3: 50%) and Apr 2026 (tenure 1: 0%): 6.5 RRE, before any attrition.
      expect(rre[0]).toBeCloseTo(6.5, 12);
    } finally {
      l.engine.destroy();
    }
  });
});

describe('Quota plan', () => {
  it('allocates target x 1.2 by prior-year bookings in whole thousands (largest remainder), adding up exactly', async () => {
    const l = await open('quota-plan');
    const allocated = column(l, 'Quota', 'D', 13, 20) as number[];
    expect(allocated).toEqual(QUOTA.allocated);
    // New York by hand: 12,000,000 x 1,450,000 / 8,300,000 = 2,096,385.5 -> 2,096,000.
    expect(allocated[0]).toBe(2_096_000);
    expect(num(l, 'Quota!D21')).toBe(12_000_000);
    expect(num(l, 'Quota!D23')).toBeCloseTo(1 / 1.2, 12);
  });

  it('phases the assigned quota by seasonality and rolls territories up to regions and the company', async () => {
    const l = await open('quota-plan');
    // Weights add up to 100: January 6% of 12,000,000 = 720,000; December 14% = 1,680,000.
    const months = cols('F', 12).map((c) => num(l, `Quota!${c}28`));
    months.forEach((v, j) => expect(v).toBeCloseTo(QUOTA.months[j], 6));
    expect(months[0]).toBeCloseTo(720_000, 6);
    expect(months[11]).toBeCloseTo(1_680_000, 6);
    expect(column(l, 'Quota', 'A', 33, 36)).toEqual(['Company', 'East', 'Central', 'West']);
    expect(num(l, 'Quota!D33')).toBe(12_000_000);
    expect(num(l, 'Quota!D34')).toBe(QUOTA.byRegion('East'));
    expect(num(l, 'Quota!D35')).toBe(QUOTA.byRegion('Central'));
    expect(num(l, 'Quota!D36')).toBe(QUOTA.byRegion('West'));
    expect(column(l, 'Quota', 'D', 37, 44)).toEqual(QUOTA.allocated);
  });
});

describe('Pipeline review (real CRM data)', () => {
  const I = PIPELINE_INPUTS;

  it('weighted pipeline equals a plain loop over the CRM rows with the same stage table', async () => {
    const l = await open('pipeline-review');
    expect(PIPE.deals).toHaveLength(8800);
    expect(num(l, 'Pipeline!B24')).toBe(8800);
    expect(num(l, 'Pipeline!B25')).toBeCloseTo(PIPE.weighted, 4);
    expect(num(l, 'Pipeline!B26')).toBeCloseTo(PIPE.won, 6);
    expect(PIPE.won).toBe(10_005_534); // the data set's total won value
    expect(num(l, 'Pipeline!B27')).toBeCloseTo(0.4 * PIPE.engaging + 0.1 * PIPE.prospecting, 4);
  });

  it('forecast categories, coverage, win rate and funnel', async () => {
    const l = await open('pipeline-review');
    // Stage table: Won -> Closed, Engaging -> Best Case, Prospecting -> Pipeline, Lost -> Omitted.
    expect(column(l, 'Pipeline', 'D', 24, 28)).toEqual([
      'Closed',
      'Commit',
      'Best Case',
      'Open Pipeline',
      'Gap to quota',
    ]);
    const forecast = column(l, 'Pipeline', 'E', 24, 28) as number[];
    forecast.forEach((v, i) => expect(v).toBeCloseTo(PIPE.forecast[i], 6)); // no Commit stage: Commit = Closed
    expect(num(l, 'Pipeline!B29')).toBeCloseTo((PIPE.engaging + PIPE.prospecting) / (I.quota - PIPE.won), 9);
    expect(num(l, 'Pipeline!B30')).toBeCloseTo(PIPE.winRate, 12);
    expect(PIPE.winRate).toBeCloseTo(4238 / 6711, 12);
    // Funnel: every deal was prospected; engaged = Engaging + Won + Lost (every lost deal has an engage date).
    expect(column(l, 'Pipeline', 'G', 24, 26)).toEqual(['Prospecting', 'Engaging', 'Won']);
    const reached = PIPE.reached;
    expect(column(l, 'Pipeline', 'H', 24, 26)).toEqual(reached);
    expect(num(l, 'Pipeline!I24')).toBeCloseTo(reached[1] / reached[0], 12);
    expect(num(l, 'Pipeline!I25')).toBeCloseTo(reached[2] / reached[1], 12);
    expect(num(l, 'Pipeline!J26')).toBeCloseTo(reached[2] / reached[0], 12);
    // Historical stage probability: of closed deals that reached Engaging (all 6,711), 4,238 won.
    expect(num(l, 'Pipeline!H9')).toBeCloseTo(4238 / 6711, 12);
  });

  it('Monte Carlo range brackets the expected bookings as the normal approximation says', async () => {
    const l = await open('pipeline-review');
    let mean = 0;
    let variance = 0;
    for (const d of PIPE.deals) {
      const p = PIPE.prob.get(d.stage)!;
      mean += d.amount * p;
      variance += d.amount * d.amount * p * (1 - p);
    }
    const sd = Math.sqrt(variance);
    const [p10, p50, p90] = column(l, 'Pipeline', 'M', 24, 26) as number[];
    expect(column(l, 'Pipeline', 'L', 24, 26)).toEqual([0.1, 0.5, 0.9]);
    // 2,000 trials: a percentile's sampling error is about 0.04 sd; z(0.9) = 1.2816.
    expect(Math.abs(p50 - mean)).toBeLessThan(0.15 * sd);
    expect(Math.abs(p10 - (mean - 1.2816 * sd))).toBeLessThan(0.2 * sd);
    expect(Math.abs(p90 - (mean + 1.2816 * sd))).toBeLessThan(0.2 * sd);
    expect(p10).toBeGreaterThanOrEqual(PIPE.won);
  });

  it('team performance: cycle length of won deals, attainment, quota hit rate, quadrants, win rate by agent and product', async () => {
    const l = await open('pipeline-review');
    expect(num(l, 'Pipeline!B35')).toBeCloseTo(PIPE.cycle, 9);
    const rows = PIPE.agents;
    expect(column(l, 'Pipeline', 'A', 39, 73)).toEqual(rows.map((r) => r.agent));
    rows.forEach((r, i) => {
      expect(num(l, `Pipeline!D${39 + i}`)).toBeCloseTo(r.booked, 6);
      expect(num(l, `Pipeline!F${39 + i}`)).toBeCloseTo(r.prev, 6);
      expect(num(l, `Pipeline!G${39 + i}`)).toBeCloseTo(r.cur, 6);
    });
    expect(num(l, 'Pipeline!B36')).toBeCloseTo(PIPE.hit / rows.length, 12);
    expect(num(l, 'Pipeline!B37')).toBe(PIPE.hit);
    // Quadrant threshold: the median of the current period over the 35 agents (the 18th value, sorted).
    const sorted = rows.map((r) => r.cur).sort((a, b) => a - b);
    const median = sorted[17];
    const quadrant = (r: (typeof rows)[number]) =>
      r.cur >= median
        ? r.cur >= r.prev
          ? 'Rising star'
          : 'Falling star'
        : r.cur >= r.prev
          ? 'Improving laggard'
          : 'Deteriorating laggard';
    expect(column(l, 'Pipeline', 'I', 39, 73)).toEqual(rows.map(quadrant));

    const agents = PIPE.byGroup('agent');
    expect(agents).toHaveLength(30); // 5 of the 35 agents have no deals
    expect(column(l, 'Pipeline', 'L', 39, 38 + agents.length)).toEqual(agents.map(([a]) => a));
    agents.forEach(([, g], i) => {
      expect(num(l, `Pipeline!M${39 + i}`)).toBeCloseTo(g.won / (g.won + g.lost), 12);
      expect(num(l, `Pipeline!N${39 + i}`)).toBe(g.won);
      expect(num(l, `Pipeline!O${39 + i}`)).toBe(g.lost);
    });
    const products = PIPE.byGroup('product');
    expect(column(l, 'Pipeline', 'Q', 39, 38 + products.length)).toEqual(products.map(([p]) => p));
    products.forEach(([, g], i) => expect(num(l, `Pipeline!R${39 + i}`)).toBeCloseTo(g.won / (g.won + g.lost), 12));
  });
});

describe('Comp plan', () => {
  const I = COMP_INPUTS;

  it('commission per rep: marginal tiers with accelerators and the cap', async () => {
    const l = await open('comp-plan');
    // Bea Novak by hand: 400,000 x 8% + 52,000 x 12% = 32,000 + 6,240 = 38,240.
    expect(num(l, 'Comp!E20')).toBeCloseTo(38_240, 9);
    // Kim Sato: 24,000 + 60,000 x 12% + 200,000 x 15% = 61,200, capped at 60,000.
    expect(num(l, 'Comp!E24')).toBeCloseTo(60_000, 9);
    I.reps.forEach((r, i) => expect(num(l, `Comp!E${19 + i}`)).toBeCloseTo(COMP.marginal(r.bookings, r.quota), 9));
    expect(num(l, 'Comp!E25')).toBeCloseTo(
      COMP.perRep.reduce((a, b) => a + b, 0),
      9,
    );
  });

  it('explains the chosen rep line by line and pays the monthly draw', async () => {
    const l = await open('comp-plan');
    // Dana Ortiz: quota 450,000, bookings 540,000 (120%): 450,000 x 8% = 36,000; 90,000 x 12% = 10,800; 0 in tier 3.
    expect(column(l, 'Comp', 'A', 28, 33)).toEqual(['Line', 'Tier 1', 'Tier 2', 'Tier 3', 'Cap of 60,000', 'Total']);
    expect(column(l, 'Comp', 'F', 29, 31)).toEqual([36_000, 10_800, 0]);
    expect(num(l, 'Comp!F33')).toBeCloseTo(46_800, 9);
    COMP.months.forEach((m, j) => {
      const r = 38 + j;
      expect(num(l, `Comp!D${r}`)).toBeCloseTo(m.earned, 9);
      expect(num(l, `Comp!F${r}`)).toBeCloseTo(m.drawn, 9);
      expect(num(l, `Comp!G${r}`)).toBeCloseTo(m.recovery, 9);
      expect(num(l, `Comp!H${r}`)).toBeCloseTo(m.balance, 9);
      expect(num(l, `Comp!I${r}`)).toBeCloseTo(m.payout, 9);
    });
    // January by hand: 12,000 x 8% = 960 earned, drawn 1,540 to reach 2,500.
    expect(num(l, 'Comp!F38')).toBeCloseTo(1540, 9);
    expect(num(l, 'Comp!D50')).toBeCloseTo(46_800, 9);
  });
});

describe('Lead scoring', () => {
  it('scores fit and engagement, grades and flags MQLs as the rules say', async () => {
    const l = await open('lead-scoring');
    // L-001 by hand: fit 15 + 10 (size, under the 25 cap) + 15 (US) + 25 (VP) = 65; engagement 15 + min(12 + 10, 20)
    // + 10 = 45; score min(110, 100) = 100; grade A1.
    expect(num(l, 'Leads!M24')).toBe(65);
    expect(num(l, 'Leads!N24')).toBe(45);
    expect(num(l, 'Leads!O24')).toBe(100);
    expect(value(l, 'Leads!P24')).toBe('A1');
    LEADS.rows.forEach((x, i) => {
      const r = 24 + i;
      expect([
        num(l, `Leads!M${r}`),
        num(l, `Leads!N${r}`),
        num(l, `Leads!O${r}`),
        value(l, `Leads!P${r}`),
        value(l, `Leads!Q${r}`),
      ]).toEqual([x.fit, x.engagement, x.score, x.grade, x.mql]);
    });
    expect(num(l, 'Leads!B37')).toBe(LEADS.mqls);
  });
});

describe('Territory plan (real CRM accounts)', () => {
  it('loads per rep equal plain sums over the accounts under their current owners', async () => {
    const l = await open('territory-plan');
    expect(column(l, 'Accounts', 'G', 5, 4 + TERR.accounts.length)).toEqual(
      TERR.accounts.map((a) => TERR.owner(a.account)),
    );
    TERR.reps.forEach((rep, i) => {
      const r = 10 + i;
      expect(value(l, `Territory!A${r}`)).toBe(rep.agent);
      expect(num(l, `Territory!D${r}`)).toBeCloseTo(rep.revenue, 6);
      expect(num(l, `Territory!E${r}`)).toBeCloseTo(rep.share, 12);
      expect(num(l, `Territory!F${r}`)).toBeCloseTo(TERR.target, 12);
      expect(num(l, `Territory!G${r}`)).toBeCloseTo(rep.deviation, 9);
      expect(num(l, `Territory!I${r}`)).toBeCloseTo(rep.employees, 6);
      expect(num(l, `Territory!N${r}`)).toBe(rep.accounts);
    });
    expect(num(l, 'Territory!D49')).toBe(TERR.outside);
  });
});

describe('npm run templates', () => {
  it.each(TEMPLATES.map((t) => [t.id]))(
    '%s: regenerating gives the committed cell contents (values and formulas)',
    async (id) => {
      const contents = async (bytes: Uint8Array) => {
        const wb = await readXlsx(bytes);
        return {
          sheets: wb.sheets.map((s) => ({
            name: s.name,
            tables: s.tables,
            cells: s.cells.map((c) => [
              c.address,
              c.formula ?? null,
              c.array?.ref ?? null,
              c.value instanceof CellErrorValue ? c.value.code : c.value,
            ]),
          })),
          names: wb.names,
        };
      };
      const committed = await contents(fs.readFileSync(file(id)));
      const rebuilt = await contents(await buildTemplate(id));
      expect(rebuilt).toEqual(committed);
    },
    180_000,
  );
});
