/** State and actions of the Functions tab: search, and Insert with Undo through the Workbook interface. */
import { useCallback, useMemo, useState } from 'react';
import { useWorkbook } from '../WorkbookContext';
import { buildCatalog, firstCell, placeholderFormula, searchCatalog, type CatalogEntry } from './catalog';
import { toUserMessage, type UserMessage } from '../shell/userError';
import type { Snapshot } from '../../workbook/workbook';

export interface UseFunctions {
  query: string;
  setQuery(q: string): void;
  entries: CatalogEntry[];
  total: number;
  message: UserMessage | null;
  dismiss(): void;
  /** Writes the placeholder formula into the selected cell. */
  insert(entry: CatalogEntry): Promise<void>;
  /** Puts back what the last insert replaced, when there is one. */
  undo: (() => Promise<void>) | null;
  busy: boolean;
}

export function useFunctions(): UseFunctions {
  const workbook = useWorkbook();
  const all = useMemo(() => buildCatalog(), []);
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState<UserMessage | null>(null);
  const [last, setLast] = useState<Snapshot | null>(null);
  const [busy, setBusy] = useState(false);
  const entries = useMemo(() => searchCatalog(all, query), [all, query]);

  const insert = useCallback(
    async (entry: CatalogEntry) => {
      setBusy(true);
      try {
        const sel = await workbook.getSelection();
        const cell = firstCell(sel.address);
        const formula = placeholderFormula(entry);
        const snapshot = await workbook.write({ sheet: sel.sheet, address: cell }, [[formula]]);
        setLast(snapshot);
        setMessage({
          intent: 'success',
          title: `Inserted ${entry.name} in ${sel.sheet}!${cell}`,
          message: `${formula}`,
          action: 'Replace each placeholder with a range or value from your sheet.',
        });
      } catch (e) {
        setMessage(toUserMessage(e, `insert ${entry.name}`, workbook.host));
      } finally {
        setBusy(false);
      }
    },
    [workbook],
  );

  const undo = useMemo(
    () =>
      last
        ? async () => {
            try {
              await workbook.restore(last);
              setLast(null);
              setMessage({
                intent: 'info',
                title: 'Insert undone',
                message: `${last.sheet}!${last.address} is back as it was.`,
              });
            } catch (e) {
              setMessage(toUserMessage(e, 'undo the insert', workbook.host));
            }
          }
        : null,
    [last, workbook],
  );

  return { query, setQuery, entries, total: all.length, message, dismiss: () => setMessage(null), insert, undo, busy };
}
