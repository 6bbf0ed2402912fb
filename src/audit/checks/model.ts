/**
 * Planning-model checks, read from the arguments of SALESOPS calls: stage probabilities in 0..1 and rising by
 * stage; commission tier floors ascending; quota allocations adding up to their total; rollups whose children
 * add up to the parent; ramps no higher than 1. Each distinct input (range or literal) is reported once.
 */
import { isCellError, type CellValue } from '../../workbook/workbook';
import { parseNumberText } from '../../functions/clean';
import { rollupQuota } from '../../models/quota';
import type { Finding } from '../types';
import { areaAddress } from '../../workbook/a1';
import type { ArgValue, Grid, ParsedFormula } from '../grid';
import { salesOpsCalls, type SalesOpsCall } from '../salesops';
import { cellName, describeCells, fmt, mergeCells, type Pos } from '../cells';
import type { Check } from './check';

/** A number from a cell or literal (text like "60%" or "1,200" too); null when it is not one. */
function num(v: CellValue | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseNumberText(v);
  return null;
}

function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function matrix(a: ArgValue | undefined): CellValue[][] | null {
  if (!a) return null;
  if (a.kind === 'range') return a.values;
  if (a.kind === 'literal') return Array.isArray(a.value) ? (a.value as CellValue[][]) : [[a.value as CellValue]];
  return null;
}

function scalarOf(a: ArgValue | undefined): number | null {
  const m = matrix(a);
  return m && m.length === 1 && m[0].length === 1 ? num(m[0][0]) : null;
}

/** A vector from a row or a column (first column of a block). */
function vector(m: CellValue[][]): CellValue[] {
  return m.length === 1 ? m[0] : m.map((r) => r[0]);
}

/** Where cell (i, j) of an argument lives: its cell in the range, or the formula cell for a literal. */
function cellOf(a: ArgValue, i: number, j: number, f: ParsedFormula): Pos {
  if (a.kind === 'range') return { sheet: a.sheet, row: a.area.top + i, col: a.area.left + j };
  return { sheet: f.sheet, row: f.row, col: f.col };
}

function vectorCell(a: ArgValue, m: CellValue[][], k: number, f: ParsedFormula): Pos {
  return m.length === 1 ? cellOf(a, 0, k, f) : cellOf(a, k, 0, f);
}

function inputName(a: ArgValue, f: ParsedFormula): string {
  return a.kind === 'range'
    ? `${cellName({ sheet: a.sheet, row: a.area.top, col: a.area.left })}${a.area.bottom > a.area.top || a.area.right > a.area.left ? ':' + areaAddress(a.area).split(':').pop() : ''}`
    : `the array typed in ${cellName(f)}`;
}

function inputKey(a: ArgValue, f: ParsedFormula): string {
  return a.kind === 'range' ? `${a.sheet.toLowerCase()}!${areaAddress(a.area)}` : `${f.sheetKey}!${f.row},${f.col}`;
}

interface Use {
  f: ParsedFormula;
  call: SalesOpsCall;
}

const LOST = /lost|omitted|dead|disqualified|closed\s*-?\s*no/i;

