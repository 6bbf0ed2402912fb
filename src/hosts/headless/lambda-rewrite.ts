/**
 * A LAMBDA called in place, `LAMBDA(x, y, x + y)(1, 2)`, which HyperFormula's parser cannot read (a call on a call):
 * rewritten before it reaches the engine into its body with each parameter replaced by its argument in parentheses,
 * `((1) + (2))`, as ./let-rewrite.ts does for LET (Microsoft's LAMBDA doc: the parameters take the values passed in
 * the call, in order). ISOMITTED(p) becomes TRUE() when the call leaves p out (`(1,)`, or fewer arguments for an
 * optional `[p]`, saved as `_xlop.p`) and FALSE() otherwise (Microsoft's ISOMITTED doc).
 * A use of an omitted parameter other than ISOMITTED becomes LAMBDA(): its "not supported headless" #NAME? keeps the
 * cell at Excel's value if that branch is the one taken, since what Excel gives an omitted parameter is not documented.
 * Left unchanged (and so kept at Excel's cached value): a call with more arguments than parameters, or fewer without
 * optional ones; an argument with RAND/RANDBETWEEN/RANDARRAY used more than once; an inner LAMBDA that reuses a
 * parameter's name; a body that tests for errors while a parameter is omitted.
 */
import { splitArgs } from '../../xlsx/formula-refs';
import { inQuotes, mapTokens, uses } from './let-rewrite';

