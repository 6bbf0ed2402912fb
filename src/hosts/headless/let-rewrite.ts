/**
 * LET without engine support: HyperFormula's parser reads an unknown name as a named expression (#NAME?), so a
 * formula's LET(name1, value1, [name2, value2, ...], calculation) is rewritten before it reaches the engine, each
 * name replaced by its value in parentheses (Microsoft's LET doc: names are scoped to the LET and a later value may
 * use an earlier name). Inner LETs are rewritten first, so an inner name shadows an outer one as in Excel.
 *
 * Substitution evaluates a value once per use instead of once, which changes nothing for deterministic values.
 * A LET that binds RAND/RANDBETWEEN/RANDARRAY and uses the name more than once would change meaning: such a formula
 * is left as it is, and the LET plugin answers #NAME? "LET is not supported headless" (the recalc keeps Excel's
 * cached value for it). A name bound to a LAMBDA is replaced by the LAMBDA, also where it is called (`f(1, 2)` becomes
 * `LAMBDA(...)(1, 2)`, which ./lambda-rewrite.ts then applies) or passed to MAP and the like.
 * Names arrive from files as `_xlpm.x` (Excel's prefix for LET/LAMBDA parameters); `x` and `_xlpm.x` are one name.
 */
import { skipQuoted, splitArgs } from '../../xlsx/formula-refs';

/** Longest rewritten formula: beyond it (nested LETs reusing names multiply the text) the formula is left alone. */
const MAX_LENGTH = 8_192;
const NAME = /^(?:_xlpm\.)?[A-Za-z_\\][A-Za-z0-9_.\\]*$/;
const CELL_LIKE = /^(?:\$?[A-Za-z]{1,3}\$?\d+|[Rr]\d*[Cc]\d*|TRUE|FALSE)$/i;
const VOLATILE = /\b(?:RAND|RANDBETWEEN|RANDARRAY)\s*\(/i;

const norm = (name: string): string => name.replace(/^_xl(?:pm|op)\./i, '').toLowerCase();

/** Calls `f` on each identifier-like token outside quotes; returns the text with each token replaced by f's answer. */
export function mapTokens(s: string, f: (token: string, next: string, prev: string) => string): string {
  let out = '';
  for (let i = 0; i < s.length;) {
    const ch = s[i];
    if (ch === '"' || ch === "'") {
      const end = skipQuoted(s, i);
      out += s.slice(i, end);
      i = end;
      continue;
    }
    const m = /^[A-Za-z_\\][A-Za-z0-9_.\\]*/.exec(s.slice(i));
    if (m && !/[A-Za-z0-9_.$!\\]/.test(s[i - 1] ?? '')) {
      const next = s.slice(i + m[0].length).trimStart()[0] ?? '';
      out += f(m[0], next, s[i - 1] ?? '');
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

export function uses(s: string, name: string): number {
  let n = 0;
  mapTokens(s, (t, next) => {
    if (next !== '(' && next !== '!' && norm(t) === name) n++;
    return t;
  });
  return n;
}

/** A LET value that is one LAMBDA: its name may be called, `f(1, 2)`, which becomes `LAMBDA(...)(1, 2)`. */
const isLambda = (value: string): boolean => {
  const m = /^(?:_xlfn\.)?LAMBDA\s*\(/i.exec(value);
  return m !== null && splitArgs(value, m[0].length - 1)?.close === value.length - 1;
};

function substitute(s: string, name: string, value: string): string {
  const fn = isLambda(value);
  return mapTokens(s, (t, next) =>
    next !== '!' && norm(t) === name && (next !== '(' || fn) ? (next === '(' ? value : `(${value})`) : t,
  );
}

/** `formula` with every LET it can rewrite replaced by its calculation; unchanged when any LET cannot be. */
export function rewriteLet(formula: string): string {
  if (!/LET\s*\(/i.test(formula)) return formula;
  const out = rewrite(formula);
  return out === undefined || out.length > MAX_LENGTH ? formula : out;
}

function rewrite(s: string): string | undefined {
  const re = /(?:_xlfn\.)?\bLET\s*\(/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    // Skip matches inside quotes or inside a longer name (ISLETTER(, _xlpm.LET( ...).
    const before = s.slice(0, m.index);
    if (inQuotes(before) || /[A-Za-z0-9_.\\]$/.test(before)) continue;
    const open = m.index + m[0].length - 1;
    const split = splitArgs(s, open);
    if (!split || split.args.length < 3 || split.args.length % 2 === 0) return undefined;
    const args: string[] = [];
    for (const a of split.args) {
      const r = rewrite(a);
      if (r === undefined) return undefined;
      args.push(r);
    }
    let calc = args[args.length - 1];
    const bindings: [string, string][] = [];
    for (let i = 0; i < args.length - 1; i += 2) {
      const name = args[i].trim();
      if (!NAME.test(name) || CELL_LIKE.test(norm(name))) return undefined;
      let value = args[i + 1].trim();
      for (const [n, v] of bindings) value = substitute(value, n, v);
      bindings.push([norm(name), value]);
    }
    for (let b = bindings.length - 1; b >= 0; b--) {
      const [n, v] = bindings[b];
      const later = [...bindings.slice(b + 1).map(([, x]) => x), calc].join(',');
      if (VOLATILE.test(v) && uses(later, n) > 1) return undefined;
      // A LAMBDA value is substituted whole (./lambda-rewrite.ts applies its calls); one inside a larger value is not.
      if (/\bLAMBDA\s*\(/i.test(v) && !isLambda(v)) return undefined;
    }
    for (const [n, v] of bindings) calc = substitute(calc, n, v);
    const rest = rewrite(s.slice(split.close + 1));
    if (rest === undefined) return undefined;
    return `${s.slice(0, m.index)}(${calc.trim()})${rest}`;
  }
  return s;
}

export function inQuotes(prefix: string): boolean {
  let inside: string | undefined;
  for (const ch of prefix) {
    if (inside) {
      if (ch === inside) inside = undefined;
    } else if (ch === '"' || ch === "'") inside = ch;
  }
  return inside !== undefined;
}
