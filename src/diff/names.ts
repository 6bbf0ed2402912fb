/**
 * Defined names and Excel tables added, removed or re-pointed. A `before` range is read in `after` coordinates
 * (./render.ts), so a name whose range only grew with an inserted row, or whose sheet was renamed, is unchanged.
 */
import { tokenize } from '../audit/formula';
import { quoteSheetName } from '../workbook/a1';
import type { RangeRef } from '../workbook/workbook';
import { IDENTITY, renderFormula, type SideMaps } from './render';
import type { NameSnapshot, TableSnapshot, WorkbookSnapshot } from './snapshot';
import type { Found, Side } from './compare';

/** The sheet and A1 area of a reference text ("Tiers!$B$3" -> Tiers, B3), or null for a constant or formula. */
export function refTarget(text: string): RangeRef | null {
  const tokens = tokenize(text);
  if (tokens.length !== 1 || tokens[0].kind !== 'ref' || !tokens[0].sheet || tokens[0].workbook) return null;
  const t = tokens[0];
  return { sheet: t.sheet!, address: t.text.slice(t.prefix.length).replace(/\$/g, '') };
}

function nameKey(n: NameSnapshot, scopeKey: (s: string) => string): string {
  return `${n.scope === undefined ? '' : scopeKey(n.scope)}\u0000${n.name.toUpperCase()}`;
}

function nameChange(n: NameSnapshot, before: string | null, after: string | null, removed: boolean): Found {
  const target = refTarget(removed ? before! : after!);
  const shown = n.scope === undefined ? n.name : `${quoteSheetName(n.scope)}!${n.name}`;
  return {
    kind: 'name',
    name: shown,
    sheet: target?.sheet ?? '',
    ...(target ? { address: target.address } : {}),
    before,
    after,
    range: removed ? null : target,
    ...(removed ? { removed: true } : {}),
  };
}

function tableForm(t: TableSnapshot, maps: SideMaps): string {
  return renderFormula(tokenize(`${quoteSheetName(t.sheet)}!${t.ref}`), 'canonical', maps, t.sheet, 0);
}

export function compareNamesAndTables(
  b: WorkbookSnapshot,
  a: WorkbookSnapshot,
  _before: Side,
  maps: SideMaps,
): Found[] {
  const out: Found[] = [];
  const afterNames = new Map(a.names.map((n) => [nameKey(n, IDENTITY.sheetKey), n]));
  const seen = new Set<string>();
  for (const n of b.names) {
    const key = nameKey(n, maps.sheetKey);
    const m = afterNames.get(key);
    if (!m) {
      out.push(nameChange(n, n.ref, null, true));
      continue;
    }
    seen.add(key);
    // '$' left out: a name's range is fixed either way, and hosts differ in writing it (Excel keeps it, the engine not)
    const x = renderFormula(tokenize(n.ref.replace(/\$/g, '')), 'canonical', maps, n.scope ?? '', 0);
    const y = renderFormula(tokenize(m.ref.replace(/\$/g, '')), 'canonical', IDENTITY, m.scope ?? '', 0);
    if (x !== y) out.push(nameChange(m, n.ref, m.ref, false));
  }
  for (const [key, m] of afterNames) if (!seen.has(key)) out.push(nameChange(m, null, m.ref, false));

  const afterTables = new Map(a.tables.map((t) => [t.name.toLowerCase(), t]));
  const seenTables = new Set<string>();
  const tableText = (t: TableSnapshot) => `${quoteSheetName(t.sheet)}!${t.ref}`;
  for (const t of b.tables) {
    const m = afterTables.get(t.name.toLowerCase());
    if (!m) {
      out.push({
        kind: 'table',
        name: t.name,
        sheet: t.sheet,
        address: t.ref,
        before: tableText(t),
        after: null,
        range: null,
        removed: true,
      });
      continue;
    }
    seenTables.add(t.name.toLowerCase());
    if (tableForm(t, maps) !== tableForm(m, IDENTITY))
      out.push({
        kind: 'table',
        name: m.name,
        sheet: m.sheet,
        address: m.ref,
        before: tableText(t),
        after: tableText(m),
        range: { sheet: m.sheet, address: m.ref },
      });
  }
  for (const [key, m] of afterTables)
    if (!seenTables.has(key))
      out.push({
        kind: 'table',
        name: m.name,
        sheet: m.sheet,
        address: m.ref,
        before: null,
        after: tableText(m),
        range: { sheet: m.sheet, address: m.ref },
      });
  return out;
}
