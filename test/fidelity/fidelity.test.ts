/**
 * Fidelity to Excel on workbooks Excel saved (../shared/fidelity, see its README): every formula cell recalculated
 * headless is compared with the value Excel cached in the file. The floors below are the measured shares; a change
 * that lowers one fails here. Targets (issues 15 and 17): 98% per ironcalc category (ENGINEERING 90%) and overall,
 * 99.9% on real models, no aborted run; all are met and held by the last test of the first block.
 */
import * as fs from 'fs';
import * as path from 'path';
import { measureWorkbook, sameValue, totals, type WorkbookFidelity } from '../../src/fidelity/fidelity';

const ROOT = path.resolve(__dirname, '../../../shared/fidelity');

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : /\.xlsx$/.test(e.name) ? [path.join(dir, e.name)] : [],
    );
}

const byGroup = new Map<string, WorkbookFidelity[]>();

beforeAll(async () => {
  for (const file of files(ROOT)) {
    const rel = path.relative(ROOT, file).split(path.sep);
    // ironcalc/<CATEGORY>/<file>.xlsx -> CATEGORY; ironcalc/<file>.xlsx -> ironcalc; models/... -> models
    const group = rel[0] === 'ironcalc' && rel.length > 2 ? rel[1] : rel[0];
    const r = await measureWorkbook(rel.join('/'), fs.readFileSync(file));
    byGroup.set(group, [...(byGroup.get(group) ?? []), r]);
  }
}, 180_000);

/**
 * Per folder: [share of cells whose output is Excel's value, share the headless host computed itself] as measured
 * (kept cells, at Excel's cached value, count in the first and against the second).
 */
// ironcalc: the engine cases at the top of ../shared/fidelity/ironcalc (spill operator, defined names, ...).
const FLOORS: Record<string, [equal: number, computed: number]> = {
  DATABASE: [1.0, 1.0], // 566 computed + 0 kept of 566
  DATE_AND_TIME: [1.0, 1.0], // 444 computed + 0 kept of 444
  ENGINEERING: [0.9966, 0.9966], // 2966 computed + 0 kept of 2976
  FINANCIAL: [0.9941, 0.9941], // 3068 computed + 0 kept of 3086
  INFORMATION: [1.0, 0.9964], // 282 computed + 1 kept of 283
  LOGICAL: [1.0, 1.0], // 546 computed + 0 kept of 546
  LOOKUP_AND_REFERENCE: [1.0, 0.9993], // 1438 computed + 1 kept of 1439
  MATH_AND_TRIGONOMETRY: [1.0, 1.0], // 55156 computed + 0 kept of 55156
  STATISTICAL: [0.9936, 0.9936], // 2953 computed + 0 kept of 2972
  TEXT: [1.0, 1.0], // 1421 computed + 0 kept of 1421
  ironcalc: [0.998, 0.998], // 510 computed + 0 kept of 511
  models: [1.0, 1.0], // 4199 computed + 0 kept of 4199
  pycel: [1.0, 1.0], // 6 computed + 0 kept of 6
};

describe('fidelity to Excel on ../shared/fidelity', () => {
  it.each(Object.entries(FLOORS))(
    '%s keeps at least its measured shares of cells equal to Excel',
    (group, [equal, computed]) => {
      const t = totals(byGroup.get(group) ?? []);
      expect(t.cells).toBeGreaterThan(0);
      expect(t.aborted).toBe(0);
      expect(t.share).toBeGreaterThanOrEqual(equal);
      expect(t.computed).toBeGreaterThanOrEqual(computed);
    },
  );

  it('meets the targets of issues 15 and 17: real models 99.9% computed, every ironcalc category 98% (ENGINEERING 90%)', () => {
    const models = totals([...(byGroup.get('models') ?? []), ...(byGroup.get('pycel') ?? [])]);
    expect(models.computed).toBeGreaterThanOrEqual(0.999);
    const categories = [...byGroup].filter(([g]) => !['models', 'pycel'].includes(g));
    for (const [group, results] of categories) {
      const t = totals(results);
      // "computed": a cell kept at Excel's cached value does not count towards the target.
      expect({ group, computed: t.computed >= (group === 'ENGINEERING' ? 0.9 : 0.98) }).toEqual({
        group,
        computed: true,
      });
    }
    const ironcalc = totals(categories.flatMap(([, r]) => r));
    expect(ironcalc.computed).toBeGreaterThanOrEqual(0.98);
    expect(ironcalc.aborted).toBe(0);
  });
});

describe('sameValue compares as Excel shows values', () => {
  it('numbers equal to 15 significant digits, text exactly, errors by code', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in binary; Excel shows and caches 0.3.
    expect(sameValue(0.3, 0.1 + 0.2)).toBe(true);
    expect(sameValue(1, 1.0001)).toBe(false);
    expect(sameValue('a', 'A')).toBe(false);
    expect(sameValue({ error: '#N/A', message: '' }, { error: '#N/A', message: 'not found' })).toBe(true);
    expect(sameValue({ error: '#N/A', message: '' }, 0)).toBe(false);
    // An empty string result is cached with no value.
    expect(sameValue(null, '')).toBe(true);
  });
});