const MAX_LENGTH = 8_192;
const PARAM = /^_xl(?:pm|op)\.[A-Za-z_\\][A-Za-z0-9_.\\]*$|^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;
const VOLATILE = /\b(?:RAND|RANDBETWEEN|RANDARRAY)\s*\(/i;
const ERROR_TESTS = /\b(?:IFERROR|IFNA|ISERROR|ISERR|ISNA|ERROR\.TYPE|ISBLANK|ISNUMBER|ISTEXT|ISLOGICAL|TYPE)\s*\(/i;

const norm = (name: string): string => name.replace(/^_xl(?:pm|op)\./i, '').toLowerCase();

/** `formula` with every LAMBDA called in place replaced by its body; unchanged when one of them cannot be. */
export function rewriteLambdaCalls(formula: string): string {
  if (!/LAMBDA\s*\(/i.test(formula)) return formula;
  let s = formula;
  for (let round = 0; round < 64; round++) {
    const next = rewriteOne(s);
    if (next === undefined) return formula;
    if (next === s) return s;
    if (next.length > MAX_LENGTH) return formula;
    s = next;
  }
  return formula;
}

/** The formula with its first LAMBDA(...)(...) call rewritten; the same text when there is none; undefined to give up. */
function rewriteOne(s: string): string | undefined {
  const re = /(?:_xlfn\.)?\bLAMBDA\s*\(/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const before = s.slice(0, m.index);
    if (inQuotes(before) || /[A-Za-z0-9_.\\]$/.test(before)) continue;
    const open = m.index + m[0].length - 1;
    const def = splitArgs(s, open);
    if (!def) return undefined;
    const after = /^\(/.exec(s.slice(def.close + 1)); // a space there is the intersection operator
    if (!after) continue; // a LAMBDA passed as a value (to MAP, ...): the engine's plugin evaluates it
    const callOpen = def.close + after[0].length;
    const call = splitArgs(s, callOpen);
    if (!call) return undefined;
    const body = apply(def.args, call.args);
    if (body === undefined) return undefined;
    return `${s.slice(0, m.index)}(${body})${s.slice(call.close + 1)}`;
  }
  return s;
}

/** The body of LAMBDA(params..., body) with the call's arguments substituted, or undefined when it cannot be. */
function apply(defArgs: string[], callArgs: string[]): string | undefined {
  if (defArgs.length < 1) return undefined;
  const params = defArgs.slice(0, -1).map((p) => p.trim());
  let body = defArgs[defArgs.length - 1].trim();
  if (params.some((p) => !PARAM.test(p))) return undefined;
  const names = params.map(norm);
  if (new Set(names).size !== names.length) return undefined;
  // `LAMBDA(x,x)()` is a call with no arguments: splitArgs reads one empty argument.
  const args = callArgs.length === 1 && callArgs[0].trim() === '' && params.length !== 1 ? [] : callArgs;
  if (args.length > params.length) return undefined;
  for (let i = args.length; i < params.length; i++) if (!/^_xlop\./i.test(params[i])) return undefined;
  // An inner LAMBDA's parameter must not hide ours, nor capture a name an argument's text uses.
  const argNames: string[] = [];
  for (const a of args) mapTokens(a, (t) => (argNames.push(norm(t)), t));
  if (shadows(body, [...names, ...argNames])) return undefined;
  const omitted = names.map((_, i) => i >= args.length || args[i].trim() === '');
  // ISOMITTED(p) first, so that the substitution below does not see its argument.
  body = replaceIsOmitted(body, names, omitted);
  if (omitted.some((o, i) => o && uses(body, names[i]) > 0) && ERROR_TESTS.test(body)) return undefined;
  for (let i = 0; i < names.length; i++) {
    const value = omitted[i] ? 'LAMBDA()' : args[i].trim();
    if (VOLATILE.test(value) && uses(body, names[i]) > 1) return undefined;
  }
  const values = new Map(names.map((n, i) => [n, omitted[i] ? 'LAMBDA()' : `(${args[i].trim()})`]));
  // One pass over the body, so that an argument's text is never itself substituted again.
  return mapTokens(body, (t, next) =>
    next !== '(' && next !== '!' && values.has(norm(t)) ? (values.get(norm(t)) as string) : t,
  );
}

/** ISOMITTED(p) for a parameter p, replaced by TRUE() or FALSE(). */
function replaceIsOmitted(body: string, names: string[], omitted: boolean[]): string {
  return body.replace(/(?:_xlfn\.)?\bISOMITTED\s*\(\s*([A-Za-z_\\][A-Za-z0-9_.\\]*)\s*\)/gi, (all, p: string, at) => {
    const i = names.indexOf(norm(p));
    if (i < 0 || inQuotes(body.slice(0, at as number))) return all;
    return omitted[i] ? 'TRUE()' : 'FALSE()';
  });
}

/** True when an inner LAMBDA in `body` declares one of `names` (its own parameter would hide ours). */
function shadows(body: string, names: string[]): boolean {
  const re = /\bLAMBDA\s*\(/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    const inner = splitArgs(body, m.index + m[0].length - 1);
    if (!inner) return true;
    if (inner.args.slice(0, -1).some((p) => names.includes(norm(p.trim())))) return true;
  }
  return false;
}

/** A defined name's formula that is one LAMBDA (`=LAMBDA(temp, (5/9) * (temp-32))`, a "custom function"). */
export function isLambdaFormula(formula: string): boolean {
  const m = /^=?\s*(?:_xlfn\.)?LAMBDA\s*\(/i.exec(formula);
  if (!m) return false;
  const close = splitArgs(formula, m[0].length - 1)?.close;
  return close !== undefined && formula.slice(close + 1).trim() === '';
}

/**
 * `formula` with each use of a name defined as a LAMBDA replaced by that LAMBDA (`Temperature(A5)` becomes
 * `LAMBDA(temp, ...)(A5)`, which rewriteLambdaCalls applies; a name passed to MAP becomes the LAMBDA in parentheses).
 * `lambdas` maps each lower-case name to its LAMBDA text. Unchanged when a LET or LAMBDA parameter of the formula has
 * the same name as one of them (the parameter would hide the name) or when names keep expanding into each other.
 */
export function inlineNamedLambdas(formula: string, lambdas: Map<string, string>): string {
  if (lambdas.size === 0) return formula;
  let s = formula;
  for (let round = 0; round < 8; round++) {
    let params = false;
    mapTokens(s, (t) => {
      if (/^_xl(?:pm|op)\./i.test(t) && lambdas.has(norm(t))) params = true;
      return t;
    });
    if (params) return formula;
    // Not a sheet name (`Name!A1`) nor a table column (`Table1[Name]`) that happens to be spelt like the name.
    const next = mapTokens(s, (t, after, before) => {
      const lambda =
        after === '!' || after === ']' || before === '[' || /^_xl/i.test(t) ? undefined : lambdas.get(t.toLowerCase());
      return lambda === undefined ? t : after === '(' ? lambda : `(${lambda})`;
    });
    if (next === s) return s;
    if (next.length > MAX_LENGTH) return formula;
    s = next;
  }
  return formula;
}
