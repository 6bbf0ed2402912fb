/**
 * The sandboxed rule evaluator: semantics (text compares as text ignoring case, blanks null-safe), the whitelist,
 * and every item of mathjs's security notes (https://mathjs.org/docs/expressions/security.html) refused one by one.
 * Expected values are hand-evaluated (shown beside each case) or come from an unrestricted mathjs instance.
 */
import * as fc from 'fast-check';
import { create, all } from 'mathjs';
import { SalesOpsError } from '../../src/models/errors';
import {
  compileExpression,
  DISABLED_MATHJS_FUNCTIONS,
  fieldIndex,
  fieldName,
  LeadEvaluationError,
  sandboxMath,
  type ExprValue,
  type FieldValue,
} from '../../src/models/expressions';

const HEADERS = ['Country', 'Employees', 'Industry', 'Email Opens', 'Persona Fit', 'Notes', 'Score'];
const FIELDS = fieldIndex(HEADERS);

/** Evaluates `expr` over one lead given as { header: value }. */
function run(expr: string, lead: Record<string, FieldValue>): ExprValue {
  const row = HEADERS.map((h) => (h in lead ? lead[h] : null));
  return compileExpression(expr, FIELDS, 'rules row 4')(row);
}

/** The error a compile throws, or null. */
function compileError(expr: string): SalesOpsError | null {
  try {
    compileExpression(expr, FIELDS, 'rules row 4');
    return null;
  } catch (e) {
    if (e instanceof SalesOpsError) return e;
    throw e;
  }
}

describe('field names', () => {
  it.each([
    ['Total Time Spent on Website', 'total_time_spent_on_website'],
    ['Lead Quality', 'lead_quality'],
    ['  Email Opens ', 'email_opens'],
    ['I agree to pay the amount through cheque', 'i_agree_to_pay_the_amount_through_cheque'],
    ['Revenue (USD)', 'revenue_usd'],
    ['pricing_visits', 'pricing_visits'],
    // a leading digit gets a leading _: mathjs would read 2023_revenue as 2023 x _revenue
    ['2023 Revenue', '_2023_revenue'],
    ['  1st touch ', '_1st_touch'],
    ['(2024) Deals', '_2024_deals'],
    ['365', '_365'],
    ['Revenue 2023', 'revenue_2023'],
  ])('%s is referred to as %s', (header, name) => {
    expect(fieldName(header)).toBe(name);
  });

  it('evaluates a criterion over a header that starts with a digit as one field, not a product', () => {
    // "2023 Revenue" = 250,000 and "Revenue" = 3: _2023_revenue > 100000 is TRUE; _2023_revenue / 1000 is 250.
    // Were the name 2023_revenue, mathjs would read 2023 x _revenue and the lead would not have that field.
    const fields = fieldIndex(['2023 Revenue', 'Revenue']);
    expect(compileExpression('_2023_revenue > 100000', fields, 'rules row 1')([250_000, 3])).toBe(true);
    expect(compileExpression('_2023_revenue / 1000', fields, 'rules row 1')([250_000, 3])).toBe(250);
    const plain = create(all); // an unrestricted mathjs, to show how it reads the two spellings
    expect(plain.parse('2023_revenue').type).toBe('OperatorNode'); // implicit multiplication 2023 * _revenue
    expect(plain.parse('_2023_revenue').type).toBe('SymbolNode');
  });

  it('says how headers become field names when a field is unknown, including the leading-digit rule', () => {
    const fields = fieldIndex(['2023 Revenue']);
    let message = '';
    try {
      compileExpression('2023_revenue > 1', fields, 'rules row 2');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /^rules row 2: unknown field _revenue \(fields are: _2023_revenue\); headers match ignoring case, with spaces as _ and a _ before a leading digit \(2023 Revenue is _2023_revenue\)$/,
    );
  });

  it('skips blank headers and refuses two headers naming one field, naming both columns', () => {
    expect([...fieldIndex(['A', null, '', 'B']).entries()]).toEqual([
      ['a', 0],
      ['b', 3],
    ]);
    expect(() => fieldIndex(['Email Opens', 'x', 'email_opens'])).toThrow(/headers column 1 .*column 3.*email_opens/);
  });

  it('matches field names in criteria ignoring case', () => {
    // EMAIL_OPENS and Email_Opens both read the "Email Opens" column: 4 + 4 = 8
    expect(run('EMAIL_OPENS + Email_Opens', { 'Email Opens': 4 })).toBe(8);
  });
});

