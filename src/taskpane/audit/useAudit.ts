/**
 * State and actions of the Audit tab: run the audit (with progress and cancel), select a finding's or a formula's
 * cell, and write the report to a new "SalesOps Audit" sheet with Undo. Everything goes through the Workbook
 * interface; the audit reads through the same door the pane uses, so it runs here in chunks (it yields to the UI
 * between them) rather than in a worker, which could not reach Excel.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useWorkbook } from '../WorkbookContext';
import { toUserMessage, type UserMessage } from '../shell/userError';
import type { WorkProgress } from '../useWorker';
import type { RangeRef, Snapshot } from '../../workbook/workbook';
import { auditWorkbook, AuditCancelled } from '../../audit/audit';
import { writeReportSheet } from '../../audit/report';
import type { AuditProgress, AuditReport, Finding, Severity } from '../../audit/types';

const PHASE_LABEL: Record<AuditProgress['phase'], string> = {
  reading: 'Reading sheets',
  inventory: 'Listing SALESOPS formulas',
  checks: 'Checking formulas',
  done: 'Finishing',
};

export interface UseAudit {
  report: AuditReport | null;
  /** Findings by severity, high first. */
  groups: { severity: Severity; findings: Finding[] }[];
  progress: WorkProgress | null;
  running: boolean;
  message: UserMessage | null;
  dismiss(): void;
  run(): Promise<void>;
  cancel(): void;
  /** Selects a range in the workbook (a finding's first cell, a formula's cell). */
  select(ref: RangeRef): Promise<void>;
  writeReport(): Promise<void>;
  /** Deletes the report sheet written last, when there is one. */
  undo: (() => Promise<void>) | null;
  busy: boolean;
}

export function useAudit(): UseAudit {
  const workbook = useWorkbook();
  const [report, setReport] = useState<AuditReport | null>(null);
  const [progress, setProgress] = useState<WorkProgress | null>(null);
  const [message, setMessage] = useState<UserMessage | null>(null);
  const [written, setWritten] = useState<Snapshot | null>(null);
  const [busy, setBusy] = useState(false);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(async () => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setMessage(null);
    setProgress({ done: 0, total: 1, label: PHASE_LABEL.reading });
    try {
      const r = await auditWorkbook(workbook, {
        signal: c.signal,
        onProgress: (p) => setProgress({ done: p.done, total: p.total, label: PHASE_LABEL[p.phase] }),
      });
      setReport(r);
      const high = r.summary.findings.high;
      setMessage(
        r.findings.length === 0
          ? {
              intent: 'success',
              title: 'No findings',
              message: `${r.summary.formulas} formula(s) checked, ${r.summary.salesopsFormulas} of them SALESOPS.`,
            }
          : {
              intent: high ? 'warning' : 'info',
              title: `${r.findings.length} finding(s)`,
              message: `${high} high, ${r.summary.findings.medium} medium, ${r.summary.findings.low} low in ${r.summary.formulas} formula(s).`,
              action: 'Click a finding to go to its cells.',
            },
      );
    } catch (e) {
      if (!(e instanceof AuditCancelled)) setMessage(toUserMessage(e, 'audit the workbook', workbook.host));
    } finally {
      if (controller.current === c) controller.current = null;
      setProgress(null);
    }
  }, [workbook]);

  const cancel = useCallback(() => controller.current?.abort(), []);

  const select = useCallback(
    async (ref: RangeRef) => {
      try {
        await workbook.select(ref);
      } catch (e) {
        setMessage(toUserMessage(e, `go to ${ref.sheet}!${ref.address}`, workbook.host));
      }
    },
    [workbook],
  );

  const writeReport = useCallback(async () => {
    if (!report) return;
    setBusy(true);
    try {
      const { sheet, snapshot } = await writeReportSheet(workbook, report);
      setWritten(snapshot);
      setMessage({
        intent: 'success',
        title: `Report written to "${sheet}"`,
        message: 'A new sheet; no other sheet was changed.',
      });
    } catch (e) {
      setMessage(toUserMessage(e, 'write the audit report', workbook.host));
    } finally {
      setBusy(false);
    }
  }, [report, workbook]);

  const undo = useMemo(
    () =>
      written
        ? async () => {
            try {
              await workbook.restore(written);
              setWritten(null);
              setMessage({ intent: 'info', title: 'Report sheet removed', message: `"${written.sheet}" was deleted.` });
            } catch (e) {
              setMessage(toUserMessage(e, 'remove the report sheet', workbook.host));
            }
          }
        : null,
    [written, workbook],
  );

  const groups = useMemo(() => {
    const order: Severity[] = ['high', 'medium', 'low'];
    return order
      .map((severity) => ({ severity, findings: report?.findings.filter((f) => f.severity === severity) ?? [] }))
      .filter((g) => g.findings.length > 0);
  }, [report]);

  return {
    report,
    groups,
    progress,
    running: progress !== null,
    message,
    dismiss: () => setMessage(null),
    run,
    cancel,
    select,
    writeReport,
    undo,
    busy,
  };
}
