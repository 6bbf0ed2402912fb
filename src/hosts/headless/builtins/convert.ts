/**
 * CONVERT(number, from_unit, to_unit): Excel's unit table (Microsoft's CONVERT doc), each unit as its size in the
 * category's base unit. Unit names are case-sensitive. A metric prefix (Y Z E P T G M k h da/e d c m u n p f a z y)
 * applies only to the units Excel allows it on (`p` below), squared or cubed for m2/m3-style units (Excel:
 * CONVERT(0.05,"Mm2","m2") = 5E+10); binary prefixes (Yi..ki) only to bit and byte. Units of different categories, an
 * unknown unit or a prefix on a unit that takes none is #N/A; temperatures convert through kelvin with offsets.
 */
import { CellError, ErrorType, FunctionArgumentType } from 'hyperformula';
import type { InterpreterState, ProcedureAst } from './hf-types';
import { ExcelPlugin } from './excel-args';

interface Unit {
  cat: string;
  size: number;
  prefix?: boolean;
  power?: number;
}

const IN = 0.0254;
const LY = 9460730472580800;
const PICA_PT = IN / 72;
const TSP = 4.92892159375e-6;
const LBF = 4.4482216152605;

/** [category, size in the base unit, takes prefixes, power of the prefix] per unit name (aliases share a row). */
const TABLE: [string[], string, number, boolean?, number?][] = [
  // Weight and mass (gram)
  [['g'], 'mass', 1, true],
  [['sg'], 'mass', 14593.902937206363],
  [['lbm'], 'mass', 453.59237],
  [['u'], 'mass', 1.660538782e-24, true],
  [['ozm'], 'mass', 28.349523125],
  [['grain'], 'mass', 0.06479891],
  [['cwt', 'shweight'], 'mass', 45359.237],
  [['uk_cwt', 'lcwt', 'hweight'], 'mass', 50802.34544],
  [['stone'], 'mass', 6350.29318],
  [['ton'], 'mass', 907184.74],
  [['brton', 'LTON', 'uk_ton'], 'mass', 1016046.9088],
  // Distance (meter)
  [['m'], 'distance', 1, true],
  [['mi'], 'distance', 1609.344],
  [['Nmi'], 'distance', 1852],
  [['in'], 'distance', IN],
  [['ft'], 'distance', 0.3048],
  [['yd'], 'distance', 0.9144],
  [['ang'], 'distance', 1e-10, true],
  [['ell'], 'distance', 1.143],
  [['ly'], 'distance', LY, true],
  [['parsec', 'pc'], 'distance', 30856775812815532, true],
  [['Picapt', 'Pica'], 'distance', PICA_PT],
  [['pica'], 'distance', IN / 6],
  [['survey_mi'], 'distance', 6336000 / 3937],
  // Time (second)
  [['yr'], 'time', 31557600],
  [['day', 'd'], 'time', 86400],
  [['hr'], 'time', 3600],
  [['mn', 'min'], 'time', 60],
  [['sec', 's'], 'time', 1, true],
  // Pressure (pascal)
  [['Pa', 'p'], 'pressure', 1, true],
  [['atm', 'at'], 'pressure', 101325, true],
  [['mmHg'], 'pressure', 133.322, true],
  [['psi'], 'pressure', 6894.757293168362],
  [['Torr'], 'pressure', 101325 / 760],
  // Force (newton)
  [['N'], 'force', 1, true],
  [['dyn', 'dy'], 'force', 1e-5, true],
  [['lbf'], 'force', LBF],
  [['pond'], 'force', 0.00980665, true],
  // Energy (joule)
  [['J'], 'energy', 1, true],
  [['e'], 'energy', 1e-7, true],
  [['c'], 'energy', 4.184, true],
  [['cal'], 'energy', 4.1868, true],
  [['eV', 'ev'], 'energy', 1.602176487e-19, true],
  [['HPh', 'hh'], 'energy', 2684519.537696173],
  [['Wh', 'wh'], 'energy', 3600, true],
  [['flb'], 'energy', 0.3048 * LBF],
  [['BTU', 'btu'], 'energy', 1055.05585262],
  // Power (watt)
  [['HP', 'h'], 'power', 745.6998715822702],
  [['PS'], 'power', 735.49875],
  [['W', 'w'], 'power', 1, true],
  // Magnetism (tesla)
  [['T'], 'magnetism', 1, true],
  [['ga'], 'magnetism', 1e-4, true],
  // Temperature: converted by formula (kelvin takes prefixes)
  [['C', 'cel'], 'temperature', 0],
  [['F', 'fah'], 'temperature', 0],
  [['K', 'kel'], 'temperature', 1, true],
  [['Rank'], 'temperature', 0],
  [['Reau'], 'temperature', 0],
  // Volume (cubic meter)
  [['tsp'], 'volume', TSP],
  [['tspm'], 'volume', 5e-6],
  [['tbs'], 'volume', 3 * TSP],
  [['oz'], 'volume', 6 * TSP],
  [['cup'], 'volume', 48 * TSP],
  [['pt', 'us_pt'], 'volume', 96 * TSP],
  [['uk_pt'], 'volume', 0.00056826125, true],
  [['qt'], 'volume', 192 * TSP],
  [['uk_qt'], 'volume', 0.0011365225],
  [['gal'], 'volume', 0.003785411784],
  [['uk_gal'], 'volume', 0.00454609],
  [['l', 'L', 'lt'], 'volume', 0.001, true],
  [['ang3', 'ang^3'], 'volume', 1e-30, true, 3],
  [['barrel'], 'volume', 0.158987294928],
  [['bushel'], 'volume', 0.03523907016688],
  [['ft3', 'ft^3'], 'volume', 0.3048 ** 3],
  [['in3', 'in^3'], 'volume', IN ** 3],
  [['ly3', 'ly^3'], 'volume', LY ** 3],
  [['m3', 'm^3'], 'volume', 1, true, 3],
  [['mi3', 'mi^3'], 'volume', 1609.344 ** 3],
  [['yd3', 'yd^3'], 'volume', 0.9144 ** 3],
  [['Nmi3', 'Nmi^3'], 'volume', 1852 ** 3],
  [['Picapt3', 'Picapt^3', 'Pica3', 'Pica^3'], 'volume', PICA_PT ** 3],
  [['GRT', 'regton'], 'volume', 2.8316846592],
  [['MTON'], 'volume', 1.13267386368],
  // Area (square meter)
  [['uk_acre'], 'area', 4046.8564224],
  [['us_acre'], 'area', 4046.8726098742522],
  [['ang2', 'ang^2'], 'area', 1e-20, true, 2],
  [['ar'], 'area', 100, true],
  [['ft2', 'ft^2'], 'area', 0.09290304],
  [['ha'], 'area', 10000],
  [['in2', 'in^2'], 'area', 0.00064516],
  [['ly2', 'ly^2'], 'area', LY ** 2],
  [['m2', 'm^2'], 'area', 1, true, 2],
  [['Morgen'], 'area', 2500],
  [['mi2', 'mi^2'], 'area', 2589988.110336],
  [['Nmi2', 'Nmi^2'], 'area', 3429904],
  [['Picapt2', 'Pica2', 'Pica^2', 'Picapt^2'], 'area', PICA_PT ** 2],
  [['yd2', 'yd^2'], 'area', 0.83612736],
  // Information (bit)
  [['bit'], 'information', 1, true],
  [['byte'], 'information', 8, true],
  // Speed (meter per second)
  [['admkn'], 'speed', 1853.184 / 3600],
  [['kn'], 'speed', 1852 / 3600],
  [['m/h', 'm/hr'], 'speed', 1 / 3600, true],
  [['m/s', 'm/sec'], 'speed', 1, true],
  [['mph'], 'speed', 0.44704, true],
];