describe('evaluation', () => {
  it.each<[string, Record<string, FieldValue>, ExprValue]>([
    // text compares as text, case-insensitively (Excel's = ignores case: "US"="us" is TRUE)
    ['country == "US"', { Country: 'US' }, true],
    ['country == "US"', { Country: 'us' }, true],
    ["country == 'us'", { Country: 'US' }, true],
    ['country != "US"', { Country: 'DE' }, true],
    ['country == "US"', { Country: 'USA' }, false],
    ['country < "Germany"', { Country: 'france' }, true], // f < g
    ['country >= "us"', { Country: 'US' }, true],
    // numbers as numbers
    ['employees >= 200', { Employees: 200 }, true],
    ['employees > 200', { Employees: 200 }, false],
    ['employees == 250', { Employees: '250' }, true], // numeric text reads as its number
    ['employees == "250"', { Employees: 250 }, true],
    ['employees == "many"', { Employees: 250 }, false], // text that is not a number is never equal to a number
    ['employees != "many"', { Employees: 250 }, true],
    ['0.1 + 0.2 == 0.3', {}, true], // equal within 1e-12 relative, as mathjs
    // the example criterion
    ['industry == "Software" and employees >= 200', { Industry: 'software', Employees: 250 }, true],
    ['industry == "Software" and employees >= 200', { Industry: 'Retail', Employees: 250 }, false],
    ['industry == "Software" or employees >= 200', { Industry: 'Retail', Employees: 250 }, true],
    ['not (country == "US")', { Country: 'DE' }, true],
    ['country == "US" xor employees > 10', { Country: 'US', Employees: 50 }, false],
    // chained comparison: 10 < 50 <= 50
    ['10 < employees <= 50', { Employees: 50 }, true],
    ['10 < employees <= 50', { Employees: 51 }, false],
    // blanks are null-safe: 0 against numbers, "" against text, FALSE against TRUE/FALSE
    ['employees == 0', {}, true],
    ['employees < 5', {}, true],
    ['employees > 0', {}, false],
    ['country == ""', {}, true],
    ['country == "US"', {}, false],
    ['country != "US"', {}, true],
    ['persona_fit == false', {}, true],
    ['isBlank(country)', {}, true],
    ['isBlank(country)', { Country: 'US' }, false],
    ['employees ?? 7', {}, 7],
    ['employees ?? 7', { Employees: 3 }, 3],
    ['email_opens', {}, null],
    ['email_opens + 1', {}, 1], // blank reads as 0 in arithmetic, as in Excel
    ['persona_fit and email_opens > 2', {}, false],
    // TRUE/FALSE: 1/0 in arithmetic and against numbers
    ['persona_fit * 5', { 'Persona Fit': true }, 5],
    ['persona_fit == 1', { 'Persona Fit': true }, true],
    ['persona_fit == "true"', { 'Persona Fit': true }, true],
    // arithmetic: (2 + 3) * 4 = 20; 7 mod 3 = 1; -7 mod 3 = 2 (sign of divisor, like Excel MOD); 50% = 0.5
    ['(email_opens + 3) * 4', { 'Email Opens': 2 }, 20],
    ['email_opens % 3', { 'Email Opens': 7 }, 1],
    ['mod(-7, 3)', {}, 2],
    ['50%', {}, 0.5],
    ['2^10', {}, 1024],
    ['-email_opens', { 'Email Opens': 4 }, -4],
    ['employees > 100 ? 2 : 1', { Employees: 150 }, 2],
    // safe functions
    ['abs(-3) + min(4, 2, 9) + max(1, 5)', {}, 10], // 3 + 2 + 5
    ['round(2.5) + round(-2.5)', {}, 0], // 3 + -3: Excel rounds half away from zero
    ['round(2.675, 2)', {}, 2.68],
    ['floor(2.7) + ceil(2.1)', {}, 5], // 2 + 3
    ['sqrt(16) + pow(2, 3)', {}, 12], // 4 + 8
    ['log(100, 10)', {}, 2],
    ['round(log(exp(2)), 9)', {}, 2],
    ['contains(notes, "PRICING")', { Notes: 'asked about pricing page' }, true],
    ['startsWith(notes, "ASKED")', { Notes: 'asked about pricing' }, true],
    ['endsWith(notes, ".EDU")', { Notes: 'bob@uni.edu' }, true],
    ['lower(country)', { Country: 'US' }, 'us'],
    ['upper(country) == "US"', { Country: 'us' }, true],
    ['len(trim(notes))', { Notes: '  abc ' }, 3],
    ['LEN(notes)', {}, 0],
    ['oneOf(country, "US", "Canada", "Mexico")', { Country: 'canada' }, true],
    ['oneOf(country, "US", "Canada")', { Country: 'Brazil' }, false],
    ['true', {}, true],
  ])('%s over %j is %j', (expr, lead, expected) => {
    expect(run(expr, lead)).toEqual(expected);
  });

  it.each<[string, Record<string, FieldValue>, RegExp]>([
    ['employees > 5', { Employees: 'many' }, /cannot order text "many" and 5 with >/],
    ['employees + 1', { Employees: 'many' }, /the left side of \+ is text "many"; expected a number/],
    [
      'country and employees > 1',
      { Country: 'US', Employees: 2 },
      /the left side of and is text "US"; expected TRUE\/FALSE/,
    ],
    ['score > 1', { Score: new SalesOpsError('NA', 'leads row 2 column 7 holds #N/A') }, /score holds an error/],
  ])('%s over %j is an error for that lead: %s', (expr, lead, message) => {
    expect(() => run(expr, lead)).toThrow(LeadEvaluationError);
    expect(() => run(expr, lead)).toThrow(message);
  });

  it('reads a field holding an error only when a criterion reaches it (and/or short-circuit)', () => {
    // country == "DE" is false, so `and` never reads score
    expect(run('country == "DE" and score > 1', { Country: 'US', Score: new SalesOpsError('NA', 'x') })).toBe(false);
  });

  it('agrees with an unrestricted mathjs on arithmetic', () => {
    const math = create(all);
    const lead = { Employees: 37, 'Email Opens': 4, Score: 2.5 };
    const scope = { employees: 37, email_opens: 4, score: 2.5 };
    for (const expr of [
      'employees * 2 + email_opens / 4 - score',
      '(employees - 7) ^ 2 / 10',
      '-score * -employees',
      'employees % 5 + 3 * (score + 1)',
      'sqrt(employees) + abs(-score) + pow(email_opens, 0.5)',
      'max(employees, 100) - min(score, email_opens)',
      'employees > 30 ? email_opens * 2 : 0',
      'floor(employees / email_opens) + ceil(score)',
    ]) {
      expect({ expr, value: run(expr, lead) }).toEqual({ expr, value: math.evaluate(expr, scope) });
    }
  });
});

