/**
 * A small Excel built from office-addin-mock objects: every Range is an OfficeMockObject, so reading a property
 * that was not loaded and synced gives the mock's "not loaded" error instead of data (the mistake Office.js punishes).
 * Cells hold what is stored (a value or a formula); `computed` supplies what a formula shows. Writes to `formulas`
 * are parsed the way Excel parses what is typed: "00123" becomes the number 123, "2026-02-01" a date serial with a
 * date format, "=x" a formula, "'x" the text x, TRUE a boolean; into a cell formatted as text ('@') anything stays
 * text. Text that would read as something else is kept in `textCells` ("Sheet!A1").
 */
import { OfficeMockObject } from 'office-addin-mock';
import { columnLetters, parseRange, rangeAddress } from '../../../src/workbook/a1';

type Raw = string | number | boolean | null;

export interface FakeExcelOptions {
  sheets: Record<string, Raw[][]>;
  /** What formula cells show, by "Sheet!A1". */
  computed?: Record<string, Raw>;
  /** Number formats by "Sheet!A1" (default General). */
  formats?: Record<string, string>;
  /** Cells holding text that Excel would otherwise parse (a quote-prefixed "00123" or "=x"), by "Sheet!A1". */
  textCells?: string[];
  tables?: { name: string; sheet: string; address: string }[];
  /** Defined names; with `scope`, local to that sheet (worksheet.names), else workbook names (workbook.names). */
  names?: { name: string; type: string; formula: string; scope?: string }[];
  selection?: string; // "Sheet1!B3"
  apiVersion?: string; // highest ExcelApi set supported, e.g. '1.20'
}

export interface FakeExcel {
  cells: Record<string, Raw[][]>;
  /** Number formats of cells that are not General, by "Sheet!A1". */
  formats: Map<string, string>;
  /** Cells holding text that reads like a number, date or formula, by "Sheet!A1". */
  textCells: Set<string>;
  syncs: number;
  rangeReads: string[]; // addresses of ranges created with getRange, in order
  suspendCalls: number;
  runOptions: unknown[];
  selected: string[];
  deleted: string[];
  /** insertWorksheetsFromBase64 calls: the file and the options. */
  inserted: { base64: string; options: unknown }[];
  install(): void;
  uninstall(): void;
}

function get(grid: Raw[][], r: number, c: number): Raw {
  return grid[r]?.[c] ?? null;
}

