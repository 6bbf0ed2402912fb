/**
 * Structural checks, as in Excel's error checking, Inquire, PerfectXL and Operis OAK: inconsistent formulas in
 * blocks (relative R1C1 form), numbers typed over a column of formulas, constants hidden in formulas, error
 * values, references to empty cells and to other workbooks, and circular references.
 */
import { isCellError } from '../workbook/workbook';
import type { Finding } from './types';
import { relativeForm, renderA1, type Area, type Token } from './formula';
import { cellAddress } from '../workbook/a1';
import { sheetKey, showValue, type Grid, type ParsedFormula, type RefToken } from './grid';
import { cellName, describeCells, fmt, mergeCells, type Pos } from './cells';

const pos = (f: ParsedFormula): Pos => ({ sheet: f.sheet, row: f.row, col: f.col });

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** Consecutive runs (by row within a column, or by column within a row) of formula cells of one sheet. */
function blocks(formulas: ParsedFormula[], byColumn: boolean): ParsedFormula[][] {
  const out: ParsedFormula[][] = [];
  const lines = groupBy(formulas, (f) => `${f.sheetKey}|${byColumn ? f.col : f.row}`);
  for (const line of lines.values()) {
    line.sort((a, b) => (byColumn ? a.row - b.row : a.col - b.col));
    let run: ParsedFormula[] = [];
    for (const f of line) {
      const prev = run[run.length - 1];
      if (prev && (byColumn ? f.row === prev.row + 1 : f.col === prev.col + 1)) run.push(f);
      else {
        if (run.length) out.push(run);
        run = [f];
      }
    }
    if (run.length) out.push(run);
  }
  return out;
}

/** The most common relative form of a block when it is a strict majority. */
function majority(block: ParsedFormula[]): { rel: string; members: ParsedFormula[] } | null {
  const counts = groupBy(block, (f) => f.rel);
  let best: ParsedFormula[] = [];
  for (const list of counts.values()) if (list.length > best.length) best = list;
  if (best.length < 2 || best.length * 2 <= block.length) return null;
  return { rel: best[0].rel, members: best };
}

/** True when the formula reads an area of its own sheet that covers at least two other cells of the block (a total). */
function isTotalOf(f: ParsedFormula, block: ParsedFormula[], grid: Grid): boolean {
  for (const t of f.tokens) {
    if (t.kind !== 'ref' || !t.end || t.workbook) continue;
    const { sheet, area } = grid.refTarget(t, f.sheet);
    if (sheetKey(sheet) !== f.sheetKey) continue;
    const inside = block.filter((g) => g !== f && g.row >= area.top && g.row <= area.bottom && g.col >= area.left && g.col <= area.right).length;
    if (inside >= 2) return true;
  }
  return false;
}

/** A figure: a number, or a formula cell (whatever it shows). Labels and blanks are not. */
function isFigure(grid: Grid, sheet: string, row: number, col: number): boolean {
  return grid.formulaAt(sheet, row, col) !== undefined || typeof grid.value(sheet, row, col) === 'number';
}

/**
 * The first (or last) cell of a running pattern, which cannot follow it: =B28 before =B29+C28..., =PlanStart before
 * =EDATE(B29,1)..., =C38 before =C39-C38... Copied into that cell, the pattern of `rep` would read past the start of
 * the series: a relative single cell off the sheet, or a label or blank where `rep` itself reads a figure (the
 * row's label or the column's header), so the cell has to be written differently.
 */
function startsSeries(f: ParsedFormula, rep: ParsedFormula, grid: Grid): boolean {
  for (const t of rep.tokens) {
    if (t.kind !== 'ref' || t.end || t.workbook || t.start.row === null || t.start.col === null) continue;
    if (t.start.rowAbs && t.start.colAbs) continue;
    const { sheet } = grid.refTarget(t, rep.sheet);
    const r = t.start.rowAbs ? t.start.row : t.start.row + (f.row - rep.row);
    const c = t.start.colAbs ? t.start.col : t.start.col + (f.col - rep.col);
    if (r < 0 || c < 0) return true;
    if (isFigure(grid, sheet, t.start.row, t.start.col) && !isFigure(grid, sheet, r, c)) return true;
  }
  return false;
}

