/**
 * Real-browser tests of the playground: builds both bundles (webpack, development mode), checks that HyperFormula
 * (GPL) is nowhere in the Excel task pane bundle, serves the build on a free localhost port, and drives Debian's
 * Chromium through playwright-core: edit an input, see SALESOPS results recalculate, insert a function from the
 * Functions tab. Every request must stay on localhost; the page must log no errors (a CSP violation is one).
 * Screenshots go to test-output/; `UPDATE_SCREENSHOTS=1 npx jest test/browser` also refreshes the README's
 * docs/screenshots/ (a plain test run never rewrites tracked files).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import webpack from 'webpack';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { serveDirectory, type StaticServer } from '../../scripts/start';
import { commissionWorkbook, SLIP_ROW } from '../support/commission-workbook';
import { plan } from '../support/plan-workbook';

const root = path.resolve(__dirname, '../..');
const sample = JSON.parse(fs.readFileSync(path.join(root, 'src/playground/sample/planning.json'), 'utf8')) as {
  sheets: Record<string, unknown[][]>;
};
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where screenshots go: test-output/ always, docs/screenshots/ only when asked to refresh the README's. */
const SHOT_DIRS = ['test-output', ...(process.env.UPDATE_SCREENSHOTS === '1' ? ['docs/screenshots'] : [])];

jest.setTimeout(600_000);

let outDir: string;
/** Resource paths of the modules in each named chunk, read from the compilation's chunk graph. */
const chunkModules = new Map<string, string[]>();
let server: StaticServer;
let browser: BrowserContext;
let page: Page;
let userDataDir: string;
const requests: string[] = [];
const pageErrors: string[] = [];

/** Chromium's launch timeout: a busy machine (a fresh clone's first `npm test`) once needed more than the default 30 s. */
const LAUNCH_TIMEOUT_MS = 120_000;

/**
 * Chromium with a fresh --user-data-dir (playwright passes it for a persistent context). A launch that fails is
 * retried once, with a new profile folder; each failure prints the browser's own error (playwright's message carries
 * the browser's log), so that a failed run says why rather than only that it timed out.
 */
