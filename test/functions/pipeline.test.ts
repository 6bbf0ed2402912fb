/**
 * The pipeline declarations in the headless engine: ranges from sheets (blank rows, numbers as text, date cells),
 * spilled shapes, and every error path with its code and a message naming the argument.
 */
import { DetailedCellError } from 'hyperformula';
import { evaluateFormula } from '../../src/hosts/headless/engine';
import { expectErrorCell, run } from '../support/engine';

describe('SALESOPS.WINRATE', () => {
  it('reads a sheet column with blanks and other labels: Closed Won 2, Closed Lost 1, open 1 -> 2/3', () => {
    const data = [['Closed Won'], ['Closed Lost'], [null], ['Negotiation'], ['closed won']];
    expect(run(data, '=SALESOPS.WINRATE(Data!A1:A5, "Closed Won", "Closed Lost")')).toBeCloseTo(2 / 3, 12);
  });
});

describe('SALESOPS.WINRATE.BY', () => {
  it('spills group, win rate, won, lost in first-appearance order, padded with blanks below', () => {
    // Ann: Won, Lost, Won -> 2/3; Bob: Lost, Lost -> 0; Cy: open only -> #DIV/0! in its cell, counts 0 and 0.
    const data = [
      ['Ann', 'Won'],
      ['Bob', 'Lost'],
      ['Cy', 'Engaging'],
      ['Ann', 'Lost'],
      ['bob', 'Lost'],
      ['Ann', 'Won'],
    ];
    const v = run(data, '=SALESOPS.WINRATE.BY(Data!A1:A6, Data!B1:B6)') as unknown[][];
    expect(v.slice(0, 2)).toEqual([
      ['Ann', 2 / 3, 2, 1],
      ['Bob', 0, 0, 2],
    ]);
    expect(v[2][0]).toBe('Cy');
    expect((v[2][1] as DetailedCellError).value).toBe('#DIV/0!');
    expect((v[2][1] as DetailedCellError).message).toContain("group 'Cy'");
    // the rest of the declared 6 x 4 area stays empty (padded with truly empty cells, so the sheet ends at row 3)
    expect(v.slice(3).flat().every((x) => x === '' || x === null)).toBe(true);
    expect(v.length).toBe(3);
  });
});

describe('SALESOPS.FUNNEL', () => {
  it('reads a stage_order row and furthest stages with blank rows', () => {
    // Prospect x2, Demo x1, Closed x1 -> reached 4, 2, 1; to next 2/4, 1/2; from first 1, 0.5, 0.25.
    const data = [['Prospect', 'Demo', 'Closed'], ['Prospect'], [null], ['demo'], ['Closed'], ['Prospect']];
    const v = run(data, '=SALESOPS.FUNNEL(Data!A2:A6, Data!A1:C1)') as unknown[][];
    expect(v.slice(0, 3)).toEqual([
      ['Prospect', 4, 0.5, 1],
      ['Demo', 2, 0.5, 0.5],
      ['Closed', 1, '', 0.25],
    ]);
  });
});

describe('SALESOPS.STAGEDAYS', () => {
  it('reads date cells and ISO text: 10 and 20 days in Lead, 5 in Qualified', () => {
    // Deal 1: Lead 2026-01-01, Qualified 2026-01-11, Won 2026-01-16 -> Lead 10, Qualified 5.
    // Deal 2: Lead 2026-02-01, Won 2026-02-21 (skipped Qualified) -> Lead 20. Lead average 15.
    const data = [
      ['2026-01-01', '2026-01-11', '=DATE(2026,1,16)'],
      ['=DATE(2026,2,1)', null, '2026-02-21'],
    ];
    const v = run(data, '=SALESOPS.STAGEDAYS(Data!A1:C2, {"Lead","Qualified","Won"})') as unknown[][];
    expect(v).toEqual([
      ['Lead', 15, 2, 2],
      ['Qualified', 5, 1, 1],
      ['Won', '', 0, 2],
    ]);
  });
});

describe('SALESOPS.STAGEPROB', () => {
  it('gives the stage table from history: won x1, lost at Demo x1 and at Lead x2', () => {
    // Lead: 1 / (1 + 3) = 0.25; Demo: 1 / (1 + 1) = 0.5.
    const data = [
      ['Demo', 'Won'],
      ['Demo', 'Lost'],
      ['Lead', 'Lost'],
      ['Lead', 'Lost'],
      ['Lead', 'Open'],
    ];
    expect(run(data, '=SALESOPS.STAGEPROB(Data!A1:A5, Data!B1:B5, {"Lead";"Demo"})')).toEqual([
      ['Lead', 0.25, 1, 4],
      ['Demo', 0.5, 1, 2],
    ]);
  });
});

describe('errors name the argument and the problem', () => {
  it.each([
    ['=SALESOPS.WINRATE({"Engaging";"Prospecting"})', '#DIV/0!', 'outcomes holds no won'],
    ['=SALESOPS.WINRATE({"Won";"Lost"}, "Won", "won")', '#VALUE!', 'won_label and lost_label'],
    ['=SALESOPS.WINRATE({"Won",1;"Lost",2})', '#VALUE!', 'outcomes must be a single row or column'],
    ['=SALESOPS.WINRATE({"Won"}, {"a","b"})', '#VALUE!', 'won_label must be a single value'],
    ['=SALESOPS.WINRATE.BY({"Ann";"Bob"}, {"Won";"Lost";"Won"})', '#VALUE!', 'groups has 2 rows but outcomes has 3'],
    ['=SALESOPS.WINRATE.BY({"Ann"}, {"Won"}, "Won", "WON")', '#VALUE!', 'won_label and lost_label'],
    ['=SALESOPS.FUNNEL({"Lead";"Qualifed"}, {"Lead";"Qualified";"Won"})', '#N/A', "furthest_stages row 2: unknown stage 'Qualifed'"],
    ['=SALESOPS.FUNNEL({"Lead"}, {"Lead";"lead"})', '#VALUE!', 'stage_order item 2'],
    ['=SALESOPS.FUNNEL({"Lead"}, {""})', '#VALUE!', 'stage_order is empty'],
    ['=SALESOPS.STAGEDAYS({"2026-01-01","2025-12-01"}, {"Lead","Won"})', '#VALUE!', "stage_entered_dates row 1: the 'Won' date is before the 'Lead' date"],
    ['=SALESOPS.STAGEDAYS({"2026-01-01","soon"}, {"Lead","Won"})', '#VALUE!', 'stage_entered_dates row 1 column 2 holds text "soon"'],
    ['=SALESOPS.STAGEDAYS({"2026-01-01","2026-01-05"}, {"Lead","Qualified","Won"})', '#VALUE!', 'has 2 columns but stage_order lists 3'],
    ['=SALESOPS.STAGEPROB({"Lead";"Demoo"}, {"Won";"Lost"}, {"Lead";"Demo"})', '#N/A', "stages row 2: unknown stage 'Demoo'"],
    ['=SALESOPS.STAGEPROB({"Lead"}, {"Lost";"Won"}, {"Lead";"Demo"})', '#VALUE!', 'stages has 1 rows but outcomes has 2'],
  ])('%s is %s', (formula, code, message) => {
    expectErrorCell(evaluateFormula(formula), code, message);
  });

  it('passes an error cell in a range through with its code, naming the row', () => {
    const v = run([['Won'], ['=NA()']], '=SALESOPS.WINRATE(Data!A1:A2)') as DetailedCellError;
    expect(v.value).toBe('#N/A');
    expect(v.message).toContain('outcomes row 2 holds #N/A');
  });
});
