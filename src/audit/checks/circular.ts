/** Circular references over the formula cells' dependency graph. */
import type { Area } from '../formula';
import { sheetKey, type Grid, type ParsedFormula, type RefToken } from '../grid';
import { cellName, describeCells, mergeCells } from '../cells';
import type { Finding } from '../types';
import { groupBy, pos } from './shared';
import type { Check } from './check';

/**
 * Circular references: a dependency graph over formula cells, with each column's formula cells under a segment
 * tree so that a reference to a long range costs O(log n) edges instead of one per cell; cycles are the strongly
 * connected components (Tarjan, iterative) that hold more than one node, or a cell that reads itself.
 */
export function circularReferences(grid: Grid): Finding[] {
  const formulas = grid.formulas;
  const n = formulas.length;
  const adj: number[][] = formulas.map(() => []);
  const index = new Map<ParsedFormula, number>();
  formulas.forEach((f, i) => index.set(f, i));
  // per sheet and column: formula cells sorted by row
  const columns = new Map<string, Map<number, { rows: number[]; nodes: number[]; tree: TreeNode | null }>>();
  for (const [key, list] of groupBy(formulas, (f) => `${f.sheetKey}|${f.col}`)) {
    list.sort((a, b) => a.row - b.row);
    const [sheet] = key.split('|');
    const bySheet = columns.get(sheet) ?? new Map();
    bySheet.set(list[0].col, { rows: list.map((f) => f.row), nodes: list.map((f) => index.get(f)!), tree: null });
    columns.set(sheet, bySheet);
  }
  interface TreeNode {
    id: number;
    lo: number;
    hi: number;
    left: TreeNode | null;
    right: TreeNode | null;
  }
  const build = (nodes: number[], lo: number, hi: number): TreeNode => {
    if (hi - lo === 1) return { id: nodes[lo], lo, hi, left: null, right: null };
    const mid = (lo + hi) >> 1;
    const left = build(nodes, lo, mid);
    const right = build(nodes, mid, hi);
    const id = adj.length;
    adj.push([left.id, right.id]);
    return { id, lo, hi, left, right };
  };
  const cover = (t: TreeNode, lo: number, hi: number, out: number[]): void => {
    if (hi <= t.lo || t.hi <= lo) return;
    if (lo <= t.lo && t.hi <= hi) {
      out.push(t.id);
      return;
    }
    cover(t.left!, lo, hi, out);
    cover(t.right!, lo, hi, out);
  };
  const lowerBound = (a: number[], x: number) => {
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (a[m] < x) lo = m + 1;
      else hi = m;
    }
    return lo;
  };
  const link = (from: number, sheet: string, area: Area) => {
    const cols = columns.get(sheetKey(sheet));
    if (!cols) return;
    // a narrow area looks its columns up; a wide one walks the sheet's formula columns
    const narrow = area.right - area.left + 1 <= cols.size;
    const candidates = narrow ? columnRange(area.left, area.right) : cols.keys();
    for (const col of candidates) {
      const c = cols.get(col);
      if (!c || col < area.left || col > area.right) continue;
      const lo = lowerBound(c.rows, area.top);
      const hi = lowerBound(c.rows, area.bottom + 1);
      if (hi <= lo) continue;
      if (hi - lo <= 4) {
        for (let k = lo; k < hi; k++) {
          adj[from].push(c.nodes[k]);
        }
      } else {
        c.tree ??= build(c.nodes, 0, c.nodes.length);
        cover(c.tree, lo, hi, adj[from]);
      }
    }
  };
  for (let i = 0; i < n; i++) {
    const f = formulas[i];
    for (const t of f.tokens) {
      if (t.kind === 'ref' && !t.workbook) {
        const { sheet, area } = grid.refTarget(t as RefToken, f.sheet);
        link(i, sheet, area);
      } else if (t.kind === 'name' && !t.workbook) {
        const named = grid.namedRange(t, f.sheet);
        if (named) link(i, named.sheet, named.area);
      }
    }
  }
  const components = stronglyConnected(adj);
  const findings: Finding[] = [];
  for (const comp of components) {
    const cells = comp.filter((v) => v < n);
    if (cells.length === 0) continue;
    const ps = cells.map((v) => pos(formulas[v]));
    const refs = mergeCells(ps);
    findings.push({
      kind: 'circular-reference',
      severity: 'high',
      title: `Circular reference: ${describeCells(refs, 4)}`,
      detail: `${cells.length === 1 ? `${cellName(ps[0])} reads itself` : `${cells.length} cells read each other in a loop`} (${cells
        .slice(0, 5)
        .map((v) => `${cellName(pos(formulas[v]))} ${formulas[v].formula}`)
        .join('; ')}). Excel shows 0 or the last iteration, so the figures are not reliable.`,
      cells: refs,
      action:
        "Break the loop: one of these cells must take an input (or last period's value) instead of a result that depends on it.",
    });
  }
  return findings;
}

function* columnRange(left: number, right: number): Generator<number> {
  for (let c = left; c <= right; c++) yield c;
}

/** Tarjan's strongly connected components, iteratively (workbooks have long dependency chains). */
function stronglyConnected(adj: number[][]): number[][] {
  const n = adj.length;
  const idx = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const work: { v: number; e: number }[] = [];
  for (let s = 0; s < n; s++) {
    if (idx[s] !== -1) continue;
    work.push({ v: s, e: 0 });
    idx[s] = low[s] = counter++;
    stack.push(s);
    onStack[s] = 1;
    while (work.length) {
      const top = work[work.length - 1];
      const v = top.v;
      if (top.e < adj[v].length) {
        const w = adj[v][top.e++];
        if (idx[w] === -1) {
          idx[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push({ v: w, e: 0 });
        } else if (onStack[w]) low[v] = Math.min(low[v], idx[w]);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].v;
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === idx[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || adj[v].includes(v)) out.push(comp.sort((a, b) => a - b));
      }
    }
  }
  return out;
}

export const circularReferencesCheck: Check = {
  name: 'circular references',
  kinds: ['circular-reference'],
  run: ({ grid }) => circularReferences(grid),
};
