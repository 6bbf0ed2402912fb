/** Small helpers for findings: cell lists merged into areas, and their addresses for messages. */
import type { RangeRef } from '../workbook/workbook';
import { areaAddress, cellAddress, quoteSheetName } from '../workbook/a1';

export interface Pos {
  sheet: string;
  row: number;
  col: number;
}

/** Merges cells into areas: vertical runs first, then side-by-side runs of equal height. Keeps first-seen sheet order. */
export function mergeCells(cells: Pos[]): RangeRef[] {
  const bySheet = new Map<string, Pos[]>();
  for (const c of cells) {
    const list = bySheet.get(c.sheet) ?? [];
    list.push(c);
    bySheet.set(c.sheet, list);
  }
  const out: RangeRef[] = [];
  for (const [sheet, list] of bySheet) {
    const seen = new Set<string>();
    const unique = list.filter((c) => {
      const k = `${c.row},${c.col}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    unique.sort((a, b) => a.col - b.col || a.row - b.row);
    const runs: { top: number; bottom: number; left: number; right: number }[] = [];
    for (const c of unique) {
      const last = runs[runs.length - 1];
      if (last && last.left === c.col && last.bottom === c.row - 1) last.bottom = c.row;
      else runs.push({ top: c.row, bottom: c.row, left: c.col, right: c.col });
    }
    runs.sort((a, b) => a.top - b.top || a.left - b.left);
    const merged: typeof runs = [];
    for (const r of runs) {
      const m = merged.find((x) => x.top === r.top && x.bottom === r.bottom && x.right === r.left - 1);
      if (m) m.right = r.right;
      else merged.push({ ...r });
    }
    for (const m of merged) out.push({ sheet, address: areaAddress(m) });
  }
  return out;
}

/** "Sheet!B2:B9, Sheet!D4" (at most `max` areas, then "and N more"). */
export function describeCells(refs: RangeRef[], max = 6): string {
  const shown = refs.slice(0, max).map((r) => `${quoteSheetName(r.sheet)}!${r.address}`);
  return shown.join(', ') + (refs.length > max ? ` and ${refs.length - max} more` : '');
}

export function cellName(p: Pos): string {
  return `${quoteSheetName(p.sheet)}!${cellAddress(p.row, p.col)}`;
}

/** A number for messages: 1,234.5 */
export function fmt(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: 6 });
}
