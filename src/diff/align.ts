/**
 * Alignment of two sequences (rows or columns of a sheet), as text diff tools align lines: a longest common
 * subsequence of equal signatures (Myers' O((N+M)D) algorithm, "An O(ND) Difference Algorithm and Its Variations",
 * 1986, after stripping the common head and tail, so a mostly equal sheet costs about one pass), then, inside each
 * gap between equal items, a pairing of the changed items that are still alike (a row whose one input changed is
 * a modified row, not a deletion plus an insertion).
 */

/** The most edit steps Myers' search takes before the gap is treated as one block (bounds time and memory). */
const MAX_EDITS = 2000;
/** Gaps up to this many candidate pairs are paired by dynamic programming; larger ones in order. */
const MAX_PAIR_CELLS = 250_000;
/** Two items are paired only when at least this alike (0..1). */
export const PAIR_THRESHOLD = 0.5;

/** For each item of `a`, the index of the equal item of `b` on a longest common subsequence, or -1. */
export function lcsMap(a: ArrayLike<number>, b: ArrayLike<number>): Int32Array {
  const map = new Int32Array(a.length).fill(-1);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) {
    map[head] = head;
    head++;
  }
  let ta = a.length;
  let tb = b.length;
  while (ta > head && tb > head && a[ta - 1] === b[tb - 1]) {
    ta--;
    tb--;
    map[ta] = tb;
  }
  myers(a, b, head, ta, head, tb, map);
  return map;
}

/** Myers' greedy forward search on a[a0..a1) and b[b0..b1), with the V arrays kept for the way back. */
function myers(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  map: Int32Array,
): void {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) return;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: V before round d, only its window k = -d-1..d+1 (memory grows as D squared, not (N+M) x D)
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return; // too different: no pairs from the LCS; the gap is paired by likeness afterwards
  // walk back from (n, m) through the saved V arrays, marking the diagonal (equal) steps
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && prev[k - 1 + d + 1] < prev[k + 1 + d + 1]);
    const pk = down ? k + 1 : k - 1;
    const px = prev[pk + d + 1];
    const py = px - pk;
    const sx = down ? px : px + 1;
    while (x > sx && y > sx - k) {
      x--;
      y--;
      map[a0 + x] = b0 + y;
    }
    x = px;
    y = py;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    map[a0 + x] = b0 + y;
  }
}

/**
 * Pairs the unmatched items inside each gap between matched ones by likeness (`similar(i, j)` in 0..1, pairs at or
 * above PAIR_THRESHOLD), keeping order; updates `map` in place.
 */
export function pairGaps(map: Int32Array, bLength: number, similar: (i: number, j: number) => number): void {
  let i = 0;
  let j = 0;
  while (i <= map.length) {
    // the next matched pair (or the end) closes the gap [i, ni) x [j, nj)
    let ni = i;
    while (ni < map.length && map[ni] < 0) ni++;
    const nj = ni < map.length ? map[ni] : bLength;
    if (ni > i && nj > j) pairGap(map, i, ni, j, nj, similar);
    if (ni >= map.length) break;
    i = ni + 1;
    j = nj + 1;
  }
}

function pairGap(
  map: Int32Array,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  similar: (i: number, j: number) => number,
): void {
  const n = i1 - i0;
  const m = j1 - j0;
  if (n * m > MAX_PAIR_CELLS) {
    // in order, skipping nothing: the k-th changed item with the k-th new one when alike
    for (let k = 0; k < Math.min(n, m); k++) if (similar(i0 + k, j0 + k) >= PAIR_THRESHOLD) map[i0 + k] = j0 + k;
    return;
  }
  // best total likeness of order-keeping pairs (a weighted LCS)
  const score = new Float64Array((n + 1) * (m + 1));
  const w = m + 1;
  for (let x = n - 1; x >= 0; x--)
    for (let y = m - 1; y >= 0; y--) {
      const s = similar(i0 + x, j0 + y);
      const take = s >= PAIR_THRESHOLD ? s + score[(x + 1) * w + y + 1] : -1;
      score[x * w + y] = Math.max(take, score[(x + 1) * w + y], score[x * w + y + 1]);
    }
  let x = 0;
  let y = 0;
  while (x < n && y < m) {
    const here = score[x * w + y];
    if (here === score[(x + 1) * w + y]) x++;
    else if (here === score[x * w + y + 1]) y++;
    else {
      map[i0 + x] = j0 + y;
      x++;
      y++;
    }
  }
}

/** Runs of consecutive indexes of `length` items not in `kept` (kept[i] true), as [first, last] pairs. */
export function runs(length: number, kept: (i: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < length; i++) {
    if (kept(i)) continue;
    const first = i;
    while (i + 1 < length && !kept(i + 1)) i++;
    out.push([first, i]);
  }
  return out;
}
