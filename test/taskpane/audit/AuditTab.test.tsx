/** @jest-environment jsdom */
/**
 * The Audit tab against the headless workbook: a 6-rep commission sheet whose row 5 formula reads Q3!B5 instead
 * of B5. Running the audit shows that one high finding; clicking it selects Reps!D5; the inventory lists the six
 * COMMISSION cells with their explanation; "Write report sheet" adds "SalesOps Audit" and touches no other sheet.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuditTab } from '../../../src/taskpane/audit/AuditTab';
import { WorkbookProvider } from '../../../src/taskpane/WorkbookContext';
import { HeadlessWorkbook } from '../../../src/hosts/headless/workbook';
import { createEngine } from '../../../src/hosts/headless/engine';
import type { Workbook } from '../../../src/workbook/workbook';
import { everything } from '../../support/workbook-state';

function commissionWorkbook(slip: boolean): HeadlessWorkbook {
  const reps: unknown[][] = [['Rep', 'Bookings', 'Quota', 'Commission']];
  for (let r = 2; r <= 7; r++) {
    const bookings = r === 2 ? 130000 : 50000 + r * 10000;
    const b = slip && r === 5 ? `Q3!B${r}` : `B${r}`;
    reps.push([`Rep ${r - 1}`, bookings, 100000, `=SALESOPS.COMMISSION(${b},C${r},Tiers!$A$2:$B$4)`]);
  }
  return new HeadlessWorkbook(
    createEngine({
      Reps: reps,
      Tiers: [
        ['Floor', 'Rate'],
        [0, 0.08],
        [1, 0.12],
        [1.2, 0.15],
      ],
      Q3: [
        ['Rep', 'Bookings'],
        ['a', 1],
        ['b', 2],
        ['c', 3],
        ['d', 4],
        ['e', 5],
        ['f', 6],
      ],
    } as never),
  );
}

/** The audit runs in chunks between paints: on a busy machine it takes longer than testing-library's default 1 s. */
const SLOW = { timeout: 15_000 };

function renderTab(workbook: Workbook) {
  return render(
    <WorkbookProvider workbook={workbook}>
      <AuditTab />
    </WorkbookProvider>,
  );
}

describe('Audit tab', () => {
  it('runs the audit, lists the finding by severity and selects its cell on click', async () => {
    const wb = commissionWorkbook(true);
    renderTab(wb);
    await userEvent.click(screen.getByRole('button', { name: 'Run audit' }));
    const high = await screen.findByRole('list', { name: 'High findings' }, SLOW);
    const cards = within(high).getAllByRole('listitem');
    expect(cards).toHaveLength(1);
    expect(cards[0].textContent).toContain('Reps!D5: formula differs from the column around it');
    expect(cards[0].textContent).toContain('=SALESOPS.COMMISSION(B5,C5,Tiers!$A$2:$B$4)');
    expect(screen.queryByRole('list', { name: 'Medium findings' })).toBeNull();
    await userEvent.click(within(cards[0]).getByRole('button', { name: 'Go to Reps!D5' }));
    await waitFor(async () => expect(await wb.getSelection()).toEqual({ sheet: 'Reps', address: 'D5' }));
    // clicking the card itself goes to its first cell too
    await wb.select({ sheet: 'Tiers', address: 'A1' });
    await userEvent.click(within(cards[0]).getByText(/^If D5 should follow/));
    await waitFor(async () => expect(await wb.getSelection()).toEqual({ sheet: 'Reps', address: 'D5' }));
  });

  it('lists every SALESOPS formula with its commission explanation and selects it', async () => {
    const wb = commissionWorkbook(false);
    renderTab(wb);
    await userEvent.click(screen.getByRole('button', { name: 'Run audit' }));
    await screen.findByText('No findings.', {}, SLOW);
    const section = screen.getByRole('region', { name: 'SALESOPS formulas' });
    const headers = within(section).getAllByRole('button', { name: /^Reps!D\d/ });
    expect(headers.map((h) => h.textContent?.match(/^Reps!D\d/)?.[0])).toEqual([
      'Reps!D2',
      'Reps!D3',
      'Reps!D4',
      'Reps!D5',
      'Reps!D6',
      'Reps!D7',
    ]);
    // D2: 130,000 on 100,000: 8,000 + 2,400 + 1,500 = 11,900
    expect(headers[0].textContent).toContain('Reps!D2 = 11,900');
    await userEvent.click(headers[0]);
    const table = await within(section).findByRole('table', { name: /Commission line by line/ }, SLOW);
    const total = within(table)
      .getAllByRole('row')
      .find((r) => r.textContent?.startsWith('Total'))!;
    expect(total.textContent).toContain('11,900');
    await userEvent.click(within(section).getByRole('button', { name: 'Select Reps!D2' }));
    await waitFor(async () => expect(await wb.getSelection()).toEqual({ sheet: 'Reps', address: 'D2' }));
  });

  it('writes the report to a new sheet without touching the others, and Undo removes it', async () => {
    const wb = commissionWorkbook(true);
    const before = {
      reps: await wb.readFormulas('Reps'),
      tiers: await wb.readRange({ sheet: 'Tiers', address: 'A1:B4' }),
    };
    const all = everything(wb);
    renderTab(wb);
    const write = screen.getByRole('button', { name: 'Write report sheet' });
    expect((write as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Run audit' }));
    await screen.findByRole('list', { name: 'High findings' }, SLOW);
    await userEvent.click(screen.getByRole('button', { name: 'Write report sheet' }));
    await screen.findByText('Report written to "SalesOps Audit"', {}, SLOW);
    expect(await wb.listSheets()).toEqual(['Reps', 'Tiers', 'Q3', 'SalesOps Audit']);
    const sheet = await wb.readRange({ sheet: 'SalesOps Audit', address: 'A1:G12' });
    expect(sheet.values[0][0]).toBe('SalesOps formula audit');
    expect(sheet.values.flat()).toContain('Reps!D5: formula differs from the column around it');
    // formula text is kept as text, not evaluated
    expect(sheet.values.flat()).toContain('=SALESOPS.COMMISSION(B2,C2,Tiers!$A$2:$B$4)');
    expect(await wb.readFormulas('SalesOps Audit')).toEqual([]);
    expect(await wb.readFormulas('Reps')).toEqual(before.reps);
    expect(await wb.readRange({ sheet: 'Tiers', address: 'A1:B4' })).toEqual(before.tiers);
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Report sheet removed', {}, SLOW);
    expect(await wb.listSheets()).toEqual(['Reps', 'Tiers', 'Q3']);
    expect(everything(wb)).toEqual(all); // every cell of every sheet as it was
  });

  it('shows a MessageBar with what to do when the workbook cannot be read', async () => {
    const wb = commissionWorkbook(false);
    wb.listSheets = async () => {
      throw new Error('The workbook is protected.');
    };
    renderTab(wb);
    await userEvent.click(screen.getByRole('button', { name: 'Run audit' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not audit the workbook');
    expect(alert.textContent).toContain('Unprotect the sheet');
  });
});
