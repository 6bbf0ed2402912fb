/**
 * TEXTBEFORE, TEXTAFTER, TEXTSPLIT: Microsoft's documented examples (support.microsoft.com, each function's page),
 * and hand-checked cases where a comment says so.
 */
import { createEngine, evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell, run, sheetValues } from '../../../support/engine';

const hood = [["Red riding hood's, red hood"], ['Marcus Aurelius'], ['Socrates']];

describe('TEXTAFTER and TEXTBEFORE', () => {
  it.each([
    // Microsoft's TEXTAFTER page: "Red riding hood's, red hood".
    ['=TEXTAFTER(Data!A1,"hood")', "'s, red hood"],
    ['=TEXTAFTER(Data!A1,"")', "Red riding hood's, red hood"],
    ['=TEXTAFTER(Data!A1,"",-1)', ''],
    // Example 2: match_end treats the end of the text as a delimiter.
    ['=TEXTAFTER(Data!A2," ",,,1)', 'Aurelius'],
    ['=TEXTAFTER(Data!A3," ",,,1)', ''],
    // TEXTBEFORE's page, the same text.
    ['=TEXTBEFORE(Data!A1,"hood")', 'Red riding '],
    ['=TEXTBEFORE(Data!A1,"")', ''],
    ['=TEXTBEFORE(Data!A1,"",-1)', "Red riding hood's, red hood"],
    ['=TEXTBEFORE(Data!A2," ",,,1)', 'Marcus'],
    // Hand-checked: the second "red" ignoring case is the one in "red hood"; from the end, the first "hood" is the last.
    ['=TEXTAFTER(Data!A1,"RED",2,1)', ' hood'],
    ['=TEXTBEFORE(Data!A1,"hood",-1)', "Red riding hood's, red "],
    ['=TEXTAFTER(Data!A1,"basket",1,0,0,"none")', 'none'],
  ])('%s is %p', (formula, expected) => {
    expect(run(hood, formula)).toBe(expected);
  });

  it('gives #N/A when the delimiter is missing and #VALUE! for instance_num 0', () => {
    // "Excel returns #N/A if delimiter isn't contained in text" and "#VALUE! if instance_num = 0".
    expectErrorCell(run(hood, '=TEXTAFTER(Data!A1,"basket")'), '#N/A', 'not in the text');
    expectErrorCell(run(hood, '=TEXTAFTER(Data!A3," ",,,0)'), '#N/A', 'not in the text');
    expectErrorCell(run(hood, '=TEXTBEFORE(Data!A1,"red",0)'), '#VALUE!', 'instance_num 0');
    expectErrorCell(run(hood, '=TEXTBEFORE(Data!A1,"red",1,2)'), '#VALUE!', 'match_mode must be 0 or 1');
  });
});

describe('TEXTSPLIT', () => {
  it("spills a split across columns and rows (Microsoft's examples)", () => {
    expect(sheetValues([['Dakota Lennon Sanchez', '=TEXTSPLIT(A1," ")']])).toEqual([
      ['Dakota Lennon Sanchez', 'Dakota', 'Lennon', 'Sanchez'],
    ]);
    expect(sheetValues([['1,2,3;4,5,6', '=TEXTSPLIT(A1,",",";")']])).toEqual([
      ['1,2,3;4,5,6', '1', '2', '3'],
      [null, '4', '5', '6'],
    ]);
    expect(evaluateFormula('=TEXTSPLIT("Do. Or do not. There is no try. -Anonymous",".")')).toEqual([
      ['Do', ' Or do not', ' There is no try', ' -Anonymous'],
    ]);
    expect(evaluateFormula('=TEXTSPLIT("Do. Or do not. There is no try. -Anonymous",,".")')).toEqual([
      ['Do'],
      [' Or do not'],
      [' There is no try'],
      [' -Anonymous'],
    ]);
  });

  it('ignores empty parts on request and pads short rows with pad_with', () => {
    // Hand-checked: "1,,2" has an empty part between the commas; rows "1,2" and "3" pad the second row with "-".
    expect(evaluateFormula('=TEXTSPLIT("1,,2",",",,TRUE)')).toEqual([['1', '2']]);
    expect(evaluateFormula('=TEXTSPLIT("1,,2",",")')).toEqual([['1', '', '2']]);
    expect(evaluateFormula('=TEXTSPLIT("1,2;3",",",";",FALSE,0,"-")')).toEqual([
      ['1', '2'],
      ['3', '-'],
    ]);
    expect(evaluateFormula('=TEXTSPLIT("aXbxc","x",,,1)')).toEqual([['a', 'b', 'c']]);
  });

  it('is #VALUE! without a delimiter', () => {
    expectErrorCell(evaluateFormula('=TEXTSPLIT("Hello","")'), '#VALUE!', 'col_delimiter or a row_delimiter');
  });
});

describe('TEXTSPLIT after an edit', () => {
  it('says #SPILL! when the text grows past the size set when the formula was entered, instead of crashing', () => {
    const hf = createEngine({ Sheet1: [['a,b', '=TEXTSPLIT(A1,",")']] });
    try {
      expect(hf.getSheetValues(0)).toEqual([['a,b', 'a', 'b']]);
      hf.setCellContents({ sheet: 0, row: 0, col: 0 }, 'a,b,c');
      expectErrorCell(hf.getCellValue({ sheet: 0, row: 0, col: 1 }), '#SPILL!', 'enter the formula again');
      // Shrinking fits: the spill keeps its size and the cells beyond the result are empty.
      hf.setCellContents({ sheet: 0, row: 0, col: 0 }, 'x');
      expect(hf.getSheetValues(0)).toEqual([['x', 'x']]);
    } finally {
      hf.destroy();
    }
  });
});