function stageTableFindings(a: ArgValue, users: Use[]): Finding[] {
  const f = users[0].f;
  const m = matrix(a);
  if (!m || (m[0]?.length ?? 0) < 2) return [];
  const out: Finding[] = [];
  const outside: Pos[] = [];
  const falling: { p: Pos; stage: string; prob: number; prevStage: string; prev: number }[] = [];
  let prev: { stage: string; prob: number } | null = null;
  const where = `used by ${describeCells(mergeCells(users.map((u) => u.f)), 3)}`;
  m.forEach((row, i) => {
    if (isBlank(row[0])) return;
    const p = num(row[1]);
    if (p === null) return;
    if (p < 0 || p > 1) outside.push(cellOf(a, i, 1, f));
    const stage = String(row[0]);
    if (LOST.test(stage) && p === 0) return; // a closed-lost stage at 0 ends the table
    if (prev && p < prev.prob)
      falling.push({ p: cellOf(a, i, 1, f), stage, prob: p, prevStage: prev.stage, prev: prev.prob });
    prev = { stage, prob: p };
  });
  if (outside.length) {
    const cells = mergeCells(outside);
    out.push({
      kind: 'stage-probability',
      severity: 'high',
      title: `Stage probabilities outside 0..1 in ${inputName(a, f)}`,
      detail: `${describeCells(cells, 4)} hold${outside.length > 1 ? '' : 's'} a probability outside 0 to 1 (${where}); 60 is not 60%.`,
      cells,
      action: 'Enter each probability as a fraction (0.6) or a percentage (60%).',
    });
  }
  if (falling.length) {
    const cells = mergeCells(falling.map((x) => x.p));
    const first = falling[0];
    out.push({
      kind: 'stage-probability',
      severity: 'medium',
      title: `Stage probabilities do not rise with stage order in ${inputName(a, f)}`,
      detail: `'${first.stage}' is ${fmt(first.prob)} but the stage before it, '${first.prevStage}', is ${fmt(first.prev)}${falling.length > 1 ? ` (${falling.length} such stages)` : ''} (${where}). A later stage should be at least as likely to close.`,
      cells,
      action:
        'Check the stage order and the probabilities (derive them from history with SALESOPS.STAGEPROB); list closed-lost stages last at 0.',
    });
  }
  return out;
}

function tierFindings(a: ArgValue, users: Use[]): Finding[] {
  const f = users[0].f;
  const m = matrix(a);
  if (!m) return [];
  const bad: Pos[] = [];
  let prev: number | null = null;
  let example = '';
  m.forEach((row, i) => {
    const floor = num(row[0]);
    if (floor === null) return;
    if (prev !== null && floor <= prev) {
      bad.push(cellOf(a, i, 0, f));
      example ||= `floor ${fmt(floor)} follows ${fmt(prev)}`;
    }
    prev = floor;
  });
  if (!bad.length) return [];
  const cells = mergeCells(bad);
  return [
    {
      kind: 'commission-tiers',
      severity: 'high',
      title: `Commission tier floors not ascending in ${inputName(a, f)}`,
      detail: `In ${inputName(a, f)} the ${example} (used by ${describeCells(mergeCells(users.map((u) => u.f)), 3)}); tiers must run from the lowest attainment floor to the highest.`,
      cells,
      action: 'Sort the tiers by floor, lowest (0) first, each floor higher than the one before.',
    },
  ];
}

function rampFindings(a: ArgValue, users: Use[]): Finding[] {
  const f = users[0].f;
  const m = matrix(a);
  if (!m) return [];
  const bad: { p: Pos; v: number }[] = [];
  m.forEach((row, i) =>
    row.forEach((v, j) => {
      const x = num(v);
      if (x !== null && (x > 1 || x < 0)) bad.push({ p: cellOf(a, i, j, f), v: x });
    }),
  );
  if (!bad.length) return [];
  const cells = mergeCells(bad.map((b) => b.p));
  return [
    {
      kind: 'ramp-above-one',
      severity: 'high',
      title: `Ramp ${bad.some((b) => b.v > 1) ? 'exceeds 1' : 'below 0'} in ${inputName(a, f)}`,
      detail: `${describeCells(cells, 4)} hold${bad.length > 1 ? '' : 's'} ${bad
        .map((b) => fmt(b.v))
        .slice(0, 4)
        .join(
          ', ',
        )} (used by ${describeCells(mergeCells(users.map((u) => u.f)), 3)}); a ramp factor is the share of a fully ramped rep's productivity, from 0 to 1.`,
      cells,
      action: 'Enter ramp factors as fractions (0.5 or 50%); a rep is never more than fully ramped.',
    },
  ];
}

/** The cells a spilled result occupies: the shape of `like`, from the formula cell. */
function spillValues(grid: Grid, f: ParsedFormula, like: CellValue[][]): { values: CellValue[]; cells: Pos[] } {
  const rows = like.length;
  const cols = like[0]?.length ?? 0;
  const values: CellValue[] = [];
  const cells: Pos[] = [];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      values.push(grid.value(f.sheet, f.row + i, f.col + j));
      cells.push({ sheet: f.sheet, row: f.row + i, col: f.col + j });
    }
  return { values, cells };
}

