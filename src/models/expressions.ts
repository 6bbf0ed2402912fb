/**
 * The sandboxed rule-expression evaluator behind SALESOPS.LEADSCORE and SALESOPS.ROUTE.
 *
 * A criterion such as `industry == "Software" and employees >= 200` is parsed by mathjs (its syntax is what users
 * write), then every node of the parsed tree is checked against a whitelist, and the tree is compiled ONCE into a
 * tree of small closures that read a lead's fields by column index. Nothing the user types is ever handed to
 * mathjs's own evaluator or to JavaScript (no eval, no new Function), and field names resolve through a Map built
 * from the headers, so `constructor`, `__proto__`, `toString` are simply unknown fields.
 *
 * Defence in depth, following mathjs's security notes (https://mathjs.org/docs/expressions/security.html):
 * 1. the mathjs instance used to parse is a restricted one: `import`, `createUnit`, `reviver` ("most important")
 *    and `evaluate`, `parse`, `compile`, `simplify`, `derivative`, `resolve` ("extra"), plus `chain`, `parser`,
 *    `unit` and the other symbolic/expression-tree functions are replaced by functions that throw;
 * 2. the parsed tree may only contain ConstantNode, SymbolNode (a field name), OperatorNode (arithmetic,
 *    comparison, logic), ParenthesisNode, ConditionalNode, RelationalNode (chained comparison) and FunctionNode
 *    calls of the safe functions listed in {@link SAFE_FUNCTIONS}. AccessorNode (property access such as
 *    `x.constructor`), AssignmentNode, FunctionAssignmentNode, ObjectNode, ArrayNode, BlockNode, IndexNode,
 *    RangeNode and unit expressions are refused with a #VALUE! naming the rule row;
 * 3. mathjs is only a parser here: the closures never call back into it, so even a gap in step 1 is unreachable.
 * mathjs's stability notes (huge matrices, long CPU) do not apply: there are no matrices, ranges or loops.
 *
 * Semantics (chosen to match what Excel users expect):
 * - Text compares as text, case-insensitively (`country == "us"` matches "US", like Excel's `=`); ordering of text
 *   is case-insensitive code-unit order. Numbers compare as numbers (equal within a relative 1e-12, as mathjs).
 *   Text that reads as a plain number ("12") compares as that number against a number. Text that is not a number
 *   is never equal to a number; ordering them (`employees > 5` where employees is "many") is an error for that lead.
 * - Blank fields are null-safe and behave as in Excel: blank is 0 against a number, "" against text, FALSE against
 *   TRUE/FALSE; arithmetic reads blank as 0; `isBlank(x)` tests for it; `x ?? 0` replaces it.
 * - TRUE/FALSE are 1/0 in arithmetic; `and`, `or`, `xor`, `not` accept TRUE/FALSE, numbers (0 is false) and blanks.
 */
import { create, all } from 'mathjs';
import { SalesOpsError, valueError } from './errors';

/** A lead's field value: a number, text, TRUE/FALSE, blank (null), or an error cell carried through. */
export type FieldValue = number | string | boolean | null | SalesOpsError;
/** A value while evaluating a criterion. */
export type ExprValue = number | string | boolean | null;
/** A compiled criterion: evaluates over one lead's fields (the row as given, read by column index). */
export type CompiledExpression = (row: readonly FieldValue[]) => ExprValue;

// ---------------------------------------------------------------------------------------------------------------
// 1. The restricted mathjs instance (parser only)

const math = create(all);
/** mathjs's parser, taken before the namespace functions are disabled (mathjs's "limitedEvaluate" pattern). */
const limitedParse = math.parse;

/** Functions mathjs's security page says to disable, plus the other ways to build, run or rewrite expressions. */
export const DISABLED_MATHJS_FUNCTIONS = [
  'import',
  'createUnit',
  'reviver',
  'evaluate',
  'parse',
  'compile',
  'simplify',
  'simplifyConstant',
  'simplifyCore',
  'derivative',
  'resolve',
  'rationalize',
  'symbolicEqual',
  'leafCount',
  'chain',
  'parser',
  'unit',
  'splitUnit',
] as const;

math.import(
  Object.fromEntries(
    DISABLED_MATHJS_FUNCTIONS.map((name) => [
      name,
      function disabled(): never {
        throw new Error(`Function ${name} is disabled`);
      },
    ]),
  ),
  { override: true },
);

/** The restricted mathjs instance (exported so tests can show that its disabled functions refuse to run). */
export const sandboxMath = math;

// ---------------------------------------------------------------------------------------------------------------
// 2. Field names