/** A formula's relative (R1C1) pattern as users read it (sheet names as written). */
function shown(f: ParsedFormula): string {
  return relativeForm(f.tokens, f.row, f.col, true);
}

/** A formula rendered as it would read in another cell if copied there. */
function patternAt(rep: ParsedFormula, row: number, col: number): string {
  return renderA1(rep.tokens, row - rep.row, col - rep.col);
}

export function inconsistentFormulas(grid: Grid): Finding[] {
  const findings: Finding[] = [];
  const flagged = new Set<ParsedFormula>();
  const flaggedKeys = new Set<string>();
  for (const byColumn of [true, false]) {
    for (const block of blocks(grid.formulas, byColumn)) {
      if (block.length < 3) continue;
      const major = majority(block);
      if (!major) continue;
      const deviants = block.filter((f) => f.rel !== major.rel && !flagged.has(f));
      const edge = (f: ParsedFormula) => f === block[0] || f === block[block.length - 1];
      const real = deviants.filter((f) => !(edge(f) && (isTotalOf(f, block, grid) || startsSeries(f, major.members[0], grid))));
      for (const group of groupBy(real, (f) => f.rel).values()) {
        group.forEach((f) => {
          flagged.add(f);
          flaggedKeys.add(`${f.sheetKey}|${f.row}|${f.col}`);
        });
        const first = group[0];
        const cells = mergeCells(group.map(pos));
        const expected = patternAt(major.members[0], first.row, first.col);
        const where = describeCells(mergeCells(major.members.map(pos)), 4);
        findings.push({
          kind: 'inconsistent-formula',
          severity: 'high',
          title: `${describeCells(cells, 3)}: formula differs from the ${byColumn ? 'column' : 'row'} around it`,
          detail: `${cellName(pos(first))} is ${first.formula}, but ${major.members.length} of ${block.length} cells in ${describeCells(mergeCells(block.map(pos)), 2)} follow the pattern ${shown(major.members[0])} (${where}); copied here it would read ${expected}.`,
          cells,
          action: `If ${cellAddress(first.row, first.col)} should follow its neighbours, enter ${expected}; if it is a deliberate exception, label it so the next reviewer knows.`,
        });
      }
    }
  }
  return [...findings, ...inconsistentAcrossSheets(grid, flaggedKeys)];
}

/**
 * Inconsistent across sheets: sheets laid out alike (one per region, per month...) should hold the same formula at
 * the same address. Sheets count as parallel when they share at least 80% of their formula addresses; at each
 * address held by three or more parallel sheets, a strict majority pattern names the odd ones out.
 */
export function inconsistentAcrossSheets(grid: Grid, alreadyFlagged: Set<string>): Finding[] {
  const bySheet = groupBy(grid.formulas, (f) => f.sheetKey);
  if (bySheet.size < 3) return [];
  const addresses = new Map<string, Set<string>>();
  for (const [k, list] of bySheet) addresses.set(k, new Set(list.map((f) => `${f.row},${f.col}`)));
  const overlap = (a: Set<string>, b: Set<string>) => {
    let common = 0;
    for (const x of a) if (b.has(x)) common++;
    return common / Math.max(a.size, b.size);
  };
  const keys = [...bySheet.keys()];
  const parallel = new Map<string, Set<string>>();
  for (const a of keys) parallel.set(a, new Set(keys.filter((b) => b !== a && overlap(addresses.get(a)!, addresses.get(b)!) >= 0.8)));
  const findings: Finding[] = [];
  const atAddress = groupBy(
    grid.formulas.filter((f) => parallel.get(f.sheetKey)!.size >= 2),
    (f) => `${f.row},${f.col}`,
  );
  const odd: { f: ParsedFormula; major: ParsedFormula[] }[] = [];
  for (const cells of atAddress.values()) {
    if (cells.length < 3) continue;
    const major = majority(cells);
    if (!major) continue;
    for (const f of cells) {
      if (f.rel === major.rel || alreadyFlagged.has(`${f.sheetKey}|${f.row}|${f.col}`)) continue;
      if (!major.members.some((m) => parallel.get(f.sheetKey)!.has(m.sheetKey))) continue;
      odd.push({ f, major: major.members });
    }
  }
  for (const group of groupBy(odd, (o) => `${o.f.sheetKey}|${o.f.rel}|${o.major[0].rel}`).values()) {
    const first = group[0];
    const cells = mergeCells(group.map((o) => pos(o.f)));
    const sheets = [...new Set(first.major.map((m) => m.sheet))];
    findings.push({
      kind: 'inconsistent-formula',
      severity: 'high',
      title: `${describeCells(cells, 3)}: formula differs from the same cell on ${sheets.length} sheets laid out alike`,
      detail: `${cellName(pos(first.f))} is ${first.f.formula}, but ${sheets.slice(0, 4).join(', ')}${sheets.length > 4 ? ' and others' : ''} hold ${shown(first.major[0])} at ${cellAddress(first.f.row, first.f.col)} (${first.major[0].formula} on ${first.major[0].sheet}).`,
      cells,
      action: `If ${first.f.sheet} should follow the other sheets, enter ${first.major[0].formula} in ${cellAddress(first.f.row, first.f.col)}; if the difference is deliberate, label it.`,
    });
  }
  return findings;
}

