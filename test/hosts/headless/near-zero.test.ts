import { run } from '../../support/engine';

// Excel's cached values in ../shared/fidelity/models/saas-financial-model.xlsx (Financial Statements row 84,
// =E72-E77-E82): Excel shows 0 where the final subtraction cancels to within a few units in the last place, and keeps
// the difference where it does not ("Floating-point arithmetic may give inaccurate results in Excel").
describe('near-zero snap of a final + or -', () => {
  it('E84: 6840138.8888888881 - 0 - 6840138.888888889 is 0 in Excel (1 unit in the last place)', () => {
    expect(run([[6840138.8888888881, 0, 6840138.888888889]], '=Data!A1-Data!B1-Data!C1')).toBe(0);
  });
  it('AQ84: 36300427.222222209 - 14210500 - 22089927.222222231 is 0 in Excel (6 units)', () => {
    expect(run([[36300427.222222209, 14210500, 22089927.222222231]], '=Data!A1-Data!B1-Data!C1')).toBe(0);
  });
  it('AS84: 33017453.333333321 - 16698000 - 16319453.333333343 stays -2.2351741790771484e-8 in Excel (12 units)', () => {
    expect(run([[33017453.333333321, 16698000, 16319453.333333343]], '=Data!A1-Data!B1-Data!C1')).toBe(
      -2.2351741790771484e-8,
    );
  });
  it('numbers are exported as computed: EXP(-745) is the smallest subnormal, not NaN', () => {
    expect(run([[]], '=EXP(-745)')).toBe(5e-324);
    expect(run([[]], '=1/3')).toBe(1 / 3);
  });
});
