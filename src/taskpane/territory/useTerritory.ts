/**
 * State and actions of the Territory tab: pick the accounts and reps tables (Excel tables or selected ranges with
 * headers), map columns (guessed from the headers), run the balancing in a worker with progress and cancel, then
 * Apply (a new "Proposed owner" column beside the accounts and a "Territory summary" sheet) and Undo (every snapshot
 * put back, last first), all through the Workbook interface.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useWorkbook } from '../WorkbookContext';
import { useWorker, type WorkerLike } from '../useWorker';
import { CancelledError, toUserMessage, type UserMessage } from '../shell/userError';
import type { RangeData, RangeRef, Snapshot, TableInfo } from '../../workbook/workbook';
import { columnLetters, parseRange, rangeAddress } from '../../workbook/a1';
import type { TerritoryResult } from '../../models/territory';
import type { TerritoryJobInput } from './job';
import {
  currentLoads,
  guessAccountColumns,
  guessRepColumns,
  metricNamesOf,
  readAccounts,
  readReps,
  summaryRows,
  type AccountColumns,
  type RepColumns,
} from './mapping';

/** How many columns right of the accounts Apply looks at for an empty one. */
export const FREE_COLUMN_SEARCH = 50;

/** Where a table comes from: an Excel table by name, or a range with its header row. */
export type Source = { kind: 'table'; name: string } | { kind: 'range'; ref: RangeRef };

export function sourceLabel(s: Source | null): string {
  return s === null ? '' : s.kind === 'table' ? s.name : `${s.ref.sheet}!${s.ref.address}`;
}

export interface Priorities {
  disruption: number;
  travel: number;
}

export interface BalanceView {
  result: TerritoryResult;
  metricNames: string[];
  repIds: string[];
  before: number[][];
  tolerance: number;
}

export interface UseTerritory {
  tables: TableInfo[];
  accountsSource: Source | null;
  repsSource: Source | null;
  setAccountsSource(s: Source | null): Promise<void>;
  setRepsSource(s: Source | null): Promise<void>;
  takeSelection(which: 'accounts' | 'reps'): Promise<void>;
  accountsData: RangeData | null;
  repsData: RangeData | null;
  accountCols: AccountColumns | null;
  repCols: RepColumns | null;
  setAccountCols(c: AccountColumns): void;
  setRepCols(c: RepColumns): void;
  tolerancePercent: number;
  setTolerancePercent(n: number): void;
  priorities: Priorities;
  setPriorities(p: Priorities): void;
  run(): Promise<void>;
  cancel(): void;
  running: boolean;
  progress: ReturnType<typeof useWorker>['progress'];
  view: BalanceView | null;
  apply(): Promise<void>;
  applied: boolean;
  undo(): Promise<void>;
  message: UserMessage | null;
  dismiss(): void;
  busy: boolean;
}

/** The range a source covers, header row included. */
async function sourceRef(workbook: ReturnType<typeof useWorkbook>, s: Source): Promise<RangeRef> {
  if (s.kind === 'range') return s.ref;
  const t = (await workbook.listTables()).find((x) => x.name === s.name);
  if (!t) throw new Error(`There is no table named '${s.name}'.`);
  return { sheet: t.sheet, address: t.address };
}

async function readSource(workbook: ReturnType<typeof useWorkbook>, s: Source): Promise<RangeData> {
  return s.kind === 'table' ? workbook.readTable(s.name) : workbook.readRange(s.ref, { headers: true });
}

