/** @jest-environment jsdom */
/**
 * The Templates tab against the headless workbook: every template is listed with its description; Insert adds the
 * template's sheets at the end, a name already in use gets " (2)", the existing sheets keep every cell, and the
 * inserted formulas (SALESOPS and built-in, through sheet-scoped names and across the template's own sheets)
 * compute. Undo removes the inserted sheets. Also the pure name helpers and the Excel-side file rename.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TemplatesTab } from '../../src/taskpane/templates/TemplatesTab';
import { TEMPLATES, type TemplateInfo } from '../../src/taskpane/templates/catalog';
import { renameSheetRefs, uniqueSheetNames } from '../../src/workbook/sheetNames';
import { renameXlsxSheets, xlsxSheetNames } from '../../src/taskpane/templates/xlsxRename';
import { WorkbookProvider } from '../../src/taskpane/WorkbookContext';
import { HeadlessWorkbook } from '../../src/hosts/headless/workbook';
import { createEngine } from '../../src/hosts/headless/engine';
import { readXlsx } from '../../src/hosts/headless/xlsx';

// jsdom has no TextDecoder (browsers and Node do): the xlsx reader needs it.
Object.assign(globalThis, { TextDecoder: util.TextDecoder, TextEncoder: util.TextEncoder });

const DIR = path.resolve(__dirname, '../../assets/templates');
const load = async (t: TemplateInfo) => new Uint8Array(fs.readFileSync(path.join(DIR, `${t.id}.xlsx`)));

function renderTab(wb: HeadlessWorkbook) {
  return render(
    <WorkbookProvider workbook={wb}>
      <TemplatesTab load={load} />
    </WorkbookProvider>,
  );
}

describe('Templates tab', () => {
  it('lists every template with its description and an Insert button', () => {
    renderTab(new HeadlessWorkbook());
    const items = within(screen.getByRole('list', { name: 'Templates' })).getAllByRole('listitem');
    expect(items).toHaveLength(6);
    for (const t of TEMPLATES) {
      expect(screen.getByText(t.title)).toBeTruthy();
      expect(screen.getByText(t.description)).toBeTruthy();
      expect(screen.getByRole('button', { name: `Insert ${t.title}` })).toBeTruthy();
    }
  });

  it('inserts Capacity plan next to an existing "Capacity" sheet without touching it; the formulas compute; Undo removes it', async () => {
    const existing = [
      ['Mine', 'do not touch'],
      [42, '=A2*2'],
    ];
    const wb = new HeadlessWorkbook(createEngine({ Capacity: existing, Notes: [['x']] } as never));
    renderTab(wb);
    await userEvent.click(screen.getByRole('button', { name: 'Insert Capacity plan' }));
    await screen.findByText('Inserted Capacity plan');
    expect(await wb.listSheets()).toEqual(['Capacity', 'Notes', 'Capacity (2)']);
    // the existing sheet: every cell as it was
    expect(wb.cellInput('Capacity', { row: 0, col: 0 })).toBe('Mine');
    expect(wb.cellInput('Capacity', { row: 1, col: 1 })).toBe('=A2*2');
    expect(wb.cellValue('Capacity', { row: 1, col: 1 })).toBe(84);
    expect(await wb.usedRange('Capacity')).toBe('A1:B2');
    // the inserted copy computes: January RRE by hand = 5 fully ramped reps + 1 rep at 50% = 5.5 (see
    // test/templates/templates.test.ts), capacity 5.5 x 1,200,000 / 12 = 550,000; SALESOPS.CAPACITY equals the
    // sum of the twelve months.
    // (rows 32, 33: RRE and capacity by month; B37 SALESOPS.CAPACITY, B38 the sum of the months)
    expect(wb.cellValue('Capacity (2)', { row: 31, col: 1 })).toBeCloseTo(5.5, 9);
    expect(wb.cellValue('Capacity (2)', { row: 32, col: 1 })).toBeCloseTo(550_000, 6);
    const capacity = wb.cellValue('Capacity (2)', { row: 36, col: 1 }) as number;
    expect(typeof capacity).toBe('number');
    expect(wb.cellValue('Capacity (2)', { row: 37, col: 1 }) as number).toBeCloseTo(capacity, 6);
    expect(wb.cellInput('Capacity (2)', { row: 36, col: 1 })).toMatch(/^=SALESOPS\.CAPACITY\(HireDates,/);
    // an input edit flows through the sheet-scoped names of the copy only
    await wb.write({ sheet: 'Capacity (2)', address: 'B9' }, [[2_400_000]]);
    expect(wb.cellValue('Capacity (2)', { row: 32, col: 1 })).toBeCloseTo(1_100_000, 6);
    expect(await screen.findByText(/Names already in use got a number/)).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Insert undone');
    expect(await wb.listSheets()).toEqual(['Capacity', 'Notes']);
    expect(wb.cellValue('Capacity', { row: 1, col: 1 })).toBe(84);
  });

  it('re-points a two-sheet template at the renamed data sheet (Territory plan next to an existing "Accounts")', async () => {
    const wb = new HeadlessWorkbook(createEngine({ Accounts: [['Account', 'Owner'], ['Acme', 'Me']] } as never));
    renderTab(wb);
    await userEvent.click(screen.getByRole('button', { name: 'Insert Territory plan' }));
    await screen.findByText('Inserted Territory plan');
    expect(await wb.listSheets()).toEqual(['Accounts', 'Territory', 'Accounts (2)']);
    expect(wb.cellInput('Accounts', { row: 1, col: 1 })).toBe('Me');
    // Loads read the inserted accounts: the revenue column of the load equals the sum of the copy's revenues.
    const accounts = wb.valuesAt('Accounts (2)', { row: 4, col: 3 }, { row: 88, col: 3 }).map((r) => r[0] as number);
    const loads = wb.valuesAt('Territory', { row: 9, col: 3 }, { row: 43, col: 3 }).map((r) => r[0] as number);
    const total = accounts.reduce((a, b) => a + b, 0);
    expect(accounts).toHaveLength(85);
    expect(loads.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
    const names = wb.engine.listNamedExpressions(wb.sheetId('Territory'));
    expect(names).toContain('Owners');
    expect(wb.engine.getNamedExpressionFormula('Owners', wb.sheetId('Territory'))).toBe("='Accounts (2)'!$G$5:$G$89");
    // Its Excel tables come along, pointing at the copies, so the Territory tab can pick them by name:
    // the accounts table spans the header row 4 and the 85 accounts (rows 5 to 89) of 'Accounts (2)'.
    const tables = await wb.listTables();
    const accountsTable = tables.find((t) => t.sheet === 'Accounts (2)');
    expect(accountsTable).toMatchObject({ address: expect.stringMatching(/^A4:[A-Z]+89$/), rowCount: 85 });
    expect(tables.some((t) => t.sheet === 'Territory')).toBe(true);
  });
});

describe('sheet names for inserted templates', () => {
  it.each([
    [['Capacity'], ['Sheet1'], ['Capacity']],
    [['Capacity'], ['capacity'], ['Capacity (2)']],
    [['Capacity'], ['Capacity', 'Capacity (2)'], ['Capacity (3)']],
    [['Pipeline', 'Deals'], ['Deals'], ['Pipeline', 'Deals (2)']],
  ])('%j into %j -> %j', (wanted, existing, expected) => {
    expect(uniqueSheetNames(wanted, existing)).toEqual(expected);
  });

  it.each([
    ['Deals!A1+SUM(Deals!B1:B3)', 'SUM(\'Deals (2)\'!B1:B3)'],
    ["'Deals'!$A$1", "'Deals (2)'!$A$1"],
    ['"Deals!A1"&MyDeals!A1', '"Deals!A1"&MyDeals!A1'],
  ])('re-points %s', (formula, contains) => {
    expect(renameSheetRefs(formula, new Map([['Deals', 'Deals (2)']]))).toContain(contains);
  });

  it('renames sheets inside the file for Excel, formulas and defined names following', async () => {
    const bytes = await load(TEMPLATES.find((t) => t.id === 'territory-plan')!);
    const renamed = await renameXlsxSheets(bytes, new Map([['Accounts', 'Accounts (2)']]));
    expect(await xlsxSheetNames(renamed)).toEqual(['Territory', 'Accounts (2)']);
    const wb = await readXlsx(renamed);
    expect(wb.names.find((n) => n.name === 'Owners')!.formula).toBe("'Accounts (2)'!$G$5:$G$89");
    expect(wb.sheets[0].cells.find((c) => c.address === 'D10')!.formula).toMatch(/^_xldudf_SALESOPS_TERRITORY_LOAD\(Owners,Revenue,\$A\$10:\$A\$44,RepWeights\)$/);
  });
});
