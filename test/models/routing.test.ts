/**
 * Lead routing: first matching rule wins, queues round-robin in lead order (smooth weighted round-robin with
 * weights), deterministic, default owner or #N/A. Expected owners are worked out by hand beside each case, and on
 * the real X Education leads by a plain-code router written here in the test.
 */
import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import { SalesOpsError } from '../../src/models/errors';
import type { FieldValue } from '../../src/models/expressions';
import { parseQueue, routeLeads, type RoutingRule } from '../../src/models/routing';

function rules(...rows: [string, string, string?, (string | number)?][]): RoutingRule[] {
  return rows.map(([criterion, owner, members, weights], i) => ({
    row: i + 1,
    criterion,
    owner,
    members: members ?? null,
    weights: weights ?? null,
  }));
}
const headers = ['Country', 'Employees'];
const lead = (country: FieldValue, employees: FieldValue = 10): FieldValue[] => [country, employees];

describe('routeLeads', () => {
  it('gives each lead the owner of the first matching rule', () => {
    const r = rules(
      ['employees >= 1000', 'Enterprise Ed'],
      ['country == "US"', 'Ann'],
      ['country == "US" or country == "CA"', 'Bob'],
    );
    // 5000 employees -> rule 1 even in the US; US small -> rule 2 (first match, though rule 3 also matches); CA -> rule 3
    expect(routeLeads({ headers, leads: [lead('US', 5000), lead('us'), lead('CA')], rules: r })).toEqual([
      'Enterprise Ed',
      'Ann',
      'Bob',
    ]);
  });

  it("hands a queue's leads to its members in turn, in lead order, counting only the queue's leads", () => {
    const r = rules(['country == "US"', 'US team', 'Ann, Bob; Cy'], ['true', 'Zoe']);
    // US leads are the 1st, 2nd, 4th, 5th, 6th: Ann, Bob, Cy, Ann, Bob; DE goes to Zoe without taking a turn
    const leads = [lead('US'), lead('US'), lead('DE'), lead('US'), lead('US'), lead('US')];
    expect(routeLeads({ headers, leads, rules: r })).toEqual(['Ann', 'Bob', 'Zoe', 'Cy', 'Ann', 'Bob']);
  });

  it('uses smooth weighted round-robin when weights are given', () => {
    // weights 2, 1 (total 3). Each turn add the weights, the largest takes the lead and gives back 3:
    // [2,1] Ann -> [-1,1]; [1,2] Bob -> [1,-1]; [3,0] Ann -> [0,0]; then it repeats: Ann, Bob, Ann, Ann, Bob, Ann
    const r = rules(['true', 'Team', 'Ann, Bob', '2, 1']);
    expect(routeLeads({ headers, leads: Array.from({ length: 6 }, () => lead('US')), rules: r })).toEqual([
      'Ann',
      'Bob',
      'Ann',
      'Ann',
      'Bob',
      'Ann',
    ]);
    // weights 5, 1, 1 (total 7): [5,1,1] A -> [-2,1,1]; [3,2,2] A -> [-4,2,2]; [1,3,3] B -> [1,-4,3];
    // [6,-3,4] A -> [-1,-3,4]; [4,-2,5] C -> [4,-2,-2]; [9,-1,-1] A -> [2,-1,-1]; [7,0,0] A -> [0,0,0]
    const r2 = rules(['true', 'Team', 'A, B, C', '5, 1, 1']);
    expect(routeLeads({ headers, leads: Array.from({ length: 7 }, () => lead('US')), rules: r2 })).toEqual([
      'A',
      'A',
      'B',
      'A',
      'C',
      'A',
      'A',
    ]);
  });

  it("shares one queue's turns between every rule that names it", () => {
    const r = rules(
      ['country == "US"', 'North America', 'Ann, Bob'],
      ['country == "CA"', 'north america'],
      ['true', 'Zoe'],
    );
    // US Ann, CA Bob (same queue), DE Zoe, CA Ann
    expect(routeLeads({ headers, leads: [lead('US'), lead('CA'), lead('DE'), lead('CA')], rules: r })).toEqual([
      'Ann',
      'Bob',
      'Zoe',
      'Ann',
    ]);
  });

  it('routes the same sheet the same way every time', () => {
    const r = rules(['employees > 50', 'Big', 'A, B, C', '3, 2, 1'], ['true', 'Small', 'D, E']);
    const leads = Array.from({ length: 200 }, (_, i) => lead('US', (i * 37) % 100));
    expect(routeLeads({ headers, leads, rules: r })).toEqual(routeLeads({ headers, leads, rules: r }));
  });

  it('gives unmatched leads the default owner, or a #N/A naming the row', () => {
    const r = rules(['country == "US"', 'Ann']);
    expect(routeLeads({ headers, leads: [lead('FR'), lead('US')], rules: r, defaultOwner: 'Pool' })).toEqual([
      'Pool',
      'Ann',
    ]);
    const out = routeLeads({ headers, leads: [lead('US'), lead('FR')], rules: r });
    expect(out[0]).toBe('Ann');
    expect((out[1] as SalesOpsError).code).toBe('NA');
    expect((out[1] as SalesOpsError).message).toBe('leads row 2: no rule matches and no default_owner is given');
  });

  it('gives a lead whose value does not fit a per-row #VALUE! and does not advance any queue for it', () => {
    const r = rules(['employees > 100', 'Team', 'Ann, Bob']);
    const out = routeLeads({
      headers,
      leads: [lead('US', 500), lead('US', 'lots'), lead('US', 900)],
      rules: r,
      defaultOwner: 'Pool',
    });
    expect(out[0]).toBe('Ann');
    expect((out[1] as SalesOpsError).message).toBe(
      'leads row 2: rules row 1 (employees > 100): cannot order text "lots" and 100 with >',
    );
    expect(out[2]).toBe('Bob');
  });

  it('leaves blank lead rows blank', () => {
    expect(routeLeads({ headers, leads: [[null, ''], lead('US')], rules: rules(['true', 'Ann']) })).toEqual([
      '',
      'Ann',
    ]);
  });

  it.each<[string, () => unknown, RegExp]>([
    [
      'a refused criterion',
      () => routeLeads({ headers, leads: [], rules: rules(['true', 'A'], ['country.constructor("x")', 'B']) }),
      /^rules row 2: calling anything but a named function/,
    ],
    [
      'a mathjs function from the security notes',
      () => routeLeads({ headers, leads: [], rules: rules(['import("x")', 'A']) }),
      /^rules row 1: the function import is not allowed/,
    ],
    [
      'a blank owner',
      () => routeLeads({ headers, leads: [], rules: rules(['true', ' ']) }),
      /^rules row 1: the owner or queue is blank/,
    ],
    [
      'an empty member name',
      () => routeLeads({ headers, leads: [], rules: rules(['true', 'Q', 'Ann,,Bob']) }),
      /^rules row 1: queue members "Ann,,Bob" has an empty name/,
    ],
    [
      'a member listed twice',
      () => routeLeads({ headers, leads: [], rules: rules(['true', 'Q', 'Ann, ann']) }),
      /^rules row 1: queue member ann is listed twice/,
    ],
    [
      'fewer weights than members',
      () => routeLeads({ headers, leads: [], rules: rules(['true', 'Q', 'Ann, Bob', '2']) }),
      /^rules row 1: 2 queue members but 1 weights/,
    ],
    [
      'a zero weight',
      () => routeLeads({ headers, leads: [], rules: rules(['true', 'Q', 'Ann, Bob', '2, 0']) }),
      /^rules row 1: member weight "0" is not a positive number/,
    ],
    [
      'a text weight',
      () => routeLeads({ headers, leads: [], rules: rules(['true', 'Q', 'Ann, Bob', '2, high']) }),
      /^rules row 1: member weight "high"/,
    ],
    [
      'weights without members',
      () => routeLeads({ headers, leads: [], rules: rules(['true', 'Ann', '', '2']) }),
      /^rules row 1: weights are given but no queue members/,
    ],
    [
      'a queue defined twice differently',
      () => routeLeads({ headers, leads: [], rules: rules(['true', 'Q', 'Ann, Bob'], ['true', 'q', 'Ann, Cy']) }),
      /^rules row 2: queue "q" is defined differently on rules row 1/,
    ],
    [
      'headers and leads of different widths',
      () => routeLeads({ headers, leads: [['US']], rules: rules(['true', 'A']) }),
      /^headers has 2 columns but leads has 1/,
    ],
  ])('%s is a #VALUE! naming where', (_what, call, message) => {
    try {
      call();
      throw new Error('did not throw');
    } catch (e) {
      expect((e as SalesOpsError).code).toBe('VALUE');
      expect((e as Error).message).toMatch(message);
    }
  });

  it("reads a single-member queue's weight given as a number", () => {
    expect(parseQueue({ row: 1, criterion: 'true', owner: 'Q', members: 'Ann', weights: 3 })).toEqual({
      members: ['Ann'],
      weights: [3],
    });
  });
});

