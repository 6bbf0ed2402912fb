/**
 * TEXTBEFORE, TEXTAFTER and TEXTSPLIT (Excel 365): text around the n-th delimiter, and text split into a spilled
 * array by column and row delimiters. HyperFormula has none of them.
 *
 * https://support.microsoft.com/office/textbefore-function-d099c28a-dba8-448e-ac6c-f086d0fa1b29
 * https://support.microsoft.com/office/textafter-function-c8db2546-5b51-416a-9690-c7e6722e90b4
 * https://support.microsoft.com/office/textsplit-function-b1ca414e-4c21-4ca0-b1b7-bdecace8a6e7
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  SimpleRangeValue,
} from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { spillRoom, staticArgs, topLevelInScalarCell } from './static-args';
import { generalText, toNumber, toText } from './text-values';

/** The values of a scalar, a range or a 2-D array (a constant read before evaluation), row by row. */
function valuesOf(v: unknown): unknown[] {
  if (v instanceof SimpleRangeValue) return v.valuesFromTopLeftCorner();
  if (Array.isArray(v)) return (v as unknown[][]).flat();
  return [v];
}

/** Delimiters as a list of texts; an error inside is the result. */
function delimiters(v: unknown, what: string): string[] | CellError {
  const out: string[] = [];
  for (const d of valuesOf(v)) {
    if (d instanceof CellError) return d;
    if (d === undefined) continue;
    const t = toText(d, what);
    if (t instanceof CellError) return t;
    out.push(t);
  }
  return out;
}

/** A 0/1 switch (match_mode, match_end); anything else is #VALUE! as in Excel. */
function flag(v: unknown, fn: string, what: string): boolean | CellError {
  if (v === undefined || v === EmptyValue) return false;
  const n = toNumber(v, `${fn} ${what}`);
  if (n instanceof CellError) return n;
  if (n !== 0 && n !== 1) return new CellError(ErrorType.VALUE, `${fn}: ${what} must be 0 or 1, not ${n}`);
  return n === 1;
}

interface Match {
  at: number;
  length: number;
}

/** The next delimiter at or after `from` (the earliest; the longest of those starting there). */
function nextMatch(text: string, delims: string[], from: number): Match | undefined {
  let best: Match | undefined;
  for (const d of delims) {
    if (d === '') continue;
    const at = text.indexOf(d, from);
    if (at >= 0 && (!best || at < best.at || (at === best.at && d.length > best.length)))
      best = { at, length: d.length };
  }
  return best;
}

/** The last delimiter ending at or before `end`. */
function previousMatch(text: string, delims: string[], end: number): Match | undefined {
  let best: Match | undefined;
  for (const d of delims) {
    if (d === '' || end - d.length < 0) continue;
    const at = text.lastIndexOf(d, end - d.length);
    if (
      at >= 0 &&
      (!best || at + d.length > best.at + best.length || (at + d.length === best.at + best.length && at < best.at))
    )
      best = { at, length: d.length };
  }
  return best;
}

type Side = 'before' | 'after';

/** TEXTBEFORE/TEXTAFTER on checked arguments; undefined when the instance is not found. */
function around(
  text: string,
  delims: string[],
  instance: number,
  caseless: boolean,
  matchEnd: boolean,
  side: Side,
): string | undefined {
  if (delims.some((d) => d === '')) {
    // An empty delimiter matches at once: at the start searching forwards, at the end searching backwards.
    const whole = (side === 'after') === instance > 0;
    return whole ? text : '';
  }
  const hay = caseless ? text.toLowerCase() : text;
  const needles = caseless ? delims.map((d) => d.toLowerCase()) : delims;
  let found: Match | undefined;
  if (instance > 0) {
    let from = 0;
    for (let k = 0; k < instance; k++) {
      found = nextMatch(hay, needles, from);
      if (!found) {
        // match_end: the end of the text counts as one more delimiter.
        found = matchEnd && k === instance - 1 ? { at: text.length, length: 0 } : undefined;
        break;
      }
      from = found.at + found.length;
    }
  } else {
    let end = text.length;
    for (let k = 0; k < -instance; k++) {
      found = previousMatch(hay, needles, end);
      if (!found) {
        found = matchEnd && k === -instance - 1 ? { at: 0, length: 0 } : undefined;
        break;
      }
      end = found.at;
    }
  }
  if (!found) return undefined;
  return side === 'before' ? text.slice(0, found.at) : text.slice(found.at + found.length);
}

/** Splits on any of the delimiters (all non-empty). */
function splitOn(text: string, delims: string[], caseless: boolean): string[] {
  if (!delims.length) return [text];
  const hay = caseless ? text.toLowerCase() : text;
  const needles = caseless ? delims.map((d) => d.toLowerCase()) : delims;
  const parts: string[] = [];
  let from = 0;
  for (let m = nextMatch(hay, needles, 0); m; m = nextMatch(hay, needles, from)) {
    parts.push(text.slice(from, m.at));
    from = m.at + m.length;
  }
  parts.push(text.slice(from));
  return parts;
}