export function fakeExcel(options: FakeExcelOptions): FakeExcel {
  const cells: Record<string, Raw[][]> = JSON.parse(JSON.stringify(options.sheets));
  const pending: {
    mock: OfficeMockObject;
    original: unknown;
    originalFormat?: unknown;
    sheet: string;
    address: string;
  }[] = [];
  const formats = new Map(Object.entries(options.formats ?? {}));
  const textCells = new Set(options.textCells ?? []);
  const key = (sheet: string, r: number, c: number) => `${sheet}!${columnLetters(c)}${r + 1}`;
  const state: FakeExcel = {
    cells,
    formats,
    textCells,
    syncs: 0,
    rangeReads: [],
    suspendCalls: 0,
    runOptions: [],
    selected: [],
    deleted: [],
    inserted: [],
    install,
    uninstall,
  };

  const isFormula = (sheet: string, r: number, c: number, v: Raw) =>
    typeof v === 'string' && v.startsWith('=') && !textCells.has(key(sheet, r, c));

  function shown(sheet: string, r: number, c: number): Raw {
    const v = get(cells[sheet], r, c);
    if (isFormula(sheet, r, c, v)) return options.computed?.[key(sheet, r, c)] ?? 0;
    return v ?? '';
  }

  function valueType(v: Raw): string {
    if (v === '' || v === null) return 'Empty';
    if (typeof v === 'number') return 'Double';
    if (typeof v === 'boolean') return 'Boolean';
    return /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!)$/.test(v) ? 'Error' : 'String';
  }

  /** Stores what was written to one cell, parsed the way Excel parses typed input. */
  function store(sheet: string, r: number, c: number, v: Raw): void {
    const grid = cells[sheet];
    while (grid.length <= r) grid.push([]);
    const k = key(sheet, r, c);
    textCells.delete(k);
    let out: Raw = v === '' ? null : v;
    if (typeof v === 'string' && v !== '') {
      if (formats.get(k) === '@') {
        if (/^[=+\-']|^\d/.test(v)) textCells.add(k);
      } else if (v.startsWith("'")) {
        out = v.slice(1);
        if (/^[=+\-]|^\d|^(TRUE|FALSE)$/i.test(out)) textCells.add(k);
      } else if (v.startsWith('=')) {
        out = v;
      } else if (/^[-+]?\d+(\.\d+)?$/.test(v)) {
        out = Number(v);
      } else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
        const [y, m, d] = v.split('-').map(Number);
        out = (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
        formats.set(k, 'yyyy-mm-dd');
      } else if (/^(TRUE|FALSE)$/i.test(v)) {
        out = /^TRUE$/i.test(v);
      }
    }
    grid[r][c] = out;
  }

  function range(sheet: string, address: string): OfficeMockObject {
    if (!cells[sheet]) throw new Error(`ItemNotFound: ${sheet}`);
    const { start, end } = parseRange(address);
    const values: Raw[][] = [];
    const formulas: Raw[][] = [];
    const valueTypes: string[][] = [];
    const numberFormat: string[][] = [];
    for (let r = start.row; r <= end.row; r++) {
      values.push([]);
      formulas.push([]);
      valueTypes.push([]);
      numberFormat.push([]);
      for (let c = start.col; c <= end.col; c++) {
        const v = shown(sheet, r, c);
        values[values.length - 1].push(v);
        // a text cell shows its text in formulas too ("=x", "00123"), as Excel does
        formulas[formulas.length - 1].push(get(cells[sheet], r, c) ?? '');
        valueTypes[valueTypes.length - 1].push(valueType(v));
        numberFormat[numberFormat.length - 1].push(formats.get(key(sheet, r, c)) ?? 'General');
      }
    }
    const full = `${sheet}!${rangeAddress(start, end)}`;
    const mock = new OfficeMockObject({
      address: full,
      values,
      formulas,
      valueTypes,
      numberFormat,
      rowCount: end.row - start.row + 1,
      columnCount: end.col - start.col + 1,
      select: () => state.selected.push(full),
    });
    pending.push({ mock, original: formulas, originalFormat: numberFormat, sheet, address });
    state.rangeReads.push(full);
    return mock;
  }

  /** Applies what was assigned to ranges since the last sync, range by range in the order they were made. */
  function applyWrites(): void {
    for (const p of pending) {
      if (!p.sheet) continue;
      const { start } = parseRange(p.address);
      const nf = p.mock.numberFormat;
      if (Array.isArray(nf) && nf !== p.originalFormat) {
        (nf as string[][]).forEach((row, i) =>
          row.forEach((f, j) => {
            const k = key(p.sheet, start.row + i, start.col + j);
            if (f === 'General') formats.delete(k);
            else formats.set(k, f);
          }),
        );
        p.originalFormat = nf;
      }
      const f = p.mock.formulas;
      if (!Array.isArray(f) || f === p.original) continue;
      (f as Raw[][]).forEach((row, i) => row.forEach((v, j) => store(p.sheet, start.row + i, start.col + j, v)));
      p.original = f;
    }
  }

  /** A collection whose load('items/x') loads x on every item (the mock cannot navigate arrays). */
  function collection<T extends OfficeMockObject>(items: T[], extra: Record<string, unknown> = {}) {
    return {
      items,
      load(props: string) {
        for (const it of items) it.load(props.replace(/items\//g, ''));
        return this;
      },
      ...extra,
    };
  }

  function worksheet(name: string): OfficeMockObject {
    const local = (options.names ?? [])
      .filter((n) => n.scope === name)
      .map(({ scope: _scope, ...n }) => new OfficeMockObject({ ...n }));
    for (const n of local) pending.push({ mock: n, original: null, sheet: '', address: 'A1' });
    const ws = new OfficeMockObject({
      name,
      getRange: (a: string) => range(name, a),
      activate: () => undefined,
      delete: () => {
        state.deleted.push(name);
        delete cells[name];
      },
      getUsedRangeOrNullObject: () => {
        const grid = cells[name];
        let bottom = -1;
        let right = -1;
        grid.forEach((row, r) =>
          row.forEach((v, c) => {
            if (v !== null && v !== '') {
              bottom = Math.max(bottom, r);
              right = Math.max(right, c);
            }
          }),
        );
        const m =
          bottom < 0
            ? new OfficeMockObject({ address: '' })
            : range(name, rangeAddress({ row: 0, col: 0 }, { row: bottom, col: right }));
        (m as unknown as { isNullObject: boolean }).isNullObject = bottom < 0;
        return m;
      },
    });
    (ws as unknown as { names: unknown }).names = collection(local);
    return ws;
  }

  function context() {
    const tables = (options.tables ?? []).map(
      (t) =>
        new OfficeMockObject({
          name: t.name,
          getRange: () => range(t.sheet, t.address),
          getHeaderRowRange: () => {
            const { start, end } = parseRange(t.address);
            return range(t.sheet, rangeAddress(start, { row: start.row, col: end.col }));
          },
          rows: { count: parseRange(t.address).end.row - parseRange(t.address).start.row },
        }),
    );
    const names = (options.names ?? []).filter((n) => n.scope === undefined).map((n) => new OfficeMockObject({ ...n }));
    const sheetMocks = () => Object.keys(cells).map(worksheet);
    const ctx = {
      workbook: {
        worksheets: {
          ...collection(sheetMocks()),
          getItem: (name: string) => worksheet(name),
          add: (name: string) => {
            cells[name] = [];
            const ws = worksheet(name);
            pending.push({ mock: ws, original: null, sheet: '', address: 'A1' });
            return ws;
          },
          onChanged: { add: () => ({ context: ctx, remove: () => undefined }) },
        },
        tables: {
          ...collection(tables),
          getItem: (name: string) => tables[(options.tables ?? []).findIndex((t) => t.name === name)],
        },
        names: collection(names),
        insertWorksheetsFromBase64: (base64: string, opts: { sheetNamesToInsert?: string[] }) => {
          state.inserted.push({ base64, options: opts });
          for (const n of opts.sheetNamesToInsert ?? []) cells[n] = [];
        },
        getSelectedRange: () => {
          const ref = parseRange(options.selection ?? 'Sheet1!A1');
          return range(ref.sheet!, rangeAddress(ref.start, ref.end));
        },
        application: { suspendApiCalculationUntilNextSync: () => state.suspendCalls++ },
      },
      sync: async () => {
        state.syncs++;
        applyWrites();
        for (const p of pending) await p.mock.sync();
        for (const t of tables) await t.sync();
        for (const n of names) await n.sync();
      },
    };
    // worksheets' items are rebuilt per context so added/deleted sheets show up
    for (const s of ctx.workbook.worksheets.items) pending.push({ mock: s, original: null, sheet: '', address: 'A1' });
    return ctx;
  }

  const g = globalThis as Record<string, unknown>;
  function install(): void {
    g.Excel = {
      run: async (a: unknown, b?: unknown) => {
        const batch = (typeof a === 'function' ? a : b) as (c: unknown) => Promise<unknown>;
        if (typeof a !== 'function') state.runOptions.push(a);
        return batch(context());
      },
      WorksheetPositionType: { end: 'End' },
    };
    g.Office = {
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) =>
            name === 'ExcelApi' &&
            Number(version.split('.')[1]) <= Number((options.apiVersion ?? '1.12').split('.')[1]),
        },
      },
    };
  }
  function uninstall(): void {
    delete g.Excel;
    delete g.Office;
  }
  return state;
}
