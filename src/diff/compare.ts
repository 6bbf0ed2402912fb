/**
 * The comparison of two workbook snapshots: sheets matched (by name, then a renamed sheet by its contents),
 * columns then rows of each matched sheet aligned (./align.ts), aligned cells compared (formulas in the form of
 * ./render.ts), names and tables compared, and each changed result traced to the changes it depends on
 * (./trace.ts). Pure: no engine, no Office, no React.
 */
import { cellAddress, columnLetters, quoteSheetName } from '../workbook/a1';
import type { CellValue, RangeRef } from '../workbook/workbook';
import { isCellError } from '../workbook/workbook';
import { lcsMap, pairGaps, runs, PAIR_THRESHOLD } from './align';
import { Hash, IDENTITY, renderFormula, sameValue, tokenCache, valueKey, type SideMaps } from './render';
import { cellAt, showCell, type SheetSnapshot, type SnapCell, type WorkbookSnapshot } from './snapshot';
import type { Change, ChangeValue } from './types';
import { compareNamesAndTables } from './names';

/** One side of the comparison: its snapshot and per-cell caches (tokens, likeness keys). */
export class Side {
  readonly tokens = tokenCache();
  /** Formula shapes by the formula with its digits blanked (copies down a column share one). */
  private readonly shapes = new Map<string, string>();
  constructor(readonly snap: WorkbookSnapshot) {}

  /** What a cell looks like, without where its references point: for likeness of rows and columns. */
  looseKey(cell: SnapCell): string {
    if (cell.spillOf) return '~';
    if (!cell.formula) return valueKey(cell.value);
    const blanked = cell.formula.replace(/\d+/g, '#');
    let k = this.shapes.get(blanked);
    if (k === undefined)
      this.shapes.set(blanked, (k = 'f' + renderFormula(this.tokens(cell), 'shape', IDENTITY, '', 0)));
    return k;
  }
}

/** A matched pair of sheets with their alignment: before index -> after index (-1: deleted), and back. */
export interface SheetPair {
  b: SheetSnapshot;
  a: SheetSnapshot;
  colMap: Int32Array;
  colBack: Int32Array;
  rowMap: Int32Array;
  rowBack: Int32Array;
}

/** Internal change: the public fields plus where it is, for ranking, tracing and selecting. */
export interface Found extends Change {
  /** After-sheet (before-sheet for removals), 0-based row and column of a cell change. */
  at?: { sheet: string; row: number; col: number };
  range: RangeRef | null;
  /** The change of the same cell seen from `before` (removed cells): not traced into. */
  removed?: boolean;
}

function toChangeValue(v: CellValue | undefined): ChangeValue {
  if (v === undefined || v === '') return null;
  if (isCellError(v)) return v.error;
  return v;
}

function multisetSimilarity(x: Map<string, number>, y: Map<string, number>): number {
  let inter = 0;
  let sx = 0;
  let sy = 0;
  for (const n of x.values()) sx += n;
  for (const n of y.values()) sy += n;
  const [small, big] = x.size <= y.size ? [x, y] : [y, x];
  for (const [k, n] of small) inter += Math.min(n, big.get(k) ?? 0);
  const union = sx + sy - inter;
  return union === 0 ? 1 : inter / union;
}

