/**
 * Creates the headless spreadsheet engine: HyperFormula with the SALESOPS plugin and Excel-compatible settings.
 * Used by the CLI, the playground and the tests; never by the Excel bundles (HyperFormula is GPL-3.0).
 */
import { DetailedCellError, HyperFormula } from 'hyperformula';
import type { ConfigParams, Sheets } from 'hyperformula';
import { SalesOpsPlugin, functionTranslations } from './plugin';
import { registerBuiltins } from './builtins';
import { rewriteLambdaCalls } from './lambda-rewrite';
import { rewriteLet } from './let-rewrite';
import { rewriteNull } from './null-error';
import { lowerExponents, splitDoubledQuotes } from './literals';

let registered = false;

/** Registers Excel's built-ins that differ and the SALESOPS plugin once per process (HyperFormula keeps plugins globally). */
export function registerSalesOps(): void {
  if (registered) return;
  registerBuiltins();
  HyperFormula.registerFunctionPlugin(
    SalesOpsPlugin as never,
    { enGB: functionTranslations(), enUS: functionTranslations() } as never,
  );
  registered = true;
}

/** Excel's limits and conventions; the licence key is HyperFormula's GPL-v3 key (without it every cell is #LIC!). */
export const ENGINE_CONFIG: Partial<ConfigParams> = {
  licenseKey: 'gpl-v3',
  maxRows: 1_048_576,
  maxColumns: 16_384,
  // Excel's 1900 date system: serial 1 is 1900-01-01 and 1900 counts as a leap year (Excel's bug), so serials match Excel.
  leapYear1900: true,
  nullDate: { year: 1899, month: 12, day: 31 },
  dateFormats: ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'],
  useArrayArithmetic: false,
  // No column index: HyperFormula's index keeps a sorted row list per value and column, and replacing a 100,000-row
  // spill removed rows from it one splice at a time (WINRATE.BY recalc took 9 s). Lookups fall back to searching.
  useColumnIndex: false,
  // Excel sets the result of a final addition or subtraction to 0 when it cancels to within a few units in the last
  // place ("Floating-point arithmetic may give inaccurate results in Excel"). Excel-saved models (../shared/fidelity/
  // models) show the rule is |a - b| < 2^(e - 49), e the binary exponent of a (8 units in its last place): 0 for
  // 6,840,138.8888888881 - 6,840,138.888888889 (1 unit) and for 22,089,927.222222209 - 22,089,927.222222231 (6 units),
  // but -2.2e-8 kept for 16,319,453.333333321 - 16,319,453.333333343 (12 units) and -1.9e-8 for 11,473,304.72 (10).
  // HyperFormula's smartRounding snaps when |a - b| < precisionEpsilon x |a|; 1.2e-15 agrees with all four.
  smartRounding: true,
  precisionEpsilon: 1.2e-15,
  precisionRounding: 15,
  evaluateNullToZero: true,
};

/**
 * A formula as the engine can read it. LET is rewritten away (./let-rewrite.ts: its names substituted by their values),
 * and so is a LAMBDA called in place (./lambda-rewrite.ts); the intersection operator and #NULL! become what the
 * engine reads (./null-error.ts); a number's exponent E becomes e and a
 * text literal with doubled quotes is split around CHAR(34) (./literals.ts).
 * Bare TRUE/FALSE inside an array literal ({1,FALSE}) crash HyperFormula ("Value of the formula cell is not
 * computed": a named expression inside a literal is missing from its dependency graph). Outside literals the named
 * expressions TRUE/FALSE work; inside, they become the functions TRUE()/FALSE().
 */
export function prepareFormula(text: string): string {
  const formula = text.startsWith('=')
    ? splitDoubledQuotes(lowerExponents(rewriteNull(rewriteLambdaCalls(rewriteLet(text)))))
    : text;
  if (!formula.startsWith('=') || !/TRUE|FALSE/i.test(formula) || !formula.includes('{')) return formula;
  let out = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === '"') inString = !inString;
    else if (!inString && ch === '{') depth++;
    else if (!inString && ch === '}') depth = Math.max(0, depth - 1);
    if (!inString && depth > 0 && /[TF]/i.test(ch) && !/[\w.!$']/.test(formula[i - 1] ?? '')) {
      const m = /^(TRUE|FALSE)(?![\w.(])/i.exec(formula.slice(i));
      if (m) {
        out += m[1] + '()';
        i += m[1].length - 1;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

function prepareSheets(sheets: Sheets): Sheets {
  const out: Sheets = {};
  for (const [name, rows] of Object.entries(sheets))
    out[name] = rows.map((row) => row.map((v) => (typeof v === 'string' ? prepareFormula(v) : v)));
  return out;
}

/**
 * smartRounding (the near-zero snap above) also rounds every number HyperFormula exports to 16 significant digits, and
 * turns numbers below about 1e-290 into NaN (10^(15 - exponent) overflows). Excel keeps and saves full doubles, so
 * the export keeps the value as computed; the snap of + and - inside the interpreter stays.
 */
function keepFullPrecision(hf: HyperFormula): void {
  const exporter = (hf as unknown as { _exporter?: object })._exporter;
  const proto = exporter
    ? (Object.getPrototypeOf(exporter) as { cellValueRounding?: (v: number) => number })
    : undefined;
  if (proto && typeof proto.cellValueRounding === 'function') proto.cellValueRounding = (v: number) => v;
}

/** A new engine over the given sheets, with TRUE and FALSE defined as in Excel. */
export function createEngine(sheets: Sheets = { Sheet1: [] }, config: Partial<ConfigParams> = {}): HyperFormula {
  registerSalesOps();
  const hf = HyperFormula.buildFromSheets(prepareSheets(sheets), { ...ENGINE_CONFIG, ...config }, [
    { name: 'TRUE', expression: '=TRUE()' },
    { name: 'FALSE', expression: '=FALSE()' },
  ]);
  keepFullPrecision(hf);
  // Every later edit goes through the same preparation (the playground, the headless workbook, the CLI).
  const setCellContents = hf.setCellContents.bind(hf);
  hf.setCellContents = ((address: never, contents: unknown) =>
    setCellContents(
      address,
      (typeof contents === 'string'
        ? prepareFormula(contents)
        : Array.isArray(contents)
          ? prepareSheets({ s: contents as never }).s
          : contents) as never,
    )) as typeof hf.setCellContents;
  const setSheetContent = hf.setSheetContent.bind(hf);
  hf.setSheetContent = ((sheet: number, contents: never) =>
    setSheetContent(sheet, prepareSheets({ s: contents }).s as never)) as typeof hf.setSheetContent;
  return hf;
}

/** Evaluates one formula in a scratch sheet; returns the engine's value (number, text, boolean, array or error). */
export function evaluateFormula(formula: string): unknown {
  const hf = createEngine({ Sheet1: [[formula]] });
  try {
    const size = hf.getSheetDimensions(0);
    const anchor = hf.getCellValue({ sheet: 0, row: 0, col: 0 });
    if (size.height <= 1 && size.width <= 1) return anchor;
    const values = hf.getSheetValues(0);
    // A function that failed shows one error in its cell (as in Excel); a per-row error inside a spill stays in place.
    const restBlank = values.every((row, i) => row.every((v, j) => (i === 0 && j === 0) || v === '' || v === null));
    return anchor instanceof DetailedCellError && restBlank ? anchor : values;
  } finally {
    hf.destroy();
  }
}
