/**
 * The starter workbooks in assets/templates/: each is loaded with the headless xlsx loader (the CLI's), recalculated,
 * and its key outputs are checked against figures computed here independently: plain loops over the same inputs
 * (the CRM CSVs for Pipeline review and Territory plan) and hand arithmetic in comments. The same figures are checked
 * once more through the CLI (`salesops recalc --json`, in-process through main(), into a temp dir). Also: every
 * formula's cached value in the file equals the recalculated one (the files open with computed values), SALESOPS
 * functions are stored in Excel's add-in form, each template has Excel tables (with names no other template uses)
 * and a label for every input and output cell, and `npm run templates` reproduces the committed cell contents.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { formulaResults } from '../../src/hosts/headless/recalc';
import { readXlsx } from '../../src/xlsx/read';
import { CellErrorValue } from '../../src/functions/clean';
import { parseCell } from '../../src/workbook/a1';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { TEMPLATES } from '../../src/taskpane/templates/catalog';
import { file, open, value, KEY_FIGURES, expectSame } from '../support/templates';

describe('every template', () => {
  it.each(TEMPLATES.map((t) => [t.id]))(
    '%s: exists, is small, has the catalog sheets, opens with cached values equal to a recalculation and no errors',
    async (id) => {
      const bytes = fs.readFileSync(file(id));
      expect(bytes.length).toBeLessThan(700 * 1024);
      const l = await open(id);
      expect(l.workbook.sheets.map((s) => s.name)).toEqual(TEMPLATES.find((t) => t.id === id)!.sheets);
      expect(l.warnings).toEqual([]);
      expect(l.workbook.warnings).toEqual([]);
      const results = new Map(formulaResults(l).map((r) => [`${r.sheet}!${r.address}`, r]));
      let salesops = 0;
      for (const s of l.workbook.sheets)
        for (const c of s.cells) {
          if (c.formula === undefined) continue;
          if (/SALESOPS/i.test(c.formula)) {
            salesops++;
            // Excel's storage form for add-in functions, never the plain SALESOPS. name.
            expect(c.formula).not.toMatch(/(^|[^_])SALESOPS\./);
            expect(c.formula).toMatch(/_xldudf_SALESOPS_/);
          }
          const r = results.get(`${s.name}!${c.address}`)!;
          expect(r.error).toBeUndefined();
          expect(c.value).not.toBeInstanceOf(CellErrorValue);
          if (typeof r.value === 'number') expect(c.value as number).toBeCloseTo(r.value, 6);
          else expect(c.value).toEqual(r.value);
        }
      expect(salesops).toBeGreaterThan(0);
      // every sheet starts with a title and a "How to use" note
      for (const s of l.workbook.sheets)
        expect(String(s.cells.find((c) => c.address === 'A2')?.value)).toMatch(/^How to use: /);
      // inputs are named: every template defines names local to each of its sheets
      expect(l.workbook.names.length).toBeGreaterThan(3);
      expect(l.workbook.names.every((n) => n.scope !== undefined)).toBe(true);
    },
    180_000,
  );

  it.each(TEMPLATES.map((t) => [t.id]))(
    '%s: key outputs in the engine equal the independent figures',
    async (id) => {
      const l = await open(id);
      for (const [ref, expected] of KEY_FIGURES[id]()) expectSame(value(l, ref), expected, ref);
    },
    180_000,
  );
});

describe('Excel tables and labels', () => {
  it('every template has Excel tables, and no table name is used twice across the templates (table names are workbook-wide)', async () => {
    const owners = new Map<string, string[]>();
    for (const t of TEMPLATES) {
      const wb = await readXlsx(fs.readFileSync(file(t.id)));
      const tables = wb.sheets.flatMap((s) => s.tables.map((x) => x.name));
      expect([t.id, tables.length > 0]).toEqual([t.id, true]);
      for (const name of tables) owners.set(name.toLowerCase(), [...(owners.get(name.toLowerCase()) ?? []), t.id]);
      // a table name may not equal a defined name either
      const names = new Set(wb.names.map((n) => n.name.toLowerCase()));
      expect(tables.filter((n) => names.has(n.toLowerCase()))).toEqual([]);
    }
    expect([...owners].filter(([, ids]) => ids.length > 1)).toEqual([]);
    // the two that used to clash
    expect(owners.get('tblcompreps')).toEqual(['comp-plan']);
    expect(owners.get('tblterritoryreps')).toEqual(['territory-plan']);
  }, 60_000);

  const INPUT = 'FFFFF2CC';
  const OUTPUT = 'FFE2EFDA';
  type Kind = 'input' | 'output' | 'plain';
  interface Styled {
    kind: Kind;
    text: string | null; // a non-empty text value (the cached result of a formula), else null
  }
  /** Every cell of each sheet: input (yellow), output (green, or any formula) or plain, and its text if any. */
  async function styled(id: string): Promise<Map<string, Map<string, Styled>>> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file(id)) as unknown as ArrayBuffer);
    const out = new Map<string, Map<string, Styled>>();
    wb.eachSheet((ws) => {
      const cells = new Map<string, Styled>();
      ws.eachRow({ includeEmpty: false }, (row, r) =>
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          const fill = (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
          const v = cell.value as unknown;
          const isFormula = cell.type === ExcelJS.ValueType.Formula;
          const raw = isFormula ? (v as { result?: unknown }).result : v;
          const text =
            typeof raw === 'string' && raw.trim()
              ? raw
              : raw && typeof raw === 'object' && 'richText' in raw
                ? cell.text || null
                : null;
          const kind: Kind = fill === INPUT ? 'input' : fill === OUTPUT || isFormula ? 'output' : 'plain';
          if (kind !== 'plain' || v !== null) cells.set(`${r},${c}`, { kind, text });
        }),
      );
      out.set(ws.name, cells);
    });
    return out;
  }

  /**
   * Labelled: a text in column A of its row; or, to its left through the input/output cells of its block, a plain
   * text; or, above it through the input/output cells of its column, a plain text header (or a computed header at the
   * top of the block, as COMMISSION.EXPLAIN spills its own title row).
   */
  function labelled(cells: Map<string, Styled>, r: number, c: number): boolean {
    const at = (row: number, col: number) => cells.get(`${row},${col}`);
    if (c > 1 && at(r, 1)?.text) return true;
    for (let k = c - 1; k >= 1; k--) {
      const x = at(r, k);
      if (x && x.kind !== 'plain') continue;
      if (x?.text) return true;
      break;
    }
    let top: Styled | undefined = at(r, c);
    for (let k = r - 1; k >= 1; k--) {
      const x = at(k, c);
      if (x && x.kind !== 'plain') {
        top = x;
        continue;
      }
      if (x?.text) return true;
      break;
    }
    return top?.kind === 'output' && top.text !== null;
  }

  it.each(TEMPLATES.map((t) => [t.id]))(
    '%s: every input and output cell has a label (column A of its row, to its left, or a header above)',
    async (id) => {
      const sheets = await styled(id);
      let checked = 0;
      const missing: string[] = [];
      for (const [sheet, cells] of sheets)
        for (const [key, cell] of cells) {
          if (cell.kind === 'plain') continue;
          checked++;
          const [r, c] = key.split(',').map(Number);
          if (!labelled(cells, r, c)) missing.push(`${sheet}!${String.fromCharCode(64 + c)}${r}`);
        }
      expect(checked).toBeGreaterThan(10);
      expect(missing).toEqual([]);
    },
    120_000,
  );
});

