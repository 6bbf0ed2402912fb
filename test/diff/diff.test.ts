/**
 * The comparison engine on workbooks built here with one hand-made change each (test/support/plan-workbook.ts:
 * 6 reps on a 100,000 quota, marginal tiers 8% / 12% from 100% / 15% from 120%). Expected values are worked by
 * hand in the comments: Rep 1..6 book 130,000, 60,000, 110,000, 80,000, 90,000, 70,000, so their commissions are
 * 8,000 + 2,400 + 1,500 = 11,900; 4,800; 8,000 + 1,200 = 9,200; 6,400; 7,200; 5,600; total 45,100.
 */
import { BOOKINGS, plan, planSpec } from '../support/plan-workbook';
import { writeWorkbook } from '../../src/xlsx/create';
import { readXlsxSnapshot } from '../../src/diff/read-xlsx';
import { snapshotFromWorkbook } from '../../src/diff/snapshot';
import { diffSnapshots } from '../../src/diff/diff';
import { toJson, toMarkdown } from '../../src/diff/report';
import { lcsMap } from '../../src/diff/align';
import { HeadlessWorkbook } from '../../src/hosts/headless/workbook';
import { createEngine } from '../../src/hosts/headless/engine';
import { loadXlsxIntoEngine } from '../../src/hosts/headless/load';

async function diff(before: Buffer, after: Buffer) {
  return diffSnapshots(await readXlsxSnapshot(before), await readXlsxSnapshot(after));
}

const NAMES = ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Flo'];

describe('lcsMap (Myers)', () => {
  it('aligns as a text diff does: ABCABBA against CBABAC keeps a longest common subsequence of 4', () => {
    // Myers' paper's example: the LCS of ABCABBA and CBABAC has length 4 (e.g. CABA / BABA)
    const a = [...'ABCABBA'].map((c) => c.charCodeAt(0));
    const b = [...'CBABAC'].map((c) => c.charCodeAt(0));
    const map = lcsMap(a, b);
    const pairs = [...map].map((j, i) => [i, j]).filter(([, j]) => j >= 0);
    expect(pairs).toHaveLength(4);
    for (const [i, j] of pairs) expect(a[i]).toBe(b[j]);
    for (let k = 1; k < pairs.length; k++) expect(pairs[k][1]).toBeGreaterThan(pairs[k - 1][1]);
  });
});