function allocationFindings(grid: Grid, u: Use): Finding[] {
  const { f, call } = u;
  if (isCellError(f.value)) return [];
  const target = scalarOf(call.args.get('target'));
  const weights = matrix(call.args.get('weights'));
  if (target === null || !weights) return [];
  const overArg = call.args.get('overassignment');
  const over = overArg ? scalarOf(overArg) : 0;
  const stepArg = call.args.get('round_to');
  const step = stepArg ? scalarOf(stepArg) : null;
  if (over === null || (stepArg && step === null)) return [];
  const exact = target * (1 + over);
  const total = step ? Math.round(exact / step) * step : exact;
  const { values, cells } = spillValues(grid, f, weights);
  const flat = weights.flat();
  let sum = 0;
  for (let k = 0; k < flat.length; k++) {
    if (isBlank(flat[k])) continue;
    const v = num(values[k]);
    if (v === null) return []; // not spilled as numbers: the error check reports it
    sum += v;
  }
  if (Math.abs(sum - total) <= Math.max(1e-6 * Math.abs(total), 0.005)) return [];
  const refs = mergeCells(cells);
  return [
    {
      kind: 'quota-allocation',
      severity: 'high',
      title: `Quota allocation ${describeCells(refs, 1)} does not add up to its total`,
      detail: `The parts in ${describeCells(refs, 2)} add up to ${fmt(sum)}, but ${cellName(f)} (${f.formula}) allocates ${fmt(total)} (target ${fmt(target)} x (1 + ${fmt(over)})${step ? `, rounded to ${fmt(step)}` : ''}); difference ${fmt(sum - total)}.`,
      cells: [...refs],
      action:
        'Look for a part typed over the spilled result or a stale pasted copy; recalculate and keep the allocation as a live spill.',
    },
  ];
}

