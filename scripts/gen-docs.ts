/**
 * Generates docs/functions.md, the function reference, from the same declarations as functions.json
 * (src/functions/generated/registry.ts). `npm run docs` writes it; test/docs/functions-doc.test.ts fails when the
 * committed file is out of date.
 */
import * as fs from 'fs';
import * as path from 'path';
import { declarations } from '../src/functions/generated/registry';
import type { Declaration, DocumentedError } from '../src/functions/declaration';

/** The cell errors a function may show, in the order the reference lists them. */
export const ERROR_CODES = ['#VALUE!', '#N/A', '#NUM!', '#DIV/0!'] as const;

const ERROR_MEANING: Record<(typeof ERROR_CODES)[number], string> = {
  '#VALUE!': 'an argument has the wrong type or shape (text in a number range, ranges of different sizes, a probability of 60 instead of 60%)',
  '#N/A': 'a lookup found nothing (an unknown stage, category or id)',
  '#NUM!': 'the inputs are valid but no sensible result exists, or the work asked for is beyond a stated limit',
  '#DIV/0!': 'a division by zero the user can see (a zero quota or an empty total)',
};

export type { DocumentedError } from '../src/functions/declaration';

/**
 * The errors a declaration documents with `@error CODE when ...` lines in its JSDoc, as scripts/gen-metadata.ts put
 * them in the registry (custom-functions-metadata ignores the tag; functions.json is unchanged by it).
 */
export function documentedErrors(d: Declaration): DocumentedError[] {
  return d.errors;
}

/** Problems with a declaration's @error lines: unknown codes, repeated codes, no #VALUE!, example errors left out. */
export function errorDocProblems(d: Declaration): string[] {
  const errors = documentedErrors(d);
  const problems: string[] = [];
  const codes = errors.map((e) => e.code);
  for (const e of errors) {
    if (!(ERROR_CODES as readonly string[]).includes(e.code)) problems.push(`${d.id}: @error ${e.code} is not one of ${ERROR_CODES.join(', ')}`);
    if (!/^(when|in) /.test(e.when)) problems.push(`${d.id}: @error ${e.code} should read "@error ${e.code} when ..." (or "in ... when ...")`);
  }
  codes.forEach((c, i) => codes.indexOf(c) !== i && problems.push(`${d.id}: @error ${c} appears twice; say every case on one line`));
  if (!codes.includes('#VALUE!')) problems.push(`${d.id}: no @error #VALUE! line (every function refuses bad input with #VALUE!)`);
  for (const ex of d.examples) {
    const shown = ex.expected.match(/#[A-Z0-9/]+[!A]?/g) ?? [];
    for (const c of shown) if (!codes.includes(c)) problems.push(`${d.id}: the example ${ex.formula} returns ${c}, which no @error line documents`);
  }
  return problems;
}

/**
 * The first sentence of a description: up to the first full stop that ends a sentence, not one inside parentheses
 * or after an abbreviation ("e.g.", "i.e.", "etc.", "vs.").
 */
export function firstSentence(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === '.' && depth === 0 && (i + 1 === text.length || /\s/.test(text[i + 1]))) {
      const word = /([\p{L}.]+)$/u.exec(text.slice(0, i))?.[1].toLowerCase() ?? '';
      if (['e.g', 'i.e', 'etc', 'vs', 'incl', 'approx', 'cf'].includes(word)) continue;
      return text.slice(0, i + 1);
    }
  }
  return text;
}

export function syntax(d: Declaration): string {
  const params = d.metadata.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `=SALESOPS.${d.id}(${params.join(', ')})`;
}

function section(d: Declaration): string {
  const lines: string[] = [];
  lines.push(`## SALESOPS.${d.id}`, '', d.metadata.description ?? '', '', '```', syntax(d), '```', '');
  lines.push('| parameter | required | description |', '|---|---|---|');
  for (const p of d.metadata.parameters) lines.push(`| \`${p.name}\` | ${p.optional ? 'optional' : 'yes'} | ${(p.description ?? '').replace(/\|/g, '\\|')} |`);
  lines.push('');
  if (d.spill) lines.push('Returns a range that spills into the cells below/right of the formula.', '');
  lines.push('**Examples** (each one is evaluated by the contract test):', '');
  for (const e of d.examples) lines.push(`- \`${e.formula}\` returns \`${e.expected}\``);
  const problems = errorDocProblems(d);
  if (problems.length) throw new Error(problems.join('\n'));
  const errors = documentedErrors(d).sort((a, b) => ERROR_CODES.indexOf(a.code as never) - ERROR_CODES.indexOf(b.code as never));
  lines.push('', '**Errors** (the message names the argument, the row and the problem):', '');
  for (const e of errors) lines.push(`- \`${e.code}\` ${e.when.replace(/\|/g, '\\|')}`);
  lines.push('', `Declared in \`${d.sourceFile}\` (\`${d.functionName}\`).`, '');
  return lines.join('\n');
}

export function renderReference(): string {
  const sorted = [...declarations].sort((a, b) => a.id.localeCompare(b.id));
  const head = [
    '# SALESOPS function reference',
    '',
    '<!-- Generated by scripts/gen-docs.ts from the declarations in src/functions/*.ts. Do not edit; run `npm run docs`. -->',
    '',
    'Every function returns an Excel error with a message that names the argument and the problem; hover the cell (Excel) or',
    'read the audit report to see it. Percentages may be typed as 60% or 0.6; dates as date cells or ISO text (2026-02-01).',
    'Each function lists the errors it gives and when. In every function, an error cell inside an input range passes through',
    'with its own code and a message naming the argument and row ("amounts row 3 holds #N/A"). The codes mean:',
    '',
    ...ERROR_CODES.map((c) => `- \`${c}\`: ${ERROR_MEANING[c]}`),
    '',
    '| function | what it computes |',
    '|---|---|',
    ...sorted.map((d) => `| [SALESOPS.${d.id}](#${('salesops' + d.id).toLowerCase().replace(/\./g, '')}) | ${firstSentence(d.metadata.description ?? '').replace(/\|/g, '\\|')} |`),
    '',
  ];
  return head.join('\n') + '\n' + sorted.map(section).join('\n');
}

if (require.main === module) {
  const out = path.join(__dirname, '..', 'docs', 'functions.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, renderReference());
  console.log(`docs: ${declarations.length} functions -> docs/functions.md`);
}