function count(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** Every cell's likeness key in a multiset: what a sheet holds, wherever it is (to find a renamed sheet). */
function sheetProfile(side: Side, s: SheetSnapshot): Map<string, number> {
  const m = new Map<string, number>();
  for (const row of s.rows) if (row) for (const c of row.cells) count(m, side.looseKey(c));
  return m;
}

/** Sheets matched by name (ignoring case, as Excel does), then the rest by content (a rename). */
export function matchSheets(before: Side, after: Side): { pairs: [number, number][]; renamed: Set<number> } {
  const pairs: [number, number][] = [];
  const renamed = new Set<number>();
  const afterByName = new Map(after.snap.sheets.map((s, i) => [s.name.toLowerCase(), i]));
  const usedAfter = new Set<number>();
  const leftBefore: number[] = [];
  before.snap.sheets.forEach((s, i) => {
    const j = afterByName.get(s.name.toLowerCase());
    if (j === undefined) leftBefore.push(i);
    else {
      pairs.push([i, j]);
      usedAfter.add(j);
    }
  });
  const leftAfter = after.snap.sheets.map((_, j) => j).filter((j) => !usedAfter.has(j));
  if (leftBefore.length && leftAfter.length) {
    const pb = leftBefore.map((i) => sheetProfile(before, before.snap.sheets[i]));
    const pa = leftAfter.map((j) => sheetProfile(after, after.snap.sheets[j]));
    const candidates: { i: number; j: number; s: number }[] = [];
    leftBefore.forEach((i, x) =>
      leftAfter.forEach((j, y) => candidates.push({ i, j, s: multisetSimilarity(pb[x], pa[y]) })),
    );
    candidates.sort((p, q) => q.s - p.s);
    const takenB = new Set<number>();
    for (const c of candidates) {
      if (c.s < PAIR_THRESHOLD || takenB.has(c.i) || usedAfter.has(c.j)) continue;
      takenB.add(c.i);
      usedAfter.add(c.j);
      pairs.push([c.i, c.j]);
      renamed.add(c.i);
    }
  }
  return { pairs, renamed };
}

interface ColumnProfile {
  keys: Map<string, number>;
  types: Map<string, number>;
  header: string;
  sequence: number;
}

function columnProfiles(side: Side, s: SheetSnapshot): ColumnProfile[] {
  const out: ColumnProfile[] = Array.from({ length: s.width }, () => ({
    keys: new Map(),
    types: new Map(),
    header: '',
    sequence: 0,
  }));
  const seq = Array.from({ length: s.width }, () => new Hash());
  s.rows.forEach((row, r) => {
    if (!row) return;
    row.cols.forEach((c, k) => {
      const key = side.looseKey(row.cells[k]);
      const p = out[c];
      count(p.keys, key);
      count(p.types, key.charAt(0));
      if (!p.header && typeof row.cells[k].value === 'string' && !row.cells[k].formula)
        p.header = row.cells[k].value as string;
      seq[c].num(r).str(key);
    });
  });
  out.forEach((p, c) => (p.sequence = seq[c].value()));
  return out;
}

function columnSimilarity(x: ColumnProfile, y: ColumnProfile): number {
  const content = multisetSimilarity(x.keys, y.keys);
  // the same kinds of cells (numbers, text, formulas) count for a little less than the same cells
  const kinds = 0.9 * multisetSimilarity(x.types, y.types) * (x.keys.size && y.keys.size ? 1 : 0);
  return Math.min(1, Math.max(content, kinds) + (x.header && x.header === y.header ? 0.5 : 0));
}

function inverse(map: Int32Array, length: number): Int32Array {
  const back = new Int32Array(length).fill(-1);
  map.forEach((j, i) => {
    if (j >= 0) back[j] = i;
  });
  return back;
}

/** Aligns the columns of every matched pair (they must all be known before rows: row signatures use them). */
function alignColumns(
  before: Side,
  after: Side,
  b: SheetSnapshot,
  a: SheetSnapshot,
): { colMap: Int32Array; colBack: Int32Array } {
  const pb = columnProfiles(before, b);
  const pa = columnProfiles(after, a);
  const colMap = lcsMap(
    pb.map((p) => p.sequence),
    pa.map((p) => p.sequence),
  );
  pairGaps(colMap, a.width, (i, j) => columnSimilarity(pb[i], pa[j]));
  return { colMap, colBack: inverse(colMap, a.width) };
}

/** The maps that read `before` references in `after` coordinates. */
export function beforeMaps(pairs: Map<string, SheetPair>): SideMaps {
  const toAfter = (p: SheetPair, map: Int32Array, back: Int32Array, i: number, edge: 'start' | 'end' | 'cell') => {
    if (i >= map.length) {
      // past the used range: moved by as much as the last row (column) that is in both
      for (let k = map.length - 1; k >= 0; k--) if (map[k] >= 0) return i + map[k] - k;
      return i + back.length - map.length;
    }
    if (map[i] >= 0 || edge === 'cell') return map[i];
    // a range's end that was deleted: the range shrinks to the nearest kept row (column) inside it, as Excel does
    if (edge === 'start') {
      for (let k = i + 1; k < map.length; k++) if (map[k] >= 0) return map[k];
      return back.length;
    }
    for (let k = i - 1; k >= 0; k--) if (map[k] >= 0) return map[k];
    return -1;
  };
  return {
    sheetKey: (name) => {
      const p = pairs.get(name.toLowerCase());
      return p ? p.a.name.toLowerCase() : `(removed) ${name.toLowerCase()}`;
    },
    row: (sheet, r, edge) => {
      const p = pairs.get(sheet.toLowerCase());
      return p ? toAfter(p, p.rowMap, p.rowBack, r, edge) : r;
    },
    col: (sheet, c, edge) => {
      const p = pairs.get(sheet.toLowerCase());
      return p ? toAfter(p, p.colMap, p.colBack, c, edge) : c;
    },
  };
}

/** Row signatures over the aligned columns: typed values, and formulas with rows relative to their own row. */
function rowSignatures(side: Side, s: SheetSnapshot, colTo: (c: number) => number, maps: SideMaps): Float64Array {
  const out = new Float64Array(s.rows.length);
  for (let r = 0; r < s.rows.length; r++) {
    const row = s.rows[r];
    const sig = new Hash();
    if (row)
      row.cols.forEach((c, k) => {
        const to = colTo(c);
        if (to < 0) return;
        const cell = row.cells[k];
        sig
          .num(to)
          .str(
            cell.spillOf
              ? '~'
              : cell.formula
                ? renderFormula(side.tokens(cell), 'row', maps, s.name, r)
                : valueKey(cell.value),
          );
      });
    out[r] = sig.value();
  }
  return out;
}

/** Likeness keys of a row by `after` column (cached per row while a gap is paired). */
function rowKeys(side: Side, s: SheetSnapshot, r: number, colTo: (c: number) => number): Map<number, string> {
  const m = new Map<number, string>();
  const row = s.rows[r];
  if (row)
    row.cols.forEach((c, k) => {
      const to = colTo(c);
      if (to >= 0) m.set(to, side.looseKey(row.cells[k]));
    });
  return m;
}

function rowSimilarity(x: Map<number, string>, y: Map<number, string>): number {
  let n = 0;
  let score = 0;
  for (const [c, kx] of x) {
    n++;
    const ky = y.get(c);
    if (ky === kx) score += 1;
    else if (ky !== undefined && ky.charAt(0) === kx.charAt(0)) score += 0.5;
  }
  for (const c of y.keys()) if (!x.has(c)) n++;
  return n === 0 ? 1 : score / n;
}

function alignRows(before: Side, after: Side, p: SheetPair, maps: SideMaps): void {
  const bSig = rowSignatures(before, p.b, (c) => (c < p.colMap.length ? p.colMap[c] : -1), maps);
  const aSig = rowSignatures(after, p.a, (c) => (c < p.colBack.length && p.colBack[c] >= 0 ? c : -1), IDENTITY);
  const rowMap = lcsMap(bSig, aSig);
  const bKeys = new Map<number, Map<number, string>>();
  const aKeys = new Map<number, Map<number, string>>();
  const keysOf = (cache: Map<number, Map<number, string>>, make: () => Map<number, string>, r: number) => {
    let k = cache.get(r);
    if (!k) cache.set(r, (k = make()));
    return k;
  };
  pairGaps(rowMap, p.a.rows.length, (i, j) =>
    rowSimilarity(
      keysOf(bKeys, () => rowKeys(before, p.b, i, (c) => (c < p.colMap.length ? p.colMap[c] : -1)), i),
      keysOf(aKeys, () => rowKeys(after, p.a, j, (c) => (c < p.colBack.length && p.colBack[c] >= 0 ? c : -1)), j),
    ),
  );
  p.rowMap = rowMap;
  p.rowBack = inverse(rowMap, p.a.rows.length);
}

function rowPreview(s: SheetSnapshot, r: number): string {
  const row = s.rows[r];
  if (!row) return '(blank row)';
  const shown = row.cells.slice(0, 6).map((c) => c.formula ?? showCell(c.value));
  return shown.join(' | ') + (row.cells.length > 6 ? ' | ...' : '');
}

function span(first: number, last: number, letters: boolean): string {
  const name = (i: number) => (letters ? columnLetters(i) : String(i + 1));
  return `${name(first)}:${name(last)}`;
}

/** Structure changes of a matched pair: rows and columns inserted (numbers of `after`) and deleted (of `before`). */
function structureChanges(p: SheetPair): Found[] {
  const out: Found[] = [];
  const lastCol = (s: SheetSnapshot) => columnLetters(Math.max(0, s.width - 1));
  for (const [f, l] of runs(p.a.rows.length, (i) => p.rowBack[i] >= 0))
    out.push({
      kind: 'rows-inserted',
      sheet: p.a.name,
      rows: span(f, l, false),
      before: null,
      after: rowPreview(p.a, f),
      range: { sheet: p.a.name, address: `A${f + 1}:${lastCol(p.a)}${l + 1}` },
      at: { sheet: p.a.name, row: f, col: 0 },
    });
  for (const [f, l] of runs(p.b.rows.length, (i) => p.rowMap[i] >= 0))
    out.push({
      kind: 'rows-deleted',
      sheet: p.b.name,
      rows: span(f, l, false),
      before: rowPreview(p.b, f),
      after: null,
      range: null,
      removed: true,
      at: { sheet: p.b.name, row: f, col: 0 },
    });
  for (const [f, l] of runs(p.a.width, (i) => p.colBack[i] >= 0))
    out.push({
      kind: 'columns-inserted',
      sheet: p.a.name,
      columns: span(f, l, true),
      before: null,
      after: showCell(cellAt(p.a, 0, f)?.value),
      range: { sheet: p.a.name, address: `${columnLetters(f)}1:${columnLetters(l)}${Math.max(1, p.a.rows.length)}` },
      at: { sheet: p.a.name, row: 0, col: f },
    });
  for (const [f, l] of runs(p.b.width, (i) => p.colMap[i] >= 0))
    out.push({
      kind: 'columns-deleted',
      sheet: p.b.name,
      columns: span(f, l, true),
      before: showCell(cellAt(p.b, 0, f)?.value),
      after: null,
      range: null,
      removed: true,
      at: { sheet: p.b.name, row: 0, col: f },
    });
  return out;
}

/** Compares two aligned cells; null when they mean the same. */
function compareCells(
  before: Side,
  after: Side,
  maps: SideMaps,
  p: SheetPair,
  br: number,
  bc: number,
  ar: number,
  ac: number,
): Found | null {
  const b = cellAt(p.b, br, bc);
  const a = cellAt(p.a, ar, ac);
  const at = { sheet: p.a.name, row: ar, col: ac };
  const base = {
    sheet: p.a.name,
    address: cellAddress(ar, ac),
    range: { sheet: p.a.name, address: cellAddress(ar, ac) },
    at,
  };
  const bf = b?.formula;
  const af = a?.formula;
  if (bf && af) {
    if (bf !== af || br !== ar || bc !== ac) {
      const x = renderFormula(before.tokens(b!), 'canonical', maps, p.b.name, br);
      const y = renderFormula(after.tokens(a!), 'canonical', IDENTITY, p.a.name, ar);
      if (x !== y) return { kind: 'formula', ...base, before: bf, after: af };
    }
    return sameValue(b!.value, a!.value)
      ? null
      : { kind: 'result', ...base, before: toChangeValue(b!.value), after: toChangeValue(a!.value) };
  }
  if (bf)
    return {
      kind: a && !isBlankCell(a) ? 'formula-to-value' : 'formula',
      ...base,
      before: bf,
      after: a && !isBlankCell(a) ? toChangeValue(a.value) : null,
    };
  if (af)
    return {
      kind: b && !isBlankCell(b) && !b.spillOf ? 'value-to-formula' : 'formula',
      ...base,
      before: b && !b.spillOf ? toChangeValue(b.value) : null,
      after: af,
    };
  if (sameValue(b?.value, a?.value)) return null;
  // a cell an array formula fills holds a result, not an input
  return {
    kind: b?.spillOf || a?.spillOf ? 'result' : 'input',
    ...base,
    before: toChangeValue(b?.value),
    after: toChangeValue(a?.value),
  };
}

function isBlankCell(c: SnapCell): boolean {
  return c.value === null || c.value === '';
}

/** Cell changes of a matched pair, over aligned rows and columns (cells of inserted rows are the insertion). */
function cellChanges(before: Side, after: Side, maps: SideMaps, p: SheetPair): Found[] {
  const out: Found[] = [];
  p.rowMap.forEach((ar, br) => {
    if (ar < 0) return;
    const brow = p.b.rows[br];
    const arow = p.a.rows[ar];
    const seen = new Set<number>();
    if (brow)
      for (const bc of brow.cols) {
        const ac = bc < p.colMap.length ? p.colMap[bc] : -1;
        if (ac < 0) continue;
        seen.add(ac);
        const c = compareCells(before, after, maps, p, br, bc, ar, ac);
        if (c) out.push(c);
      }
    if (arow)
      for (const ac of arow.cols) {
        if (seen.has(ac)) continue;
        const bc = ac < p.colBack.length ? p.colBack[ac] : -1;
        if (bc < 0) continue;
        const c = compareCells(before, after, maps, p, br, bc, ar, ac);
        if (c) out.push(c);
      }
  });
  return out;
}

export interface Compared {
  found: Found[];
  pairs: SheetPair[];
  before: Side;
  after: Side;
  maps: SideMaps;
}

/** Every difference between two snapshots, unranked and not yet traced (see ./diff.ts). */
export function compareSnapshots(beforeSnap: WorkbookSnapshot, afterSnap: WorkbookSnapshot): Compared {
  const before = new Side(beforeSnap);
  const after = new Side(afterSnap);
  const { pairs: matched, renamed } = matchSheets(before, after);
  const found: Found[] = [];
  const pairs: SheetPair[] = [];
  const byBefore = new Map<string, SheetPair>();
  for (const [i, j] of matched) {
    const b = beforeSnap.sheets[i];
    const a = afterSnap.sheets[j];
    const p: SheetPair = {
      b,
      a,
      ...alignColumns(before, after, b, a),
      rowMap: new Int32Array(0),
      rowBack: new Int32Array(0),
    };
    pairs.push(p);
    byBefore.set(b.name.toLowerCase(), p);
    if (renamed.has(i))
      found.push({
        kind: 'sheet-renamed',
        sheet: a.name,
        before: b.name,
        after: a.name,
        range: { sheet: a.name, address: 'A1' },
      });
  }
  const matchedB = new Set(matched.map(([i]) => i));
  const matchedA = new Set(matched.map(([, j]) => j));
  beforeSnap.sheets.forEach((s, i) => {
    if (!matchedB.has(i))
      found.push({ kind: 'sheet-removed', sheet: s.name, before: s.name, after: null, range: null, removed: true });
  });
  afterSnap.sheets.forEach((s, j) => {
    if (!matchedA.has(j))
      found.push({
        kind: 'sheet-added',
        sheet: s.name,
        before: null,
        after: s.name,
        range: { sheet: s.name, address: 'A1' },
      });
  });
  const maps = beforeMaps(byBefore);
  for (const p of pairs) alignRows(before, after, p, maps);
  for (const p of pairs) found.push(...structureChanges(p), ...cellChanges(before, after, maps, p));
  found.push(...compareNamesAndTables(beforeSnap, afterSnap, before, maps));
  return { found, pairs, before, after, maps };
}

/** "Sheet!A1" as a formula writes it. */
export function cellRef(sheet: string, address: string): string {
  return `${quoteSheetName(sheet)}!${address}`;
}