describe('the whitelist: refused constructs, one by one, each a #VALUE! naming the rule row', () => {
  it.each([
    ['AccessorNode (property)', 'country.length'],
    ['AccessorNode constructor', 'country.constructor'],
    ['AccessorNode __proto__', 'country.__proto__'],
    ['AccessorNode by index', 'country["constructor"]'],
    ['AssignmentNode', 'country = "US"'],
    ['AssignmentNode to a property', 'country.x = 1'],
    ['FunctionAssignmentNode', 'f(x) = x + 1'],
    ['ObjectNode', '{a: 1}'],
    ['ArrayNode', '[1, 2, 3]'],
    ['BlockNode', 'employees > 1; employees > 2'],
    ['BlockNode (new line)', 'employees > 1\nemployees > 2'],
    ['IndexNode', 'employees[1]'],
    ['RangeNode', '1:10'],
    ['unit creation by juxtaposition', '5 cm'],
    ['unit conversion', '5 cm to inch'],
    ['unit conversion with in', 'employees in inch'],
    ['unit function', 'unit("5 cm")'],
    ['factorial', 'employees!'],
    ['bitwise and', 'employees & 1'],
    ['bitwise not', '~employees'],
    ['shift', 'employees << 2'],
    ['transpose', "employees'"],
    ['matrix function', 'zeros(100000, 100000)'],
    ['callback function', 'map(country, f)'],
    ['calling a property', 'country.trim()'],
    ['unknown field', 'revenue > 10'],
    ['a JavaScript global as a field', 'process'],
    ['a JavaScript global as a function', 'require("fs")'],
    ['Function', 'Function("return process")'],
    ['eval', 'eval("1")'],
    ['this', 'this'],
    ['mathjs constants are not fields', 'pi * 2'],
    ['syntax error', 'employees >'],
    ['blank criterion', '   '],
    ['wrong number of arguments', 'round(1, 2, 3)'],
    ['too few arguments', 'pow(2)'],
    ['a criterion over 2,000 characters', '('.repeat(1500) + '1' + ')'.repeat(1500)],
  ])('%s: %s', (_what, expr) => {
    const e = compileError(expr);
    expect(e).toBeInstanceOf(SalesOpsError);
    expect(e!.code).toBe('VALUE');
    expect(e!.message).toMatch(/^rules row 4: /);
  });

  it('names what is wrong', () => {
    expect(compileError('country.constructor')!.message).toMatch(/property access .* is not allowed/);
    expect(compileError('revenue > 10')!.message).toMatch(
      /unknown field revenue \(fields are: country, employees, industry, email_opens, persona_fit, notes, score\)/,
    );
    expect(compileError('evaluate("1")')!.message).toMatch(
      /the function evaluate is not allowed in a criterion \(allowed: abs, min, max/,
    );
    expect(compileError('round(1, 2, 3)')!.message).toMatch(/round takes 1 to 2 arguments, not 3/);
    expect(compileError('5 cm to inch')!.message).toMatch(/unit conversion/);
  });

  it('treats constructor, __proto__ and toString as ordinary (unknown, or header-named) fields, never prototype members', () => {
    expect(compileError('constructor')!.message).toMatch(/unknown field constructor/);
    expect(compileError('__proto__ == 1')!.message).toMatch(/unknown field __proto__/);
    expect(compileError('toString')!.message).toMatch(/unknown field toString/);
    expect(compileError('constructor(1)')!.message).toMatch(/the function constructor is not allowed/);
    expect(compileError('hasOwnProperty("x")')!.message).toMatch(/the function hasOwnProperty is not allowed/);
    // a column really named "constructor" is just that column's value
    const fields = fieldIndex(['constructor', '__proto__']);
    expect(compileExpression('constructor + __proto__', fields, 'rules row 1')([2, 3])).toBe(5);
  });
});

describe("mathjs's security notes, item by item (https://mathjs.org/docs/expressions/security.html)", () => {
  // "most important": import, createUnit, reviver; "extra": evaluate, parse, simplify, derivative, resolve;
  // and compile, chain, parser and the other expression-tree functions.
  const listed = [
    'import',
    'createUnit',
    'reviver',
    'evaluate',
    'parse',
    'compile',
    'simplify',
    'derivative',
    'resolve',
    'chain',
    'parser',
    'rationalize',
    'simplifyCore',
    'symbolicEqual',
  ];

  it.each(listed)('%s cannot be called from a criterion', (name) => {
    const e = compileError(`${name}("x")`);
    expect(e?.code).toBe('VALUE');
    expect(e?.message).toMatch(new RegExp(`^rules row 4: the function ${name} is not allowed`));
  });

  it.each(listed)('%s cannot be reached as a value, a property or a callback', (name) => {
    for (const expr of [
      name,
      `${name} == 1`,
      `abs(${name})`,
      `country.${name}`,
      `country["${name}"]("x")`,
      `f = ${name}`,
    ]) {
      const e = compileError(expr);
      expect({ expr, code: e?.code, names: /^rules row 4: /.test(e?.message ?? '') }).toEqual({
        expr,
        code: 'VALUE',
        names: true,
      });
    }
  });

  it.each(listed.filter((n) => n !== 'parser'))(
    'the restricted mathjs instance itself refuses %s (defence in depth)',
    (name) => {
      expect(DISABLED_MATHJS_FUNCTIONS).toContain(name);
      const fn = (sandboxMath as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
      expect(() => fn('1 + 1')).toThrow(`Function ${name} is disabled`);
    },
  );

  it('the restricted instance has parser and unit disabled too', () => {
    expect(() => (sandboxMath as unknown as { parser: () => unknown }).parser()).toThrow('Function parser is disabled');
    expect(() => sandboxMath.unit('5 cm')).toThrow('Function unit is disabled');
  });

  // Published ways to reach Function through the expression parser (mathjs HISTORY.md security fixes of 2017-2026:
  // constructor through functions, strings, arrays, objects, prototypes, typed-function internals, mutated
  // Unit/Node prototypes). Each must be refused before anything runs.
  it.each([
    'cos.constructor("return process")()',
    'abs.constructor("return process")()',
    '"".constructor.constructor("return process")()',
    '[].map.constructor("return process")()',
    '{}.constructor.constructor("return process")()',
    'country.constructor.constructor("return process")()',
    'toString.constructor("return process")()',
    'valueOf.constructor("return process")()',
    'f = abs.constructor; f("return process")()',
    'a = "constructor"; country[a][a]("return process")()',
    'country["__proto__"]["constructor"]',
    'country.__proto__.polluted = 1',
    'x = {}; x.__proto__.polluted = 1',
    'import({x: 1}, {override: true})',
    'createUnit("hack", "1 cm")',
    'evaluate("cos.constructor(\\"return process\\")()")',
    'parse("1").compile().evaluate()',
    'typed("x", {"": "return process"})',
    'reviver("", "{}")',
    'resolve(parse("x"), {x: 1})',
    'chain(1).done()',
    'simplify("x").toString()',
    'derivative("x^2", "x")',
    'config({number: "BigNumber"})',
    'expression.node.SymbolNode.prototype.compile = 1',
    'Unit.prototype.valueOf = abs',
    'help(abs).doc',
    'map([1], abs.constructor)',
    'forEach([1], evaluate)',
    'matrix([1]).map(evaluate)',
  ])('%s is refused', (expr) => {
    const e = compileError(expr);
    expect(e?.code).toBe('VALUE');
    expect(e?.message).toMatch(/^rules row 4: /);
  });

  it('never yields anything but a number, text, TRUE/FALSE or blank, whatever is typed (fast-check)', () => {
    const pieces = [
      'country',
      'employees',
      '.',
      'constructor',
      '__proto__',
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      '"x"',
      "'y'",
      '=',
      '==',
      '+',
      '*',
      ',',
      ';',
      ':',
      'abs',
      'evaluate',
      'import',
      'cos',
      '1',
      'and',
      'not',
      '?',
      'f',
      'x',
      ' ',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 12 }), (parts) => {
        const expr = parts.join('');
        let compiled;
        try {
          compiled = compileExpression(expr, FIELDS, 'rules row 1');
        } catch (e) {
          return e instanceof SalesOpsError && e.code === 'VALUE' && e.message.startsWith('rules row 1: ');
        }
        try {
          const v = compiled(['US', 250, 'Software', 3, true, 'note', 1]);
          return v === null || ['number', 'string', 'boolean'].includes(typeof v);
        } catch (e) {
          return e instanceof LeadEvaluationError;
        }
      }),
      { numRuns: 3000, seed: 20260211 },
    );
  });
});