describe('diff of two versions', () => {
  it('identical files: no changes', async () => {
    const r = await diff(await plan({ names: NAMES }), await plan({ names: NAMES }));
    expect(r.changes).toEqual([]);
    expect(JSON.parse(toJson(r))).toEqual({ changes: [] });
  });

  it('a row inserted in the middle of the formula block is one change, with no formula change', async () => {
    // Dana (95,000) inserted as row 5; every commission below moves down a row (D5 -> D6 ...) and the totals' SUMs
    // grow to row 8: none of that is a formula change. Totals: bookings 540,000 + 95,000 = 635,000; commission
    // 45,100 + 7,600 (8% of 95,000) = 52,700, both because of the inserted row.
    const after = await plan({
      names: [...NAMES.slice(0, 3), 'Dana', ...NAMES.slice(3)],
      bookings: [...BOOKINGS.slice(0, 3), 95_000, ...BOOKINGS.slice(3)],
    });
    const r = await diff(await plan({ names: NAMES }), after);
    expect(r.changes.filter((c) => c.kind !== 'result')).toEqual([
      {
        kind: 'rows-inserted',
        sheet: 'Reps',
        rows: '5:5',
        before: null,
        after: 'Dana | 95,000 | 100,000 | =SALESOPS.COMMISSION(B5,C5,Tiers!$A$2:$B$4)',
      },
    ]);
    expect(r.changes.filter((c) => c.kind === 'result')).toEqual([
      { kind: 'result', sheet: 'Reps', address: 'B10', before: 540_000, after: 635_000, because: ['Reps!5:5'] },
      { kind: 'result', sheet: 'Reps', address: 'D10', before: 45_100, after: 52_700, because: ['Reps!5:5'] },
    ]);
  });

  it('a row deleted: one change, numbered as in before', async () => {
    // Bo (row 3, 60,000, commission 4,800) removed: totals 480,000 and 40,300
    const after = await plan({ names: NAMES.filter((n) => n !== 'Bo'), bookings: BOOKINGS.filter((_, i) => i !== 1) });
    const r = await diff(await plan({ names: NAMES }), after);
    expect(r.changes.filter((c) => c.kind !== 'result')).toEqual([
      {
        kind: 'rows-deleted',
        sheet: 'Reps',
        rows: '3:3',
        before: 'Bo | 60,000 | 100,000 | =SALESOPS.COMMISSION(B3,C3,Tiers!$A$2:$B$4)',
        after: null,
      },
    ]);
    // results ranked by how far they moved: bookings -60,000 / 540,000 = 11.1%, commission -4,800 / 45,100 = 10.6%
    expect(r.changes.filter((c) => c.kind === 'result').map((c) => [c.address, c.after, c.because])).toEqual([
      ['B8', 480_000, ['Reps!3:3']],
      ['D8', 40_300, ['Reps!3:3']],
    ]);
  });

  it('a formula slip in one row of a column: one formula change, and the total traced to it', async () => {
    // D5 reads B6 (Ed's 90,000: 7,200) instead of B5 (Di's 80,000: 6,400): total 45,100 + 800 = 45,900
    const r = await diff(await plan({ names: NAMES }), await plan({ names: NAMES, slipRow: 5 }));
    expect(r.changes).toEqual([
      {
        kind: 'formula',
        sheet: 'Reps',
        address: 'D5',
        before: '=SALESOPS.COMMISSION(B5,C5,Tiers!$A$2:$B$4)',
        after: '=SALESOPS.COMMISSION(B6,C5,Tiers!$A$2:$B$4)',
      },
      { kind: 'result', sheet: 'Reps', address: 'D9', before: 45_100, after: 45_900, because: ['Reps!D5'] },
    ]);
  });

  it('a tier rate edit is traced to every commission it changes, and only those', async () => {
    // 12% -> 14% on the 100%-120% slice: only reps above quota have bookings there. Ann (130,000) pays
    // 8,000 + 20,000 x 14% + 1,500 = 12,300; Cy (110,000) 8,000 + 10,000 x 14% = 9,400; total 45,100 + 400 + 200.
    const r = await diff(
      await plan({ names: NAMES }),
      await plan({
        names: NAMES,
        tiers: [
          [0, 0.08],
          [1, 0.14],
          [1.2, 0.15],
        ],
      }),
    );
    expect(r.changes).toEqual([
      { kind: 'input', sheet: 'Tiers', address: 'B3', before: 0.12, after: 0.14 },
      { kind: 'result', sheet: 'Reps', address: 'D2', before: 11_900, after: 12_300, because: ['Tiers!B3'] },
      { kind: 'result', sheet: 'Reps', address: 'D4', before: 9_200, after: 9_400, because: ['Tiers!B3'] },
      { kind: 'result', sheet: 'Reps', address: 'D9', before: 45_100, after: 45_700, because: ['Tiers!B3'] },
    ]);
    // the SALESOPS result gets the audit's explanation: Ann's line at 14%
    const ann = r.explanations['Reps!D2'];
    expect(ann.kind).toBe('commission');
    const tier2 = ann.table.find((row) => row[0] === 'Tier 2')!;
    expect(tier2.slice(0, 5)).toEqual(['Tier 2', 100_000, 120_000, 20_000, 0.14]);
    expect(tier2[5]).toBeCloseTo(2_800, 9);
    const md = toMarkdown(r, { before: 'q1.xlsx', after: 'q2.xlsx' });
    expect(md).toContain('| Reps!D2 | 11,900 | 12,300 | Tiers!B3 changed from 0.12 to 0.14 |');
    expect(md.indexOf('## Inputs')).toBeLessThan(md.indexOf('## Results'));
  });

  it('a renamed sheet is one change: the formulas that follow the new name are not changes', async () => {
    const r = await diff(await plan({ names: NAMES }), await plan({ names: NAMES, tierSheet: 'Rates' }));
    expect(r.changes).toEqual([{ kind: 'sheet-renamed', sheet: 'Rates', before: 'Tiers', after: 'Rates' }]);
  });

  it('sheets added and removed', async () => {
    const notes = { name: 'Notes', rows: [['Reviewed by', 'Kim']] };
    const r = await diff(
      await plan({ names: NAMES, extraSheets: [notes] }),
      await plan({
        names: NAMES,
        extraSheets: [
          {
            name: 'Q3 targets',
            rows: [
              ['Region', 'Target'],
              ['East', 1_000_000],
              ['West', 800_000],
            ],
          },
        ],
      }),
    );
    expect(r.changes).toEqual([
      { kind: 'sheet-added', sheet: 'Q3 targets', before: null, after: 'Q3 targets' },
      { kind: 'sheet-removed', sheet: 'Notes', before: 'Notes', after: null },
    ]);
  });

  it('a formula typed over with a number, and a number replaced by a formula', async () => {
    // D4 typed as 5,000 over Cy's 9,200: total 45,100 - 4,200 = 40,900
    const r = await diff(
      await plan({ names: NAMES }),
      await plan({ names: NAMES, typedOver: { row: 4, value: 5_000 } }),
    );
    expect(r.changes).toEqual([
      {
        kind: 'formula-to-value',
        sheet: 'Reps',
        address: 'D4',
        before: '=SALESOPS.COMMISSION(B4,C4,Tiers!$A$2:$B$4)',
        after: 5_000,
      },
      { kind: 'result', sheet: 'Reps', address: 'D9', before: 45_100, after: 40_900, because: ['Reps!D4'] },
    ]);
    const back = await diff(
      await plan({ names: NAMES, typedOver: { row: 4, value: 5_000 } }),
      await plan({ names: NAMES }),
    );
    expect(back.changes[0]).toEqual({
      kind: 'value-to-formula',
      sheet: 'Reps',
      address: 'D4',
      before: 5_000,
      after: '=SALESOPS.COMMISSION(B4,C4,Tiers!$A$2:$B$4)',
    });
  });

  it('a column inserted is one change; references that moved with it are not changes', async () => {
    // a Region column inserted as B: Bookings moves to C, the formulas read C and D; values unchanged
    const spec = planSpec({ names: NAMES });
    const moved = planSpec({ names: NAMES });
    moved.sheets[0].rows = moved.sheets[0].rows!.map((row, r) => {
      if (!row.length) return row;
      const shift = (v: unknown) =>
        v && typeof v === 'object' && 'formula' in v
          ? {
              ...(v as object),
              formula: (v as { formula: string }).formula.replace(
                /\b([BCD])(\d+)\b/g,
                (_, c: string, n: string) => String.fromCharCode(c.charCodeAt(0) + 1) + n,
              ),
            }
          : v;
      return [
        row[0],
        r === 0 ? 'Region' : r <= 6 ? (r % 2 ? 'East' : 'West') : null,
        ...row.slice(1).map(shift),
      ] as typeof row;
    });
    const r = await diff(await writeWorkbook(spec), await writeWorkbook(moved));
    expect(r.changes).toEqual([
      { kind: 'columns-inserted', sheet: 'Reps', columns: 'B:B', before: null, after: 'Region' },
    ]);
  });

  it('names and tables: added, removed, re-pointed; a name that grew with an inserted row is unchanged', async () => {
    const names = [
      { name: 'Tiers', ref: 'Tiers!$A$2:$B$4' },
      { name: 'TopRate', ref: 'Tiers!$B$4' },
      { name: 'Old', ref: 'Reps!$A$1' },
    ];
    // after: a tier row inserted (Tiers grows to $A$2:$B$5 with it: no change), TopRate re-pointed to B3, Old removed,
    // Quota added. The tier inserted at 110% changes the commissions above 110% (Ann), traced to the inserted row.
    const before = await plan({ names: NAMES, definedNames: names });
    const after = await plan({
      names: NAMES,
      tiers: [
        [0, 0.08],
        [1, 0.12],
        [1.1, 0.13],
        [1.2, 0.15],
      ],
      definedNames: [
        { name: 'Tiers', ref: 'Tiers!$A$2:$B$5' },
        { name: 'TopRate', ref: 'Tiers!$B$3' },
        { name: 'Quota', ref: 'Reps!$C$2' },
      ],
    });
    const r = await diff(before, after);
    const named = r.changes.filter((c) => c.kind === 'name');
    expect(named).toEqual(
      expect.arrayContaining([
        { kind: 'name', name: 'TopRate', sheet: 'Tiers', address: 'B3', before: 'Tiers!$B$4', after: 'Tiers!$B$3' },
        { kind: 'name', name: 'Old', sheet: 'Reps', address: 'A1', before: 'Reps!$A$1', after: null },
        { kind: 'name', name: 'Quota', sheet: 'Reps', address: 'C2', before: null, after: 'Reps!$C$2' },
      ]),
    );
    expect(named).toHaveLength(3);
    expect(r.changes.find((c) => c.kind === 'rows-inserted')).toMatchObject({ sheet: 'Tiers', rows: '4:4' });
    // Ann 130,000: 8,000 + 10,000 x 12% + 10,000 x 13% + 10,000 x 15% = 12,000 (was 11,900); Cy's 110,000 is unchanged
    expect(r.changes.find((c) => c.kind === 'result' && c.address === 'D2')).toEqual({
      kind: 'result',
      sheet: 'Reps',
      address: 'D2',
      before: 11_900,
      after: 12_000,
      because: ['Tiers!4:4'],
    });

    // tables, read through the Workbook interface (the task pane's path)
    const wb = (tables: { name: string; sheet: string; address: string }[]) =>
      new HeadlessWorkbook(
        createEngine({
          Reps: [
            ['Rep', 'Bookings'],
            ['Ann', 1],
            ['Bo', 2],
          ],
          Tiers: [['Floor'], [0]],
        } as never),
        tables,
      );
    const t = diffSnapshots(
      await snapshotFromWorkbook(
        wb([
          { name: 'tblReps', sheet: 'Reps', address: 'A1:B2' },
          { name: 'tblOld', sheet: 'Tiers', address: 'A1:A2' },
        ]),
      ),
      await snapshotFromWorkbook(
        wb([
          { name: 'tblReps', sheet: 'Reps', address: 'A1:B3' },
          { name: 'tblNew', sheet: 'Tiers', address: 'A1:A2' },
        ]),
      ),
    );
    expect(t.changes).toEqual([
      { kind: 'table', name: 'tblReps', sheet: 'Reps', address: 'A1:B3', before: 'Reps!A1:B2', after: 'Reps!A1:B3' },
      { kind: 'table', name: 'tblOld', sheet: 'Tiers', address: 'A1:A2', before: 'Tiers!A1:A2', after: null },
      { kind: 'table', name: 'tblNew', sheet: 'Tiers', address: 'A1:A2', before: null, after: 'Tiers!A1:A2' },
    ]);
  });

  it('the open workbook (Workbook interface, engine values) against the same file reads as the same', async () => {
    const bytes = await plan({ names: NAMES, definedNames: [{ name: 'TopRate', ref: 'Tiers!$B$4' }] });
    const loaded = await loadXlsxIntoEngine(bytes);
    try {
      const open = await snapshotFromWorkbook(new HeadlessWorkbook(loaded.engine));
      expect(diffSnapshots(await readXlsxSnapshot(bytes), open).changes).toEqual([]);
    } finally {
      loaded.engine.destroy();
    }
  });

  it('the same formulas stored as one shared formula or cell by cell read as the same', async () => {
    // Excel saves a filled-down column as a shared formula (ECMA-376 18.3.1.40): the master's text, moved to each
    // follower, is the follower's formula. D2:D4 = B*C, the cached values 2x3=6, 4x5=20, 6x7=42.
    const rows = (d: (r: number) => unknown) =>
      [['a', 'b', 'c', 'd'], ...[2, 3, 4].map((r) => ['x', 2 * (r - 1), 2 * (r - 1) + 1, d(r)])] as never;
    const value = (r: number) => 2 * (r - 1) * (2 * (r - 1) + 1);
    const plain = await writeWorkbook({
      sheets: [{ name: 'S', rows: rows((r) => ({ formula: `B${r}*C${r}`, value: value(r) })) }],
    });
    const shared = await writeWorkbook({
      sheets: [
        {
          name: 'S',
          rows: rows((r) =>
            r === 2
              ? { formula: 'B2*C2', value: 6, shared: { si: 0, ref: 'D2:D4' } }
              : { value: value(r), shared: { si: 0 } },
          ),
        },
      ],
    });
    expect((await diff(plain, shared)).changes).toEqual([]);
    const snap = await readXlsxSnapshot(shared);
    expect(snap.sheets[0].rows[3]!.cells[3]).toEqual({ value: 42, formula: '=B4*C4' });
  });

  it('a damaged file is refused with one line', async () => {
    await expect(readXlsxSnapshot(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]))).rejects.toThrow(
      /zip archive is truncated or damaged/,
    );
    await expect(readXlsxSnapshot(new TextEncoder().encode('Rep,Bookings\n'))).rejects.toThrow(/not an .xlsx workbook/);
  });
});