/** Numbers typed where a column of formulas (one relative pattern) runs. */
export function typedOverFormulas(grid: Grid): Finding[] {
  const findings: Finding[] = [];
  const columns = groupBy(grid.formulas, (f) => `${f.sheetKey}|${f.col}`);
  for (const list of columns.values()) {
    if (list.length < 3) continue;
    list.sort((a, b) => a.row - b.row);
    const sheet = list[0].sheet;
    const col = list[0].col;
    const major = majority(list);
    if (!major) continue;
    const rep = major.members[0];
    const typed: { row: number; value: number }[] = [];
    const isNumber = (row: number) => typeof grid.value(sheet, row, col) === 'number' && !grid.formulaAt(sheet, row, col);
    // inside the column: a number whose nearest formulas above and below share the majority pattern
    for (let i = 0; i + 1 < list.length; i++) {
      const above = list[i];
      const below = list[i + 1];
      if (below.row - above.row < 2 || above.rel !== major.rel || below.rel !== major.rel) continue;
      let allNumbers = true;
      for (let r = above.row + 1; r < below.row && allNumbers; r++) allNumbers = isNumber(r);
      if (!allNumbers) continue;
      for (let r = above.row + 1; r < below.row; r++) typed.push({ row: r, value: grid.value(sheet, r, col) as number });
    }
    // just past either end: a number in a row whose inputs (what the pattern would read) are filled like the rest
    const ends = [
      { row: list[0].row - 1, next: list[0] },
      { row: list[list.length - 1].row + 1, next: list[list.length - 1] },
    ];
    for (const { row, next } of ends) {
      if (row < 0 || next.rel !== major.rel || !isNumber(row)) continue;
      if (inputsFilled(grid, rep, row, col)) typed.push({ row, value: grid.value(sheet, row, col) as number });
    }
    if (typed.length === 0) continue;
    const cells = mergeCells(typed.map((t) => ({ sheet, row: t.row, col })));
    const first = typed[0];
    const expected = patternAt(rep, first.row, col);
    findings.push({
      kind: 'typed-over-formula',
      severity: 'high',
      title: `${describeCells(cells, 3)}: number typed in a column of formulas`,
      detail: `${cellName({ sheet, row: first.row, col })} holds the number ${fmt(first.value)} where ${major.members.length} cells of column ${cellAddress(0, col).replace(/\d+$/, '')} (${describeCells(mergeCells(major.members.map(pos)), 3)}) compute ${shown(rep)}; it will not update when its inputs change.`,
      cells,
      action: `Put the formula back (${expected} in ${cellAddress(first.row, col)}); if an override is intended, keep it in a separate, labelled adjustment column.`,
    });
  }
  return findings;
}

/**
 * True when the pattern, moved to `row`, reads the same kind of cells the pattern reads where it runs: every
 * same-sheet single cell it reads (with a relative row) holds something, a figure where the pattern reads a figure
 * (not the header above the column), and it reads one at all.
 */
