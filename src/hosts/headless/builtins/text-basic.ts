/**
 * Text functions where HyperFormula differs from Excel: CHAR (Windows-1252 for 128-159), REPT (Excel's 32,767
 * character limit instead of a crash), FIND/SEARCH (start_num past the text, SEARCH's wildcards), SUBSTITUTE (an
 * empty old_text changes nothing), EXACT (numbers compared as Excel shows them) and CONCATENATE (a range argument is
 * read at the formula's row, numbers in General format).
 *
 * https://support.microsoft.com/office/char-function-bbd249c8-b36e-4a91-8017-1c133f9b837a
 * https://support.microsoft.com/office/rept-function-04c4d778-e712-43b4-9c15-d656582bb061
 * https://support.microsoft.com/office/find-findb-functions-c7912941-af2a-4bdf-a553-d0d89b0a0628
 * https://support.microsoft.com/office/search-searchb-functions-9ab04538-0e55-4719-a72e-b6f54513b495
 * https://support.microsoft.com/office/substitute-function-6434944e-a904-4336-a9b0-1e58df3bc332
 * https://support.microsoft.com/office/exact-function-d3087698-fc15-4a15-9631-12575cf29926
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { toNumber, toText } from './text-values';

/** Excel's cell limit: a text result longer than this is #VALUE!. */
export const MAX_TEXT = 32_767;

/** Windows-1252 (Excel's character set on Windows) at 128-159, where it differs from Latin-1; 0 where undefined. */
const CP1252 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

const S = FunctionArgumentType.SCALAR;
const optional = { argumentType: S, optionalArg: true };

/** A position argument (start_num): truncated; errors and non-numbers as Excel gives them. */
function position(v: unknown, what: string): number | CellError {
  if (v === undefined) return 1;
  if (typeof v === 'boolean') return new CellError(ErrorType.VALUE, `${what}: TRUE/FALSE is not a position`);
  const n = toNumber(v, what);
  return n instanceof CellError ? n : Math.trunc(n);
}

/**
 * SEARCH's find_text as a regular expression: ? is any one character, * any run of characters, ~ makes the next
 * character literal (a ~ at the end escapes nothing). Case is ignored.
 */