const UNITS = new Map<string, Unit>();
for (const [names, cat, size, prefix, power] of TABLE)
  for (const n of names) UNITS.set(n, { cat, size, prefix, power });

const PREFIXES: Record<string, number> = {
  Y: 1e24,
  Z: 1e21,
  E: 1e18,
  P: 1e15,
  T: 1e12,
  G: 1e9,
  M: 1e6,
  k: 1e3,
  h: 1e2,
  da: 1e1,
  e: 1e1,
  d: 1e-1,
  c: 1e-2,
  m: 1e-3,
  u: 1e-6,
  n: 1e-9,
  p: 1e-12,
  f: 1e-15,
  a: 1e-18,
  z: 1e-21,
  y: 1e-24,
};
const BINARY: Record<string, number> = {
  Yi: 2 ** 80,
  Zi: 2 ** 70,
  Ei: 2 ** 60,
  Pi: 2 ** 50,
  Ti: 2 ** 40,
  Gi: 2 ** 30,
  Mi: 2 ** 20,
  ki: 2 ** 10,
};

/** The unit named `name`, with any prefix folded into its size; undefined when Excel does not know it. */
export function lookupUnit(name: string): (Unit & { base: string; scale: number }) | undefined {
  const plain = UNITS.get(name);
  if (plain) return { ...plain, base: name, scale: 1 };
  for (const [table, binary] of [
    [BINARY, true],
    [PREFIXES, false],
  ] as const) {
    for (const [p, factor] of Object.entries(table)) {
      if (!name.startsWith(p)) continue;
      const base = name.slice(p.length);
      const u = UNITS.get(base);
      if (!u?.prefix || (binary && u.cat !== 'information')) continue;
      const scale = factor ** (u.power ?? 1);
      return { ...u, base, scale, size: u.size * scale };
    }
  }
  return undefined;
}