function inputsFilled(grid: Grid, rep: ParsedFormula, row: number, col: number): boolean {
  let relative = 0;
  for (const t of rep.tokens) {
    if (t.kind !== 'ref' || t.end || t.sheet || t.workbook || t.start.row === null || t.start.col === null) continue;
    if (t.start.rowAbs) continue;
    relative++;
    const r = t.start.row + (row - rep.row);
    const c = t.start.colAbs ? t.start.col : t.start.col + (col - rep.col);
    if (r < 0 || grid.isEmpty(rep.sheet, r, c)) return false;
    if (isFigure(grid, rep.sheet, t.start.row, t.start.col) && !isFigure(grid, rep.sheet, r, c)) return false;
  }
  return relative > 0;
}

/** Argument positions (0-based) where a literal number is a setting, not a business number. */
const SETTING_ARGS: Record<string, number[] | 'all'> = {
  ROUND: [1], ROUNDUP: [1], ROUNDDOWN: [1], MROUND: [1], TRUNC: [1], FIXED: [1],
  VLOOKUP: [2, 3], HLOOKUP: [2, 3], XLOOKUP: [4, 5], INDEX: [1, 2], MATCH: [2], XMATCH: [2, 3],
  OFFSET: [1, 2, 3, 4], CHOOSE: [0], LEFT: [1], RIGHT: [1], MID: [1, 2], DATE: 'all', TIME: 'all',
  EDATE: [1], EOMONTH: [1], LARGE: [1], SMALL: [1], PERCENTILE: [1], QUARTILE: [1], RANK: [2],
  WEEKDAY: [1], WEEKNUM: [1], TEXT: 'all', SUBTOTAL: [0], AGGREGATE: [0, 1], SEQUENCE: 'all', MOD: [1],
  INDIRECT: 'all', ADDRESS: 'all', SORT: [1, 2], TAKE: 'all', DROP: 'all', CHOOSECOLS: 'all', CHOOSEROWS: 'all',
};

/**
 * Numbers that convert units rather than state an assumption: months, weeks and days in a year, days in a week,
 * hours in a day, percent and thousands. `=B30*Productivity/12` is not a hidden rate.
 */
export const UNIT_CONSTANTS: ReadonlySet<number> = new Set([7, 12, 24, 52, 100, 365, 1000]);

/** Literal numbers other than 0, 1 and unit conversions in a formula, outside function arguments that are settings. */
export function hiddenConstants(tokens: Token[]): number[] {
  const found: number[] = [];
  const stack: { name: string; arg: number; brace: number }[] = [];
  let brace = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'func') {
      stack.push({ name: t.name.replace(/^_XLFN\./, ''), arg: 0, brace });
      i++; // its '('
      continue;
    }
    if (t.kind === 'lbrace') brace++;
    else if (t.kind === 'rbrace') brace--;
    else if (t.kind === 'paren') stack.push({ name: '(', arg: 0, brace });
    else if (t.kind === 'close') stack.pop();
    else if (t.kind === 'comma' && brace === (stack[stack.length - 1]?.brace ?? 0)) {
      if (stack.length) stack[stack.length - 1].arg++;
    } else if (t.kind === 'number' && t.value !== 0 && t.value !== 1) {
      const top = stack[stack.length - 1];
      const settings = top ? SETTING_ARGS[top.name] : undefined;
      const percent = tokens[i + 1]?.kind === 'op' && tokens[i + 1].text === '%';
      if (percent && t.value === 100) continue; // 100% is 1
      if (!percent && UNIT_CONSTANTS.has(t.value)) continue;
      if (settings === 'all' || settings?.includes(top!.arg)) continue;
      found.push(percent ? t.value / 100 : t.value);
    }
  }
  return found;
}

export function hardCodedConstants(grid: Grid): Finding[] {
  const hits: { f: ParsedFormula; numbers: number[] }[] = [];
  for (const f of grid.formulas) {
    if (!f.tokens.some((t) => t.kind === 'number')) continue;
    const numbers = hiddenConstants(f.tokens);
    if (numbers.length) hits.push({ f, numbers });
  }
  const findings: Finding[] = [];
  for (const group of groupBy(hits, (h) => `${h.f.sheetKey}|${h.f.rel}`).values()) {
    const first = group[0];
    const cells = mergeCells(group.map((h) => pos(h.f)));
    const numbers = [...new Set(first.numbers)].map(fmt).join(', ');
    findings.push({
      kind: 'hard-coded-constant',
      severity: 'medium',
      title: `${describeCells(cells, 3)}: ${first.numbers.length > 1 ? 'numbers' : 'a number'} (${numbers}) typed inside the formula`,
      detail: `${cellName(pos(first.f))} is ${first.f.formula}${group.length > 1 ? `, and ${group.length - 1} more cell(s) repeat it` : ''}. A rate or threshold typed into a formula is invisible to reviewers and is missed when the plan changes.`,
      cells,
      action: `Move ${numbers} into a labelled input cell (or the plan's assumptions table) and reference that cell with $ anchors.`,
    });
  }
  return findings;
}

