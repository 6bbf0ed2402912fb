/** @jest-environment jsdom */
/**
 * Territory tab against the headless workbook: pick tables, columns guessed from headers, balance (job on the page),
 * chart and moved accounts, Apply (new "Proposed owner" column beside the accounts, never over the owner column or
 * the user's notes, plus a "Territory summary" sheet) and Undo, comparing every cell of every sheet.
 *
 * Worked example: potential 10, 20, 30, 40 and workload 1 each, all owned by Ann, a4 (40) locked; reps Ann and Bob.
 * Targets: potential 50 (47.5..52.5), workload 2 (1.9..2.1). Ann keeps the locked 40, so needs exactly 10 more and
 * 2 accounts: a1. Bob takes a2 + a3 = 50. Moved: a2 and a3.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TerritoryTab } from '../../../src/taskpane/territory/TerritoryTab';
import {
  guessAccountColumns,
  guessRepColumns,
  readAccounts,
  summaryRows,
} from '../../../src/taskpane/territory/mapping';
import { WorkbookProvider } from '../../../src/taskpane/WorkbookContext';
import { HeadlessWorkbook } from '../../../src/hosts/headless/workbook';
import { createEngine } from '../../../src/hosts/headless/engine';
import { balanceTerritory } from '../../../src/models/territory';
import { everything } from '../../support/workbook-state';

function workbook(): HeadlessWorkbook {
  const engine = createEngine({
    Accounts: [
      ['Account', 'Potential', 'Workload', 'Owner', 'Locked'],
      ['a1', 10, 1, 'Ann', null],
      ['a2', 20, 1, 'Ann', null],
      ['a3', 30, 1, 'Ann', null],
      ['a4', 40, 1, 'Ann', true],
      [null, null, null, null, null, 'note: keep me', '=B2*2'],
    ],
    Reps: [
      ['Rep', 'Weight'],
      ['Ann', 1],
      ['Bob', 1],
    ],
  });
  const wb = new HeadlessWorkbook(engine);
  wb.defineTable({ name: 'AccountsTable', sheet: 'Accounts', address: 'A1:E5' });
  wb.defineTable({ name: 'RepsTable', sheet: 'Reps', address: 'A1:B3' });
  return wb;
}

function renderTab(wb: HeadlessWorkbook): void {
  render(
    <WorkbookProvider workbook={wb}>
      <TerritoryTab />
    </WorkbookProvider>,
  );
}

describe('Territory tab', () => {
  it('balances, applies beside the accounts and undoes exactly', async () => {
    const wb = workbook();
    // a note (F6) and a formula (G6) below the table's rows must survive; F1:F5, right of A1:E5, is free
    const before = everything(wb);
    renderTab(wb);
    const user = userEvent.setup();
    await waitFor(
      () =>
        expect(
          within(screen.getByRole('combobox', { name: 'Accounts' }))
            .getAllByRole('option')
            .map((o) => o.textContent),
        ).toContain('AccountsTable'),
      { timeout: 15_000 },
    ); // the first render of the file: slow on a busy machine
    await user.selectOptions(screen.getByRole('combobox', { name: 'Accounts' }), 'table:AccountsTable');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Reps' }), 'table:RepsTable');

    // guesses from the headers
    await waitFor(() =>
      expect((screen.getByRole('combobox', { name: 'Account id' }) as HTMLSelectElement).value).toBe('0'),
    );
    expect((screen.getByRole('combobox', { name: 'Current owner' }) as HTMLSelectElement).value).toBe('3');
    expect((screen.getByRole('combobox', { name: 'Locked' }) as HTMLSelectElement).value).toBe('4');
    expect((screen.getByRole('combobox', { name: 'Rep id' }) as HTMLSelectElement).value).toBe('0');
    expect((screen.getByRole('combobox', { name: 'Capacity weight' }) as HTMLSelectElement).value).toBe('1');
    expect((screen.getByRole('checkbox', { name: 'Potential' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Workload' }) as HTMLInputElement).checked).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Balance' }));
    await waitFor(() => expect(screen.getByText('Balanced plan')).not.toBeNull());
    const moved = within(screen.getByRole('list', { name: 'Moved accounts' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(moved).toEqual(['a2: Ann → Bob', 'a3: Ann → Bob']);
    // one chart per metric, one bar group per rep
    expect(screen.getAllByRole('img').map((i) => i.getAttribute('aria-label'))).toEqual([
      'Potential by rep: before and after, against the target band',
      'Workload by rep: before and after, against the target band',
    ]);
    expect(screen.getByLabelText('Ann: before 100, after 50, band 47.5 to 52.5')).not.toBeNull();
    expect(wb.engine.getAllSheetsSerialized()).toEqual(before.sheets); // balancing alone writes nothing

    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.getByText('Applied')).not.toBeNull());
    const accounts = wb.engine.getSheetId('Accounts')!;
    const col = (c: number) =>
      [0, 1, 2, 3, 4, 5].map((r) => wb.engine.getCellValue({ sheet: accounts, row: r, col: c }));
    expect(col(3)).toEqual(['Owner', 'Ann', 'Ann', 'Ann', 'Ann', null]); // the owner column is untouched
    // the plan goes to F1:F5; the note in F6 stays
    expect(col(5)).toEqual(['Proposed owner', 'Ann', 'Bob', 'Bob', 'Ann', 'note: keep me']);
    expect(wb.engine.getSheetNames()).toEqual(['Accounts', 'Reps', 'Territory summary']);
    const summary = wb.engine.getSheetValues(wb.engine.getSheetId('Territory summary')!);
    expect(summary[0][0]).toBe('Territory summary');
    expect(summary.find((r) => r[0] === 'Accounts moved')?.[1]).toBe(2);

    await user.click(screen.getAllByRole('button', { name: 'Undo' })[0]);
    await waitFor(() => expect(screen.getByText('Undone')).not.toBeNull());
    expect(everything(wb)).toEqual(before);
  });

  it("skips a column right of the accounts that holds the user's data", async () => {
    const wb = workbook();
    wb.engine.setCellContents({ sheet: wb.engine.getSheetId('Accounts')!, row: 2, col: 5 }, 'typed by the user');
    const before = everything(wb);
    renderTab(wb);
    const user = userEvent.setup();
    await waitFor(() =>
      expect(within(screen.getByRole('combobox', { name: 'Accounts' })).getAllByRole('option').length).toBe(3),
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Accounts' }), 'table:AccountsTable');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Reps' }), 'table:RepsTable');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Balance' }).hasAttribute('disabled')).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Balance' }));
    await waitFor(() => expect(screen.getByText('Balanced plan')).not.toBeNull());
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.getByText('Applied')).not.toBeNull());
    const accounts = wb.engine.getSheetId('Accounts')!;
    expect(wb.engine.getCellValue({ sheet: accounts, row: 2, col: 5 })).toBe('typed by the user');
    // G6 holds a formula below the table's rows, so G1:G5 is free
    expect([0, 1, 2, 3, 4].map((r) => wb.engine.getCellValue({ sheet: accounts, row: r, col: 6 }))).toEqual([
      'Proposed owner',
      'Ann',
      'Bob',
      'Bob',
      'Ann',
    ]);
    await user.click(screen.getAllByRole('button', { name: 'Undo' })[0]);
    await waitFor(() => expect(screen.getByText('Undone')).not.toBeNull());
    expect(everything(wb)).toEqual(before);
  });
});

async function pickTables(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await waitFor(() =>
    expect(within(screen.getByRole('combobox', { name: 'Accounts' })).getAllByRole('option').length).toBe(3),
  );
  await user.selectOptions(screen.getByRole('combobox', { name: 'Accounts' }), 'table:AccountsTable');
  await user.selectOptions(screen.getByRole('combobox', { name: 'Reps' }), 'table:RepsTable');
  await waitFor(() => expect(screen.getByRole('button', { name: 'Balance' }).hasAttribute('disabled')).toBe(false));
}

describe('Territory tab: account count, run time and bound, and a full sheet', () => {
  it('balances the built-in account count and shows run time, lower bound and gap', async () => {
    // Potential and account count (workload unticked): Ann keeps the locked a4 (40) and a1 (10) = 50 and 2 accounts,
    // Bob takes a2 + a3 = 50 and 2 accounts (count target 2, band 1.9 to 2.1). 2 of 4 move: objective 0.5.
    const wb = workbook();
    renderTab(wb);
    const user = userEvent.setup();
    await pickTables(user);
    await user.click(screen.getByRole('checkbox', { name: 'Workload' }));
    await user.click(screen.getByRole('checkbox', { name: 'Account count' }));
    await user.click(screen.getByRole('button', { name: 'Balance' }));
    await waitFor(() => expect(screen.getByText('Balanced plan')).not.toBeNull());
    expect(screen.getAllByRole('img').map((i) => i.getAttribute('aria-label'))).toEqual([
      'Potential by rep: before and after, against the target band',
      'Account count by rep: before and after, against the target band',
    ]);
    // before: Ann holds all 4 accounts; after: 2 each, band 1.9 to 2.1
    expect(screen.getByLabelText('Ann: before 4, after 2, band 1.9 to 2.1')).not.toBeNull();
    const summary = screen.getByLabelText('Summary');
    expect(within(summary).getByText('Run time')).not.toBeNull();
    expect(within(summary).getByText(/^\d+\.\d\d s$/)).not.toBeNull();
    expect(within(summary).getByText('Lower bound')).not.toBeNull();
    expect(within(summary).getByText(/objective 0\.5000, gap \d+\.\d%\)/)).not.toBeNull();
  });

  it('refuses Apply with an error when every column it looks at right of the accounts holds data', async () => {
    const wb = workbook();
    const sheet = wb.engine.getSheetId('Accounts')!;
    // F..BC (50 columns right of A1:E5) each hold something in row 3
    for (let c = 5; c < 55; c++) wb.engine.setCellContents({ sheet, row: 2, col: c }, `data ${c}`);
    const before = everything(wb);
    renderTab(wb);
    const user = userEvent.setup();
    await pickTables(user);
    await user.click(screen.getByRole('button', { name: 'Balance' }));
    await waitFor(() => expect(screen.getByText('Balanced plan')).not.toBeNull());
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.getByText('No free column for the proposed owners')).not.toBeNull());
    expect(screen.getByText(/Every column from F to BC on 'Accounts' holds data in rows 1 to 5/)).not.toBeNull();
    expect(everything(wb)).toEqual(before); // nothing written, no summary sheet
    expect(screen.queryByText('Applied')).toBeNull();
  });
});

describe('Territory tab progress and cancel', () => {
  it("shows the worker's progress and Cancel stops it, leaving the workbook unchanged", async () => {
    const wb = workbook();
    const before = everything(wb);
    let terminated = 0;
    // A worker that reports progress and then keeps working until it is terminated.
    const createWorker = () => {
      const w = {
        onmessage: null as ((ev: MessageEvent) => void) | null,
        onerror: null,
        terminate: () => void terminated++,
        postMessage: () =>
          setTimeout(
            () =>
              w.onmessage?.({
                data: { type: 'progress', done: 40, total: 100, label: 'Balancing loads' },
              } as MessageEvent),
            0,
          ),
      };
      return w;
    };
    render(
      <WorkbookProvider workbook={wb}>
        <TerritoryTab createWorker={createWorker} />
      </WorkbookProvider>,
    );
    const user = userEvent.setup();
    await waitFor(() =>
      expect(within(screen.getByRole('combobox', { name: 'Accounts' })).getAllByRole('option').length).toBe(3),
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Accounts' }), 'table:AccountsTable');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Reps' }), 'table:RepsTable');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Balance' }).hasAttribute('disabled')).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Balance' }));
    await waitFor(() => expect(screen.getByText('Balancing loads')).not.toBeNull());
    expect(screen.getByText('40%')).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByText('Cancelled')).not.toBeNull());
    expect(terminated).toBe(1);
    expect(screen.queryByText('Balanced plan')).toBeNull();
    expect(everything(wb)).toEqual(before);
  });
});

describe('Territory tab helpers', () => {
  it('guesses the CRM accounts columns: account id, subsidiary_of as family, revenue as the metric', () => {
    const headers = [
      'account',
      'sector',
      'year_established',
      'revenue',
      'employees',
      'office_location',
      'subsidiary_of',
    ];
    const cols = guessAccountColumns({
      sheet: 'S',
      address: 'A1:G2',
      headers,
      values: [['Acme', 'technolgy', 1996, 1100.04, 2822, 'United States', null]],
    });
    expect(cols).toMatchObject({ id: 0, family: 6, owner: -1, locked: -1, metrics: [3] });
  });
  it('guesses the CRM sales teams columns: sales_agent as the rep id', () => {
    expect(
      guessRepColumns({
        sheet: 'S',
        address: 'A1:C2',
        headers: ['sales_agent', 'manager', 'regional_office'],
        values: [],
      }),
    ).toMatchObject({ id: 0, weight: -1 });
  });
  it('writes a summary sheet whose rows all have the same width and list every moved account', () => {
    const result = balanceTerritory(
      [10, 20, 30, 40].map((p, i) => ({ id: `a${i + 1}`, metrics: [p], owner: 'A' })),
      [{ id: 'A' }, { id: 'B' }],
      { metricNames: ['potential'] },
    );
    const rows = summaryRows(result, ['potential']);
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    const movedHeader = rows.findIndex((r) => r[0] === 'Moved account');
    expect(rows.length - movedHeader - 1).toBe(2); // 2 of 4 accounts move (see the model's worked example)
    const row = (label: string) => rows.find((r) => r[0] === label) as unknown[];
    // objective 0.5 by hand; the gap is (objective - bound) / objective of the two cells beside it
    expect(row('Objective')[1]).toBeCloseTo(0.5, 12);
    const bound = row('Objective')[3] as number;
    expect(bound).toBeLessThanOrEqual(0.5 + 1e-9);
    expect(row('Gap to the bound')[1]).toBeCloseTo((0.5 - bound) / 0.5, 9);
    expect(row('Gap to the bound')[3]).toBe('lagrangian');
    expect(row('Travel mean (km)').slice(0, 4)).toEqual(['Travel mean (km)', null, 'max (km)', null]); // no coordinates
    expect(typeof row('Run time (s)')[1]).toBe('number');
    expect(rows.some((r) => r[0] === 'Still outside')).toBe(false);
  });
  it('lists in the summary the bands an infeasible plan still misses, with no gap', () => {
    // 10, 10, 10 with A over A and B at plus or minus 5%: target 15, band 14.25 to 15.75; the plan gives 20 and 10
    const result = balanceTerritory(
      ['a', 'b', 'c'].map((id) => ({ id, metrics: [10], owner: 'A' })),
      [{ id: 'A' }, { id: 'B' }],
      { metricNames: ['potential'] },
    );
    const rows = summaryRows(result, ['potential']);
    const at = rows.findIndex((r) => r[0] === 'Still outside');
    expect(rows[at][1]).toBe("rep 'A' potential 20 is 4.25 above its band 14.25 to 15.75 (target 15)");
    expect(rows[at + 1].slice(0, 2)).toEqual([
      null,
      "rep 'B' potential 10 is 4.25 below its band 14.25 to 15.75 (target 15)",
    ]);
    expect(rows.find((r) => r[0] === 'Gap to the bound')?.[1]).toBeNull();
  });
  it('reads the account count as 1 per account after the chosen columns', () => {
    const data = {
      sheet: 'S',
      address: 'A1:B3',
      headers: ['id', 'potential'],
      values: [
        ['x', 5],
        ['y', 7],
      ],
    };
    expect(
      readAccounts(data, {
        id: 0,
        owner: -1,
        locked: -1,
        family: -1,
        lat: -1,
        lon: -1,
        metrics: [1],
        accountCount: true,
      }).accounts.map((a) => a.metrics),
    ).toEqual([
      [5, 1],
      [7, 1],
    ]);
    expect(
      readAccounts(data, {
        id: 0,
        owner: -1,
        locked: -1,
        family: -1,
        lat: -1,
        lon: -1,
        metrics: [],
        accountCount: true,
      }).accounts.map((a) => a.metrics),
    ).toEqual([[1], [1]]);
    expect(() =>
      readAccounts(data, { id: 0, owner: -1, locked: -1, family: -1, lat: -1, lon: -1, metrics: [] }),
    ).toThrow(/Choose at least one metric/);
  });
});