function wildcardPattern(find: string): RegExp {
  let source = '';
  for (let i = 0; i < find.length; i++) {
    const ch = find[i];
    if (ch === '~') {
      if (i + 1 < find.length) source += find[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (ch === '?') source += '.';
    else if (ch === '*') source += '.*?';
    else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(source, 'is');
}

export class TextBasicPlugin extends FunctionPlugin {
  static implementedFunctions = {
    CHAR: { method: 'char', parameters: [{ argumentType: S }] },
    REPT: { method: 'rept', parameters: [{ argumentType: S }, { argumentType: S }] },
    FIND: { method: 'find', parameters: [{ argumentType: S }, { argumentType: S }, optional] },
    SEARCH: { method: 'search', parameters: [{ argumentType: S }, { argumentType: S }, optional] },
    SUBSTITUTE: {
      method: 'substitute',
      parameters: [{ argumentType: S }, { argumentType: S }, { argumentType: S }, optional],
    },
    EXACT: { method: 'exact', parameters: [{ argumentType: S }, { argumentType: S }] },
    // One value per argument: a range is read at the formula's row or column (implicit intersection), not joined
    // whole as CONCAT does; numbers as Excel shows them in General format.
    CONCATENATE: { method: 'concatenate', parameters: [{ argumentType: S }], repeatLastArgs: 1 },
  };

  concatenate(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('CONCATENATE'), (...args: unknown[]) => {
      let out = '';
      for (const a of args) {
        const t = toText(a, 'CONCATENATE text');
        if (t instanceof CellError) return t;
        out += t;
      }
      return out.length > MAX_TEXT
        ? new CellError(ErrorType.VALUE, 'CONCATENATE: the result is longer than 32,767 characters')
        : out;
    });
  }

  char(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('CHAR'), (v: unknown) => {
      const n = toNumber(v, 'CHAR number');
      if (n instanceof CellError) return n;
      const code = Math.trunc(n);
      if (code < 1 || code > 255) return new CellError(ErrorType.VALUE, `CHAR: number ${n} is outside 1 to 255`);
      const mapped = code >= 128 && code <= 159 ? CP1252[code - 128] : code;
      return String.fromCharCode(mapped || code);
    });
  }

  rept(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('REPT'), (textArg: unknown, countArg: unknown) => {
      const text = toText(textArg, 'REPT text');
      if (text instanceof CellError) return text;
      const count = toNumber(countArg, 'REPT number_times');
      if (count instanceof CellError) return count;
      if (count < 0) return new CellError(ErrorType.VALUE, `REPT: number_times ${count} is negative`);
      const times = Math.trunc(count);
      // "The result of the REPT function cannot be longer than 32,767 characters, or REPT returns #VALUE!."
      if (text.length * times > MAX_TEXT) {
        return new CellError(
          ErrorType.VALUE,
          `REPT: the result would be ${text.length * times} characters, over Excel's 32,767`,
        );
      }
      return text.repeat(times);
    });
  }

  find(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.locate(ast, state, 'FIND');
  }

  search(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.locate(ast, state, 'SEARCH');
  }

  /** FIND (exact case, no wildcards) and SEARCH: the 1-based position of find_text at or after start_num. */
  private locate(ast: ProcedureAst, state: InterpreterState, fn: 'FIND' | 'SEARCH'): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata(fn),
      (findArg: unknown, withinArg: unknown, startArg: unknown) => {
        const find = toText(findArg, `${fn} find_text`);
        if (find instanceof CellError) return find;
        const within = toText(withinArg, `${fn} within_text`);
        if (within instanceof CellError) return within;
        const start = position(startArg, `${fn} start_num`);
        if (start instanceof CellError) return start;
        if (start < 1 || start > within.length + (find === '' ? 1 : 0)) {
          return new CellError(
            ErrorType.VALUE,
            `${fn}: start_num ${start} is outside the text (1 to ${within.length})`,
          );
        }
        let at: number;
        if (fn === 'FIND') at = within.indexOf(find, start - 1);
        else {
          const re = wildcardPattern(find);
          re.lastIndex = 0;
          const m = re.exec(within.slice(start - 1));
          at = m ? m.index + start - 1 : -1;
        }
        if (at < 0) return new CellError(ErrorType.VALUE, `${fn}: "${find}" is not in the text from position ${start}`);
        return at + 1;
      },
    );
  }

  substitute(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('SUBSTITUTE'),
      (t: unknown, o: unknown, n: unknown, i: unknown) => {
        const text = toText(t, 'SUBSTITUTE text');
        if (text instanceof CellError) return text;
        const oldText = toText(o, 'SUBSTITUTE old_text');
        if (oldText instanceof CellError) return oldText;
        const newText = toText(n, 'SUBSTITUTE new_text');
        if (newText instanceof CellError) return newText;
        let instance: number | undefined;
        if (i !== undefined && i !== EmptyValue) {
          const k = toNumber(i, 'SUBSTITUTE instance_num');
          if (k instanceof CellError) return k;
          instance = Math.trunc(k);
          if (instance < 1) return new CellError(ErrorType.VALUE, `SUBSTITUTE: instance_num ${k} must be 1 or more`);
        }
        // An empty old_text is found nowhere: the text comes back unchanged.
        if (oldText === '') return text;
        let out: string;
        if (instance === undefined) out = text.split(oldText).join(newText);
        else {
          let at = -1;
          for (let k = 0; k < instance; k++) {
            at = text.indexOf(oldText, at + (k === 0 ? 0 : oldText.length));
            if (at < 0) return text;
          }
          out = text.slice(0, at) + newText + text.slice(at + oldText.length);
        }
        return out.length > MAX_TEXT
          ? new CellError(ErrorType.VALUE, 'SUBSTITUTE: the result is longer than 32,767 characters')
          : out;
      },
    );
  }

  /** Case-sensitive comparison of the two values as text (numbers as Excel shows them: 1/3 equals 0.333333333333333). */
  exact(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('EXACT'), (a: unknown, b: unknown) => {
      const x = toText(a, 'EXACT text1');
      if (x instanceof CellError) return x;
      const y = toText(b, 'EXACT text2');
      if (y instanceof CellError) return y;
      return x === y;
    });
  }
}