// ---------------------------------------------------------------------------------------------- CLI

describe('salesops recalc --json on each template (the CLI, into a temp dir)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-templates-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  interface ReportCell {
    sheet: string;
    address: string;
    formula: string;
    value?: number | string | boolean;
    error?: { code: string; message: string };
    spill?: { ref: string; values: unknown[][] };
  }
  /** A cell's value in the report: its own formula's, or its place in an array formula's spill. */
  function reported(cells: ReportCell[], ref: string): unknown {
    const [sheet, a1] = ref.split('!');
    const p = parseCell(a1)!;
    for (const c of cells) {
      if (c.sheet !== sheet) continue;
      if (c.address === a1) return c.error ? c.error.code : c.value;
      if (!c.spill) continue;
      const [from, to] = c.spill.ref.split(':').map((x) => parseCell(x)!);
      if (c.spill.ref.includes(':') && p.row >= from.row && p.row <= to.row && p.col >= from.col && p.col <= to.col)
        return c.spill.values[p.row - from.row][p.col - from.col];
    }
    throw new Error(`${ref} is not a formula cell in the recalc report`);
  }

  it.each(TEMPLATES.map((t) => [t.id]))(
    '%s: recalculates through main() with no error, and its key outputs equal the independent figures',
    async (id) => {
      const out = path.join(dir, `${id}.out.xlsx`);
      const io: CliIO & { out: string; err: string } = {
        out: '',
        err: '',
        stdout: (t) => void (io.out += t),
        stderr: (t) => void (io.err += t),
      };
      const before = fs.readFileSync(file(id));
      expect(await main(['recalc', file(id), '--out', out, '--json'], io)).toBe(0);
      expect(io.err).toBe('');
      const report = JSON.parse(io.out) as { cells: ReportCell[]; warnings: string[] };
      expect(report.warnings).toEqual([]);
      expect(report.cells.filter((c) => c.error).map((c) => `${c.sheet}!${c.address}`)).toEqual([]);
      expect(report.cells.some((c) => /^=SALESOPS\./.test(c.formula))).toBe(true);
      const figures = KEY_FIGURES[id]();
      expect(figures.length).toBeGreaterThan(5);
      for (const [ref, expected] of figures) expectSame(reported(report.cells, ref), expected, ref);
      // the output is a workbook with the same cells; the template itself is untouched
      expect(fs.existsSync(out)).toBe(true);
      expect(fs.readFileSync(file(id)).equals(before)).toBe(true);
    },
    180_000,
  );

  it('salesops audit finds no hidden constants and no inconsistent formulas in the Capacity plan', async () => {
    const io: CliIO & { out: string; err: string } = {
      out: '',
      err: '',
      stdout: (t) => void (io.out += t),
      stderr: (t) => void (io.err += t),
    };
    expect(await main(['audit', file('capacity-plan'), '--json'], io)).toBe(0);
    const report = JSON.parse(io.out) as { findings: { kind: string; title: string }[] };
    expect(
      report.findings
        .filter((f) => f.kind === 'hard-coded-constant' || f.kind === 'inconsistent-formula')
        .map((f) => f.title),
    ).toEqual([]);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------- per template
