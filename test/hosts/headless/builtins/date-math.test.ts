/** EDATE, EOMONTH, DAYS360: Microsoft's documented examples, and the rules the pages state in words. */
import { DetailedCellError } from 'hyperformula';
import { run } from '../../../support/engine';

const value = (formula: string, data: unknown[][] = [[]]) => run(data, formula);

describe('EDATE and EOMONTH', () => {
  it('EDATE(15-Jan-2011, 1) = 15-Feb-2011, -1 = 15-Dec-2010, 2 = 15-Mar-2011 (Microsoft)', () => {
    expect(value('=EDATE(DATE(2011,1,15),1)=DATE(2011,2,15)')).toBe(true);
    expect(value('=EDATE(DATE(2011,1,15),-1)=DATE(2010,12,15)')).toBe(true);
    expect(value('=EDATE(DATE(2011,1,15),2)=DATE(2011,3,15)')).toBe(true);
  });
  it('EOMONTH(1-Jan-2011, 1) = 28-Feb-2011, -3 = 31-Oct-2010 (Microsoft)', () => {
    expect(value('=EOMONTH(DATE(2011,1,1),1)=DATE(2011,2,28)')).toBe(true);
    expect(value('=EOMONTH(DATE(2011,1,1),-3)=DATE(2010,10,31)')).toBe(true);
  });
  it('months are truncated ("If months is not an integer, it is truncated"): -4.7 moves 4 months back', () => {
    expect(value('=EOMONTH(DATE(2023,3,2),-4.7)=DATE(2022,11,30)')).toBe(true);
    expect(value('=EDATE(DATE(2023,3,2),2.9)=DATE(2023,5,2)')).toBe(true);
  });
  it('a logical months argument is #VALUE!, a result past 9999 is #NUM!', () => {
    expect((value('=EOMONTH(DATE(2023,3,2),Data!A1)', [[true]]) as DetailedCellError).value).toBe('#VALUE!');
    expect((value('=EDATE(DATE(9999,12,1),1)') as DetailedCellError).value).toBe('#NUM!');
  });
});

describe('DAYS360', () => {
  it('1-Jan-11 to 30-Jan-11 = 29, 1-Jan-11 to 31-Dec-11 = 360, 30-Jan-11 to 31-Dec-11 = 330 (Microsoft)', () => {
    expect(value('=DAYS360(DATE(2011,1,1),DATE(2011,1,30))')).toBe(29);
    expect(value('=DAYS360(DATE(2011,1,1),DATE(2011,12,31))')).toBe(360);
    expect(value('=DAYS360(DATE(2011,1,30),DATE(2011,12,31))')).toBe(330);
  });
  it('European method: 1-Jan-11 to 31-Dec-11 = 359 (Microsoft)', () => {
    expect(value('=DAYS360(DATE(2011,1,1),DATE(2011,12,31),TRUE)')).toBe(359);
  });
  it('US method, start on the last day of February counts as the 30th: 29-Feb-24 to 28-Feb-25 = 360 - 2 (hand)', () => {
    expect(value('=DAYS360(DATE(2024,2,29),DATE(2025,2,28))')).toBe(358);
  });
});