export function errorValues(grid: Grid): Finding[] {
  const errors = grid.formulas.filter((f) => isCellError(f.value) && (f.value as { error: string }).error !== '#CYCLE!');
  const errorCells = new Map<string, Pos[]>();
  for (const f of errors) {
    const list = errorCells.get(f.sheetKey) ?? [];
    list.push(pos(f));
    errorCells.set(f.sheetKey, list);
  }
  // A cell whose error comes from another error cell it reads is a consequence: fix the source first.
  const readsError = (f: ParsedFormula): Pos | null => {
    for (const t of f.tokens) {
      if (t.kind !== 'ref' || t.workbook) continue;
      const { sheet, area } = grid.refTarget(t, f.sheet);
      const hit = (errorCells.get(sheetKey(sheet)) ?? []).find((p) => !(p.row === f.row && p.col === f.col && sheetKey(p.sheet) === f.sheetKey) && inArea(p, area));
      if (hit) return hit;
    }
    return null;
  };
  const findings: Finding[] = [];
  const rows = errors.map((f) => ({ f, source: readsError(f), v: f.value as { error: string; message?: string } }));
  for (const group of groupBy(rows, (x) => `${x.f.sheetKey}|${x.f.rel}|${x.v.error}|${x.v.message ?? ''}|${x.source ? 'p' : 'r'}`).values()) {
    const { f, v, source } = group[0];
    const cells = mergeCells(group.map((x) => pos(x.f)));
    const salesops = /SALESOPS\./i.test(f.formula);
    findings.push({
      kind: 'error-value',
      severity: source ? 'medium' : 'high',
      title: `${describeCells(cells, 3)} show${group.length > 1 ? '' : 's'} ${v.error}${source ? ` (from ${cellName(source)})` : ''}`,
      detail: `${cellName(pos(f))} is ${f.formula} and shows ${showValue(f.value)}.${messageNote(f, v, salesops)}`,
      cells,
      action: source
        ? `Fix ${cellName(source)} first; this error is passed on from it.`
        : v.message
          ? `Do what the message says: ${v.message}.`
          : `Check the inputs ${f.formula} reads; every total built on ${cellAddress(f.row, f.col)} is wrong until it is fixed.`,
    });
  }
  return findings;
}

/** Where an error's message came from, when the host did not give it. */
function messageNote(f: ParsedFormula, v: { error: string; message?: string }, salesops: boolean): string {
  if (v.message) return f.messageFrom ? ` The host showed only ${v.error}: the message is what SALESOPS.${f.messageFrom} gives for these inputs.` : '';
  return salesops ? ' The host did not give the SALESOPS message, and the audit could not work it out (an argument is a calculation, or the error does not come from the SALESOPS call).' : '';
}

function inArea(p: { row: number; col: number }, a: Area): boolean {
  return p.row >= a.top && p.row <= a.bottom && p.col >= a.left && p.col <= a.right;
}

/** Functions whose argument is tested for being blank (or for its kind): a blank there is read on purpose. */
const BLANK_TESTS = new Set(['ISBLANK', 'ISNUMBER', 'ISTEXT', 'ISNONTEXT', 'ISLOGICAL', 'ISERROR', 'ISERR', 'ISNA', 'ISFORMULA', 'ISREF', 'COUNTBLANK', 'COUNTA', 'LEN', 'N', 'T', 'TYPE']);

/**
 * Token positions of references read on purpose even when blank: compared with "" (`F2=""`, `""<>F2`), or the
 * whole argument of a blank test (ISBLANK(F2), LEN(F2)).
 */
