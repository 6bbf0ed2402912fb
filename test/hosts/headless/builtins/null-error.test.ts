/**
 * #NULL! (issue 15, item 8 and the spill task's item 3): the engine has no #NULL! and no intersection operator, so
 * the headless host maps both (src/hosts/headless/null-error.ts). Microsoft, "How to correct a #NULL! error": the
 * space is the intersection operator; =SUM(A1:A5 B1:B5) gives #NULL! because the ranges do not intersect, and
 * =SUM(A1:A5 A3:C3) sums their intersection A3. ERROR.TYPE(#NULL!) is 1 ("ERROR.TYPE function").
 */
import JSZip from 'jszip';
import { CellErrorValue } from '../../../../src/functions/clean';
import { rewriteNull } from '../../../../src/hosts/headless/null-error';
import { recalcXlsx } from '../../../../src/hosts/headless/recalc';
import { writeWorkbook } from '../../../../src/xlsx/create';
import { readXlsx } from '../../../../src/xlsx/read';

describe('the intersection operator and #NULL! as the engine reads them', () => {
  it('rewrites an intersection of two references to the range they share', () => {
    // A1:C3 and B2:D4 share B2:C3; column B and row 2 share B2; Sheet2!A1:B2 and Sheet2!B2:C3 share Sheet2!B2.
    expect(rewriteNull('=SUM(A1:C3 B2:D4)')).toBe('=SUM(B2:C3)');
    expect(rewriteNull('=B:B 2:2')).toBe('=B2');
    expect(rewriteNull("=SUM('Q1 data'!A1:B2 'Q1 data'!B2:C3)")).toBe("=SUM('Q1 data'!B2)");
    expect(rewriteNull('=A1:C3 B2:D4 C3:E5')).toBe('=C3');
  });

  it('leaves spaces that are not intersections alone: around operators, in text, in sheet names, between names', () => {
    for (const f of ['=A1 + B1', '=SUM( A1 , B2 )', '="A1 B1"', "='Sales A1 B2'!C3", '=Jan Sales', '=LOG10 (A1)'])
      expect(rewriteNull(f)).toBe(f);
  });
});

describe('#NULL! through recalc', () => {
  it('computes #NULL! for ranges that do not meet and for the literal; ISERROR, ERROR.TYPE and the sum of an intersection', async () => {
    // A1:A5 = 1..5, B1:B5 = 10..50. SUM(A1:A5 B1:B5): no common cell, #NULL!. SUM(A1:A5 A3:C3) = A3 = 3.
    // =#NULL! is #NULL!; ISERROR(#NULL!) is TRUE; ERROR.TYPE(#NULL!) is 1; IFERROR(A1:A5 B1:B5, "none") is "none".
    const rows = [1, 2, 3, 4, 5].map((n) => [n, n * 10]);
    rows[0].push(
      '=SUM(A1:A5 B1:B5)' as never,
      '=SUM(A1:A5 A3:C3)' as never,
      '=#NULL!' as never,
      '=ISERROR(#NULL!)' as never,
      '=ERROR.TYPE(#NULL!)' as never,
      '=IFERROR(A1:A5 B1:B5,"none")' as never,
    );
    const r = await recalcXlsx(await writeWorkbook({ sheets: [{ name: 'S', rows }] }));
    const got = (a: string) => {
      const c = r.cells.find((x) => x.address === a)!;
      return c.error ? c.error.code : c.value;
    };
    expect(['C1', 'D1', 'E1', 'F1', 'G1', 'H1'].map(got)).toEqual(['#NULL!', 3, '#NULL!', true, 1, 'none']);
    expect(r.cells.find((x) => x.address === 'C1')!.error!.message).toBe('the ranges A1:A5 and B1:B5 do not intersect');
    const xml = await (await JSZip.loadAsync(r.output)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain('<c r="C1" t="e"><f>SUM(A1:A5 B1:B5)</f><v>#NULL!</v></c>');
    const back = (await readXlsx(r.output)).sheets[0].cells;
    expect(back.find((c) => c.address === 'E1')!.value).toEqual(new CellErrorValue('#NULL!'));
  });

  it('a cell holding #NULL! is that error to the formulas reading it', async () => {
    // A1 holds the error #NULL! (t="e"): ISERROR(A1) is TRUE, ERROR.TYPE(A1) is 1, A1+1 is #NULL! (errors propagate).
    const r = await recalcXlsx(
      await writeWorkbook({
        sheets: [
          { name: 'S', rows: [[{ value: new CellErrorValue('#NULL!') }, '=ISERROR(A1)', '=ERROR.TYPE(A1)', '=A1+1']] },
        ],
      }),
    );
    expect(r.cells.map((c) => (c.error ? c.error.code : c.value))).toEqual([true, 1, '#NULL!']);
  });

  it('COUNTIF with the criteria "#NULL!" counts the #NULL! errors and no other error', async () => {
    // A1 holds #NULL!, A2 = #NULL! (the literal), A3 = 1/0 (#DIV/0!), A4 = 5: two cells are #NULL!.
    // COUNTIF(A1:A4,"<>#NULL!") counts the other two (Excel: "<>" matches every cell not equal to the criteria).
    const r = await recalcXlsx(
      await writeWorkbook({
        sheets: [
          {
            name: 'S',
            rows: [
              [{ value: new CellErrorValue('#NULL!') }, '=COUNTIF(A1:A4,"#NULL!")', '=COUNTIF(A1:A4,"<>#NULL!")'],
              ['=#NULL!'],
              ['=1/0'],
              [5],
            ],
          },
        ],
      }),
    );
    const got = (a: string) => r.cells.find((x) => x.address === a)!.value;
    expect([got('B1'), got('C1')]).toEqual([2, 2]);
  });
});
