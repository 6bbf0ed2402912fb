/**
 * A small Excel built from office-addin-mock objects: every Range is an OfficeMockObject, so reading a property
 * that was not loaded and synced gives the mock's "not loaded" error instead of data (the mistake Office.js punishes).
 * Cells hold what was typed (a value or a formula); `computed` supplies what a formula shows.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { columnLetters, parseRange, rangeAddress } from '../../../src/workbook/workbook';

type Raw = string | number | boolean | null;

export interface FakeExcelOptions {
  sheets: Record<string, Raw[][]>;
  /** What formula cells show, by "Sheet!A1". */
  computed?: Record<string, Raw>;
  tables?: { name: string; sheet: string; address: string }[];
  /** Defined names; with `scope`, local to that sheet (worksheet.names), else workbook names (workbook.names). */
  names?: { name: string; type: string; formula: string; scope?: string }[];
  selection?: string; // "Sheet1!B3"
  apiVersion?: string; // highest ExcelApi set supported, e.g. '1.20'
}

export interface FakeExcel {
  cells: Record<string, Raw[][]>;
  syncs: number;
  rangeReads: string[]; // addresses of ranges created with getRange, in order
  suspendCalls: number;
  runOptions: unknown[];
  selected: string[];
  deleted: string[];
  install(): void;
  uninstall(): void;
}

function get(grid: Raw[][], r: number, c: number): Raw {
  return grid[r]?.[c] ?? null;
}

export function fakeExcel(options: FakeExcelOptions): FakeExcel {
  const cells: Record<string, Raw[][]> = JSON.parse(JSON.stringify(options.sheets));
  const pending: { mock: OfficeMockObject; original: unknown; sheet: string; address: string }[] = [];
  const state: FakeExcel = {
    cells,
    syncs: 0,
    rangeReads: [],
    suspendCalls: 0,
    runOptions: [],
    selected: [],
    deleted: [],
    install,
    uninstall,
  };

  function shown(sheet: string, r: number, c: number): Raw {
    const v = get(cells[sheet], r, c);
    if (typeof v === 'string' && v.startsWith('=')) return options.computed?.[`${sheet}!${columnLetters(c)}${r + 1}`] ?? 0;
    return v ?? '';
  }

  function range(sheet: string, address: string): OfficeMockObject {
    if (!cells[sheet]) throw new Error(`ItemNotFound: ${sheet}`);
    const { start, end } = parseRange(address);
    const values: Raw[][] = [];
    const formulas: Raw[][] = [];
    for (let r = start.row; r <= end.row; r++) {
      values.push([]);
      formulas.push([]);
      for (let c = start.col; c <= end.col; c++) {
        values[values.length - 1].push(shown(sheet, r, c));
        formulas[formulas.length - 1].push(get(cells[sheet], r, c) ?? '');
      }
    }
    const full = `${sheet}!${rangeAddress(start, end)}`;
    const mock = new OfficeMockObject({
      address: full,
      values,
      formulas,
      rowCount: end.row - start.row + 1,
      columnCount: end.col - start.col + 1,
      select: () => state.selected.push(full),
    });
    pending.push({ mock, original: formulas, sheet, address });
    state.rangeReads.push(full);
    return mock;
  }

  function applyWrites(): void {
    for (const p of pending) {
      const f = p.mock.formulas;
      if (!Array.isArray(f) || f === p.original) continue;
      const { start } = parseRange(p.address);
      (f as Raw[][]).forEach((row, i) =>
        row.forEach((v, j) => {
          const grid = cells[p.sheet];
          while (grid.length <= start.row + i) grid.push([]);
          grid[start.row + i][start.col + j] = v === '' ? null : v;
        }),
      );
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
    const local = (options.names ?? []).filter((n) => n.scope === name).map(({ scope: _scope, ...n }) => new OfficeMockObject({ ...n }));
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
        const m = bottom < 0 ? new OfficeMockObject({ address: '' }) : range(name, rangeAddress({ row: 0, col: 0 }, { row: bottom, col: right }));
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
        tables: { ...collection(tables), getItem: (name: string) => tables[(options.tables ?? []).findIndex((t) => t.name === name)] },
        names: collection(names),
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
    };
    g.Office = {
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) => name === 'ExcelApi' && Number(version.split('.')[1]) <= Number((options.apiVersion ?? '1.12').split('.')[1]),
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
