/**
 * State and actions of the Audit tab's Compare: the earlier version (an uploaded .xlsx, read without the engine)
 * against the open workbook (read through the Workbook interface), the changes grouped by kind, selecting a
 * change's cell, and writing the comparison to a new "SalesOps Compare" sheet (with Undo). Only that sheet is
 * ever written; the comparison itself reads.
 */
import { useCallback, useMemo, useState } from 'react';
import { useWorkbook } from '../WorkbookContext';
import { toUserMessage, type UserMessage } from '../shell/userError';
import type { RangeRef, Snapshot } from '../../workbook/workbook';
import { readXlsxSnapshot } from '../../diff/read-xlsx';
import { snapshotFromWorkbook } from '../../diff/snapshot';
import { diffSnapshots } from '../../diff/diff';
import { groupChanges, summaryLine, writeCompareSheet } from '../../diff/report';
import type { DiffReport } from '../../diff/types';

/** The bytes of a picked file (File.arrayBuffer where the browser has it, FileReader elsewhere). */
async function fileBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name} could not be read`));
    reader.readAsArrayBuffer(file);
  });
}

export interface UseCompare {
  report: DiffReport | null;
  labels: { before: string; after: string } | null;
  groups: ReturnType<typeof groupChanges>;
  running: boolean;
  busy: boolean;
  message: UserMessage | null;
  dismiss(): void;
  compare(file: File): Promise<void>;
  select(ref: RangeRef | null): Promise<void>;
  writeReport(): Promise<void>;
  undo: (() => Promise<void>) | null;
}

export function useCompare(): UseCompare {
  const workbook = useWorkbook();
  const [report, setReport] = useState<DiffReport | null>(null);
  const [labels, setLabels] = useState<{ before: string; after: string } | null>(null);
  const [running, setRunning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<UserMessage | null>(null);
  const [written, setWritten] = useState<Snapshot | null>(null);

  const compare = useCallback(
    async (file: File) => {
      setRunning(true);
      setMessage(null);
      try {
        let before;
        try {
          before = await readXlsxSnapshot(await fileBytes(file));
        } catch (e) {
          const text = e instanceof Error ? e.message : String(e);
          setMessage({
            intent: 'error',
            title: `Could not read ${file.name}`,
            message: text,
            action: 'Pick the earlier version saved as an Excel Workbook (.xlsx).',
          });
          return;
        }
        const after = await snapshotFromWorkbook(workbook);
        const r = diffSnapshots(before, after);
        const names = { before: file.name, after: `the open workbook (${workbook.host})` };
        setReport(r);
        setLabels(names);
        setMessage(
          r.changes.length === 0
            ? { intent: 'success', title: 'No changes', message: `The open workbook is the same as ${file.name}.` }
            : {
                intent: 'info',
                title: `${r.changes.length} change(s) since ${file.name}`,
                message: summaryLine(r).replace(/^\d+ change\(s\): (.)/, (_, c: string) => c.toUpperCase()),
                action: 'Click a change to go to its cell.',
              },
        );
      } catch (e) {
        setMessage(toUserMessage(e, 'compare the workbooks', workbook.host));
      } finally {
        setRunning(false);
      }
    },
    [workbook],
  );

  const select = useCallback(
    async (ref: RangeRef | null) => {
      if (!ref) return;
      try {
        await workbook.select(ref);
      } catch (e) {
        setMessage(toUserMessage(e, `go to ${ref.sheet}!${ref.address}`, workbook.host));
      }
    },
    [workbook],
  );

  const writeReport = useCallback(async () => {
    if (!report || !labels) return;
    setBusy(true);
    try {
      const { sheet, snapshot } = await writeCompareSheet(workbook, report, labels);
      setWritten(snapshot);
      setMessage({
        intent: 'success',
        title: `Comparison written to "${sheet}"`,
        message: 'A new sheet; no other sheet was changed.',
      });
    } catch (e) {
      setMessage(toUserMessage(e, 'write the comparison', workbook.host));
    } finally {
      setBusy(false);
    }
  }, [report, labels, workbook]);

  const undo = useMemo(
    () =>
      written
        ? async () => {
            try {
              await workbook.restore(written);
              setWritten(null);
              setMessage({
                intent: 'info',
                title: 'Comparison sheet removed',
                message: `"${written.sheet}" was deleted.`,
              });
            } catch (e) {
              setMessage(toUserMessage(e, 'remove the comparison sheet', workbook.host));
            }
          }
        : null,
    [written, workbook],
  );

  const groups = useMemo(() => (report ? groupChanges(report) : []), [report]);
  return {
    report,
    labels,
    groups,
    running,
    busy,
    message,
    dismiss: () => setMessage(null),
    compare,
    select,
    writeReport,
    undo,
  };
}