function rollupFindings(grid: Grid, u: Use): Finding[] {
  const { f, call } = u;
  const idsArg = call.args.get('ids');
  const parentsArg = call.args.get('parent_ids');
  const valuesArg = call.args.get('values');
  const idsM = matrix(idsArg);
  const parentsM = matrix(parentsArg);
  const valuesM = matrix(valuesArg);
  if (!idsArg || !valuesArg || !idsM || !parentsM || !valuesM) return [];
  const ids = vector(idsM).map((v) => (isBlank(v) || isCellError(v) ? null : String(v)));
  const parents = vector(parentsM).map((v) => (isBlank(v) || isCellError(v) ? null : String(v)));
  const values = vector(valuesM).map((v) => num(v));
  if (parents.length !== ids.length || values.length !== ids.length) return [];
  let totals: (number | null)[];
  try {
    totals = rollupQuota({ ids, parentIds: parents, values });
  } catch {
    return []; // the function itself reports duplicates, missing parents and cycles
  }
  const key = (s: string) => s.trim().toLowerCase();
  const rowOf = new Map<string, number>();
  ids.forEach((id, i) => id !== null && rowOf.set(key(id), i));
  const children = new Map<number, number[]>();
  parents.forEach((p, i) => {
    if (p === null || ids[i] === null) return;
    const parent = rowOf.get(key(p));
    if (parent === undefined) return;
    const list = children.get(parent) ?? [];
    list.push(i);
    children.set(parent, list);
  });
  const out: Finding[] = [];
  const where = `(${cellName(f)} ${f.formula})`;
  for (const [parent, kids] of children) {
    const own = values[parent] ?? 0;
    if (own === 0) continue;
    const childSum = kids.reduce((s, k) => s + (totals[k] ?? 0), 0);
    const cells = mergeCells([
      vectorCell(valuesArg, valuesM, parent, f),
      ...kids.map((k) => vectorCell(valuesArg, valuesM, k, f)),
    ]);
    const tol = Math.max(1e-9 * Math.abs(own), 0.005);
    if (Math.abs(own - childSum) <= tol) {
      out.push({
        kind: 'rollup-mismatch',
        severity: 'high',
        title: `Rollup counts '${ids[parent]}' twice`,
        detail: `'${ids[parent]}' carries ${fmt(own)} in its own values row, exactly what its ${kids.length} children add up to ${where}; the rollup adds the children on top, so '${ids[parent]}' and everything above it are double.`,
        cells,
        action: `Clear '${ids[parent]}''s own value (the rollup computes its total), or keep the top-down target in a separate column.`,
      });
    } else {
      out.push({
        kind: 'rollup-mismatch',
        severity: 'medium',
        title: `Children of '${ids[parent]}' do not add up to it`,
        detail: `'${ids[parent]}' carries ${fmt(own)}, but its ${kids.length} children add up to ${fmt(childSum)} (difference ${fmt(own - childSum)}) ${where}. If ${fmt(own)} is its target, the children's numbers fall short or over; if it is its own quota, this can be ignored.`,
        cells,
        action: `Reconcile the children of '${ids[parent]}' with its number, or move the parent's target out of the values column.`,
      });
    }
  }
  // The spilled result itself: each row must be its own value plus its descendants'.
  if (!isCellError(f.value)) {
    const { values: shown, cells } = spillValues(grid, f, idsM.length === 1 ? idsM : idsM.map((r) => [r[0]]));
    const wrong: Pos[] = [];
    totals.forEach((t, i) => {
      const v = num(shown[i]);
      if (t !== null && v !== null && Math.abs(v - t) > Math.max(1e-9 * Math.abs(t), 0.005)) wrong.push(cells[i]);
    });
    if (wrong.length) {
      const refs = mergeCells(wrong);
      out.push({
        kind: 'rollup-mismatch',
        severity: 'high',
        title: `Rollup result ${describeCells(refs, 2)} is not the sum of its parts`,
        detail: `${describeCells(refs, 4)} in the result of ${cellName(f)} differ from each row's own value plus its descendants' values.`,
        cells: refs,
        action: 'A value was typed over or pasted onto the rollup result: clear it so the formula spills again.',
      });
    }
  }
  return out;
}

/** Runs every planning-model check over the SALESOPS calls of the given formulas. */
export function modelChecks(grid: Grid, formulas: ParsedFormula[]): Finding[] {
  const byInput = new Map<string, { check: (a: ArgValue, users: Use[]) => Finding[]; a: ArgValue; users: Use[] }>();
  const perCall: Finding[] = [];
  const add = (kind: string, a: ArgValue | undefined, u: Use, check: (a: ArgValue, users: Use[]) => Finding[]) => {
    if (!a || (a.kind !== 'range' && a.kind !== 'literal')) return;
    const k = `${kind}|${inputKey(a, u.f)}`;
    const entry = byInput.get(k);
    if (entry) entry.users.push(u);
    else byInput.set(k, { check, a, users: [u] });
  };
  for (const f of formulas) {
    for (const call of salesOpsCalls(f, grid)) {
      const u = { f, call };
      add('stage', call.args.get('stage_table'), u, stageTableFindings);
      add('tiers', call.args.get('tiers'), u, tierFindings);
      add('ramp', call.args.get('ramp'), u, rampFindings);
      if (call.decl.id === 'QUOTA.ALLOCATE') perCall.push(...allocationFindings(grid, u));
      if (call.decl.id === 'QUOTA.ROLLUP') perCall.push(...rollupFindings(grid, u));
    }
  }
  const out: Finding[] = [];
  for (const { check, a, users } of byInput.values()) out.push(...check(a, users));
  return [...out, ...perCall];
}

export const modelChecksCheck: Check = {
  name: 'planning-model checks',
  kinds: ['stage-probability', 'commission-tiers', 'quota-allocation', 'rollup-mismatch', 'ramp-above-one'],
  run: ({ grid, salesops }) => modelChecks(grid, salesops),
};
