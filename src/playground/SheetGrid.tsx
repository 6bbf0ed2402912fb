/**
 * The playground's spreadsheet grid: ag-grid (MIT community edition) over one sheet of the headless workbook.
 * Cells read straight from the engine (valueGetter), so a recalculation only needs a refresh of the visible cells.
 * Editing a cell writes the typed text through the Workbook interface; the engine parses numbers, dates and formulas.
 */
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type CellFocusedEvent,
  type ColDef,
  type GridApi,
  type ICellRendererParams,
} from 'ag-grid-community';
import { AgGridReact, type CustomCellEditorProps } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { HeadlessWorkbook } from '../hosts/headless/workbook';
import { cellAddress, columnIndex, columnLetters, parseRange, type CellPos } from '../workbook/a1';
import { displayValue } from './format';

ModuleRegistry.registerModules([AllCommunityModule]);

/** Excel-like look: square cells, grey headers, thin grid lines, Segoe UI. */
const excelTheme = themeQuartz.withParams({
  fontFamily: '"Segoe UI", "Segoe UI Web (West European)", -apple-system, Roboto, "Helvetica Neue", sans-serif',
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 400,
  rowHeight: 24,
  headerHeight: 24,
  spacing: 4,
  borderRadius: 0,
  wrapperBorderRadius: 0,
  wrapperBorder: false,
  headerBackgroundColor: '#F3F3F3',
  headerTextColor: '#444',
  columnBorder: { color: '#E1E1E1' },
  rowBorder: { color: '#E1E1E1' },
  headerColumnBorder: { color: '#D0D0D0' },
  accentColor: '#107C41',
  selectedRowBackgroundColor: 'transparent',
  rowHoverColor: 'transparent',
  cellHorizontalPadding: 6,
});

interface Row {
  r: number;
}

/** Props of {@link SheetGrid}. */
export interface SheetGridProps {
  workbook: HeadlessWorkbook;
  sheet: string;
  /** Column widths in pixels, A first. */
  widths?: number[];
  boldRows?: number[];
  /** A1 ranges shown in Excel's Input style. */
  inputs?: string[];
  /** Changes whenever the engine recalculates: the grid refreshes its visible cells. */
  revision: number;
  onSelect(pos: CellPos): void;
  /** A write the workbook refused (the playground shows it in its MessageBar). */
  onWriteError?(error: unknown): void;
}

function inRanges(pos: CellPos, ranges: { start: CellPos; end: CellPos }[]): boolean {
  return ranges.some(
    (g) => pos.row >= g.start.row && pos.row <= g.end.row && pos.col >= g.start.col && pos.col <= g.end.col,
  );
}

/** A text editor that starts from the cell's formula (or the typed key), as Excel does. */
function FormulaEditor(props: CustomCellEditorProps<Row, string> & { workbook: HeadlessWorkbook; sheet: string }) {
  const col = Number(props.colDef.field);
  const start =
    props.eventKey && props.eventKey.length === 1
      ? props.eventKey
      : props.workbook.cellInput(props.sheet, { row: props.data.r, col });
  const [text, setText] = useState(start);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    props.onValueChange(start);
    ref.current?.focus();
  }, []);
  return (
    <input
      ref={ref}
      className="pg-cell-editor"
      aria-label={`Edit ${cellAddress(props.data.r, col)}`}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        props.onValueChange(e.target.value);
      }}
    />
  );
}

