/**
 * Excel's functions that return a reference, which a HyperFormula function plugin cannot do (a plugin returns
 * values): INDIRECT, OFFSET with computed arguments, ANCHORARRAY (Excel's `A1#` spill reference) and TRIMRANGE.
 * Each call is resolved by rewriting the formula: its arguments are evaluated in the engine in the formula's
 * context, and the call is replaced by the reference it names (`ROW(INDIRECT(J2))` -> `ROW($A$1)` when J2 holds
 * "A1"), or by the error Excel gives. Since an argument may read cells that are themselves resolved this way, the
 * host repeats (resolveReferencePasses): evaluate, resolve, set the rewritten formulas, until nothing changes.
 *
 * Only the engine's copy of a formula changes: the workbook keeps what the user typed, and a recalculated file keeps
 * the original formula text. A call that cannot be resolved (its reference argument is an expression this module
 * does not read) leaves the whole formula as it was, so the engine answers #NAME? and recalc keeps Excel's value.
 * HyperFormula is GPL-3.0: only the CLI, the playground and tests import this file.
 */
import { MAX_COLUMNS, MAX_ROWS, type Area, parseA1Ref, parseR1C1Ref, refText, type RefArea } from '../../workbook/a1';
import { skipQuoted, splitArgs } from '../../xlsx/formula-refs';

