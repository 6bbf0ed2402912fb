/** CONVERT: the examples of Microsoft's CONVERT doc page, and its prefix rules. */
import { evaluateFormula } from '../../../../src/hosts/headless/engine';
import { expectErrorCell } from '../../../support/engine';

describe('CONVERT', () => {
  it.each([
    // "Converts 1 pound mass to kilograms (0.4535924)".
    ['=CONVERT(1, "lbm", "kg")', 0.4535924],
    // "Converts 68 degrees Fahrenheit to Celsius (20)".
    ['=CONVERT(68, "F", "C")', 20],
    // "Converts 6 teaspoons to tablespoons (2)".
    ['=CONVERT(6, "tsp", "tbs")', 2],
    // 6 US gallons of 231 cubic inches: 6 x 231 x 2.54^3 cm3 = 22,712.470704 cm3 = 22.712470704 l.
    ['=CONVERT(6, "gal", "l")', 22.712470704],
    // "Converts 6 statute miles to kilometers (9.656064)".
    ['=CONVERT(6, "mi", "km")', 9.656064],
    // "Converts 6 kilometers to statute miles (3.728227153)".
    ['=CONVERT(6, "km", "mi")', 3.728227153],
    // "Converts 6 inches to feet (0.5)"; "Converts 6 centimeters to inches (2.362204724)".
    ['=CONVERT(6, "in", "ft")', 0.5],
    ['=CONVERT(6, "cm", "in")', 2.362204724],
    // "Converts 100 square feet into square meters (9.290304)".
    ['=CONVERT(CONVERT(100,"ft","m"),"ft","m")', 9.290304],
    // Binary prefix: 1 kibibyte = 1024 bytes = 8192 bits (the doc's prefix table: ki = 2^10).
    ['=CONVERT(1, "kibyte", "bit")', 8192],
    // A prefix on an area unit is squared: 1 km2 = 1,000,000 m2.
    ['=CONVERT(1, "km2", "m2")', 1e6],
  ])('%s = %p', (formula, expected) => {
    expect(evaluateFormula(formula)).toBeCloseTo(expected as number, 6);
  });

  it('is #N/A across categories, for unknown units and prefixes a unit does not take', () => {
    // "Data types are not the same, so an error is returned (#N/A)".
    expectErrorCell(evaluateFormula('=CONVERT(2.5, "ft", "sec")'), '#N/A', 'cannot convert distance');
    expectErrorCell(evaluateFormula('=CONVERT(1, "kft", "m")'), '#N/A', 'from_unit "kft"');
    expectErrorCell(evaluateFormula('=CONVERT(1, "m", "LBM")'), '#N/A', 'to_unit "LBM"');
    expectErrorCell(evaluateFormula('=CONVERT("x", "m", "ft")'), '#VALUE!', 'number "x"');
  });
});
