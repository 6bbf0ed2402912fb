/** The committed function reference must match what the declarations generate (run `npm run docs` to refresh). */
import * as fs from 'fs';
import * as path from 'path';
import { documentedErrors, errorDocProblems, firstSentence, renderReference } from '../../scripts/gen-docs';
import { declarations } from '../../src/functions/generated/registry';

const committed = () => fs.readFileSync(path.join(__dirname, '../../docs/functions.md'), 'utf8');

/** The section of docs/functions.md for one function, from its heading to the next. */
function sectionOf(id: string): string {
  const doc = committed();
  const start = doc.indexOf(`## SALESOPS.${id}\n`);
  const next = doc.indexOf('\n## SALESOPS.', start + 1);
  return doc.slice(start, next < 0 ? undefined : next);
}

describe('docs/functions.md', () => {
  it('is up to date with the declarations', () => {
    expect(committed() === renderReference() ? 'up to date' : 'out of date: run npm run docs').toBe('up to date');
  });
  it('documents every declared function', () => {
    for (const d of declarations) expect(committed()).toContain(`## SALESOPS.${d.id}\n`);
  });
});

describe('@error lines (the errors each function documents)', () => {
  it.each(declarations.map((d) => [d.id, d] as const))('SALESOPS.%s documents #VALUE!, every error its examples show, and nothing malformed', (_id, d) => {
    expect(errorDocProblems(d)).toEqual([]);
    expect(documentedErrors(d).map((e) => e.code)).toContain('#VALUE!');
  });

  it.each([
    // the omissions a review found in the earlier lists (#VALUE! plus the codes seen in examples)
    ['ROUTE', '#N/A'],
    ['TERRITORY.LOAD', '#DIV/0!'],
    ['TERRITORY.LOAD', '#NUM!'],
    ['LEADSCORE', '#NUM!'],
    ['CREDIT', '#N/A'],
  ])('SALESOPS.%s lists %s in the reference', (id, code) => {
    expect(sectionOf(id)).toContain(`- \`${code}\` `);
  });

  it.each([
    // issue 16: Excel shows a message only with #VALUE! and #N/A, so refusals that need their reason became #VALUE!
    ['COVERAGE', '#NUM!', 'the quota is already met'],
    ['COVERAGE', '#DIV/0!', 'the quota is already met'],
    ['FORECAST.MONTECARLO', '#NUM!', '200,000,000 draws'],
    ['WHITESPACE', '#NUM!', '5,000,000 cells'],
    ['VELOCITY', '#DIV/0!', 'cycle_days is 0'],
    ['HEADCOUNT', '#NUM!', 'a hire adds no capacity'],
    ['DECAY', '#DIV/0!', 'half_life_days is 0'],
    ['COMMISSION', '#DIV/0!', 'quota is 0'],
    ['OTE', '#DIV/0!', 'quota is 0'],
  ])('SALESOPS.%s no longer lists %s: its refusal (%s) is a #VALUE! whose message Excel shows', (id, code, reason) => {
    expect(sectionOf(id)).not.toContain(`\`${code}\``);
    const valueLine = sectionOf(id).split('\n').find((l) => l.startsWith('- `#VALUE!`')) ?? '';
    expect(valueLine).toContain(reason);
  });
});

describe('firstSentence (the summary table)', () => {
  it.each([
    ['Win rate: won / (won + lost). Open deals are ignored.', 'Win rate: won / (won + lost).'],
    // not cut at "e.g." or inside parentheses
    ['Coverage, the multiple (about 1 / win rate, e.g. 3x). #NUM! when met.', 'Coverage, the multiple (about 1 / win rate, e.g. 3x).'],
    ['Average days from start (e.g. engage date) to close. Open deals are ignored.', 'Average days from start (e.g. engage date) to close.'],
    ['The pay mix, e.g. "60/40". More.', 'The pay mix, e.g. "60/40".'],
    ['Splits i.e. shares, etc. and more. Second.', 'Splits i.e. shares, etc. and more.'],
    // a decimal point is no full stop; a text without one is whole
    ['Rates like 0.5 and 1.25 apply', 'Rates like 0.5 and 1.25 apply'],
  ])('%s', (text, want) => {
    expect(firstSentence(text)).toBe(want);
  });
});