/**
 * The name a header is referred to by in a criterion: lower case, spaces (and any other character a mathjs symbol
 * cannot hold) become one underscore per run, none at either end (the header's own underscores stay), and a name
 * that would start with a digit gets a leading underscore: mathjs reads `2023_revenue` as 2023 x `_revenue`, while
 * `_2023_revenue` is one symbol.
 * "Total Time Spent on Website" -> total_time_spent_on_website; "Lead Quality" -> lead_quality;
 * "2023 Revenue" -> _2023_revenue.
 */
export function fieldName(header: string): string {
  const name = header
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_$]+/gu, ' ')
    .trim()
    .replace(/ /g, '_');
  return /^\p{N}/u.test(name) ? '_' + name : name;
}

/** How headers become field names, for messages. */
export const FIELD_NAME_RULE =
  'headers match ignoring case, with spaces as _ and a _ before a leading digit (2023 Revenue is _2023_revenue)';

/** Map from field name to column index; refuses two headers that name the same field. `arg` names the argument. */
export function fieldIndex(headers: readonly (string | null)[], arg = 'headers'): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    if (h === null || h.trim() === '') return;
    const name = fieldName(h);
    if (name === '') return;
    const seen = index.get(name);
    if (seen !== undefined) {
      throw valueError(
        `${arg} column ${seen + 1} ("${headers[seen]}") and column ${i + 1} ("${h}") both name the field ${name}; rename one`,
      );
    }
    index.set(name, i);
  });
  return index;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Value semantics

/** Thrown while evaluating one lead; the caller adds "leads row N" and the rule. */
class LeadValueError extends Error {}

function describe(v: ExprValue): string {
  if (typeof v === 'string') return `text "${v.length > 40 ? v.slice(0, 37) + '...' : v}"`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v === null ? 'blank' : String(v);
}

const PLAIN_NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** The number a text reads as ("12", "-3.5", "1e3"), or null. */
function textNumber(s: string): number | null {
  return PLAIN_NUMBER.test(s) ? Number(s) : null;
}

/** A value in arithmetic: blank 0, TRUE 1, numeric text its number; other text is an error for the lead. */
function num(v: ExprValue, what: string): number {
  if (typeof v === 'number') return v;
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = textNumber(v);
  if (n === null) throw new LeadValueError(`${what} is ${describe(v)}; expected a number`);
  return n;
}

/** A value as a condition: blank false, numbers non-zero, TRUE/FALSE; text is an error for the lead. */
function truthy(v: ExprValue, what: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === null) return false;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  throw new LeadValueError(`${what} is ${describe(v)}; expected TRUE/FALSE (compare it, e.g. ${what} == "${v}")`);
}

function nearlyEqual(a: number, b: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Compares two values: -1, 0, 1, or null when they cannot be ordered (text that is not a number vs a number).
 * Blank takes the type of the other side (0, "" or FALSE); text compares case-insensitively.
 */
function compare(a: ExprValue, b: ExprValue): number | null {
  if (a === b) return 0; // also both blank
  if (typeof a === 'number' && typeof b === 'number') return nearlyEqual(a, b) ? 0 : a < b ? -1 : 1;
  if (a === null) a = typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0;
  if (b === null) b = typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x === y ? 0 : x < y ? -1 : 1;
  }
  if (typeof a === 'string') {
    const n = textNumber(a);
    if (n === null) return typeof b === 'boolean' ? boolText(a, b) : null;
    a = n;
  }
  if (typeof b === 'string') {
    const n = textNumber(b);
    if (n === null) return typeof a === 'boolean' ? boolText(b, a, -1) : null;
    b = n;
  }
  const x = a === true ? 1 : a === false ? 0 : a;
  const y = b === true ? 1 : b === false ? 0 : b;
  return nearlyEqual(x, y) ? 0 : x < y ? -1 : 1;
}

/** Text "true"/"false" against TRUE/FALSE (CSV imports carry booleans as text); other text is unordered. */
function boolText(text: string, b: boolean, sign = 1): number | null {
  const t = text.trim().toLowerCase();
  if (t !== 'true' && t !== 'false') return null;
  const x = t === 'true' ? 1 : 0;
  const y = b ? 1 : 0;
  return sign * (x === y ? 0 : x < y ? -1 : 1);
}

