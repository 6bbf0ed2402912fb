/** @jest-environment jsdom */
/**
 * The Audit tab's "Compare with..." against the headless workbook: the open workbook is the comp plan after a tier
 * edit (12% -> 14%), the picked file the plan before it. By hand (test/diff/diff.test.ts): Ann's commission
 * 11,900 -> 12,300, Cy's 9,200 -> 9,400, the total 45,100 -> 45,700, all because of Tiers!B3. Clicking a change
 * selects its cell; comparing changes nothing in the workbook; the comparison sheet is a new sheet, and Undo
 * removes it.
 */
import { TextDecoder as NodeTextDecoder } from 'util';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuditTab } from '../../../src/taskpane/audit/AuditTab';
import { WorkbookProvider } from '../../../src/taskpane/WorkbookContext';
import { HeadlessWorkbook } from '../../../src/hosts/headless/workbook';
import { createEngine } from '../../../src/hosts/headless/engine';
import { everything } from '../../support/workbook-state';
import { plan, planSpec, type PlanOptions } from '../../support/plan-workbook';

// jsdom has no TextDecoder; browsers and Excel's webviews do (the xlsx layer decodes the zip parts with it)
if (typeof globalThis.TextDecoder === 'undefined') Object.assign(globalThis, { TextDecoder: NodeTextDecoder });

const NAMES = ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Flo'];

/** The plan as the engine's sheets (jsdom has no TextDecoder for the xlsx loader): formulas as text, values as is. */
function openPlan(o: PlanOptions): HeadlessWorkbook {
  const sheets: Record<string, unknown[][]> = {};
  for (const sheet of planSpec(o).sheets)
    sheets[sheet.name] = (sheet.rows ?? []).map((row) =>
      row.map((v) => (v !== null && typeof v === 'object' && 'formula' in v ? `=${v.formula}` : (v ?? null))),
    );
  return new HeadlessWorkbook(createEngine(sheets as never));
}

async function setup() {
  const wb = openPlan({
    names: NAMES,
    tiers: [
      [0, 0.08],
      [1, 0.14],
      [1.2, 0.15],
    ],
  });
  const earlier = new File([new Uint8Array(await plan({ names: NAMES }))], 'q1-plan.xlsx', {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  render(
    <WorkbookProvider workbook={wb}>
      <AuditTab />
    </WorkbookProvider>,
  );
  return { wb, earlier };
}

describe('Audit tab: Compare with...', () => {
  it('lists the changes since the earlier file grouped by kind, and a click selects the cell', async () => {
    const { wb, earlier } = await setup();
    const state = everything(wb);
    expect(screen.getByRole('button', { name: 'Compare with...' })).toBeTruthy();
    await userEvent.upload(screen.getByLabelText('Earlier version (.xlsx)'), earlier);
    const results = await screen.findByRole('list', { name: 'Results changes' });
    const cards = within(results).getAllByRole('listitem');
    expect(cards.map((c) => within(c).getByRole('group').getAttribute('aria-label'))).toEqual([
      'Reps!D2',
      'Reps!D4',
      'Reps!D9',
    ]);
    expect(cards[0].textContent).toContain('changed from 11,900 to 12,300 because Tiers!B3 changed from 0.12 to 0.14');
    expect(cards[0].textContent).toContain('Commission line by line');
    const inputs = screen.getByRole('list', { name: 'Inputs changes' });
    expect(within(inputs).getAllByRole('listitem')).toHaveLength(1);
    expect(inputs.textContent).toContain('Tiers!B3');
    expect(screen.queryByRole('list', { name: 'Formulas changes' })).toBeNull();
    expect(screen.getByText('4 change(s) since q1-plan.xlsx')).toBeTruthy();

    await userEvent.click(within(cards[1]).getByRole('button', { name: 'Go to Reps!D4' }));
    await waitFor(async () => expect(await wb.getSelection()).toEqual({ sheet: 'Reps', address: 'D4' }));
    await userEvent.click(within(cards[0]).getByRole('button', { name: 'Go to cause Tiers!B3' }));
    await waitFor(async () => expect(await wb.getSelection()).toEqual({ sheet: 'Tiers', address: 'B3' }));
    // comparing wrote nothing
    expect(everything(wb)).toEqual(state);
  });

  it('writes the comparison to a new sheet without touching the others, and Undo removes it', async () => {
    const { wb, earlier } = await setup();
    const state = everything(wb);
    await userEvent.upload(screen.getByLabelText('Earlier version (.xlsx)'), earlier);
    await screen.findByRole('list', { name: 'Results changes' });
    await userEvent.click(screen.getByRole('button', { name: 'Write comparison sheet' }));
    await screen.findByText('Comparison written to "SalesOps Compare"');
    expect(await wb.listSheets()).toEqual(['Reps', 'Tiers', 'SalesOps Compare']);
    const sheet = await wb.readRange({ sheet: 'SalesOps Compare', address: 'A1:F8' });
    expect(sheet.values[0][0]).toBe('SalesOps workbook comparison');
    expect(sheet.values[3]).toEqual(['Group', 'Change', 'Where', 'Before', 'After', 'Because']);
    expect(sheet.values[4]).toEqual(['Inputs', 'input', 'Tiers!B3', 0.12, 0.14, null]);
    expect(sheet.values[5]).toEqual([
      'Results',
      'result',
      'Reps!D2',
      11_900,
      12_300,
      'Tiers!B3 changed from 0.12 to 0.14',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Comparison sheet removed');
    expect(everything(wb)).toEqual(state);
  });

  it('says what to do when the picked file is not an .xlsx', async () => {
    const { wb } = await setup();
    await userEvent.upload(screen.getByLabelText('Earlier version (.xlsx)'), new File(['Rep,Bookings\n'], 'plan.xlsx'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not read plan.xlsx');
    expect(alert.textContent).toContain('Pick the earlier version saved as an Excel Workbook (.xlsx).');
    expect(await wb.listSheets()).toEqual(['Reps', 'Tiers']);
  });
});
