/** @jest-environment jsdom */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FunctionsTab } from '../../src/taskpane/functions/FunctionsTab';
import { WorkbookProvider } from '../../src/taskpane/WorkbookContext';
import { buildCatalog, placeholderFormula, searchCatalog } from '../../src/taskpane/functions/catalog';
import { HeadlessWorkbook } from '../../src/hosts/headless/workbook';
import { createEngine } from '../../src/hosts/headless/engine';
import metadata from '../../src/functions/generated/functions.json';
import type { Workbook } from '../../src/workbook/workbook';

function renderTab(workbook: Workbook) {
  return render(
    <WorkbookProvider workbook={workbook}>
      <FunctionsTab />
    </WorkbookProvider>,
  );
}

function sheet() {
  return new HeadlessWorkbook(createEngine({ Plan: [[1000, 'Trial', 'Trial', 0.6]] }));
}

describe('Functions tab', () => {
  it('lists every function in functions.json with its parameters', () => {
    renderTab(sheet());
    const list = screen.getByRole('list', { name: 'SALESOPS functions' });
    const items = within(list).getAllByRole('listitem').filter((i) => i.parentElement === list);
    expect(items.map((i) => i.getAttribute('aria-label')).sort()).toEqual(metadata.functions.map((f) => `SALESOPS.${f.id}`).sort());
    const params = within(screen.getByRole('list', { name: 'SALESOPS.WEIGHTEDPIPE parameters' })).getAllByRole('listitem');
    // amounts, stages, stage_table required; close_dates, period_start, period_end optional (issue 2 signature)
    expect(params.map((p) => p.firstChild?.textContent)).toEqual(['amounts', 'stages', 'stage_table', '[close_dates]', '[period_start]', '[period_end]']);
  });

  it('filters as the user types, and says when nothing matches', async () => {
    renderTab(sheet());
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search functions' }), 'ramp');
    const list = screen.getByRole('list', { name: 'SALESOPS functions' });
    const items = within(list).getAllByRole('listitem').filter((i) => i.parentElement === list);
    expect(items.map((i) => i.getAttribute('aria-label'))).toContain('SALESOPS.CAPACITY');
    expect(items.map((i) => i.getAttribute('aria-label'))).not.toContain('SALESOPS.WEIGHTEDPIPE');
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search functions' }));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search functions' }), 'zzzz');
    expect(screen.getByText('No function matches “zzzz”.')).not.toBeNull();
  });

  it('inserts the function with placeholders into the selected cell, and Undo puts the cell back', async () => {
    const wb = sheet();
    await wb.select({ sheet: 'Plan', address: 'B1:C2' });
    renderTab(wb);
    await userEvent.click(screen.getByRole('button', { name: 'Insert SALESOPS.WEIGHTEDPIPE' }));
    await waitFor(() => expect(screen.getByText('Inserted SALESOPS.WEIGHTEDPIPE in Plan!B1')).not.toBeNull());
    expect((await wb.readFormulas('Plan')).map((f) => [f.address, f.formula])).toEqual([['B1', '=SALESOPS.WEIGHTEDPIPE(amounts, stages, stage_table)']]);
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.getByText('Insert undone')).not.toBeNull());
    expect((await wb.readRange({ sheet: 'Plan', address: 'B1' })).values).toEqual([['Trial']]);
    expect(await wb.readFormulas('Plan')).toEqual([]);
  });

  it('shows a MessageBar with what to do when the workbook refuses the write', async () => {
    const wb = sheet();
    const failing: Workbook = Object.assign(Object.create(Object.getPrototypeOf(wb)), wb, {
      write: async () => {
        throw new Error("There is no sheet named 'Gone'. Sheets: Plan.");
      },
    });
    renderTab(failing);
    await userEvent.click(screen.getByRole('button', { name: 'Insert SALESOPS.CAPACITY' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not insert SALESOPS.CAPACITY');
    expect(alert.textContent).toContain("no sheet named 'Gone'");
    expect(alert.textContent).toContain('Check the sheet, table or range name, then try again.');
  });
});

describe('catalog', () => {
  it('builds the placeholder from required parameters only', () => {
    const cap = buildCatalog().find((e) => e.id === 'CAPACITY')!;
    expect(placeholderFormula(cap)).toBe('=SALESOPS.CAPACITY(hire_dates, annual_productivity, ramp, period_start, period_end)');
  });

  it('needs every word of the query to match (name, description or parameter name), sorted by name', () => {
    const decl = (id: string, description: string, params: string[]) => ({
      id,
      functionName: id,
      sourceFile: '',
      metadata: { id, name: id, description, parameters: params.map((name) => ({ name })), result: {} },
      spill: null,
      examples: [],
      implementation: () => 0,
    });
    const all = buildCatalog([decl('WINRATE', 'Share of closed deals won', ['won', 'lost']), decl('COVERAGE', 'Open pipeline over remaining quota', ['pipeline', 'quota'])]);
    expect(all.map((e) => e.id)).toEqual(['COVERAGE', 'WINRATE']);
    expect(searchCatalog(all, 'QUOTA pipeline').map((e) => e.id)).toEqual(['COVERAGE']);
    expect(searchCatalog(all, 'won').map((e) => e.id)).toEqual(['WINRATE']);
    expect(searchCatalog(all, 'salesops.').map((e) => e.id)).toEqual(['COVERAGE', 'WINRATE']);
    expect(searchCatalog(all, 'quota won')).toEqual([]);
    expect(searchCatalog(all, '  ').length).toBe(2);
  });
});
