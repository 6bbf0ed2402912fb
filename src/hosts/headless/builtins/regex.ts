/**
 * REGEXTEST, REGEXEXTRACT, REGEXREPLACE (Excel 365). Excel uses PCRE2; JavaScript's regular expressions (with the
 * `u` flag) agree on the common syntax: classes, quantifiers, groups, anchors, `$1` in replacements. A pattern
 * JavaScript cannot read is #VALUE! with the reason.
 *
 * https://support.microsoft.com/office/regextest-function-7d38200b-5e5c-4196-b4e6-9bff73afbd31
 * https://support.microsoft.com/office/regexextract-function-4b96c140-9205-4b6e-9fbe-6aa9e783ff57
 * https://support.microsoft.com/office/regexreplace-function-9c030bb2-5e47-4efc-bad5-4582d7100897
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
import { toNumber, toText } from './text-values';

const S = FunctionArgumentType.SCALAR;
const optional = { argumentType: S, optionalArg: true };

/** The pattern compiled; case_sensitivity 0 (default) is case-sensitive, 1 ignores case. */
function compile(fn: string, pattern: unknown, caseArg: unknown, global: boolean): RegExp | CellError {
  const source = toText(pattern, `${fn} pattern`);
  if (source instanceof CellError) return source;
  let ignoreCase = false;
  if (caseArg !== undefined && caseArg !== EmptyValue) {
    const n = toNumber(caseArg, `${fn} case_sensitivity`);
    if (n instanceof CellError) return n;
    if (n !== 0 && n !== 1) return new CellError(ErrorType.VALUE, `${fn}: case_sensitivity must be 0 or 1, not ${n}`);
    ignoreCase = n === 1;
  }
  try {
    return new RegExp(source, `u${ignoreCase ? 'i' : ''}${global ? 'g' : ''}`);
  } catch (e) {
    return new CellError(
      ErrorType.VALUE,
      `${fn}: the pattern "${source}" is not a valid regular expression (${(e as Error).message})`,
    );
  }
}

/** REGEXEXTRACT on raw argument values: one text, or a row of texts for return_mode 1 and 2. */
export function regexExtract(args: unknown[]): string | string[] | CellError {
  const [textArg, patternArg, modeArg, caseArg] = args;
  const text = toText(textArg, 'REGEXEXTRACT text');
  if (text instanceof CellError) return text;
  let mode = 0;
  if (modeArg !== undefined && modeArg !== EmptyValue) {
    const n = toNumber(modeArg, 'REGEXEXTRACT return_mode');
    if (n instanceof CellError) return n;
    if (![0, 1, 2].includes(n))
      return new CellError(ErrorType.VALUE, `REGEXEXTRACT: return_mode must be 0, 1 or 2, not ${n}`);
    mode = n;
  }
  const re = compile('REGEXEXTRACT', patternArg, caseArg, mode === 1);
  if (re instanceof CellError) return re;
  const notFound = new CellError(ErrorType.NA, 'REGEXEXTRACT: the pattern matches nothing in the text');
  if (mode === 1) {
    const all = [...text.matchAll(re)].map((m) => m[0]);
    return all.length ? all : notFound;
  }
  const m = re.exec(text);
  if (!m) return notFound;
  if (mode === 0) return m[0];
  // Capture groups of the first match; a pattern without groups gives the whole match.
  return m.length > 1 ? m.slice(1).map((g) => g ?? '') : [m[0]];
}

export class RegexPlugin extends FunctionPlugin {
  static implementedFunctions = {
    REGEXTEST: { method: 'regextest', parameters: [{ argumentType: S }, { argumentType: S }, optional] },
    REGEXEXTRACT: {
      method: 'regexextract',
      parameters: [{ argumentType: S }, { argumentType: S }, optional, optional],
      sizeOfResultArrayMethod: 'regexextractSize',
      vectorizationForbidden: true,
    },
    REGEXREPLACE: {
      method: 'regexreplace',
      parameters: [{ argumentType: S }, { argumentType: S }, { argumentType: S }, optional, optional],
    },
  };

  regextest(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('REGEXTEST'), (t: unknown, p: unknown, c: unknown) => {
      const text = toText(t, 'REGEXTEST text');
      if (text instanceof CellError) return text;
      const re = compile('REGEXTEST', p, c, false);
      return re instanceof CellError ? re : re.test(text);
    });
  }

  regexextract(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('REGEXEXTRACT'), (...args: unknown[]) => {
      const r = regexExtract(args);
      if (typeof r === 'string' || r instanceof CellError) return r;
      if (topLevelInScalarCell(this, ast, state)) return r[0];
      const room = spillRoom(this, ast, state);
      if (room && (r.length > room.width || room.height < 1)) {
        return new CellError(
          ErrorType.SPILL,
          `REGEXEXTRACT: ${r.length} matches now, more than the ${room.width} sized when the formula was entered; enter the formula again`,
        );
      }
      return SimpleRangeValue.onlyValues([r] as never);
    });
  }

  /** The spill size when the arguments are constants (the engine sizes spills when it reads the formula). */
  regexextractSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const base = (state as unknown as { formulaAddress: { sheet: number; row: number; col: number } }).formulaAddress;
    const args = staticArgs(this, ast.args as unknown[], base);
    const r = args ? regexExtract(args) : undefined;
    return Array.isArray(r) ? new ArraySize(r.length, 1) : ArraySize.scalar();
  }

  regexreplace(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('REGEXREPLACE'),
      (t: unknown, p: unknown, r: unknown, o: unknown, c: unknown) => {
        const text = toText(t, 'REGEXREPLACE text');
        if (text instanceof CellError) return text;
        const replacement = toText(r, 'REGEXREPLACE replacement');
        if (replacement instanceof CellError) return replacement;
        let occurrence = 0;
        if (o !== undefined && o !== EmptyValue) {
          const n = toNumber(o, 'REGEXREPLACE occurrence');
          if (n instanceof CellError) return n;
          occurrence = Math.trunc(n);
        }
        const re = compile('REGEXREPLACE', p, c, true);
        if (re instanceof CellError) return re;
        // occurrence 0 replaces every match; n the n-th; -n the n-th from the end.
        if (occurrence === 0) return text.replace(re, replacement);
        const matches = [...text.matchAll(re)];
        const k = occurrence > 0 ? occurrence - 1 : matches.length + occurrence;
        const m = matches[k];
        if (!m || m.index === undefined) return text;
        const single = new RegExp(re.source, re.flags.replace('g', ''));
        return text.slice(0, m.index) + m[0].replace(single, replacement) + text.slice(m.index + m[0].length);
      },
    );
  }
}
