/**
 * Excel's built-in functions where HyperFormula lacks them or computes them differently: one HyperFormula function
 * plugin per file in this folder, listed once below. `registerBuiltins()` (called by engine.ts) replaces the engine's
 * own implementation of every function a plugin declares, so the plugin is what every formula calls.
 *
 * Each plugin's tests come from Microsoft's documented examples (test/hosts/headless/builtins/), and the fidelity
 * corpus (../shared/fidelity, `npm run fidelity`) is the acceptance test.
 */
import { HyperFormula } from 'hyperformula';
import type { FunctionPluginDefinition } from 'hyperformula';
import { ConcatPlugin } from './concat';
import { CeilingFloorPlugin } from './ceiling-floor';
import { ComplexPlugin } from './complex';
import { ConvertPlugin } from './convert';
import { ErfStepPlugin } from './erf-step';
import { SecuritiesPlugin } from './securities';
import { StatsBasicPlugin } from './stats-basic';
import { RegressionPlugin } from './regression';
import { TextFormatPlugin } from './text-format';
import { TextSplitPlugin } from './text-split';
import { ArrayShapePlugin } from './array-shape';
import { SortPlugin } from './sort';
import { GcdLcmPlugin } from './gcd-lcm';
import { LambdaPlugin } from './lambda';
import { RoundingPlugin } from './rounding';
import { LogicalPlugin } from './logical';
import { InformationPlugin } from './information';
import { TextBasicPlugin } from './text-basic';
import { TextConvertPlugin } from './text-convert';
import { RegexPlugin } from './regex';
import { DollarFractionPlugin } from './dollar-fraction';
import { FinancePlugin } from './finance';
import { XCashflowsPlugin } from './xcashflows';
import { OddCouponsPlugin } from './odd-coupons';
import { BaseConvertPlugin } from './base-convert';
import { BitsPlugin } from './bits';
import { MatrixPlugin } from './matrix';
import { FilterStackPlugin } from './filter-stack';
import { DateMathPlugin } from './date-math';
import { TDistPlugin } from './t-dist';
import { SumproductPlugin } from './sumproduct';
import { ConditionalPlugin } from './conditional';
import { XLookupPlugin } from './xlookup';
import { LookupClassicPlugin } from './lookup-classic';
import { DatabasePlugin } from './database';
import { ReferencePlugin } from './reference';
import { DistDiscretePlugin } from './dist-discrete';
import { DistContinuousPlugin } from './dist-continuous';
import { StatTestsPlugin } from './stat-tests';
import { MathScalarPlugin } from './math-scalar';
import { TrigReciprocalPlugin } from './trig-reciprocal';
import { RomanPlugin } from './roman';
import { MathListsPlugin } from './math-lists';
import { SequencePlugin } from './sequence';
import { DatePartsPlugin } from './date-parts';
import { BesselPlugin } from './bessel';
import { NullErrorPlugin } from './null-error';
import { ReferenceErrorsPlugin } from './reference-errors';

/** Every built-in plugin, registered in this order (a later plugin's function replaces an earlier one's). */
export const BUILTIN_PLUGINS: FunctionPluginDefinition[] = [
  ConcatPlugin,
  CeilingFloorPlugin,
  ComplexPlugin,
  ConvertPlugin,
  ErfStepPlugin,
  SecuritiesPlugin,
  StatsBasicPlugin,
  RegressionPlugin,
  TextFormatPlugin,
  TextSplitPlugin,
  ArrayShapePlugin,
  SortPlugin,
  GcdLcmPlugin,
  LambdaPlugin,
  RoundingPlugin,
  LogicalPlugin,
  InformationPlugin,
  TextBasicPlugin,
  TextConvertPlugin,
  RegexPlugin,
  DollarFractionPlugin,
  FinancePlugin,
  XCashflowsPlugin,
  OddCouponsPlugin,
  BaseConvertPlugin,
  BitsPlugin,
  MatrixPlugin,
  FilterStackPlugin,
  DateMathPlugin,
  TDistPlugin,
  SumproductPlugin,
  ConditionalPlugin,
  XLookupPlugin,
  LookupClassicPlugin,
  DatabasePlugin,
  ReferencePlugin,
  DistDiscretePlugin,
  DistContinuousPlugin,
  StatTestsPlugin,
  MathScalarPlugin,
  TrigReciprocalPlugin,
  RomanPlugin,
  MathListsPlugin,
  SequencePlugin,
  DatePartsPlugin,
  BesselPlugin,
  NullErrorPlugin,
  ReferenceErrorsPlugin,
] as unknown as FunctionPluginDefinition[];

/** enGB/enUS names of a plugin's functions: the id itself (Excel's English names). */
function translations(plugin: FunctionPluginDefinition): Record<string, Record<string, string>> {
  const names = Object.fromEntries(Object.keys(plugin.implementedFunctions).map((id) => [id, id]));
  return { enGB: names, enUS: names };
}

/** Registers every plugin of BUILTIN_PLUGINS, replacing the engine's own function of the same name. Process-wide. */
export function registerBuiltins(): void {
  const existing = new Set(HyperFormula.getRegisteredFunctionNames('enGB'));
  for (const plugin of BUILTIN_PLUGINS) {
    for (const id of Object.keys(plugin.implementedFunctions))
      if (existing.has(id)) HyperFormula.unregisterFunction(id);
    HyperFormula.registerFunctionPlugin(plugin, translations(plugin) as never);
  }
}