async function launchChromium(): Promise<BrowserContext> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= 2; attempt++) {
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-chromium-'));
    try {
      return await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        timeout: LAUNCH_TIMEOUT_MS,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--disable-sync',
          '--disable-quic',
        ],
        viewport: { width: 1440, height: 860 },
        deviceScaleFactor: 1,
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      failures.push(`attempt ${attempt}: ${message}`);
      console.error(`Chromium (${CHROMIUM}) did not launch, attempt ${attempt} of 2:\n${message}`);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  }
  throw new Error(`Chromium (${CHROMIUM}) did not launch twice:\n${failures.join('\n')}`);
}

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-build-'));
  const makeConfig = require(path.join(root, 'webpack.config.js'));
  const compiler = webpack(makeConfig({ outDir, noSourceMaps: true, quiet: true }, { mode: 'development' }));
  await new Promise<void>((resolve, reject) =>
    compiler.run((err, s) => {
      if (err || !s) return reject(err ?? new Error('webpack gave no stats'));
      if (s.hasErrors()) return reject(new Error(s.toString({ all: false, errors: true })));
      const { chunkGraph, chunks } = s.compilation;
      for (const chunk of chunks) {
        const names: string[] = [];
        for (const m of chunkGraph.getChunkModulesIterable(chunk)) {
          const inner = (m as unknown as { modules?: webpack.Module[] }).modules ?? [m]; // concatenated modules
          for (const x of inner) names.push(x.nameForCondition() ?? x.identifier());
        }
        chunkModules.set(chunk.name ?? String(chunk.id), names);
      }
      compiler.close(() => resolve());
    }),
  );
  server = await serveDirectory(outDir);
  browser = await launchChromium();
  page = browser.pages()[0] ?? (await browser.newPage());
  // the context sees every request: the page's, its Web Workers' and any service worker's
  browser.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  await page.goto(`${server.url}/playground.html`);
  await page.waitForSelector('.ag-row[row-index="6"] .ag-cell[col-id="B"] .pg-number');
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const d of [outDir, userDataDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

function cell(ref: string): string {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  return `.pg-grid .ag-row[row-index="${Number(m[2]) - 1}"] .ag-cell[col-id="${m[1]}"]`;
}

async function cellText(ref: string): Promise<string> {
  return (await page.locator(cell(ref)).innerText()).trim();
}

function num(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/** Weighted pipeline of the sample computed in plain code: sum of amount x probability of the deal's stage. */
function expectedWeighted(prob: Record<string, number>): number {
  const rows = sample.sheets.Pipeline.slice(10) as [string, string, string, string, string, number][];
  return rows.reduce((s, r) => s + r[5] * prob[r[4]], 0);
}

/** Retries an assertion until it passes (the grid and pane update asynchronously), up to 15 s. */
async function eventually(check: () => Promise<void>): Promise<void> {
  const end = Date.now() + 15_000;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function typeInto(ref: string, text: string): Promise<void> {
  await page.locator(cell(ref)).click();
  await page.locator(cell(ref)).dblclick();
  const editor = page.locator('.pg-cell-editor');
  await editor.waitFor();
  await editor.fill(text);
  await editor.press('Enter');
}

describe('bundles', () => {
  const modulesOf = (chunk: string) => chunkModules.get(chunk) ?? [];

  it('keeps HyperFormula (GPL-3.0) out of the Excel task pane bundle', () => {
    const taskpane = modulesOf('taskpane');
    expect(taskpane.length).toBeGreaterThan(10);
    expect(taskpane.filter((m) => /hyperformula|hosts[\\/]headless/i.test(m))).toEqual([]);
    // the same check finds it in the playground, so it can fail
    expect(modulesOf('playground').some((m) => /node_modules[\\/]hyperformula/.test(m))).toBe(true);
    expect(taskpane.some((m) => /hosts[\\/]excel[\\/]workbook\.ts$/.test(m))).toBe(true);
  });

  it('ships the manifest, functions.json and the icons beside the pages', () => {
    for (const f of [
      'taskpane.html',
      'playground.html',
      'manifest.xml',
      'functions.json',
      'assets/icon-16.png',
      'assets/icon-32.png',
      'assets/icon-64.png',
      'assets/icon-80.png',
    ]) {
      expect(fs.existsSync(path.join(outDir, f))).toBe(true);
    }
    const html = fs.readFileSync(path.join(outDir, 'taskpane.html'), 'utf8');
    expect(html).toContain('<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>');
    expect(html).toMatch(/Content-Security-Policy[^>]*script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    expect(fs.readFileSync(path.join(outDir, 'playground.html'), 'utf8')).toMatch(
      /Content-Security-Policy[^>]*script-src 'self';/,
    );
  });
});

describe('playground in Chromium', () => {
  it('opens on the sample workbook with SALESOPS results computed', async () => {
    // Engaging at the historical win rate (B5), Prospecting at 10% (B4), computed here from the sample's rows
    const engaging = Number(sample.sheets.Pipeline[4][1]);
    expect(num(await cellText('B7'))).toBeCloseTo(expectedWeighted({ Engaging: engaging, Prospecting: 0.1 }), 1);
    expect(await page.getByRole('tab', { name: 'Pipeline' }).getAttribute('aria-selected')).toBe('true');
  });

  it('recalculates WEIGHTEDPIPE live when an input cell is edited', async () => {
    const before = await cellText('B7');
    await typeInto('B5', '0.5');
    await eventually(async () => expect(await cellText('B7')).not.toBe(before));
    expect(num(await cellText('B7'))).toBeCloseTo(expectedWeighted({ Engaging: 0.5, Prospecting: 0.1 }), 1);
    expect(await cellText('B5')).toBe('0.5');
    // the formula bar shows the selected cell's formula
    await page.locator(cell('B7')).click();
    await eventually(async () =>
      expect(await page.getByRole('textbox', { name: 'Formula bar' }).inputValue()).toBe(
        '=SALESOPS.WEIGHTEDPIPE(F11:F2099, E11:E2099, A4:B5)',
      ),
    );
  });

  it('recalculates CAPACITY on the Team sheet when productivity changes', async () => {
    await page.getByRole('tab', { name: 'Team' }).click();
    await page.waitForSelector(cell('B9') + ' .pg-number');
    const before = num(await cellText('B9'));
    const productivity = num(await cellText('B5'));
    await typeInto('B5', String(productivity * 2));
    // capacity is linear in productivity (every rep-month is productivity / 12 x ramp x attrition): doubling doubles it
    await eventually(async () => expect(num(await cellText('B9'))).toBeCloseTo(before * 2, 1));
  });

  it('inserts a function from the Functions tab into the selected cell', async () => {
    await page.getByRole('tab', { name: 'Pipeline' }).click();
    await page.waitForSelector(cell('D4'));
    await page.locator(cell('D4')).click();
    await page.getByRole('searchbox', { name: 'Search functions' }).fill('weighted');
    await page.getByRole('button', { name: 'Insert SALESOPS.WEIGHTEDPIPE' }).click();
    await page.getByText('Inserted SALESOPS.WEIGHTEDPIPE in Pipeline!D4').waitFor();
    await page.locator(cell('D4')).click();
    await eventually(async () =>
      expect(await page.getByRole('textbox', { name: 'Formula bar' }).inputValue()).toBe(
        '=SALESOPS.WEIGHTEDPIPE(amounts, stages, stage_table)',
      ),
    );
    await page.screenshot({ path: path.join(root, 'test-output/playground-insert.png') });
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Insert undone').waitFor();
    expect(await cellText('D4')).toBe('');
  });

  it('saves screenshots of the playground and the task pane', async () => {
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('searchbox', { name: 'Search functions' }).fill('');
    await page.locator(cell('B7')).click();
    await page.locator('aside.pg-taskpane [role="tabpanel"]:not([hidden])').evaluate((e) => e.scrollTo(0, 0));
    for (const dir of SHOT_DIRS) fs.mkdirSync(path.join(root, dir), { recursive: true });
    const full = await page.screenshot();
    const pane = await page.locator('aside.pg-taskpane').screenshot();
    for (const dir of SHOT_DIRS) {
      fs.writeFileSync(path.join(root, dir, 'playground.png'), full);
      fs.writeFileSync(path.join(root, dir, 'taskpane.png'), pane);
    }
    expect(full.length).toBeGreaterThan(10_000);
  });

  it('audits the workbook: a planted hard-coded constant is found and clicking it selects the cell', async () => {
    // Plant a finance-style slip: a formula with a constant hidden in it (=B8*0.1, a 10% "haircut" typed inline).
    await page.getByRole('tab', { name: 'Pipeline' }).click();
    await typeInto('D8', '=B8*0.1');
    await page.locator(cell('A1')).click();
    await page.getByRole('tab', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Run audit' }).click();
    await page.getByLabel('Audit summary').waitFor({ timeout: 30_000 });
    const finding = page.getByRole('button', { name: 'Go to Pipeline!D8' }).first();
    await finding.waitFor({ timeout: 15_000 });
    await finding.click();
    await eventually(async () => expect(await page.getByLabel('Selected cell').innerText()).toContain('D8'));
    await eventually(async () =>
      expect(await page.getByRole('textbox', { name: 'Formula bar' }).inputValue()).toBe('=B8*0.1'),
    );
    // Put the sheet back as the user found it.
    await typeInto('D8', '');
    await page.getByRole('tab', { name: 'Functions' }).click();
  });

  it('inserts the Territory plan template, balances it in the real Web Worker, applies and undoes exactly', async () => {
    const sheetsBefore = await page.locator('.pg-sheettabs [role="tab"]').allInnerTexts();
    const pane = page.locator('aside.pg-taskpane');
    await pane.getByRole('tab', { name: 'Templates' }).click();
    await pane.getByRole('button', { name: 'Insert Territory plan' }).click();
    await pane.getByText('Inserted Territory plan').waitFor({ timeout: 30_000 });
    // the pane's tab, not the template's sheet tab of the same name
    await pane.getByRole('tab', { name: 'Territory', exact: true }).click();
    await pane.getByRole('combobox', { name: 'Accounts' }).selectOption('table:tblAccounts');
    await pane.getByRole('combobox', { name: 'Reps' }).selectOption('table:tblTerritoryReps');
    // the CRM plan cannot balance per agent at +-5% (one account is 2.4 agents' shares): allow +-250%
    await pane.getByRole('spinbutton', { name: 'Tolerance percent' }).fill('250');
    await pane.getByRole('button', { name: 'Balance', exact: true }).click();
    await pane.getByLabel('Summary', { exact: true }).waitFor({ timeout: 60_000 });
    await pane.getByText('Balanced', { exact: true }).first().waitFor({ timeout: 10_000 });
    expect(await pane.getByLabel('Moved accounts').locator('li').count()).toBeGreaterThan(0);
    await pane.getByRole('region', { name: 'Result' }).evaluate((e) => e.scrollIntoView({ block: 'start' }));
    const shot = await pane.screenshot();
    for (const dir of SHOT_DIRS) fs.writeFileSync(path.join(root, dir, 'territory.png'), shot);
    await pane.getByRole('button', { name: 'Apply', exact: true }).click();
    await pane.getByText('Applied', { exact: true }).waitFor({ timeout: 15_000 });
    await eventually(async () =>
      expect(await page.locator('.pg-sheettabs [role="tab"]').allInnerTexts()).toContain('Territory summary'),
    );
    await pane.getByRole('region', { name: 'Result' }).getByRole('button', { name: 'Undo', exact: true }).click();
    await pane.getByText('Undone', { exact: true }).waitFor({ timeout: 15_000 });
    await eventually(async () =>
      expect(await page.locator('.pg-sheettabs [role="tab"]').allInnerTexts()).not.toContain('Territory summary'),
    );
    // the Templates tab kept its Undo while the Territory tab was in use: take the template out again
    await pane.getByRole('tab', { name: 'Templates' }).click();
    await pane.getByRole('button', { name: 'Undo', exact: true }).click();
    await pane.getByText('Insert undone').waitFor({ timeout: 15_000 });
    await eventually(async () =>
      expect(await page.locator('.pg-sheettabs [role="tab"]').allInnerTexts()).toEqual(sheetsBefore),
    );
    await pane.getByRole('tab', { name: 'Functions' }).click();
  });

  it('opens a real commission workbook and the Audit tab finds its one-row formula slip, as `salesops audit` does', async () => {
    // the CLI audit test's workbook: 20 CRM agents, SALESOPS.COMMISSION per row, Reps!D12 reading the next row's bookings
    const bytes = await commissionWorkbook();
    await page.setInputFiles('[data-testid="open-file"]', {
      name: 'commission.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    });
    await page.getByText('Opened commission.xlsx').waitFor({ timeout: 30_000 });
    const pane = page.locator('aside.pg-taskpane');
    await pane.getByRole('tab', { name: 'Audit' }).click();
    await pane.getByRole('button', { name: 'Run audit' }).click();
    await pane.getByLabel('Audit summary').waitFor({ timeout: 30_000 });
    await pane
      .getByText(`Reps!D${SLIP_ROW}: formula differs from the column around it`)
      .first()
      .waitFor({ timeout: 15_000 });
    await pane
      .getByRole('button', { name: `Go to Reps!D${SLIP_ROW}` })
      .first()
      .click();
    await eventually(async () => expect(await page.getByLabel('Selected cell').innerText()).toContain(`D${SLIP_ROW}`));
    await eventually(async () =>
      expect(await page.getByRole('textbox', { name: 'Formula bar' }).inputValue()).toBe(
        `=SALESOPS.COMMISSION(B${SLIP_ROW + 1},C${SLIP_ROW},Tiers!$A$2:$B$4)`,
      ),
    );
    const shot = await pane.screenshot();
    for (const dir of SHOT_DIRS) fs.writeFileSync(path.join(root, dir, 'audit.png'), shot);
  });

  it('compares the open workbook with an earlier version in the Audit tab, and a click selects the change', async () => {
    // the comp plan after two edits is opened: Dana (95,000) inserted as row 5, and the 100%-120% tier raised from
    // 12% to 14%; the plan before them is picked in "Compare with...". By hand: Ann (130,000 on a 100,000 quota)
    // 11,900 -> 12,300, Cy (110,000) 9,200 -> 9,400; totals: bookings 540,000 -> 635,000, commission
    // 45,100 -> 45,700 + Dana's 7,600 = 53,300.
    expect((chunkModules.get('taskpane') ?? []).some((m) => /src[\\/]diff[\\/]diff\.ts$/.test(m))).toBe(true);
    const names = ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Flo'];
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const after = await plan({
      names: [...names.slice(0, 3), 'Dana', ...names.slice(3)],
      bookings: [130_000, 60_000, 110_000, 95_000, 80_000, 90_000, 70_000],
      tiers: [
        [0, 0.08],
        [1, 0.14],
        [1.2, 0.15],
      ],
    });
    await page.setInputFiles('[data-testid="open-file"]', { name: 'q2-plan.xlsx', mimeType: xlsx, buffer: after });
    await page.getByText('Opened q2-plan.xlsx').waitFor({ timeout: 30_000 });
    const pane = page.locator('aside.pg-taskpane');
    await pane.getByRole('tab', { name: 'Audit' }).click();
    await pane
      .locator('[data-testid="compare-file"]')
      .setInputFiles({ name: 'q1-plan.xlsx', mimeType: xlsx, buffer: await plan({ names }) });
    const results = pane.getByRole('list', { name: 'Results changes' });
    await results.waitFor({ timeout: 30_000 });
    expect(await results.getByRole('listitem').count()).toBe(4);
    expect(await pane.getByRole('list', { name: 'Structure changes' }).innerText()).toContain('Reps!5:5');
    expect(await results.getByRole('group', { name: 'Reps!D10' }).innerText()).toContain(
      'changed from 45,100 to 53,300 because',
    );
    expect(await results.getByRole('group', { name: 'Reps!D2' }).innerText()).toContain(
      'changed from 11,900 to 12,300 because Tiers!B3 changed from 0.12 to 0.14',
    );
    await pane.getByRole('button', { name: 'Go to Reps!D4' }).click();
    await eventually(async () => expect(await page.getByLabel('Selected cell').innerText()).toContain('D4'));
    await eventually(async () =>
      expect(await page.getByRole('textbox', { name: 'Formula bar' }).inputValue()).toBe(
        '=SALESOPS.COMMISSION(B4,C4,Tiers!$A$2:$B$4)',
      ),
    );
    await pane.getByRole('region', { name: 'Compare' }).evaluate((e) => e.scrollIntoView({ block: 'start' }));
    const shot = await pane.screenshot();
    for (const dir of SHOT_DIRS) fs.writeFileSync(path.join(root, dir, 'compare.png'), shot);
  });

  it('made no request that leaves localhost and logged no errors', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(2);
    expect(
      requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:')),
    ).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
