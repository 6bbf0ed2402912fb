/** The committed function reference must match what the declarations generate (run `npm run docs` to refresh). */
import * as fs from 'fs';
import * as path from 'path';
import { renderReference } from '../../scripts/gen-docs';
import { declarations } from '../../src/functions/generated/registry';

describe('docs/functions.md', () => {
  it('is up to date with the declarations', () => {
    const committed = fs.readFileSync(path.join(__dirname, '../../docs/functions.md'), 'utf8');
    expect(committed === renderReference() ? 'up to date' : 'out of date: run npm run docs').toBe('up to date');
  });
  it('documents every declared function', () => {
    const committed = fs.readFileSync(path.join(__dirname, '../../docs/functions.md'), 'utf8');
    for (const d of declarations) expect(committed).toContain(`## SALESOPS.${d.id}\n`);
  });
});
