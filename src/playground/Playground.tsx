/**
 * The playground: an Excel-like grid (formula bar, sheet tabs) beside the real task pane, both over one headless
 * workbook. Editing a cell recalculates its dependents live; the task pane's Insert writes into the selected cell.
 */
import {
  Button,
  Caption1,
  FluentProvider,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Text,
  Tooltip,
} from '@fluentui/react-components';
import { excelLightTheme } from '../taskpane/theme';
import { ArrowDownloadRegular, FolderOpenRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from '../taskpane/App';
import type { HeadlessWorkbook } from '../hosts/headless/workbook';
import { cellAddress, type CellPos } from '../workbook/a1';
import { SheetGrid } from './SheetGrid';
import { openWorkbookFile, workbookToXlsx } from './files';
import type { SampleLayout } from './sample';
import { createTerritoryWebWorker } from '../taskpane/territory/webWorker';

/** Props of {@link Playground}. */
export interface PlaygroundProps {
  initial: HeadlessWorkbook;
  /** Widths, bold rows and input cells of the sample; none for an opened file. */
  layout?: SampleLayout;
  fileName?: string;
}

interface Notice {
  intent: 'error' | 'warning' | 'success' | 'info';
  title: string;
  text: string;
}

export function Playground({ initial, layout, fileName = 'SalesOps sample.xlsx' }: PlaygroundProps) {
  const [wb, setWb] = useState(initial);
  const [name, setName] = useState(fileName);
  const [lay, setLay] = useState<SampleLayout | undefined>(layout);
  const [sheet, setSheet] = useState(() => initial.engine.getSheetNames()[0]);
  const [pos, setPos] = useState<CellPos>({ row: 0, col: 0 });
  const [revision, setRevision] = useState(0);
  const [bar, setBar] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => wb.onChange(() => setRevision((r) => r + 1)), [wb]);
  useEffect(() => setBar(wb.cellInput(sheet, pos)), [wb, sheet, pos, revision]);
  useEffect(
    () =>
      wb.onSelect((ref) => {
        if (ref.sheet !== sheet) setSheet(ref.sheet);
      }),
    [wb, sheet],
  );
  const sheets = wb.engine.getSheetNames();
  if (!sheets.includes(sheet)) setSheet(sheets[0]);

  const writeFailed = useCallback(
    (e: unknown) =>
      setNotice({
        intent: 'error',
        title: 'The cell was not changed',
        text: `${e instanceof Error ? e.message : String(e)}. Check the formula and type it again.`,
      }),
    [],
  );
  const commitBar = useCallback(() => {
    if (bar === wb.cellInput(sheet, pos)) return;
    wb.write({ sheet, address: cellAddress(pos.row, pos.col) }, [[bar === '' ? null : bar]]).catch(writeFailed);
  }, [bar, wb, sheet, pos, writeFailed]);

  const open = async (file: File) => {
    try {
      // reading and recalculating a large file takes a moment: say so, and let the notice paint before the work starts
      setNotice({
        intent: 'info',
        title: `Opening ${file.name}…`,
        text: 'Reading the sheets and recalculating every formula in your browser.',
      });
      await new Promise((r) => setTimeout(r, 30));
      const { workbook, warnings } = await openWorkbookFile(new Uint8Array(await file.arrayBuffer()));
      setWb(workbook);
      setName(file.name);
      setLay(undefined);
      setSheet(workbook.engine.getSheetNames()[0]);
      setPos({ row: 0, col: 0 });
      setNotice(
        warnings.length
          ? { intent: 'warning', title: `Opened ${file.name}`, text: warnings.join(' ') }
          : {
              intent: 'success',
              title: `Opened ${file.name}`,
              text: 'Every formula was recalculated in your browser.',
            },
      );
    } catch (e) {
      setNotice({
        intent: 'error',
        title: `Could not open ${file.name}`,
        text: `${e instanceof Error ? e.message : String(e)}. Choose an .xlsx saved by Excel.`,
      });
    }
  };

  const download = async () => {
    try {
      const bytes = await workbookToXlsx(wb);
      const url = URL.createObjectURL(
        new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = name.replace(/\.xlsx$/i, '') + ' (recalculated).xlsx';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setNotice({
        intent: 'error',
        title: 'Could not build the download',
        text: `${e instanceof Error ? e.message : String(e)}. Try again after undoing your last edit.`,
      });
    }
  };

  return (
    // The class goes on an inner div: Fluent copies the provider's className onto its portals (tooltips).
    <FluentProvider theme={excelLightTheme} style={{ height: '100%' }}>
      <div className="pg-root">
        <header className="pg-titlebar">
          <span className="pg-app">SalesOps Planner</span>
          <Text weight="semibold" className="pg-file">
            {name}
          </Text>
          <Caption1 className="pg-tag">Playground: runs entirely in your browser</Caption1>
          <span className="pg-spacer" />
          <input
            ref={fileInput}
            type="file"
            accept=".xlsx"
            hidden
            data-testid="open-file"
            onChange={(e) => e.target.files?.[0] && void open(e.target.files[0])}
          />
          <Tooltip content="Open an .xlsx from your computer" relationship="description">
            <Button
              appearance="subtle"
              icon={<FolderOpenRegular />}
              onClick={() => fileInput.current?.click()}
              className="pg-titlebutton"
            >
              Open .xlsx
            </Button>
          </Tooltip>
          <Tooltip content="Download the recalculated workbook" relationship="description">
            <Button
              appearance="subtle"
              icon={<ArrowDownloadRegular />}
              onClick={() => void download()}
              className="pg-titlebutton"
            >
              Download
            </Button>
          </Tooltip>
        </header>
        <div className="pg-body">
          <section className="pg-sheet" aria-label="Spreadsheet">
            <div className="pg-formulabar">
              <span className="pg-namebox" aria-label="Selected cell">
                {cellAddress(pos.row, pos.col)}
              </span>
              <span className="pg-fx">fx</span>
              <Input
                className="pg-formula-input"
                aria-label="Formula bar"
                value={bar}
                appearance="underline"
                onChange={(_, d) => setBar(d.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') commitBar();
                  if (e.key === 'Escape') setBar(wb.cellInput(sheet, pos));
                }}
                onBlur={commitBar}
              />
            </div>
            {notice ? (
              <MessageBar intent={notice.intent} className="pg-notice" onClick={() => setNotice(null)}>
                <MessageBarBody>
                  <MessageBarTitle>{notice.title}</MessageBarTitle>
                  {notice.text}
                </MessageBarBody>
              </MessageBar>
            ) : null}
            <SheetGrid
              key={`${sheets.indexOf(sheet)}:${sheet}:${name}`}
              workbook={wb}
              sheet={sheet}
              widths={lay?.widths[sheet]}
              boldRows={lay?.boldRows[sheet]}
              inputs={lay?.inputs[sheet]}
              revision={revision}
              onSelect={setPos}
              onWriteError={writeFailed}
            />
            <TabList
              className="pg-sheettabs"
              size="small"
              selectedValue={sheet}
              onTabSelect={(_, d) => setSheet(String(d.value))}
              aria-label="Sheets"
            >
              {sheets.map((s) => (
                <Tab key={s} value={s}>
                  {s}
                </Tab>
              ))}
            </TabList>
          </section>
          <aside className="pg-taskpane" aria-label="SalesOps Planner task pane">
            <App key={name} workbook={wb} createTerritoryWorker={createTerritoryWebWorker} />
          </aside>
        </div>
      </div>
    </FluentProvider>
  );
}