function orderError(a: ExprValue, b: ExprValue, op: string): LeadValueError {
  return new LeadValueError(`cannot order ${describe(a)} and ${describe(b)} with ${op}`);
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Safe functions

type Fn = (args: ExprValue[]) => ExprValue;
interface SafeFunction {
  min: number;
  max: number;
  fn: Fn;
}

function text(v: ExprValue): string {
  return v === null ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
}

/** Excel's ROUND: half away from zero, with optional digits. */
function roundHalfAway(x: number, digits: number): number {
  const f = 10 ** Math.trunc(digits);
  // toPrecision(15) first, as Excel does, so 2.675 * 100 = 267.49999... still rounds to 268
  const r = Math.round(Number((Math.abs(x) * f).toPrecision(15))) / f;
  return x < 0 ? -r : r;
}

/** mathjs's `mod`: x - y * floor(x / y) (same sign as the divisor, like Excel's MOD); mod(x, 0) is x. */
function mod(x: number, y: number): number {
  return y === 0 ? x : x - y * Math.floor(x / y);
}

/**
 * The only functions a criterion may call (names match case-insensitively). Text helpers ignore case, like the
 * comparisons: contains(tags, "will revert"), startsWith(email, "info@"), endsWith(email, ".edu"), lower, upper,
 * trim, len, isBlank(x), oneOf(country, "US", "Canada", ...).
 */
export const SAFE_FUNCTIONS: ReadonlyMap<string, SafeFunction> = new Map<string, SafeFunction>([
  ['abs', { min: 1, max: 1, fn: (a) => Math.abs(num(a[0], 'abs argument')) }],
  ['min', { min: 1, max: 255, fn: (a) => Math.min(...a.map((v) => num(v, 'min argument'))) }],
  ['max', { min: 1, max: 255, fn: (a) => Math.max(...a.map((v) => num(v, 'max argument'))) }],
  [
    'round',
    {
      min: 1,
      max: 2,
      fn: (a) => roundHalfAway(num(a[0], 'round argument'), a.length > 1 ? num(a[1], 'round digits') : 0),
    },
  ],
  ['floor', { min: 1, max: 1, fn: (a) => Math.floor(num(a[0], 'floor argument')) }],
  ['ceil', { min: 1, max: 1, fn: (a) => Math.ceil(num(a[0], 'ceil argument')) }],
  ['sqrt', { min: 1, max: 1, fn: (a) => Math.sqrt(num(a[0], 'sqrt argument')) }],
  [
    'log',
    {
      min: 1,
      max: 2,
      fn: (a) =>
        a.length > 1
          ? Math.log(num(a[0], 'log argument')) / Math.log(num(a[1], 'log base'))
          : Math.log(num(a[0], 'log argument')),
    },
  ],
  ['exp', { min: 1, max: 1, fn: (a) => Math.exp(num(a[0], 'exp argument')) }],
  ['pow', { min: 2, max: 2, fn: (a) => Math.pow(num(a[0], 'pow base'), num(a[1], 'pow exponent')) }],
  ['mod', { min: 2, max: 2, fn: (a) => mod(num(a[0], 'mod argument'), num(a[1], 'mod divisor')) }],
  ['contains', { min: 2, max: 2, fn: (a) => text(a[0]).toLowerCase().includes(text(a[1]).toLowerCase()) }],
  ['startswith', { min: 2, max: 2, fn: (a) => text(a[0]).toLowerCase().startsWith(text(a[1]).toLowerCase()) }],
  ['endswith', { min: 2, max: 2, fn: (a) => text(a[0]).toLowerCase().endsWith(text(a[1]).toLowerCase()) }],
  ['lower', { min: 1, max: 1, fn: (a) => text(a[0]).toLowerCase() }],
  ['upper', { min: 1, max: 1, fn: (a) => text(a[0]).toUpperCase() }],
  ['trim', { min: 1, max: 1, fn: (a) => text(a[0]).trim() }],
  ['len', { min: 1, max: 1, fn: (a) => text(a[0]).length }],
  ['isblank', { min: 1, max: 1, fn: (a) => a[0] === null || (typeof a[0] === 'string' && a[0].trim() === '') }],
  ['oneof', { min: 2, max: 255, fn: (a) => a.slice(1).some((b) => compare(a[0], b) === 0) }],
]);

// ---------------------------------------------------------------------------------------------------------------
// 5. Whitelist check and compilation of the parsed tree

type Closure = (row: readonly FieldValue[]) => ExprValue;

/** Minimal view of the mathjs node fields we read (checked by `type` before use). */
interface MathNode {
  type: string;
  value?: unknown;
  name?: string;
  fn?: unknown;
  op?: string;
  args?: MathNode[];
  content?: MathNode;
  condition?: MathNode;
  trueExpr?: MathNode;
  falseExpr?: MathNode;
  conditionals?: string[];
  params?: MathNode[];
}

const REFUSED: Record<string, string> = {
  AccessorNode: 'property access (like x.name or x["name"])',
  AssignmentNode: 'assignment (=)',
  FunctionAssignmentNode: 'defining a function',
  ObjectNode: 'objects ({...})',
  ArrayNode: 'arrays and matrices ([...])',
  BlockNode: 'several statements (; or new lines)',
  IndexNode: 'indexing',
  RangeNode: 'ranges (a:b)',
};

const COMPARISONS: Record<string, { op: string; test: (c: number) => boolean }> = {
  equal: { op: '==', test: (c) => c === 0 },
  unequal: { op: '!=', test: (c) => c !== 0 },
  smaller: { op: '<', test: (c) => c < 0 },
  larger: { op: '>', test: (c) => c > 0 },
  smallerEq: { op: '<=', test: (c) => c <= 0 },
  largerEq: { op: '>=', test: (c) => c >= 0 },
};

const ARITHMETIC: Record<string, (x: number, y: number) => number> = {
  add: (x, y) => x + y,
  subtract: (x, y) => x - y,
  multiply: (x, y) => x * y,
  divide: (x, y) => x / y,
  pow: (x, y) => Math.pow(x, y),
  mod,
};

class Compiler {
  constructor(
    private readonly fields: ReadonlyMap<string, number>,
    private readonly where: string,
  ) {}

  refuse(what: string): SalesOpsError {
    return valueError(`${this.where}: ${what} is not allowed in a criterion`);
  }

  node(n: MathNode): Closure {
    switch (n.type) {
      case 'ConstantNode':
        return this.constant(n.value);
      case 'SymbolNode':
        return this.symbol(String(n.name));
      case 'ParenthesisNode':
        return this.node(n.content as MathNode);
      case 'ConditionalNode': {
        const c = this.node(n.condition as MathNode);
        const t = this.node(n.trueExpr as MathNode);
        const f = this.node(n.falseExpr as MathNode);
        return (row) => (truthy(c(row), 'the condition before ?') ? t(row) : f(row));
      }
      case 'OperatorNode':
        return this.operator(n);
      case 'RelationalNode': {
        // 1 < x <= 5 means (1 < x) and (x <= 5)
        const params = (n.params as MathNode[]).map((p) => this.node(p));
        const tests = (n.conditionals as string[]).map((c) => {
          const cmp = COMPARISONS[c];
          if (!cmp) throw this.refuse(`the operator ${c}`);
          return cmp;
        });
        return (row) => {
          let left = params[0](row);
          for (let i = 0; i < tests.length; i++) {
            const right = params[i + 1](row);
            if (!this.holds(tests[i], left, right)) return false;
            left = right;
          }
          return true;
        };
      }
      case 'FunctionNode':
        return this.call(n);
      default:
        throw this.refuse(REFUSED[n.type] ?? `the expression part ${n.type}`);
    }
  }

  constant(v: unknown): Closure {
    if (v === undefined || v === null) return () => null;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return () => v;
    throw this.refuse(`the constant ${String(v)}`);
  }

  symbol(name: string): Closure {
    const key = name.toLowerCase();
    const col = this.fields.get(key);
    if (col === undefined) {
      const known = [...this.fields.keys()];
      const list = known.length > 12 ? known.slice(0, 12).join(', ') + ', ...' : known.join(', ');
      throw valueError(`${this.where}: unknown field ${name} (fields are: ${list || 'none'}); ${FIELD_NAME_RULE}`);
    }
    return (row) => {
      const v = row[col];
      if (v === undefined) return null;
      if (v instanceof SalesOpsError) throw new LeadValueError(`${key} holds an error (${v.message})`);
      return v;
    };
  }

  /** Evaluates a comparison; text vs non-number text may only be tested for (in)equality. */
  holds(cmp: { op: string; test: (c: number) => boolean }, a: ExprValue, b: ExprValue): boolean {
    const c = compare(a, b);
    if (c === null) {
      if (cmp.op === '==') return false;
      if (cmp.op === '!=') return true;
      throw orderError(a, b, cmp.op);
    }
    return cmp.test(c);
  }

  operator(n: MathNode): Closure {
    const fn = String(n.fn);
    if (fn === 'to') throw this.refuse(`unit conversion (${n.op ?? 'to'})`);
    const args = (n.args as MathNode[]).map((a) => this.node(a));
    const cmp = COMPARISONS[fn];
    if (cmp) {
      const [a, b] = args;
      return (row) => this.holds(cmp, a(row), b(row));
    }
    const arith = ARITHMETIC[Object.prototype.hasOwnProperty.call(ARITHMETIC, fn) ? fn : ''];
    if (arith && args.length === 2) {
      const [a, b] = args;
      const op = n.op ?? fn;
      return (row) => arith(num(a(row), `the left side of ${op}`), num(b(row), `the right side of ${op}`));
    }
    const [a, b] = args;
    switch (fn) {
      case 'unaryMinus':
        return (row) => -num(a(row), 'the value after -');
      case 'unaryPlus':
        return (row) => num(a(row), 'the value after +');
      case 'and':
        return (row) => truthy(a(row), 'the left side of and') && truthy(b(row), 'the right side of and');
      case 'or':
        return (row) => truthy(a(row), 'the left side of or') || truthy(b(row), 'the right side of or');
      case 'xor':
        return (row) => truthy(a(row), 'the left side of xor') !== truthy(b(row), 'the right side of xor');
      case 'not':
        return (row) => !truthy(a(row), 'the value after not');
      case 'nullish':
        return (row) => {
          const v = a(row);
          return v === null || (typeof v === 'string' && v.trim() === '') ? b(row) : v;
        };
      default:
        throw this.refuse(`the operator ${n.op ?? fn}`);
    }
  }

  call(n: MathNode): Closure {
    const target = n.fn as MathNode | undefined;
    if (!target || target.type !== 'SymbolNode')
      throw this.refuse('calling anything but a named function (like abs(x))');
    const name = String(target.name);
    const safe = SAFE_FUNCTIONS.get(name.toLowerCase());
    if (!safe) {
      const list = [...SAFE_FUNCTIONS.keys()].join(', ');
      throw valueError(`${this.where}: the function ${name} is not allowed in a criterion (allowed: ${list})`);
    }
    const args = (n.args as MathNode[]).map((a) => this.node(a));
    if (args.length < safe.min || args.length > safe.max) {
      const want =
        safe.min === safe.max ? `${safe.min}` : safe.max >= 255 ? `at least ${safe.min}` : `${safe.min} to ${safe.max}`;
      throw valueError(`${this.where}: ${name} takes ${want} argument${safe.max === 1 ? '' : 's'}, not ${args.length}`);
    }
    const fn = safe.fn;
    if (args.length === 1) {
      const [a] = args;
      return (row) => fn([a(row)]);
    }
    if (args.length === 2) {
      const [a, b] = args;
      return (row) => fn([a(row), b(row)]);
    }
    return (row) => fn(args.map((a) => a(row)));
  }
}

/**
 * Parses, checks and compiles one criterion. `fields` maps field names to column indexes ({@link fieldIndex});
 * `where` names the rule in messages ("rules row 3"). Throws a #VALUE! SalesOpsError naming `where` for a syntax
 * error, an unknown field, or anything outside the whitelist. The result evaluates one lead and throws
 * {@link LeadEvaluationError} for a value that does not fit (text where a number is needed).
 * Example: compileExpression('pricing_visits > 0', new Map([['pricing_visits', 0]]), 'rules row 1')([2]) is true.
 */
export function compileExpression(
  criterion: string,
  fields: ReadonlyMap<string, number>,
  where: string,
): CompiledExpression {
  const source = criterion.trim();
  if (source === '')
    throw valueError(`${where}: the criterion is blank; write a condition, or true to match every lead`);
  if (source.length > 2000)
    throw valueError(`${where}: the criterion is ${source.length} characters long; keep it under 2,000`);
  let tree: MathNode;
  try {
    tree = limitedParse(source) as unknown as MathNode;
  } catch (e) {
    throw valueError(
      `${where}: cannot read the criterion "${clip(source)}": ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  let closure: Closure;
  try {
    closure = new Compiler(fields, where).node(tree);
  } catch (e) {
    if (e instanceof RangeError) throw valueError(`${where}: the criterion is too deeply nested`);
    throw e;
  }
  return (row) => {
    try {
      return closure(row);
    } catch (e) {
      if (e instanceof LeadValueError) throw new LeadEvaluationError(e.message);
      if (e instanceof RangeError) throw new LeadEvaluationError(`the criterion is too deeply nested (${e.message})`);
      throw e;
    }
  };
}

/** A lead's value did not fit a criterion; the message says which value and why (the caller adds the rows). */
export class LeadEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeadEvaluationError';
    Object.setPrototypeOf(this, LeadEvaluationError.prototype);
  }
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** The criterion text as quoted in per-lead messages. */
export function quoteCriterion(s: string): string {
  return clip(s.trim());
}