export function blankTestedRefs(tokens: Token[]): Set<number> {
  const out = new Set<number>();
  const isEmptyText = (t: Token | undefined) => t?.kind === 'string' && t.value === '';
  const isCompare = (t: Token | undefined) => t?.kind === 'op' && (t.text === '=' || t.text === '<>');
  // the function (or '(' group) each token sits in, to tell a whole argument of ISBLANK(...) from a part of one
  const stack: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'func') {
      stack.push(t.name.replace(/^_XLFN\./, ''));
      i++; // its '('
      continue;
    }
    if (t.kind === 'paren' || t.kind === 'lbrace') stack.push('(');
    else if (t.kind === 'close' || t.kind === 'rbrace') stack.pop();
    if (t.kind !== 'ref') continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if ((isCompare(next) && isEmptyText(tokens[i + 2])) || (isCompare(prev) && isEmptyText(tokens[i - 2]))) out.add(i);
    else if (BLANK_TESTS.has(stack[stack.length - 1] ?? '') && (prev?.kind === 'paren' || prev?.kind === 'comma') && (next?.kind === 'close' || next?.kind === 'comma')) out.add(i);
  }
  return out;
}

export function emptyReferences(grid: Grid): Finding[] {
  const hits: { f: ParsedFormula; empty: Pos[] }[] = [];
  for (const f of grid.formulas) {
    const empty: Pos[] = [];
    let tested: Set<number> | null = null;
    for (let i = 0; i < f.tokens.length; i++) {
      const t = f.tokens[i];
      if (t.kind !== 'ref' || t.end || t.workbook || t.start.row === null || t.start.col === null) continue;
      const { sheet } = grid.refTarget(t, f.sheet);
      if (!grid.hasSheet(sheet)) continue;
      if (!grid.isEmpty(sheet, t.start.row, t.start.col) || grid.formulaAt(sheet, t.start.row, t.start.col)) continue;
      tested ??= blankTestedRefs(f.tokens);
      if (!tested.has(i)) empty.push({ sheet, row: t.start.row, col: t.start.col });
    }
    if (empty.length) hits.push({ f, empty });
  }
  const findings: Finding[] = [];
  for (const group of groupBy(hits, (h) => `${h.f.sheetKey}|${h.f.rel}`).values()) {
    const cells = mergeCells(group.map((h) => pos(h.f)));
    const empty = mergeCells(group.flatMap((h) => h.empty));
    findings.push({
      kind: 'empty-reference',
      severity: 'low',
      title: `${describeCells(cells, 3)} read${group.length > 1 ? '' : 's'} empty cell${empty.length > 1 || group.length > 1 ? 's' : ''} (${describeCells(empty, 3)})`,
      detail: `${cellName(pos(group[0].f))} is ${group[0].f.formula}; an empty cell counts as 0, which hides a missing input.`,
      cells: [...cells, ...empty],
      action: `Fill ${describeCells(empty, 3)} (enter 0 if zero is meant), or point the formula at the right cells.`,
    });
  }
  return findings;
}

export function externalReferences(grid: Grid): Finding[] {
  const hits: { f: ParsedFormula; refs: string[] }[] = [];
  for (const f of grid.formulas) {
    const refs = f.tokens.filter((t) => (t.kind === 'ref' || t.kind === 'name') && t.workbook).map((t) => t.text);
    if (refs.length) hits.push({ f, refs });
  }
  const findings: Finding[] = [];
  for (const group of groupBy(hits, (h) => `${h.f.sheetKey}|${h.f.rel}`).values()) {
    const cells = mergeCells(group.map((h) => pos(h.f)));
    const refs = [...new Set(group.flatMap((h) => h.refs))];
    findings.push({
      kind: 'external-reference',
      severity: 'high',
      title: `${describeCells(cells, 3)}: read${group.length > 1 ? '' : 's'} another workbook (${refs.slice(0, 3).join(', ')})`,
      detail: `${cellName(pos(group[0].f))} is ${group[0].f.formula}. Its value depends on a file that whoever signs off may not have, and it goes stale when that file moves or changes.`,
      cells,
      action: 'Copy the figures into this workbook (a labelled inputs sheet) and reference them there, or document where the linked file lives and when it was last refreshed.',
    });
  }
  return findings;
}

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
      action: 'Break the loop: one of these cells must take an input (or last period\'s value) instead of a result that depends on it.',
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
