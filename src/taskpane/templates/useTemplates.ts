/** State and actions of the Templates tab: fetch a template, insert its sheets, offer Undo. */
import { useCallback, useMemo, useState } from 'react';
import { useWorkbook } from '../WorkbookContext';
import { toUserMessage, type UserMessage } from '../shell/userError';
import type { Snapshot } from '../../workbook/workbook';
import { TEMPLATES, templateUrl, type TemplateInfo } from './catalog';

/** Fetches a template's bytes from the page's own origin (webpack copies assets/templates/ next to the page). */
export async function fetchTemplate(t: TemplateInfo): Promise<Uint8Array> {
  const response = await fetch(templateUrl(t));
  if (!response.ok) throw new Error(`The ${t.title} template could not be loaded (HTTP ${response.status} for ${templateUrl(t)}).`);
  return new Uint8Array(await response.arrayBuffer());
}

export interface UseTemplates {
  templates: readonly TemplateInfo[];
  /** The id of the template being inserted, or null. */
  busy: string | null;
  message: UserMessage | null;
  dismiss: () => void;
  insert: (t: TemplateInfo) => Promise<void>;
  /** Removes the sheets of the last insert; null when there is nothing to undo. */
  undo: (() => Promise<void>) | null;
}

/** `load` fetches a template's bytes (tests pass one that reads the file). */
export function useTemplates(load: (t: TemplateInfo) => Promise<Uint8Array> = fetchTemplate): UseTemplates {
  const workbook = useWorkbook();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<UserMessage | null>(null);
  const [last, setLast] = useState<Snapshot[] | null>(null);

  const insert = useCallback(
    async (t: TemplateInfo) => {
      if (!workbook.insertSheetsFromXlsx) {
        setMessage({ intent: 'error', title: `Could not insert ${t.title}`, message: `${workbook.host} cannot insert sheets from a file here.`, action: 'Use Excel 2021 or Microsoft 365 (ExcelApi 1.13), or open the template file directly.' });
        return;
      }
      setBusy(t.id);
      setMessage(null);
      try {
        const bytes = await load(t);
        const result = await workbook.insertSheetsFromXlsx(bytes);
        setLast(result.snapshots);
        const renamed = result.inserted.filter((n, i) => n !== t.sheets[i]);
        setMessage({
          intent: 'success',
          title: `Inserted ${t.title}`,
          message: `New sheets: ${result.inserted.join(', ')}.${renamed.length ? ' Names already in use got a number; your existing sheets were not changed.' : ''}`,
          action: 'Edit the yellow input cells; the green cells recalculate.',
        });
        if (result.inserted[0]) await workbook.select({ sheet: result.inserted[0], address: 'A1' });
      } catch (e) {
        setMessage(toUserMessage(e, `insert ${t.title}`, workbook.host));
      } finally {
        setBusy(null);
      }
    },
    [workbook, load],
  );

  const undo = useMemo(
    () =>
      last
        ? async () => {
            try {
              for (const s of [...last].reverse()) await workbook.restore(s);
              setLast(null);
              setMessage({ intent: 'info', title: 'Insert undone', message: `Removed ${last.map((s) => s.sheet).join(', ')}.` });
            } catch (e) {
              setMessage(toUserMessage(e, 'undo the insert', workbook.host));
            }
          }
        : null,
    [last, workbook],
  );

  return { templates: TEMPLATES, busy, message, dismiss: () => setMessage(null), insert, undo };
}