describe('routeLeads on the real X Education leads (Leads.csv)', () => {
  const file = path.resolve(__dirname, '../../../shared/data/leads/Leads.csv');
  const [headerRow, ...body] = Papa.parse<string[]>(fs.readFileSync(file, 'utf8'), { skipEmptyLines: true }).data;
  const leads: FieldValue[][] = body.map((r) =>
    r.map((c) => (c === '' ? null : /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)),
  );
  const col = (name: string) => headerRow.indexOf(name);

  it('routes every lead as a plain-code router does', () => {
    const r = rules(
      ['do_not_email == "Yes" and do_not_call == "Yes"', 'Compliance'],
      ['lead_origin == "Lead Add Form"', 'Inbound team', 'Ann, Bob, Cy', '3, 2, 1'],
      ['totalvisits >= 10 or total_time_spent_on_website > 1500', 'Hot queue', 'Dee, Eve'],
      ['lead_source == "Google"', 'Hot queue'],
      ['country == "India"', 'Ivan'],
    );
    const out = routeLeads({ headers: headerRow, leads, rules: r, defaultOwner: 'Pool' });
    // plain code: counters per queue; weighted queue 3,2,1 repeats A A B A C B ... worked out by smooth WRR:
    // [3,2,1] A->[-3,2,1]; [0,4,2] B->[0,-2,2]; [3,0,3] A->[-3,0,3]; [0,2,4] C->[0,2,-2]; [3,4,-1] B->[3,-2,-1]; [6,0,0] A->[0,0,0]
    const inbound = ['Ann', 'Bob', 'Ann', 'Cy', 'Bob', 'Ann'];
    const hot = ['Dee', 'Eve'];
    let nInbound = 0;
    let nHot = 0;
    const want = body.map((row) => {
      const s = (name: string) => row[col(name)] ?? '';
      const n = (name: string) => (s(name) === '' ? 0 : Number(s(name)));
      if (s('Do Not Email') === 'Yes' && s('Do Not Call') === 'Yes') return 'Compliance';
      if (s('Lead Origin') === 'Lead Add Form') return inbound[nInbound++ % 6];
      if (
        n('TotalVisits') >= 10 ||
        n('Total Time Spent on Website') > 1500 ||
        s('Lead Source').toLowerCase() === 'google'
      )
        return hot[nHot++ % 2];
      if (s('Country') === 'India') return 'Ivan';
      return 'Pool';
    });
    expect(out.length).toBe(9240);
    let mismatches = 0;
    for (let i = 0; i < want.length; i++) if (out[i] !== want[i]) mismatches++;
    expect(mismatches).toBe(0);
    expect(nInbound).toBeGreaterThan(100); // the queues really were exercised
    expect(nHot).toBeGreaterThan(1000);
  });
});
