/** Constants hidden in formulas: a rate or threshold typed inside a formula instead of a labelled input cell. */
import type { Token } from '../formula';
import type { Grid, ParsedFormula } from '../grid';
import { cellName, describeCells, fmt, mergeCells } from '../cells';
import type { Finding } from '../types';
import { groupBy, pos } from './shared';
import type { Check } from './check';

/** Argument positions (0-based) where a literal number is a setting, not a business number. */
const SETTING_ARGS: Record<string, number[] | 'all'> = {
  ROUND: [1],
  ROUNDUP: [1],
  ROUNDDOWN: [1],
  MROUND: [1],
  TRUNC: [1],
  FIXED: [1],
  VLOOKUP: [2, 3],
  HLOOKUP: [2, 3],
  XLOOKUP: [4, 5],
  INDEX: [1, 2],
  MATCH: [2],
  XMATCH: [2, 3],
  OFFSET: [1, 2, 3, 4],
  CHOOSE: [0],
  LEFT: [1],
  RIGHT: [1],
  MID: [1, 2],
  DATE: 'all',
  TIME: 'all',
  EDATE: [1],
  EOMONTH: [1],
  LARGE: [1],
  SMALL: [1],
  PERCENTILE: [1],
  QUARTILE: [1],
  RANK: [2],
  WEEKDAY: [1],
  WEEKNUM: [1],
  TEXT: 'all',
  SUBTOTAL: [0],
  AGGREGATE: [0, 1],
  SEQUENCE: 'all',
  MOD: [1],
  INDIRECT: 'all',
  ADDRESS: 'all',
  SORT: [1, 2],
  TAKE: 'all',
  DROP: 'all',
  CHOOSECOLS: 'all',
  CHOOSEROWS: 'all',
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

export const hardCodedConstantsCheck: Check = {
  name: 'hard-coded constants',
  kinds: ['hard-coded-constant'],
  run: ({ grid }) => hardCodedConstants(grid),
};