export function useTerritory(createWorker: () => WorkerLike): UseTerritory {
  const workbook = useWorkbook();
  const worker = useWorker<TerritoryJobInput, TerritoryResult>(createWorker);
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [accountsSource, setAccounts] = useState<Source | null>(null);
  const [repsSource, setReps] = useState<Source | null>(null);
  const [accountsData, setAccountsData] = useState<RangeData | null>(null);
  const [repsData, setRepsData] = useState<RangeData | null>(null);
  const [accountCols, setAccountCols] = useState<AccountColumns | null>(null);
  const [repCols, setRepCols] = useState<RepColumns | null>(null);
  const [tolerancePercent, setTolerancePercent] = useState(5);
  const [priorities, setPriorities] = useState<Priorities>({ disruption: 1, travel: 0.2 });
  const [view, setView] = useState<BalanceView | null>(null);
  const [snapshots, setSnapshots] = useState<Snapshot[]>([]);
  const [message, setMessage] = useState<UserMessage | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    workbook.listTables().then(
      (t) => live && setTables(t),
      (e) => live && setMessage(toUserMessage(e, 'list the tables', workbook.host)),
    );
    return () => {
      live = false;
    };
  }, [workbook]);

  const load = useCallback(
    async (which: 'accounts' | 'reps', s: Source | null) => {
      setView(null);
      if (which === 'accounts') setAccounts(s);
      else setReps(s);
      if (s === null) {
        if (which === 'accounts') {
          setAccountsData(null);
          setAccountCols(null);
        } else {
          setRepsData(null);
          setRepCols(null);
        }
        return;
      }
      try {
        const data = await readSource(workbook, s);
        if (which === 'accounts') {
          setAccountsData(data);
          setAccountCols(guessAccountColumns(data));
        } else {
          setRepsData(data);
          setRepCols(guessRepColumns(data));
        }
      } catch (e) {
        setMessage(toUserMessage(e, `read the ${which} table`, workbook.host));
      }
    },
    [workbook],
  );

  const takeSelection = useCallback(
    async (which: 'accounts' | 'reps') => {
      try {
        const sel = await workbook.getSelection();
        const { start, end } = parseRange(sel.address);
        if (end.row === start.row)
          throw new Error(
            `The selection ${sel.sheet}!${sel.address} is one row; select the ${which} table with its header row.`,
          );
        await load(which, { kind: 'range', ref: sel });
      } catch (e) {
        setMessage(toUserMessage(e, `use the selection for ${which}`, workbook.host));
      }
    },
    [workbook, load],
  );

  const run = useCallback(async () => {
    if (!accountsData || !repsData || !accountCols || !repCols) {
      setMessage({
        intent: 'warning',
        title: 'Pick the tables first',
        message: 'Choose an accounts table and a reps table.',
      });
      return;
    }
    setMessage(null);
    try {
      const { accounts } = readAccounts(accountsData, accountCols);
      const reps = readReps(repsData, repCols);
      const metricNames = metricNamesOf(accountsData.headers, accountCols);
      const tolerance = tolerancePercent / 100;
      const result = await worker.run({
        accounts,
        reps,
        options: { metricNames, tolerance, weights: priorities, seed: 1 },
      });
      setView({
        result,
        metricNames,
        repIds: reps.map((r) => r.id),
        before: currentLoads(accounts, reps, metricNames.length),
        tolerance,
      });
      setMessage(
        result.feasible
          ? { intent: 'success', title: 'Balanced', message: result.message }
          : {
              intent: 'warning',
              title: 'Not every rep is within the tolerance',
              message: result.message,
              action:
                'Raise the tolerance, unlock accounts, or add reps; the plan shown is the most balanced one found.',
            },
      );
    } catch (e) {
      if (e instanceof CancelledError) {
        setMessage({ intent: 'info', title: 'Cancelled', message: 'Balancing stopped; the workbook is unchanged.' });
        return;
      }
      setMessage(toUserMessage(e, 'balance the territories', workbook.host));
    }
  }, [accountsData, repsData, accountCols, repCols, tolerancePercent, priorities, worker, workbook]);

  const apply = useCallback(async () => {
    if (!view || !accountsSource || !accountsData || !accountCols) return;
    setBusy(true);
    const taken: Snapshot[] = [];
    try {
      const ref = await sourceRef(workbook, accountsSource);
      const { start, end } = parseRange(ref.address);
      // The first empty column right of the accounts (never the owner column, never over the user's data).
      let col = -1;
      for (let c = end.col + 1; c <= end.col + FREE_COLUMN_SEARCH; c++) {
        const probe = await workbook.readRange({
          sheet: ref.sheet,
          address: rangeAddress({ row: start.row, col: c }, { row: end.row, col: c }),
        });
        if (probe.values.every((r) => r[0] === null || r[0] === '')) {
          col = c;
          break;
        }
      }
      if (col < 0) {
        const first = columnLetters(end.col + 1);
        const last = columnLetters(end.col + FREE_COLUMN_SEARCH);
        setMessage({
          intent: 'error',
          title: 'No free column for the proposed owners',
          message: `Every column from ${first} to ${last} on '${ref.sheet}' holds data in rows ${start.row + 1} to ${end.row + 1}, beside the accounts; nothing was written.`,
          action: `Clear a column right of the accounts (or move the data in ${first}), then Apply again.`,
        });
        return;
      }
      const { rows } = readAccounts(accountsData, accountCols);
      const owners: (string | null)[] = accountsData.values.map(() => null);
      rows.forEach((r, i) => (owners[r] = view.result.assignments[i].owner));
      taken.push(
        await workbook.write(
          { sheet: ref.sheet, address: rangeAddress({ row: start.row, col }, { row: end.row, col }) },
          [['Proposed owner'], ...owners.map((o) => [o])],
        ),
      );
      const sheet = await workbook.addSheet('Territory summary');
      taken.push(sheet.snapshot);
      const body = summaryRows(view.result, view.metricNames);
      taken.push(
        await workbook.write(
          {
            sheet: sheet.name,
            address: rangeAddress({ row: 0, col: 0 }, { row: body.length - 1, col: body[0].length - 1 }),
          },
          body,
        ),
      );
      setSnapshots(taken);
      setMessage({
        intent: 'success',
        title: 'Applied',
        message: `Proposed owners are in ${ref.sheet}!${columnLetters(col)}; the summary is on the sheet '${sheet.name}'.`,
        action: 'Undo puts the workbook back exactly as it was.',
      });
    } catch (e) {
      // A half-applied plan is rolled back at once.
      for (const s of taken.reverse()) await workbook.restore(s).catch(() => undefined);
      setMessage(toUserMessage(e, 'apply the plan', workbook.host));
    } finally {
      setBusy(false);
    }
  }, [view, accountsSource, accountsData, accountCols, workbook]);

  const undo = useCallback(async () => {
    setBusy(true);
    try {
      for (const s of [...snapshots].reverse()) await workbook.restore(s);
      setSnapshots([]);
      setMessage({
        intent: 'info',
        title: 'Undone',
        message: 'The proposed owners and the summary sheet are removed; the workbook is as it was.',
      });
    } catch (e) {
      setMessage(toUserMessage(e, 'undo the plan', workbook.host));
    } finally {
      setBusy(false);
    }
  }, [snapshots, workbook]);

  return useMemo(
    () => ({
      tables,
      accountsSource,
      repsSource,
      setAccountsSource: (s: Source | null) => load('accounts', s),
      setRepsSource: (s: Source | null) => load('reps', s),
      takeSelection,
      accountsData,
      repsData,
      accountCols,
      repCols,
      setAccountCols,
      setRepCols,
      tolerancePercent,
      setTolerancePercent,
      priorities,
      setPriorities,
      run,
      cancel: worker.cancel,
      running: worker.running,
      progress: worker.progress,
      view,
      apply,
      applied: snapshots.length > 0,
      undo,
      message,
      dismiss: () => setMessage(null),
      busy,
    }),
    [
      tables,
      accountsSource,
      repsSource,
      load,
      takeSelection,
      accountsData,
      repsData,
      accountCols,
      repCols,
      tolerancePercent,
      priorities,
      run,
      worker,
      view,
      apply,
      snapshots,
      undo,
      message,
      busy,
    ],
  );
}
