/**
 * The declaration contract: every SALESOPS function exists in Excel's functions.json and in the headless engine,
 * and every @example in its JSDoc evaluates to its stated result in the headless engine.
 */
import * as fs from 'fs';
import * as path from 'path';
import { HyperFormula } from 'hyperformula';
import { declarations } from '../../src/functions/generated/registry';
import { createEngine, evaluateFormula } from '../../src/hosts/headless/engine';
import { parseExpected, sameValue } from '../support/expected';

const functionsJson = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../src/functions/generated/functions.json'), 'utf8'),
) as { functions: { id: string }[] };

describe('one declaration, two hosts', () => {
  it('has the same ids in functions.json and in the headless engine', () => {
    createEngine().destroy();
    const excelIds = functionsJson.functions.map((f) => `SALESOPS.${f.id}`).sort();
    const engineIds = HyperFormula.getRegisteredFunctionNames('enGB')
      .filter((n) => n.startsWith('SALESOPS.'))
      .sort();
    expect(engineIds).toEqual(excelIds);
    expect(excelIds.length).toBe(declarations.length);
  });

  it('documents every function with at least one example and every parameter with help', () => {
    for (const d of declarations) {
      expect({ id: d.id, examples: d.examples.length > 0 }).toEqual({ id: d.id, examples: true });
      expect(d.metadata.description?.length ?? 0).toBeGreaterThan(20);
      for (const p of d.metadata.parameters)
        expect({ id: d.id, param: p.name, help: !!p.description }).toEqual({ id: d.id, param: p.name, help: true });
    }
  });

  const examples = declarations.flatMap((d) => d.examples.map((e) => [d.id, e.formula, e.expected] as const));
  it.each(examples)('%s: %s returns %s', (_id, formula, expected) => {
    const actual = evaluateFormula(formula);
    const want = parseExpected(expected);
    expect(sameValue(actual, want)).toEqual({ ok: true, actual: expect.anything(), expected: expect.anything() });
  });

  it('gives every error a message', () => {
    for (const d of declarations)
      for (const e of d.examples.filter((x) => x.expected.startsWith('#'))) {
        const v = evaluateFormula(e.formula) as { message?: string };
        expect({ formula: e.formula, message: (v.message ?? '').length > 10 }).toEqual({
          formula: e.formula,
          message: true,
        });
      }
  });
});
