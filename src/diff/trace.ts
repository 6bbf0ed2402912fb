/**
 * Why a result changed: each changed cached value is followed back through its formula's references (other
 * sheets and defined names included) in `after`, through other changed results, to the changes that are causes:
 * inputs, formulas, rows or columns inserted into or deleted from a range it reads, re-pointed names. Only
 * changed cells are visited (a precedent whose value and formula did not change cannot be a cause), so the walk
 * costs about the number of changes, not the size of the workbook.
 */
import { refArea, type Area, type Token } from '../audit/formula';
import { cellAt } from './snapshot';
import { cellRef, type Compared, type Found } from './compare';
import { refTarget } from './names';

const ROOT_KINDS = new Set(['input', 'formula', 'formula-to-value', 'value-to-formula']);

interface Indexed {
  row: number;
  col: number;
  id: number;
}

function parseAreaRef(address: string): Area | null {
  const m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(address);
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r1 = Number(m[2]) - 1;
  const c1 = col(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? col(m[3]) : c1;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/** The address `because` gives for a cause. */
export function causeAddress(f: Found): string {
  if (f.kind === 'name' || f.kind === 'table') return f.name ?? '';
  if (f.rows) return cellRef(f.sheet, f.rows);
  if (f.columns) return cellRef(f.sheet, f.columns);
  return cellRef(f.sheet, f.address ?? '');
}

/** Fills `because` of every result change (addresses of its causes, sorted as the changes are listed). */
export function traceResults(c: Compared): void {
  const { found, after } = c;
  const sheets = new Map(after.snap.sheets.map((s) => [s.name.toLowerCase(), s]));
  const cells = new Map<string, Indexed[]>();
  const isRoot = (f: Found) => ROOT_KINDS.has(f.kind) && !f.removed;
  found.forEach((f, id) => {
    if (!f.at || f.removed || !(isRoot(f) || f.kind === 'result')) return;
    const key = f.at.sheet.toLowerCase();
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key)!.push({ row: f.at.row, col: f.at.col, id });
  });
  for (const list of cells.values()) list.sort((x, y) => x.row - y.row || x.col - y.col);
  const at = new Map<string, number>();
  for (const [key, list] of cells) for (const e of list) at.set(`${key}\u0000${e.row}\u0000${e.col}`, e.id);

  // rows and columns inserted (after positions) and deleted (the after position they were removed before)
  const structure: { sheet: string; rows: boolean; from: number; to: number; id: number }[] = [];
  for (const p of c.pairs) {
    const key = p.a.name.toLowerCase();
    found.forEach((f, id) => {
      if (f.sheet !== p.a.name && f.sheet !== p.b.name) return;
      const span = f.rows ?? f.columns;
      if (!span) return;
      const rows = f.rows !== undefined;
      const [x, y] = span
        .split(':')
        .map((s) => (rows ? Number(s) - 1 : [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1));
      if (f.kind === 'rows-inserted' || f.kind === 'columns-inserted')
        structure.push({ sheet: key, rows, from: x, to: y, id });
      else {
        const map = rows ? p.rowMap : p.colMap;
        let next = y + 1;
        while (next < map.length && map[next] < 0) next++;
        const pos = next < map.length ? map[next] : rows ? p.a.rows.length : p.a.width;
        // a range loses cells when it spans the place they were taken from
        structure.push({ sheet: key, rows, from: pos - 1, to: pos, id });
      }
    });
  }

  const names = new Map<string, { target: { sheet: string; area: Area } | null; id?: number }>();
  for (const n of after.snap.names) {
    const t = refTarget(n.ref);
    const area = t ? parseAreaRef(t.address) : null;
    names.set(`${n.scope?.toLowerCase() ?? ''}\u0000${n.name.toUpperCase()}`, {
      target: t && area ? { sheet: t.sheet, area } : null,
    });
  }
  found.forEach((f, id) => {
    if (f.kind !== 'name' || !f.name) return;
    const bang = f.name.lastIndexOf('!');
    const key =
      bang >= 0
        ? `${f.name
            .slice(0, bang)
            .replace(/^'(.*)'$/, '$1')
            .toLowerCase()}\u0000${f.name.slice(bang + 1).toUpperCase()}`
        : `\u0000${f.name.toUpperCase()}`;
    const entry = names.get(key) ?? { target: null };
    entry.id = id;
    names.set(key, entry);
  });

  /** The changes read by the formula of (sheet, row, col): causes go to `roots`, changed results are returned. */
  const readBy = (sheetName: string, row: number, col: number, roots: Set<number>): number[] => {
    const sheet = sheets.get(sheetName.toLowerCase());
    let cell = sheet ? cellAt(sheet, row, col) : undefined;
    if (cell?.spillOf && sheet) {
      const anchor = at.get(`${sheetName.toLowerCase()}\u0000${cell.spillOf.row}\u0000${cell.spillOf.col}`);
      if (anchor !== undefined) return isRoot(found[anchor]) ? (roots.add(anchor), []) : [anchor];
      cell = cellAt(sheet, cell.spillOf.row, cell.spillOf.col);
    }
    if (!cell?.formula) return [];
    const deps: number[] = [];
    const visit = (target: string, area: Area) => {
      const key = target.toLowerCase();
      const list = cells.get(key);
      if (list) {
        let lo = 0;
        let hi = list.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (list[mid].row < area.top) lo = mid + 1;
          else hi = mid;
        }
        for (let k = lo; k < list.length && list[k].row <= area.bottom; k++) {
          const e = list[k];
          if (
            e.col < area.left ||
            e.col > area.right ||
            (e.row === row && e.col === col && key === sheetName.toLowerCase())
          )
            continue;
          if (isRoot(found[e.id])) roots.add(e.id);
          else deps.push(e.id);
        }
      }
      for (const s of structure) {
        if (s.sheet !== key) continue;
        const [lo, hi] = s.rows ? [area.top, area.bottom] : [area.left, area.right];
        if (lo <= s.to && hi >= s.from) roots.add(s.id);
      }
    };
    const tokens: Token[] = after.tokens(cell);
    for (const t of tokens) {
      if (t.kind === 'ref' && !t.workbook) {
        const target = t.sheet ?? sheetName;
        const s = sheets.get(target.toLowerCase());
        visit(
          target,
          refArea(
            t,
            s
              ? { top: 0, left: 0, bottom: Math.max(0, s.rows.length - 1), right: Math.max(0, s.width - 1) }
              : undefined,
          ),
        );
      } else if (t.kind === 'name' && !t.workbook) {
        const bare = t.text.slice(t.text.lastIndexOf('!') + 1).toUpperCase();
        const scope = (t.sheet ?? sheetName).toLowerCase();
        const n = names.get(`${scope}\u0000${bare}`) ?? names.get(`\u0000${bare}`);
        if (!n) continue;
        if (n.id !== undefined) roots.add(n.id);
        if (n.target) visit(n.target.sheet, n.target.area);
      }
    }
    return deps;
  };

  const memo = new Map<number, number[]>();
  interface Frame {
    id: number;
    deps: number[];
    next: number;
    roots: Set<number>;
  }
  const onStack = new Set<number>();
  const causesOf = (start: number): number[] => {
    const frame = (id: number): Frame => {
      const roots = new Set<number>();
      const f = found[id];
      onStack.add(id);
      return { id, roots, next: 0, deps: f.at ? readBy(f.at.sheet, f.at.row, f.at.col, roots) : [] };
    };
    const stack: Frame[] = [frame(start)];
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.next < top.deps.length) {
        const d = top.deps[top.next++];
        const known = memo.get(d);
        if (known) for (const r of known) top.roots.add(r);
        else if (!onStack.has(d)) stack.push(frame(d));
        continue;
      }
      const result = [...top.roots];
      memo.set(top.id, result);
      onStack.delete(top.id);
      stack.pop();
      if (stack.length) for (const r of result) stack[stack.length - 1].roots.add(r);
    }
    return memo.get(start)!;
  };

  found.forEach((f, id) => {
    if (f.kind !== 'result' || f.removed) return;
    const ids = memo.get(id) ?? causesOf(id);
    f.because = [...ids].sort((x, y) => x - y).map((k) => causeAddress(found[k]));
  });
}
