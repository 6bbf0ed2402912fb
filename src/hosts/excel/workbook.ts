/**
 * The Excel Workbook: the Workbook interface over Office.js (Excel.run). The only code in the task pane bundle that
 * touches `Excel`. Each step queues every load it needs and syncs once; large ranges are read in blocks so no single
 * response grows past Excel's payload limit; big writes suspend recalculation until the sync; on ExcelApi 1.20 a
 * write (and a restore) is one undo step (mergeUndoGroup).
 */
import { parseRange, rangeAddress, stripSheet } from '../../workbook/a1';
import {
  type CellInput,
  type CellValue,
  type FormulaCell,
  type InsertedSheets,
  type NamedRangeInfo,
  type RangeData,
  type RangeRef,
  type Snapshot,
  type TableInfo,
  type Workbook,
} from '../../workbook/workbook';
import { uniqueSheetNames } from '../../workbook/sheetNames';
import { EXCEL_ERROR_PATTERN } from '../../models/errors';
import { renameXlsxSheets, toBase64, xlsxSheetNames } from '../../xlsx/rename';

/** Rows per read: 5,000 rows x a few dozen columns stays well under Excel on the web's 5 MB response limit. */
export const READ_BLOCK_ROWS = 5000;
/** Cells from which a write suspends API recalculation until its sync. */
export const BIG_WRITE_CELLS = 10_000;

const ERROR_TEXT = new RegExp(`^${EXCEL_ERROR_PATTERN}$`);

/** One Excel value as the task pane sees it: error texts become CellErrorInfo, empty strings null. */
export function fromExcel(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'string' && ERROR_TEXT.test(v)) return { error: v };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** Splits "Sheet1!A1:B2" (Excel's addresses carry the sheet) into a RangeRef. */
export function refFromExcelAddress(address: string): RangeRef {
  const { sheet } = parseRange(address);
  return { sheet: sheet ?? '', address: stripSheet(address) };
}

/** The range properties the workbook reads. */
type CellProperty = 'values' | 'formulas' | 'valueTypes' | 'numberFormat';

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>, undoGroup?: boolean) => Promise<T>;

/** Excel.run, grouped into one undo step when the host supports it (ExcelApi 1.20). */
function defaultRun<T>(batch: (context: Excel.RequestContext) => Promise<T>, undoGroup = false): Promise<T> {
  const canGroup =
    undoGroup && typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', '1.20');
  return canGroup ? Excel.run({ mergeUndoGroup: true } as Excel.RunOptions, batch) : Excel.run(batch);
}

export class ExcelWorkbook implements Workbook {
  readonly host = 'Excel';

  /** `run` is Excel.run by default; tests pass one that hands an office-addin-mock context. */
  constructor(private readonly run: Run = defaultRun) {}