/** A temperature in `unit` to kelvin, and back. */
function toKelvin(x: number, base: string, scale: number): number {
  switch (base) {
    case 'C':
    case 'cel':
      return x + 273.15;
    case 'F':
    case 'fah':
      return ((x - 32) * 5) / 9 + 273.15;
    case 'Rank':
      return (x * 5) / 9;
    case 'Reau':
      return x * 1.25 + 273.15;
    default:
      return x * scale;
  }
}
function fromKelvin(k: number, base: string, scale: number): number {
  switch (base) {
    case 'C':
    case 'cel':
      return k - 273.15;
    case 'F':
    case 'fah':
      return ((k - 273.15) * 9) / 5 + 32;
    case 'Rank':
      return (k * 9) / 5;
    case 'Reau':
      return (k - 273.15) / 1.25;
    default:
      return k / scale;
  }
}

export class ConvertPlugin extends ExcelPlugin {
  static implementedFunctions = {
    CONVERT: {
      method: 'convert',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.SCALAR },
      ],
    },
  };

  convert(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('CONVERT'),
      (number: unknown, fromUnit: unknown, toUnit: unknown) => {
        const x = this.num(number, 'CONVERT', 'number');
        if (x instanceof CellError) return x;
        if (fromUnit instanceof CellError) return fromUnit;
        if (toUnit instanceof CellError) return toUnit;
        const from = lookupUnit(String(fromUnit));
        if (!from)
          return new CellError(ErrorType.NA, `CONVERT: from_unit "${String(fromUnit)}" is not a unit CONVERT knows`);
        const to = lookupUnit(String(toUnit));
        if (!to) return new CellError(ErrorType.NA, `CONVERT: to_unit "${String(toUnit)}" is not a unit CONVERT knows`);
        if (from.cat !== to.cat)
          return new CellError(
            ErrorType.NA,
            `CONVERT: cannot convert ${from.cat} ("${String(fromUnit)}") to ${to.cat} ("${String(toUnit)}")`,
          );
        if (from.cat === 'temperature') return fromKelvin(toKelvin(x, from.base, from.scale), to.base, to.scale);
        return (x * from.size) / to.size;
      },
    );
  }
}