const CALL = /\b(INDIRECT|OFFSET|ANCHORARRAY|TRIMRANGE|CHOOSE|FORMULATEXT|ISREF)\s*\(/i;
/** Functions resolved only where the engine cannot read the formula, or inside another call resolved here. */
const WHEN_NEEDED = new Set(['OFFSET', 'CHOOSE']);
const NAME_AT = /[A-Za-z_][A-Za-z0-9_.]*(?=\s*\()/y;

/** A value as an argument gives it: number, text, boolean, empty (null) or an error code. */
export type ArgValue = number | string | boolean | null | { error: string };

/**
 * What resolving needs to know about the formula's cell and the workbook. Before the engine has evaluated anything
 * (references.ts resolves what it can from the file first), `evaluate`, `spill`, `typed` and `cell` answer
 * undefined for what depends on computed cells, and the call waits for the passes over the engine.
 */
export interface ReferenceContext {
  /** Sheet names of the workbook, for references naming another sheet. */
  sheets: readonly string[];
  /** The formula's sheet and 0-based position. */
  sheet: string;
  row: number;
  col: number;
  /** An argument's value in the formula's context (ROW() and COLUMN() are already its own); undefined: unknown. */
  evaluate(text: string): ArgValue | undefined;
  /** The engine's name for a defined name visible from the formula (any case), or undefined. */
  name(text: string): string | undefined;
  /** The range an array formula anchored at this cell fills (ANCHORARRAY), null when no array starts there. */
  spill(sheet: string, row: number, col: number): Area | null | undefined;
  /** The formula the user typed in a cell, where the engine holds another text for it; else undefined. */
  typed(sheet: string, row: number, col: number): string | undefined | false;
  /** Whether a cell holds something (TRIMRANGE), and the used size of a sheet; undefined: unknown yet. */
  filled?(sheet: string, row: number, col: number): boolean;
  size?(sheet: string): { height: number; width: number };
  /** Why the last call resolved to an error (Excel's code alone carries no reason); set by this module. */
  failure?: string;
}

/** Excel's error `code` for a call, with the reason kept on the context for the formula's message. */
function fail(ctx: ReferenceContext, code: string, why: string): string {
  ctx.failure = why;
  return code;
}

/** True when a formula calls one of the functions this module resolves. */
export function hasReferenceCall(formula: string): boolean {
  return CALL.test(formula.replace(/"(?:[^"]|"")*"/g, '""'));
}

/**
 * The formula with every INDIRECT / ANCHORARRAY / TRIMRANGE call (and OFFSET when `offsets`: the engine reads
 * OFFSET itself only with constant arguments) replaced by the reference it gives in the current engine state;
 * undefined when a call cannot be resolved.
 */
export function resolveReferenceCalls(formula: string, ctx: ReferenceContext, offsets: boolean): string | undefined {
  let out = '';
  for (let i = 0; i < formula.length;) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      const end = skipQuoted(formula, i);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    NAME_AT.lastIndex = i;
    const m = /[\w.$!\\]/.test(formula[i - 1] ?? '') ? null : NAME_AT.exec(formula);
    if (!m) {
      out += ch;
      i++;
      continue;
    }
    const name = m[0].toUpperCase();
    if (!CALL.test(name + '(') || (WHEN_NEEDED.has(name) && !offsets)) {
      out += m[0];
      i += m[0].length;
      continue;
    }
    const split = splitArgs(formula, formula.indexOf('(', i + m[0].length));
    if (!split) return undefined;
    const args: string[] = [];
    for (const a of split.args) {
      // A reference argument of INDIRECT & co must become a reference here: OFFSET(A1,1,1) inside ANCHORARRAY too.
      const r = resolveReferenceCalls(a, ctx, true);
      if (r === undefined) return undefined;
      args.push(r.trim());
    }
    const replaced = replacement(name, args, ctx);
    if (replaced === undefined) return undefined;
    out += replaced;
    i = split.close + 1;
  }
  return out;
}

type Value = ArgValue;

/** An argument's value as the formula's cell would see it (ROW() and COLUMN() are its own). */
function evaluate(text: string, ctx: ReferenceContext): Value | undefined {
  if (text === '') return null;
  const own = text.replace(/\b(ROW|COLUMN)\s*\(\s*\)/gi, (_, f: string) =>
    String(f.toUpperCase() === 'ROW' ? ctx.row + 1 : ctx.col + 1),
  );
  return ctx.evaluate(own);
}

function isError<T>(v: T | { error: string }): v is { error: string } {
  return v !== null && typeof v === 'object' && 'error' in (v as object);
}

/** A number argument as Excel coerces it (TRUE is 1, "2" is 2, blank is 0); an error or #VALUE!. */
function toNumber(v: Value): number | { error: string } {
  if (isError(v)) return v;
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(n) ? n : { error: '#VALUE!' };
}

/** A reference argument: an error literal, or a reference as text (the formula's sheet when it names none). */
function referenceArg(text: string, ctx: ReferenceContext): RefArea | { error: string } | undefined {
  const err = /^#(REF!|VALUE!|N\/A|NAME\?|NUM!|DIV\/0!|NULL!)$/i.exec(text);
  if (err) return { error: text.toUpperCase() };
  const ref = parseA1Ref(text.replace(/^\((.*)\)$/s, '$1'));
  if (!ref) return undefined;
  const sheet = ref.sheet === undefined ? ctx.sheet : sheetName(ref.sheet, ctx);
  return sheet === undefined ? { error: '#REF!' } : { ...ref, sheet };
}

function sheetName(name: string, ctx: ReferenceContext): string | undefined {
  for (const s of ctx.sheets) if (s.toLowerCase() === name.toLowerCase()) return s;
  return undefined;
}

/** The reference for the formula text: the formula's sheet is left implicit. */
function show(ref: RefArea, ctx: ReferenceContext): string {
  return refText(ref.sheet === ctx.sheet ? { ...ref, sheet: undefined } : ref);
}

function replacement(name: string, args: string[], ctx: ReferenceContext): string | undefined {
  if (name === 'INDIRECT') return indirect(args, ctx);
  if (name === 'ISREF') {
    // ISREF(value) is TRUE when value is a reference (Microsoft's IS functions doc), whatever the cell holds: the
    // engine would evaluate ISREF(OFFSET(A1,6,5)) in F7 as a circular reference to F7 itself.
    if (args.length !== 1) return undefined;
    if (parseA1Ref(args[0].replace(/^\((.*)\)$/s, '$1'))) return 'TRUE()';
    return /^#(REF!|VALUE!)$/.test(args[0]) ? 'FALSE()' : `ISREF(${args[0]})`;
  }
  if (name === 'CHOOSE') return choose(args, ctx);
  const base = args.length ? referenceArg(args[0], ctx) : undefined;
  if (base === undefined) return undefined;
  if (isError(base)) return base.error;
  if (name === 'OFFSET') return offset(base, args, ctx);
  if (name === 'FORMULATEXT') {
    // FORMULATEXT shows what the user typed, not the engine's rewritten form (Microsoft's FORMULATEXT doc: "the
    // formula as it is displayed in the formula bar").
    const typed = ctx.typed(base.sheet!, base.top, base.left);
    if (typed === false) return undefined;
    if (typed === undefined) return `FORMULATEXT(${args.join(',')})`;
    // The engine's parser does not read a doubled quote inside a string: quotes are joined in as CHAR(34).
    return (
      '(' +
      typed
        .split('"')
        .map((part) => `"${part}"`)
        .join('&CHAR(34)&') +
      ')'
    );
  }
  if (name === 'ANCHORARRAY') {
    const area = ctx.spill(base.sheet!, base.top, base.left);
    if (area === undefined) return undefined;
    // Microsoft ("Dynamic array formulas and spilled array behavior"): a spill reference to a cell that does not
    // hold a spilled array formula is #REF!.
    if (area) return show({ ...area, sheet: base.sheet }, ctx);
    return fail(
      ctx,
      '#REF!',
      `the spill reference ${refText({ ...base, sheet: undefined })}# names a cell that holds no array`,
    );
  }
  return trimRange(base, args, ctx);
}

/**
 * INDIRECT(ref_text, [a1]) (Microsoft's INDIRECT doc): ref_text is an A1 reference, an R1C1 reference when a1 is
 * FALSE, or a defined name; "If ref_text is not a valid cell reference, INDIRECT returns the #REF! error value."
 */
function indirect(args: string[], ctx: ReferenceContext): string | undefined {
  if (args.length < 1 || args.length > 2) return undefined;
  const text = evaluate(args[0], ctx);
  if (text === undefined) return undefined;
  if (isError(text)) return text.error;
  let a1 = true;
  if (args.length === 2 && args[1] !== '') {
    const v = evaluate(args[1], ctx);
    if (v === undefined) return undefined;
    if (isError(v)) return v.error;
    const n = toNumber(v);
    if (isError(n)) return n.error;
    a1 = n !== 0;
  }
  if (typeof text !== 'string')
    return fail(ctx, '#REF!', `INDIRECT: ref_text ${String(text)} is not text naming a reference`);
  const ref = a1 ? parseA1Ref(text) : parseR1C1Ref(text, ctx);
  if (ref) {
    const sheet = ref.sheet === undefined ? ctx.sheet : sheetName(ref.sheet, ctx);
    if (sheet === undefined)
      return fail(ctx, '#REF!', `INDIRECT: ref_text "${text}" names a sheet the workbook does not have`);
    return show({ ...ref, sheet }, ctx);
  }
  const name = ctx.name(text.trim());
  if (name !== undefined) return name;
  const style = a1 ? 'an A1' : 'an R1C1';
  return fail(ctx, '#REF!', `INDIRECT: ref_text "${text}" is not ${style} reference or a defined name`);
}

/**
 * CHOOSE(index_num, value1, ...) where the engine needs a reference (`A9:CHOOSE(2,A10,A11)`, the range operator):
 * Microsoft's CHOOSE doc, "=SUM(A1:CHOOSE(2,A3,A4,A5))" is SUM(A1:A4). Resolved only when the chosen value is
 * written as a reference; an index below 1 or beyond the list is #VALUE!.
 */
function choose(args: string[], ctx: ReferenceContext): string | undefined {
  if (args.length < 2) return undefined;
  const v = evaluate(args[0], ctx);
  if (v === undefined) return undefined;
  const n = toNumber(v);
  if (isError(n)) return n.error;
  const k = Math.trunc(n);
  if (k < 1 || k >= args.length)
    return fail(ctx, '#VALUE!', `CHOOSE: index_num ${k} is outside 1 to ${args.length - 1}`);
  const ref = referenceArg(args[k], ctx);
  if (ref === undefined) return undefined;
  return isError(ref) ? ref.error : show(ref, ctx);
}

/**
 * OFFSET(reference, rows, cols, [height], [width]) (Microsoft's OFFSET doc): "If rows and cols offset reference
 * over the edge of the worksheet, OFFSET returns the #REF! error value"; height and width default to the
 * reference's. Excel truncates fractional counts (the corpus: OFFSET(K33,-2.3,-2.8) is OFFSET(K33,-2,-2); a width
 * of 3.99 is 3), a size between 0 and 1 counts as 1, a size of 0 is #REF!, and a negative size extends up or left.
 */
function offset(base: RefArea, args: string[], ctx: ReferenceContext): string | undefined {
  if (args.length < 3 || args.length > 5) return undefined;
  const nums: number[] = [];
  for (let k = 1; k < args.length; k++) {
    if (k >= 3 && args[k] === '') {
      nums.push(k === 3 ? base.bottom - base.top + 1 : base.right - base.left + 1);
      continue;
    }
    const v = evaluate(args[k], ctx);
    if (v === undefined) return undefined;
    const n = toNumber(v);
    if (isError(n) && !isError(v))
      return fail(ctx, n.error, `OFFSET: ${['rows', 'cols', 'height', 'width'][k - 1]} "${String(v)}" is not a number`);
    if (isError(n)) return n.error;
    nums.push(n);
  }
  const rows = Math.trunc(nums[0]);
  const cols = Math.trunc(nums[1]);
  const size = (x: number | undefined, whole: number) =>
    x === undefined ? whole : Math.trunc(x) === 0 && x !== 0 ? Math.sign(x) : Math.trunc(x);
  const height = size(nums[2], base.bottom - base.top + 1);
  const width = size(nums[3], base.right - base.left + 1);
  if (height === 0 || width === 0) return fail(ctx, '#REF!', 'OFFSET: height and width must not be 0');
  const top = base.top + rows;
  const left = base.left + cols;
  const area = {
    top: height > 0 ? top : top + height + 1,
    bottom: height > 0 ? top + height - 1 : top,
    left: width > 0 ? left : left + width + 1,
    right: width > 0 ? left + width - 1 : left,
  };
  if (area.top < 0 || area.left < 0 || area.bottom >= MAX_ROWS || area.right >= MAX_COLUMNS)
    return fail(ctx, '#REF!', `OFFSET: ${rows} rows and ${cols} columns from the reference is off the sheet`);
  return show({ ...area, sheet: base.sheet }, ctx);
}

/**
 * TRIMRANGE(range, [trim_rows], [trim_cols]) (Microsoft's TRIMRANGE doc): scans in from the edges until a
 * non-blank cell and excludes the blank rows/columns; 0 none, 1 leading, 2 trailing, 3 both (the default). A range
 * with no value at all is not described by the doc: it is left unresolved (Excel's cached value is kept).
 */
function trimRange(base: RefArea, args: string[], ctx: ReferenceContext): string | undefined {
  if (args.length > 3) return undefined;
  const mode = (k: number): number | string | undefined => {
    if (args.length <= k || args[k] === '') return 3;
    const v = evaluate(args[k], ctx);
    if (v === undefined) return undefined;
    const n = toNumber(v);
    if (isError(n)) return n.error;
    const t = Math.trunc(n);
    return t >= 0 && t <= 3
      ? t
      : fail(ctx, '#VALUE!', `TRIMRANGE: ${k === 1 ? 'trim_rows' : 'trim_cols'} must be 0, 1, 2 or 3`);
  };
  const rows = mode(1);
  const cols = mode(2);
  if (rows === undefined || cols === undefined) return undefined;
  if (typeof rows === 'string') return rows;
  if (typeof cols === 'string') return cols;
  if (!ctx.filled || !ctx.size) return undefined;
  const size = ctx.size(base.sheet!);
  const bottom = Math.min(base.bottom, size.height - 1);
  const right = Math.min(base.right, size.width - 1);
  let top = Number.POSITIVE_INFINITY;
  let left = Number.POSITIVE_INFINITY;
  let last = -1;
  let lastCol = -1;
  for (let r = base.top; r <= bottom; r++)
    for (let c = base.left; c <= right; c++) {
      if (!ctx.filled(base.sheet!, r, c)) continue;
      top = Math.min(top, r);
      last = Math.max(last, r);
      left = Math.min(left, c);
      lastCol = Math.max(lastCol, c);
    }
  if (last < 0) return undefined;
  const area = {
    top: rows & 1 ? top : base.top,
    bottom: rows & 2 ? last : base.bottom,
    left: cols & 1 ? left : base.left,
    right: cols & 2 ? lastCol : base.right,
  };
  return show({ ...area, sheet: base.sheet }, ctx);
}