  async listSheets(): Promise<string[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  async listTables(): Promise<TableInfo[]> {
    return this.run(async (context) => {
      const tables = context.workbook.tables.load('items/name');
      await context.sync();
      const parts = tables.items.map((t) => ({
        name: t.name,
        range: t.getRange().load('address'),
        header: t.getHeaderRowRange().load('values'),
        rows: t.rows.load('count'),
      }));
      await context.sync();
      return parts.map((p) => ({
        name: p.name,
        ...refFromExcelAddress(p.range.address),
        headers: (p.header.values[0] ?? []).map((h) => String(h ?? '')),
        rowCount: p.rows.count,
      }));
    });
  }

  /**
   * Workbook names (workbook.names), then each sheet's local names (worksheet.names, ExcelApi 1.4) with their sheet
   * as scope. Names over something that is not a plain range (a constant, OFFSET) are left out.
   */
  async listNamedRanges(): Promise<NamedRangeInfo[]> {
    return this.run(async (context) => {
      const props = 'items/name,items/type,items/formula';
      const names = context.workbook.names.load(props);
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      const local = sheets.items.map((s) => ({ scope: s.name, names: s.names.load(props) }));
      await context.sync();
      const out: NamedRangeInfo[] = [];
      const add = (items: Excel.NamedItem[], scope?: string) => {
        for (const n of items) {
          if (n.type !== 'Range') continue;
          try {
            const { sheet, start, end } = parseRange(String(n.formula).replace(/^=/, '').replace(/\$/g, ''));
            if (sheet)
              out.push({
                name: n.name,
                sheet,
                address: rangeAddress(start, end),
                ...(scope === undefined ? {} : { scope }),
              });
          } catch {
            // a name over something that is not a plain range (e.g. OFFSET): not listed
          }
        }
      };
      add(names.items);
      for (const l of local) add(l.names.items, l.scope);
      return out;
    });
  }

  async readTable(name: string): Promise<RangeData> {
    const ref = await this.run(async (context) => {
      const range = context.workbook.tables.getItem(name).getRange().load('address');
      await context.sync();
      return refFromExcelAddress(range.address);
    });
    return this.readRange(ref, { headers: true });
  }

  async readRange(ref: RangeRef, options: { headers?: boolean } = {}): Promise<RangeData> {
    const { values } = await this.readBlocks(ref, ['values']);
    const cells = values.map((r) => r.map(fromExcel));
    if (!options.headers) return { ...ref, headers: [], values: cells };
    const [head = [], ...rows] = cells;
    return { ...ref, headers: head.map((h) => (h === null ? '' : String(h))), values: rows };
  }

  /**
   * Reads properties of a range block by block, one sync per block; with several properties the blocks are that
   * many times shorter, so no response grows past what one property of READ_BLOCK_ROWS rows would.
   */
  private async readBlocks<P extends CellProperty>(ref: RangeRef, properties: P[]): Promise<Record<P, unknown[][]>> {
    const { start, end } = parseRange(ref.address);
    const rowsPerBlock = Math.max(1, Math.floor(READ_BLOCK_ROWS / properties.length));
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(ref.sheet);
      const out = Object.fromEntries(properties.map((p) => [p, [] as unknown[][]])) as Record<P, unknown[][]>;
      for (let top = start.row; top <= end.row; top += rowsPerBlock) {
        const bottom = Math.min(end.row, top + rowsPerBlock - 1);
        const block = sheet
          .getRange(rangeAddress({ row: top, col: start.col }, { row: bottom, col: end.col }))
          .load(properties.join(','));
        await context.sync();
        for (const p of properties) for (const row of block[p] as unknown[][]) out[p].push(row);
      }
      return out;
    });
  }

  async usedRange(sheet: string): Promise<string | null> {
    return this.run(async (context) => {
      const used = context.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true).load('address');
      await context.sync();
      return used.isNullObject ? null : stripSheet(used.address);
    });
  }

  async readFormulas(sheet?: string): Promise<FormulaCell[]> {
    const sheets = sheet === undefined ? await this.listSheets() : [sheet];
    const out: FormulaCell[] = [];
    for (const name of sheets) {
      const used = await this.usedRange(name);
      if (!used) continue;
      const { start } = parseRange(used);
      const { formulas, values } = await this.readBlocks({ sheet: name, address: used }, ['formulas', 'values']);
      formulas.forEach((row, r) =>
        row.forEach((f, c) => {
          if (typeof f !== 'string' || !f.startsWith('=')) return;
          const pos = { row: start.row + r, col: start.col + c };
          out.push({ sheet: name, address: rangeAddress(pos, pos), formula: f, value: fromExcel(values[r]?.[c]) });
        }),
      );
    }
    return out;
  }

  async getSelection(): Promise<RangeRef> {
    return this.run(async (context) => {
      const range = context.workbook.getSelectedRange().load('address');
      await context.sync();
      return refFromExcelAddress(range.address);
    });
  }

  async select(ref: RangeRef): Promise<void> {
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(ref.sheet);
      sheet.activate();
      sheet.getRange(ref.address).select();
      await context.sync();
    });
  }

  async write(ref: RangeRef, values: CellInput[][]): Promise<Snapshot> {
    const { start, end } = parseRange(ref.address);
    const rows = end.row - start.row + 1;
    const cols = end.col - start.col + 1;
    if (values.length !== rows || values.some((r) => r.length !== cols)) {
      throw new Error(
        `Cannot write to ${ref.sheet}!${ref.address}: it is ${rows} x ${cols} cells but ${values.length} x ${values[0]?.length ?? 0} values were given.`,
      );
    }
    const snapshot = await this.snapshot(ref);
    await this.put(ref, values);
    return snapshot;
  }

  /** Writes formulas/values in one sync, as one undo step where supported. Null clears (Excel skips null cells). */
  private async put(ref: RangeRef, values: CellInput[][]): Promise<void> {
    await this.run(async (context) => {
      const cells = values.length * (values[0]?.length ?? 0);
      if (cells >= BIG_WRITE_CELLS) context.workbook.application.suspendApiCalculationUntilNextSync();
      const range = context.workbook.worksheets.getItem(ref.sheet).getRange(ref.address);
      range.formulas = values.map((r) => r.map((v) => (v === null ? '' : v))) as unknown as string[][];
      await context.sync();
    }, true);
  }

  async addSheet(name: string): Promise<{ name: string; snapshot: Snapshot }> {
    const existing = new Set((await this.listSheets()).map((s) => s.toLowerCase()));
    const base = name.trim() || 'Sheet';
    let candidate = base;
    for (let n = 2; existing.has(candidate.toLowerCase()); n++) candidate = `${base} (${n})`;
    const used = await this.run(async (context) => {
      const sheet = context.workbook.worksheets.add(candidate).load('name');
      await context.sync();
      return sheet.name;
    }, true);
    return { name: used, snapshot: { sheet: used, address: 'A1', createdSheet: true, contents: [[null]] } };
  }

  /**
   * Inserts an .xlsx's sheets at the end (Workbook.insertWorksheetsFromBase64, ExcelApi 1.13). Clashing names are
   * renamed in the file first (" (2)"), formulas and defined names following them, so no existing sheet changes.
   */
  async insertSheetsFromXlsx(bytes: Uint8Array, names?: string[]): Promise<InsertedSheets> {
    // insertWorksheetsFromBase64 is ExcelApi 1.13 (Excel 2021, Microsoft 365, Excel on the web): say so before trying
    if (
      typeof Office !== 'undefined' &&
      Office.context?.requirements &&
      !Office.context.requirements.isSetSupported('ExcelApi', '1.13')
    ) {
      throw Object.assign(
        new Error('This version of Excel cannot insert sheets from a file (it lacks ExcelApi 1.13).'),
        { code: 'unsupported' },
      );
    }
    const existing = await this.listSheets();
    const chosen = names ?? (await xlsxSheetNames(bytes));
    const finalNames = uniqueSheetNames(chosen, existing);
    const renames = new Map(chosen.map((n, i): [string, string] => [n, finalNames[i]]).filter(([a, b]) => a !== b));
    const file = renames.size ? await renameXlsxSheets(bytes, renames) : bytes;
    await this.run(async (context) => {
      context.workbook.insertWorksheetsFromBase64(toBase64(file), {
        positionType: Excel.WorksheetPositionType.end,
        sheetNamesToInsert: finalNames,
      });
      await context.sync();
    }, true);
    return {
      inserted: finalNames,
      snapshots: finalNames.map((n) => ({ sheet: n, address: 'A1', createdSheet: true, contents: [[null]] })),
    };
  }

  /**
   * What the range holds, enough to put it back exactly: each cell's formula, or its value; which cells hold text
   * (valueTypes String and no formula), so "00123", "2026-02-01" or "=x" come back as text and are not parsed
   * again; and the number formats.
   */
  async snapshot(ref: RangeRef): Promise<Snapshot> {
    const { start, end } = parseRange(ref.address);
    const { formulas, values, valueTypes, numberFormat } = await this.readBlocks(ref, [
      'formulas',
      'values',
      'valueTypes',
      'numberFormat',
    ]);
    const text = formulas.map((row, i) =>
      row.map((f, j) => {
        if (valueTypes[i]?.[j] !== 'String') return false;
        // a formula that shows text reads "=..." and shows something else; a text cell shows what it holds
        return !(typeof f === 'string' && f.startsWith('=') && f !== values[i]?.[j]);
      }),
    );
    const contents = formulas.map((row, i) =>
      row.map((f, j) => {
        if (text[i][j]) return String(values[i][j]);
        return f === '' || f === undefined || f === null ? null : (f as string | number | boolean);
      }),
    );
    const numberFormats = numberFormat.map((row) => row.map((f) => String(f ?? 'General')));
    return { sheet: ref.sheet, address: rangeAddress(start, end), createdSheet: false, contents, text, numberFormats };
  }

  /**
   * Puts a snapshot back in one sync (one undo step where supported): text cells are first formatted as text ('@')
   * so what is written there stays text, then the contents go back, then the number formats the cells had.
   * A snapshot without formats (taken elsewhere) gets its text cells written with a leading apostrophe instead.
   */
  async restore(snapshot: Snapshot): Promise<void> {
    if (snapshot.createdSheet) {
      await this.run(async (context) => {
        context.workbook.worksheets.getItem(snapshot.sheet).delete();
        await context.sync();
      }, true);
      return;
    }
    const { text, numberFormats } = snapshot;
    const anyText = text?.some((r) => r.some(Boolean)) ?? false;
    const contents = snapshot.contents.map((r, i) =>
      r.map((v, j) => (v === null ? '' : anyText && !numberFormats && text![i][j] ? `'${v}` : v)),
    );
    await this.run(async (context) => {
      const cells = contents.length * (contents[0]?.length ?? 0);
      if (cells >= BIG_WRITE_CELLS) context.workbook.application.suspendApiCalculationUntilNextSync();
      const sheet = context.workbook.worksheets.getItem(snapshot.sheet);
      // each step on its own range object: Excel applies them in the order they are queued
      if (numberFormats && anyText)
        sheet.getRange(snapshot.address).numberFormat = numberFormats.map((r, i) =>
          r.map((f, j) => (text![i][j] ? '@' : f)),
        );
      sheet.getRange(snapshot.address).formulas = contents as unknown as string[][];
      if (numberFormats) sheet.getRange(snapshot.address).numberFormat = numberFormats;
      await context.sync();
    }, true);
  }

  onChange(listener: () => void): () => void {
    let handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null = null;
    let stopped = false;
    void this.run(async (context) => {
      const h = context.workbook.worksheets.onChanged.add(async () => listener());
      await context.sync();
      handler = h;
      if (stopped) await this.removeHandler(handler);
    });
    return () => {
      stopped = true;
      if (handler) void this.removeHandler(handler);
    };
  }

  private async removeHandler(h: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>): Promise<void> {
    await Excel.run(h.context, async (context) => {
      h.remove();
      await context.sync();
    });
  }
}