export function SheetGrid({
  workbook,
  sheet,
  widths = [],
  boldRows = [],
  inputs = [],
  revision,
  onSelect,
  onWriteError = () => {},
}: SheetGridProps) {
  const api = useRef<GridApi<Row> | null>(null);
  const dims = workbook.dimensions(sheet);
  const rowCount = Math.max(dims.rows + 20, 60);
  const colCount = Math.max(dims.cols + 3, 12);
  const inputRanges = useMemo(() => inputs.map((a) => parseRange(a)), [inputs]);
  const bold = useMemo(() => new Set(boldRows), [boldRows]);
  const rowData = useMemo(() => Array.from({ length: rowCount }, (_, r) => ({ r })), [rowCount]);

  const columnDefs = useMemo<ColDef<Row>[]>(() => {
    const rowHeader: ColDef<Row> = {
      headerName: '',
      colId: 'rowNumber',
      pinned: 'left',
      width: 48,
      editable: false,
      suppressMovable: true,
      valueGetter: (p) => (p.data ? p.data.r + 1 : ''),
      cellClass: 'pg-row-header',
    };
    const cols = Array.from({ length: colCount }, (_, c): ColDef<Row> => ({
      headerName: columnLetters(c),
      field: String(c) as never,
      colId: columnLetters(c),
      width: widths[c] ?? 90,
      editable: true,
      suppressMovable: true,
      sortable: false,
      cellEditor: FormulaEditor,
      cellEditorParams: { workbook, sheet },
      valueGetter: (p) => (p.data ? workbook.cellValue(sheet, { row: p.data.r, col: c }) : null),
      valueSetter: (p) => {
        if (!p.data) return false;
        const text = p.newValue === null || p.newValue === undefined ? '' : String(p.newValue);
        workbook.write({ sheet, address: cellAddress(p.data.r, c) }, [[text === '' ? null : text]]).catch(onWriteError);
        return false;
      },
      cellRenderer: (p: ICellRendererParams<Row>) => {
        if (!p.data) return null;
        const pos = { row: p.data.r, col: c };
        const type = workbook.engine.getCellValueDetailedType({
          sheet: workbook.sheetId(sheet),
          row: pos.row,
          col: pos.col,
        });
        const d = displayValue(workbook.cellValue(sheet, pos), type);
        return (
          <span className={`pg-cell pg-${d.kind}`} title={d.message}>
            {d.text}
          </span>
        );
      },
      cellClass: (p) => {
        if (!p.data) return '';
        const pos = { row: p.data.r, col: c };
        const classes = [];
        if (bold.has(pos.row)) classes.push('pg-bold');
        if (inRanges(pos, inputRanges)) classes.push('pg-input');
        if (workbook.cellInput(sheet, pos).startsWith('=')) classes.push('pg-formula');
        const v = workbook.cellValue(sheet, pos);
        if (typeof v === 'number') classes.push('pg-right');
        // Like Excel, text runs on over empty cells to its right.
        if (typeof v === 'string' && v !== '' && workbook.cellInput(sheet, { row: pos.row, col: pos.col + 1 }) === '')
          classes.push('pg-overflow');
        return classes.join(' ');
      },
    }));
    return [rowHeader, ...cols];
  }, [workbook, sheet, colCount, widths, bold, inputRanges]);

  useEffect(() => {
    api.current?.refreshCells({ force: true });
  }, [revision]);

  useEffect(
    () =>
      workbook.onSelect((ref) => {
        if (ref.sheet !== sheet || !api.current) return;
        const { start } = parseRange(ref.address);
        api.current.ensureIndexVisible(start.row);
        api.current.setFocusedCell(start.row, columnLetters(start.col));
      }),
    [workbook, sheet],
  );

  return (
    <div
      className="pg-grid"
      onKeyDown={(e: KeyboardEvent) => e.key === 'Delete' && clearFocused(api.current, workbook, sheet, onWriteError)}
    >
      <AgGridReact<Row>
        theme={excelTheme}
        rowData={rowData}
        columnDefs={columnDefs}
        getRowId={(p) => String(p.data.r)}
        onGridReady={(e) => {
          api.current = e.api;
          e.api.setFocusedCell(0, 'A');
        }}
        onCellFocused={(e: CellFocusedEvent<Row>) => {
          const colId = typeof e.column === 'object' && e.column ? e.column.getColId() : null;
          if (e.rowIndex === null || e.rowIndex === undefined || !colId || colId === 'rowNumber') return;
          const pos = { row: e.rowIndex, col: columnIndex(colId) };
          workbook.setSelection({ sheet, address: cellAddress(pos.row, pos.col) });
          onSelect(pos);
        }}
        singleClickEdit={false}
        stopEditingWhenCellsLoseFocus
        enterNavigatesVerticallyAfterEdit
        suppressCellFocus={false}
        animateRows={false}
        rowBuffer={20}
      />
    </div>
  );
}

function clearFocused(
  api: GridApi<Row> | null,
  workbook: HeadlessWorkbook,
  sheet: string,
  onWriteError: (e: unknown) => void,
): void {
  const cell = api?.getFocusedCell();
  if (!cell || cell.column.getColId() === 'rowNumber' || api?.getEditingCells().length) return;
  const colId = cell.column.getColId();
  const col = columnIndex(colId);
  workbook.write({ sheet, address: cellAddress(cell.rowIndex, col) }, [[null]]).catch(onWriteError);
}