/** TEXTSPLIT on raw argument values: the 2-D result or an error. */
export function textSplit(args: unknown[]): unknown[][] | CellError {
  const [textArg, colArg, rowArg, ignoreArg, modeArg, padArg] = args;
  if (textArg instanceof CellError) return textArg;
  const text = toText(
    textArg instanceof SimpleRangeValue || Array.isArray(textArg) ? valuesOf(textArg)[0] : textArg,
    'TEXTSPLIT text',
  );
  if (text instanceof CellError) return text;
  const cols = colArg === undefined || colArg === EmptyValue ? [] : delimiters(colArg, 'TEXTSPLIT col_delimiter');
  if (cols instanceof CellError) return cols;
  const rows = rowArg === undefined || rowArg === EmptyValue ? [] : delimiters(rowArg, 'TEXTSPLIT row_delimiter');
  if (rows instanceof CellError) return rows;
  const colDelims = cols.filter((d) => d !== '');
  const rowDelims = rows.filter((d) => d !== '');
  if (!colDelims.length && !rowDelims.length)
    return new CellError(ErrorType.VALUE, 'TEXTSPLIT: give a col_delimiter or a row_delimiter that is not empty');
  let ignoreEmpty = false;
  if (ignoreArg instanceof CellError) return ignoreArg;
  if (ignoreArg !== undefined && ignoreArg !== EmptyValue) {
    const n = toNumber(ignoreArg, 'TEXTSPLIT ignore_empty');
    if (n instanceof CellError) return n;
    ignoreEmpty = n !== 0;
  }
  const caseless = flag(modeArg, 'TEXTSPLIT', 'match_mode');
  if (caseless instanceof CellError) return caseless;
  const pad =
    padArg === undefined
      ? new CellError(ErrorType.NA, 'TEXTSPLIT: no value in this cell of the split (pad_with not given)')
      : padArg === EmptyValue
        ? ''
        : padArg;
  let lines = splitOn(text, rowDelims, caseless);
  if (ignoreEmpty) lines = lines.filter((l) => l !== '');
  const table = lines.map((l) => {
    const parts = splitOn(l, colDelims, caseless);
    return ignoreEmpty ? parts.filter((p) => p !== '') : parts;
  });
  const width = Math.max(1, ...table.map((r) => r.length));
  if (!table.length) return [[pad]];
  return table.map((r) => [...r, ...Array<unknown>(width - r.length).fill(pad)]);
}

export class TextSplitPlugin extends FunctionPlugin {
  static implementedFunctions = {
    TEXTBEFORE: { method: 'textBefore', parameters: aroundParameters() },
    TEXTAFTER: { method: 'textAfter', parameters: aroundParameters() },
    TEXTSPLIT: {
      method: 'textSplit',
      sizeOfResultArrayMethod: 'textSplitSize',
      vectorizationForbidden: true,
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.ANY },
        { argumentType: FunctionArgumentType.ANY, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
      ],
    },
  };

  textBefore(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.around(ast, state, 'TEXTBEFORE', 'before');
  }

  textAfter(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.around(ast, state, 'TEXTAFTER', 'after');
  }

  private around(ast: ProcedureAst, state: InterpreterState, fn: string, side: Side): unknown {
    return this.runFunction(ast.args, state, this.metadata(fn), (...args: unknown[]) => {
      const [textArg, delimArg, instanceArg, modeArg, endArg, notFound] = args;
      const text = toText(textArg, `${fn} text`);
      if (text instanceof CellError) return text;
      const delims = delimiters(delimArg, `${fn} delimiter`);
      if (delims instanceof CellError) return delims;
      let instance = 1;
      if (instanceArg !== undefined && instanceArg !== EmptyValue) {
        const n = toNumber(instanceArg, `${fn} instance_num`);
        if (n instanceof CellError) return n;
        instance = Math.floor(n);
      }
      if (instance === 0 || Math.abs(instance) > Math.max(text.length, 1)) {
        return new CellError(
          ErrorType.VALUE,
          `${fn}: instance_num ${instance} must be non-zero and at most the text's length ${text.length}`,
        );
      }
      const caseless = flag(modeArg, fn, 'match_mode');
      if (caseless instanceof CellError) return caseless;
      const matchEnd = flag(endArg, fn, 'match_end');
      if (matchEnd instanceof CellError) return matchEnd;
      // Excel: a delimiter longer than the text is #VALUE! when instance_num is given, not found (#N/A) otherwise.
      if (instanceArg !== undefined && delims.length && delims.every((d) => d.length > text.length)) {
        return new CellError(ErrorType.VALUE, `${fn}: the delimiter is longer than the text "${text}"`);
      }
      const result = around(text, delims, instance, caseless, matchEnd, side);
      if (result !== undefined) return result;
      if (notFound === undefined)
        return new CellError(ErrorType.NA, `${fn}: the delimiter's instance ${instance} is not in the text`);
      return notFound instanceof CellError ? notFound : generalText(notFound);
    });
  }

  textSplit(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('TEXTSPLIT'), (...args: unknown[]) => {
      const table = textSplit(args);
      if (table instanceof CellError) return table;
      if (topLevelInScalarCell(this, ast, state)) return table[0][0] as never;
      const room = spillRoom(this, ast, state);
      if (room && (table.length > room.height || table[0].length > room.width)) {
        // The engine fixed the spill's size when it read the formula and cannot grow it (it would throw).
        return new CellError(
          ErrorType.SPILL,
          `TEXTSPLIT: the result is now ${table.length} x ${table[0].length}, larger than the ${room.height} x ${room.width} sized when the formula was entered; enter the formula again`,
        );
      }
      return SimpleRangeValue.onlyValues(table as never);
    });
  }

  /** The spill size: exact when the arguments are constants, else one cell (the engine sizes spills when parsing). */
  textSplitSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const base = (state as unknown as { formulaAddress: { sheet: number; row: number; col: number } }).formulaAddress;
    const args = staticArgs(this, ast.args as unknown[], base);
    if (!args) return ArraySize.scalar();
    const table = textSplit(args);
    if (table instanceof CellError) return ArraySize.scalar();
    return new ArraySize(table[0].length, table.length);
  }
}

function aroundParameters() {
  return [
    { argumentType: FunctionArgumentType.SCALAR },
    { argumentType: FunctionArgumentType.ANY },
    { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
    { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
    { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
    { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
  ];
}
