/** State and actions of the Templates tab: fetch a template, insert its sheets, offer Undo. */
import { useCallback, useMemo, useState } from 'react';
import { useWorkbook } from '../WorkbookContext';
import { toUserMessage, type UserMessage } from '../shell/userError';
import type { Snapshot } from '../../workbook/workbook';
import { TEMPLATES, templateUrl, type TemplateInfo } from './catalog';
import { renameXlsxTables, uniqueTableNames, xlsxTableNames } from '../../xlsx/rename';

/** Fetches a template's bytes from the page's own origin (webpack copies assets/templates/ next to the page). */
export async function fetchTemplate(t: TemplateInfo): Promise<Uint8Array> {
  const response = await fetch(templateUrl(t));
  if (!response.ok)
    throw new Error(`The ${t.title} template could not be loaded (HTTP ${response.status} for ${templateUrl(t)}).`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * The host cannot insert sheets from a file: an error whose `code` is 'unsupported' (what a Workbook host throws
 * when, say, Excel lacks ExcelApi 1.13), Office's own 'ApiNotFound' / 'NotImplemented', or the TypeError of calling
 * a missing insertWorksheetsFromBase64.
 */
export function isUnsupportedInsert(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^(unsupported|ApiNotFound|NotImplemented)$/i.test(code)) return true;
  return e instanceof TypeError && /insertWorksheetsFromBase64/.test(e.message);
}

/** What the tab says when the host cannot insert sheets from a file (`detail`: the host's own words, if any). */
export function unsupportedMessage(t: TemplateInfo, host: string, detail?: string): UserMessage {
  return {
    intent: 'error',
    title: `Could not insert ${t.title}`,
    message: `${host} cannot insert sheets from a file here${detail ? ` (${detail.replace(/\.$/, '')})` : ''}.`,
    action: `Use Excel 2021 or Microsoft 365 (ExcelApi 1.13), or open the template file ${t.id}.xlsx directly.`,
  };
}

/**
 * The template's bytes with its Excel tables renamed where the open workbook already uses the name (table names are
 * workbook-wide, and so clash with defined names too): `tblReps` -> `tblReps_2`, structured references following.
 */
export async function withFreeTableNames(
  bytes: Uint8Array,
  tables: readonly string[],
  names: readonly string[],
): Promise<{ bytes: Uint8Array; renamed: Map<string, string> }> {
  const renamed = uniqueTableNames(await xlsxTableNames(bytes), [...tables, ...names]);
  return { bytes: renamed.size ? await renameXlsxTables(bytes, renamed) : bytes, renamed };
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
        setMessage(unsupportedMessage(t, workbook.host));
        return;
      }
      setBusy(t.id);
      setMessage(null);
      try {
        // Names in use, for the table renames; listing them is best effort (an insert still works without it, and
        // the host then keeps or suffixes the names itself).
        const inUse = <T>(p: Promise<T[]>) => p.catch((): T[] => []);
        const [bytes, tables, names] = await Promise.all([
          load(t),
          inUse(workbook.listTables()),
          inUse(workbook.listNamedRanges()),
        ]);
        const free = await withFreeTableNames(
          bytes,
          tables.map((x) => x.name),
          names.map((x) => x.name),
        );
        const result = await workbook.insertSheetsFromXlsx(free.bytes);
        setLast(result.snapshots);
        const renamed = result.inserted.filter((n, i) => n !== t.sheets[i]);
        const tablesRenamed = [...free.renamed].map(([a, b]) => `${a} is ${b}`);
        setMessage({
          intent: 'success',
          title: `Inserted ${t.title}`,
          message:
            `New sheets: ${result.inserted.join(', ')}.` +
            (renamed.length ? ' Names already in use got a number; your existing sheets were not changed.' : '') +
            (tablesRenamed.length ? ` Table names already in use got a suffix: ${tablesRenamed.join(', ')}.` : ''),
          action: 'Edit the yellow input cells; the green cells recalculate.',
        });
        if (result.inserted[0]) await workbook.select({ sheet: result.inserted[0], address: 'A1' });
      } catch (e) {
        // the host's own words only for its 'unsupported' error (Office's codes and a TypeError are not for users)
        if (isUnsupportedInsert(e))
          setMessage(
            unsupportedMessage(
              t,
              workbook.host,
              (e as { code?: unknown }).code === 'unsupported' && e instanceof Error ? e.message : undefined,
            ),
          );
        else setMessage(toUserMessage(e, `insert ${t.title}`, workbook.host));
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
              setMessage({
                intent: 'info',
                title: 'Insert undone',
                message: `Removed ${last.map((s) => s.sheet).join(', ')}.`,
              });
            } catch (e) {
              setMessage(toUserMessage(e, 'undo the insert', workbook.host));
            }
          }
        : null,
    [last, workbook],
  );

  return { templates: TEMPLATES, busy, message, dismiss: () => setMessage(null), insert, undo };
}
