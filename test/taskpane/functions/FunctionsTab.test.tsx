/** @jest-environment jsdom */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FunctionsTab } from '../../../src/taskpane/functions/FunctionsTab';
import { WorkbookProvider } from '../../../src/taskpane/WorkbookContext';
import {
  buildCatalog,
  errorList,
  ERROR_MEANING,
  placeholderFormula,
  searchCatalog,
  syntaxLine,
} from '../../../src/taskpane/functions/catalog';
import { documentedErrors, ERROR_CODES, renderReference } from '../../../scripts/gen-docs';
import { declarations } from '../../../src/functions/generated/registry';
import { HeadlessWorkbook } from '../../../src/hosts/headless/workbook';
import { createEngine } from '../../../src/hosts/headless/engine';
import metadata from '../../../src/functions/generated/functions.json';
import type { Workbook } from '../../../src/workbook/workbook';
import { everything } from '../../support/workbook-state';

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
    const items = within(list)
      .getAllByRole('listitem')
      .filter((i) => i.parentElement === list);
    expect(items.map((i) => i.getAttribute('aria-label')).sort()).toEqual(
      metadata.functions.map((f) => `SALESOPS.${f.id}`).sort(),
    );
    const params = within(screen.getByRole('list', { name: 'SALESOPS.WEIGHTEDPIPE parameters' })).getAllByRole(
      'listitem',
    );
    // amounts, stages, stage_table required; close_dates, period_start, period_end optional (issue 2 signature)
    expect(params.map((p) => p.firstChild?.textContent)).toEqual([
      'amounts',
      'stages',
      'stage_table',
      '[close_dates]',
      '[period_start]',
      '[period_end]',
    ]);
  });

  it("shows each function's syntax line and the errors it can return", () => {
    renderTab(sheet());
    // WEIGHTEDPIPE: three required and three optional parameters; its examples return #N/A (a misspelt stage) and
    // #VALUE! (a probability of 60): both listed, in the reference's order (#VALUE!, #N/A, #NUM!, #DIV/0!).
    expect(screen.getByLabelText('SALESOPS.WEIGHTEDPIPE syntax').textContent).toBe(
      '=SALESOPS.WEIGHTEDPIPE(amounts, stages, stage_table, [close_dates], [period_start], [period_end])',
    );
    const errors = within(screen.getByRole('list', { name: 'SALESOPS.WEIGHTEDPIPE errors' })).getAllByRole('listitem');
    expect(errors.map((e) => e.firstChild?.textContent)).toEqual(['#VALUE!', '#N/A']);
    expect(errors.every((e) => (e.lastChild?.textContent ?? '').length > 10)).toBe(true);
    // ATTAINMENT: a zero quota gives #DIV/0! (=SALESOPS.ATTAINMENT(90000, 0) returns #DIV/0!)
    const attainment = within(screen.getByRole('list', { name: 'SALESOPS.ATTAINMENT errors' })).getAllByRole(
      'listitem',
    );
    expect(attainment.map((e) => e.firstChild?.textContent)).toEqual(['#VALUE!', '#DIV/0!']);
    // Excel shows a message only with #VALUE! and #N/A (Microsoft's CustomFunctions.ErrorCode reference): the tab says so
    expect(
      attainment.map((e) => (e.lastChild?.textContent ?? '').endsWith('(Excel shows the code without a message)')),
    ).toEqual([false, true]);
  });

  it('filters as the user types, and says when nothing matches', async () => {
    renderTab(sheet());
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search functions' }), 'ramp');
    const list = screen.getByRole('list', { name: 'SALESOPS functions' });
    const items = within(list)
      .getAllByRole('listitem')
      .filter((i) => i.parentElement === list);
    expect(items.map((i) => i.getAttribute('aria-label'))).toContain('SALESOPS.CAPACITY');
    expect(items.map((i) => i.getAttribute('aria-label'))).not.toContain('SALESOPS.WEIGHTEDPIPE');
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search functions' }));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search functions' }), 'zzzz');
    expect(screen.getByText('No function matches “zzzz”.')).not.toBeNull();
  });

  it('inserts the function with placeholders into the selected cell, and Undo puts the cell back', async () => {
    const wb = sheet();
    await wb.select({ sheet: 'Plan', address: 'B1:C2' });
    const before = everything(wb);
    renderTab(wb);
    await userEvent.click(screen.getByRole('button', { name: 'Insert SALESOPS.WEIGHTEDPIPE' }));
    await waitFor(() => expect(screen.getByText('Inserted SALESOPS.WEIGHTEDPIPE in Plan!B1')).not.toBeNull());
    expect((await wb.readFormulas('Plan')).map((f) => [f.address, f.formula])).toEqual([
      ['B1', '=SALESOPS.WEIGHTEDPIPE(amounts, stages, stage_table)'],
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.getByText('Insert undone')).not.toBeNull());
    expect((await wb.readRange({ sheet: 'Plan', address: 'B1' })).values).toEqual([['Trial']]);
    expect(await wb.readFormulas('Plan')).toEqual([]);
    expect(everything(wb)).toEqual(before); // every cell of every sheet as it was
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
  /** Each section of the generated reference: its syntax line and the codes of its "Errors" list. */
  function reference(): Map<string, { syntax: string; codes: string[] }> {
    const doc = new Map<string, { syntax: string; codes: string[] }>();
    for (const section of renderReference().split(/^## /m).slice(1)) {
      const name = section.slice(0, section.indexOf('\n')).trim();
      const syntax = /```\n(.*)\n```/.exec(section)![1];
      const errors = section.slice(section.indexOf('**Errors**'));
      doc.set(name, { syntax, codes: [...errors.matchAll(/^- `(#[^`]+)` /gm)].map((m) => m[1]) });
    }
    return doc;
  }

  it('has the syntax line and the error codes of docs/functions.md for every function, word for word', () => {
    const doc = reference();
    const entries = buildCatalog();
    expect(entries.length).toBe(metadata.functions.length);
    expect([...doc.keys()].sort()).toEqual(entries.map((e) => e.name).sort());
    for (const e of entries) {
      expect([e.name, e.syntax]).toEqual([e.name, doc.get(e.name)!.syntax]);
      // the registry carries each declaration's @error lines: the tab lists exactly the reference's codes, in its order
      expect([e.name, e.errors.map((x) => x.code)]).toEqual([e.name, doc.get(e.name)!.codes]);
    }
    const pipe = entries.find((e) => e.id === 'WEIGHTEDPIPE')!;
    expect(pipe.errors[1]).toEqual({
      code: '#N/A',
      when: documentedErrors(declarations.find((d) => d.id === 'WEIGHTEDPIPE')!).find((x) => x.code === '#N/A')!.when,
    });
    expect(pipe.errors[1].when).toMatch(/^when a stage is not in stage_table/);
  });

  it('words each code as the legend of docs/functions.md does', () => {
    const legend = Object.fromEntries(
      [...renderReference().matchAll(/^- `(#[^`]+)`: (.*)$/gm)].map((m) => [m[1], m[2]]),
    );
    expect(Object.keys(ERROR_MEANING)).toEqual([...ERROR_CODES]);
    for (const c of ERROR_CODES) expect(ERROR_MEANING[c]).toBe(legend[c]);
  });

  it('builds the syntax line and the error list from a declaration', () => {
    const decl = {
      id: 'X.Y',
      functionName: 'x',
      sourceFile: '',
      metadata: { id: 'X.Y', name: 'X.Y', parameters: [{ name: 'a' }, { name: 'b', optional: true }], result: {} },
      spill: null,
      examples: [
        { formula: '=SALESOPS.X.Y(1)', expected: '2' },
        { formula: '=SALESOPS.X.Y(0)', expected: '#DIV/0!' },
        { formula: '=SALESOPS.X.Y({0;-1})', expected: '{#NUM!;#DIV/0!}' },
      ],
      errors: [],
      implementation: () => 0,
    };
    expect(syntaxLine(decl)).toBe('=SALESOPS.X.Y(a, [b])');
    expect(errorList(decl)).toEqual([
      { code: '#VALUE!', when: ERROR_MEANING['#VALUE!'] },
      { code: '#NUM!', when: ERROR_MEANING['#NUM!'] },
      { code: '#DIV/0!', when: ERROR_MEANING['#DIV/0!'] },
    ]);
    expect(
      errorList({
        ...decl,
        errors: [
          { code: '#DIV/0!', when: 'when a is 0' },
          { code: '#VALUE!', when: 'when a is text' },
        ],
      }),
    ).toEqual([
      { code: '#VALUE!', when: 'when a is text' },
      { code: '#DIV/0!', when: 'when a is 0' },
    ]);
  });

  it('builds the placeholder from required parameters only', () => {
    const cap = buildCatalog().find((e) => e.id === 'CAPACITY')!;
    expect(placeholderFormula(cap)).toBe(
      '=SALESOPS.CAPACITY(hire_dates, annual_productivity, ramp, period_start, period_end)',
    );
  });

  it('needs every word of the query to match (name, description or parameter name), sorted by name', () => {
    const decl = (id: string, description: string, params: string[]) => ({
      id,
      functionName: id,
      sourceFile: '',
      metadata: { id, name: id, description, parameters: params.map((name) => ({ name })), result: {} },
      spill: null,
      examples: [],
      errors: [],
      implementation: () => 0,
    });
    const all = buildCatalog([
      decl('WINRATE', 'Share of closed deals won', ['won', 'lost']),
      decl('COVERAGE', 'Open pipeline over remaining quota', ['pipeline', 'quota']),
    ]);
    expect(all.map((e) => e.id)).toEqual(['COVERAGE', 'WINRATE']);
    expect(searchCatalog(all, 'QUOTA pipeline').map((e) => e.id)).toEqual(['COVERAGE']);
    expect(searchCatalog(all, 'won').map((e) => e.id)).toEqual(['WINRATE']);
    expect(searchCatalog(all, 'salesops.').map((e) => e.id)).toEqual(['COVERAGE', 'WINRATE']);
    expect(searchCatalog(all, 'quota won')).toEqual([]);
    expect(searchCatalog(all, '  ').length).toBe(2);
  });
});
