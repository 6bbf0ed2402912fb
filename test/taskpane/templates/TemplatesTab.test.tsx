/** @jest-environment jsdom */
/**
 * The Templates tab against the headless workbook: every template is listed with its description; Insert adds the
 * template's sheets at the end, a name already in use gets " (2)", the existing sheets keep every cell, and the
 * inserted formulas (SALESOPS and built-in, through sheet-scoped names and across the template's own sheets)
 * compute. Undo removes the inserted sheets. Excel table names are workbook-wide: a template table whose name the
 * workbook already uses gets a suffix in the file before the insert, structured references following. A host that
 * cannot insert from a file gets a clear message. Also the pure name helpers and the Excel-side file renames.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TemplatesTab } from '../../../src/taskpane/templates/TemplatesTab';
import { TEMPLATES, type TemplateInfo } from '../../../src/taskpane/templates/catalog';
import { renameSheetRefs, uniqueSheetNames } from '../../../src/workbook/sheetNames';
import {
  renameTableRefs,
  renameXlsxSheets,
  renameXlsxTables,
  uniqueTableNames,
  xlsxSheetNames,
  xlsxTableNames,
} from '../../../src/xlsx/rename';
import { isUnsupportedInsert } from '../../../src/taskpane/templates/useTemplates';
import type { Workbook } from '../../../src/workbook/workbook';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { WorkbookProvider } from '../../../src/taskpane/WorkbookContext';
import { HeadlessWorkbook } from '../../../src/hosts/headless/workbook';
import { createEngine } from '../../../src/hosts/headless/engine';
import { readXlsx } from '../../../src/xlsx/read';
import { everything } from '../../support/workbook-state';

// jsdom has no TextDecoder (browsers and Node do): the xlsx reader needs it.
Object.assign(globalThis, { TextDecoder: util.TextDecoder, TextEncoder: util.TextEncoder });

const DIR = path.resolve(__dirname, '../../../assets/templates');
const load = async (t: TemplateInfo) => new Uint8Array(fs.readFileSync(path.join(DIR, `${t.id}.xlsx`)));

const template = (id: string) => TEMPLATES.find((t) => t.id === id)!;

function renderTab(wb: Workbook) {
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
    const before = everything(wb);
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
    expect(everything(wb)).toEqual(before); // every cell and name as it was
  });

  it('re-points a two-sheet template at the renamed data sheet (Territory plan next to an existing "Accounts")', async () => {
    const wb = new HeadlessWorkbook(
      createEngine({
        Accounts: [
          ['Account', 'Owner'],
          ['Acme', 'Me'],
        ],
      } as never),
    );
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
  it('inserts two templates into one workbook: every table keeps a unique name, and both compute', async () => {
    const wb = new HeadlessWorkbook();
    renderTab(wb);
    await userEvent.click(screen.getByRole('button', { name: 'Insert Comp plan' }));
    await screen.findByText('Inserted Comp plan');
    await userEvent.click(screen.getByRole('button', { name: 'Insert Territory plan' }));
    await screen.findByText('Inserted Territory plan');
    const tables = await wb.listTables();
    expect(tables.map((t) => `${t.name}@${t.sheet}`).sort()).toEqual([
      'tblAccounts@Accounts',
      'tblCompReps@Comp',
      'tblTerritoryReps@Territory',
      'tblTiers@Comp',
    ]);
    // Bea Novak (Comp!E20) by hand: 400,000 x 8% + 52,000 x 12% = 38,240; the Territory loads add up to the accounts'
    // total revenue.
    expect(wb.cellValue('Comp', { row: 19, col: 4 })).toBeCloseTo(38_240, 9);
    const revenue = wb
      .valuesAt('Accounts', { row: 4, col: 3 }, { row: 88, col: 3 })
      .reduce((a, r) => a + (r[0] as number), 0);
    const loads = wb
      .valuesAt('Territory', { row: 9, col: 3 }, { row: 43, col: 3 })
      .reduce((a, r) => a + (r[0] as number), 0);
    expect(loads).toBeCloseTo(revenue, 6);
    expect(screen.queryByText(/Table names already in use/)).toBeNull();
  });

  it('a template table whose name the workbook already uses gets a suffix, in the file before the insert; the existing table is untouched', async () => {
    // Two templates sharing a table name, as Comp plan and Territory plan once did (both had tblReps): the Comp plan
    // here has its reps table renamed to tblTerritoryReps by plain text replacement in its table part.
    const zip = await JSZip.loadAsync(await load(template('comp-plan')));
    for (const p of Object.keys(zip.files).filter((f) => /^xl\/tables\/[^/]+\.xml$/.test(f)))
      zip.file(p, (await zip.file(p)!.async('string')).replace(/"tblCompReps"/g, '"tblTerritoryReps"'));
    const clashing = await zip.generateAsync({ type: 'uint8array' });
    expect(await xlsxTableNames(clashing)).toEqual(['tblTiers', 'tblTerritoryReps']);
    const loadClashing = async (t: TemplateInfo) => (t.id === 'comp-plan' ? clashing : load(t));

    const wb = new HeadlessWorkbook();
    render(
      <WorkbookProvider workbook={wb}>
        <TemplatesTab load={loadClashing} />
      </WorkbookProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Insert Territory plan' }));
    await screen.findByText('Inserted Territory plan');
    await userEvent.click(screen.getByRole('button', { name: 'Insert Comp plan' }));
    await screen.findByText('Inserted Comp plan');
    expect(
      await screen.findByText(/Table names already in use got a suffix: tblTerritoryReps is tblTerritoryReps_2\./),
    ).toBeTruthy();
    const tables = await wb.listTables();
    expect(tables.map((t) => `${t.name}@${t.sheet}`).sort()).toEqual([
      'tblAccounts@Accounts',
      'tblTerritoryReps@Territory',
      'tblTerritoryReps_2@Comp',
      'tblTiers@Comp',
    ]);
    // the Territory plan's reps table: header row 9 and 35 agents; the Comp plan's: header row 18 and 6 reps
    expect(tables.find((t) => t.name === 'tblTerritoryReps')).toMatchObject({
      address: 'A9:B44',
      rowCount: 35,
      headers: ['Rep', 'Capacity weight'],
    });
    expect(tables.find((t) => t.name === 'tblTerritoryReps_2')).toMatchObject({
      address: 'A18:E24',
      rowCount: 6,
      headers: ['Rep', 'Quota', 'Bookings', 'Attainment', 'Commission'],
    });
    expect(wb.cellValue('Comp', { row: 19, col: 4 })).toBeCloseTo(38_240, 9);
  });

  it('the same template twice: the copy gets " (2)" sheets and "_2" tables, and computes on its own', async () => {
    const wb = new HeadlessWorkbook();
    renderTab(wb);
    await userEvent.click(screen.getByRole('button', { name: 'Insert Comp plan' }));
    await screen.findByText('Inserted Comp plan');
    await userEvent.click(screen.getByRole('button', { name: 'Insert Comp plan' }));
    expect(await screen.findByText(/tblTiers is tblTiers_2, tblCompReps is tblCompReps_2\./)).toBeTruthy();
    expect((await wb.listTables()).map((t) => `${t.name}@${t.sheet}`)).toEqual([
      'tblTiers@Comp',
      'tblCompReps@Comp',
      'tblTiers_2@Comp (2)',
      'tblCompReps_2@Comp (2)',
    ]);
    // an edit in the copy (Bea Novak's bookings 452,000 -> 400,000: exactly quota, 32,000) leaves the original at 38,240
    await wb.write({ sheet: 'Comp (2)', address: 'C20' }, [[400_000]]);
    expect(wb.cellValue('Comp (2)', { row: 19, col: 4 })).toBeCloseTo(32_000, 9);
    expect(wb.cellValue('Comp', { row: 19, col: 4 })).toBeCloseTo(38_240, 9);
  });

  it('inserts again after Undo', async () => {
    const wb = new HeadlessWorkbook();
    renderTab(wb);
    await userEvent.click(screen.getByRole('button', { name: 'Insert Quota plan' }));
    await screen.findByText('Inserted Quota plan');
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Insert undone');
    await userEvent.click(screen.getByRole('button', { name: 'Insert Quota plan' }));
    await screen.findByText('Inserted Quota plan');
    expect(await wb.listSheets()).toEqual(['Sheet1', 'Quota']);
    // total assigned quota: 10,000,000 x 1.2
    expect(wb.cellValue('Quota', { row: 20, col: 3 })).toBe(12_000_000);
  });

  it.each([
    [
      'a host without insertSheetsFromXlsx',
      { insertSheetsFromXlsx: undefined },
      'Playground cannot insert sheets from a file here.Use',
    ],
    [
      "the host's 'unsupported' error (Excel before ExcelApi 1.13)",
      {
        insertSheetsFromXlsx: async () => {
          throw Object.assign(new Error('This version of Excel lacks ExcelApi 1.13.'), { code: 'unsupported' });
        },
      },
      'Playground cannot insert sheets from a file here (This version of Excel lacks ExcelApi 1.13).Use',
    ],
    [
      "Office's ApiNotFound",
      {
        insertSheetsFromXlsx: async () => {
          throw Object.assign(new Error('The API you are trying to use could not be found.'), { code: 'ApiNotFound' });
        },
      },
      'Playground cannot insert sheets from a file here.Use',
    ],
  ])('%s: says what to do instead, and the buttons work again', async (_, override, message) => {
    const wb = new HeadlessWorkbook();
    const host: Workbook = Object.assign(Object.create(Object.getPrototypeOf(wb)), wb, override);
    renderTab(host);
    await userEvent.click(screen.getByRole('button', { name: 'Insert Lead scoring' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not insert Lead scoring');
    expect(alert.textContent).toContain(
      'Use Excel 2021 or Microsoft 365 (ExcelApi 1.13), or open the template file lead-scoring.xlsx directly.',
    );
    // the message, then the action (the MessageBar puts them side by side: "...here.Use Excel ...")
    expect(alert.textContent).toContain(message);
    expect((screen.getByRole('button', { name: 'Insert Lead scoring' }) as HTMLButtonElement).disabled).toBe(false);
    expect(await wb.listSheets()).toEqual(['Sheet1']);
  });
});

describe('unsupported insert errors', () => {
  it.each([
    [Object.assign(new Error('x'), { code: 'unsupported' }), true],
    [Object.assign(new Error('x'), { code: 'ApiNotFound' }), true],
    [Object.assign(new Error('x'), { code: 'NotImplemented' }), true],
    [new TypeError('context.workbook.insertWorksheetsFromBase64 is not a function'), true],
    [new TypeError('x is not a function'), false],
    [Object.assign(new Error("There is no sheet named 'X'."), { code: 'ItemNotFound' }), false],
    ['unsupported', false],
    [null, false],
  ])('%p -> %p', (e, expected) => {
    expect(isUnsupportedInsert(e)).toBe(expected);
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
    ['Deals!A1+SUM(Deals!B1:B3)', "SUM('Deals (2)'!B1:B3)"],
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
    expect(wb.sheets[0].cells.find((c) => c.address === 'D10')!.formula).toMatch(
      /^_xldudf_SALESOPS_TERRITORY_LOAD\(Owners,Revenue,\$A\$10:\$A\$44,RepWeights\)$/,
    );
  });
});

describe('table names for inserted templates', () => {
  it.each([
    [['tblReps'], ['Other'], {}],
    [['tblReps', 'tblTiers'], ['TBLREPS'], { tblReps: 'tblReps_2' }],
    [['tblReps'], ['tblReps', 'tblReps_2'], { tblReps: 'tblReps_3' }],
    // never a name the file itself uses
    [['tblReps', 'tblReps_2'], ['tblReps'], { tblReps: 'tblReps_3' }],
  ])('%j into a workbook using %j -> %j', (wanted, taken, expected) => {
    expect(Object.fromEntries(uniqueTableNames(wanted, taken))).toEqual(expected);
  });

  const renames = new Map([['tblReps', 'tblReps_2']]);
  it.each([
    ['SUM(tblReps[Quota])', 'SUM(tblReps_2[Quota])'],
    ['tblReps[[#This Row],[Quota]]*2', 'tblReps_2[[#This Row],[Quota]]*2'],
    ['TBLREPS[@Quota]+tblReps[#All]', 'tblReps_2[@Quota]+tblReps_2[#All]'],
    ['COUNTA(tblReps)', 'COUNTA(tblReps_2)'],
    // a column named like the table, an escaped bracket in a column name
    ["tblReps[tblReps]+tblReps['[x']]", "tblReps_2[tblReps]+tblReps_2['[x']]"],
    // left alone: text, other names, a sheet of that name, a name on another sheet, a function, a cell
    [
      '"tblReps[Quota]"&tblRepsOld&tblReps!A1&Other!tblReps&tblReps.X(1)&A1',
      '"tblReps[Quota]"&tblRepsOld&tblReps!A1&Other!tblReps&tblReps.X(1)&A1',
    ],
    ["'tblReps'!A1+1.5E3", "'tblReps'!A1+1.5E3"],
  ])('%s -> %s', (formula, expected) => {
    expect(renameTableRefs(formula, renames)).toBe(expected);
  });

  it('renames tables inside the file for Excel: the table part, formulas, defined names and data validation follow', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Reps');
    ws.addTable({
      name: 'tblReps',
      ref: 'A1',
      headerRow: true,
      columns: [{ name: 'Rep' }, { name: 'Quota' }],
      rows: [
        ['Ari', 100],
        ['Bea', 200],
      ],
    });
    ws.getCell('D1').value = { formula: 'SUM(tblReps[Quota])' } as ExcelJS.CellFormulaValue;
    ws.getCell('D2').value = { formula: '"tblReps"&COUNTA(tblReps[Rep])' } as ExcelJS.CellFormulaValue;
    ws.getCell('E1').dataValidation = { type: 'list', allowBlank: true, formulae: ['INDIRECT("tblReps[Rep]")'] };
    ws.getCell('E2').dataValidation = {
      type: 'decimal',
      operator: 'lessThan',
      allowBlank: true,
      formulae: ['MAX(tblReps[Quota])'],
    };
    const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
    const wbXml = (await zip.file('xl/workbook.xml')!.async('string')).replace(
      /<definedNames\/>|(?=<calcPr)/,
      '<definedNames><definedName name="Quotas">tblReps[Quota]</definedName></definedNames>',
    );
    zip.file('xl/workbook.xml', wbXml);
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    expect(await xlsxTableNames(bytes)).toEqual(['tblReps']);

    const renamed = await renameXlsxTables(bytes, renames);
    expect(await xlsxTableNames(renamed)).toEqual(['tblReps_2']);
    expect(await xlsxSheetNames(renamed)).toEqual(['Reps']);
    const out = await JSZip.loadAsync(renamed);
    const part = Object.keys(out.files).find((f) => /^xl\/tables\/.+\.xml$/.test(f))!;
    const table = await out.file(part)!.async('string');
    expect(table).toMatch(/<table\b[^>]*\sname="tblReps_2"/);
    expect(table).toMatch(/<table\b[^>]*\sdisplayName="tblReps_2"/);
    // the column names inside the table part stay
    expect(table).toContain('<tableColumn id="2" name="Quota"');
    const sheet = await out.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain('<f>SUM(tblReps_2[Quota])</f>');
    expect(sheet).toContain('<f>&quot;tblReps&quot;&amp;COUNTA(tblReps_2[Rep])</f>');
    // the text inside INDIRECT is text: left as it is (Excel would not follow it either)
    expect(sheet).toContain('<formula1>INDIRECT(&quot;tblReps[Rep]&quot;)</formula1>');
    expect(sheet).toContain('<formula1>MAX(tblReps_2[Quota])</formula1>');
    expect(await out.file('xl/workbook.xml')!.async('string')).toContain(
      '<definedName name="Quotas">tblReps_2[Quota]</definedName>',
    );
    // the headless reader sees the new name
    expect((await readXlsx(renamed)).sheets[0].tables).toEqual([{ name: 'tblReps_2', ref: 'A1:B3' }]);
  });

  it('renames sheets and tables in one pass (what an Excel insert with both clashes needs)', async () => {
    const bytes = await load(template('territory-plan'));
    const renamed = await renameXlsxSheets(
      bytes,
      new Map([['Accounts', 'Accounts (2)']]),
      new Map([['tblAccounts', 'tblAccounts_2']]),
    );
    const wb = await readXlsx(renamed);
    expect(wb.sheets.map((s) => [s.name, s.tables.map((t) => t.name)])).toEqual([
      ['Territory', ['tblTerritoryReps']],
      ['Accounts (2)', ['tblAccounts_2']],
    ]);
    expect(wb.names.find((n) => n.name === 'Owners')!.formula).toBe("'Accounts (2)'!$G$5:$G$89");
  });
});
